//! Errors of analyses.

use crate::limits::LimitError;

/// Why an analysis could not be done.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnalysisError {
    /// A budget of [`crate::Limits`] was exceeded.
    #[error(transparent)]
    Limit(#[from] LimitError),
    /// A decision maker index or name that the model does not have.
    #[error("unknown decision maker `{0}`")]
    UnknownDecisionMaker(String),
    /// A state that is not feasible where a feasible one is required.
    #[error("state `{0}` is not feasible")]
    InfeasibleState(String),
    /// A concept that the analysis did not compute.
    #[error("concept `{0}` was not analysed")]
    ConceptNotAnalysed(String),
}
