//! Plain-text rendering of a stability explanation.

use std::fmt::Write;

use crate::model::graph_model::GraphModel;
use crate::report::one_line;
use crate::stability::explain::Explanation;

/// Renders an [`Explanation`] as indented plain text.
pub fn explanation_text(model: &GraphModel, e: &Explanation) -> String {
    let dm_name = |d: usize| {
        one_line(
            model
                .decision_makers()
                .get(d)
                .map(|x| x.name())
                .unwrap_or("?"),
        )
        .into_owned()
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} at {} for {}: {}",
        e.concept.as_str(),
        model.label(e.state),
        dm_name(e.decision_maker),
        if e.stable { "stable" } else { "unstable" }
    );
    if e.improvements.is_empty() {
        let _ = writeln!(out, "  no unilateral improvement");
    }
    for check in &e.improvements {
        let _ = write!(out, "  improvement to {}: ", model.label(check.improvement));
        match &check.sanction {
            None => {
                let _ = writeln!(out, "not blocked");
            }
            Some(s) => {
                let steps: Vec<String> = s
                    .moves
                    .iter()
                    .map(|m| {
                        format!(
                            "{} moves {} -> {}",
                            dm_name(m.mover),
                            model.label(m.from),
                            model.label(m.to)
                        )
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    "blocked by {} (ends in {})",
                    steps.join(", then "),
                    model.label(s.end)
                );
                if !s.counter_moves.is_empty() {
                    let c: Vec<String> = s.counter_moves.iter().map(|&t| model.label(t)).collect();
                    let _ = writeln!(
                        out,
                        "    no escape: its moves from there ({}) are no better",
                        c.join(", ")
                    );
                }
            }
        }
        for esc in &check.escapes {
            let _ = writeln!(
                out,
                "    sanction ending in {} escaped by moving to {}",
                model.label(esc.end),
                model.label(esc.escape)
            );
        }
    }
    out
}
