//! What the examples share: how a run ends (its output, or a one-line error and exit code 2),
//! and a resolved scenario's outputs (the report in text, Markdown, JSON or HTML, and the
//! drawings).
//!
//! Included with `#[path = "common/mod.rs"] mod common;`; each example uses the part it needs.
#![allow(dead_code)]

use std::process::ExitCode;

use standoff::compile::Compiled;
use standoff::report::dot::{resolution_evolution, resolution_state_graph};
use standoff::report::{scenario_html, scenario_markdown, scenario_report};
use standoff::{Analysis, AnalysisOptions, ConflictGraph, Resolution, Resolver, Scenario};

/// Prints the output of a run, or its error on one line of standard error (exit code 2).
pub fn finish(result: Result<String, String>) -> ExitCode {
    match result {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {}", e.replace('\n', " "));
            ExitCode::from(2)
        }
    }
}

/// Takes the command-line argument `s` as the input file: an error for an unknown flag or a
/// second file.
pub fn file_argument(file: &mut Option<String>, s: &str) -> Result<(), String> {
    if s.starts_with("--") {
        return Err(format!("unknown flag `{s}`"));
    }
    if file.replace(s.to_string()).is_some() {
        return Err("more than one file given".into());
    }
    Ok(())
}

/// One output of a resolved scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// The conflict graph and the resolution as text.
    Text,
    /// The same report in Markdown.
    Markdown,
    /// The resolution as JSON.
    Json,
    /// The report as one self-contained HTML page.
    Html,
    /// The conflict graph in Graphviz DOT.
    DotConflict,
    /// The graph of states and moves in DOT.
    DotStates,
    /// The evolution from the status quo to each predicted outcome in DOT.
    DotPath,
}

/// The drawing a `--dot` value names.
pub fn drawing(value: Option<&str>) -> Result<Output, String> {
    match value {
        Some("conflict") => Ok(Output::DotConflict),
        Some("states") => Ok(Output::DotStates),
        Some("path") => Ok(Output::DotPath),
        Some(other) => Err(format!(
            "unknown drawing `{other}` (expected `conflict`, `states` or `path`)"
        )),
        None => Err("`--dot` needs a value".into()),
    }
}

/// The analysis of the compiled model behind `resolution`, as `resolver` made it.
fn analyse(
    compiled: &Compiled,
    resolution: &Resolution,
    resolver: &Resolver,
) -> Result<Analysis, String> {
    Analysis::run(
        compiled.model(),
        &AnalysisOptions {
            reachability: resolver.reachability,
            concepts: resolution.concepts.clone(),
            limits: resolver.limits.clone(),
            threads: resolver.threads,
        },
    )
    .map_err(|e| e.to_string())
}

/// The `output` of `scenario` (whose conflict graph is `conflict`) resolved by `resolver`,
/// ending with a newline.
pub fn render(
    scenario: &Scenario,
    conflict: &ConflictGraph,
    resolver: &Resolver,
    output: Output,
) -> Result<String, String> {
    let resolved = || {
        resolver
            .resolve_scenario(scenario)
            .map_err(|e| e.to_string())
    };
    let mut text = match output {
        Output::DotConflict => conflict.to_dot(),
        Output::Text => scenario_report(conflict, &resolved()?.1),
        Output::Markdown => scenario_markdown(conflict, &resolved()?.1),
        Output::Json => resolved()?.1.to_json_string().map_err(|e| e.to_string())?,
        Output::Html => {
            let (compiled, resolution) = resolved()?;
            let analysis = analyse(&compiled, &resolution, resolver)?;
            scenario_html(conflict, &resolution, compiled.model(), &analysis)
        }
        Output::DotStates => {
            let (compiled, resolution) = resolved()?;
            let analysis = analyse(&compiled, &resolution, resolver)?;
            resolution_state_graph(&compiled, Some(&analysis), &resolution)
                .map_err(|e| e.to_string())?
        }
        Output::DotPath => {
            let (compiled, resolution) = resolved()?;
            resolution_evolution(compiled.model(), &resolution).map_err(|e| e.to_string())?
        }
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}
