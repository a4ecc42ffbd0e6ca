//! `word/document.xml` → lines: one per paragraph, one per table row (cells
//! tab-separated), with auto-numbering labels put back in front of headings, and the
//! lines whose paragraph style, outline level or bold marks them as headings.

use std::io::BufRead;
use std::ops::Range;

use quick_xml::events::{BytesRef, BytesStart, Event};

use super::docx_styles::{style_bold, style_list, style_outline, Styles};
use super::docx_xml::{attr, each_event, is_on, number, XmlError};
use super::numbering::Numbering;
use super::paragraphs::{ParagraphStart, Paragraphs};
use super::{bold_heading_shape, StyledHeading, MAX_HEADING_LEVEL};

/// Subtrees whose text is not the document's current text: the old side of tracked
/// moves and format changes, and the duplicate fallback copy of text boxes.
const SKIPPED: &[&str] = &[
    "mc:Fallback",
    "w:moveFrom",
    "w:pPrChange",
    "w:rPrChange",
    "w:del",
];

#[derive(Default)]
struct Para {
    /// Its 1-based number among the body's paragraphs (see [`super::paragraphs`]).
    number: usize,
    text: String,
    style: Option<String>,
    num_id: Option<String>,
    ilvl: Option<usize>,
    /// `w:outlineLvl` set on the paragraph itself.
    outline: Option<u8>,
    /// The formatting of each run that holds text, resolved against the styles once
    /// the paragraph ends.
    runs: Vec<RunFormat>,
}

/// A run's own weight settings.
#[derive(Default, Clone)]
struct RunFormat {
    /// `w:b` on the run.
    bold: Option<bool>,
    /// `w:rStyle`, a character style.
    style: Option<String>,
    /// Its text has been counted in the paragraph's [`Para::runs`].
    counted: bool,
}

#[derive(Default)]
struct Row {
    cells: Vec<String>,
    cell: Option<String>,
    /// Where the open cell's paragraphs start in it: (byte offset, paragraph number).
    cell_starts: Vec<(usize, usize)>,
    /// Where the finished cells' paragraphs start in the row's line.
    starts: Vec<(usize, usize)>,
    /// Bytes of the row's line so far: the finished cells and a tab after each.
    width: usize,
}

/// What a delivered text is: one paragraph, or a table row with the paragraphs its cells
/// hold at byte offsets of the row's line.
enum Piece {
    Para(usize),
    Row(Vec<(usize, usize)>),
}

#[derive(Default)]
struct Body {
    out: Vec<String>,
    headings: Vec<StyledHeading>,
    /// Paragraphs opened so far, the number of the last one.
    count: usize,
    /// Where each paragraph starts in `out`.
    marks: Vec<ParagraphStart>,
    paras: Vec<Para>,
    rows: Vec<Row>,
    /// Open runs, innermost last (a text box's runs sit inside a run).
    runs: Vec<RunFormat>,
    /// Depth of `w:pPr`: the paragraph mark's `w:rPr` there formats no text.
    in_ppr: usize,
    in_text: bool,
    skip: usize,
}

/// The lines of a document body, the lines styled as headings and where each paragraph
/// starts, the XML streamed from `xml`.
pub(crate) fn lines(
    xml: impl BufRead,
    mut numbering: Numbering,
    styles: &Styles,
) -> Result<(String, Vec<StyledHeading>, Paragraphs), XmlError> {
    let mut b = Body::default();
    each_event(xml, |event| {
        if b.skip > 0 {
            match event {
                Event::Start(_) => b.skip += 1,
                Event::End(_) => b.skip -= 1,
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(e) => b.start(&e),
            Event::Empty(e) => b.property(e.name().as_ref(), &e),
            Event::End(e) => b.end(e.name().as_ref(), &mut numbering, styles),
            Event::Text(t) if b.in_text => b.push(&t.xml10_content()),
            Event::CData(t) if b.in_text => b.push(&t),
            Event::GeneralRef(r) if b.in_text => b.push(&reference(&r)),
            _ => {}
        }
    })?;
    Ok((b.out.join("\n"), b.headings, Paragraphs::new(b.marks)))
}

/// The text a character or predefined entity reference stands for; empty for others.
fn reference(r: &BytesRef<'_>) -> String {
    let c = r.resolve_char_ref().ok().flatten();
    c.map(String::from)
        .or_else(|| quick_xml::escape::resolve_predefined_entity(r).map(String::from))
        .unwrap_or_default()
}

/// The auto-number of a paragraph: its own `w:numPr`, else its style's.
fn paragraph_label(p: &Para, numbering: &mut Numbering, styles: &Styles) -> Option<String> {
    let (style_num, style_lvl) = p
        .style
        .as_deref()
        .map_or((None, None), |s| style_list(styles, s));
    let num_id = p.num_id.clone().or(style_num)?;
    // numId 0 is Word's "numbering removed".
    if num_id == "0" {
        return None;
    }
    numbering.label(&num_id, p.ilvl.or(style_lvl).unwrap_or(0))
}

/// The heading level a paragraph's outline level gives it (1 for the top level): its
/// own `w:outlineLvl`, which overrides its style's, else its style's. Levels past
/// [`MAX_HEADING_LEVEL`] and 9 ("body text") are none.
fn outline_heading(p: &Para, styles: &Styles) -> Option<u8> {
    let outline = p
        .outline
        .or_else(|| style_outline(styles, p.style.as_deref()?))?;
    (outline < MAX_HEADING_LEVEL).then_some(outline + 1)
}

/// Every run with text is bold: by its own `w:b`, else its character style, else the
/// paragraph's style.
fn wholly_bold(p: &Para, styles: &Styles) -> bool {
    let para_bold = p.style.as_deref().and_then(|s| style_bold(styles, s));
    let bold = |r: &RunFormat| {
        r.bold
            .or_else(|| style_bold(styles, r.style.as_deref()?))
            .or(para_bold)
            .unwrap_or(false)
    };
    !p.runs.is_empty() && p.runs.iter().all(bold)
}

impl Body {
    /// A start tag: opens a paragraph, run, row or cell, enters a subtree to skip, or
    /// sets a property.
    fn start(&mut self, e: &BytesStart<'_>) {
        let name = e.name();
        let name = name.as_ref();
        if SKIPPED.contains(&name) {
            self.skip = 1;
            return;
        }
        match name {
            "w:p" => {
                // Counted where it opens: a text box's paragraphs, which close inside
                // their anchor's, come after it as in the XML.
                self.count += 1;
                self.paras.push(Para {
                    number: self.count,
                    ..Para::default()
                });
            }
            "w:r" => self.runs.push(RunFormat::default()),
            "w:pPr" => self.in_ppr += 1,
            "w:t" => self.in_text = true,
            "w:tr" => self.rows.push(Row::default()),
            "w:tc" => {
                if let Some(row) = self.rows.last_mut() {
                    row.cell = Some(String::new());
                }
            }
            _ => self.property(name, e),
        }
    }

    /// An end tag: a finished paragraph gets its auto-number and goes out (and may be a
    /// heading); a finished row goes out with its cells tab-separated.
    fn end(&mut self, name: &str, numbering: &mut Numbering, styles: &Styles) {
        match name {
            "w:p" => {
                if let Some(p) = self.paras.pop() {
                    let label = paragraph_label(&p, numbering, styles);
                    let lines = self.deliver(&p.text, label, Piece::Para(p.number));
                    self.mark_heading(&p, styles, lines);
                }
            }
            "w:r" => {
                self.runs.pop();
            }
            "w:pPr" => self.in_ppr = self.in_ppr.saturating_sub(1),
            "w:t" => self.in_text = false,
            "w:tc" => {
                if let Some(row) = self.rows.last_mut() {
                    let cell = row.cell.take().unwrap_or_default();
                    let base = row.width;
                    let starts = row.cell_starts.drain(..).map(|(off, n)| (base + off, n));
                    row.starts.extend(starts);
                    row.width += cell.len() + 1;
                    row.cells.push(cell);
                }
            }
            "w:tr" => {
                if let Some(row) = self.rows.pop() {
                    let line = row.cells.join("\t");
                    self.deliver(&line, None, Piece::Row(row.starts));
                }
            }
            _ => {}
        }
    }

    /// Handles the empty or property elements that matter: tabs and breaks inside
    /// runs (a `w:tab` in `w:pPr` is a tab stop), paragraph style, list and outline
    /// level, and a run's weight.
    fn property(&mut self, name: &str, e: &BytesStart<'_>) {
        let in_run = !self.runs.is_empty();
        let run_format = in_run && self.in_ppr == 0;
        match name {
            "w:tab" | "w:ptab" if in_run => self.push("\t"),
            "w:br" | "w:cr" if in_run => self.push("\n"),
            "w:noBreakHyphen" if in_run => self.push("-"),
            // An empty paragraph written `<w:p/>` still shows its ¶ in Word.
            "w:p" => self.count += 1,
            "w:pStyle" => self.para(|p| p.style = attr(e, "w:val")),
            "w:numId" => self.para(|p| p.num_id = attr(e, "w:val")),
            "w:ilvl" => self.para(|p| p.ilvl = number(e)),
            "w:outlineLvl" if self.in_ppr > 0 => self.para(|p| p.outline = number(e)),
            "w:b" if run_format => self.run(|r| r.bold = Some(is_on(e))),
            "w:rStyle" if run_format => self.run(|r| r.style = attr(e, "w:val")),
            _ => {}
        }
    }

    fn run(&mut self, f: impl FnOnce(&mut RunFormat)) {
        if let Some(r) = self.runs.last_mut() {
            f(r);
        }
    }

    /// Records a finished paragraph's first line as a heading when its style or outline
    /// level says so, or when it is one short line of bold text (level 0). Paragraphs
    /// that went into a table cell have no line of their own.
    fn mark_heading(&mut self, p: &Para, styles: &Styles, lines: Option<Range<usize>>) {
        let Some(lines) = lines.filter(|l| !l.is_empty()) else {
            return;
        };
        let bold = || {
            lines.len() == 1 && bold_heading_shape(&self.out[lines.start]) && wholly_bold(p, styles)
        };
        let level = outline_heading(p, styles).or_else(|| bold().then_some(0));
        if let Some(level) = level {
            self.headings.push(StyledHeading {
                line: lines.start,
                level,
            });
        }
    }

    fn para(&mut self, f: impl FnOnce(&mut Para)) {
        if let Some(p) = self.paras.last_mut() {
            f(p);
        }
    }

    fn push(&mut self, s: &str) {
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        p.text.push_str(s);
        // Tabs and breaks are pushed too; only visible text makes a run count.
        if let Some(r) = self.runs.last_mut().filter(|r| !r.counted) {
            if s.chars().any(|c| !c.is_whitespace()) {
                r.counted = true;
                p.runs.push(r.clone());
            }
        }
    }

    /// Sends a finished paragraph or row to the open table cell, or to the output.
    /// Paragraphs are trimmed; rows keep leading tabs so empty first cells still count.
    /// Returns the output lines it made (`None` when it went into a cell or was blank).
    fn deliver(&mut self, text: &str, label: Option<String>, piece: Piece) -> Option<Range<usize>> {
        if text.trim().is_empty() {
            return None;
        }
        let text = match (label, &piece) {
            (Some(l), _) if !l.is_empty() => join_label(&l, text.trim()),
            (_, Piece::Row(_)) => text.trim_end().to_string(),
            _ => text.trim().to_string(),
        };
        if let Some(Row {
            cell: Some(cell),
            cell_starts,
            ..
        }) = self.rows.last_mut()
        {
            if !cell.is_empty() {
                cell.push(' ');
            }
            let flat = text.replace(['\n', '\t'], " ");
            let (base, lead) = (cell.len(), flat.len() - flat.trim_start().len());
            cell.push_str(flat.trim());
            let starts = match piece {
                Piece::Para(n) => vec![(0, n)],
                Piece::Row(starts) => starts,
            };
            let shift = |(off, n): (usize, usize)| (base + off.saturating_sub(lead), n);
            cell_starts.extend(starts.into_iter().map(shift));
            return None;
        }
        Some(self.emit(text, piece))
    }

    /// Adds a paragraph's lines or a row's line to the output with where its paragraphs
    /// start; returns the lines it made.
    fn emit(&mut self, text: String, piece: Piece) -> Range<usize> {
        let first = self.out.len();
        match piece {
            Piece::Row(starts) => {
                self.out.push(text);
                let at = |(col, number)| ParagraphStart {
                    line: first,
                    col,
                    number,
                };
                self.marks.extend(starts.into_iter().map(at));
            }
            Piece::Para(number) => {
                let lines = text.split('\n').map(str::trim).filter(|l| !l.is_empty());
                self.out.extend(lines.map(String::from));
                // Each line a break made still belongs to the paragraph.
                let at = |line| ParagraphStart {
                    line,
                    col: 0,
                    number,
                };
                self.marks.extend((first..self.out.len()).map(at));
            }
        }
        first..self.out.len()
    }
}

/// `一、` + `加强…` join directly; a label ending in a letter or digit (`第1章`,
/// `1`) gets the space Word's tab would have shown.
fn join_label(label: &str, text: &str) -> String {
    if label.ends_with(|c: char| c.is_alphanumeric()) {
        format!("{label} {text}")
    } else {
        format!("{label}{text}")
    }
}
