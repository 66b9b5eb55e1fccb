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

use std::collections::VecDeque;

use serde::Serialize;

use crate::limits::{Limits, Meter};
use crate::model::graph_model::GraphModel;
use crate::model::state::State;
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

/// One step of an evolution: a decision maker's unilateral move.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvolutionStep {
    /// Index of the decision maker who moves.
    pub mover: usize,
    /// State before.
    pub from: State,
    /// State after.
    pub to: State,
    /// True where the mover strictly prefers `to` to `from`.
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
    /// Per dense index: the decision maker whose move reached it.
    mover: Vec<u32>,
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
            for dm in 0..model.decision_makers().len() {
                let targets = match steps {
                    Steps::Improvements => model.improvements(dm, state),
                    Steps::Moves => model.moves(dm, state),
                };
                for t in targets {
                    let Some(ti) = model.index_of(t) else {
                        continue;
                    };
                    if parent[ti] != UNREACHED {
                        continue;
                    }
                    parent[ti] = at as u32;
                    mover[ti] = dm as u32;
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
            let mover = *self.mover.get(at)? as usize;
            let (f, t) = (model.state_at(from)?, model.state_at(at)?);
            let improvement = match (model.payoff(mover, t), model.payoff(mover, f)) {
                (Some(a), Some(b)) => a > b,
                _ => false,
            };
            out.push(EvolutionStep {
                mover,
                from: f,
                to: t,
                improvement,
            });
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
