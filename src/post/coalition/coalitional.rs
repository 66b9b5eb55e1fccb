//! Coalitional stability: every coalition containing a decision maker, against individual
//! sanctions.

use serde::Serialize;

use crate::limits::Meter;
use crate::model::graph_model::GraphModel;
use crate::model::state::State;
use crate::stability::concept::Concept;

use super::analysis::checked_concepts;
use super::{stable_sets, CoalitionError, CoalitionOptions};

/// Most decision makers for which [`coalitional_stability`] enumerates coalitions (2^12 - 1
/// coalitions).
pub const MAX_COALITION_DECISION_MAKERS: usize = 12;

/// A state where a decision maker is not coalitionally stable, and the first coalition
/// (fewest members, then lowest indices) containing it whose improvement goes unsanctioned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Blocked {
    /// The state.
    pub state: State,
    /// The coalition's members (decision-maker indices, ascending); a single member means the
    /// state is not even individually stable.
    pub coalition: Vec<usize>,
}

/// Coalitional stability of every state for every decision maker under one concept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoalitionalStability {
    concept: Concept,
    /// Per decision maker, the coalitionally stable states in canonical order.
    stable: Vec<Vec<State>>,
    /// Per decision maker, the other states with their blocking coalition, canonical order.
    blocked: Vec<Vec<Blocked>>,
}

impl CoalitionalStability {
    /// The concept.
    pub fn concept(&self) -> Concept {
        self.concept
    }

    /// The states coalitionally stable for `dm`, in canonical order (empty for an unknown
    /// decision maker).
    pub fn stable_states(&self, dm: usize) -> &[State] {
        self.stable.get(dm).map_or(&[], |v| v.as_slice())
    }

    /// The states not coalitionally stable for `dm`, each with its first blocking coalition.
    pub fn blocked(&self, dm: usize) -> &[Blocked] {
        self.blocked.get(dm).map_or(&[], |v| v.as_slice())
    }

    /// The states coalitionally stable for every decision maker, in canonical order.
    pub fn equilibria(&self) -> Vec<State> {
        let mut it = self.stable.iter();
        let Some(first) = it.next() else {
            return Vec::new();
        };
        first
            .iter()
            .copied()
            .filter(|s| self.stable.iter().all(|v| v.binary_search(s).is_ok()))
            .collect()
    }
}

/// Coalitional stability (see the module documentation) of every state for every decision
/// maker under `concept`.
///
/// Arguments: the model, the concept (Nash, GMR, SMR or SEQ), budgets and reading in `options` (its
/// `concepts` are ignored). Result: per decision maker the coalitionally stable states and,
/// for the others, the first blocking coalition, all in canonical order; coalitions are
/// tried by size, then by member indices.
///
/// Complexity: one focal-coalition pass of
/// [`CoalitionAnalysis::run`](super::CoalitionAnalysis::run) for each of the 2^m - 1
/// coalitions of m decision makers (errors above [`MAX_COALITION_DECISION_MAKERS`]).
///
/// ```
/// use standoff::post::coalition::{coalitional_stability, CoalitionOptions};
/// use standoff::Concept;
/// let model = standoff::GraphModel::from_path("tests/corpus/elmira.model.json")?;
/// let cs = coalitional_stability(&model, Concept::Nash, &CoalitionOptions::default())?;
/// let nynny = model.parse_state("NYNNY")?;
/// // Nash stable for MoE alone, but MoE and Uniroyal together gain by moving to YNYNY.
/// let b = cs.blocked(0).iter().find(|b| b.state == nynny).expect("blocked");
/// assert_eq!(b.coalition, vec![0, 1]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn coalitional_stability(
    model: &GraphModel,
    concept: Concept,
    options: &CoalitionOptions,
) -> Result<CoalitionalStability, CoalitionError> {
    let concepts = checked_concepts(&[concept])?;
    let m = model.decision_makers().len();
    if m > MAX_COALITION_DECISION_MAKERS {
        return Err(CoalitionError::TooManyDecisionMakers {
            count: m,
            limit: MAX_COALITION_DECISION_MAKERS,
        });
    }
    let meter = Meter::new(&options.limits);
    let n = model.state_count();
    // Coalitions as bit sets, by size then by members.
    let mut sets: Vec<u32> = (1u32..1 << m).collect();
    sets.sort_by_key(|&s| {
        let members: Vec<usize> = (0..m).filter(|&d| s >> d & 1 == 1).collect();
        (s.count_ones(), members)
    });
    let mut blocking: Vec<Vec<Option<u32>>> = vec![vec![None; n]; m];
    for &s in &sets {
        let members: Vec<usize> = (0..m).filter(|&d| s >> d & 1 == 1).collect();
        let mut coalitions = vec![members.clone()];
        coalitions.extend((0..m).filter(|&d| s >> d & 1 == 0).map(|d| vec![d]));
        let stable = stable_sets(
            model,
            &coalitions,
            0,
            &concepts,
            options.reachability,
            &meter,
        )?;
        for (x, &ok) in stable[0].iter().enumerate() {
            if ok {
                continue;
            }
            for &d in &members {
                blocking[d][x].get_or_insert(s);
            }
        }
    }
    let mut stable = Vec::with_capacity(m);
    let mut blocked = Vec::with_capacity(m);
    for per in &blocking {
        let mut st = Vec::new();
        let mut bl = Vec::new();
        for (x, b) in per.iter().enumerate() {
            let Some(state) = model.state_at(x) else {
                continue;
            };
            match b {
                None => st.push(state),
                Some(s) => bl.push(Blocked {
                    state,
                    coalition: (0..m).filter(|&d| s >> d & 1 == 1).collect(),
                }),
            }
        }
        stable.push(st);
        blocked.push(bl);
    }
    Ok(CoalitionalStability {
        concept,
        stable,
        blocked,
    })
}
