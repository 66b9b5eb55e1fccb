//! Resolving a scenario: its equilibria with outcome names, the outcomes predicted from the
//! status quo with the shortest path to each, why each party stays there, and the threats at
//! work.
//!
//! A *predicted outcome* is an equilibrium (under at least one of the concepts analysed) that
//! the status quo can evolve to by unilateral improvements ([`crate::post::status_quo`]).
//! For each, the explanation tree gives, per concept under which it is an equilibrium and per
//! party, every improvement the party has and the opponents' answer that blocks it. A
//! [`Threat`] is a coercive option (enforcing a sanction, leaving the market) that appears in
//! such an answer (at the status quo or at a predicted outcome) or on a path to a predicted
//! outcome; it is *credible* where taking it is an improvement for the party holding it.
//!
//! ```
//! use standoff::{Resolver, Scenario};
//! let scenario = Scenario::from_toml_str(include_str!("../../seeds/blackberry-pakistan-2015.toml"))?;
//! let (_, resolution) = Resolver::default().resolve_scenario(&scenario)?;
//! assert!(resolution.predicted.iter().any(|p| p.state.outcome.name.starts_with("demand withdrawn")));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod contested;
mod explain;
pub mod forecast;
pub mod outlook;
pub mod resolution;
mod standing;
mod threats;

pub use contested::{Branch, Contested, Question};
pub use forecast::{Anticipation, ForecastBasis, ForecastOutcome, ForecastReason, ForecastState};
pub use outlook::{
    blend_shares, outlook_of, Blend, Outlook, OutlookError, OutlookOutcome, ReferenceClass,
};
pub use resolution::{
    Block, ConceptExplanation, Deterrence, Equilibrium, ImprovementReason, OptionLine,
    PartyReasons, PredictedOutcome, Resolution, StateRef, Step, Threat, RESOLUTION_FORMAT,
};

use crate::compile::{compile_with_limits, Compiled};
use crate::limits::Limits;
use crate::model::state::State;
use crate::post::status_quo::{StatusQuoAnalysis, Steps};
use crate::scenario::{Scenario, ScenarioError};
use crate::stability::analysis::{Analysis, AnalysisOptions};
use crate::stability::concept::{Concept, Reachability};
use crate::stability::error::AnalysisError;

/// Why a scenario could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// The scenario is invalid or does not compile.
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    /// The analysis failed (a budget was exceeded).
    #[error(transparent)]
    Analysis(#[from] AnalysisError),
}

/// Resolves compiled scenarios. See the [module documentation](self).
#[derive(Debug, Clone)]
pub struct Resolver {
    /// How opponents' sanctioning sequences are read.
    pub reachability: Reachability,
    /// The concepts to analyse (empty means all five).
    pub concepts: Vec<Concept>,
    /// Budgets for compilation, analysis and explanations.
    pub limits: Limits,
    /// Worker threads of the analysis (0: the machine's parallelism).
    pub threads: usize,
    /// How the forecast takes parties to reason (default: farsighted with settlements).
    pub anticipation: Anticipation,
    /// Where set, the resolution also carries the [`Outlook`]: the forecast blended with a
    /// reference class (see [`outlook`]). Default `None`.
    pub outlook: Option<Blend>,
}

impl Default for Resolver {
    fn default() -> Self {
        Resolver {
            reachability: Reachability::LegalSequences,
            concepts: Concept::ALL.to_vec(),
            limits: Limits::default(),
            threads: 0,
            anticipation: Anticipation::default(),
            outlook: None,
        }
    }
}

impl Resolver {
    /// Compiles and resolves `scenario`.
    pub fn resolve_scenario(
        &self,
        scenario: &Scenario,
    ) -> Result<(Compiled, Resolution), ResolveError> {
        let compiled = compile_with_limits(scenario, &self.limits)?;
        let resolution = self.resolve(&compiled)?;
        Ok((compiled, resolution))
    }

    /// Resolves a compiled scenario.
    pub fn resolve(&self, compiled: &Compiled) -> Result<Resolution, AnalysisError> {
        let model = compiled.model();
        let concepts: Vec<Concept> = if self.concepts.is_empty() {
            Concept::ALL.to_vec()
        } else {
            Concept::ALL
                .into_iter()
                .filter(|c| self.concepts.contains(c))
                .collect()
        };
        let analysis = Analysis::run(
            model,
            &AnalysisOptions {
                reachability: self.reachability,
                concepts: concepts.clone(),
                limits: self.limits.clone(),
                threads: self.threads,
            },
        )?;
        let status_quo = model
            .status_quo()
            .or_else(|| model.state_at(0))
            .unwrap_or_default();
        let evolution =
            StatusQuoAnalysis::run(model, status_quo, Steps::Improvements, &self.limits)?;

        // Every equilibrium with its concepts, in canonical order.
        let mut by_state: std::collections::BTreeMap<State, Vec<Concept>> = Default::default();
        for &c in &concepts {
            for s in analysis.equilibria(model, c)? {
                by_state.entry(s).or_default().push(c);
            }
        }
        let equilibria = by_state
            .iter()
            .map(|(&s, cs)| Equilibrium {
                state: explain::state_ref(compiled, s),
                concepts: cs.clone(),
                reachable: evolution.is_reachable(model, s),
            })
            .collect();

        let mut predicted = Vec::new();
        let mut reached: Vec<(usize, State)> = by_state
            .keys()
            .filter_map(|&s| Some((evolution.distance(model, s)?, s)))
            .collect();
        reached.sort();
        for (_, s) in reached {
            let cs = by_state.get(&s).cloned().unwrap_or_default();
            let path = evolution
                .path(model, s)
                .unwrap_or_default()
                .into_iter()
                .map(|st| explain::step(compiled, st.mover, st.from, st.to, st.improvement))
                .collect();
            let explanations = cs
                .iter()
                .map(|&c| explain::explain_state(compiled, c, self.reachability, s, &self.limits))
                .collect::<Result<_, _>>()?;
            predicted.push(PredictedOutcome {
                state: explain::state_ref(compiled, s),
                concepts: cs,
                path,
                explanations,
            });
        }

        let sq_concept = if concepts.contains(&Concept::Seq) {
            Concept::Seq
        } else {
            concepts.first().copied().unwrap_or(Concept::Gmr)
        };
        let status_quo_reasons = explain::explain_state(
            compiled,
            sq_concept,
            self.reachability,
            status_quo,
            &self.limits,
        )?;
        let status_quo_ref = explain::state_ref(compiled, status_quo);
        let threats =
            threats::collect(compiled, (&status_quo_ref, &status_quo_reasons), &predicted);
        let (forecast, forecast_basis, contested) = forecast::forecast(
            compiled,
            status_quo,
            self.anticipation,
            (&concepts, self.reachability),
            &self.limits,
            self.threads,
        )?;
        let outlook = self
            .outlook
            .as_ref()
            .map(|blend| outlook::outlook_of(&forecast, blend));
        Ok(Resolution {
            format: RESOLUTION_FORMAT.to_string(),
            scenario: compiled.name().to_string(),
            forecast,
            outlook,
            forecast_basis,
            contested,
            reachability: self.reachability,
            concepts,
            options: compiled
                .options()
                .iter()
                .map(|o| OptionLine {
                    name: o.name.clone(),
                    party: o.party.clone(),
                    meaning: o.taken.clone(),
                })
                .collect(),
            states: model.state_count(),
            status_quo: status_quo_ref,
            status_quo_reasons,
            reachable: evolution.reachable(model).len(),
            predicted,
            equilibria,
            threats,
        })
    }
}
