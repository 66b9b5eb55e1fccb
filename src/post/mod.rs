//! Analyses built on top of the stability results, on a [`crate::GraphModel`] alone (no
//! domain layer needed): status quo analysis.

pub mod status_quo;

pub use status_quo::{EvolutionStep, StatusQuoAnalysis, Steps};
pub mod coalition;
pub mod limited_move;
pub(crate) mod reach;
pub mod sensitivity;
