//! The forecast: how likely each outcome is, from the status quo, over every completion of the
//! parties' preferences.
//!
//! For each completion (every one, or [`crate::Limits::forecast_completions`] of them drawn
//! with a fixed seed when there are more), the standoff evolves from the status quo:
//!
//! - [`Anticipation::Farsighted`] (the default): by farsighted play with settlements
//!   ([`crate::post::farsighted`]); its final states are farsighted-stable, and where play
//!   branches the documented split rule gives each branch its share;
//! - [`Anticipation::Myopic`] (the reading before forecasts): the predicted outcomes of
//!   [`crate::Resolution::predicted`] (equilibria reachable by unilateral improvements), each
//!   equally likely.
//!
//! Every completion weighs the same; a state's probability is its mean share, an outcome
//! code's the sum over its states. An outcome is *robust* where every completion ends in it
//! with certainty.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::compile::{Compiled, OutcomeCode, PartyChoice};
use crate::limits::{LimitError, Limits};
use crate::model::graph_model::GraphModel;
use crate::model::state::State;
use crate::post::farsighted::{FarStep, FarsightedOptions, MoveGraph, Play};
use crate::post::status_quo::{StatusQuoAnalysis, Steps};
use crate::resolve::contested::{contested, Contested};
use crate::resolve::explain::{party_name, state_ref, step};
use crate::resolve::resolution::{StateRef, Step};
use crate::resolve::standing::{joint_standing, order};
use crate::stability::analysis::{Analysis, AnalysisOptions};
use crate::stability::concept::{Concept, Reachability};
use crate::stability::error::AnalysisError;

/// How parties are taken to reason when the forecast evolves the standoff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Anticipation {
    /// Farsighted play with settlements (see [`crate::post::farsighted`]).
    Farsighted {
        /// Moves looked ahead; `None`: two per party.
        horizon: Option<usize>,
        /// True where parties may settle (joint moves every mover strictly prefers).
        joint_moves: bool,
    },
    /// Unilateral improvements only: the predicted outcomes, equally likely.
    Myopic,
}

impl Default for Anticipation {
    fn default() -> Self {
        Anticipation::Farsighted {
            horizon: None,
            joint_moves: true,
        }
    }
}

/// One state of a forecast outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForecastState {
    /// The state.
    pub state: StateRef,
    /// Its probability.
    pub probability: f64,
}

/// Why a party stays at a forecast state.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForecastReason {
    /// The party.
    pub party: String,
    /// Its best move from the state (farsighted: the one whose anticipated end it rates
    /// highest), `None` where it has none.
    pub best_move: Option<StateRef>,
    /// Where that move would most likely end, after everyone's replies.
    pub leads_to: Option<StateRef>,
    /// The probability of `leads_to` after that move.
    pub leads_to_probability: f64,
    /// True where the party rates staying at least as high as its best move.
    pub stays: bool,
}

/// One outcome code of the forecast.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForecastOutcome {
    /// The outcome code.
    pub code: OutcomeCode,
    /// Its probability.
    pub probability: f64,
    /// True where every completion ends in it with certainty.
    pub robust: bool,
    /// The states behind it, most likely first.
    pub states: Vec<ForecastState>,
    /// A path from the status quo to its most likely state (the moves each party makes, as it
    /// anticipates them), in the first completion that ends there.
    pub path: Vec<Step>,
    /// Why each party stays at its most likely state, in that completion (farsighted only).
    pub reasons: Vec<ForecastReason>,
}

/// What a forecast rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForecastBasis {
    /// The anticipation used.
    pub anticipation: Anticipation,
    /// The horizon used (farsighted).
    pub horizon: Option<usize>,
    /// Completions the preferences allow.
    pub completions: u64,
    /// Completions resolved (all, or a sample).
    pub resolved: u64,
    /// True where the completions were sampled (with a fixed seed).
    pub sampled: bool,
    /// Probability of play cycling forever among unstable states (farsighted; normally 0).
    pub unsettled: f64,
}

/// What one completion ends in: `(state, probability)` by state.
type Ends = Vec<(State, f64)>;

/// The forecast of `compiled` from `status_quo`, outcome codes most likely first.
pub(crate) fn forecast(
    compiled: &Compiled,
    status_quo: State,
    anticipation: Anticipation,
    analysis: (&[Concept], Reachability),
    limits: &Limits,
    threads: usize,
) -> Result<(Vec<ForecastOutcome>, ForecastBasis, Vec<Contested>), AnalysisError> {
    let model = compiled.model();
    let space = compiled.preferences();
    let total = space.completion_count();
    let indices = completion_indices(total, limits.forecast_completions);
    let parties = model.decision_makers().len();
    let options = match anticipation {
        Anticipation::Farsighted {
            horizon,
            joint_moves,
        } => Some(FarsightedOptions {
            horizon: horizon.unwrap_or(FarsightedOptions::for_parties(parties).horizon),
            joint_moves,
        }),
        Anticipation::Myopic => None,
    };
    if let Some(o) = options {
        play_memory(model, o, threads, limits)?;
    }
    let graph = match options {
        Some(o) => Some(MoveGraph::new(model, o.joint_moves, limits)?),
        None => None,
    };
    let sq = model.index_of(status_quo).unwrap_or(0);
    let run = |index: u64| -> Result<(Ends, f64, Vec<PartyChoice>), AnalysisError> {
        if limits.cancelled() {
            return Err(LimitError::Cancelled.into());
        }
        let completion = space.completion(model, index);
        let (ends, unsettled) = match (&graph, options) {
            (Some(g), Some(o)) => {
                let mut play = Play::new(g, &completion.ranks, o);
                let evo = play.evolve(sq);
                let unsettled = evo
                    .finals
                    .iter()
                    .filter(|(s, _)| evo.unsettled.contains(s))
                    .map(|(_, p)| p)
                    .sum();
                let ends = evo
                    .finals
                    .iter()
                    .filter_map(|&(s, p)| Some((g.state(s)?, p)))
                    .collect();
                (ends, unsettled)
            }
            _ => {
                let m = with_ranks(model, &completion.ranks);
                let states = myopic(&m, status_quo, analysis, limits, threads)?;
                let share = 1.0 / states.len().max(1) as f64;
                (states.into_iter().map(|s| (s, share)).collect(), 0.0)
            }
        };
        Ok((ends, unsettled, completion.choices))
    };
    let results = parallel(&indices, threads, &run)?;
    let weight = 1.0 / indices.len().max(1) as f64;
    let mut by_state: BTreeMap<State, f64> = BTreeMap::new();
    let mut unsettled = 0.0;
    for (ends, u, _) in &results {
        unsettled += u * weight;
        for &(s, p) in ends {
            *by_state.entry(s).or_default() += p * weight;
        }
    }
    let mut codes: BTreeMap<OutcomeCode, Vec<(State, f64)>> = BTreeMap::new();
    for (&s, &p) in &by_state {
        codes
            .entry(compiled.outcome_code(s))
            .or_default()
            .push((s, p));
    }
    let mut outcomes = Vec::new();
    for (code, mut states) in codes {
        states.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let probability: f64 = states.iter().map(|s| s.1).sum();
        let robust = results
            .iter()
            .all(|(ends, _, _)| ends.iter().all(|&(s, _)| compiled.outcome_code(s) == code));
        let top = states[0].0;
        let first = indices
            .iter()
            .zip(&results)
            .find(|(_, (ends, _, _))| ends.iter().any(|&(s, _)| s == top))
            .map(|(&i, _)| i)
            .unwrap_or(0);
        let (path, reasons) = explain_end(
            compiled, &graph, options, first, status_quo, top, analysis, limits,
        )?;
        outcomes.push(ForecastOutcome {
            code,
            probability,
            robust,
            states: states
                .into_iter()
                .map(|(s, p)| ForecastState {
                    state: state_ref(compiled, s),
                    probability: p,
                })
                .collect(),
            path,
            reasons,
        });
    }
    order(&mut outcomes, &|states: &[ForecastState]| {
        joint_standing(compiled, &indices, states)
    });
    let basis = ForecastBasis {
        anticipation,
        horizon: options.map(|o| o.horizon),
        completions: total,
        resolved: indices.len() as u64,
        sampled: (indices.len() as u64) < total,
        unsettled,
    };
    let by_completion: Vec<(Vec<PartyChoice>, BTreeMap<OutcomeCode, f64>)> = results
        .into_iter()
        .map(|(ends, _, choices)| {
            let mut codes: BTreeMap<OutcomeCode, f64> = BTreeMap::new();
            for (s, p) in ends {
                *codes.entry(compiled.outcome_code(s)).or_default() += p;
            }
            (choices, codes)
        })
        .collect();
    Ok((outcomes, basis, contested(&by_completion)))
}

/// Checks that the memo tables of farsighted play (one per worker thread: four bytes per
/// `(state, last mover, moves left)`) fit in [`Limits::max_memory`].
fn play_memory(
    model: &GraphModel,
    o: FarsightedOptions,
    threads: usize,
    limits: &Limits,
) -> Result<(), LimitError> {
    let workers = if threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        threads
    } as u64;
    let slots = (model.state_count() as u64)
        .saturating_mul(model.decision_makers().len() as u64 + 1)
        .saturating_mul(o.horizon as u64 + 1);
    let needed = slots.saturating_mul(4).saturating_mul(workers);
    if needed > limits.max_memory {
        return Err(LimitError::Memory {
            needed,
            limit: limits.max_memory,
        });
    }
    Ok(())
}

/// The completions resolved: all of them up to `budget`, else `budget` drawn with a fixed
/// seed (splitmix64), in increasing order.
fn completion_indices(total: u64, budget: u64) -> Vec<u64> {
    if total <= budget.max(1) {
        return (0..total.max(1)).collect();
    }
    let mut state: u64 = 0x5EED_5EED_5EED_5EED;
    let mut out: Vec<u64> = (0..budget.max(1))
        .map(|_| {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            (z ^ (z >> 31)) % total
        })
        .collect();
    out.sort_unstable();
    out
}

/// Runs `run` over `indices` on up to `threads` threads (0: the machine's parallelism);
/// results in the order of `indices` whatever the thread count.
fn parallel<T: Send>(
    indices: &[u64],
    threads: usize,
    run: &(dyn Fn(u64) -> Result<T, AnalysisError> + Sync),
) -> Result<Vec<T>, AnalysisError> {
    let workers = if threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        threads
    }
    .clamp(1, indices.len().max(1));
    if workers == 1 {
        return indices.iter().map(|&i| run(i)).collect();
    }
    let chunk = indices.len().div_ceil(workers);
    let parts: Vec<Result<Vec<T>, AnalysisError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = indices
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(|&i| run(i)).collect()))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Ok(Vec::new())))
            .collect()
    });
    let mut out = Vec::with_capacity(indices.len());
    for part in parts {
        out.extend(part?);
    }
    Ok(out)
}

/// `model` with the preference of every decision maker replaced by `ranks`.
fn with_ranks(model: &GraphModel, ranks: &[Vec<u32>]) -> GraphModel {
    let mut m = model.clone();
    for (dm, r) in ranks.iter().enumerate() {
        if r.as_slice() != model.payoffs_of(dm) {
            m.set_ranking(dm, r);
        }
    }
    m
}

/// The myopic predicted states: equilibria (under any of `concepts`) reachable from the status
/// quo by unilateral improvements, nearest first, then in canonical order.
pub(crate) fn myopic(
    model: &GraphModel,
    status_quo: State,
    (concepts, reachability): (&[Concept], Reachability),
    limits: &Limits,
    threads: usize,
) -> Result<Vec<State>, AnalysisError> {
    let analysis = Analysis::run(
        model,
        &AnalysisOptions {
            reachability,
            concepts: concepts.to_vec(),
            limits: limits.clone(),
            threads,
        },
    )?;
    let evolution = StatusQuoAnalysis::run(model, status_quo, Steps::Improvements, limits)?;
    let mut states = std::collections::BTreeSet::new();
    for &c in concepts {
        states.extend(analysis.equilibria(model, c)?);
    }
    let mut reached: Vec<(usize, State)> = states
        .into_iter()
        .filter_map(|s| Some((evolution.distance(model, s)?, s)))
        .collect();
    reached.sort();
    Ok(reached.into_iter().map(|(_, s)| s).collect())
}

/// The path to `end` and the reasons at `end` in completion `index`.
#[allow(clippy::too_many_arguments)]
fn explain_end(
    compiled: &Compiled,
    graph: &Option<MoveGraph>,
    options: Option<FarsightedOptions>,
    index: u64,
    status_quo: State,
    end: State,
    analysis: (&[Concept], Reachability),
    limits: &Limits,
) -> Result<(Vec<Step>, Vec<ForecastReason>), AnalysisError> {
    let model = compiled.model();
    let completion = compiled.preferences().completion(model, index);
    let (Some(g), Some(o)) = (graph, options) else {
        let m = with_ranks(model, &completion.ranks);
        let _ = analysis;
        let evolution = StatusQuoAnalysis::run(&m, status_quo, Steps::Improvements, limits)?;
        let path = evolution
            .path(&m, end)
            .unwrap_or_default()
            .into_iter()
            .map(|st| step(compiled, st.mover, st.from, st.to, st.improvement))
            .collect();
        return Ok((path, Vec::new()));
    };
    let mut play = Play::new(g, &completion.ranks, o);
    let (sq, e) = (
        model.index_of(status_quo).unwrap_or(0),
        model.index_of(end).unwrap_or(0),
    );
    let at = |i: usize| g.state(i).unwrap_or_default();
    let path = play
        .path(sq, e)
        .unwrap_or_default()
        .into_iter()
        .map(|s| far_step(compiled, &completion.ranks, &s, at(s.from), at(s.to)))
        .collect();
    let reasons = play
        .reasons(e)
        .into_iter()
        .map(|r| ForecastReason {
            party: party_name(compiled, r.party),
            best_move: r.best_move.map(|t| state_ref(compiled, at(t))),
            leads_to: r.leads_to.first().map(|&(t, _)| state_ref(compiled, at(t))),
            leads_to_probability: r.leads_to.first().map_or(0.0, |&(_, p)| p),
            stays: r.rating <= r.stay_rank + 1e-9,
        })
        .collect();
    Ok((path, reasons))
}

/// A farsighted move in domain terms; a settlement names every mover (`A + B`).
fn far_step(compiled: &Compiled, ranks: &[Vec<u32>], s: &FarStep, from: State, to: State) -> Step {
    let mut out = step(compiled, s.movers[0], from, to, false);
    out.party = s
        .movers
        .iter()
        .map(|&p| party_name(compiled, p))
        .collect::<Vec<_>>()
        .join(" + ");
    out.improvement = s.movers.iter().all(|&p| {
        ranks.get(p).is_some_and(|r| {
            r.get(s.to).copied().unwrap_or(0) > r.get(s.from).copied().unwrap_or(0)
        })
    });
    out
}
