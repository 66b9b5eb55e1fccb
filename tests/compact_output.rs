//! The compact analysis output (`--encoding`, `--sets`): decoding it gives back exactly the
//! sets of the default output; `equilibria` writes only the equilibria and the counts; bad
//! values are one-line errors. The property test needs the `proptest` feature (random
//! models); the others run without it.
// Without the feature, the decoding helpers only serve the property test.
#![cfg_attr(not(feature = "proptest"), allow(dead_code, unused_imports))]

use base64::Engine;
use proptest::prelude::*;
use serde_json::Value;
use standoff::{Analysis, AnalysisOptions, Encoding, GraphModel, OutputOptions, Sets};
use std::collections::BTreeMap;

/// Every state set of an output, by its path (`states`, `stability/nash/DM`, `equilibria/gmr`),
/// as state labels in the order written.
type Decoded = BTreeMap<String, Vec<String>>;

fn output(analysis: &Analysis, model: &GraphModel, options: OutputOptions) -> Value {
    let mut buf = Vec::new();
    analysis
        .write_json_with(model, &mut buf, &options)
        .expect("writes");
    serde_json::from_slice(&buf).expect("valid JSON")
}

fn label(x: u64, options: usize) -> String {
    (0..options)
        .map(|k| if x >> k & 1 == 1 { 'Y' } else { 'N' })
        .collect()
}

/// The canonical numbers a `ranges` list covers, ascending runs checked.
fn from_ranges(v: &Value) -> Vec<u64> {
    let mut out: Vec<u64> = Vec::new();
    for r in v.as_array().expect("a list of ranges") {
        let lo = r[0].as_u64().expect("lo");
        let hi = r[1].as_u64().expect("hi");
        assert!(lo <= hi, "empty range {r}");
        if let Some(&last) = out.last() {
            assert!(last + 1 < lo, "ranges not sorted or not merged: {v}");
        }
        out.extend(lo..=hi);
    }
    out
}

/// Decodes one set of a compact output; `states` maps feasible index to canonical number.
fn decode_set(v: &Value, encoding: Encoding, states: &[u64], options: usize) -> Vec<String> {
    match encoding {
        Encoding::Labels => v
            .as_array()
            .expect("a list of labels")
            .iter()
            .map(|s| s.as_str().expect("a label").to_string())
            .collect(),
        Encoding::Ranges => from_ranges(v)
            .into_iter()
            .map(|x| label(x, options))
            .collect(),
        Encoding::Bitmap => {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(v.as_str().expect("a base64 string"))
                .expect("valid base64");
            assert_eq!(bytes.len(), states.len().div_ceil(8), "bitmap length");
            let mut out = Vec::new();
            for (i, &x) in states.iter().enumerate() {
                if bytes[i / 8] >> (i % 8) & 1 == 1 {
                    out.push(label(x, options));
                }
            }
            for i in states.len()..bytes.len() * 8 {
                assert_eq!(bytes[i / 8] >> (i % 8) & 1, 0, "bit beyond the states");
            }
            out
        }
    }
}

/// Every set of an output, decoded to labels.
fn decode(v: &Value, encoding: Encoding, model: &GraphModel) -> Decoded {
    let options = model.option_count();
    let states: Vec<u64> = model.feasible_states().map(|s| s.0).collect();
    let mut out = Decoded::new();
    if let Some(s) = v.get("states") {
        let written = match encoding {
            Encoding::Labels => decode_set(s, Encoding::Labels, &states, options),
            // Compact outputs give the states as ranges, whatever the encoding.
            _ => decode_set(s, Encoding::Ranges, &states, options),
        };
        out.insert("states".into(), written);
    }
    if let Some(stability) = v.get("stability").and_then(Value::as_object) {
        for (concept, per_dm) in stability {
            for (dm, set) in per_dm.as_object().expect("per decision maker") {
                let path = format!("stability/{concept}/{dm}");
                out.insert(path, decode_set(set, encoding, &states, options));
            }
        }
    }
    for (concept, set) in v["equilibria"].as_object().expect("equilibria") {
        let path = format!("equilibria/{concept}");
        out.insert(path, decode_set(set, encoding, &states, options));
    }
    out
}

#[cfg(feature = "proptest")]
fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(200),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

#[cfg(feature = "proptest")]
proptest! {
    #![proptest_config(config())]

    #[test]
    fn compact_output_decodes_to_the_default_sets(model in any::<GraphModel>()) {
        let analysis = Analysis::run(&model, &AnalysisOptions::default()).unwrap();
        let default_text = analysis.to_json_string(&model);
        let mut with = Vec::new();
        analysis.write_json_with(&model, &mut with, &OutputOptions::default()).unwrap();
        prop_assert_eq!(&default_text, &String::from_utf8(with).unwrap());
        let default: Value = serde_json::from_str(&default_text).unwrap();
        let expected = decode(&default, Encoding::Labels, &model);
        for encoding in Encoding::ALL {
            let all = output(&analysis, &model, OutputOptions { encoding, sets: Sets::All });
            prop_assert_eq!(&decode(&all, encoding, &model), &expected, "{}", encoding);
            let eq = output(&analysis, &model, OutputOptions { encoding, sets: Sets::Equilibria });
            prop_assert!(eq.get("stability").is_none());
            let got = decode(&eq, encoding, &model);
            let wanted: Decoded = expected
                .iter()
                .filter(|(k, _)| k.starts_with("equilibria/"))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            let got_eq: Decoded = got
                .into_iter()
                .filter(|(k, _)| k.starts_with("equilibria/"))
                .collect();
            prop_assert_eq!(&got_eq, &wanted, "{}", encoding);
            check_counts(&eq, &default);
        }
    }
}

/// The counts of an `equilibria` output agree with the lists of the default output.
fn check_counts(eq: &Value, default: &Value) {
    let counts = &eq["counts"];
    let len = |v: &Value| v.as_array().expect("a list").len() as u64;
    assert_eq!(counts["states"].as_u64(), Some(len(&default["states"])));
    let stability = default["stability"].as_object().expect("stability");
    assert_eq!(
        counts["stable"].as_object().expect("stable").len(),
        stability.len()
    );
    for (concept, per_dm) in stability {
        for (dm, list) in per_dm.as_object().expect("per decision maker") {
            assert_eq!(
                counts["stable"][concept][dm].as_u64(),
                Some(len(list)),
                "{concept} {dm}"
            );
        }
        assert_eq!(
            counts["equilibria"][concept].as_u64(),
            Some(len(&default["equilibria"][concept])),
            "{concept}"
        );
    }
}

fn elmira() -> GraphModel {
    GraphModel::from_path("tests/corpus/elmira.model.json").expect("loads")
}

#[test]
fn equilibria_only_lists_the_equilibria_and_the_counts() {
    let model = elmira();
    let analysis = Analysis::run(&model, &AnalysisOptions::default()).unwrap();
    let default: Value = serde_json::from_str(&analysis.to_json_string(&model)).unwrap();
    let eq = output(
        &analysis,
        &model,
        OutputOptions {
            encoding: Encoding::Labels,
            sets: Sets::Equilibria,
        },
    );
    let keys: Vec<&str> = eq.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "counts",
            "encoding",
            "equilibria",
            "format",
            "model",
            "option_count",
            "reachability",
            "sets"
        ]
    );
    assert_eq!(eq["equilibria"], default["equilibria"]);
    assert_eq!(
        eq["equilibria"]["nash"],
        serde_json::json!(["NNNYN", "YNNYN", "NYNNY", "YNYNY", "NNNYY", "YNNYY"])
    );
    assert_eq!(eq["counts"]["states"], 12);
    assert_eq!(eq["counts"]["equilibria"]["gmr"], 8);
    assert_eq!(eq["counts"]["stable"]["seq"]["Local Government"], 10);
    check_counts(&eq, &default);
    // Every listed state is stable for every decision maker in the default output.
    for (concept, list) in eq["equilibria"].as_object().unwrap() {
        for s in list.as_array().unwrap() {
            for (_, stable) in default["stability"][concept].as_object().unwrap() {
                assert!(stable.as_array().unwrap().contains(s), "{concept} {s}");
            }
        }
    }
}

#[test]
fn bitmap_and_ranges_are_written_as_documented() {
    let model = elmira();
    let analysis = Analysis::run(&model, &AnalysisOptions::default()).unwrap();
    let v = output(
        &analysis,
        &model,
        OutputOptions {
            encoding: Encoding::Bitmap,
            sets: Sets::Equilibria,
        },
    );
    assert_eq!(v["encoding"], "bitmap");
    assert_eq!(v["option_count"], 5);
    assert_eq!(
        v["states"],
        serde_json::json!([[2, 5], [8, 9], [18, 21], [24, 25]])
    );
    // nash: the states 8, 9, 18, 21, 24, 25 are feasible indices 4, 5, 6, 9, 10, 11: bits
    // 4-6 of byte 0 (0x70) and 1-3 of byte 1 (0x0e).
    assert_eq!(v["equilibria"]["nash"], "cA4=");
}

#[test]
fn bad_values_are_one_line_errors() {
    let e = "tiny".parse::<Encoding>().unwrap_err().to_string();
    assert_eq!(
        e,
        "unknown encoding `tiny` (expected one of `labels`, `ranges`, `bitmap`)"
    );
    let e = "some".parse::<Sets>().unwrap_err().to_string();
    assert_eq!(
        e,
        "unknown set selection `some` (expected one of `all`, `equilibria`)"
    );
    for bad in ["", "Labels", "ranges ", "bitmap,ranges"] {
        let e = bad.parse::<Encoding>().unwrap_err().to_string();
        assert!(!e.contains('\n'), "{e}");
    }
    for good in Encoding::ALL {
        assert_eq!(good.as_str().parse::<Encoding>(), Ok(good));
    }
    for good in Sets::ALL {
        assert_eq!(good.as_str().parse::<Sets>(), Ok(good));
    }
}
