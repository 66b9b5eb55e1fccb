//! SIM's lookup tables over the whole hypercube: every decision maker's payoffs and the bounds
//! that rule sanctions out, each in the narrowest integer type that holds its ranks. Indexed
//! by state (not by dense index), so no translation table is needed; infeasible states hold
//! the type's maximum.

use crate::model::graph_model::{Direction, GraphModel};

/// Largest option count for which the tables are built (2^26 entries per column).
const MAX_OPTIONS: usize = 26;

/// A column of payoff ranks over the hypercube; the type's maximum marks infeasible states.
pub(crate) enum Column {
    U8(Vec<u8>),
    U16(Vec<u16>),
    U32(Vec<u32>),
}

impl Column {
    /// The raw entry at state `y` (the type's maximum where infeasible). Since every rank is
    /// below the maximum, `raw(y) <= p` holds exactly where `y` is feasible with rank at most
    /// `p`.
    #[inline(always)]
    pub(crate) fn raw(&self, y: u64) -> u32 {
        match self {
            Column::U8(c) => c[y as usize] as u32,
            Column::U16(c) => c[y as usize] as u32,
            Column::U32(c) => c[y as usize],
        }
    }
}

/// The integer width of a decision maker's column.
#[derive(Clone, Copy)]
enum Width {
    W8,
    W16,
    W32,
}

impl Width {
    fn of(payoff: &[u32]) -> Width {
        let top = payoff.iter().copied().max().unwrap_or(0);
        if top < u8::MAX as u32 {
            Width::W8
        } else if top < u16::MAX as u32 {
            Width::W16
        } else {
            Width::W32
        }
    }

    fn bytes(self) -> u64 {
        match self {
            Width::W8 => 1,
            Width::W16 => 2,
            Width::W32 => 4,
        }
    }
}

/// Payoffs of each decision maker over the hypercube, and bound tables.
pub(crate) struct PayoffTable {
    pub(crate) per_dm: Vec<Column>,
    /// `floor[i][y]`: the least payoff of decision maker i over the states that agree with y
    /// on i's options and whose other options each differ from y's only in directions the
    /// option may move (infeasible states count as the maximum). Every combination SIM tries
    /// for an improvement of i lies in that set, so `floor > p` proves that no combination
    /// sanctions it, without enumerating them. Empty when over budget.
    pub(crate) floor: Vec<Column>,
    /// `pair[i] = (j, table)`: like `floor[i]`, but with opponent j's options held exact too:
    /// the minimum over j's own choices of `table` bounds the combinations more tightly.
    pub(crate) pair: Vec<(usize, Column)>,
}

impl PayoffTable {
    /// Builds the table when it takes at most `max_bytes`, on up to `threads` threads.
    pub(crate) fn build(model: &GraphModel, max_bytes: u64, threads: usize) -> Option<Self> {
        let n = model.options.len();
        if n > MAX_OPTIONS {
            return None;
        }
        let size = 1usize << n;
        let widths: Vec<Width> = model.payoffs.iter().map(|p| Width::of(p)).collect();
        let column_bytes: u64 = widths.iter().map(|w| w.bytes() * size as u64).sum();
        if column_bytes > max_bytes {
            return None;
        }
        let dms = model.dms.len();
        // The columns, then floor[i] (only i's options exact), then pair[i] (i's and its
        // largest opponent's options exact); one job per table.
        let mut jobs: Vec<(usize, Exact)> = (0..dms).map(|i| (i, Exact::All)).collect();
        let bounds = 2 * column_bytes <= max_bytes - column_bytes;
        if bounds {
            jobs.extend((0..dms).map(|i| (i, Exact::Own)));
            jobs.extend((0..dms).filter_map(|i| {
                (0..dms)
                    .filter(|&j| j != i)
                    .max_by_key(|&j| (model.dms[j].option_count, j))
                    .map(|j| (i, Exact::With(j)))
            }));
        }
        let mut tables: Vec<Option<Column>> = (0..jobs.len()).map(|_| None).collect();
        let next = std::sync::atomic::AtomicUsize::new(0);
        let done = std::sync::Mutex::new(&mut tables);
        let work = || loop {
            let t = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(&(i, exact)) = jobs.get(t) else {
                break;
            };
            let table = column(model, i, exact, size, widths[i]);
            if let Ok(mut d) = done.lock() {
                d[t] = Some(table);
            }
        };
        if threads <= 1 {
            work();
        } else {
            std::thread::scope(|scope| {
                for _ in 0..threads.min(jobs.len()) {
                    scope.spawn(work);
                }
            });
        }
        let mut per_dm = Vec::new();
        let mut floor = Vec::new();
        let mut pair = Vec::new();
        for ((_, exact), table) in jobs.into_iter().zip(tables) {
            let table = table?;
            match exact {
                Exact::All => per_dm.push(table),
                Exact::Own => floor.push(table),
                Exact::With(j) => pair.push((j, table)),
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

/// Which options a table keeps exact (the others are minimised over).
#[derive(Clone, Copy)]
enum Exact {
    /// Every option: the payoff column itself.
    All,
    /// The decision maker's own options.
    Own,
    /// Its own and decision maker j's.
    With(usize),
}

/// Decision maker `i`'s payoffs over the hypercube (the maximum where infeasible), minimised
/// along every option that `exact` does not keep, in the directions it may move.
fn column(model: &GraphModel, i: usize, exact: Exact, size: usize, width: Width) -> Column {
    let keep = |owner: usize| match exact {
        Exact::All => true,
        Exact::Own => owner == i,
        Exact::With(j) => owner == i || owner == j,
    };
    let dirs: Vec<(usize, Option<Direction>)> = model
        .options
        .iter()
        .enumerate()
        .filter(|(_, o)| !keep(o.owner))
        .map(|(k, o)| (k, o.direction))
        .collect();
    let (feasible, payoff) = (&model.feasible, &model.payoffs[i]);
    match width {
        Width::W8 => Column::U8(bound(feasible, payoff, size, &dirs, u8::MAX, |v| v as u8)),
        Width::W16 => Column::U16(bound(feasible, payoff, size, &dirs, u16::MAX, |v| v as u16)),
        Width::W32 => Column::U32(bound(feasible, payoff, size, &dirs, u32::MAX, |v| v)),
    }
}

fn bound<T: Copy + Ord>(
    feasible: &[u64],
    payoff: &[u32],
    size: usize,
    dirs: &[(usize, Option<Direction>)],
    none: T,
    f: impl Fn(u32) -> T,
) -> Vec<T> {
    let mut out = vec![none; size];
    for (&x, &v) in feasible.iter().zip(payoff) {
        if let Some(o) = out.get_mut(x as usize) {
            *o = f(v);
        }
    }
    for &(b, direction) in dirs {
        min_along_bit(&mut out, b, direction);
    }
    out
}

/// `buf[y] = min(buf[y], buf[y ^ bit])` where option `b` may move from y to `y ^ bit`.
fn min_along_bit<T: Copy + Ord>(buf: &mut [T], b: usize, direction: Option<Direction>) {
    match direction {
        Some(Direction::Forward) => along::<T, true, false>(buf, b),
        Some(Direction::Backward) => along::<T, false, true>(buf, b),
        None => along::<T, true, true>(buf, b),
    }
}

/// One pass along bit `b`, writing the minimum to the state without the bit (`LO`) and the
/// state with it (`HI`). The lowest bits get a pass of their own with the run length fixed,
/// so that every pass compiles to straight-line vector code.
fn along<T: Copy + Ord, const LO: bool, const HI: bool>(buf: &mut [T], b: usize) {
    match b {
        0 => runs::<T, LO, HI>(buf, 1),
        1 => runs::<T, LO, HI>(buf, 2),
        2 => runs::<T, LO, HI>(buf, 4),
        3 => runs::<T, LO, HI>(buf, 8),
        4 => runs::<T, LO, HI>(buf, 16),
        5 => runs::<T, LO, HI>(buf, 32),
        _ => runs::<T, LO, HI>(buf, 1 << b),
    }
}

/// The pass over runs of `bit` states without the bit, each followed by its partners.
#[inline(always)]
fn runs<T: Copy + Ord, const LO: bool, const HI: bool>(buf: &mut [T], bit: usize) {
    for chunk in buf.chunks_exact_mut(2 * bit) {
        let (lo, hi) = chunk.split_at_mut(bit);
        for (l, h) in lo.iter_mut().zip(hi.iter_mut()) {
            let v = (*l).min(*h);
            if LO {
                *l = v;
            }
            if HI {
                *h = v;
            }
        }
    }
}
