//! Misperceptions (first-level hypergame): each decision maker's verdicts are those of its own
//! perceived game, checked against the naive oracle run on a perceived game built here.
#![cfg(feature = "proptest")]

mod oracle;

use proptest::prelude::*;
use serde_json::{json, Value};
use standoff::post::misperception::analyze;
use standoff::strategy::{graph_model, GraphModelParams};
use standoff::{AnalysisOptions, Concept, GraphModel, LoadError, ModelError, Reachability};

fn quote(name: &str) -> String {
    if name.chars().all(|c| c.is_alphanumeric() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit())
    {
        name.to_string()
    } else {
        format!("`{name}`")
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn verdicts_are_those_of_the_perceived_game(
        model in graph_model(GraphModelParams { decision_makers: (2, 3), max_options_per_dm: 2, max_options: 6, ..GraphModelParams::default() }),
        pick in any::<(usize, usize, bool)>(),
    ) {
        let dms = model.decision_makers().len();
        let d = pick.0 % dms;
        let k = pick.1 % model.option_count();
        let name = model.options()[k].name().to_string();
        let cond = if pick.2 { quote(&name) } else { format!("!{}", quote(&name)) };
        let hidden = |label: &str| (label.as_bytes()[k] == b'Y') == pick.2;
        let dm_name = model.decision_makers()[d].name().to_string();
        let mut doc: Value = serde_json::from_str(&model.to_json_string().unwrap()).unwrap();
        doc["misperceived"] = json!({ dm_name.clone(): [cond.clone()] });
        let perceived_any = model.feasible_states().any(|s| !hidden(&model.label(s)));
        let loaded = GraphModel::from_json_str(&doc.to_string());
        if !perceived_any {
            prop_assert!(matches!(loaded, Err(LoadError::Invalid(ref p)) if p[0].error == ModelError::PerceivesNothing(dm_name.clone())));
            return Ok(());
        }
        let full = loaded.unwrap();
        // The perceived game, built by hand: hidden states infeasible, rankings filtered.
        let mut game: Value = serde_json::from_str(&model.to_json_string().unwrap()).unwrap();
        let mut infeasible = game["infeasible"].as_array().cloned().unwrap_or_default();
        infeasible.push(json!(cond));
        game["infeasible"] = Value::Array(infeasible);
        if game["status_quo"].as_str().is_some_and(hidden) {
            game.as_object_mut().unwrap().remove("status_quo");
        }
        for (_, pref) in game["preferences"].as_object_mut().unwrap().iter_mut() {
            if let Some(tiers) = pref.get_mut("ranking").and_then(|r| r.as_array_mut()) {
                for t in tiers.iter_mut() {
                    t.as_array_mut().unwrap().retain(|l| !hidden(l.as_str().unwrap()));
                }
                tiers.retain(|t| !t.as_array().unwrap().is_empty());
            }
        }
        for (reachability, reading) in [
            (Reachability::LegalSequences, oracle::Reading::LegalSequences),
            (Reachability::DistinctMovers, oracle::Reading::DistinctMovers),
        ] {
            let h = analyze(&full, &AnalysisOptions { reachability, ..AnalysisOptions::default() }).unwrap();
            let expected_game = oracle::analyze(&game, reading).unwrap();
            let expected_full = oracle::analyze(&doc, reading).unwrap();
            for c in Concept::ALL {
                for (i, dm) in full.decision_makers().iter().enumerate() {
                    let got: Vec<Value> = h.analysis.stable_indices(c, i).unwrap().into_iter()
                        .map(|x| json!(full.label(full.state_at(x).unwrap()))).collect();
                    let source = if i == d { &expected_game } else { &expected_full };
                    let want = source["stability"][c.as_str()][dm.name()].as_array().cloned().unwrap();
                    prop_assert_eq!(&got, &want, "{} {} {}", c, dm.name(), reachability);
                }
            }
            let unperceived: Vec<String> = h.unperceived_states(&full, d).into_iter().map(|s| full.label(s)).collect();
            let want: Vec<String> = full.feasible_states().map(|s| full.label(s)).filter(|l| hidden(l)).collect();
            prop_assert_eq!(unperceived, want);
        }
    }
}

#[test]
fn misperception_errors_name_the_item() {
    let base = r#"{ "format": "standoff.graph-model/1", "name": "t",
  "decision_makers": [ { "name": "A", "options": ["a"] }, { "name": "B", "options": ["b"] } ],
  "preferences": { "A": { "priorities": ["a"] }, "B": { "priorities": ["b"] } },
  "misperceived": MIS }"#;
    let problems = |mis: &str| match GraphModel::from_json_str(&base.replace("MIS", mis)) {
        Err(LoadError::Invalid(p)) => p.into_iter().map(|l| l.to_string()).collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        problems(r#"{ "C": ["a"] }"#),
        ["line 4: misperceived names unknown decision maker `C`"]
    );
    assert_eq!(
        problems(r#"{ "A": ["a &"] }"#),
        ["line 4: condition `a &` in misperceived of `A` does not parse at column 4: expected an option name, `!` or `(`, found the end"]
    );
    assert_eq!(
        problems(r#"{ "A": ["zz"] }"#),
        ["line 4: condition `zz` in misperceived of `A` names unknown option `zz`"]
    );
    assert_eq!(
        problems(r#"{ "A": ["a | !a"] }"#),
        ["line 2: decision maker `A` perceives no feasible state"]
    );
    assert_eq!(
        problems(r#"{ "A": ["a"], "A": ["b"] }"#),
        ["line 4: misperceived lists decision maker `A` twice"]
    );
}

#[test]
fn misperceptions_round_trip_and_plain_analysis_ignores_them() {
    let m = GraphModel::builder("t")
        .decision_maker("A", ["a"])
        .decision_maker("B", ["b"])
        .priorities("A", ["a"])
        .priorities("B", ["b"])
        .misperceives("A", "b")
        .build()
        .unwrap();
    assert!(m.has_misperceptions());
    let back = GraphModel::from_toml_str(&m.to_toml_string().unwrap()).unwrap();
    assert_eq!(back, m);
    assert!(!m.perceives(0, m.parse_state("NY").unwrap()));
    assert!(m.perceives(1, m.parse_state("NY").unwrap()));
    let plain = standoff::Analysis::run(&m, &AnalysisOptions::default()).unwrap();
    let h = analyze(&m, &AnalysisOptions::default()).unwrap();
    // A does not perceive the states where B took b: not stable for A there.
    assert!(plain
        .is_stable(&m, Concept::Nash, 0, m.parse_state("YY").unwrap())
        .unwrap());
    assert!(!h
        .analysis
        .is_stable(&m, Concept::Nash, 0, m.parse_state("YY").unwrap())
        .unwrap());
}
