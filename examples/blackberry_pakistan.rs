//! The seed case: BlackBerry and Pakistan, 2015, resolved.
//!
//! ```text
//! cargo run --release --example blackberry_pakistan -- [--markdown | --json | --dot conflict|states|path]
//! ```
//!
//! Loads `seeds/blackberry-pakistan-2015.toml` (embedded in the binary), prints its conflict
//! graph (conflicts, who threatens whom, policies under pressure), then its resolution: the
//! status quo and why the parties move from it, the threats at work (BlackBerry's exit is the
//! credible one), the predicted outcomes with their paths and explanations, and every
//! equilibrium.
//!
//! `--markdown`: the same report in Markdown. `--json`: the resolution as JSON, explanation
//! trees included. `--dot conflict`: the conflict graph in Graphviz DOT (conflicts red,
//! threats dashed); `--dot states`: the graph of states and moves (outcome names on states,
//! one colour per party, improvements bold, GMR equilibria doubled, status quo filled,
//! predicted paths thick); `--dot path`: the evolution from the status quo to each predicted
//! outcome alone. Render a drawing with `dot -Tsvg` (`scripts/render-docs.sh` renders all
//! three into `docs/images/`). Exit code 0 on success, 2 with a one-line error on bad input.

use std::process::ExitCode;

use standoff::report::dot::{resolution_evolution, resolution_state_graph};
use standoff::report::{scenario_markdown, scenario_report};
use standoff::{Analysis, AnalysisOptions, ConflictGraph, Resolver, Scenario};

const SEED: &str = include_str!("../seeds/blackberry-pakistan-2015.toml");

const USAGE: &str = "usage: blackberry_pakistan [--markdown | --json | --dot conflict|states|path]";

/// What to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Output {
    Text,
    Markdown,
    Json,
    DotConflict,
    DotStates,
    DotPath,
}

fn parse_args(args: &[String]) -> Result<Output, String> {
    let mut output = None;
    let mut args = args.iter();
    while let Some(a) = args.next() {
        let chosen = match a.as_str() {
            "--markdown" => Output::Markdown,
            "--json" => Output::Json,
            "--dot" => match args.next().map(String::as_str) {
                Some("conflict") => Output::DotConflict,
                Some("states") => Output::DotStates,
                Some("path") => Output::DotPath,
                Some(other) => {
                    return Err(format!(
                        "unknown drawing `{other}` (expected `conflict`, `states` or `path`)"
                    ))
                }
                None => return Err("`--dot` needs a value".into()),
            },
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument `{other}`; {USAGE}")),
        };
        if output.replace(chosen).is_some() {
            return Err(format!("choose one output; {USAGE}"));
        }
    }
    Ok(output.unwrap_or(Output::Text))
}

fn run(args: &[String]) -> Result<String, String> {
    let output = parse_args(args)?;
    let scenario = Scenario::from_toml_str(SEED).map_err(|e| format!("seed: {e}"))?;
    let conflict = ConflictGraph::new(&scenario).map_err(|e| e.to_string())?;
    if output == Output::DotConflict {
        return Ok(conflict.to_dot());
    }
    let resolver = Resolver::default();
    let (compiled, resolution) = resolver
        .resolve_scenario(&scenario)
        .map_err(|e| e.to_string())?;
    Ok(match output {
        Output::Text => scenario_report(&conflict, &resolution),
        Output::Markdown => scenario_markdown(&conflict, &resolution),
        Output::Json => {
            let mut json = resolution.to_json_string().map_err(|e| e.to_string())?;
            json.push('\n');
            json
        }
        Output::DotStates => {
            let analysis = Analysis::run(
                compiled.model(),
                &AnalysisOptions {
                    reachability: resolver.reachability,
                    concepts: resolution.concepts.clone(),
                    limits: resolver.limits.clone(),
                    threads: resolver.threads,
                },
            )
            .map_err(|e| e.to_string())?;
            resolution_state_graph(&compiled, Some(&analysis), &resolution)
                .map_err(|e| e.to_string())?
        }
        Output::DotPath => {
            resolution_evolution(compiled.model(), &resolution).map_err(|e| e.to_string())?
        }
        Output::DotConflict => conflict.to_dot(),
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
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

#[cfg(test)]
mod tests {
    use super::run;

    fn output(args: &[&str]) -> Result<String, String> {
        run(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    fn snapshot(name: &str) -> String {
        std::fs::read_to_string(format!("tests/snapshots/{name}"))
            .unwrap_or_else(|e| panic!("tests/snapshots/{name}: {e}"))
    }

    /// Every output is the one checked in under `tests/snapshots/` (reviewed there, and
    /// regenerated by `UPDATE_SNAPSHOTS=1 cargo test --test report_snapshots`).
    #[test]
    fn outputs_match_the_snapshots() {
        for (args, file) in [
            (&[][..], "blackberry.report.txt"),
            (&["--markdown"][..], "blackberry.report.md"),
            (&["--json"][..], "blackberry.resolution.json"),
            (&["--dot", "conflict"][..], "blackberry.conflict.dot"),
            (&["--dot", "states"][..], "blackberry.states.dot"),
            (&["--dot", "path"][..], "blackberry.path.dot"),
        ] {
            assert_eq!(output(args).expect("runs"), snapshot(file), "{args:?}");
        }
    }

    #[test]
    fn bad_arguments_are_one_line_errors() {
        assert_eq!(
            output(&["--dot", "moves"]),
            Err("unknown drawing `moves` (expected `conflict`, `states` or `path`)".into())
        );
        assert_eq!(output(&["--dot"]), Err("`--dot` needs a value".into()));
        let e = output(&["--markdown", "--json"]).unwrap_err();
        assert!(e.starts_with("choose one output"), "{e}");
        let e = output(&["--bogus"]).unwrap_err();
        assert!(e.starts_with("unknown argument `--bogus`"), "{e}");
    }
}
