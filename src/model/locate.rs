//! Finding the lines and columns of problems in a source text (graph-model and scenario
//! files) from the spans its parser recorded ([`SourceMap`]), in time linear in the text.
//!
//! Validation names where most problems are by a [`FieldPath`]; that path's span is the
//! problem's place. A problem found after loading (when a scenario is compiled) may name only
//! a text (a [`Lookup`]); it is found among the parsed strings and keys, by value.

use std::cell::{Cell, OnceCell};
use std::collections::HashMap;

use crate::model::error::Located;
use crate::model::span::{FieldPath, Format, Kind, Node, SourceMap};

/// The most problems listed in a load error; the rest are counted ("and M more").
pub const MAX_LISTED_PROBLEMS: usize = 100;

/// A problem with the path of the value it is about, when validation knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Placed<E> {
    /// The problem.
    pub(crate) error: E,
    /// The value it is about.
    pub(crate) at: Option<FieldPath>,
}

impl<E> Placed<E> {
    /// A problem about the value at `path`.
    pub(crate) fn at(error: E, path: FieldPath) -> Self {
        Placed {
            error,
            at: Some(path),
        }
    }

    /// A problem about no single value.
    pub(crate) fn nowhere(error: E) -> Self {
        Placed { error, at: None }
    }
}

/// A problem's place given by a text: the `nth` (0-based) parsed string or key equal to it,
/// in file order (else the first); for a `definition`, the `nth` value of a `name` field
/// equal to it first.
pub(crate) struct Lookup<'a> {
    /// The text.
    pub(crate) text: &'a str,
    /// Which occurrence.
    pub(crate) nth: usize,
    /// Whether it names an item (`name = "x"`).
    pub(crate) definition: bool,
}

/// Every parsed string and key by its text, with the offsets where it is (ascending).
#[derive(Default)]
struct ValueIndex {
    values: HashMap<String, Vec<usize>>,
    definitions: HashMap<String, Vec<usize>>,
}

impl ValueIndex {
    fn new(root: &Node, work: &Cell<usize>) -> Self {
        let mut index = ValueIndex::default();
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            work.set(work.get() + 1);
            match &node.kind {
                Kind::Str(s) => index.add(s, node, false),
                Kind::Seq(items) => stack.extend(items),
                Kind::Map(entries) => {
                    for e in entries {
                        index.add(&e.name, &e.key, false);
                        if e.name == "name" {
                            if let Kind::Str(s) = &e.value.kind {
                                index.add(s, &e.value, true);
                            }
                        }
                        stack.push(&e.value);
                    }
                }
                Kind::Leaf => {}
            }
        }
        for offsets in index
            .values
            .values_mut()
            .chain(index.definitions.values_mut())
        {
            offsets.sort_unstable();
        }
        index
    }

    fn add(&mut self, text: &str, node: &Node, definition: bool) {
        let Some(span) = &node.span else { return };
        let map = if definition {
            &mut self.definitions
        } else {
            &mut self.values
        };
        match map.get_mut(text) {
            Some(offsets) => offsets.push(span.start),
            None => {
                map.insert(text.to_string(), vec![span.start]);
            }
        }
    }
}

/// A source text's spans, to place problems.
pub(crate) struct Locator<'a> {
    map: SourceMap<'a>,
    values: OnceCell<ValueIndex>,
    /// Nodes and path steps examined so far (for the tests of linearity).
    work: Cell<usize>,
}

impl<'a> Locator<'a> {
    /// Records the spans of `text`, written as `format`, with its parser.
    pub(crate) fn new(text: &'a str, format: Format) -> Self {
        Locator {
            map: SourceMap::new(text, format),
            values: OnceCell::new(),
            work: Cell::new(text.len()),
        }
    }

    /// Work done so far: the text's length for the parse, one unit per path step followed,
    /// and, if any problem was looked up by text, one per node indexed and one per lookup.
    #[cfg(test)]
    pub(crate) fn work(&self) -> usize {
        self.work.get()
    }

    /// The offset where the value at `path` starts.
    fn at(&self, path: &FieldPath) -> Option<usize> {
        self.work.set(self.work.get() + path.len().max(1));
        Some(self.map.span(path)?.start)
    }

    /// The offset of a looked-up text.
    fn lookup(&self, item: &Lookup<'_>) -> Option<usize> {
        let index = self.values.get_or_init(|| match self.map.root() {
            Some(root) => ValueIndex::new(root, &self.work),
            None => ValueIndex::default(),
        });
        self.work.set(self.work.get() + 1);
        if item.definition {
            if let Some(&at) = index
                .definitions
                .get(item.text)
                .and_then(|o| o.get(item.nth))
            {
                return Some(at);
            }
        }
        let offsets = index.values.get(item.text)?;
        let nth = if item.definition { 0 } else { item.nth };
        offsets.get(nth).or(offsets.first()).copied()
    }

    /// The 1-based line and column of `offset`.
    fn line_column(&self, offset: usize) -> (usize, usize) {
        self.map.line_column(offset)
    }
}

/// Places every problem (by its path, else by `lookup`), keeps the first
/// [`MAX_LISTED_PROBLEMS`] in file order when there are more (then `more(count left out)`),
/// and gives the kept ones their lines and columns.
pub(crate) fn locate_all<'e, E: 'e>(
    locator: Option<&Locator<'_>>,
    problems: Vec<Placed<E>>,
    lookup: impl Fn(&E) -> Option<Lookup<'_>>,
    more: impl FnOnce(usize) -> E,
) -> Vec<Located<E>> {
    let mut placed: Vec<(Option<usize>, E)> = problems
        .into_iter()
        .map(|p| {
            let offset = locator.and_then(|l| match &p.at {
                Some(path) => l.at(path),
                None => l.lookup(&lookup(&p.error)?),
            });
            (offset, p.error)
        })
        .collect();
    let left_out = keep_first(&mut placed, |p| p.0);
    let mut located: Vec<Located<E>> = placed
        .into_iter()
        .map(|(offset, error)| {
            let place = locator.zip(offset).map(|(l, at)| l.line_column(at));
            Located {
                line: place.map(|p| p.0),
                column: place.map(|p| p.1),
                error,
            }
        })
        .collect();
    if left_out > 0 {
        located.push(Located {
            line: None,
            column: None,
            error: more(left_out),
        });
    }
    located
}

/// Sorts placed problems into file order (unplaced ones last, each group in the order found)
/// and keeps the first [`MAX_LISTED_PROBLEMS`], when there are more; returns how many were
/// left out.
fn keep_first<T>(problems: &mut Vec<T>, offset: impl Fn(&T) -> Option<usize>) -> usize {
    if problems.len() <= MAX_LISTED_PROBLEMS {
        return 0;
    }
    problems.sort_by_key(|p| offset(p).unwrap_or(usize::MAX));
    let omitted = problems.len() - MAX_LISTED_PROBLEMS;
    problems.truncate(MAX_LISTED_PROBLEMS);
    omitted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::span::Seg;

    fn lookup(text: &str, nth: usize, definition: bool) -> Lookup<'_> {
        Lookup {
            text,
            nth,
            definition,
        }
    }

    #[test]
    fn paths_and_lookups() {
        let text = "{\n  \"name\": \"A\",\n  \"of\": \"A\",\n  \"x\": [\"A\", \"B\"]\n}\n";
        let l = Locator::new(text, Format::Json);
        let line = |at: Option<usize>| at.map(|a| l.line_column(a));
        assert_eq!(
            line(l.at(&vec![Seg::Field("x"), Seg::Index(1)])),
            Some((4, 14))
        );
        assert_eq!(line(l.lookup(&lookup("A", 0, false))), Some((2, 11)));
        assert_eq!(line(l.lookup(&lookup("A", 1, false))), Some((3, 9)));
        assert_eq!(line(l.lookup(&lookup("A", 9, false))), Some((2, 11)));
        assert_eq!(line(l.lookup(&lookup("A", 0, true))), Some((2, 11)));
        // No second definition: the first occurrence.
        assert_eq!(line(l.lookup(&lookup("A", 1, true))), Some((2, 11)));
        // A key.
        assert_eq!(line(l.lookup(&lookup("of", 0, false))), Some((3, 3)));
        assert_eq!(l.lookup(&lookup("absent", 0, false)), None);
        // The parse, 2 path steps, 6 nodes indexed (the object, its 3 values and the list's 2
        // elements; keys are indexed with their entries) and one unit per lookup.
        assert_eq!(l.work(), text.len() + 2 + 6 + 7);
    }

    #[test]
    fn toml_comments_bare_keys_and_escapes_are_the_parser_s() {
        let text = "# it's a comment with \"A\" and Modify\n[[parties]]\nname = 'A'\n[irreversible]\nModify = \"forward\"\n[x]\nq = \"say \\\"hi\\\" A\"\n";
        let l = Locator::new(text, Format::Toml);
        let line = |item: Lookup<'_>| l.lookup(&item).map(|a| l.line_column(a));
        assert_eq!(line(lookup("A", 0, false)), Some((3, 8)));
        assert_eq!(line(lookup("A", 0, true)), Some((3, 8)));
        assert_eq!(line(lookup("Modify", 0, false)), Some((5, 1)));
        assert_eq!(line(lookup("forward", 0, false)), Some((5, 10)));
        assert_eq!(line(lookup("say \"hi\" A", 0, false)), Some((7, 5)));
        assert_eq!(line(lookup("absent", 0, false)), None);
    }

    #[test]
    fn keep_first_sorts_only_when_cutting() {
        let mut few = vec![Some(3), Some(1), None];
        assert_eq!(keep_first(&mut few, |l| *l), 0);
        assert_eq!(few, vec![Some(3), Some(1), None]);
        let mut many: Vec<Option<usize>> = (0..MAX_LISTED_PROBLEMS + 5)
            .rev()
            .map(|k| if k == 0 { None } else { Some(k) })
            .collect();
        assert_eq!(keep_first(&mut many, |l| *l), 5);
        assert_eq!(many.len(), MAX_LISTED_PROBLEMS);
        assert_eq!(many[0], Some(1));
        assert_eq!(many[MAX_LISTED_PROBLEMS - 1], Some(MAX_LISTED_PROBLEMS));
    }
}
