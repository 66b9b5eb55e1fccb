//! Explanations of L(h) verdicts: the anticipated play and every alternative move.

use serde::Serialize;

use crate::limits::Meter;
use crate::model::graph_model::GraphModel;
use crate::model::state::State;
use crate::stability::explain::Move;

use super::game::{Game, Level, STAY};
use super::options::check_horizon;
use super::{LimitedMoveError, LimitedMoveOptions};

/// One move of the focal decision maker and the play it anticipates after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnticipatedReply {
    /// The focal decision maker's move target.
    pub to: State,
    /// The anticipated play: the focal move, then the moves both make with the remaining
    /// horizon, alternating.
    pub play: Vec<Move>,
    /// Where the play ends.
    pub outcome: State,
    /// True where the focal decision maker strictly prefers `outcome` to the start.
    pub preferred: bool,
}

/// Why a state is or is not L(h)-stable for a decision maker, as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LimitedMoveExplanation {
    /// The focal decision maker.
    pub decision_maker: usize,
    /// The state.
    pub state: State,
    /// The horizon.
    pub horizon: usize,
    /// True where it stays.
    pub stable: bool,
    /// The anticipated play from `state` (empty where it stays).
    pub play: Vec<Move>,
    /// The anticipated outcome.
    pub anticipated: State,
    /// Every move of the focal decision maker from `state`, in canonical order, with the
    /// play it anticipates.
    pub alternatives: Vec<AnticipatedReply>,
}

/// Explains the L(h) verdict of decision maker `dm` at `state`: the anticipated play and, for
/// each of its moves, the play it expects to follow.
///
/// Arguments: model (two decision makers), horizon, focal decision maker index, a feasible
/// state, budgets. Complexity: as [`limited_move`](super::limited_move), keeping the choices of
/// every level (2 · h · S entries, checked against the memory budget).
///
/// ```
/// use standoff::post::limited_move::{explain_limited_move, LimitedMoveOptions};
/// let model = standoff::GraphModel::from_path("tests/corpus/prisoners.model.json")?;
/// let yy = model.parse_state("YY")?;
/// let e = explain_limited_move(&model, 2, 0, yy, &LimitedMoveOptions::default())?;
/// assert!(e.stable);
/// // Defecting (to NY) is answered by the other's defection (NN), worse than YY.
/// assert_eq!(model.label(e.alternatives[0].outcome), "NN");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn explain_limited_move(
    model: &GraphModel,
    horizon: usize,
    dm: usize,
    state: State,
    options: &LimitedMoveOptions,
) -> Result<LimitedMoveExplanation, LimitedMoveError> {
    let game = Game::new(model)?;
    check_horizon(horizon, options)?;
    if dm >= 2 {
        return Err(LimitedMoveError::UnknownDecisionMaker(dm.to_string()));
    }
    let x = model
        .index_of(state)
        .ok_or_else(|| LimitedMoveError::InfeasibleState(model.label(state)))?;
    let meter = Meter::new(&options.limits);
    game.check_memory(&meter, 4 + 2 * horizon as u64)?;
    // choices[k] = choices at level k + 1.
    let mut choices: Vec<Level> = Vec::with_capacity(horizon);
    let mut prev = game.level_zero();
    let mut out: Level = [Vec::new(), Vec::new()];
    for _ in 0..horizon {
        let mut choice: Level = [Vec::new(), Vec::new()];
        game.step(&prev, &mut choice, &mut out, &meter)?;
        std::mem::swap(&mut prev, &mut out);
        choices.push(choice);
    }
    let play_from = |mut a: usize, mut y: usize, mut k: usize, moves: &mut Vec<Move>| -> usize {
        while k > 0 {
            let t = choices[k - 1][a][y];
            if t == STAY {
                break;
            }
            let t = t as usize;
            moves.push(Move {
                mover: a,
                from: State(model.feasible[y]),
                to: State(model.feasible[t]),
                improvement: game.pay[a][t] > game.pay[a][y],
            });
            y = t;
            a = 1 - a;
            k -= 1;
        }
        y
    };
    let mut play = Vec::new();
    let end = play_from(dm, x, horizon, &mut play);
    let mut alternatives = Vec::new();
    for t in game.movers[dm].targets(model, state.0) {
        let mut moves = vec![Move {
            mover: dm,
            from: state,
            to: State(model.feasible[t]),
            improvement: game.pay[dm][t] > game.pay[dm][x],
        }];
        let o = play_from(1 - dm, t, horizon - 1, &mut moves);
        alternatives.push(AnticipatedReply {
            to: State(model.feasible[t]),
            play: moves,
            outcome: State(model.feasible[o]),
            preferred: game.pay[dm][o] > game.pay[dm][x],
        });
    }
    Ok(LimitedMoveExplanation {
        decision_maker: dm,
        state,
        horizon,
        stable: play.is_empty(),
        play,
        anticipated: State(model.feasible[end]),
        alternatives,
    })
}
