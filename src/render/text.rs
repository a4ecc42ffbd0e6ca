//! `--format text`: what a person at a terminal reads.
//!
//! Every string that comes from a report or a pack passes through [`shown`] before it is
//! painted, so report text can send no escape sequence of its own while ours still colour.

use std::fmt::Write;

use super::labels::{
    evidence_place, fmt1, pts, ratio_pct, status_label, status_mark, status_points,
};
use crate::fold::width::display_width;
use crate::model::scorecard::{ElementResult, ErrorRecord, Scorecard, Status, Summary};
use crate::model::{Grade, GradeScale};
use crate::visible::for_terminal as shown;

/// Width of a category bar in cells.
const BAR: usize = 10;
/// Quotes longer than this many characters are cut, so one long paragraph does not push
/// the rest of the advice off the screen.
const QUOTE_CHARS: usize = 60;
/// How many not-applicable elements the card names before it says 等.
const NA_TITLES: usize = 3;

/// ANSI styling that collapses to nothing when colour is off, so the layout code is the same
/// either way and uncoloured output carries no escape codes at all.
#[derive(Clone, Copy)]
struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn bold(self, s: &str) -> String {
        self.wrap("1", s)
    }
    fn dim(self, s: &str) -> String {
        self.wrap("2", s)
    }
    fn red(self, s: &str) -> String {
        self.wrap("31", s)
    }
    fn yellow(self, s: &str) -> String {
        self.wrap("33", s)
    }
    fn green(self, s: &str) -> String {
        self.wrap("32", s)
    }
    /// A grade in bold, in the colour the pack gives it.
    fn grade(self, g: &Grade, scale: &GradeScale) -> String {
        let code = scale
            .band(g)
            .map_or_else(|| "1".to_string(), |b| format!("1;{}", b.colour.ansi()));
        self.wrap(&code, &shown(g.name()))
    }
}

/// One report's block, then the blank line that parts it from the next. `color` adds ANSI
/// colours; the caller decides (a TTY, no `NO_COLOR`).
pub(super) fn block(card: &Scorecard, scale: &GradeScale, color: bool) -> String {
    let mut out = String::new();
    report_block(&mut out, card, scale, Paint { on: color });
    out.push('\n');
    out
}

/// What follows the blocks and the histories across years: the files that failed, then a
/// one-line summary (last, for a script that reads the last line).
pub(super) fn ending(
    errors: &[ErrorRecord],
    s: &Summary,
    scale: &GradeScale,
    color: bool,
) -> String {
    let p = Paint { on: color };
    let mut out = String::new();
    for e in errors {
        let _ = writeln!(
            out,
            "{} {}: {}",
            p.red("✗"),
            shown(&e.path),
            shown(&e.error)
        );
    }
    if !errors.is_empty() {
        out.push('\n');
    }
    summary_line(&mut out, s, scale, p);
    out
}

fn report_block(out: &mut String, card: &Scorecard, scale: &GradeScale, p: Paint) {
    heading(out, card, scale, p);
    category_bars(out, card, p);
    to_improve(out, card, p);
}

/// Who wrote the report, when, what it scored and under which pack.
fn heading(out: &mut String, card: &Scorecard, scale: &GradeScale, p: Paint) {
    let m = &card.meta;
    let title = m.title.as_deref().unwrap_or("（无标题）");
    let _ = writeln!(
        out,
        "{}  {}",
        p.bold(&shown(&card.source.path)),
        shown(title)
    );
    let facts = [
        m.issuer
            .clone()
            .unwrap_or_else(|| "（未识别发文机关）".into()),
        m.year
            .map_or_else(|| "年度不详".into(), |y| format!("{y} 年度")),
        m.date.clone().unwrap_or_else(|| "无日期".into()),
    ];
    let _ = writeln!(out, "  {}", shown(&facts.join(" · ")));
    let _ = writeln!(
        out,
        "  得分 {} / 100  {}   ({} / {} 分)",
        p.bold(&fmt1(card.score)),
        p.grade(&card.grade, scale),
        pts(card.earned),
        pts(card.possible)
    );
    not_applicable(out, card);
    for w in &card.warnings {
        let _ = writeln!(out, "  ⚠ {}", shown(w));
    }
    let rs = &card.ruleset;
    let profile = if card.profile_title.is_empty() {
        &card.profile
    } else {
        &card.profile_title
    };
    let _ = writeln!(
        out,
        "  {}",
        p.dim(&shown(&format!(
            "按{profile}报告评分 · 规则包 {} {}",
            rs.name, rs.version
        )))
    );
}

/// Why the points possible are fewer than the pack's full marks: which elements do not
/// apply to this report, so "/ 96 分" is not read as a misprint.
fn not_applicable(out: &mut String, card: &Scorecard) {
    let na: Vec<&ElementResult> = card
        .elements
        .iter()
        .filter(|e| e.status == Status::NotApplicable)
        .collect();
    if na.is_empty() {
        return;
    }
    let points: f64 = na.iter().map(|e| e.weight).sum();
    let titles: Vec<&str> = na
        .iter()
        .take(NA_TITLES)
        .map(|e| e.title.as_str())
        .collect();
    let more = if na.len() > NA_TITLES { "等" } else { "" };
    let _ = writeln!(
        out,
        "  满分 {} 分：{} 项要素共 {} 分不适用于本报告，不计入满分（{}{more}），得分按百分制折算",
        pts(card.possible),
        na.len(),
        pts(points),
        shown(&titles.join("、"))
    );
}

/// One bar per category, titles padded so the bars line up under Chinese text.
fn category_bars(out: &mut String, card: &Scorecard, p: Paint) {
    let titles: Vec<_> = card.categories.iter().map(|c| shown(&c.title)).collect();
    let width = titles.iter().map(|t| display_width(t)).max().unwrap_or(0);
    for (c, title) in card.categories.iter().zip(&titles) {
        let pad = " ".repeat(width - display_width(title));
        let _ = writeln!(
            out,
            "  {}{}  {} {}/{}",
            title,
            pad,
            bar(c.earned, c.possible, p),
            pts(c.earned),
            pts(c.possible)
        );
    }
}

/// Missing and partial elements, most points to gain first.
fn to_improve(out: &mut String, card: &Scorecard, p: Paint) {
    let mut todo: Vec<&ElementResult> = card
        .elements
        .iter()
        .filter(|e| matches!(e.status, Status::Missing | Status::Partial))
        .collect();
    if todo.is_empty() {
        return;
    }
    // Stable sort: equal gains keep rule-pack order, so the list does not shuffle between runs.
    todo.sort_by(|a, b| b.gain.total_cmp(&a.gain));
    let _ = writeln!(
        out,
        "  {}",
        p.bold(&format!("待改进（按可增分值排序；{}）：", legend(&todo)))
    );
    for e in todo {
        improvement(out, e, p);
    }
}

/// What the marks of the list mean, for the statuses it holds: `✗ 缺失，不得分；◐ 部分满足，得一半分`.
fn legend(todo: &[&ElementResult]) -> String {
    [Status::Missing, Status::Partial]
        .into_iter()
        .filter(|s| todo.iter().any(|e| e.status == *s))
        .map(|s| {
            format!(
                "{} {}，{}",
                status_mark(s),
                status_label(s),
                status_points(s)
            )
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// One element to improve: what to add, what already earned half points, what nearly did.
fn improvement(out: &mut String, e: &ElementResult, p: Paint) {
    let mark = match e.status {
        Status::Missing => p.red(status_mark(e.status)),
        _ => p.yellow(status_mark(e.status)),
    };
    let _ = writeln!(
        out,
        "  {mark} {} {}  {}",
        shown(&e.id),
        shown(&e.title),
        p.green(&format!("补齐可加 +{} 分", pts(e.gain)))
    );
    // What the engine looked for and did not find, so a drafter can check the text.
    if let (Status::Missing, Some(looked)) = (e.status, &e.looked_for) {
        let _ = writeln!(out, "      未找到：{}", shown(looked));
    }
    if let Some(advice) = &e.advice {
        let _ = writeln!(out, "      建议：{}", shown(advice));
    }
    // What earned the half points, so the drafter knows what to build on.
    if let (Status::Partial, Some(ev)) = (e.status, e.evidence.first()) {
        let _ = writeln!(
            out,
            "      已有：{} {}",
            shown(&evidence_place(ev, None)),
            p.dim(&format!("“{}”", clip(&ev.text)))
        );
    }
    if let Some(nm) = &e.near_miss {
        let ev = &nm.evidence;
        let _ = writeln!(
            out,
            "      ↳ {}：{}",
            shown(&evidence_place(ev, Some(ev.kind.label()))),
            shown(&nm.reason)
        );
        let _ = writeln!(out, "        {}", p.dim(&format!("“{}”", clip(&ev.text))));
    }
}

fn summary_line(out: &mut String, s: &Summary, scale: &GradeScale, p: Paint) {
    let mut line = format!("共 {} 份报告", s.reports);
    if let Some(mean) = s.mean_score {
        let _ = write!(line, "，平均 {} 分", fmt1(mean));
    }
    let grades: Vec<String> = s
        .grades
        .iter()
        .map(|(g, n)| format!("{} {n}", p.grade(g, scale)))
        .collect();
    if s.reports > 0 {
        let _ = write!(line, "；{}", grades.join(" · "));
    }
    if s.errors > 0 {
        let _ = write!(line, "；{}", p.red(&format!("{} 个文件处理失败", s.errors)));
    }
    let _ = writeln!(out, "{line}");
}

/// A bar of [`BAR`] cells: `████████░░`.
fn bar(earned: f64, possible: f64, p: Paint) -> String {
    let full = ((ratio_pct(earned, possible) / 100.0) * BAR as f64).round() as usize;
    let full = full.min(BAR);
    format!(
        "{}{}",
        p.green(&"█".repeat(full)),
        p.dim(&"░".repeat(BAR - full))
    )
}

/// The first [`QUOTE_CHARS`] characters, with `…` when cut, shown safely (cut first, so an
/// escape is never cut in half).
fn clip(s: &str) -> String {
    let s = s.trim();
    match s.char_indices().nth(QUOTE_CHARS) {
        Some((i, _)) => format!("{}…", shown(&s[..i])),
        None => shown(s).into_owned(),
    }
}
