//! Limited-move analyses of the `post` example: `--horizon` and `--non-myopic`.

use serde_json::{json, Value};
use standoff::post::limited_move::{
    explain_limited_move, limited_move, non_myopic, LimitedMoveOptions,
};
use standoff::GraphModel;

use super::args::Args;
use super::{dm_index, labels};

/// The limited-move options the arguments give.
fn options(args: &Args) -> LimitedMoveOptions {
    let mut options = LimitedMoveOptions::default();
    if let Some(h) = args.max_horizon {
        options.max_horizon = h;
    }
    options
}

/// `--horizon H`: limited-move stability L(H) for `--dm` (with the play at `--state`).
pub fn horizon(
    model: &GraphModel,
    args: &Args,
    h: usize,
    text: &mut String,
) -> Result<Value, String> {
    let lm_options = &options(args);
    let d = dm_index(model, args)?;
    let l = limited_move(model, h, lm_options).map_err(|e| e.to_string())?;
    let report = l.report(model);
    let name = model.decision_makers()[d].name().to_string();
    text.push_str(&format!("{}: L({h}) for {name}\n", model.name()));
    for v in l.verdicts(d) {
        text.push_str(&format!(
            "  {}: {}\n",
            model.label(v.state),
            match v.first_move {
                None => "stable".to_string(),
                Some(t) => format!(
                    "moves to {}, anticipating {}",
                    model.label(t),
                    model.label(v.anticipated)
                ),
            }
        ));
    }
    let mut value = json!({
        "format": report.format,
        "model": report.model,
        "horizon": h,
        "decision_maker": name,
        "stable": report.stable.get(&name),
        "verdicts": report.verdicts.get(&name),
        "equilibria": report.equilibria,
    });
    if let Some(label) = &args.state {
        let s = model.parse_state(label).map_err(|e| e.to_string())?;
        let e = explain_limited_move(model, h, d, s, lm_options).map_err(|e| e.to_string())?;
        text.push_str(&format!("  at {label}:\n"));
        for a in &e.alternatives {
            let play: Vec<String> = a.play.iter().map(|m| model.label(m.to)).collect();
            text.push_str(&format!(
                "    {} -> ends in {} ({})\n",
                play.join(" -> "),
                model.label(a.outcome),
                if a.preferred {
                    "preferred"
                } else {
                    "not preferred"
                }
            ));
        }
        value["explanation"] = serde_json::to_value(&e).map_err(|e| e.to_string())?;
    }
    Ok(value)
}

/// `--non-myopic`: non-myopic stability for `--dm`.
pub fn non_myopic_stability(
    model: &GraphModel,
    args: &Args,
    text: &mut String,
) -> Result<Value, String> {
    let lm_options = &options(args);
    let d = dm_index(model, args)?;
    let nm = non_myopic(model, lm_options).map_err(|e| e.to_string())?;
    let name = model.decision_makers()[d].name().to_string();
    text.push_str(&format!(
        "{}: non-myopic stability for {name} (cycle from horizon {}, period {})\n",
        model.name(),
        nm.onset,
        nm.period
    ));
    let verdicts: Vec<Value> = nm.verdicts[d]
        .iter()
        .map(|v| {
            text.push_str(&format!("  {}: {:?}\n", model.label(v.state), v.status));
            json!({
                "state": model.label(v.state),
                "status": v.status,
                "stable_at": v.stable_at,
                "limit": v.limit.map(|s| model.label(s)),
            })
        })
        .collect();
    Ok(json!({
        "format": "standoff.non-myopic/1",
        "model": model.name(),
        "decision_maker": name,
        "onset": nm.onset,
        "period": nm.period,
        "stable": labels(model, &nm.stable_states(d)),
        "equilibria": labels(model, &nm.equilibria()),
        "verdicts": verdicts,
    }))
}
