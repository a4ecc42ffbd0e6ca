//! `--format text`: what a person at a terminal reads.

use std::fmt::Write;

use super::labels::{fmt1, pts, ratio_pct, status_mark};
use super::{summary, Batch};
use crate::model::scorecard::{ElementResult, Scorecard, Status};

/// Width of a category bar in cells.
const BAR: usize = 10;
/// Quotes longer than this many characters are cut, so one long paragraph does not push
/// the rest of the advice off the screen.
const QUOTE_CHARS: usize = 60;

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
    fn grade(self, g: &str) -> String {
        let code = match g {
            "优秀" => "1;32",
            "良好" => "1;34",
            "合格" => "1;33",
            "不合格" => "1;31",
            _ => "1",
        };
        self.wrap(code, g)
    }
}

/// Renders every report as a block, then the failed files, then a one-line summary.
/// `color` adds ANSI colours; the caller decides (a TTY, no `NO_COLOR`).
pub fn to_text(b: &Batch, color: bool) -> String {
    let p = Paint { on: color };
    let mut out = String::new();
    for card in b.cards {
        report_block(&mut out, card, p);
        out.push('\n');
    }
    for e in b.errors {
        let _ = writeln!(out, "{} {}: {}", p.red("✗"), e.path, e.error);
    }
    if !b.errors.is_empty() {
        out.push('\n');
    }
    summary_line(&mut out, b, p);
    out
}

fn report_block(out: &mut String, card: &Scorecard, p: Paint) {
    let m = &card.meta;
    let title = m.title.as_deref().unwrap_or("（无标题）");
    let _ = writeln!(out, "{}  {}", p.bold(&card.source.path), title);
    let mut facts = vec![m
        .issuer
        .clone()
        .unwrap_or_else(|| "（未识别发文机关）".into())];
    facts.push(
        m.year
            .map_or_else(|| "年度不详".into(), |y| format!("{y} 年度")),
    );
    facts.push(m.date.clone().unwrap_or_else(|| "无日期".into()));
    let _ = writeln!(out, "  {}", facts.join(" · "));
    let _ = writeln!(
        out,
        "  得分 {} / 100  {}   ({} / {} 分)",
        p.bold(&fmt1(card.score)),
        p.grade(&card.grade),
        pts(card.earned),
        pts(card.possible)
    );
    for w in &card.warnings {
        let _ = writeln!(out, "  ⚠ {w}");
    }
    let rs = &card.ruleset;
    let _ = writeln!(
        out,
        "  {}",
        p.dim(&format!("规则包 {} {}", rs.name, rs.version))
    );

    let width = card
        .categories
        .iter()
        .map(|c| display_width(&c.title))
        .max()
        .unwrap_or(0);
    for c in &card.categories {
        let pad = " ".repeat(width - display_width(&c.title));
        let _ = writeln!(
            out,
            "  {}{}  {} {}/{}",
            c.title,
            pad,
            bar(c.earned, c.possible, p),
            pts(c.earned),
            pts(c.possible)
        );
    }

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
    let _ = writeln!(out, "  {}", p.bold("待改进（按可增分值排序）："));
    for e in todo {
        let mark = match e.status {
            Status::Missing => p.red(status_mark(e.status)),
            _ => p.yellow(status_mark(e.status)),
        };
        let _ = writeln!(
            out,
            "  {mark} {} {}  {}",
            e.id,
            e.title,
            p.green(&format!("补齐可加 +{} 分", pts(e.gain)))
        );
        if let Some(advice) = &e.advice {
            let _ = writeln!(out, "      建议：{advice}");
        }
        // What earned the half points, so the drafter knows what to build on.
        if let (Status::Partial, Some(ev)) = (e.status, e.evidence.first()) {
            let _ = writeln!(
                out,
                "      已有：第{}行 {}",
                ev.line,
                p.dim(&format!("“{}”", clip(&ev.text)))
            );
        }
        if let Some(nm) = &e.near_miss {
            let ev = &nm.evidence;
            let _ = writeln!(
                out,
                "      ↳ 第{}行（{}）：{}",
                ev.line,
                ev.kind.label(),
                nm.reason
            );
            let _ = writeln!(out, "        {}", p.dim(&format!("“{}”", clip(&ev.text))));
        }
    }
}

fn summary_line(out: &mut String, b: &Batch, p: Paint) {
    let s = summary(b.cards, b.errors);
    let mut line = format!("共 {} 份报告", s.reports);
    if let Some(mean) = s.mean_score {
        let _ = write!(line, "，平均 {} 分", fmt1(mean));
    }
    let grades: Vec<String> = s
        .grades
        .iter()
        .map(|(g, n)| format!("{} {n}", p.grade(g)))
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

/// Columns a string takes in a terminal: CJK and full-width characters take two, which
/// is what keeps the category bars lined up under Chinese titles.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let u = c as u32;
            let wide = (0x1100..=0x115F).contains(&u)
                || (0x2E80..=0xA4CF).contains(&u)
                || (0xAC00..=0xD7A3).contains(&u)
                || (0xF900..=0xFAFF).contains(&u)
                || (0xFE30..=0xFE4F).contains(&u)
                || (0xFF00..=0xFF60).contains(&u)
                || (0xFFE0..=0xFFE6).contains(&u)
                || (0x20000..=0x3FFFD).contains(&u);
            if wide {
                2
            } else {
                1
            }
        })
        .sum()
}

/// The first [`QUOTE_CHARS`] characters, with `…` when cut.
fn clip(s: &str) -> String {
    let s = s.trim();
    match s.char_indices().nth(QUOTE_CHARS) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}
