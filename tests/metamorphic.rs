//! Metamorphic properties: changes to a model with a known effect on the verdicts.
#![cfg(feature = "proptest")]

use proptest::prelude::*;
use standoff::model::condition::quote_name;
use standoff::strategy::{graph_model, GraphModelParams};
use standoff::{Analysis, AnalysisOptions, Concept, GraphModel, GraphModelFile, Reachability};

fn params() -> GraphModelParams {
    GraphModelParams {
        decision_makers: (1, 4),
        max_options_per_dm: 2,
        max_options: 6,
        ..GraphModelParams::default()
    }
}

fn analyse(model: &GraphModel, reachability: Reachability, threads: usize) -> Analysis {
    let opts = AnalysisOptions {
        reachability,
        threads,
        ..AnalysisOptions::default()
    };
    Analysis::run(model, &opts).unwrap()
}

fn stable_labels(model: &GraphModel, a: &Analysis, c: Concept, dm: usize) -> Vec<String> {
    a.stable_indices(c, dm)
        .unwrap()
        .into_iter()
        .map(|i| model.label(model.state_at(i).unwrap()))
        .collect()
}

/// The condition true exactly at `state`.
fn exactly(model: &GraphModel, state: standoff::State) -> String {
    model
        .options()
        .iter()
        .enumerate()
        .map(|(k, o)| {
            let name = quote_name(o.name());
            if state.is_taken(k) {
                name
            } else {
                format!("!{name}")
            }
        })
        .collect::<Vec<_>>()
        .join(" & ")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    #[test]
    fn a_decision_maker_without_options_changes_nothing(model in graph_model(params())) {
        let mut file: GraphModelFile = model.file().clone();
        file.decision_makers.push(standoff::model::file::DecisionMakerFile { name: "Bystander".into(), options: vec![] });
        let all: Vec<String> = model.feasible_states().map(|s| model.label(s)).collect();
        file.preferences.0.push(("Bystander".into(), standoff::model::file::PreferenceFile { ranking: Some(vec![all]), priorities: None }));
        let bigger = GraphModel::from_file(file).unwrap();
        for reading in [Reachability::LegalSequences, Reachability::DistinctMovers] {
            let a = analyse(&model, reading, 1);
            let b = analyse(&bigger, reading, 1);
            for c in Concept::ALL {
                prop_assert_eq!(a.equilibria(&model, c).unwrap(), b.equilibria(&bigger, c).unwrap());
                for dm in 0..model.decision_makers().len() {
                    prop_assert_eq!(stable_labels(&model, &a, c, dm), stable_labels(&bigger, &b, c, dm));
                }
                // The bystander cannot move: stable everywhere.
                prop_assert_eq!(b.stable_count(c, model.decision_makers().len()).unwrap(), model.state_count());
            }
        }
    }

    #[test]
    fn one_more_infeasible_state_keeps_nash_stability(model in graph_model(params()), pick in any::<u64>()) {
        prop_assume!(model.state_count() >= 2);
        let victim = model.state_at((pick % model.state_count() as u64) as usize).unwrap();
        let mut file: GraphModelFile = model.file().clone();
        file.infeasible.push(exactly(&model, victim));
        let victim_label = model.label(victim);
        if file.status_quo.as_deref() == Some(victim_label.as_str()) {
            file.status_quo = None;
        }
        for (_, pref) in file.preferences.0.iter_mut() {
            if let Some(tiers) = pref.ranking.as_mut() {
                for t in tiers.iter_mut() {
                    t.retain(|l| *l != victim_label);
                }
                tiers.retain(|t| !t.is_empty());
            }
        }
        let smaller = GraphModel::from_file(file).unwrap();
        prop_assert_eq!(smaller.state_count(), model.state_count() - 1);
        let a = analyse(&model, Reachability::LegalSequences, 1);
        let b = analyse(&smaller, Reachability::LegalSequences, 1);
        for dm in 0..model.decision_makers().len() {
            let after = stable_labels(&smaller, &b, Concept::Nash, dm);
            for s in stable_labels(&model, &a, Concept::Nash, dm) {
                if s != victim_label {
                    prop_assert!(after.contains(&s), "{} lost Nash stability for dm {}", s, dm);
                }
            }
        }
    }

    #[test]
    fn more_opponent_moves_never_shrink_gmr(model in graph_model(params())) {
        // Making an irreversible option reversible gives its owner more moves.
        let irreversible: Vec<String> = model.file().irreversible.0.iter().map(|(o, _)| o.clone()).collect();
        prop_assume!(!irreversible.is_empty());
        let freed = &irreversible[0];
        let owner = model.options()[model.option_index(freed).unwrap()].owner();
        let mut file: GraphModelFile = model.file().clone();
        file.irreversible.0.retain(|(o, _)| o != freed);
        let freer = GraphModel::from_file(file).unwrap();
        for reading in [Reachability::LegalSequences, Reachability::DistinctMovers] {
            let a = analyse(&model, reading, 1);
            let b = analyse(&freer, reading, 1);
            for dm in (0..model.decision_makers().len()).filter(|&d| d != owner) {
                let after = stable_labels(&freer, &b, Concept::Gmr, dm);
                for s in stable_labels(&model, &a, Concept::Gmr, dm) {
                    prop_assert!(after.contains(&s), "{} lost GMR stability for dm {}", s, dm);
                }
            }
        }
    }

    #[test]
    fn output_is_the_same_for_every_thread_count(model in graph_model(params())) {
        for reading in [Reachability::LegalSequences, Reachability::DistinctMovers] {
            let one = analyse(&model, reading, 1).to_json_string(&model);
            for threads in [0, 2, 3] {
                prop_assert_eq!(&analyse(&model, reading, threads).to_json_string(&model), &one);
            }
        }
    }
}
