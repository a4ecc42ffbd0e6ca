//! Stage 5 — render scorecards for people and for programs.
//!
//! Every output format reads only [`Scorecard`]s, [`ErrorRecord`]s, the text each card was
//! scored on and the rule pack that scored them, so the formats can never disagree about a
//! score: they differ only in layout. What the pack declares — grade names, thresholds and
//! colours, category titles, which element stands for timeliness — is read from the pack,
//! never spelled here.
//! Machine formats (JSON, JSON Lines, CSV) follow the published contract in
//! `shared/spec/output.md`; text is for a terminal; HTML is a folder of self-contained pages
//! for supervisors, drawn from templates that users may override.

mod atomic;
mod budget;
mod charts;
mod csv;
mod highlight;
mod history_view;
mod html;
mod json;
mod labels;
mod overview;
mod page;
mod pages;
mod piece;
mod reuse_held;
mod stream;
mod tally;
mod template_files;
mod temps;
mod text;
mod xlsx;
mod xlsx_rows;
mod xlsx_style;

use self::tally::Tally;
use crate::model::scorecard::{ErrorRecord, Scorecard, Summary};
use crate::model::GradeScale;
use crate::rules::RulePack;

pub use self::atomic::{
    output_dir_state, output_target, replace_dir, write_atomic, AtomicFile, OutputDir,
    SCORECARD_MARK,
};
pub use self::csv::CsvHeaders;
pub use self::html::Templates;
pub use self::overview::OverviewRow;
pub use self::pages::{page_file_name, page_file_names, write_html_dir, HtmlWriter, PageNames};
pub use self::piece::{Piece, Renderer};
pub use self::reuse_held::Held;
pub use self::stream::{to_csv, to_json, to_jsonl, to_text, Sink, StreamWriter};
pub use self::temps::{abandon_temps, is_temp_name};
pub use self::xlsx::XlsxWriter;

/// The output formats `lawscore score --format` offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum OutputFormat {
    /// A readable summary for a terminal.
    #[default]
    Text,
    /// One JSON document holding every scorecard.
    Json,
    /// One scorecard (or error record) per line.
    Jsonl,
    /// One row per report, for spreadsheets.
    Csv,
    /// A folder of pages: one per report plus `index.html`.
    Html,
    /// An Excel workbook (needs `--out FILE.xlsx`): a summary sheet coloured like the
    /// overview's heatmap, a sheet of missing elements with advice, and one about the pack.
    Xlsx,
}

/// What one run renders: the scorecards, the text each was scored on, and the files that
/// failed. Borrowed, because the caller already holds all of it and rendering only reads.
#[derive(Debug, Clone, Copy)]
pub struct Batch<'a> {
    /// Scored reports, in output order.
    pub cards: &'a [Scorecard],
    /// The extracted text of each card, same order and length as `cards`; the HTML pages
    /// quote it line by line so evidence links have somewhere to land.
    pub texts: &'a [String],
    /// Files that could not be scored.
    pub errors: &'a [ErrorRecord],
    /// The rule pack every card was scored with: its grades, categories and badges are
    /// what the outputs show.
    pub pack: &'a RulePack,
}

/// Why rendering failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RenderError {
    /// A template failed to compile or to render. `name` is the file a person would edit
    /// (the override's path, or `templates/<name>` for a built-in), so the message can be
    /// acted on without knowing how templates are looked up.
    #[error("{}{}: {message}", name, line.map(|l| format!(":{l}")).unwrap_or_default())]
    Template {
        /// The template file.
        name: String,
        /// 1-based line in that file, when the engine knows it.
        line: Option<usize>,
        /// What went wrong.
        message: String,
    },
    /// Reading templates or writing output failed.
    #[error("{0}")]
    Io(String),
}

impl From<std::io::Error> for RenderError {
    fn from(e: std::io::Error) -> RenderError {
        RenderError::Io(crate::ingest::io_reason(&e))
    }
}

/// A status in the words every output for people uses (已满足, 缺失, …), for outputs
/// made outside this stage (`rules diff`, `rules calibrate`).
pub fn status_words(s: crate::model::scorecard::Status) -> &'static str {
    labels::status_label(s)
}

/// Where a quote stands, as the report pages and the text output say it (第12行,
/// 第6段（二、存在的不足）).
pub fn quote_place(ev: &crate::model::scorecard::Evidence) -> String {
    labels::evidence_place(ev, None)
}

/// Statistics over a batch: counts, mean/min/max score and reports per grade.
///
/// Every grade of the pack's scale appears in `grades`, best first, even with a count of 0,
/// so tables built from it keep the same columns from run to run; a grade the scale does
/// not know is appended after them.
pub fn summary(cards: &[Scorecard], errors: &[ErrorRecord], scale: &GradeScale) -> Summary {
    let mut t = Tally::new(scale);
    for card in cards {
        t.add(card.score, &card.grade);
    }
    t.summary(errors.len())
}
