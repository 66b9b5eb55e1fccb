//! Finding the lines of problems in a source text (graph-model and scenario files) in time
//! linear in the text: one pass indexes every quoted string, then each problem is looked up in
//! the index instead of searching the text again.

use std::cell::Cell;
use std::collections::HashMap;

/// The most problems listed in a load error; the rest are counted ("and M more").
pub const MAX_LISTED_PROBLEMS: usize = 100;

/// At most this many problems per text fall back to a search of the whole text (for a name
/// that is not a whole quoted string, such as a TOML bare key); the rest get no line.
const MAX_TEXT_SEARCHES: usize = 32;

/// Every quoted string of a text, by its raw contents, with the offsets of its lines.
pub(crate) struct SourceIndex<'a> {
    source: &'a str,
    /// Offsets of double-quoted strings (JSON strings, TOML basic strings), by their text
    /// as written.
    double: HashMap<&'a str, Vec<usize>>,
    /// The double-quoted strings that are the value of a `name` key (`name = "x"`,
    /// `"name": "x"`).
    definitions: HashMap<&'a str, Vec<usize>>,
    /// Single-quoted strings (TOML literal strings).
    single: HashMap<&'a str, Vec<usize>>,
    /// Byte offset of the start of every line after the first.
    line_starts: Vec<usize>,
    /// Bytes and index entries examined so far (the indexing pass, each lookup, and any
    /// whole-text searches).
    work: Cell<usize>,
    /// Whole-text searches left.
    searches_left: Cell<usize>,
}

impl<'a> SourceIndex<'a> {
    /// Indexes `source` in one pass.
    pub(crate) fn new(source: &'a str) -> Self {
        let bytes = source.as_bytes();
        let mut double: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut definitions: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut single: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut line_starts = Vec::new();
        // The key a `=` or `:` just followed, while the next token may be its value.
        let mut pending_key: Option<&str> = None;
        // The last string or bare word, a key if `=` or `:` follows.
        let mut last_word: Option<&str> = None;
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => {
                    line_starts.push(i + 1);
                    i += 1;
                }
                b'"' => {
                    // A string ends at the next unescaped quote, or (malformed) at the line's
                    // end, so that the index never loses step for more than a line.
                    let start = i + 1;
                    let mut j = start;
                    while j < bytes.len() && bytes[j] != b'"' && bytes[j] != b'\n' {
                        j += if bytes[j] == b'\\' && j + 1 < bytes.len() && bytes[j + 1] != b'\n' {
                            2
                        } else {
                            1
                        };
                    }
                    let text = &source[start..j.min(bytes.len())];
                    if pending_key.is_some_and(is_name_key) {
                        definitions.entry(text).or_default().push(i);
                    }
                    double.entry(text).or_default().push(i);
                    pending_key = None;
                    last_word = Some(text);
                    i = if j < bytes.len() && bytes[j] == b'"' {
                        j + 1
                    } else {
                        j
                    };
                }
                b'\'' => {
                    let start = i + 1;
                    let mut j = start;
                    while j < bytes.len() && bytes[j] != b'\'' && bytes[j] != b'\n' {
                        j += 1;
                    }
                    let text = &source[start..j];
                    single.entry(text).or_default().push(i);
                    pending_key = None;
                    last_word = Some(text);
                    i = if j < bytes.len() && bytes[j] == b'\'' {
                        j + 1
                    } else {
                        j
                    };
                }
                b'#' => {
                    // A TOML comment (JSON has no `#` outside strings).
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
                }
                b'=' | b':' => {
                    pending_key = last_word.take();
                    i += 1;
                }
                b' ' | b'\t' | b'\r' => i += 1,
                c if c.is_ascii_alphanumeric() || c == b'_' || c == b'-' || c == b'.' => {
                    let start = i;
                    while i < bytes.len()
                        && (bytes[i].is_ascii_alphanumeric()
                            || matches!(bytes[i], b'_' | b'-' | b'.'))
                    {
                        i += 1;
                    }
                    pending_key = None;
                    last_word = Some(&source[start..i]);
                }
                _ => {
                    pending_key = None;
                    last_word = None;
                    // Step over a whole UTF-8 character.
                    i += 1;
                    while i < bytes.len() && (bytes[i] & 0xC0) == 0x80 {
                        i += 1;
                    }
                }
            }
        }
        SourceIndex {
            source,
            double,
            definitions,
            single,
            line_starts,
            work: Cell::new(bytes.len()),
            searches_left: Cell::new(MAX_TEXT_SEARCHES),
        }
    }

    /// Work done so far: the text's length for the index, one unit per index entry a lookup
    /// examined (at most `nth + 2` per lookup), and the bytes of any whole-text searches (at
    /// most a fixed number of them).
    #[cfg(test)]
    pub(crate) fn work(&self) -> usize {
        self.work.get()
    }

    /// The 1-based line of byte offset `at`.
    fn line_of(&self, at: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= at) + 1
    }

    /// The text of `item` as written between double quotes (JSON escapes).
    fn escaped(item: &str) -> Option<String> {
        let quoted = serde_json::to_string(item).ok()?;
        Some(quoted[1..quoted.len() - 1].to_string())
    }

    /// The 1-based line of the `nth` (0-based) quoted occurrence of `item`, falling back to
    /// the first quoted occurrence and then to a bare occurrence (a TOML bare key, a name
    /// inside a longer string).
    pub(crate) fn locate(&self, item: &str, nth: usize) -> Option<usize> {
        let escaped = Self::escaped(item)?;
        let double = self
            .double
            .get(escaped.as_str())
            .map_or(&[][..], Vec::as_slice);
        let single = self.single.get(item).map_or(&[][..], Vec::as_slice);
        if double.is_empty() && single.is_empty() {
            return self.search(item);
        }
        let at = self
            .merged(double, single, nth)
            .or_else(|| self.merged(double, single, 0))?;
        Some(self.line_of(at))
    }

    /// The `k`-th (0-based) of two ascending offset lists merged, walking only the first
    /// `k + 1` entries.
    fn merged(&self, a: &[usize], b: &[usize], k: usize) -> Option<usize> {
        let (mut i, mut j) = (0, 0);
        loop {
            self.work.set(self.work.get() + 1);
            let next = match (a.get(i), b.get(j)) {
                (Some(&x), Some(&y)) if x <= y => {
                    i += 1;
                    x
                }
                (_, Some(&y)) => {
                    j += 1;
                    y
                }
                (Some(&x), None) => {
                    i += 1;
                    x
                }
                (None, None) => return None,
            };
            if i + j > k {
                return Some(next);
            }
        }
    }

    /// The 1-based line of the `nth` (0-based) `name = "x"` or `"name": "x"`.
    pub(crate) fn definition(&self, name: &str, nth: usize) -> Option<usize> {
        let escaped = Self::escaped(name)?;
        self.work.set(self.work.get() + 1);
        let at = self.definitions.get(escaped.as_str())?.get(nth)?;
        Some(self.line_of(*at))
    }

    /// The line of the first occurrence of `item` anywhere in the text, while searches are
    /// left.
    fn search(&self, item: &str) -> Option<usize> {
        if item.is_empty() || self.searches_left.get() == 0 {
            return None;
        }
        self.searches_left.set(self.searches_left.get() - 1);
        let at = self.source.find(item);
        self.work
            .set(self.work.get() + at.map_or(self.source.len(), |a| a + item.len()));
        Some(self.line_of(at?))
    }
}

/// `name`, `"name"` or a dotted key ending in `.name`.
fn is_name_key(key: &str) -> bool {
    key.strip_suffix("name")
        .is_some_and(|rest| !rest.ends_with(|c: char| c.is_alphanumeric() || c == '_'))
}

/// Sorts located problems into file order (unlocated ones last, each group in the order
/// found) and keeps the first [`MAX_LISTED_PROBLEMS`], when there are more; returns how many
/// were left out.
pub(crate) fn keep_first<T>(problems: &mut Vec<T>, line: impl Fn(&T) -> Option<usize>) -> usize {
    if problems.len() <= MAX_LISTED_PROBLEMS {
        return 0;
    }
    problems.sort_by_key(|p| line(p).unwrap_or(usize::MAX));
    let omitted = problems.len() - MAX_LISTED_PROBLEMS;
    problems.truncate(MAX_LISTED_PROBLEMS);
    omitted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_and_definitions() {
        let text = "{\n  \"name\": \"A\",\n  \"of\": \"A\",\n  \"x\": [\"A\", \"B\"]\n}\n";
        let index = SourceIndex::new(text);
        assert_eq!(index.locate("A", 0), Some(2));
        assert_eq!(index.locate("A", 1), Some(3));
        assert_eq!(index.locate("A", 2), Some(4));
        assert_eq!(index.locate("A", 9), Some(2));
        assert_eq!(index.locate("B", 0), Some(4));
        assert_eq!(index.definition("A", 0), Some(2));
        assert_eq!(index.definition("A", 1), None);
        // The pass, then 1 + 2 + 3 + (4 + 1) + 1 entries for the lookups, 1 per definition.
        assert_eq!(index.work(), text.len() + 12 + 2);
    }

    #[test]
    fn toml_keys_literals_comments_and_escapes() {
        let text = "# it's a comment with \"A\"\n[[parties]]\nname = 'A'\nparties.name = \"B\"\nModify = \"forward\"\nq = \"say \\\"hi\\\" A\"\n";
        let index = SourceIndex::new(text);
        assert_eq!(index.locate("A", 0), Some(3));
        assert_eq!(index.definition("B", 0), Some(4));
        // A bare key is found by searching the text.
        assert_eq!(index.locate("Modify", 0), Some(5));
        assert_eq!(index.locate("forward", 0), Some(5));
        assert_eq!(index.locate("say \"hi\" A", 0), Some(6));
        assert_eq!(index.locate("absent", 0), None);
        assert!(index.work() > text.len());
    }

    #[test]
    fn searches_are_bounded() {
        let text = "x\n".repeat(10);
        let index = SourceIndex::new(&text);
        for _ in 0..MAX_TEXT_SEARCHES {
            assert_eq!(index.locate("x", 0), Some(1));
        }
        assert_eq!(index.locate("x", 0), None);
        // The pass and one byte per search (`x` is found at once).
        assert_eq!(index.work(), text.len() + MAX_TEXT_SEARCHES);
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
