//! The Graph Model for Conflict Resolution: decision makers, options, feasible states, moves
//! and preferences, and its file format.

pub mod builder;
pub mod condition;
pub mod error;
pub(crate) mod feasible;
pub mod file;
pub mod graph_model;
pub mod io;
pub(crate) mod locate;
pub(crate) mod preference_ranks;
pub(crate) mod span;
pub(crate) mod span_parse;
pub mod state;
pub mod validate;
