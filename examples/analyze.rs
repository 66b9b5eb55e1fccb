//! Analyses a graph-model file (JSON or TOML, by extension).
//!
//! ```text
//! cargo run --release --example analyze -- [--reachability legal_sequences|distinct_movers]
//!     [--format json|text] [--concepts nash,gmr,smr,seq,sim] [--threads N]
//!     [--explain STATE] [--dot states] [--output FILE] FILE
//! ```
//!
//! Prints the analysis JSON of the spec (section 3) or a stability tableau; `--explain STATE`
//! adds, in text format, the reasons behind every verdict at that state; `--dot states`
//! prints the state graph in Graphviz DOT instead (GMR equilibria doubled). Exit code 0 on
//! success, 2 with a one-line error on bad input.

use std::io::Write;
use std::process::ExitCode;

use standoff::report::tableau;
use standoff::{explain, Analysis, AnalysisOptions, Concept, GraphModel};

struct Args {
    file: String,
    text: bool,
    explain: Option<String>,
    output: Option<String>,
    dot: bool,
    options: AnalysisOptions,
}

fn parse_args(args: Vec<String>) -> Result<Args, String> {
    let mut args = args.into_iter();
    let mut file = None;
    let mut text = false;
    let mut explain = None;
    let mut output = None;
    let mut dot = false;
    let mut options = AnalysisOptions::default();
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("`{name}` needs a value"));
        match a.as_str() {
            "--reachability" => {
                options.reachability = value("--reachability")?.parse().map_err(|e| format!("{e}"))?
            }
            "--format" => match value("--format")?.as_str() {
                "json" => text = false,
                "text" => text = true,
                other => return Err(format!("unknown format `{other}` (expected `json` or `text`)")),
            },
            "--concepts" => {
                options.concepts = value("--concepts")?
                    .split(',')
                    .map(|c| c.trim().parse::<Concept>().map_err(|e| e.to_string()))
                    .collect::<Result<_, _>>()?
            }
            "--threads" => {
                let v = value("--threads")?;
                options.threads = v.parse().map_err(|_| format!("`--threads` takes a number, not `{v}`"))?
            }
            "--explain" => explain = Some(value("--explain")?),
            "--output" => output = Some(value("--output")?),
            "--dot" => match value("--dot")?.as_str() {
                "states" => dot = true,
                other => return Err(format!("unknown drawing `{other}` (expected `states`)")),
            },
            "-h" | "--help" => {
                return Err("usage: analyze [--reachability legal_sequences|distinct_movers] [--format json|text] [--concepts nash,gmr,smr,seq,sim] [--threads N] [--explain STATE] [--dot states] [--output FILE] FILE".into())
            }
            s if s.starts_with("--") => return Err(format!("unknown flag `{s}`")),
            s => {
                if file.replace(s.to_string()).is_some() {
                    return Err("more than one file given".into());
                }
            }
        }
    }
    Ok(Args {
        file: file.ok_or("no graph-model file given")?,
        text,
        explain,
        output,
        dot,
        options,
    })
}

fn run(args: Vec<String>, stdout: &mut dyn Write) -> Result<(), String> {
    let args = parse_args(args)?;
    let model = GraphModel::from_path(&args.file).map_err(|e| format!("{}: {e}", args.file))?;
    let analysis = Analysis::run(&model, &args.options).map_err(|e| e.to_string())?;
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(
            std::fs::File::create(path).map_err(|e| format!("cannot write `{path}`: {e}"))?,
        ),
        None => Box::new(stdout),
    };
    if args.dot {
        let dot = standoff::report::dot::state_graph(&model, Some(&analysis), &Default::default())
            .map_err(|e| e.to_string())?;
        out.write_all(dot.as_bytes()).map_err(|e| e.to_string())?;
    } else if args.text {
        let mut text = tableau(&model, &analysis);
        if let Some(label) = &args.explain {
            let state = model.parse_state(label).map_err(|e| e.to_string())?;
            if !model.is_feasible(state) {
                return Err(format!("state `{label}` is not feasible"));
            }
            for &concept in analysis.concepts() {
                for dm in 0..model.decision_makers().len() {
                    let e = explain(
                        &model,
                        concept,
                        args.options.reachability,
                        dm,
                        state,
                        &args.options.limits,
                    )
                    .map_err(|e| e.to_string())?;
                    text.push_str(&standoff::report::explanation_text(&model, &e));
                }
            }
        }
        out.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    } else {
        if args.explain.is_some() {
            return Err("`--explain` goes with `--format text`".into());
        }
        analysis
            .write_json(&model, &mut out)
            .map_err(|e| e.to_string())?;
    }
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
    fn dot_output() {
        let dot = output(&["--dot", "states", "tests/corpus/prisoners.model.json"]).expect("runs");
        assert!(dot.starts_with("digraph \"Prisoners\" {"));
        assert!(dot.contains("s0 [label=\"NN\", peripheries=2];"));
    }
}
