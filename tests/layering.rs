//! The crate's layering is one-directional: a module imports only the layers below it.
//!
//! How it checks: every `.rs` file under `src/` except `lib.rs` belongs to the top-level module
//! it sits in (`src/model/io.rs` to `model`, `src/limits.rs` to `limits`). The test strips
//! comments (so doc links such as ``[`crate::compile`]`` do not count), then collects every
//! path that leaves the file's module towards the crate root: `crate::X`, each branch of
//! `crate::{X, Y::Z}`, and `super::` chains that climb out of the top-level module. Each `X`
//! must be a top-level module listed in [`ALLOWED`] for the file's module (or the module
//! itself). A path through the crate root's re-exports (`crate::Limits`, `crate::GraphModel`)
//! is refused everywhere: `lib.rs` is the top floor, and nothing below it may import from it.
//! Finally `lib.rs` must declare the modules in the table's order, before its re-exports.
//!
//! The back-arrows removed in issue 13 (`scenario` -> `compile`, `conflict` -> `report`,
//! `internal` -> `stability`, `model` -> the crate root, `report` -> `internal`) each fail
//! this test if they come back; `layering_catches_back_arrows` shows that on samples.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Each top-level module, lowest layer first, with the modules it may import (besides
/// itself). `internal` may be used by the engine layers that use it today, but never by
/// the domain layers' renderers (`report`) nor by anything it serves.
const ALLOWED: &[(&str, &[&str])] = &[
    ("limits", &[]),
    ("model", &["limits"]),
    ("internal", &["limits", "model"]),
    ("stability", &["limits", "model", "internal"]),
    ("post", &["limits", "model", "internal", "stability"]),
    ("scenario", &["limits", "model"]),
    ("conflict", &["limits", "model", "scenario"]),
    ("compile", &["limits", "model", "scenario", "conflict"]),
    (
        "resolve",
        &[
            "limits",
            "model",
            "stability",
            "post",
            "scenario",
            "conflict",
            "compile",
        ],
    ),
    (
        "report",
        &[
            "limits",
            "model",
            "stability",
            "post",
            "scenario",
            "conflict",
            "compile",
            "resolve",
        ],
    ),
    ("strategy", &["limits", "model", "scenario", "resolve"]),
];

fn allowed(module: &str) -> Option<&'static [&'static str]> {
    ALLOWED.iter().find(|(m, _)| *m == module).map(|(_, a)| *a)
}

/// The source with `//` comments (line, doc and inner doc) and `/* */` comments removed,
/// and the contents of string literals (plain and raw) and char literals blanked, so neither a
/// doc link nor a `"crate::x"` in a string counts as a path.
fn strip_comments(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let prev = if i > 0 { Some(chars[i - 1]) } else { None };
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                i += 1;
            }
            i += 2;
        } else if c == 'r'
            && !prev.is_some_and(|p| is_ident(p) && p != 'b')
            && matches!(next, Some('"') | Some('#'))
        {
            // A raw string r"..", r#".."#: no escapes, ends at `"` and as many `#`.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                match chars.get(j) {
                    None => break,
                    Some('"') if (1..=hashes).all(|h| chars.get(j + h) == Some(&'#')) => {
                        j += 1 + hashes;
                        break;
                    }
                    Some('\n') => out.push('\n'),
                    _ => {}
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                } else if chars[i] == '\n' {
                    out.push('\n');
                }
                i += 1;
            }
            out.push_str("\"\"");
            i += 1;
        } else if c == '\'' && next == Some('\\') {
            // An escaped char literal: '\n', '\'', '\u{..}'.
            i += 2;
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            out.push_str("' '");
            i += 1;
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            out.push_str("' '");
            i += 3;
        } else {
            // Code, including lifetimes ('a).
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_at(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// The first segment of each branch of a `{...}` group starting at `text[0] == '{'`.
fn group_heads(text: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut at_branch_start = true;
    for (k, c) in text.char_indices() {
        match c {
            '{' => {
                depth += 1;
                at_branch_start = depth == 1;
            }
            '}' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            ',' if depth == 1 => at_branch_start = true,
            c if at_branch_start && depth == 1 && (c.is_alphanumeric() || c == '_') => {
                heads.push(ident_at(&text[k..]).to_string());
                at_branch_start = false;
            }
            _ => {}
        }
    }
    heads
}

/// The top-level items named by paths that go through the crate root: `crate::X`,
/// `crate::{X, ..}`, and `super::` chains at least `depth` long (`depth` = how deep the file's
/// module sits below the crate root).
fn root_paths(code: &str, depth: usize) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(k) = rest.find("crate::") {
        // `$crate::` in macros and identifiers ending in `crate` are not the keyword.
        let before = rest[..k].chars().next_back();
        let after = &rest[k + "crate::".len()..];
        if !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            if after.starts_with('{') {
                found.extend(group_heads(after));
            } else {
                found.push(ident_at(after).to_string());
            }
        }
        rest = after;
    }
    let mut rest = code;
    while let Some(k) = rest.find("super::") {
        let before = rest[..k].chars().next_back();
        let mut after = &rest[k..];
        let mut climbs = 0;
        while let Some(next) = after.strip_prefix("super::") {
            climbs += 1;
            after = next;
        }
        if !before.is_some_and(|c| c.is_alphanumeric() || c == '_') && climbs >= depth {
            if after.starts_with('{') {
                found.extend(group_heads(after));
            } else {
                found.push(ident_at(after).to_string());
            }
        }
        rest = after;
    }
    found
}

/// Every problem with the imports of `code`, the text of a file in top-level module
/// `module` sitting `depth` modules below the crate root.
fn problems(module: &str, depth: usize, code: &str, modules: &BTreeSet<&str>) -> Vec<String> {
    let Some(ok) = allowed(module) else {
        return vec![format!("module `{module}` is not in the layering table")];
    };
    let code = strip_comments(code);
    let mut out = Vec::new();
    for target in root_paths(&code, depth) {
        if target == module || ok.contains(&target.as_str()) {
            continue;
        }
        if modules.contains(target.as_str()) {
            out.push(format!("imports `{target}`, a layer above or beside it"));
        } else {
            out.push(format!("imports `crate::{target}` through the crate root"));
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("read src")
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `(top-level module, depth below the crate root)` of a file under `src/`.
fn module_of(relative: &Path) -> (String, usize) {
    let parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let top = parts[0].trim_end_matches(".rs").to_string();
    let last = parts.last().map(String::as_str).unwrap_or("");
    let depth = if last == "mod.rs" {
        parts.len() - 1
    } else {
        parts.len()
    };
    (top, depth)
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn table_modules() -> BTreeSet<&'static str> {
    ALLOWED.iter().map(|(m, _)| *m).collect()
}

#[test]
fn every_module_imports_only_lower_layers() {
    let src = src();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules = table_modules();
    let mut violations: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut checked = BTreeSet::new();
    for path in &files {
        let relative = path.strip_prefix(&src).expect("under src");
        if relative == Path::new("lib.rs") {
            continue;
        }
        let (module, depth) = module_of(relative);
        checked.insert(module.clone());
        let code = fs::read_to_string(path).expect("read source file");
        let found = problems(&module, depth, &code, &modules);
        if !found.is_empty() {
            violations.insert(relative.display().to_string(), found);
        }
    }
    assert_eq!(violations, BTreeMap::new());
    // Every module of the table was seen, and no file sits outside the table.
    assert_eq!(
        checked,
        modules
            .iter()
            .map(|m| m.to_string())
            .collect::<BTreeSet<_>>()
    );
}

#[test]
fn lib_rs_declares_the_layers_in_order_before_its_reexports() {
    let lib = fs::read_to_string(src().join("lib.rs")).expect("read lib.rs");
    let code = strip_comments(&lib);
    let mut declared = Vec::new();
    let mut first_use = None;
    let mut last_mod = 0;
    for (n, line) in code.lines().enumerate() {
        let line = line.trim();
        let item = line
            .strip_prefix("pub(crate) ")
            .or_else(|| line.strip_prefix("pub "))
            .unwrap_or(line);
        if let Some(name) = item.strip_prefix("mod ") {
            declared.push(name.trim_end_matches(';').to_string());
            last_mod = n;
        } else if item.starts_with("use ") && first_use.is_none() {
            first_use = Some(n);
        }
    }
    let expected: Vec<String> = ALLOWED.iter().map(|(m, _)| m.to_string()).collect();
    assert_eq!(declared, expected);
    assert!(
        first_use.is_some_and(|u| u > last_mod),
        "re-exports come after every module declaration"
    );
}

#[test]
fn layering_catches_back_arrows() {
    let modules = table_modules();
    // The back-arrows removed in issue 13, one sample each.
    let samples = [
        ("scenario", 2, "use crate::compile::OutcomeCode;"),
        ("conflict", 2, "use crate::report::dot::quoted;"),
        (
            "internal",
            2,
            "use crate::stability::concept::{Concept, Reachability};",
        ),
        ("model", 2, "fn f() -> crate::ModelError { todo!() }"),
        ("model", 2, "use crate::{limits::Limits, LimitError};"),
        ("report", 2, "sets: Vec<crate::internal::bitset::BitSet>,"),
        ("report", 2, "use super::super::internal::bitset::BitSet;"),
    ];
    for (module, depth, code) in samples {
        assert_eq!(
            problems(module, depth, code, &modules).len(),
            1,
            "{module}: {code}"
        );
    }
    assert_eq!(
        problems(
            "model",
            2,
            "use crate::{limits::Limits, LimitError};",
            &modules
        ),
        vec!["imports `crate::LimitError` through the crate root".to_string()]
    );
    assert_eq!(
        problems("conflict", 2, "use crate::report::dot::quoted;", &modules),
        vec!["imports `report`, a layer above or beside it".to_string()]
    );
    // Allowed imports, comments, doc links and strings do not count.
    let fine = [
        ("report", 2, "use crate::stability::analysis::Analysis;"),
        (
            "model",
            2,
            "/// See [`crate::report`] and [`crate::Limits`].\nfn f() {}",
        ),
        ("model", 2, "// crate::resolve\nlet s = \"crate::report\";"),
        ("post", 3, "use super::super::reach::Mover;"),
        (
            "conflict",
            2,
            "match c { '\"' => \"\\\"\", _ => \"crate::report\" }",
        ),
        ("model", 2, "let s = r#\"crate::report \"quoted\" \"#;"),
        ("post", 3, "use super::reach::Mover;"),
        ("report", 2, "macro_rules! m { () => { $crate::Limits } }"),
    ];
    for (module, depth, code) in fine {
        assert_eq!(
            problems(module, depth, code, &modules),
            Vec::<String>::new(),
            "{module}: {code}"
        );
    }
}

#[test]
fn module_paths_and_depths() {
    assert_eq!(module_of(Path::new("limits.rs")), ("limits".to_string(), 1));
    assert_eq!(
        module_of(Path::new("model/mod.rs")),
        ("model".to_string(), 1)
    );
    assert_eq!(
        module_of(Path::new("model/io.rs")),
        ("model".to_string(), 2)
    );
    assert_eq!(
        module_of(Path::new("post/coalition/moves.rs")),
        ("post".to_string(), 3)
    );
}
