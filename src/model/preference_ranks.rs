//! A decision maker's preference, as given in a graph-model file, turned into dense ranks over
//! the model's feasible states: from option prioritization (one pass over 64-state blocks) or
//! from an explicit ranking (every feasible state once, problems placed at their path).

use crate::model::condition::Condition;
use crate::model::error::ModelError;
use crate::model::feasible::lane_vars;
use crate::model::graph_model::GraphModel;
use crate::model::locate::Placed;
use crate::model::span::Seg;
use crate::model::state::State;

/// Dense ranks from scores: equal scores share a rank, higher score, higher rank.
fn ranks_from_scores(scores: &[u64]) -> Vec<u32> {
    let top = scores.iter().copied().max().unwrap_or(0);
    if top < (scores.len() as u64).saturating_mul(4).max(1 << 16) {
        // Small scores: mark the ones present, then count.
        let mut rank = vec![0u32; top as usize + 1];
        for &s in scores {
            rank[s as usize] = 1;
        }
        let mut next = 0;
        for r in rank.iter_mut() {
            let present = *r;
            *r = next;
            next += present;
        }
        return scores.iter().map(|&s| rank[s as usize]).collect();
    }
    crate::model::graph_model::dense_ranks(scores)
}

/// The ranks of option prioritization `conds` (most important first) over `model`'s feasible
/// states: a state scores `2^(k-1-j)` for each statement `j` it satisfies.
pub(crate) fn priority_ranks(model: &GraphModel, conds: &[Condition]) -> Vec<u32> {
    let k = conds.len();
    let mut scores = vec![0u64; model.feasible.len()];
    let n = model.options.len();
    let mut start = 0;
    while start < model.feasible.len() {
        let block = model.feasible[start] >> 6;
        // A block holds at most 64 states: search only those.
        let window = &model.feasible[start..(start + 64).min(model.feasible.len())];
        let end = start + window.partition_point(|&x| x >> 6 == block);
        let vars = lane_vars(block, n);
        for (j, c) in conds.iter().enumerate() {
            let lanes = c.eval_lanes(&vars);
            let weight = 1u64 << (k - 1 - j);
            for (x, score) in model.feasible[start..end]
                .iter()
                .zip(&mut scores[start..end])
            {
                // Branch-free: the lanes are random, so a branch mispredicts half the time.
                *score += weight & 0u64.wrapping_sub(lanes >> (x & 63) & 1);
            }
        }
        start = end;
    }
    ranks_from_scores(&scores)
}

/// The ranks of a `ranking` (at path `at`), or its problems.
pub(crate) fn ranking_ranks(
    model: &GraphModel,
    name: &str,
    tiers: &[Vec<String>],
    at: &[Seg],
    errors: &mut Vec<Placed<ModelError>>,
) -> Option<Vec<u32>> {
    let before = errors.len();
    let mut rank = vec![u32::MAX; model.feasible.len()];
    let levels = tiers.len() as u32;
    let context = format!("ranking of `{name}`");
    let path = |rest: &[Seg]| {
        let mut path = at.to_vec();
        path.extend_from_slice(rest);
        path
    };
    for (t, tier) in tiers.iter().enumerate() {
        if tier.is_empty() {
            let error = ModelError::EmptyTier {
                decision_maker: name.to_string(),
            };
            errors.push(Placed::at(error, path(&[Seg::Index(t)])));
        }
        for (j, label) in tier.iter().enumerate() {
            let at = path(&[Seg::Index(t), Seg::Index(j)]);
            let state = match State::from_label(label, model.options.len()) {
                Ok(s) => s,
                Err(reason) => {
                    let error = ModelError::MalformedState {
                        context: context.clone(),
                        state: label.clone(),
                        reason,
                    };
                    errors.push(Placed::at(error, at));
                    continue;
                }
            };
            let error = match model.index_of(state) {
                None => ModelError::InfeasibleState {
                    context: context.clone(),
                    state: label.clone(),
                },
                Some(i) if rank[i] != u32::MAX => ModelError::RankingRepeatsState {
                    decision_maker: name.to_string(),
                    state: label.clone(),
                },
                Some(i) => {
                    rank[i] = levels - 1 - t as u32;
                    continue;
                }
            };
            errors.push(Placed::at(error, at));
        }
    }
    if let Some(i) = rank.iter().position(|&r| r == u32::MAX) {
        let error = ModelError::RankingMissesState {
            decision_maker: name.to_string(),
            state: model.label(State(model.feasible[i])),
        };
        errors.push(Placed::at(error, at.to_vec()));
    }
    (errors.len() == before).then_some(rank)
}
