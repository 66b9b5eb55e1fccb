//! Reading and writing scenario files (TOML and JSON), with line numbers in errors.

use std::path::Path;
use std::sync::Arc;

use crate::model::error::LoadError;
use crate::model::io::{from_json, from_toml, read_text};
use crate::model::span::{Format, SourceText};
use crate::scenario::error::ScenarioError;
use crate::scenario::types::Scenario;

impl Scenario {
    /// Loads and validates a scenario written as TOML.
    pub fn from_toml_str(text: &str) -> Result<Scenario, ScenarioError> {
        let scenario: Scenario = from_toml(text).map_err(syntax)?;
        scenario.with_source(text, Format::Toml)
    }

    /// Loads and validates a scenario written as JSON.
    pub fn from_json_str(text: &str) -> Result<Scenario, ScenarioError> {
        let scenario: Scenario = from_json(text).map_err(syntax)?;
        scenario.with_source(text, Format::Json)
    }

    /// Loads and validates a `.toml` or `.json` scenario file (format chosen by extension).
    pub fn from_path(path: impl AsRef<Path>) -> Result<Scenario, ScenarioError> {
        let path = path.as_ref();
        let text = read_text(path).map_err(syntax)?;
        match path.extension().and_then(|e| e.to_str()) {
            Some("toml") => Self::from_toml_str(&text),
            Some("json") => Self::from_json_str(&text),
            _ => Err(ScenarioError::UnknownExtension(path.display().to_string())),
        }
    }

    /// Writes the scenario as TOML.
    pub fn to_toml_string(&self) -> Result<String, toml::ser::Error> {
        toml::to_string(self)
    }

    /// Writes the scenario as pretty JSON.
    pub fn to_json_string(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(self)
    }

    fn with_source(mut self, text: &str, format: Format) -> Result<Scenario, ScenarioError> {
        self.source = Some(Arc::new(SourceText {
            text: text.to_string(),
            format,
        }));
        self.validate()?;
        Ok(self)
    }

    /// The text the scenario was loaded from, when it was loaded from text.
    pub fn source(&self) -> Option<&str> {
        self.source.as_deref().map(|s| s.text.as_str())
    }

    /// The text the scenario was loaded from, with its format.
    pub(crate) fn source_text(&self) -> Option<&SourceText> {
        self.source.as_deref()
    }
}

/// Carries a file-level [`LoadError`] (syntax or I/O) over to a [`ScenarioError`].
fn syntax(e: LoadError) -> ScenarioError {
    match e {
        LoadError::Syntax {
            line,
            column,
            path,
            message,
        } => ScenarioError::Syntax {
            line,
            column,
            path,
            message,
        },
        LoadError::Io { path, message } => ScenarioError::Io { path, message },
        LoadError::UnknownExtension(path) => ScenarioError::UnknownExtension(path),
        LoadError::Invalid(problems) => ScenarioError::Syntax {
            line: problems.first().and_then(|p| p.line).unwrap_or(1),
            column: 1,
            path: String::new(),
            message: problems
                .first()
                .map(|p| p.error.to_string())
                .unwrap_or_default(),
        },
    }
}
