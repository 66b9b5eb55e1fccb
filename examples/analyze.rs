//! Analyses a graph-model file (JSON or TOML, by extension).
//!
//! ```text
//! cargo run --release --example analyze -- [OPTIONS] FILE
//!   --reachability legal_sequences|distinct_movers   how sanctions are read (default legal_sequences)
//!   --concepts nash,gmr,smr,seq,sim                   concepts to analyse (default all)
//!   --format json|text                                the analysis JSON of the spec, or a tableau
//!   --encoding labels|ranges|bitmap                   JSON state sets as labels (default), runs of
//!                                                     canonical numbers, or base64 bitmaps
//!   --sets all|equilibria                             every set (default), or only the equilibria
//!                                                     and the counts
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
//! A flag that the run would ignore is an error: `--format`/`--markdown` with `--dot`,
//! `--status-quo` with `--dot states`, `--markdown` with `--status-quo`, `--steps` without
//! `--status-quo`, `--explain` without `--format text` or with `--dot`, `--status-quo` or
//! `--hypergame`, and the flags above that `post` does not take with a `post` flag.
//!
//! Exit code 0 on success, 2 with a one-line error on bad input.

use std::io::Write;
use std::process::ExitCode;

#[path = "common/mod.rs"]
mod common;
#[path = "analyze/args.rs"]
mod args;
#[path = "post/cli.rs"]
mod post_cli;
#[path = "analyze/status_quo.rs"]
mod status_quo;

use args::{check_forwarded, parse_args, Args, Dot, Format, POST_FLAGS};
use standoff::post::misperception;
use standoff::post::StatusQuoAnalysis;
use standoff::report::{explanation_text, tableau, tableau_markdown};
use standoff::{explain, Analysis, GraphModel};
use status_quo::{evolution_moves, state, status_quo_json, status_quo_text};

fn run(args: Vec<String>, stdout: &mut dyn Write) -> Result<(), String> {
    if args.iter().any(|a| POST_FLAGS.contains(&a.as_str())) {
        check_forwarded(&args)?;
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
            let moves = evolution_moves(&model, &analysis, sq)?;
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
                    .write_json_with(&model, &mut out, &args.output_options)
                    .map_err(|e| e.to_string())?;
                String::new()
            }
            Format::Markdown => tableau_markdown(&model, &analysis),
            Format::Text => {
                let mut text = tableau(&model, &analysis);
                if let Some(label) = &args.explain {
                    text.push_str(&reasons(&model, &analysis, &args, label)?);
                }
                text
            }
        },
    };
    out.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    out.flush().map_err(|e| e.to_string())
}

/// The reasons behind every verdict at the state `label`, per concept and decision maker.
fn reasons(
    model: &GraphModel,
    analysis: &Analysis,
    args: &Args,
    label: &str,
) -> Result<String, String> {
    let s = state(model, label)?;
    let mut text = String::new();
    for &concept in analysis.concepts() {
        for dm in 0..model.decision_makers().len() {
            let o = &args.options;
            let e = explain(model, concept, o.reachability, dm, s, &o.limits)
                .map_err(|e| e.to_string())?;
            text.push_str(&explanation_text(model, &e));
        }
    }
    Ok(text)
}

fn main() -> ExitCode {
    let result = run(
        std::env::args().skip(1).collect(),
        &mut std::io::stdout().lock(),
    );
    common::finish(result.map(|()| String::new()))
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
    fn compact_output_flags() {
        let v: serde_json::Value = serde_json::from_str(
            &output(&[
                "--encoding",
                "ranges",
                "--sets",
                "equilibria",
                "tests/corpus/elmira.model.json",
            ])
            .expect("runs"),
        )
        .expect("json");
        assert_eq!(v["encoding"], "ranges");
        assert!(v.get("stability").is_none());
        assert_eq!(v["counts"]["states"], 12);
        // The defaults are today's output, byte for byte.
        assert_eq!(
            output(&[
                "--encoding",
                "labels",
                "--sets",
                "all",
                "tests/corpus/elmira.model.json"
            ]),
            output(&["tests/corpus/elmira.model.json"])
        );
        assert_eq!(
            output(&["--encoding", "tiny", "x.json"]),
            Err(
                "unknown encoding `tiny` (expected one of `labels`, `ranges`, `bitmap`)"
                    .to_string()
            )
        );
        assert_eq!(
            output(&["--sets", "some", "x.json"]),
            Err("unknown set selection `some` (expected one of `all`, `equilibria`)".to_string())
        );
        assert_eq!(
            output(&["--sets"]),
            Err("`--sets` needs a value".to_string())
        );
        assert_eq!(
            output(&["--format", "text", "--encoding", "bitmap", "x.json"]),
            Err("`--encoding` and `--sets` go with the analysis JSON only".to_string())
        );
        assert_eq!(
            output(&["--coalitions", "all", "--sets", "equilibria", "x.json"]),
            Err("`--sets` does not go with `--coalitions`".to_string())
        );
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
