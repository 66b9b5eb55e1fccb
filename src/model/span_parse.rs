//! Recording the spans of a source text with the format's own parser: serde_json's raw values
//! (each a slice of the text, so its offset is exact) and toml's `Spanned` values.
//!
//! This runs only when a loaded file has problems, on a text that has already been parsed into
//! the file format's types, so its depth is the format's (a few levels). The JSON tree is
//! read level by level (each level's raw values parsed once more), at most [`MAX_DEPTH`]
//! levels deep: linear in the text.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::model::span::{Entry, Kind, Node, Span};

/// Deeper values are recorded as leaves, with their span but no inside.
const MAX_DEPTH: usize = 16;

/// The tree of a JSON text, or `None` if it does not parse.
pub(crate) fn json(text: &str) -> Option<Node> {
    let raw: &RawValue = serde_json::from_str(text).ok()?;
    json_node(text, raw, MAX_DEPTH)
}

/// The span of a raw value, a slice of `text`.
fn raw_span(text: &str, raw: &RawValue) -> Option<Span> {
    let s = raw.get();
    let start = (s.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    (start + s.len() <= text.len()).then_some(start..start + s.len())
}

fn json_node(text: &str, raw: &RawValue, depth: usize) -> Option<Node> {
    let span = raw_span(text, raw)?;
    let inner = raw.get();
    let kind = match inner.as_bytes().first() {
        Some(b'[') if depth > 0 => {
            let items: Vec<&RawValue> = serde_json::from_str(inner).ok()?;
            Kind::Seq(
                items
                    .into_iter()
                    .map(|item| json_node(text, item, depth - 1))
                    .collect::<Option<_>>()?,
            )
        }
        Some(b'{') if depth > 0 => {
            let RawEntries(entries) = serde_json::from_str(inner).ok()?;
            let mut out = Vec::with_capacity(entries.len());
            for (key, value) in entries {
                out.push(Entry {
                    key: Node {
                        span: Some(raw_span(text, key)?),
                        kind: Kind::Leaf,
                    },
                    name: serde_json::from_str(key.get()).ok()?,
                    value: json_node(text, value, depth - 1)?,
                });
            }
            Kind::Map(out)
        }
        Some(b'"') => Kind::Str(serde_json::from_str(inner).ok()?),
        _ => Kind::Leaf,
    };
    Some(Node {
        span: Some(span),
        kind,
    })
}

/// A JSON object's entries as raw keys and values, duplicates included, in order.
struct RawEntries<'a>(Vec<(&'a RawValue, &'a RawValue)>);

impl<'de> Deserialize<'de> for RawEntries<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawEntries<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key::<&RawValue>()? {
                    out.push((key, map.next_value::<&RawValue>()?));
                }
                Ok(RawEntries(out))
            }
        }
        deserializer.deserialize_map(V)
    }
}

/// The tree of a TOML text, or `None` if it does not parse.
pub(crate) fn toml(text: &str) -> Option<Node> {
    let root: Node = toml::from_str::<TomlNode>(text).ok()?.0;
    Some(Node {
        span: Some(0..text.len()),
        kind: root.kind,
    })
}

/// A TOML value read through `toml::Spanned`'s protocol: the deserializer hands a value's
/// span as the fields of a struct of a reserved name, or (where it has none) the value alone.
struct TomlNode(Node);

/// The reserved names of `toml::Spanned` (from `serde_spanned`).
const SPANNED: &str = "$__serde_spanned_private_Spanned";
const START: &str = "$__serde_spanned_private_start";
const END: &str = "$__serde_spanned_private_end";
const VALUE: &str = "$__serde_spanned_private_value";
const SPANNED_FIELDS: &[&str] = &[START, END, VALUE];

impl<'de> Deserialize<'de> for TomlNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct(SPANNED, SPANNED_FIELDS, NodeVisitor)
    }
}

/// A TOML key with its span, when the deserializer gives one.
struct TomlKey {
    name: String,
    span: Option<Span>,
}

impl<'de> Deserialize<'de> for TomlKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TomlKey;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<TomlKey, E> {
                Ok(TomlKey {
                    name: v.to_string(),
                    span: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TomlKey, A::Error> {
                let (span, name) = spanned_fields(&mut map, None, PhantomData::<String>)?;
                Ok(TomlKey {
                    name,
                    span: Some(span),
                })
            }
        }
        deserializer.deserialize_struct(SPANNED, SPANNED_FIELDS, V)
    }
}

/// Reads the fields of a spanned value (start, end, then the value with `seed`), `first` being
/// the first key if it was already read.
fn spanned_fields<'de, A: MapAccess<'de>, S: DeserializeSeed<'de>>(
    map: &mut A,
    first: Option<String>,
    seed: S,
) -> Result<(Span, S::Value), A::Error> {
    let mut start = None;
    let mut end = None;
    let mut value = None;
    let mut seed = Some(seed);
    let mut key = match first {
        Some(k) => Some(k),
        None => map.next_key::<String>()?,
    };
    while let Some(k) = key {
        match k.as_str() {
            START => start = Some(map.next_value::<usize>()?),
            END => end = Some(map.next_value::<usize>()?),
            _ => match seed.take() {
                Some(seed) => value = Some(map.next_value_seed(seed)?),
                None => return Err(serde::de::Error::custom("spanned value given twice")),
            },
        }
        key = map.next_key::<String>()?;
    }
    match (start, end, value) {
        (Some(s), Some(e), Some(v)) => Ok((s..e, v)),
        _ => Err(serde::de::Error::custom("incomplete spanned value")),
    }
}

/// Builds a [`Node`] from whatever the deserializer hands over.
struct NodeVisitor;

impl NodeVisitor {
    fn leaf<E>(self) -> Result<TomlNode, E> {
        Ok(TomlNode(Node {
            span: None,
            kind: Kind::Leaf,
        }))
    }
}

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = TomlNode;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a TOML value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<TomlNode, E> {
        self.leaf()
    }
    fn visit_i64<E>(self, _: i64) -> Result<TomlNode, E> {
        self.leaf()
    }
    fn visit_u64<E>(self, _: u64) -> Result<TomlNode, E> {
        self.leaf()
    }
    fn visit_f64<E>(self, _: f64) -> Result<TomlNode, E> {
        self.leaf()
    }
    fn visit_str<E>(self, v: &str) -> Result<TomlNode, E> {
        Ok(TomlNode(Node {
            span: None,
            kind: Kind::Str(v.to_string()),
        }))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<TomlNode, A::Error> {
        let mut items = Vec::new();
        while let Some(TomlNode(item)) = seq.next_element_seed(NodeSeed)? {
            items.push(item);
        }
        Ok(TomlNode(Node {
            span: None,
            kind: Kind::Seq(items),
        }))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TomlNode, A::Error> {
        let Some(first) = map.next_key::<TomlKey>()? else {
            return Ok(TomlNode(Node {
                span: None,
                kind: Kind::Map(Vec::new()),
            }));
        };
        if first.span.is_none() && first.name == START {
            // The value's span, then the value.
            let (span, TomlNode(mut node)) = spanned_fields(&mut map, Some(first.name), AnySeed)?;
            node.span = Some(span);
            return Ok(TomlNode(node));
        }
        let mut entries = Vec::new();
        let mut key = Some(first);
        while let Some(k) = key {
            let TomlNode(value) = map.next_value_seed(NodeSeed)?;
            entries.push(Entry {
                key: Node {
                    span: k.span,
                    kind: Kind::Leaf,
                },
                name: k.name,
                value,
            });
            key = map.next_key::<TomlKey>()?;
        }
        Ok(TomlNode(Node {
            span: None,
            kind: Kind::Map(entries),
        }))
    }
}

/// Deserializes a [`TomlNode`] (asking for its span).
struct NodeSeed;

impl<'de> DeserializeSeed<'de> for NodeSeed {
    type Value = TomlNode;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<TomlNode, D::Error> {
        TomlNode::deserialize(deserializer)
    }
}

/// Deserializes the inside of a spanned value (without asking for its span again).
struct AnySeed;

impl<'de> DeserializeSeed<'de> for AnySeed {
    type Value = TomlNode;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<TomlNode, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}
