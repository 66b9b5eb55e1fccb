//! The value of farsighted play (see the [module documentation](super)).
//!
//! Nodes live in arenas owned by the [`Play`]: records, moves and ratings in flat vectors,
//! addressed by index. The candidate moves weighed at a node sit on two scratch stacks shared
//! by the recursion (each node's computation leaves them as it found them), so computing a
//! node allocates nothing beyond the arenas' growth.

mod choose;

use super::graph::MoveGraph;
use super::FarsightedOptions;

const EPS: f64 = 1e-9;

/// No node yet (memo slots).
const NONE: NodeId = NodeId::MAX;

/// A probability distribution over final states: `(dense index, probability)`, by index.
pub(crate) type Dist = Vec<(u32, f64)>;

/// A node of the play: an index into its arenas.
pub(crate) type NodeId = u32;

/// Who moves in a choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mover {
    /// One party.
    Party(usize),
    /// Several parties at once (bit mask).
    Joint(u64),
}

/// One move taken at a node, with its share of the node's value and the value it leads to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Choice {
    pub(crate) mover: Mover,
    pub(crate) to: u32,
    /// The move's share of the node's value.
    weight: f64,
    /// The value after the move.
    pub(crate) child: NodeId,
}

/// A node: its state, where its ratings and choices start in the arenas, and how many
/// choices it has (none: everybody stays).
///
/// Every party's rating of the value is kept (node `id`'s ratings at `ratings[id * parties..]`):
/// a rating is an expected rank, so a mixture's
/// rating is the mixture of its parts' ratings, and the play compares ratings only. The
/// distribution over final states is built on demand ([`Play::finals`]).
#[derive(Debug, Clone, Copy)]
struct Record {
    state: u32,
    choices: u32,
    count: u32,
}

/// A group of candidate moves on the scratch stack: one party's tied best moves, or one
/// settlement.
#[derive(Debug, Clone, Copy)]
struct Group {
    mover: Mover,
    /// The party's rating of its best moves (single parties).
    top: f64,
    /// The group's moves: `picks[start..end]`.
    start: u32,
    end: u32,
    /// True where the movers want to move (better than staying).
    wanted: bool,
    /// True where the group is part of the node's value.
    selected: bool,
}

/// Farsighted play over one [`MoveGraph`] with one preference profile.
pub struct Play<'a> {
    pub(crate) graph: &'a MoveGraph,
    /// `rank_of[s * parties + p]`: party `p`'s rank of state `s`, as a rating.
    rank_of: Vec<f64>,
    pub(crate) options: FarsightedOptions,
    memo: Vec<NodeId>,
    /// `settlements[s]`: the joint moves from `s` every mover strictly prefers (computed on
    /// first use; they depend on the state and the ranks only).
    settlements: Vec<Option<Vec<(u32, u64)>>>,
    /// `stays[s]`: the node where everybody stays at `s`.
    stays: Vec<NodeId>,
    records: Vec<Record>,
    choices: Vec<Choice>,
    ratings: Vec<f64>,
    /// Scratch stacks: candidate moves `(target, value)` and their groups.
    picks: Vec<(u32, NodeId)>,
    groups: Vec<Group>,
    /// Scratch: ratings of a mixture, and of the wanted groups (two-sidedness).
    mix: Vec<f64>,
    ends: Vec<f64>,
    /// Scratch: weights by node ([`Play::finals`]).
    weights: Vec<f64>,
}

impl<'a> Play<'a> {
    /// Play on `graph` with the ranks `ranks[party][state index]` (one vector per party,
    /// one rank per feasible state; higher preferred).
    pub fn new(graph: &'a MoveGraph, ranks: &'a [Vec<u32>], options: FarsightedOptions) -> Self {
        let slots = graph.states * (graph.parties + 1) * (options.horizon + 1);
        // Room for the nodes a small model fills, without reserving much for a large one.
        let room = slots.min(1 << 14);
        let rank_of = (0..graph.states)
            .flat_map(|s| {
                (0..graph.parties)
                    .map(move |p| ranks.get(p).and_then(|r| r.get(s)).copied().unwrap_or(0) as f64)
            })
            .collect();
        Play {
            graph,
            rank_of,
            options,
            memo: vec![NONE; slots],
            settlements: vec![None; graph.states],
            stays: vec![NONE; graph.states],
            records: Vec::with_capacity(room),
            choices: Vec::with_capacity(2 * room),
            ratings: Vec::with_capacity(room * graph.parties),
            picks: Vec::new(),
            groups: Vec::new(),
            mix: Vec::new(),
            ends: Vec::new(),
            weights: Vec::new(),
        }
    }

    fn rank(&self, p: usize, s: u32) -> f64 {
        let at = s as usize * self.graph.parties + p;
        self.rank_of.get(at).copied().unwrap_or(0.0)
    }

    /// Party `p`'s rank of state `s`, as a rating.
    pub(crate) fn stay_rating(&self, p: usize, s: u32) -> f64 {
        self.rank(p, s)
    }

    fn record(&self, id: NodeId) -> Record {
        self.records.get(id as usize).copied().unwrap_or(Record {
            state: 0,
            choices: 0,
            count: 0,
        })
    }

    /// Party `p`'s rating of node `id`'s value (its expected rank).
    pub(crate) fn rating(&self, id: NodeId, p: usize) -> f64 {
        let at = id as usize * self.graph.parties + p;
        self.ratings.get(at).copied().unwrap_or(0.0)
    }

    /// True where nobody moves at node `id`.
    pub(crate) fn is_final(&self, id: NodeId) -> bool {
        self.record(id).count == 0
    }

    /// The moves made at node `id`.
    pub(crate) fn node_choices(&self, id: NodeId) -> &[Choice] {
        let r = self.record(id);
        let (a, b) = (r.choices as usize, (r.choices + r.count) as usize);
        self.choices.get(a..b).unwrap_or(&[])
    }

    /// Node `id`'s value: final states and their probabilities, by index. The weights of the
    /// moves are pushed down the nodes in decreasing index (a node's children are recorded
    /// before it, so this is a topological order) to the nodes where everybody stays; no
    /// distribution is kept per node. Time: the nodes below `id`, times a logarithm.
    pub(crate) fn finals(&mut self, id: NodeId) -> Dist {
        let mut weight = std::mem::take(&mut self.weights);
        weight.resize(self.records.len(), 0.0);
        let mut touched: Vec<NodeId> = vec![id];
        let mut heap = std::collections::BinaryHeap::from([id]);
        if let Some(w) = weight.get_mut(id as usize) {
            *w = 1.0;
        }
        let mut out: Dist = Vec::new();
        while let Some(x) = heap.pop() {
            let w = weight.get(x as usize).copied().unwrap_or(0.0);
            let r = self.record(x);
            if r.count == 0 {
                add(&mut out, r.state, w);
                continue;
            }
            for c in self.node_choices(x) {
                if let Some(cw) = weight.get_mut(c.child as usize) {
                    if *cw == 0.0 {
                        heap.push(c.child);
                        touched.push(c.child);
                    }
                    *cw += w * c.weight;
                }
            }
        }
        for x in touched {
            if let Some(w) = weight.get_mut(x as usize) {
                *w = 0.0;
            }
        }
        self.weights = weight;
        out
    }

    /// Ensures `settlements[s]`: the joint moves from `s` every mover strictly prefers.
    fn settle(&mut self, s: u32) {
        if self.settlements.get(s as usize).is_none_or(|x| x.is_some()) {
            return;
        }
        let graph: &'a MoveGraph = self.graph;
        let n = graph.parties;
        let list: Vec<(u32, u64)> = graph
            .joint(s as usize)
            .iter()
            .filter(|&&(t, movers)| {
                (0..n)
                    .filter(|&p| movers >> p & 1 == 1)
                    .all(|p| self.rank(p, t) > self.rank(p, s))
            })
            .copied()
            .collect();
        self.settlements[s as usize] = Some(list);
    }

    /// The `k`th settlement from `s` (after [`Play::settle`]).
    fn settlement(&self, s: u32, k: usize) -> Option<(u32, u64)> {
        self.settlements
            .get(s as usize)
            .and_then(|l| l.as_ref())
            .and_then(|l| l.get(k))
            .copied()
    }

    /// The node where everybody stays at `s`.
    fn stay(&mut self, s: u32) -> NodeId {
        if let Some(&id) = self.stays.get(s as usize) {
            if id != NONE {
                return id;
            }
        }
        let id = self.records.len() as NodeId;
        for p in 0..self.graph.parties {
            self.ratings.push(self.rank(p, s));
        }
        self.records.push(Record {
            state: s,
            choices: self.choices.len() as u32,
            count: 0,
        });
        if let Some(slot) = self.stays.get_mut(s as usize) {
            *slot = id;
        }
        id
    }

    /// True where `s` is farsighted-stable at the full horizon.
    pub fn is_stable(&mut self, s: usize) -> bool {
        let id = self.root(s as u32);
        self.is_final(id)
    }

    /// The value at `s` with nobody having moved, at the full horizon.
    pub(crate) fn root(&mut self, s: u32) -> NodeId {
        let (n, h) = (self.graph.parties, self.options.horizon);
        self.value(s, n, h)
    }

    /// The value at `s` where `last` moved last (`parties`: nobody) with `h` moves left.
    pub(crate) fn value(&mut self, s: u32, last: usize, h: usize) -> NodeId {
        let n = self.graph.parties;
        // With no moves left the value is the state itself, whoever moved last.
        let last = if h == 0 { n } else { last.min(n) };
        let slot = (h * (n + 1) + last) * self.graph.states + s as usize;
        if let Some(&id) = self.memo.get(slot) {
            if id != NONE {
                return id;
            }
        }
        let id = self.compute(s, last, h);
        if let Some(x) = self.memo.get_mut(slot) {
            *x = id;
        }
        id
    }

    fn compute(&mut self, s: u32, last: usize, h: usize) -> NodeId {
        if h == 0 {
            return self.stay(s);
        }
        let (g0, p0) = (self.groups.len(), self.picks.len());
        self.candidates(s, last, h);
        if self.options.joint_moves {
            self.settlements_wanted(s, h);
        }
        // No recursion below: the groups of this node are `groups[g0..]`.
        let id = if self.groups[g0..].iter().any(|g| g.wanted) {
            self.choose(s, g0)
        } else {
            self.stay(s)
        };
        self.groups.truncate(g0);
        self.picks.truncate(p0);
        id
    }

    /// Pushes each candidate's (every party but `last`) best moves as a group: wanted where
    /// better than staying.
    fn candidates(&mut self, s: u32, last: usize, h: usize) {
        let graph: &'a MoveGraph = self.graph;
        for p in (0..graph.parties).filter(|&p| p != last) {
            let start = self.picks.len();
            let mut top = f64::NEG_INFINITY;
            for &t in &graph.moves[p][s as usize] {
                let child = self.value(t, p, h - 1);
                let r = self.rating(child, p);
                if r > top + EPS {
                    top = r;
                    self.picks.truncate(start);
                }
                if r > top - EPS {
                    self.picks.push((t, child));
                }
            }
            if self.picks.len() > start {
                self.groups.push(Group {
                    mover: Mover::Party(p),
                    top,
                    start: start as u32,
                    end: self.picks.len() as u32,
                    wanted: top > self.rank(p, s) + EPS,
                    selected: false,
                });
            }
        }
    }

    /// Pushes every settlement from `s` whose movers all rate its value above `s`.
    fn settlements_wanted(&mut self, s: u32, h: usize) {
        let n = self.graph.parties;
        self.settle(s);
        let mut k = 0;
        while let Some((t, movers)) = self.settlement(s, k) {
            k += 1;
            let child = self.value(t, n, h - 1);
            let members = (0..n).filter(|&p| movers >> p & 1 == 1);
            if members
                .clone()
                .all(|p| self.rating(child, p) > self.rank(p, s) + EPS)
            {
                let start = self.picks.len() as u32;
                self.picks.push((t, child));
                self.groups.push(Group {
                    mover: Mover::Joint(movers),
                    top: 0.0,
                    start,
                    end: start + 1,
                    wanted: true,
                    selected: false,
                });
            }
        }
    }
}

/// Adds `w` to state `s` of `dist`, keeping it sorted by state.
pub(crate) fn add(dist: &mut Dist, s: u32, w: f64) {
    match dist.binary_search_by_key(&s, |&(x, _)| x) {
        Ok(i) => dist[i].1 += w,
        Err(i) => dist.insert(i, (s, w)),
    }
}
