//! Resolves any scenario file (TOML or JSON, by extension).
//!
//! ```text
//! cargo run --release --example resolve -- FILE [--format text|json] [--print conflict|model|dot]
//!     [--reachability legal_sequences|distinct_movers]
//! ```
//!
//! Without `--print`: the conflict graph and the resolution, exactly as the
//! `blackberry_pakistan` example prints them (`--format json`: the resolution as JSON).
//! `--print conflict`: the conflict graph only (`--format json`: its queries as JSON).
//! `--print model`: the compiled graph-model file (`standoff.graph-model/1`), as TOML with the
//! scenario-to-model mapping in comments (`--format json`: as JSON), ready for the `analyze`
//! example or any tool reading the format. `--print dot`: the conflict graph in Graphviz DOT.
//! Exit code 0 on success, 2 with a one-line error on bad input.

use std::process::ExitCode;

use standoff::report::scenario_report;
use standoff::{compile, ConflictGraph, Resolver, Scenario};

#[derive(PartialEq)]
enum Print {
    Resolution,
    Conflict,
    Model,
    Dot,
}

struct Args {
    file: String,
    json: bool,
    print: Print,
    resolver: Resolver,
}

const USAGE: &str = "usage: resolve FILE [--format text|json] [--print conflict|model|dot] [--reachability legal_sequences|distinct_movers]";

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let mut file = None;
    let mut json = false;
    let mut print = Print::Resolution;
    let mut resolver = Resolver::default();
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("`{name}` needs a value"));
        match a.as_str() {
            "--format" => match value("--format")?.as_str() {
                "json" => json = true,
                "text" => json = false,
                other => {
                    return Err(format!(
                        "unknown format `{other}` (expected `text` or `json`)"
                    ))
                }
            },
            "--print" => {
                print = match value("--print")?.as_str() {
                    "conflict" => Print::Conflict,
                    "model" => Print::Model,
                    "dot" => Print::Dot,
                    other => {
                        return Err(format!(
                        "unknown `--print` value `{other}` (expected `conflict`, `model` or `dot`)"
                    ))
                    }
                }
            }
            "--reachability" => {
                resolver.reachability = value("--reachability")?
                    .parse()
                    .map_err(|e| format!("{e}"))?
            }
            "-h" | "--help" => return Err(USAGE.into()),
            s if s.starts_with("--") => return Err(format!("unknown flag `{s}`")),
            s => {
                if file.replace(s.to_string()).is_some() {
                    return Err("more than one file given".into());
                }
            }
        }
    }
    Ok(Args {
        file: file.ok_or_else(|| format!("no scenario file given; {USAGE}"))?,
        json,
        print,
        resolver,
    })
}

fn run() -> Result<String, String> {
    let args = parse_args()?;
    let at = |e: &dyn std::fmt::Display| format!("{}: {e}", args.file);
    let scenario = Scenario::from_path(&args.file).map_err(|e| at(&e))?;
    let conflict = ConflictGraph::new(&scenario).map_err(|e| at(&e))?;
    let text = match args.print {
        Print::Conflict if args.json => {
            serde_json::to_string_pretty(&conflict.summary()).map_err(|e| e.to_string())?
        }
        Print::Conflict => conflict.to_string(),
        Print::Dot => conflict.to_dot(),
        Print::Model => {
            let compiled = compile::compile_with_limits(&scenario, &args.resolver.limits)
                .map_err(|e| at(&e))?;
            if args.json {
                compiled
                    .model()
                    .to_json_string()
                    .map_err(|e| e.to_string())?
            } else {
                compiled.model_toml().map_err(|e| e.to_string())?
            }
        }
        Print::Resolution => {
            let (_, resolution) = args
                .resolver
                .resolve_scenario(&scenario)
                .map_err(|e| at(&e))?;
            if args.json {
                resolution.to_json_string().map_err(|e| e.to_string())?
            } else {
                scenario_report(&conflict, &resolution)
            }
        }
    };
    Ok(if text.ends_with('\n') {
        text
    } else {
        format!("{text}\n")
    })
}

fn main() -> ExitCode {
    match run() {
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
