//! Options of sensitivity and inverse analyses.

use crate::limits::Limits;
use crate::stability::concept::Reachability;

/// Default most edits of an inverse analysis ([`SensitivityOptions::max_edits`]).
pub const DEFAULT_MAX_EDITS: usize = 3;

/// Default most solutions reported ([`SensitivityOptions::max_solutions`]).
pub const DEFAULT_MAX_SOLUTIONS: usize = 32;

/// Options of sensitivity and inverse analyses.
#[derive(Debug, Clone)]
pub struct SensitivityOptions {
    /// How sanctioning sequences are read.
    pub reachability: Reachability,
    /// Most edits in a change ([`make_equilibrium`](super::make_equilibrium); default
    /// [`DEFAULT_MAX_EDITS`]).
    pub max_edits: usize,
    /// Most solutions reported (default [`DEFAULT_MAX_SOLUTIONS`]); more are counted as
    /// truncated.
    pub max_solutions: usize,
    /// Budgets: one unit of work per state of every examined profile's payoff array, plus the
    /// stability checks' own work.
    pub limits: Limits,
}

impl Default for SensitivityOptions {
    fn default() -> Self {
        SensitivityOptions {
            reachability: Reachability::LegalSequences,
            max_edits: DEFAULT_MAX_EDITS,
            max_solutions: DEFAULT_MAX_SOLUTIONS,
            limits: Limits::default(),
        }
    }
}
