//! Where a Markov chain ends: absorption probabilities, and the long-run shares of the states
//! of a cycle the chain never leaves.
//!
//! The evolution of farsighted play is such a chain: from a state that is not stable the
//! standoff moves to the final states of its value with their probabilities. Its strongly
//! connected components (Tarjan, via petgraph) are taken in topological order; the mass
//! entering a transient component leaves it as the expected visits `v` (solving
//! `v (I - Q) = b` for the component's internal moves `Q`) times the moves out of it; a closed
//! component keeps its mass, spread by its stationary distribution (solving `pi Q = pi`,
//! `sum pi = 1`) where it has more than one state or moves.
//!
//! Complexity: `O(k + e)` for the components of a chain of `k` states and `e` moves, plus
//! `O(m^3)` per component of `m` states (dense Gaussian elimination; components are small).

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

/// A finite Markov chain over local indices `0..k`: `rows[i]` lists `(j, probability)`; an
/// empty row is an absorbing state.
pub(crate) struct Chain {
    pub(crate) rows: Vec<Vec<(usize, f64)>>,
}

/// Where the chain started at index 0 ends.
#[derive(Debug, Default)]
pub(crate) struct Ends {
    /// `(index, probability)`: absorbing states with their absorption probability, and the
    /// states of closed cycles with their long-run share of the mass that enters the cycle.
    pub(crate) finals: Vec<(usize, f64)>,
    /// The indices in closed cycles (play that never stops moving), ascending.
    pub(crate) cycling: Vec<usize>,
}

impl Chain {
    /// Where the chain started at index 0 ends.
    pub(crate) fn ends(&self) -> Ends {
        let k = self.rows.len();
        let mut graph: DiGraph<(), ()> = DiGraph::with_capacity(k, k);
        let nodes: Vec<NodeIndex> = (0..k).map(|_| graph.add_node(())).collect();
        for (i, row) in self.rows.iter().enumerate() {
            for &(j, q) in row {
                if q > 0.0 && j < k {
                    graph.add_edge(nodes[i], nodes[j], ());
                }
            }
        }
        // tarjan_scc lists components in reverse topological order.
        let mut components = tarjan_scc(&graph);
        components.reverse();
        let mut component_of = vec![0usize; k];
        for (c, members) in components.iter().enumerate() {
            for n in members {
                component_of[n.index()] = c;
            }
        }
        let mut mass = vec![0.0; k];
        if k > 0 {
            mass[0] = 1.0;
        }
        let mut out = Ends::default();
        for (c, members) in components.iter().enumerate() {
            let mut members: Vec<usize> = members.iter().map(|n| n.index()).collect();
            members.sort_unstable();
            let inflow: Vec<f64> = members.iter().map(|&i| mass[i]).collect();
            if inflow.iter().all(|&b| b == 0.0) {
                continue;
            }
            let leaves = members
                .iter()
                .any(|&i| self.rows[i].iter().any(|&(j, _)| component_of[j] != c));
            let visits = if leaves {
                solve(&self.inner(&members, true), &inflow)
            } else {
                None
            };
            match visits {
                Some(v) => {
                    for (&i, &vi) in members.iter().zip(&v) {
                        for &(j, q) in &self.rows[i] {
                            if component_of[j] != c {
                                mass[j] += vi * q;
                            }
                        }
                    }
                }
                None => self.close(&members, inflow.iter().sum(), &mut out),
            }
        }
        out.finals.sort_by_key(|&(i, _)| i);
        out.cycling.sort_unstable();
        out
    }

    /// Mass `total` kept by the closed component `members`.
    fn close(&self, members: &[usize], total: f64, out: &mut Ends) {
        if members.len() == 1 && self.rows[members[0]].is_empty() {
            out.finals.push((members[0], total));
            return;
        }
        let m = members.len();
        // Stationary distribution: pi (Q - I) = 0 with the last equation replaced by sum = 1.
        let mut a = self.inner(members, false);
        let mut b = vec![0.0; m];
        if let Some(last) = a.last_mut() {
            last.iter_mut().for_each(|x| *x = 1.0);
        }
        if let Some(last) = b.last_mut() {
            *last = 1.0;
        }
        let pi = solve_rows(a, b).unwrap_or_else(|| vec![1.0 / m as f64; m]);
        for (&i, &p) in members.iter().zip(&pi) {
            out.finals.push((i, total * p));
            out.cycling.push(i);
        }
    }

    /// The transposed matrix of the component's internal moves minus the identity:
    /// `a[r][c] = Q[c][r] - [r == c]`; negated (`I - Q`, transposed) where `identity_first`.
    fn inner(&self, members: &[usize], identity_first: bool) -> Vec<Vec<f64>> {
        let m = members.len();
        let local = |j: usize| members.binary_search(&j).ok();
        let mut a = vec![vec![0.0; m]; m];
        for (c, &i) in members.iter().enumerate() {
            for &(j, q) in &self.rows[i] {
                if let Some(r) = local(j) {
                    a[r][c] += q;
                }
            }
        }
        for (r, row) in a.iter_mut().enumerate() {
            row[r] -= 1.0;
            if identity_first {
                row.iter_mut().for_each(|x| *x = -*x);
            }
        }
        a
    }
}

/// Solves `a x = b` (Gaussian elimination with partial pivoting); `None` where `a` is singular.
fn solve(a: &[Vec<f64>], b: &[f64]) -> Option<Vec<f64>> {
    solve_rows(a.to_vec(), b.to_vec())
}

fn solve_rows(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let m = b.len();
    for col in 0..m {
        let pivot = (col..m).max_by(|&x, &y| a[x][col].abs().total_cmp(&a[y][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        for r in col + 1..m {
            let f = a[r][col] / a[col][col];
            if f != 0.0 {
                let (upper, lower) = a.split_at_mut(r);
                for (x, &y) in lower[0][col..].iter_mut().zip(&upper[col][col..]) {
                    *x -= f * y;
                }
                b[r] -= f * b[col];
            }
        }
    }
    let mut x = vec![0.0; m];
    for r in (0..m).rev() {
        let s: f64 = (r + 1..m).map(|c| a[r][c] * x[c]).sum();
        x[r] = (b[r] - s) / a[r][r];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn a_self_loop_is_left_with_certainty() {
        // 0 stays with 1/2, goes to 1 or 2 with 1/4 each: absorbed half and half.
        let chain = Chain {
            rows: vec![vec![(0, 0.5), (1, 0.25), (2, 0.25)], vec![], vec![]],
        };
        let ends = chain.ends();
        assert_eq!(ends.finals.len(), 2);
        assert!(close(ends.finals[0].1, 0.5) && close(ends.finals[1].1, 0.5));
        assert!(ends.cycling.is_empty());
    }

    #[test]
    fn a_two_cycle_with_an_exit_is_solved_exactly() {
        // 0 -> 1; 1 -> 0 (1/2) or 2 (1/2); 2 -> 3 (1/3) or 4 (2/3): ends at 3 with 1/3.
        let chain = Chain {
            rows: vec![
                vec![(1, 1.0)],
                vec![(0, 0.5), (2, 0.5)],
                vec![(3, 1.0 / 3.0), (4, 2.0 / 3.0)],
                vec![],
                vec![],
            ],
        };
        let ends = chain.ends();
        let at = |i: usize| ends.finals.iter().find(|f| f.0 == i).map_or(0.0, |f| f.1);
        assert!(close(at(3), 1.0 / 3.0) && close(at(4), 2.0 / 3.0));
        assert_eq!(ends.finals.len(), 2);
    }

    #[test]
    fn a_closed_cycle_keeps_its_mass_by_long_run_shares() {
        // 0 -> 1 (1/2) or absorbing 3 (1/2); 1 -> 2; 2 -> 1 (1/3) or 2 stays (2/3):
        // in the cycle {1, 2} the long-run shares are 1/4 and 3/4 (pi1 = pi2/3).
        let chain = Chain {
            rows: vec![
                vec![(1, 0.5), (3, 0.5)],
                vec![(2, 1.0)],
                vec![(1, 1.0 / 3.0), (2, 2.0 / 3.0)],
                vec![],
            ],
        };
        let ends = chain.ends();
        let at = |i: usize| ends.finals.iter().find(|f| f.0 == i).map_or(0.0, |f| f.1);
        assert!(close(at(3), 0.5));
        assert!(close(at(1), 0.125) && close(at(2), 0.375));
        assert_eq!(ends.cycling, vec![1, 2]);
    }
}
