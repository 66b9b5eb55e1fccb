//! Simultaneous stability (SIM), exactly as spec section 2 defines it: every unilateral
//! improvement of the focal decision maker must have at least one combination of the other
//! decision makers each staying or taking one of its own improvements from the same state,
//! whose combined state is feasible and not preferred to the start.

use crate::internal::engine::Prepared;
use crate::internal::kernel::{along_bit, Agg};
use crate::limits::{LimitError, Meter};

/// Payoffs of each decision maker over the whole hypercube in the narrowest integer type
/// that holds its ranks (the type's maximum marks infeasible states): one cache-friendly
/// memory access per combination tried instead of an index lookup and a payoff lookup.
pub(crate) struct PayoffTable {
    per_dm: Vec<Column>,
    /// `floor[i][y]`: the least payoff of decision maker i over the states that agree with y
    /// on i's options and whose other options each differ from y's only in directions the
    /// option may move (infeasible states count as `u32::MAX`). Every combination SIM tries
    /// for an improvement of i lies in that set, so `floor > p` proves that no combination
    /// sanctions it, without enumerating them.
    floor: Vec<Vec<u32>>,
    /// `pair[i] = (j, table)`: like `floor[i]`, but with opponent j's options held exact too:
    /// the minimum over j's own choices of `table` bounds the combinations more tightly.
    pair: Vec<(usize, Vec<u32>)>,
}

enum Column {
    U8(Vec<u8>),
    U16(Vec<u16>),
    U32(Vec<u32>),
}

impl PayoffTable {
    /// Builds the table when it takes at most `max_bytes`, on up to `threads` threads.
    pub(crate) fn build(prep: &Prepared, max_bytes: u64, threads: usize) -> Option<PayoffTable> {
        let model = prep.model;
        let n = model.options.len();
        if n > 26 {
            return None;
        }
        let size = 1usize << n;
        let mut bytes = 0u64;
        let mut per_dm = Vec::new();
        for payoff in &model.payoffs {
            let top = payoff.iter().copied().max().unwrap_or(0);
            let column = if top < u8::MAX as u32 {
                bytes += size as u64;
                Column::U8(fill(&model.feasible, payoff, size, u8::MAX, |v| v as u8))
            } else if top < u16::MAX as u32 {
                bytes += 2 * size as u64;
                Column::U16(fill(&model.feasible, payoff, size, u16::MAX, |v| v as u16))
            } else {
                bytes += 4 * size as u64;
                Column::U32(fill(&model.feasible, payoff, size, u32::MAX, |v| v))
            };
            if bytes > max_bytes {
                return None;
            }
            per_dm.push(column);
        }
        // The bound tables, one job per table: floor[i] (only i's options exact), then
        // pair[i] (i's and its largest opponent's options exact).
        let dms = model.dms.len();
        let exact: Vec<(usize, Option<usize>)> = (0..dms)
            .map(|i| (i, None))
            .chain((0..dms).filter_map(|i| {
                (0..dms)
                    .filter(|&j| j != i)
                    .max_by_key(|&j| (model.dms[j].option_count, j))
                    .map(|j| (i, Some(j)))
            }))
            .collect();
        bytes += exact.len() as u64 * 4 * size as u64;
        if bytes > max_bytes {
            return Some(PayoffTable {
                per_dm,
                floor: Vec::new(),
                pair: Vec::new(),
            });
        }
        let mut tables: Vec<Option<Vec<u32>>> = (0..exact.len()).map(|_| None).collect();
        let next = std::sync::atomic::AtomicUsize::new(0);
        let done = std::sync::Mutex::new(&mut tables);
        let work = || loop {
            let t = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(&(i, j)) = exact.get(t) else { break };
            let table = bound_table(model, i, j, size);
            if let Ok(mut d) = done.lock() {
                d[t] = Some(table);
            }
        };
        if threads <= 1 {
            work();
        } else {
            std::thread::scope(|scope| {
                for _ in 0..threads.min(exact.len()) {
                    scope.spawn(work);
                }
            });
        }
        let mut floor = Vec::new();
        let mut pair = Vec::new();
        for ((i, j), table) in exact.into_iter().zip(tables) {
            let Some(table) = table else { continue };
            match j {
                None => floor.push(table),
                Some(j) => {
                    debug_assert_eq!(pair.len(), i);
                    pair.push((j, table));
                }
            }
        }
        if floor.len() < dms {
            floor.clear();
        }
        if pair.len() < dms {
            pair.clear();
        }
        Some(PayoffTable {
            per_dm,
            floor,
            pair,
        })
    }
}

/// Decision maker `i`'s payoffs over the hypercube (`u32::MAX` where infeasible), minimised
/// along every option that neither `i` nor `exact` owns, in the directions it may move.
fn bound_table(
    model: &crate::model::graph_model::GraphModel,
    i: usize,
    exact: Option<usize>,
    size: usize,
) -> Vec<u32> {
    let mut f = fill(&model.feasible, &model.payoffs[i], size, u32::MAX, |v| v);
    for (k, option) in model.options.iter().enumerate() {
        if option.owner != i && Some(option.owner) != exact {
            along_bit(&mut f, k, option.direction, Agg::Min);
        }
    }
    f
}

fn fill<T: Copy>(
    feasible: &[u64],
    payoff: &[u32],
    size: usize,
    none: T,
    f: impl Fn(u32) -> T,
) -> Vec<T> {
    let mut out = vec![none; size];
    for (&x, &v) in feasible.iter().zip(payoff) {
        out[x as usize] = f(v);
    }
    out
}

struct Lookup<'a> {
    prep: &'a Prepared<'a>,
    table: Option<&'a PayoffTable>,
}

impl Lookup<'_> {
    /// True where `y` is feasible and decision maker `i` does not prefer it to payoff `p`.
    #[inline(always)]
    fn at_most(&self, y: u64, i: usize, p: u32) -> bool {
        match self.table.map(|t| &t.per_dm[i]) {
            Some(Column::U8(c)) => (c[y as usize] as u32) <= p,
            Some(Column::U16(c)) => (c[y as usize] as u32) <= p,
            Some(Column::U32(c)) => c[y as usize] <= p,
            None => self
                .prep
                .model
                .index_of(crate::model::state::State(y))
                .is_some_and(|k| self.prep.model.payoffs[i][k] <= p),
        }
    }
}

/// Per decision maker with at most 6 options, per state: the bit set of the local patterns of
/// its unilateral improvements from the state. Built slice by slice, so the payoffs of a slice
/// are read together rather than once per state of the slice.
pub(crate) struct ImprovementMasks {
    per_dm: Vec<Option<Vec<u64>>>,
}

impl ImprovementMasks {
    /// No masks (improvements are then read from the slices).
    pub(crate) fn none(dms: usize) -> ImprovementMasks {
        ImprovementMasks {
            per_dm: vec![None; dms],
        }
    }

    /// Builds the masks of every decision maker with at most 6 options, within `max_bytes`,
    /// one decision maker per thread (at most `threads`).
    pub(crate) fn build(prep: &Prepared, max_bytes: u64, threads: usize) -> ImprovementMasks {
        let n = prep.model.feasible.len() as u64;
        let wanted: Vec<bool> = prep
            .slices
            .iter()
            .scan(0u64, |bytes, sl| {
                *bytes += 8 * n;
                Some(sl.k <= 6 && *bytes <= max_bytes)
            })
            .collect();
        let dms = wanted.len();
        let mut per_dm: Vec<Option<Vec<u64>>> = vec![None; dms];
        let next = std::sync::atomic::AtomicUsize::new(0);
        let results = std::sync::Mutex::new(&mut per_dm);
        let work = || loop {
            let j = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if j >= dms {
                break;
            }
            if wanted[j] {
                let masks = masks_of(prep, j);
                if let Ok(mut r) = results.lock() {
                    r[j] = Some(masks);
                }
            }
        };
        if threads <= 1 {
            work();
        } else {
            std::thread::scope(|scope| {
                for _ in 0..threads.min(dms) {
                    scope.spawn(work);
                }
            });
        }
        ImprovementMasks { per_dm }
    }
}

/// The improvement masks of decision maker `j`: per slice, in payoff order (highest first),
/// the running union of the patterns strictly above each state, restricted to the patterns its
/// irreversible options let it reach. Linear in the slice.
fn masks_of(prep: &Prepared, j: usize) -> Vec<u64> {
    let model = prep.model;
    let sl = &prep.slices[j];
    let payoff = model.payoffs_of(j);
    let sorted = prep.sorted(j);
    // reach[l]: the patterns a move from local pattern l may lead to.
    let reach: Vec<u64> = (0..1usize << sl.k)
        .map(|l| {
            (0..1usize << sl.k)
                .filter(|&t| sl.allowed(l, t))
                .fold(0u64, |m, t| m | 1u64 << t)
        })
        .collect();
    let mut masks = vec![0u64; model.feasible.len()];
    for s in 0..sl.count() {
        let members = &sorted[sl.starts[s] as usize..sl.starts[s + 1] as usize];
        let mut above = 0u64;
        let mut g = 0;
        while g < members.len() {
            let p = payoff[members[g] as usize];
            let mut e = g;
            let mut tier = 0u64;
            while e < members.len() && payoff[members[e] as usize] == p {
                let x = members[e] as usize;
                let l = sl.local(model.feasible[x]);
                masks[x] = above & reach[l];
                tier |= 1u64 << l;
                e += 1;
            }
            above |= tier;
            g = e;
        }
    }
    masks
}

/// SIM verdicts for dense indices `range`, for every decision maker: `out[dm][x - start]`.
pub(crate) fn sim_verdicts(
    prep: &Prepared,
    table: Option<&PayoffTable>,
    improvements: &ImprovementMasks,
    range: std::ops::Range<usize>,
    meter: &Meter,
) -> Result<Vec<Vec<bool>>, LimitError> {
    let model = prep.model;
    let dms = model.dms.len();
    let lookup = Lookup { prep, table };
    let mut out = vec![Vec::with_capacity(range.len()); dms];
    // choices[j]: j's own option pattern at the current state (staying), then the patterns
    // of its improvements from it.
    let mut choices: Vec<Vec<u64>> = vec![Vec::new(); dms];
    // The other decision makers with an improvement, reused across states.
    let mut others: Vec<usize> = Vec::with_capacity(dms);
    let mut work = 0u64;
    for xi in range {
        let x = model.feasible[xi];
        for (j, list) in choices.iter_mut().enumerate() {
            list.clear();
            let sl = &prep.slices[j];
            let mask = model.dms[j].mask();
            list.push(x & mask);
            if let Some(masks) = &improvements.per_dm[j] {
                let mut bits = masks[xi];
                work += 1;
                while bits != 0 {
                    let l = bits.trailing_zeros() as u64;
                    list.push(l << sl.lo);
                    bits &= bits - 1;
                }
                continue;
            }
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
            // Highest options outermost: the innermost loop then varies the lowest bits and
            // stays within a cache line of the payoff table.
            others.clear();
            others.extend((0..dms).rev().filter(|&j| j != i && choices[j].len() > 1));
            let others = &others[..];
            let mask_i = model.dms[i].mask();
            // An improvement no combination can reach below p: unstable at once.
            let floor = table.and_then(|t| t.floor.get(i));
            if let Some(f) = floor {
                work += choices[i].len() as u64;
                if choices[i][1..]
                    .iter()
                    .any(|&a| f[((x & !mask_i) | a) as usize] > p)
                {
                    out[i].push(false);
                    continue;
                }
            }
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
                    if choices[*j].iter().all(|&c| g[(base | c) as usize] > p) {
                        return false;
                    }
                }
                sanctioned(&lookup, i, &choices, others, start, p, &mut work)
            });
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
