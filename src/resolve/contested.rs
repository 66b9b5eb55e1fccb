//! Which contested ranking decides the forecast: the forecast split by each open comparison.
//!
//! Every completion of the parties' preferences answers each open question one way: an
//! alternative is taken, and two outcomes of an unknown group come in one order. Splitting the
//! resolved completions by the answer to one question gives one conditional forecast per
//! answer; the question's *spread* is the largest total variation distance between two of its
//! answers' forecasts (0: the answer changes nothing; 1: the answers lead to disjoint
//! outcomes). The questions are listed by spread, largest first, so the first names the
//! ranking the forecast hinges on.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::compile::{OutcomeCode, PartyChoice};

/// One open question about a party's preference.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Question {
    /// Which of the party's alternatives holds.
    Alternative,
    /// How the party orders two outcomes of an unknown group (names in alphabetical order).
    Order {
        /// One outcome.
        a: String,
        /// The other.
        b: String,
    },
}

/// One answer to a question and the forecast under it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Branch {
    /// The answer: the alternative's name, or `"x above y"`.
    pub answer: String,
    /// The share of the resolved completions giving this answer.
    pub share: f64,
    /// Outcome codes and their probabilities under this answer, most likely first (equal
    /// probabilities in code order).
    pub forecast: Vec<(OutcomeCode, f64)>,
}

/// An open question, how much it decides, and the forecast under each answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contested {
    /// The party whose preference is open.
    pub party: String,
    /// The question.
    pub question: Question,
    /// The largest total variation distance between two answers' forecasts, in `[0, 1]`.
    pub spread: f64,
    /// The answers, in order of their names.
    pub branches: Vec<Branch>,
}

/// Per question, per answer: the completions' count and summed code probabilities.
type Tally = BTreeMap<(String, Question), BTreeMap<String, (u64, BTreeMap<OutcomeCode, f64>)>>;

/// The contested questions of a forecast, from each resolved completion's choices and the
/// probability it gives each outcome code; largest spread first, then by party and question.
pub(crate) fn contested(
    completions: &[(Vec<PartyChoice>, BTreeMap<OutcomeCode, f64>)],
) -> Vec<Contested> {
    let mut tally: Tally = BTreeMap::new();
    for (choices, codes) in completions {
        for (question, answer) in choices.iter().flat_map(answers) {
            let entry = tally
                .entry(question)
                .or_default()
                .entry(answer)
                .or_default();
            entry.0 += 1;
            for (&code, &p) in codes {
                *entry.1.entry(code).or_default() += p;
            }
        }
    }
    let total = completions.len().max(1) as f64;
    let mut out: Vec<Contested> = tally
        .into_iter()
        .filter(|(_, answers)| answers.len() > 1)
        .map(|((party, question), answers)| {
            let branches: Vec<Branch> = answers
                .into_iter()
                .map(|(answer, (count, codes))| branch(answer, count, codes, total))
                .collect();
            Contested {
                party,
                question,
                spread: spread(&branches),
                branches,
            }
        })
        .collect();
    out.sort_by(|a, b| b.spread.total_cmp(&a.spread));
    out
}

/// The questions one party's choices answer, with the answers.
fn answers(choice: &PartyChoice) -> Vec<((String, Question), String)> {
    let mut out = Vec::new();
    if let Some(alt) = &choice.alternative {
        out.push(((choice.party.clone(), Question::Alternative), alt.clone()));
    }
    for order in &choice.orders {
        for (i, hi) in order.iter().enumerate() {
            for lo in &order[i + 1..] {
                let (a, b) = if hi <= lo { (hi, lo) } else { (lo, hi) };
                let question = Question::Order {
                    a: a.clone(),
                    b: b.clone(),
                };
                out.push(((choice.party.clone(), question), format!("{hi} above {lo}")));
            }
        }
    }
    out
}

fn branch(answer: String, count: u64, codes: BTreeMap<OutcomeCode, f64>, total: f64) -> Branch {
    let n = count.max(1) as f64;
    let mut forecast: Vec<(OutcomeCode, f64)> =
        codes.into_iter().map(|(c, p)| (c, p / n)).collect();
    forecast.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    Branch {
        answer,
        share: count as f64 / total,
        forecast,
    }
}

/// The largest total variation distance between two branches' forecasts.
fn spread(branches: &[Branch]) -> f64 {
    let mut worst: f64 = 0.0;
    for (i, x) in branches.iter().enumerate() {
        for y in &branches[i + 1..] {
            let mut codes: Vec<OutcomeCode> = x.forecast.iter().map(|c| c.0).collect();
            codes.extend(y.forecast.iter().map(|c| c.0));
            codes.sort();
            codes.dedup();
            let at = |b: &Branch, c: OutcomeCode| {
                b.forecast.iter().find(|f| f.0 == c).map_or(0.0, |f| f.1)
            };
            let tv: f64 = codes
                .iter()
                .map(|&c| (at(x, c) - at(y, c)).abs())
                .sum::<f64>()
                / 2.0;
            worst = worst.max(tv);
        }
    }
    worst
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(order: &[&str]) -> Vec<PartyChoice> {
        vec![PartyChoice {
            party: "Co".into(),
            alternative: None,
            orders: vec![order.iter().map(|s| s.to_string()).collect()],
        }]
    }

    #[test]
    fn a_decisive_order_has_spread_one() {
        let comply = BTreeMap::from([(OutcomeCode::Comply, 1.0)]);
        let ban = BTreeMap::from([(OutcomeCode::Ban, 1.0)]);
        let c = contested(&[
            (choice(&["comply", "ban"]), comply),
            (choice(&["ban", "comply"]), ban),
        ]);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].spread, 1.0);
        assert_eq!(
            c[0].question,
            Question::Order {
                a: "ban".into(),
                b: "comply".into()
            }
        );
        assert_eq!(c[0].branches[0].answer, "ban above comply");
        assert_eq!(c[0].branches[0].share, 0.5);
        assert_eq!(c[0].branches[0].forecast, vec![(OutcomeCode::Ban, 1.0)]);
    }

    #[test]
    fn an_order_that_changes_nothing_has_spread_zero() {
        let half = BTreeMap::from([(OutcomeCode::Comply, 0.5), (OutcomeCode::Exit, 0.5)]);
        let c = contested(&[
            (choice(&["exit", "ban"]), half.clone()),
            (choice(&["ban", "exit"]), half),
        ]);
        assert_eq!(c[0].spread, 0.0);
    }
}
