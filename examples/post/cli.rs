//! The command line of the `post` example, shared with `analyze` (which forwards its
//! coalition, horizon and sensitivity flags here).

#[path = "args.rs"]
pub mod args;
#[path = "coalitions.rs"]
mod coalitions;
#[path = "horizon.rs"]
mod horizon;
#[path = "sensitivity.rs"]
mod sensitivity;

use std::io::Write;

use args::{parse_args, Args, Mode};
use serde_json::Value;
use standoff::{Concept, GraphModel, State};

fn labels(model: &GraphModel, states: &[State]) -> Vec<String> {
    states.iter().map(|&s| model.label(s)).collect()
}

fn dm_index(model: &GraphModel, args: &Args) -> Result<usize, String> {
    let name = args.dm.as_deref().ok_or("`--dm NAME` is needed")?;
    model
        .decision_maker_index(name)
        .ok_or_else(|| format!("unknown decision maker `{name}`"))
}

fn concept(args: &Args) -> Result<Concept, String> {
    args.concept
        .ok_or_else(|| "`--concept` is needed".to_string())
}

/// Runs the `post` command line with `args` (without the program name), writing to `out`.
pub fn run(args: Vec<String>, out: &mut dyn Write) -> Result<(), String> {
    let args = parse_args(args)?;
    let model = GraphModel::from_path(&args.file).map_err(|e| format!("{}: {e}", args.file))?;
    let mut text = String::new();
    let value: Value = match &args.mode {
        Mode::Coalitions(spec) if spec == "all" => coalitions::all(&model, &args, &mut text)?,
        Mode::Coalitions(spec) => coalitions::partition(&model, &args, spec, &mut text)?,
        Mode::Coalitional => coalitions::coalitional(&model, &args, &mut text)?,
        Mode::Horizon(h) => horizon::horizon(&model, &args, *h, &mut text)?,
        Mode::NonMyopic => horizon::non_myopic_stability(&model, &args, &mut text)?,
        Mode::Desired(label) => sensitivity::answer(&model, &args, label, false, &mut text)?,
        Mode::Destroy(label) => sensitivity::answer(&model, &args, label, true, &mut text)?,
    };
    if args.text {
        out.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    } else {
        let s = serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?;
        writeln!(out, "{s}").map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())
}
