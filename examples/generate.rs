//! Writes large, deterministic synthetic graph-model files for benchmarks and stress tests.
//!
//! ```text
//! cargo run --release --example generate -- [--model A|B|C] [--dms K] [--options N]
//!     [--seed S] [--prefs priorities|ranking] [--irreversible F]
//!     [--infeasible-target RATIO | --exclusive-pairs P] [--status-quo] [--name NAME]
//!     [--toml] [--output FILE]
//! ```
//!
//! Parameters (flags are applied in order, so `--model` first and then overrides):
//!
//! - `--dms K` (default 4), `--options N` (default 20): N options split as evenly as possible
//!   (the first N mod K decision makers get one more); decision makers `DM1..DMK`, options
//!   `o<dm>_<j>`.
//! - `--seed S` (default 1): every random choice derives from S through a self-contained
//!   splitmix64 generator, so the same arguments always give byte-identical output.
//! - `--prefs priorities` (default): per decision maker 4 to 8 random priority conditions of
//!   1 to 3 literals over its own and the others' options, with `!`, `&`, `|`.
//!   `--prefs ranking`: a random strict ranking of every feasible state per decision maker
//!   (only sensible up to about 16 options; refused above 2^18 feasible states).
//! - `--irreversible F` (default 0): that fraction of the options (rounded) is irreversible,
//!   alternately `forward` and `backward` in random order.
//! - `--exclusive-pairs P` (default 0): P disjoint random option pairs that may not both be
//!   taken (a `mutually_exclusive` group within one decision maker, an `infeasible` condition
//!   `a & b` across two). Exactly `2^N * (3/4)^P` states stay feasible.
//!   `--infeasible-target RATIO` picks P so that the infeasible fraction is closest to RATIO.
//! - `--status-quo`: add a random feasible status quo.
//! - `--name NAME`: the model name (default: one listing the parameters).
//! - `--toml`: write TOML instead of JSON. `--output FILE`: write to FILE (and a one-line
//!   summary to stderr) instead of stdout.
//!
//! The reference models of `docs/performance.md`:
//!
//! - **A** (`--model A`, = `--dms 4 --options 20 --seed 1 --irreversible 0.2`): 4 decision
//!   makers x 5 options, all 2^20 = 1,048,576 states feasible, priorities, 4 irreversible
//!   options.
//! - **B** (`--model B`, = `--dms 4 --options 24 --seed 2 --irreversible 0.2
//!   --infeasible-target 0.82`): 4 x 6 options, 6 exclusive pairs leaving 2,985,984 of
//!   16,777,216 states feasible, priorities, 5 irreversible options.
//! - **C** (`--model C`, = `--dms 4 --options 12 --seed 3 --prefs ranking`): 4 x 3 options,
//!   4,096 states, a random strict ranking per decision maker.
//!
//! Exit code 0 on success, 2 with a one-line error on bad arguments.

#[path = "common/mod.rs"]
mod common;
#[path = "generate/synth.rs"]
mod synth;

use std::process::ExitCode;

use synth::{Params, Prefs};

const USAGE: &str = "usage: generate [--model A|B|C] [--dms K] [--options N] [--seed S] \
[--prefs priorities|ranking] [--irreversible F] [--infeasible-target RATIO | --exclusive-pairs P] \
[--status-quo] [--name NAME] [--toml] [--output FILE]";

struct Args {
    params: Params,
    toml: bool,
    output: Option<String>,
}

fn number<T: std::str::FromStr>(flag: &str, v: &str) -> Result<T, String> {
    v.parse()
        .map_err(|_| format!("`{flag}` takes a number, not `{v}`"))
}

/// Flags that change a preset's parameters: `--model` must come before them (it replaces
/// every parameter, so a flag before it would be silently lost).
const PARAM_FLAGS: [&str; 8] = [
    "--dms",
    "--options",
    "--seed",
    "--prefs",
    "--irreversible",
    "--infeasible-target",
    "--exclusive-pairs",
    "--status-quo",
];

fn parse_args(args: Vec<String>) -> Result<Args, String> {
    let mut args = args.into_iter();
    let mut p = Params::default();
    let mut toml = false;
    let mut output = None;
    let mut target = None;
    let mut changed: Option<String> = None;
    let mut pairs_given = false;
    while let Some(a) = args.next() {
        if PARAM_FLAGS.contains(&a.as_str()) && changed.is_none() {
            changed = Some(a.clone());
        }
        let mut value = || args.next().ok_or_else(|| format!("`{a}` needs a value"));
        match a.as_str() {
            "--model" => {
                if let Some(flag) = &changed {
                    return Err(format!(
                        "`--model` must come before `{flag}` (it replaces every parameter)"
                    ));
                }
                let v = value()?;
                p = Params::preset(&v).ok_or_else(|| format!("unknown model `{v}` (A, B or C)"))?;
            }
            "--dms" => p.dms = number(&a, &value()?)?,
            "--options" => p.options = number(&a, &value()?)?,
            "--seed" => p.seed = number(&a, &value()?)?,
            "--prefs" => {
                p.prefs = match value()?.as_str() {
                    "priorities" => Prefs::Priorities,
                    "ranking" => Prefs::Ranking,
                    other => {
                        return Err(format!(
                            "unknown preferences `{other}` (priorities or ranking)"
                        ))
                    }
                }
            }
            "--irreversible" => p.irreversible = number(&a, &value()?)?,
            "--infeasible-target" => target = Some(number::<f64>(&a, &value()?)?),
            "--exclusive-pairs" => {
                p.exclusive_pairs = number(&a, &value()?)?;
                pairs_given = true;
            }
            "--status-quo" => p.status_quo = true,
            "--name" => p.name = Some(value()?),
            "--toml" => toml = true,
            "--output" => output = Some(value()?),
            "-h" | "--help" => return Err(USAGE.into()),
            s => return Err(format!("unknown argument `{s}`; {USAGE}")),
        }
    }
    if pairs_given && target.is_some() {
        return Err(
            "give one of `--infeasible-target` and `--exclusive-pairs` (both set the exclusive pairs)"
                .into(),
        );
    }
    // The target depends on the final option count, so it is applied last.
    if let Some(ratio) = target {
        p.set_infeasible_target(ratio)?;
    }
    Ok(Args {
        params: p,
        toml,
        output,
    })
}

fn run() -> Result<(), String> {
    let args = parse_args(std::env::args().skip(1).collect())?;
    let text = synth::render(&args.params, args.toml)?;
    match &args.output {
        Some(path) => {
            std::fs::write(path, text).map_err(|e| format!("cannot write `{path}`: {e}"))?;
            let p = &args.params;
            eprintln!(
                "{path}: dms={} options={} feasible_states={} exclusive_pairs={} seed={}",
                p.dms,
                p.options,
                p.feasible_count(),
                p.exclusive_pairs,
                p.seed
            );
        }
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|()| out.flush())
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    common::finish(run().map(|()| String::new()))
}

#[cfg(test)]
mod tests {
    use super::synth::{build, render, Params, Prefs};

    #[test]
    fn output_is_deterministic_and_loads() {
        let mut p = Params {
            options: 10,
            dms: 3,
            irreversible: 0.3,
            status_quo: true,
            ..Params::default()
        };
        p.set_infeasible_target(0.5).expect("reachable");
        assert_eq!(p.exclusive_pairs, 2);
        let a = render(&p, false).expect("renders");
        assert_eq!(a, render(&p, false).expect("renders"));
        let model = standoff::GraphModel::from_json_str(&a).expect("loads");
        assert_eq!(model.state_count() as u64, p.feasible_count());
        assert!(model.status_quo().is_some());
        let t = render(&p, true).expect("renders");
        let from_toml = standoff::GraphModel::from_toml_str(&t).expect("loads");
        assert_eq!(from_toml.file(), model.file());
    }

    #[test]
    fn rankings_are_strict_and_complete() {
        let p = Params {
            options: 8,
            prefs: Prefs::Ranking,
            exclusive_pairs: 1,
            ..Params::default()
        };
        let model = build(&p).expect("builds");
        assert_eq!(model.state_count(), 192);
        let ranking = model.file().preferences.0[0]
            .1
            .ranking
            .as_ref()
            .expect("ranking");
        assert_eq!(ranking.len(), 192);
        assert!(ranking.iter().all(|tier| tier.len() == 1));
    }

    #[test]
    fn presets_have_the_documented_sizes() {
        assert_eq!(Params::model_a().feasible_count(), 1 << 20);
        assert_eq!(Params::model_b().feasible_count(), 2_985_984);
        assert_eq!(Params::model_c().feasible_count(), 4096);
        let mut b = Params::model_b();
        b.set_infeasible_target(0.82).expect("reachable");
        assert_eq!(b, Params::model_b());
    }

    fn args(a: &[&str]) -> Result<super::Args, String> {
        super::parse_args(a.iter().map(|s| s.to_string()).collect())
    }

    /// Flags that would be silently lost are errors: a parameter flag before `--model`
    /// (the preset replaces it), and both ways of setting the exclusive pairs.
    #[test]
    fn flags_are_honoured_or_rejected() {
        let a = args(&["--model", "C", "--dms", "3", "--seed", "7"]).expect("honoured");
        assert_eq!((a.params.dms, a.params.seed), (3, 7));
        assert_eq!(
            args(&["--dms", "3", "--model", "C"]).err(),
            Some("`--model` must come before `--dms` (it replaces every parameter)".into())
        );
        assert_eq!(
            args(&["--infeasible-target", "0.5", "--exclusive-pairs", "2"]).err(),
            Some(
                "give one of `--infeasible-target` and `--exclusive-pairs` (both set the exclusive pairs)"
                    .into()
            )
        );
        let t = args(&["--options", "10", "--infeasible-target", "0.25"]).expect("honoured");
        assert!(t.params.exclusive_pairs > 0);
        assert_eq!(
            args(&["--frobnicate"])
                .err()
                .map(|e| e.starts_with("unknown argument `--frobnicate`")),
            Some(true)
        );
    }
}
