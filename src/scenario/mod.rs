//! The domain vocabulary of a standoff and its file format: parties, the policies they hold,
//! the demands they make of each other, the sanctions backing those demands, the parties'
//! other moves, their priorities in domain terms and named outcomes.
//!
//! A scenario is written as TOML or JSON with the same structure (unknown fields are
//! errors). Loading checks every cross-reference and reports every problem with the line of
//! the file it is on; see [`ScenarioError`].
//!
//! ```toml
//! name = "Backdoor standoff"
//!
//! [[parties]]
//! name = "Authority"
//! kind = "state_authority"
//! priorities = ["demand_met access", "in_market Company", "not_withdraw access"]
//!
//! [[parties]]
//! name = "Company"
//! kind = "company"
//! moves = [{ kind = "exit", name = "leave" }]
//! priorities = ["keep_policy no backdoors", "free_of access", "in_market", "avoid ban"]
//!
//! [[policies]]
//! name = "no backdoors"
//! holder = "Company"
//! refuses = "backdoor access"
//!
//! [[demands]]
//! name = "access"
//! by = "Authority"
//! of = "Company"
//! requires = "backdoor access"
//!
//! [[sanctions]]
//! name = "ban"
//! kind = "ban"
//! backs = "access"
//! ```
//!
//! A case whose real outcome is known records it in `recorded_outcome` (a [`RecordedOutcome`]:
//! an [`OutcomeCode`], a date and a one-line description), the yardstick its predicted outcomes
//! are checked against; the case library in `seeds/` records one for every case.
//!
//! ```toml
//! [recorded_outcome]
//! code = "withdrawn"
//! date = "2015-12-31"
//! description = "The shutdown order was rescinded; the company stayed."
//! ```
//!
//! Priorities and outcome rules are written as [`Term`]s: a goal keyword and the name it is
//! about (`keep_policy no backdoors`); see [`term`] for the vocabulary.

mod error;
mod io;
mod outcome_code;
mod problem_item;
pub mod preference;
pub mod term;
mod types;
mod validate;

pub use error::{LocatedProblem, ScenarioError, ScenarioProblem};
pub use outcome_code::OutcomeCode;
pub use preference::{Alternative, RankEntry};
pub use term::{Goal, Term};
pub use types::{
    Demand, Firmness, Move, MoveKind, OutcomeRule, Party, PartyKind, Policy, PreferenceOverride,
    RecordedOutcome, Sanction, SanctionKind, Scenario,
};
