//! Threats at work: coercive options (enforcing a sanction, leaving the market) found in the
//! answers that block improvements, and on the paths to the predicted outcomes.

use std::collections::{BTreeMap, BTreeSet};

use crate::compile::Compiled;
use crate::resolve::resolution::{
    ConceptExplanation, Deterrence, PredictedOutcome, StateRef, Step, Threat,
};

/// The options a step switches on (label letter N -> Y).
fn switched_on(step: &Step) -> impl Iterator<Item = usize> + '_ {
    step.from
        .chars()
        .zip(step.to.label.chars())
        .enumerate()
        .filter(|(_, (a, b))| *a == 'N' && *b == 'Y')
        .map(|(k, _)| k)
}

#[derive(Default)]
struct Acc {
    against: BTreeSet<usize>,
    credible: bool,
    deters: Vec<Deterrence>,
    on_paths: Vec<String>,
}

/// Every threat at work, in option order.
pub(crate) fn collect(
    compiled: &Compiled,
    status_quo: (&StateRef, &ConceptExplanation),
    predicted: &[PredictedOutcome],
) -> Vec<Threat> {
    let model = compiled.model();
    let coercive = |k: usize| {
        compiled
            .options()
            .get(k)
            .is_some_and(|o| o.role.is_coercive())
    };
    let party_index = |name: &str| model.decision_maker_index(name).unwrap_or(usize::MAX);
    let mut acc: BTreeMap<usize, Acc> = BTreeMap::new();
    let mut sites: Vec<(&StateRef, &ConceptExplanation)> = vec![status_quo];
    for p in predicted {
        sites.extend(p.explanations.iter().map(|e| (&p.state, e)));
    }
    for (at, explanation) in sites {
        for reasons in &explanation.parties {
            for imp in &reasons.improvements {
                let Some(block) = &imp.blocked_by else {
                    continue;
                };
                for step in &block.moves {
                    for k in switched_on(step).filter(|&k| coercive(k)) {
                        let a = acc.entry(k).or_default();
                        a.against.insert(party_index(&reasons.party));
                        a.credible |= step.improvement;
                        let same = a.deters.iter_mut().find(|d| {
                            d.party == reasons.party
                                && d.at.label == at.label
                                && d.instead_of.label == imp.to.label
                        });
                        match same {
                            Some(d) => {
                                if !d.concepts.contains(&explanation.concept) {
                                    d.concepts.push(explanation.concept);
                                }
                                d.credible |= step.improvement;
                            }
                            None => a.deters.push(Deterrence {
                                party: reasons.party.clone(),
                                at: at.clone(),
                                instead_of: imp.to.clone(),
                                concepts: vec![explanation.concept],
                                credible: step.improvement,
                            }),
                        }
                    }
                }
            }
        }
    }
    for p in predicted {
        for step in &p.path {
            for k in switched_on(step).filter(|&k| coercive(k)) {
                let a = acc.entry(k).or_default();
                a.credible |= step.improvement;
                if !a.on_paths.contains(&p.state.label) {
                    a.on_paths.push(p.state.label.clone());
                }
                let (Ok(from), Ok(to)) = (
                    model.parse_state(&step.from),
                    model.parse_state(&step.to.label),
                ) else {
                    continue;
                };
                for (d, dm) in model.decision_makers().iter().enumerate() {
                    if dm.name() == step.party {
                        continue;
                    }
                    if let (Some(before), Some(after)) =
                        (model.payoff(d, from), model.payoff(d, to))
                    {
                        if after < before {
                            a.against.insert(d);
                        }
                    }
                }
            }
        }
    }
    acc.into_iter()
        .filter_map(|(k, mut a)| {
            let o = compiled.options().get(k)?;
            for d in &mut a.deters {
                d.concepts.sort();
            }
            Some(Threat {
                party: o.party.clone(),
                option: o.name.clone(),
                meaning: o.taken.clone(),
                against: a
                    .against
                    .into_iter()
                    .filter_map(|d| model.decision_makers().get(d).map(|x| x.name().to_string()))
                    .collect(),
                credible: a.credible,
                deters: a.deters,
                on_paths: a.on_paths,
            })
        })
        .collect()
}
