//! `--format json` and `--format jsonl`, as `shared/spec/output.md` fixes them.
//!
//! The JSON document is written in pieces — its head, one scorecard at a time, its tail —
//! and comes out byte for byte as `serde_json::to_string_pretty` prints the whole document
//! `{"schema", "ruleset", "reports", "errors", "summary"}`: a value nested `n` levels deep is
//! that value printed on its own with every line after the first indented `2n` more spaces
//! (serde_json escapes every newline inside a string, so each newline it prints is a line
//! break of the layout).

use serde::Serialize;

use crate::model::history::IssuerHistory;
use crate::model::reuse::Reuse;
use crate::model::scorecard::{ErrorRecord, RulesetRef, Scorecard, Summary, SCHEMA};

/// `v` pretty-printed as it appears nested `depth` levels deep in a pretty document.
fn nested(v: &impl Serialize, depth: usize) -> String {
    let s = serde_json::to_string_pretty(v).expect("scorecards serialize to JSON");
    let indent = format!("\n{}", "  ".repeat(depth));
    s.replace('\n', &indent)
}

/// The document up to its first scorecard.
pub(super) fn head(ruleset: &RulesetRef) -> String {
    let schema = serde_json::to_string(SCHEMA).expect("a string serializes");
    format!(
        "{{\n  \"schema\": {schema},\n  \"ruleset\": {},\n  \"reports\": [",
        nested(ruleset, 1)
    )
}

/// A scorecard as the `reports` array holds it (without the separator before it).
pub(super) fn report(card: &Scorecard) -> String {
    nested(card, 2)
}

/// What comes before the `n`th scorecard (counted from 0).
pub(super) fn separator(n: usize) -> &'static str {
    if n == 0 {
        "\n    "
    } else {
        ",\n    "
    }
}

/// The document after its `reports` scorecards: the array closed, the errors and the
/// summary (the histories follow, from [`history_to`], then [`END`]).
pub(super) fn tail(reports: usize, errors: &[ErrorRecord], summary: &Summary) -> String {
    let close = if reports == 0 { "]" } else { "\n  ]" };
    format!(
        "{close},\n  \"errors\": {},\n  \"summary\": {}",
        nested(&errors, 1),
        nested(summary, 1)
    )
}

/// What ends the document, after [`tail`] and [`history_to`].
pub(super) const END: &str = "\n}\n";

/// The issuers' histories, when there are any, after [`tail`]: each made and written as it
/// comes, as `nested` would print the whole array (a run without one prints what it
/// always printed).
pub(super) fn history_to(
    w: &mut impl std::io::Write,
    history: &mut impl ExactSizeIterator<Item = IssuerHistory>,
) -> std::io::Result<()> {
    if history.len() == 0 {
        return Ok(());
    }
    w.write_all(b",\n  \"history\": [")?;
    for (i, h) in history.enumerate() {
        let sep = if i == 0 { "" } else { "," };
        w.write_all(format!("{sep}\n    {}", nested(&h, 2)).as_bytes())?;
    }
    w.write_all(b"\n  ]")
}

/// The JSON Lines record of a history, after the error records: `{"history": {...}}`,
/// told from a scorecard and an error record by its one key.
pub(super) fn history_line(h: &IssuerHistory) -> String {
    // Written by hand so the fields keep their order (`json!` would sort them).
    let h = serde_json::to_string(h).expect("histories serialize to JSON");
    format!("{{\"history\":{h}}}\n")
}

/// One JSON Lines record: a scorecard on one line.
pub(super) fn line(card: &Scorecard) -> String {
    let mut s = serde_json::to_string(card).expect("scorecards serialize to JSON");
    s.push('\n');
    s
}

/// One JSON Lines record of a file that failed: `{"path","error"}`.
pub(super) fn error_line(err: &ErrorRecord) -> String {
    let mut s = serde_json::to_string(err).expect("error records serialize to JSON");
    s.push('\n');
    s
}

/// A JSON Lines record written without a `reuse` block (from [`line`]) with `reuse` put in
/// its place: byte for byte the record of the card holding it, since `reuse` is the
/// scorecard's last field. Spares a batch serialising the card twice.
pub(super) fn line_with_reuse(mut line: Vec<u8>, reuse: &Reuse) -> Vec<u8> {
    debug_assert!(line.ends_with(b"}\n"));
    line.truncate(line.len() - 2);
    line.extend_from_slice(b",\"reuse\":");
    serde_json::to_writer(&mut line, reuse).expect("reuse blocks serialize to JSON");
    line.extend_from_slice(b"}\n");
    line
}

/// A scorecard of the `reports` array written without a `reuse` block (from [`report`])
/// with `reuse` put in its place, as [`report`] prints the card holding it.
pub(super) fn report_with_reuse(mut report: Vec<u8>, reuse: &Reuse) -> Vec<u8> {
    const CLOSE: &[u8] = b"\n    }";
    debug_assert!(report.ends_with(CLOSE));
    report.truncate(report.len() - CLOSE.len());
    report.extend_from_slice(b",\n      \"reuse\": ");
    report.extend_from_slice(nested(reuse, 3).as_bytes());
    report.extend_from_slice(CLOSE);
    report
}

#[cfg(test)]
mod reuse_tests {
    use super::*;
    use crate::model::reuse::{ReuseCopy, ReusePassage, ReuseSource};

    /// A card as a batch sees it: a golden card without a block, and a block.
    fn card_and_block() -> (Scorecard, Reuse) {
        let golden = include_str!("../../tests/golden/reports/complete.txt.json");
        let card: Scorecard = serde_json::from_str(golden).expect("a golden scorecard");
        let block = Reuse {
            share: 0.5,
            chars: 12,
            common_share: 0.25,
            common_chars: 6,
            batch: 3,
            sources: vec![ReuseSource {
                path: "b\"\n.txt".into(),
                page: None,
                chars: 12,
                share: 0.5,
            }],
            passages: vec![ReusePassage {
                id: 1,
                line: 1,
                unit: "paragraph".into(),
                chars: 12,
                text: "全面推进依法行政".into(),
                reports: 2,
                copies: vec![ReuseCopy {
                    path: "b.txt".into(),
                    page: Some("b.html".into()),
                    line: 3,
                }],
            }],
        };
        (card, block)
    }

    #[test]
    fn a_block_spliced_into_a_rendered_card_is_the_card_rendered_with_it() {
        let (mut card, block) = card_and_block();
        let (line0, report0) = (line(&card), report(&card));
        card.reuse = Some(block.clone());
        assert_eq!(
            line_with_reuse(line0.into_bytes(), &block),
            line(&card).into_bytes()
        );
        assert_eq!(
            report_with_reuse(report0.into_bytes(), &block),
            report(&card).into_bytes()
        );
    }
}
