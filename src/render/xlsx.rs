//! `--format xlsx`: a workbook for supervisors, written as reports come. Sheet 汇总 has a
//! row per report — score, grade in the pack's colour, points per category, each element's
//! status in the overview heatmap's colours — under a frozen header with a filter; sheet
//! 缺失要素 a row per missing or partial element with the points it costs and the pack's
//! advice; sheet 说明 the pack that scored them and the day. Both long sheets are written in
//! the xlsx writer's constant-memory mode (each row goes to a temporary file once the next
//! begins), so memory stays flat however large the batch; the workbook is put together
//! only at the end, into a file the caller writes whole or not at all.

use std::io::{self, Write};

use rust_xlsxwriter::Workbook;

use super::csv::{level_word, status_word, Columns, CsvHeaders, CsvRow};
use super::labels::STATUSES;
use super::piece::{Body, Piece};
use super::stream::Sink;
use super::xlsx_rows::{shown_width, today, Gap};
use super::xlsx_style::{lay_out, set_widths, xlsx_err, Row, Sheet, Styles};
use super::RenderError;
use crate::model::scorecard::ErrorRecord;
use crate::rules::RulePack;
use crate::t;

/// Statuses and levels as people read them, in the message language.
const WORDS: CsvHeaders = CsvHeaders::Zh;

/// The workbook of a run, filled as reports come.
pub struct XlsxWriter<'a> {
    pack: &'a RulePack,
    book: Workbook,
    styles: Styles,
    summary: Sheet,
    gaps: Sheet,
    /// The summary's element and category columns, from the first report.
    cols: Option<Columns>,
    reports: usize,
}

/// Where the summary's column groups start: ten fixed columns (发文机关 … 层级), a pair per
/// category, one per element, then 提示, 未能评分的原因, 路径.
struct Layout {
    categories: u16,
    elements: u16,
    tail: u16,
    /// 重复文字占比, 通用表述占比 and 主要相同来源 after 路径 (a batch checked for reuse).
    reuse: bool,
}

impl Layout {
    fn of(cols: &Columns) -> Layout {
        let n = |v: usize| u16::try_from(v).unwrap_or(u16::MAX);
        let categories = 10;
        let elements = categories + 2 * n(cols.categories.len());
        Layout {
            categories,
            elements,
            tail: elements + n(cols.elements.len()),
            reuse: cols.reuse,
        }
    }

    fn last(&self) -> u16 {
        self.tail + if self.reuse { 5 } else { 2 }
    }
}

impl<'a> XlsxWriter<'a> {
    /// A new workbook for reports scored with `pack`, its three sheets named.
    pub fn new(pack: &'a RulePack) -> io::Result<XlsxWriter<'a>> {
        let mut book = Workbook::new();
        book.add_worksheet_with_constant_memory()
            .and_then(|ws| ws.set_name(t!("sheets.sheet.summary")))
            .map_err(xlsx_err)?;
        book.add_worksheet_with_constant_memory()
            .and_then(|ws| ws.set_name(t!("sheets.sheet.gaps")))
            .map_err(xlsx_err)?;
        book.add_worksheet()
            .set_name(t!("sheets.sheet.about"))
            .map_err(xlsx_err)?;
        let mut w = XlsxWriter {
            pack,
            styles: Styles::new(pack),
            book,
            summary: Sheet::new(0),
            gaps: Sheet::new(1),
            cols: None,
            reports: 0,
        };
        w.gaps_header()?;
        Ok(w)
    }

    fn row<'s>(book: &'s mut Workbook, sheet: &'s mut Sheet) -> io::Result<Row<'s>> {
        let ws = book.worksheet_from_index(sheet.index).map_err(xlsx_err)?;
        let row = sheet.next;
        sheet.next += 1;
        Ok(Row {
            ws,
            row,
            widths: &mut sheet.widths,
        })
    }

    /// Writes one report: its summary row (after the header, before the first) and its
    /// missing elements.
    pub(super) fn write(&mut self, row: &CsvRow, gaps: &[Gap]) -> io::Result<()> {
        if self.cols.is_none() {
            self.summary_header(Columns::of(row))?;
        }
        self.summary_row(row)?;
        for g in gaps {
            self.gap_row(row, g)?;
        }
        self.reports += 1;
        Ok(())
    }

    fn summary_header(&mut self, cols: Columns) -> io::Result<()> {
        let lay = Layout::of(&cols);
        let st = &self.styles;
        let mut r = Self::row(&mut self.book, &mut self.summary)?;
        let fixed = [
            t!("sheets.head.issuer"),
            t!("sheets.head.title"),
            t!("sheets.head.year"),
            t!("sheets.head.date"),
            t!("sheets.head.score"),
            t!("sheets.head.grade"),
            t!("sheets.head.earned"),
            t!("sheets.head.possible"),
            t!("sheets.head.profile"),
            t!("sheets.head.level"),
        ];
        for (c, h) in (0..).zip(fixed) {
            r.head(c, h, &st.head, false)?;
        }
        for (c, (_, title)) in (lay.categories..).step_by(2).zip(&cols.categories) {
            r.head(
                c,
                &t!("sheets.head.category_earned", title = title),
                &st.head,
                false,
            )?;
            let possible = t!("sheets.head.category_possible", title = title);
            r.head(c + 1, &possible, &st.head, false)?;
        }
        for (c, (_, title)) in (lay.elements..).zip(&cols.elements) {
            r.head(c, title, &st.head_upright, true)?;
        }
        let tail = [
            t!("sheets.head.warnings"),
            t!("sheets.head.error"),
            t!("sheets.head.path"),
        ];
        for (c, h) in (lay.tail..).zip(tail) {
            r.head(c, h, &st.head, false)?;
        }
        if lay.reuse {
            for (c, h) in (lay.tail + 3..).zip(super::csv::reuse_words()) {
                r.head(c, h, &st.head, false)?;
            }
        }
        // Tall enough for the longest element title standing upright: about 12 points per
        // Chinese character (two columns of width) at the default 11-point font.
        let upright = cols.elements.iter().map(|(_, t)| shown_width(t)).max();
        let height = upright.map_or(30.0, |w| (w as f64 * 6.0 + 12.0).clamp(30.0, 200.0));
        r.ws.set_row_height(r.row, height).map_err(xlsx_err)?;
        self.cols = Some(cols);
        Ok(())
    }

    fn summary_row(&mut self, row: &CsvRow) -> io::Result<()> {
        let cols = self.cols.as_ref().expect("the header is written first");
        let lay = Layout::of(cols);
        let st = &self.styles;
        let mut r = Self::row(&mut self.book, &mut self.summary)?;
        r.text(0, &row.issuer, None)?;
        r.text(1, &row.title, None)?;
        if let Some(y) = row.year {
            r.number(2, f64::from(y), &st.year)?;
        }
        r.text(3, &row.date, None)?;
        r.number(4, row.score, &st.figure)?;
        r.text(5, &row.grade, st.grade.get(&row.grade))?;
        r.number(6, row.earned, &st.figure)?;
        r.number(7, row.possible, &st.figure)?;
        r.text(8, &row.profile.1, None)?;
        r.text(9, level_word(row.level, WORDS), None)?;
        for (c, (id, _)) in (lay.categories..).step_by(2).zip(&cols.categories) {
            if let Some(cat) = row.categories.iter().find(|k| k.id == *id) {
                r.number(c, cat.earned, &st.figure)?;
                r.number(c + 1, cat.possible, &st.figure)?;
            }
        }
        for (c, (id, _)) in (lay.elements..).zip(&cols.elements) {
            if let Some(e) = row.elements.iter().find(|e| e.id == *id) {
                r.text(c, status_word(e.status, WORDS), st.status.get(&e.status))?;
            }
        }
        r.text(lay.tail, &row.warnings, None)?;
        r.text(lay.tail + 2, &row.path, None)?;
        if let (true, Some(reuse)) = (lay.reuse, &row.reuse) {
            // Percent, one decimal, as the overview shows scores.
            r.number(lay.tail + 3, reuse.share * 100.0, &st.figure)?;
            r.number(lay.tail + 4, reuse.common_share * 100.0, &st.figure)?;
            r.text(lay.tail + 5, &reuse.sources, None)?;
        }
        Ok(())
    }

    fn gaps_header(&mut self) -> io::Result<()> {
        let f = &self.styles.head;
        let mut r = Self::row(&mut self.book, &mut self.gaps)?;
        let heads = [
            t!("sheets.head.issuer"),
            t!("sheets.head.title"),
            t!("sheets.head.category"),
            t!("sheets.head.element"),
            t!("sheets.head.status"),
            t!("sheets.head.lost"),
            t!("sheets.head.advice"),
            t!("sheets.head.path"),
        ];
        for (c, h) in (0..).zip(heads) {
            r.head(c, h, f, false)?;
        }
        Ok(())
    }

    fn gap_row(&mut self, row: &CsvRow, g: &Gap) -> io::Result<()> {
        let st = &self.styles;
        let mut r = Self::row(&mut self.book, &mut self.gaps)?;
        r.text(0, &row.issuer, None)?;
        r.text(1, &row.title, None)?;
        r.text(2, &g.category, None)?;
        r.text(3, &g.element, None)?;
        r.text(4, status_word(g.status, WORDS), st.status.get(&g.status))?;
        r.number(5, g.lost, &st.figure)?;
        r.text(6, &g.advice, Some(&st.wrap))?;
        r.text(7, &row.path, None)
    }

    /// Ends the workbook with the files that failed (rows of the summary naming the file
    /// and why) and the 说明 sheet, and writes it to `out`.
    pub fn finish<W: Write + Send>(mut self, errors: &[ErrorRecord], out: W) -> io::Result<W> {
        if self.cols.is_none() {
            self.summary_header(Columns::default())?;
        }
        let lay = Layout::of(self.cols.as_ref().expect("written above"));
        for e in errors {
            let mut r = Self::row(&mut self.book, &mut self.summary)?;
            r.text(lay.tail + 1, &e.error, None)?;
            r.text(lay.tail + 2, &e.path, None)?;
        }
        let last = lay.last();
        for (sheet, last_col) in [(&self.summary, last), (&self.gaps, 7)] {
            let ws = self
                .book
                .worksheet_from_index(sheet.index)
                .map_err(xlsx_err)?;
            lay_out(ws, sheet, last_col)?;
        }
        self.about(errors.len())?;
        let mut out = out;
        self.book.save_to_writer(&mut out).map_err(xlsx_err)?;
        Ok(out)
    }

    /// The 说明 sheet: the pack, the day, how many reports, and what the colours mean.
    fn about(&mut self, errors: usize) -> io::Result<()> {
        let p = self.pack;
        let reports = self.reports.to_string();
        let errors = errors.to_string();
        let facts = [
            (t!("sheets.about.pack"), p.name.as_str()),
            (t!("sheets.about.pack_title"), p.title.as_str()),
            (t!("sheets.about.version"), p.version.as_str()),
            (t!("sheets.about.digest"), p.digest.as_str()),
            (t!("sheets.about.date"), &today()),
            (t!("sheets.about.reports"), &reports),
            (t!("sheets.about.errors"), &errors),
        ];
        let mut sheet = Sheet::new(2);
        let st = &self.styles;
        for (k, v) in facts {
            let mut r = Self::row(&mut self.book, &mut sheet)?;
            r.text(0, k, Some(&st.head))?;
            r.text(1, v, None)?;
        }
        sheet.next += 1;
        for s in STATUSES {
            let mut r = Self::row(&mut self.book, &mut sheet)?;
            r.text(0, t!("sheets.about.status"), Some(&st.head))?;
            r.text(1, status_word(s, WORDS), st.status.get(&s))?;
        }
        for b in p.grades.bands() {
            let mut r = Self::row(&mut self.book, &mut sheet)?;
            r.text(0, t!("sheets.about.grade"), Some(&st.head))?;
            r.text(1, &b.name, st.grade.get(&b.name))?;
            r.text(2, &t!("sheets.about.grade_min", min = b.min), None)?;
        }
        let ws = self.book.worksheet_from_index(2).map_err(xlsx_err)?;
        set_widths(ws, &sheet.widths)
    }
}

impl Sink for XlsxWriter<'_> {
    fn put(&mut self, piece: Piece) -> Result<(), RenderError> {
        match piece.body {
            Body::Sheet(row, gaps) => Ok(self.write(&row, &gaps)?),
            _ => Err(RenderError::Io(
                "a report rendered for another format".into(),
            )),
        }
    }
}
