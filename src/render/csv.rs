//! `--format csv`: one row per report, for spreadsheet programs.

use std::borrow::Cow;

use super::labels::fmt1;
use super::Batch;
use crate::model::scorecard::Scorecard;

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

/// UTF-8 with a byte-order mark, since Excel otherwise reads Chinese text as the local
/// code page. Header: `path,title,issuer,year,date,score,grade`, then one column per element
/// id (in the first card's rule-pack order; all cards of a run share the pack) holding that
/// report's status, a `warnings` column (e.g. a text that is not a report at all, joined
/// by ；), and a last `error` column: empty for scored reports, the reason for
/// files that failed (which get a row of their own with no score, as the output contract
/// asks every format to carry error records). Text cells are neutralised by [`text_cell`];
/// `year` and `score` are numbers and stay numbers.
pub fn to_csv(b: &Batch) -> String {
    let ids: Vec<&str> = b
        .cards
        .first()
        .map(|c| c.elements.iter().map(|e| e.id.as_str()).collect())
        .unwrap_or_default();
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Element ids come from the pack, which may be anyone's: neutralised like report text.
    let header: Vec<Cow<str>> = HEAD
        .iter()
        .map(|h| Cow::Borrowed(*h))
        .chain(ids.iter().map(|id| text_cell(id)))
        .chain(["warnings", "error"].map(Cow::Borrowed))
        .collect();
    w.write_record(header.iter().map(|c| c.as_bytes()))
        .expect("writing to memory");
    for card in b.cards {
        w.write_record(card_row(card, &ids))
            .expect("writing to memory");
    }
    for e in b.errors {
        let mut row = vec![String::new(); HEAD.len() + ids.len() + 2];
        row[0] = text_cell(&e.path).into_owned();
        row[HEAD.len() + ids.len() + 1] = text_cell(&e.error).into_owned();
        w.write_record(&row).expect("writing to memory");
    }
    let body = w.into_inner().expect("writing to memory");
    let mut out = String::with_capacity(body.len() + 3);
    out.push('\u{FEFF}');
    out.push_str(std::str::from_utf8(&body).expect("fields are UTF-8"));
    out
}

/// The columns before the element ids.
const HEAD: [&str; 7] = ["path", "title", "issuer", "year", "date", "score", "grade"];

/// One scored report's row, under the header [`to_csv`] writes for `ids`.
fn card_row(card: &Scorecard, ids: &[&str]) -> Vec<String> {
    let m = &card.meta;
    let text = |s: &str| text_cell(s).into_owned();
    let mut row: Vec<String> = vec![
        text(&card.source.path),
        text(m.title.as_deref().unwrap_or_default()),
        text(m.issuer.as_deref().unwrap_or_default()),
        m.year.map(|y| y.to_string()).unwrap_or_default(),
        text(m.date.as_deref().unwrap_or_default()),
        fmt1(card.score),
        text(card.grade.name()),
    ];
    // Looked up by id, not position, so a card from a differently ordered pack still
    // lands in the right columns (and leaves a blank where it lacks an element).
    row.extend(ids.iter().map(|id| {
        card.elements
            .iter()
            .find(|e| e.id == *id)
            .map(|e| e.status.as_str().to_string())
            .unwrap_or_default()
    }));
    row.push(text(&card.warnings.join("；")));
    row.push(String::new());
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
