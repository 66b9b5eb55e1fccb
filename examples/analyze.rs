//! Analyses a graph-model file (JSON or TOML, by extension).
//!
//! ```text
//! cargo run --release --example analyze -- [OPTIONS] FILE
//!   --reachability legal_sequences|distinct_movers   how sanctions are read (default legal_sequences)
//!   --concepts nash,gmr,smr,seq,sim                   concepts to analyse (default all)
//!   --format json|text                                the analysis JSON of the spec, or a tableau
//!   --markdown                                        the tableau as a Markdown table
//!   --explain STATE                                   with text: the reasons behind every verdict at STATE
//!   --dot states|path                                 Graphviz DOT: the state graph, or the evolution
//!                                                     paths from the status quo (needs --status-quo)
//!   --status-quo STATE|model [--steps improvements|moves]
//!                                                     status quo analysis: reachable states, the
//!                                                     equilibria among them, a shortest path to each
//!   --hypergame                                       verdicts under the model's misperceptions
//!   --threads N                                       worker threads (0: all cores; 1: none)
//!   --output FILE                                     write there instead of standard output
//!   --coalitions "A,B|C"|all, --coalitional, --horizon H, --non-myopic, --desired STATE,
//!   --destroy STATE                                   coalition, limited-move and sensitivity
//!                                                     analyses: see the `post` example
//! ```
//!
//! Exit code 0 on success, 2 with a one-line error on bad input.

use std::io::Write;
use std::process::ExitCode;

use serde_json::{json, Value};
use standoff::post::misperception;
use standoff::post::{EvolutionStep, StatusQuoAnalysis, Steps};
use standoff::report::{tableau, tableau_markdown};
use standoff::{explain, Analysis, AnalysisOptions, Concept, GraphModel, Move, State};

#[path = "post/cli.rs"]
mod post_cli;

/// Flags handled by the `post` command line.
const POST_FLAGS: [&str; 6] = [
    "--coalitions",
    "--coalitional",
    "--horizon",
    "--non-myopic",
    "--desired",
    "--destroy",
];

const USAGE: &str = "usage: analyze [--reachability legal_sequences|distinct_movers] [--concepts LIST] [--format json|text] [--markdown] [--explain STATE] [--dot states|path] [--status-quo STATE|model [--steps improvements|moves]] [--hypergame] [--threads N] [--output FILE] FILE (and the `post` flags --coalitions, --coalitional, --horizon, --non-myopic, --desired, --destroy)";

#[derive(PartialEq)]
enum Format {
    Json,
    Text,
    Markdown,
}

#[derive(PartialEq)]
enum Dot {
    States,
    Path,
}

struct Args {
    file: String,
    format: Format,
    explain: Option<String>,
    output: Option<String>,
    dot: Option<Dot>,
    status_quo: Option<String>,
    steps: Steps,
    hypergame: bool,
    options: AnalysisOptions,
}

fn parse_args(args: Vec<String>) -> Result<Args, String> {
    let mut args = args.into_iter();
    let mut file = None;
    let mut format = Format::Json;
    let mut explain = None;
    let mut output = None;
    let mut dot = None;
    let mut status_quo = None;
    let mut steps = Steps::Improvements;
    let mut hypergame = false;
    let mut options = AnalysisOptions::default();
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("`{name}` needs a value"));
        match a.as_str() {
            "--reachability" => {
                options.reachability = value("--reachability")?
                    .parse()
                    .map_err(|e| format!("{e}"))?
            }
            "--format" => match value("--format")?.as_str() {
                "json" => format = Format::Json,
                "text" => format = Format::Text,
                other => {
                    return Err(format!(
                        "unknown format `{other}` (expected `json` or `text`)"
                    ))
                }
            },
            "--markdown" => format = Format::Markdown,
            "--concepts" => {
                options.concepts = value("--concepts")?
                    .split(',')
                    .map(|c| c.trim().parse::<Concept>().map_err(|e| e.to_string()))
                    .collect::<Result<_, _>>()?
            }
            "--threads" => {
                let v = value("--threads")?;
                options.threads = v
                    .parse()
                    .map_err(|_| format!("`--threads` takes a number, not `{v}`"))?
            }
            "--explain" => explain = Some(value("--explain")?),
            "--output" => output = Some(value("--output")?),
            "--dot" => match value("--dot")?.as_str() {
                "states" => dot = Some(Dot::States),
                "path" => dot = Some(Dot::Path),
                other => {
                    return Err(format!(
                        "unknown drawing `{other}` (expected `states` or `path`)"
                    ))
                }
            },
            "--status-quo" => status_quo = Some(value("--status-quo")?),
            "--steps" => match value("--steps")?.as_str() {
                "improvements" => steps = Steps::Improvements,
                "moves" => steps = Steps::Moves,
                other => {
                    return Err(format!(
                        "unknown steps `{other}` (expected `improvements` or `moves`)"
                    ))
                }
            },
            "--hypergame" => hypergame = true,
            "-h" | "--help" => return Err(USAGE.into()),
            s if s.starts_with("--") => return Err(format!("unknown flag `{s}`")),
            s => {
                if file.replace(s.to_string()).is_some() {
                    return Err("more than one file given".into());
                }
            }
        }
    }
    if dot == Some(Dot::Path) && status_quo.is_none() {
        return Err("`--dot path` needs `--status-quo`".into());
    }
    Ok(Args {
        file: file.ok_or("no graph-model file given")?,
        format,
        explain,
        output,
        dot,
        status_quo,
        steps,
        hypergame,
        options,
    })
}

fn state(model: &GraphModel, label: &str) -> Result<State, String> {
    let s = model.parse_state(label).map_err(|e| e.to_string())?;
    if !model.is_feasible(s) {
        return Err(format!("state `{label}` is not feasible"));
    }
    Ok(s)
}

/// The status quo analysis as JSON: reachable states, the equilibria among them per concept,
/// and a shortest path to each reachable equilibrium.
fn status_quo_json(
    model: &GraphModel,
    analysis: &Analysis,
    sq: &StatusQuoAnalysis,
) -> Result<Value, String> {
    let labels = |v: Vec<State>| v.into_iter().map(|s| model.label(s)).collect::<Vec<_>>();
    let step = |s: &EvolutionStep| {
        json!({
            "movers": s.movers.iter().map(|&d| model.decision_makers()[d].name()).collect::<Vec<_>>(),
            "from": model.label(s.from),
            "to": model.label(s.to),
            "improvement": s.improvement,
        })
    };
    let mut equilibria = serde_json::Map::new();
    let mut paths = serde_json::Map::new();
    for &c in analysis.concepts() {
        let eq = sq
            .equilibria(model, analysis, c)
            .map_err(|e| e.to_string())?;
        for &s in &eq {
            let path = sq.path(model, s).unwrap_or_default();
            paths.insert(
                model.label(s),
                Value::Array(path.iter().map(step).collect()),
            );
        }
        equilibria.insert(c.as_str().to_string(), json!(labels(eq)));
    }
    Ok(json!({
        "format": "standoff.status-quo/1",
        "model": model.name(),
        "status_quo": model.label(sq.status_quo()),
        "steps": match sq.steps() { Steps::Improvements => "improvements", Steps::Moves => "moves" },
        "reachable": labels(sq.reachable(model)),
        "equilibria": equilibria,
        "paths": paths,
    }))
}

fn status_quo_text(v: &Value) -> String {
    let mut out = format!(
        "status quo {} ({}): {} states reachable\n",
        v["status_quo"].as_str().unwrap_or_default(),
        v["steps"].as_str().unwrap_or_default(),
        v["reachable"].as_array().map_or(0, |a| a.len())
    );
    if let Some(eq) = v["equilibria"].as_object() {
        for (c, list) in eq {
            let states: Vec<&str> = list
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| s.as_str())
                .collect();
            out.push_str(&format!(
                "  {c} equilibria reachable: {}\n",
                if states.is_empty() {
                    "none".to_string()
                } else {
                    states.join(", ")
                }
            ));
        }
    }
    if let Some(paths) = v["paths"].as_object() {
        for (to, steps) in paths {
            out.push_str(&format!("  path to {to}:\n"));
            for s in steps.as_array().into_iter().flatten() {
                let movers: Vec<&str> = s["movers"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|m| m.as_str())
                    .collect();
                out.push_str(&format!(
                    "    {}: {} -> {}{}\n",
                    movers.join(" + "),
                    s["from"].as_str().unwrap_or_default(),
                    s["to"].as_str().unwrap_or_default(),
                    if s["improvement"].as_bool() == Some(true) {
                        ""
                    } else {
                        " (not an improvement)"
                    }
                ));
            }
        }
    }
    out
}

fn run(args: Vec<String>, stdout: &mut dyn Write) -> Result<(), String> {
    if args.iter().any(|a| POST_FLAGS.contains(&a.as_str())) {
        return post_cli::run(args, stdout);
    }
    let args = parse_args(args)?;
    let model = GraphModel::from_path(&args.file).map_err(|e| format!("{}: {e}", args.file))?;
    let analysis = if args.hypergame {
        misperception::analyze(&model, &args.options)
            .map_err(|e| e.to_string())?
            .analysis
    } else {
        Analysis::run(&model, &args.options).map_err(|e| e.to_string())?
    };
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(
            std::fs::File::create(path).map_err(|e| format!("cannot write `{path}`: {e}"))?,
        ),
        None => Box::new(stdout),
    };
    let status_quo = match args.status_quo.as_deref() {
        None => None,
        Some("model") => Some(model.status_quo().ok_or("the model gives no status quo")?),
        Some(label) => Some(state(&model, label)?),
    };
    let sq = match status_quo {
        Some(s) => Some(
            StatusQuoAnalysis::run(&model, s, args.steps, &args.options.limits)
                .map_err(|e| e.to_string())?,
        ),
        None => None,
    };
    let text = match (&args.dot, &sq) {
        (Some(Dot::Path), Some(sq)) => {
            let mut moves: Vec<Move> = Vec::new();
            for &c in analysis.concepts() {
                for s in sq
                    .equilibria(&model, &analysis, c)
                    .map_err(|e| e.to_string())?
                {
                    for step in sq.path(&model, s).unwrap_or_default() {
                        let m = Move {
                            mover: step.mover,
                            from: step.from,
                            to: step.to,
                            improvement: step.improvement,
                        };
                        if !moves.contains(&m) {
                            moves.push(m);
                        }
                    }
                }
            }
            standoff::report::dot::evolution_path(&model, &moves, &[])
        }
        (Some(_), _) => {
            let opts = standoff::report::dot::StateGraphOptions::default();
            standoff::report::dot::state_graph(&model, Some(&analysis), &opts)
                .map_err(|e| e.to_string())?
        }
        (None, Some(sq)) => {
            let v = status_quo_json(&model, &analysis, sq)?;
            match args.format {
                Format::Json => serde_json::to_string_pretty(&v).map_err(|e| e.to_string())? + "\n",
                _ => status_quo_text(&v),
            }
        }
        (None, None) => match args.format {
            Format::Json => {
                if args.explain.is_some() {
                    return Err("`--explain` goes with `--format text`".into());
                }
                analysis
                    .write_json(&model, &mut out)
                    .map_err(|e| e.to_string())?;
                String::new()
            }
            Format::Markdown => tableau_markdown(&model, &analysis),
            Format::Text => {
                let mut text = tableau(&model, &analysis);
                if let Some(label) = &args.explain {
                    let s = state(&model, label)?;
                    for &concept in analysis.concepts() {
                        for dm in 0..model.decision_makers().len() {
                            let e = explain(
                                &model,
                                concept,
                                args.options.reachability,
                                dm,
                                s,
                                &args.options.limits,
                            )
                            .map_err(|e| e.to_string())?;
                            text.push_str(&standoff::report::explanation_text(&model, &e));
                        }
                    }
                }
                text
            }
        },
    };
    out.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    out.flush().map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match run(std::env::args().skip(1).collect(), &mut stdout) {
        Ok(()) => ExitCode::SUCCESS,
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
        let mut buf = Vec::new();
        run(args.iter().map(|s| s.to_string()).collect(), &mut buf)?;
        Ok(String::from_utf8(buf).expect("utf-8"))
    }

    #[test]
    fn json_output_matches_the_expected_analysis() {
        for reading in ["legal_sequences", "distinct_movers"] {
            let got = output(&["--reachability", reading, "tests/corpus/elmira.model.json"])
                .expect("runs");
            let expected =
                std::fs::read_to_string(format!("tests/corpus/elmira.expected.{reading}.json"))
                    .expect("exists");
            let got: serde_json::Value = serde_json::from_str(&got).expect("json");
            let expected: serde_json::Value = serde_json::from_str(&expected).expect("json");
            assert_eq!(got, expected);
        }
    }

    #[test]
    fn text_output_with_reasons() {
        let text = output(&[
            "--format",
            "text",
            "--concepts",
            "gmr",
            "--explain",
            "NYNNN",
            "tests/corpus/elmira.model.json",
        ])
        .expect("runs");
        assert!(text.starts_with(
            "Elmira: 12 feasible states, 3 decision makers, reachability legal_sequences\n"
        ));
        assert!(text.contains("gmr at NYNNN for Local Government: stable"));
        assert!(text
            .contains("improvement to NYNNY: blocked by MoE moves NYNNY -> YYNNY (ends in YYNNY)"));
    }

    #[test]
    fn bad_input_is_a_one_line_error() {
        assert_eq!(
            output(&["--bogus"]),
            Err("unknown flag `--bogus`".to_string())
        );
        assert_eq!(output(&[]), Err("no graph-model file given".to_string()));
        assert_eq!(
            output(&["--reachability", "sometimes", "x.json"]),
            Err("unknown reachability `sometimes` (expected one of `legal_sequences`, `distinct_movers`)".to_string())
        );
        let e = output(&["tests/corpus/missing.json"]).unwrap_err();
        assert!(
            e.starts_with("tests/corpus/missing.json: cannot read"),
            "{e}"
        );
        let e = output(&[
            "--format",
            "text",
            "--explain",
            "YYYYY",
            "tests/corpus/elmira.model.json",
        ])
        .unwrap_err();
        assert_eq!(e, "state `YYYYY` is not feasible");
    }

    #[test]
    fn status_quo_analysis() {
        let v: serde_json::Value = serde_json::from_str(
            &output(&["--status-quo", "NYNNN", "tests/corpus/elmira.model.json"]).expect("runs"),
        )
        .expect("json");
        assert_eq!(v["reachable"], serde_json::json!(["NYNNN", "NYNNY"]));
        assert_eq!(v["equilibria"]["nash"], serde_json::json!(["NYNNY"]));
        assert_eq!(
            v["paths"]["NYNNY"],
            serde_json::json!([{ "movers": ["Local Government"], "from": "NYNNN", "to": "NYNNY", "improvement": true }])
        );
        let text = output(&[
            "--status-quo",
            "NYNNN",
            "--format",
            "text",
            "tests/corpus/elmira.model.json",
        ])
        .expect("runs");
        assert!(
            text.contains("    Local Government: NYNNN -> NYNNY\n"),
            "{text}"
        );
        let dot = output(&[
            "--status-quo",
            "NYNNN",
            "--dot",
            "path",
            "tests/corpus/elmira.model.json",
        ])
        .expect("runs");
        assert!(
            dot.contains("s2 -> s18 [label=\"1. Local Government\""),
            "{dot}"
        );
        assert_eq!(
            output(&["--dot", "path", "x.json"]),
            Err("`--dot path` needs `--status-quo`".to_string())
        );
        assert_eq!(
            output(&["--status-quo", "model", "tests/corpus/elmira.model.json"]),
            Err("the model gives no status quo".to_string())
        );
    }

    #[test]
    fn post_flags_are_forwarded() {
        let v: serde_json::Value = serde_json::from_str(
            &output(&[
                "--coalitions",
                "MoE,Uniroyal|Local Government",
                "tests/corpus/elmira.model.json",
            ])
            .expect("runs"),
        )
        .expect("json");
        assert!(v.is_object());
        assert!(output(&[
            "--horizon",
            "2",
            "--dm",
            "US",
            "tests/corpus/cuban.model.json"
        ])
        .is_ok());
    }

    #[test]
    fn markdown_and_hypergame() {
        let md = output(&[
            "--markdown",
            "--concepts",
            "nash",
            "tests/corpus/prisoners.model.json",
        ])
        .expect("runs");
        assert!(
            md.contains("| state | nash: Prisoner One | nash: prisoner 2 | equilibrium |"),
            "{md}"
        );
        assert!(md.contains("| `NN` | ✓ | ✓ | nash |"), "{md}");
        // Without misperceptions the hypergame is the plain analysis.
        assert_eq!(
            output(&["--hypergame", "tests/corpus/elmira.model.json"]),
            output(&["tests/corpus/elmira.model.json"])
        );
    }

    #[test]
    fn dot_output() {
        let dot = output(&["--dot", "states", "tests/corpus/prisoners.model.json"]).expect("runs");
        assert!(dot.starts_with("digraph \"Prisoners\" {"));
        assert!(dot.contains("s0 [label=\"NN\", peripheries=2];"));
    }
}
