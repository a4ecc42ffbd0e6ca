//! The one line that ends every `lawscore score` run on standard error: how many reports
//! were scored, how many failed and why, and where the results went — the only word a
//! run with `--out` gives that it is done.

use super::inputs::{Failure, Reason};
use super::{shown, ScoreArgs};
use lawscore::msg::{self, t, Lang};
use lawscore::render::OutputFormat;
use std::collections::BTreeMap;

/// "已评分 12 份，失败 2 份（1 份无法解码，1 份为空），结果已写入 out/index.html".
pub fn line(a: &ScoreArgs, scored: usize, failures: &[Failure]) -> String {
    let place = place(a);
    if failures.is_empty() {
        return t!("cli.summary.done", scored = scored, place = place);
    }
    let mut counts: BTreeMap<Reason, usize> = BTreeMap::new();
    for f in failures {
        *counts.entry(f.reason).or_default() += 1;
    }
    let why: Vec<String> = counts
        .into_iter()
        .map(|(reason, n)| t!("cli.summary.reason", n = n, reason = reason.text()))
        .collect();
    // Clauses, not names: `，` in Chinese.
    let sep = match msg::lang() {
        Lang::Zh => "，",
        Lang::En => ", ",
    };
    t!(
        "cli.summary.failed",
        scored = scored,
        failed = failures.len(),
        why = why.join(sep),
        place = place
    )
}

/// Where the results went: the file written, the overview page of an HTML folder, or
/// standard output.
fn place(a: &ScoreArgs) -> String {
    match (a.format, a.out.as_deref()) {
        (OutputFormat::Html, Some(dir)) => {
            t!(
                "cli.summary.written",
                path = shown::path(&dir.join("index.html"))
            )
        }
        (_, Some(file)) => t!("cli.summary.written", path = shown::path(file)),
        (_, None) => t!("cli.summary.stdout").into(),
    }
}
