//! Every command-line flag of the `post` and `analyze` examples is honoured or rejected with a
//! one-line error: the examples' own modules, included by path, run on the documented
//! combinations.

#[path = "../examples/common/mod.rs"]
mod common;
#[allow(dead_code)]
#[path = "../examples/post/cli.rs"]
mod post_cli;
#[allow(dead_code)]
#[path = "../examples/analyze/args.rs"]
mod analyze_args;

use analyze_args::{check_forwarded, parse_args, Dot, Format, ANALYZE_ONLY_FLAGS, POST_FLAGS};
use serde_json::Value;
use standoff::post::Steps;
use standoff::{Concept, Reachability};

const ELMIRA: &str = "tests/corpus/elmira.model.json";
const CUBAN: &str = "tests/corpus/cuban.model.json";
const PRISONERS: &str = "tests/corpus/prisoners.model.json";
/// The worked example of docs/graph-model-format.md, section 5.
const ESCAPE: &str = "tests/data/coalition_escape.model.json";

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

fn post(args: &[&str]) -> Result<String, String> {
    let mut buf = Vec::new();
    post_cli::run(strings(args), &mut buf)?;
    Ok(String::from_utf8(buf).expect("utf-8"))
}

fn post_json(args: &[&str]) -> Value {
    let out = post(args).unwrap_or_else(|e| panic!("{args:?}: {e}"));
    serde_json::from_str(&out).expect("json")
}

fn labels(v: &Value) -> Vec<&str> {
    v.as_array()
        .expect("a list")
        .iter()
        .map(|s| s.as_str().expect("a label"))
        .collect()
}

/// Each `post` mode, with the flags it needs and a valid value for each flag it may take.
fn post_modes() -> Vec<(&'static str, Vec<&'static str>, Vec<&'static str>)> {
    vec![
        (
            "--coalitions",
            vec![ELMIRA, "--coalitions", "MoE,Uniroyal|Local Government"],
            vec!["--concepts", "--reachability", "--state"],
        ),
        (
            "--coalitions all",
            vec![ELMIRA, "--coalitions", "all"],
            vec!["--concepts", "--reachability"],
        ),
        (
            "--coalitional",
            vec![ELMIRA, "--coalitional", "--concept", "gmr"],
            vec!["--reachability"],
        ),
        (
            "--horizon",
            vec![CUBAN, "--horizon", "2", "--dm", "US"],
            vec!["--state", "--max-horizon"],
        ),
        (
            "--non-myopic",
            vec![CUBAN, "--non-myopic", "--dm", "US"],
            vec!["--max-horizon"],
        ),
        (
            "--desired",
            vec![PRISONERS, "--desired", "YY", "--concept", "nash"],
            vec!["--max-edits", "--max-solutions", "--reachability"],
        ),
        (
            "--destroy",
            vec![PRISONERS, "--destroy", "NN", "--concept", "gmr"],
            vec!["--reachability"],
        ),
    ]
}

/// A valid value of `flag` for the model `file`.
fn value(flag: &str, file: &str) -> &'static str {
    match flag {
        "--concepts" => "gmr,smr",
        "--concept" => "gmr",
        "--dm" => "US",
        "--state" if file == ELMIRA => "NYNNY",
        "--state" if file == CUBAN => "NNNN",
        "--state" => "NN",
        "--max-horizon" => "24",
        "--max-edits" => "2",
        "--max-solutions" => "1",
        "--reachability" => "distinct_movers",
        other => panic!("no value for {other}"),
    }
}

#[test]
fn post_modes_take_their_flags_and_reject_every_other() {
    // Every qualifying flag the example knows, so a flag added there is tried here too.
    let all = post_cli::args::OPTION_FLAGS;
    let mut honoured = 0;
    let mut rejected = 0;
    for (name, base, allowed) in post_modes() {
        for format in ["json", "text"] {
            let mut args = base.clone();
            args.extend(["--format", format]);
            assert!(post(&args).is_ok(), "{args:?}");
        }
        for flag in all {
            let mut args = base.clone();
            if args.contains(&flag) {
                continue;
            }
            args.extend([flag, value(flag, base[0])]);
            let got = post(&args);
            if allowed.contains(&flag) {
                assert!(got.is_ok(), "{args:?}: {got:?}");
                honoured += 1;
            } else {
                assert_eq!(
                    got,
                    Err(format!("`{flag}` does not go with `{name}`")),
                    "{args:?}"
                );
                rejected += 1;
            }
        }
    }
    assert_eq!((honoured, rejected), (13, 38));
}

#[test]
fn post_reachability_is_honoured_by_the_coalition_modes() {
    // The worked example: NNN is SMR-stable for A,B under distinct_movers only.
    let legal = post_json(&[ESCAPE, "--coalitions", "A,B|C", "--concepts", "smr"]);
    let distinct = post_json(&[
        ESCAPE,
        "--coalitions",
        "A,B|C",
        "--concepts",
        "smr",
        "--reachability",
        "distinct_movers",
    ]);
    assert!(legal.get("reachability").is_none());
    assert_eq!(distinct["reachability"], "distinct_movers");
    assert!(!labels(&legal["stability"]["smr"]["A,B"]).contains(&"NNN"));
    assert!(labels(&distinct["stability"]["smr"]["A,B"]).contains(&"NNN"));
    // The explanations at --state follow the reading.
    for (reading, stable) in [("legal_sequences", false), ("distinct_movers", true)] {
        let v = post_json(&[
            ESCAPE,
            "--coalitions",
            "A,B|C",
            "--concepts",
            "smr",
            "--state",
            "NNN",
            "--reachability",
            reading,
        ]);
        let written = v["explanations"][0].get("reachability");
        assert_eq!(written.is_some(), reading == "distinct_movers", "{reading}");
        assert_eq!(v["explanations"][0]["stable"], stable, "{reading}");
    }
    let text = post(&[
        ESCAPE,
        "--format",
        "text",
        "--coalitions",
        "A,B|C",
        "--reachability",
        "distinct_movers",
    ])
    .expect("runs");
    assert!(text.starts_with("Coalition escape: partition A,B|C (distinct_movers)\n"));
    let all = post_json(&[
        ESCAPE,
        "--coalitions",
        "all",
        "--reachability",
        "distinct_movers",
    ]);
    let reports = all.as_array().expect("one report per partition");
    assert_eq!(reports.len(), 5);
    assert!(reports
        .iter()
        .all(|r| r["reachability"] == "distinct_movers"));
    // Coalitional stability: A at NNN. {A} has no improvement; {A,B} blocks under
    // legal_sequences (the SMR escape NNY), not under distinct_movers; {A,C}'s improvement
    // NNY is sanctioned by B (NYY, last for A) without escape; the grand coalition improves
    // to NNY (A 2nd over 3rd, B 3rd over 4th, C c taken) and blocks under both.
    for (reading, blocker) in [("legal_sequences", "A,B"), ("distinct_movers", "A,B,C")] {
        let v = post_json(&[
            ESCAPE,
            "--coalitional",
            "--concept",
            "smr",
            "--reachability",
            reading,
        ]);
        assert_eq!(
            v.get("reachability").is_some(),
            reading == "distinct_movers",
            "{reading}"
        );
        let blocked = v["decision_makers"]["A"]["blocked"]
            .as_array()
            .expect("list")
            .iter()
            .find(|b| b["state"] == "NNN")
            .map(|b| b["coalition"].clone());
        assert_eq!(blocked, Some(Value::from(blocker)), "{reading}");
    }
}

fn analyze(args: &[&str]) -> Result<analyze_args::Args, String> {
    parse_args(strings(args))
}

fn analyze_error(args: &[&str]) -> String {
    match analyze(args) {
        Ok(_) => panic!("{args:?} accepted"),
        Err(e) => e,
    }
}

#[test]
fn analyze_flags_are_honoured() {
    let a = analyze(&["--reachability", "distinct_movers", ELMIRA]).expect("ok");
    assert_eq!(a.options.reachability, Reachability::DistinctMovers);
    assert!(a.format == Format::Json);
    let a = analyze(&["--concepts", "gmr,seq", "--threads", "1", ELMIRA]).expect("ok");
    assert_eq!(a.options.concepts, vec![Concept::Gmr, Concept::Seq]);
    assert_eq!(a.options.threads, 1);
    let a = analyze(&["--format", "text", "--explain", "NYNNN", ELMIRA]).expect("ok");
    assert!(a.format == Format::Text);
    assert_eq!(a.explain.as_deref(), Some("NYNNN"));
    assert!(analyze(&["--markdown", "--hypergame", ELMIRA])
        .map(|a| a.format == Format::Markdown && a.hypergame)
        .expect("ok"));
    let a = analyze(&["--status-quo", "NYNNN", "--steps", "moves", ELMIRA]).expect("ok");
    assert_eq!(a.steps, Steps::Moves);
    assert_eq!(a.status_quo.as_deref(), Some("NYNNN"));
    let a = analyze(&["--status-quo", "model", "--format", "text", ELMIRA]).expect("ok");
    assert!(a.format == Format::Text);
    let a = analyze(&["--dot", "path", "--status-quo", "NYNNN", ELMIRA]).expect("ok");
    assert!(a.dot == Some(Dot::Path));
    let a = analyze(&["--dot", "states", "--output", "x.dot", ELMIRA]).expect("ok");
    assert!(a.dot == Some(Dot::States));
    assert_eq!(a.output.as_deref(), Some("x.dot"));
    // The post flags with the analyze flags post also takes.
    for post in POST_FLAGS {
        let args = strings(&[
            post,
            "V",
            "--reachability",
            "distinct_movers",
            "--format",
            "text",
            ELMIRA,
        ]);
        assert_eq!(check_forwarded(&args), Ok(()));
    }
}

#[test]
fn analyze_flags_that_would_be_ignored_are_rejected() {
    let cases: [(&[&str], &str); 12] = [
        (
            &["--dot", "states", "--format", "text", ELMIRA],
            "`--format` does not go with `--dot`",
        ),
        (
            &["--markdown", "--dot", "states", ELMIRA],
            "`--markdown` does not go with `--dot`",
        ),
        (
            &["--dot", "states", "--status-quo", "NYNNN", ELMIRA],
            "`--status-quo` does not go with `--dot states`",
        ),
        (
            &["--markdown", "--status-quo", "NYNNN", ELMIRA],
            "`--markdown` does not go with `--status-quo`",
        ),
        (
            &["--steps", "moves", ELMIRA],
            "`--steps` goes with `--status-quo`",
        ),
        (
            &["--explain", "NYNNN", ELMIRA],
            "`--explain` goes with `--format text`",
        ),
        (
            &["--explain", "NYNNN", "--format", "json", ELMIRA],
            "`--explain` goes with `--format text`",
        ),
        (
            &["--explain", "NYNNN", "--markdown", ELMIRA],
            "`--explain` goes with `--format text`",
        ),
        (
            &["--explain", "NYNNN", "--dot", "states", ELMIRA],
            "`--explain` does not go with `--dot`",
        ),
        (
            &[
                "--format",
                "text",
                "--explain",
                "NYNNN",
                "--status-quo",
                "NYNNN",
                ELMIRA,
            ],
            "`--explain` does not go with `--status-quo`",
        ),
        (
            &[
                "--format",
                "text",
                "--explain",
                "NYNNN",
                "--hypergame",
                ELMIRA,
            ],
            "`--explain` does not go with `--hypergame`",
        ),
        (
            &["--dot", "path", ELMIRA],
            "`--dot path` needs `--status-quo`",
        ),
    ];
    for (args, message) in cases {
        assert_eq!(analyze_error(args), message, "{args:?}");
        assert!(!message.contains('\n'));
    }
    // With a post flag, the flags only analyze takes are errors naming it.
    for post in POST_FLAGS {
        for own in ANALYZE_ONLY_FLAGS {
            let args = strings(&[post, "V", own, "W", ELMIRA]);
            assert_eq!(
                check_forwarded(&args),
                Err(format!("`{own}` does not go with `{post}`"))
            );
        }
    }
}
