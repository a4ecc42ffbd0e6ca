//! Positioned text (what PDF and OFD pages hold) → lines and paragraphs of plain text.
//!
//! PDF and OFD say where each run of glyphs is drawn, not which runs make a line, a
//! paragraph or a heading. This module is the one place that turns positions into the
//! text every later stage reads, so both forms read the same way.
//!
//! SKELETON (lead): runs are grouped into printed lines by their baseline and every
//! printed line becomes a line of text. The layout part replaces this with paragraph
//! re-joining, running headers/footers/page numbers dropped, headings kept.

use super::pages::{PageLine, Pages};
use super::paragraphs::{ParagraphStart, Paragraphs};
use super::StyledHeading;

/// One run of text drawn at one place: a glyph, or a string shown in one operation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Run {
    /// Left edge, in the page's unit (PDF points, OFD millimetres), from the page's left.
    pub x: f32,
    /// Baseline, in the same unit, from the page's **top** (y grows downward).
    pub y: f32,
    /// Advance width of the whole run, same unit.
    pub width: f32,
    /// Font size (em height), same unit.
    pub size: f32,
    /// The characters, decoded to Unicode.
    pub text: String,
}

/// One page of positioned runs, in drawing order.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Page {
    /// Page width, same unit as its runs.
    pub width: f32,
    /// Page height, same unit as its runs.
    pub height: f32,
    /// The runs, in the order the page draws them.
    pub runs: Vec<Run>,
}

/// Pages laid out as plain text.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Laid {
    /// The text, lines separated by `\n`.
    pub text: String,
    /// Lines the layout takes for headings (by size or shape); may be empty.
    pub headings: Vec<StyledHeading>,
    /// Where each laid-out paragraph starts (numbered 1… over the document).
    pub paragraphs: Paragraphs,
    /// Where each printed line starts, with its page and row.
    pub pages: Pages,
}

/// Lays `pages` out as text.
pub(crate) fn lay_out(pages: &[Page]) -> Laid {
    let mut text = String::new();
    let mut starts = Vec::new();
    let mut paras = Vec::new();
    let mut line = 0;
    for (p, page) in pages.iter().enumerate() {
        for (row, printed) in printed_lines(page).into_iter().enumerate() {
            starts.push(PageLine {
                line,
                col: 0,
                page: p + 1,
                row: row + 1,
            });
            paras.push(ParagraphStart {
                line,
                col: 0,
                number: line + 1,
            });
            text.push_str(&printed);
            text.push('\n');
            line += 1;
        }
    }
    Laid {
        text,
        headings: Vec::new(),
        paragraphs: Paragraphs::new(paras),
        pages: Pages::new(starts),
    }
}

/// The page's runs grouped by baseline (top to bottom), each group read left to right.
fn printed_lines(page: &Page) -> Vec<String> {
    let mut runs: Vec<&Run> = page.runs.iter().collect();
    runs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<(f32, Vec<&Run>)> = Vec::new();
    for r in runs {
        match lines.last_mut() {
            Some((y, group)) if (r.y - *y).abs() <= r.size.max(1.0) * 0.5 => group.push(r),
            _ => lines.push((r.y, vec![r])),
        }
    }
    lines
        .into_iter()
        .map(|(_, mut g)| {
            g.sort_by(|a, b| a.x.total_cmp(&b.x));
            g.iter().map(|r| r.text.as_str()).collect::<String>()
        })
        .filter(|l| !l.trim().is_empty())
        .collect()
}
