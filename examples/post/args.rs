//! The command line of the `post` example.

use crate::common::file_argument;
use standoff::{Concept, Reachability};

const USAGE: &str = "usage: post FILE [--format json|text] (--coalitions \"A,B|C\" [--concepts LIST] [--state S] [--reachability R] | --coalitions all [--concepts LIST] [--reachability R] | --coalitional --concept C [--reachability R] | --horizon H --dm NAME [--state S] [--max-horizon N] | --non-myopic --dm NAME [--max-horizon N] | --desired STATE --concept C [--max-edits N] [--max-solutions N] [--reachability R] | --destroy STATE --concept C [--reachability R])";

/// Which analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Coalitions(String),
    Coalitional,
    Horizon(usize),
    NonMyopic,
    Desired(String),
    Destroy(String),
}

/// The parsed command line.
pub struct Args {
    pub file: String,
    pub text: bool,
    pub mode: Mode,
    pub concepts: Option<Vec<Concept>>,
    pub concept: Option<Concept>,
    pub dm: Option<String>,
    pub state: Option<String>,
    pub max_horizon: Option<usize>,
    pub max_edits: Option<usize>,
    pub max_solutions: Option<usize>,
    pub reachability: Reachability,
}

/// The flags that qualify a mode (every mode takes `--format`).
pub const OPTION_FLAGS: [&str; 8] = [
    "--concepts",
    "--concept",
    "--dm",
    "--state",
    "--max-horizon",
    "--max-edits",
    "--max-solutions",
    "--reachability",
];

/// The mode as written, and the flags of [`OPTION_FLAGS`] it uses.
fn accepted(mode: &Mode) -> (&'static str, &'static [&'static str]) {
    match mode {
        Mode::Coalitions(spec) if spec == "all" => {
            ("--coalitions all", &["--concepts", "--reachability"])
        }
        Mode::Coalitions(_) => ("--coalitions", &["--concepts", "--reachability", "--state"]),
        Mode::Coalitional => ("--coalitional", &["--concept", "--reachability"]),
        Mode::Horizon(_) => ("--horizon", &["--dm", "--state", "--max-horizon"]),
        Mode::NonMyopic => ("--non-myopic", &["--dm", "--max-horizon"]),
        Mode::Desired(_) => (
            "--desired",
            &[
                "--concept",
                "--max-edits",
                "--max-solutions",
                "--reachability",
            ],
        ),
        Mode::Destroy(_) => ("--destroy", &["--concept", "--reachability"]),
    }
}

fn number(flag: &str, v: &str) -> Result<usize, String> {
    v.parse()
        .map_err(|_| format!("`{flag}` takes a number, not `{v}`"))
}

/// Parses the arguments (without the program name).
pub fn parse_args(args: Vec<String>) -> Result<Args, String> {
    let mut args = args.into_iter();
    let mut file = None;
    let mut text = false;
    let mut modes = Vec::new();
    let mut concepts = None;
    let mut concept = None;
    let mut dm = None;
    let mut state = None;
    let mut max_horizon = None;
    let mut max_edits = None;
    let mut max_solutions = None;
    let mut reachability = Reachability::LegalSequences;
    // The flags given other than the modes and `--format`, to check against the mode.
    let mut given: Vec<&'static str> = Vec::new();
    while let Some(a) = args.next() {
        if let Some(&flag) = OPTION_FLAGS.iter().find(|&&f| f == a) {
            given.push(flag);
        }
        let mut value = |name: &str| args.next().ok_or_else(|| format!("`{name}` needs a value"));
        match a.as_str() {
            "--format" => match value("--format")?.as_str() {
                "json" => text = false,
                "text" => text = true,
                other => {
                    return Err(format!(
                        "unknown format `{other}` (expected `json` or `text`)"
                    ))
                }
            },
            "--coalitions" => modes.push(Mode::Coalitions(value("--coalitions")?)),
            "--coalitional" => modes.push(Mode::Coalitional),
            "--horizon" => {
                let v = value("--horizon")?;
                modes.push(Mode::Horizon(number("--horizon", &v)?))
            }
            "--non-myopic" => modes.push(Mode::NonMyopic),
            "--desired" => modes.push(Mode::Desired(value("--desired")?)),
            "--destroy" => modes.push(Mode::Destroy(value("--destroy")?)),
            "--concepts" => {
                concepts = Some(
                    value("--concepts")?
                        .split(',')
                        .map(|c| c.trim().parse::<Concept>().map_err(|e| e.to_string()))
                        .collect::<Result<Vec<_>, _>>()?,
                )
            }
            "--concept" => {
                concept = Some(
                    value("--concept")?
                        .trim()
                        .parse::<Concept>()
                        .map_err(|e| e.to_string())?,
                )
            }
            "--dm" => dm = Some(value("--dm")?),
            "--state" => state = Some(value("--state")?),
            "--max-horizon" => {
                let v = value("--max-horizon")?;
                max_horizon = Some(number("--max-horizon", &v)?)
            }
            "--max-edits" => {
                let v = value("--max-edits")?;
                max_edits = Some(number("--max-edits", &v)?)
            }
            "--max-solutions" => {
                let v = value("--max-solutions")?;
                max_solutions = Some(number("--max-solutions", &v)?)
            }
            "--reachability" => {
                reachability = value("--reachability")?
                    .parse()
                    .map_err(|e| format!("{e}"))?
            }
            "-h" | "--help" => return Err(USAGE.into()),
            s => file_argument(&mut file, s)?,
        }
    }
    let file = file.ok_or("no graph-model file given")?;
    if modes.len() > 1 {
        return Err("give only one of `--coalitions`, `--coalitional`, `--horizon`, `--non-myopic`, `--desired`, `--destroy`".into());
    }
    let mode = modes.pop().ok_or_else(|| {
        "no analysis given: use `--coalitions`, `--coalitional`, `--horizon`, `--non-myopic`, `--desired` or `--destroy`".to_string()
    })?;
    let (name, allowed) = accepted(&mode);
    if let Some(flag) = given.iter().find(|f| !allowed.contains(f)) {
        return Err(format!("`{flag}` does not go with `{name}`"));
    }
    Ok(Args {
        file,
        text,
        mode,
        concepts,
        concept,
        dm,
        state,
        max_horizon,
        max_edits,
        max_solutions,
        reachability,
    })
}
