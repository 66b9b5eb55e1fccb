//! Shared by the fuzz targets: analyse whatever loads, under small budgets.

use standoff::{Analysis, AnalysisOptions, GraphModel, Limits, Reachability};

pub fn small_limits() -> Limits {
    Limits {
        max_options: 12,
        max_states: 4096,
        max_work: 1 << 22,
        ..Limits::default()
    }
}

pub fn exercise(model: &GraphModel) {
    for reachability in [Reachability::LegalSequences, Reachability::DistinctMovers] {
        let opts = AnalysisOptions {
            reachability,
            limits: small_limits(),
            threads: 1,
            ..AnalysisOptions::default()
        };
        if let Ok(a) = Analysis::run(model, &opts) {
            let _ = a.to_json_string(model);
            let _ = standoff::report::tableau(model, &a);
        }
    }
    // Writing the model back must give the same model.
    if let Ok(json) = model.to_json_string() {
        let back = GraphModel::from_json_str_with_limits(&json, &small_limits());
        assert_eq!(back.as_ref().ok(), Some(model), "JSON round trip changed the model");
    }
}
