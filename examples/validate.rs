//! Forecast validation: the eleven blind validation sets (`validation/scenarios`,
//! `validation/batch2/scenarios` to `validation/batch11/scenarios`), the sets encoded under
//! guide rule 4.2.1 (4 to 11) together, the sets encoded under the guide as it ships (8 to
//! 11) together, the out-of-sample sets together, all of them together, a calibration
//! table, the cases grouped by their forecast (what each forecast was followed by), the
//! arguable outcomes, the record by the Freedom House status of the state side's country, the
//! forecast readings compared (farsighted with and without settlements, myopic, and the
//! outlook at three weights) over all blind sets, sets 4, 8 and 9 encoded a second time
//! (reproducibility, not in the totals), and the case library (`seeds/`), each case's
//! forecast against its recorded outcome.
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
use standoff::resolve::{blend_shares, Anticipation, Blend, ReferenceClass};
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
    let _ = writeln!(out, "\nrecorded outcomes: {}", counts_text(&freq));
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

/// The 95% Wilson score interval of a share `share` of `n` trials, as `(low, high)`.
fn wilson(share: f64, n: usize) -> (f64, f64) {
    let n = n.max(1) as f64;
    let z2 = 1.96f64 * 1.96;
    let centre = (share + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = (z2 * (share * (1.0 - share) / n + z2 / (4.0 * n * n))).sqrt() / (1.0 + z2 / n);
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// The line under a pooled table: the 95% interval of its top-1 and top-2 (ties split),
/// the range the same method would likely score on as many further cases like these.
fn interval_line(rows: &[Row]) -> String {
    let f = figures(rows);
    let (l1, h1) = wilson(f.split1, rows.len());
    let (l2, h2) = wilson(f.split2, rows.len());
    format!(
        "95% interval (Wilson) of top-1, ties split: {} to {}; of top-2, ties split: {} to {}\n",
        pct(l1),
        pct(h1),
        pct(l2),
        pct(h2)
    )
}

/// The recorded codes of `freq` ([`by_frequency`]) that occur, as `comply 7, ban 2`.
fn counts_text(freq: &[(OutcomeCode, usize)]) -> String {
    let parts: Vec<String> = freq
        .iter()
        .filter(|(_, k)| *k > 0)
        .map(|(c, k)| format!("{c} {k}"))
        .collect();
    parts.join(", ")
}

/// `rows` grouped by `key`, groups in the order their first row comes; the first error of
/// `key` stops the grouping.
fn group_by<E>(
    rows: &[Row],
    key: impl Fn(&Row) -> Result<String, E>,
) -> Result<Vec<(String, Vec<Row>)>, E> {
    let mut groups: Vec<(String, Vec<Row>)> = Vec::new();
    for r in rows {
        let k = key(r)?;
        match groups.iter_mut().find(|g| g.0 == k) {
            Some(g) => g.1.push(r.clone()),
            None => groups.push((k, vec![r.clone()])),
        }
    }
    Ok(groups)
}

/// A forecast as text, most likely first: `comply 50%, ban 50%`.
fn forecast_text(row: &Row) -> String {
    let parts: Vec<String> = row
        .forecast
        .iter()
        .filter(|x| x.1 > 0.0)
        .map(|(c, p)| format!("{c} {}", pct(*p)))
        .collect();
    parts.join(", ")
}

/// The cases of `rows` grouped by their forecast as printed ([`forecast_text`]); the groups
/// by size, largest first, ties in text order. Each group: the forecast, and the recorded
/// codes of its cases by frequency.
fn alike_groups(rows: &[Row]) -> Vec<(String, Vec<(OutcomeCode, usize)>)> {
    let Ok(mut groups) = group_by(rows, |r| {
        Ok::<_, std::convert::Infallible>(forecast_text(r))
    });
    groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    groups
        .into_iter()
        .map(|(key, members)| (key, by_frequency(&members)))
        .collect()
}

/// How many cases get the commonest recorded outcome of their forecast's group (groups of
/// [`alike_groups`]).
fn alike_best(groups: &[(String, Vec<(OutcomeCode, usize)>)]) -> usize {
    groups
        .iter()
        .map(|(_, freq)| freq.first().map_or(0, |x| x.1))
        .sum()
}

/// What the cases given the same forecast ended in, and the best top-1 any rule turning
/// these forecasts into one answer could reach on them: every case answered with the
/// commonest recorded outcome of the cases given the same forecast (fitted on the outcomes
/// themselves, so an upper bound, not a method). Forecasts given to one case only share one
/// line.
fn alike(title: &str, rows: &[Row], markdown: bool) -> String {
    let style = Style { markdown };
    let mut out = style.title(title, rows.len());
    out.push_str(&style.head(
        &[
            "forecast",
            "cases",
            "recorded outcomes",
            "commonest",
            "share",
        ],
        "|---|---:|---|---:|---:|",
    ));
    let groups = alike_groups(rows);
    let best = alike_best(&groups);
    let mut singles = 0usize;
    for (key, freq) in &groups {
        let n: usize = freq.iter().map(|x| x.1).sum();
        if n == 1 {
            singles += 1;
            continue;
        }
        let cells = [
            key.clone(),
            n.to_string(),
            counts_text(freq),
            freq[0].0.to_string(),
            pct(freq[0].1 as f64 / n as f64),
        ];
        out.push_str(&style.row(&cells));
    }
    if singles > 0 {
        let cells = [
            "each given to one case".to_string(),
            singles.to_string(),
            "-".to_string(),
            "-".to_string(),
            "100%".to_string(),
        ];
        out.push_str(&style.row(&cells));
    }
    let n = rows.len().max(1);
    let _ = writeln!(
        out,
        "\n{} distinct forecasts; every case answered with the commonest recorded outcome of its forecast's cases: {best} of {} ({}) top-1, the most any rule turning these forecasts into one answer could reach on these cases (the forecast itself: {}, ties split)",
        groups.len(),
        rows.len(),
        pct(best as f64 / n as f64),
        pct(figures(rows).split1)
    );
    out
}

/// The arguable alternative code the researcher named for case `file` of the scenario
/// folder `dir` (a line `alternative: <code> - reason` in `../outcomes/<file>.outcome.md`);
/// `None` where there is no such file or line, or the line names no code ("none strong").
fn arguable(dir: &Path, file: &str) -> Option<OutcomeCode> {
    let path = dir
        .parent()?
        .join("outcomes")
        .join(format!("{file}.outcome.md"));
    let text = std::fs::read_to_string(path).ok()?;
    let rest = text
        .lines()
        .find_map(|l| l.strip_prefix("alternative:"))?
        .trim_start()
        .trim_start_matches('`');
    let word: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
    OutcomeCode::ALL.into_iter().find(|c| c.as_str() == word)
}

/// The arguable alternative of every blind case ([`arguable`]), set by set as in `sets`.
fn alternatives(root: &Path, sets: &[Vec<Row>]) -> Vec<Option<OutcomeCode>> {
    let mut alts = Vec::new();
    for ((_, folder), rows) in SETS.iter().zip(sets) {
        for r in rows {
            alts.push(arguable(&root.join(folder), &r.file));
        }
    }
    alts
}

/// A row's top-1 (ties split) and probability with the recorded outcome or `alt` credited,
/// whichever is better for top-1; probabilities of the two added.
fn credited(row: &Row, alt: Option<OutcomeCode>) -> (f64, f64) {
    let Some(alt) = alt.filter(|&a| a != row.real) else {
        return (row.within_ties_split(1), row.p_real());
    };
    let other = Row {
        real: alt,
        ..row.clone()
    };
    (
        row.within_ties_split(1).max(other.within_ties_split(1)),
        row.p_real() + other.p_real(),
    )
}

/// How much of the misses is the outcome's coding: over every blind case, top-1 (ties
/// split) and mean probability of the forecast and of always answering the commonest
/// outcome, with the recorded outcome alone and with the researcher's arguable alternative
/// also credited; then the commonest (recorded, alternative) pairs.
fn arguable_table(root: &Path, sets: &[Vec<Row>], markdown: bool) -> String {
    let style = Style { markdown };
    let alts = alternatives(root, sets);
    let all: Vec<Row> = sets.iter().flatten().cloned().collect();
    let (majority, _) = baselines(&all);
    let n = all.len().max(1) as f64;
    let mut out = style.title(
        "Arguable outcomes over all blind sets: the recorded outcome, or also the researcher's arguable alternative, credited",
        all.len(),
    );
    out.push_str(&style.head(
        &[
            "method",
            "top-1, ties split",
            "top-1, either credited",
            "mean p(real)",
            "mean p(either)",
        ],
        "|---|---:|---:|---:|---:|",
    ));
    let name = format!("majority (always `{}`)", by_frequency(&all)[0].0);
    for (name, rows) in [("forecast".to_string(), &all), (name, &majority)] {
        let f = figures(rows);
        let (top1, p): (f64, f64) = rows
            .iter()
            .zip(&alts)
            .map(|(r, &a)| credited(r, a))
            .fold((0.0, 0.0), |(t, q), (x, y)| (t + x, q + y));
        let cells = [
            name,
            pct(f.split1),
            pct(top1 / n),
            format!("{:.2}", f.mean_p),
            format!("{:.2}", p / n),
        ];
        out.push_str(&style.row(&cells));
    }
    let mut pairs: Vec<((OutcomeCode, OutcomeCode), usize)> = Vec::new();
    for (r, a) in all.iter().zip(&alts) {
        if let Some(a) = a.filter(|&a| a != r.real) {
            match pairs.iter_mut().find(|p| p.0 == (r.real, a)) {
                Some(p) => p.1 += 1,
                None => pairs.push(((r.real, a), 1)),
            }
        }
    }
    pairs.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    let named = pairs.iter().map(|p| p.1).sum::<usize>();
    let top: Vec<String> = pairs
        .iter()
        .take(5)
        .map(|((r, a), k)| format!("{r} / {a} {k}"))
        .collect();
    let _ = writeln!(
        out,
        "\n{named} of {} outcome files name an arguable alternative code; the commonest (recorded / alternative): {}",
        all.len(),
        top.join(", ")
    );
    out
}

/// The fields of one CSV line (commas separate; a field in double quotes may hold commas and
/// `""` for a quote).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    fields.push(field);
    fields
}

/// The Freedom House status of the state side's country per case, from
/// `validation/context/freedom-house.csv` (`case,jurisdiction,year,status,source`).
fn freedom_status(root: &Path) -> Result<Vec<(String, String)>, String> {
    let path = root.join("validation/context/freedom-house.csv");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        let f = csv_fields(line);
        match (f.first(), f.get(3)) {
            (Some(case), Some(status)) if !case.is_empty() => {
                out.push((case.clone(), status.clone()));
            }
            _ => {
                return Err(format!(
                    "{}: line {}: expected case,jurisdiction,year,status,source",
                    path.display(),
                    i + 1
                ))
            }
        }
    }
    Ok(out)
}

/// The forecast's record by the Freedom House status of the state side's country: per
/// status, the cases, the forecast's top-1 (ties split) and mean probability, and always
/// answering that group's commonest outcome. Every blind case needs a status.
fn freedom_table(root: &Path, all: &[Row], markdown: bool) -> Result<String, String> {
    let statuses = freedom_status(root)?;
    let status_of = |file: &str| {
        statuses
            .iter()
            .find(|(c, _)| c == file)
            .map(|(_, s)| s.clone())
            .ok_or_else(|| format!("validation/context/freedom-house.csv: no row for `{file}`"))
    };
    let mut groups = group_by(all, |r| status_of(&r.file))?;
    // Free, Partly Free, Not Free, then anything else (n/a) in text order.
    let rank = |s: &str| {
        ["Free", "Partly Free", "Not Free"]
            .iter()
            .position(|x| *x == s)
            .unwrap_or(3)
    };
    groups.sort_by(|a, b| rank(&a.0).cmp(&rank(&b.0)).then(a.0.cmp(&b.0)));
    let style = Style { markdown };
    let mut out = style.title(
        "By the Freedom House status of the state side's country (validation/context/freedom-house.csv), over all blind sets",
        all.len(),
    );
    out.push_str(&style.head(
        &[
            "status",
            "cases",
            "top-1, ties split",
            "mean p(real)",
            "always the group's commonest",
            "recorded outcomes",
        ],
        "|---|---:|---:|---:|---:|---|",
    ));
    for (status, rows) in &groups {
        let f = figures(rows);
        let freq = by_frequency(rows);
        let cells = [
            status.clone(),
            rows.len().to_string(),
            pct(f.split1),
            format!("{:.2}", f.mean_p),
            format!(
                "{} (`{}`)",
                pct(freq[0].1 as f64 / rows.len() as f64),
                freq[0].0
            ),
            counts_text(&freq),
        ];
        out.push_str(&style.row(&cells));
    }
    Ok(out)
}

/// The blind sets: title and folder, in the order they were encoded. Set 1's cases were
/// seen while the resolver's rules were revised; sets 2 and 3 were encoded and joined after
/// the rules were fixed, each validated once; sets 4 to 8 were each encoded under the guide
/// as it then stood (rule 4.2.1 from set 4, 4.1.5 from set 6, 4.1.2 from set 7, the addition
/// to 4.2.1 from set 8, each revision chosen after the earlier sets were seen; sets 9 to 11 under
/// the same guide as set 8) and validated once.
const SETS: [(&str, &str); 11] = [
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
    (
        "Blind validation set 10 (validation/batch10/scenarios, out of sample, the guide as it ships)",
        "validation/batch10/scenarios",
    ),
    (
        "Blind validation set 11 (validation/batch11/scenarios, out of sample, the guide as it ships)",
        "validation/batch11/scenarios",
    ),
];

/// Sets encoded under the guide as it ships (indices into [`SETS`]).
const SHIPPING_GUIDE: [usize; 4] = [7, 8, 9, 10];

/// Sets encoded under guide rule 4.2.1, after its adoption (indices into [`SETS`]).
const RECENT_GUIDE: [usize; 8] = [3, 4, 5, 6, 7, 8, 9, 10];

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

/// The outlook weights compared in the readings table.
const OUTLOOK_WEIGHTS: [f64; 3] = [0.05, 0.1, 0.3];

/// Each case's forecast blended with the reference class of the *other* sets' recorded
/// outcomes at `weight` (`standoff::resolve::outlook`): the outlook as it would have read
/// before the case's own set was joined.
fn outlook_rows(sets: &[Vec<Row>], weight: f64) -> Result<Vec<Row>, String> {
    let mut out = Vec::new();
    for (i, set) in sets.iter().enumerate() {
        let others: Vec<Row> = sets
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .flat_map(|(_, rows)| rows.iter().cloned())
            .collect();
        let counts: Vec<(OutcomeCode, u64)> = by_frequency(&others)
            .into_iter()
            .map(|(c, n)| (c, n as u64))
            .collect();
        let class = ReferenceClass::from_counts("the other blind sets", &counts)
            .map_err(|e| e.to_string())?;
        let blend = Blend::new(class, weight).map_err(|e| e.to_string())?;
        for r in set {
            let o = blend_shares(&r.forecast, &blend);
            out.push(Row {
                file: r.file.clone(),
                forecast: o.outcomes.iter().map(|x| (x.code, x.probability)).collect(),
                real: r.real,
            });
        }
    }
    Ok(out)
}

/// The figures of every reading of [`readings`] over every blind case, then of the outlook
/// at each of [`OUTLOOK_WEIGHTS`]; `sets` holds the cases already resolved with the default
/// reading.
fn readings_table(root: &Path, sets: &[Vec<Row>], markdown: bool) -> Result<String, String> {
    let style = Style { markdown };
    let default: Vec<Row> = sets.iter().flatten().cloned().collect();
    let mut compared: Vec<(String, Vec<Row>)> = Vec::new();
    for (name, anticipation) in readings() {
        let rows = if anticipation == Anticipation::default() {
            default.clone()
        } else {
            all_under(root, anticipation)?
        };
        compared.push((name.to_string(), rows));
    }
    for weight in OUTLOOK_WEIGHTS {
        compared.push((
            format!(
                "outlook: the default blended with the other sets' outcomes, weight {}",
                pct(weight)
            ),
            outlook_rows(sets, weight)?,
        ));
    }
    let mut lines = Vec::new();
    for (name, rows) in &compared {
        let f = figures(rows);
        let cells = [
            name.clone(),
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
        "Sets 4 to 11 (out of sample, encoded under guide rule 4.2.1)",
        &recent,
        markdown,
    ));
    tables.push(table(
        "Sets 8 to 11 (out of sample, the guide as it ships)",
        &pick(&sets, &SHIPPING_GUIDE),
        markdown,
    ));
    tables.push(
        table("Sets 2 to 11 (out of sample)", &later, markdown) + "\n" + &interval_line(&later),
    );
    tables.push(table("All blind sets", &all, markdown) + "\n" + &interval_line(&all));
    tables.push(calibration(
        "Calibration over all blind sets: how often an outcome given probability p happened",
        &all,
        markdown,
    ));
    tables.push(alike(
        "Forecasts alike: what the cases given the same forecast ended in, over all blind sets",
        &all,
        markdown,
    ));
    tables.push(arguable_table(root, &sets, markdown));
    tables.push(freedom_table(root, &all, markdown)?);
    tables.push(readings_table(root, &sets, markdown)?);
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
                "On the {} encoded since the guide's rule 4.2.1 (sets 4 to 11, out of sample): {}",
                recent.len(),
                quad(&recent)
            ),
            format!(
                "on the {} encoded under the guide as it ships (sets 8 to 11): {}",
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
                let f = figures(&all);
                let (low, high) = wilson(f.split1, all.len());
                format!(
                    "the 95% interval of that top-1 is {} to {}",
                    pct(low),
                    pct(high)
                )
            },
            {
                let f = figures(&outlook_rows(&sets, OUTLOOK_WEIGHTS[0]).expect("blends"));
                format!(
                    "at weight {} it scores {} top-1 and {} top-2, mean probability {:.2}, Brier {:.3}",
                    pct(OUTLOOK_WEIGHTS[0]),
                    pct(f.split1),
                    pct(f.split2),
                    f.mean_p,
                    f.brier
                )
            },
            {
                let alts = alternatives(root, &sets);
                let lenient = |rows: &[Row]| {
                    let hits: f64 = rows.iter().zip(&alts).map(|(r, &a)| credited(r, a).0).sum();
                    pct(hits / rows.len() as f64)
                };
                let (majority, _) = baselines(&all);
                format!(
                    "the forecast's top-1 rises from {} to {} (always `comply`: {} to {})",
                    pct(figures(&all).split1),
                    lenient(&all),
                    pct(figures(&majority).split1),
                    lenient(&majority)
                )
            },
            {
                let statuses = freedom_status(root).expect("the context file");
                let group = |status: &str| {
                    let rows: Vec<Row> = all
                        .iter()
                        .filter(|r| statuses.iter().any(|(c, s)| c == &r.file && s == status))
                        .cloned()
                        .collect();
                    format!("{} ({} cases)", pct(figures(&rows).split1), rows.len())
                };
                format!(
                    "the forecast's top-1 is {} where the state side's country is rated Not Free and {} where it is rated Free",
                    group("Not Free"),
                    group("Free")
                )
            },
            format!(
                "a rule fitted on the outcomes themselves, would reach {} top-1",
                pct(alike_best(&alike_groups(&all)) as f64 / all.len() as f64)
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
    fn cases_alike_are_grouped_by_their_printed_forecast() {
        let row = |file: &str, forecast: Vec<(OutcomeCode, f64)>, real| Row {
            file: file.into(),
            forecast,
            real,
        };
        let comply = || vec![(OutcomeCode::Comply, 1.0)];
        // Three cases forecast `comply 100%` (one a hair below 1, printed the same) ending in
        // comply, comply and ban: the group's commonest is comply, 2 of 3. One case forecast
        // `ban 50%, exit 50%` ending in exit: a group of one, 1 of 1. Best: 3 of 4 (75%),
        // against the forecast's own 2 + 0.5 of 4 (62.5%, printed 62%: ties split).
        let rows = [
            row("a", comply(), OutcomeCode::Comply),
            row(
                "b",
                vec![(OutcomeCode::Comply, 1.0 - 1e-12)],
                OutcomeCode::Comply,
            ),
            row("c", comply(), OutcomeCode::Ban),
            row(
                "d",
                vec![(OutcomeCode::Ban, 0.5), (OutcomeCode::Exit, 0.5)],
                OutcomeCode::Exit,
            ),
        ];
        let groups = alike_groups(&rows);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].0, "comply 100%");
        assert_eq!(
            groups[0].1[..2],
            [(OutcomeCode::Comply, 2), (OutcomeCode::Ban, 1)]
        );
        assert_eq!(groups[1].0, "ban 50%, exit 50%");
        assert_eq!(alike_best(&groups), 3);
        let text = alike("t", &rows, false);
        assert!(
            text.contains("\ncomply 100%  3  comply 2, ban 1  comply  67%\n"),
            "{text}"
        );
        assert!(
            text.contains("\neach given to one case  1  -  -  100%\n"),
            "{text}"
        );
        assert!(text.contains(": 3 of 4 (75%) top-1"), "{text}");
        assert!(
            text.contains("(the forecast itself: 62%, ties split)"),
            "{text}"
        );
    }

    #[test]
    fn arguable_alternatives_are_read_and_credited() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        // "alternative: compromise — the terms were negotiated ..."
        assert_eq!(
            arguable(&root.join("validation/batch10/scenarios"), "zte-us-2018"),
            Some(OutcomeCode::Compromise)
        );
        // "alternative: none strong (...)": no code; seeds have no outcome files.
        assert_eq!(
            arguable(&root.join("validation/scenarios"), "aylo-utah-2023"),
            None
        );
        assert_eq!(arguable(&root.join("seeds"), "lavabit-2013"), None);
        // Forecast comply 50%, ban 50%; recorded exit, arguable ban: half a top-1 hit (ban
        // tied first with comply), probability 0 + 0.5. Arguable exit too: no credit.
        let row = Row {
            file: "x".into(),
            forecast: vec![(OutcomeCode::Comply, 0.5), (OutcomeCode::Ban, 0.5)],
            real: OutcomeCode::Exit,
        };
        assert_eq!(credited(&row, Some(OutcomeCode::Ban)), (0.5, 0.5));
        assert_eq!(credited(&row, Some(OutcomeCode::Exit)), (0.0, 0.0));
        assert_eq!(credited(&row, None), (0.0, 0.0));
    }

    #[test]
    fn csv_fields_follow_quotes() {
        assert_eq!(
            csv_fields(r#"a,"b, c",,"say ""hi""""#),
            ["a", "b, c", "", r#"say "hi""#]
        );
        assert_eq!(csv_fields(""), [""]);
    }

    #[test]
    fn the_interval_is_wilsons() {
        // Wilson's 95% interval for 50 of 100: 0.4038 to 0.5962; for 0 of 10: 0 to 0.2775.
        let (low, high) = wilson(0.5, 100);
        assert!((low - 0.4038).abs() < 1e-4 && (high - 0.5962).abs() < 1e-4);
        let (low, high) = wilson(0.0, 10);
        assert!(low.abs() < 1e-12 && (high - 0.2775).abs() < 1e-4);
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
