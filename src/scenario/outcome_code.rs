//! Outcome codes: how a standoff ended, in the scenario's own vocabulary (a scenario's
//! `recorded_outcome` and its parties' `outcome_ranking` name them). `compile` links each code
//! to the built-in outcome kind it stands for.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How a standoff really ended, as recorded in a scenario's `recorded_outcome`: one code per
/// built-in outcome kind of the compiled model ([`OutcomeKind`]), so a predicted state can be
/// checked against the record.
///
/// | code | matches the built-in kind | the standoff ended with |
/// |---|---|---|
/// | `exit` | `OutcomeKind::MarketExit` | a party leaving the market (whatever else holds) |
/// | `ban` | `OutcomeKind::SanctionImposed` | a sanction enforced, nobody having left |
/// | `comply` | `OutcomeKind::Compliance` | a demand complied with in full |
/// | `compromise` | `OutcomeKind::Compromise` | a demand met by its partial arrangement |
/// | `withdrawn` | `OutcomeKind::DemandWithdrawn` | every demand withdrawn |
/// | `stalemate` | `OutcomeKind::Stalemate` | demands standing unmet, no sanction enforced |
///
/// The kinds are tried in the order of [`OutcomeKind`] (see [`compile`](mod@crate::compile)),
/// so each state has exactly one code: a state where a party has exited and a sanction is
/// enforced is an `exit`. A state named by a user rule (`OutcomeKind::Custom`) has the code of
/// its built-in kind ([`Compiled::builtin_kind`]). The link to the kinds
/// ([`OutcomeCode::kind`], [`OutcomeCode::matches`], [`OutcomeCode::of_kind`]) is defined by
/// `compile`, the layer that owns the kinds.
///
/// [`OutcomeKind`]: crate::compile::OutcomeKind
/// [`Compiled::builtin_kind`]: crate::compile::Compiled::builtin_kind
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeCode {
    /// A party left the market.
    Exit,
    /// A sanction (ban, shutdown order, licence revocation, fine...) was enforced and kept.
    Ban,
    /// The target complied in full.
    Comply,
    /// The target met the demand by a partial arrangement.
    Compromise,
    /// The demands were withdrawn.
    Withdrawn,
    /// Nothing settled: demands stand unmet, no sanction enforced.
    Stalemate,
}

impl OutcomeCode {
    /// Every code, in documentation order.
    pub const ALL: [OutcomeCode; 6] = [
        OutcomeCode::Exit,
        OutcomeCode::Ban,
        OutcomeCode::Comply,
        OutcomeCode::Compromise,
        OutcomeCode::Withdrawn,
        OutcomeCode::Stalemate,
    ];

    /// The word used in files and text output.
    pub fn as_str(self) -> &'static str {
        match self {
            OutcomeCode::Exit => "exit",
            OutcomeCode::Ban => "ban",
            OutcomeCode::Comply => "comply",
            OutcomeCode::Compromise => "compromise",
            OutcomeCode::Withdrawn => "withdrawn",
            OutcomeCode::Stalemate => "stalemate",
        }
    }
}

impl fmt::Display for OutcomeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
