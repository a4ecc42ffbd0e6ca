//! The YAML → JSON conversion of `build.rs`, which precomputes the built-in pack's values.
//! It lives beside `src/yaml.rs` because serde_yaml is reached from this folder only: the
//! build script includes this file by path, the library does not compile it.

/// The file's values as JSON, when JSON holds them exactly. A file that does not parse
/// is left to the run-time reader, which reports it with its position.
pub fn as_json(text: &str) -> Option<String> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).ok()?;
    plain(&value).then(|| serde_json::to_string(&value).ok())?
}

/// Whether a YAML value is made only of what JSON writes back the same.
pub fn plain(v: &serde_yaml::Value) -> bool {
    use serde_yaml::Value;
    match v {
        Value::Null | Value::Bool(_) | Value::String(_) => true,
        Value::Number(n) => n.as_f64().is_some_and(f64::is_finite),
        Value::Sequence(items) => items.iter().all(plain),
        Value::Mapping(m) => m.iter().all(|(k, v)| k.is_string() && plain(v)),
        Value::Tagged(_) => false,
    }
}
