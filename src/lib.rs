#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod limits;
pub mod model;

pub use limits::{LimitError, Limits};
pub use model::builder::GraphModelBuilder;
pub use model::condition::Condition;
pub use model::error::{LoadError, Located, ModelError, ModelErrors};
pub use model::file::{GraphModelFile, GRAPH_MODEL_FORMAT};
pub use model::graph_model::{DecisionMaker, Direction, GraphModel, OptionInfo};
pub use model::state::State;
pub(crate) mod internal;
pub mod stability;

pub use stability::analysis::{Analysis, AnalysisOptions};
pub use stability::concept::{Concept, Reachability};
pub use stability::error::AnalysisError;
pub use stability::explain::{explain, Explanation, ImprovementCheck, Move, Sanction};
pub mod compile;
pub mod conflict;
pub mod post;
pub mod report;
pub mod resolve;
pub mod scenario;
#[cfg(feature = "proptest")]
pub mod strategy;

pub use compile::{compile, Compiled, Outcome, OutcomeKind};
pub use conflict::ConflictGraph;
pub use post::{EvolutionStep, StatusQuoAnalysis};
pub use resolve::{Resolution, ResolveError, Resolver};
pub use scenario::{Scenario, ScenarioError};
