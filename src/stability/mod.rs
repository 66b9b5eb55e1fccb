//! Stability analysis: Nash, GMR, SMR, SEQ and SIM for every decision maker and state, under
//! both readings of opponents' sanctioning sequences, with explanations as data.

pub mod analysis;
mod compact;
pub mod concept;
pub mod error;
pub mod explain;
mod output;
pub mod output_options;
