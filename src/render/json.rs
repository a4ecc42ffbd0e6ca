//! JSON and JSON Lines: the machine contract (`lawscore.scorecards/1`).

use super::{summary, Batch};
use crate::score::scorecard::SCHEMA;
use serde_json::json;

/// One JSON document: schema, ruleset, reports, errors, summary.
pub fn to_json(b: &Batch) -> String {
    let doc = json!({
        "schema": SCHEMA,
        "ruleset": b.ruleset,
        "reports": b.cards,
        "errors": b.errors,
        "summary": summary(b.cards, b.errors),
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("scorecards serialise");
    s.push('\n');
    s
}

/// One scorecard per line, then one `{"path","error"}` record per failed file.
pub fn to_jsonl(b: &Batch) -> String {
    let mut s = String::new();
    for c in b.cards {
        s.push_str(&serde_json::to_string(c).expect("scorecards serialise"));
        s.push('\n');
    }
    for e in b.errors {
        s.push_str(&serde_json::to_string(e).expect("errors serialise"));
        s.push('\n');
    }
    s
}
