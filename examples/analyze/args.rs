//! The command line of the `analyze` example.

use crate::common::file_argument;
use standoff::post::Steps;
use standoff::{AnalysisOptions, Concept, OutputOptions};

/// Flags handled by the `post` command line.
pub const POST_FLAGS: [&str; 6] = [
    "--coalitions",
    "--coalitional",
    "--horizon",
    "--non-myopic",
    "--desired",
    "--destroy",
];

/// Flags of `analyze` that the `post` command line does not take.
pub const ANALYZE_ONLY_FLAGS: [&str; 10] = [
    "--encoding",
    "--sets",
    "--markdown",
    "--explain",
    "--dot",
    "--status-quo",
    "--steps",
    "--hypergame",
    "--threads",
    "--output",
];

/// With a `post` flag among `args`, the `post` command line takes over: an error for a flag
/// only `analyze` knows, naming the `post` flag it does not go with.
pub fn check_forwarded(args: &[String]) -> Result<(), String> {
    let Some(post) = args.iter().find(|a| POST_FLAGS.contains(&a.as_str())) else {
        return Ok(());
    };
    match args
        .iter()
        .find(|a| ANALYZE_ONLY_FLAGS.contains(&a.as_str()))
    {
        Some(own) => Err(format!("`{own}` does not go with `{post}`")),
        None => Ok(()),
    }
}

const USAGE: &str = "usage: analyze [--reachability legal_sequences|distinct_movers] [--concepts LIST] [--format json|text] [--encoding labels|ranges|bitmap] [--sets all|equilibria] [--markdown] [--explain STATE] [--dot states|path] [--status-quo STATE|model [--steps improvements|moves]] [--hypergame] [--threads N] [--output FILE] FILE (and the `post` flags --coalitions, --coalitional, --horizon, --non-myopic, --desired, --destroy)";

/// What the analysis is printed as.
#[derive(PartialEq)]
pub enum Format {
    Json,
    Text,
    Markdown,
}

/// Which drawing.
#[derive(PartialEq)]
pub enum Dot {
    States,
    Path,
}

/// The parsed command line.
pub struct Args {
    pub file: String,
    pub format: Format,
    pub explain: Option<String>,
    pub output: Option<String>,
    pub dot: Option<Dot>,
    pub status_quo: Option<String>,
    pub steps: Steps,
    pub hypergame: bool,
    pub options: AnalysisOptions,
    /// How the JSON output writes state sets, and which.
    pub output_options: OutputOptions,
}

/// Parses the arguments (without the program name).
pub fn parse_args(args: Vec<String>) -> Result<Args, String> {
    let mut args = args.into_iter();
    let mut file = None;
    let mut format = Format::Json;
    let mut explain = None;
    let mut output = None;
    let mut dot = None;
    let mut status_quo = None;
    let mut steps = Steps::Improvements;
    let mut steps_flag = false;
    let mut hypergame = false;
    let mut options = AnalysisOptions::default();
    let mut output_options = OutputOptions::default();
    let mut format_flag = None;
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("`{name}` needs a value"));
        match a.as_str() {
            "--reachability" => {
                options.reachability = value("--reachability")?
                    .parse()
                    .map_err(|e| format!("{e}"))?
            }
            "--format" => {
                format_flag = Some("--format");
                match value("--format")?.as_str() {
                    "json" => format = Format::Json,
                    "text" => format = Format::Text,
                    other => {
                        return Err(format!(
                            "unknown format `{other}` (expected `json` or `text`)"
                        ))
                    }
                }
            }
            "--encoding" => {
                output_options.encoding =
                    value("--encoding")?.parse().map_err(|e| format!("{e}"))?
            }
            "--sets" => {
                output_options.sets = value("--sets")?.parse().map_err(|e| format!("{e}"))?
            }
            "--markdown" => {
                format_flag = Some("--markdown");
                format = Format::Markdown
            }
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
            "--steps" => {
                steps_flag = true;
                match value("--steps")?.as_str() {
                    "improvements" => steps = Steps::Improvements,
                    "moves" => steps = Steps::Moves,
                    other => {
                        return Err(format!(
                            "unknown steps `{other}` (expected `improvements` or `moves`)"
                        ))
                    }
                }
            }
            "--hypergame" => hypergame = true,
            "-h" | "--help" => return Err(USAGE.into()),
            s => file_argument(&mut file, s)?,
        }
    }
    if dot == Some(Dot::Path) && status_quo.is_none() {
        return Err("`--dot path` needs `--status-quo`".into());
    }
    // Every flag given is used: reject the combinations where one would be ignored.
    let clash = |a: &str, b: &str| Err(format!("`{a}` does not go with `{b}`"));
    if let (Some(f), Some(_)) = (format_flag, &dot) {
        return clash(f, "--dot");
    }
    if dot == Some(Dot::States) && status_quo.is_some() {
        return clash("--status-quo", "--dot states");
    }
    if format == Format::Markdown && status_quo.is_some() {
        return clash("--markdown", "--status-quo");
    }
    if status_quo.is_none() && steps_flag {
        return Err("`--steps` goes with `--status-quo`".into());
    }
    if explain.is_some() {
        if dot.is_some() {
            return clash("--explain", "--dot");
        }
        if status_quo.is_some() {
            return clash("--explain", "--status-quo");
        }
        if hypergame {
            return clash("--explain", "--hypergame");
        }
        if format != Format::Text {
            return Err("`--explain` goes with `--format text`".into());
        }
    }
    if output_options != OutputOptions::default()
        && (format != Format::Json || dot.is_some() || status_quo.is_some())
    {
        return Err("`--encoding` and `--sets` go with the analysis JSON only".into());
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
        output_options,
    })
}
