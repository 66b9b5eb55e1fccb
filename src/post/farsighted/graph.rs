//! The moves of a model, tabulated once and shared by every preference completion.

use std::sync::OnceLock;

use crate::limits::{LimitError, Limits};
use crate::model::graph_model::{Direction, GraphModel};
use crate::model::state::State;

/// Every party's moves and every joint move, by dense state index. Only the model's structure
/// (feasible states, options, irreversibility) enters: preferences are given to [`super::Play`].
///
/// Unilateral moves are tabulated up front. Joint moves are tabulated per state on first use
/// (one pass over the feasible states, shared by every completion and thread), so a forecast
/// pays only for the states its play visits; their worst case, every state visited, is
/// checked against [`Limits::max_work`] up front.
#[derive(Debug, Clone)]
pub struct MoveGraph {
    pub(crate) states: usize,
    pub(crate) parties: usize,
    /// `moves[p][s]`: the states party `p` can move to from `s`, in canonical order.
    pub(crate) moves: Vec<Vec<Vec<u32>>>,
    /// `joint[s]`: `(target, movers)` for every joint move from `s` (two or more movers, each
    /// change in an allowed direction), in canonical order of targets; filled on first use.
    joint: Vec<OnceLock<Vec<(u32, u64)>>>,
    /// True where joint moves are tabulated at all.
    with_joint: bool,
    /// Each party's options (bit mask), and the options that may only be taken (`forward`)
    /// or only dropped (`backward`).
    masks: Vec<u64>,
    forward: u64,
    backward: u64,
    pub(crate) labels: Vec<State>,
}

impl MoveGraph {
    /// Tabulates `model`'s moves; joint moves (on first use) only where `joint` is true. Over
    /// [`Limits::max_work`] is an error: the unilateral moves, plus with joint moves their
    /// worst case (every pair of feasible states).
    pub fn new(model: &GraphModel, joint: bool, limits: &Limits) -> Result<MoveGraph, LimitError> {
        let states: Vec<State> = model.feasible_states().collect();
        let n = states.len();
        let parties = model.decision_makers().len();
        let index = |s: State| model.index_of(s).map(|i| i as u32);
        let moves: Vec<Vec<Vec<u32>>> = (0..parties)
            .map(|p| {
                states
                    .iter()
                    .map(|&s| model.moves(p, s).into_iter().filter_map(index).collect())
                    .collect()
            })
            .collect();
        let unilateral: u64 = moves.iter().flatten().map(|m| m.len() as u64).sum();
        let pairs = if joint && parties > 1 {
            (n as u64).saturating_mul(n as u64)
        } else {
            0
        };
        let work = unilateral.saturating_add(pairs);
        if work > limits.max_work {
            return Err(LimitError::Work {
                spent: work,
                limit: limits.max_work,
            });
        }
        let (mut forward, mut backward) = (0u64, 0u64);
        for (k, o) in model.options().iter().enumerate() {
            match o.direction() {
                Some(Direction::Forward) => forward |= 1 << k,
                Some(Direction::Backward) => backward |= 1 << k,
                None => {}
            }
        }
        Ok(MoveGraph {
            states: n,
            parties,
            moves,
            joint: (0..n).map(|_| OnceLock::new()).collect(),
            with_joint: joint && parties > 1,
            masks: model.decision_makers().iter().map(|d| d.mask()).collect(),
            forward,
            backward,
            labels: states,
        })
    }

    /// The joint moves from dense state `s` (empty without joint moves).
    pub(crate) fn joint(&self, s: usize) -> &[(u32, u64)] {
        if !self.with_joint {
            return &[];
        }
        self.joint
            .get(s)
            .map_or(&[][..], |cell| cell.get_or_init(|| self.tabulate(s)))
    }

    /// The joint moves from `s`: one pass over the feasible states.
    fn tabulate(&self, i: usize) -> Vec<(u32, u64)> {
        let Some(&s) = self.labels.get(i) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (j, &t) in self.labels.iter().enumerate() {
            let diff = s.0 ^ t.0;
            // Forward options may only be taken, backward ones only dropped.
            if diff == 0 || diff & self.forward & !t.0 != 0 || diff & self.backward & t.0 != 0 {
                continue;
            }
            let movers = self
                .masks
                .iter()
                .enumerate()
                .filter(|(_, &m)| diff & m != 0)
                .fold(0u64, |acc, (p, _)| acc | 1 << p);
            if movers.count_ones() >= 2 {
                out.push((j as u32, movers));
            }
        }
        out
    }

    /// The number of feasible states.
    pub fn state_count(&self) -> usize {
        self.states
    }

    /// The state at dense index `i`.
    pub fn state(&self, i: usize) -> Option<State> {
        self.labels.get(i).copied()
    }
}
