//! Status quo analysis: which states the conflict can evolve to from its status quo, and the
//! shortest way there.
//!
//! A breadth-first search from the status quo follows, from each state, every decision maker's
//! unilateral improvements ([`Steps::Improvements`], the classic status quo analysis) or every
//! unilateral move ([`Steps::Moves`]). States are expanded in breadth-first order; the
//! successors of a state are generated decision maker by decision maker (index order), each
//! one's targets in canonical order, and the first path found to a state is kept. So every
//! path reported is a shortest one, and ties are broken deterministically. The search visits
//! each feasible state at most once and enumerates each decision maker's moves from it once:
//! linear in states x moves.
//!
//! [`StatusQuoAnalysis::run_with_coalitions`] lets coalitions move as one (a coalition move
//! changes any of its members' options at once; a coalition improvement makes every member
//! strictly better off). [`diagnose`] answers the reverse question: can a given state be
//! reached by improvements, and if not, which steps are missing.
//!
//! ```
//! use standoff::{GraphModel, Analysis, AnalysisOptions, Concept};
//! use standoff::post::{StatusQuoAnalysis, Steps};
//! # use standoff::Limits;
//! let model = GraphModel::builder("Prisoners")
//!     .decision_maker("One", ["C1"])
//!     .decision_maker("Two", ["C2"])
//!     .ranking("One", [["NY"], ["YY"], ["NN"], ["YN"]])
//!     .ranking("Two", [["YN"], ["YY"], ["NN"], ["NY"]])
//!     .build()?;
//! let yy = model.parse_state("YY")?;
//! let sq = StatusQuoAnalysis::run(&model, yy, Steps::Improvements, &Limits::default())?;
//! let path = sq.path(&model, model.parse_state("NN")?).expect("reachable");
//! assert_eq!(path.len(), 2); // One defects, then Two does.
//! let analysis = Analysis::run(&model, &AnalysisOptions::default())?;
//! let labels: Vec<String> = sq.equilibria(&model, &analysis, Concept::Nash)?
//!     .into_iter().map(|s| model.label(s)).collect();
//! assert_eq!(labels, ["NN"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

use serde::Serialize;

use crate::limits::{Limits, Meter};
use crate::model::graph_model::GraphModel;
use crate::model::state::State;
use crate::post::coalition::{coalition_improvements, coalition_moves, Partition};
use crate::stability::analysis::Analysis;
use crate::stability::concept::Concept;
use crate::stability::error::AnalysisError;

/// Which steps the evolution from the status quo may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Steps {
    /// Unilateral improvements only.
    Improvements,
    /// Any unilateral move.
    Moves,
}

/// One step of an evolution: a decision maker's (or a coalition's) move.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvolutionStep {
    /// Index of the decision maker who moves (for a coalition, its first member).
    pub mover: usize,
    /// Every decision maker moving together: `[mover]` for a unilateral move.
    pub movers: Vec<usize>,
    /// State before.
    pub from: State,
    /// State after.
    pub to: State,
    /// True where every mover strictly prefers `to` to `from`.
    pub improvement: bool,
}

const UNREACHED: u32 = u32::MAX;

/// The states reachable from a status quo, with a shortest path to each. See the
/// [module documentation](self).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusQuoAnalysis {
    status_quo: State,
    steps: Steps,
    /// Per dense index: the dense index of the predecessor (the status quo points at itself),
    /// or `UNREACHED`.
    parent: Vec<u32>,
    /// Per dense index: the mover (index into `movers`) whose move reached it.
    mover: Vec<u32>,
    /// The movers: single decision makers, or coalitions.
    movers: Vec<Vec<usize>>,
    /// Per dense index: number of steps from the status quo.
    depth: Vec<u32>,
}

impl StatusQuoAnalysis {
    /// Searches from `status_quo`; errors where it is infeasible or a budget of `limits` is
    /// exceeded (one unit of work per state expanded).
    pub fn run(
        model: &GraphModel,
        status_quo: State,
        steps: Steps,
        limits: &Limits,
    ) -> Result<StatusQuoAnalysis, AnalysisError> {
        let movers = (0..model.decision_makers().len())
            .map(|d| vec![d])
            .collect();
        Self::search(model, status_quo, steps, movers, limits)
    }

    /// Searches from `status_quo` with the coalitions of `partition` moving as one: from each
    /// state, each coalition's moves ([`Steps::Moves`]) or coalition improvements, those that
    /// make every member strictly better off ([`Steps::Improvements`]). With the singleton
    /// partition this is [`StatusQuoAnalysis::run`].
    pub fn run_with_coalitions(
        model: &GraphModel,
        status_quo: State,
        steps: Steps,
        partition: &Partition,
        limits: &Limits,
    ) -> Result<StatusQuoAnalysis, AnalysisError> {
        Self::search(
            model,
            status_quo,
            steps,
            partition.coalitions().to_vec(),
            limits,
        )
    }

    fn search(
        model: &GraphModel,
        status_quo: State,
        steps: Steps,
        movers: Vec<Vec<usize>>,
        limits: &Limits,
    ) -> Result<StatusQuoAnalysis, AnalysisError> {
        let start = model
            .index_of(status_quo)
            .ok_or_else(|| AnalysisError::InfeasibleState(model.label(status_quo)))?;
        let n = model.state_count();
        let meter = Meter::new(limits);
        meter.memory((n as u64).saturating_mul(12))?;
        let mut parent = vec![UNREACHED; n];
        let mut mover = vec![UNREACHED; n];
        let mut depth = vec![UNREACHED; n];
        parent[start] = start as u32;
        depth[start] = 0;
        let mut queue = VecDeque::from([start]);
        while let Some(at) = queue.pop_front() {
            meter.spend(1)?;
            let Some(state) = model.state_at(at) else {
                continue;
            };
            for (m, members) in movers.iter().enumerate() {
                for t in targets(model, members, state, steps) {
                    let Some(ti) = model.index_of(t) else {
                        continue;
                    };
                    if parent[ti] != UNREACHED {
                        continue;
                    }
                    parent[ti] = at as u32;
                    mover[ti] = m as u32;
                    depth[ti] = depth[at] + 1;
                    queue.push_back(ti);
                }
            }
        }
        Ok(StatusQuoAnalysis {
            status_quo,
            steps,
            parent,
            mover,
            movers,
            depth,
        })
    }

    /// The status quo searched from.
    pub fn status_quo(&self) -> State {
        self.status_quo
    }

    /// The steps followed.
    pub fn steps(&self) -> Steps {
        self.steps
    }

    /// The reachable states (the status quo included), in canonical order.
    pub fn reachable(&self, model: &GraphModel) -> Vec<State> {
        self.parent
            .iter()
            .enumerate()
            .filter(|(_, &p)| p != UNREACHED)
            .filter_map(|(i, _)| model.state_at(i))
            .collect()
    }

    /// The number of steps of a shortest path to `state`, `None` where it is unreachable.
    pub fn distance(&self, model: &GraphModel, state: State) -> Option<usize> {
        let i = model.index_of(state)?;
        match *self.depth.get(i)? {
            UNREACHED => None,
            d => Some(d as usize),
        }
    }

    /// True where `state` is reachable.
    pub fn is_reachable(&self, model: &GraphModel, state: State) -> bool {
        self.distance(model, state).is_some()
    }

    /// A shortest path from the status quo to `state` (empty for the status quo itself),
    /// `None` where it is unreachable.
    pub fn path(&self, model: &GraphModel, state: State) -> Option<Vec<EvolutionStep>> {
        let mut at = model.index_of(state)?;
        if *self.parent.get(at)? == UNREACHED {
            return None;
        }
        let mut out = Vec::new();
        while self.depth.get(at).copied().unwrap_or(0) > 0 {
            let from = *self.parent.get(at)? as usize;
            let members = self.movers.get(*self.mover.get(at)? as usize)?;
            let (f, t) = (model.state_at(from)?, model.state_at(at)?);
            out.push(step(model, members, f, t));
            at = from;
        }
        out.reverse();
        Some(out)
    }

    /// The reachable states that are equilibria under `concept` in `analysis`, in canonical
    /// order.
    pub fn equilibria(
        &self,
        model: &GraphModel,
        analysis: &Analysis,
        concept: Concept,
    ) -> Result<Vec<State>, AnalysisError> {
        Ok(analysis
            .equilibria(model, concept)?
            .into_iter()
            .filter(|&s| self.is_reachable(model, s))
            .collect())
    }
}

/// The states `members` can move to from `state`, in canonical order.
fn targets(model: &GraphModel, members: &[usize], state: State, steps: Steps) -> Vec<State> {
    match (members, steps) {
        ([dm], Steps::Improvements) => model.improvements(*dm, state),
        ([dm], Steps::Moves) => model.moves(*dm, state),
        (_, Steps::Improvements) => coalition_improvements(model, members, state),
        (_, Steps::Moves) => coalition_moves(model, members, state),
    }
}

fn step(model: &GraphModel, members: &[usize], from: State, to: State) -> EvolutionStep {
    EvolutionStep {
        mover: members.first().copied().unwrap_or(0),
        movers: members.to_vec(),
        from,
        to,
        improvement: !members.is_empty() && members.iter().all(|&d| model.prefers(d, to, from)),
    }
}

/// Whether a state can be reached from the status quo by unilateral improvements, and if
/// not, what is missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Diagnosis {
    /// Reachable by improvements: a shortest such path.
    Reached {
        /// The path.
        path: Vec<EvolutionStep>,
    },
    /// Reachable by moves, but only with some moves that are not improvements for their
    /// movers: a path with the fewest such moves (then the fewest steps), and those moves.
    Missing {
        /// The path.
        path: Vec<EvolutionStep>,
        /// The steps on it that are not improvements: the missing incentives.
        missing: Vec<EvolutionStep>,
    },
    /// No sequence of moves reaches it (irreversible options or infeasible states stand in
    /// the way).
    Unreachable,
}

/// Can `target` be reached from `status_quo` by unilateral improvements, and if not, which
/// steps are missing?
///
/// A shortest-path search over unilateral moves (Dijkstra on the pair "non-improving steps,
/// steps"): the path found has the fewest moves that are not improvements for their movers,
/// and among those the fewest steps; ties go to the state expanded first (lowest cost, then
/// lowest canonical number) and to decision makers in index order. O(states x moves x log
/// states).
///
/// ```
/// use standoff::post::status_quo::{diagnose, Diagnosis};
/// # use standoff::{GraphModel, Limits};
/// let model = GraphModel::builder("Prisoners")
///     .decision_maker("One", ["C1"])
///     .decision_maker("Two", ["C2"])
///     .ranking("One", [["NY"], ["YY"], ["NN"], ["YN"]])
///     .ranking("Two", [["YN"], ["YY"], ["NN"], ["NY"]])
///     .build()?;
/// let (nn, yy) = (model.parse_state("NN")?, model.parse_state("YY")?);
/// // From mutual defection, mutual cooperation needs both to cooperate, and neither gains
/// // by cooperating alone: two missing incentives.
/// match diagnose(&model, nn, yy, &Limits::default())? {
///     Diagnosis::Missing { missing, .. } => assert_eq!(missing.len(), 2),
///     other => panic!("{other:?}"),
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn diagnose(
    model: &GraphModel,
    status_quo: State,
    target: State,
    limits: &Limits,
) -> Result<Diagnosis, AnalysisError> {
    let start = model
        .index_of(status_quo)
        .ok_or_else(|| AnalysisError::InfeasibleState(model.label(status_quo)))?;
    let goal = model
        .index_of(target)
        .ok_or_else(|| AnalysisError::InfeasibleState(model.label(target)))?;
    let n = model.state_count();
    let meter = Meter::new(limits);
    meter.memory((n as u64).saturating_mul(16))?;
    // (non-improving steps, steps) per state, and the predecessor.
    let mut cost = vec![(u32::MAX, u32::MAX); n];
    let mut parent = vec![(UNREACHED, UNREACHED); n];
    let mut done = vec![false; n];
    cost[start] = (0, 0);
    let mut heap = BinaryHeap::from([Reverse((0u32, 0u32, start))]);
    while let Some(Reverse((bad, len, at))) = heap.pop() {
        if std::mem::replace(&mut done[at], true) {
            continue;
        }
        meter.spend(1)?;
        let Some(state) = model.state_at(at) else {
            continue;
        };
        for dm in 0..model.decision_makers().len() {
            for t in model.moves(dm, state) {
                let Some(ti) = model.index_of(t) else {
                    continue;
                };
                let improving = model.prefers(dm, t, state);
                let next = (bad + u32::from(!improving), len + 1);
                if next < cost[ti] {
                    cost[ti] = next;
                    parent[ti] = (at as u32, dm as u32);
                    heap.push(Reverse((next.0, next.1, ti)));
                }
            }
        }
    }
    if cost[goal].0 == u32::MAX {
        return Ok(Diagnosis::Unreachable);
    }
    let mut path = Vec::new();
    let mut at = goal;
    while at != start {
        let (from, dm) = parent[at];
        let (Some(f), Some(t)) = (model.state_at(from as usize), model.state_at(at)) else {
            break;
        };
        path.push(step(model, &[dm as usize], f, t));
        at = from as usize;
    }
    path.reverse();
    let missing: Vec<EvolutionStep> = path.iter().filter(|s| !s.improvement).cloned().collect();
    Ok(if missing.is_empty() {
        Diagnosis::Reached { path }
    } else {
        Diagnosis::Missing { path, missing }
    })
}
