//! Positioned text (what PDF and OFD pages hold) → lines and paragraphs of plain text.
//!
//! PDF and OFD say where each run of glyphs is drawn, not which runs make a line, a
//! paragraph or a heading. This module is the one place that turns positions into the
//! text every later stage reads, so both forms read the same way.
//!
//! The steps, each in its own file:
//! 1. [`lines`]: runs → printed lines (grouped by baseline, read left to right, fake-bold
//!    copies read once, a wide gap read as one space);
//! 2. [`furniture`]: page numbers and running headers and footers dropped;
//! 3. [`geometry`]: where the body's left and right edges are, and its line pitch;
//! 4. [`join`]: a printed line that runs to the right edge goes on into the next one
//!    unless that is indented, a heading, another size or a paragraph's space away — also
//!    across a page break.
//!
//! Headings are not guessed from sizes: a short line stays a line of its own, and the
//! document stage reads numbered headings from the text, as it does for plain text, so
//! a PDF scores as its text does.

mod furniture;
mod geometry;
mod join;
mod lines;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_prop;

use join::Placed;
use lines::Printed;

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

/// Lays `pages` out as text: one line of text for each paragraph, heading or table row,
/// page furniture left out.
pub(crate) fn lay_out(pages: &[Page]) -> Laid {
    let printed: Vec<(f32, Vec<Printed>)> = pages
        .iter()
        .map(|p| (p.height, lines::printed_lines(p)))
        .collect();
    let furniture = furniture::furniture(&printed);
    let body: Vec<Vec<Printed>> = printed
        .into_iter()
        .zip(furniture)
        .map(|((_, lines), drop)| {
            let kept = lines.into_iter().zip(drop).filter(|(_, d)| !d);
            kept.map(|(l, _)| l).collect()
        })
        .collect();
    let edges = geometry::edges(&body);
    let pitch = geometry::pitch(&body);
    let mut out = Builder::default();
    let mut prev: Option<Placed<'_>> = None;
    for (page, lines) in body.iter().enumerate() {
        for (row, line) in lines.iter().enumerate() {
            let here = Placed { line, edges, page };
            let joined = prev.is_some_and(|p| join::continues(p, here, pitch));
            out.push(&line.text, joined, page + 1, row + 1);
            prev = Some(here);
        }
    }
    out.finish()
}

/// The laid-out text as it grows, with where its printed lines and paragraphs start.
#[derive(Default)]
struct Builder {
    text: String,
    /// Byte length of the text line being written.
    col: usize,
    /// 0-based text line being written (one past the last when none is open).
    line: usize,
    open: bool,
    starts: Vec<PageLine>,
    paras: Vec<ParagraphStart>,
}

impl Builder {
    /// Adds a printed line: joined to the open paragraph, or as a new one.
    fn push(&mut self, printed: &str, joined: bool, page: usize, row: usize) {
        if joined && self.open {
            let last = &self.text[self.text.len() - self.col..];
            let glue = join::glue(last, printed);
            self.text.push_str(glue);
            self.col += glue.len();
        } else {
            if self.open {
                self.text.push('\n');
                self.line += 1;
            }
            self.open = true;
            self.col = 0;
            self.paras.push(ParagraphStart {
                line: self.line,
                col: 0,
                number: self.paras.len() + 1,
            });
        }
        self.starts.push(PageLine {
            line: self.line,
            col: self.col,
            page,
            row,
        });
        self.text.push_str(printed);
        self.col += printed.len();
    }

    fn finish(mut self) -> Laid {
        if self.open {
            self.text.push('\n');
        }
        Laid {
            text: self.text,
            headings: Vec::new(),
            paragraphs: Paragraphs::new(self.paras),
            pages: Pages::new(self.starts),
        }
    }
}
