//! The graph-model file format (`standoff.graph-model/1`) as plain serde data.
//!
//! These types are what is written in a file, before validation. [`crate::GraphModel`] is
//! built from them and writes them back.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The value of `format` in every graph-model file.
pub const GRAPH_MODEL_FORMAT: &str = "standoff.graph-model/1";

/// A graph-model file, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GraphModelFile {
    /// Must be [`GRAPH_MODEL_FORMAT`].
    pub format: String,
    /// The conflict's name.
    #[serde(default)]
    pub name: String,
    /// The status quo state, `Y`/`N` letters in option order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_quo: Option<String>,
    /// Conditions that make a state infeasible.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub infeasible: Vec<String>,
    /// Groups of options of which at most one may be taken.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mutually_exclusive: Vec<Vec<String>>,
    /// Decision makers and their options, in option order.
    pub decision_makers: Vec<DecisionMakerFile>,
    /// Irreversible options: option name -> `forward` or `backward`.
    #[serde(default, skip_serializing_if = "OrderedMap::is_empty")]
    pub irreversible: OrderedMap<String>,
    /// Preferences per decision maker name.
    pub preferences: OrderedMap<PreferenceFile>,
    /// Misperceptions (first-level hypergame): per decision maker name, conditions describing
    /// the feasible states it does not perceive. Optional; see
    /// [`crate::post::misperception`].
    #[serde(default, skip_serializing_if = "OrderedMap::is_empty")]
    pub misperceived: OrderedMap<Vec<String>>,
}

/// One decision maker in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionMakerFile {
    /// Its name.
    pub name: String,
    /// Its options, in order.
    #[serde(default)]
    pub options: Vec<String>,
}

/// One decision maker's preferences in a file: exactly one of the two fields.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreferenceFile {
    /// Tiers of states, most preferred first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranking: Option<Vec<Vec<String>>>,
    /// Option prioritization: conditions, most important first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priorities: Option<Vec<String>>,
}

/// A map from names to values that keeps the file's order and every entry, duplicates
/// included (validation reports them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderedMap<T>(pub Vec<(String, T)>);

impl<T> Default for OrderedMap<T> {
    fn default() -> Self {
        OrderedMap(Vec::new())
    }
}

impl<T> OrderedMap<T> {
    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T: Serialize> Serialize for OrderedMap<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OrderedMap<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = OrderedMap<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = access.next_entry::<String, T>()? {
                    out.push((k, v));
                }
                Ok(OrderedMap(out))
            }
        }
        deserializer.deserialize_map(V(PhantomData))
    }
}
