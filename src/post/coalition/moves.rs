//! Coalition moves and coalition improvements.

use crate::model::graph_model::GraphModel;
use crate::model::state::State;
use crate::post::reach::Mover;

/// Every coalition move of the decision makers `members` (acting as one) from `state`, in
/// canonical order: feasible states differing from `state` in a non-empty subset of the
/// members' options, each changed option changing in an allowed direction.
///
/// Complexity: O(2^k) for k options of the members (times a state lookup). Empty for an
/// infeasible `state`.
///
/// ```
/// use standoff::post::coalition::coalition_moves;
/// let model = standoff::GraphModel::from_path("tests/corpus/elmira.model.json")?;
/// let from = model.parse_state("NYNNY")?;
/// let joint = coalition_moves(&model, &[0, 1], from);
/// assert!(joint.contains(&model.parse_state("YNYNY")?)); // modify and accept at once
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn coalition_moves(model: &GraphModel, members: &[usize], state: State) -> Vec<State> {
    if !model.is_feasible(state) {
        return Vec::new();
    }
    let mover = Mover::new(model, members);
    mover
        .targets(model, state.0)
        .into_iter()
        .filter_map(|t| model.state_at(t))
        .collect()
}

/// Every coalition improvement of `members` from `state`, in canonical order: the coalition
/// moves to states that *every* member strictly prefers to `state`.
///
/// Complexity: as [`coalition_moves`], times the coalition size.
///
/// ```
/// use standoff::post::coalition::coalition_improvements;
/// let model = standoff::GraphModel::from_path("tests/corpus/elmira.model.json")?;
/// let from = model.parse_state("NYNNY")?;
/// let both_better = coalition_improvements(&model, &[0, 1], from);
/// assert!(both_better.contains(&model.parse_state("YNYNY")?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn coalition_improvements(model: &GraphModel, members: &[usize], state: State) -> Vec<State> {
    coalition_moves(model, members, state)
        .into_iter()
        .filter(|&t| is_coalition_improvement(model, members, state, t))
        .collect()
}

fn is_coalition_improvement(model: &GraphModel, members: &[usize], from: State, to: State) -> bool {
    !members.is_empty() && members.iter().all(|&k| model.prefers(k, to, from))
}
