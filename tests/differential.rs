//! Random small models: the engine against the naive oracle, and properties
//! of the engine's output that hold whatever the model.

mod common;
mod oracle;

use common::{
    analysis_json, analysis_string, diff_summary, load_json, load_toml, CONCEPTS, READINGS,
};
use oracle::random::{abstract_view, document, feasible_masks, params, Layout, Params};
use oracle::Reading;
use proptest::prelude::*;
use serde_json::{json, Value};
use standoff::GraphModel;
use std::collections::BTreeSet;

/// `cases` random models per test; `PROPTEST_CASES` overrides it for longer
/// runs (`PROPTEST_CASES=20000 cargo test --release --test differential`).
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(cases),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn model_text(p: &Params, layout: &Layout) -> String {
    serde_json::to_string_pretty(&document(p, layout)).expect("serializable")
}

/// Engine output == oracle output; models without feasible states rejected.
fn matches_oracle(p: &Params, reading: Reading) -> Result<(), TestCaseError> {
    let doc = document(p, &Layout::identity(p));
    let text = serde_json::to_string_pretty(&doc).expect("serializable");
    if feasible_masks(p).is_empty() {
        prop_assert!(
            GraphModel::from_json_str(&text).is_err(),
            "engine accepted a model without feasible states:\n{}",
            text
        );
        return Ok(());
    }
    let expected = oracle::analyze(&doc, reading)
        .unwrap_or_else(|e| panic!("oracle rejected a generated model ({e}):\n{text}"));
    let got = analysis_json(&load_json(&text), reading.name());
    prop_assert!(
        got == expected,
        "engine and oracle differ under {}:\n{}\nmodel:\n{}",
        reading.name(),
        diff_summary(&expected, &got),
        text
    );
    Ok(())
}

proptest! {
    #![proptest_config(config(1500))]

    #[test]
    fn engine_matches_oracle_legal_sequences(p in params()) {
        matches_oracle(&p, Reading::LegalSequences)?;
    }

    #[test]
    fn engine_matches_oracle_distinct_movers(p in params()) {
        matches_oracle(&p, Reading::DistinctMovers)?;
    }
}

fn states(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .expect("a state list")
        .iter()
        .map(|s| s.as_str().expect("a state string").to_string())
        .collect()
}

fn canonical(state: &str) -> u64 {
    state
        .chars()
        .enumerate()
        .filter(|(_, c)| *c == 'Y')
        .map(|(k, _)| 1u64 << k)
        .sum()
}

/// Every state list in an analysis output, with a label.
fn all_lists(out: &Value) -> Vec<(String, &Value)> {
    let mut lists = vec![("states".to_string(), &out["states"])];
    for concept in CONCEPTS {
        for (dm, list) in out["stability"][concept].as_object().expect("per-dm map") {
            lists.push((format!("stability.{concept}.{dm}"), list));
        }
        lists.push((format!("equilibria.{concept}"), &out["equilibria"][concept]));
    }
    lists
}

fn subset(out: &Value, small: &str, big: &str, dm: &str) -> bool {
    states(&out["stability"][small][dm]).is_subset(&states(&out["stability"][big][dm]))
}

fn engine_properties(p: &Params) -> Result<(), TestCaseError> {
    if feasible_masks(p).is_empty() {
        return Ok(());
    }
    let layout = Layout::identity(p);
    let text = model_text(p, &layout);
    let model = load_json(&text);
    let dms: Vec<String> = (0..p.n_dms()).map(|j| layout.dm_name(p, j)).collect();
    let outs: Vec<Value> = READINGS.iter().map(|r| analysis_json(&model, r)).collect();

    for (out, reading) in outs.iter().zip(READINGS) {
        let all_states = states(&out["states"]);
        for (label, list) in all_lists(out) {
            let numbers: Vec<u64> = list
                .as_array()
                .expect("a list")
                .iter()
                .map(|s| canonical(s.as_str().expect("a state")))
                .collect();
            prop_assert!(
                numbers.windows(2).all(|w| w[0] < w[1]),
                "{} ({}) is not sorted by canonical number or repeats a state:\n{}",
                label,
                reading,
                text
            );
            prop_assert!(
                states(list).is_subset(&all_states),
                "{} lists unknown states",
                label
            );
        }
        for dm in &dms {
            for (small, big) in [
                ("nash", "seq"),
                ("seq", "gmr"),
                ("nash", "smr"),
                ("smr", "gmr"),
            ] {
                prop_assert!(
                    subset(out, small, big, dm),
                    "{} not within {} for {} ({}):\n{}",
                    small,
                    big,
                    dm,
                    reading,
                    text
                );
            }
            prop_assert!(
                subset(out, "nash", "sim", dm),
                "nash not within sim for {}",
                dm
            );
        }
        for concept in CONCEPTS {
            let mut together = all_states.clone();
            for dm in &dms {
                together = together
                    .intersection(&states(&out["stability"][concept][dm]))
                    .cloned()
                    .collect();
            }
            prop_assert_eq!(
                &together,
                &states(&out["equilibria"][concept]),
                "equilibria.{} is not the intersection over decision makers",
                concept
            );
        }
        if p.n_dms() == 1 {
            // No opponents: nothing can sanction a unilateral improvement.
            for concept in CONCEPTS {
                prop_assert_eq!(
                    &out["stability"][concept],
                    &out["stability"]["nash"],
                    "single decision maker: {} differs from nash",
                    concept
                );
            }
        }
    }

    let (legal, distinct) = (&outs[0], &outs[1]);
    prop_assert_eq!(&legal["reachability"], &json!("legal_sequences"));
    prop_assert_eq!(&distinct["reachability"], &json!("distinct_movers"));
    for dm in &dms {
        for concept in ["gmr", "smr", "seq"] {
            prop_assert!(
                states(&distinct["stability"][concept][dm])
                    .is_subset(&states(&legal["stability"][concept][dm])),
                "{} for {}: distinct_movers-stable state not legal_sequences-stable:\n{}",
                concept,
                dm,
                text
            );
        }
    }
    for concept in ["nash", "sim"] {
        prop_assert_eq!(
            &legal["stability"][concept],
            &distinct["stability"][concept],
            "{} depends on the reading",
            concept
        );
    }
    if p.n_dms() <= 2 {
        prop_assert!(
            legal["stability"] == distinct["stability"]
                && legal["equilibria"] == distinct["equilibria"],
            "with two decision makers the readings must agree:\n{}\nmodel:\n{}",
            diff_summary(legal, distinct),
            text
        );
    }

    // Same input, same bytes.
    for reading in READINGS {
        let first = analysis_string(&model, reading);
        prop_assert_eq!(&first, &analysis_string(&model, reading));
        prop_assert_eq!(&first, &analysis_string(&load_json(&text), reading));
    }
    Ok(())
}

fn relabelling_changes_nothing(
    p: &Params,
    dm_keys: &[u32],
    option_keys: &[u32],
) -> Result<(), TestCaseError> {
    if feasible_masks(p).is_empty() {
        return Ok(());
    }
    let original = Layout::identity(p);
    let relabelled = Layout::permuted(p, dm_keys, option_keys);
    let text_a = model_text(p, &original);
    let text_b = model_text(p, &relabelled);
    let (model_a, model_b) = (load_json(&text_a), load_json(&text_b));
    for reading in READINGS {
        let a = abstract_view(&analysis_json(&model_a, reading), p, &original);
        let b = abstract_view(&analysis_json(&model_b, reading), p, &relabelled);
        prop_assert!(
            a == b,
            "relabelling changed the analysis ({}):\noriginal:\n{}\nrelabelled:\n{}",
            reading,
            text_a,
            text_b
        );
    }
    Ok(())
}

fn round_trips(p: &Params) -> Result<(), TestCaseError> {
    if feasible_masks(p).is_empty() {
        return Ok(());
    }
    let text = model_text(p, &Layout::identity(p));
    let model = load_json(&text);
    let toml_text = model
        .to_toml_string()
        .unwrap_or_else(|e| panic!("to_toml_string failed: {e}\n{text}"));
    let json_text = model
        .to_json_string()
        .unwrap_or_else(|e| panic!("to_json_string failed: {e}\n{text}"));
    let (from_toml, from_json) = (load_toml(&toml_text), load_json(&json_text));
    for reading in READINGS {
        let expected = analysis_string(&model, reading);
        prop_assert_eq!(
            &analysis_string(&from_toml, reading),
            &expected,
            "TOML round trip changed the analysis:\n{}\nTOML:\n{}",
            text,
            toml_text
        );
        prop_assert_eq!(
            &analysis_string(&from_json, reading),
            &expected,
            "JSON round trip changed the analysis:\n{}\nwritten:\n{}",
            text,
            json_text
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn engine_output_properties(p in params()) {
        engine_properties(&p)?;
    }

    #[test]
    fn relabelling_and_reordering_change_only_names(
        p in params(),
        dm_keys in proptest::collection::vec(any::<u32>(), oracle::random::MAX_DMS),
        option_keys in proptest::collection::vec(any::<u32>(), oracle::random::MAX_OPTIONS),
    ) {
        relabelling_changes_nothing(&p, &dm_keys, &option_keys)?;
    }

    #[test]
    fn model_files_round_trip(p in params()) {
        round_trips(&p)?;
    }
}
