//! The naive oracle against the reference corpus (no engine involved).

mod oracle;

use oracle::{parse_condition, Reading};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// (model stem, reading, expected file) for every expected file in the corpus.
fn expected_files() -> Vec<(String, Reading, PathBuf)> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(corpus())
        .expect("tests/corpus exists")
        .map(|e| e.expect("readable entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let file = path.file_name().and_then(|f| f.to_str()).unwrap_or_default();
        let Some(stem) = file.strip_suffix(".model.json") else {
            continue;
        };
        for reading in Reading::ALL {
            let expected = corpus().join(format!("{stem}.expected.{}.json", reading.name()));
            if expected.exists() {
                out.push((stem.to_string(), reading, expected));
            }
        }
    }
    out
}

#[test]
fn oracle_reproduces_every_expected_file() {
    let cases = expected_files();
    assert_eq!(cases.len(), 14, "7 models x 2 readings in the corpus");
    for (stem, reading, expected_path) in cases {
        let doc = read_json(&corpus().join(format!("{stem}.model.json")));
        let got = oracle::analyze(&doc, reading).expect("corpus models are valid");
        let expected = read_json(&expected_path);
        assert_eq!(
            got,
            expected,
            "oracle disagrees with {}:\n{}",
            expected_path.display(),
            serde_json::to_string_pretty(&got).expect("serializable")
        );
    }
}

#[test]
fn every_expected_file_has_its_model() {
    for entry in std::fs::read_dir(corpus()).expect("tests/corpus exists") {
        let path = entry.expect("readable entry").path();
        let file = path.file_name().and_then(|f| f.to_str()).unwrap_or_default();
        if let Some((stem, _)) = file.split_once(".expected.") {
            assert!(
                corpus().join(format!("{stem}.model.json")).exists(),
                "{file} has no model"
            );
        }
    }
}

fn eval(text: &str, taken: &[&str]) -> bool {
    parse_condition(text)
        .unwrap_or_else(|e| panic!("{text}: {e}"))
        .eval(&|n: &str| taken.contains(&n))
}

#[test]
fn oracle_condition_precedence_and_associativity() {
    // `!` binds tighter than `&`.
    assert!(eval("!a & b", &["b"]));
    assert!(!eval("!a & b", &["a", "b"]));
    // `&` tighter than `|`: a | (b & c).
    assert!(eval("a | b & c", &["a"]));
    assert!(!eval("(a | b) & c", &["a"]));
    // `|` tighter than `->`: (a | b) -> c.
    assert!(!eval("a | b -> c", &["b"]));
    // `->` is right-associative: a -> (b -> c) is true when a is false.
    assert!(eval("a -> b -> c", &[]));
    assert!(!eval("(a -> b) -> c", &[]));
    // `->` tighter than `<->`: (a -> b) <-> c.
    assert!(eval("a -> b <-> c", &["c"]));
    assert!(!eval("a -> (b <-> c)", &["a", "b"]));
    assert!(!eval("a -> b <-> c", &["a", "b"]));
    // Backticked names with spaces, double negation, parentheses.
    assert!(eval("`Air strike` & !Withdraw", &["Air strike"]));
    assert!(eval("!!x_1", &["x_1"]));
    assert!(eval("!(a & b)", &["a"]));
    assert!(parse_condition("a &").is_err());
    assert!(parse_condition("(a").is_err());
    assert!(parse_condition("`a").is_err());
    assert!(parse_condition("a b").is_err());
}

#[test]
fn oracle_rejects_an_empty_feasible_set() {
    let doc = serde_json::json!({
        "format": "standoff.graph-model/1",
        "name": "empty",
        "decision_makers": [{ "name": "A", "options": ["x"] }],
        "infeasible": ["x | !x"],
        "preferences": { "A": { "ranking": [] } }
    });
    assert!(oracle::analyze(&doc, Reading::LegalSequences).is_err());
}
