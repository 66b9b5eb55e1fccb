//! The order of a forecast's outcomes: most likely first, ties by the parties' joint standing.

use crate::compile::Compiled;
use crate::resolve::forecast::{ForecastOutcome, ForecastState};

/// Sorts `outcomes` most likely first. Outcomes whose probabilities agree to nine decimals
/// (a tie) are listed by their joint standing (`standing`, higher first; see
/// [`joint_standing`]), then by code order. (Probabilities are compared rounded, so the order
/// is a total order.)
pub(crate) fn order(outcomes: &mut [ForecastOutcome], standing: &dyn Fn(&[ForecastState]) -> f64) {
    let rounded = |p: f64| (p * 1e9).round() as i64;
    let mut keys: Vec<i64> = outcomes.iter().map(|o| rounded(o.probability)).collect();
    keys.sort_unstable();
    let tied = keys.windows(2).any(|w| w[0] == w[1]);
    let standings: Vec<f64> = if tied {
        outcomes.iter().map(|o| standing(&o.states)).collect()
    } else {
        vec![0.0; outcomes.len()]
    };
    let mut keyed: Vec<(ForecastOutcome, f64)> = outcomes.iter().cloned().zip(standings).collect();
    keyed.sort_by(|(a, sa), (b, sb)| {
        rounded(b.probability)
            .cmp(&rounded(a.probability))
            .then(sb.total_cmp(sa))
            .then(a.code.cmp(&b.code))
    });
    for (slot, (o, _)) in outcomes.iter_mut().zip(keyed) {
        *slot = o;
    }
}

/// The parties' joint standing of an outcome: the sum over parties of each party's expected
/// normalised rank of the outcome's states (0 its worst state, 1 its best), the states weighed
/// by their probability, averaged over the resolved completions `indices`. Of two equally
/// likely outcomes, the one the parties together rank higher is the likelier settlement (the
/// efficiency reading of a tie); this is the forecast's only tie rule.
pub(crate) fn joint_standing(
    compiled: &Compiled,
    indices: &[u64],
    states: &[ForecastState],
) -> f64 {
    let model = compiled.model();
    let total: f64 = states.iter().map(|s| s.probability).sum();
    if total <= 0.0 || indices.is_empty() {
        return 0.0;
    }
    let dense: Vec<(usize, f64)> = states
        .iter()
        .filter_map(|s| {
            let state = model.parse_state(&s.state.label).ok()?;
            Some((model.index_of(state)?, s.probability / total))
        })
        .collect();
    let space = compiled.preferences();
    let mut sum = 0.0;
    for &index in indices {
        let completion = space.completion(model, index);
        for ranks in &completion.ranks {
            let top = ranks.iter().copied().max().unwrap_or(0).max(1) as f64;
            sum += dense
                .iter()
                .map(|&(i, w)| w * ranks.get(i).copied().unwrap_or(0) as f64 / top)
                .sum::<f64>();
        }
    }
    sum / indices.len() as f64
}
