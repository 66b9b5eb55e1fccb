//! Stability with the coalitions of a partition as players, for one partition or all of them.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::limits::{LimitError, Limits, Meter};
use crate::model::graph_model::GraphModel;
use crate::model::state::State;
use crate::stability::concept::{Concept, Reachability};

use super::{coalition_label, partitions, stable_sets, CoalitionError, Partition};

/// What to compute in [`CoalitionAnalysis::run`] and
/// [`coalitional_stability`](super::coalitional_stability).
#[derive(Debug, Clone)]
pub struct CoalitionOptions {
    /// Concepts (default: Nash, GMR, SMR, SEQ; SIM is rejected).
    pub concepts: Vec<Concept>,
    /// How the other coalitions' sanctioning sequences are read (default
    /// [`Reachability::LegalSequences`]; see the module documentation for both readings).
    pub reachability: Reachability,
    /// Budgets: work counts candidate states tried by move generation and searches.
    pub limits: Limits,
}

impl Default for CoalitionOptions {
    fn default() -> Self {
        CoalitionOptions {
            concepts: vec![Concept::Nash, Concept::Gmr, Concept::Smr, Concept::Seq],
            reachability: Reachability::LegalSequences,
            limits: Limits::default(),
        }
    }
}

pub(super) fn checked_concepts(concepts: &[Concept]) -> Result<Vec<Concept>, CoalitionError> {
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
    reachability: Reachability,
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
    /// O(S · (S + E)) in the worst case. That is under `legal_sequences`; under
    /// `distinct_movers`, with r other coalitions, the minima come from a dynamic program over
    /// the sets of coalitions that have moved, O(2^r · r · S · 2^k) for k options per
    /// coalition, and SMR for a coalition of two or more searches (state, coalitions moved)
    /// pairs, O(S · 2^r · (S + E)) in the worst case. Work and memory are metered against
    /// `options.limits`.
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
        Ok(Self::run_metered(
            model,
            partition,
            concepts,
            options.reachability,
            &meter,
        )?)
    }

    fn run_metered(
        model: &GraphModel,
        partition: &Partition,
        concepts: Vec<Concept>,
        reachability: Reachability,
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
                reachability,
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
            reachability,
            stable,
            equilibria,
        })
    }

    /// The partition analysed.
    pub fn partition(&self) -> &Partition {
        &self.partition
    }

    /// The reading of the sanctioning sequences used.
    pub fn reachability(&self) -> Reachability {
        self.reachability
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
            reachability: (self.reachability != Reachability::LegalSequences)
                .then_some(self.reachability),
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
    /// The reading of the sanctioning sequences where it is not the default
    /// `legal_sequences` (absent from the JSON then, so that `legal_sequences` output is
    /// unchanged).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reachability: Option<Reachability>,
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

pub(super) fn check_partition(
    model: &GraphModel,
    partition: &Partition,
) -> Result<(), CoalitionError> {
    // A partition built for another model may not fit this one.
    Partition::new(model, partition.coalitions.clone()).map(|_| ())
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
/// [`MAX_PARTITION_DECISION_MAKERS`](super::MAX_PARTITION_DECISION_MAKERS)), each as
/// [`CoalitionAnalysis::run`]; one work budget is shared by all.
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
            options.reachability,
            &meter,
        )?);
    }
    Ok(PartitionsAnalysis { analyses })
}
