//! The `distinct_movers` reading for coalitions (the GMCR+ desktop program's): in a
//! sanctioning sequence each opposing coalition moves at most once, in any order, and every
//! state along the chain counts as the sanction's end.
//!
//! Two pieces of machinery, both over dense state indices:
//! - [`distinct_min`]: per base array, the minimum over a state and every state that chains of
//!   distinct opposing coalitions reach from it; a dynamic program over the set of coalitions
//!   that have already moved (GMR, SEQ, and SMR for a single decision maker).
//! - [`DistinctSmr`]: the search for an SMR sanction of a coalition of two or more, over
//!   (state, coalitions that have moved) pairs, with GMCR+'s escape rule (an escape is a
//!   coalition *improvement from the sanction state* to a state every member prefers to the
//!   start).

use crate::limits::{LimitError, Meter};
use crate::model::graph_model::GraphModel;
use crate::post::reach::Mover;

/// Most opposing coalitions the dynamic program takes (its tables have 2^r rows).
const MAX_MOVERS: usize = 24;

fn too_many(r: usize, meter: &Meter) -> Result<(), LimitError> {
    if r > MAX_MOVERS {
        return Err(LimitError::Memory {
            needed: u64::MAX,
            limit: meter.limits().max_memory,
        });
    }
    Ok(())
}

/// The opposing coalitions: their movers and, where only improvements count, their members'
/// payoffs.
pub(super) struct Opponents<'a> {
    pub(super) model: &'a GraphModel,
    pub(super) movers: Vec<&'a Mover>,
    /// Per mover, its members' payoffs, where only coalition improvements count (SEQ).
    pub(super) improving: Option<Vec<Vec<&'a [u32]>>>,
}

impl Opponents<'_> {
    /// Calls `f` with every state mover `c` reaches from `y` in one move (one coalition
    /// improvement when improving); returns the candidates tried.
    fn for_each(&self, c: usize, y: usize, mut f: impl FnMut(usize)) -> u64 {
        let model = self.model;
        let improving = self.improving.as_ref().and_then(|p| p.get(c));
        self.movers[c].for_each(model, model.feasible[y], |z| {
            if improving.is_none_or(|pays| pays.iter().all(|p| p[z] > p[y])) {
                f(z);
            }
        })
    }
}

/// For each base array, the minimum of it over every state and each state that chains of
/// moves by distinct opposing coalitions reach from it (each coalition at most once, in any
/// order; the state itself included).
///
/// Complexity: O(2^r · r · S · 2^k) for r opposing coalitions, S states and k options per
/// coalition, times the number of bases; memory two levels of the subset lattice, at most
/// 2 · C(r, r/2) · S · bases values (checked against the memory budget). More than 24
/// opposing coalitions is a memory error.
pub(super) fn distinct_min(
    opponents: &Opponents,
    bases: &[&[u32]],
    meter: &Meter,
) -> Result<Vec<Vec<u32>>, LimitError> {
    let r = opponents.movers.len();
    let own: Vec<Vec<u32>> = bases.iter().map(|b| b.to_vec()).collect();
    if r == 0 {
        return Ok(own);
    }
    too_many(r, meter)?;
    let n = opponents.model.state_count();
    let full = (1usize << r) - 1;
    let widest = (0..=r)
        .map(|p| binomial(r, p).saturating_add(binomial(r, (p + 1).min(r))))
        .max()
        .unwrap_or(1);
    meter.memory(
        (widest as u64)
            .saturating_mul(n as u64)
            .saturating_mul(4 * bases.len().max(1) as u64),
    )?;
    // values[u]: the minima over chains from each state by the coalitions outside u; rows
    // of a level are dropped once the level below is done.
    let mut values: Vec<Option<Vec<Vec<u32>>>> = vec![None; full + 1];
    values[full] = Some(own.clone());
    for level in (0..r).rev() {
        for u in 0..full {
            if u.count_ones() as usize != level {
                continue;
            }
            let mut acc = own.clone();
            for c in 0..r {
                if u >> c & 1 == 1 {
                    continue;
                }
                let Some(next) = values[u | 1 << c].as_ref() else {
                    continue;
                };
                let mut work = 0u64;
                for y in 0..n {
                    work += opponents.for_each(c, y, |z| {
                        for (a, v) in acc.iter_mut().zip(next) {
                            a[y] = a[y].min(v[z]);
                        }
                    });
                    if work >= 1 << 12 {
                        meter.spend(work)?;
                        work = 0;
                    }
                }
                meter.spend(work.max(1))?;
            }
            values[u] = Some(acc);
        }
        for (u, v) in values.iter_mut().enumerate() {
            if u.count_ones() as usize == level + 1 {
                *v = None;
            }
        }
    }
    Ok(values[0].take().unwrap_or(own))
}

fn binomial(n: usize, k: usize) -> usize {
    (0..k).fold(1usize, |acc, i| acc.saturating_mul(n - i) / (i + 1))
}

/// Search for an SMR sanction of a focal coalition of two or more members under
/// `distinct_movers`: from the improvement, over (state, opposing coalitions that have moved)
/// pairs, for a state that not every member prefers to the start and from which the focal
/// coalition has no escape (a coalition improvement from that state to a state every member
/// prefers to the start).
pub(super) struct DistinctSmr<'a> {
    pub(super) opponents: Opponents<'a>,
    /// The focal coalition's mover.
    pub(super) own: &'a Mover,
    /// The focal coalition's members' payoffs.
    pub(super) pay: &'a [&'a [u32]],
    /// `stamp[u * S + y]`: the round in which (y, u) was queued.
    stamp: Vec<u32>,
    round: u32,
    stack: Vec<(u32, u32)>,
}

impl<'a> DistinctSmr<'a> {
    /// A search with its visit table (S · 2^r stamps, checked against the memory budget).
    ///
    /// Complexity: O(S · 2^r) memory for S states and r opposing coalitions.
    pub(super) fn new(
        opponents: Opponents<'a>,
        own: &'a Mover,
        pay: &'a [&'a [u32]],
        meter: &Meter,
    ) -> Result<Self, LimitError> {
        let r = opponents.movers.len();
        too_many(r, meter)?;
        let cells = (opponents.model.state_count() as u64).saturating_mul(1u64 << r);
        meter.memory(cells.saturating_mul(4))?;
        let cells = usize::try_from(cells).map_err(|_| LimitError::Memory {
            needed: u64::MAX,
            limit: meter.limits().max_memory,
        })?;
        Ok(DistinctSmr {
            opponents,
            own,
            pay,
            stamp: vec![0; cells],
            round: 0,
            stack: Vec::new(),
        })
    }

    /// Does some chain of distinct opposing coalitions from `t` reach a state that sanctions
    /// the focal coalition's improvement from `x` to `t`, with no escape?
    ///
    /// Complexity: O(S · 2^r · (r · 2^k + 2^k_H)) per call in the worst case, metered.
    pub(super) fn sanctioned(
        &mut self,
        t: usize,
        x: usize,
        meter: &Meter,
    ) -> Result<bool, LimitError> {
        let n = self.opponents.model.state_count();
        let r = self.opponents.movers.len();
        self.round = self.round.wrapping_add(1);
        if self.round == 0 {
            self.stamp.iter_mut().for_each(|s| *s = 0);
            self.round = 1;
        }
        self.stack.clear();
        self.stamp[t] = self.round;
        self.stack.push((t as u32, 0));
        let model = self.opponents.model;
        let pay = self.pay;
        while let Some((y, used)) = self.stack.pop() {
            let (y, used) = (y as usize, used as usize);
            if pay.iter().any(|p| p[y] <= p[x]) {
                let (escape, work) = self.own.any(model, model.feasible[y], |z| {
                    pay.iter().all(|p| p[z] > p[x] && p[z] > p[y])
                });
                meter.spend(work.max(1))?;
                if !escape {
                    return Ok(true);
                }
            }
            for c in 0..r {
                if used >> c & 1 == 1 {
                    continue;
                }
                let next = used | 1 << c;
                let (stamp, stack, round) = (&mut self.stamp, &mut self.stack, self.round);
                let work = self.opponents.for_each(c, y, |z| {
                    let cell = next * n + z;
                    if stamp[cell] != round {
                        stamp[cell] = round;
                        stack.push((z as u32, next as u32));
                    }
                });
                meter.spend(work.max(1))?;
            }
        }
        Ok(false)
    }
}
