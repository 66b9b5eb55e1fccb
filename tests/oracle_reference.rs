//! The naive oracle against the reference corpus (no engine involved).

mod oracle;

use oracle::random::{
    abstract_view, document, feasible_masks, params, Layout, MAX_DMS, MAX_OPTIONS,
};
use oracle::{parse_condition, Reading};
use proptest::collection::vec;
use proptest::prelude::*;
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
        let file = path
            .file_name()
            .and_then(|f| f.to_str())
            .unwrap_or_default();
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
    assert!(cases.len() >= 14, "7 models x 2 readings in the corpus");
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
        let file = path
            .file_name()
            .and_then(|f| f.to_str())
            .unwrap_or_default();
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

// tests/data/readings_differ.model.json: three decision makers where the
// readings differ (worked out by hand).
//
// Options a (A), b1 b2 (B), c (C); `b2` needs `c` and `c` needs `b1`, so the
// feasible states have b1 b2 c in {NNN, YNN, YNY, YYY}. From NNNN, A's only
// unilateral improvement is YNNN. From there B takes b1 (YYNN), C takes c
// (YYNY), and only a second move by B reaches YYYY, which A likes no more
// than NNNN. So NNNN is GMR/SMR/SEQ-stable for A under `legal_sequences`
// (B, C, B) but not under `distinct_movers` (B and C once each).
#[test]
fn oracle_readings_differ_on_a_three_party_model() {
    let doc = read_json(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/readings_differ.model.json"),
    );
    let legal = oracle::analyze(&doc, Reading::LegalSequences).expect("valid");
    let distinct = oracle::analyze(&doc, Reading::DistinctMovers).expect("valid");
    let has = |out: &Value, concept: &str| {
        out["stability"][concept]["A"]
            .as_array()
            .expect("list")
            .contains(&Value::from("NNNN"))
    };
    assert_eq!(
        legal["states"],
        serde_json::json!(["NNNN", "YNNN", "NYNN", "YYNN", "NYNY", "YYNY", "NYYY", "YYYY"])
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

fn stable_set(out: &Value, concept: &str, dm: &str) -> Vec<String> {
    serde_json::from_value(out["stability"][concept][dm].clone()).expect("a state list")
}

fn is_subset(small: &[String], big: &[String]) -> bool {
    small.iter().all(|s| big.contains(s))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, failure_persistence: None, ..ProptestConfig::default() })]

    /// The generator and the oracle together: relabelling and reordering a
    /// random model changes only names and letter order; the concepts nest;
    /// the readings nest and agree with two decision makers.
    #[test]
    fn oracle_is_consistent_on_random_models(
        p in params(),
        dm_keys in vec(any::<u32>(), MAX_DMS),
        option_keys in vec(any::<u32>(), MAX_OPTIONS),
    ) {
        let original = Layout::identity(&p);
        let relabelled = Layout::permuted(&p, &dm_keys, &option_keys);
        let doc_a = document(&p, &original);
        let doc_b = document(&p, &relabelled);
        if feasible_masks(&p).is_empty() {
            prop_assert!(oracle::analyze(&doc_a, Reading::LegalSequences).is_err());
            prop_assert!(oracle::analyze(&doc_b, Reading::LegalSequences).is_err());
            return Ok(());
        }
        let mut outs = Vec::new();
        for reading in Reading::ALL {
            let a = oracle::analyze(&doc_a, reading).expect("generated models are valid");
            let b = oracle::analyze(&doc_b, reading).expect("generated models are valid");
            prop_assert_eq!(abstract_view(&a, &p, &original), abstract_view(&b, &p, &relabelled));
            for j in 0..p.n_dms() {
                let dm = original.dm_name(&p, j);
                let set = |c: &str| stable_set(&a, c, &dm);
                prop_assert!(is_subset(&set("nash"), &set("seq")));
                prop_assert!(is_subset(&set("seq"), &set("gmr")));
                prop_assert!(is_subset(&set("nash"), &set("smr")));
                prop_assert!(is_subset(&set("smr"), &set("gmr")));
                prop_assert!(is_subset(&set("nash"), &set("sim")));
            }
            outs.push(a);
        }
        for j in 0..p.n_dms() {
            let dm = original.dm_name(&p, j);
            for concept in ["gmr", "smr", "seq"] {
                prop_assert!(is_subset(
                    &stable_set(&outs[1], concept, &dm),
                    &stable_set(&outs[0], concept, &dm)
                ));
            }
        }
        if p.n_dms() <= 2 {
            prop_assert_eq!(&outs[0]["stability"], &outs[1]["stability"]);
        }
    }
}
