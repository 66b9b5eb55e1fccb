//! The status quo analysis of the `analyze` example: reachable states, the equilibria among
//! them, and a shortest path to each.

use serde_json::{json, Value};
use standoff::post::{EvolutionStep, StatusQuoAnalysis, Steps};
use standoff::{Analysis, GraphModel, Move, State};

/// The feasible state of `label`.
pub fn state(model: &GraphModel, label: &str) -> Result<State, String> {
    let s = model.parse_state(label).map_err(|e| e.to_string())?;
    if !model.is_feasible(s) {
        return Err(format!("state `{label}` is not feasible"));
    }
    Ok(s)
}

/// The status quo analysis as JSON: reachable states, the equilibria among them per concept,
/// and a shortest path to each reachable equilibrium.
pub fn status_quo_json(
    model: &GraphModel,
    analysis: &Analysis,
    sq: &StatusQuoAnalysis,
) -> Result<Value, String> {
    let labels = |v: Vec<State>| v.into_iter().map(|s| model.label(s)).collect::<Vec<_>>();
    let step = |s: &EvolutionStep| {
        json!({
            "movers": s.movers.iter().map(|&d| model.decision_makers()[d].name()).collect::<Vec<_>>(),
            "from": model.label(s.from),
            "to": model.label(s.to),
            "improvement": s.improvement,
        })
    };
    let mut equilibria = serde_json::Map::new();
    let mut paths = serde_json::Map::new();
    for &c in analysis.concepts() {
        let eq = sq
            .equilibria(model, analysis, c)
            .map_err(|e| e.to_string())?;
        for &s in &eq {
            let path = sq.path(model, s).unwrap_or_default();
            paths.insert(
                model.label(s),
                Value::Array(path.iter().map(step).collect()),
            );
        }
        equilibria.insert(c.as_str().to_string(), json!(labels(eq)));
    }
    Ok(json!({
        "format": "standoff.status-quo/1",
        "model": model.name(),
        "status_quo": model.label(sq.status_quo()),
        "steps": match sq.steps() { Steps::Improvements => "improvements", Steps::Moves => "moves" },
        "reachable": labels(sq.reachable(model)),
        "equilibria": equilibria,
        "paths": paths,
    }))
}

/// The status quo analysis as text, from its JSON.
pub fn status_quo_text(v: &Value) -> String {
    let mut out = format!(
        "status quo {} ({}): {} states reachable\n",
        v["status_quo"].as_str().unwrap_or_default(),
        v["steps"].as_str().unwrap_or_default(),
        v["reachable"].as_array().map_or(0, |a| a.len())
    );
    if let Some(eq) = v["equilibria"].as_object() {
        for (c, list) in eq {
            let states: Vec<&str> = list
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| s.as_str())
                .collect();
            out.push_str(&format!(
                "  {c} equilibria reachable: {}\n",
                if states.is_empty() {
                    "none".to_string()
                } else {
                    states.join(", ")
                }
            ));
        }
    }
    if let Some(paths) = v["paths"].as_object() {
        for (to, steps) in paths {
            out.push_str(&format!("  path to {to}:\n"));
            for s in steps.as_array().into_iter().flatten() {
                let movers: Vec<&str> = s["movers"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|m| m.as_str())
                    .collect();
                out.push_str(&format!(
                    "    {}: {} -> {}{}\n",
                    movers.join(" + "),
                    s["from"].as_str().unwrap_or_default(),
                    s["to"].as_str().unwrap_or_default(),
                    if s["improvement"].as_bool() == Some(true) {
                        ""
                    } else {
                        " (not an improvement)"
                    }
                ));
            }
        }
    }
    out
}

/// The moves of a shortest path to each reachable equilibrium, under every concept, each once.
pub fn evolution_moves(
    model: &GraphModel,
    analysis: &Analysis,
    sq: &StatusQuoAnalysis,
) -> Result<Vec<Move>, String> {
    let mut moves: Vec<Move> = Vec::new();
    for &c in analysis.concepts() {
        for s in sq
            .equilibria(model, analysis, c)
            .map_err(|e| e.to_string())?
        {
            for step in sq.path(model, s).unwrap_or_default() {
                let m = Move {
                    mover: step.mover,
                    from: step.from,
                    to: step.to,
                    improvement: step.improvement,
                };
                if !moves.contains(&m) {
                    moves.push(m);
                }
            }
        }
    }
    Ok(moves)
}
