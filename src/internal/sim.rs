//! Simultaneous stability (SIM), exactly as spec section 2 defines it: every unilateral
//! improvement of the focal decision maker must have at least one combination of the other
//! decision makers each staying or taking one of its own improvements from the same state,
//! whose combined state is feasible and not preferred to the start.

use crate::internal::engine::Prepared;
use crate::internal::sim_bits::{group_masks, pack_bytes, transpose};
use crate::internal::sim_table::{Column, PayoffTable};
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
    let masks: Vec<u64> = model.dms.iter().map(|d| d.mask()).collect();
    let mut ctx = Choices {
        prep,
        table,
        reach: &reach,
        buf: Vec::new(),
        found: [0; 64],
        blocks: vec![(None, [0; 64]); dms],
        groups: vec![(None, [0; 64]); dms * GROUP_SLOTS],
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
            let state = Focal {
                masks: &masks,
                choices: &choices,
                others,
                pair,
                start: x & !mask_i,
                p,
            };
            // One copy of the search per column width, the lookup inlined.
            let stable = match table.map(|t| &t.per_dm[i]) {
                Some(Column::U8(c)) => state.stable(&|y| c[y as usize] as u32 <= p, i, &mut work),
                Some(Column::U16(c)) => state.stable(&|y| c[y as usize] as u32 <= p, i, &mut work),
                Some(Column::U32(c)) => state.stable(&|y| c[y as usize] <= p, i, &mut work),
                None => state.stable(&|y| lookup.at_most(y, i, p), i, &mut work),
            };
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
    /// The improvements found at one state (at most 63 patterns).
    found: [u64; 64],
    /// Per decision maker whose first option is at least `MIN_BLOCK_BITS`: the block of
    /// states last read, and each state's improvements as a mask of local patterns.
    blocks: Vec<(Option<u64>, [u64; 64])>,
    /// Per decision maker whose first option is below `MIN_BLOCK_BITS`, `GROUP_SLOTS` slots
    /// (by the state's bits below its first option): the group of states last read (the
    /// state without the decision maker's options), and the improvements of each of the
    /// group's local patterns as a mask.
    groups: Vec<(Option<u64>, [u64; 64])>,
}

/// Group slots per decision maker: one per pattern of the bits below its first option.
const GROUP_SLOTS: usize = 1 << (MIN_BLOCK_BITS - 1);

/// States read together (log2): a block shares the pattern of every decision maker whose
/// options all lie above it; a decision maker whose first option is lower uses blocks of
/// 2^first option states, from `MIN_BLOCK_BITS` up.
const BLOCK_BITS: usize = 6;

/// Smallest block (log2) worth reading together.
const MIN_BLOCK_BITS: usize = 3;

/// The patterns a decision maker may move to from state `x`.
struct Patterns {
    /// `x` without the decision maker's options.
    base: u64,
    x: u64,
    /// Its first option.
    lo: usize,
    /// The local patterns it may reach.
    bits: u64,
}

impl Patterns {
    /// Writes to `out` the patterns (shifted into place) whose state is feasible with a higher
    /// entry of `column` than `x`'s; returns how many. Branch-free per pattern: whether a
    /// pattern improves is unpredictable.
    #[inline]
    fn improvements<T: Copy + Into<u32>>(
        &self,
        column: &[T],
        none: T,
        out: &mut [u64; 64],
    ) -> usize {
        let (p, none) = (column[self.x as usize].into(), none.into());
        let mut found = 0;
        let mut bits = self.bits;
        while bits != 0 {
            let l = (bits.trailing_zeros() as u64) << self.lo;
            let v: u32 = column[(self.base | l) as usize].into();
            out[found & 63] = l;
            found += usize::from(v > p && v != none);
            bits &= bits - 1;
        }
        found.min(64)
    }

    /// For the `lanes` (at most 64) states `x + lane` of a block, which share the decision
    /// maker's pattern, sets `out[lane]` to the mask of the local patterns in `bits` whose
    /// state is feasible with a higher entry of `column`. Each pattern's comparison is taken
    /// lane by lane as one bit per lane, and the bit matrix then transposed.
    #[inline]
    fn block<T: Copy + Into<u32>>(&self, column: &[T], none: T, lanes: usize, out: &mut [u64; 64]) {
        *out = [0; 64];
        let x = self.x as usize;
        let Some(own) = column.get(x..x + lanes) else {
            return;
        };
        let none: u32 = none.into();
        let mut bits = self.bits;
        while bits != 0 {
            let t = bits.trailing_zeros() as usize;
            let row = (self.base | (t as u64) << self.lo) as usize;
            let Some(row) = column.get(row..row + lanes) else {
                break;
            };
            let mut gt = [0u8; 64];
            for ((g, &v), &p) in gt.iter_mut().zip(row).zip(own) {
                let (v, p): (u32, u32) = (v.into(), p.into());
                *g = u8::from(v > p && v != none);
            }
            out[t & 63] = pack_bytes(&gt);
            bits &= bits - 1;
        }
        transpose(out);
    }
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
            let lo = d.first_option;
            let bits = reach[((x & mask) >> lo) as usize];
            let lanes_log = lo.min(BLOCK_BITS);
            if lanes_log >= MIN_BLOCK_BITS {
                // The 2^lanes_log states of x's block share j's pattern: their improvements
                // are read together, one run of the column per pattern.
                let block = x >> lanes_log;
                let cached = &mut self.blocks[j];
                if cached.0 != Some(block) {
                    let at = Patterns {
                        base: (block << lanes_log) & !mask,
                        x: block << lanes_log,
                        lo,
                        bits,
                    };
                    let lanes = 1usize << lanes_log;
                    match &t.per_dm[j] {
                        Column::U8(c) => at.block(c, u8::MAX, lanes, &mut cached.1),
                        Column::U16(c) => at.block(c, u16::MAX, lanes, &mut cached.1),
                        Column::U32(c) => at.block(c, u32::MAX, lanes, &mut cached.1),
                    }
                    cached.0 = Some(block);
                }
                let mut found = cached.1[(x & ((1 << lanes_log) - 1)) as usize];
                while found != 0 {
                    list.push((found.trailing_zeros() as u64) << lo);
                    found &= found - 1;
                }
                return 1;
            }
            // The states that differ from x only in j's options form a group: their payoffs
            // are ranked once, and each member's improvements read off as a mask.
            let base = x & !mask;
            let slot = j * GROUP_SLOTS + (x & ((1 << lo) - 1)) as usize;
            if let Some(cached) = self.groups.get_mut(slot) {
                if cached.0 != Some(base) {
                    let k = d.option_count;
                    match &t.per_dm[j] {
                        Column::U8(c) => group_masks(c, u8::MAX, base, lo, k, reach, &mut cached.1),
                        Column::U16(c) => {
                            group_masks(c, u16::MAX, base, lo, k, reach, &mut cached.1)
                        }
                        Column::U32(c) => {
                            group_masks(c, u32::MAX, base, lo, k, reach, &mut cached.1)
                        }
                    }
                    cached.0 = Some(base);
                }
                let mut found = cached.1[((x & mask) >> lo) as usize & 63];
                list.reserve(found.count_ones() as usize);
                while found != 0 {
                    list.push((found.trailing_zeros() as u64) << lo);
                    found &= found - 1;
                }
                return 1;
            }
            let at = Patterns { base, x, lo, bits };
            let found = match &t.per_dm[j] {
                Column::U8(c) => at.improvements(c, u8::MAX, &mut self.found),
                Column::U16(c) => at.improvements(c, u16::MAX, &mut self.found),
                Column::U32(c) => at.improvements(c, u32::MAX, &mut self.found),
            };
            list.extend_from_slice(&self.found[..found]);
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

/// One focal decision maker at one state.
struct Focal<'a> {
    /// Every decision maker's option mask.
    masks: &'a [u64],
    choices: &'a [Vec<u64>],
    /// The other decision makers with an improvement, highest options first.
    others: &'a [usize],
    pair: Option<&'a (usize, Column)>,
    /// The state without the focal decision maker's options.
    start: u64,
    /// The focal decision maker's payoff at the state.
    p: u32,
}

impl Focal<'_> {
    /// True where every improvement of the focal decision maker `i` has a sanction; `at_most(y)`
    /// is true where y is feasible and `i` does not prefer it to the state.
    fn stable<F: Fn(u64) -> bool>(&self, at_most: &F, i: usize, work: &mut u64) -> bool {
        self.choices[i][1..].iter().all(|&a| {
            let start = self.start | a;
            // Single deviations first (the usual sanction); then, before every combination,
            // the tighter bound with one opponent's choices exact.
            if self.single_sanction(at_most, start, work) {
                return true;
            }
            if let Some((j, g)) = self.pair {
                let base = start & !self.masks[*j];
                *work += self.choices[*j].len() as u64;
                if self.choices[*j].iter().all(|&c| g.raw(base | c) > self.p) {
                    return false;
                }
            }
            self.sanctioned(at_most, self.others, start, work)
        })
    }

    /// True where one of the others alone, taking one of its improvements, turns `state`
    /// into a state where `at_most` holds.
    fn single_sanction<F: Fn(u64) -> bool>(&self, at_most: &F, state: u64, work: &mut u64) -> bool {
        self.others.iter().any(|&j| {
            let base = state & !self.masks[j];
            *work += self.choices[j].len() as u64;
            self.choices[j][1..]
                .iter()
                .any(|&pattern| at_most(base | pattern))
        })
    }

    /// True where some combination of `others` each staying or taking one of its
    /// improvements turns `state` into a state where `at_most` holds.
    fn sanctioned<F: Fn(u64) -> bool>(
        &self,
        at_most: &F,
        others: &[usize],
        state: u64,
        work: &mut u64,
    ) -> bool {
        let Some((&j, rest)) = others.split_first() else {
            // Nobody else can improve: the state is the focal decision maker's own improvement.
            *work += 1;
            return false;
        };
        let base = state & !self.masks[j];
        if rest.is_empty() {
            *work += self.choices[j].len() as u64;
            return self.choices[j]
                .iter()
                .any(|&pattern| at_most(base | pattern));
        }
        self.choices[j]
            .iter()
            .any(|&pattern| self.sanctioned(at_most, rest, base | pattern, work))
    }
}
