//! Options of the analysis output: how state sets are encoded and which sets are written.

use std::fmt;
use std::str::FromStr;

use crate::stability::concept::UnknownName;

/// How the analysis output writes a set of states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Encoding {
    /// Lists of state labels (`"YNNY"`): the output of spec section 3, byte for byte.
    #[default]
    Labels,
    /// Sorted runs of canonical state numbers, `[[lo, hi], ...]`, both ends included.
    Ranges,
    /// Base64 of a little-endian bitmap over the feasible-state index: bit i (bit `i % 8` of
    /// byte `i / 8`) is set when the i-th feasible state in canonical order is in the set.
    Bitmap,
}

impl Encoding {
    /// Every encoding.
    pub const ALL: [Encoding; 3] = [Encoding::Labels, Encoding::Ranges, Encoding::Bitmap];

    /// The name used on the command line and in the output (`labels`, `ranges`, `bitmap`).
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Labels => "labels",
            Encoding::Ranges => "ranges",
            Encoding::Bitmap => "bitmap",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Encoding {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Encoding::ALL
            .into_iter()
            .find(|e| e.as_str() == s)
            .ok_or_else(|| UnknownName {
                kind: "encoding",
                name: s.to_string(),
                expected: "`labels`, `ranges`, `bitmap`",
            })
    }
}

/// Which state sets the analysis output writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Sets {
    /// The feasible states, every decision maker's stable states and the equilibria.
    #[default]
    All,
    /// Only the equilibria of each concept, with the counts of stable states and equilibria.
    Equilibria,
}

impl Sets {
    /// Every choice.
    pub const ALL: [Sets; 2] = [Sets::All, Sets::Equilibria];

    /// The name used on the command line and in the output (`all`, `equilibria`).
    pub fn as_str(self) -> &'static str {
        match self {
            Sets::All => "all",
            Sets::Equilibria => "equilibria",
        }
    }
}

impl fmt::Display for Sets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Sets {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Sets::ALL
            .into_iter()
            .find(|e| e.as_str() == s)
            .ok_or_else(|| UnknownName {
                kind: "set selection",
                name: s.to_string(),
                expected: "`all`, `equilibria`",
            })
    }
}

/// Options of [`Analysis::write_json_with`](crate::Analysis::write_json_with). The default
/// (labels, all sets) is the output of [`Analysis::write_json`](crate::Analysis::write_json).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct OutputOptions {
    /// How state sets are written.
    pub encoding: Encoding,
    /// Which sets are written.
    pub sets: Sets,
}
