//! Sanction terms: `avoid`, `impose`; and when a sanction bites, which the demand and market
//! terms ask too.

use super::{Ask, Vocabulary};
use crate::compile::expr::Expr;
use crate::compile::options::{exits, named, OptionRole};
use crate::scenario::term::Subject;
use crate::scenario::{Sanction, ScenarioProblem};

impl<'a> Vocabulary<'a> {
    /// The circumvention options of `party` against the sanctions backing `demand`.
    fn circumventions(&self, party: &str, demand: &str) -> Vec<Expr> {
        named(self.options, |o| {
            o.party == party
                && matches!(&o.role, OptionRole::Circumvent { demand: d } if d == demand)
        })
        .map(Expr::atom)
        .collect()
    }

    /// The options striking `demand` down (its sanctions then no longer bite).
    pub(super) fn strike_downs(&self, demand: &str) -> Vec<Expr> {
        named(
            self.options,
            |o| matches!(&o.role, OptionRole::StrikeDown { demand: d } if d == demand),
        )
        .map(Expr::atom)
        .collect()
    }

    /// `enforce s` bites: it is taken, `demand` is not struck down and, for a sanction
    /// excluding `target` from the market, not circumvented by `target`.
    pub(super) fn bites(&self, enforce: &str, demand: &str, target: &str, excludes: bool) -> Expr {
        let circumvent = if excludes {
            self.circumventions(target, demand)
        } else {
            Vec::new()
        };
        let mut parts = vec![Expr::atom(enforce)];
        parts.extend(circumvent.into_iter().map(Expr::negate));
        parts.extend(self.strike_downs(demand).into_iter().map(Expr::negate));
        Expr::all(parts).unwrap_or_else(|| Expr::atom(enforce))
    }

    /// The sanction the term names and its `enforce` option.
    fn enforced(&self, ask: &Ask<'_>) -> Result<(&'a Sanction, Expr), ScenarioProblem> {
        let arg = ask.argument;
        let sanction = self
            .scenario
            .sanction(arg)
            .ok_or_else(|| ask.unknown(Subject::Sanction))?;
        let enforce = named(
            self.options,
            |o| matches!(&o.role, OptionRole::Enforce { sanction, .. } if sanction == arg),
        )
        .next()
        .map(Expr::atom)
        .ok_or_else(|| ask.unknown(Subject::Sanction))?;
        Ok((sanction, enforce))
    }
}

/// `impose s`: `enforce s`.
pub(super) fn impose(v: &Vocabulary<'_>, ask: &Ask<'_>) -> Result<Expr, ScenarioProblem> {
    v.enforced(ask).map(|(_, enforce)| enforce)
}

/// `avoid s`: `!enforce s | k` for every strike-down `k` of the demand it backs, and for a
/// ban, shutdown order or licence revocation `| x | v` for every exit `x` of its target and
/// every circumvention `v` of it.
pub(super) fn avoid(v: &Vocabulary<'_>, ask: &Ask<'_>) -> Result<Expr, ScenarioProblem> {
    let (sanction, enforce) = v.enforced(ask)?;
    let mut parts = vec![enforce.negate()];
    parts.extend(v.strike_downs(sanction.backs.as_deref().unwrap_or_default()));
    if sanction.kind.excludes_from_market() {
        let target = v.scenario.sanction_target(sanction).unwrap_or_default();
        parts.extend(exits(v.options, target).map(Expr::atom));
        let demand = sanction.backs.as_deref().unwrap_or_default();
        parts.extend(v.circumventions(target, demand));
    }
    Expr::any(parts).ok_or_else(|| ask.unknown(Subject::Sanction))
}
