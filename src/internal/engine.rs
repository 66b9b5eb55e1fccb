//! The fast engine: per focal decision maker, every concept reduces to a minimum over a
//! reachable set that does not depend on the state being tested.
//!
//! With `P` the focal decision maker's payoff ranks and `H` its opponents:
//! - `best(x)`: the best payoff it reaches from x in at most one move (a max-kernel over its
//!   slice). Nash-stable iff `best(x) == P(x)`.
//! - GMR: `m(x) = min P` over x and the states opponents reach from x; a UI `t` of the focal
//!   decision maker from x is sanctioned iff `m(t) <= P(x)`. Since every non-improving target t
//!   has `m(t) <= P(t) <= P(x)`, x is GMR-stable iff the max of `m` over its one-move targets
//!   is at most `P(x)`.
//! - SMR: the same with `m` taken over `best` instead of `P`, capped by `P(t)` at the target.
//! - SEQ: the same with opponents restricted to their own unilateral improvements.
//!
//! Under `legal_sequences`, the opponents' reachable set (plus the start) is the closure under
//! any opponent's moves: consecutive moves of one decision maker compose into one move (or
//! cancel), so "nobody twice in a row" does not change the set. The closure is a fixpoint of
//! per-slice kernels. Under `distinct_movers`, a dynamic program over the set of opponents that
//! have already moved.

use crate::internal::bitset::BitSet;
use crate::internal::kernel::{improve_into, reach_into, Agg, Pass, Scratch, Visit};
use crate::internal::slices::{Slices, Sorted};
use crate::limits::{LimitError, Meter};
use crate::model::graph_model::GraphModel;

/// Slices of every decision maker, built once per analysis.
pub(crate) struct Prepared<'m> {
    pub(crate) model: &'m GraphModel,
    pub(crate) slices: Vec<Slices>,
    /// Per decision maker, its slice order sorted by its own payoff (built on first use).
    by_payoff: Vec<std::sync::OnceLock<Sorted>>,
}

impl<'m> Prepared<'m> {
    /// Builds the slices of the decision makers for which `wanted` holds, on up to `threads`
    /// threads; the others get empty placeholders.
    pub(crate) fn with_slices(
        model: &'m GraphModel,
        threads: usize,
        wanted: impl Fn(usize) -> bool + Sync,
    ) -> Self {
        let dms = model.dms.len();
        let build = |d: usize| {
            if wanted(d) {
                Slices::new(model, d)
            } else {
                Slices::unbuilt(model, d)
            }
        };
        let slices = if threads <= 1 || dms <= 1 {
            (0..dms).map(build).collect()
        } else {
            let next = std::sync::atomic::AtomicUsize::new(0);
            let built: std::sync::Mutex<Vec<Option<Slices>>> =
                std::sync::Mutex::new((0..dms).map(|_| None).collect());
            std::thread::scope(|scope| {
                for _ in 0..threads.min(dms) {
                    scope.spawn(|| loop {
                        let d = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if d >= dms {
                            break;
                        }
                        let s = build(d);
                        if let Ok(mut b) = built.lock() {
                            b[d] = Some(s);
                        }
                    });
                }
            });
            built
                .into_inner()
                .unwrap_or_default()
                .into_iter()
                .enumerate()
                .map(|(d, s)| s.unwrap_or_else(|| build(d)))
                .collect()
        };
        Prepared {
            model,
            slices,
            by_payoff: (0..model.dms.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
        }
    }

    /// Decision maker `j`'s slice order with each slice sorted by its payoff, highest first.
    pub(crate) fn sorted(&self, j: usize) -> &Sorted {
        self.by_payoff[j].get_or_init(|| {
            self.slices[j].sorted_by_payoff(&self.model.feasible, self.model.payoffs_of(j))
        })
    }
}

/// The concepts computed per focal decision maker (SIM has its own module, `sim`). The
/// public layer (`stability`) maps its `Concept` onto these; the machinery depends on nothing
/// above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Focal {
    /// No unilateral improvement.
    Nash,
    /// Every improvement can be sanctioned.
    Gmr,
    /// Every improvement can be sanctioned without escape.
    Smr,
    /// Every improvement can be sanctioned by improving moves.
    Seq,
}

/// How the opponents' sanctioning sequences are read (the public `Reachability`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    /// Any number of moves by opponents, nobody twice in a row.
    LegalSequences,
    /// Each opponent moves at most once, in any order.
    DistinctMovers,
}

/// Computes, for focal decision maker `i`, the stable set of each requested concept other
/// than SIM.
pub(crate) fn focal_verdicts(
    prep: &Prepared,
    i: usize,
    concepts: &[Focal],
    reach: Reading,
    meter: &Meter,
) -> Result<Vec<(Focal, BitSet)>, LimitError> {
    let model = prep.model;
    let feasible = &model.feasible;
    let n = feasible.len();
    let payoff = model.payoffs_of(i);
    let opponents: Vec<usize> = (0..model.dms.len()).filter(|&j| j != i).collect();
    let mut scratch = Scratch::default();
    let want = |c: Focal| concepts.contains(&c);
    let stable_where = |top: &[u32]| BitSet::from_fn(n, |x| top[x] <= payoff[x]);
    let focal_top = |values: &mut Vec<u32>, scratch: &mut Scratch| -> Result<(), LimitError> {
        let pass = reach_into(
            &prep.slices[i],
            feasible,
            None,
            values,
            Agg::Max,
            Visit::All,
            scratch,
        );
        meter.spend(pass.work)
    };
    let mut out = Vec::new();
    let mut best: Option<Vec<u32>> = None;
    if want(Focal::Nash) || want(Focal::Smr) {
        let mut b = payoff.to_vec();
        focal_top(&mut b, &mut scratch)?;
        if want(Focal::Nash) {
            out.push((Focal::Nash, stable_where(&b)));
        }
        best = Some(b);
    }
    if want(Focal::Gmr) {
        let mut m = closure(prep, &opponents, payoff, false, reach, meter, &mut scratch)?;
        focal_top(&mut m, &mut scratch)?;
        out.push((Focal::Gmr, stable_where(&m)));
    }
    if let (true, Some(best)) = (want(Focal::Smr), best) {
        let mut m = closure(prep, &opponents, &best, false, reach, meter, &mut scratch)?;
        for (v, &p) in m.iter_mut().zip(payoff) {
            *v = (*v).min(p);
        }
        focal_top(&mut m, &mut scratch)?;
        out.push((Focal::Smr, stable_where(&m)));
    }
    if want(Focal::Seq) {
        let mut m = closure(prep, &opponents, payoff, true, reach, meter, &mut scratch)?;
        focal_top(&mut m, &mut scratch)?;
        out.push((Focal::Seq, stable_where(&m)));
    }
    Ok(out)
}

/// `min base` over x and the states `movers` reach from x under `reach` (improving moves
/// only when `improving`).
fn closure(
    prep: &Prepared,
    movers: &[usize],
    base: &[u32],
    improving: bool,
    reach: Reading,
    meter: &Meter,
    scratch: &mut Scratch,
) -> Result<Vec<u32>, LimitError> {
    match reach {
        Reading::LegalSequences => closure_legal(prep, movers, base, improving, meter, scratch),
        Reading::DistinctMovers => closure_distinct(prep, movers, base, improving, meter, scratch),
    }
}

#[allow(clippy::too_many_arguments)]
fn step(
    prep: &Prepared,
    j: usize,
    input: Option<&[u32]>,
    acc: &mut [u32],
    improving: bool,
    visit: Visit,
    meter: &Meter,
    scratch: &mut Scratch,
) -> Result<Pass, LimitError> {
    let model = prep.model;
    let pass = if improving {
        improve_into(
            &prep.slices[j],
            prep.sorted(j),
            &model.feasible,
            model.payoffs_of(j),
            input,
            acc,
            visit,
            scratch,
        )
    } else {
        reach_into(
            &prep.slices[j],
            &model.feasible,
            input,
            acc,
            Agg::Min,
            visit,
            scratch,
        )
    };
    meter.spend(pass.work)?;
    Ok(pass)
}

fn closure_legal(
    prep: &Prepared,
    movers: &[usize],
    base: &[u32],
    improving: bool,
    meter: &Meter,
    scratch: &mut Scratch,
) -> Result<Vec<u32>, LimitError> {
    let mut m = base.to_vec();
    if movers.is_empty() {
        return Ok(m);
    }
    // A worklist over slices: a pass of mover j closes every j-slice it visits (one move of j
    // composes with another into one move), so a j-slice needs another visit only when one of
    // its states changed value since; a change in one mover's pass dirties, for every other
    // mover, the slice of that state. The first pass of each mover visits every slice; the
    // fixpoint is reached when no slice is dirty.
    step(
        prep,
        movers[0],
        None,
        &mut m,
        improving,
        Visit::All,
        meter,
        scratch,
    )?;
    if movers.len() == 1 {
        return Ok(m);
    }
    // dirty[q][s]: slice s of movers[q] must be visited; for q > 0 everything is dirty at first.
    let mut dirty: Vec<Vec<bool>> = movers
        .iter()
        .enumerate()
        .map(|(q, &j)| vec![q > 0; prep.slices[j].count()])
        .collect();
    let mut pending: Vec<usize> = dirty
        .iter()
        .map(|d| d.iter().filter(|&&b| b).count())
        .collect();
    let mut list: Vec<u32> = Vec::new();
    let mut q = 1 % movers.len();
    let mut idle = 0;
    while idle < movers.len() {
        if pending[q] == 0 {
            idle += 1;
            q = (q + 1) % movers.len();
            continue;
        }
        idle = 0;
        list.clear();
        list.extend(
            dirty[q]
                .iter()
                .enumerate()
                .filter(|(_, &d)| d)
                .map(|(s, _)| s as u32),
        );
        dirty[q].iter_mut().for_each(|d| *d = false);
        pending[q] = 0;
        let pass = step(
            prep,
            movers[q],
            None,
            &mut m,
            improving,
            Visit::Only(&list),
            meter,
            scratch,
        )?;
        for x in pass.changes() {
            for (r, &k) in movers.iter().enumerate() {
                if r == q {
                    continue;
                }
                let Some(s) = prep.slices[k].slice_of(x) else {
                    continue;
                };
                if !dirty[r][s] {
                    dirty[r][s] = true;
                    pending[r] += 1;
                }
            }
        }
        q = (q + 1) % movers.len();
    }
    Ok(m)
}

fn closure_distinct(
    prep: &Prepared,
    movers: &[usize],
    base: &[u32],
    improving: bool,
    meter: &Meter,
    scratch: &mut Scratch,
) -> Result<Vec<u32>, LimitError> {
    let r = movers.len();
    if r == 0 {
        return Ok(base.to_vec());
    }
    if r >= 32 {
        return Err(LimitError::Memory {
            needed: u64::MAX,
            limit: meter.limits().max_memory,
        });
    }
    // values[U] = min base over states reachable from x by movers outside U, each at most
    // once; computed for U from the full set down to the empty set.
    let full = (1usize << r) - 1;
    let widest = (0..=r)
        .map(|p| binomial(r, p) + binomial(r, (p + 1).min(r)))
        .max()
        .unwrap_or(1);
    meter.memory((widest as u64).saturating_mul(base.len() as u64 * 4))?;
    let mut values: Vec<Option<Vec<u32>>> = vec![None; full + 1];
    values[full] = Some(base.to_vec());
    for pc in (0..r).rev() {
        for u in 0..full {
            if u.count_ones() as usize != pc {
                continue;
            }
            let mut acc = base.to_vec();
            for (b, &j) in movers.iter().enumerate() {
                if u >> b & 1 == 1 {
                    continue;
                }
                let input = values[u | 1 << b].as_deref().unwrap_or(base);
                step(
                    prep,
                    j,
                    Some(input),
                    &mut acc,
                    improving,
                    Visit::All,
                    meter,
                    scratch,
                )?;
            }
            values[u] = Some(acc);
        }
        for (u, v) in values.iter_mut().enumerate() {
            if u.count_ones() as usize == pc + 1 {
                *v = None;
            }
        }
    }
    Ok(values[0].take().unwrap_or_else(|| base.to_vec()))
}

fn binomial(n: usize, k: usize) -> usize {
    (0..k).fold(1usize, |acc, i| acc.saturating_mul(n - i) / (i + 1))
}
