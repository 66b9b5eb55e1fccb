//! Demand terms: `demand_met`, `demand_partly_met`, `withdrawn`, `not_withdraw`, `free_of`,
//! `upheld`.

use super::{Ask, Vocabulary};
use crate::compile::expr::Expr;
use crate::compile::options::{exits, OptionRole};
use crate::scenario::term::Subject;
use crate::scenario::ScenarioProblem;

fn comply(demand: String) -> OptionRole {
    OptionRole::Comply { demand }
}

fn partial(demand: String) -> OptionRole {
    OptionRole::Partial { demand }
}

fn withdraw(demand: String) -> OptionRole {
    OptionRole::Withdraw { demand }
}

/// The target of the demand the term names (empty for an unknown demand).
fn target<'a>(v: &Vocabulary<'a>, ask: &Ask<'_>) -> &'a str {
    v.scenario
        .demand(ask.argument)
        .map(|d| d.of.as_str())
        .unwrap_or_default()
}

/// `demand_met d`: `comply with d`.
pub(super) fn demand_met(v: &Vocabulary<'_>, ask: &Ask<'_>) -> Result<Expr, ScenarioProblem> {
    v.required(ask, comply, Subject::Demand)
}

/// `demand_partly_met d`: `comply with d | partial d`.
pub(super) fn demand_partly_met(
    v: &Vocabulary<'_>,
    ask: &Ask<'_>,
) -> Result<Expr, ScenarioProblem> {
    let full = v.required(ask, comply, Subject::Demand)?;
    Ok(match v.option_of(ask, partial) {
        Some(p) => Expr::Or(vec![full, Expr::atom(p)]),
        None => full,
    })
}

/// `withdrawn d`: `withdraw d`, or `withdraw d | k` for every move `k` striking `d` down
/// (the demand is off the table either way).
pub(super) fn withdrawn(v: &Vocabulary<'_>, ask: &Ask<'_>) -> Result<Expr, ScenarioProblem> {
    let mut parts = vec![v.required(ask, withdraw, Subject::Demand)?];
    parts.extend(strikes(v, ask));
    Expr::any(parts).ok_or_else(|| ask.unknown(Subject::Demand))
}

/// The options striking the term's demand down.
fn strikes(v: &Vocabulary<'_>, ask: &Ask<'_>) -> Vec<Expr> {
    v.strike_downs(ask.argument)
}

/// `not_withdraw d`: `!withdraw d`.
pub(super) fn not_withdraw(v: &Vocabulary<'_>, ask: &Ask<'_>) -> Result<Expr, ScenarioProblem> {
    Ok(withdrawn(v, ask)?.negate())
}

/// `free_of d`: `withdraw d | x` for every exit `x` of `d`'s target (and every move `k`
/// striking `d` down).
pub(super) fn free_of(v: &Vocabulary<'_>, ask: &Ask<'_>) -> Result<Expr, ScenarioProblem> {
    let mut parts = vec![v.required(ask, withdraw, Subject::Demand)?];
    parts.extend(strikes(v, ask));
    parts.extend(exits(v.options, target(v, ask)).map(Expr::atom));
    Expr::any(parts).ok_or_else(|| ask.unknown(Subject::Demand))
}

/// `upheld d`: `comply with d | partial d | x | b` for every exit `x` of `d`'s target and
/// every sanction backing `d` that bites (`b`, see [`Vocabulary::bites`]).
pub(super) fn upheld(v: &Vocabulary<'_>, ask: &Ask<'_>) -> Result<Expr, ScenarioProblem> {
    let mut parts = vec![v.required(ask, comply, Subject::Demand)?];
    let target = target(v, ask);
    parts.extend(v.option_of(ask, partial).map(Expr::atom));
    parts.extend(exits(v.options, target).map(Expr::atom));
    for o in v.options {
        if let OptionRole::Enforce {
            demand, excludes, ..
        } = &o.role
        {
            if demand == ask.argument {
                parts.push(v.bites(&o.name, demand, target, *excludes));
            }
        }
    }
    Expr::any(parts).ok_or_else(|| ask.unknown(Subject::Demand))
}
