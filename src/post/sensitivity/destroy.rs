//! Sensitivity analysis: the single edits that stop an equilibrium from being one.

use serde::Serialize;

use crate::limits::Meter;
use crate::model::graph_model::GraphModel;
use crate::model::state::State;
use crate::stability::concept::{Concept, Reachability};
use crate::stability::explain::{explain, Explanation};

use super::context::{Context, Prefs};
use super::search::{decomposable, Scratch};
use super::verify::{rebuild, verify_run};
use super::{EditStep, PreferenceEdit, SensitivityError, SensitivityOptions};

/// A single edit that stops a state from being an equilibrium.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DestroyingEdit {
    /// The edit, with its description.
    pub edit: EditStep,
    /// The decision makers for which the state is no longer stable, ascending.
    pub unstable_for: Vec<usize>,
    /// For each of them, why (the improvement nothing blocks), from the rebuilt model.
    pub explanations: Vec<Explanation>,
}

/// The result of [`destroy_equilibrium`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Destruction {
    /// The equilibrium examined.
    pub state: State,
    /// The concept.
    pub concept: Concept,
    /// The reading of sanctioning sequences.
    pub reachability: Reachability,
    /// Single edits examined.
    pub examined: usize,
    /// The edits that destroy the equilibrium, in the order of
    /// [`single_edits`](super::single_edits).
    pub destroying: Vec<DestroyingEdit>,
}

/// Sensitivity analysis: every single preference edit after which `state` is no longer an
/// equilibrium under `concept`.
///
/// Arguments: the model, a state that is an equilibrium under `concept`, options (reading and
/// budgets; `max_edits` and `max_solutions` are not used). Result: [`Destruction`], each
/// destroying edit verified by rebuilding the model and running
/// [`Analysis::run`](crate::stability::analysis::Analysis::run). Errors: an infeasible state,
/// a state that is not an equilibrium, budget errors.
///
/// Complexity: for Nash, GMR and SMR only edits that add to the set of states some decision
/// maker prefers to `state` can destroy it (edits of `state` and its tier mates for rankings,
/// every edit for priorities); SEQ and SIM examine every single edit. Each costs one payoff
/// array and direct stability checks at `state`.
///
/// Ordering: as [`single_edits`](super::single_edits).
///
/// ```
/// use standoff::post::sensitivity::{destroy_equilibrium, SensitivityOptions};
/// use standoff::Concept;
/// let model = standoff::GraphModel::from_path("tests/corpus/prisoners.model.json")?;
/// let nn = model.parse_state("NN")?;
/// let d = destroy_equilibrium(&model, nn, Concept::Nash, &SensitivityOptions::default())?;
/// // Moving YN (or NY) up to tie with NN does not make it an improvement: nothing destroys it.
/// assert!(d.destroying.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn destroy_equilibrium(
    model: &GraphModel,
    state: State,
    concept: Concept,
    options: &SensitivityOptions,
) -> Result<Destruction, SensitivityError> {
    let x = model
        .index_of(state)
        .ok_or_else(|| SensitivityError::InfeasibleState(model.label(state)))? as u32;
    let ctx = Context::new(model)?;
    let meter = Meter::new(&options.limits);
    let m = model.decision_makers().len();
    let mut scratch = Scratch {
        model: model.clone(),
    };
    for d in 0..m {
        if !scratch.stable(concept, options, d, state)? {
            return Err(SensitivityError::NotAnEquilibrium {
                state: model.label(state),
                concept,
            });
        }
    }
    let n = model.state_count() as u64;
    let mut examined = 0usize;
    let mut destroying = Vec::new();
    for d in 0..m {
        let prefs = &ctx.original[d];
        for e in ctx.edits(d, prefs, None) {
            if decomposable(concept) {
                if let (Prefs::Ranking(tiers), Some(s)) = (prefs, edit_state(&e)) {
                    // Only x and its tier mates can join the states preferred to x.
                    let Some(y) = model.index_of(s) else { continue };
                    let same_tier = tiers.iter().any(|t| {
                        t.binary_search(&x).is_ok() && t.binary_search(&(y as u32)).is_ok()
                    });
                    if !same_tier {
                        continue;
                    }
                }
            }
            let Some((edited, description)) = ctx.apply(prefs, &e) else {
                continue;
            };
            examined += 1;
            meter.spend(n.max(1))?;
            scratch.set(d, ctx.payoffs(d, &edited));
            let check: Vec<usize> = if decomposable(concept) {
                vec![d]
            } else {
                (0..m).collect()
            };
            let mut unstable = Vec::new();
            for &k in &check {
                if !scratch.stable(concept, options, k, state)? {
                    unstable.push(k);
                }
            }
            scratch.set(d, model.payoffs_of(d).to_vec());
            if unstable.is_empty() {
                continue;
            }
            let mut profile = ctx.original.clone();
            profile[d] = edited;
            let rebuilt = rebuild(&ctx.file(&profile))?;
            let analysis = verify_run(&rebuilt, concept, options)?;
            if analysis.equilibria(&rebuilt, concept)?.contains(&state) {
                return Err(SensitivityError::Verification(format!(
                    "after `{description}`, `{}` is still a {concept} equilibrium",
                    model.label(state)
                )));
            }
            let explanations = unstable
                .iter()
                .map(|&k| {
                    explain(
                        &rebuilt,
                        concept,
                        options.reachability,
                        k,
                        state,
                        &options.limits,
                    )
                })
                .collect::<Result<Vec<_>, _>>()?;
            destroying.push(DestroyingEdit {
                edit: EditStep {
                    edit: e,
                    description,
                },
                unstable_for: unstable,
                explanations,
            });
        }
    }
    Ok(Destruction {
        state,
        concept,
        reachability: options.reachability,
        examined,
        destroying,
    })
}

fn edit_state(e: &PreferenceEdit) -> Option<State> {
    match *e {
        PreferenceEdit::MoveUp { state, .. }
        | PreferenceEdit::MoveDown { state, .. }
        | PreferenceEdit::SplitTie { state, .. } => Some(state),
        _ => None,
    }
}
