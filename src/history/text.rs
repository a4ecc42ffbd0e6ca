//! A history as text: what a supervisor reads at a terminal or pastes into a note, in the
//! run's language. `lawscore compare` prints a pair's history this way.
//!
//! Report text (names, paths, evidence) passes through [`for_terminal`] first, so a report
//! can send no escape sequence of its own.

use std::fmt::Write;

use crate::model::history::{Change, ElementChange, IssuerHistory, Overlap, YearScore};
use crate::model::scorecard::{Evidence, Status};
use crate::msg::t;
use crate::visible::for_terminal as shown;

/// Evidence quoted per changed element; the JSON carries it all.
const QUOTES: usize = 2;
/// Quotes longer than this many characters are cut.
const QUOTE_CHARS: usize = 60;

/// The whole history: its reports, then each change with the category points of its two
/// reports. `same_issuer: false` adds the warning that the reports name different issuers.
pub fn history(h: &IssuerHistory, same_issuer: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", t!("history.text.head", name = shown(&h.name)));
    if !same_issuer {
        let names = h
            .names
            .iter()
            .map(|n| shown(n).into_owned())
            .collect::<Vec<_>>();
        let _ = writeln!(
            out,
            "{}",
            t!(
                "history.text.other_issuer",
                names = names.join(t!("history.text.sep"))
            )
        );
    }
    for r in &h.reports {
        let _ = writeln!(out, "{}", report_line(r));
    }
    for y in &h.same_year {
        let _ = writeln!(out, "{}", t!("history.text.same_year", year = y));
    }
    for c in &h.changes {
        out.push('\n');
        change(&mut out, h, c);
    }
    out
}

/// Every history of a batch, compactly, for the end of `--format text`: per issuer a line
/// per report — year, score, grade — and for each after the first the change in score,
/// the elements gained and lost, and the share of its sentences the report before has.
/// Empty when the batch has no history.
pub fn batch(histories: &[IssuerHistory]) -> String {
    if histories.is_empty() {
        return String::new();
    }
    let mut out = batch_head(histories.len());
    for h in histories {
        out.push_str(&batch_entry(h));
    }
    out.push('\n');
    out
}

/// The line before the `n` histories of [`batch`] (which end with a blank line), for a
/// writer that writes each as it comes.
pub fn batch_head(n: usize) -> String {
    format!("{}\n", t!("history.batch.head", n = n))
}

/// One history of [`batch`]: its name, and a line per report.
pub fn batch_entry(h: &IssuerHistory) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", t!("history.batch.name", name = shown(&h.name)));
    for (i, r) in h.reports.iter().enumerate() {
        let change = h.changes.iter().find(|c| c.newer == i);
        let _ = writeln!(out, "{}", batch_line(r, change));
    }
    out
}

/// One report of a history in [`batch`], with what changed from the one before.
fn batch_line(r: &YearScore, change: Option<&Change>) -> String {
    let (year, score, grade) = (
        year(r.year),
        format!("{:.1}", r.score),
        shown(r.grade.name()),
    );
    let Some(c) = change else {
        return t!(
            "history.batch.first",
            year = year,
            score = score,
            grade = grade
        );
    };
    let titles = |list: &[ElementChange]| -> String {
        let mut titles = list.iter().map(|e| shown(&e.title).into_owned());
        let first = titles.next();
        let first = first.unwrap_or_else(|| t!("history.batch.no_element").to_string());
        titles.fold(first, |a, b| t!("history.batch.and", a = a, b = b))
    };
    t!(
        "history.batch.next",
        year = year,
        score = score,
        grade = grade,
        delta = signed(c.score_delta),
        gained = titles(&c.gained),
        lost = titles(&c.lost),
        identical = pct(c.overlap.identical_share),
        near = pct(c.overlap.near_share)
    )
}

/// One report: year, score, grade, path.
fn report_line(r: &YearScore) -> String {
    t!(
        "history.text.report",
        year = year(r.year),
        score = format!("{:.1}", r.score),
        grade = shown(r.grade.name()),
        path = shown(&r.path)
    )
}

fn year(y: Option<i32>) -> String {
    y.map_or_else(|| t!("history.text.no_year").to_string(), |y| y.to_string())
}

/// A signed figure with one decimal: +7.5, -2.0, 0.0.
fn signed(x: f64) -> String {
    if x > 0.0 {
        format!("+{x:.1}")
    } else {
        format!("{x:.1}")
    }
}

/// What changed between two reports of the history.
fn change(out: &mut String, h: &IssuerHistory, c: &Change) {
    let (old, new) = (&h.reports[c.older], &h.reports[c.newer]);
    let _ = writeln!(
        out,
        "{}",
        t!(
            "history.text.change",
            old = year(old.year),
            new = year(new.year)
        )
    );
    let _ = writeln!(
        out,
        "{}",
        t!(
            "history.text.score",
            old = format!("{:.1}", old.score),
            new = format!("{:.1}", new.score),
            delta = signed(c.score_delta),
            old_grade = shown(old.grade.name()),
            new_grade = shown(new.grade.name())
        )
    );
    elements(
        out,
        t!("history.text.gained", n = c.gained.len()),
        &c.gained,
    );
    elements(out, t!("history.text.lost", n = c.lost.len()), &c.lost);
    categories(out, h, c);
    let _ = writeln!(out, "{}", overlap(&c.overlap));
}

/// A list of changed elements under its heading, each with its evidence.
fn elements(out: &mut String, heading: String, list: &[ElementChange]) {
    let _ = writeln!(out, "{heading}");
    if list.is_empty() {
        let _ = writeln!(out, "  {}", t!("history.text.none"));
    }
    for e in list {
        let _ = writeln!(
            out,
            "{}",
            t!(
                "history.text.element",
                title = shown(&e.title),
                id = shown(&e.id),
                from = status(e.from),
                to = status(e.to),
                delta = signed(e.points_delta)
            )
        );
        for ev in e.evidence.iter().take(QUOTES) {
            let _ = writeln!(out, "      {}", quote(ev));
        }
    }
}

/// Each category's points in the two reports, where they differ.
fn categories(out: &mut String, h: &IssuerHistory, c: &Change) {
    let moved: Vec<String> = h
        .categories
        .iter()
        .filter_map(|t| {
            let (a, b) = (t.points.get(c.older)?, t.points.get(c.newer)?);
            (a.earned != b.earned || a.possible != b.possible).then(|| {
                t!(
                    "history.text.category",
                    title = shown(&t.title),
                    old = format!("{:.1}/{:.1}", a.earned, a.possible),
                    new = format!("{:.1}/{:.1}", b.earned, b.possible),
                    delta = signed(b.earned - a.earned)
                )
            })
        })
        .collect();
    let _ = writeln!(out, "{}", t!("history.text.categories"));
    if moved.is_empty() {
        let _ = writeln!(out, "  {}", t!("history.text.none"));
    }
    for m in moved {
        let _ = writeln!(out, "{m}");
    }
}

/// The shares of the newer report's sentences found in the older one.
pub fn overlap(o: &Overlap) -> String {
    t!(
        "history.text.overlap",
        identical = pct(o.identical_share),
        near = pct(o.near_share),
        n = o.sentences,
        same = o.identical,
        close = o.near
    )
}

/// A share as a whole percentage: 0.412 → 41%.
fn pct(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// A status in words.
pub fn status(s: Status) -> &'static str {
    match s {
        Status::Met => t!("history.status.met"),
        Status::Partial => t!("history.status.partial"),
        Status::Missing => t!("history.status.missing"),
        Status::NotApplicable => t!("history.status.not_applicable"),
    }
}

/// A quote and where it stands: 第12行 “……” (第3段 for a source with paragraphs).
fn quote(ev: &Evidence) -> String {
    let text: String = ev.text.chars().take(QUOTE_CHARS).collect();
    let cut = if ev.text.chars().count() > QUOTE_CHARS {
        "…"
    } else {
        ""
    };
    let text = format!("{}{cut}", shown(&text));
    match ev.paragraph {
        Some(p) => t!("history.text.quote_paragraph", n = p, text = text),
        None => t!("history.text.quote_line", n = ev.line, text = text),
    }
}
