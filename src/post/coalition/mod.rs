//! Coalition analysis: decision makers grouped into coalitions that move and sanction
//! together.
//!
//! Definitions implemented (after Kilgour, Hipel, Fang and Peng, "Coalition analysis in group
//! decision support", *Group Decision and Negotiation* 10 (2001) 159-175, and Inohara and
//! Hipel, "Coalition analysis in the graph model for conflict resolution", *Systems
//! Engineering* 11 (2008) 343-359), with the notation of the spec (section 2):
//!
//! - A **partition** of the decision makers N into coalitions H_1, ..., H_m.
//! - A **coalition move** of H from s: a move to a feasible state that differs from s in a
//!   non-empty subset of the options of H's members (the union of their options), every changed
//!   option changing in an allowed direction. Members' options may change in one step.
//! - A **coalition improvement** of H from s: a coalition move to t with t >_k s for *every*
//!   member k of H. For a coalition, t >_H s means exactly that; t <=_H s means "not t >_H s",
//!   i.e. at least one member does not strictly prefer t.
//! - **Stability with coalitions as players**: the spec's Nash, GMR, SMR and SEQ with the
//!   coalitions of the partition in place of decision makers: the sanctioning sequences are legal
//!   sequences of coalition moves by the *other* coalitions (no coalition twice in a row; for
//!   SEQ every move is a coalition improvement of its mover), and "not preferred" is <=_H.
//!   For SMR, every coalition move of H from the sanction's end must lead to a state t with
//!   t <=_H s. With every coalition a single decision maker this is exactly the spec's
//!   analysis under `legal_sequences`; the `distinct_movers` reading is not offered for
//!   coalitions.
//! - **Coalitional stability** of a state s for a decision maker i under a concept: s is stable
//!   for i, and for every coalition H of two or more decision makers containing i, every
//!   coalition improvement of H from s is sanctioned, the sanctions coming from the decision
//!   makers outside H acting individually (the partition made of H and singletons). Put
//!   differently: for every H containing i, singleton included, H is stable at s in the
//!   partition {H} + singletons.
//!
//! SIM is not defined for coalitions here and is rejected with a typed error.

use std::collections::{BTreeMap, VecDeque};

use serde::Serialize;

use crate::limits::{LimitError, Limits, Meter};
use crate::model::graph_model::GraphModel;
use crate::model::state::State;
use crate::post::reach::{reachable_min, Graph, MoveGraph, Mover};
use crate::stability::concept::Concept;

/// Most decision makers for which [`partitions`] enumerates partitions (Bell(10) = 115,975
/// partitions).
pub const MAX_PARTITION_DECISION_MAKERS: usize = 10;

/// Most decision makers for which [`coalitional_stability`] enumerates coalitions (2^12 - 1
/// coalitions).
pub const MAX_COALITION_DECISION_MAKERS: usize = 12;

/// Why a coalition analysis could not be done.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CoalitionError {
    /// A name (or index) in a partition that is not a decision maker of the model.
    #[error("unknown decision maker `{0}` in the partition")]
    UnknownDecisionMaker(String),
    /// A decision maker that no coalition of the partition contains.
    #[error("the partition misses decision maker `{0}`")]
    MissingDecisionMaker(String),
    /// A decision maker that two coalitions (or one coalition twice) contain.
    #[error("the partition repeats decision maker `{0}`")]
    RepeatedDecisionMaker(String),
    /// A coalition with no members.
    #[error("coalition {position} of the partition `{partition}` is empty")]
    EmptyCoalition {
        /// 1-based position of the empty coalition.
        position: usize,
        /// The partition as given.
        partition: String,
    },
    /// A concept that coalition analysis does not define.
    #[error(
        "concept `{0}` is not defined for coalitions (expected `nash`, `gmr`, `smr` or `seq`)"
    )]
    UnsupportedConcept(String),
    /// Too many decision makers to enumerate partitions or coalitions.
    #[error("enumerating the coalitions of {count} decision makers is above the limit of {limit}")]
    TooManyDecisionMakers {
        /// Decision makers in the model.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// A coalition index the partition does not have.
    #[error("unknown coalition `{0}`")]
    UnknownCoalition(usize),
    /// A state that is not feasible where a feasible one is required.
    #[error("state `{0}` is not feasible")]
    InfeasibleState(String),
    /// A concept that the analysis did not compute.
    #[error("concept `{0}` was not analysed")]
    ConceptNotAnalysed(String),
    /// A budget of [`Limits`] was exceeded.
    #[error(transparent)]
    Limit(#[from] LimitError),
}

/// A partition of a model's decision makers into coalitions.
///
/// Normalised: members of each coalition ascending, coalitions ordered by their first member.
/// Serialises as the list of coalitions, each a list of decision-maker indices.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Partition {
    coalitions: Vec<Vec<usize>>,
}

impl Partition {
    /// The partition with the given coalitions of decision-maker indices.
    ///
    /// Errors: an index the model does not have, a decision maker in two coalitions (or twice
    /// in one), a decision maker in none, an empty coalition.
    ///
    /// ```
    /// use standoff::post::coalition::Partition;
    /// let model = standoff::GraphModel::builder("Three")
    ///     .decision_maker("A", ["a"])
    ///     .decision_maker("B", ["b"])
    ///     .decision_maker("C", ["c"])
    ///     .priorities("A", ["a"]).priorities("B", ["b"]).priorities("C", ["c"])
    ///     .build()?;
    /// let p = Partition::new(&model, vec![vec![2], vec![1, 0]])?;
    /// assert_eq!(p.coalitions(), &[vec![0, 1], vec![2]]);
    /// assert!(Partition::new(&model, vec![vec![0, 1]]).is_err()); // misses C
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        model: &GraphModel,
        coalitions: Vec<Vec<usize>>,
    ) -> Result<Partition, CoalitionError> {
        let dms = model.decision_makers();
        let mut seen = vec![false; dms.len()];
        let text = coalitions
            .iter()
            .map(|c| {
                c.iter()
                    .map(|&d| {
                        dms.get(d)
                            .map_or_else(|| d.to_string(), |x| x.name().to_string())
                    })
                    .collect::<Vec<_>>()
                    .join(",")
            })
            .collect::<Vec<_>>()
            .join("|");
        let mut out = Vec::with_capacity(coalitions.len());
        for (position, mut c) in coalitions.into_iter().enumerate() {
            if c.is_empty() {
                return Err(CoalitionError::EmptyCoalition {
                    position: position + 1,
                    partition: text,
                });
            }
            for &d in &c {
                let Some(dm) = dms.get(d) else {
                    return Err(CoalitionError::UnknownDecisionMaker(d.to_string()));
                };
                if std::mem::replace(&mut seen[d], true) {
                    return Err(CoalitionError::RepeatedDecisionMaker(dm.name().to_string()));
                }
            }
            c.sort_unstable();
            out.push(c);
        }
        if let Some(d) = seen.iter().position(|&s| !s) {
            return Err(CoalitionError::MissingDecisionMaker(
                dms[d].name().to_string(),
            ));
        }
        out.sort();
        Ok(Partition { coalitions: out })
    }

    /// Parses a partition written with decision-maker names: coalitions separated by `|`,
    /// members by `,`, spaces around names ignored, e.g. `MoE,Uniroyal|Local Government`.
    ///
    /// ```
    /// use standoff::post::coalition::Partition;
    /// let model = standoff::GraphModel::from_path("tests/corpus/elmira.model.json")?;
    /// let p = Partition::parse(&model, "MoE, Uniroyal | Local Government")?;
    /// assert_eq!(p.coalitions(), &[vec![0, 1], vec![2]]);
    /// assert_eq!(p.to_text(&model), "MoE,Uniroyal|Local Government");
    /// let e = Partition::parse(&model, "MoE|Uniroyal").unwrap_err();
    /// assert_eq!(e.to_string(), "the partition misses decision maker `Local Government`");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse(model: &GraphModel, text: &str) -> Result<Partition, CoalitionError> {
        let mut coalitions = Vec::new();
        for (position, part) in text.split('|').enumerate() {
            if part.trim().is_empty() {
                return Err(CoalitionError::EmptyCoalition {
                    position: position + 1,
                    partition: text.to_string(),
                });
            }
            let mut members = Vec::new();
            for name in part.split(',') {
                let name = name.trim();
                let d = model
                    .decision_maker_index(name)
                    .ok_or_else(|| CoalitionError::UnknownDecisionMaker(name.to_string()))?;
                members.push(d);
            }
            coalitions.push(members);
        }
        Partition::new(model, coalitions)
    }

    /// Every decision maker alone.
    pub fn singletons(model: &GraphModel) -> Partition {
        Partition {
            coalitions: (0..model.decision_makers().len())
                .map(|d| vec![d])
                .collect(),
        }
    }

    /// The coalitions, each a list of decision-maker indices.
    pub fn coalitions(&self) -> &[Vec<usize>] {
        &self.coalitions
    }

    /// Index of the coalition containing decision maker `dm`.
    pub fn coalition_of(&self, dm: usize) -> Option<usize> {
        self.coalitions.iter().position(|c| c.contains(&dm))
    }

    /// The partition in the syntax of [`Partition::parse`].
    pub fn to_text(&self, model: &GraphModel) -> String {
        self.coalitions
            .iter()
            .map(|c| coalition_label(model, c))
            .collect::<Vec<_>>()
            .join("|")
    }
}

/// A coalition's members' names joined by `,`.
pub fn coalition_label(model: &GraphModel, members: &[usize]) -> String {
    members
        .iter()
        .map(|&d| {
            model
                .decision_makers()
                .get(d)
                .map_or_else(|| d.to_string(), |x| x.name().to_string())
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// Every partition of `count` decision makers, in the lexicographic order of their restricted
/// growth strings (the first is everybody in one coalition, the last everybody alone).
///
/// Complexity: Bell(count) partitions, each O(count). Errors above
/// [`MAX_PARTITION_DECISION_MAKERS`].
///
/// ```
/// use standoff::post::coalition::partitions;
/// let p = partitions(3)?;
/// assert_eq!(p.len(), 5); // Bell(3)
/// assert_eq!(p[0], vec![vec![0, 1, 2]]);
/// assert_eq!(p[4], vec![vec![0], vec![1], vec![2]]);
/// # Ok::<(), standoff::post::coalition::CoalitionError>(())
/// ```
pub fn partitions(count: usize) -> Result<Vec<Vec<Vec<usize>>>, CoalitionError> {
    if count > MAX_PARTITION_DECISION_MAKERS {
        return Err(CoalitionError::TooManyDecisionMakers {
            count,
            limit: MAX_PARTITION_DECISION_MAKERS,
        });
    }
    let mut out = Vec::new();
    if count == 0 {
        return Ok(out);
    }
    let mut a = vec![0usize; count];
    loop {
        let blocks = a.iter().copied().max().unwrap_or(0) + 1;
        let mut p = vec![Vec::new(); blocks];
        for (d, &b) in a.iter().enumerate() {
            p[b].push(d);
        }
        out.push(p);
        // Next restricted growth string: increase the last position that may grow.
        let mut i = count;
        loop {
            if i <= 1 {
                return Ok(out);
            }
            i -= 1;
            let prefix_max = a[..i].iter().copied().max().unwrap_or(0);
            if a[i] <= prefix_max {
                a[i] += 1;
                for x in a.iter_mut().skip(i + 1) {
                    *x = 0;
                }
                break;
            }
        }
    }
}

/// Every coalition move of the decision makers `members` (acting as one) from `state`, in
/// canonical order: feasible states differing from `state` in a non-empty subset of the
/// members' options, each changed option changing in an allowed direction.
///
/// Complexity: O(2^k) for k options of the members (times a state lookup). Empty for an
/// infeasible `state`.
///
/// ```
/// use standoff::post::coalition::coalition_moves;
/// let model = standoff::GraphModel::from_path("tests/corpus/elmira.model.json")?;
/// let from = model.parse_state("NYNNY")?;
/// let joint = coalition_moves(&model, &[0, 1], from);
/// assert!(joint.contains(&model.parse_state("YNYNY")?)); // modify and accept at once
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn coalition_moves(model: &GraphModel, members: &[usize], state: State) -> Vec<State> {
    if !model.is_feasible(state) {
        return Vec::new();
    }
    let mover = Mover::new(model, members);
    mover
        .targets(model, state.0)
        .into_iter()
        .filter_map(|t| model.state_at(t))
        .collect()
}

/// Every coalition improvement of `members` from `state`, in canonical order: the coalition
/// moves to states that *every* member strictly prefers to `state`.
///
/// Complexity: as [`coalition_moves`], times the coalition size.
///
/// ```
/// use standoff::post::coalition::coalition_improvements;
/// let model = standoff::GraphModel::from_path("tests/corpus/elmira.model.json")?;
/// let from = model.parse_state("NYNNY")?;
/// let both_better = coalition_improvements(&model, &[0, 1], from);
/// assert!(both_better.contains(&model.parse_state("YNYNY")?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn coalition_improvements(model: &GraphModel, members: &[usize], state: State) -> Vec<State> {
    coalition_moves(model, members, state)
        .into_iter()
        .filter(|&t| is_coalition_improvement(model, members, state, t))
        .collect()
}

fn is_coalition_improvement(model: &GraphModel, members: &[usize], from: State, to: State) -> bool {
    !members.is_empty()
        && members
            .iter()
            .all(|&k| match (model.payoff(k, to), model.payoff(k, from)) {
                (Some(a), Some(b)) => a > b,
                _ => false,
            })
}

/// What to compute in [`CoalitionAnalysis::run`] and [`coalitional_stability`].
#[derive(Debug, Clone)]
pub struct CoalitionOptions {
    /// Concepts (default: Nash, GMR, SMR, SEQ; SIM is rejected).
    pub concepts: Vec<Concept>,
    /// Budgets: work counts candidate states tried by move generation and searches.
    pub limits: Limits,
}

impl Default for CoalitionOptions {
    fn default() -> Self {
        CoalitionOptions {
            concepts: vec![Concept::Nash, Concept::Gmr, Concept::Smr, Concept::Seq],
            limits: Limits::default(),
        }
    }
}

fn checked_concepts(concepts: &[Concept]) -> Result<Vec<Concept>, CoalitionError> {
    if let Some(c) = concepts.iter().find(|&&c| c == Concept::Sim) {
        return Err(CoalitionError::UnsupportedConcept(c.to_string()));
    }
    let mut out: Vec<Concept> = concepts.to_vec();
    out.sort();
    out.dedup();
    Ok(out)
}

/// Stability of every state for every coalition of a partition, coalitions acting as players.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoalitionAnalysis {
    partition: Partition,
    concepts: Vec<Concept>,
    /// `stable[c][h]`: states stable for coalition h under `concepts[c]`, canonical order.
    stable: Vec<Vec<Vec<State>>>,
    /// `equilibria[c]`: states stable for every coalition under `concepts[c]`.
    equilibria: Vec<Vec<State>>,
}

impl CoalitionAnalysis {
    /// Analyses `model` with the coalitions of `partition` as players.
    ///
    /// Arguments: the model, a partition of its decision makers, the concepts and budgets.
    /// Result: for each concept (in [`Concept`] order) and coalition (in partition order) the
    /// stable states, and the equilibria, all in canonical order.
    ///
    /// Complexity, per coalition H with S feasible states, k_H options and E moves of the
    /// other coalitions: Nash O(S · 2^k_H), stopping at each state's first coalition
    /// improvement (with no other coalition, every concept is Nash); GMR and SEQ one pass of Tarjan's strongly-connected
    /// components over the other coalitions' move graph (improving moves for SEQ) with the
    /// minimum of each member's payoff over every reachable state, O((S + E) · |H|), then one
    /// check per improvement; SMR the same for a single decision maker, and for a coalition of
    /// two or more a breadth-first search per improvement (its sanction condition compares a
    /// vector of payoffs, which no single minimum captures), stopped at the first sanction,
    /// O(S · (S + E)) in the worst case. Work is metered against `options.limits`.
    ///
    /// ```
    /// use standoff::post::coalition::{CoalitionAnalysis, CoalitionOptions, Partition};
    /// use standoff::Concept;
    /// let model = standoff::GraphModel::from_path("tests/corpus/elmira.model.json")?;
    /// let p = Partition::parse(&model, "MoE,Uniroyal|Local Government")?;
    /// let a = CoalitionAnalysis::run(&model, &p, &CoalitionOptions::default())?;
    /// let eq = a.equilibria(Concept::Nash)?;
    /// assert!(!eq.contains(&model.parse_state("NYNNY")?)); // MoE and Uniroyal both gain by YNYNY
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn run(
        model: &GraphModel,
        partition: &Partition,
        options: &CoalitionOptions,
    ) -> Result<CoalitionAnalysis, CoalitionError> {
        let concepts = checked_concepts(&options.concepts)?;
        check_partition(model, partition)?;
        let meter = Meter::new(&options.limits);
        Ok(Self::run_metered(model, partition, concepts, &meter)?)
    }

    fn run_metered(
        model: &GraphModel,
        partition: &Partition,
        concepts: Vec<Concept>,
        meter: &Meter,
    ) -> Result<CoalitionAnalysis, LimitError> {
        let n = model.state_count();
        let mut per_coalition = Vec::new();
        for h in 0..partition.coalitions.len() {
            per_coalition.push(stable_sets(
                model,
                &partition.coalitions,
                h,
                &concepts,
                meter,
            )?);
        }
        let mut stable = Vec::new();
        let mut equilibria = Vec::new();
        for c in 0..concepts.len() {
            let mut lists = Vec::new();
            let mut all = vec![true; n];
            for sets in &per_coalition {
                let set = &sets[c];
                for (a, &b) in all.iter_mut().zip(set) {
                    *a &= b;
                }
                lists.push(states_of(model, set));
            }
            stable.push(lists);
            equilibria.push(states_of(model, &all));
        }
        Ok(CoalitionAnalysis {
            partition: partition.clone(),
            concepts,
            stable,
            equilibria,
        })
    }

    /// The partition analysed.
    pub fn partition(&self) -> &Partition {
        &self.partition
    }

    /// The concepts analysed, in [`Concept`] order.
    pub fn concepts(&self) -> &[Concept] {
        &self.concepts
    }

    fn concept_index(&self, concept: Concept) -> Result<usize, CoalitionError> {
        self.concepts
            .iter()
            .position(|&c| c == concept)
            .ok_or_else(|| CoalitionError::ConceptNotAnalysed(concept.to_string()))
    }

    /// The states stable for coalition `coalition` under `concept`, in canonical order.
    pub fn stable_states(
        &self,
        concept: Concept,
        coalition: usize,
    ) -> Result<&[State], CoalitionError> {
        let c = self.concept_index(concept)?;
        self.stable[c]
            .get(coalition)
            .map(|v| v.as_slice())
            .ok_or(CoalitionError::UnknownCoalition(coalition))
    }

    /// Whether `state` is stable for coalition `coalition` under `concept`.
    pub fn is_stable(
        &self,
        concept: Concept,
        coalition: usize,
        state: State,
    ) -> Result<bool, CoalitionError> {
        Ok(self
            .stable_states(concept, coalition)?
            .binary_search(&state)
            .is_ok())
    }

    /// The equilibria (stable for every coalition) under `concept`, in canonical order.
    pub fn equilibria(&self, concept: Concept) -> Result<&[State], CoalitionError> {
        let c = self.concept_index(concept)?;
        Ok(&self.equilibria[c])
    }

    /// The result with names and state labels, for output.
    pub fn report(&self, model: &GraphModel) -> CoalitionReport {
        let mut stability = BTreeMap::new();
        let mut equilibria = BTreeMap::new();
        for (c, concept) in self.concepts.iter().enumerate() {
            let mut per = BTreeMap::new();
            for (h, members) in self.partition.coalitions.iter().enumerate() {
                per.insert(
                    coalition_label(model, members),
                    labels(model, &self.stable[c][h]),
                );
            }
            stability.insert(concept.to_string(), per);
            equilibria.insert(concept.to_string(), labels(model, &self.equilibria[c]));
        }
        CoalitionReport {
            format: COALITION_FORMAT,
            model: model.name().to_string(),
            partition: self
                .partition
                .coalitions
                .iter()
                .map(|c| {
                    c.iter()
                        .map(|&d| model.decision_makers()[d].name().to_string())
                        .collect()
                })
                .collect(),
            stability,
            equilibria,
        }
    }
}

/// The value of `format` in a [`CoalitionReport`].
pub const COALITION_FORMAT: &str = "standoff.coalitions/1";

/// A coalition analysis with names and labels: what `examples/post.rs` prints as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoalitionReport {
    /// Always [`COALITION_FORMAT`].
    pub format: &'static str,
    /// The model's name.
    pub model: String,
    /// The coalitions, each a list of decision-maker names.
    pub partition: Vec<Vec<String>>,
    /// Concept -> coalition label (members joined by `,`) -> stable state labels (canonical
    /// order).
    pub stability: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    /// Concept -> equilibria labels (canonical order).
    pub equilibria: BTreeMap<String, Vec<String>>,
}

fn labels(model: &GraphModel, states: &[State]) -> Vec<String> {
    states.iter().map(|&s| model.label(s)).collect()
}

fn states_of(model: &GraphModel, set: &[bool]) -> Vec<State> {
    set.iter()
        .enumerate()
        .filter(|(_, &b)| b)
        .filter_map(|(x, _)| model.state_at(x))
        .collect()
}

fn check_partition(model: &GraphModel, partition: &Partition) -> Result<(), CoalitionError> {
    // A partition built for another model may not fit this one.
    Partition::new(model, partition.coalitions.clone()).map(|_| ())
}

/// Stable sets of coalition `focal` among `coalitions` (a partition), one per concept.
pub(crate) fn stable_sets(
    model: &GraphModel,
    coalitions: &[Vec<usize>],
    focal: usize,
    concepts: &[Concept],
    meter: &Meter,
) -> Result<Vec<Vec<bool>>, LimitError> {
    let n = model.state_count();
    let members = &coalitions[focal];
    let movers: Vec<Mover> = coalitions.iter().map(|c| Mover::new(model, c)).collect();
    let own = &movers[focal];
    let pay: Vec<&[u32]> = members.iter().map(|&k| model.payoffs_of(k)).collect();
    let feasible = &model.feasible;
    let better = |to: usize, from: usize| pay.iter().all(|p| p[to] > p[from]);
    // The states where every coalition improvement t from x passes `ok(t, x)`; improvements
    // are generated on the fly and the search stops at the first failure.
    let check = |ok: &mut dyn FnMut(usize, usize) -> bool| -> Result<Vec<bool>, LimitError> {
        let mut set = Vec::with_capacity(n);
        for (x, &bits) in feasible.iter().enumerate() {
            let (blocked, work) = own.any(model, bits, |t| better(t, x) && !ok(t, x));
            meter.spend(work.max(1))?;
            set.push(!blocked);
        }
        Ok(set)
    };
    // Opponents' moves (all, or coalition improvements only).
    let others: Vec<&Mover> = movers
        .iter()
        .enumerate()
        .filter(|&(c, _)| c != focal)
        .map(|(_, m)| m)
        .collect();
    let other_pays: Vec<Vec<&[u32]>> = coalitions
        .iter()
        .enumerate()
        .filter(|&(c, _)| c != focal)
        .map(|(_, c)| c.iter().map(|&k| model.payoffs_of(k)).collect())
        .collect();
    let graph = |improving: bool| MoveGraph {
        model,
        movers: others.clone(),
        improving: improving.then(|| other_pays.clone()),
    };
    let sanctioned_by_min =
        |mins: &[Vec<u32>], t: usize, x: usize| mins.iter().zip(&pay).any(|(m, p)| m[t] <= p[x]);
    let mut out = Vec::new();
    let mut nash: Option<Vec<bool>> = None;
    let mut gmr_mins: Option<Vec<Vec<u32>>> = None;
    for &concept in concepts {
        if concept == Concept::Nash || coalitions.len() == 1 {
            // Without other coalitions nothing is ever sanctioned: every concept is Nash.
            let set = match &nash {
                Some(set) => set.clone(),
                None => check(&mut |_, _| false)?,
            };
            nash = Some(set.clone());
            out.push(set);
            continue;
        }
        let set = match concept {
            Concept::Gmr | Concept::Seq => {
                let mins = reachable_min(&graph(concept == Concept::Seq), &pay, meter)?;
                let set = check(&mut |t, x| sanctioned_by_min(&mins, t, x))?;
                if concept == Concept::Gmr {
                    gmr_mins = Some(mins);
                }
                set
            }
            Concept::Smr if members.len() == 1 => {
                // v(y) = max(P(y), best P over the focal decision maker's moves from y): a
                // sanction ends at y with v(y) <= P(x).
                let p = pay[0];
                let mut v = p.to_vec();
                for (y, vy) in v.iter_mut().enumerate() {
                    let work = own.for_each(model, feasible[y], |t| *vy = (*vy).max(p[t]));
                    meter.spend(work.max(1))?;
                }
                let mins = reachable_min(&graph(false), &[&v], meter)?;
                check(&mut |t, x| mins[0][t] <= p[x])?
            }
            _ => {
                // SMR for a coalition of two or more.
                let mins = match gmr_mins.take() {
                    Some(m) => m,
                    None => reachable_min(&graph(false), &pay, meter)?,
                };
                let mut search = SmrSearch {
                    model,
                    own,
                    pay: &pay,
                    stamp: vec![0u32; n],
                    round: 0,
                    queue: VecDeque::new(),
                    graph: graph(false),
                };
                let mut failure = None;
                let set = check(&mut |t, x| {
                    if failure.is_some() || !sanctioned_by_min(&mins, t, x) {
                        return false;
                    }
                    match search.sanctioned(t, x, meter) {
                        Ok(b) => b,
                        Err(e) => {
                            failure = Some(e);
                            false
                        }
                    }
                })?;
                if let Some(e) = failure {
                    return Err(e);
                }
                gmr_mins = Some(mins);
                set
            }
        };
        out.push(set);
    }
    Ok(out)
}

/// Breadth-first search for an SMR sanction of a coalition improvement.
struct SmrSearch<'a> {
    model: &'a GraphModel,
    own: &'a Mover,
    pay: &'a [&'a [u32]],
    stamp: Vec<u32>,
    round: u32,
    queue: VecDeque<u32>,
    graph: MoveGraph<'a>,
}

impl SmrSearch<'_> {
    /// Is `y` not preferred by the coalition to `x` (some member not strictly better)?
    fn not_better(&self, y: usize, x: usize) -> bool {
        self.pay.iter().any(|p| p[y] <= p[x])
    }

    /// Does some state reachable from `t` by the other coalitions sanction the improvement
    /// from `x`, with no escape for the focal coalition?
    fn sanctioned(&mut self, t: usize, x: usize, meter: &Meter) -> Result<bool, LimitError> {
        self.round = self.round.wrapping_add(1);
        if self.round == 0 {
            self.stamp.iter_mut().for_each(|s| *s = 0);
            self.round = 1;
        }
        self.queue.clear();
        self.stamp[t] = self.round;
        self.queue.push_back(t as u32);
        while let Some(y) = self.queue.pop_front() {
            let y = y as usize;
            if self.not_better(y, x) {
                let pay = self.pay;
                let (escape, work) = self.own.any(self.model, self.model.feasible[y], |z| {
                    pay.iter().all(|p| p[z] > p[x])
                });
                meter.spend(work.max(1))?;
                if !escape {
                    return Ok(true);
                }
            }
            let mut cursor = self.graph.start(y);
            let mut work = 0;
            while let Some(z) = self.graph.next(y, &mut cursor, &mut work) {
                if self.stamp[z] != self.round {
                    self.stamp[z] = self.round;
                    self.queue.push_back(z as u32);
                }
            }
            meter.spend(work.max(1))?;
        }
        Ok(false)
    }
}

/// The result of every partition of a small model: see [`analyze_partitions`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartitionsAnalysis {
    /// One analysis per partition, in the order of [`partitions`].
    pub analyses: Vec<CoalitionAnalysis>,
}

/// Analyses `model` under every partition of its decision makers.
///
/// Arguments: the model, the concepts and budgets. Result: one [`CoalitionAnalysis`] per
/// partition, in the order of [`partitions`] (grand coalition first, all singletons last).
///
/// Complexity: Bell(m) analyses for m decision makers (errors above
/// [`MAX_PARTITION_DECISION_MAKERS`]), each as [`CoalitionAnalysis::run`]; one work budget is
/// shared by all.
///
/// ```
/// use standoff::post::coalition::{analyze_partitions, CoalitionOptions};
/// let model = standoff::GraphModel::from_path("tests/corpus/elmira.model.json")?;
/// let all = analyze_partitions(&model, &CoalitionOptions::default())?;
/// assert_eq!(all.analyses.len(), 5);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn analyze_partitions(
    model: &GraphModel,
    options: &CoalitionOptions,
) -> Result<PartitionsAnalysis, CoalitionError> {
    let concepts = checked_concepts(&options.concepts)?;
    let meter = Meter::new(&options.limits);
    let mut analyses = Vec::new();
    for coalitions in partitions(model.decision_makers().len())? {
        let partition = Partition::new(model, coalitions)?;
        analyses.push(CoalitionAnalysis::run_metered(
            model,
            &partition,
            concepts.clone(),
            &meter,
        )?);
    }
    Ok(PartitionsAnalysis { analyses })
}

/// A state where a decision maker is not coalitionally stable, and the first coalition
/// (fewest members, then lowest indices) containing it whose improvement goes unsanctioned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Blocked {
    /// The state.
    pub state: State,
    /// The coalition's members (decision-maker indices, ascending); a single member means the
    /// state is not even individually stable.
    pub coalition: Vec<usize>,
}

/// Coalitional stability of every state for every decision maker under one concept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoalitionalStability {
    concept: Concept,
    /// Per decision maker, the coalitionally stable states in canonical order.
    stable: Vec<Vec<State>>,
    /// Per decision maker, the other states with their blocking coalition, canonical order.
    blocked: Vec<Vec<Blocked>>,
}

impl CoalitionalStability {
    /// The concept.
    pub fn concept(&self) -> Concept {
        self.concept
    }

    /// The states coalitionally stable for `dm`, in canonical order (empty for an unknown
    /// decision maker).
    pub fn stable_states(&self, dm: usize) -> &[State] {
        self.stable.get(dm).map_or(&[], |v| v.as_slice())
    }

    /// The states not coalitionally stable for `dm`, each with its first blocking coalition.
    pub fn blocked(&self, dm: usize) -> &[Blocked] {
        self.blocked.get(dm).map_or(&[], |v| v.as_slice())
    }

    /// The states coalitionally stable for every decision maker, in canonical order.
    pub fn equilibria(&self) -> Vec<State> {
        let mut it = self.stable.iter();
        let Some(first) = it.next() else {
            return Vec::new();
        };
        first
            .iter()
            .copied()
            .filter(|s| self.stable.iter().all(|v| v.binary_search(s).is_ok()))
            .collect()
    }
}

/// Coalitional stability (see the module documentation) of every state for every decision
/// maker under `concept`.
///
/// Arguments: the model, the concept (Nash, GMR, SMR or SEQ), budgets in `options` (its
/// `concepts` are ignored). Result: per decision maker the coalitionally stable states and,
/// for the others, the first blocking coalition, all in canonical order; coalitions are
/// tried by size, then by member indices.
///
/// Complexity: one focal-coalition pass of [`CoalitionAnalysis::run`] for each of the
/// 2^m - 1 coalitions of m decision makers (errors above [`MAX_COALITION_DECISION_MAKERS`]).
///
/// ```
/// use standoff::post::coalition::{coalitional_stability, CoalitionOptions};
/// use standoff::Concept;
/// let model = standoff::GraphModel::from_path("tests/corpus/elmira.model.json")?;
/// let cs = coalitional_stability(&model, Concept::Nash, &CoalitionOptions::default())?;
/// let nynny = model.parse_state("NYNNY")?;
/// // Nash stable for MoE alone, but MoE and Uniroyal together gain by moving to YNYNY.
/// let b = cs.blocked(0).iter().find(|b| b.state == nynny).expect("blocked");
/// assert_eq!(b.coalition, vec![0, 1]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn coalitional_stability(
    model: &GraphModel,
    concept: Concept,
    options: &CoalitionOptions,
) -> Result<CoalitionalStability, CoalitionError> {
    let concepts = checked_concepts(&[concept])?;
    let m = model.decision_makers().len();
    if m > MAX_COALITION_DECISION_MAKERS {
        return Err(CoalitionError::TooManyDecisionMakers {
            count: m,
            limit: MAX_COALITION_DECISION_MAKERS,
        });
    }
    let meter = Meter::new(&options.limits);
    let n = model.state_count();
    // Coalitions as bit sets, by size then by members.
    let mut sets: Vec<u32> = (1u32..1 << m).collect();
    sets.sort_by_key(|&s| {
        let members: Vec<usize> = (0..m).filter(|&d| s >> d & 1 == 1).collect();
        (s.count_ones(), members)
    });
    let mut blocking: Vec<Vec<Option<u32>>> = vec![vec![None; n]; m];
    for &s in &sets {
        let members: Vec<usize> = (0..m).filter(|&d| s >> d & 1 == 1).collect();
        let mut coalitions = vec![members.clone()];
        coalitions.extend((0..m).filter(|&d| s >> d & 1 == 0).map(|d| vec![d]));
        let stable = stable_sets(model, &coalitions, 0, &concepts, &meter)?;
        for (x, &ok) in stable[0].iter().enumerate() {
            if ok {
                continue;
            }
            for &d in &members {
                blocking[d][x].get_or_insert(s);
            }
        }
    }
    let mut stable = Vec::with_capacity(m);
    let mut blocked = Vec::with_capacity(m);
    for per in &blocking {
        let mut st = Vec::new();
        let mut bl = Vec::new();
        for (x, b) in per.iter().enumerate() {
            let Some(state) = model.state_at(x) else {
                continue;
            };
            match b {
                None => st.push(state),
                Some(s) => bl.push(Blocked {
                    state,
                    coalition: (0..m).filter(|&d| s >> d & 1 == 1).collect(),
                }),
            }
        }
        stable.push(st);
        blocked.push(bl);
    }
    Ok(CoalitionalStability {
        concept,
        stable,
        blocked,
    })
}

/// One coalition move in a sanction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoalitionMove {
    /// Index of the moving coalition in the partition.
    pub coalition: usize,
    /// State before.
    pub from: State,
    /// State after.
    pub to: State,
    /// True where every member of the mover strictly prefers `to` to `from`.
    pub improvement: bool,
}

/// Moves of the other coalitions that take a coalition improvement to a state that not every
/// member of the focal coalition prefers to the start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoalitionSanction {
    /// The moves, in order (no coalition twice in a row).
    pub moves: Vec<CoalitionMove>,
    /// Where they end.
    pub end: State,
    /// For SMR: every coalition move of the focal coalition from `end`; none is an
    /// improvement over the start for all members.
    pub counter_moves: Vec<State>,
}

/// The verdict on one coalition improvement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoalitionImprovementCheck {
    /// The state the improvement leads to.
    pub improvement: State,
    /// A shortest sanction, or `None` where nothing blocks the improvement.
    pub sanction: Option<CoalitionSanction>,
}

/// Why a state is or is not stable for a coalition, as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoalitionExplanation {
    /// The concept.
    pub concept: Concept,
    /// The coalition's index in the partition.
    pub coalition: usize,
    /// Its members.
    pub members: Vec<usize>,
    /// The state examined.
    pub state: State,
    /// True where every coalition improvement is sanctioned.
    pub stable: bool,
    /// Every coalition improvement from `state`, in canonical order, with its verdict.
    pub improvements: Vec<CoalitionImprovementCheck>,
}

/// Explains the verdict of `concept` for coalition `coalition` of `partition` at `state`:
/// every coalition improvement with a shortest sanction (breadth first over states and last
/// movers), or none.
///
/// Complexity: per improvement O(S · c · 2^k) for S states, c coalitions and k options per
/// coalition, metered against `limits`. Deterministic: improvements and moves are explored in
/// canonical order, coalitions in partition order.
///
/// ```
/// use standoff::post::coalition::{explain_coalition, Partition};
/// use standoff::{Concept, Limits};
/// let model = standoff::GraphModel::from_path("tests/corpus/elmira.model.json")?;
/// let p = Partition::parse(&model, "MoE,Uniroyal|Local Government")?;
/// let s = model.parse_state("NYNNY")?;
/// let e = explain_coalition(&model, &p, Concept::Gmr, 0, s, &Limits::default())?;
/// assert!(e.improvements.iter().any(|c| c.improvement == model.parse_state("YNYNY").unwrap()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn explain_coalition(
    model: &GraphModel,
    partition: &Partition,
    concept: Concept,
    coalition: usize,
    state: State,
    limits: &Limits,
) -> Result<CoalitionExplanation, CoalitionError> {
    checked_concepts(&[concept])?;
    check_partition(model, partition)?;
    let members = partition
        .coalitions
        .get(coalition)
        .ok_or(CoalitionError::UnknownCoalition(coalition))?
        .clone();
    if !model.is_feasible(state) {
        return Err(CoalitionError::InfeasibleState(model.label(state)));
    }
    let meter = Meter::new(limits);
    let movers: Vec<Mover> = partition
        .coalitions
        .iter()
        .map(|c| Mover::new(model, c))
        .collect();
    let Some(x) = model.index_of(state) else {
        return Err(CoalitionError::InfeasibleState(model.label(state)));
    };
    let coalition_better = |c: usize, to: usize, from: usize| {
        partition.coalitions[c]
            .iter()
            .all(|&k| model.payoffs_of(k)[to] > model.payoffs_of(k)[from])
    };
    let not_better = |y: usize| {
        members
            .iter()
            .any(|&k| model.payoffs_of(k)[y] <= model.payoffs_of(k)[x])
    };
    let mut improvements = Vec::new();
    for t in movers[coalition].targets(model, state.0) {
        if !coalition_better(coalition, t, x) {
            continue;
        }
        let mut sanction = None;
        if concept != Concept::Nash {
            // Nodes: (state, last mover, parent node).
            let mut nodes: Vec<(usize, usize, usize)> = vec![(t, coalition, usize::MAX)];
            let mut seen = std::collections::HashSet::from([(t, coalition)]);
            let mut queue = VecDeque::from([0usize]);
            'search: while let Some(at) = queue.pop_front() {
                let (y, last, _) = nodes[at];
                for (c, mover) in movers.iter().enumerate() {
                    if c == coalition || c == last {
                        continue;
                    }
                    let targets = mover.targets(model, model.feasible[y]);
                    meter.spend(targets.len() as u64 + 1)?;
                    for z in targets {
                        if concept == Concept::Seq && !coalition_better(c, z, y) {
                            continue;
                        }
                        if !seen.insert((z, c)) {
                            continue;
                        }
                        nodes.push((z, c, at));
                        let id = nodes.len() - 1;
                        if not_better(z) {
                            let counter: Vec<usize> =
                                movers[coalition].targets(model, model.feasible[z]);
                            let escapes = concept == Concept::Smr
                                && counter
                                    .iter()
                                    .any(|&w| coalition_better_than(model, &members, w, x));
                            if !escapes {
                                sanction = Some(CoalitionSanction {
                                    moves: sanction_path(model, partition, &nodes, id),
                                    end: State(model.feasible[z]),
                                    counter_moves: if concept == Concept::Smr {
                                        counter.iter().map(|&w| State(model.feasible[w])).collect()
                                    } else {
                                        Vec::new()
                                    },
                                });
                                break 'search;
                            }
                        }
                        queue.push_back(id);
                    }
                }
            }
        }
        improvements.push(CoalitionImprovementCheck {
            improvement: State(model.feasible[t]),
            sanction,
        });
    }
    let stable = improvements.iter().all(|c| c.sanction.is_some());
    Ok(CoalitionExplanation {
        concept,
        coalition,
        members,
        state,
        stable,
        improvements,
    })
}

fn coalition_better_than(model: &GraphModel, members: &[usize], to: usize, from: usize) -> bool {
    members
        .iter()
        .all(|&k| model.payoffs_of(k)[to] > model.payoffs_of(k)[from])
}

fn sanction_path(
    model: &GraphModel,
    partition: &Partition,
    nodes: &[(usize, usize, usize)],
    mut id: usize,
) -> Vec<CoalitionMove> {
    let mut moves = Vec::new();
    while nodes[id].2 != usize::MAX {
        let (to, mover, parent) = nodes[id];
        let from = nodes[parent].0;
        moves.push(CoalitionMove {
            coalition: mover,
            from: State(model.feasible[from]),
            to: State(model.feasible[to]),
            improvement: coalition_better_than(model, &partition.coalitions[mover], to, from),
        });
        id = parent;
    }
    moves.reverse();
    moves
}
