//! The forecast, in words: the opening line of every report and its own section.

use std::fmt::Write;

use crate::compile::OutcomeCode;
use crate::resolve::{ForecastOutcome, Question, Resolution};

/// The words for an outcome code in reports (`compliance`, `market exit`...).
pub fn code_words(code: OutcomeCode) -> &'static str {
    code.kind().as_str()
}

fn percent(p: f64) -> String {
    format!("{:.0}%", 100.0 * p)
}

/// The forecast line: `Most likely: compliance (62%); then sanction imposed (25%), market
/// exit (13%).` (`No forecast.` where there is none).
pub fn forecast_line(r: &Resolution) -> String {
    let Some(first) = r.forecast.first() else {
        return "No forecast.".to_string();
    };
    let mut line = format!(
        "Most likely: {} ({}){}",
        code_words(first.code),
        percent(first.probability),
        if first.robust { ", robust" } else { "" }
    );
    let rest: Vec<String> = r.forecast[1..]
        .iter()
        .map(|o| format!("{} ({})", code_words(o.code), percent(o.probability)))
        .collect();
    if !rest.is_empty() {
        let _ = write!(line, "; then {}", rest.join(", "));
    }
    line.push('.');
    line
}

/// What a forecast probability is, said in every report next to the basis: the model's
/// share, not a frequency; how it has fared on blind cases is in `docs/validation.md`.
pub const PROBABILITY_NOTE: &str =
    "probabilities are model shares, not frequencies (track record: docs/validation.md)";

/// The basis of the forecast in one line, ending with [`PROBABILITY_NOTE`].
pub fn basis_line(r: &Resolution) -> String {
    let b = &r.forecast_basis;
    let how = match b.horizon {
        Some(h) => format!("farsighted play, horizon {h}"),
        None => "unilateral improvements (myopic)".to_string(),
    };
    let sample = if b.sampled {
        format!(", a fixed-seed sample of {}", b.resolved)
    } else {
        String::new()
    };
    format!(
        "{how}; {} preference completion{}{sample}; {PROBABILITY_NOTE}",
        b.completions,
        if b.completions == 1 { "" } else { "s" }
    )
}

/// The outlook line, where the resolution has one: `Outlook (the forecast blended with the
/// reference class of 160 cases, ..., weight 10%): compliance 64%, sanction imposed 12%, ...`.
pub fn outlook_line(r: &Resolution) -> Option<String> {
    let o = r.outlook.as_ref()?;
    let parts: Vec<String> = o
        .outcomes
        .iter()
        .map(|x| {
            let p = if x.probability < 0.005 {
                "<1%".to_string()
            } else {
                percent(x.probability)
            };
            format!("{} {p}", code_words(x.code))
        })
        .collect();
    Some(format!(
        "Outlook (the forecast blended with the reference class of {} cases, {}, weight {}): {}.",
        o.cases,
        o.class,
        percent(o.weight),
        if parts.is_empty() {
            "nothing to blend".to_string()
        } else {
            parts.join(", ")
        }
    ))
}

/// The forecast section as text: the line, the basis, the outlook where asked for, then per
/// outcome its states, path and reasons.
pub fn forecast_text(r: &Resolution) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", forecast_line(r));
    let _ = writeln!(out, "  ({})", basis_line(r));
    if let Some(line) = outlook_line(r) {
        let _ = writeln!(out, "  {line}");
    }
    for o in &r.forecast {
        outcome_text(&mut out, o);
    }
    let one_line = |t: &str| super::one_line(t).into_owned();
    deciding_section(&mut out, r, "  what decides it", "    ", &one_line);
    out
}

/// The "what decides it" lines under `title` (with a blank line after it in Markdown), each
/// after `bullet` and passed through `clean`; nothing without contested questions.
fn deciding_section(
    out: &mut String,
    r: &Resolution,
    title: &str,
    bullet: &str,
    clean: &dyn Fn(&str) -> String,
) {
    let decisive = deciding(r);
    if decisive.is_empty() {
        return;
    }
    let gap = if bullet == "- " { "\n" } else { "" };
    let _ = writeln!(out, "{title} (open preferences, most decisive first):{gap}");
    for line in decisive {
        let _ = writeln!(out, "{bullet}{}", clean(&line));
    }
}

/// The contested questions that move the forecast (spread at least 1%), at most five, one
/// line each: `Facebook, comply or ban (spread 100%): comply above ban (50%) -> compliance
/// 100%; ban above comply (50%) -> sanction imposed 100%`.
pub fn deciding(r: &Resolution) -> Vec<String> {
    r.contested
        .iter()
        .filter(|c| c.spread >= 0.01)
        .take(5)
        .map(|c| {
            let question = match &c.question {
                Question::Alternative => "which alternative".to_string(),
                Question::Order { a, b } => format!("{a} or {b}"),
            };
            let branches: Vec<String> = c
                .branches
                .iter()
                .map(|b| {
                    let top: Vec<String> = b
                        .forecast
                        .iter()
                        .take(2)
                        .map(|(code, p)| format!("{} {}", code_words(*code), percent(*p)))
                        .collect();
                    format!("{} ({}) -> {}", b.answer, percent(b.share), top.join(", "))
                })
                .collect();
            format!(
                "{}, {question} (spread {}): {}",
                c.party,
                percent(c.spread),
                branches.join("; ")
            )
        })
        .collect()
}

fn outcome_text(out: &mut String, o: &ForecastOutcome) {
    let _ = writeln!(
        out,
        "  {} {}{}:",
        percent(o.probability),
        code_words(o.code),
        if o.robust { " (robust)" } else { "" }
    );
    for s in &o.states {
        let _ = writeln!(
            out,
            "    {} {} ({})",
            s.state.label,
            super::one_line(&s.state.outcome.name),
            percent(s.probability)
        );
    }
    if !o.path.is_empty() {
        let _ = writeln!(out, "    how:");
        for (k, st) in o.path.iter().enumerate() {
            let _ = writeln!(
                out,
                "      {}. {}: {} -> {}",
                k + 1,
                super::one_line(&st.party),
                super::one_line(&st.changes.join(", ")),
                st.to.label
            );
        }
    }
    for reason in &o.reasons {
        let why = match (&reason.best_move, &reason.leads_to) {
            (None, _) => "has no move".to_string(),
            (Some(m), Some(end)) => format!(
                "{}: its best move ({}) would end in {} ({})",
                if reason.stays { "stays" } else { "would move" },
                m.label,
                super::one_line(&end.outcome.name),
                percent(reason.leads_to_probability)
            ),
            (Some(m), None) => format!("best move {}", m.label),
        };
        let _ = writeln!(out, "    {} {why}", super::one_line(&reason.party));
    }
}

/// The forecast section as Markdown.
pub fn forecast_markdown(r: &Resolution) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "**{}**\n", super::markdown::escape(&forecast_line(r)));
    let _ = writeln!(out, "_{}_\n", super::markdown::escape(&basis_line(r)));
    if let Some(line) = outlook_line(r) {
        let _ = writeln!(out, "{}\n", super::markdown::escape(&line));
    }
    let _ = writeln!(
        out,
        "| outcome | probability | robust | most likely state |"
    );
    let _ = writeln!(out, "|---|---:|---|---|");
    for o in &r.forecast {
        let top = o.states.first();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            code_words(o.code),
            percent(o.probability),
            if o.robust { "yes" } else { "no" },
            top.map_or(String::new(), |s| format!(
                "`{}` {}",
                s.state.label,
                super::markdown::escape(&s.state.outcome.name)
            ))
        );
    }
    deciding_section(
        &mut out,
        r,
        "\nWhat decides it",
        "- ",
        &super::markdown::escape,
    );
    for o in r.forecast.iter().filter(|o| !o.path.is_empty()) {
        let _ = writeln!(out, "\nHow {} comes about:\n", code_words(o.code));
        for (k, st) in o.path.iter().enumerate() {
            let _ = writeln!(
                out,
                "{}. {}: {} → `{}`",
                k + 1,
                super::markdown::escape(&st.party),
                super::markdown::escape(&st.changes.join(", ")),
                st.to.label
            );
        }
    }
    out
}
