//! The case library: every real standoff in `seeds/`, resolved and checked against the outcome
//! recorded in its file.
//!
//! ```text
//! cargo run --release --example cases
//! ```
//!
//! Reads every `seeds/*.toml` file (in file-name order), compiles and resolves it with the
//! default [`Resolver`] (all five concepts, legal sequences), and prints a Markdown table: the
//! parties, the demands, the predicted outcomes (each predicted state's [`OutcomeCode`] with the
//! concepts it is an equilibrium under, nearest first), the recorded outcome, whether the
//! recorded outcome is among the predicted ones (`hit`, with the concepts that predict it) or
//! not (`miss`), and the number of predicted outcomes. A summary follows: hits, misses with
//! what was predicted instead, and how often each concept predicts the recorded outcome.
//! Exit code 0 when every case loads and resolves (misses included), 2 otherwise.

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[path = "common/mod.rs"]
mod common;

use standoff::compile::OutcomeCode;
use standoff::scenario::RecordedOutcome;
use standoff::{Concept, Resolver, Scenario};

/// One case, resolved.
struct Row {
    /// The scenario's name.
    name: String,
    /// The parties, in file order.
    parties: Vec<String>,
    /// The demands: `<name> (<maker> of <target>)`.
    demands: Vec<String>,
    /// Each predicted outcome's code and concepts, nearest first.
    predicted: Vec<(OutcomeCode, Vec<Concept>)>,
    /// The recorded outcome.
    recorded: Option<RecordedOutcome>,
}

impl Row {
    /// The concepts under which some predicted state has the recorded code, in concept order;
    /// empty for a miss (or a case without a record).
    fn hit_concepts(&self) -> Vec<Concept> {
        let Some(recorded) = &self.recorded else {
            return Vec::new();
        };
        Concept::ALL
            .into_iter()
            .filter(|c| {
                self.predicted
                    .iter()
                    .any(|(code, cs)| *code == recorded.code && cs.contains(c))
            })
            .collect()
    }
}

/// The scenario files of `dir`, in file-name order.
fn seed_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("`{}`: {e}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| format!("`{}`: {e}", dir.display()))?
            .path();
        if path.extension().and_then(|e| e.to_str()) == Some("toml") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Loads, compiles and resolves one case.
fn evaluate(path: &Path) -> Result<Row, String> {
    let scenario = Scenario::from_path(path).map_err(|e| format!("`{}`: {e}", path.display()))?;
    let (compiled, resolution) = Resolver::default()
        .resolve_scenario(&scenario)
        .map_err(|e| format!("`{}`: {e}", path.display()))?;
    let mut predicted = Vec::new();
    for p in &resolution.predicted {
        let state = compiled
            .model()
            .parse_state(&p.state.label)
            .map_err(|e| format!("`{}`: {e}", path.display()))?;
        predicted.push((compiled.outcome_code(state), p.concepts.clone()));
    }
    Ok(Row {
        name: scenario.name.clone(),
        parties: scenario.parties.iter().map(|p| p.name.clone()).collect(),
        demands: scenario
            .demands
            .iter()
            .map(|d| format!("{} ({} of {})", d.name, d.by, d.of))
            .collect(),
        predicted,
        recorded: scenario.recorded_outcome.clone(),
    })
}

fn concepts(cs: &[Concept]) -> String {
    cs.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(" ")
}

/// The table and its summary.
fn table(rows: &[Row]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Case library: {} cases in seeds/ (reachability legal_sequences; concepts nash gmr smr seq sim)\n",
        rows.len()
    );
    let _ = writeln!(
        out,
        "| case | parties | demand | predicted outcomes | real outcome | hit or miss | # predicted |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|");
    for r in rows {
        let predicted = r
            .predicted
            .iter()
            .map(|(code, cs)| format!("{code} [{}]", concepts(cs)))
            .collect::<Vec<_>>()
            .join("; ");
        let (real, verdict) = match &r.recorded {
            None => ("none recorded".to_string(), "no record".to_string()),
            Some(rec) => {
                let hit = r.hit_concepts();
                let verdict = if hit.is_empty() {
                    "miss".to_string()
                } else {
                    format!("hit ({})", concepts(&hit))
                };
                (format!("{} ({})", rec.code, rec.date), verdict)
            }
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            r.name,
            r.parties.join(", "),
            r.demands.join("; "),
            if predicted.is_empty() {
                "none".to_string()
            } else {
                predicted
            },
            real,
            verdict,
            r.predicted.len()
        );
    }
    let recorded: Vec<&Row> = rows.iter().filter(|r| r.recorded.is_some()).collect();
    let hits = recorded
        .iter()
        .filter(|r| !r.hit_concepts().is_empty())
        .count();
    let _ = writeln!(
        out,
        "\nhits: {hits} of {}; misses: {}",
        recorded.len(),
        recorded.len() - hits
    );
    for r in recorded.iter().filter(|r| r.hit_concepts().is_empty()) {
        let mut codes: Vec<&str> = Vec::new();
        for (code, _) in &r.predicted {
            if !codes.contains(&code.as_str()) {
                codes.push(code.as_str());
            }
        }
        let _ = writeln!(
            out,
            "  miss: {}: recorded {}, predicted {}",
            r.name,
            r.recorded.as_ref().map(|x| x.code.as_str()).unwrap_or("-"),
            if codes.is_empty() {
                "nothing".to_string()
            } else {
                codes.join(", ")
            }
        );
    }
    let sizes: Vec<usize> = rows.iter().map(|r| r.predicted.len()).collect();
    let _ = writeln!(
        out,
        "predicted outcomes per case: {} in all, from {} to {}",
        sizes.iter().sum::<usize>(),
        sizes.iter().min().copied().unwrap_or(0),
        sizes.iter().max().copied().unwrap_or(0)
    );
    let per_concept = Concept::ALL
        .iter()
        .map(|c| {
            let n = recorded
                .iter()
                .filter(|r| r.hit_concepts().contains(c))
                .count();
            format!("{c} {n}")
        })
        .collect::<Vec<_>>()
        .join(", ");
    let _ = writeln!(
        out,
        "cases whose recorded outcome each concept predicts: {per_concept}"
    );
    out
}

/// `cases` takes no arguments: any is an error, not ignored.
fn check_args(args: &[String]) -> Result<(), String> {
    match args.first() {
        None => Ok(()),
        Some(a) => Err(format!(
            "unknown argument `{a}`; usage: cases (no arguments)"
        )),
    }
}

fn run() -> Result<String, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let rows = seed_files(&dir)?
        .iter()
        .map(|f| evaluate(f))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(table(&rows))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    common::finish(check_args(&args).and_then(|()| run()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_rejected_not_ignored() {
        assert_eq!(check_args(&[]), Ok(()));
        assert_eq!(
            check_args(&["--markdown".to_string()]),
            Err("unknown argument `--markdown`; usage: cases (no arguments)".into())
        );
    }

    #[test]
    fn the_table_has_every_case() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let files = seed_files(&dir).expect("seeds/ lists");
        assert!(files.len() >= 9, "the library has the seed and eight cases");
        let text = run().expect("every case resolves");
        let rows: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| case "))
            .collect();
        assert_eq!(rows.len(), files.len(), "one row per case in\n{text}");
        for f in &files {
            let scenario = Scenario::from_path(f).expect("loads");
            let row = rows
                .iter()
                .find(|l| l.starts_with(&format!("| {} |", scenario.name)))
                .unwrap_or_else(|| panic!("no row for `{}` in\n{text}", scenario.name));
            let rec = scenario
                .recorded_outcome
                .expect("every case records its outcome");
            assert!(
                row.contains(&format!("| {} ({}) |", rec.code, rec.date)),
                "{row}"
            );
            assert!(row.contains("| hit (") || row.contains("| miss |"), "{row}");
        }
        assert!(
            text.contains(&format!("of {}; misses:", files.len())),
            "{text}"
        );
    }

    #[test]
    fn a_miss_is_shown_with_what_was_predicted_instead() {
        let row = Row {
            name: "Made up".into(),
            parties: vec!["A".into(), "B".into()],
            demands: vec!["d (A of B)".into()],
            predicted: vec![(OutcomeCode::Stalemate, vec![Concept::Nash])],
            recorded: Some(RecordedOutcome {
                code: OutcomeCode::Exit,
                date: "2020".into(),
                description: "B left.".into(),
            }),
        };
        let text = table(&[row]);
        assert!(
            text.contains(
                "| Made up | A, B | d (A of B) | stalemate [nash] | exit (2020) | miss | 1 |"
            ),
            "{text}"
        );
        assert!(text.contains("hits: 0 of 1; misses: 1"), "{text}");
        assert!(
            text.contains("miss: Made up: recorded exit, predicted stalemate"),
            "{text}"
        );
    }
}
