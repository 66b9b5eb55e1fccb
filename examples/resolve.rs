//! Resolves any scenario file (TOML or JSON, by extension).
//!
//! ```text
//! cargo run --release --example resolve -- FILE [--format text|json|markdown|html] [--markdown]
//!     [--print conflict|model|dot] [--dot conflict|states|path]
//!     [--reachability legal_sequences|distinct_movers] [--outlook WEIGHT]
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
//! quo to each predicted outcome alone (any size).
//! `--outlook WEIGHT` (a number from 0 to 1): the resolution also gives the outlook, the
//! forecast blended with the crate's reference class at that weight
//! (`standoff::resolve::outlook`); only where a resolution is printed. Exit code 0 on
//! success, 2 with a one-line error on bad input.

use std::process::ExitCode;

#[path = "common/mod.rs"]
mod common;

use common::{drawing, file_argument, render, Output};
use standoff::report::html::conflict_svg;
use standoff::report::{conflict_markdown, conflict_text};
use standoff::resolve::{Blend, ReferenceClass};
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

const USAGE: &str = "usage: resolve FILE [--format text|json|markdown|html] [--markdown] [--print conflict|model|dot] [--dot conflict|states|path] [--reachability legal_sequences|distinct_movers] [--outlook WEIGHT]";

fn parse_args(args: Vec<String>) -> Result<Args, String> {
    let mut args = args.into_iter();
    let mut file = None;
    let mut format = Format::Text;
    let mut print = Print::Resolution;
    let mut resolver = Resolver::default();
    // The flags given, to reject combinations where one would be ignored.
    let mut given: Vec<&'static str> = Vec::new();
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("`{name}` needs a value"));
        if let Some(flag) = FLAGS.iter().find(|f| **f == a) {
            given.push(flag);
        }
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
            "--outlook" => {
                let text = value("--outlook")?;
                let weight: f64 = text
                    .parse()
                    .map_err(|_| format!("`--outlook` needs a number from 0 to 1, not `{text}`"))?;
                let blend = Blend::new(ReferenceClass::blind_validation(), weight)
                    .map_err(|e| e.to_string())?;
                resolver.outlook = Some(blend);
            }
            "-h" | "--help" => return Err(USAGE.into()),
            s => file_argument(&mut file, s)?,
        }
    }
    check_combination(&given, &print, format)?;
    Ok(Args {
        file: file.ok_or_else(|| format!("no scenario file given; {USAGE}"))?,
        format,
        print,
        resolver,
    })
}

/// The flags [`parse_args`] knows.
const FLAGS: [&str; 6] = [
    "--format",
    "--markdown",
    "--print",
    "--dot",
    "--reachability",
    "--outlook",
];

/// Every flag given is used: one output (`--print` or `--dot`, once), a format only where
/// that output has one, `--reachability` only where something is resolved, `--outlook` only
/// where the resolution is printed.
fn check_combination(given: &[&str], print: &Print, format: Format) -> Result<(), String> {
    let count = |f: &str| given.iter().filter(|g| **g == f).count();
    if count("--print") + count("--dot") > 1 {
        return Err("give one of `--print` and `--dot`, once".into());
    }
    let format_given = count("--format") + count("--markdown") > 0;
    let output = if count("--dot") > 0 {
        "--dot"
    } else {
        "--print"
    };
    match print {
        Print::Drawing(_) if format_given => Err(format!(
            "`--format` and `--markdown` do not go with `{output}` (a drawing is DOT)"
        )),
        Print::Model if matches!(format, Format::Markdown | Format::Html) => {
            Err("`--print model` prints TOML, or JSON with `--format json`".into())
        }
        Print::Conflict | Print::Model if count("--reachability") > 0 => Err(format!(
            "`--reachability` does not go with `--print {}` (nothing is resolved)",
            if *print == Print::Model {
                "model"
            } else {
                "conflict"
            }
        )),
        Print::Resolution => Ok(()),
        _ if count("--outlook") > 0 => Err(format!(
            "`--outlook` does not go with `{output}` (no resolution is printed)"
        )),
        _ => Ok(()),
    }
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

    /// Every documented flag combination is honoured (it runs) or rejected with its one-line
    /// error: nothing is silently ignored.
    #[test]
    fn every_flag_combination_is_honoured_or_rejected() {
        let ok: &[&[&str]] = &[
            &[],
            &["--format", "text"],
            &["--format", "json"],
            &["--format", "markdown"],
            &["--format", "html"],
            &["--markdown"],
            &["--reachability", "distinct_movers"],
            &["--format", "json", "--reachability", "distinct_movers"],
            &["--print", "conflict"],
            &["--print", "conflict", "--format", "json"],
            &["--print", "conflict", "--format", "markdown"],
            &["--print", "conflict", "--format", "html"],
            &["--print", "model"],
            &["--print", "model", "--format", "json"],
            &["--print", "dot"],
            &["--dot", "conflict"],
            &["--dot", "states"],
            &["--dot", "path"],
            &["--dot", "path", "--reachability", "distinct_movers"],
            &["--outlook", "0.1"],
            &["--outlook", "0", "--format", "json"],
            &["--outlook", "1", "--markdown"],
        ];
        for flags in ok {
            let mut args = vec![SEED];
            args.extend_from_slice(flags);
            assert!(output(&args).is_ok(), "{flags:?}: {:?}", output(&args));
        }
        let rejected: &[(&[&str], &str)] = &[
            (
                &["--dot", "states", "--format", "json"],
                "`--format` and `--markdown` do not go with `--dot` (a drawing is DOT)",
            ),
            (
                &["--print", "dot", "--markdown"],
                "`--format` and `--markdown` do not go with `--print` (a drawing is DOT)",
            ),
            (
                &["--print", "model", "--format", "markdown"],
                "`--print model` prints TOML, or JSON with `--format json`",
            ),
            (
                &["--print", "model", "--format", "html"],
                "`--print model` prints TOML, or JSON with `--format json`",
            ),
            (
                &["--print", "model", "--reachability", "distinct_movers"],
                "`--reachability` does not go with `--print model` (nothing is resolved)",
            ),
            (
                &["--print", "conflict", "--reachability", "legal_sequences"],
                "`--reachability` does not go with `--print conflict` (nothing is resolved)",
            ),
            (
                &["--print", "conflict", "--dot", "states"],
                "give one of `--print` and `--dot`, once",
            ),
            (
                &["--dot", "states", "--dot", "path"],
                "give one of `--print` and `--dot`, once",
            ),
            (
                &["--print", "model", "--outlook", "0.1"],
                "`--outlook` does not go with `--print` (no resolution is printed)",
            ),
            (
                &["--dot", "path", "--outlook", "0.1"],
                "`--outlook` does not go with `--dot` (no resolution is printed)",
            ),
            (
                &["--outlook", "1.5"],
                "outlook weight 1.5: must be a number from 0 to 1",
            ),
            (
                &["--outlook", "NaN"],
                "outlook weight NaN: must be a number from 0 to 1",
            ),
            (
                &["--outlook", "a tenth"],
                "`--outlook` needs a number from 0 to 1, not `a tenth`",
            ),
        ];
        for (flags, error) in rejected {
            let mut args = vec![SEED];
            args.extend_from_slice(flags);
            assert_eq!(output(&args), Err(error.to_string()), "{flags:?}");
        }
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
