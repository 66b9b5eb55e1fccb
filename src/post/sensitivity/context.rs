//! The model's preferences in editable form: payoffs of edited preferences, edited files.

use crate::model::condition::Condition;
use crate::model::file::{GraphModelFile, PreferenceFile};
use crate::model::graph_model::GraphModel;
use crate::model::state::State;

use super::SensitivityError;

/// One decision maker's preferences as the search edits them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Prefs {
    /// Tiers of dense state indices, most preferred first, each ascending.
    Ranking(Vec<Vec<u32>>),
    /// Indices of the original conditions, most important first.
    Priorities(Vec<u8>),
}

/// The model's preferences in editable form.
pub(super) struct Context<'m> {
    pub(super) model: &'m GraphModel,
    pub(super) original: Vec<Prefs>,
    /// Per decision maker with priorities: per original condition, the states satisfying it.
    satisfied: Vec<Vec<Vec<bool>>>,
    /// Per decision maker with priorities: the original condition texts.
    pub(super) texts: Vec<Vec<String>>,
    /// Per decision maker: its entry in the file's `preferences`.
    entry: Vec<Option<usize>>,
}

impl<'m> Context<'m> {
    pub(super) fn new(model: &'m GraphModel) -> Result<Context<'m>, SensitivityError> {
        let m = model.decision_makers().len();
        let n = model.state_count();
        let mut original = vec![Prefs::Priorities(Vec::new()); m];
        let mut satisfied = vec![Vec::new(); m];
        let mut texts = vec![Vec::new(); m];
        let mut entry = vec![None; m];
        let lookup = |name: &str| model.option_index(name);
        for (e, (name, pref)) in model.file().preferences.0.iter().enumerate() {
            let Some(d) = model.decision_maker_index(name) else {
                continue;
            };
            entry[d] = Some(e);
            if let Some(list) = &pref.priorities {
                let mut sats = Vec::new();
                for text in list {
                    let c = Condition::parse(text, &lookup).map_err(|p| {
                        SensitivityError::Rebuild(format!("condition `{text}` {p}"))
                    })?;
                    sats.push(model.feasible.iter().map(|&x| c.eval(x)).collect());
                }
                original[d] = Prefs::Priorities((0..list.len() as u8).collect());
                satisfied[d] = sats;
                texts[d] = list.clone();
            } else if let Some(tiers) = &pref.ranking {
                let mut out = Vec::new();
                for tier in tiers {
                    let mut t: Vec<u32> = tier
                        .iter()
                        .filter_map(|label| {
                            let s = State::from_label(label, model.option_count()).ok()?;
                            model.index_of(s).map(|i| i as u32)
                        })
                        .collect();
                    t.sort_unstable();
                    if !t.is_empty() {
                        out.push(t);
                    }
                }
                original[d] = Prefs::Ranking(out);
            }
        }
        // The payoffs the search computes must be the model's.
        for (d, p) in original.iter().enumerate() {
            let ours = Self::payoffs_with(&satisfied[d], p, n);
            if !same_order(&ours, model.payoffs_of(d)) {
                return Err(SensitivityError::Verification(format!(
                    "preferences of `{}` do not reproduce the model's payoffs",
                    model.decision_makers()[d].name()
                )));
            }
        }
        Ok(Context {
            model,
            original,
            satisfied,
            texts,
            entry,
        })
    }

    pub(super) fn payoffs(&self, d: usize, prefs: &Prefs) -> Vec<u32> {
        Self::payoffs_with(&self.satisfied[d], prefs, self.model.state_count())
    }

    fn payoffs_with(satisfied: &[Vec<bool>], prefs: &Prefs, n: usize) -> Vec<u32> {
        match prefs {
            Prefs::Ranking(tiers) => {
                let mut rank = vec![0u32; n];
                let top = tiers.len() as u32;
                for (k, tier) in tiers.iter().enumerate() {
                    for &x in tier {
                        rank[x as usize] = top - 1 - k as u32;
                    }
                }
                rank
            }
            Prefs::Priorities(order) => {
                let k = order.len();
                let mut scores = vec![0u64; n];
                for (j, &c) in order.iter().enumerate() {
                    let weight = 1u64 << (k - 1 - j);
                    for (s, &sat) in scores.iter_mut().zip(&satisfied[c as usize]) {
                        if sat {
                            *s += weight;
                        }
                    }
                }
                crate::model::graph_model::dense_ranks(&scores)
            }
        }
    }

    pub(super) fn label(&self, x: u32) -> String {
        self.model.label(State(self.model.feasible[x as usize]))
    }

    pub(super) fn state(&self, x: u32) -> State {
        State(self.model.feasible[x as usize])
    }

    /// The model file with `profile`'s preferences (decision makers whose preferences did not
    /// change keep their entries as written).
    pub(super) fn file(&self, profile: &[Prefs]) -> GraphModelFile {
        let mut file = self.model.file().clone();
        for (d, prefs) in profile.iter().enumerate() {
            if *prefs == self.original[d] {
                continue;
            }
            let Some(e) = self.entry[d] else {
                continue;
            };
            file.preferences.0[e].1 = match prefs {
                Prefs::Ranking(tiers) => PreferenceFile {
                    ranking: Some(
                        tiers
                            .iter()
                            .map(|t| t.iter().map(|&x| self.label(x)).collect())
                            .collect(),
                    ),
                    priorities: None,
                },
                Prefs::Priorities(order) => PreferenceFile {
                    ranking: None,
                    priorities: Some(
                        order
                            .iter()
                            .map(|&c| self.texts[d][c as usize].clone())
                            .collect(),
                    ),
                },
            };
        }
        file
    }
}

/// True where `a` and `b` order every pair of states the same way.
fn same_order(a: &[u32], b: &[u32]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut idx: Vec<usize> = (0..a.len()).collect();
    idx.sort_by_key(|&i| (a[i], i));
    idx.windows(2)
        .all(|w| a[w[0]].cmp(&a[w[1]]) == b[w[0]].cmp(&b[w[1]]))
}
