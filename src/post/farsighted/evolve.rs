//! The evolution of farsighted play from a state, its paths and the reasons it stops.

use std::collections::HashMap;

use super::chain::Chain;

use super::play::{add, Dist, Mover, NodeId, Play};

/// One move on a farsighted path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FarStep {
    /// The parties moving (one, or several in a settlement), in party order.
    pub movers: Vec<usize>,
    /// Dense index of the state before.
    pub from: usize,
    /// Dense index of the state after.
    pub to: usize,
}

/// Why a party stays at a state: its best move and where it would lead.
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    /// The party.
    pub party: usize,
    /// Its best move's target (dense index), `None` where it has no move.
    pub best_move: Option<usize>,
    /// Where that move would lead, most likely final state first: `(dense index, probability)`.
    pub leads_to: Vec<(usize, f64)>,
    /// The party's expected rank there, against its rank of the state itself.
    pub rating: f64,
    /// Its rank of the state itself.
    pub stay_rank: f64,
}

/// The evolution of farsighted play from a start state.
#[derive(Debug, Clone, PartialEq)]
pub struct Evolution {
    /// Final states (dense index) with their probability, by index; farsighted-stable unless
    /// listed in `unsettled`.
    pub finals: Vec<(usize, f64)>,
    /// The states of cycles play never leaves (listed in `finals` with their long-run share).
    pub unsettled: Vec<usize>,
}

impl Play<'_> {
    /// The evolution from dense state `from` (see the [module documentation](super)): the
    /// Markov chain of the values from `from` onwards, solved exactly (see `chain.rs`).
    pub fn evolve(&mut self, from: usize) -> Evolution {
        // The states play can reach, in the order found (`from` first), and their moves.
        let mut states: Vec<u32> = vec![from as u32];
        let mut local: HashMap<u32, usize> = HashMap::from([(from as u32, 0)]);
        let mut rows: Vec<Vec<(usize, f64)>> = Vec::new();
        let mut next = 0;
        while next < states.len() {
            let node = self.root(states[next]);
            let mut row = Vec::new();
            if !self.is_final(node) {
                for (t, q) in self.finals(node) {
                    let id = *local.entry(t).or_insert_with(|| {
                        states.push(t);
                        states.len() - 1
                    });
                    row.push((id, q));
                }
            }
            rows.push(row);
            next += 1;
        }
        let ends = Chain { rows }.ends();
        let mut finals: Dist = Vec::new();
        for (i, p) in ends.finals {
            add(&mut finals, states[i], p);
        }
        let mut unsettled: Vec<usize> = ends.cycling.iter().map(|&i| states[i] as usize).collect();
        unsettled.sort_unstable();
        Evolution {
            finals: finals.into_iter().map(|(s, p)| (s as usize, p)).collect(),
            unsettled,
        }
    }

    /// A path of anticipated moves from `from` to the final state `to` of its evolution
    /// (empty where `from` is final itself); `None` where `to` is not reached.
    pub fn path(&mut self, from: usize, to: usize) -> Option<Vec<FarStep>> {
        let mut out = Vec::new();
        let mut at = from as u32;
        let mut seen = vec![at];
        for _ in 0..=self.graph.states {
            let node = self.root(at);
            if self.is_final(node) || (at as usize == to && !out.is_empty()) {
                return (at as usize == to).then_some(out);
            }
            // This round's final states that lead on to `to`: prefer `to` itself.
            let round: Vec<u32> = self.finals(node).iter().map(|&(s, _)| s).collect();
            let end = if round.contains(&(to as u32)) {
                to as u32
            } else {
                *round
                    .iter()
                    .find(|&&s| !seen.contains(&s) && self.reaches(s, to as u32, &mut seen))?
            };
            let h = self.options.horizon;
            out.extend(self.descend(at, h, end, node));
            at = end;
            seen.push(at);
        }
        // Unsettled play: the moves up to the round limit.
        (at as usize == to).then_some(out)
    }

    /// True where the evolution from `s` can end at `to`.
    fn reaches(&mut self, s: u32, to: u32, seen: &mut Vec<u32>) -> bool {
        self.evolve(s as usize)
            .finals
            .iter()
            .any(|&(f, _)| f as u32 == to)
            && {
                seen.push(s);
                true
            }
    }

    /// The anticipated moves inside one node's value from `s` to `end`.
    fn descend(&mut self, s: u32, h: usize, end: u32, node: NodeId) -> Vec<FarStep> {
        if self.is_final(node) || h == 0 {
            return Vec::new();
        }
        let n = self.graph.parties;
        for c in self.node_choices(node).to_vec() {
            let child = c.child;
            if self.finals(child).iter().any(|&(x, _)| x == end) {
                let movers = match c.mover {
                    Mover::Party(p) => vec![p],
                    Mover::Joint(mask) => (0..n).filter(|&p| mask >> p & 1 == 1).collect(),
                };
                let mut steps = vec![FarStep {
                    movers,
                    from: s as usize,
                    to: c.to as usize,
                }];
                steps.extend(self.descend(c.to, h - 1, end, child));
                return steps;
            }
        }
        Vec::new()
    }

    /// Why each party stays at (or leaves) dense state `s`, at the full horizon.
    pub fn reasons(&mut self, s: usize) -> Vec<Reason> {
        let n = self.graph.parties;
        let h = self.options.horizon;
        (0..n)
            .map(|p| {
                let stay_rank = self.stay_rating(p, s as u32);
                let mut best: Option<(usize, Dist, f64)> = None;
                if h > 0 {
                    for t in self.graph.moves[p][s].clone() {
                        let child = self.value(t, p, h - 1);
                        let r = self.rating(child, p);
                        if best.as_ref().is_none_or(|(_, _, b)| r > *b + 1e-9) {
                            best = Some((t as usize, self.finals(child), r));
                        }
                    }
                }
                match best {
                    None => Reason {
                        party: p,
                        best_move: None,
                        leads_to: Vec::new(),
                        rating: stay_rank,
                        stay_rank,
                    },
                    Some((t, dist, rating)) => {
                        let mut leads_to: Vec<(usize, f64)> =
                            dist.into_iter().map(|(x, w)| (x as usize, w)).collect();
                        leads_to.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                        Reason {
                            party: p,
                            best_move: Some(t),
                            leads_to,
                            rating,
                            stay_rank,
                        }
                    }
                }
            })
            .collect()
    }
}
