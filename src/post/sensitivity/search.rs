//! The breadth-first search over preference edits and its stability checks.

use std::collections::HashSet;

use crate::limits::Meter;
use crate::model::graph_model::GraphModel;
use crate::model::state::State;
use crate::stability::concept::Concept;
use crate::stability::explain::explain;

use super::context::{Context, Prefs};
use super::{EditStep, SensitivityError, SensitivityOptions};

/// Whether `concept`'s verdict at a state for one decision maker depends only on that
/// decision maker's preferences, and monotonically on the states it prefers to it.
pub(super) fn decomposable(concept: Concept) -> bool {
    matches!(concept, Concept::Nash | Concept::Gmr | Concept::Smr)
}

/// A model whose payoffs are swapped in place while searching.
pub(super) struct Scratch {
    pub(super) model: GraphModel,
}

impl Scratch {
    pub(super) fn set(&mut self, d: usize, payoffs: Vec<u32>) {
        self.model.payoffs[d] = payoffs;
    }

    pub(super) fn stable(
        &self,
        concept: Concept,
        options: &SensitivityOptions,
        d: usize,
        state: State,
    ) -> Result<bool, SensitivityError> {
        Ok(explain(
            &self.model,
            concept,
            options.reachability,
            d,
            state,
            &options.limits,
        )?
        .stable)
    }
}

/// A node of the breadth-first search: a profile and the edits that led to it.
#[derive(Clone)]
pub(super) struct Node {
    pub(super) profile: Vec<Prefs>,
    pub(super) steps: Vec<EditStep>,
}

/// Whether a profile meets the search's goal (given the decision makers just edited).
pub(super) type Goal<'g> = dyn FnMut(&[Prefs], &[usize]) -> Result<bool, SensitivityError> + 'g;

/// Breadth-first search over edits of the decision makers in `scope`, up to `depth` edits,
/// for profiles where `goal` holds. Returns the fewest edits and the distinct solutions
/// found with that many (at most `cap`, plus whether more exist), or `None`.
#[allow(clippy::too_many_arguments)]
pub(super) fn search(
    ctx: &Context,
    start: &[Prefs],
    scope: &[usize],
    around: Option<u32>,
    depth: usize,
    cap: usize,
    meter: &Meter,
    goal: &mut Goal<'_>,
) -> Result<Option<(usize, Vec<Node>, bool)>, SensitivityError> {
    let key = |p: &[Prefs]| -> Vec<Prefs> { scope.iter().map(|&d| p[d].clone()).collect() };
    let mut seen: HashSet<Vec<Prefs>> = HashSet::from([key(start)]);
    let mut frontier = vec![Node {
        profile: start.to_vec(),
        steps: Vec::new(),
    }];
    let n = ctx.model.state_count() as u64;
    for level in 1..=depth {
        let mut next = Vec::new();
        let mut found = Vec::new();
        let mut truncated = false;
        for node in &frontier {
            for &d in scope {
                for e in ctx.edits(d, &node.profile[d], around) {
                    let Some((prefs, description)) = ctx.apply(&node.profile[d], &e) else {
                        continue;
                    };
                    let mut profile = node.profile.clone();
                    profile[d] = prefs;
                    if !seen.insert(key(&profile)) {
                        continue;
                    }
                    meter.spend(n.max(1))?;
                    let mut steps = node.steps.clone();
                    steps.push(EditStep {
                        edit: e,
                        description,
                    });
                    let child = Node { profile, steps };
                    if goal(&child.profile, &[d])? {
                        if found.len() < cap {
                            found.push(child);
                        } else {
                            truncated = true;
                        }
                    } else if level < depth {
                        next.push(child);
                    }
                }
            }
        }
        if !found.is_empty() {
            return Ok(Some((level, found, truncated)));
        }
        frontier = next;
    }
    Ok(None)
}
