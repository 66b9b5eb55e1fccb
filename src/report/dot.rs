//! Graphviz DOT renderings: the conflict graph ([`conflict_graph`]), the graph of states and
//! moves ([`state_graph`], for models up to a size limit) and the evolution from the status quo
//! alone ([`evolution_path`], [`evolution_paths`], for models of any size); and the same
//! drawings for a resolved scenario ([`resolution_state_graph`], [`resolution_evolution`]).
//!
//! Every renderer takes results computed elsewhere, writes nodes and edges in a fixed order
//! (so equal inputs give byte-identical output) and quotes every name with [`quoted`].
//!
//! ```
//! use standoff::report::dot::{resolution_evolution, resolution_state_graph};
//! use standoff::{Resolver, Scenario};
//! let scenario = Scenario::from_toml_str(include_str!("../../seeds/blackberry-pakistan-2015.toml"))?;
//! let (compiled, resolution) = Resolver::default().resolve_scenario(&scenario)?;
//! // The status quo YNNN (state 1) to the predicted outcome NYNN (state 2): Pakistan's move.
//! let path = resolution_evolution(compiled.model(), &resolution)?;
//! assert!(path.contains("  s1 -> s2 [label=\"1. Pakistan\""));
//! let states = resolution_state_graph(&compiled, None, &resolution)?;
//! assert!(states.starts_with("digraph \"BlackBerry and Pakistan, 2015\" {"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeSet;
use std::fmt::Write;

use crate::compile::Compiled;
/// Defined with the conflict graph's DOT export, the lowest layer that draws DOT.
pub use crate::conflict::dot::quoted;
use crate::conflict::ConflictGraph;
use crate::model::graph_model::GraphModel;
use crate::model::state::State;
use crate::resolve::Resolution;
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
/// decision maker, unilateral improvements bold (other moves dotted), equilibria under
/// `options.concept` doubled (when an analysis is given), the status quo filled, and the
/// moves of `options.path` drawn thick. A legend names the decision makers in their colours
/// and says what the styles mean.
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
        let label = state_label(model, s, &options.labels);
        let mut attrs = vec![format!("label={}", quoted(&label))];
        if equilibria.contains(&s) {
            attrs.push("peripheries=2".into());
        }
        if model.status_quo() == Some(s) {
            attrs.push(format!(
                "style=filled, fillcolor={}",
                quoted(STATUS_QUO_FILL)
            ));
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
    let mut key = vec!["bold: unilateral improvement", "dotted: other move"];
    if !options.path.is_empty() {
        key.push("thick: predicted path");
    }
    let concept_key = format!("double border: {} equilibrium", options.concept.as_str());
    if analysis.is_some() {
        key.push(&concept_key);
    }
    if model.status_quo().is_some() {
        key.push("filled: status quo");
    }
    legend(model, &key, &mut out);
    out.push_str("}\n");
    Ok(out)
}

/// Renders an evolution path alone (for models too large for [`state_graph`]): the states
/// along the path, one edge per move coloured by its mover and numbered, improvements bold,
/// the status quo filled and the state the path ends in doubled. The same as
/// [`evolution_paths`] with one path.
pub fn evolution_path(model: &GraphModel, path: &[Move], labels: &[(State, String)]) -> String {
    evolution_paths(model, std::slice::from_ref(&path.to_vec()), labels)
}

/// Renders several evolution paths from the status quo together (e.g. one per predicted
/// outcome): every state on some path once, in order of first appearance; every move once,
/// labelled `k. mover` where it is the `k`th step of the first path taking it, coloured by
/// its mover, bold where it is an improvement; the status quo filled; the state each path
/// ends in doubled (an empty path stands for the status quo itself, when the model has one).
pub fn evolution_paths(
    model: &GraphModel,
    paths: &[Vec<Move>],
    labels: &[(State, String)],
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "digraph {} {{",
        quoted(&format!("{} (evolution)", model.name()))
    );
    let _ = writeln!(out, "  rankdir=LR;");
    let _ = writeln!(out, "  node [shape=box, fontname=\"Helvetica\"];");
    let _ = writeln!(out, "  edge [fontname=\"Helvetica\"];");
    let mut states: Vec<State> = Vec::new();
    let mut ends: BTreeSet<State> = BTreeSet::new();
    for path in paths {
        match (path.first(), path.last()) {
            (Some(first), Some(last)) => {
                states.push(first.from);
                states.extend(path.iter().map(|m| m.to));
                ends.insert(last.to);
            }
            _ => {
                if let Some(sq) = model.status_quo() {
                    states.push(sq);
                    ends.insert(sq);
                }
            }
        }
    }
    let mut seen = BTreeSet::new();
    for s in states {
        if !seen.insert(s) {
            continue;
        }
        let mut attrs = vec![format!("label={}", quoted(&state_label(model, s, labels)))];
        if ends.contains(&s) {
            attrs.push("peripheries=2".into());
        }
        if model.status_quo() == Some(s) {
            attrs.push(format!(
                "style=filled, fillcolor={}",
                quoted(STATUS_QUO_FILL)
            ));
        }
        let _ = writeln!(out, "  s{} [{}];", s.0, attrs.join(", "));
    }
    let mut drawn = BTreeSet::new();
    for path in paths {
        for (k, m) in path.iter().enumerate() {
            if !drawn.insert((m.from, m.to, m.mover)) {
                continue;
            }
            let name = model
                .decision_makers()
                .get(m.mover)
                .map(|d| d.name())
                .unwrap_or("?");
            let _ = writeln!(
                out,
                "  s{} -> s{} [label={}, color={}, fontcolor={}{}];",
                m.from.0,
                m.to.0,
                quoted(&format!("{}. {}", k + 1, name)),
                quoted(colour(m.mover)),
                quoted(colour(m.mover)),
                if m.improvement { ", style=bold" } else { "" }
            );
        }
    }
    out.push_str("}\n");
    out
}

/// Renders the conflict graph of a scenario (see [`ConflictGraph::to_dot`]): parties,
/// policies, demands and sanctions, conflicts in red, threats dashed.
pub fn conflict_graph(conflict: &ConflictGraph) -> String {
    conflict.to_dot()
}

/// Why a resolved scenario could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DrawError {
    /// The state graph is too large: draw the evolution alone.
    #[error(transparent)]
    TooLarge(#[from] TooLargeToDraw),
    /// A step of the resolution names a party or state the model does not have.
    #[error("the resolution does not belong to this model: {0}")]
    Mismatch(String),
}

/// The outcome name of every feasible state of a compiled scenario, broken into lines by
/// [`wrap_name`], in canonical order of states (for
/// [`StateGraphOptions::labels`] and [`evolution_paths`]).
pub fn outcome_labels(compiled: &Compiled) -> Vec<(State, String)> {
    compiled
        .model()
        .feasible_states()
        .map(|s| (s, wrap_name(&compiled.outcome(s).name)))
        .collect()
}

/// The paths of a resolution's predicted outcomes as moves of `model` (the compiled model the
/// resolution was computed from), one per predicted outcome in the resolution's order (empty
/// for the status quo itself).
pub fn predicted_paths(
    model: &GraphModel,
    resolution: &Resolution,
) -> Result<Vec<Vec<Move>>, DrawError> {
    let state = |label: &str| {
        model
            .parse_state(label)
            .map_err(|_| DrawError::Mismatch(format!("no state `{label}`")))
    };
    resolution
        .predicted
        .iter()
        .map(|p| {
            p.path
                .iter()
                .map(|step| {
                    Ok(Move {
                        mover: model.decision_maker_index(&step.party).ok_or_else(|| {
                            DrawError::Mismatch(format!(
                                "no decision maker {}",
                                quoted(&step.party)
                            ))
                        })?,
                        from: state(&step.from)?,
                        to: state(&step.to.label)?,
                        improvement: step.improvement,
                    })
                })
                .collect()
        })
        .collect()
}

/// The options [`resolution_state_graph`] draws with: outcome names on every state
/// ([`outcome_labels`]), the moves of every predicted path ([`predicted_paths`]) thick, and
/// equilibria under GMR doubled (under the first concept analysed where GMR was not).
pub fn resolution_state_graph_options(
    compiled: &Compiled,
    resolution: &Resolution,
) -> Result<StateGraphOptions, DrawError> {
    let concept = if resolution.concepts.is_empty() || resolution.concepts.contains(&Concept::Gmr) {
        Concept::Gmr
    } else {
        resolution.concepts[0]
    };
    Ok(StateGraphOptions {
        concept,
        labels: outcome_labels(compiled),
        path: predicted_paths(compiled.model(), resolution)?
            .into_iter()
            .flatten()
            .collect(),
        ..StateGraphOptions::default()
    })
}

/// The state graph of a resolved scenario ([`state_graph`] with
/// [`resolution_state_graph_options`]); `analysis` (of `compiled.model()`) gives the
/// equilibria drawn doubled.
pub fn resolution_state_graph(
    compiled: &Compiled,
    analysis: Option<&Analysis>,
    resolution: &Resolution,
) -> Result<String, DrawError> {
    let options = resolution_state_graph_options(compiled, resolution)?;
    Ok(state_graph(compiled.model(), analysis, &options)?)
}

/// The evolution of a resolved scenario, for models of any size: the path from the status
/// quo to every predicted outcome ([`evolution_paths`] of [`predicted_paths`]), states named
/// by the outcome names the resolution gives them. `model` is the compiled model the
/// resolution was computed from.
pub fn resolution_evolution(
    model: &GraphModel,
    resolution: &Resolution,
) -> Result<String, DrawError> {
    let paths = predicted_paths(model, resolution)?;
    let mut labels: Vec<(State, String)> = Vec::new();
    let mut name = |label: &str, outcome: &str| -> Result<(), DrawError> {
        let s = model
            .parse_state(label)
            .map_err(|_| DrawError::Mismatch(format!("no state `{label}`")))?;
        if !labels.iter().any(|(t, _)| *t == s) {
            labels.push((s, wrap_name(outcome)));
        }
        Ok(())
    };
    name(
        &resolution.status_quo.label,
        &resolution.status_quo.outcome.name,
    )?;
    for p in &resolution.predicted {
        for step in &p.path {
            name(&step.to.label, &step.to.outcome.name)?;
        }
    }
    Ok(evolution_paths(model, &paths, &labels))
}

/// An outcome name broken into lines after `: ` and `, `, so that nodes stay narrow.
pub fn wrap_name(name: &str) -> String {
    name.replace(": ", ":\n").replace(", ", ",\n")
}

/// Fill colour of the status quo.
const STATUS_QUO_FILL: &str = "#ffe9a8";

/// A state's node label: its name where given, over its option letters.
fn state_label(model: &GraphModel, s: State, labels: &[(State, String)]) -> String {
    let letters = model.label(s);
    match labels.iter().find(|(t, _)| *t == s) {
        Some((_, name)) => format!("{name}\n{letters}"),
        None => letters,
    }
}

fn legend(model: &GraphModel, key: &[&str], out: &mut String) {
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
    if !key.is_empty() {
        let _ = writeln!(
            out,
            "    legend_key [shape=plaintext, fontsize=10, label={}];",
            quoted(&key.join("\n"))
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
