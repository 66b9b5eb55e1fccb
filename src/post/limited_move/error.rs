//! The errors of limited-move analyses.

use crate::limits::LimitError;

/// Why a limited-move analysis could not be done.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LimitedMoveError {
    /// The model does not have exactly two decision makers.
    #[error(
        "limited-move stability needs exactly two decision makers; the model has {count}: {names}"
    )]
    NotTwoDecisionMakers {
        /// Decision makers in the model.
        count: usize,
        /// Their names, each in backticks, comma separated.
        names: String,
    },
    /// A horizon of 0.
    #[error("horizon `0` is not allowed: a horizon counts moves and is at least 1")]
    ZeroHorizon,
    /// A horizon above [`LimitedMoveOptions::max_horizon`](super::LimitedMoveOptions::max_horizon).
    #[error("horizon `{horizon}` is above the budget of {max} moves")]
    HorizonAboveBudget {
        /// The horizon asked for.
        horizon: usize,
        /// The budget.
        max: usize,
    },
    /// A decision-maker index or name the model does not have.
    #[error("unknown decision maker `{0}`")]
    UnknownDecisionMaker(String),
    /// A state that is not feasible where a feasible one is required.
    #[error("state `{0}` is not feasible")]
    InfeasibleState(String),
    /// Non-myopic analysis: the anticipated outcomes did not repeat within the budget.
    #[error("the anticipated outcomes do not start repeating within the budget of {max} moves")]
    NoCycleWithin {
        /// The budget
        /// ([`LimitedMoveOptions::max_horizon`](super::LimitedMoveOptions::max_horizon)).
        max: usize,
    },
    /// A budget of [`Limits`](crate::limits::Limits) was exceeded.
    #[error(transparent)]
    Limit(#[from] LimitError),
}
