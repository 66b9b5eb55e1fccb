//! Snapshot tests of the reports: every rendering of the seed case (text, Markdown, JSON, the
//! three DOT drawings, the tableau), the tableau of a corpus model, and every rendering but the
//! tableau of a scenario with awkward names (`tests/snapshots/awkward.toml`) must equal the file checked in
//! under `tests/snapshots/`, byte for byte.
//!
//! After an intended change of output, regenerate with
//! `UPDATE_SNAPSHOTS=1 cargo test --test report_snapshots`, then read the diff: the checked-in
//! files are the reviewed expectation. The drawings in `docs/images/` are rendered from the
//! seed's DOT snapshots by `scripts/render-docs.sh`; a test here fails when they are stale.

use std::path::Path;

use standoff::compile::Compiled;
use standoff::report::dot::{resolution_evolution, resolution_state_graph};
use standoff::report::markdown::escape;
use standoff::report::{
    conflict_markdown, conflict_text, resolution_markdown, scenario_markdown, scenario_report,
    tableau,
};
use standoff::resolve::Resolution;
use standoff::{Analysis, AnalysisOptions, ConflictGraph, GraphModel, Resolver, Scenario};

const SEED: &str = include_str!("../seeds/blackberry-pakistan-2015.toml");
const AWKWARD: &str = include_str!("snapshots/awkward.toml");

/// Compares `actual` with `tests/snapshots/{name}` (or writes it there when
/// `UPDATE_SNAPSHOTS` is set).
fn check(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (create it with UPDATE_SNAPSHOTS=1 and review it)",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from its snapshot from line {}:\n  expected: {:?}\n  actual:   {:?}\n\
             (if the change is intended: UPDATE_SNAPSHOTS=1 cargo test --test report_snapshots, then review the diff)\n\
             --- actual ---\n{actual}",
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line),
        );
    }
}

struct Resolved {
    conflict: ConflictGraph,
    compiled: Compiled,
    resolution: Resolution,
    analysis: Analysis,
}

fn resolve(text: &str) -> Resolved {
    let scenario = Scenario::from_toml_str(text).unwrap();
    let conflict = ConflictGraph::new(&scenario).unwrap();
    let resolver = Resolver::default();
    let (compiled, resolution) = resolver.resolve_scenario(&scenario).unwrap();
    let analysis = Analysis::run(
        compiled.model(),
        &AnalysisOptions {
            reachability: resolver.reachability,
            concepts: resolution.concepts.clone(),
            limits: resolver.limits.clone(),
            threads: resolver.threads,
        },
    )
    .unwrap();
    Resolved {
        conflict,
        compiled,
        resolution,
        analysis,
    }
}

/// Every rendering of a resolved scenario, as (snapshot suffix, text).
fn renderings(r: &Resolved) -> Vec<(&'static str, String)> {
    let mut json = r.resolution.to_json_string().unwrap();
    json.push('\n');
    vec![
        ("report.txt", scenario_report(&r.conflict, &r.resolution)),
        ("report.md", scenario_markdown(&r.conflict, &r.resolution)),
        ("resolution.json", json),
        ("conflict.dot", r.conflict.to_dot()),
        (
            "states.dot",
            resolution_state_graph(&r.compiled, Some(&r.analysis), &r.resolution).unwrap(),
        ),
        (
            "path.dot",
            resolution_evolution(r.compiled.model(), &r.resolution).unwrap(),
        ),
    ]
}

#[test]
fn seed_reports_match_their_snapshots() {
    let r = resolve(SEED);
    for (suffix, text) in renderings(&r) {
        check(&format!("blackberry.{suffix}"), &text);
    }
    check(
        "blackberry.tableau.txt",
        &tableau(r.compiled.model(), &r.analysis),
    );
}

#[test]
fn awkward_names_match_their_snapshots() {
    let r = resolve(AWKWARD);
    for (suffix, text) in renderings(&r) {
        check(&format!("awkward.{suffix}"), &text);
    }
}

#[test]
fn corpus_tableau_matches_its_snapshot() {
    let text = std::fs::read_to_string("tests/corpus/elmira.model.json").unwrap();
    let model = GraphModel::from_json_str(&text).unwrap();
    let analysis = Analysis::run(&model, &AnalysisOptions::default()).unwrap();
    check("elmira.tableau.txt", &tableau(&model, &analysis));
}

#[test]
fn the_text_report_keeps_the_conflict_summary_text() {
    // The report's conflict section is the conflict graph's own summary, names kept on one
    // line: for names without control characters, the two are the same text.
    let r = resolve(SEED);
    assert_eq!(
        conflict_text(&r.conflict),
        r.conflict.to_string(),
        "src/report/resolution.rs `conflict_text` must follow the conflict summary's Display"
    );
}

#[test]
fn the_markdown_documents_compose() {
    let r = resolve(SEED);
    let conflict = conflict_markdown(&r.conflict);
    let resolution = resolution_markdown(&r.resolution);
    assert!(conflict.starts_with("# Conflict: BlackBerry and Pakistan, 2015\n\n"));
    assert!(resolution.starts_with("# Resolution: BlackBerry and Pakistan, 2015\n\n"));
    // The full report holds both bodies, headings one level down.
    let full = scenario_markdown(&r.conflict, &r.resolution);
    let body = |doc: &str| {
        let (_, body) = doc.split_once("\n\n").unwrap();
        body.lines()
            .map(|l| {
                if l.starts_with('#') {
                    format!("#{l}\n")
                } else {
                    format!("{l}\n")
                }
            })
            .collect::<String>()
    };
    assert!(full.contains(&body(&conflict)));
    // The forecast opens the full report; the resolution's other sections close it.
    let forecast = standoff::report::forecast_markdown(&r.resolution);
    assert!(full.contains(&format!("# BlackBerry and Pakistan, 2015\n\n{forecast}")));
    assert!(resolution.contains(&forecast));
    let rest = resolution.replacen(&format!("{forecast}\n"), "", 1);
    assert!(full.ends_with(&body(&rest)));
    for doc in [&conflict, &resolution, &full] {
        assert!(doc.ends_with('\n') && !doc.ends_with("\n\n"));
    }
}

/// The number of cell separators in a Markdown table row: `|` not escaped by a backslash.
fn cells(row: &str) -> usize {
    let mut n = 0;
    let mut escaped = false;
    for c in row.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => n += 1,
            _ => escaped = false,
        }
    }
    n
}

#[test]
fn awkward_names_cannot_break_the_markdown() {
    let r = resolve(AWKWARD);
    let md = scenario_markdown(&r.conflict, &r.resolution);
    // Every table row has as many cells as its header.
    let mut header = None;
    for line in md.lines() {
        if line.starts_with('|') {
            let n = cells(line);
            let h = *header.get_or_insert(n);
            assert_eq!(n, h, "row breaks its table: {line}");
        } else {
            header = None;
        }
    }
    // No name runs onto a line of its own, and no list or heading starts inside a name.
    for line in md.lines() {
        assert!(
            !line.starts_with("second line") && !line.starts_with("Ltd"),
            "{line}"
        );
    }
    assert!(md.starts_with(
        "# Quote \" backslash \\\\ pipe \\| star \\* under\\_score \\`tick\\` \\<b\\>\\&amp; second line: ünïcödé — 東京\n"
    ));
    assert!(md.contains(
        "| 4 | 1\\. leave \\| go | B\\\\C Ltd \\#1 | B\\\\C Ltd \\#1 exits the market |"
    ));
    assert!(md.contains("“\\- no \\<back\\|doors\\>”"));
}

#[test]
fn markdown_escape_is_plain_for_plain_names() {
    for plain in ["BlackBerry", "exit Pakistan", "Ünïcödé 東京", "a.b", "x-y"] {
        assert_eq!(escape(plain), plain);
    }
    assert_eq!(escape("+1"), "\\+1");
    assert_eq!(escape("12) x"), "12\\) x");
    assert_eq!(escape("a\r\nb\tc\u{7}d"), "a b cd");
}

#[test]
fn text_and_dot_keep_awkward_names_in_place() {
    let r = resolve(AWKWARD);
    let text = scenario_report(&r.conflict, &r.resolution);
    // Line breaks inside names become spaces: every line of the report is one of its own.
    assert!(text.contains("\n  B\\C Ltd #1 (company); moves: `1. leave | go` (exit)\n"));
    assert!(!text
        .lines()
        .any(|l| l.starts_with("Ltd") || l.starts_with("second line")));
    // In DOT, names are quoted: quotes and backslashes escaped, line breaks as `\n`.
    let dot = r.conflict.to_dot();
    assert!(dot.contains("n1 [label=\"B\\\\C\\nLtd #1\\n(party)\", shape=box];"));
    for line in dot.lines() {
        // Every statement is on its own line (a raw line break would split one).
        assert!(
            line == "}" || line.starts_with("digraph ") || line.starts_with("  "),
            "{line}"
        );
    }
    // JSON keeps every name exactly.
    let json: serde_json::Value =
        serde_json::from_str(&r.resolution.to_json_string().unwrap()).unwrap();
    assert_eq!(json["options"][3]["party"], "B\\C\nLtd #1");
    assert_eq!(
        json["scenario"],
        "Quote \" backslash \\ pipe | star * under_score `tick` <b>&amp;\nsecond line: ünïcödé — 東京"
    );
}

#[test]
fn renderings_do_not_depend_on_threads() {
    let scenario = Scenario::from_toml_str(SEED).unwrap();
    let resolve_with = |threads| {
        Resolver {
            threads,
            ..Resolver::default()
        }
        .resolve_scenario(&scenario)
        .unwrap()
        .1
    };
    let (one, four) = (resolve_with(1), resolve_with(4));
    assert_eq!(
        one.to_json_string().unwrap(),
        four.to_json_string().unwrap()
    );
    assert_eq!(resolution_markdown(&one), resolution_markdown(&four));
    assert_eq!(one.to_string(), four.to_string());
}

#[test]
fn docs_images_are_rendered_from_the_current_drawings() {
    // scripts/render-docs.sh writes docs/images/blackberry-*.dot from the example and renders
    // them to SVG: the DOT sources checked in must be today's drawings.
    let r = resolve(SEED);
    let drawings = renderings(&r);
    for (image, suffix) in [
        ("blackberry-conflict", "conflict.dot"),
        ("blackberry-states", "states.dot"),
        ("blackberry-evolution", "path.dot"),
    ] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/images");
        let dot = std::fs::read_to_string(dir.join(format!("{image}.dot"))).unwrap();
        let (_, current) = drawings.iter().find(|(s, _)| *s == suffix).unwrap();
        assert_eq!(
            &dot, current,
            "docs/images/{image}.dot is stale: run scripts/render-docs.sh"
        );
        let svg = std::fs::read_to_string(dir.join(format!("{image}.svg"))).unwrap();
        assert!(svg.contains("<svg"), "docs/images/{image}.svg");
    }
}
