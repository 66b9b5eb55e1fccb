//! Limited-move stability L(h) and non-myopic stability, for two decision makers.
//!
//! # Definition implemented
//!
//! After Kilgour, Hipel and Fraser, "Solution concepts in non-cooperative games", *Large Scale
//! Systems* 6 (1984) 49-71; Kilgour, "Anticipation and stability in two-person
//! non-cooperative games", in *Dynamic Models of International Conflict* (Ward and
//! Luterbacher, eds., 1985); Fang, Hipel and Kilgour, "Conflict models in graph form: solution
//! concepts and their interrelationships", *European Journal of Operational Research* 41
//! (1989) 86-100, and their book *Interactive Decision Making: The Graph Model for Conflict
//! Resolution* (Wiley, 1993). Non-myopic stability generalises the farsighted reasoning of
//! Brams and Wittman, "Nonmyopic equilibria in 2x2 games", *Conflict Management and Peace
//! Science* 6 (1981) 39-62, to the graph model.
//!
//! With decision makers i and j (the other one written j), `G_h(i, s)` is the state that i
//! anticipates when it is i's turn at s and at most h moves remain, the two moving alternately:
//!
//! - `G_0(i, s) = s`.
//! - For h >= 1, each move of i from s to t leads to the anticipated outcome `G_{h-1}(j, t)`.
//!   If some outcome is strictly preferred by i to s, i takes the move whose outcome it
//!   prefers most and `G_h(i, s)` is that outcome; otherwise i stays, the play ends, and
//!   `G_h(i, s) = s`.
//! - s is **L(h)-stable** for i when i stays at s with h moves to go; L(1) is Nash stability.
//!   An L(h) equilibrium is L(h)-stable for both.
//! - s is **non-myopically stable** for i when it is L(h)-stable for i for every sufficiently
//!   large h (the limit of L(h) as h grows). The anticipated outcomes `G_h` of both decision
//!   makers at level h determine level h + 1, so the sequence is eventually periodic; each
//!   verdict is `stable` (stable at every horizon of the cycle), `unstable` (at none) or
//!   `oscillating` (the limit does not exist).
//!
//! Ties: with strict preferences (the setting of the sources) the choice is unique. With ties
//! the anticipated state may not be unique (Rêgo and Vieira, "On some properties of limited
//! move stability, generalized metarationality, and policy equilibrium in bilateral
//! conflicts", *Discrete Applied Mathematics*, 2024). This implementation fixes the rule: a
//! decision maker moves only for a strictly preferred outcome, and among moves whose outcomes
//! it likes equally it takes the target with the lowest canonical number.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::limits::{LimitError, Limits, Meter};
use crate::model::graph_model::GraphModel;
use crate::model::state::State;
use crate::post::reach::Mover;
use crate::stability::explain::Move;

/// Default most moves looked ahead ([`LimitedMoveOptions::max_horizon`]).
pub const DEFAULT_MAX_HORIZON: usize = 1024;

/// The value of `format` in a [`LimitedMoveReport`].
pub const LIMITED_MOVE_FORMAT: &str = "standoff.limited-move/1";

const STAY: u32 = u32::MAX;

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
    /// A horizon above [`LimitedMoveOptions::max_horizon`].
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
        /// The budget ([`LimitedMoveOptions::max_horizon`]).
        max: usize,
    },
    /// A budget of [`Limits`] was exceeded.
    #[error(transparent)]
    Limit(#[from] LimitError),
}

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

/// The two decision makers' move generators and payoffs.
struct Game<'m> {
    model: &'m GraphModel,
    movers: [Mover; 2],
    pay: [&'m [u32]; 2],
}

/// `G_h` for both decision makers: dense index of the anticipated outcome per state.
type Level = [Vec<u32>; 2];

impl<'m> Game<'m> {
    fn new(model: &'m GraphModel) -> Result<Game<'m>, LimitedMoveError> {
        let dms = model.decision_makers();
        if dms.len() != 2 {
            return Err(LimitedMoveError::NotTwoDecisionMakers {
                count: dms.len(),
                names: dms
                    .iter()
                    .map(|d| format!("`{}`", d.name()))
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
        Ok(Game {
            model,
            movers: [Mover::new(model, &[0]), Mover::new(model, &[1])],
            pay: [model.payoffs_of(0), model.payoffs_of(1)],
        })
    }

    fn n(&self) -> usize {
        self.model.state_count()
    }

    fn level_zero(&self) -> Level {
        let id: Vec<u32> = (0..self.n() as u32).collect();
        [id.clone(), id]
    }

    /// Computes level h from level h - 1: the choice of each mover at each state (`STAY` or
    /// the target) and the anticipated outcome.
    fn step(
        &self,
        prev: &Level,
        choice: &mut Level,
        out: &mut Level,
        meter: &Meter,
    ) -> Result<(), LimitError> {
        let n = self.n();
        for a in 0..2 {
            let b = 1 - a;
            let pay = self.pay[a];
            choice[a].resize(n, STAY);
            out[a].resize(n, 0);
            for x in 0..n {
                let mut best_pay = pay[x];
                let mut best_t = STAY;
                let mut best_out = x as u32;
                let work = self.movers[a].for_each(self.model, self.model.feasible[x], |t| {
                    let o = prev[b][t];
                    let q = pay[o as usize];
                    let t = t as u32;
                    if q > best_pay || (q == best_pay && best_t != STAY && t < best_t) {
                        best_pay = q;
                        best_t = t;
                        best_out = o;
                    }
                });
                meter.spend(work.max(1))?;
                choice[a][x] = best_t;
                out[a][x] = best_out;
            }
        }
        Ok(())
    }

    fn check_memory(&self, meter: &Meter, arrays: u64) -> Result<(), LimitError> {
        meter.memory((self.n() as u64).saturating_mul(4).saturating_mul(arrays))
    }
}

fn check_horizon(horizon: usize, options: &LimitedMoveOptions) -> Result<(), LimitedMoveError> {
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
/// state, budgets. Complexity: as [`limited_move`], keeping the choices of every level
/// (2 · h · S entries, checked against the memory budget).
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
