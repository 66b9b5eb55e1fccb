//! The value of farsighted play (see the [module documentation](super)).

use std::rc::Rc;

use super::graph::MoveGraph;
use super::FarsightedOptions;

const EPS: f64 = 1e-9;

/// A probability distribution over final states: `(dense index, probability)`, by index.
pub(crate) type Dist = Vec<(u32, f64)>;

/// Moves tied for best, each with its value.
type Picks = Vec<(u32, Dist)>;

/// Who moves in a choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mover {
    /// One party.
    Party(usize),
    /// Several parties at once (bit mask).
    Joint(u64),
}

/// One move taken at a node, with its share of the node's value.
#[derive(Debug, Clone)]
pub(crate) struct Choice {
    pub(crate) mover: Mover,
    pub(crate) to: u32,
}

/// A memoised node: its value and the moves that make it (none: everybody stays).
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub(crate) dist: Dist,
    pub(crate) choices: Vec<Choice>,
}

/// Farsighted play over one [`MoveGraph`] with one preference profile.
pub struct Play<'a> {
    pub(crate) graph: &'a MoveGraph,
    /// `ranks[p][s]`: party `p`'s rank of state `s` (higher preferred).
    pub(crate) ranks: &'a [Vec<u32>],
    pub(crate) options: FarsightedOptions,
    memo: Vec<Option<Rc<Node>>>,
}

impl<'a> Play<'a> {
    /// Play on `graph` with the ranks `ranks[party][state index]` (one vector per party,
    /// one rank per feasible state; higher preferred).
    pub fn new(graph: &'a MoveGraph, ranks: &'a [Vec<u32>], options: FarsightedOptions) -> Self {
        let slots = graph.states * (graph.parties + 1) * (options.horizon + 1);
        Play {
            graph,
            ranks,
            options,
            memo: vec![None; slots],
        }
    }

    fn rank(&self, p: usize, s: u32) -> f64 {
        self.ranks
            .get(p)
            .and_then(|r| r.get(s as usize))
            .copied()
            .unwrap_or(0) as f64
    }

    /// Party `p`'s rating of `dist`: the expected rank of its states.
    pub(crate) fn rate(&self, p: usize, dist: &Dist) -> f64 {
        dist.iter().map(|&(s, w)| w * self.rank(p, s)).sum()
    }

    /// True where `s` is farsighted-stable at the full horizon.
    pub fn is_stable(&mut self, s: usize) -> bool {
        self.root(s as u32).choices.is_empty()
    }

    /// The value at `s` with nobody having moved, at the full horizon.
    pub(crate) fn root(&mut self, s: u32) -> Rc<Node> {
        let (n, h) = (self.graph.parties, self.options.horizon);
        self.value(s, n, h)
    }

    /// The value at `s` where `last` moved last (`parties`: nobody) with `h` moves left.
    pub(crate) fn value(&mut self, s: u32, last: usize, h: usize) -> Rc<Node> {
        let n = self.graph.parties;
        let slot = (h * (n + 1) + last.min(n)) * self.graph.states + s as usize;
        if let Some(node) = self.memo.get(slot).and_then(|x| x.clone()) {
            return node;
        }
        let node = Rc::new(self.compute(s, last, h));
        if let Some(x) = self.memo.get_mut(slot) {
            *x = Some(node.clone());
        }
        node
    }

    fn compute(&mut self, s: u32, last: usize, h: usize) -> Node {
        let stay = Node {
            dist: vec![(s, 1.0)],
            choices: Vec::new(),
        };
        if h == 0 {
            return stay;
        }
        let n = self.graph.parties;
        // Each candidate's best moves: (party, rating, [(to, value)]).
        let mut best: Vec<(usize, f64, Picks)> = Vec::new();
        for p in (0..n).filter(|&p| p != last) {
            let targets = self.graph.moves[p][s as usize].clone();
            let mut top = f64::NEG_INFINITY;
            let mut picks: Vec<(u32, Dist)> = Vec::new();
            for t in targets {
                let child = self.value(t, p, h - 1);
                let r = self.rate(p, &child.dist);
                if r > top + EPS {
                    top = r;
                    picks.clear();
                }
                if r > top - EPS {
                    picks.push((t, child.dist.clone()));
                }
            }
            if !picks.is_empty() {
                best.push((p, top, picks));
            }
        }
        // Entries wanted: single parties, then settlements.
        let mut wanted: Vec<(Mover, Vec<(u32, Dist)>)> = Vec::new();
        for (p, r, picks) in &best {
            if *r > self.rank(*p, s) + EPS {
                wanted.push((Mover::Party(*p), picks.clone()));
            }
        }
        if self.options.joint_moves {
            let joint = self.graph.joint[s as usize].clone();
            for (t, movers) in joint {
                let members = || (0..n).filter(move |&p| movers >> p & 1 == 1);
                if !members().all(|p| self.rank(p, t) > self.rank(p, s)) {
                    continue;
                }
                let child = self.value(t, n, h - 1);
                if members().all(|p| self.rate(p, &child.dist) > self.rank(p, s) + EPS) {
                    wanted.push((Mover::Joint(movers), vec![(t, child.dist.clone())]));
                }
            }
        }
        if wanted.is_empty() {
            return stay;
        }
        let wanted = self.consensus(wanted);
        let mixed = mixture(&wanted);
        // Candidates that would rather move first than let the wanted moves happen.
        let pre: Vec<(Mover, Vec<(u32, Dist)>)> = best
            .into_iter()
            .filter(|(p, r, _)| {
                !wanted.iter().any(|(m, _)| *m == Mover::Party(*p))
                    && *r > self.rate(*p, &mixed.dist) + EPS
            })
            .map(|(p, _, picks)| (Mover::Party(p), picks))
            .collect();
        if pre.is_empty() {
            mixed
        } else {
            mixture(&pre)
        }
    }
}

impl Play<'_> {
    /// Two-sidedness: where several moves are wanted and some of them end where every party
    /// wanting to move rates highest, the others wait for those.
    fn consensus(&self, wanted: Vec<(Mover, Vec<(u32, Dist)>)>) -> Vec<(Mover, Vec<(u32, Dist)>)> {
        if wanted.len() < 2 {
            return wanted;
        }
        let mut movers: Vec<usize> = Vec::new();
        for (m, _) in &wanted {
            match *m {
                Mover::Party(p) => movers.push(p),
                Mover::Joint(mask) => {
                    movers.extend((0..self.graph.parties).filter(|&p| mask >> p & 1 == 1))
                }
            }
        }
        let ends: Vec<Dist> = wanted
            .iter()
            .map(|e| mixture(std::slice::from_ref(e)).dist)
            .collect();
        let top: Vec<f64> = movers
            .iter()
            .map(|&p| {
                ends.iter()
                    .map(|d| self.rate(p, d))
                    .fold(f64::NEG_INFINITY, f64::max)
            })
            .collect();
        let agreed: Vec<bool> = ends
            .iter()
            .map(|d| {
                movers
                    .iter()
                    .zip(&top)
                    .all(|(&p, &t)| self.rate(p, d) > t - EPS)
            })
            .collect();
        if agreed.iter().any(|&a| a) {
            wanted
                .into_iter()
                .zip(agreed)
                .filter(|(_, a)| *a)
                .map(|(e, _)| e)
                .collect()
        } else {
            wanted
        }
    }
}

/// The equal mixture of `entries` (each entry's tied moves share its weight).
fn mixture(entries: &[(Mover, Vec<(u32, Dist)>)]) -> Node {
    let share = 1.0 / entries.len() as f64;
    let mut dist: Dist = Vec::new();
    let mut choices = Vec::new();
    for (mover, picks) in entries {
        let w = share / picks.len() as f64;
        for (t, d) in picks {
            choices.push(Choice {
                mover: *mover,
                to: *t,
            });
            for &(s, q) in d {
                add(&mut dist, s, w * q);
            }
        }
    }
    Node { dist, choices }
}

/// Adds `w` to state `s` of `dist`, keeping it sorted by state.
pub(crate) fn add(dist: &mut Dist, s: u32, w: f64) {
    match dist.binary_search_by_key(&s, |&(x, _)| x) {
        Ok(i) => dist[i].1 += w,
        Err(i) => dist.insert(i, (s, w)),
    }
}
