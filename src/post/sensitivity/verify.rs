//! Verification of reported changes: rebuilding the edited file and running the analysis.

use crate::model::file::GraphModelFile;
use crate::model::graph_model::GraphModel;
use crate::stability::analysis::{Analysis, AnalysisOptions};
use crate::stability::concept::Concept;

use super::{SensitivityError, SensitivityOptions};

pub(super) fn rebuild(file: &GraphModelFile) -> Result<GraphModel, SensitivityError> {
    GraphModel::from_file(file.clone()).map_err(|e| SensitivityError::Rebuild(e.to_string()))
}

pub(super) fn verify_run(
    model: &GraphModel,
    concept: Concept,
    options: &SensitivityOptions,
) -> Result<Analysis, SensitivityError> {
    Ok(Analysis::run(
        model,
        &AnalysisOptions {
            reachability: options.reachability,
            concepts: vec![concept],
            limits: options.limits.clone(),
            threads: 1,
        },
    )?)
}
