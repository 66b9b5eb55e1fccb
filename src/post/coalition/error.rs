//! The errors of coalition analyses.

use crate::limits::LimitError;

/// Why a coalition analysis could not be done.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CoalitionError {
    /// A name (or index) in a partition that is not a decision maker of the model.
    #[error("unknown decision maker `{0}` in the partition")]
    UnknownDecisionMaker(String),
    /// A decision maker that no coalition of the partition contains.
    #[error("the partition misses decision maker `{0}`")]
    MissingDecisionMaker(String),
    /// A decision maker that two coalitions (or one coalition twice) contain.
    #[error("the partition repeats decision maker `{0}`")]
    RepeatedDecisionMaker(String),
    /// A coalition with no members.
    #[error("coalition {position} of the partition `{partition}` is empty")]
    EmptyCoalition {
        /// 1-based position of the empty coalition.
        position: usize,
        /// The partition as given.
        partition: String,
    },
    /// A concept that coalition analysis does not define.
    #[error(
        "concept `{0}` is not defined for coalitions (expected `nash`, `gmr`, `smr` or `seq`)"
    )]
    UnsupportedConcept(String),
    /// Too many decision makers to enumerate partitions or coalitions.
    #[error("enumerating the coalitions of {count} decision makers is above the limit of {limit}")]
    TooManyDecisionMakers {
        /// Decision makers in the model.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// A coalition index the partition does not have.
    #[error("unknown coalition `{0}`")]
    UnknownCoalition(usize),
    /// A state that is not feasible where a feasible one is required.
    #[error("state `{0}` is not feasible")]
    InfeasibleState(String),
    /// A concept that the analysis did not compute.
    #[error("concept `{0}` was not analysed")]
    ConceptNotAnalysed(String),
    /// A budget of [`Limits`](crate::limits::Limits) was exceeded.
    #[error(transparent)]
    Limit(#[from] LimitError),
}
