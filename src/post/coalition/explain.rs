//! Explanations: every coalition improvement with a shortest sanction.

use std::collections::VecDeque;

use serde::Serialize;

use crate::limits::{LimitError, Limits, Meter};
use crate::model::graph_model::GraphModel;
use crate::model::state::State;
use crate::post::reach::Mover;
use crate::stability::concept::{Concept, Reachability};

use super::analysis::{check_partition, checked_concepts};
use super::{CoalitionError, Partition};

/// One coalition move in a sanction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoalitionMove {
    /// Index of the moving coalition in the partition.
    pub coalition: usize,
    /// State before.
    pub from: State,
    /// State after.
    pub to: State,
    /// True where every member of the mover strictly prefers `to` to `from`.
    pub improvement: bool,
}

/// Moves of the other coalitions that take a coalition improvement to a state that not every
/// member of the focal coalition prefers to the start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoalitionSanction {
    /// The moves, in order (no coalition twice in a row under `legal_sequences`; no coalition
    /// twice at all under `distinct_movers`).
    pub moves: Vec<CoalitionMove>,
    /// Where they end.
    pub end: State,
    /// For SMR: every coalition move of the focal coalition from `end`. None is an escape:
    /// under `legal_sequences` none leads to a state every member prefers to the start;
    /// under `distinct_movers` none leads to a state every member prefers both to the start
    /// and to `end`.
    pub counter_moves: Vec<State>,
}

/// The verdict on one coalition improvement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoalitionImprovementCheck {
    /// The state the improvement leads to.
    pub improvement: State,
    /// A shortest sanction, or `None` where nothing blocks the improvement.
    pub sanction: Option<CoalitionSanction>,
}

/// Why a state is or is not stable for a coalition, as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoalitionExplanation {
    /// The concept.
    pub concept: Concept,
    /// The reading of the sanctioning sequences (absent from the JSON under the default
    /// `legal_sequences`, whose output is unchanged).
    #[serde(skip_serializing_if = "is_legal")]
    pub reachability: Reachability,
    /// The coalition's index in the partition.
    pub coalition: usize,
    /// Its members.
    pub members: Vec<usize>,
    /// The state examined.
    pub state: State,
    /// True where every coalition improvement is sanctioned.
    pub stable: bool,
    /// Every coalition improvement from `state`, in canonical order, with its verdict.
    pub improvements: Vec<CoalitionImprovementCheck>,
}

fn is_legal(r: &Reachability) -> bool {
    *r == Reachability::LegalSequences
}

/// Explains the verdict of `concept` for coalition `coalition` of `partition` at `state`
/// under the reading `reachability`: every coalition improvement with a shortest sanction, or
/// none. The search is breadth first over states and last movers (`legal_sequences`) or over
/// states and the set of coalitions that have moved (`distinct_movers`, where an SMR escape
/// must also be a coalition improvement from the sanction's end; see the module
/// documentation).
///
/// Complexity: per improvement O(S · c · 2^k) for S states, c coalitions and k options per
/// coalition under `legal_sequences`, O(S · 2^c · c · 2^k) under `distinct_movers`, metered
/// against `limits` (more than 63 coalitions under `distinct_movers` is a memory error).
/// Deterministic: improvements and moves are explored in canonical order, coalitions in
/// partition order.
///
/// ```
/// use standoff::post::coalition::{explain_coalition, Partition};
/// use standoff::{Concept, Limits, Reachability};
/// let model = standoff::GraphModel::from_path("tests/corpus/elmira.model.json")?;
/// let p = Partition::parse(&model, "MoE,Uniroyal|Local Government")?;
/// let s = model.parse_state("NYNNY")?;
/// let reading = Reachability::LegalSequences;
/// let e = explain_coalition(&model, &p, Concept::Gmr, reading, 0, s, &Limits::default())?;
/// assert!(e.improvements.iter().any(|c| c.improvement == model.parse_state("YNYNY").unwrap()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn explain_coalition(
    model: &GraphModel,
    partition: &Partition,
    concept: Concept,
    reachability: Reachability,
    coalition: usize,
    state: State,
    limits: &Limits,
) -> Result<CoalitionExplanation, CoalitionError> {
    checked_concepts(&[concept])?;
    check_partition(model, partition)?;
    let distinct = reachability == Reachability::DistinctMovers;
    if distinct && partition.coalitions.len() > 63 {
        return Err(LimitError::Memory {
            needed: u64::MAX,
            limit: limits.max_memory,
        }
        .into());
    }
    let members = partition
        .coalitions
        .get(coalition)
        .ok_or(CoalitionError::UnknownCoalition(coalition))?
        .clone();
    if !model.is_feasible(state) {
        return Err(CoalitionError::InfeasibleState(model.label(state)));
    }
    let meter = Meter::new(limits);
    let movers: Vec<Mover> = partition
        .coalitions
        .iter()
        .map(|c| Mover::new(model, c))
        .collect();
    let Some(x) = model.index_of(state) else {
        return Err(CoalitionError::InfeasibleState(model.label(state)));
    };
    let coalition_better = |c: usize, to: usize, from: usize| {
        partition.coalitions[c]
            .iter()
            .all(|&k| model.payoffs_of(k)[to] > model.payoffs_of(k)[from])
    };
    let not_better = |y: usize| {
        members
            .iter()
            .any(|&k| model.payoffs_of(k)[y] <= model.payoffs_of(k)[x])
    };
    let mut improvements = Vec::new();
    for t in movers[coalition].targets(model, state.0) {
        if !coalition_better(coalition, t, x) {
            continue;
        }
        let mut sanction = None;
        if concept != Concept::Nash {
            // Nodes: (state, last mover, parent node), with the coalitions that have moved.
            let mut nodes: Vec<(usize, usize, usize)> = vec![(t, coalition, usize::MAX)];
            let mut used: Vec<u64> = vec![0];
            // Visited: (state, last mover) or, under `distinct_movers`, (state, movers so far).
            let first = if distinct { 0 } else { coalition as u64 };
            let mut seen = std::collections::HashSet::from([(t, first)]);
            let mut queue = VecDeque::from([0usize]);
            'search: while let Some(at) = queue.pop_front() {
                let (y, last, _) = nodes[at];
                let moved = used[at];
                for (c, mover) in movers.iter().enumerate() {
                    if c == coalition || c == last || (distinct && moved & bit(c) != 0) {
                        continue;
                    }
                    let targets = mover.targets(model, model.feasible[y]);
                    meter.spend(targets.len() as u64 + 1)?;
                    for z in targets {
                        if concept == Concept::Seq && !coalition_better(c, z, y) {
                            continue;
                        }
                        let key = if distinct { moved | bit(c) } else { c as u64 };
                        if !seen.insert((z, key)) {
                            continue;
                        }
                        nodes.push((z, c, at));
                        used.push(moved | bit(c));
                        let id = nodes.len() - 1;
                        if not_better(z) {
                            let counter: Vec<usize> =
                                movers[coalition].targets(model, model.feasible[z]);
                            let escapes = concept == Concept::Smr
                                && counter.iter().any(|&w| {
                                    coalition_better_than(model, &members, w, x)
                                        && (!distinct
                                            || coalition_better_than(model, &members, w, z))
                                });
                            if !escapes {
                                sanction = Some(CoalitionSanction {
                                    moves: sanction_path(model, partition, &nodes, id),
                                    end: State(model.feasible[z]),
                                    counter_moves: if concept == Concept::Smr {
                                        counter.iter().map(|&w| State(model.feasible[w])).collect()
                                    } else {
                                        Vec::new()
                                    },
                                });
                                break 'search;
                            }
                        }
                        queue.push_back(id);
                    }
                }
            }
        }
        improvements.push(CoalitionImprovementCheck {
            improvement: State(model.feasible[t]),
            sanction,
        });
    }
    let stable = improvements.iter().all(|c| c.sanction.is_some());
    Ok(CoalitionExplanation {
        concept,
        reachability,
        coalition,
        members,
        state,
        stable,
        improvements,
    })
}

/// The bit of coalition `c` in a set of coalitions (none past the 64th, which only
/// `legal_sequences` allows and does not use).
fn bit(c: usize) -> u64 {
    u32::try_from(c)
        .ok()
        .and_then(|c| 1u64.checked_shl(c))
        .unwrap_or(0)
}

fn coalition_better_than(model: &GraphModel, members: &[usize], to: usize, from: usize) -> bool {
    members
        .iter()
        .all(|&k| model.payoffs_of(k)[to] > model.payoffs_of(k)[from])
}

fn sanction_path(
    model: &GraphModel,
    partition: &Partition,
    nodes: &[(usize, usize, usize)],
    mut id: usize,
) -> Vec<CoalitionMove> {
    let mut moves = Vec::new();
    while nodes[id].2 != usize::MAX {
        let (to, mover, parent) = nodes[id];
        let from = nodes[parent].0;
        moves.push(CoalitionMove {
            coalition: mover,
            from: State(model.feasible[from]),
            to: State(model.feasible[to]),
            improvement: coalition_better_than(model, &partition.coalitions[mover], to, from),
        });
        id = parent;
    }
    moves.reverse();
    moves
}
