//! The engine against the reference corpus in tests/corpus, plus file
//! round trips and the format rules of the spec that the corpus relies on.

mod common;

use common::{analysis_json, analysis_string, diff_summary, load_json, load_toml, READINGS};
use serde_json::{json, Value};
use standoff::{Analysis, AnalysisOptions, GraphModel, Reachability};
use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Stems of every `STEM.model.json` in the corpus, sorted.
fn model_stems() -> Vec<String> {
    let mut stems: Vec<String> = std::fs::read_dir(corpus())
        .expect("tests/corpus exists")
        .filter_map(|e| {
            let name = e.expect("readable entry").file_name();
            name.to_str()?
                .strip_suffix(".model.json")
                .map(str::to_string)
        })
        .collect();
    stems.sort();
    stems
}

fn model_text(stem: &str) -> String {
    read(&corpus().join(format!("{stem}.model.json")))
}

#[test]
fn engine_reproduces_every_expected_file() {
    let stems = model_stems();
    assert!(stems.len() >= 7, "models in tests/corpus: {stems:?}");
    let mut compared = 0;
    let mut failures = Vec::new();
    for stem in &stems {
        let model = load_json(&model_text(stem));
        for reading in READINGS {
            let path = corpus().join(format!("{stem}.expected.{reading}.json"));
            if !path.exists() {
                continue;
            }
            let expected: Value = serde_json::from_str(&read(&path)).expect("expected file parses");
            let got = analysis_json(&model, reading);
            if got != expected {
                failures.push(format!(
                    "{}:\n{}",
                    path.display(),
                    diff_summary(&expected, &got)
                ));
            }
            compared += 1;
        }
    }
    assert!(compared >= 14, "expected files compared: {compared}");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn default_reading_is_legal_sequences() {
    assert!(matches!(
        AnalysisOptions::default().reachability,
        Reachability::LegalSequences
    ));
    assert!(matches!(
        "legal_sequences".parse::<Reachability>(),
        Ok(Reachability::LegalSequences)
    ));
    assert!(matches!(
        "distinct_movers".parse::<Reachability>(),
        Ok(Reachability::DistinctMovers)
    ));
    assert!("textbook".parse::<Reachability>().is_err());

    let model = load_json(&model_text("elmira"));
    let analysis = Analysis::run(&model, &AnalysisOptions::default()).expect("analysis runs");
    let got: Value = serde_json::from_str(&analysis.to_json_string(&model)).expect("valid JSON");
    let expected: Value = serde_json::from_str(&read(
        &corpus().join("elmira.expected.legal_sequences.json"),
    ))
    .expect("expected file parses");
    assert_eq!(got, expected);
}

#[test]
fn toml_round_trip_keeps_the_analysis() {
    for stem in model_stems() {
        let model = load_json(&model_text(&stem));
        let toml_text = model
            .to_toml_string()
            .unwrap_or_else(|e| panic!("{stem}: to_toml_string failed: {e}"));
        let back = load_toml(&toml_text);
        for reading in READINGS {
            assert_eq!(
                analysis_string(&back, reading),
                analysis_string(&model, reading),
                "{stem} ({reading}) changed through TOML:\n{toml_text}"
            );
        }
        let again = back
            .to_toml_string()
            .unwrap_or_else(|e| panic!("{stem}: to_toml_string failed: {e}"));
        assert_eq!(
            again, toml_text,
            "{stem}: TOML writing is not a fixed point"
        );
    }
}

#[test]
fn json_round_trip_keeps_the_analysis() {
    for stem in model_stems() {
        let model = load_json(&model_text(&stem));
        let json_text = model
            .to_json_string()
            .unwrap_or_else(|e| panic!("{stem}: to_json_string failed: {e}"));
        let back = load_json(&json_text);
        for reading in READINGS {
            assert_eq!(
                analysis_string(&back, reading),
                analysis_string(&model, reading),
                "{stem} ({reading}) changed through JSON:\n{json_text}"
            );
        }
        let again = back
            .to_json_string()
            .unwrap_or_else(|e| panic!("{stem}: to_json_string failed: {e}"));
        assert_eq!(
            again, json_text,
            "{stem}: JSON writing is not a fixed point"
        );
        let written: Value = serde_json::from_str(&json_text).expect("written model is JSON");
        assert_eq!(written["format"], json!("standoff.graph-model/1"));
        let original: Value = serde_json::from_str(&model_text(&stem)).expect("corpus JSON");
        assert_eq!(written["name"], original["name"], "{stem}: name lost");
        assert_eq!(
            written["decision_makers"], original["decision_makers"],
            "{stem}: decision makers or option order changed"
        );
    }
}

/// A small valid model to mutate in the rejection tests.
fn base_model() -> Value {
    json!({
        "format": "standoff.graph-model/1",
        "name": "base",
        "decision_makers": [
            { "name": "A", "options": ["x"] },
            { "name": "B", "options": ["y"] }
        ],
        "preferences": {
            "A": { "ranking": [["YN"], ["NN", "YY"], ["NY"]] },
            "B": { "priorities": ["y", "!x"] }
        }
    })
}

fn loads(doc: &Value) -> bool {
    GraphModel::from_json_str(&doc.to_string()).is_ok()
}

#[test]
fn format_rules_from_the_spec() {
    let base = base_model();
    assert!(loads(&base), "the base model is valid");

    let mut with_sq = base.clone();
    with_sq["status_quo"] = json!("NN");
    assert!(loads(&with_sq), "a feasible status quo is accepted");

    let mut bad_format = base.clone();
    bad_format["format"] = json!("standoff.graph-model/2");
    assert!(!loads(&bad_format), "wrong format string");

    let mut no_format = base.clone();
    no_format.as_object_mut().expect("object").remove("format");
    assert!(!loads(&no_format), "missing format");

    let mut unknown = base.clone();
    unknown["colour"] = json!("blue");
    assert!(!loads(&unknown), "unknown top-level field");

    let mut empty = base.clone();
    empty["infeasible"] = json!(["x | !x"]);
    assert!(!loads(&empty), "empty feasible set");

    let mut duplicate = base.clone();
    duplicate["decision_makers"][1]["options"] = json!(["x"]);
    assert!(!loads(&duplicate), "option names must be unique");

    let mut missing_state = base.clone();
    missing_state["preferences"]["A"]["ranking"] = json!([["YN"], ["NN", "YY"]]);
    assert!(
        !loads(&missing_state),
        "ranking must list every feasible state"
    );

    let mut twice = base.clone();
    twice["preferences"]["A"]["ranking"] = json!([["YN"], ["NN", "YY"], ["NY", "YN"]]);
    assert!(!loads(&twice), "ranking must list each state once");

    let mut infeasible_in_ranking = base.clone();
    infeasible_in_ranking["infeasible"] = json!(["x & y"]);
    assert!(
        !loads(&infeasible_in_ranking),
        "ranking lists the infeasible state YY"
    );

    let mut both = base.clone();
    both["preferences"]["B"]["ranking"] = json!([["NN", "YN", "NY", "YY"]]);
    assert!(!loads(&both), "ranking and priorities at once");

    let mut missing_pref = base.clone();
    missing_pref["preferences"]
        .as_object_mut()
        .expect("object")
        .remove("B");
    assert!(
        !loads(&missing_pref),
        "a decision maker without preferences"
    );

    let mut unknown_name = base.clone();
    unknown_name["infeasible"] = json!(["x & z"]);
    assert!(!loads(&unknown_name), "condition names an unknown option");

    let mut bad_sq = base.clone();
    bad_sq["infeasible"] = json!(["x & y"]);
    bad_sq["preferences"]["A"]["ranking"] = json!([["YN"], ["NN"], ["NY"]]);
    assert!(loads(&bad_sq), "ranking over the three feasible states");
    bad_sq["status_quo"] = json!("YY");
    assert!(!loads(&bad_sq), "status quo must be feasible");

    let mut bad_direction = base.clone();
    bad_direction["irreversible"] = json!({ "x": "sideways" });
    assert!(!loads(&bad_direction), "irreversible direction");
}

/// Conditions in the spec's syntax, checked through what they make infeasible.
#[test]
fn condition_syntax() {
    // Feasible states of a three-option model {a, b, c} (one decision maker)
    // after excluding `cond`.
    let feasible = |cond: &str| -> Vec<String> {
        let doc = json!({
            "format": "standoff.graph-model/1",
            "name": "conditions",
            "decision_makers": [{ "name": "D", "options": ["a", "b", "Big c"] }],
            "infeasible": [cond],
            "preferences": { "D": { "priorities": ["a"] } }
        });
        let model = load_json(&doc.to_string());
        let out = analysis_json(&model, "legal_sequences");
        out["states"]
            .as_array()
            .expect("states")
            .iter()
            .map(|s| s.as_str().expect("string").to_string())
            .collect()
    };
    // Feasible states are those where the condition is false.
    // Right-associative `->`: a -> (b -> c) is false only at a & b & !c
    // ((a -> b) -> c would also be false at NNN and NYN).
    assert_eq!(feasible("a -> b -> `Big c`"), ["YYN"]);
    // `&` tighter than `|`: a | (b & c).
    assert_eq!(feasible("a | b & `Big c`"), ["NNN", "NYN", "NNY"]);
    // `!` tighter than `&`.
    assert_eq!(
        feasible("!a & b"),
        ["NNN", "YNN", "YYN", "NNY", "YNY", "YYY"]
    );
    // `->` tighter than `<->`: (a -> b) <-> c.
    assert_eq!(feasible("a -> b <-> `Big c`"), ["NNN", "NYN", "YYN", "YNY"]);
    // Double negation and redundant parentheses.
    assert_eq!(
        feasible("!!((a)) & !(b | `Big c`)"),
        feasible("a & !b & !`Big c`")
    );
    assert_eq!(feasible("a & !b & !`Big c`").len(), 7);
}

/// tests/data/readings_differ.model.json, worked out by hand (see
/// tests/oracle_reference.rs): from NNNN, A's improvement YNNN is sanctioned
/// only by B moving twice (B, C, B), so NNNN is GMR/SMR/SEQ-stable for A
/// under `legal_sequences` and not under `distinct_movers`.
#[test]
fn readings_differ_on_a_three_party_model() {
    let text =
        read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/readings_differ.model.json"));
    let model = load_json(&text);
    let legal = analysis_json(&model, "legal_sequences");
    let distinct = analysis_json(&model, "distinct_movers");
    let has = |out: &Value, concept: &str| {
        out["stability"][concept]["A"]
            .as_array()
            .expect("list")
            .contains(&Value::from("NNNN"))
    };
    assert_eq!(
        legal["states"],
        json!(["NNNN", "YNNN", "NYNN", "YYNN", "NYNY", "YYNY", "NYYY", "YYYY"])
    );
    for concept in ["gmr", "smr", "seq"] {
        assert!(has(&legal, concept), "{concept} under legal_sequences");
        assert!(!has(&distinct, concept), "{concept} under distinct_movers");
    }
    for out in [&legal, &distinct] {
        assert!(!has(out, "nash"));
        assert!(!has(out, "sim"));
    }
}
