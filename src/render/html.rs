//! HTML pages — TEMPORARY placeholder until the templates land.
#![allow(missing_docs)]
use super::Batch;
use crate::score::scorecard::Scorecard;
use std::path::{Path, PathBuf};
#[derive(Debug)]
pub enum RenderError {
    Template {
        name: String,
        line: Option<usize>,
        message: String,
    },
    Io(String),
}
impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}
pub struct Templates;
impl Templates {
    pub fn builtin() -> Templates {
        Templates
    }
    pub fn from_dir(_d: &Path) -> Result<Templates, RenderError> {
        Ok(Templates)
    }
}
pub fn page_file_name(c: &Scorecard) -> String {
    c.source.path.clone()
}
pub fn write_html_dir(_d: &Path, _b: &Batch, _t: &Templates) -> Result<Vec<PathBuf>, RenderError> {
    Ok(vec![])
}
