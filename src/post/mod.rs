//! Analyses beyond equilibria, on a [`crate::GraphModel`] alone (no domain layer needed):
//! status quo evolution ([`status_quo`]), coalitions ([`coalition`]), limited-move and
//! non-myopic stability ([`limited_move`]), sensitivity and inverse analysis
//! ([`sensitivity`]), and misperceptions ([`misperception`]).

pub mod coalition;
pub mod farsighted;
pub mod limited_move;
pub mod misperception;
pub(crate) mod reach;
pub mod sensitivity;
pub mod status_quo;

pub use status_quo::{diagnose, Diagnosis, EvolutionStep, StatusQuoAnalysis, Steps};
