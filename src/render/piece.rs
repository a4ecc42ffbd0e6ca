//! One report rendered on its own, by whichever worker scored it, so that the report's text
//! and full scorecard can be dropped at once: what is left is a [`Piece`] — the bytes the
//! report adds to the output and the few numbers the end of the output needs.

use std::sync::OnceLock;

use super::csv::{CsvHeaders, CsvRow};
use super::overview::OverviewRow;
use super::xlsx_rows::Gap;
use super::{json, text, OutputFormat, RenderError, Templates};
use crate::model::scorecard::Scorecard;
use crate::model::Grade;
use crate::rules::RulePack;

/// How each report of a run is rendered: the format, the pack that scored the reports, and
/// for HTML the templates. Shared by every worker (it only reads).
#[derive(Debug, Clone, Copy)]
pub struct Renderer<'a> {
    pub(super) format: OutputFormat,
    pub(super) pack: &'a RulePack,
    templates: Option<&'a Templates>,
    pub(super) color: bool,
    pub(super) csv_headers: CsvHeaders,
}

/// One report, rendered: what it adds to the output, and what is kept of it for the end.
#[derive(Debug)]
pub struct Piece {
    pub(super) body: Body,
    pub(super) score: f64,
    pub(super) grade: Grade,
}

/// What a report adds to the output, by format.
#[derive(Debug)]
pub(super) enum Body {
    /// Text written as it is: a JSON scorecard, a JSON Lines record, a text block.
    Text(String),
    /// The same as bytes: a held JSON or JSON Lines report with its `reuse` block spliced
    /// in, never checked again as UTF-8 since it was a `String` when held.
    Bytes(Vec<u8>),
    /// A CSV row, whose element columns wait for the header.
    Csv(Box<CsvRow>),
    /// An HTML page and the report's row of the overview.
    Page(String, Box<OverviewRow>),
    /// The report's row of the xlsx summary sheet and its missing and partial elements.
    Sheet(Box<CsvRow>, Vec<Gap>),
}

impl<'a> Renderer<'a> {
    /// Renders in `format` what `pack` scored: text without colour, HTML with the built-in
    /// templates unless [`Renderer::with_templates`] gives others.
    pub fn new(format: OutputFormat, pack: &'a RulePack) -> Renderer<'a> {
        Renderer {
            format,
            pack,
            templates: None,
            color: false,
            csv_headers: CsvHeaders::Id,
        }
    }

    /// CSV with the header row `h` (the contract's ids unless told otherwise).
    pub fn with_csv_headers(mut self, h: CsvHeaders) -> Renderer<'a> {
        self.csv_headers = h;
        self
    }

    /// Text output with ANSI colours (`on`) or without.
    pub fn with_color(mut self, on: bool) -> Renderer<'a> {
        self.color = on;
        self
    }

    /// HTML pages drawn from `t`.
    pub fn with_templates(mut self, t: &'a Templates) -> Renderer<'a> {
        self.templates = Some(t);
        self
    }

    /// The rule pack the reports were scored with.
    pub fn pack(&self) -> &'a RulePack {
        self.pack
    }

    /// The format rendered.
    pub fn format(&self) -> OutputFormat {
        self.format
    }

    /// The templates HTML pages are drawn from.
    pub(super) fn templates(&self) -> &'a Templates {
        static BUILTIN: OnceLock<Templates> = OnceLock::new();
        self.templates
            .unwrap_or_else(|| BUILTIN.get_or_init(Templates::builtin))
    }

    /// Renders `card`, scored on `text`. Only an HTML page can fail (a template that
    /// fails at render time).
    pub fn piece(&self, card: &Scorecard, text: &str) -> Result<Piece, RenderError> {
        let body = match self.format {
            OutputFormat::Json => Body::Text(json::report(card)),
            OutputFormat::Jsonl => Body::Text(json::line(card)),
            OutputFormat::Csv => Body::Csv(Box::new(CsvRow::new(card, self.pack))),
            OutputFormat::Xlsx => {
                Body::Sheet(Box::new(CsvRow::new(card, self.pack)), Gap::all(card))
            }
            OutputFormat::Text => Body::Text(text::block(card, &self.pack.grades, self.color)),
            OutputFormat::Html => Body::Page(
                self.templates().report_page(card, text, self.pack)?,
                Box::new(OverviewRow::new(card, self.pack)),
            ),
        };
        Ok(Piece {
            body,
            score: card.score,
            grade: card.grade.clone(),
        })
    }
}

impl Piece {
    /// The report's score.
    pub fn score(&self) -> f64 {
        self.score
    }

    /// What the overview keeps of the report (HTML only).
    pub fn overview_row(&self) -> Option<&OverviewRow> {
        match &self.body {
            Body::Page(_, row) => Some(row),
            _ => None,
        }
    }
}
