//! Why a state is stable or not, as data: for each unilateral improvement, the sanction that
//! blocks it (the opponents' moves and the state they end in) or the fact that nothing does.
//!
//! Explanations are computed per state by a direct search written from the definitions
//! (breadth first, so every sanction shown is a shortest one), separately from the fast
//! engine; the test suite checks that both agree.

use std::collections::{HashSet, VecDeque};

use serde::Serialize;

use crate::limits::{Limits, Meter};
use crate::model::graph_model::GraphModel;
use crate::model::state::State;
use crate::stability::concept::{Concept, Reachability};
use crate::stability::error::AnalysisError;

/// One move of a decision maker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Move {
    /// Index of the decision maker who moves.
    pub mover: usize,
    /// State before.
    pub from: State,
    /// State after.
    pub to: State,
    /// True where the mover strictly prefers `to` to `from`.
    pub improvement: bool,
}

/// A sanction: opponents' moves that take a unilateral improvement to a state the focal
/// decision maker does not prefer to where it started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sanction {
    /// The opponents' moves, in order (for SIM, simultaneous moves all starting at the
    /// focal state).
    pub moves: Vec<Move>,
    /// The state the sanction ends in.
    pub end: State,
    /// For SMR: every move the focal decision maker has from `end`; none of them reaches a
    /// state it prefers to the start, which is why it cannot escape.
    pub counter_moves: Vec<State>,
}

/// A sanction candidate rejected under SMR because the focal decision maker escapes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Escape {
    /// Where the opponents' moves end.
    pub end: State,
    /// The focal decision maker's move from `end` to a state it prefers to the start.
    pub escape: State,
}

/// The verdict on one unilateral improvement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImprovementCheck {
    /// The state the improvement leads to.
    pub improvement: State,
    /// The sanction that blocks it, or `None` where nothing does.
    pub sanction: Option<Sanction>,
    /// Under SMR, sanction candidates the focal decision maker escapes (at most a few).
    pub escapes: Vec<Escape>,
}

/// Why a state is or is not stable for a decision maker under a concept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// The concept.
    pub concept: Concept,
    /// The reading of opponents' sequences.
    pub reachability: Reachability,
    /// The focal decision maker's index.
    pub decision_maker: usize,
    /// The state examined.
    pub state: State,
    /// The verdict: true where every improvement is blocked.
    pub stable: bool,
    /// Every unilateral improvement of the focal decision maker from `state`, in canonical
    /// order, with its verdict. Empty where it has none (stable under every concept).
    pub improvements: Vec<ImprovementCheck>,
}

impl Explanation {
    /// The first improvement nothing blocks, where the state is unstable.
    pub fn unblocked(&self) -> Option<&ImprovementCheck> {
        self.improvements.iter().find(|c| c.sanction.is_none())
    }
}

/// Most escapes recorded per improvement.
const MAX_ESCAPES: usize = 3;

/// Explains the verdict of `concept` for decision maker `dm` at `state`.
///
/// Cost: for each improvement a breadth-first search over (state, last mover) pairs
/// (`legal_sequences`) or (state, movers used) pairs (`distinct_movers`), bounded by
/// `limits.max_work`; SIM tries combinations of the others' improvements.
pub fn explain(
    model: &GraphModel,
    concept: Concept,
    reachability: Reachability,
    dm: usize,
    state: State,
    limits: &Limits,
) -> Result<Explanation, AnalysisError> {
    if dm >= model.decision_makers().len() {
        return Err(AnalysisError::UnknownDecisionMaker(dm.to_string()));
    }
    let p = model
        .payoff(dm, state)
        .ok_or_else(|| AnalysisError::InfeasibleState(model.label(state)))?;
    let meter = Meter::new(limits);
    let mut improvements = Vec::new();
    for s1 in model.improvements(dm, state) {
        let check = match concept {
            Concept::Nash => ImprovementCheck {
                improvement: s1,
                sanction: None,
                escapes: Vec::new(),
            },
            Concept::Sim => ImprovementCheck {
                improvement: s1,
                sanction: sim_sanction(model, dm, state, s1, p, &meter)?,
                escapes: Vec::new(),
            },
            _ => search(model, concept, reachability, dm, s1, p, &meter)?,
        };
        improvements.push(check);
    }
    let stable = improvements.iter().all(|c| c.sanction.is_some());
    Ok(Explanation {
        concept,
        reachability,
        decision_maker: dm,
        state,
        stable,
        improvements,
    })
}

/// Breadth-first search for a sanction of the improvement `s1`.
fn search(
    model: &GraphModel,
    concept: Concept,
    reachability: Reachability,
    dm: usize,
    s1: State,
    p: u32,
    meter: &Meter,
) -> Result<ImprovementCheck, AnalysisError> {
    let dms = model.decision_makers().len();
    // Node: (state, tag), tag = last mover (legal) or bit set of movers used (distinct).
    let start_tag = match reachability {
        Reachability::LegalSequences => dm as u64,
        Reachability::DistinctMovers => 0,
    };
    let mut nodes: Vec<(State, u64, usize, usize)> = vec![(s1, start_tag, usize::MAX, dm)];
    let mut seen: HashSet<(State, u64)> = HashSet::from([(s1, start_tag)]);
    let mut queue = VecDeque::from([0usize]);
    let mut escapes = Vec::new();
    while let Some(at) = queue.pop_front() {
        let (s, tag, _, _) = nodes[at];
        meter.spend(1)?;
        for j in (0..dms).filter(|&j| j != dm) {
            let allowed = match reachability {
                Reachability::LegalSequences => tag != j as u64,
                Reachability::DistinctMovers => tag >> j & 1 == 0,
            };
            if !allowed {
                continue;
            }
            let targets = if concept == Concept::Seq {
                model.improvements(j, s)
            } else {
                model.moves(j, s)
            };
            for t in targets {
                let next_tag = match reachability {
                    Reachability::LegalSequences => j as u64,
                    Reachability::DistinctMovers => tag | 1 << j,
                };
                if !seen.insert((t, next_tag)) {
                    continue;
                }
                nodes.push((t, next_tag, at, j));
                let id = nodes.len() - 1;
                if model.payoff(dm, t).is_some_and(|q| q <= p) {
                    let counter = model.moves(dm, t);
                    let escape = (concept == Concept::Smr)
                        .then(|| {
                            counter
                                .iter()
                                .find(|&&u| model.payoff(dm, u).is_some_and(|q| q > p))
                        })
                        .flatten();
                    match escape {
                        Some(&e) => {
                            if escapes.len() < MAX_ESCAPES {
                                escapes.push(Escape { end: t, escape: e });
                            }
                        }
                        None => {
                            return Ok(ImprovementCheck {
                                improvement: s1,
                                sanction: Some(Sanction {
                                    moves: path(model, &nodes, id),
                                    end: t,
                                    counter_moves: if concept == Concept::Smr {
                                        counter
                                    } else {
                                        Vec::new()
                                    },
                                }),
                                escapes,
                            })
                        }
                    }
                }
                queue.push_back(id);
            }
        }
    }
    Ok(ImprovementCheck {
        improvement: s1,
        sanction: None,
        escapes,
    })
}

fn path(model: &GraphModel, nodes: &[(State, u64, usize, usize)], mut id: usize) -> Vec<Move> {
    let mut moves = Vec::new();
    while nodes[id].2 != usize::MAX {
        let (to, _, parent, mover) = nodes[id];
        let from = nodes[parent].0;
        let improvement = model.prefers(mover, to, from);
        moves.push(Move {
            mover,
            from,
            to,
            improvement,
        });
        id = parent;
    }
    moves.reverse();
    moves
}

/// SIM: a combination of the others' simultaneous improvements (or staying) from `state`
/// that, together with the improvement `s1`, ends in a feasible state not preferred to
/// `state`.
fn sim_sanction(
    model: &GraphModel,
    dm: usize,
    state: State,
    s1: State,
    p: u32,
    meter: &Meter,
) -> Result<Option<Sanction>, AnalysisError> {
    let others: Vec<(usize, Vec<State>)> = (0..model.decision_makers().len())
        .filter(|&j| j != dm)
        .map(|j| (j, model.improvements(j, state)))
        .collect();
    // Odometer over choices: 0 = stay, k = k-th improvement.
    let mut choice = vec![0usize; others.len()];
    loop {
        meter.spend(1)?;
        let mut combined = s1.0;
        let mut moves = Vec::new();
        for ((j, uis), &c) in others.iter().zip(&choice) {
            if c > 0 {
                let mask = model.decision_makers()[*j].mask();
                combined = (combined & !mask) | (uis[c - 1].0 & mask);
                moves.push(Move {
                    mover: *j,
                    from: state,
                    to: uis[c - 1],
                    improvement: true,
                });
            }
        }
        if model.payoff(dm, State(combined)).is_some_and(|q| q <= p) {
            return Ok(Some(Sanction {
                moves,
                end: State(combined),
                counter_moves: Vec::new(),
            }));
        }
        // Advance the odometer.
        let mut k = 0;
        loop {
            if k == choice.len() {
                return Ok(None);
            }
            choice[k] += 1;
            if choice[k] <= others[k].1.len() {
                break;
            }
            choice[k] = 0;
            k += 1;
        }
    }
}
