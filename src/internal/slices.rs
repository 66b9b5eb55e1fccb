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
    /// Dense state indices grouped by slice; ascending local pattern within a slice.
    pub(crate) order: Vec<u32>,
    /// Slice boundaries in `order` (`starts.len()` = slices + 1).
    pub(crate) starts: Vec<u32>,
    /// Local masks (bits 0..k) of forward, backward and reversible options.
    pub(crate) forward: u64,
    pub(crate) backward: u64,
    /// `slice_of[index]`: the slice a state belongs to.
    pub(crate) slice_of: Vec<u32>,
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
                let end = start
                    + feasible[start..].partition_point(|&x| {
                        x.checked_shr(high_shift as u32).unwrap_or(0) == high
                    });
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
        Slices {
            k,
            lo,
            order,
            starts,
            forward,
            backward,
            slice_of,
        }
    }

    /// No slices at all: a placeholder for a decision maker whose slices are not needed.
    pub(crate) fn unbuilt(model: &GraphModel, dm: usize) -> Slices {
        let d = &model.dms[dm];
        Slices {
            k: d.option_count,
            lo: d.first_option,
            order: Vec::new(),
            starts: vec![0],
            forward: 0,
            backward: 0,
            slice_of: Vec::new(),
        }
    }

    /// The slice order with each slice's members sorted by `payoff`, descending (ties by
    /// local pattern), for improvement-only kernels.
    pub(crate) fn sorted_by_payoff(&self, feasible: &[u64], payoff: &[u32]) -> Vec<u32> {
        let mut sorted = self.order.clone();
        for s in 0..self.count() {
            let (a, b) = (self.starts[s] as usize, self.starts[s + 1] as usize);
            sorted[a..b].sort_by_key(|&x| {
                (
                    std::cmp::Reverse(payoff[x as usize]),
                    self.local(feasible[x as usize]),
                )
            });
        }
        sorted
    }

    /// Number of slices.
    pub(crate) fn count(&self) -> usize {
        self.starts.len() - 1
    }

    /// Dense indices of slice `s`.
    pub(crate) fn members(&self, s: usize) -> &[u32] {
        &self.order[self.starts[s] as usize..self.starts[s + 1] as usize]
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
