//! Graphviz DOT renderings of a graph model: the state graph and an evolution path.

use std::collections::BTreeSet;
use std::fmt::Write;

use crate::model::graph_model::GraphModel;
use crate::model::state::State;
use crate::stability::analysis::Analysis;
use crate::stability::concept::Concept;
use crate::stability::explain::Move;

/// One colour per decision maker, cycling.
const PALETTE: [&str; 8] = [
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf",
];

/// The colour of decision maker `d`'s moves.
pub fn colour(d: usize) -> &'static str {
    PALETTE[d % PALETTE.len()]
}

/// A DOT double-quoted string: quotes and backslashes escaped, newlines as `\n`, other
/// control characters dropped; non-ASCII kept as UTF-8 (DOT files are UTF-8).
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// What to draw in [`state_graph`].
#[derive(Debug, Clone)]
pub struct StateGraphOptions {
    /// Equilibria under this concept are drawn with a double border (when an analysis is
    /// given).
    pub concept: Concept,
    /// Optional label per state (e.g. an outcome name), shown above its `Y`/`N` letters.
    pub labels: Vec<(State, String)>,
    /// Moves to highlight (e.g. the predicted path from the status quo).
    pub path: Vec<Move>,
    /// Most states drawn; larger models are an error (draw the path alone instead).
    pub max_states: usize,
}

impl Default for StateGraphOptions {
    fn default() -> Self {
        StateGraphOptions {
            concept: Concept::Gmr,
            labels: Vec::new(),
            path: Vec::new(),
            max_states: 256,
        }
    }
}

/// The state graph is too large to draw.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the state graph has {states} states, more than the drawing limit of {limit}; draw the evolution path instead")]
pub struct TooLargeToDraw {
    /// Feasible states.
    pub states: usize,
    /// The limit.
    pub limit: usize,
}

/// Renders the graph of states and moves: one node per feasible state (labelled by its
/// outcome name where given, and its option letters), one edge per move with one colour per
/// decision maker, unilateral improvements bold, equilibria doubled, the status quo filled,
/// and the moves of `options.path` drawn thick.
///
/// Nodes and edges are written in canonical order, so the output is deterministic.
pub fn state_graph(
    model: &GraphModel,
    analysis: Option<&Analysis>,
    options: &StateGraphOptions,
) -> Result<String, TooLargeToDraw> {
    let n = model.state_count();
    if n > options.max_states {
        return Err(TooLargeToDraw {
            states: n,
            limit: options.max_states,
        });
    }
    let equilibria: BTreeSet<State> = analysis
        .and_then(|a| a.equilibria(model, options.concept).ok())
        .unwrap_or_default()
        .into_iter()
        .collect();
    let on_path: BTreeSet<(State, State)> = options.path.iter().map(|m| (m.from, m.to)).collect();
    let mut out = String::new();
    let _ = writeln!(out, "digraph {} {{", quoted(model.name()));
    let _ = writeln!(out, "  node [shape=ellipse, fontname=\"Helvetica\"];");
    let _ = writeln!(out, "  edge [arrowsize=0.6];");
    for s in model.feasible_states() {
        let letters = model.label(s);
        let label = match options.labels.iter().find(|(t, _)| *t == s) {
            Some((_, name)) => format!("{name}\n{letters}"),
            None => letters.clone(),
        };
        let mut attrs = vec![format!("label={}", quoted(&label))];
        if equilibria.contains(&s) {
            attrs.push("peripheries=2".into());
        }
        if model.status_quo() == Some(s) {
            attrs.push("style=filled, fillcolor=\"#ffe9a8\"".into());
        }
        let _ = writeln!(out, "  s{} [{}];", s.0, attrs.join(", "));
    }
    for (d, dm) in model.decision_makers().iter().enumerate() {
        for s in model.feasible_states() {
            let p = model.payoff(d, s);
            for t in model.moves(d, s) {
                let improvement = model.payoff(d, t) > p;
                let mut attrs = vec![format!("color={}", quoted(colour(d)))];
                if improvement {
                    attrs.push("style=bold".into());
                } else {
                    attrs.push("style=dotted".into());
                }
                if on_path.contains(&(s, t)) {
                    attrs.push("penwidth=3".into());
                }
                attrs.push(format!("tooltip={}", quoted(dm.name())));
                let _ = writeln!(out, "  s{} -> s{} [{}];", s.0, t.0, attrs.join(", "));
            }
        }
    }
    legend(model, &mut out);
    out.push_str("}\n");
    Ok(out)
}

/// Renders an evolution path alone (for models too large for [`state_graph`]): the states
/// along the path, one edge per move coloured by its mover.
pub fn evolution_path(model: &GraphModel, path: &[Move], labels: &[(State, String)]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "digraph {} {{",
        quoted(&format!("{} (evolution)", model.name()))
    );
    let _ = writeln!(out, "  rankdir=LR;");
    let _ = writeln!(out, "  node [shape=box, fontname=\"Helvetica\"];");
    let mut seen = BTreeSet::new();
    let mut states: Vec<State> = Vec::new();
    if let Some(first) = path.first() {
        states.push(first.from);
    }
    states.extend(path.iter().map(|m| m.to));
    for s in states {
        if !seen.insert(s) {
            continue;
        }
        let letters = model.label(s);
        let label = match labels.iter().find(|(t, _)| *t == s) {
            Some((_, name)) => format!("{name}\n{letters}"),
            None => letters,
        };
        let fill = if model.status_quo() == Some(s) {
            ", style=filled, fillcolor=\"#ffe9a8\""
        } else {
            ""
        };
        let _ = writeln!(out, "  s{} [label={}{}];", s.0, quoted(&label), fill);
    }
    for (k, m) in path.iter().enumerate() {
        let name = model
            .decision_makers()
            .get(m.mover)
            .map(|d| d.name())
            .unwrap_or("?");
        let _ = writeln!(
            out,
            "  s{} -> s{} [label={}, color={}{}];",
            m.from.0,
            m.to.0,
            quoted(&format!("{}. {}", k + 1, name)),
            quoted(colour(m.mover)),
            if m.improvement { ", style=bold" } else { "" }
        );
    }
    out.push_str("}\n");
    out
}

fn legend(model: &GraphModel, out: &mut String) {
    let _ = writeln!(out, "  subgraph cluster_legend {{");
    let _ = writeln!(
        out,
        "    label=\"decision makers\"; fontname=\"Helvetica\";"
    );
    for (d, dm) in model.decision_makers().iter().enumerate() {
        let _ = writeln!(
            out,
            "    legend{d} [shape=plaintext, label={}, fontcolor={}];",
            quoted(dm.name()),
            quoted(colour(d))
        );
    }
    let _ = writeln!(out, "  }}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_escaped() {
        assert_eq!(
            quoted("a \"b\"\\c\nd\u{7}é"),
            "\"a \\\"b\\\"\\\\c\\nd\u{e9}\""
        );
    }
}
