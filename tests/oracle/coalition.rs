//! Coalitions as players, written straight from the definitions in the module
//! documentation of `standoff::post::coalition`, on top of the naive model
//! above. Brute force throughout: coalition moves are found by scanning every
//! feasible state, sanctioning sequences are enumerated one by one.

use super::{Direction, Model, Reading};
use std::collections::{BTreeSet, VecDeque};

/// A model with its decision makers grouped into coalitions.
pub struct Coalitions<'a> {
    pub model: &'a Model,
    /// The coalitions, each a list of decision-maker indices.
    pub parts: Vec<Vec<usize>>,
}

impl Coalitions<'_> {
    /// Coalition moves of coalition `c` from `s`: feasible states differing from
    /// `s` only in options of `c`'s members, every changed option allowed to
    /// change that way.
    pub fn moves(&self, c: usize, s: u64) -> Vec<u64> {
        let st = &self.model.st;
        let ours = |k: usize| self.parts[c].contains(&st.owner[k]);
        st.feasible
            .iter()
            .copied()
            .filter(|&t| {
                t != s
                    && (0..st.options.len()).all(|k| {
                        let changed = (s ^ t) >> k & 1 == 1;
                        !changed
                            || ours(k)
                                && match st.direction[k] {
                                    Direction::Both => true,
                                    Direction::Forward => t >> k & 1 == 1,
                                    Direction::Backward => s >> k & 1 == 1,
                                }
                    })
            })
            .collect()
    }

    /// `t >_c s`: every member of `c` strictly prefers `t` to `s`.
    pub fn better(&self, c: usize, t: u64, s: u64) -> bool {
        self.parts[c].iter().all(|&k| self.model.prefers(k, t, s))
    }

    /// Coalition improvements of `c` from `s`.
    pub fn improvements(&self, c: usize, s: u64) -> Vec<u64> {
        self.moves(c, s)
            .into_iter()
            .filter(|&t| self.better(c, t, s))
            .collect()
    }

    fn steps(&self, c: usize, s: u64, improving: bool) -> Vec<u64> {
        if improving {
            self.improvements(c, s)
        } else {
            self.moves(c, s)
        }
    }

    /// The states where a sanctioning sequence of the coalitions other than
    /// `h` may end, starting from `s1`.
    pub fn reach(&self, h: usize, s1: u64, improving: bool, reading: Reading) -> BTreeSet<u64> {
        let mut out = BTreeSet::new();
        match reading {
            Reading::LegalSequences => {
                // Breadth first over (state, last mover): nobody twice in a row.
                let mut seen = BTreeSet::from([(s1, h)]);
                let mut queue = VecDeque::from([(s1, h)]);
                while let Some((y, last)) = queue.pop_front() {
                    for c in 0..self.parts.len() {
                        if c == h || c == last {
                            continue;
                        }
                        for t in self.steps(c, y, improving) {
                            out.insert(t);
                            if seen.insert((t, c)) {
                                queue.push_back((t, c));
                            }
                        }
                    }
                }
            }
            Reading::DistinctMovers => {
                let mut used = vec![h];
                self.chains(s1, improving, &mut used, &mut out);
            }
        }
        out
    }

    /// Every sequence in which each coalition not in `used` moves at most
    /// once, one by one; every state along each of them goes to `out`.
    fn chains(&self, y: u64, improving: bool, used: &mut Vec<usize>, out: &mut BTreeSet<u64>) {
        for c in 0..self.parts.len() {
            if used.contains(&c) {
                continue;
            }
            for t in self.steps(c, y, improving) {
                out.insert(t);
                used.push(c);
                self.chains(t, improving, used, out);
                used.pop();
            }
        }
    }

    /// Whether coalition `h` escapes from the sanction's end `s2` (the
    /// improvement started at `s`): any coalition move to a state better than
    /// `s` (legal sequences), a coalition improvement from `s2` to a state
    /// better than `s` (distinct movers, as GMCR+).
    fn escapes(&self, h: usize, s: u64, s2: u64, reading: Reading) -> bool {
        self.moves(h, s2).into_iter().any(|s3| {
            self.better(h, s3, s) && (reading == Reading::LegalSequences || self.better(h, s3, s2))
        })
    }

    /// Whether `s` is stable for coalition `h` under `concept` (`nash`, `gmr`,
    /// `smr`, `seq`).
    pub fn stable(&self, concept: &str, h: usize, s: u64, reading: Reading) -> bool {
        self.improvements(h, s).into_iter().all(|s1| match concept {
            "nash" => false,
            "gmr" => self
                .reach(h, s1, false, reading)
                .into_iter()
                .any(|s2| !self.better(h, s2, s)),
            "seq" => self
                .reach(h, s1, true, reading)
                .into_iter()
                .any(|s2| !self.better(h, s2, s)),
            "smr" => self
                .reach(h, s1, false, reading)
                .into_iter()
                .any(|s2| !self.better(h, s2, s) && !self.escapes(h, s, s2, reading)),
            _ => panic!("not a coalition concept: {concept}"),
        })
    }
}
