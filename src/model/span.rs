//! The spans of a parsed source file: every value and every key with the byte range the
//! format's own parser recorded for it (serde_json's raw values, `toml::Spanned`), and the
//! conversion of byte offsets to lines and columns through one table of line starts.
//!
//! Validation names where a problem is by a structural [`FieldPath`]
//! (`decision_makers[1].options[0]`); [`SourceMap::span`] turns it into the parser's span.

use std::ops::Range;

/// A byte range of the source text.
pub(crate) type Span = Range<usize>;

/// The format a source text is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// JSON.
    Json,
    /// TOML.
    Toml,
}

/// A text a file was loaded from, and its format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SourceText {
    /// The text.
    pub(crate) text: String,
    /// Its format.
    pub(crate) format: Format,
}

/// One step of a [`FieldPath`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seg {
    /// A struct field, by name.
    Field(&'static str),
    /// An element of a list.
    Index(usize),
    /// The value of a map's entry, by its position among the entries (duplicate keys
    /// included).
    Entry(usize),
    /// The key of a map's entry, by its position.
    Key(usize),
}

/// Where a value is in a file, from the top: `[Field("decision_makers"), Index(1),
/// Field("options"), Index(0)]`.
pub(crate) type FieldPath = Vec<Seg>;

/// A parsed value with the span the parser gave it (`None` where the parser gives none,
/// such as a TOML array of tables).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Node {
    /// Its span.
    pub(crate) span: Option<Span>,
    /// What it holds.
    pub(crate) kind: Kind,
}

/// What a [`Node`] holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A list.
    Seq(Vec<Node>),
    /// A map or table: its entries in the parser's order.
    Map(Vec<Entry>),
    /// A string, escapes resolved.
    Str(String),
    /// A key, or any other scalar.
    Leaf,
}

/// One entry of a map or table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The key as written (its span).
    pub(crate) key: Node,
    /// The key's text, escapes resolved.
    pub(crate) name: String,
    /// The value.
    pub(crate) value: Node,
}

/// The byte offset of the start of every line, to turn offsets into lines and columns by
/// binary search.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text` in one pass.
    pub(crate) fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// The 1-based line and 1-based column (in characters) of byte offset `at` in `text`.
    pub(crate) fn line_column(&self, text: &str, at: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= at).max(1);
        let start = self.starts[line - 1];
        let column = text
            .get(start..at.min(text.len()))
            .map_or(0, |before| before.chars().count());
        (line, column + 1)
    }
}

/// A source text with the spans its parser recorded.
#[derive(Debug, Clone)]
pub(crate) struct SourceMap<'a> {
    text: &'a str,
    root: Option<Node>,
    lines: LineIndex,
}

impl<'a> SourceMap<'a> {
    /// Parses `text` once more as `format` to record its spans (none if it does not parse).
    pub(crate) fn new(text: &'a str, format: Format) -> Self {
        let root = match format {
            Format::Json => crate::model::span_parse::json(text),
            Format::Toml => crate::model::span_parse::toml(text),
        };
        SourceMap {
            text,
            root,
            lines: LineIndex::new(text),
        }
    }

    /// The parsed tree, if the text parsed.
    pub(crate) fn root(&self) -> Option<&Node> {
        self.root.as_ref()
    }

    /// The node at `path`. A struct field is found among its struct's entries (a few, since
    /// the file parsed into the struct); list elements and map entries directly.
    pub(crate) fn node(&self, path: &[Seg]) -> Option<&Node> {
        let mut node = self.root.as_ref()?;
        for seg in path {
            node = match (seg, &node.kind) {
                (Seg::Index(i), Kind::Seq(items)) => items.get(*i)?,
                (Seg::Entry(i), Kind::Map(entries)) => &entries.get(*i)?.value,
                (Seg::Key(i), Kind::Map(entries)) => &entries.get(*i)?.key,
                (Seg::Field(name), Kind::Map(entries)) => {
                    &entries.iter().find(|e| e.name == *name)?.value
                }
                _ => return None,
            };
        }
        Some(node)
    }

    /// The span of the value at `path`, or of the nearest enclosing value that has one.
    pub(crate) fn span(&self, path: &[Seg]) -> Option<Span> {
        (0..=path.len())
            .rev()
            .find_map(|k| self.node(&path[..k])?.span.clone())
    }

    /// The 1-based line and column of byte offset `at`.
    pub(crate) fn line_column(&self, at: usize) -> (usize, usize) {
        self.lines.line_column(self.text, at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let text = "ab\ncdé f\n\nx";
        let lines = LineIndex::new(text);
        assert_eq!(lines.line_column(text, 0), (1, 1));
        assert_eq!(lines.line_column(text, 3), (2, 1));
        // After the two-byte `é`: column counts characters.
        assert_eq!(lines.line_column(text, 7), (2, 4));
        assert_eq!(lines.line_column(text, 9), (2, 6));
        assert_eq!(lines.line_column(text, 10), (3, 1));
        assert_eq!(lines.line_column(text, 11), (4, 1));
    }

    #[test]
    fn json_paths_to_spans() {
        let text = "{\n  \"a\": [\"x\", \"y\\u0041\"],\n  \"m\": { \"k\": \"v\", \"k\": 3 }\n}";
        let map = SourceMap::new(text, Format::Json);
        let at = |path: &[Seg]| map.span(path).map(|s| &text[s]);
        assert_eq!(at(&[Seg::Field("a"), Seg::Index(1)]), Some("\"y\\u0041\""));
        assert_eq!(at(&[Seg::Field("m"), Seg::Key(1)]), Some("\"k\""));
        assert_eq!(at(&[Seg::Field("m"), Seg::Entry(1)]), Some("3"));
        let (line, column) =
            map.line_column(map.span(&[Seg::Field("m"), Seg::Entry(1)]).unwrap().start);
        assert_eq!((line, column), (3, 25));
        // A missing element: the enclosing list.
        assert_eq!(
            at(&[Seg::Field("a"), Seg::Index(7)]),
            Some("[\"x\", \"y\\u0041\"]")
        );
    }

    #[test]
    fn toml_paths_to_spans() {
        let text = "# \"k\" in a comment\nname = 'n'\n[[p]]\nk = \"\"\"multi\nline\"\"\"\n[[p]]\nk = \"b\"\n[m]\nbare = 1\n";
        let map = SourceMap::new(text, Format::Toml);
        let at = |path: &[Seg]| map.span(path).map(|s| &text[s]);
        assert_eq!(at(&[Seg::Field("name")]), Some("'n'"));
        assert_eq!(
            at(&[Seg::Field("p"), Seg::Index(0), Seg::Field("k")]),
            Some("\"\"\"multi\nline\"\"\"")
        );
        assert_eq!(
            at(&[Seg::Field("p"), Seg::Index(1), Seg::Field("k")]),
            Some("\"b\"")
        );
        assert_eq!(at(&[Seg::Field("m"), Seg::Key(0)]), Some("bare"));
        let span = map
            .span(&[Seg::Field("p"), Seg::Index(1), Seg::Field("k")])
            .unwrap();
        assert_eq!(map.line_column(span.start), (7, 5));
    }

    #[test]
    fn unparsable_text_has_no_spans() {
        let map = SourceMap::new("{", Format::Json);
        assert!(map.root().is_none());
        assert_eq!(map.span(&[Seg::Field("a")]), None);
    }
}
