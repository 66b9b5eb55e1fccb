//! Renderers: they take results computed elsewhere and never recompute them.

pub mod dot;
mod explanation;
mod tableau;

pub use explanation::explanation_text;
pub use tableau::tableau;
