//! The slices of one decision maker: groups of feasible states that agree on every option
//! the decision maker does not control. A decision maker's moves from a state stay in the
//! state's slice, so every per-move minimum is computed slice by slice.

use crate::model::graph_model::{Direction, GraphModel};

/// The slices of one decision maker.
pub(crate) struct Slices {
    /// Number of options of the decision maker.
    pub(crate) k: usize,
    /// Position of its first option.
    pub(crate) lo: usize,
    /// Local masks (bits 0..k) of forward, backward and reversible options.
    pub(crate) forward: u64,
    pub(crate) backward: u64,
    layout: Layout,
}

/// Where the members of each slice are.
enum Layout {
    /// Every state feasible, so the dense index is the state: slice s holds the states whose
    /// options above the decision maker's are `s >> lo` and below are `s & (2^lo - 1)`, in
    /// ascending local pattern; it takes positions `s * 2^k ..` of the slice order. No tables.
    Cube { count: usize },
    /// Listed: the dense indices grouped by slice, with boundaries and each state's slice.
    Listed {
        /// Dense state indices grouped by slice; ascending local pattern within a slice.
        order: Vec<u32>,
        /// Slice boundaries in `order` (`starts.len()` = slices + 1).
        starts: Vec<u32>,
        /// `slice_of[index]`: the slice a state belongs to.
        slice_of: Vec<u32>,
    },
}

/// A decision maker's slice order with each slice sorted by its payoff, highest first.
pub(crate) enum Sorted {
    /// Dense indices.
    Index(Vec<u32>),
    /// Local patterns (the members of a cube slice are its base with the pattern set).
    Local(Vec<u8>),
}

/// True where every state of the model's hypercube is feasible and indices fit in 32 bits:
/// slices then need no tables.
fn is_cube(model: &GraphModel) -> bool {
    let n = model.options.len();
    n < 32 && model.feasible.len() as u64 == 1u64 << n
}

impl Slices {
    pub(crate) fn new(model: &GraphModel, dm: usize) -> Slices {
        let d = &model.dms[dm];
        let (lo, k) = (d.first_option, d.option_count);
        let mut forward = 0;
        let mut backward = 0;
        for (b, opt) in model.options[d.options()].iter().enumerate() {
            match opt.direction {
                Some(Direction::Forward) => forward |= 1 << b,
                Some(Direction::Backward) => backward |= 1 << b,
                None => {}
            }
        }
        let layout = if is_cube(model) {
            Layout::Cube {
                count: model.feasible.len() >> k,
            }
        } else {
            listed(model, dm)
        };
        Slices {
            k,
            lo,
            forward,
            backward,
            layout,
        }
    }
}

/// The listed layout of decision maker `dm`'s slices.
fn listed(model: &GraphModel, dm: usize) -> Layout {
    let d = &model.dms[dm];
    let (lo, k) = (d.first_option, d.option_count);
    let feasible = &model.feasible;
    let n = feasible.len();
    let mut order: Vec<u32> = (0..n as u32).collect();
    let mut starts = Vec::new();
    if k == 0 {
        starts.extend(0..=n as u32);
    } else {
        let mask = d.mask();
        let high_shift = lo + k;
        // Feasible states are sorted by (high, local, low); within each block of equal
        // high bits, a stable sort by the low bits groups the slices.
        let mut start = 0;
        while start < n {
            let high = feasible[start].checked_shr(high_shift as u32).unwrap_or(0);
            // A block holds at most 2^(lo + k) states: search only those.
            let most = 1usize.checked_shl(high_shift as u32).unwrap_or(usize::MAX);
            let window = &feasible[start..start.saturating_add(most).min(n)];
            let end = start
                + window
                    .partition_point(|&x| x.checked_shr(high_shift as u32).unwrap_or(0) == high);
            let low_mask = (1u64 << lo) - 1;
            if lo > 0 {
                if (end - start) as u64 == 1u64 << (lo + k) {
                    // A complete block: the slices are its columns.
                    let mut p = start;
                    for low in 0..1usize << lo {
                        for local in 0..1usize << k {
                            order[p] = (start + (local << lo | low)) as u32;
                            p += 1;
                        }
                    }
                } else {
                    order[start..end].sort_by_key(|&i| feasible[i as usize] & low_mask);
                }
            }
            let mut s = start;
            while s < end {
                starts.push(s as u32);
                let key = feasible[order[s] as usize] & !mask;
                let mut e = s + 1;
                while e < end && feasible[order[e] as usize] & !mask == key {
                    e += 1;
                }
                s = e;
            }
            start = end;
        }
        starts.push(n as u32);
    }
    let mut slice_of = vec![0u32; n];
    for s in 0..starts.len().saturating_sub(1) {
        for &x in &order[starts[s] as usize..starts[s + 1] as usize] {
            slice_of[x as usize] = s as u32;
        }
    }
    Layout::Listed {
        order,
        starts,
        slice_of,
    }
}

impl Slices {
    /// No slices at all: a placeholder for a decision maker whose slices are not needed.
    pub(crate) fn unbuilt(model: &GraphModel, dm: usize) -> Slices {
        let d = &model.dms[dm];
        Slices {
            k: d.option_count,
            lo: d.first_option,
            forward: 0,
            backward: 0,
            layout: Layout::Listed {
                order: Vec::new(),
                starts: vec![0],
                slice_of: Vec::new(),
            },
        }
    }

    /// The slice order with each slice's members sorted by `payoff`, descending (ties by
    /// local pattern), for improvement-only kernels.
    pub(crate) fn sorted_by_payoff(&self, feasible: &[u64], payoff: &[u32]) -> Sorted {
        match &self.layout {
            Layout::Cube { count } if self.k <= 8 => {
                let size = 1usize << self.k;
                let mut sorted = vec![0u8; count << self.k];
                // (complemented payoff, local pattern): ascending is payoff descending, ties
                // by local pattern; each payoff read once per slice.
                let mut keys: Vec<(u32, u8)> = Vec::with_capacity(size);
                for s in 0..*count {
                    let base = self.base(s);
                    keys.clear();
                    keys.extend((0..size as u32).map(|l| {
                        let x = base | l << self.lo;
                        (!payoff[x as usize], l as u8)
                    }));
                    keys.sort_unstable();
                    let part = &mut sorted[s << self.k..(s + 1) << self.k];
                    for (p, &(_, l)) in part.iter_mut().zip(&keys) {
                        *p = l;
                    }
                }
                Sorted::Local(sorted)
            }
            _ => {
                let mut sorted = Vec::with_capacity(feasible.len());
                let mut buf = Vec::new();
                for s in 0..self.count() {
                    let start = sorted.len();
                    sorted.extend_from_slice(self.members(s, &mut buf));
                    sorted[start..].sort_by_key(|&x| {
                        (
                            std::cmp::Reverse(payoff[x as usize]),
                            self.local(feasible[x as usize]),
                        )
                    });
                }
                Sorted::Index(sorted)
            }
        }
    }

    /// True where the layout is the whole hypercube (no tables; see `base`).
    pub(crate) fn is_cube(&self) -> bool {
        matches!(self.layout, Layout::Cube { .. })
    }

    /// Number of slices.
    pub(crate) fn count(&self) -> usize {
        match &self.layout {
            Layout::Cube { count } => *count,
            Layout::Listed { starts, .. } => starts.len().saturating_sub(1),
        }
    }

    /// Positions of slice `s` in the slice order.
    pub(crate) fn span(&self, s: usize) -> std::ops::Range<usize> {
        match &self.layout {
            Layout::Cube { .. } => s << self.k..(s + 1) << self.k,
            Layout::Listed { starts, .. } => starts[s] as usize..starts[s + 1] as usize,
        }
    }

    /// The dense index of a cube slice's member with local pattern 0.
    #[inline]
    pub(crate) fn base(&self, s: usize) -> u32 {
        let low = s & ((1usize << self.lo) - 1);
        ((s >> self.lo) << (self.lo + self.k) | low) as u32
    }

    /// Dense indices of slice `s`, ascending local pattern (`buf` holds them when they are
    /// not stored).
    pub(crate) fn members<'a>(&'a self, s: usize, buf: &'a mut Vec<u32>) -> &'a [u32] {
        match &self.layout {
            Layout::Cube { .. } => {
                let base = self.base(s);
                buf.clear();
                buf.extend((0..1u32 << self.k).map(|l| base | l << self.lo));
                buf
            }
            Layout::Listed { order, starts, .. } => {
                &order[starts[s] as usize..starts[s + 1] as usize]
            }
        }
    }

    /// The slice of the state at dense index `x` (`None` for placeholders).
    #[inline]
    pub(crate) fn slice_of(&self, x: usize) -> Option<usize> {
        match &self.layout {
            Layout::Cube { .. } => {
                let low = x & ((1usize << self.lo) - 1);
                Some((x >> (self.lo + self.k)) << self.lo | low)
            }
            Layout::Listed { slice_of, .. } => slice_of.get(x).map(|&s| s as usize),
        }
    }

    /// The local pattern (the decision maker's own options) of a state.
    pub(crate) fn local(&self, state: u64) -> usize {
        ((state >> self.lo) & ((1u64 << self.k) - 1)) as usize
    }

    /// True where a move from local pattern `from` to `to` respects irreversibility
    /// (`from == to` allowed).
    pub(crate) fn allowed(&self, from: usize, to: usize) -> bool {
        let (from, to) = (from as u64, to as u64);
        from & !to & self.forward == 0 && to & !from & self.backward == 0
    }
}
