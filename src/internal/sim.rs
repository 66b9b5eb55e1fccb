//! Simultaneous stability (SIM), exactly as spec section 2 defines it: every unilateral
//! improvement of the focal decision maker must have at least one combination of the other
//! decision makers each staying or taking one of its own improvements from the same state,
//! whose combined state is feasible and not preferred to the start.

use crate::internal::engine::Prepared;
use crate::limits::{LimitError, Meter};

/// SIM verdicts for dense indices `range`, for every decision maker: `out[dm][x - start]`.
pub(crate) fn sim_verdicts(
    prep: &Prepared,
    range: std::ops::Range<usize>,
    meter: &Meter,
) -> Result<Vec<Vec<bool>>, LimitError> {
    let model = prep.model;
    let dms = model.dms.len();
    let mut out = vec![Vec::with_capacity(range.len()); dms];
    // uis[j]: the option patterns (j's bits only) of j's improvements from the current state.
    let mut uis: Vec<Vec<u64>> = vec![Vec::new(); dms];
    let mut work = 0u64;
    for xi in range {
        let x = model.feasible[xi];
        for (j, list) in uis.iter_mut().enumerate() {
            list.clear();
            let sl = &prep.slices[j];
            let mask = model.dms[j].mask();
            let payoff = model.payoffs_of(j);
            let lx = sl.local(x);
            let members = sl.members(sl.slice_of[xi] as usize);
            work += members.len() as u64;
            for &t in members {
                let ts = model.feasible[t as usize];
                if payoff[t as usize] > payoff[xi] && sl.allowed(lx, sl.local(ts)) {
                    list.push(ts & mask);
                }
            }
        }
        for i in 0..dms {
            let p = model.payoffs_of(i)[xi];
            let others: Vec<usize> = (0..dms).filter(|&j| j != i && !uis[j].is_empty()).collect();
            let mut stable = true;
            for &a in &uis[i] {
                let start = (x & !model.dms[i].mask()) | a;
                if !sanctioned(
                    prep,
                    model.payoffs_of(i),
                    &uis,
                    &others,
                    start,
                    p,
                    &mut work,
                ) {
                    stable = false;
                    break;
                }
            }
            out[i].push(stable);
        }
        if work >= 1 << 16 {
            meter.spend(work)?;
            work = 0;
        }
    }
    meter.spend(work)?;
    Ok(out)
}

/// True where some combination of `others` each staying or taking one of its improvements
/// turns `state` into a feasible state with payoff at most `p` for the focal decision maker
/// (whose payoffs are `focal`).
fn sanctioned(
    prep: &Prepared,
    focal: &[u32],
    uis: &[Vec<u64>],
    others: &[usize],
    state: u64,
    p: u32,
    work: &mut u64,
) -> bool {
    let model = prep.model;
    let Some((&j, rest)) = others.split_first() else {
        // Nobody else moves: the state is the focal decision maker's own improvement.
        *work += 1;
        return false;
    };
    let mask = model.dms[j].mask();
    // Staying first, then each improvement.
    let options = std::iter::once(state & mask).chain(uis[j].iter().copied());
    for pattern in options {
        let s = (state & !mask) | pattern;
        if rest.is_empty() {
            *work += 1;
            let hit = model
                .index_of(crate::model::state::State(s))
                .is_some_and(|k| focal[k] <= p);
            if hit {
                return true;
            }
        } else if sanctioned(prep, focal, uis, rest, s, p, work) {
            return true;
        }
    }
    false
}
