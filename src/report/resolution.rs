//! Plain-text rendering of a [`Resolution`] (its `Display`) and of a whole scenario report.
//!
//! Names are written as they are, except that line breaks and tabs in them become spaces and
//! other control characters are dropped ([`one_line`]), so every entry keeps to its line.

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use crate::conflict::{ConflictGraph, NodeKind, ThreatMeans};
use crate::resolve::{Block, ConceptExplanation, Resolution, StateRef, Step};
use crate::stability::concept::Concept;

/// `text` on one line: line breaks and tabs become spaces, other control characters are
/// dropped; everything else (quotes, backslashes, non-ASCII) is kept.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Names joined by `sep`, each on one line.
fn joined(names: &[String], sep: &str) -> String {
    names
        .iter()
        .map(|n| one_line(n))
        .collect::<Vec<_>>()
        .join(sep)
}

fn concepts(cs: &[Concept]) -> String {
    cs.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(" ")
}

fn state(s: &StateRef) -> String {
    format!("{} ({})", s.label, one_line(&s.outcome.name))
}

fn step(s: &Step) -> String {
    format!(
        "{}: {} -> {}: {}{}",
        one_line(&s.party),
        s.from,
        s.to.label,
        joined(&s.changes, ", "),
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
                joined(&m.changes, ", "),
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
            writeln!(f, "{indent}{}: no improving move", one_line(&p.party))?;
            continue;
        }
        writeln!(
            f,
            "{indent}{}: {}",
            one_line(&p.party),
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
                joined(&imp.changes, ", ")
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
        write!(f, "{}", super::forecast::forecast_text(self))?;
        writeln!(
            f,
            "Resolution of `{}`: {} feasible states, reachability {}, concepts {}",
            one_line(&self.scenario),
            self.states,
            self.reachability,
            concepts(&self.concepts)
        )?;
        writeln!(
            f,
            "options (one letter of each state label, in this order):"
        )?;
        for (k, o) in self.options.iter().enumerate() {
            writeln!(
                f,
                "  {}. {} ({})",
                k + 1,
                one_line(&o.name),
                one_line(&o.party)
            )?;
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
                one_line(&t.party),
                one_line(&t.option),
                one_line(&t.meaning),
                if t.credible {
                    " -- credible"
                } else {
                    " -- not credible"
                },
                if t.against.is_empty() {
                    String::new()
                } else {
                    format!(", against {}", joined(&t.against, ", "))
                }
            )?;
            for d in &t.deters {
                writeln!(
                    f,
                    "    deters {} at {} from moving to {} [{}]",
                    one_line(&d.party),
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

/// The conflict graph's summary as plain text: the same text as its `Display`, with names
/// kept on one line ([`one_line`]).
pub fn conflict_text(conflict: &ConflictGraph) -> String {
    let s = conflict.summary();
    let nodes = conflict.nodes();
    let count = |kind: NodeKind, one: &str, many: &str| {
        let n = nodes.iter().filter(|x| x.kind == kind).count();
        format!("{n} {}", if n == 1 { one } else { many })
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Conflict `{}`: {}, {}, {}, {}",
        one_line(&s.name),
        count(NodeKind::Party, "party", "parties"),
        count(NodeKind::Policy, "policy", "policies"),
        count(NodeKind::Demand, "demand", "demands"),
        count(NodeKind::Sanction, "sanction", "sanctions"),
    );
    let _ = writeln!(out, "parties:");
    for p in &s.parties {
        let _ = write!(out, "  {} ({})", one_line(&p.name), p.kind.as_str());
        if !p.moves.is_empty() {
            let moves: Vec<String> = p
                .moves
                .iter()
                .map(|m| format!("`{}` ({})", one_line(&m.name), m.kind.as_str()))
                .collect();
            let _ = write!(out, "; moves: {}", moves.join(", "));
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(out, "conflicts:");
    if s.conflicts.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for c in &s.conflicts {
        let _ = writeln!(
            out,
            "  demand `{}` of {} on {} runs into policy `{}` of {}",
            one_line(&c.demand),
            one_line(&c.maker),
            one_line(&c.target),
            one_line(&c.policy),
            one_line(&c.target)
        );
    }
    let _ = writeln!(out, "threats (who threatens whom):");
    if s.threats.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for t in &s.threats {
        let (by, against) = (one_line(&t.by), one_line(&t.against));
        let _ = match &t.means {
            ThreatMeans::Sanction { sanction, demand } => writeln!(
                out,
                "  {by} threatens {against} with sanction `{}` backing demand `{}`{}",
                one_line(sanction),
                one_line(demand),
                if t.in_force { " (in force)" } else { "" }
            ),
            ThreatMeans::Exit { option } => writeln!(
                out,
                "  {by} threatens {against} with exit `{}` ({against} wants {by} in the market)",
                one_line(option),
            ),
        };
    }
    let _ = writeln!(out, "policies under pressure:");
    if s.policies_under_pressure.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for p in &s.policies_under_pressure {
        let quoted = |names: &[String]| {
            names
                .iter()
                .map(|d| format!("`{}`", one_line(d)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = write!(
            out,
            "  `{}` of {}: demand {}",
            one_line(&p.policy),
            one_line(&p.holder),
            quoted(&p.demands)
        );
        if !p.sanctions.is_empty() {
            let _ = write!(out, ", backed by {}", quoted(&p.sanctions));
        }
        let _ = writeln!(out);
    }
    let listed = |lists: &[Vec<String>], within: &str| {
        if lists.is_empty() {
            "none".to_string()
        } else {
            lists
                .iter()
                .map(|g| joined(g, within))
                .collect::<Vec<_>>()
                .join("; ")
        }
    };
    let _ = writeln!(
        out,
        "mutual pressure: {}",
        listed(&s.pressure_groups, " <-> ")
    );
    let _ = writeln!(out, "demand chains: {}", listed(&s.demand_chains, " -> "));
    out
}

/// The full text report of a scenario: its conflict graph summary ([`conflict_text`]), then
/// its resolution.
pub fn scenario_report(conflict: &ConflictGraph, resolution: &Resolution) -> String {
    format!(
        "{}\n\n{}\n{resolution}",
        super::forecast::forecast_line(resolution),
        conflict_text(conflict)
    )
}
