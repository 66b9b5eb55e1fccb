//! The command line of the `post` example, shared with `analyze` (which forwards its
//! coalition, horizon and sensitivity flags here).

use std::io::Write;

use serde_json::{json, Value};
use standoff::post::coalition::{
    analyze_partitions, coalition_label, coalitional_stability, explain_coalition,
    CoalitionAnalysis, CoalitionOptions, Partition,
};
use standoff::post::limited_move::{
    explain_limited_move, limited_move, non_myopic, LimitedMoveOptions,
};
use standoff::post::sensitivity::{
    desired_state, destroy_equilibrium, make_equilibrium, SensitivityOptions,
};
use standoff::{Concept, GraphModel, Reachability, State};

const USAGE: &str = "usage: post FILE [--format json|text] (--coalitions \"A,B|C\"|all [--concepts LIST] [--state S] | --coalitional --concept C | --horizon H --dm NAME [--state S] [--max-horizon N] | --non-myopic --dm NAME [--max-horizon N] | --desired STATE --concept C [--max-edits N] [--max-solutions N] [--reachability R] | --destroy STATE --concept C [--reachability R])";

enum Mode {
    Coalitions(String),
    Coalitional,
    Horizon(usize),
    NonMyopic,
    Desired(String),
    Destroy(String),
}

struct Args {
    file: String,
    text: bool,
    mode: Mode,
    concepts: Option<Vec<Concept>>,
    concept: Option<Concept>,
    dm: Option<String>,
    state: Option<String>,
    max_horizon: Option<usize>,
    max_edits: Option<usize>,
    max_solutions: Option<usize>,
    reachability: Reachability,
}

fn number(flag: &str, v: &str) -> Result<usize, String> {
    v.parse()
        .map_err(|_| format!("`{flag}` takes a number, not `{v}`"))
}

fn parse_args(args: Vec<String>) -> Result<Args, String> {
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
    while let Some(a) = args.next() {
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
            s if s.starts_with("--") => return Err(format!("unknown flag `{s}`")),
            s => {
                if file.replace(s.to_string()).is_some() {
                    return Err("more than one file given".into());
                }
            }
        }
    }
    let file = file.ok_or("no graph-model file given")?;
    if modes.len() > 1 {
        return Err("give only one of `--coalitions`, `--coalitional`, `--horizon`, `--non-myopic`, `--desired`, `--destroy`".into());
    }
    let mode = modes.pop().ok_or_else(|| {
        "no analysis given: use `--coalitions`, `--coalitional`, `--horizon`, `--non-myopic`, `--desired` or `--destroy`".to_string()
    })?;
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
    let mut coalition_options = CoalitionOptions::default();
    if let Some(c) = &args.concepts {
        coalition_options.concepts = c.clone();
    }
    let mut lm_options = LimitedMoveOptions::default();
    if let Some(h) = args.max_horizon {
        lm_options.max_horizon = h;
    }
    let mut s_options = SensitivityOptions {
        reachability: args.reachability,
        ..SensitivityOptions::default()
    };
    if let Some(k) = args.max_edits {
        s_options.max_edits = k;
    }
    if let Some(k) = args.max_solutions {
        s_options.max_solutions = k;
    }
    let mut text = String::new();
    let value: Value = match &args.mode {
        Mode::Coalitions(spec) if spec == "all" => {
            let all = analyze_partitions(&model, &coalition_options).map_err(|e| e.to_string())?;
            let reports: Vec<_> = all.analyses.iter().map(|a| a.report(&model)).collect();
            for r in &reports {
                text.push_str(&coalition_text(&model, r));
            }
            serde_json::to_value(reports).map_err(|e| e.to_string())?
        }
        Mode::Coalitions(spec) => {
            let p = Partition::parse(&model, spec).map_err(|e| e.to_string())?;
            let a = CoalitionAnalysis::run(&model, &p, &coalition_options)
                .map_err(|e| e.to_string())?;
            let r = a.report(&model);
            text.push_str(&coalition_text(&model, &r));
            let mut value = serde_json::to_value(r).map_err(|e| e.to_string())?;
            if let Some(label) = &args.state {
                let s = model.parse_state(label).map_err(|e| e.to_string())?;
                let mut explanations = Vec::new();
                for &c in a.concepts() {
                    for (h, members) in p.coalitions().iter().enumerate() {
                        let e = explain_coalition(&model, &p, c, h, s, &coalition_options.limits)
                            .map_err(|e| e.to_string())?;
                        text.push_str(&format!(
                            "  {c} at {label} for {}: {}\n",
                            coalition_label(&model, members),
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
                                            coalition_label(&model, &p.coalitions()[m.coalition]),
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
                value["explanations"] =
                    serde_json::to_value(explanations).map_err(|e| e.to_string())?;
            }
            value
        }
        Mode::Coalitional => {
            let c = concept(&args)?;
            let cs =
                coalitional_stability(&model, c, &coalition_options).map_err(|e| e.to_string())?;
            let mut per = serde_json::Map::new();
            text.push_str(&format!(
                "{}: coalitional stability under {c}\n",
                model.name()
            ));
            for (d, dm) in model.decision_makers().iter().enumerate() {
                let blocked: Vec<Value> = cs
                    .blocked(d)
                    .iter()
                    .map(|b| json!({"state": model.label(b.state), "coalition": coalition_label(&model, &b.coalition)}))
                    .collect();
                text.push_str(&format!(
                    "{}: stable {}\n",
                    dm.name(),
                    labels(&model, cs.stable_states(d)).join(" ")
                ));
                for b in cs.blocked(d) {
                    text.push_str(&format!(
                        "  {} blocked by {}\n",
                        model.label(b.state),
                        coalition_label(&model, &b.coalition)
                    ));
                }
                per.insert(
                    dm.name().to_string(),
                    json!({"stable": labels(&model, cs.stable_states(d)), "blocked": blocked}),
                );
            }
            json!({
                "format": "standoff.coalitional-stability/1",
                "model": model.name(),
                "concept": c,
                "decision_makers": per,
                "equilibria": labels(&model, &cs.equilibria()),
            })
        }
        Mode::Horizon(h) => {
            let d = dm_index(&model, &args)?;
            let l = limited_move(&model, *h, &lm_options).map_err(|e| e.to_string())?;
            let report = l.report(&model);
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
                let e = explain_limited_move(&model, *h, d, s, &lm_options)
                    .map_err(|e| e.to_string())?;
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
            value
        }
        Mode::NonMyopic => {
            let d = dm_index(&model, &args)?;
            let nm = non_myopic(&model, &lm_options).map_err(|e| e.to_string())?;
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
            json!({
                "format": "standoff.non-myopic/1",
                "model": model.name(),
                "decision_maker": name,
                "onset": nm.onset,
                "period": nm.period,
                "stable": labels(&model, &nm.stable_states(d)),
                "equilibria": labels(&model, &nm.equilibria()),
                "verdicts": verdicts,
            })
        }
        Mode::Desired(label) => {
            let c = concept(&args)?;
            let s = desired_state(&model, label).map_err(|e| e.to_string())?;
            let r = make_equilibrium(&model, s, c, &s_options).map_err(|e| e.to_string())?;
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
            serde_json::to_value(&r).map_err(|e| e.to_string())?
        }
        Mode::Destroy(label) => {
            let c = concept(&args)?;
            let s = desired_state(&model, label).map_err(|e| e.to_string())?;
            let r = destroy_equilibrium(&model, s, c, &s_options).map_err(|e| e.to_string())?;
            text.push_str(&format!(
                "{}: {} of {} single edits destroy the {c} equilibrium {label}\n",
                model.name(),
                r.destroying.len(),
                r.examined
            ));
            for d in &r.destroying {
                text.push_str(&format!("  {}\n", d.edit.description));
            }
            serde_json::to_value(&r).map_err(|e| e.to_string())?
        }
    };
    if args.text {
        out.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    } else {
        let s = serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?;
        writeln!(out, "{s}").map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())
}

fn coalition_text(model: &GraphModel, r: &standoff::post::coalition::CoalitionReport) -> String {
    let mut text = format!(
        "{}: partition {}\n",
        model.name(),
        r.partition
            .iter()
            .map(|c| c.join(","))
            .collect::<Vec<_>>()
            .join("|")
    );
    for (concept, eq) in &r.equilibria {
        text.push_str(&format!("  {concept} equilibria: {}\n", eq.join(" ")));
    }
    text
}
