//! Stability concepts and reachability readings.

use std::fmt;
use std::str::FromStr;

/// A stability concept of the graph model (spec section 2).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Concept {
    /// Nash stability: no unilateral improvement.
    Nash,
    /// General metarationality: every improvement can be sanctioned.
    Gmr,
    /// Symmetric metarationality: every improvement can be sanctioned without escape.
    Smr,
    /// Sequential stability: every improvement can be sanctioned by credible (improving) moves.
    Seq,
    /// Simultaneous stability.
    Sim,
}

impl Concept {
    /// Every concept, in output order.
    pub const ALL: [Concept; 5] = [
        Concept::Nash,
        Concept::Gmr,
        Concept::Smr,
        Concept::Seq,
        Concept::Sim,
    ];

    /// The name used in files and output (`nash`, `gmr`, `smr`, `seq`, `sim`).
    pub fn as_str(self) -> &'static str {
        match self {
            Concept::Nash => "nash",
            Concept::Gmr => "gmr",
            Concept::Smr => "smr",
            Concept::Seq => "seq",
            Concept::Sim => "sim",
        }
    }
}

impl fmt::Display for Concept {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown concept or reading name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} `{name}` (expected one of {expected})")]
pub struct UnknownName {
    /// What was being named.
    pub kind: &'static str,
    /// The name given.
    pub name: String,
    /// The accepted names.
    pub expected: &'static str,
}

impl FromStr for Concept {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Concept::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| UnknownName {
                kind: "concept",
                name: s.to_string(),
                expected: "`nash`, `gmr`, `smr`, `seq`, `sim`",
            })
    }
}

/// How the opponents' sanctioning sequences are read (spec section 2).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Reachability {
    /// Textbook legal sequences: any number of moves by opponents, nobody twice in a row.
    #[default]
    LegalSequences,
    /// The GMCR+ desktop program's reading: each opponent moves at most once, in any order;
    /// every state along the chain counts.
    DistinctMovers,
}

impl Reachability {
    /// The name used in output (`legal_sequences`, `distinct_movers`).
    pub fn as_str(self) -> &'static str {
        match self {
            Reachability::LegalSequences => "legal_sequences",
            Reachability::DistinctMovers => "distinct_movers",
        }
    }
}

impl fmt::Display for Reachability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Reachability {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "legal_sequences" => Ok(Reachability::LegalSequences),
            "distinct_movers" => Ok(Reachability::DistinctMovers),
            _ => Err(UnknownName {
                kind: "reachability",
                name: s.to_string(),
                expected: "`legal_sequences`, `distinct_movers`",
            }),
        }
    }
}
