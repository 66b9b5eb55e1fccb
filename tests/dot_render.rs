//! Every DOT output parses: rendered by Graphviz's `dot` when it is installed (CI installs
//! it and sets `STANDOFF_REQUIRE_DOT=1`, which makes its absence a failure).

use std::io::Write;
use std::process::{Command, Stdio};

use standoff::report::dot::{evolution_path, state_graph, StateGraphOptions};
use standoff::{Analysis, AnalysisOptions, GraphModel, Move};

/// Renders `dot` to SVG; `None` where Graphviz is not installed and not required.
fn render(dot: &str) -> Option<String> {
    let child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(_) if std::env::var_os("STANDOFF_REQUIRE_DOT").is_none() => {
            eprintln!("graphviz `dot` not installed: DOT outputs not rendered");
            return None;
        }
        Err(e) => panic!("graphviz `dot` is required but cannot run: {e}"),
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "dot rejected:\n{}\n{}",
        String::from_utf8_lossy(&out.stderr),
        dot
    );
    assert!(
        out.stderr.is_empty(),
        "dot warned: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).unwrap())
}

#[test]
fn corpus_state_graphs_render() {
    for name in ["prisoners", "cuban", "syriairaq", "elmira"] {
        let text = std::fs::read_to_string(format!("tests/corpus/{name}.model.json")).unwrap();
        let model = GraphModel::from_json_str(&text).unwrap();
        let analysis = Analysis::run(&model, &AnalysisOptions::default()).unwrap();
        let dot = state_graph(&model, Some(&analysis), &StateGraphOptions::default()).unwrap();
        // One node per feasible state, equilibria doubled.
        let nodes = dot
            .lines()
            .filter(|l| l.starts_with("  s") && l.contains(" [label="))
            .count();
        assert_eq!(nodes, model.state_count());
        let eq = analysis
            .equilibria(&model, standoff::Concept::Gmr)
            .unwrap()
            .len();
        assert_eq!(dot.matches("peripheries=2").count(), eq);
        if let Some(svg) = render(&dot) {
            assert!(svg.contains("<svg"));
        }
    }
}

#[test]
fn awkward_names_are_escaped() {
    let model = GraphModel::builder("Quote \" backslash \\ newline \n and ünïcödé")
        .decision_maker("Autorité \"A\"", ["Ban\nnow"])
        .decision_maker("B\\C", ["Exit"])
        .priorities("Autorité \"A\"", ["!Exit"])
        .priorities("B\\C", ["!`Ban\nnow`"])
        .status_quo("NN")
        .build()
        .unwrap();
    let analysis = Analysis::run(&model, &AnalysisOptions::default()).unwrap();
    let opts = StateGraphOptions {
        labels: vec![(
            model.parse_state("NY").unwrap(),
            "market \"exit\"".to_string(),
        )],
        ..StateGraphOptions::default()
    };
    let dot = state_graph(&model, Some(&analysis), &opts).unwrap();
    assert!(dot.contains("\"Quote \\\" backslash \\\\ newline \\n and ünïcödé\""));
    assert!(dot.contains("label=\"market \\\"exit\\\"\\nNY\""));
    let path = vec![Move {
        mover: 1,
        from: model.parse_state("NN").unwrap(),
        to: model.parse_state("NY").unwrap(),
        improvement: false,
    }];
    let p = evolution_path(&model, &path, &opts.labels);
    assert!(p.contains("s0 -> s2 [label=\"1. B\\\\C\""));
    if let Some(svg) = render(&dot) {
        assert!(svg.contains("ünïcödé"));
    }
    render(&p);
}

/// The seed's and the awkward scenario's drawings, as checked in under `tests/snapshots/`
/// (tests/report_snapshots.rs keeps them equal to the renderers' output) and in
/// `docs/images/`: every one parses and renders without a warning, names intact.
#[test]
fn snapshot_and_docs_drawings_render() {
    let mut files: Vec<_> = ["tests/snapshots", "docs/images"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(dir).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "dot"))
        .collect();
    files.sort();
    let names: Vec<String> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for kind in ["conflict", "states", "path"] {
        for case in ["blackberry", "awkward"] {
            let name = format!("{case}.{kind}.dot");
            assert!(names.contains(&name), "missing snapshot {name}");
        }
    }
    for path in &files {
        let dot = std::fs::read_to_string(path).unwrap();
        let Some(svg) = render(&dot) else {
            return;
        };
        let name = path.display().to_string();
        if name.contains("awkward") {
            // Non-ASCII, quotes and backslashes come through (XML-escaped in SVG).
            assert!(svg.contains("Accès \\ [all] _data_"), "{name}");
            assert!(svg.contains("B\\C"), "{name}");
            assert!(
                svg.contains("&quot;A&quot;") || svg.contains("\"A\""),
                "{name}"
            );
        } else {
            assert!(svg.contains("Pakistan"), "{name}");
        }
    }
}

#[test]
fn large_models_are_refused_with_the_figures() {
    let model = GraphModel::builder("big")
        .decision_maker("A", (0..10).map(|k| format!("o{k}")))
        .priorities("A", ["o0"])
        .build()
        .unwrap();
    let err = state_graph(&model, None, &StateGraphOptions::default()).unwrap_err();
    assert_eq!(err.states, 1024);
    assert_eq!(err.limit, 256);
}

#[test]
fn text_renderers_keep_names_on_one_line() {
    let model = GraphModel::builder("Two\nlines")
        .decision_maker("Autorité\n\"A\"", ["Ban\nnow"])
        .decision_maker("B", ["Exit"])
        .priorities("Autorité\n\"A\"", ["!Exit"])
        .priorities("B", ["!`Ban\nnow`"])
        .build()
        .unwrap();
    let analysis = Analysis::run(&model, &AnalysisOptions::default()).unwrap();
    let text = standoff::report::tableau(&model, &analysis);
    // Header, column titles, 4 states, a blank line, the legend and 2 decision makers.
    assert_eq!(text.lines().count(), 1 + 1 + 4 + 1 + 1 + 2, "{text}");
    assert!(
        text.contains("  A = Autorité \"A\" (options: Ban now)"),
        "{text}"
    );
    let e = standoff::explain(
        &model,
        standoff::Concept::Nash,
        standoff::Reachability::LegalSequences,
        0,
        model.parse_state("NN").unwrap(),
        &standoff::Limits::default(),
    )
    .unwrap();
    let why = standoff::report::explanation_text(&model, &e);
    assert!(why.starts_with("nash at NN for Autorité \"A\": "), "{why}");
}
