//! `--format csv`: one row per report, for spreadsheet programs (UTF-8 with a byte-order
//! mark, CRLF line ends).

use std::borrow::Cow;

use super::labels::fmt1;
use crate::model::scorecard::{ErrorRecord, Scorecard};

/// What a spreadsheet takes for the start of a formula when a cell begins with it (OWASP's
/// list for CSV injection: = + - @, tab, carriage return; and NUL and line feed, which some
/// importers strip before looking). The full-width forms are included as a precaution, since
/// East Asian input methods turn them into their ASCII forms while a cell is edited.
const FORMULA_START: &[char] = &[
    '=', '+', '-', '@', '\t', '\r', '\n', '\0', '＝', '＋', '－', '＠',
];

/// A text cell as a spreadsheet may safely open it: a cell that begins, after any spaces,
/// with a formula character gets a leading `'`, which Excel, LibreOffice and Google Sheets
/// read as "this is text" (OWASP's advice). Quoting of cells that hold the separator or a
/// quote is the CSV writer's. The lone `-` that names standard input is no formula and is
/// left alone, as are numbers, which are written by their own columns and never pass here.
fn text_cell(s: &str) -> Cow<'_, str> {
    let first = s.trim_start_matches(' ').chars().next();
    if s == "-" || !first.is_some_and(|c| FORMULA_START.contains(&c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(format!("'{s}"))
}

/// The columns before the element ids.
const HEAD: [&str; 7] = ["path", "title", "issuer", "year", "date", "score", "grade"];

/// The byte-order mark a CSV output starts with, since Excel otherwise reads Chinese text
/// as the local code page.
pub(super) const BOM: &str = "\u{FEFF}";

/// A CSV writer as every CSV output is written: CRLF line ends.
pub(super) fn writer<W: std::io::Write>(out: W) -> ::csv::Writer<W> {
    ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out)
}

/// The header row: `path,title,issuer,year,date,score,grade`, then one column per element
/// id (in the first card's rule-pack order; all cards of a run share the pack) holding that
/// report's status, a `warnings` column (e.g. a text that is not a report at all, joined
/// by ；), and a last `error` column: empty for scored reports, the reason for
/// files that failed (which get a row of their own with no score, as the output contract
/// asks every format to carry error records). Text cells are neutralised by [`text_cell`];
/// `year` and `score` are numbers and stay numbers.
pub(super) fn header(ids: &[String]) -> Vec<Cow<'_, str>> {
    // Element ids come from the pack, which may be anyone's: neutralised like report text.
    HEAD.iter()
        .map(|h| Cow::Borrowed(*h))
        .chain(ids.iter().map(|id| text_cell(id)))
        .chain(["warnings", "error"].map(Cow::Borrowed))
        .collect()
}

/// One scored report's cells, made while its card is at hand; the element columns are
/// settled by [`CsvRow::cells`] once the header is known.
#[derive(Debug)]
pub(super) struct CsvRow {
    head: Vec<String>,
    /// Element id and status, in the card's order.
    statuses: Vec<(String, &'static str)>,
    warnings: String,
}

impl CsvRow {
    /// The row of `card`.
    pub(super) fn new(card: &Scorecard) -> CsvRow {
        let m = &card.meta;
        let text = |s: &str| text_cell(s).into_owned();
        CsvRow {
            head: vec![
                text(&card.source.path),
                text(m.title.as_deref().unwrap_or_default()),
                text(m.issuer.as_deref().unwrap_or_default()),
                m.year.map(|y| y.to_string()).unwrap_or_default(),
                text(m.date.as_deref().unwrap_or_default()),
                fmt1(card.score),
                text(card.grade.name()),
            ],
            statuses: card
                .elements
                .iter()
                .map(|e| (e.id.clone(), e.status.as_str()))
                .collect(),
            warnings: text(&card.warnings.join("；")),
        }
    }

    /// The element ids of this row's card, in its order: the header's, when it is first.
    pub(super) fn ids(&self) -> Vec<String> {
        self.statuses.iter().map(|(id, _)| id.clone()).collect()
    }

    /// The row under the header written for `ids`.
    pub(super) fn cells<'a>(&'a self, ids: &[String]) -> Vec<&'a str> {
        let mut row: Vec<&str> = self.head.iter().map(String::as_str).collect();
        // Looked up by id, not position, so a card from a differently ordered pack still
        // lands in the right columns (and leaves a blank where it lacks an element).
        row.extend(ids.iter().map(|id| {
            self.statuses
                .iter()
                .find(|(e, _)| e == id)
                .map_or("", |(_, s)| *s)
        }));
        row.push(&self.warnings);
        row.push("");
        row
    }
}

/// The row of a file that failed, under the header written for `ids` columns.
pub(super) fn error_row(e: &ErrorRecord, ids: usize) -> Vec<String> {
    let mut row = vec![String::new(); HEAD.len() + ids + 2];
    row[0] = text_cell(&e.path).into_owned();
    row[HEAD.len() + ids + 1] = text_cell(&e.error).into_owned();
    row
}

#[cfg(test)]
mod tests {
    use super::text_cell;

    #[test]
    fn formula_cells_become_text_and_others_stay() {
        for bad in [
            "=1+1", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "  =x", "＝1",
        ] {
            assert_eq!(text_cell(bad), format!("'{bad}"));
        }
        for good in ["梧川县人民政府", "2024-02-26", "-", "a=b", "'quoted"] {
            assert_eq!(text_cell(good), good);
        }
    }
}
