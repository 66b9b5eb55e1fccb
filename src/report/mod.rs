//! Renderers: they take results computed elsewhere and never recompute them.

pub mod dot;
mod explanation;
mod resolution;
mod tableau;

pub use explanation::explanation_text;
pub use resolution::scenario_report;
pub use tableau::tableau;
