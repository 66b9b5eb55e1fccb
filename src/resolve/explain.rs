//! Explanation trees: the engine's per-state explanations, put in domain terms.

use crate::compile::Compiled;
use crate::limits::Limits;
use crate::model::state::State;
use crate::resolve::resolution::{
    Block, ConceptExplanation, ImprovementReason, PartyReasons, StateRef, Step,
};
use crate::stability::concept::{Concept, Reachability};
use crate::stability::error::AnalysisError;
use crate::stability::explain::{explain, Move};

/// A state with its label and outcome.
pub(crate) fn state_ref(compiled: &Compiled, state: State) -> StateRef {
    StateRef {
        label: compiled.model().label(state),
        outcome: compiled.outcome(state),
    }
}

/// A party's move in domain terms.
pub(crate) fn step(
    compiled: &Compiled,
    mover: usize,
    from: State,
    to: State,
    improvement: bool,
) -> Step {
    Step {
        party: party_name(compiled, mover),
        from: compiled.model().label(from),
        to: state_ref(compiled, to),
        changes: compiled.changes(from, to),
        improvement,
    }
}

pub(crate) fn party_name(compiled: &Compiled, dm: usize) -> String {
    compiled
        .model()
        .decision_makers()
        .get(dm)
        .map(|d| d.name().to_string())
        .unwrap_or_default()
}

fn moves(compiled: &Compiled, moves: &[Move]) -> Vec<Step> {
    moves
        .iter()
        .map(|m| step(compiled, m.mover, m.from, m.to, m.improvement))
        .collect()
}

/// Why each party stays at (or leaves) `state` under `concept`.
pub(crate) fn explain_state(
    compiled: &Compiled,
    concept: Concept,
    reachability: Reachability,
    state: State,
    limits: &Limits,
) -> Result<ConceptExplanation, AnalysisError> {
    let model = compiled.model();
    let mut parties = Vec::new();
    for dm in 0..model.decision_makers().len() {
        let e = explain(model, concept, reachability, dm, state, limits)?;
        let improvements = e
            .improvements
            .iter()
            .map(|check| ImprovementReason {
                to: state_ref(compiled, check.improvement),
                changes: compiled.changes(state, check.improvement),
                blocked_by: check.sanction.as_ref().map(|s| Block {
                    moves: moves(compiled, &s.moves),
                    end: state_ref(compiled, s.end),
                    credible: s.moves.iter().all(|m| m.improvement),
                }),
            })
            .collect();
        parties.push(PartyReasons {
            party: party_name(compiled, dm),
            stable: e.stable,
            improvements,
        });
    }
    Ok(ConceptExplanation { concept, parties })
}
