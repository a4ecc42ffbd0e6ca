//! `--format json` and `--format jsonl`, as `shared/spec/output.md` fixes them.

use serde::Serialize;

use super::{summary, Batch};
use crate::model::scorecard::{ErrorRecord, RulesetRef, Scorecard, Summary, SCHEMA};

/// The whole-batch document. A struct rather than `json!` so the keys keep the contract's
/// order (`schema` first) instead of serde_json's alphabetical map order.
#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    ruleset: &'a RulesetRef,
    reports: &'a [Scorecard],
    errors: &'a [ErrorRecord],
    summary: Summary,
}

/// One pretty-printed JSON document: `{"schema", "ruleset", "reports", "errors",
/// "summary"}`, ending with a newline.
pub fn to_json(b: &Batch) -> String {
    let doc = Document {
        schema: SCHEMA,
        ruleset: &b.pack.ruleset(),
        reports: b.cards,
        errors: b.errors,
        summary: summary(b.cards, b.errors, &b.pack.grades),
    };
    let mut out = serde_json::to_string_pretty(&doc).expect("scorecards serialize to JSON");
    out.push('\n');
    out
}

/// JSON Lines: one scorecard per line, then one `{"path","error"}` record per failed file.
pub fn to_jsonl(b: &Batch) -> String {
    let mut out = String::new();
    for card in b.cards {
        out.push_str(&serde_json::to_string(card).expect("scorecards serialize to JSON"));
        out.push('\n');
    }
    for err in b.errors {
        out.push_str(&serde_json::to_string(err).expect("error records serialize to JSON"));
        out.push('\n');
    }
    out
}
