#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![forbid(unsafe_code)]

// The layers, lowest first: a module imports only modules above it in this list (checked by
// tests/layering.rs), and never through this file's re-exports.

// The GMCR engine, usable on its own.
pub mod limits; // resource budgets: options, states, work, memory, cancellation
pub mod model; // the graph model: options, states, conditions, preferences, file format
pub(crate) mod internal; // the engine's machinery: slices, kernels, fixpoints
pub mod stability; // Nash, GMR, SMR, SEQ, SIM verdicts and their explanations
pub mod post; // status quo evolution, coalitions, limited move, sensitivity, farsighted play

// The domain pipeline: scenario -> conflict -> compile -> (engine) -> resolve -> report.
pub mod scenario; // parties, policies, demands, sanctions, outcome codes; the scenario format
pub mod conflict; // the conflict graph: conflicts, threats, policies under pressure
pub mod compile; // scenario -> graph model, options' meanings, outcome names
pub mod resolve; // predicted outcomes, paths, reasons, threats, the forecast
pub mod report; // renderers: text, Markdown, tableau, DOT

// Beside the layers.
#[cfg(feature = "proptest")]
pub mod strategy; // proptest strategies for users' property tests

// Re-exports: the types most users need, at the crate root, in layer order.
pub use limits::{LimitError, Limits};

pub use model::builder::GraphModelBuilder;
pub use model::condition::Condition;
pub use model::error::{LoadError, Located, ModelError, ModelErrors};
pub use model::file::{GraphModelFile, GRAPH_MODEL_FORMAT};
pub use model::graph_model::{DecisionMaker, Direction, GraphModel, OptionInfo};
pub use model::state::State;

pub use stability::analysis::{Analysis, AnalysisOptions};
pub use stability::concept::{Concept, Reachability};
pub use stability::error::AnalysisError;
pub use stability::explain::{explain, Explanation, ImprovementCheck, Move, Sanction};
pub use stability::output_options::{Encoding, OutputOptions, Sets};

pub use post::{EvolutionStep, StatusQuoAnalysis};

pub use scenario::{Scenario, ScenarioError};

pub use conflict::ConflictGraph;

pub use compile::{compile, Compiled, Outcome, OutcomeKind};

pub use resolve::{Resolution, ResolveError, Resolver};
