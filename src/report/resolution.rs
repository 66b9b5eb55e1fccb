//! Plain-text rendering of a [`Resolution`] (its `Display`) and of a whole scenario report.

use std::fmt;

use crate::conflict::ConflictGraph;
use crate::resolve::{Block, ConceptExplanation, Resolution, StateRef, Step};
use crate::stability::concept::Concept;

fn concepts(cs: &[Concept]) -> String {
    cs.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(" ")
}

fn state(s: &StateRef) -> String {
    format!("{} ({})", s.label, s.outcome.name)
}

fn step(s: &Step) -> String {
    format!(
        "{}: {} -> {}: {}{}",
        s.party,
        s.from,
        s.to.label,
        s.changes.join(", "),
        if s.improvement {
            ""
        } else {
            " (not an improvement for it)"
        }
    )
}

fn block(b: &Block) -> String {
    let moves: Vec<String> = b
        .moves
        .iter()
        .map(|m| {
            format!(
                "{} ({} -> {}{})",
                m.changes.join(", "),
                m.from,
                m.to.label,
                if m.improvement { ", credible" } else { "" }
            )
        })
        .collect();
    format!("{}, ending in {}", moves.join(", then "), state(&b.end))
}

fn reasons(f: &mut fmt::Formatter<'_>, e: &ConceptExplanation, indent: &str) -> fmt::Result {
    for p in &e.parties {
        if p.improvements.is_empty() {
            writeln!(f, "{indent}{}: no improving move", p.party)?;
            continue;
        }
        writeln!(
            f,
            "{indent}{}: {}",
            p.party,
            if p.stable {
                "stays, every improvement is blocked"
            } else {
                "would move"
            }
        )?;
        for imp in &p.improvements {
            writeln!(
                f,
                "{indent}  to {}: {}",
                state(&imp.to),
                imp.changes.join(", ")
            )?;
            match &imp.blocked_by {
                Some(b) => writeln!(f, "{indent}    blocked: {}", block(b))?,
                None => writeln!(f, "{indent}    not blocked")?,
            }
        }
    }
    Ok(())
}

impl fmt::Display for Resolution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Resolution of `{}`: {} feasible states, reachability {}, concepts {}",
            self.scenario,
            self.states,
            self.reachability,
            concepts(&self.concepts)
        )?;
        writeln!(
            f,
            "options (one letter of each state label, in this order):"
        )?;
        for (k, o) in self.options.iter().enumerate() {
            writeln!(f, "  {}. {} ({})", k + 1, o.name, o.party)?;
        }

        writeln!(f, "\nstatus quo {}", state(&self.status_quo))?;
        writeln!(
            f,
            "  from there, under {}:",
            self.status_quo_reasons.concept.as_str()
        )?;
        reasons(f, &self.status_quo_reasons, "    ")?;

        writeln!(
            f,
            "\nthreats (credible: carrying it out is an improvement for the party holding it):"
        )?;
        if self.threats.is_empty() {
            writeln!(f, "  none")?;
        }
        for t in &self.threats {
            writeln!(
                f,
                "  {}: `{}` ({}){}{}",
                t.party,
                t.option,
                t.meaning,
                if t.credible {
                    " -- credible"
                } else {
                    " -- not credible"
                },
                if t.against.is_empty() {
                    String::new()
                } else {
                    format!(", against {}", t.against.join(", "))
                }
            )?;
            for d in &t.deters {
                writeln!(
                    f,
                    "    deters {} at {} from moving to {} [{}]",
                    d.party,
                    state(&d.at),
                    state(&d.instead_of),
                    concepts(&d.concepts)
                )?;
            }
            if !t.on_paths.is_empty() {
                writeln!(f, "    taken on the path to {}", t.on_paths.join(", "))?;
            }
        }

        writeln!(
            f,
            "\npredicted outcomes (equilibria reachable from the status quo by improving moves; {} of {} states reachable):",
            self.reachable, self.states
        )?;
        if self.predicted.is_empty() {
            writeln!(f, "  none")?;
        }
        for (n, p) in self.predicted.iter().enumerate() {
            writeln!(
                f,
                "  {}. {}  [{}]",
                n + 1,
                state(&p.state),
                concepts(&p.concepts)
            )?;
            if p.path.is_empty() {
                writeln!(f, "     path: it is the status quo")?;
            } else {
                writeln!(
                    f,
                    "     path ({} step{}):",
                    p.path.len(),
                    if p.path.len() == 1 { "" } else { "s" }
                )?;
                for s in &p.path {
                    writeln!(f, "       {}", step(s))?;
                }
            }
            if let Some(e) = p.leading() {
                writeln!(f, "     why it holds ({}):", e.concept.as_str())?;
                reasons(f, e, "       ")?;
            }
        }

        writeln!(f, "\nequilibria:")?;
        if self.equilibria.is_empty() {
            writeln!(f, "  none")?;
        }
        for e in &self.equilibria {
            writeln!(
                f,
                "  {}  [{}]{}",
                state(&e.state),
                concepts(&e.concepts),
                if e.reachable {
                    ""
                } else {
                    " (not reachable from the status quo)"
                }
            )?;
        }
        Ok(())
    }
}

/// The full text report of a scenario: its conflict graph summary, then its resolution.
pub fn scenario_report(conflict: &ConflictGraph, resolution: &Resolution) -> String {
    format!("{conflict}\n{resolution}")
}
