//! How a node's value is chosen from its candidate moves: the wanted moves after
//! two-sidedness, or the pre-emptive moves of those that would rather move first, each
//! group's moves equally likely; and how the node is recorded.

use super::{Choice, Group, Mover, NodeId, Play, Record, EPS};

impl Play<'_> {
    /// The node at `s` made of the groups `groups[g0..]` (some wanted): the wanted moves
    /// (after two-sidedness), or the pre-emptive moves of those that would rather move first.
    pub(super) fn choose(&mut self, s: u32, g0: usize) -> NodeId {
        for g in &mut self.groups[g0..] {
            g.selected = g.wanted;
        }
        self.consensus(g0);
        self.mixture_ratings(g0);
        // Candidates that would rather move first than let the wanted moves happen. (A party
        // whose wanted move waits for another's, by two-sidedness, rates that other move at
        // least as high as its own: it never pre-empts.)
        let mix = &self.mix;
        let pre = |g: &Group| match g.mover {
            Mover::Party(p) => !g.wanted && g.top > mix.get(p).copied().unwrap_or(0.0) + EPS,
            Mover::Joint(_) => false,
        };
        if self.groups[g0..].iter().any(pre) {
            let mix = std::mem::take(&mut self.mix);
            for g in &mut self.groups[g0..] {
                g.selected = match g.mover {
                    Mover::Party(p) => {
                        !g.wanted && g.top > mix.get(p).copied().unwrap_or(0.0) + EPS
                    }
                    Mover::Joint(_) => false,
                };
            }
            self.mix = mix;
            self.mixture_ratings(g0);
        }
        self.build(s, g0)
    }

    /// Two-sidedness: where several moves are wanted and some of them end where every party
    /// wanting to move rates highest, the others wait for those (unselects them).
    fn consensus(&mut self, g0: usize) {
        let n = self.graph.parties;
        let wanted = self.groups[g0..].iter().filter(|g| g.selected).count();
        if wanted < 2 {
            return;
        }
        let movers: u64 = self.groups[g0..]
            .iter()
            .filter(|g| g.selected)
            .fold(0, |acc, g| {
                acc | match g.mover {
                    Mover::Party(p) => 1 << p,
                    Mover::Joint(mask) => mask,
                }
            });
        // ends[e * n + p]: party p's rating of wanted group e (its moves equally likely);
        // ends[wanted * n + p]: the highest of those.
        let mut ends = std::mem::take(&mut self.ends);
        ends.clear();
        for g in self.groups[g0..].iter().filter(|g| g.selected) {
            let picks = &self.picks[g.start as usize..g.end as usize];
            let w = 1.0 / picks.len().max(1) as f64;
            for p in 0..n {
                ends.push(picks.iter().map(|&(_, c)| w * self.rating(c, p)).sum());
            }
        }
        for p in 0..n {
            let top = (0..wanted)
                .map(|e| ends[e * n + p])
                .fold(f64::NEG_INFINITY, f64::max);
            ends.push(top);
        }
        let agreed = |e: usize| {
            (0..n)
                .filter(|&p| movers >> p & 1 == 1)
                .all(|p| ends[e * n + p] > ends[wanted * n + p] - EPS)
        };
        if (0..wanted).any(agreed) {
            for (e, g) in self.groups[g0..]
                .iter_mut()
                .filter(|g| g.selected)
                .enumerate()
            {
                g.selected = agreed(e);
            }
        }
        self.ends = ends;
    }

    /// Every party's rating of the equal mixture of the selected groups, into `mix`.
    fn mixture_ratings(&mut self, g0: usize) {
        let n = self.graph.parties;
        let mut mix = std::mem::take(&mut self.mix);
        mix.clear();
        mix.resize(n, 0.0);
        let selected = self.groups[g0..].iter().filter(|g| g.selected).count();
        let share = 1.0 / selected.max(1) as f64;
        for g in self.groups[g0..].iter().filter(|g| g.selected) {
            let w = share / (g.end - g.start).max(1) as f64;
            for &(_, child) in &self.picks[g.start as usize..g.end as usize] {
                for (p, r) in mix.iter_mut().enumerate() {
                    *r += w * self.rating(child, p);
                }
            }
        }
        self.mix = mix;
    }

    /// Records the node at `s` made of the selected groups (their ratings are in `mix`).
    fn build(&mut self, s: u32, g0: usize) -> NodeId {
        let id = self.records.len() as NodeId;
        self.ratings.extend_from_slice(&self.mix);
        let first = self.choices.len() as u32;
        let selected = self.groups[g0..].iter().filter(|g| g.selected).count();
        let share = 1.0 / selected.max(1) as f64;
        for g in &self.groups[g0..] {
            if !g.selected {
                continue;
            }
            let w = share / (g.end - g.start).max(1) as f64;
            for &(to, child) in &self.picks[g.start as usize..g.end as usize] {
                self.choices.push(Choice {
                    mover: g.mover,
                    to,
                    weight: w,
                    child,
                });
            }
        }
        self.records.push(Record {
            state: s,
            choices: first,
            count: self.choices.len() as u32 - first,
        });
        id
    }
}
