//! Resource budgets honoured by model construction and every analysis.

use std::fmt;
use std::sync::Arc;

/// Budgets for building and analysing a model. Exceeding one is a typed error with the
/// figures, raised before the large allocation it protects.
///
/// The defaults allow models of up to 2^24 (16,777,216) feasible states, which the engine
/// analyses in seconds on two cores; raise them explicitly for larger models.
#[derive(Clone)]
pub struct Limits {
    /// Most options a model may have (default 40; never more than 63).
    pub max_options: usize,
    /// Most feasible states a model may have (default 2^24).
    pub max_states: u64,
    /// Most units of work one analysis may spend (one unit is about one state visited by a
    /// reachability pass or one combination tried by SIM; default 2^36).
    pub max_work: u64,
    /// Most memory, in bytes, the engine's arrays may take, estimated before allocating
    /// (default 4 GiB).
    pub max_memory: u64,
    /// Most completions a scenario's preferences may allow (outcome rankings with unknown
    /// groups, alternatives; default 2^20); more is an error.
    pub max_completions: u64,
    /// Most completions a forecast resolves (default 4,096): all of them when there are no
    /// more, otherwise this many drawn with a fixed seed.
    pub forecast_completions: u64,
    /// Called now and then during long computations; returning `true` cancels the
    /// computation with an error.
    pub cancel: Option<Arc<dyn Fn() -> bool + Send + Sync>>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_options: 40,
            max_states: 1 << 24,
            max_work: 1 << 36,
            max_memory: 4 << 30,
            max_completions: 1 << 20,
            forecast_completions: 4096,
            cancel: None,
        }
    }
}

impl fmt::Debug for Limits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Limits")
            .field("max_options", &self.max_options)
            .field("max_states", &self.max_states)
            .field("max_work", &self.max_work)
            .field("max_memory", &self.max_memory)
            .field("max_completions", &self.max_completions)
            .field("forecast_completions", &self.forecast_completions)
            .field("cancel", &self.cancel.as_ref().map(|_| "callback"))
            .finish()
    }
}

impl Limits {
    /// Limits with no practical bound on work or memory (options still at most 63, states
    /// at most 2^32 - 1).
    pub fn unlimited() -> Self {
        Limits {
            max_options: 63,
            max_states: u32::MAX as u64 - 1,
            max_work: u64::MAX,
            max_memory: u64::MAX,
            max_completions: u64::MAX,
            forecast_completions: 1 << 20,
            cancel: None,
        }
    }

    pub(crate) fn cancelled(&self) -> bool {
        self.cancel.as_ref().is_some_and(|c| c())
    }
}

/// A budget that was exceeded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LimitError {
    /// More options than [`Limits::max_options`].
    #[error("model has {count} options, more than the limit of {limit}")]
    Options {
        /// Options in the model.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// More feasible states than [`Limits::max_states`].
    #[error("model has at least {count} feasible states, more than the limit of {limit}")]
    States {
        /// Feasible states counted before stopping.
        count: u64,
        /// The limit.
        limit: u64,
    },
    /// More work than [`Limits::max_work`].
    #[error("analysis needs more than {limit} units of work (spent {spent})")]
    Work {
        /// Work spent when the limit was hit.
        spent: u64,
        /// The limit.
        limit: u64,
    },
    /// More memory than [`Limits::max_memory`].
    #[error("analysis needs about {needed} bytes of memory, more than the limit of {limit}")]
    Memory {
        /// Estimated bytes needed.
        needed: u64,
        /// The limit.
        limit: u64,
    },
    /// The cancellation callback asked to stop.
    #[error("cancelled")]
    Cancelled,
}

/// Work accounting against a [`Limits`] value, shareable between threads.
pub(crate) struct Meter<'a> {
    limits: &'a Limits,
    spent: std::sync::atomic::AtomicU64,
}

impl<'a> Meter<'a> {
    pub(crate) fn new(limits: &'a Limits) -> Self {
        Meter {
            limits,
            spent: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// Adds `units` of work; errors when the budget is exceeded or cancellation is asked.
    pub(crate) fn spend(&self, units: u64) -> Result<(), LimitError> {
        use std::sync::atomic::Ordering;
        let before = self.spent.fetch_add(units, Ordering::Relaxed);
        let spent = before.saturating_add(units);
        if spent > self.limits.max_work {
            return Err(LimitError::Work {
                spent,
                limit: self.limits.max_work,
            });
        }
        if before >> 16 != spent >> 16 && self.limits.cancelled() {
            return Err(LimitError::Cancelled);
        }
        Ok(())
    }

    /// Errors when `needed` bytes exceed the memory budget.
    pub(crate) fn memory(&self, needed: u64) -> Result<(), LimitError> {
        if needed > self.limits.max_memory {
            return Err(LimitError::Memory {
                needed,
                limit: self.limits.max_memory,
            });
        }
        Ok(())
    }

    /// The limits metered against.
    pub(crate) fn limits(&self) -> &Limits {
        self.limits
    }
}
