//! Forecast validation: the nine blind validation sets (`validation/scenarios`,
//! `validation/batch2/scenarios` to `validation/batch9/scenarios`), the sets encoded under
//! guide rule 4.2.1 (4 to 9) together, the sets encoded under the guide as it ships (8 and
//! 9) together, the out-of-sample sets together, all of them
//! together, a calibration table, the forecast readings compared (farsighted with and without
//! settlements, myopic) over all blind sets, sets 4, 8 and 9 encoded a second time
//! (reproducibility, not in the totals), and the case
//! library (`seeds/`), each case's forecast against its recorded outcome.
//!
//! ```text
//! cargo run --release --example validate [-- --markdown]
//! ```
//!
//! For each set, one row per case (file-name order): the most likely outcome and its
//! probability, the recorded outcome, the probability the forecast gives it and its place in
//! the forecast. Then the totals: top-1 and top-2 accuracy (in the forecast's order, and with
//! tied outcomes split: a real outcome tied for first with one other counts half), the mean
//! probability of the real
//! outcome, the mean Brier score (sum over the six outcome codes of the squared difference
//! between forecast probability and 0/1), and the same figures for two baselines computed on
//! the same set: *majority* (always the set's commonest recorded code, with probability 1;
//! its second answer is the second commonest) and *base rates* (each code with its share of
//! the set). `--markdown` prints the tables in Markdown (as in `docs/validation.md`).
//! Exit code 0 when every case loads and resolves, 2 otherwise.

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use standoff::compile::OutcomeCode;
use standoff::resolve::Anticipation;
use standoff::{Resolver, Scenario};

/// One resolved case.
#[derive(Clone)]
struct Row {
    file: String,
    /// `(code, probability)`, most likely first (the forecast's order).
    forecast: Vec<(OutcomeCode, f64)>,
    real: OutcomeCode,
}

impl Row {
    fn p_real(&self) -> f64 {
        self.forecast
            .iter()
            .find(|(c, _)| *c == self.real)
            .map_or(0.0, |x| x.1)
    }

    /// 1-based place of the real outcome in the forecast (`None`: not forecast).
    fn place(&self) -> Option<usize> {
        self.forecast
            .iter()
            .position(|(c, p)| *c == self.real && *p > 0.0)
            .map(|i| i + 1)
    }

    /// The chance that the real outcome is within the first `k` when outcomes of equal
    /// probability are put in random order: 1 or 0 without ties; with the real outcome tied
    /// with `t - 1` others after `a` likelier ones, `(k - a) / t` clamped to `[0, 1]`.
    fn within_ties_split(&self, k: usize) -> f64 {
        let p = self.p_real();
        if p <= 0.0 {
            return 0.0;
        }
        let above = self.forecast.iter().filter(|x| x.1 > p + 1e-9).count();
        let tied = self
            .forecast
            .iter()
            .filter(|x| (x.1 - p).abs() <= 1e-9)
            .count()
            .max(1);
        ((k as f64 - above as f64) / tied as f64).clamp(0.0, 1.0)
    }

    fn brier(&self) -> f64 {
        OutcomeCode::ALL
            .iter()
            .map(|&c| {
                let p = self
                    .forecast
                    .iter()
                    .find(|(x, _)| *x == c)
                    .map_or(0.0, |x| x.1);
                let y = if c == self.real { 1.0 } else { 0.0 };
                (p - y) * (p - y)
            })
            .sum()
    }
}

/// The summary figures of a method on a set.
struct Figures {
    top1: f64,
    top2: f64,
    /// Top-1 and top-2 with tied outcomes in random order (independent of the tie rule).
    split1: f64,
    split2: f64,
    mean_p: f64,
    brier: f64,
}

fn figures(rows: &[Row]) -> Figures {
    let n = rows.len().max(1) as f64;
    Figures {
        top1: rows.iter().filter(|r| r.place() == Some(1)).count() as f64 / n,
        top2: rows
            .iter()
            .filter(|r| r.place().is_some_and(|k| k <= 2))
            .count() as f64
            / n,
        split1: rows.iter().map(|r| r.within_ties_split(1)).sum::<f64>() / n,
        split2: rows.iter().map(|r| r.within_ties_split(2)).sum::<f64>() / n,
        mean_p: rows.iter().map(Row::p_real).sum::<f64>() / n,
        brier: rows.iter().map(Row::brier).sum::<f64>() / n,
    }
}

/// The recorded codes by frequency, most common first (ties in code order).
fn by_frequency(rows: &[Row]) -> Vec<(OutcomeCode, usize)> {
    let mut counts: Vec<(OutcomeCode, usize)> = OutcomeCode::ALL
        .iter()
        .map(|&c| (c, rows.iter().filter(|r| r.real == c).count()))
        .collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts
}

/// The baselines' rows: majority (point forecast, second answer the second commonest) and base
/// rates.
fn baselines(rows: &[Row]) -> (Vec<Row>, Vec<Row>) {
    let freq = by_frequency(rows);
    let n = rows.len().max(1) as f64;
    let majority = rows
        .iter()
        .map(|r| Row {
            file: r.file.clone(),
            forecast: vec![(freq[0].0, 1.0), (freq[1].0, 0.0)],
            real: r.real,
        })
        .map(|mut r| {
            // The second answer counts for top-2 only: give it a vanishing probability.
            r.forecast[1].1 = f64::MIN_POSITIVE;
            r
        })
        .collect();
    let rates = rows
        .iter()
        .map(|r| Row {
            file: r.file.clone(),
            forecast: freq
                .iter()
                .filter(|(_, k)| *k > 0)
                .map(|&(c, k)| (c, k as f64 / n))
                .collect(),
            real: r.real,
        })
        .collect();
    (majority, rates)
}

fn scenario_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("`{}`: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    Ok(files)
}

fn resolve_set(dir: &Path) -> Result<Vec<Row>, String> {
    resolve_set_with(dir, &Resolver::default())
}

/// As [`resolve_set`], with `resolver`.
fn resolve_set_with(dir: &Path, resolver: &Resolver) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    for path in scenario_files(dir)? {
        let file = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let scenario = Scenario::from_path(&path).map_err(|e| format!("{file}: {e}"))?;
        let real = scenario
            .recorded_outcome
            .as_ref()
            .map(|r| r.code)
            .ok_or_else(|| format!("{file}: no recorded_outcome"))?;
        let (_, resolution) = resolver
            .resolve_scenario(&scenario)
            .map_err(|e| format!("{file}: {e}"))?;
        rows.push(Row {
            file,
            forecast: resolution
                .forecast
                .iter()
                .map(|o| (o.code, o.probability))
                .collect(),
            real,
        });
    }
    Ok(rows)
}

fn pct(x: f64) -> String {
    format!("{:.0}%", 100.0 * x)
}

/// How the tables are written: aligned text, or Markdown.
#[derive(Clone, Copy)]
struct Style {
    markdown: bool,
}

impl Style {
    /// The title line and a blank line: `### title (n cases)` in Markdown.
    fn title(self, title: &str, cases: usize) -> String {
        let hashes = if self.markdown { "### " } else { "" };
        format!("{hashes}{title} ({cases} cases)\n\n")
    }

    /// One table row.
    fn row<S: AsRef<str>>(self, cells: &[S]) -> String {
        let cells: Vec<&str> = cells.iter().map(AsRef::as_ref).collect();
        if self.markdown {
            format!("| {} |\n", cells.join(" | "))
        } else {
            format!("{}\n", cells.join("  "))
        }
    }

    /// The header row and, in Markdown, the rule under it (`rule`: `|---|---:|...`).
    fn head(self, cells: &[&str], rule: &str) -> String {
        let mut out = self.row(cells);
        if self.markdown {
            out.push_str(rule);
            out.push('\n');
        }
        out
    }
}

fn table(title: &str, rows: &[Row], markdown: bool) -> String {
    let style = Style { markdown };
    let mut out = style.title(title, rows.len());
    out.push_str(&style.head(
        &["case", "most likely", "p", "real", "p(real)", "place"],
        "|---|---|---:|---|---:|---:|",
    ));
    for r in rows {
        let (top, p) = r
            .forecast
            .first()
            .copied()
            .unwrap_or((OutcomeCode::Stalemate, 0.0));
        let place = r.place().map_or("-".to_string(), |k| k.to_string());
        let cells = [
            r.file.clone(),
            top.to_string(),
            pct(p),
            r.real.to_string(),
            pct(r.p_real()),
            place,
        ];
        out.push_str(&style.row(&cells));
    }
    let freq = by_frequency(rows);
    let (majority, rates) = baselines(rows);
    let _ = writeln!(out);
    out.push_str(&style.head(
        &[
            "method",
            "top-1",
            "top-2",
            "top-1, ties split",
            "top-2, ties split",
            "mean p(real)",
            "Brier",
        ],
        "|---|---:|---:|---:|---:|---:|---:|",
    ));
    for (name, f) in [
        ("forecast".to_string(), figures(rows)),
        (
            format!("majority (always `{}`)", freq[0].0),
            figures(&majority),
        ),
        ("base rates".to_string(), figures(&rates)),
    ] {
        let cells = [
            name,
            pct(f.top1),
            pct(f.top2),
            pct(f.split1),
            pct(f.split2),
            format!("{:.2}", f.mean_p),
            format!("{:.3}", f.brier),
        ];
        out.push_str(&style.row(&cells));
    }
    let counts: Vec<String> = freq
        .iter()
        .filter(|(_, k)| *k > 0)
        .map(|(c, k)| format!("{c} {k}"))
        .collect();
    let forecast_codes: Vec<String> = OutcomeCode::ALL
        .iter()
        .map(|&c| {
            let first = rows
                .iter()
                .filter(|r| r.forecast.first().map(|x| x.0) == Some(c));
            let hits = first.clone().filter(|r| r.real == c).count();
            format!("{c} {hits}/{}", first.count())
        })
        .collect();
    let _ = writeln!(out, "\nrecorded outcomes: {}", counts.join(", "));
    let _ = writeln!(
        out,
        "most likely forecast, right/given, per code: {}",
        forecast_codes.join(", ")
    );
    out
}

/// The probability bands of the calibration table: `(label, low, high)`, `low <= p < high`.
const BANDS: [(&str, f64, f64); 6] = [
    ("0", 0.0, 1e-9),
    ("above 0, below 30%", 1e-9, 0.3),
    ("30% to below 45%", 0.3, 0.45),
    ("45% to below 55%", 0.45, 0.55),
    ("55% to below 100%", 0.55, 1.0 - 1e-9),
    ("100%", 1.0 - 1e-9, f64::INFINITY),
];

/// The (case, outcome code) pairs of `rows` whose forecast probability p has
/// `low <= p < high`, and how many of them were the recorded outcome.
fn band_counts(rows: &[Row], low: f64, high: f64) -> (usize, usize) {
    let (mut n, mut hit) = (0usize, 0usize);
    for r in rows {
        for c in OutcomeCode::ALL {
            let p = r.forecast.iter().find(|x| x.0 == c).map_or(0.0, |x| x.1);
            if p >= low && p < high {
                n += 1;
                hit += usize::from(r.real == c);
            }
        }
    }
    (n, hit)
}

/// How often an outcome given probability p happened: every (case, outcome code) pair of
/// `rows`, by the band of its forecast probability; per band the pairs, how many of them were
/// the recorded outcome, and that share. A calibrated forecast has each share inside its band.
fn calibration(title: &str, rows: &[Row], markdown: bool) -> String {
    let style = Style { markdown };
    let mut out = style.title(title, rows.len());
    out.push_str(&style.head(
        &["forecast probability", "outcomes", "happened", "share"],
        "|---|---:|---:|---:|",
    ));
    for (label, low, high) in BANDS {
        let (n, hit) = band_counts(rows, low, high);
        let share = if n == 0 {
            "-".to_string()
        } else {
            pct(hit as f64 / n as f64)
        };
        let cells = [label.to_string(), n.to_string(), hit.to_string(), share];
        out.push_str(&style.row(&cells));
    }
    out
}

/// The blind sets: title and folder, in the order they were encoded. Set 1's cases were
/// seen while the resolver's rules were revised; sets 2 and 3 were encoded and joined after
/// the rules were fixed, each validated once; sets 4 to 8 were each encoded under the guide
/// as it then stood (rule 4.2.1 from set 4, 4.1.5 from set 6, 4.1.2 from set 7, the addition
/// to 4.2.1 from set 8, each revision chosen after the earlier sets were seen; set 9 under
/// the same guide as set 8) and validated once.
const SETS: [(&str, &str); 9] = [
    (
        "Blind validation set 1 (validation/scenarios)",
        "validation/scenarios",
    ),
    (
        "Blind validation set 2 (validation/batch2/scenarios, out of sample)",
        "validation/batch2/scenarios",
    ),
    (
        "Blind validation set 3 (validation/batch3/scenarios, out of sample)",
        "validation/batch3/scenarios",
    ),
    (
        "Blind validation set 4 (validation/batch4/scenarios, out of sample, guide rule 4.2.1)",
        "validation/batch4/scenarios",
    ),
    (
        "Blind validation set 5 (validation/batch5/scenarios, out of sample, guide rule 4.2.1)",
        "validation/batch5/scenarios",
    ),
    (
        "Blind validation set 6 (validation/batch6/scenarios, out of sample, guide rules 4.2.1 and 4.1.5)",
        "validation/batch6/scenarios",
    ),
    (
        "Blind validation set 7 (validation/batch7/scenarios, out of sample, guide rules 4.2.1, 4.1.5 and 4.1.2)",
        "validation/batch7/scenarios",
    ),
    (
        "Blind validation set 8 (validation/batch8/scenarios, out of sample, the guide as it ships)",
        "validation/batch8/scenarios",
    ),
    (
        "Blind validation set 9 (validation/batch9/scenarios, out of sample, the guide as it ships)",
        "validation/batch9/scenarios",
    ),
];

/// Sets encoded under the guide as it ships (indices into [`SETS`]).
const SHIPPING_GUIDE: [usize; 2] = [7, 8];

/// Sets encoded under guide rule 4.2.1, after its adoption (indices into [`SETS`]).
const RECENT_GUIDE: [usize; 6] = [3, 4, 5, 6, 7, 8];

/// Blind sets encoded a second time, from the same cards, by analysts who saw neither the
/// outcomes nor the first encoding: how much the figures owe to the encoder. Title, folder
/// and the index of the first encoding in [`SETS`]. Not counted in the totals (the cases
/// would count twice).
const SECOND_ENCODINGS: [(&str, &str, usize); 3] = [
    (
        "Set 4 encoded a second time by other blind analysts (reproducibility; not in the totals)",
        "validation/batch4/second-encoding",
        3,
    ),
    (
        "Set 8 encoded a second time by other blind analysts (reproducibility; not in the totals)",
        "validation/batch8/second-encoding",
        7,
    ),
    (
        "Set 9 encoded a second time by other blind analysts (reproducibility; not in the totals)",
        "validation/batch9/second-encoding",
        8,
    ),
];

/// The forecast readings compared over all blind sets: name and anticipation, the default
/// first.
fn readings() -> [(&'static str, Anticipation); 3] {
    [
        (
            "farsighted with settlements (default)",
            Anticipation::default(),
        ),
        (
            "farsighted without settlements",
            Anticipation::Farsighted {
                horizon: None,
                joint_moves: false,
            },
        ),
        (
            "myopic (the reading before forecasts)",
            Anticipation::Myopic,
        ),
    ]
}

/// Every blind case, set by set, resolved with `anticipation`.
fn all_under(root: &Path, anticipation: Anticipation) -> Result<Vec<Row>, String> {
    let resolver = Resolver {
        anticipation,
        ..Resolver::default()
    };
    let sets = SETS
        .iter()
        .map(|(_, folder)| resolve_set_with(&root.join(folder), &resolver))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(sets.into_iter().flatten().collect())
}

/// The figures of every reading of [`readings`] over every blind case; `default` holds the
/// cases already resolved with the default reading.
fn readings_table(root: &Path, default: &[Row], markdown: bool) -> Result<String, String> {
    let style = Style { markdown };
    let mut lines = Vec::new();
    for (name, anticipation) in readings() {
        let other;
        let rows = if anticipation == Anticipation::default() {
            default
        } else {
            other = all_under(root, anticipation)?;
            &other
        };
        let f = figures(rows);
        let cells = [
            name.to_string(),
            pct(f.split1),
            pct(f.split2),
            format!("{:.2}", f.mean_p),
            format!("{:.3}", f.brier),
        ];
        lines.push(style.row(&cells));
    }
    let mut out = style.title(
        "Forecast readings compared over all blind sets",
        default.len(),
    );
    out.push_str(&style.head(
        &[
            "reading",
            "top-1, ties split",
            "top-2, ties split",
            "mean p(real)",
            "Brier",
        ],
        "|---|---:|---:|---:|---:|",
    ));
    out.extend(lines);
    Ok(out)
}

/// Every blind set's rows, in the order of [`SETS`].
fn blind_sets(root: &Path) -> Result<Vec<Vec<Row>>, String> {
    SETS.iter()
        .map(|(_, folder)| resolve_set(&root.join(folder)))
        .collect()
}

/// Every blind case, set by set.
#[cfg(test)]
fn all_blind(root: &Path) -> Result<Vec<Row>, String> {
    Ok(blind_sets(root)?.into_iter().flatten().collect())
}

/// The cases of the sets at `indices` (into [`SETS`]), in that order.
fn pick(sets: &[Vec<Row>], indices: &[usize]) -> Vec<Row> {
    indices
        .iter()
        .flat_map(|&i| sets[i].iter().cloned())
        .collect()
}

/// The tables: each blind set, the out-of-sample sets together, all blind sets together,
/// and the case library.
fn report(root: &Path, markdown: bool) -> Result<String, String> {
    let sets = blind_sets(root)?;
    let mut tables: Vec<String> = SETS
        .iter()
        .zip(&sets)
        .map(|((title, _), rows)| table(title, rows, markdown))
        .collect();
    let recent = pick(&sets, &RECENT_GUIDE);
    let later: Vec<Row> = sets.iter().skip(1).flatten().cloned().collect();
    let all: Vec<Row> = sets.iter().flatten().cloned().collect();
    tables.push(table(
        "Sets 4 to 9 (out of sample, encoded under guide rule 4.2.1)",
        &recent,
        markdown,
    ));
    tables.push(table(
        "Sets 8 and 9 (out of sample, the guide as it ships)",
        &pick(&sets, &SHIPPING_GUIDE),
        markdown,
    ));
    tables.push(table("Sets 2 to 9 (out of sample)", &later, markdown));
    tables.push(table("All blind sets", &all, markdown));
    tables.push(calibration(
        "Calibration over all blind sets: how often an outcome given probability p happened",
        &all,
        markdown,
    ));
    tables.push(readings_table(root, &all, markdown)?);
    for (title, folder, _) in SECOND_ENCODINGS {
        tables.push(table(title, &resolve_set(&root.join(folder))?, markdown));
    }
    let seeds = resolve_set(&root.join("seeds"))?;
    tables.push(table(
        "Case library (seeds/, encoded knowing the outcome)",
        &seeds,
        markdown,
    ));
    Ok(tables.join("\n"))
}

/// The arguments: nothing, or `--markdown`; anything else is an error, not ignored.
fn markdown_flag(args: &[String]) -> Result<bool, String> {
    match args {
        [] => Ok(false),
        [a] if a == "--markdown" => Ok(true),
        [a, ..] if a != "--markdown" => Err(format!(
            "unknown argument `{a}`; usage: validate [--markdown]"
        )),
        _ => Err("usage: validate [--markdown]".into()),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let markdown = match markdown_flag(&args) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    match report(Path::new(env!("CARGO_MANIFEST_DIR")), markdown) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// docs/validation.md shows the generated tables, not typed ones.
    #[test]
    fn the_documented_tables_are_the_generated_ones() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let text = report(root, true).expect("every case resolves");
        let doc = std::fs::read_to_string(root.join("docs/validation.md")).expect("doc");
        assert!(
            doc.contains(&text),
            "docs/validation.md is out of date: paste `cargo run --release --example validate -- --markdown`"
        );
    }

    /// The README quotes both blind sets' figures (ties split) as generated.
    #[test]
    fn the_readme_quotes_the_generated_figures() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let blind = all_blind(root).expect("every case resolves");
        let f = figures(&blind);
        let readme = std::fs::read_to_string(root.join("README.md")).expect("README");
        let claim = format!(
            "the real outcome is most likely in {} of cases and within the top\ntwo in {}, mean probability {:.2}, Brier score {:.3}",
            pct(f.split1),
            pct(f.split2),
            f.mean_p,
            f.brier
        );
        assert!(readme.contains(&claim), "README.md should say: {claim}");
    }

    /// The README's figures for the sets encoded under the guide as it ships, and the
    /// agreement of the second encodings with the first, as generated (whitespace as in the
    /// README's text).
    #[test]
    fn the_readme_quotes_the_shipping_guide_figures_and_the_agreement() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let sets = blind_sets(root).expect("every case resolves");
        let quad = |rows: &[Row]| {
            let f = figures(rows);
            format!(
                "{}, {}, {:.2} and {:.3}",
                pct(f.split1),
                pct(f.split2),
                f.mean_p,
                f.brier
            )
        };
        let recent = pick(&sets, &RECENT_GUIDE);
        let shipping = pick(&sets, &SHIPPING_GUIDE);
        let myopic = all_under(root, Anticipation::Myopic).expect("every case resolves");
        let all: Vec<Row> = sets.iter().flatten().cloned().collect();
        let mut agreements = Vec::new();
        for (_, folder, index) in SECOND_ENCODINGS {
            let second = resolve_set(&root.join(folder)).expect("resolves");
            let first = &sets[index];
            assert_eq!(
                first.iter().map(|r| &r.file).collect::<Vec<_>>(),
                second.iter().map(|r| &r.file).collect::<Vec<_>>(),
                "the second encoding covers its set case for case"
            );
            let agree = first
                .iter()
                .zip(&second)
                .filter(|(a, b)| a.forecast.first().map(|x| x.0) == b.forecast.first().map(|x| x.0))
                .count();
            agreements.push(format!("{agree} of {}", first.len()));
        }
        let claims = [
            format!(
                "On the {} encoded since the guide's rule 4.2.1 (sets 4 to 9, out of sample): {}",
                recent.len(),
                quad(&recent)
            ),
            format!(
                "on the {} encoded under the guide as it ships (sets 8 and 9): {}",
                shipping.len(),
                quad(&shipping)
            ),
            format!(
                "Second blind encodings of sets 4, 8 and 9 by other analysts agree with the first on the most likely outcome in {}, {} and {} cases",
                agreements[0], agreements[1], agreements[2]
            ),
            format!(
                "read myopically (the reading before forecasts), the same {} cases score {} top-1",
                myopic.len(),
                pct(figures(&myopic).split1)
            ),
            {
                let (label, low, high) = BANDS[5];
                let (n, hit) = band_counts(&all, low, high);
                format!(
                    "outcomes it gives {label} happened {} of the time",
                    pct(hit as f64 / n.max(1) as f64)
                )
            },
        ];
        let readme = std::fs::read_to_string(root.join("README.md")).expect("README");
        let flat = readme.split_whitespace().collect::<Vec<_>>().join(" ");
        for claim in claims {
            assert!(flat.contains(&claim), "README.md should say: {claim}");
        }
    }

    #[test]
    fn arguments_are_honoured_or_rejected() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(markdown_flag(&args(&[])), Ok(false));
        assert_eq!(markdown_flag(&args(&["--markdown"])), Ok(true));
        assert_eq!(
            markdown_flag(&args(&["--json"])),
            Err("unknown argument `--json`; usage: validate [--markdown]".into())
        );
        assert_eq!(
            markdown_flag(&args(&["--markdown", "--markdown"])),
            Err("usage: validate [--markdown]".into())
        );
    }

    #[test]
    fn calibration_counts_every_case_and_code_by_band() {
        // Two cases, six codes each: 12 pairs. Case 1: comply 100% (happened), the other five
        // at 0. Case 2: ban 50% and exit 50%, exit happened; four codes at 0.
        let rows = [
            Row {
                file: "a".into(),
                forecast: vec![(OutcomeCode::Comply, 1.0)],
                real: OutcomeCode::Comply,
            },
            Row {
                file: "b".into(),
                forecast: vec![(OutcomeCode::Ban, 0.5), (OutcomeCode::Exit, 0.5)],
                real: OutcomeCode::Exit,
            },
        ];
        let text = calibration("t", &rows, false);
        assert!(text.contains("\n0  9  0  0%\n"), "{text}");
        assert!(text.contains("\n45% to below 55%  2  1  50%\n"), "{text}");
        assert!(text.contains("\n100%  1  1  100%\n"), "{text}");
        assert!(text.contains("\nabove 0, below 30%  0  0  -\n"), "{text}");
    }

    #[test]
    fn scores_follow_their_definitions() {
        let row = Row {
            file: "x".into(),
            forecast: vec![(OutcomeCode::Comply, 0.75), (OutcomeCode::Ban, 0.25)],
            real: OutcomeCode::Ban,
        };
        assert_eq!(row.place(), Some(2));
        assert_eq!(row.p_real(), 0.25);
        // (0.75 - 0)^2 + (0.25 - 1)^2 = 1.125
        assert!((row.brier() - 1.125).abs() < 1e-12);
        let f = figures(std::slice::from_ref(&row));
        assert_eq!((f.top1, f.top2), (0.0, 1.0));
        assert_eq!((f.split1, f.split2), (0.0, 1.0));
        // Real outcome tied for first with one other: half a top-1 hit, a whole top-2 hit;
        // tied for second with two others: a third of a top-2 hit.
        let tie = Row {
            file: "y".into(),
            forecast: vec![(OutcomeCode::Ban, 0.5), (OutcomeCode::Comply, 0.5)],
            real: OutcomeCode::Comply,
        };
        assert_eq!(
            (tie.within_ties_split(1), tie.within_ties_split(2)),
            (0.5, 1.0)
        );
        let three = Row {
            file: "z".into(),
            forecast: vec![
                (OutcomeCode::Comply, 0.4),
                (OutcomeCode::Ban, 0.2),
                (OutcomeCode::Exit, 0.2),
                (OutcomeCode::Stalemate, 0.2),
            ],
            real: OutcomeCode::Exit,
        };
        assert!((three.within_ties_split(2) - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(three.within_ties_split(1), 0.0);
    }
}
