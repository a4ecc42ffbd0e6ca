//! The one door to YAML.
//!
//! serde_yaml is deprecated upstream; everything YAML goes through here so a maintained
//! fork (`serde_yaml = { package = "yaml_serde", … }` in Cargo.toml) replaces it in one line.
//! Values come from serde_yaml; positions, which it does not keep, from [`spans`].

pub mod spans;

pub use serde_yaml::{Mapping, Value};
pub use spans::{Pos, Spans};

/// A YAML error with its 1-based position, when the parser knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    /// The parser's message, without the trailing position.
    pub message: String,
    /// 1-based line.
    pub line: Option<usize>,
    /// 1-based column.
    pub column: Option<usize>,
}

impl std::fmt::Display for YamlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

fn convert(e: serde_yaml::Error) -> YamlError {
    let loc = e.location();
    let mut message = e.to_string();
    // serde_yaml appends " at line L column C"; the position is reported separately.
    if let Some(i) = message.find(" at line ") {
        message.truncate(i);
    }
    YamlError {
        message,
        line: loc.as_ref().map(|l| l.line()),
        column: loc.as_ref().map(|l| l.column()),
    }
}

/// Parses YAML into any deserialisable type.
pub fn from_str<T: serde::de::DeserializeOwned>(s: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(s).map_err(convert)
}

/// Reads a YAML file's values from the JSON that `build.rs` made of them (the built-in
/// pack). `None` when they do not fit `T`: the caller then reads the YAML, whose error
/// has a position.
pub fn from_precomputed_json<T: serde::de::DeserializeOwned>(json: &str) -> Option<T> {
    serde_json::from_str(json).ok()
}

/// Converts an already parsed value into a type.
pub fn from_value<T: serde::de::DeserializeOwned>(v: Value) -> Result<T, YamlError> {
    serde_yaml::from_value(v).map_err(convert)
}

/// Serialises a value to YAML.
pub fn to_string<T: serde::Serialize>(v: &T) -> Result<String, YamlError> {
    serde_yaml::to_string(v).map_err(convert)
}
