//! The resolution of a scenario as data: outcomes, paths, explanation trees, threats.
//!
//! Every state is given by its label (`Y`/`N` per option, in option order) and its outcome
//! name, so a resolution reads on its own and serializes to JSON
//! ([`Resolution::to_json_string`]); `Display` (in [`crate::report`]) gives a readable summary.

use serde::Serialize;

use crate::compile::Outcome;
use crate::stability::concept::{Concept, Reachability};

/// The value of `format` in resolution JSON.
pub const RESOLUTION_FORMAT: &str = "standoff.resolution/1";

/// A state: its label and outcome.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct StateRef {
    /// `Y`/`N` per option, in option order.
    pub label: String,
    /// What the state stands for.
    pub outcome: Outcome,
}

/// One party's move, in domain terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// The party moving.
    pub party: String,
    /// The label of the state before.
    pub from: String,
    /// The state after.
    pub to: StateRef,
    /// What changes (`Pakistan withdraws BES access`).
    pub changes: Vec<String>,
    /// True where the party strictly prefers where it moves to.
    pub improvement: bool,
}

/// The opponents' answer that blocks an improvement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    /// The opponents' moves, in order (for SIM, simultaneous moves).
    pub moves: Vec<Step>,
    /// Where they end: a state the improving party does not prefer to where it started.
    pub end: StateRef,
    /// True where every move of the answer is an improvement for the party making it (a
    /// threat it would carry out in its own interest).
    pub credible: bool,
}

/// One unilateral improvement of a party and what (if anything) blocks it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImprovementReason {
    /// The state the improvement leads to.
    pub to: StateRef,
    /// What the party would change.
    pub changes: Vec<String>,
    /// The answer that blocks it, `None` where nothing does.
    pub blocked_by: Option<Block>,
}

/// Why a party stays at a state (or would leave it), under one concept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartyReasons {
    /// The party.
    pub party: String,
    /// True where every improvement is blocked (or there is none).
    pub stable: bool,
    /// Every unilateral improvement, in canonical order of the states it leads to.
    pub improvements: Vec<ImprovementReason>,
}

/// The reasons of every party at one state under one concept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConceptExplanation {
    /// The concept.
    pub concept: Concept,
    /// One entry per party, in party order.
    pub parties: Vec<PartyReasons>,
}

/// An equilibrium reachable from the status quo by improving moves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PredictedOutcome {
    /// The state.
    pub state: StateRef,
    /// The concepts under which it is an equilibrium, in output order.
    pub concepts: Vec<Concept>,
    /// A shortest path of improving moves from the status quo (empty when it is the status
    /// quo).
    pub path: Vec<Step>,
    /// Why each party stays, under each concept of `concepts`.
    pub explanations: Vec<ConceptExplanation>,
}

/// The order in which concepts lead an explanation: the most demanding first (a Nash
/// equilibrium needs no sanction; SEQ needs credible ones).
pub const LEADING_ORDER: [Concept; 5] = [
    Concept::Nash,
    Concept::Seq,
    Concept::Smr,
    Concept::Gmr,
    Concept::Sim,
];

impl PredictedOutcome {
    /// The explanation under the most demanding concept that holds (see [`LEADING_ORDER`]).
    pub fn leading(&self) -> Option<&ConceptExplanation> {
        LEADING_ORDER
            .iter()
            .find_map(|c| self.explanations.iter().find(|e| e.concept == *c))
    }
}

/// An equilibrium under at least one concept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Equilibrium {
    /// The state.
    pub state: StateRef,
    /// The concepts under which it is an equilibrium.
    pub concepts: Vec<Concept>,
    /// True where it is reachable from the status quo by improving moves.
    pub reachable: bool,
}

/// One place where a threat blocks a party's improvement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deterrence {
    /// The party deterred.
    pub party: String,
    /// Where it is deterred.
    pub at: StateRef,
    /// The improvement it does not take.
    pub instead_of: StateRef,
    /// The concepts under which this block was found.
    pub concepts: Vec<Concept>,
    /// True where the threatening move is an improvement for its mover there.
    pub credible: bool,
}

/// A coercive option (enforcing a sanction, leaving the market) that blocks an improvement of
/// another party at the status quo or at a predicted outcome, or that is taken on a path to a
/// predicted outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Threat {
    /// The party that holds the threat.
    pub party: String,
    /// The option.
    pub option: String,
    /// What taking it means.
    pub meaning: String,
    /// The parties it deters or hurts, in party order.
    pub against: Vec<String>,
    /// True where taking it is, at least once, an improvement for `party`: a threat it would
    /// carry out in its own interest.
    pub credible: bool,
    /// Where it blocks an improvement.
    pub deters: Vec<Deterrence>,
    /// Labels of the predicted outcomes whose path takes it.
    pub on_paths: Vec<String>,
}

/// One option of the compiled model, for reading labels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OptionLine {
    /// The option's name.
    pub name: String,
    /// Its party.
    pub party: String,
    /// What taking it means.
    pub meaning: String,
}

/// The resolution of a scenario. See the [module documentation](self).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resolution {
    /// Always [`RESOLUTION_FORMAT`].
    pub format: String,
    /// The scenario's name.
    pub scenario: String,
    /// The forecast: outcome codes with their probabilities, most likely first (see
    /// [`crate::resolve::forecast`]).
    pub forecast: Vec<crate::resolve::forecast::ForecastOutcome>,
    /// The forecast blended with a reference class, where the resolver was asked for it
    /// ([`crate::Resolver::outlook`]); absent from JSON otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlook: Option<crate::resolve::outlook::Outlook>,
    /// What the forecast rests on.
    pub forecast_basis: crate::resolve::forecast::ForecastBasis,
    /// The open questions about the parties' preferences, the one the forecast hinges on first
    /// (see [`crate::resolve::contested`]); empty without uncertainty.
    pub contested: Vec<crate::resolve::contested::Contested>,
    /// The reading of opponents' sanctioning sequences.
    pub reachability: Reachability,
    /// The concepts analysed.
    pub concepts: Vec<Concept>,
    /// The options, in the order of the letters of state labels.
    pub options: Vec<OptionLine>,
    /// Number of feasible states.
    pub states: usize,
    /// The status quo.
    pub status_quo: StateRef,
    /// Why each party moves from (or stays at) the status quo, under SEQ where analysed (only
    /// credible answers count), else under the first concept analysed.
    pub status_quo_reasons: ConceptExplanation,
    /// Number of states reachable from the status quo by improving moves, itself included.
    pub reachable: usize,
    /// The equilibria reachable from the status quo by improving moves (under any concept),
    /// nearest first, then in canonical order.
    pub predicted: Vec<PredictedOutcome>,
    /// Every equilibrium under any concept, in canonical order.
    pub equilibria: Vec<Equilibrium>,
    /// Threats at work: see [`Threat`]; in option order.
    pub threats: Vec<Threat>,
}

impl Resolution {
    /// The predicted outcome with state label `label`.
    pub fn predicted_outcome(&self, label: &str) -> Option<&PredictedOutcome> {
        self.predicted.iter().find(|p| p.state.label == label)
    }

    /// The credible threats (see [`Threat::credible`]).
    pub fn credible_threats(&self) -> impl Iterator<Item = &Threat> {
        self.threats.iter().filter(|t| t.credible)
    }

    /// The resolution as pretty JSON.
    pub fn to_json_string(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(self)
    }
}
