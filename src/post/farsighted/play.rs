//! The value of farsighted play (see the [module documentation](super)).

use std::cell::OnceCell;
use std::rc::Rc;

use super::graph::MoveGraph;
use super::FarsightedOptions;

const EPS: f64 = 1e-9;

/// A probability distribution over final states: `(dense index, probability)`, by index.
pub(crate) type Dist = Vec<(u32, f64)>;

/// Moves tied for best, each with its value.
type Picks = Vec<(u32, Rc<Node>)>;

/// A wanted move (one party's tied best moves, or one settlement) and its values.
type Entry = (Mover, Picks);

/// Joint moves `(target, movers)` from one state.
type Settlements = Rc<[(u32, u64)]>;

/// Who moves in a choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mover {
    /// One party.
    Party(usize),
    /// Several parties at once (bit mask).
    Joint(u64),
}

/// One move taken at a node, with its share of the node's value and the value it leads to.
#[derive(Debug, Clone)]
pub(crate) struct Choice {
    pub(crate) mover: Mover,
    pub(crate) to: u32,
    /// The move's share of the node's value.
    weight: f64,
    /// The value after the move.
    pub(crate) child: Rc<Node>,
}

/// A memoised node: its value and the moves that make it (none: everybody stays).
///
/// Every party's rating of the value is kept (`ratings`): a rating is an expected rank, so a
/// mixture's rating is the mixture of its parts' ratings, and the play compares ratings only.
/// The distribution over final states is built on demand ([`Node::dist`]), for the nodes the
/// evolution and the explanations visit.
#[derive(Debug)]
pub(crate) struct Node {
    /// The state the node is at.
    state: u32,
    /// Each party's expected rank of the value.
    ratings: Box<[f64]>,
    pub(crate) choices: Vec<Choice>,
    dist: OnceCell<Dist>,
}

impl Node {
    /// The value: final states and their probabilities, by index.
    pub(crate) fn dist(&self) -> &Dist {
        self.dist.get_or_init(|| {
            if self.choices.is_empty() {
                return vec![(self.state, 1.0)];
            }
            // Each choice's distribution, scaled by its weight, merged into the sum so far
            // (both sorted by state; each state's terms are added in the order of the choices).
            let mut dist: Dist = Vec::new();
            for c in &self.choices {
                dist = merge(&dist, c.child.dist(), c.weight);
            }
            dist
        })
    }

    /// Party `p`'s rating of the value (its expected rank).
    pub(crate) fn rating(&self, p: usize) -> f64 {
        self.ratings.get(p).copied().unwrap_or(0.0)
    }
}

/// Farsighted play over one [`MoveGraph`] with one preference profile.
pub struct Play<'a> {
    pub(crate) graph: &'a MoveGraph,
    /// `ranks[p][s]`: party `p`'s rank of state `s` (higher preferred).
    pub(crate) ranks: &'a [Vec<u32>],
    pub(crate) options: FarsightedOptions,
    memo: Vec<Option<Rc<Node>>>,
    /// `settlements[s]`: the joint moves from `s` every mover strictly prefers (computed on
    /// first use; they depend on the state and the ranks only).
    settlements: Vec<Option<Settlements>>,
    /// `stays[s]`: the value where everybody stays at `s` (shared by every node that stays).
    stays: Vec<Option<Rc<Node>>>,
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
            settlements: vec![None; graph.states],
            stays: vec![None; graph.states],
        }
    }

    fn rank(&self, p: usize, s: u32) -> f64 {
        self.ranks
            .get(p)
            .and_then(|r| r.get(s as usize))
            .copied()
            .unwrap_or(0) as f64
    }

    /// The joint moves from `s` every mover strictly prefers to `s`.
    fn settlements(&mut self, s: u32) -> Settlements {
        if let Some(Some(list)) = self.settlements.get(s as usize) {
            return list.clone();
        }
        let graph: &'a MoveGraph = self.graph;
        let n = graph.parties;
        let list: Settlements = graph.joint[s as usize]
            .iter()
            .filter(|&&(t, movers)| {
                (0..n)
                    .filter(|&p| movers >> p & 1 == 1)
                    .all(|p| self.rank(p, t) > self.rank(p, s))
            })
            .copied()
            .collect();
        if let Some(slot) = self.settlements.get_mut(s as usize) {
            *slot = Some(list.clone());
        }
        list
    }

    /// Party `p`'s rank of state `s`, as a rating.
    pub(crate) fn stay_rating(&self, p: usize, s: u32) -> f64 {
        self.rank(p, s)
    }

    /// The node where everybody stays at `s`.
    fn stay(&mut self, s: u32) -> Rc<Node> {
        if let Some(Some(node)) = self.stays.get(s as usize) {
            return node.clone();
        }
        let node = Rc::new(Node {
            state: s,
            ratings: (0..self.graph.parties).map(|p| self.rank(p, s)).collect(),
            choices: Vec::new(),
            dist: OnceCell::new(),
        });
        if let Some(slot) = self.stays.get_mut(s as usize) {
            *slot = Some(node.clone());
        }
        node
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
        // With no moves left the value is the state itself, whoever moved last.
        let last = if h == 0 { n } else { last.min(n) };
        let slot = (h * (n + 1) + last) * self.graph.states + s as usize;
        if let Some(node) = self.memo.get(slot).and_then(|x| x.clone()) {
            return node;
        }
        let node = self.compute(s, last, h);
        if let Some(x) = self.memo.get_mut(slot) {
            *x = Some(node.clone());
        }
        node
    }

    fn compute(&mut self, s: u32, last: usize, h: usize) -> Rc<Node> {
        if h == 0 {
            return self.stay(s);
        }
        let graph: &'a MoveGraph = self.graph;
        let n = graph.parties;
        // Each candidate's best moves: wanted where better than staying, otherwise kept in
        // `waiting` as (party, rating, [(to, value)]).
        let mut wanted: Vec<Entry> = Vec::new();
        let mut waiting: Vec<(usize, f64, Picks)> = Vec::new();
        for p in (0..n).filter(|&p| p != last) {
            let mut top = f64::NEG_INFINITY;
            let mut picks: Picks = Vec::new();
            for &t in &graph.moves[p][s as usize] {
                let child = self.value(t, p, h - 1);
                let r = child.rating(p);
                if r > top + EPS {
                    top = r;
                    picks.clear();
                }
                if r > top - EPS {
                    picks.push((t, child));
                }
            }
            if picks.is_empty() {
                continue;
            }
            if top > self.rank(p, s) + EPS {
                wanted.push((Mover::Party(p), picks));
            } else {
                waiting.push((p, top, picks));
            }
        }
        // Then settlements.
        if self.options.joint_moves {
            for &(t, movers) in self.settlements(s).iter() {
                let members = || (0..n).filter(move |&p| movers >> p & 1 == 1);
                let child = self.value(t, n, h - 1);
                if members().all(|p| child.rating(p) > self.rank(p, s) + EPS) {
                    wanted.push((Mover::Joint(movers), vec![(t, child)]));
                }
            }
        }
        if wanted.is_empty() {
            return self.stay(s);
        }
        let wanted = self.consensus(wanted);
        let mixed = mixture(s, n, &wanted);
        // Candidates that would rather move first than let the wanted moves happen. (A party
        // whose wanted move waits for another's, by two-sidedness, rates that other move at
        // least as high as its own: it never pre-empts.)
        let pre: Vec<Entry> = waiting
            .into_iter()
            .filter(|(p, r, _)| *r > mixed.rating(*p) + EPS)
            .map(|(p, _, picks)| (Mover::Party(p), picks))
            .collect();
        Rc::new(if pre.is_empty() {
            mixed
        } else {
            mixture(s, n, &pre)
        })
    }
}

impl Play<'_> {
    /// Two-sidedness: where several moves are wanted and some of them end where every party
    /// wanting to move rates highest, the others wait for those.
    fn consensus(&self, wanted: Vec<Entry>) -> Vec<Entry> {
        if wanted.len() < 2 {
            return wanted;
        }
        let n = self.graph.parties;
        let movers: u64 = wanted.iter().fold(0, |acc, (m, _)| {
            acc | match *m {
                Mover::Party(p) => 1 << p,
                Mover::Joint(mask) => mask,
            }
        });
        let in_movers = |p: &usize| movers >> *p & 1 == 1;
        // ends[e * n + p]: party p's rating of entry e.
        let mut ends = vec![0.0; wanted.len() * n];
        for (e, entry) in wanted.iter().enumerate() {
            entry_ratings(entry, &mut ends[e * n..(e + 1) * n]);
        }
        let top = |p: usize| {
            ends.chunks(n.max(1))
                .map(|r| r[p])
                .fold(f64::NEG_INFINITY, f64::max)
        };
        let tops: Vec<(usize, f64)> = (0..n).filter(in_movers).map(|p| (p, top(p))).collect();
        let agreed: Vec<bool> = ends
            .chunks(n.max(1))
            .map(|r| tops.iter().all(|&(p, t)| r[p] > t - EPS))
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

/// Every party's rating of one entry (its tied moves equally likely), into `out`.
fn entry_ratings((_, picks): &Entry, out: &mut [f64]) {
    let w = 1.0 / picks.len().max(1) as f64;
    for (p, r) in out.iter_mut().enumerate() {
        *r = picks.iter().map(|(_, node)| w * node.rating(p)).sum();
    }
}

/// The equal mixture at `s` of `entries` (each entry's tied moves share its weight).
fn mixture(s: u32, parties: usize, entries: &[Entry]) -> Node {
    let share = 1.0 / entries.len() as f64;
    let mut ratings = vec![0.0; parties];
    let mut choices = Vec::new();
    for (mover, picks) in entries {
        let w = share / picks.len() as f64;
        for (t, node) in picks {
            for (p, r) in ratings.iter_mut().enumerate() {
                *r += w * node.rating(p);
            }
            choices.push(Choice {
                mover: *mover,
                to: *t,
                weight: w,
                child: node.clone(),
            });
        }
    }
    Node {
        state: s,
        ratings: ratings.into_boxed_slice(),
        choices,
        dist: OnceCell::new(),
    }
}

/// `acc + w * dist`, both sorted by state.
fn merge(acc: &Dist, dist: &Dist, w: f64) -> Dist {
    let mut out = Vec::with_capacity(acc.len() + dist.len());
    let (mut i, mut j) = (0, 0);
    while i < acc.len() || j < dist.len() {
        match (acc.get(i), dist.get(j)) {
            (Some(&(a, p)), Some(&(b, q))) if a == b => {
                out.push((a, p + w * q));
                i += 1;
                j += 1;
            }
            (Some(&(a, p)), Some(&(b, _))) if a < b => {
                out.push((a, p));
                i += 1;
            }
            (Some(&(a, p)), None) => {
                out.push((a, p));
                i += 1;
            }
            (_, Some(&(b, q))) => {
                out.push((b, w * q));
                j += 1;
            }
            (None, None) => break,
        }
    }
    out
}

/// Adds `w` to state `s` of `dist`, keeping it sorted by state.
pub(crate) fn add(dist: &mut Dist, s: u32, w: f64) {
    match dist.binary_search_by_key(&s, |&(x, _)| x) {
        Ok(i) => dist[i].1 += w,
        Err(i) => dist.insert(i, (s, w)),
    }
}
