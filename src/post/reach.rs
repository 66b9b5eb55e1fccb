//! Move generation over dense state indices for groups of decision makers, and strongly
//! connected components of move graphs: the machinery shared by the post-analyses.

use crate::limits::{LimitError, Meter};
use crate::model::graph_model::{Direction, GraphModel};
use crate::model::state::State;

/// The moves of a group of decision makers acting together: one move changes any non-empty
/// subset of the group's options, each in an allowed direction, and ends in a feasible state.
#[derive(Debug, Clone)]
pub(crate) struct Mover {
    /// The group's options.
    pub(crate) mask: u64,
    /// Options of the group that may only go N -> Y.
    forward: u64,
    /// Options of the group that may only go Y -> N.
    backward: u64,
}

impl Mover {
    /// The mover for the decision makers `dms` (indices into the model's decision makers).
    pub(crate) fn new(model: &GraphModel, dms: &[usize]) -> Mover {
        let mut mask = 0u64;
        for &d in dms {
            if let Some(dm) = model.decision_makers().get(d) {
                mask |= dm.mask();
            }
        }
        let mut forward = 0u64;
        let mut backward = 0u64;
        for (k, o) in model.options().iter().enumerate() {
            if mask >> k & 1 == 0 {
                continue;
            }
            match o.direction() {
                Some(Direction::Forward) => forward |= 1 << k,
                Some(Direction::Backward) => backward |= 1 << k,
                None => {}
            }
        }
        Mover {
            mask,
            forward,
            backward,
        }
    }

    /// The options that may change at `from`.
    fn flippable(&self, from: u64) -> u64 {
        self.mask & !(from & self.forward) & !(!from & self.backward)
    }

    /// Calls `f` with the dense index of every state reachable from `from` in one move.
    /// Returns the number of candidate states tried (the work done).
    pub(crate) fn for_each(&self, model: &GraphModel, from: u64, mut f: impl FnMut(usize)) -> u64 {
        let allowed = self.flippable(from);
        let mut sub = allowed;
        let mut tried = 0u64;
        while sub != 0 {
            tried += 1;
            if let Some(t) = model.index_of(State(from ^ sub)) {
                f(t);
            }
            sub = (sub - 1) & allowed;
        }
        tried
    }

    /// Calls `f` with the dense index of every state reachable from `from` in one move until
    /// it returns true. Returns whether it did, and the number of candidates tried.
    pub(crate) fn any(
        &self,
        model: &GraphModel,
        from: u64,
        mut f: impl FnMut(usize) -> bool,
    ) -> (bool, u64) {
        let allowed = self.flippable(from);
        let mut sub = allowed;
        let mut tried = 0u64;
        while sub != 0 {
            tried += 1;
            if let Some(t) = model.index_of(State(from ^ sub)) {
                if f(t) {
                    return (true, tried);
                }
            }
            sub = (sub - 1) & allowed;
        }
        (false, tried)
    }

    /// The dense indices of every state reachable from `from` in one move, ascending.
    pub(crate) fn targets(&self, model: &GraphModel, from: u64) -> Vec<usize> {
        let mut out = Vec::new();
        self.for_each(model, from, |t| out.push(t));
        out.sort_unstable();
        out
    }
}

/// A directed graph over dense state indices whose successors are generated one at a time,
/// so that a depth-first search holds a cursor per open node, never a list of edges.
pub(crate) trait Graph {
    /// Where the enumeration of a node's successors stands.
    type Cursor;
    /// Number of nodes.
    fn nodes(&self) -> usize;
    /// A cursor before the first successor of `x`.
    fn start(&self, x: usize) -> Self::Cursor;
    /// The next successor of `x`, adding the candidates tried to `work`.
    fn next(&self, x: usize, cursor: &mut Self::Cursor, work: &mut u64) -> Option<usize>;
}

/// The moves of some groups of decision makers (each group moving as one), or only their
/// improvements (every member of the mover strictly better off).
pub(crate) struct MoveGraph<'a> {
    pub(crate) model: &'a GraphModel,
    pub(crate) movers: Vec<&'a Mover>,
    /// Per mover, its members' payoffs, where only improvements count.
    pub(crate) improving: Option<Vec<Vec<&'a [u32]>>>,
}

/// Cursor of [`MoveGraph`]: the mover, the options it may flip, the next subset to try.
pub(crate) struct MoveCursor {
    mover: usize,
    allowed: u64,
    sub: u64,
}

impl Graph for MoveGraph<'_> {
    type Cursor = MoveCursor;

    fn nodes(&self) -> usize {
        self.model.state_count()
    }

    fn start(&self, x: usize) -> MoveCursor {
        let allowed = self
            .movers
            .first()
            .map_or(0, |m| m.flippable(self.model.feasible[x]));
        MoveCursor {
            mover: 0,
            allowed,
            sub: allowed,
        }
    }

    fn next(&self, x: usize, c: &mut MoveCursor, work: &mut u64) -> Option<usize> {
        let from = self.model.feasible[x];
        loop {
            if c.mover >= self.movers.len() {
                return None;
            }
            if c.sub == 0 {
                c.mover += 1;
                if let Some(m) = self.movers.get(c.mover) {
                    c.allowed = m.flippable(from);
                    c.sub = c.allowed;
                }
                continue;
            }
            let to = from ^ c.sub;
            c.sub = (c.sub - 1) & c.allowed;
            *work += 1;
            let Some(t) = self.model.index_of(State(to)) else {
                continue;
            };
            let ok = match &self.improving {
                None => true,
                Some(pays) => pays[c.mover].iter().all(|p| p[t] > p[x]),
            };
            if ok {
                return Some(t);
            }
        }
    }
}

/// Strongly connected components of `graph` (iterative Tarjan). Components are numbered in
/// the order they complete: every edge leaves a component for one with a smaller or equal
/// number (reverse topological order). Returns the component of each node and the count.
pub(crate) fn strongly_connected<G: Graph>(
    graph: &G,
    meter: &Meter,
) -> Result<(Vec<u32>, usize), LimitError> {
    const UNSEEN: u32 = u32::MAX;
    let n = graph.nodes();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0u32; n];
    let mut comp = vec![UNSEEN; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<u32> = Vec::new();
    let mut frames: Vec<(u32, G::Cursor)> = Vec::new();
    let mut next_index = 0u32;
    let mut count = 0usize;
    let mut work = 0u64;
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root as u32);
        on_stack[root] = true;
        frames.push((root as u32, graph.start(root)));
        while let Some((v, cursor)) = frames.last_mut() {
            let v = *v as usize;
            let next = graph.next(v, cursor, &mut work);
            if work >= 1 << 12 {
                meter.spend(work)?;
                work = 0;
            }
            if let Some(w) = next {
                if index[w] == UNSEEN {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w as u32);
                    on_stack[w] = true;
                    frames.push((w as u32, graph.start(w)));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            // Every successor of v is done.
            frames.pop();
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w as usize] = false;
                    comp[w as usize] = count as u32;
                    if w as usize == v {
                        break;
                    }
                }
                count += 1;
            }
            if let Some((parent, _)) = frames.last() {
                let p = *parent as usize;
                low[p] = low[p].min(low[v]);
            }
        }
    }
    meter.spend(work)?;
    Ok((comp, count))
}

/// For each base array, the minimum of it over every node reachable from each node (the node
/// included) in `graph`.
///
/// Complexity: two passes over the edges (Tarjan, then one per component in reverse
/// topological order), O((V + E) · bases).
pub(crate) fn reachable_min<G: Graph>(
    graph: &G,
    bases: &[&[u32]],
    meter: &Meter,
) -> Result<Vec<Vec<u32>>, LimitError> {
    let n = graph.nodes();
    meter.memory((n as u64).saturating_mul(40 + 8 * bases.len() as u64))?;
    let (comp, count) = strongly_connected(graph, meter)?;
    // Nodes grouped by component.
    let mut starts = vec![0usize; count + 1];
    for &c in &comp {
        starts[c as usize + 1] += 1;
    }
    for c in 0..count {
        starts[c + 1] += starts[c];
    }
    let mut fill = starts.clone();
    let mut members = vec![0u32; n];
    for (x, &c) in comp.iter().enumerate() {
        members[fill[c as usize]] = x as u32;
        fill[c as usize] += 1;
    }
    let mut cmin: Vec<Vec<u32>> = bases.iter().map(|_| vec![u32::MAX; count]).collect();
    let mut work = 0u64;
    for c in 0..count {
        for &x in &members[starts[c]..starts[c + 1]] {
            let x = x as usize;
            for (b, base) in bases.iter().enumerate() {
                cmin[b][c] = cmin[b][c].min(base[x]);
            }
            let mut cursor = graph.start(x);
            while let Some(y) = graph.next(x, &mut cursor, &mut work) {
                let cy = comp[y] as usize;
                if cy != c {
                    for m in cmin.iter_mut() {
                        m[c] = m[c].min(m[cy]);
                    }
                }
            }
            if work >= 1 << 12 {
                meter.spend(work)?;
                work = 0;
            }
        }
    }
    meter.spend(work)?;
    Ok(cmin
        .into_iter()
        .map(|m| comp.iter().map(|&c| m[c as usize]).collect())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::Limits;

    /// A graph given by adjacency lists.
    struct Lists(Vec<Vec<usize>>);

    impl Graph for Lists {
        type Cursor = usize;
        fn nodes(&self) -> usize {
            self.0.len()
        }
        fn start(&self, _: usize) -> usize {
            0
        }
        fn next(&self, x: usize, c: &mut usize, work: &mut u64) -> Option<usize> {
            *work += 1;
            let y = self.0[x].get(*c).copied();
            *c += 1;
            y
        }
    }

    #[test]
    fn reachable_min_follows_edges_through_cycles() {
        // 0 -> 1 -> 2 -> 1, 2 -> 4, 3 isolated.
        let g = Lists(vec![vec![1], vec![2], vec![1, 4], vec![], vec![]]);
        let base = [9u32, 7, 8, 1, 5];
        let limits = Limits::default();
        let meter = Meter::new(&limits);
        let m = reachable_min(&g, &[&base], &meter).expect("within limits");
        assert_eq!(m[0], vec![5, 5, 5, 1, 5]);
        let (comp, count) = strongly_connected(&g, &meter).expect("within limits");
        assert_eq!(count, 4);
        assert_eq!(comp[1], comp[2]);
        // Reverse topological: 4 completes before the cycle, the cycle before 0.
        assert!(comp[4] < comp[1] && comp[1] < comp[0]);
    }
}
