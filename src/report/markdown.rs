//! Markdown renderings of a conflict graph and a resolution, for people who read documents
//! rather than JSON: headings, tables for options and equilibria, lists for paths and reasons.
//!
//! Every name goes through [`escape`], so a name holding `|`, `*`, `_`, backticks, brackets,
//! `<`, `#` or line breaks can neither break a table nor start emphasis, code, links, HTML or
//! new blocks. State labels (`Y`/`N` letters) are written as code.
//!
//! ```
//! use standoff::{ConflictGraph, Resolver, Scenario};
//! let scenario = Scenario::from_toml_str(include_str!("../../seeds/blackberry-pakistan-2015.toml"))?;
//! let conflict = ConflictGraph::new(&scenario)?;
//! let (_, resolution) = Resolver::default().resolve_scenario(&scenario)?;
//! let md = standoff::report::scenario_markdown(&conflict, &resolution);
//! assert!(md.starts_with("# BlackBerry and Pakistan, 2015\n"));
//! assert!(md.contains("| 4 | exit Pakistan | BlackBerry | BlackBerry exits the market |"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt::Write;

use crate::conflict::{ConflictGraph, NodeKind, ThreatMeans};
use crate::resolve::{Block, ConceptExplanation, Resolution, StateRef, Step};
use crate::stability::concept::Concept;

/// `text` as Markdown inline text that renders as `text`: ASCII punctuation with a meaning in
/// (GitHub-flavoured) Markdown is backslash-escaped (`\ ` * _ [ ] < > | # ~ $ &`), as is a
/// leading `-`, `+` or `=` and the `.` or `)` after leading digits (which would start a list);
/// line breaks and tabs become spaces and other control characters are dropped. Non-ASCII is
/// kept.
///
/// ```
/// use standoff::report::markdown::escape;
/// assert_eq!(escape("a|b *c* `d`\ne"), "a\\|b \\*c\\* \\`d\\` e");
/// assert_eq!(escape("1. first"), "1\\. first");
/// assert_eq!(escape("- Ünïcödé"), "\\- Ünïcödé");
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    let mut leading_digits = true;
    let mut first = true;
    while let Some(c) = chars.next() {
        let at_start = first;
        first = false;
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '$' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if leading_digits && !at_start => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
        if !c.is_ascii_digit() {
            leading_digits = false;
        }
    }
    out
}

/// A state label as code (labels are `Y`/`N` letters; anything else is escaped).
fn code(label: &str) -> String {
    if label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') && !label.is_empty() {
        format!("`{label}`")
    } else {
        escape(label)
    }
}

fn state(s: &StateRef) -> String {
    format!("{} ({})", code(&s.label), escape(&s.outcome.name))
}

fn names(list: &[String]) -> String {
    list.iter()
        .map(|n| escape(n))
        .collect::<Vec<_>>()
        .join(", ")
}

fn concepts(cs: &[Concept]) -> String {
    cs.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")
}

fn heading(out: &mut String, level: usize, text: &str) {
    let _ = writeln!(out, "{} {text}\n", "#".repeat(level.clamp(1, 6)));
}

fn steps_word(n: usize) -> &'static str {
    if n == 1 {
        "step"
    } else {
        "steps"
    }
}

fn block(b: &Block) -> String {
    let moves: Vec<String> = b
        .moves
        .iter()
        .map(|m| {
            format!(
                "{} ({} → {}{})",
                names(&m.changes),
                code(&m.from),
                code(&m.to.label),
                if m.improvement { ", credible" } else { "" }
            )
        })
        .collect();
    format!("{}, ending in {}", moves.join(", then "), state(&b.end))
}

fn step(s: &Step) -> String {
    format!(
        "{}: {} → {}: {}{}",
        escape(&s.party),
        code(&s.from),
        code(&s.to.label),
        names(&s.changes),
        if s.improvement {
            ""
        } else {
            " (not an improvement for it)"
        }
    )
}

fn reasons(out: &mut String, e: &ConceptExplanation) {
    for p in &e.parties {
        if p.improvements.is_empty() {
            let _ = writeln!(out, "- {}: no improving move", escape(&p.party));
            continue;
        }
        let _ = writeln!(
            out,
            "- {}: {}",
            escape(&p.party),
            if p.stable {
                "stays, every improvement is blocked"
            } else {
                "would move"
            }
        );
        for imp in &p.improvements {
            let _ = writeln!(out, "  - to {}: {}", state(&imp.to), names(&imp.changes));
            match &imp.blocked_by {
                Some(b) => {
                    let _ = writeln!(out, "    - blocked: {}", block(b));
                }
                None => {
                    let _ = writeln!(out, "    - not blocked");
                }
            }
        }
    }
    out.push('\n');
}

/// The conflict graph's sections, headings at `level`.
fn conflict_sections(out: &mut String, conflict: &ConflictGraph, level: usize) {
    let s = conflict.summary();
    let nodes = conflict.nodes();
    let count = |kind: NodeKind, one: &str, many: &str| {
        let n = nodes.iter().filter(|x| x.kind == kind).count();
        format!("{n} {}", if n == 1 { one } else { many })
    };
    let _ = writeln!(
        out,
        "{}, {}, {}, {}.\n",
        count(NodeKind::Party, "party", "parties"),
        count(NodeKind::Policy, "policy", "policies"),
        count(NodeKind::Demand, "demand", "demands"),
        count(NodeKind::Sanction, "sanction", "sanctions"),
    );

    heading(out, level, "Parties");
    let _ = writeln!(out, "| party | kind | moves |\n|---|---|---|");
    for p in &s.parties {
        let moves: Vec<String> = p
            .moves
            .iter()
            .map(|m| format!("{} ({})", escape(&m.name), m.kind.as_str()))
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            escape(&p.name),
            p.kind.as_str(),
            if moves.is_empty() {
                "none".to_string()
            } else {
                moves.join(", ")
            }
        );
    }
    out.push('\n');

    heading(out, level, "Conflicts");
    if s.conflicts.is_empty() {
        let _ = writeln!(out, "None.");
    }
    for c in &s.conflicts {
        let _ = writeln!(
            out,
            "- Demand “{}” of {} on {} runs into policy “{}” of {}",
            escape(&c.demand),
            escape(&c.maker),
            escape(&c.target),
            escape(&c.policy),
            escape(&c.target)
        );
    }
    out.push('\n');

    heading(out, level, "Who threatens whom");
    if s.threats.is_empty() {
        let _ = writeln!(out, "None.");
    }
    for t in &s.threats {
        let (by, against) = (escape(&t.by), escape(&t.against));
        let _ = match &t.means {
            ThreatMeans::Sanction { sanction, demand } => writeln!(
                out,
                "- {by} threatens {against} with sanction “{}” backing demand “{}”{}",
                escape(sanction),
                escape(demand),
                if t.in_force { " (in force)" } else { "" }
            ),
            ThreatMeans::Exit { option } => writeln!(
                out,
                "- {by} threatens {against} with exit “{}” ({against} wants {by} in the market)",
                escape(option)
            ),
        };
    }
    out.push('\n');

    heading(out, level, "Policies under pressure");
    if s.policies_under_pressure.is_empty() {
        let _ = writeln!(out, "None.");
    }
    for p in &s.policies_under_pressure {
        let quoted = |list: &[String]| {
            list.iter()
                .map(|d| format!("“{}”", escape(d)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = write!(
            out,
            "- “{}” of {}: demand {}",
            escape(&p.policy),
            escape(&p.holder),
            quoted(&p.demands)
        );
        if !p.sanctions.is_empty() {
            let _ = write!(out, ", backed by {}", quoted(&p.sanctions));
        }
        let _ = writeln!(out);
    }
    out.push('\n');

    let listed = |lists: &[Vec<String>], within: &str| {
        if lists.is_empty() {
            "none".to_string()
        } else {
            lists
                .iter()
                .map(|g| g.iter().map(|n| escape(n)).collect::<Vec<_>>().join(within))
                .collect::<Vec<_>>()
                .join("; ")
        }
    };
    let _ = writeln!(
        out,
        "Mutual pressure: {}.\n\nDemand chains: {}.\n",
        listed(&s.pressure_groups, " ↔ "),
        listed(&s.demand_chains, " → ")
    );
}

/// The resolution's sections, headings at `level` (predicted outcomes one level below).
fn resolution_sections(out: &mut String, r: &Resolution, level: usize) {
    let _ = writeln!(
        out,
        "{} feasible states; reachability {}; concepts {}.\n",
        r.states,
        r.reachability,
        concepts(&r.concepts)
    );

    heading(out, level, "Options");
    let _ = writeln!(
        out,
        "A state label has one letter per option, in this order: `Y` where the option is taken, `N` where not.\n"
    );
    let _ = writeln!(
        out,
        "| # | option | party | taking it means |\n|--:|---|---|---|"
    );
    for (k, o) in r.options.iter().enumerate() {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            k + 1,
            escape(&o.name),
            escape(&o.party),
            escape(&o.meaning)
        );
    }
    out.push('\n');

    heading(out, level, "Status quo");
    let _ = writeln!(
        out,
        "{}: {}.\n",
        code(&r.status_quo.label),
        escape(&r.status_quo.outcome.name)
    );
    let _ = writeln!(
        out,
        "From there, under {}:\n",
        r.status_quo_reasons.concept.as_str()
    );
    reasons(out, &r.status_quo_reasons);

    heading(out, level, "Threats at work");
    let _ = writeln!(
        out,
        "A threat is credible where carrying it out is an improvement for the party holding it.\n"
    );
    if r.threats.is_empty() {
        let _ = writeln!(out, "None.\n");
    }
    for t in &r.threats {
        let _ = writeln!(
            out,
            "- {}: “{}” ({}), {}{}",
            escape(&t.party),
            escape(&t.option),
            escape(&t.meaning),
            if t.credible {
                "**credible**"
            } else {
                "not credible"
            },
            if t.against.is_empty() {
                String::new()
            } else {
                format!(", against {}", names(&t.against))
            }
        );
        for d in &t.deters {
            let _ = writeln!(
                out,
                "  - deters {} at {} from moving to {}, under {}",
                escape(&d.party),
                state(&d.at),
                state(&d.instead_of),
                concepts(&d.concepts)
            );
        }
        if !t.on_paths.is_empty() {
            let labels: Vec<String> = t.on_paths.iter().map(|l| code(l)).collect();
            let _ = writeln!(out, "  - taken on the path to {}", labels.join(", "));
        }
    }
    if !r.threats.is_empty() {
        out.push('\n');
    }

    heading(out, level, "Predicted outcomes");
    let _ = writeln!(
        out,
        "Equilibria reachable from the status quo by improving moves, nearest first ({} of {} states reachable).\n",
        r.reachable, r.states
    );
    if r.predicted.is_empty() {
        let _ = writeln!(out, "None.\n");
    }
    for (n, p) in r.predicted.iter().enumerate() {
        heading(
            out,
            level + 1,
            &format!(
                "{}. {}: {}",
                n + 1,
                code(&p.state.label),
                escape(&p.state.outcome.name)
            ),
        );
        let _ = writeln!(out, "Equilibrium under {}.\n", concepts(&p.concepts));
        if p.path.is_empty() {
            let _ = writeln!(out, "It is the status quo.\n");
        } else {
            let _ = writeln!(
                out,
                "Path ({} {}):\n",
                p.path.len(),
                steps_word(p.path.len())
            );
            for (k, s) in p.path.iter().enumerate() {
                let _ = writeln!(out, "{}. {}", k + 1, step(s));
            }
            out.push('\n');
        }
        if let Some(e) = p.leading() {
            let _ = writeln!(out, "Why it holds ({}):\n", e.concept.as_str());
            reasons(out, e);
        }
    }

    heading(out, level, "Equilibria");
    if r.equilibria.is_empty() {
        let _ = writeln!(out, "None.\n");
        return;
    }
    let _ = writeln!(
        out,
        "| state | outcome | concepts | reachable from the status quo |\n|---|---|---|---|"
    );
    for e in &r.equilibria {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            code(&e.state.label),
            escape(&e.state.outcome.name),
            concepts(&e.concepts),
            if e.reachable { "yes" } else { "no" }
        );
    }
    out.push('\n');
}

/// Removes the blank line a rendering ends with, keeping one final newline.
fn trimmed(mut out: String) -> String {
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// The conflict graph as a Markdown document: counts, a table of parties, then lists of
/// conflicts, threats and policies under pressure, mutual pressure and demand chains.
pub fn conflict_markdown(conflict: &ConflictGraph) -> String {
    let mut out = String::new();
    heading(
        &mut out,
        1,
        &format!("Conflict: {}", escape(conflict.name())),
    );
    conflict_sections(&mut out, conflict, 2);
    trimmed(out)
}

/// A resolution as a Markdown document: a table of options, the status quo and why the
/// parties move from it, the threats at work, each predicted outcome with its path and why
/// it holds, and a table of every equilibrium.
pub fn resolution_markdown(resolution: &Resolution) -> String {
    let mut out = String::new();
    heading(
        &mut out,
        1,
        &format!("Resolution: {}", escape(&resolution.scenario)),
    );
    out.push_str(&super::forecast::forecast_markdown(resolution));
    out.push('\n');
    resolution_sections(&mut out, resolution, 2);
    trimmed(out)
}

/// The full Markdown report of a scenario: its conflict graph ([`conflict_markdown`]'s
/// sections under “The standoff”), then its resolution ([`resolution_markdown`]'s sections
/// under “Resolution”).
pub fn scenario_markdown(conflict: &ConflictGraph, resolution: &Resolution) -> String {
    let mut out = String::new();
    heading(&mut out, 1, &escape(conflict.name()));
    out.push_str(&super::forecast::forecast_markdown(resolution));
    out.push('\n');
    heading(&mut out, 2, "The standoff");
    conflict_sections(&mut out, conflict, 3);
    heading(&mut out, 2, "Resolution");
    resolution_sections(&mut out, resolution, 3);
    trimmed(out)
}
