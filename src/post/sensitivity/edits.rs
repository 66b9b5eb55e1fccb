//! Preference edits: what they are, which apply to given preferences, and what they do.

use serde::Serialize;

use crate::model::state::State;

use super::context::{Context, Prefs};

/// One edit of one decision maker's preferences (see the module documentation).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PreferenceEdit {
    /// Ranking: `state` joins the tier above its own.
    MoveUp {
        /// The decision maker.
        decision_maker: usize,
        /// The state moved.
        state: State,
    },
    /// Ranking: `state` joins the tier below its own.
    MoveDown {
        /// The decision maker.
        decision_maker: usize,
        /// The state moved.
        state: State,
    },
    /// Ranking: `state` leaves its tier for a tier of its own directly above (`above`) or
    /// below its former tier mates.
    SplitTie {
        /// The decision maker.
        decision_maker: usize,
        /// The state split off.
        state: State,
        /// True: the new tier goes above the mates; false: below.
        above: bool,
    },
    /// Priorities: the conditions at 0-based `position` and `position + 1` change places.
    SwapPriorities {
        /// The decision maker.
        decision_maker: usize,
        /// The first of the two positions (0-based).
        position: usize,
    },
    /// Priorities: the condition at 0-based `position` is removed.
    DropPriority {
        /// The decision maker.
        decision_maker: usize,
        /// Its position (0-based).
        position: usize,
    },
}

impl PreferenceEdit {
    /// The decision maker whose preferences the edit changes.
    pub fn decision_maker(&self) -> usize {
        match *self {
            PreferenceEdit::MoveUp { decision_maker, .. }
            | PreferenceEdit::MoveDown { decision_maker, .. }
            | PreferenceEdit::SplitTie { decision_maker, .. }
            | PreferenceEdit::SwapPriorities { decision_maker, .. }
            | PreferenceEdit::DropPriority { decision_maker, .. } => decision_maker,
        }
    }
}

/// One applied edit with a description in words (positions 1-based, conditions quoted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EditStep {
    /// The edit.
    pub edit: PreferenceEdit,
    /// What it does, e.g. ``US: move `NYYN` up one tier``.
    pub description: String,
}

impl Context<'_> {
    /// Applies `edit` to `prefs` (of decision maker `d`); `None` where it does not apply.
    pub(super) fn apply(&self, prefs: &Prefs, edit: &PreferenceEdit) -> Option<(Prefs, String)> {
        let d = edit.decision_maker();
        let name = self.model.decision_makers().get(d)?.name();
        match (prefs, edit) {
            (Prefs::Ranking(tiers), PreferenceEdit::MoveUp { state, .. })
            | (Prefs::Ranking(tiers), PreferenceEdit::MoveDown { state, .. })
            | (Prefs::Ranking(tiers), PreferenceEdit::SplitTie { state, .. }) => {
                let x = self.model.index_of(*state)? as u32;
                let k = tiers.iter().position(|t| t.binary_search(&x).is_ok())?;
                let mut tiers = tiers.clone();
                let label = self.label(x);
                let text = match edit {
                    PreferenceEdit::MoveUp { .. } => {
                        if k == 0 {
                            return None;
                        }
                        remove(&mut tiers[k], x);
                        insert(&mut tiers[k - 1], x);
                        if tiers[k].is_empty() {
                            tiers.remove(k);
                        }
                        format!("{name}: move `{label}` up one tier")
                    }
                    PreferenceEdit::MoveDown { .. } => {
                        if k + 1 >= tiers.len() {
                            return None;
                        }
                        remove(&mut tiers[k], x);
                        insert(&mut tiers[k + 1], x);
                        if tiers[k].is_empty() {
                            tiers.remove(k);
                        }
                        format!("{name}: move `{label}` down one tier")
                    }
                    PreferenceEdit::SplitTie { above, .. } => {
                        if tiers[k].len() < 2 {
                            return None;
                        }
                        remove(&mut tiers[k], x);
                        tiers.insert(if *above { k } else { k + 1 }, vec![x]);
                        format!(
                            "{name}: prefer `{label}` {} the states it tied with",
                            if *above { "to" } else { "less than" }
                        )
                    }
                    _ => return None,
                };
                Some((Prefs::Ranking(tiers), text))
            }
            (Prefs::Priorities(order), PreferenceEdit::SwapPriorities { position, .. }) => {
                let p = *position;
                if p + 1 >= order.len() {
                    return None;
                }
                let mut order = order.clone();
                order.swap(p, p + 1);
                let text = format!(
                    "{name}: swap priorities {} and {} (`{}` now above `{}`)",
                    p + 1,
                    p + 2,
                    self.texts[d][order[p] as usize],
                    self.texts[d][order[p + 1] as usize]
                );
                Some((Prefs::Priorities(order), text))
            }
            (Prefs::Priorities(order), PreferenceEdit::DropPriority { position, .. }) => {
                let p = *position;
                if p >= order.len() {
                    return None;
                }
                let mut order = order.clone();
                let c = order.remove(p);
                let text = format!(
                    "{name}: drop priority {} (`{}`)",
                    p + 1,
                    self.texts[d][c as usize]
                );
                Some((Prefs::Priorities(order), text))
            }
            _ => None,
        }
    }

    /// Candidate edits of decision maker `d` with preferences `prefs`, in a fixed order.
    /// With `around = Some(x)` (ranking only), only edits of x and of the states above x.
    pub(super) fn edits(
        &self,
        d: usize,
        prefs: &Prefs,
        around: Option<u32>,
    ) -> Vec<PreferenceEdit> {
        let mut out = Vec::new();
        match prefs {
            Prefs::Ranking(tiers) => {
                let mut states: Vec<u32> = match around {
                    Some(x) => {
                        let k = tiers
                            .iter()
                            .position(|t| t.binary_search(&x).is_ok())
                            .unwrap_or(0);
                        let mut v: Vec<u32> = tiers[..k].iter().flatten().copied().collect();
                        v.push(x);
                        v
                    }
                    None => tiers.iter().flatten().copied().collect(),
                };
                states.sort_unstable();
                for x in states {
                    let state = self.state(x);
                    out.push(PreferenceEdit::MoveUp {
                        decision_maker: d,
                        state,
                    });
                    out.push(PreferenceEdit::MoveDown {
                        decision_maker: d,
                        state,
                    });
                    for above in [true, false] {
                        out.push(PreferenceEdit::SplitTie {
                            decision_maker: d,
                            state,
                            above,
                        });
                    }
                }
            }
            Prefs::Priorities(order) => {
                for position in 0..order.len() {
                    if position + 1 < order.len() {
                        out.push(PreferenceEdit::SwapPriorities {
                            decision_maker: d,
                            position,
                        });
                    }
                    out.push(PreferenceEdit::DropPriority {
                        decision_maker: d,
                        position,
                    });
                }
            }
        }
        out
    }
}

fn remove(tier: &mut Vec<u32>, x: u32) {
    if let Ok(i) = tier.binary_search(&x) {
        tier.remove(i);
    }
}

fn insert(tier: &mut Vec<u32>, x: u32) {
    if let Err(i) = tier.binary_search(&x) {
        tier.insert(i, x);
    }
}
