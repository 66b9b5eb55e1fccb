//! Market terms: `in_market`, `exited`.

use super::{Ask, Vocabulary};
use crate::compile::expr::Expr;
use crate::compile::options::{exits, OptionRole};
use crate::scenario::term::Subject;
use crate::scenario::ScenarioProblem;

/// `in_market q` (no name: the party whose priority it is): `!x` for every exit `x` of `q`,
/// and `!b` for every ban, shutdown order or licence revocation aimed at `q` that bites (see
/// [`Vocabulary::bites`]).
pub(super) fn in_market(v: &Vocabulary<'_>, ask: &Ask<'_>) -> Result<Expr, ScenarioProblem> {
    let who = if ask.argument.is_empty() {
        ask.party.unwrap_or_default()
    } else {
        ask.argument
    };
    if v.scenario.party(who).is_none() {
        return Err(ask.unknown(Subject::Party));
    }
    let mut parts: Vec<Expr> = exits(v.options, who)
        .map(|x| Expr::atom(x).negate())
        .collect();
    for o in v.options {
        if let OptionRole::Enforce {
            demand,
            target,
            excludes: true,
            ..
        } = &o.role
        {
            if target == who {
                parts.push(v.bites(&o.name, demand, who, true).negate());
            }
        }
    }
    Expr::all(parts).ok_or_else(|| {
        ask.vacuous(format!(
            "`{who}` has no exit move and faces no ban, shutdown order or licence revocation"
        ))
    })
}

/// `exited q`: `x` for an exit `x` of `q` (`|` over several).
pub(super) fn exited(v: &Vocabulary<'_>, ask: &Ask<'_>) -> Result<Expr, ScenarioProblem> {
    let arg = ask.argument;
    if v.scenario.party(arg).is_none() {
        return Err(ask.unknown(Subject::Party));
    }
    Expr::any(exits(v.options, arg).map(Expr::atom).collect())
        .ok_or_else(|| ask.vacuous(format!("`{arg}` has no exit move")))
}
