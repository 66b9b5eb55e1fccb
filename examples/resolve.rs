//! Resolves any scenario file (TOML or JSON, by extension).
//!
//! ```text
//! cargo run --release --example resolve -- FILE [--format text|json|markdown|html] [--markdown]
//!     [--print conflict|model|dot] [--dot conflict|states|path]
//!     [--reachability legal_sequences|distinct_movers]
//! ```
//!
//! Without `--print`: the conflict graph and the resolution, exactly as the
//! `blackberry_pakistan` example prints them (`--format json`: the resolution as JSON;
//! `--format markdown` or `--markdown`: the report in Markdown; `--format html`: the report as
//! one self-contained HTML page, forecast first, pictures drawn as inline SVG, see
//! `standoff::report::html`).
//! `--print conflict`: the conflict graph only (`--format json`: its queries as JSON;
//! `--format markdown`: in Markdown; `--format html`: its picture alone, as SVG).
//! `--print model`: the compiled graph-model file (`standoff.graph-model/1`), as TOML with the
//! scenario-to-model mapping in comments (`--format json`: as JSON), ready for the `analyze`
//! example or any tool reading the format.
//! `--dot conflict` (or `--print dot`): the conflict graph in Graphviz DOT; `--dot states`: the
//! graph of states and moves (up to 256 states); `--dot path`: the evolution from the status
//! quo to each predicted outcome alone (any size). Exit code 0 on success, 2 with a one-line
//! error on bad input.

use std::process::ExitCode;

#[path = "common/mod.rs"]
mod common;

use common::{drawing, file_argument, render, Output};
use standoff::report::html::conflict_svg;
use standoff::report::{conflict_markdown, conflict_text};
use standoff::{compile, ConflictGraph, Resolver, Scenario};

#[derive(Debug, PartialEq)]
enum Print {
    Resolution,
    Conflict,
    Model,
    Drawing(Output),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Format {
    Text,
    Json,
    Markdown,
    Html,
}

struct Args {
    file: String,
    format: Format,
    print: Print,
    resolver: Resolver,
}

const USAGE: &str = "usage: resolve FILE [--format text|json|markdown|html] [--markdown] [--print conflict|model|dot] [--dot conflict|states|path] [--reachability legal_sequences|distinct_movers]";

fn parse_args(args: Vec<String>) -> Result<Args, String> {
    let mut args = args.into_iter();
    let mut file = None;
    let mut format = Format::Text;
    let mut print = Print::Resolution;
    let mut resolver = Resolver::default();
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("`{name}` needs a value"));
        match a.as_str() {
            "--format" => {
                format = match value("--format")?.as_str() {
                    "json" => Format::Json,
                    "text" => Format::Text,
                    "markdown" => Format::Markdown,
                    "html" => Format::Html,
                    other => {
                        return Err(format!(
                        "unknown format `{other}` (expected `text`, `json`, `markdown` or `html`)"
                    ))
                    }
                }
            }
            "--markdown" => format = Format::Markdown,
            "--print" => {
                print = match value("--print")?.as_str() {
                    "conflict" => Print::Conflict,
                    "model" => Print::Model,
                    "dot" => Print::Drawing(Output::DotConflict),
                    other => {
                        return Err(format!(
                        "unknown `--print` value `{other}` (expected `conflict`, `model` or `dot`)"
                    ))
                    }
                }
            }
            "--dot" => print = Print::Drawing(drawing(Some(&value("--dot")?))?),
            "--reachability" => {
                resolver.reachability = value("--reachability")?
                    .parse()
                    .map_err(|e| format!("{e}"))?
            }
            "-h" | "--help" => return Err(USAGE.into()),
            s => file_argument(&mut file, s)?,
        }
    }
    Ok(Args {
        file: file.ok_or_else(|| format!("no scenario file given; {USAGE}"))?,
        format,
        print,
        resolver,
    })
}

fn run(args: Vec<String>) -> Result<String, String> {
    let args = parse_args(args)?;
    let json = args.format == Format::Json;
    let at = |e: &dyn std::fmt::Display| format!("{}: {e}", args.file);
    let scenario = Scenario::from_path(&args.file).map_err(|e| at(&e))?;
    let conflict = ConflictGraph::new(&scenario).map_err(|e| at(&e))?;
    let text = match args.print {
        Print::Conflict => match args.format {
            Format::Json => {
                serde_json::to_string_pretty(&conflict.summary()).map_err(|e| e.to_string())?
            }
            Format::Markdown => conflict_markdown(&conflict),
            Format::Text => conflict_text(&conflict),
            Format::Html => conflict_svg(&conflict),
        },
        Print::Model => {
            let compiled = compile::compile_with_limits(&scenario, &args.resolver.limits)
                .map_err(|e| at(&e))?;
            if json {
                compiled
                    .model()
                    .to_json_string()
                    .map_err(|e| e.to_string())?
            } else {
                compiled.model_toml().map_err(|e| e.to_string())?
            }
        }
        Print::Drawing(drawing) => {
            render(&scenario, &conflict, &args.resolver, drawing).map_err(|e| at(&e))?
        }
        Print::Resolution => {
            let output = match args.format {
                Format::Json => Output::Json,
                Format::Markdown => Output::Markdown,
                Format::Text => Output::Text,
                Format::Html => Output::Html,
            };
            render(&scenario, &conflict, &args.resolver, output).map_err(|e| at(&e))?
        }
    };
    Ok(if text.ends_with('\n') {
        text
    } else {
        format!("{text}\n")
    })
}

fn main() -> ExitCode {
    common::finish(run(std::env::args().skip(1).collect()))
}

#[cfg(test)]
mod tests {
    use super::run;

    const SEED: &str = "seeds/blackberry-pakistan-2015.toml";

    fn output(args: &[&str]) -> Result<String, String> {
        run(args.iter().map(|s| s.to_string()).collect())
    }

    fn snapshot(name: &str) -> String {
        std::fs::read_to_string(format!("tests/snapshots/{name}"))
            .unwrap_or_else(|e| panic!("tests/snapshots/{name}: {e}"))
    }

    /// On the seed, the outputs are those of the `blackberry_pakistan` example, checked in
    /// under `tests/snapshots/`.
    #[test]
    fn seed_outputs_match_the_snapshots() {
        for (args, file) in [
            (&[SEED][..], "blackberry.report.txt"),
            (&[SEED, "--markdown"][..], "blackberry.report.md"),
            (&[SEED, "--format", "markdown"][..], "blackberry.report.md"),
            (
                &[SEED, "--format", "json"][..],
                "blackberry.resolution.json",
            ),
            (&[SEED, "--dot", "conflict"][..], "blackberry.conflict.dot"),
            (&[SEED, "--print", "dot"][..], "blackberry.conflict.dot"),
            (&[SEED, "--dot", "states"][..], "blackberry.states.dot"),
            (&[SEED, "--dot", "path"][..], "blackberry.path.dot"),
        ] {
            assert_eq!(output(args).expect("runs"), snapshot(file), "{args:?}");
        }
    }

    #[test]
    fn conflict_only() {
        let text = output(&[SEED, "--print", "conflict"]).expect("runs");
        assert!(text.starts_with("Conflict `BlackBerry and Pakistan, 2015`: 2 parties"));
        let md = output(&[SEED, "--print", "conflict", "--format", "markdown"]).expect("runs");
        assert!(md.starts_with("# Conflict: BlackBerry and Pakistan, 2015\n"));
        let json = output(&[SEED, "--print", "conflict", "--format", "json"]).expect("runs");
        let v: serde_json::Value = serde_json::from_str(&json).expect("json");
        assert_eq!(v["conflicts"][0]["policy"], "no backdoors");
    }

    #[test]
    fn bad_input_is_a_one_line_error() {
        assert_eq!(
            output(&[SEED, "--dot", "moves"]),
            Err("unknown drawing `moves` (expected `conflict`, `states` or `path`)".into())
        );
        assert_eq!(
            output(&[SEED, "--format", "pdf"]),
            Err("unknown format `pdf` (expected `text`, `json`, `markdown` or `html`)".into())
        );
        let e = output(&[]).unwrap_err();
        assert!(e.starts_with("no scenario file given"), "{e}");
        let e = output(&["seeds/missing.toml"]).unwrap_err();
        assert!(e.starts_with("seeds/missing.toml: "), "{e}");
    }
}
