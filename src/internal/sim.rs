//! Simultaneous stability (SIM), exactly as spec section 2 defines it: every unilateral
//! improvement of the focal decision maker must have at least one combination of the other
//! decision makers each staying or taking one of its own improvements from the same state,
//! whose combined state is feasible and not preferred to the start.

use crate::internal::engine::Prepared;
use crate::internal::sim_table::PayoffTable;
use crate::limits::{LimitError, Meter};

struct Lookup<'a> {
    prep: &'a Prepared<'a>,
    table: Option<&'a PayoffTable>,
}

impl Lookup<'_> {
    /// True where `y` is feasible and decision maker `i` does not prefer it to payoff `p`.
    #[inline(always)]
    fn at_most(&self, y: u64, i: usize, p: u32) -> bool {
        match self.table {
            Some(t) => t.per_dm[i].raw(y) <= p,
            None => self
                .prep
                .model
                .index_of(crate::model::state::State(y))
                .is_some_and(|k| self.prep.model.payoffs[i][k] <= p),
        }
    }
}

/// Largest option count of a decision maker whose improvements are read from the payoff
/// table (all its local patterns tried); above it they are read from its slices.
const TABLE_MAX_K: usize = 6;

/// True where SIM reads decision maker `j`'s improvements from its slices, which must then be
/// built.
pub(crate) fn needs_slices(table: Option<&PayoffTable>, k: usize) -> bool {
    table.is_none() || k > TABLE_MAX_K
}

/// Per decision maker, the patterns its irreversible options let a move from each local
/// pattern reach (without the pattern itself), for decision makers read from the table.
fn reach_masks(prep: &Prepared, table: Option<&PayoffTable>) -> Vec<Vec<u64>> {
    prep.model
        .dms
        .iter()
        .map(|d| {
            let k = d.option_count;
            if needs_slices(table, k) {
                return Vec::new();
            }
            let (forward, backward) = prep.model.options[d.options()].iter().enumerate().fold(
                (0u64, 0u64),
                |(f, b), (bit, o)| match o.direction {
                    Some(crate::model::graph_model::Direction::Forward) => (f | 1 << bit, b),
                    Some(crate::model::graph_model::Direction::Backward) => (f, b | 1 << bit),
                    None => (f, b),
                },
            );
            (0..1u64 << k)
                .map(|l| {
                    (0..1u64 << k)
                        .filter(|&t| t != l && l & !t & forward == 0 && t & !l & backward == 0)
                        .fold(0u64, |m, t| m | 1u64 << t)
                })
                .collect()
        })
        .collect()
}

/// SIM verdicts for dense indices `range`, for every decision maker: bit `x - start` of
/// `out[dm]` (little-endian words) is set where the state at dense index x is SIM-stable.
pub(crate) fn sim_verdicts(
    prep: &Prepared,
    table: Option<&PayoffTable>,
    range: std::ops::Range<usize>,
    meter: &Meter,
) -> Result<Vec<Vec<u64>>, LimitError> {
    let model = prep.model;
    let dms = model.dms.len();
    let lookup = Lookup { prep, table };
    let reach = reach_masks(prep, table);
    let first = range.start;
    let mut out = vec![vec![0u64; range.len().div_ceil(64)]; dms];
    // choices[j]: j's own option pattern at the current state (staying), then the patterns
    // of its improvements from it.
    let mut choices: Vec<Vec<u64>> = vec![Vec::new(); dms];
    // The other decision makers with an improvement, reused across states.
    let mut others: Vec<usize> = Vec::with_capacity(dms);
    let mut work = 0u64;
    // known[j]: choices[j] holds j's choices at the current state. They are computed when
    // first needed: a focal decision maker without improvements, or with one the floor table
    // rules out, needs nobody else's.
    let mut known = vec![false; dms];
    let mut ctx = Choices {
        prep,
        table,
        reach: &reach,
        buf: Vec::new(),
    };
    for xi in range {
        let x = model.feasible[xi];
        known.iter_mut().for_each(|k| *k = false);
        for i in 0..dms {
            let p = model.payoffs_of(i)[xi];
            if !known[i] {
                work += ctx.fill(i, xi, &mut choices[i]);
                known[i] = true;
            }
            let mask_i = model.dms[i].mask();
            if choices[i].len() == 1 {
                // No improvement: stable.
                let b = xi - first;
                out[i][b / 64] |= 1u64 << (b % 64);
                continue;
            }
            // An improvement no combination can reach below p: unstable at once.
            let floor = table.and_then(|t| t.floor.get(i));
            if let Some(f) = floor {
                work += choices[i].len() as u64;
                if choices[i][1..]
                    .iter()
                    .any(|&a| f.raw((x & !mask_i) | a) > p)
                {
                    continue;
                }
            }
            for (j, list) in choices.iter_mut().enumerate() {
                if !known[j] {
                    work += ctx.fill(j, xi, list);
                    known[j] = true;
                }
            }
            // Highest options outermost: the innermost loop then varies the lowest bits and
            // stays within a cache line of the payoff table.
            others.clear();
            others.extend((0..dms).rev().filter(|&j| j != i && choices[j].len() > 1));
            let others = &others[..];
            let pair = table.and_then(|t| t.pair.get(i));
            let stable = choices[i][1..].iter().all(|&a| {
                let start = (x & !mask_i) | a;
                // Single deviations first (the usual sanction); then, before every
                // combination, the tighter bound with one opponent's choices exact.
                if single_sanction(&lookup, i, &choices, others, start, p, &mut work) {
                    return true;
                }
                if let Some((j, g)) = pair {
                    let base = start & !model.dms[*j].mask();
                    work += choices[*j].len() as u64;
                    if choices[*j].iter().all(|&c| g.raw(base | c) > p) {
                        return false;
                    }
                }
                sanctioned(&lookup, i, &choices, others, start, p, &mut work)
            });
            if stable {
                let b = xi - first;
                out[i][b / 64] |= 1u64 << (b % 64);
            }
        }
        if work >= 1 << 16 {
            meter.spend(work)?;
            work = 0;
        }
    }
    meter.spend(work)?;
    Ok(out)
}

/// Reads decision makers' choices at a state.
struct Choices<'a> {
    prep: &'a Prepared<'a>,
    table: Option<&'a PayoffTable>,
    reach: &'a [Vec<u64>],
    buf: Vec<u32>,
}

impl Choices<'_> {
    /// Sets `list` to decision maker `j`'s own pattern at the state of dense index `xi`, then
    /// the patterns of its improvements from it; returns the work done.
    fn fill(&mut self, j: usize, xi: usize, list: &mut Vec<u64>) -> u64 {
        let model = self.prep.model;
        let x = model.feasible[xi];
        list.clear();
        let d = &model.dms[j];
        let mask = d.mask();
        list.push(x & mask);
        if let (Some(t), Some(reach)) = (self.table, self.reach.get(j).filter(|r| !r.is_empty())) {
            // Every pattern a move may reach, read from the table.
            let column = &t.per_dm[j];
            let (p, none) = (column.raw(x), column.none());
            let lo = d.first_option;
            let base = x & !mask;
            let mut bits = reach[((x & mask) >> lo) as usize];
            while bits != 0 {
                let l = (bits.trailing_zeros() as u64) << lo;
                let v = column.raw(base | l);
                if v > p && v != none {
                    list.push(l);
                }
                bits &= bits - 1;
            }
            return 1;
        }
        let Some(sl) = self.prep.slices.get(j) else {
            return 1;
        };
        let Some(s) = sl.slice_of(xi) else {
            return 1;
        };
        let payoff = model.payoffs_of(j);
        let lx = sl.local(x);
        let members = sl.members(s, &mut self.buf);
        for &t in members {
            let ts = model.feasible[t as usize];
            if payoff[t as usize] > payoff[xi] && sl.allowed(lx, sl.local(ts)) {
                list.push(ts & mask);
            }
        }
        members.len() as u64
    }
}

/// True where one of `others` alone, taking one of its improvements, turns `state` into a
/// feasible state with payoff at most `p` for decision maker `focal`.
fn single_sanction(
    lookup: &Lookup,
    focal: usize,
    choices: &[Vec<u64>],
    others: &[usize],
    state: u64,
    p: u32,
    work: &mut u64,
) -> bool {
    let model = lookup.prep.model;
    others.iter().any(|&j| {
        let base = state & !model.dms[j].mask();
        *work += choices[j].len() as u64;
        choices[j][1..]
            .iter()
            .any(|&pattern| lookup.at_most(base | pattern, focal, p))
    })
}

/// True where some combination of `others` each staying or taking one of its improvements
/// turns `state` into a feasible state with payoff at most `p` for decision maker `focal`.
fn sanctioned(
    lookup: &Lookup,
    focal: usize,
    choices: &[Vec<u64>],
    others: &[usize],
    state: u64,
    p: u32,
    work: &mut u64,
) -> bool {
    let model = lookup.prep.model;
    let Some((&j, rest)) = others.split_first() else {
        // Nobody else can improve: the state is the focal decision maker's own improvement.
        *work += 1;
        return false;
    };
    let base = state & !model.dms[j].mask();
    if rest.is_empty() {
        *work += choices[j].len() as u64;
        return choices[j]
            .iter()
            .any(|&pattern| lookup.at_most(base | pattern, focal, p));
    }
    choices[j]
        .iter()
        .any(|&pattern| sanctioned(lookup, focal, choices, rest, base | pattern, p, work))
}
