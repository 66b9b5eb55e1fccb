//! Policy terms: `keep_policy`.

use super::{Ask, Vocabulary};
use crate::compile::expr::Expr;
use crate::compile::options::{find, OptionRole};
use crate::scenario::term::Subject;
use crate::scenario::{Firmness, ScenarioProblem};

/// `keep_policy p`: `!comply with d` for every demand `d` conflicting with `p` (also
/// `!partial d` where `p` is `absolute`).
pub(super) fn keep_policy(v: &Vocabulary<'_>, ask: &Ask<'_>) -> Result<Expr, ScenarioProblem> {
    let arg = ask.argument;
    let policy = v
        .scenario
        .policy(arg)
        .ok_or_else(|| ask.unknown(Subject::Policy))?;
    let mut parts = Vec::new();
    for (_, d) in v.conflicts.iter().filter(|(p, _)| p == arg) {
        let d = d.clone();
        if let Some(c) = find(v.options, &OptionRole::Comply { demand: d.clone() }) {
            parts.push(Expr::atom(c).negate());
        }
        if policy.firmness == Firmness::Absolute {
            if let Some(p) = find(v.options, &OptionRole::Partial { demand: d }) {
                parts.push(Expr::atom(p).negate());
            }
        }
    }
    Expr::all(parts).ok_or_else(|| ask.vacuous(format!("no demand conflicts with policy `{arg}`")))
}
