//! Direct terms, over the compiled model itself: `option`, `condition`.

use super::{Ask, Vocabulary};
use crate::compile::expr::Expr;
use crate::scenario::term::Subject;
use crate::scenario::ScenarioProblem;

/// `option o`: `o`.
pub(super) fn option(v: &Vocabulary<'_>, ask: &Ask<'_>) -> Result<Expr, ScenarioProblem> {
    v.options
        .iter()
        .find(|o| o.name == ask.argument)
        .map(|o| Expr::atom(&o.name))
        .ok_or_else(|| ask.unknown(Subject::CompiledOption))
}

/// `condition c`: `c` as written.
pub(super) fn condition(v: &Vocabulary<'_>, ask: &Ask<'_>) -> Result<Expr, ScenarioProblem> {
    v.check_condition(ask.argument, ask.context)?;
    Ok(Expr::Raw(ask.argument.to_string()))
}
