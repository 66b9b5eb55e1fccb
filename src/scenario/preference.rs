//! Outcome preferences: a party ranks the outcomes of the standoff directly, most preferred
//! first, with ties and with comparisons it leaves open.
//!
//! ```toml
//! [[parties]]
//! name = "Vendor"
//! # Most preferred first. An inner list is a tie; `{ unknown = [...] }` ranks its outcomes
//! # next to each other in an order nobody knows: every order is a completion.
//! outcome_ranking = ["withdrawn", "stalemate", { unknown = ["comply", "exit"] }, "ban"]
//! # Optional: terms ordering the states of one outcome among themselves.
//! priorities = ["in_market"]
//! ```
//!
//! A party may instead give `alternatives`, preferences one of which holds ("the policy is
//! firm, or it is not"), each with a `name`, an `outcome_ranking` and/or `priorities`; every
//! alternative is one completion (combined with the unknown groups inside it), all equally
//! likely.
//!
//! The outcomes a ranking names are the [`crate::scenario::OutcomeCode`]s (`exit`, `ban`,
//! `comply`, `compromise`, `withdrawn`, `stalemate`) and the names of the scenario's own
//! `outcomes` rules. A state is ranked by the scenario outcome naming it when the party ranks
//! that name, else by its code.

use serde::{Deserialize, Serialize};

/// One place of an outcome ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum RankEntry {
    /// One outcome.
    One(String),
    /// Outcomes the party is indifferent between.
    Tie(Vec<String>),
    /// Outcomes ranked strictly next to each other, in an unknown order.
    Unknown {
        /// The outcomes.
        unknown: Vec<String>,
    },
}

impl RankEntry {
    /// The outcomes named by this entry, as written.
    pub fn names(&self) -> &[String] {
        match self {
            RankEntry::One(name) => std::slice::from_ref(name),
            RankEntry::Tie(names) | RankEntry::Unknown { unknown: names } => names,
        }
    }

    /// The number of orders this entry allows: `k!` for an unknown group of `k`, else 1
    /// (saturating).
    pub fn orders(&self) -> u64 {
        match self {
            RankEntry::Unknown { unknown } => {
                (1..=unknown.len() as u64).fold(1u64, |acc, k| acc.saturating_mul(k))
            }
            _ => 1,
        }
    }
}

/// One of a party's alternative preferences (see the [module documentation](self)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alternative {
    /// Its name (`policy firm`), unique among the party's alternatives.
    pub name: String,
    /// Outcomes, most preferred first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcome_ranking: Vec<RankEntry>,
    /// Terms, most important first (within an outcome where `outcome_ranking` is given).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub priorities: Vec<String>,
}

/// The number of completions of one outcome ranking: the product of its entries' orders
/// (saturating).
pub fn ranking_completions(ranking: &[RankEntry]) -> u64 {
    ranking
        .iter()
        .fold(1u64, |acc, e| acc.saturating_mul(e.orders()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_count_their_orders() {
        let r: Vec<RankEntry> = serde_json::from_str(
            r#"["withdrawn", ["comply", "compromise"], {"unknown": ["exit", "ban", "stalemate"]}]"#,
        )
        .expect("parses");
        assert_eq!(r[0], RankEntry::One("withdrawn".into()));
        assert_eq!(r[1].names(), ["comply", "compromise"]);
        assert_eq!(r[2].orders(), 6);
        assert_eq!(ranking_completions(&r), 6);
    }
}
