//! L(h) stability at one horizon, and its report.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::limits::Meter;
use crate::model::graph_model::GraphModel;
use crate::model::state::State;

use super::game::{Game, Level, STAY};
use super::options::check_horizon;
use super::{LimitedMoveError, LimitedMoveOptions};

/// The value of `format` in a [`LimitedMoveReport`].
pub const LIMITED_MOVE_FORMAT: &str = "standoff.limited-move/1";

/// The verdict of L(h) on one state for one decision maker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LimitedMoveVerdict {
    /// The state.
    pub state: State,
    /// True where the decision maker stays.
    pub stable: bool,
    /// Its first move where it moves (toward the outcome it anticipates).
    pub first_move: Option<State>,
    /// The anticipated outcome `G_h` (the state itself where it stays).
    pub anticipated: State,
}

/// L(h) stability of every state for both decision makers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LimitedMove {
    horizon: usize,
    /// Per decision maker, one verdict per feasible state in canonical order.
    verdicts: [Vec<LimitedMoveVerdict>; 2],
}

impl LimitedMove {
    /// The horizon analysed.
    pub fn horizon(&self) -> usize {
        self.horizon
    }

    /// The verdicts for decision maker `dm` (0 or 1), one per feasible state in canonical
    /// order (empty for another index).
    pub fn verdicts(&self, dm: usize) -> &[LimitedMoveVerdict] {
        self.verdicts.get(dm).map_or(&[], |v| v.as_slice())
    }

    /// The verdict for `dm` at `state`, `None` for an unknown decision maker or infeasible
    /// state.
    pub fn verdict(&self, dm: usize, state: State) -> Option<&LimitedMoveVerdict> {
        let v = self.verdicts.get(dm)?;
        v.binary_search_by_key(&state, |x| x.state)
            .ok()
            .map(|i| &v[i])
    }

    /// The states L(h)-stable for `dm`, in canonical order.
    pub fn stable_states(&self, dm: usize) -> Vec<State> {
        self.verdicts(dm)
            .iter()
            .filter(|v| v.stable)
            .map(|v| v.state)
            .collect()
    }

    /// The L(h) equilibria (stable for both), in canonical order.
    pub fn equilibria(&self) -> Vec<State> {
        self.verdicts[0]
            .iter()
            .zip(&self.verdicts[1])
            .filter(|(a, b)| a.stable && b.stable)
            .map(|(a, _)| a.state)
            .collect()
    }

    /// The result with names and labels, for output.
    pub fn report(&self, model: &GraphModel) -> LimitedMoveReport {
        let mut stable = BTreeMap::new();
        let mut verdicts = BTreeMap::new();
        for (d, dm) in model.decision_makers().iter().enumerate().take(2) {
            stable.insert(
                dm.name().to_string(),
                self.stable_states(d)
                    .iter()
                    .map(|&s| model.label(s))
                    .collect(),
            );
            verdicts.insert(
                dm.name().to_string(),
                self.verdicts[d]
                    .iter()
                    .map(|v| VerdictReport {
                        state: model.label(v.state),
                        stable: v.stable,
                        first_move: v.first_move.map(|s| model.label(s)),
                        anticipated: model.label(v.anticipated),
                    })
                    .collect(),
            );
        }
        LimitedMoveReport {
            format: LIMITED_MOVE_FORMAT,
            model: model.name().to_string(),
            horizon: self.horizon,
            stable,
            equilibria: self.equilibria().iter().map(|&s| model.label(s)).collect(),
            verdicts,
        }
    }
}

/// One verdict with labels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerdictReport {
    /// The state's label.
    pub state: String,
    /// True where the decision maker stays.
    pub stable: bool,
    /// Its first move, where it moves.
    pub first_move: Option<String>,
    /// The anticipated outcome.
    pub anticipated: String,
}

/// An L(h) analysis with names and labels: what `examples/post.rs` prints as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LimitedMoveReport {
    /// Always [`LIMITED_MOVE_FORMAT`].
    pub format: &'static str,
    /// The model's name.
    pub model: String,
    /// The horizon.
    pub horizon: usize,
    /// Decision maker -> L(h)-stable state labels (canonical order).
    pub stable: BTreeMap<String, Vec<String>>,
    /// L(h) equilibria (canonical order).
    pub equilibria: Vec<String>,
    /// Decision maker -> one verdict per state (canonical order).
    pub verdicts: BTreeMap<String, Vec<VerdictReport>>,
}

/// L(h) stability of every state for both decision makers of a two-decision-maker model.
///
/// Arguments: the model (exactly two decision makers), the horizon h (1 ..=
/// `options.max_horizon`), budgets. Result: per decision maker and feasible state (canonical
/// order) whether it stays, its first move and the anticipated outcome `G_h`.
///
/// Complexity: h levels of backward induction, each O(S · (2^k_1 + 2^k_2)) for S feasible
/// states and k_i options of decision maker i, with four arrays of S entries. Deterministic
/// (see the module documentation for ties).
///
/// ```
/// use standoff::post::limited_move::{limited_move, LimitedMoveOptions};
/// let model = standoff::GraphModel::from_path("tests/corpus/prisoners.model.json")?;
/// let l2 = limited_move(&model, 2, &LimitedMoveOptions::default())?;
/// let labels: Vec<String> = l2.equilibria().iter().map(|&s| model.label(s)).collect();
/// assert_eq!(labels, ["NN", "YY"]); // mutual cooperation holds with two moves foreseen
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn limited_move(
    model: &GraphModel,
    horizon: usize,
    options: &LimitedMoveOptions,
) -> Result<LimitedMove, LimitedMoveError> {
    let game = Game::new(model)?;
    check_horizon(horizon, options)?;
    let meter = Meter::new(&options.limits);
    game.check_memory(&meter, 6)?;
    let mut prev = game.level_zero();
    let mut choice: Level = [Vec::new(), Vec::new()];
    let mut out: Level = [Vec::new(), Vec::new()];
    for _ in 0..horizon {
        game.step(&prev, &mut choice, &mut out, &meter)?;
        std::mem::swap(&mut prev, &mut out);
    }
    // `prev` now holds G_h, `choice` the choices at level h.
    let state = |x: u32| State(model.feasible[x as usize]);
    let verdicts = [0, 1].map(|a| {
        (0..game.n())
            .map(|x| LimitedMoveVerdict {
                state: state(x as u32),
                stable: choice[a][x] == STAY,
                first_move: (choice[a][x] != STAY).then(|| state(choice[a][x])),
                anticipated: state(prev[a][x]),
            })
            .collect()
    });
    Ok(LimitedMove { horizon, verdicts })
}
