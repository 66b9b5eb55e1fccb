//! Sensitivity and inverse analysis of preferences.
//!
//! - **Inverse analysis** ([`make_equilibrium`]): the smallest changes to the decision makers'
//!   preferences that make a desired state an equilibrium under a concept.
//! - **Sensitivity** ([`destroy_equilibrium`]): the single changes that would stop a predicted
//!   equilibrium from being one.
//!
//! # Edits
//!
//! A change is a sequence of [`PreferenceEdit`]s, each on one decision maker's preferences:
//!
//! - `ranking` preferences (tiers, most preferred first):
//!   - [`PreferenceEdit::MoveUp`]: a state leaves its tier and joins the tier above (a tier
//!     left empty disappears); not available in the top tier.
//!   - [`PreferenceEdit::MoveDown`]: the same toward the tier below; not in the bottom tier.
//!   - [`PreferenceEdit::SplitTie`]: a state that shares its tier leaves it for a new tier of
//!     its own directly above or below its former tier mates (an equality becomes a strict
//!     preference).
//! - `priorities` preferences (conditions, most important first):
//!   - [`PreferenceEdit::SwapPriorities`]: two adjacent conditions change places.
//!   - [`PreferenceEdit::DropPriority`]: a condition is removed.
//!
//! Positions and tiers always refer to the preferences as they are when the edit applies
//! (after the edits before it).
//!
//! # Search
//!
//! Breadth first by number of edits, so the first solutions found use the fewest edits;
//! every distinct edited preference profile is examined once. Two facts make it exact without
//! enumerating rankings:
//!
//! - Under Nash, GMR and SMR, whether a state d is stable for decision maker i depends on i's
//!   preferences only, and only through the set U_i of states i strictly prefers to d; the
//!   verdict can only improve as U_i shrinks. So the decision makers are searched one at a
//!   time (the fewest total edits is the sum of each one's fewest), and a ranking edit can only
//!   help if it moves d or a state of U_i: edits of states at or below d's tier either leave
//!   U_i and the tiers above d unchanged or add to U_i. SEQ and SIM depend on the others'
//!   preferences too (their improvements), and are searched over all decision makers jointly
//!   with every edit.
//! - Each candidate is checked at d alone with the direct search of
//!   [`crate::stability::explain::explain`], on the model with the edited payoffs.
//!
//! Every reported solution is then rebuilt as a graph-model file
//! ([`crate::GraphModel::from_file`]) and verified with [`crate::Analysis::run`]; a
//! disagreement is reported as [`SensitivityError::Verification`], never silently.

use std::collections::HashSet;

use serde::Serialize;

use crate::limits::{LimitError, Limits, Meter};
use crate::model::condition::Condition;
use crate::model::file::{GraphModelFile, PreferenceFile};
use crate::model::graph_model::GraphModel;
use crate::model::state::State;
use crate::stability::analysis::{Analysis, AnalysisOptions};
use crate::stability::concept::{Concept, Reachability};
use crate::stability::error::AnalysisError;
use crate::stability::explain::{explain, Explanation};

/// Default most edits of an inverse analysis ([`SensitivityOptions::max_edits`]).
pub const DEFAULT_MAX_EDITS: usize = 3;

/// Default most solutions reported ([`SensitivityOptions::max_solutions`]).
pub const DEFAULT_MAX_SOLUTIONS: usize = 32;

/// Why a sensitivity or inverse analysis could not be done.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SensitivityError {
    /// A state label that does not parse.
    #[error("malformed state `{state}`: {reason}")]
    MalformedState {
        /// The text given.
        state: String,
        /// What is wrong.
        reason: String,
    },
    /// A state that is not feasible where a feasible one is required.
    #[error("state `{0}` is not feasible")]
    InfeasibleState(String),
    /// [`destroy_equilibrium`] on a state that is not an equilibrium.
    #[error("state `{state}` is not a {concept} equilibrium")]
    NotAnEquilibrium {
        /// The state's label.
        state: String,
        /// The concept.
        concept: Concept,
    },
    /// No change of at most [`SensitivityOptions::max_edits`] edits works.
    #[error(
        "no preference change of at most {max_edits} edits makes `{state}` a {concept} equilibrium"
    )]
    NoSolutionWithin {
        /// The desired state's label.
        state: String,
        /// The concept.
        concept: Concept,
        /// The budget.
        max_edits: usize,
    },
    /// An edit that does not apply to the preferences it is given.
    #[error("edit `{0}` does not apply")]
    InapplicableEdit(String),
    /// An edit naming a decision maker the model does not have.
    #[error("unknown decision maker `{0}`")]
    UnknownDecisionMaker(String),
    /// An edited model failed validation (an internal error).
    #[error("the edited model is invalid: {0}")]
    Rebuild(String),
    /// The stability engine disagrees with the search (an internal error).
    #[error("verification failed: {0}")]
    Verification(String),
    /// The stability analysis failed.
    #[error(transparent)]
    Analysis(#[from] AnalysisError),
    /// A budget of [`Limits`] was exceeded.
    #[error(transparent)]
    Limit(#[from] LimitError),
}

/// Options of sensitivity and inverse analyses.
#[derive(Debug, Clone)]
pub struct SensitivityOptions {
    /// How sanctioning sequences are read.
    pub reachability: Reachability,
    /// Most edits in a change ([`make_equilibrium`]; default [`DEFAULT_MAX_EDITS`]).
    pub max_edits: usize,
    /// Most solutions reported (default [`DEFAULT_MAX_SOLUTIONS`]); more are counted as
    /// truncated.
    pub max_solutions: usize,
    /// Budgets: one unit of work per state of every examined profile's payoff array, plus the
    /// stability checks' own work.
    pub limits: Limits,
}

impl Default for SensitivityOptions {
    fn default() -> Self {
        SensitivityOptions {
            reachability: Reachability::LegalSequences,
            max_edits: DEFAULT_MAX_EDITS,
            max_solutions: DEFAULT_MAX_SOLUTIONS,
            limits: Limits::default(),
        }
    }
}

/// One edit of one decision maker's preferences (see the module documentation).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PreferenceEdit {
    /// Ranking: `state` joins the tier above its own.
    MoveUp {
        /// The decision maker.
        decision_maker: usize,
        /// The state moved.
        state: State,
    },
    /// Ranking: `state` joins the tier below its own.
    MoveDown {
        /// The decision maker.
        decision_maker: usize,
        /// The state moved.
        state: State,
    },
    /// Ranking: `state` leaves its tier for a tier of its own directly above (`above`) or
    /// below its former tier mates.
    SplitTie {
        /// The decision maker.
        decision_maker: usize,
        /// The state split off.
        state: State,
        /// True: the new tier goes above the mates; false: below.
        above: bool,
    },
    /// Priorities: the conditions at 0-based `position` and `position + 1` change places.
    SwapPriorities {
        /// The decision maker.
        decision_maker: usize,
        /// The first of the two positions (0-based).
        position: usize,
    },
    /// Priorities: the condition at 0-based `position` is removed.
    DropPriority {
        /// The decision maker.
        decision_maker: usize,
        /// Its position (0-based).
        position: usize,
    },
}

impl PreferenceEdit {
    /// The decision maker whose preferences the edit changes.
    pub fn decision_maker(&self) -> usize {
        match *self {
            PreferenceEdit::MoveUp { decision_maker, .. }
            | PreferenceEdit::MoveDown { decision_maker, .. }
            | PreferenceEdit::SplitTie { decision_maker, .. }
            | PreferenceEdit::SwapPriorities { decision_maker, .. }
            | PreferenceEdit::DropPriority { decision_maker, .. } => decision_maker,
        }
    }
}

/// One applied edit with a description in words (positions 1-based, conditions quoted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EditStep {
    /// The edit.
    pub edit: PreferenceEdit,
    /// What it does, e.g. ``US: move `NYYN` up one tier``.
    pub description: String,
}

/// One decision maker's preferences as the search edits them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Prefs {
    /// Tiers of dense state indices, most preferred first, each ascending.
    Ranking(Vec<Vec<u32>>),
    /// Indices of the original conditions, most important first.
    Priorities(Vec<u8>),
}

/// The model's preferences in editable form.
struct Context<'m> {
    model: &'m GraphModel,
    original: Vec<Prefs>,
    /// Per decision maker with priorities: per original condition, the states satisfying it.
    satisfied: Vec<Vec<Vec<bool>>>,
    /// Per decision maker with priorities: the original condition texts.
    texts: Vec<Vec<String>>,
    /// Per decision maker: its entry in the file's `preferences`.
    entry: Vec<Option<usize>>,
}

impl<'m> Context<'m> {
    fn new(model: &'m GraphModel) -> Result<Context<'m>, SensitivityError> {
        let m = model.decision_makers().len();
        let n = model.state_count();
        let mut original = vec![Prefs::Priorities(Vec::new()); m];
        let mut satisfied = vec![Vec::new(); m];
        let mut texts = vec![Vec::new(); m];
        let mut entry = vec![None; m];
        let lookup = |name: &str| model.option_index(name);
        for (e, (name, pref)) in model.file().preferences.0.iter().enumerate() {
            let Some(d) = model.decision_maker_index(name) else {
                continue;
            };
            entry[d] = Some(e);
            if let Some(list) = &pref.priorities {
                let mut sats = Vec::new();
                for text in list {
                    let c = Condition::parse(text, &lookup).map_err(|p| {
                        SensitivityError::Rebuild(format!("condition `{text}` {p}"))
                    })?;
                    sats.push(model.feasible.iter().map(|&x| c.eval(x)).collect());
                }
                original[d] = Prefs::Priorities((0..list.len() as u8).collect());
                satisfied[d] = sats;
                texts[d] = list.clone();
            } else if let Some(tiers) = &pref.ranking {
                let mut out = Vec::new();
                for tier in tiers {
                    let mut t: Vec<u32> = tier
                        .iter()
                        .filter_map(|label| {
                            let s = State::from_label(label, model.option_count()).ok()?;
                            model.index_of(s).map(|i| i as u32)
                        })
                        .collect();
                    t.sort_unstable();
                    if !t.is_empty() {
                        out.push(t);
                    }
                }
                original[d] = Prefs::Ranking(out);
            }
        }
        // The payoffs the search computes must be the model's.
        for (d, p) in original.iter().enumerate() {
            let ours = Self::payoffs_with(&satisfied[d], p, n);
            if !same_order(&ours, model.payoffs_of(d)) {
                return Err(SensitivityError::Verification(format!(
                    "preferences of `{}` do not reproduce the model's payoffs",
                    model.decision_makers()[d].name()
                )));
            }
        }
        Ok(Context {
            model,
            original,
            satisfied,
            texts,
            entry,
        })
    }

    fn payoffs(&self, d: usize, prefs: &Prefs) -> Vec<u32> {
        Self::payoffs_with(&self.satisfied[d], prefs, self.model.state_count())
    }

    fn payoffs_with(satisfied: &[Vec<bool>], prefs: &Prefs, n: usize) -> Vec<u32> {
        match prefs {
            Prefs::Ranking(tiers) => {
                let mut rank = vec![0u32; n];
                let top = tiers.len() as u32;
                for (k, tier) in tiers.iter().enumerate() {
                    for &x in tier {
                        rank[x as usize] = top - 1 - k as u32;
                    }
                }
                rank
            }
            Prefs::Priorities(order) => {
                let k = order.len();
                let mut scores = vec![0u64; n];
                for (j, &c) in order.iter().enumerate() {
                    let weight = 1u64 << (k - 1 - j);
                    for (s, &sat) in scores.iter_mut().zip(&satisfied[c as usize]) {
                        if sat {
                            *s += weight;
                        }
                    }
                }
                let mut distinct = scores.clone();
                distinct.sort_unstable();
                distinct.dedup();
                scores
                    .iter()
                    .map(|s| distinct.partition_point(|d| d < s) as u32)
                    .collect()
            }
        }
    }

    fn label(&self, x: u32) -> String {
        self.model.label(State(self.model.feasible[x as usize]))
    }

    fn state(&self, x: u32) -> State {
        State(self.model.feasible[x as usize])
    }

    /// Applies `edit` to `prefs` (of decision maker `d`); `None` where it does not apply.
    fn apply(&self, prefs: &Prefs, edit: &PreferenceEdit) -> Option<(Prefs, String)> {
        let d = edit.decision_maker();
        let name = self.model.decision_makers().get(d)?.name();
        match (prefs, edit) {
            (Prefs::Ranking(tiers), PreferenceEdit::MoveUp { state, .. })
            | (Prefs::Ranking(tiers), PreferenceEdit::MoveDown { state, .. })
            | (Prefs::Ranking(tiers), PreferenceEdit::SplitTie { state, .. }) => {
                let x = self.model.index_of(*state)? as u32;
                let k = tiers.iter().position(|t| t.binary_search(&x).is_ok())?;
                let mut tiers = tiers.clone();
                let label = self.label(x);
                let text = match edit {
                    PreferenceEdit::MoveUp { .. } => {
                        if k == 0 {
                            return None;
                        }
                        remove(&mut tiers[k], x);
                        insert(&mut tiers[k - 1], x);
                        if tiers[k].is_empty() {
                            tiers.remove(k);
                        }
                        format!("{name}: move `{label}` up one tier")
                    }
                    PreferenceEdit::MoveDown { .. } => {
                        if k + 1 >= tiers.len() {
                            return None;
                        }
                        remove(&mut tiers[k], x);
                        insert(&mut tiers[k + 1], x);
                        if tiers[k].is_empty() {
                            tiers.remove(k);
                        }
                        format!("{name}: move `{label}` down one tier")
                    }
                    PreferenceEdit::SplitTie { above, .. } => {
                        if tiers[k].len() < 2 {
                            return None;
                        }
                        remove(&mut tiers[k], x);
                        tiers.insert(if *above { k } else { k + 1 }, vec![x]);
                        format!(
                            "{name}: prefer `{label}` {} the states it tied with",
                            if *above { "to" } else { "less than" }
                        )
                    }
                    _ => return None,
                };
                Some((Prefs::Ranking(tiers), text))
            }
            (Prefs::Priorities(order), PreferenceEdit::SwapPriorities { position, .. }) => {
                let p = *position;
                if p + 1 >= order.len() {
                    return None;
                }
                let mut order = order.clone();
                order.swap(p, p + 1);
                let text = format!(
                    "{name}: swap priorities {} and {} (`{}` now above `{}`)",
                    p + 1,
                    p + 2,
                    self.texts[d][order[p] as usize],
                    self.texts[d][order[p + 1] as usize]
                );
                Some((Prefs::Priorities(order), text))
            }
            (Prefs::Priorities(order), PreferenceEdit::DropPriority { position, .. }) => {
                let p = *position;
                if p >= order.len() {
                    return None;
                }
                let mut order = order.clone();
                let c = order.remove(p);
                let text = format!(
                    "{name}: drop priority {} (`{}`)",
                    p + 1,
                    self.texts[d][c as usize]
                );
                Some((Prefs::Priorities(order), text))
            }
            _ => None,
        }
    }

    /// Candidate edits of decision maker `d` with preferences `prefs`, in a fixed order.
    /// With `around = Some(x)` (ranking only), only edits of x and of the states above x.
    fn edits(&self, d: usize, prefs: &Prefs, around: Option<u32>) -> Vec<PreferenceEdit> {
        let mut out = Vec::new();
        match prefs {
            Prefs::Ranking(tiers) => {
                let mut states: Vec<u32> = match around {
                    Some(x) => {
                        let k = tiers
                            .iter()
                            .position(|t| t.binary_search(&x).is_ok())
                            .unwrap_or(0);
                        let mut v: Vec<u32> = tiers[..k].iter().flatten().copied().collect();
                        v.push(x);
                        v
                    }
                    None => tiers.iter().flatten().copied().collect(),
                };
                states.sort_unstable();
                for x in states {
                    let state = self.state(x);
                    out.push(PreferenceEdit::MoveUp {
                        decision_maker: d,
                        state,
                    });
                    out.push(PreferenceEdit::MoveDown {
                        decision_maker: d,
                        state,
                    });
                    for above in [true, false] {
                        out.push(PreferenceEdit::SplitTie {
                            decision_maker: d,
                            state,
                            above,
                        });
                    }
                }
            }
            Prefs::Priorities(order) => {
                for position in 0..order.len() {
                    if position + 1 < order.len() {
                        out.push(PreferenceEdit::SwapPriorities {
                            decision_maker: d,
                            position,
                        });
                    }
                    out.push(PreferenceEdit::DropPriority {
                        decision_maker: d,
                        position,
                    });
                }
            }
        }
        out
    }

    /// The model file with `profile`'s preferences (decision makers whose preferences did not
    /// change keep their entries as written).
    fn file(&self, profile: &[Prefs]) -> GraphModelFile {
        let mut file = self.model.file().clone();
        for (d, prefs) in profile.iter().enumerate() {
            if *prefs == self.original[d] {
                continue;
            }
            let Some(e) = self.entry[d] else {
                continue;
            };
            file.preferences.0[e].1 = match prefs {
                Prefs::Ranking(tiers) => PreferenceFile {
                    ranking: Some(
                        tiers
                            .iter()
                            .map(|t| t.iter().map(|&x| self.label(x)).collect())
                            .collect(),
                    ),
                    priorities: None,
                },
                Prefs::Priorities(order) => PreferenceFile {
                    ranking: None,
                    priorities: Some(
                        order
                            .iter()
                            .map(|&c| self.texts[d][c as usize].clone())
                            .collect(),
                    ),
                },
            };
        }
        file
    }
}

fn remove(tier: &mut Vec<u32>, x: u32) {
    if let Ok(i) = tier.binary_search(&x) {
        tier.remove(i);
    }
}

fn insert(tier: &mut Vec<u32>, x: u32) {
    if let Err(i) = tier.binary_search(&x) {
        tier.insert(i, x);
    }
}

/// True where `a` and `b` order every pair of states the same way.
fn same_order(a: &[u32], b: &[u32]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut idx: Vec<usize> = (0..a.len()).collect();
    idx.sort_by_key(|&i| (a[i], i));
    idx.windows(2)
        .all(|w| a[w[0]].cmp(&a[w[1]]) == b[w[0]].cmp(&b[w[1]]))
}

/// Parses a state label and checks that the state is feasible.
///
/// ```
/// use standoff::post::sensitivity::desired_state;
/// let model = standoff::GraphModel::from_path("tests/corpus/cuban.model.json")?;
/// assert!(desired_state(&model, "NYYN").is_ok());
/// let e = desired_state(&model, "NNYY").unwrap_err(); // withdraw and escalate
/// assert_eq!(e.to_string(), "state `NNYY` is not feasible");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn desired_state(model: &GraphModel, label: &str) -> Result<State, SensitivityError> {
    let state = State::from_label(label, model.option_count()).map_err(|reason| {
        SensitivityError::MalformedState {
            state: label.to_string(),
            reason,
        }
    })?;
    if !model.is_feasible(state) {
        return Err(SensitivityError::InfeasibleState(label.to_string()));
    }
    Ok(state)
}

/// Every single edit applicable to the model's preferences, decision maker by decision
/// maker; for rankings state by state in canonical order (move up, move down, split above,
/// split below), for priorities position by position (swap with the next, drop).
///
/// ```
/// use standoff::post::sensitivity::single_edits;
/// let model = standoff::GraphModel::from_path("tests/corpus/prisoners.model.json")?;
/// // Two strict rankings of four states: 3 up + 3 down moves each, no ties to split.
/// assert_eq!(single_edits(&model)?.len(), 12);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn single_edits(model: &GraphModel) -> Result<Vec<PreferenceEdit>, SensitivityError> {
    let ctx = Context::new(model)?;
    let mut out = Vec::new();
    for (d, prefs) in ctx.original.iter().enumerate() {
        for e in ctx.edits(d, prefs, None) {
            if ctx.apply(prefs, &e).is_some() {
                out.push(e);
            }
        }
    }
    Ok(out)
}

/// Applies `edits` in order to the model's preferences and returns the edited file (rebuild
/// it with [`crate::GraphModel::from_file`]) and the steps described in words.
///
/// ```
/// use standoff::post::sensitivity::{apply_edits, PreferenceEdit};
/// let model = standoff::GraphModel::from_path("tests/corpus/prisoners.model.json")?;
/// let yy = model.parse_state("YY")?;
/// let (file, steps) = apply_edits(&model, &[PreferenceEdit::MoveUp { decision_maker: 0, state: yy }])?;
/// assert_eq!(steps[0].description, "Prisoner One: move `YY` up one tier");
/// let edited = standoff::GraphModel::from_file(file)?;
/// assert_eq!(edited.payoff(0, yy), edited.payoff(0, model.parse_state("NY")?)); // now tied
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn apply_edits(
    model: &GraphModel,
    edits: &[PreferenceEdit],
) -> Result<(GraphModelFile, Vec<EditStep>), SensitivityError> {
    let ctx = Context::new(model)?;
    let mut profile = ctx.original.clone();
    let mut steps = Vec::new();
    for e in edits {
        let d = e.decision_maker();
        let prefs = profile
            .get(d)
            .ok_or_else(|| SensitivityError::UnknownDecisionMaker(d.to_string()))?;
        let (next, description) = ctx
            .apply(prefs, e)
            .ok_or_else(|| SensitivityError::InapplicableEdit(format!("{e:?}")))?;
        profile[d] = next;
        steps.push(EditStep {
            edit: e.clone(),
            description,
        });
    }
    Ok((ctx.file(&profile), steps))
}

/// Whether `concept`'s verdict at a state for one decision maker depends only on that
/// decision maker's preferences, and monotonically on the states it prefers to it.
fn decomposable(concept: Concept) -> bool {
    matches!(concept, Concept::Nash | Concept::Gmr | Concept::Smr)
}

/// A model whose payoffs are swapped in place while searching.
struct Scratch {
    model: GraphModel,
}

impl Scratch {
    fn set(&mut self, d: usize, payoffs: Vec<u32>) {
        self.model.payoffs[d] = payoffs;
    }

    fn stable(
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
struct Node {
    profile: Vec<Prefs>,
    steps: Vec<EditStep>,
}

/// Whether a profile meets the search's goal (given the decision makers just edited).
type Goal<'g> = dyn FnMut(&[Prefs], &[usize]) -> Result<bool, SensitivityError> + 'g;

/// Breadth-first search over edits of the decision makers in `scope`, up to `depth` edits,
/// for profiles where `goal` holds. Returns the fewest edits and the distinct solutions
/// found with that many (at most `cap`, plus whether more exist), or `None`.
#[allow(clippy::too_many_arguments)]
fn search(
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
/// rebuilding its file and running [`Analysis::run`]. Errors: an infeasible state,
/// [`SensitivityError::NoSolutionWithin`] when more than `max_edits` edits would be needed,
/// budget errors.
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

fn rebuild(file: &GraphModelFile) -> Result<GraphModel, SensitivityError> {
    GraphModel::from_file(file.clone()).map_err(|e| SensitivityError::Rebuild(e.to_string()))
}

fn verify_run(
    model: &GraphModel,
    concept: Concept,
    options: &SensitivityOptions,
) -> Result<Analysis, SensitivityError> {
    Ok(Analysis::run(
        model,
        &AnalysisOptions {
            reachability: options.reachability,
            concepts: vec![concept],
            limits: options.limits.clone(),
            threads: 1,
        },
    )?)
}

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
    /// The edits that destroy the equilibrium, in the order of [`single_edits`].
    pub destroying: Vec<DestroyingEdit>,
}

/// Sensitivity analysis: every single preference edit after which `state` is no longer an
/// equilibrium under `concept`.
///
/// Arguments: the model, a state that is an equilibrium under `concept`, options (reading and
/// budgets; `max_edits` and `max_solutions` are not used). Result: [`Destruction`], each
/// destroying edit verified by rebuilding the model and running [`Analysis::run`]. Errors: an
/// infeasible state, a state that is not an equilibrium, budget errors.
///
/// Complexity: for Nash, GMR and SMR only edits that add to the set of states some decision
/// maker prefers to `state` can destroy it (edits of `state` and its tier mates for rankings,
/// every edit for priorities); SEQ and SIM examine every single edit. Each costs one payoff
/// array and direct stability checks at `state`.
///
/// Ordering: as [`single_edits`].
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
