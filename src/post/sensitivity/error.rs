//! The errors of sensitivity and inverse analyses.

use crate::limits::LimitError;
use crate::stability::concept::Concept;
use crate::stability::error::AnalysisError;

/// Why a sensitivity or inverse analysis could not be done.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SensitivityError {
    /// A state label that does not parse.
    #[error("malformed state `{state}`: {reason}")]
    MalformedState {
        /// The text given.
        state: String,
        /// What is wrong.
        reason: String,
    },
    /// A state that is not feasible where a feasible one is required.
    #[error("state `{0}` is not feasible")]
    InfeasibleState(String),
    /// [`destroy_equilibrium`](super::destroy_equilibrium) on a state that is not an equilibrium.
    #[error("state `{state}` is not a {concept} equilibrium")]
    NotAnEquilibrium {
        /// The state's label.
        state: String,
        /// The concept.
        concept: Concept,
    },
    /// No change of at most [`SensitivityOptions::max_edits`](super::SensitivityOptions::max_edits)
    /// edits works.
    #[error(
        "no preference change of at most {max_edits} edits makes `{state}` a {concept} equilibrium"
    )]
    NoSolutionWithin {
        /// The desired state's label.
        state: String,
        /// The concept.
        concept: Concept,
        /// The budget.
        max_edits: usize,
    },
    /// An edit that does not apply to the preferences it is given.
    #[error("edit `{0}` does not apply")]
    InapplicableEdit(String),
    /// An edit naming a decision maker the model does not have.
    #[error("unknown decision maker `{0}`")]
    UnknownDecisionMaker(String),
    /// An edited model failed validation (an internal error).
    #[error("the edited model is invalid: {0}")]
    Rebuild(String),
    /// The stability engine disagrees with the search (an internal error).
    #[error("verification failed: {0}")]
    Verification(String),
    /// The stability analysis failed.
    #[error(transparent)]
    Analysis(#[from] AnalysisError),
    /// A budget of [`Limits`](crate::limits::Limits) was exceeded.
    #[error(transparent)]
    Limit(#[from] LimitError),
}
