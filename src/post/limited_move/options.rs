//! Budgets of limited-move analyses and the check of a requested horizon.

use crate::limits::Limits;

use super::LimitedMoveError;

/// Default most moves looked ahead ([`LimitedMoveOptions::max_horizon`]).
pub const DEFAULT_MAX_HORIZON: usize = 1024;

/// Budgets of limited-move analyses.
#[derive(Debug, Clone)]
pub struct LimitedMoveOptions {
    /// Most moves looked ahead: the largest horizon accepted, and for non-myopic stability the
    /// most levels computed while looking for the cycle (default [`DEFAULT_MAX_HORIZON`]).
    pub max_horizon: usize,
    /// Work (candidate states tried) and memory budgets.
    pub limits: Limits,
}

impl Default for LimitedMoveOptions {
    fn default() -> Self {
        LimitedMoveOptions {
            max_horizon: DEFAULT_MAX_HORIZON,
            limits: Limits::default(),
        }
    }
}

pub(super) fn check_horizon(
    horizon: usize,
    options: &LimitedMoveOptions,
) -> Result<(), LimitedMoveError> {
    if horizon == 0 {
        return Err(LimitedMoveError::ZeroHorizon);
    }
    if horizon > options.max_horizon {
        return Err(LimitedMoveError::HorizonAboveBudget {
            horizon,
            max: options.max_horizon,
        });
    }
    Ok(())
}
