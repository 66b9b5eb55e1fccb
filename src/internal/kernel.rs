//! Per-slice kernels: the minimum (or maximum) of a value over every state a decision maker
//! can move to, for all states at once, in time linear in the slice (times the decision
//! maker's option count), never per pair of states.

use crate::internal::bitset::BitSet;
use crate::internal::slices::{Slices, Sorted};
use crate::model::graph_model::Direction;

/// Which aggregate a kernel takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Agg {
    Min,
    Max,
}

impl Agg {
    #[inline]
    fn identity(self) -> u32 {
        match self {
            Agg::Min => u32::MAX,
            Agg::Max => 0,
        }
    }

    #[inline]
    fn apply(self, a: u32, b: u32) -> u32 {
        match self {
            Agg::Min => a.min(b),
            Agg::Max => a.max(b),
        }
    }
}

/// Largest option count for which a slice is transformed densely (2^k buffer).
const DENSE_MAX_K: usize = 24;

/// Scratch buffers reused across slices and passes.
#[derive(Default)]
pub(crate) struct Scratch {
    buf: Vec<u32>,
    members: Vec<u32>,
    vals: Vec<(u32, u32, u32)>,
    quads: Vec<(u32, u32, u32, u32)>,
    table: Vec<u32>,
}

/// `acc[x] = agg(acc[x], agg over t of input[t])` for every feasible x, t ranging over the
/// states the decision maker can move to from x, and x itself. Returns the work done.
pub(crate) fn reach_into(
    sl: &Slices,
    feasible: &[u64],
    input: Option<&[u32]>,
    acc: &mut [u32],
    agg: Agg,
    visit: Visit,
    scratch: &mut Scratch,
) -> Pass {
    let k = sl.k;
    let size = if k <= DENSE_MAX_K {
        1usize << k
    } else {
        usize::MAX
    };
    if sl.is_cube() && sl.lo >= LANE_BITS && (1..=CUBE_MAX_K).contains(&k) {
        return reach_cube(sl, input, acc, agg, visit, scratch);
    }
    let mut pass = Pass::new(visit.tracks());
    let mut members_buf = std::mem::take(&mut scratch.members);
    for s in visit.slices(sl.count()) {
        let members = sl.members(s, &mut members_buf);
        let len = members.len();
        if len == 1 {
            let x = members[0] as usize;
            if let Some(input) = input {
                pass.set(acc, x, agg.apply(acc[x], input[x]));
            }
            pass.work += 1;
            continue;
        }
        if size != usize::MAX && size.saturating_mul(k.max(1)) <= len.saturating_mul(len) * 2 {
            // Dense transform over the 2^k local patterns.
            let buf = &mut scratch.buf;
            buf.clear();
            buf.resize(size, agg.identity());
            let full = len == size;
            for (p, &x) in members.iter().enumerate() {
                let local = if full {
                    p
                } else {
                    sl.local(feasible[x as usize])
                };
                buf[local] = read(input, acc, x);
            }
            transform(buf, k, sl.forward, sl.backward, agg);
            for (p, &x) in members.iter().enumerate() {
                let local = if full {
                    p
                } else {
                    sl.local(feasible[x as usize])
                };
                let x = x as usize;
                pass.set(acc, x, agg.apply(acc[x], buf[local]));
            }
            pass.work += (size * k.max(1)) as u64;
        } else {
            // Sparse slice: pairs.
            let vals = &mut scratch.vals;
            vals.clear();
            vals.extend(members.iter().map(|&x| {
                (
                    read(input, acc, x),
                    sl.local(feasible[x as usize]) as u32,
                    x,
                )
            }));
            for &(_, lx, x) in vals.iter() {
                let mut v = agg.identity();
                for &(vt, lt, _) in vals.iter() {
                    if sl.allowed(lx as usize, lt as usize) {
                        v = agg.apply(v, vt);
                    }
                }
                let x = x as usize;
                pass.set(acc, x, agg.apply(acc[x], v));
            }
            pass.work += (len * len) as u64;
        }
    }
    scratch.members = members_buf;
    pass
}

/// Slices a cube pass handles together (log2): adjacent slices whose members are adjacent
/// states, so that every cache line read is used whole.
const LANE_BITS: usize = 4;

/// Largest option count of a decision maker for the batched cube pass (a buffer of
/// 2^k x 16 entries).
const CUBE_MAX_K: usize = 10;

/// `reach_into` for a hypercube layout, 16 adjacent slices at a time: slice s + lane's member
/// with local pattern l is the state `base(s) + lane + (l << lo)`, so a batch reads and writes
/// whole runs of 16 consecutive entries. A batch with at least `MIN_BATCH` slices to visit is
/// visited whole (a slice visited without need changes nothing: its states are closed
/// already); the slices of sparser batches are visited one by one.
fn reach_cube(
    sl: &Slices,
    input: Option<&[u32]>,
    acc: &mut [u32],
    agg: Agg,
    visit: Visit,
    scratch: &mut Scratch,
) -> Pass {
    const MIN_BATCH: usize = 4;
    let (k, lo) = (sl.k, sl.lo);
    let lanes = 1usize << LANE_BITS;
    let size = 1usize << k;
    let mut pass = Pass::new(visit.tracks());
    let buf = &mut scratch.buf;
    let mut slices = visit.slices(sl.count()).peekable();
    let mut group = [0usize; 1 << LANE_BITS];
    while let Some(first) = slices.next() {
        let batch = first >> LANE_BITS;
        group[0] = first;
        let mut g = 1;
        while let Some(&s) = slices.peek() {
            if s >> LANE_BITS != batch || g == lanes {
                break;
            }
            group[g] = s;
            g += 1;
            slices.next();
        }
        if g < MIN_BATCH || (visit.tracks() && g < lanes) {
            for &s in &group[..g] {
                let base = sl.base(s) as usize;
                buf.clear();
                buf.extend((0..size).map(|l| read(input, acc, (base + (l << lo)) as u32)));
                transform(buf, k, sl.forward, sl.backward, agg);
                for (l, &v) in buf.iter().enumerate() {
                    let x = base + (l << lo);
                    pass.set(acc, x, agg.apply(acc[x], v));
                }
                pass.work += (size * k) as u64;
            }
            continue;
        }
        let base = sl.base(batch << LANE_BITS) as usize;
        buf.clear();
        buf.resize(size * lanes, agg.identity());
        for l in 0..size {
            let row = base + (l << lo);
            let out = &mut buf[l * lanes..(l + 1) * lanes];
            match input {
                Some(i) => out.copy_from_slice(&i[row..row + lanes]),
                None => out.copy_from_slice(&acc[row..row + lanes]),
            }
        }
        transform_at(buf, k, LANE_BITS, sl.forward, sl.backward, agg);
        for l in 0..size {
            let row = base + (l << lo);
            for (lane, &v) in buf[l * lanes..(l + 1) * lanes].iter().enumerate() {
                let x = row + lane;
                pass.set(acc, x, agg.apply(acc[x], v));
            }
        }
        pass.work += (size * k * lanes) as u64;
    }
    pass
}

/// What one kernel pass did.
#[derive(Debug, Default, Clone)]
pub(crate) struct Pass {
    /// Work units spent.
    pub(crate) work: u64,
    /// True where some entry of the accumulator changed.
    pub(crate) changed: bool,
    /// With `track`, the first entries that changed (at most about 1/32 of them, as many
    /// bytes as a bit set over all entries)...
    log: Vec<u32>,
    /// ...and the rest, as a bit set.
    spill: Option<BitSet>,
    track: bool,
}

impl Pass {
    fn new(track: bool) -> Pass {
        Pass {
            track,
            ..Pass::default()
        }
    }

    #[inline]
    fn set(&mut self, acc: &mut [u32], x: usize, v: u32) {
        if acc[x] != v {
            acc[x] = v;
            self.changed = true;
            if self.track {
                if self.log.len() < acc.len() / 32 + 64 {
                    self.log.push(x as u32);
                } else {
                    self.spill
                        .get_or_insert_with(|| BitSet::new(acc.len()))
                        .insert(x);
                }
            }
        }
    }

    /// With `track`, the entries that changed (each at least once).
    pub(crate) fn changes(&self) -> impl Iterator<Item = usize> + '_ {
        let spilled = self.spill.iter().flat_map(|b| b.iter());
        self.log.iter().map(|&x| x as usize).chain(spilled)
    }
}

/// The slices a pass visits: all of them, or a given list.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Visit<'a> {
    /// Every slice, with no change log.
    All,
    /// These slices only, logging the entries that change.
    Only(&'a [u32]),
}

impl Visit<'_> {
    fn slices(&self, count: usize) -> impl Iterator<Item = usize> + '_ {
        let (all, only) = match self {
            Visit::All => (count, &[][..]),
            Visit::Only(list) => (0, *list),
        };
        (0..all).chain(only.iter().map(|&s| s as usize))
    }

    fn tracks(&self) -> bool {
        matches!(self, Visit::Only(_))
    }
}

/// Reads entry `x` of the input, or of the accumulator itself for in-place passes (every
/// read of a slice happens before its writes).
#[inline]
fn read(input: Option<&[u32]>, acc: &[u32], x: u32) -> u32 {
    match input {
        Some(i) => i[x as usize],
        None => acc[x as usize],
    }
}

/// Aggregates `buf` (indexed by local pattern) so that each entry holds the aggregate over
/// every pattern reachable from it: reversible bits free, forward bits only 0 -> 1, backward
/// bits only 1 -> 0.
fn transform(buf: &mut [u32], k: usize, forward: u64, backward: u64, agg: Agg) {
    transform_at(buf, k, 0, forward, backward, agg);
}

/// `transform` over buffer index bits `shift..shift + k` (the lower bits are lanes).
fn transform_at(buf: &mut [u32], k: usize, shift: usize, forward: u64, backward: u64, agg: Agg) {
    for b in 0..k {
        let direction = if forward >> b & 1 == 1 {
            Some(Direction::Forward)
        } else if backward >> b & 1 == 1 {
            Some(Direction::Backward)
        } else {
            None
        };
        along_bit(buf, b + shift, direction, agg);
    }
}

/// Aggregates `buf` along bit `b` of its index, where an option at that bit may move:
/// `forward` (N -> Y only) pulls the Y entry into the N entry, `backward` (Y -> N only) the
/// N entry into the Y entry, a reversible option merges both.
pub(crate) fn along_bit(buf: &mut [u32], b: usize, direction: Option<Direction>, agg: Agg) {
    let bit = 1usize << b;
    let mut base = 0;
    while base < buf.len() {
        for p in base..base + bit {
            let (lo, hi) = (buf[p], buf[p | bit]);
            match direction {
                Some(Direction::Forward) => buf[p] = agg.apply(lo, hi),
                Some(Direction::Backward) => buf[p | bit] = agg.apply(lo, hi),
                None => {
                    let v = agg.apply(lo, hi);
                    buf[p] = v;
                    buf[p | bit] = v;
                }
            }
        }
        base += bit << 1;
    }
}

/// `acc[x] = min(acc[x], min over t of input[t])`, t ranging over the unilateral
/// improvements of the decision maker from x (its moves to states with a strictly higher
/// `payoff`). Returns the work done.
#[allow(clippy::too_many_arguments)] // the kernel's inputs, each used in the hot loop
pub(crate) fn improve_into(
    sl: &Slices,
    sorted: &Sorted,
    feasible: &[u64],
    payoff: &[u32],
    input: Option<&[u32]>,
    acc: &mut [u32],
    visit: Visit,
    scratch: &mut Scratch,
) -> Pass {
    let irr = sl.forward | sl.backward;
    let r = irr.count_ones() as usize;
    let mut pass = Pass::new(visit.tracks());
    for s in visit.slices(sl.count()) {
        let span = sl.span(s);
        let len = span.len();
        if len == 1 {
            pass.work += 1;
            continue;
        }
        // (payoff, local pattern, index, input value), by payoff descending (`sorted` is).
        let vals = &mut scratch.quads;
        vals.clear();
        match sorted {
            Sorted::Index(sorted) => vals.extend(sorted[span].iter().map(|&x| {
                (
                    payoff[x as usize],
                    sl.local(feasible[x as usize]) as u32,
                    x,
                    read(input, acc, x),
                )
            })),
            Sorted::Local(sorted) => {
                let base = sl.base(s);
                vals.extend(sorted[span].iter().map(|&l| {
                    let x = base | (l as u32) << sl.lo;
                    (payoff[x as usize], l as u32, x, read(input, acc, x))
                }))
            }
        }
        pass.work += len as u64;
        if r == 0 {
            // Every pattern is reachable: a running minimum over strictly better states.
            let mut best = u32::MAX;
            let mut g = 0;
            while g < len {
                let p = vals[g].0;
                let mut e = g;
                while e < len && vals[e].0 == p {
                    let x = vals[e].2 as usize;
                    pass.set(acc, x, acc[x].min(best));
                    e += 1;
                }
                for v in &vals[g..e] {
                    best = best.min(v.3);
                }
                g = e;
            }
        } else if r <= 16 && (1usize << r) <= len * len {
            // A table over the irreversible bits, split in two halves: inserting a state
            // updates the subsets of its low half, a query scans the supersets of its high
            // half.
            let rl = r / 2;
            let rh = r - rl;
            let table = &mut scratch.table;
            table.clear();
            table.resize(1 << r, u32::MAX);
            // Flip backward bits so that every constraint reads "target bits ⊇ source bits".
            let key = |local: u32| -> usize {
                let u = (local as u64 ^ sl.backward) & irr;
                let mut out = 0usize;
                let mut m = irr;
                let mut j = 0;
                while m != 0 {
                    let b = m.trailing_zeros();
                    out |= ((u >> b & 1) as usize) << j;
                    j += 1;
                    m &= m - 1;
                }
                out
            };
            let low_mask = (1usize << rl) - 1;
            let mut g = 0;
            while g < len {
                let p = vals[g].0;
                let mut e = g;
                while e < len && vals[e].0 == p {
                    let u = key(vals[e].1);
                    let (h, l) = (u >> rl, u & low_mask);
                    let free = !h & ((1usize << rh) - 1);
                    let mut best = u32::MAX;
                    let mut sub = free;
                    loop {
                        best = best.min(table[(h | sub) << rl | l]);
                        if sub == 0 {
                            break;
                        }
                        sub = (sub - 1) & free;
                    }
                    let x = vals[e].2 as usize;
                    pass.set(acc, x, acc[x].min(best));
                    e += 1;
                }
                for v in &vals[g..e] {
                    let u = key(v.1);
                    let (h, l) = (u >> rl, u & low_mask);
                    let val = v.3;
                    let mut sub = l;
                    loop {
                        let cell = &mut table[h << rl | sub];
                        *cell = (*cell).min(val);
                        if sub == 0 {
                            break;
                        }
                        sub = (sub - 1) & l;
                    }
                }
                g = e;
            }
            pass.work += (len as u64) << (rh.max(rl) as u64);
        } else {
            for &(px, lx, x, _) in vals.iter() {
                let mut best = u32::MAX;
                for &(pt, lt, _, vt) in vals.iter() {
                    if pt <= px {
                        break;
                    }
                    if sl.allowed(lx as usize, lt as usize) {
                        best = best.min(vt);
                    }
                }
                let x = x as usize;
                pass.set(acc, x, acc[x].min(best));
            }
            pass.work += (len * len) as u64;
        }
    }
    pass
}
