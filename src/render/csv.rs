//! `--format csv`: one row per report, for spreadsheet programs.

use super::labels::fmt1;
use super::Batch;

/// UTF-8 with a byte-order mark, since Excel otherwise reads Chinese text as the local
/// code page. Header: `path,title,issuer,year,date,score,grade`, then one column per element
/// id (in the first card's rule-pack order; all cards of a run share the pack) holding that
/// report's status, a `warnings` column (e.g. a text that is not a report at all, joined
/// by ；), and a last `error` column: empty for scored reports, the reason for
/// files that failed (which get a row of their own with no score, as the output contract
/// asks every format to carry error records).
pub fn to_csv(b: &Batch) -> String {
    let ids: Vec<&str> = b
        .cards
        .first()
        .map(|c| c.elements.iter().map(|e| e.id.as_str()).collect())
        .unwrap_or_default();
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let head = ["path", "title", "issuer", "year", "date", "score", "grade"];
    w.write_record(
        head.iter()
            .copied()
            .chain(ids.iter().copied())
            .chain(["warnings", "error"]),
    )
    .expect("writing to memory");
    for card in b.cards {
        let m = &card.meta;
        let mut row: Vec<String> = vec![
            card.source.path.clone(),
            m.title.clone().unwrap_or_default(),
            m.issuer.clone().unwrap_or_default(),
            m.year.map(|y| y.to_string()).unwrap_or_default(),
            m.date.clone().unwrap_or_default(),
            fmt1(card.score),
            card.grade.name().to_string(),
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
        row.push(card.warnings.join("；"));
        row.push(String::new());
        w.write_record(&row).expect("writing to memory");
    }
    for e in b.errors {
        let mut row = vec![String::new(); head.len() + ids.len() + 2];
        row[0] = e.path.clone();
        row[head.len() + ids.len() + 1] = e.error.clone();
        w.write_record(&row).expect("writing to memory");
    }
    let body = w.into_inner().expect("writing to memory");
    let mut out = String::with_capacity(body.len() + 3);
    out.push('\u{FEFF}');
    out.push_str(std::str::from_utf8(&body).expect("fields are UTF-8"));
    out
}
