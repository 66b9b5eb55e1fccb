//! Coalition analyses of the `post` example: `--coalitions` and `--coalitional`.

use serde_json::{json, Value};
use standoff::post::coalition::{
    analyze_partitions, coalition_label, coalitional_stability, explain_coalition,
    CoalitionAnalysis, CoalitionOptions, CoalitionReport, Partition,
};
use standoff::{GraphModel, Reachability};

use super::args::Args;
use super::{concept, labels};

/// The coalition options the arguments give.
fn options(args: &Args) -> CoalitionOptions {
    let mut options = CoalitionOptions {
        reachability: args.reachability,
        ..CoalitionOptions::default()
    };
    if let Some(c) = &args.concepts {
        options.concepts = c.clone();
    }
    options
}

/// `--coalitions all`: stability with coalitions as players, for every partition.
pub fn all(model: &GraphModel, args: &Args, text: &mut String) -> Result<Value, String> {
    let coalition_options = &options(args);
    let all = analyze_partitions(model, coalition_options).map_err(|e| e.to_string())?;
    let reports: Vec<_> = all.analyses.iter().map(|a| a.report(model)).collect();
    for r in &reports {
        text.push_str(&coalition_text(model, r));
    }
    serde_json::to_value(reports).map_err(|e| e.to_string())
}

/// `--coalitions SPEC`: stability with the coalitions of `spec` as players (with the
/// reasons at `--state`).
pub fn partition(
    model: &GraphModel,
    args: &Args,
    spec: &str,
    text: &mut String,
) -> Result<Value, String> {
    let coalition_options = &options(args);
    let p = Partition::parse(model, spec).map_err(|e| e.to_string())?;
    let a = CoalitionAnalysis::run(model, &p, coalition_options).map_err(|e| e.to_string())?;
    let r = a.report(model);
    text.push_str(&coalition_text(model, &r));
    let mut value = serde_json::to_value(r).map_err(|e| e.to_string())?;
    if let Some(label) = &args.state {
        let s = model.parse_state(label).map_err(|e| e.to_string())?;
        let mut explanations = Vec::new();
        for &c in a.concepts() {
            for (h, members) in p.coalitions().iter().enumerate() {
                let e = explain_coalition(
                    model,
                    &p,
                    c,
                    coalition_options.reachability,
                    h,
                    s,
                    &coalition_options.limits,
                )
                .map_err(|e| e.to_string())?;
                text.push_str(&format!(
                    "  {c} at {label} for {}: {}\n",
                    coalition_label(model, members),
                    if e.stable { "stable" } else { "unstable" }
                ));
                for check in &e.improvements {
                    let why = match &check.sanction {
                        None => "not sanctioned".to_string(),
                        Some(x) => format!(
                            "sanctioned by {} (ends in {})",
                            x.moves
                                .iter()
                                .map(|m| format!(
                                    "{} -> {}",
                                    coalition_label(model, &p.coalitions()[m.coalition]),
                                    model.label(m.to)
                                ))
                                .collect::<Vec<_>>()
                                .join(", "),
                            model.label(x.end)
                        ),
                    };
                    text.push_str(&format!(
                        "    improvement to {}: {why}\n",
                        model.label(check.improvement)
                    ));
                }
                explanations.push(e);
            }
        }
        value["explanations"] = serde_json::to_value(explanations).map_err(|e| e.to_string())?;
    }
    Ok(value)
}

/// `--coalitional`: coalitional stability per decision maker.
pub fn coalitional(model: &GraphModel, args: &Args, text: &mut String) -> Result<Value, String> {
    let coalition_options = &options(args);
    let c = concept(args)?;
    let cs = coalitional_stability(model, c, coalition_options).map_err(|e| e.to_string())?;
    let mut per = serde_json::Map::new();
    // The reading is written only where it is not the default, as in the coalition report.
    let reading = (coalition_options.reachability != Reachability::LegalSequences)
        .then_some(coalition_options.reachability);
    text.push_str(&format!(
        "{}: coalitional stability under {c}{}\n",
        model.name(),
        reading.map(|r| format!(" ({r})")).unwrap_or_default()
    ));
    for (d, dm) in model.decision_makers().iter().enumerate() {
        let blocked: Vec<Value> = cs
            .blocked(d)
            .iter()
            .map(|b| json!({"state": model.label(b.state), "coalition": coalition_label(model, &b.coalition)}))
            .collect();
        text.push_str(&format!(
            "{}: stable {}\n",
            dm.name(),
            labels(model, cs.stable_states(d)).join(" ")
        ));
        for b in cs.blocked(d) {
            text.push_str(&format!(
                "  {} blocked by {}\n",
                model.label(b.state),
                coalition_label(model, &b.coalition)
            ));
        }
        per.insert(
            dm.name().to_string(),
            json!({"stable": labels(model, cs.stable_states(d)), "blocked": blocked}),
        );
    }
    let mut value = json!({
        "format": "standoff.coalitional-stability/1",
        "model": model.name(),
        "concept": c,
        "decision_makers": per,
        "equilibria": labels(model, &cs.equilibria()),
    });
    if let Some(r) = reading {
        value["reachability"] = json!(r);
    }
    Ok(value)
}

fn coalition_text(model: &GraphModel, r: &CoalitionReport) -> String {
    let mut text = format!(
        "{}: partition {}{}\n",
        model.name(),
        r.partition
            .iter()
            .map(|c| c.join(","))
            .collect::<Vec<_>>()
            .join("|"),
        r.reachability
            .map(|reading| format!(" ({reading})"))
            .unwrap_or_default()
    );
    for (concept, eq) in &r.equilibria {
        text.push_str(&format!("  {concept} equilibria: {}\n", eq.join(" ")));
    }
    text
}
