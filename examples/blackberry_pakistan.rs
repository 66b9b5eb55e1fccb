//! The seed case: BlackBerry and Pakistan, 2015, resolved.
//!
//! ```text
//! cargo run --release --example blackberry_pakistan
//! ```
//!
//! Loads `seeds/blackberry-pakistan-2015.toml` (embedded in the binary), prints its conflict
//! graph (conflicts, who threatens whom, policies under pressure), then its resolution: the
//! status quo and why the parties move from it, the threats at work (BlackBerry's exit is the
//! credible one), the predicted outcomes with their paths and explanations, and every
//! equilibrium.

use std::process::ExitCode;

use standoff::report::scenario_report;
use standoff::{ConflictGraph, Resolver, Scenario};

const SEED: &str = include_str!("../seeds/blackberry-pakistan-2015.toml");

fn run() -> Result<String, String> {
    let scenario = Scenario::from_toml_str(SEED).map_err(|e| format!("seed: {e}"))?;
    let conflict = ConflictGraph::new(&scenario).map_err(|e| e.to_string())?;
    let (_, resolution) = Resolver::default()
        .resolve_scenario(&scenario)
        .map_err(|e| e.to_string())?;
    Ok(scenario_report(&conflict, &resolution))
}

fn main() -> ExitCode {
    match run() {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {}", e.replace('\n', " "));
            ExitCode::from(2)
        }
    }
}
