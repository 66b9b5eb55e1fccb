//! Analyses beyond equilibria on a graph-model file (JSON or TOML, by extension).
//!
//! ```text
//! cargo run --example post -- FILE [--format json|text] MODE
//! MODE is one of
//!   --coalitions "A,B|C" [--concepts nash,gmr,smr,seq] [--state S] [--reachability R]
//!                                                        stability with coalitions as players
//!                                                        (with the reasons at S)
//!   --coalitions all [--concepts ...] [--reachability R] the same for every partition
//!   --coalitional --concept C [--reachability R]         coalitional stability per decision maker
//!   --horizon H --dm NAME [--state S] [--max-horizon N]  limited-move stability L(H)
//!   --non-myopic --dm NAME [--max-horizon N]             non-myopic stability
//!   --desired STATE --concept C [--max-edits N] [--max-solutions N] [--reachability R]
//!                                                        preference changes making STATE an equilibrium
//!   --destroy STATE --concept C [--reachability R]       single changes destroying the equilibrium STATE
//! R is legal_sequences (default) or distinct_movers. A flag that the mode does not use is an
//! error.
//! ```
//!
//! Prints JSON (default) or text. Exit code 0 on success, 2 with a one-line error on bad
//! input.

use std::process::ExitCode;

#[path = "common/mod.rs"]
mod common;
#[path = "post/cli.rs"]
mod cli;

use cli::run;

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

    fn json(args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&output(args).expect("runs")).expect("json")
    }

    #[test]
    fn coalitions() {
        let v = json(&[
            "tests/corpus/elmira.model.json",
            "--coalitions",
            "MoE,Uniroyal|Local Government",
        ]);
        assert_eq!(v["format"], "standoff.coalitions/1");
        let nash = v["equilibria"]["nash"].as_array().expect("list");
        assert!(!nash.iter().any(|s| s == "NYNNY"));
        let text = output(&[
            "tests/corpus/elmira.model.json",
            "--format",
            "text",
            "--coalitions",
            "MoE,Uniroyal|Local Government",
            "--concepts",
            "gmr",
            "--state",
            "NYNNY",
        ])
        .expect("runs");
        assert!(text.contains("gmr at NYNNY for MoE,Uniroyal: unstable"));
        assert!(text.contains("improvement to YNYNY: not sanctioned"));
        let all = json(&["tests/corpus/elmira.model.json", "--coalitions", "all"]);
        assert_eq!(all.as_array().map(|a| a.len()), Some(5));
        let text = output(&[
            "tests/corpus/elmira.model.json",
            "--format",
            "text",
            "--coalitional",
            "--concept",
            "nash",
        ])
        .expect("runs");
        assert!(text.contains("NYNNY blocked by MoE,Uniroyal"));
    }

    #[test]
    fn limited_move() {
        let v = json(&[
            "tests/corpus/prisoners.model.json",
            "--horizon",
            "2",
            "--dm",
            "Prisoner One",
            "--state",
            "YY",
        ]);
        assert_eq!(v["stable"], serde_json::json!(["NN", "NY", "YY"]));
        assert_eq!(v["explanation"]["stable"], true);
        let nm = json(&[
            "tests/corpus/cuban.model.json",
            "--non-myopic",
            "--dm",
            "US",
        ]);
        assert_eq!(nm["format"], "standoff.non-myopic/1");
    }

    #[test]
    fn sensitivity() {
        let v = json(&[
            "tests/corpus/prisoners.model.json",
            "--desired",
            "YY",
            "--concept",
            "nash",
        ]);
        assert_eq!(v["min_edits"], 2);
        let text = output(&[
            "tests/corpus/prisoners.model.json",
            "--format",
            "text",
            "--destroy",
            "NN",
            "--concept",
            "gmr",
        ])
        .expect("runs");
        assert!(text.starts_with("Prisoners: "));
    }

    #[test]
    fn bad_input_is_a_one_line_error() {
        let e = |args: &[&str]| output(args).expect_err("bad input");
        assert_eq!(
            e(&[
                "tests/corpus/elmira.model.json",
                "--coalitions",
                "MoE|Uniroyal"
            ]),
            "the partition misses decision maker `Local Government`"
        );
        assert_eq!(
            e(&[
                "tests/corpus/elmira.model.json",
                "--coalitions",
                "MoE,MoE|Uniroyal|Local Government"
            ]),
            "the partition repeats decision maker `MoE`"
        );
        assert_eq!(
            e(&[
                "tests/corpus/cuban.model.json",
                "--horizon",
                "0",
                "--dm",
                "US"
            ]),
            "horizon `0` is not allowed: a horizon counts moves and is at least 1"
        );
        assert_eq!(
            e(&[
                "tests/corpus/cuban.model.json",
                "--horizon",
                "9",
                "--max-horizon",
                "4",
                "--dm",
                "US"
            ]),
            "horizon `9` is above the budget of 4 moves"
        );
        assert_eq!(
            e(&["tests/corpus/elmira.model.json", "--horizon", "2", "--dm", "MoE"]),
            "limited-move stability needs exactly two decision makers; the model has 3: `MoE`, `Uniroyal`, `Local Government`"
        );
        assert_eq!(
            e(&[
                "tests/corpus/cuban.model.json",
                "--desired",
                "NNYY",
                "--concept",
                "gmr"
            ]),
            "state `NNYY` is not feasible"
        );
        assert_eq!(
            e(&[
                "tests/corpus/cuban.model.json",
                "--desired",
                "NNQN",
                "--concept",
                "gmr"
            ]),
            "malformed state `NNQN`: letter 3 is `Q`, not `Y` or `N`"
        );
        assert_eq!(
            e(&[
                "tests/corpus/cuban.model.json",
                "--horizon",
                "2",
                "--dm",
                "UN"
            ]),
            "unknown decision maker `UN`"
        );
        assert_eq!(
            e(&["tests/corpus/cuban.model.json"]).split(':').next(),
            Some("no analysis given")
        );
        assert_eq!(e(&["--bogus"]), "unknown flag `--bogus`");
    }
}
