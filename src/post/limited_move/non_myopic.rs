//! Non-myopic stability: the limit of L(h) as the horizon grows.

use serde::Serialize;

use crate::limits::Meter;
use crate::model::graph_model::GraphModel;
use crate::model::state::State;

use super::game::{Game, Level, STAY};
use super::{LimitedMoveError, LimitedMoveOptions};

/// The limit of L(h) for one state and decision maker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NonMyopicStatus {
    /// L(h)-stable at every horizon from the onset on: non-myopically stable.
    Stable,
    /// L(h)-unstable at every horizon from the onset on.
    Unstable,
    /// Stable at some horizons of the cycle and not at others: the limit does not exist.
    Oscillating,
}

/// The non-myopic verdict on one state for one decision maker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NonMyopicVerdict {
    /// The state.
    pub state: State,
    /// The limit of the L(h) verdicts.
    pub status: NonMyopicStatus,
    /// Horizons of one cycle (onset ..= onset + period - 1) at which the state is L(h)-stable.
    pub stable_at: Vec<usize>,
    /// The anticipated outcome, where it is the same at every horizon of the cycle.
    pub limit: Option<State>,
}

/// Non-myopic stability of every state for both decision makers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NonMyopic {
    /// First horizon from which the L(h) verdicts and outcomes repeat.
    pub onset: usize,
    /// Their period (1 where they settle).
    pub period: usize,
    /// Per decision maker, one verdict per feasible state in canonical order.
    pub verdicts: [Vec<NonMyopicVerdict>; 2],
}

impl NonMyopic {
    /// The states non-myopically stable for `dm`, in canonical order.
    pub fn stable_states(&self, dm: usize) -> Vec<State> {
        self.verdicts
            .get(dm)
            .map(|v| {
                v.iter()
                    .filter(|x| x.status == NonMyopicStatus::Stable)
                    .map(|x| x.state)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The non-myopic equilibria (stable for both), in canonical order.
    pub fn equilibria(&self) -> Vec<State> {
        self.verdicts[0]
            .iter()
            .zip(&self.verdicts[1])
            .filter(|(a, b)| {
                a.status == NonMyopicStatus::Stable && b.status == NonMyopicStatus::Stable
            })
            .map(|(a, _)| a.state)
            .collect()
    }
}

/// Non-myopic stability: the limit of L(h) as h grows (see the module documentation).
///
/// Arguments: the model (two decision makers), budgets; at most `options.max_horizon` levels
/// are computed. Result: the onset and period of the cycle of anticipated outcomes and, per
/// decision maker and state (canonical order), the limit verdict.
///
/// Complexity: Brent's cycle detection over the levels of anticipated outcomes, O((μ + λ) ·
/// S · (2^k_1 + 2^k_2)) for onset μ and period λ, with a constant number of arrays of S
/// entries.
///
/// ```
/// use standoff::post::limited_move::{non_myopic, LimitedMoveOptions};
/// let model = standoff::GraphModel::from_path("tests/corpus/prisoners.model.json")?;
/// let nm = non_myopic(&model, &LimitedMoveOptions::default())?;
/// let labels: Vec<String> = nm.equilibria().iter().map(|&s| model.label(s)).collect();
/// assert_eq!(labels, ["NN", "YY"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn non_myopic(
    model: &GraphModel,
    options: &LimitedMoveOptions,
) -> Result<NonMyopic, LimitedMoveError> {
    let game = Game::new(model)?;
    let meter = Meter::new(&options.limits);
    game.check_memory(&meter, 12)?;
    let n = game.n();
    let mut choice: Level = [Vec::new(), Vec::new()];
    let mut levels = 0usize;
    let budget = options.max_horizon;
    let mut advance = |v: &Level, choice: &mut Level| -> Result<Level, LimitedMoveError> {
        levels += 1;
        if levels > budget.saturating_mul(3) {
            return Err(LimitedMoveError::NoCycleWithin { max: budget });
        }
        let mut out: Level = [Vec::new(), Vec::new()];
        game.step(v, choice, &mut out, &meter)?;
        Ok(out)
    };
    // Brent: find the period λ.
    let start = game.level_zero();
    let mut power = 1usize;
    let mut lambda = 1usize;
    let mut tortoise = start.clone();
    let mut hare = advance(&start, &mut choice)?;
    let mut steps = 1usize;
    while tortoise != hare {
        if power == lambda {
            tortoise = hare.clone();
            power *= 2;
            lambda = 0;
        }
        hare = advance(&hare, &mut choice)?;
        lambda += 1;
        steps += 1;
        if steps > budget {
            return Err(LimitedMoveError::NoCycleWithin { max: budget });
        }
    }
    // The onset μ: the first level that recurs λ levels later.
    let mut tortoise = start.clone();
    let mut hare = start;
    for _ in 0..lambda {
        hare = advance(&hare, &mut choice)?;
    }
    let mut mu = 0usize;
    while tortoise != hare {
        tortoise = advance(&tortoise, &mut choice)?;
        hare = advance(&hare, &mut choice)?;
        mu += 1;
    }
    // Horizons μ + 1 ..= μ + λ: choices computed from levels μ ..= μ + λ - 1.
    let mut stable_at: [Vec<Vec<usize>>; 2] = [vec![Vec::new(); n], vec![Vec::new(); n]];
    let mut outcome: [Vec<Option<u32>>; 2] = [vec![None; n], vec![None; n]];
    let mut constant: [Vec<bool>; 2] = [vec![true; n], vec![true; n]];
    let mut level = tortoise;
    for k in 0..lambda {
        let next = advance(&level, &mut choice)?;
        for a in 0..2 {
            for x in 0..n {
                if choice[a][x] == STAY {
                    stable_at[a][x].push(mu + 1 + k);
                }
                match outcome[a][x] {
                    None => outcome[a][x] = Some(next[a][x]),
                    Some(o) if o != next[a][x] => constant[a][x] = false,
                    Some(_) => {}
                }
            }
        }
        level = next;
    }
    let verdicts = [0, 1].map(|a| {
        (0..n)
            .map(|x| {
                let at = std::mem::take(&mut stable_at[a][x]);
                let status = if at.len() == lambda {
                    NonMyopicStatus::Stable
                } else if at.is_empty() {
                    NonMyopicStatus::Unstable
                } else {
                    NonMyopicStatus::Oscillating
                };
                NonMyopicVerdict {
                    state: State(model.feasible[x]),
                    status,
                    stable_at: at,
                    limit: outcome[a][x]
                        .filter(|_| constant[a][x])
                        .map(|o| State(model.feasible[o as usize])),
                }
            })
            .collect()
    });
    Ok(NonMyopic {
        onset: mu + 1,
        period: lambda,
        verdicts,
    })
}
