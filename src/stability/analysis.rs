//! Running every stability concept for every decision maker and state.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::internal::bitset::BitSet;
use crate::internal::engine::{focal_verdicts, Focal, Prepared, Reading};
use crate::internal::sim::{needs_slices, sim_verdicts};
use crate::internal::sim_table::PayoffTable;
use crate::limits::{LimitError, Limits, Meter};
use crate::model::graph_model::GraphModel;
use crate::model::state::State;
use crate::stability::concept::{Concept, Reachability};
use crate::stability::error::AnalysisError;

/// What to analyse and how.
#[derive(Debug, Clone)]
pub struct AnalysisOptions {
    /// How opponents' sanctioning sequences are read.
    pub reachability: Reachability,
    /// The concepts to compute (default: all five).
    pub concepts: Vec<Concept>,
    /// Budgets.
    pub limits: Limits,
    /// Worker threads: 0 uses the machine's parallelism; 1 runs on the calling thread only.
    pub threads: usize,
}

impl Default for AnalysisOptions {
    fn default() -> Self {
        AnalysisOptions {
            reachability: Reachability::LegalSequences,
            concepts: Concept::ALL.to_vec(),
            limits: Limits::default(),
            threads: 0,
        }
    }
}

/// The stability of every feasible state for every decision maker under each analysed
/// concept.
///
/// Results are indexed by decision-maker index and dense state index (the state's position
/// among the feasible states in canonical order); methods taking a model translate to
/// [`State`]s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    pub(crate) model_name: String,
    pub(crate) reachability: Reachability,
    pub(crate) concepts: Vec<Concept>,
    /// `stable[c][dm]` for `concepts[c]`.
    pub(crate) stable: Vec<Vec<BitSet>>,
    pub(crate) state_count: usize,
}

/// Stable sets of one focal decision maker, per concept.
type FocalResult = Vec<(Focal, BitSet)>;

/// The engine's name for a concept it computes per focal decision maker (all but SIM).
fn focal(concept: Concept) -> Option<Focal> {
    match concept {
        Concept::Nash => Some(Focal::Nash),
        Concept::Gmr => Some(Focal::Gmr),
        Concept::Smr => Some(Focal::Smr),
        Concept::Seq => Some(Focal::Seq),
        Concept::Sim => None,
    }
}

/// The engine's name for a reading.
fn reading(reach: Reachability) -> Reading {
    match reach {
        Reachability::LegalSequences => Reading::LegalSequences,
        Reachability::DistinctMovers => Reading::DistinctMovers,
    }
}

/// States handed to one SIM job.
/// A multiple of 64, so that every chunk's verdicts fill whole words.
const SIM_CHUNK: usize = 1 << 14;

impl Analysis {
    /// Analyses `model`.
    ///
    /// Complexity: for Nash, GMR, SMR and SEQ under `legal_sequences`, O(r · S · n) per
    /// decision maker, with S feasible states, n options and r the number of fixpoint rounds
    /// (small in practice, at most the length of the longest shortest sanction); SEQ adds a
    /// log factor for sorting slices by payoff. `distinct_movers` costs O(2^(m-1) · (m-1) · S ·
    /// n) per decision maker for m decision makers. SIM enumerates, per state, every
    /// decision maker's one-move targets and then combinations of improvements until one
    /// sanctions, so its worst case is the product of the improvement counts.
    ///
    /// Results are independent of the thread count.
    pub fn run(model: &GraphModel, options: &AnalysisOptions) -> Result<Analysis, AnalysisError> {
        let meter = Meter::new(&options.limits);
        let mut concepts: Vec<Concept> = Concept::ALL
            .into_iter()
            .filter(|c| options.concepts.contains(c))
            .collect();
        concepts.dedup();
        let dms = model.dms.len();
        let n = model.feasible.len();
        // Memory estimate: slices (order + slice_of + starts) per decision maker, plus per
        // worker a handful of value arrays.
        let workers = worker_count(options.threads);
        let per_state = 12 * dms as u64 + 4 * 8 * workers as u64;
        meter.memory((n as u64).saturating_mul(per_state))?;
        if options.limits.cancelled() {
            return Err(LimitError::Cancelled.into());
        }
        let classic: Vec<Focal> = concepts.iter().filter_map(|&c| focal(c)).collect();
        let want_sim = concepts.contains(&Concept::Sim);
        // SIM's lookup tables (within a quarter of the memory budget, at most 1 GiB). With
        // them SIM needs no slices of decision makers with few options.
        let table = if want_sim {
            let budget = (options.limits.max_memory / 4).min(1 << 30);
            PayoffTable::build(model, budget, workers)
        } else {
            None
        };
        let prep = Prepared::with_slices(model, workers, |d| {
            !classic.is_empty() || needs_slices(table.as_ref(), model.dms[d].option_count)
        });
        // Jobs: one per focal decision maker, then SIM chunks.
        let sim_chunks = if want_sim { n.div_ceil(SIM_CHUNK) } else { 0 };
        let focal_jobs = if classic.is_empty() { 0 } else { dms };
        let jobs = focal_jobs + sim_chunks;
        let focal_results: Mutex<Vec<Option<FocalResult>>> = Mutex::new(vec![None; dms]);
        let sim_results: Mutex<Vec<Option<Vec<Vec<u64>>>>> = Mutex::new(vec![None; sim_chunks]);
        let next = AtomicUsize::new(0);
        let failure: Mutex<Option<LimitError>> = Mutex::new(None);
        let work = || loop {
            let job = next.fetch_add(1, Ordering::Relaxed);
            if job >= jobs || failure.lock().map(|f| f.is_some()).unwrap_or(true) {
                break;
            }
            let result = if job < focal_jobs {
                focal_verdicts(&prep, job, &classic, reading(options.reachability), &meter).map(
                    |v| {
                        if let Ok(mut r) = focal_results.lock() {
                            r[job] = Some(v);
                        }
                    },
                )
            } else {
                let c = job - focal_jobs;
                let range = c * SIM_CHUNK..((c + 1) * SIM_CHUNK).min(n);
                sim_verdicts(&prep, table.as_ref(), range, &meter).map(|v| {
                    if let Ok(mut r) = sim_results.lock() {
                        r[c] = Some(v);
                    }
                })
            };
            if let Err(e) = result {
                if let Ok(mut f) = failure.lock() {
                    f.get_or_insert(e);
                }
                break;
            }
        };
        let threads = workers.min(jobs.max(1));
        if threads <= 1 {
            work();
        } else {
            std::thread::scope(|scope| {
                for _ in 0..threads {
                    scope.spawn(work);
                }
            });
        }
        if let Some(e) = failure.into_inner().ok().flatten() {
            return Err(e.into());
        }
        let focal_results = focal_results.into_inner().unwrap_or_default();
        let sim_results = sim_results.into_inner().unwrap_or_default();
        let mut stable = Vec::new();
        for &c in &concepts {
            let mut per_dm = Vec::with_capacity(dms);
            for d in 0..dms {
                let set = if c == Concept::Sim {
                    let words = sim_results
                        .iter()
                        .flatten()
                        .flat_map(|chunk| chunk.get(d).into_iter().flatten().copied());
                    BitSet::from_words(n, words)
                } else {
                    focal_results
                        .get(d)
                        .and_then(Option::as_ref)
                        .and_then(|v| v.iter().find(|(cc, _)| Some(*cc) == focal(c)))
                        .map(|(_, s)| s.clone())
                        .unwrap_or_else(|| BitSet::new(n))
                };
                per_dm.push(set);
            }
            stable.push(per_dm);
        }
        Ok(Analysis {
            model_name: model.name().to_string(),
            reachability: options.reachability,
            concepts,
            stable,
            state_count: n,
        })
    }

    /// The reading used.
    pub fn reachability(&self) -> Reachability {
        self.reachability
    }

    /// The concepts analysed, in output order.
    pub fn concepts(&self) -> &[Concept] {
        &self.concepts
    }

    /// The analysed model's name.
    pub fn model_name(&self) -> &str {
        &self.model_name
    }

    /// Number of feasible states.
    pub fn state_count(&self) -> usize {
        self.state_count
    }

    fn sets(&self, concept: Concept) -> Result<&[BitSet], AnalysisError> {
        self.concepts
            .iter()
            .position(|&c| c == concept)
            .map(|p| self.stable[p].as_slice())
            .ok_or_else(|| AnalysisError::ConceptNotAnalysed(concept.to_string()))
    }

    /// Whether the state at dense `index` is stable for decision maker `dm` under `concept`.
    pub fn is_stable_index(
        &self,
        concept: Concept,
        dm: usize,
        index: usize,
    ) -> Result<bool, AnalysisError> {
        let sets = self.sets(concept)?;
        let set = sets
            .get(dm)
            .ok_or_else(|| AnalysisError::UnknownDecisionMaker(dm.to_string()))?;
        Ok(set.contains(index))
    }

    /// Whether `state` is stable for decision maker `dm` under `concept`.
    pub fn is_stable(
        &self,
        model: &GraphModel,
        concept: Concept,
        dm: usize,
        state: State,
    ) -> Result<bool, AnalysisError> {
        let index = model
            .index_of(state)
            .ok_or_else(|| AnalysisError::InfeasibleState(model.label(state)))?;
        self.is_stable_index(concept, dm, index)
    }

    /// Dense indices of the states stable for `dm` under `concept`, ascending.
    pub fn stable_indices(&self, concept: Concept, dm: usize) -> Result<Vec<usize>, AnalysisError> {
        let sets = self.sets(concept)?;
        let set = sets
            .get(dm)
            .ok_or_else(|| AnalysisError::UnknownDecisionMaker(dm.to_string()))?;
        Ok(set.iter().collect())
    }

    /// Dense indices of the equilibria under `concept` (stable for every decision maker),
    /// ascending.
    pub fn equilibrium_indices(&self, concept: Concept) -> Result<Vec<usize>, AnalysisError> {
        Ok(self.equilibrium_set(concept)?.iter().collect())
    }

    pub(crate) fn equilibrium_set(&self, concept: Concept) -> Result<BitSet, AnalysisError> {
        let sets = self.sets(concept)?;
        let mut all = BitSet::full(self.state_count);
        for s in sets {
            all.intersect_with(s);
        }
        Ok(all)
    }

    /// The equilibria under `concept`, in canonical order.
    pub fn equilibria(
        &self,
        model: &GraphModel,
        concept: Concept,
    ) -> Result<Vec<State>, AnalysisError> {
        Ok(self
            .equilibrium_indices(concept)?
            .into_iter()
            .filter_map(|i| model.state_at(i))
            .collect())
    }

    /// Number of states stable for `dm` under `concept`.
    pub fn stable_count(&self, concept: Concept, dm: usize) -> Result<usize, AnalysisError> {
        Ok(self
            .sets(concept)?
            .get(dm)
            .ok_or_else(|| AnalysisError::UnknownDecisionMaker(dm.to_string()))?
            .count())
    }
}

/// The worker threads to use: `threads`, or the machine's parallelism for 0.
fn worker_count(threads: usize) -> usize {
    if threads == 0 {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    } else {
        threads
    }
}
