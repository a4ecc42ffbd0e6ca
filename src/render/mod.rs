//! TEMPORARY stub until the render branch lands.
#![allow(missing_docs)]
use crate::score::scorecard::*;
use std::path::{Path, PathBuf};
#[derive(Clone, Copy, PartialEq, Eq, Debug, clap::ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
    Jsonl,
    Csv,
    Html,
}
pub struct Batch<'a> {
    pub cards: &'a [Scorecard],
    pub texts: &'a [String],
    pub errors: &'a [ErrorRecord],
    pub ruleset: &'a RulesetRef,
}
pub struct Templates;
impl Templates {
    pub fn builtin() -> Templates {
        Templates
    }
    pub fn from_dir(_d: &Path) -> Result<Templates, String> {
        Ok(Templates)
    }
}
pub fn to_json(b: &Batch) -> String {
    serde_json::to_string_pretty(&serde_json::json!({"schema": SCHEMA, "ruleset": b.ruleset, "reports": b.cards, "errors": b.errors})).unwrap()
}
pub fn to_jsonl(b: &Batch) -> String {
    b.cards
        .iter()
        .map(|c| serde_json::to_string(c).unwrap() + "\n")
        .collect()
}
pub fn to_csv(b: &Batch) -> String {
    let mut s = String::new();
    for c in b.cards {
        s += &format!(
            "{},{},{},{}",
            c.source.path,
            c.score,
            c.grade,
            c.elements
                .iter()
                .map(|e| e.status.as_str())
                .collect::<Vec<_>>()
                .join(",")
        );
        s.push('\n');
    }
    s
}
pub fn to_text(b: &Batch, _c: bool) -> String {
    to_csv(b)
}
pub fn write_html_dir(_d: &Path, _b: &Batch, _t: &Templates) -> Result<Vec<PathBuf>, String> {
    Ok(vec![])
}
pub fn write_atomic(p: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::write(p, bytes)
}
