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
    let mut hypergame = false;
    let mut options = AnalysisOptions::default();
    let mut output_options = OutputOptions::default();
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
            "--encoding" => {
                output_options.encoding =
                    value("--encoding")?.parse().map_err(|e| format!("{e}"))?
            }
            "--sets" => {
                output_options.sets = value("--sets")?.parse().map_err(|e| format!("{e}"))?
            }
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
            s => file_argument(&mut file, s)?,
        }
    }
    if dot == Some(Dot::Path) && status_quo.is_none() {
        return Err("`--dot path` needs `--status-quo`".into());
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
