//! Helpers that drive the engine from tests.
#![allow(dead_code)]

use serde_json::Value;
use standoff::{Analysis, AnalysisOptions, GraphModel, Reachability};
use std::collections::BTreeSet;

pub const READINGS: [&str; 2] = ["legal_sequences", "distinct_movers"];
pub const CONCEPTS: [&str; 5] = ["nash", "gmr", "smr", "seq", "sim"];

pub fn reachability(reading: &str) -> Reachability {
    match reading {
        "legal_sequences" => Reachability::LegalSequences,
        "distinct_movers" => Reachability::DistinctMovers,
        other => panic!("unknown reading {other}"),
    }
}

pub fn options(reading: &str) -> AnalysisOptions {
    AnalysisOptions {
        reachability: reachability(reading),
        ..AnalysisOptions::default()
    }
}

pub fn load_json(text: &str) -> GraphModel {
    GraphModel::from_json_str(text)
        .unwrap_or_else(|e| panic!("engine rejected the model: {e}\n{text}"))
}

pub fn load_toml(text: &str) -> GraphModel {
    GraphModel::from_toml_str(text)
        .unwrap_or_else(|e| panic!("engine rejected the TOML model: {e}\n{text}"))
}

/// The engine's analysis output text.
pub fn analysis_string(model: &GraphModel, reading: &str) -> String {
    let analysis = Analysis::run(model, &options(reading))
        .unwrap_or_else(|e| panic!("analysis ({reading}) failed: {e}"));
    analysis.to_json_string(model)
}

/// The engine's analysis output, parsed.
pub fn analysis_json(model: &GraphModel, reading: &str) -> Value {
    let text = analysis_string(model, reading);
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("engine wrote invalid JSON ({e}):\n{text}"))
}

fn state_set(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|s| s.as_str().unwrap_or("<not a string>").to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// Human-readable differences between two analysis outputs.
pub fn diff_summary(expected: &Value, got: &Value) -> String {
    let mut out = Vec::new();
    for key in ["format", "model", "reachability", "states"] {
        if expected[key] != got[key] {
            out.push(format!(
                "{key}: expected {}, engine {}",
                expected[key], got[key]
            ));
        }
    }
    let mut compare = |label: String, e: &Value, g: &Value| {
        let (e, g) = (state_set(e), state_set(g));
        if e != g {
            let only_e: Vec<&String> = e.difference(&g).collect();
            let only_g: Vec<&String> = g.difference(&e).collect();
            out.push(format!(
                "{label}: stable only per oracle/expected {only_e:?}, only per engine {only_g:?}"
            ));
        }
    };
    for concept in CONCEPTS {
        let dms: BTreeSet<&String> = expected["stability"][concept]
            .as_object()
            .into_iter()
            .chain(got["stability"][concept].as_object())
            .flat_map(|m| m.keys())
            .collect();
        for dm in dms {
            compare(
                format!("stability.{concept}.{dm}"),
                &expected["stability"][concept][dm],
                &got["stability"][concept][dm],
            );
        }
        compare(
            format!("equilibria.{concept}"),
            &expected["equilibria"][concept],
            &got["equilibria"][concept],
        );
    }
    if out.is_empty() && expected != got {
        out.push("outputs differ in shape (extra or missing keys)".to_string());
    }
    out.join("\n")
}

/// The scenario tail shared by the hand-worked access standoffs: the firm's policy against
/// access, the state's demand for it and a ban backing the demand, in force or not (TOML).
pub fn access_tail(ban_in_force: bool) -> String {
    format!(
        r#"[[policies]]
name = "no access"
holder = "Firm"
refuses = "access"
[[demands]]
name = "access"
by = "State"
of = "Firm"
requires = "access"
[[sanctions]]
name = "block"
kind = "ban"
backs = "access"
in_force = {ban_in_force}
"#
    )
}
