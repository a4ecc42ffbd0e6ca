//! How the xlsx sheets' cells look and are laid out: the formats (the pack's grade colours,
//! the heatmap's status colours, in black or white ink as reads best), a row's cells written
//! with the widths they need remembered, and each sheet's finish — frozen header, filter,
//! columns as wide as their text.

use std::collections::HashMap;
use std::io;

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

use super::labels::{status_colour, STATUSES};
use super::xlsx_rows::{fit_cell, shown_width};
use crate::model::scorecard::Status;
use crate::rules::RulePack;

/// Where the next row of a sheet goes, and how wide each column's text has been.
pub(super) struct Sheet {
    pub(super) index: usize,
    pub(super) next: u32,
    pub(super) widths: Vec<usize>,
}

impl Sheet {
    pub(super) fn new(index: usize) -> Sheet {
        Sheet {
            index,
            next: 0,
            widths: Vec::new(),
        }
    }
}

/// The cell formats, made once.
pub(super) struct Styles {
    pub(super) head: Format,
    /// Element headers: turned upright, as the heatmap's are, so the columns stay narrow.
    pub(super) head_upright: Format,
    pub(super) figure: Format,
    pub(super) year: Format,
    pub(super) wrap: Format,
    pub(super) status: HashMap<Status, Format>,
    pub(super) grade: HashMap<String, Format>,
}

impl Styles {
    pub(super) fn new(pack: &RulePack) -> Styles {
        let head = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter)
            .set_background_color(Color::RGB(0xF2F4F7))
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0xD0D5DD));
        let painted = |bg: &str| {
            Format::new()
                .set_background_color(Color::from(bg))
                .set_font_color(Color::from(ink_on(bg)))
                .set_align(FormatAlign::Center)
        };
        Styles {
            head_upright: head.clone().set_rotation(90).set_align(FormatAlign::Center),
            head,
            figure: Format::new().set_num_format("0.0"),
            year: Format::new().set_num_format("0"),
            wrap: Format::new().set_text_wrap(),
            status: STATUSES
                .iter()
                .map(|&s| (s, painted(status_colour(s))))
                .collect(),
            grade: pack
                .grades
                .bands()
                .iter()
                .map(|b| (b.name.clone(), painted(&b.colour.css())))
                .collect(),
        }
    }
}

/// Black or white, whichever reads better on `bg` (`#rrggbb`): white on the pack's grade
/// colours and the heatmap's green and red, black on its amber and grey.
fn ink_on(bg: &str) -> &'static str {
    let v = u32::from_str_radix(bg.trim_start_matches('#'), 16).unwrap_or(0);
    let [r, g, b] = [16, 8, 0].map(|s| f64::from((v >> s) & 0xFF));
    // Relative luminance, roughly (ITU-R BT.601 weights).
    if 0.299 * r + 0.587 * g + 0.114 * b > 160.0 {
        "#1f2933"
    } else {
        "#ffffff"
    }
}

pub(super) fn xlsx_err(e: XlsxError) -> io::Error {
    io::Error::other(e.to_string())
}

/// A sheet being written: its worksheet, the row, and the widths seen.
pub(super) struct Row<'w> {
    pub(super) ws: &'w mut Worksheet,
    pub(super) row: u32,
    pub(super) widths: &'w mut Vec<usize>,
}

impl Row<'_> {
    fn seen(&mut self, col: u16, width: usize) {
        let i = usize::from(col);
        if self.widths.len() <= i {
            self.widths.resize(i + 1, 0);
        }
        self.widths[i] = self.widths[i].max(width);
    }

    pub(super) fn text(&mut self, col: u16, s: &str, f: Option<&Format>) -> io::Result<()> {
        if s.is_empty() && f.is_none() {
            return Ok(());
        }
        let s = fit_cell(s);
        self.seen(col, shown_width(&s));
        match f {
            Some(f) => self.ws.write_string_with_format(self.row, col, s, f),
            None => self.ws.write_string(self.row, col, s),
        }
        .map_err(xlsx_err)?;
        Ok(())
    }

    pub(super) fn number(&mut self, col: u16, x: f64, f: &Format) -> io::Result<()> {
        self.seen(col, format!("{x:.1}").len());
        self.ws
            .write_number_with_format(self.row, col, x, f)
            .map_err(xlsx_err)?;
        Ok(())
    }

    /// A header cell. It wraps, so a long one (第一责任人职责·满分) widens its column only
    /// so far; one standing upright not at all.
    pub(super) fn head(&mut self, col: u16, s: &str, f: &Format, upright: bool) -> io::Result<()> {
        if !upright {
            self.seen(col, shown_width(s).min(HEAD_WIDTH));
        }
        self.ws
            .write_string_with_format(self.row, col, fit_cell(s), f)
            .map_err(xlsx_err)?;
        Ok(())
    }
}

/// The most a header widens its column, in columns of width (six Chinese characters).
const HEAD_WIDTH: usize = 12;

/// A long sheet's finish: frozen header row and first column, a filter over every column,
/// each column as wide as its widest text (within bounds, so one long advice does not push
/// the rest off screen).
pub(super) fn lay_out(ws: &mut Worksheet, sheet: &Sheet, last_col: u16) -> io::Result<()> {
    ws.set_freeze_panes(1, 1).map_err(xlsx_err)?;
    let last_row = sheet.next.saturating_sub(1);
    ws.autofilter(0, 0, last_row, last_col).map_err(xlsx_err)?;
    set_widths(ws, &sheet.widths)
}

pub(super) fn set_widths(ws: &mut Worksheet, widths: &[usize]) -> io::Result<()> {
    for (c, w) in (0u16..).zip(widths) {
        let w = (*w + 2).clamp(6, 50) as f64;
        ws.set_column_width(c, w).map_err(xlsx_err)?;
    }
    Ok(())
}
