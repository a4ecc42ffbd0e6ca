//! Stage 5 — render scorecards: text for a person, JSON / JSON Lines / CSV for machines,
//! HTML pages through minijinja templates.

mod csv_out;
mod html;
mod json;
mod text;

pub use csv_out::to_csv;
pub use html::{page_file_name, write_html_dir, RenderError, Templates};
pub use json::{to_json, to_jsonl};
pub use text::to_text;

use crate::score::round1;
use crate::score::scorecard::{ErrorRecord, RulesetRef, Scorecard, Summary};
use std::io::Write;
use std::path::Path;

/// An output format of `lawscore score`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// For a person at a terminal.
    Text,
    /// One JSON document.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// One row per report, UTF-8 with BOM.
    Csv,
    /// A folder of pages and an overview.
    Html,
}

/// What one run produced.
pub struct Batch<'a> {
    /// Scorecards, in input order.
    pub cards: &'a [Scorecard],
    /// The extracted text of each card (same order), for report pages.
    pub texts: &'a [String],
    /// Files that failed.
    pub errors: &'a [ErrorRecord],
    /// The rule pack used.
    pub ruleset: &'a RulesetRef,
}

/// Statistics over a batch.
pub fn summary(cards: &[Scorecard], errors: &[ErrorRecord]) -> Summary {
    let scores: Vec<f64> = cards.iter().map(|c| c.score).collect();
    let mut grades: Vec<(String, usize)> = Vec::new();
    for c in cards {
        match grades.iter_mut().find(|(g, _)| *g == c.grade) {
            Some((_, n)) => *n += 1,
            None => grades.push((c.grade.clone(), 1)),
        }
    }
    let order = ["优秀", "良好", "合格", "不合格"];
    grades.sort_by_key(|(g, _)| order.iter().position(|o| o == g).unwrap_or(order.len()));
    Summary {
        reports: cards.len(),
        errors: errors.len(),
        mean_score: (!scores.is_empty())
            .then(|| round1(scores.iter().sum::<f64>() / scores.len() as f64)),
        min_score: scores.iter().copied().reduce(f64::min),
        max_score: scores.iter().copied().reduce(f64::max),
        grades,
    }
}

/// Writes a file whole or not at all: a temporary file in the same folder, then a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
