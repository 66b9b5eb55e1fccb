//! The stability tableau: states x concepts x decision makers.

use std::fmt::Write;

use crate::model::graph_model::GraphModel;
use crate::report::one_line;
use crate::stability::analysis::Analysis;

/// Renders the stability tableau of `analysis` as plain text: one row per feasible state in
/// canonical order, one column group per concept with one letter per decision maker (its
/// letter where the state is stable for it, `.` where not), then the concepts under which
/// the state is an equilibrium, and a legend.
///
/// ```
/// # use standoff::{GraphModel, Analysis, AnalysisOptions};
/// let model = GraphModel::builder("Prisoners")
///     .decision_maker("One", ["C1"])
///     .decision_maker("Two", ["C2"])
///     .ranking("One", [["NY"], ["YY"], ["NN"], ["YN"]])
///     .ranking("Two", [["YN"], ["YY"], ["NN"], ["NY"]])
///     .build()?;
/// let analysis = Analysis::run(&model, &AnalysisOptions::default())?;
/// let text = standoff::report::tableau(&model, &analysis);
/// assert!(text.contains("NN    | AB   | AB   | AB   | AB   | AB   | nash gmr smr seq sim"));
/// assert!(text.contains("YY    | ..   | AB   | AB   | AB   | AB   | gmr smr seq sim"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn tableau(model: &GraphModel, analysis: &Analysis) -> String {
    let dms = model.decision_makers();
    let letters: Vec<char> = (0..dms.len()).map(letter).collect();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} feasible states, {} decision makers, reachability {}",
        one_line(title(model)),
        analysis.state_count(),
        dms.len(),
        analysis.reachability()
    );
    let width = model.option_count().max(5);
    let cell = dms.len().max(4);
    let _ = write!(out, "{:<width$}", "state");
    for c in analysis.concepts() {
        let _ = write!(out, " | {:<cell$}", c.as_str());
    }
    let _ = writeln!(out, " | equilibrium");
    let equilibria = Equilibria::of(analysis);
    for i in 0..analysis.state_count() {
        let Some(state) = model.state_at(i) else {
            continue;
        };
        let _ = write!(out, "{:<width$}", model.label(state));
        for &c in analysis.concepts() {
            let marks: String = (0..dms.len())
                .map(|d| {
                    if analysis.is_stable_index(c, d, i).unwrap_or(false) {
                        letters[d]
                    } else {
                        '.'
                    }
                })
                .collect();
            let _ = write!(out, " | {marks:<cell$}");
        }
        let _ = writeln!(out, " | {}", equilibria.at(i).trim_end());
    }
    let _ = writeln!(
        out,
        "\nlegend: a letter marks a state stable for that decision maker; `.` unstable"
    );
    for (d, dm) in dms.iter().enumerate() {
        let options: Vec<String> = dm
            .options()
            .map(|k| one_line(model.options()[k].name()).into_owned())
            .collect();
        let _ = writeln!(
            out,
            "  {} = {} (options: {})",
            letters[d],
            one_line(dm.name()),
            options.join(", ")
        );
    }
    out
}

/// The letter shown for decision maker `d`: A..Z, then a..z, then `#`.
pub(crate) fn letter(d: usize) -> char {
    match d {
        0..=25 => (b'A' + d as u8) as char,
        26..=51 => (b'a' + (d - 26) as u8) as char,
        _ => '#',
    }
}

/// Escapes text for a Markdown table cell: `|`, `\`, `*`, `_`, `` ` ``, `<`, `>`, `[`, `]`
/// are backslash-escaped and line breaks become spaces.
pub(crate) fn markdown_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '<' | '>' | '[' | ']' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Renders the stability tableau as a Markdown table: one row per feasible state in canonical
/// order, one column per concept and decision maker (`✓` stable, blank unstable), and the
/// concepts under which the state is an equilibrium.
///
/// ```
/// # use standoff::{GraphModel, Analysis, AnalysisOptions};
/// let model = GraphModel::builder("Prisoners")
///     .decision_maker("One", ["C1"])
///     .decision_maker("Two", ["C2"])
///     .ranking("One", [["NY"], ["YY"], ["NN"], ["YN"]])
///     .ranking("Two", [["YN"], ["YY"], ["NN"], ["NY"]])
///     .build()?;
/// let opts = AnalysisOptions { concepts: vec![standoff::Concept::Nash], ..Default::default() };
/// let md = standoff::report::tableau_markdown(&model, &Analysis::run(&model, &opts)?);
/// assert!(md.contains("| state | nash: One | nash: Two | equilibrium |\n|---|---|---|---|\n| `NN` | ✓ | ✓ | nash |\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn tableau_markdown(model: &GraphModel, analysis: &Analysis) -> String {
    let dms = model.decision_makers();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "**{}**: {} feasible states, {} decision makers, reachability `{}`\n",
        markdown_cell(title(model)),
        analysis.state_count(),
        dms.len(),
        analysis.reachability()
    );
    let mut header = vec!["state".to_string()];
    for c in analysis.concepts() {
        for dm in dms {
            header.push(format!("{}: {}", c.as_str(), markdown_cell(dm.name())));
        }
    }
    header.push("equilibrium".into());
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
    let equilibria = Equilibria::of(analysis);
    for i in 0..analysis.state_count() {
        let Some(state) = model.state_at(i) else {
            continue;
        };
        let mut row = vec![format!("`{}`", model.label(state))];
        for &c in analysis.concepts() {
            for d in 0..dms.len() {
                let stable = analysis.is_stable_index(c, d, i).unwrap_or(false);
                row.push(if stable { "✓".into() } else { " ".into() });
            }
        }
        row.push(equilibria.at(i));
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    out
}

/// The model's name, or `(unnamed)`.
fn title(model: &GraphModel) -> &str {
    if model.name().is_empty() {
        "(unnamed)"
    } else {
        model.name()
    }
}

/// The equilibrium sets of every analysed concept, for the last column of a tableau: one
/// membership flag per dense state index (built from [`Analysis::equilibrium_indices`]).
struct Equilibria<'a> {
    analysis: &'a Analysis,
    sets: Vec<Vec<bool>>,
}

impl<'a> Equilibria<'a> {
    fn of(analysis: &'a Analysis) -> Self {
        let sets = analysis
            .concepts()
            .iter()
            .map(|&c| {
                let mut set = vec![false; analysis.state_count()];
                for i in analysis.equilibrium_indices(c).unwrap_or_default() {
                    if let Some(member) = set.get_mut(i) {
                        *member = true;
                    }
                }
                set
            })
            .collect();
        Equilibria { analysis, sets }
    }

    /// The concepts under which the state at dense index `i` is an equilibrium, space-separated.
    fn at(&self, i: usize) -> String {
        self.analysis
            .concepts()
            .iter()
            .zip(&self.sets)
            .filter(|(_, set)| set.get(i).copied().unwrap_or(false))
            .map(|(c, _)| c.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}
