//! The stability engine: stable sets of one coalition of a partition, one per concept.

use std::collections::VecDeque;

use crate::limits::{LimitError, Meter};
use crate::model::graph_model::GraphModel;
use crate::post::reach::{reachable_min, Graph, MoveGraph, Mover};
use crate::stability::concept::{Concept, Reachability};

use super::distinct::{distinct_min, DistinctSmr, Opponents};

/// Stable sets of coalition `focal` among `coalitions` (a partition), one per concept, under
/// the reading `reading` of the sanctioning sequences.
pub(crate) fn stable_sets(
    model: &GraphModel,
    coalitions: &[Vec<usize>],
    focal: usize,
    concepts: &[Concept],
    reading: Reachability,
    meter: &Meter,
) -> Result<Vec<Vec<bool>>, LimitError> {
    let n = model.state_count();
    let members = &coalitions[focal];
    let movers: Vec<Mover> = coalitions.iter().map(|c| Mover::new(model, c)).collect();
    let own = &movers[focal];
    let pay: Vec<&[u32]> = members.iter().map(|&k| model.payoffs_of(k)).collect();
    let feasible = &model.feasible;
    let better = |to: usize, from: usize| pay.iter().all(|p| p[to] > p[from]);
    // The states where every coalition improvement t from x passes `ok(t, x)`; improvements
    // are generated on the fly and the search stops at the first failure.
    let check = |ok: &mut dyn FnMut(usize, usize) -> bool| -> Result<Vec<bool>, LimitError> {
        let mut set = Vec::with_capacity(n);
        for (x, &bits) in feasible.iter().enumerate() {
            let (blocked, work) = own.any(model, bits, |t| better(t, x) && !ok(t, x));
            meter.spend(work.max(1))?;
            set.push(!blocked);
        }
        Ok(set)
    };
    // Opponents' moves (all, or coalition improvements only).
    let others: Vec<&Mover> = movers
        .iter()
        .enumerate()
        .filter(|&(c, _)| c != focal)
        .map(|(_, m)| m)
        .collect();
    let other_pays: Vec<Vec<&[u32]>> = coalitions
        .iter()
        .enumerate()
        .filter(|&(c, _)| c != focal)
        .map(|(_, c)| c.iter().map(|&k| model.payoffs_of(k)).collect())
        .collect();
    let graph = |improving: bool| MoveGraph {
        model,
        movers: others.clone(),
        improving: improving.then(|| other_pays.clone()),
    };
    let opponents = |improving: bool| Opponents {
        model,
        movers: others.clone(),
        improving: improving.then(|| other_pays.clone()),
    };
    // Per base, its minimum over each state and what the other coalitions reach from it.
    let mins_of = |improving: bool, bases: &[&[u32]]| match reading {
        Reachability::LegalSequences => reachable_min(&graph(improving), bases, meter),
        Reachability::DistinctMovers => distinct_min(&opponents(improving), bases, meter),
    };
    let sanctioned_by_min =
        |mins: &[Vec<u32>], t: usize, x: usize| mins.iter().zip(&pay).any(|(m, p)| m[t] <= p[x]);
    let mut out = Vec::new();
    let mut nash: Option<Vec<bool>> = None;
    let mut gmr_mins: Option<Vec<Vec<u32>>> = None;
    for &concept in concepts {
        if concept == Concept::Nash || coalitions.len() == 1 {
            // Without other coalitions nothing is ever sanctioned: every concept is Nash.
            let set = match &nash {
                Some(set) => set.clone(),
                None => check(&mut |_, _| false)?,
            };
            nash = Some(set.clone());
            out.push(set);
            continue;
        }
        let set = match concept {
            Concept::Gmr | Concept::Seq => {
                let mins = mins_of(concept == Concept::Seq, &pay)?;
                let set = check(&mut |t, x| sanctioned_by_min(&mins, t, x))?;
                if concept == Concept::Gmr {
                    gmr_mins = Some(mins);
                }
                set
            }
            Concept::Smr if members.len() == 1 => {
                // v(y) = max(P(y), best P over the focal decision maker's moves from y): a
                // sanction ends at y with v(y) <= P(x).
                let p = pay[0];
                let mut v = p.to_vec();
                for (y, vy) in v.iter_mut().enumerate() {
                    let work = own.for_each(model, feasible[y], |t| *vy = (*vy).max(p[t]));
                    meter.spend(work.max(1))?;
                }
                // Under `distinct_movers` an escape must also improve on y for the decision
                // maker; with P(y) <= P(x) < P(z) it always does, so both readings use v.
                let mins = mins_of(false, &[&v])?;
                check(&mut |t, x| mins[0][t] <= p[x])?
            }
            _ => {
                // SMR for a coalition of two or more.
                let mins = match gmr_mins.take() {
                    Some(m) => m,
                    None => mins_of(false, &pay)?,
                };
                let mut search =
                    match reading {
                        Reachability::LegalSequences => Search::Legal(SmrSearch {
                            model,
                            own,
                            pay: &pay,
                            stamp: vec![0u32; n],
                            round: 0,
                            queue: VecDeque::new(),
                            graph: graph(false),
                        }),
                        Reachability::DistinctMovers => Search::Distinct(Box::new(
                            DistinctSmr::new(opponents(false), own, &pay, meter)?,
                        )),
                    };
                let mut failure = None;
                let set = check(&mut |t, x| {
                    if failure.is_some() || !sanctioned_by_min(&mins, t, x) {
                        return false;
                    }
                    let found = match &mut search {
                        Search::Legal(s) => s.sanctioned(t, x, meter),
                        Search::Distinct(s) => s.sanctioned(t, x, meter),
                    };
                    match found {
                        Ok(b) => b,
                        Err(e) => {
                            failure = Some(e);
                            false
                        }
                    }
                })?;
                if let Some(e) = failure {
                    return Err(e);
                }
                gmr_mins = Some(mins);
                set
            }
        };
        out.push(set);
    }
    Ok(out)
}

/// The SMR sanction search of a coalition of two or more, per reading.
enum Search<'a> {
    /// `legal_sequences`: escape by any coalition move to a state better than the start.
    Legal(SmrSearch<'a>),
    /// `distinct_movers`: escape by a coalition improvement to a state better than the start.
    Distinct(Box<DistinctSmr<'a>>),
}

/// Breadth-first search for an SMR sanction of a coalition improvement (`legal_sequences`).
struct SmrSearch<'a> {
    model: &'a GraphModel,
    own: &'a Mover,
    pay: &'a [&'a [u32]],
    stamp: Vec<u32>,
    round: u32,
    queue: VecDeque<u32>,
    graph: MoveGraph<'a>,
}

impl SmrSearch<'_> {
    /// Is `y` not preferred by the coalition to `x` (some member not strictly better)?
    fn not_better(&self, y: usize, x: usize) -> bool {
        self.pay.iter().any(|p| p[y] <= p[x])
    }

    /// Does some state reachable from `t` by the other coalitions sanction the improvement
    /// from `x`, with no escape for the focal coalition?
    fn sanctioned(&mut self, t: usize, x: usize, meter: &Meter) -> Result<bool, LimitError> {
        self.round = self.round.wrapping_add(1);
        if self.round == 0 {
            self.stamp.iter_mut().for_each(|s| *s = 0);
            self.round = 1;
        }
        self.queue.clear();
        self.stamp[t] = self.round;
        self.queue.push_back(t as u32);
        while let Some(y) = self.queue.pop_front() {
            let y = y as usize;
            if self.not_better(y, x) {
                let pay = self.pay;
                let (escape, work) = self.own.any(self.model, self.model.feasible[y], |z| {
                    pay.iter().all(|p| p[z] > p[x])
                });
                meter.spend(work.max(1))?;
                if !escape {
                    return Ok(true);
                }
            }
            let mut cursor = self.graph.start(y);
            let mut work = 0;
            while let Some(z) = self.graph.next(y, &mut cursor, &mut work) {
                if self.stamp[z] != self.round {
                    self.stamp[z] = self.round;
                    self.queue.push_back(z as u32);
                }
            }
            meter.spend(work.max(1))?;
        }
        Ok(false)
    }
}
