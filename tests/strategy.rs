//! The exported proptest strategies produce valid models that round-trip and analyse.
#![cfg(feature = "proptest")]

use proptest::prelude::*;
use standoff::strategy::{graph_model, GraphModelParams};
use standoff::{Analysis, AnalysisOptions, GraphModel, Reachability};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn generated_models_round_trip_and_analyse(model in any::<GraphModel>()) {
        let json = model.to_json_string().unwrap();
        let toml = model.to_toml_string().unwrap();
        let from_json = GraphModel::from_json_str(&json).unwrap();
        let from_toml = GraphModel::from_toml_str(&toml).unwrap();
        prop_assert_eq!(&from_json, &model);
        prop_assert_eq!(&from_toml, &model);
        for reachability in [Reachability::LegalSequences, Reachability::DistinctMovers] {
            let opts = AnalysisOptions { reachability, ..AnalysisOptions::default() };
            let a = Analysis::run(&model, &opts).unwrap();
            let b = Analysis::run(&from_toml, &opts).unwrap();
            prop_assert_eq!(a.to_json_string(&model), b.to_json_string(&from_toml));
        }
    }

    #[test]
    fn parameters_bound_the_size(model in graph_model(GraphModelParams {
        decision_makers: (2, 3), max_options_per_dm: 2, max_options: 5, rankings: false, ..GraphModelParams::default()
    })) {
        let dms = model.decision_makers().len();
        prop_assert!((2..=3).contains(&dms));
        prop_assert!(model.option_count() <= 5);
        prop_assert!(model.decision_makers().iter().all(|d| d.options().len() <= 2));
        prop_assert!(model.file().preferences.0.iter().all(|(_, p)| p.priorities.is_some()));
    }
}
