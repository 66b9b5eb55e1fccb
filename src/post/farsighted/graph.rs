//! The moves of a model, tabulated once and shared by every preference completion.

use crate::limits::{LimitError, Limits};
use crate::model::graph_model::{Direction, GraphModel};
use crate::model::state::State;

/// Every party's moves and every joint move, by dense state index. Only the model's structure
/// (feasible states, options, irreversibility) enters: preferences are given to [`super::Play`].
#[derive(Debug, Clone)]
pub struct MoveGraph {
    pub(crate) states: usize,
    pub(crate) parties: usize,
    /// `moves[p][s]`: the states party `p` can move to from `s`, in canonical order.
    pub(crate) moves: Vec<Vec<Vec<u32>>>,
    /// `joint[s]`: `(target, movers)` for every joint move from `s` (two or more movers, each
    /// change in an allowed direction), in canonical order of targets.
    pub(crate) joint: Vec<Vec<(u32, u64)>>,
    pub(crate) labels: Vec<State>,
}

impl MoveGraph {
    /// Tabulates `model`'s moves; joint moves only where `joint` is true. Joint moves take
    /// work quadratic in the states: over [`Limits::max_work`] is an error.
    pub fn new(model: &GraphModel, joint: bool, limits: &Limits) -> Result<MoveGraph, LimitError> {
        let states: Vec<State> = model.feasible_states().collect();
        let n = states.len();
        let parties = model.decision_makers().len();
        let index = |s: State| model.index_of(s).map(|i| i as u32);
        let moves = (0..parties)
            .map(|p| {
                states
                    .iter()
                    .map(|&s| model.moves(p, s).into_iter().filter_map(index).collect())
                    .collect()
            })
            .collect();
        let mut table = vec![Vec::new(); n];
        if joint && parties > 1 {
            let work = (n as u64).saturating_mul(n as u64);
            if work > limits.max_work {
                return Err(LimitError::Work {
                    spent: work,
                    limit: limits.max_work,
                });
            }
            let masks: Vec<u64> = model.decision_makers().iter().map(|d| d.mask()).collect();
            let (mut forward, mut backward) = (0u64, 0u64);
            for (k, o) in model.options().iter().enumerate() {
                match o.direction() {
                    Some(Direction::Forward) => forward |= 1 << k,
                    Some(Direction::Backward) => backward |= 1 << k,
                    None => {}
                }
            }
            for (i, &s) in states.iter().enumerate() {
                for (j, &t) in states.iter().enumerate() {
                    let diff = s.0 ^ t.0;
                    // Forward options may only be taken, backward ones only dropped.
                    if diff & forward & !t.0 != 0 || diff & backward & t.0 != 0 {
                        continue;
                    }
                    let movers = masks
                        .iter()
                        .enumerate()
                        .filter(|(_, &m)| diff & m != 0)
                        .fold(0u64, |acc, (p, _)| acc | 1 << p);
                    if movers.count_ones() >= 2 {
                        table[i].push((j as u32, movers));
                    }
                }
            }
        }
        Ok(MoveGraph {
            states: n,
            parties,
            moves,
            joint: table,
            labels: states,
        })
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
