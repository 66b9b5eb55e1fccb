//! Reading and writing graph-model files (JSON and TOML), with line numbers in errors.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::limits::Limits;
use crate::model::error::{invalid, LoadError};
use crate::model::file::GraphModelFile;
use crate::model::graph_model::GraphModel;
use crate::model::span::Format;

/// Largest file accepted, in bytes (checked before reading it whole).
pub const MAX_FILE_BYTES: u64 = 64 << 20;

impl GraphModel {
    /// Loads a graph-model file written as JSON, with the default [`Limits`].
    pub fn from_json_str(text: &str) -> Result<GraphModel, LoadError> {
        Self::from_json_str_with_limits(text, &Limits::default())
    }

    /// Loads a graph-model file written as JSON.
    pub fn from_json_str_with_limits(text: &str, limits: &Limits) -> Result<GraphModel, LoadError> {
        let file: GraphModelFile = from_json(text)?;
        GraphModel::from_file_placed(file, limits).map_err(|e| invalid(text, Format::Json, e))
    }

    /// Loads a graph-model file written as TOML, with the default [`Limits`].
    pub fn from_toml_str(text: &str) -> Result<GraphModel, LoadError> {
        Self::from_toml_str_with_limits(text, &Limits::default())
    }

    /// Loads a graph-model file written as TOML.
    pub fn from_toml_str_with_limits(text: &str, limits: &Limits) -> Result<GraphModel, LoadError> {
        let file: GraphModelFile = from_toml(text)?;
        GraphModel::from_file_placed(file, limits).map_err(|e| invalid(text, Format::Toml, e))
    }

    /// Loads a `.json` or `.toml` graph-model file, with the default [`Limits`].
    pub fn from_path(path: impl AsRef<Path>) -> Result<GraphModel, LoadError> {
        Self::from_path_with_limits(path, &Limits::default())
    }

    /// Loads a `.json` or `.toml` graph-model file (format chosen by extension).
    pub fn from_path_with_limits(
        path: impl AsRef<Path>,
        limits: &Limits,
    ) -> Result<GraphModel, LoadError> {
        let path = path.as_ref();
        let text = read_text(path)?;
        match path.extension().and_then(|e| e.to_str()) {
            Some("json") => Self::from_json_str_with_limits(&text, limits),
            Some("toml") => Self::from_toml_str_with_limits(&text, limits),
            _ => Err(LoadError::UnknownExtension(path.display().to_string())),
        }
    }
}

/// Reads a text file, refusing files over [`MAX_FILE_BYTES`] before reading them.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let io = |e: std::io::Error| LoadError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::Io {
            path: path.display().to_string(),
            message: format!(
                "file is {} bytes, more than the limit of {MAX_FILE_BYTES}",
                meta.len()
            ),
        });
    }
    std::fs::read_to_string(path).map_err(io)
}

/// The field path of a deserialization error (`decision_makers[2].options[0]`), empty at the
/// top level.
fn field_path(path: &serde_path_to_error::Path) -> String {
    let path = path.to_string();
    if path == "." {
        String::new()
    } else {
        path
    }
}

/// Reads JSON text into `T`; errors carry the line, column and field path.
pub(crate) fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, LoadError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = field_path(e.path());
        json_error(e.inner(), path)
    })?;
    // Trailing characters after the value are an error, as in `serde_json::from_str`.
    de.end().map_err(|e| json_error(&e, String::new()))?;
    Ok(value)
}

/// Converts a JSON error into a [`LoadError::Syntax`] with line and column.
fn json_error(e: &serde_json::Error, path: String) -> LoadError {
    LoadError::Syntax {
        line: e.line(),
        column: e.column(),
        path,
        message: e
            .to_string()
            .split(" at line ")
            .next()
            .unwrap_or_default()
            .to_string(),
    }
}

/// Reads TOML text into `T`; errors carry the line, column and field path.
pub(crate) fn from_toml<T: DeserializeOwned>(text: &str) -> Result<T, LoadError> {
    let de = toml::Deserializer::new(text);
    serde_path_to_error::deserialize(de)
        .map_err(|e| toml_error(text, e.inner(), field_path(e.path())))
}

/// Converts a TOML error into a [`LoadError::Syntax`] with line and column.
fn toml_error(text: &str, e: &toml::de::Error, path: String) -> LoadError {
    let (line, column) = match e.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before
                .rsplit('\n')
                .next()
                .map(|l| l.chars().count())
                .unwrap_or(0)
                + 1;
            (line, column)
        }
        None => (1, 1),
    };
    LoadError::Syntax {
        line,
        column,
        path,
        message: e.message().to_string(),
    }
}

impl Serialize for GraphModel {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.file.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for GraphModel {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let file = GraphModelFile::deserialize(deserializer)?;
        GraphModel::from_file(file).map_err(serde::de::Error::custom)
    }
}
