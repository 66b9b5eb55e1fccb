//! Outcome preferences and their uncertainty, compiled: every party's possible state rankings.
//!
//! A party's preference is one of its *alternatives* (one when it gives none), each an outcome
//! ranking whose unknown groups may be in any order, and priority scores ordering the states
//! of one outcome. A *completion* picks, for every party, one alternative and one order of each
//! of its unknown groups; it gives every party a complete state ranking. Completions are
//! numbered in mixed radix (party by party in file order; within a party, alternative by
//! alternative, then unknown groups in file order, permutations in lexicographic order), so
//! completion 0 takes every first alternative and every unknown group in the order written:
//! it is the preference of the compiled graph model.

use crate::model::condition::Condition;
use crate::model::graph_model::{dense_ranks, GraphModel};
use crate::model::state::State;
use crate::scenario::{RankEntry, ScenarioProblem};

/// One place of a compiled outcome ranking.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Place {
    /// Outcomes (item indices) sharing one tier.
    Tier(Vec<usize>),
    /// Outcomes (item indices) each in its own tier, in an unknown order.
    Unknown(Vec<usize>),
}

/// One alternative of a party, compiled against the model's states.
#[derive(Debug, Clone)]
struct AlternativeSpace {
    name: Option<String>,
    /// Ranked outcome names, in order of first mention.
    items: Vec<String>,
    places: Vec<Place>,
    /// Per feasible state: the index in `items` of its outcome (`None` without a ranking).
    class: Option<Vec<u16>>,
    /// Per feasible state: the score of the priority terms.
    score: Vec<u64>,
    completions: u64,
}

/// The possible preferences of one party.
#[derive(Debug, Clone)]
struct PartySpace {
    name: String,
    /// `None`: the party's preference is the compiled model's (explicit preference or
    /// priorities only), with one completion.
    alternatives: Option<Vec<AlternativeSpace>>,
}

impl PartySpace {
    fn completions(&self) -> u64 {
        match &self.alternatives {
            None => 1,
            Some(alts) => alts
                .iter()
                .fold(0u64, |acc, a| acc.saturating_add(a.completions)),
        }
    }
}

/// What each party of a compiled scenario may prefer: see the [module documentation](self).
#[derive(Debug, Clone, Default)]
pub struct PreferenceSpace {
    parties: Vec<PartySpace>,
}

/// The choices one completion makes for one party.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PartyChoice {
    /// The party.
    pub party: String,
    /// The alternative taken, where the party gives alternatives.
    pub alternative: Option<String>,
    /// The order taken for each unknown group of that alternative's ranking, most preferred
    /// first, in file order.
    pub orders: Vec<Vec<String>>,
}

/// One completion: a state ranking for every decision maker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// Its number (see the [module documentation](self)).
    pub index: u64,
    /// Per decision maker, per feasible state in canonical order: its rank (higher preferred,
    /// 0 the lowest, equal ranks are ties).
    pub ranks: Vec<Vec<u32>>,
    /// The choices made for the parties whose preference is uncertain, in party order.
    pub choices: Vec<PartyChoice>,
}

/// The inputs [`PreferenceSpace::build`] needs per party.
pub(crate) struct PartyInput<'a> {
    pub(crate) name: &'a str,
    /// `(alternative name, outcome ranking, priority conditions)`; empty when the party
    /// neither ranks outcomes nor gives alternatives.
    pub(crate) alternatives: Vec<(Option<&'a str>, &'a [RankEntry], Vec<Condition>)>,
}

impl PreferenceSpace {
    /// Compiles the parties' preferences against `model`'s states; `outcome_of` gives a
    /// state's scenario outcome name (if a user rule names it) and its code.
    pub(crate) fn build(
        model: &GraphModel,
        inputs: Vec<PartyInput<'_>>,
        outcome_of: &dyn Fn(State) -> (Option<String>, &'static str),
    ) -> Result<PreferenceSpace, Vec<ScenarioProblem>> {
        let states: Vec<State> = model.feasible_states().collect();
        let outcomes: Vec<(Option<String>, &'static str)> =
            states.iter().map(|&s| outcome_of(s)).collect();
        let mut problems = Vec::new();
        let mut parties = Vec::new();
        for input in inputs {
            if input.alternatives.is_empty() {
                parties.push(PartySpace {
                    name: input.name.to_string(),
                    alternatives: None,
                });
                continue;
            }
            let mut alts = Vec::new();
            for (name, ranking, conditions) in input.alternatives {
                let alt = alternative(name, ranking, &conditions, &states, &outcomes);
                match alt {
                    Ok(a) => alts.push(a),
                    Err((outcome, k)) => {
                        let p = ScenarioProblem::UnrankedOutcome {
                            party: input.name.to_string(),
                            outcome,
                            state: model.label(states[k]),
                            name: String::new(),
                        };
                        if !problems.contains(&p) {
                            problems.push(p);
                        }
                    }
                }
            }
            parties.push(PartySpace {
                name: input.name.to_string(),
                alternatives: Some(alts),
            });
        }
        if problems.is_empty() {
            Ok(PreferenceSpace { parties })
        } else {
            Err(problems)
        }
    }

    /// The number of completions (saturating at `u64::MAX`).
    pub fn completion_count(&self) -> u64 {
        self.parties
            .iter()
            .fold(1u64, |acc, p| acc.saturating_mul(p.completions()))
    }

    /// The number of completions of each party, in party order.
    pub fn party_completions(&self) -> Vec<(String, u64)> {
        self.parties
            .iter()
            .map(|p| (p.name.clone(), p.completions()))
            .collect()
    }

    /// True where some party's preference is uncertain (more than one completion).
    pub fn is_uncertain(&self) -> bool {
        self.completion_count() > 1
    }

    /// Completion number `index` (taken modulo the count), with `model`'s own ranking for the
    /// parties whose preference is the model's.
    pub fn completion(&self, model: &GraphModel, index: u64) -> Completion {
        let mut rest = index % self.completion_count().max(1);
        let mut ranks = Vec::with_capacity(self.parties.len());
        let mut choices = Vec::new();
        for (d, p) in self.parties.iter().enumerate() {
            let own = p.completions().max(1);
            let mut k = rest % own;
            rest /= own;
            let Some(alts) = &p.alternatives else {
                ranks.push(model.payoffs_of(d).to_vec());
                continue;
            };
            let mut picked = None;
            for a in alts {
                if k < a.completions {
                    picked = Some(a);
                    break;
                }
                k -= a.completions;
            }
            let Some(a) = picked.or(alts.first()) else {
                ranks.push(model.payoffs_of(d).to_vec());
                continue;
            };
            let (r, orders) = a.ranks(k);
            ranks.push(r);
            if p.completions() > 1 {
                choices.push(PartyChoice {
                    party: p.name.clone(),
                    alternative: if alts.len() > 1 { a.name.clone() } else { None },
                    orders,
                });
            }
        }
        Completion {
            index,
            ranks,
            choices,
        }
    }
}

/// Compiles one alternative; `Err((outcome, state index))` for a state whose outcome the
/// ranking leaves out.
fn alternative(
    name: Option<&str>,
    ranking: &[RankEntry],
    conditions: &[Condition],
    states: &[State],
    outcomes: &[(Option<String>, &'static str)],
) -> Result<AlternativeSpace, (String, usize)> {
    let mut items: Vec<String> = Vec::new();
    let mut places = Vec::new();
    for entry in ranking {
        let mut ids = Vec::new();
        for n in entry.names() {
            let id = items.iter().position(|x| x == n).unwrap_or_else(|| {
                items.push(n.clone());
                items.len() - 1
            });
            ids.push(id);
        }
        places.push(match entry {
            RankEntry::Unknown { .. } => Place::Unknown(ids),
            _ => Place::Tier(ids),
        });
    }
    let class = if ranking.is_empty() {
        None
    } else {
        let mut class = Vec::with_capacity(states.len());
        for (k, (custom, code)) in outcomes.iter().enumerate() {
            let by_name = custom
                .as_ref()
                .and_then(|c| items.iter().position(|x| x == c));
            let id = by_name.or_else(|| items.iter().position(|x| x == code));
            match id {
                Some(i) => class.push(i as u16),
                None => return Err((code.to_string(), k)),
            }
        }
        Some(class)
    };
    let width = conditions.len().min(63);
    let score = states
        .iter()
        .map(|s| {
            conditions
                .iter()
                .take(width)
                .enumerate()
                .filter(|(_, c)| c.eval(s.0))
                .fold(0u64, |acc, (j, _)| acc | 1 << (width - 1 - j))
        })
        .collect();
    let completions = places.iter().fold(1u64, |acc, p| match p {
        Place::Unknown(ids) => {
            acc.saturating_mul((1..=ids.len() as u64).fold(1u64, |f, k| f.saturating_mul(k)))
        }
        Place::Tier(_) => acc,
    });
    Ok(AlternativeSpace {
        name: name.map(str::to_string),
        items,
        places,
        class,
        score,
        completions,
    })
}

impl AlternativeSpace {
    /// The state ranks of completion `k` of this alternative, and the orders it takes.
    fn ranks(&self, mut k: u64) -> (Vec<u32>, Vec<Vec<String>>) {
        let mut tier_of = vec![0u32; self.items.len()];
        let mut tier = 0u32;
        let mut orders = Vec::new();
        for place in &self.places {
            match place {
                Place::Tier(ids) => {
                    for &i in ids {
                        tier_of[i] = tier;
                    }
                    tier += 1;
                }
                Place::Unknown(ids) => {
                    let n = ids.len() as u64;
                    let count = (1..=n).fold(1u64, |f, x| f.saturating_mul(x));
                    let perm = permutation(ids, k % count.max(1));
                    k /= count.max(1);
                    orders.push(perm.iter().map(|&i| self.items[i].clone()).collect());
                    for i in perm {
                        tier_of[i] = tier;
                        tier += 1;
                    }
                }
            }
        }
        let ranks = match &self.class {
            None => dense_ranks(&self.score),
            Some(class) => {
                // Lower tier is better: key (tiers below, score).
                let keys: Vec<(u32, u64)> = class
                    .iter()
                    .zip(&self.score)
                    .map(|(&c, &s)| (tier - tier_of[c as usize], s))
                    .collect();
                dense_ranks(&keys)
            }
        };
        (ranks, orders)
    }
}

/// The `k`-th permutation of `ids` in lexicographic order of positions (Lehmer code).
fn permutation(ids: &[usize], mut k: u64) -> Vec<usize> {
    let mut pool: Vec<usize> = ids.to_vec();
    let mut out = Vec::with_capacity(pool.len());
    while !pool.is_empty() {
        let rest = (1..pool.len() as u64).fold(1u64, |f, x| f.saturating_mul(x));
        let i = ((k / rest.max(1)) as usize).min(pool.len() - 1);
        k %= rest.max(1);
        out.push(pool.remove(i));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permutations_run_in_lexicographic_order() {
        let all: Vec<Vec<usize>> = (0..6).map(|k| permutation(&[0, 1, 2], k)).collect();
        assert_eq!(
            all,
            vec![
                vec![0, 1, 2],
                vec![0, 2, 1],
                vec![1, 0, 2],
                vec![1, 2, 0],
                vec![2, 0, 1],
                vec![2, 1, 0]
            ]
        );
    }
}
