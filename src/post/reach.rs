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

/// Strongly connected components of a graph over `0..n` given by `succ`, which appends the
/// successors of a node to a vector. Components are numbered in the order Tarjan's algorithm
/// completes them: every edge leaves a component for one with a smaller or equal number
/// (reverse topological order). Returns the component of each node and the component count.
pub(crate) fn strongly_connected(
    n: usize,
    meter: &Meter,
    mut succ: impl FnMut(usize, &mut Vec<u32>) -> u64,
) -> Result<(Vec<u32>, usize), LimitError> {
    const UNSEEN: u32 = u32::MAX;
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0u32; n];
    let mut comp = vec![UNSEEN; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<u32> = Vec::new();
    // Frames: (node, start of its successors in `edges`, next successor position).
    let mut frames: Vec<(u32, usize, usize)> = Vec::new();
    let mut edges: Vec<u32> = Vec::new();
    let mut scratch: Vec<u32> = Vec::new();
    let mut next_index = 0u32;
    let mut count = 0usize;
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        let mut visit = |v: usize,
                         frames: &mut Vec<(u32, usize, usize)>,
                         edges: &mut Vec<u32>,
                         stack: &mut Vec<u32>,
                         index: &mut [u32],
                         low: &mut [u32],
                         on_stack: &mut [bool]|
         -> Result<(), LimitError> {
            index[v] = next_index;
            low[v] = next_index;
            next_index += 1;
            stack.push(v as u32);
            on_stack[v] = true;
            scratch.clear();
            let work = succ(v, &mut scratch);
            meter.spend(work.max(1))?;
            let start = edges.len();
            edges.extend_from_slice(&scratch);
            frames.push((v as u32, start, start));
            Ok(())
        };
        visit(
            root,
            &mut frames,
            &mut edges,
            &mut stack,
            &mut index,
            &mut low,
            &mut on_stack,
        )?;
        while let Some(&(v, start, pos)) = frames.last() {
            let v = v as usize;
            if pos < edges.len() {
                let w = edges[pos] as usize;
                if let Some(f) = frames.last_mut() {
                    f.2 += 1;
                }
                if index[w] == UNSEEN {
                    visit(
                        w,
                        &mut frames,
                        &mut edges,
                        &mut stack,
                        &mut index,
                        &mut low,
                        &mut on_stack,
                    )?;
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            // Every successor of v is done.
            frames.pop();
            edges.truncate(start);
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
            if let Some(&(parent, _, _)) = frames.last() {
                let p = parent as usize;
                low[p] = low[p].min(low[v]);
            }
        }
    }
    Ok((comp, count))
}

/// For each base array, the minimum of it over every node reachable from each node (the node
/// included), in a graph given by `succ` (see [`strongly_connected`]).
pub(crate) fn reachable_min(
    n: usize,
    bases: &[&[u32]],
    meter: &Meter,
    mut succ: impl FnMut(usize, &mut Vec<u32>) -> u64,
) -> Result<Vec<Vec<u32>>, LimitError> {
    meter.memory((n as u64).saturating_mul(24 + 4 * bases.len() as u64))?;
    let (comp, count) = strongly_connected(n, meter, &mut succ)?;
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
    let mut scratch = Vec::new();
    for c in 0..count {
        for &x in &members[starts[c]..starts[c + 1]] {
            let x = x as usize;
            for (b, base) in bases.iter().enumerate() {
                cmin[b][c] = cmin[b][c].min(base[x]);
            }
            scratch.clear();
            let work = succ(x, &mut scratch);
            meter.spend(work.max(1))?;
            for &y in &scratch {
                let cy = comp[y as usize] as usize;
                if cy != c {
                    for m in cmin.iter_mut() {
                        m[c] = m[c].min(m[cy]);
                    }
                }
            }
        }
    }
    Ok(cmin
        .into_iter()
        .map(|m| comp.iter().map(|&c| m[c as usize]).collect())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::Limits;

    #[test]
    fn reachable_min_follows_edges_through_cycles() {
        // 0 -> 1 -> 2 -> 1, 3 isolated, 2 -> 4.
        let succ = |x: usize, out: &mut Vec<u32>| {
            match x {
                0 => out.push(1),
                1 => out.push(2),
                2 => out.extend([1, 4]),
                _ => {}
            }
            1
        };
        let base = [9u32, 7, 8, 1, 5];
        let limits = Limits::default();
        let meter = Meter::new(&limits);
        let m = reachable_min(5, &[&base], &meter, succ).expect("within limits");
        assert_eq!(m[0], vec![5, 5, 5, 1, 5]);
    }
}
