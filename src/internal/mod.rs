//! Machinery behind the public analyses: slice layouts and the per-slice kernels.

pub(crate) mod bitset;
pub(crate) mod engine;
pub(crate) mod kernel;
pub(crate) mod sim;
pub(crate) mod sim_bits;
pub(crate) mod sim_table;
pub(crate) mod slices;
