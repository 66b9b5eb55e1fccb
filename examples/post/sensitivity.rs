//! Sensitivity analyses of the `post` example: `--desired` and `--destroy`.

use serde_json::Value;
use standoff::post::sensitivity::{
    desired_state, destroy_equilibrium, make_equilibrium, SensitivityOptions,
};
use standoff::GraphModel;

use super::args::Args;
use super::concept;

/// The sensitivity options the arguments give.
fn options(args: &Args) -> SensitivityOptions {
    let mut options = SensitivityOptions {
        reachability: args.reachability,
        ..SensitivityOptions::default()
    };
    if let Some(k) = args.max_edits {
        options.max_edits = k;
    }
    if let Some(k) = args.max_solutions {
        options.max_solutions = k;
    }
    options
}

/// `--desired STATE` (the fewest preference changes making `STATE` an equilibrium) or, with
/// `destroy`, `--destroy STATE` (the single changes destroying the equilibrium `STATE`).
pub fn answer(
    model: &GraphModel,
    args: &Args,
    label: &str,
    destroy: bool,
    text: &mut String,
) -> Result<Value, String> {
    let c = concept(args)?;
    let s = desired_state(model, label).map_err(|e| e.to_string())?;
    let s_options = options(args);
    if !destroy {
        let r = make_equilibrium(model, s, c, &s_options).map_err(|e| e.to_string())?;
        text.push_str(&format!(
            "{}: {label} becomes a {c} equilibrium with {} edit(s); {} solution(s){}\n",
            model.name(),
            r.min_edits,
            r.solutions.len(),
            if r.truncated { " (more exist)" } else { "" }
        ));
        for (i, sol) in r.solutions.iter().enumerate() {
            let steps: Vec<&str> = sol.edits.iter().map(|e| e.description.as_str()).collect();
            text.push_str(&format!("  {}. {}\n", i + 1, steps.join("; ")));
        }
        return serde_json::to_value(&r).map_err(|e| e.to_string());
    }
    let r = destroy_equilibrium(model, s, c, &s_options).map_err(|e| e.to_string())?;
    text.push_str(&format!(
        "{}: {} of {} single edits destroy the {c} equilibrium {label}\n",
        model.name(),
        r.destroying.len(),
        r.examined
    ));
    for d in &r.destroying {
        text.push_str(&format!("  {}\n", d.edit.description));
    }
    serde_json::to_value(&r).map_err(|e| e.to_string())
}
