//! Inverse analysis: the fewest preference edits that make a state an equilibrium.

use serde::Serialize;

use crate::limits::Meter;
use crate::model::file::GraphModelFile;
use crate::model::graph_model::GraphModel;
use crate::model::state::State;
use crate::stability::concept::{Concept, Reachability};
use crate::stability::explain::{explain, Explanation};

use super::context::{Context, Prefs};
use super::search::{decomposable, search, Node, Scratch};
use super::verify::{rebuild, verify_run};
use super::{EditStep, SensitivityError, SensitivityOptions};

/// One change that makes the desired state an equilibrium.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EditSolution {
    /// The edits in the order applied, decision maker by decision maker.
    pub edits: Vec<EditStep>,
    /// The edited graph-model file.
    pub file: GraphModelFile,
    /// Why the desired state is now stable: one explanation per decision maker, from the
    /// rebuilt model.
    pub explanations: Vec<Explanation>,
}

/// The result of [`make_equilibrium`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InverseResult {
    /// The desired state.
    pub desired: State,
    /// The concept.
    pub concept: Concept,
    /// The reading of sanctioning sequences.
    pub reachability: Reachability,
    /// The fewest edits that make `desired` an equilibrium (0 where it already is one).
    pub min_edits: usize,
    /// For Nash, GMR and SMR: the fewest edits of each decision maker's own preferences
    /// (they add up to `min_edits`); `None` for SEQ and SIM, searched jointly.
    pub per_decision_maker: Option<Vec<usize>>,
    /// Distinct changes (distinct edited preferences) with `min_edits` edits, in the order
    /// found (decision makers and edits in index and canonical order), at most
    /// [`SensitivityOptions::max_solutions`]. For Nash, GMR and SMR on rankings these are
    /// the changes that only move the desired state and states preferred to it; otherwise
    /// every change of that size.
    pub solutions: Vec<EditSolution>,
    /// True where more solutions exist than reported.
    pub truncated: bool,
}

/// Inverse analysis: the fewest preference edits that make `desired` an equilibrium under
/// `concept`, and the distinct changes that achieve it with that many edits.
///
/// Arguments: the model, a feasible state, a concept, options (reading, `max_edits`,
/// `max_solutions`, budgets). Result: [`InverseResult`]; every solution is verified by
/// rebuilding its file and running [`Analysis::run`](crate::stability::analysis::Analysis::run).
/// Errors: an infeasible state, [`SensitivityError::NoSolutionWithin`] when more than
/// `max_edits` edits would be needed, budget errors.
///
/// Complexity: breadth first over edit sequences (module documentation). For Nash, GMR and
/// SMR, per decision maker i, O((2 · 2 + 2 · |U_i|)^k) profiles at depth k for rankings
/// (edits of d and the states above it), O((2p)^k) for p priorities; SEQ and SIM jointly
/// over every edit of every decision maker. Each profile costs one payoff array (O(S)) and
/// one direct stability check at the desired state.
///
/// Ordering: solutions in breadth-first discovery order: decision makers by index, edits by
/// state (canonical order) or position.
///
/// ```
/// use standoff::post::sensitivity::{make_equilibrium, SensitivityOptions};
/// use standoff::Concept;
/// let model = standoff::GraphModel::from_path("tests/corpus/prisoners.model.json")?;
/// let yy = model.parse_state("YY")?;
/// let r = make_equilibrium(&model, yy, Concept::Nash, &SensitivityOptions::default())?;
/// // Each prisoner must stop preferring defection against a cooperator: one edit each.
/// assert_eq!(r.min_edits, 2);
/// assert_eq!(r.per_decision_maker, Some(vec![1, 1]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn make_equilibrium(
    model: &GraphModel,
    desired: State,
    concept: Concept,
    options: &SensitivityOptions,
) -> Result<InverseResult, SensitivityError> {
    let x = model
        .index_of(desired)
        .ok_or_else(|| SensitivityError::InfeasibleState(model.label(desired)))?;
    let ctx = Context::new(model)?;
    let meter = Meter::new(&options.limits);
    let m = model.decision_makers().len();
    let mut scratch = Scratch {
        model: model.clone(),
    };
    let no_solution = || SensitivityError::NoSolutionWithin {
        state: model.label(desired),
        concept,
        max_edits: options.max_edits,
    };
    let mut unstable = Vec::new();
    for d in 0..m {
        if !scratch.stable(concept, options, d, desired)? {
            unstable.push(d);
        }
    }
    let cap = options.max_solutions.max(1);
    let (min_edits, per_dm, profiles, truncated): (usize, Option<Vec<usize>>, Vec<Node>, bool) =
        if unstable.is_empty() {
            let start = Node {
                profile: ctx.original.clone(),
                steps: Vec::new(),
            };
            (0, Some(vec![0; m]), vec![start], false)
        } else if decomposable(concept) {
            if unstable.len() > options.max_edits {
                return Err(no_solution());
            }
            let depth = options.max_edits - (unstable.len() - 1);
            let mut per = vec![0usize; m];
            let mut choices: Vec<(usize, Vec<Node>, bool)> = Vec::new();
            for &d in &unstable {
                let around = matches!(ctx.original[d], Prefs::Ranking(_)).then_some(x as u32);
                let mut goal = |p: &[Prefs], _: &[usize]| -> Result<bool, SensitivityError> {
                    scratch.set(d, ctx.payoffs(d, &p[d]));
                    scratch.stable(concept, options, d, desired)
                };
                let found = search(
                    &ctx,
                    &ctx.original,
                    &[d],
                    around,
                    depth,
                    cap,
                    &meter,
                    &mut goal,
                )?;
                scratch.set(d, model.payoffs_of(d).to_vec());
                let Some((k, nodes, trunc)) = found else {
                    return Err(no_solution());
                };
                per[d] = k;
                choices.push((d, nodes, trunc));
            }
            let total: usize = per.iter().sum();
            if total > options.max_edits {
                return Err(no_solution());
            }
            // Combine: every choice of one solution per decision maker, lexicographically.
            let all = choices
                .iter()
                .map(|c| c.1.len())
                .fold(1usize, |a, b| a.saturating_mul(b));
            let mut combined = Vec::new();
            let mut idx = vec![0usize; choices.len()];
            'combine: while combined.len() < cap {
                let mut profile = ctx.original.clone();
                let mut steps = Vec::new();
                for ((d, nodes, _), &i) in choices.iter().zip(&idx) {
                    profile[*d] = nodes[i].profile[*d].clone();
                    steps.extend(nodes[i].steps.iter().cloned());
                }
                combined.push(Node { profile, steps });
                let mut k = choices.len();
                loop {
                    if k == 0 {
                        break 'combine;
                    }
                    k -= 1;
                    idx[k] += 1;
                    if idx[k] < choices[k].1.len() {
                        break;
                    }
                    idx[k] = 0;
                }
            }
            let truncated = choices.iter().any(|c| c.2) || all > combined.len();
            (total, Some(per), combined, truncated)
        } else {
            let all: Vec<usize> = (0..m).collect();
            // The preferences whose payoffs `scratch` holds: consecutive candidates differ in
            // one or two decision makers, so only those are recomputed.
            let mut loaded = ctx.original.clone();
            let mut goal = |p: &[Prefs], _: &[usize]| -> Result<bool, SensitivityError> {
                for (d, prefs) in p.iter().enumerate() {
                    if loaded[d] != *prefs {
                        scratch.set(d, ctx.payoffs(d, prefs));
                        loaded[d] = prefs.clone();
                    }
                }
                for d in 0..m {
                    if !scratch.stable(concept, options, d, desired)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            };
            let found = search(
                &ctx,
                &ctx.original,
                &all,
                None,
                options.max_edits,
                cap,
                &meter,
                &mut goal,
            )?;
            let Some((k, nodes, trunc)) = found else {
                return Err(no_solution());
            };
            (k, None, nodes, trunc)
        };
    let mut solutions = Vec::new();
    for node in profiles {
        let file = ctx.file(&node.profile);
        let rebuilt = rebuild(&file)?;
        let analysis = verify_run(&rebuilt, concept, options)?;
        if !analysis.equilibria(&rebuilt, concept)?.contains(&desired) {
            return Err(SensitivityError::Verification(format!(
                "after {:?}, `{}` is not a {concept} equilibrium",
                node.steps
                    .iter()
                    .map(|s| &s.description)
                    .collect::<Vec<_>>(),
                model.label(desired)
            )));
        }
        let explanations = (0..m)
            .map(|d| {
                explain(
                    &rebuilt,
                    concept,
                    options.reachability,
                    d,
                    desired,
                    &options.limits,
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        solutions.push(EditSolution {
            edits: node.steps,
            file,
            explanations,
        });
    }
    Ok(InverseResult {
        desired,
        concept,
        reachability: options.reachability,
        min_edits,
        per_decision_maker: per_dm,
        solutions,
        truncated,
    })
}
