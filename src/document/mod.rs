//! Stage 2 — document: plain text → lines, sentences, sections with kinds, and metadata.
//!
//! Everything here works on lines of the extracted text, numbered from 1. Matching runs
//! on a folded copy of each line (see [`crate::fold`]) while quotes come from the
//! original. Where the source has paragraphs of its own (.docx, HTML), the document also
//! knows which one each place of a line stands in ([`Document::paragraph_at`]), so
//! evidence names a paragraph a person finds in Word or the browser; where it has pages
//! (PDF, OFD), the page and printed line ([`Document::page_at`]).

pub mod checks;
pub mod furniture;
pub mod items;
pub mod kinds;
mod locate;
pub mod meta;
mod organ;
mod patterns;
mod stops;
mod structure;

use crate::fold::OffsetMap;
use crate::ingest::{Pages, Paragraphs};
use crate::model::scorecard::{Meta, SectionInfo};
use crate::model::Kind;

/// One line of the extracted text.
#[derive(Debug, Clone)]
pub struct Line {
    /// The line as extracted.
    pub text: String,
    /// The folded line used for matching (same char count as `text`).
    pub folded: String,
    /// Kind of the line's first sentence (for display).
    pub kind: Kind,
    /// Index of the section the line starts in.
    pub section: usize,
    /// Where the folded line's bytes sit in `text` (recorded while folding).
    pub offsets: OffsetMap,
}

impl Line {
    /// A line as extracted, folded for matching; kind and section still to be read.
    pub fn new(text: &str, kind: Kind) -> Line {
        let (folded, offsets) = crate::fold::fold_mapped(text);
        Line {
            text: text.to_string(),
            folded,
            kind,
            section: 0,
            offsets,
        }
    }

    /// The byte offset in the original text of byte `folded` of the folded line (clamped
    /// to the line's end).
    pub fn original_offset(&self, folded: usize) -> usize {
        self.offsets.original(folded.min(self.folded.len()))
    }
}

/// A sentence: the unit rules match in.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// 0-based index into [`Document::lines`].
    pub line: usize,
    /// Byte range in the folded line.
    pub start: usize,
    /// End of the byte range (exclusive).
    pub end: usize,
    /// Index of the innermost section.
    pub section: usize,
    /// The part of the report it stands in.
    pub kind: Kind,
    /// True for the title part of a heading line.
    pub heading: bool,
}

/// A section of the outline.
#[derive(Debug, Clone)]
pub struct Section {
    /// The heading as written, number included ("" when the section has no heading).
    pub heading: String,
    /// The heading's folded title without its number, for matching.
    pub title: String,
    /// 0 preamble/closing/synthetic top, 1 一、, 2 (一), 3 1., 4 (1).
    pub level: u8,
    /// The section's kind (its sentences may differ after a turn).
    pub kind: Kind,
    /// First line, 0-based.
    pub first_line: usize,
    /// Last line, 0-based, inclusive.
    pub last_line: usize,
    /// Enclosing section.
    pub parent: Option<usize>,
    /// True when the section starts at a heading line of its own.
    pub has_heading: bool,
    /// Index of the heading's sentence in [`Document::sentences`].
    pub heading_sentence: Option<usize>,
    /// The part the heading's own words announce (存在的问题 → problems, 2023年工作安排 →
    /// plans, 主要工作及成效 → measures), read against the year reported on.
    pub announced: Option<Kind>,
    /// True when the heading combines problems with plans or causes (存在的困难及下一步计划).
    pub combined: bool,
}

/// A place in the text: a byte range of one folded line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// 0-based index into [`Document::lines`].
    pub line: usize,
    /// Start byte in the folded line.
    pub start: usize,
    /// End byte in the folded line (exclusive).
    pub end: usize,
}

/// Where the text shows what [`Document::meta`] states, found when the metadata is read so
/// that evidence for a check on it needs no search of the text.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// The whole first line of the page head that begins the title.
    pub title_line: Option<Span>,
    /// The title read as a one-part document, so conditions on its words match in it.
    pub title_words: Option<Box<Document>>,
    /// The first mention of the title.
    pub title: Option<Span>,
    /// The first mention of the (first) issuer.
    pub issuer: Option<Span>,
    /// The first mention of the year reported on, in Arabic digits or, where the text has
    /// none, in Chinese numerals.
    pub year: Option<Span>,
    /// The first mention of the date as written in `YYYY-MM-DD` form.
    pub date: Option<Span>,
    /// The whole line the date is shown on: the last dated line of the signature, or of
    /// the page's meta lines for a published date.
    pub date_line: Option<Span>,
}

/// A report, understood.
#[derive(Debug, Clone)]
pub struct Document {
    /// Every line of the extracted text.
    pub lines: Vec<Line>,
    /// Every sentence, in text order.
    pub sentences: Vec<Sentence>,
    /// Sections in text order; index 0 is the preamble.
    pub sections: Vec<Section>,
    /// Title, issuer, year, date, level.
    pub meta: Meta,
    /// Where the text shows the metadata.
    pub found: Found,
    /// What a reader must know before trusting the score (see [`checks`]).
    pub warnings: Vec<String>,
    /// Where the source's paragraphs start (none for plain text and snippets).
    pub paragraphs: Paragraphs,
    /// Where the source's printed lines start, page by page (none but for PDF and OFD).
    pub pages: Pages,
}

impl Document {
    /// Understands a report's text.
    pub fn parse(text: &str) -> Document {
        Document::parse_styled(text, &[])
    }

    /// Understands a report's text, with the lines its source styles as headings
    /// (line index, level 1–4, or 0 for a bold paragraph of unknown level).
    pub fn parse_styled(text: &str, styled: &[(usize, u8)]) -> Document {
        // Headings and turns that name a year are read against the year reported on,
        // which the metadata gives; read again when the first reading depended on it.
        let (mut doc, year_use) = structure::build(text, None, styled);
        doc.meta = meta::read(&doc);
        if let Some(year) = doc.meta.year.filter(|&y| year_use.rereads(&doc, y)) {
            doc = structure::build_lines(std::mem::take(&mut doc.lines), Some(year), styled).0;
            doc.meta = meta::read(&doc);
        }
        doc.found = locate::locate(&doc);
        doc.warnings = checks::warnings(&doc);
        doc
    }

    /// The document with the paragraph starts its source recorded
    /// ([`crate::ingest::Extracted::paragraphs`]).
    pub fn with_paragraphs(mut self, paragraphs: Paragraphs) -> Document {
        self.paragraphs = paragraphs;
        self
    }

    /// The 1-based paragraph of the source that byte `col` of the original text of
    /// 0-based line `line` stands in; `None` when the source has no paragraphs.
    pub fn paragraph_at(&self, line: usize, col: usize) -> Option<usize> {
        self.paragraphs.at(line, col)
    }

    /// The document with the printed lines of its pages recorded
    /// ([`crate::ingest::Extracted::pages`]).
    pub fn with_pages(mut self, pages: Pages) -> Document {
        self.pages = pages;
        self
    }

    /// The 1-based page, and the 1-based printed line on it, that byte `col` of the
    /// original text of 0-based line `line` stands on; `None` when the source has no pages.
    pub fn page_at(&self, line: usize, col: usize) -> Option<(usize, usize)> {
        self.pages.at(line, col)
    }

    /// Takes `year` as the year reported on, where the text gives none to read (a rule
    /// example's snippet), and notes where the text names it.
    pub fn assume_year(&mut self, year: i32) {
        self.meta.year = Some(year);
        self.found.year = locate::year_mention(self, year);
    }

    /// Builds a one-part document: `text` standing under `heading` in a part of `kind`.
    /// Used by rule examples, which show a snippet in a given part of a report.
    pub fn snippet(kind: Kind, heading: Option<&str>, text: &str) -> Document {
        structure::snippet(kind, heading, text)
    }

    /// The folded text of a sentence.
    pub fn sentence_text(&self, s: &Sentence) -> &str {
        &self.lines[s.line].folded[s.start..s.end]
    }

    /// The original text of a sentence.
    pub fn sentence_original(&self, s: &Sentence) -> &str {
        let line = &self.lines[s.line];
        &line.text[line.original_offset(s.start)..line.original_offset(s.end)]
    }

    /// The heading of a section as shown in evidence ("" for a headless part).
    pub fn section_label(&self, i: usize) -> String {
        let mut i = i;
        loop {
            let s = &self.sections[i];
            if s.has_heading || s.parent.is_none() {
                return s.heading.clone();
            }
            i = s.parent.unwrap_or(0);
        }
    }

    /// The outline for the scorecard: every section with a heading or a kind of its own.
    pub fn outline(&self) -> Vec<SectionInfo> {
        self.sections
            .iter()
            .filter(|s| s.last_line >= s.first_line)
            .map(|s| SectionInfo {
                heading: if s.heading.is_empty() {
                    format!("（{}）", s.kind.label())
                } else {
                    s.heading.clone()
                },
                level: s.level,
                kind: s.kind,
                line_start: s.first_line + 1,
                line_end: s.last_line + 1,
                page: self.page_at(s.first_line, 0).map(|(page, _)| page),
            })
            .collect()
    }

    /// Section indices from `i` up to the top.
    pub fn ancestry(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(i), move |&j| self.sections[j].parent)
    }
}

#[cfg(test)]
mod tests;
