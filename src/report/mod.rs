//! Renderers: they take results computed elsewhere and never recompute them.

pub mod dot;
mod explanation;
pub mod forecast;
pub mod html;
pub mod markdown;
mod resolution;
mod svg_labels;
mod tableau;

pub use explanation::explanation_text;
pub use forecast::{forecast_line, forecast_markdown, forecast_text};
pub use html::scenario_html;
pub use markdown::{conflict_markdown, resolution_markdown, scenario_markdown};
pub use resolution::{conflict_text, one_line, scenario_report};
pub use tableau::{tableau, tableau_markdown};
