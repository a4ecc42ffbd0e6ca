//! CSV: one row per report, one column per element; UTF-8 with a byte-order mark so
//! spreadsheet programs read the Chinese text correctly.

use super::Batch;

/// The CSV text, BOM included.
pub fn to_csv(b: &Batch) -> String {
    let ids: Vec<&str> = b
        .cards
        .first()
        .map(|c| c.elements.iter().map(|e| e.id.as_str()).collect())
        .unwrap_or_default();
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["path", "title", "issuer", "year", "date", "score", "grade"];
    header.extend(&ids);
    w.write_record(&header).expect("write to memory");
    for c in b.cards {
        let mut row = vec![
            c.source.path.clone(),
            c.meta.title.clone().unwrap_or_default(),
            c.meta.issuer.clone().unwrap_or_default(),
            c.meta.year.map(|y| y.to_string()).unwrap_or_default(),
            c.meta.date.clone().unwrap_or_default(),
            format!("{:.1}", c.score),
            c.grade.clone(),
        ];
        row.extend(ids.iter().map(|id| {
            c.elements
                .iter()
                .find(|e| e.id == *id)
                .map_or(String::new(), |e| e.status.as_str().to_string())
        }));
        w.write_record(&row).expect("write to memory");
    }
    let body =
        String::from_utf8(w.into_inner().expect("flush to memory")).expect("UTF-8 in, UTF-8 out");
    format!("\u{FEFF}{body}")
}
