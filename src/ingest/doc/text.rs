//! The main text's characters → lines, the way the .docx reader lays out the same
//! document: one line per paragraph (a manual line break starts another line of the same
//! paragraph), one line per table row with its cells joined by tabs and each cell's
//! paragraphs by spaces, and field codes left out (their results kept). Characters are
//! kept as the .docx reader keeps them: a nonbreaking space stays U+00A0.

use super::papx::{Bins, ParaProps};
use super::pieces::{piece_of, Piece};
use super::styles::Styles;
use crate::ingest::paragraphs::{ParagraphStart, Paragraphs};
use crate::ingest::{StyledHeading, MAX_HEADING_LEVEL};

/// Paragraph end.
const PARA_END: u16 = 0x0D;
/// Cell end, or row end when the paragraph properties say so.
const CELL_END: u16 = 0x07;
/// Manual line break (Shift+Enter).
const LINE_BREAK: u16 = 0x0B;
/// Page break, or section break: a section's last paragraph ends with it instead of a
/// paragraph mark.
const PAGE_BREAK: u16 = 0x0C;
/// Field begin, separator (code | result) and end.
const FIELD_BEGIN: u16 = 0x13;
const FIELD_SEPARATOR: u16 = 0x14;
const FIELD_END: u16 = 0x15;
/// Nonbreaking hyphen and optional hyphen.
const NB_HYPHEN: u16 = 0x1E;
const OPTIONAL_HYPHEN: u16 = 0x1F;
/// Fields nest; deeper ones are a damaged or hostile file, read as if closed.
const MAX_FIELD_DEPTH: usize = 64;

/// What the walker needs to know about where a paragraph mark stands.
pub(super) struct Sources<'a> {
    pub(super) pieces: &'a [Piece],
    pub(super) bins: Bins<'a>,
    pub(super) styles: Styles,
    /// The CPs just past each section's end (PlcfSed), sorted.
    pub(super) section_ends: Vec<u32>,
}

impl Sources<'_> {
    /// Whether the character at `cp` ends a section, and so its paragraph.
    fn ends_section(&self, cp: usize) -> bool {
        self.section_ends.binary_search(&(cp as u32 + 1)).is_ok()
    }

    fn props(&self, cp: usize) -> ParaProps {
        let cp = cp as u32;
        piece_of(self.pieces, cp).map_or_else(ParaProps::default, |p| self.bins.at(p.fc_of(cp)))
    }
}

#[derive(Default)]
struct Row {
    cells: Vec<String>,
    cell: String,
    /// Where the open cell's paragraphs start in it: (byte offset, paragraph number).
    cell_starts: Vec<(usize, usize)>,
    /// Where the finished cells' paragraphs start in the row's line.
    starts: Vec<(usize, usize)>,
    width: usize,
}

#[derive(Default)]
struct Out {
    lines: Vec<String>,
    headings: Vec<StyledHeading>,
    marks: Vec<ParagraphStart>,
    /// Paragraphs seen, the number of the last.
    count: usize,
    row: Option<Row>,
}

/// Lays out `units` (the main text, one UTF-16 unit per CP): the text, the lines styled
/// as headings and where each paragraph starts.
pub(super) fn lay_out(
    units: &[u16],
    src: &Sources<'_>,
) -> (String, Vec<StyledHeading>, Paragraphs) {
    let mut out = Out::default();
    let mut para = String::new();
    // One entry per open field: true once its separator has passed (its result shows).
    let mut fields: Vec<bool> = Vec::new();
    let mut cp = 0;
    while cp < units.len() {
        let (c, width) = decode(units, cp);
        let unit = units[cp];
        match unit {
            FIELD_BEGIN if fields.len() < MAX_FIELD_DEPTH => fields.push(false),
            FIELD_SEPARATOR => {
                if let Some(top) = fields.last_mut() {
                    *top = true;
                }
            }
            FIELD_END => {
                fields.pop();
            }
            PARA_END | CELL_END => {
                let props = src.props(cp);
                out.paragraph(std::mem::take(&mut para), unit == CELL_END, props, src);
            }
            PAGE_BREAK if src.ends_section(cp) => {
                let props = src.props(cp);
                out.paragraph(std::mem::take(&mut para), false, props, src);
            }
            _ if !fields.iter().all(|&shown| shown) => {}
            LINE_BREAK | PAGE_BREAK => para.push('\n'),
            NB_HYPHEN => para.push('-'),
            0x09 => para.push('\t'),
            OPTIONAL_HYPHEN => {}
            _ if c.is_control() => {}
            _ => para.push(c),
        }
        cp += width;
    }
    if !para.trim().is_empty() {
        out.paragraph(para, false, ParaProps::default(), src);
    }
    out.end_row();
    let text = out.lines.join("\n");
    (text, out.headings, Paragraphs::new(out.marks))
}

/// The character at `cp` and how many units it takes (2 for a surrogate pair); a lone
/// surrogate is U+FFFD.
fn decode(units: &[u16], cp: usize) -> (char, usize) {
    let pair = &units[cp..units.len().min(cp + 2)];
    match char::decode_utf16(pair.iter().copied()).next() {
        Some(Ok(c)) => (c, c.len_utf16()),
        _ => (char::REPLACEMENT_CHARACTER, 1),
    }
}

impl Out {
    /// A paragraph mark: a row end closes the open row; a cell paragraph goes into the
    /// open cell (a cell mark closes it); any other paragraph is a line of its own.
    fn paragraph(&mut self, text: String, cell_mark: bool, props: ParaProps, src: &Sources<'_>) {
        // Row-end marks (Word's ¤ after a row's last cell) are no paragraph of their own;
        // the .docx form of the same table has no w:p for them either.
        if props.inner_row_end {
            return;
        }
        if cell_mark && props.row_end {
            self.end_row();
            return;
        }
        self.count += 1;
        let number = self.count;
        if cell_mark || props.in_table {
            self.add_to_cell(&text, number);
            if cell_mark {
                self.end_cell();
            }
            return;
        }
        self.end_row();
        let first = self.lines.len();
        let lines = text.split('\n').map(str::trim).filter(|l| !l.is_empty());
        self.lines.extend(lines.map(String::from));
        let at = |line| ParagraphStart {
            line,
            col: 0,
            number,
        };
        self.marks.extend((first..self.lines.len()).map(at));
        let outline = props.outline.or_else(|| src.styles.outline(props.istd));
        if let Some(level) = outline.filter(|&l| l < MAX_HEADING_LEVEL) {
            if first < self.lines.len() {
                self.headings.push(StyledHeading {
                    line: first,
                    level: level + 1,
                });
            }
        }
    }

    fn add_to_cell(&mut self, text: &str, number: usize) {
        let flat = text.replace(['\n', '\t'], " ");
        let flat = flat.trim();
        if flat.is_empty() {
            return;
        }
        let row = self.row.get_or_insert_with(Row::default);
        if !row.cell.is_empty() {
            row.cell.push(' ');
        }
        row.cell_starts.push((row.cell.len(), number));
        row.cell.push_str(flat);
    }

    fn end_cell(&mut self) {
        let row = self.row.get_or_insert_with(Row::default);
        let cell = std::mem::take(&mut row.cell);
        let base = row.width;
        let starts = row.cell_starts.drain(..).map(|(off, n)| (base + off, n));
        row.starts.extend(starts);
        row.width += cell.len() + 1;
        row.cells.push(cell);
    }

    /// Sends the open row out as one line, its cells tab-separated (a blank row makes
    /// none). A cell left open (no cell mark before the row ended) is closed first.
    fn end_row(&mut self) {
        if self.row.as_ref().is_some_and(|r| !r.cell.is_empty()) {
            self.end_cell();
        }
        let Some(row) = self.row.take() else {
            return;
        };
        let line = row.cells.join("\t");
        if line.trim().is_empty() {
            return;
        }
        let line_no = self.lines.len();
        self.lines.push(line.trim_end().to_string());
        let at = |(col, number)| ParagraphStart {
            line: line_no,
            col,
            number,
        };
        self.marks.extend(row.starts.into_iter().map(at));
    }
}
