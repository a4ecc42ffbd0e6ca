//! Text for a person at a terminal: the score, a bar per category, then what to fix,
//! the most points first.

use super::{summary, Batch};
use crate::score::scorecard::{ElementResult, Scorecard, Status};
use std::fmt::Write;

struct Paint(bool);

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn bold(&self, s: &str) -> String {
        self.wrap("1", s)
    }
    fn dim(&self, s: &str) -> String {
        self.wrap("2", s)
    }
    fn grade(&self, g: &str) -> String {
        let code = match g {
            "优秀" => "1;32",
            "良好" => "1;34",
            "合格" => "1;33",
            _ => "1;31",
        };
        self.wrap(code, g)
    }
    fn status(&self, st: Status) -> String {
        match st {
            Status::Missing => self.wrap("31", "✗"),
            Status::Partial => self.wrap("33", "◐"),
            Status::Met => self.wrap("32", "✓"),
            Status::NotApplicable => self.dim("—"),
        }
    }
}

/// Terminal width of a string: CJK characters take two columns.
fn width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

fn bar(earned: f64, possible: f64) -> String {
    const CELLS: usize = 20;
    let filled = if possible > 0.0 {
        ((earned / possible) * CELLS as f64).round() as usize
    } else {
        0
    };
    format!(
        "{}{}",
        "█".repeat(filled.min(CELLS)),
        "░".repeat(CELLS - filled.min(CELLS))
    )
}

fn num(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

fn kind_label(kind: &str) -> &'static str {
    crate::document::Kind::parse(kind).map_or("", |k| k.label())
}

fn one(out: &mut String, c: &Scorecard, p: &Paint) {
    let m = &c.meta;
    let _ = writeln!(out, "{}", p.bold(&c.source.path));
    let _ = writeln!(out, "{}", m.title.as_deref().unwrap_or("（未识别出标题）"));
    let date = match (&m.date, m.date_source.as_str()) {
        (Some(d), "signature") => format!("{d}（落款）"),
        (Some(d), _) => format!("{d}（发布）"),
        (None, _) => "无日期".into(),
    };
    let year = m.year.map_or("年度不明".into(), |y| format!("{y}年度"));
    let _ = writeln!(
        out,
        "{} · {year} · {date} · {} · 配置 {}",
        m.issuer.as_deref().unwrap_or("主体不明"),
        c.source.format,
        c.profile
    );
    let _ = writeln!(
        out,
        "\n  得分 {} / 100  {}    {}",
        p.bold(&format!("{:.1}", c.score)),
        p.grade(&c.grade),
        p.dim(&format!(
            "规则包 {} {} {}",
            c.ruleset.name, c.ruleset.version, c.ruleset.digest
        ))
    );
    let _ = writeln!(out);
    let label_w = c
        .categories
        .iter()
        .map(|k| width(&k.title))
        .max()
        .unwrap_or(8);
    for k in &c.categories {
        if k.possible == 0.0 {
            let _ = writeln!(out, "  {}  {}", pad(&k.title, label_w), p.dim("不适用"));
            continue;
        }
        let _ = writeln!(
            out,
            "  {}  {}  {}/{}",
            pad(&k.title, label_w),
            bar(k.earned, k.possible),
            num(k.earned),
            num(k.possible)
        );
    }
    let mut open: Vec<&ElementResult> = c
        .elements
        .iter()
        .filter(|e| matches!(e.status, Status::Missing | Status::Partial))
        .collect();
    // Most points first; ties in checklist order.
    open.sort_by(|a, b| {
        b.gain
            .partial_cmp(&a.gain)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    if open.is_empty() {
        let _ = writeln!(out, "\n  清单各项均已达标。");
    } else {
        let total: f64 = open.iter().map(|e| e.gain).sum();
        let _ = writeln!(
            out,
            "\n  需要补充的 {} 项（全部补齐可得 +{} 分）：",
            open.len(),
            num(total)
        );
        for e in open {
            let _ = writeln!(
                out,
                "  {} {} {}  {}",
                p.status(e.status),
                e.id,
                e.title,
                p.bold(&format!("+{} 分 if fixed", num(e.gain)))
            );
            if let Some(a) = &e.advice {
                let _ = writeln!(out, "      建议：{a}");
            }
            if e.status == Status::Partial {
                if let Some(ev) = e.evidence.first() {
                    let _ = writeln!(
                        out,
                        "      {}",
                        p.dim(&format!("已有：第{}行「{}」", ev.line, ev.text))
                    );
                }
            }
            if let Some(nm) = &e.near_miss {
                let _ = writeln!(
                    out,
                    "      ↳ 第{}行（{}）：{}「{}」",
                    nm.evidence.line,
                    kind_label(&nm.evidence.kind),
                    nm.reason,
                    nm.evidence.text
                );
            }
        }
    }
    let na: Vec<&ElementResult> = c
        .elements
        .iter()
        .filter(|e| e.status == Status::NotApplicable)
        .collect();
    if !na.is_empty() {
        let names: Vec<String> = na.iter().map(|e| e.title.clone()).collect();
        let _ = writeln!(
            out,
            "\n  {}",
            p.dim(&format!("不适用：{}", names.join("、")))
        );
    }
    if !c.indicators.is_empty() {
        let figs: Vec<String> = c
            .indicators
            .iter()
            .map(|i| format!("{} {}{}（第{}行）", i.title, num(i.value), i.unit, i.line))
            .collect();
        let _ = writeln!(out, "\n  关键数据：{}", figs.join("；"));
    }
}

/// The text output of a batch; `color` adds ANSI colours.
pub fn to_text(b: &Batch, color: bool) -> String {
    let p = Paint(color);
    let mut out = String::new();
    for (i, c) in b.cards.iter().enumerate() {
        if i > 0 {
            let _ = writeln!(out, "\n{}\n", p.dim(&"─".repeat(60)));
        }
        one(&mut out, c, &p);
    }
    for e in b.errors {
        let _ = writeln!(out, "{} {}: {}", p.wrap("31", "✗"), e.path, e.error);
    }
    if b.cards.len() + b.errors.len() > 1 {
        let s = summary(b.cards, b.errors);
        let grades: Vec<String> = s.grades.iter().map(|(g, n)| format!("{g} {n}")).collect();
        let _ = writeln!(
            out,
            "\n{} 份报告，平均 {} 分（{}）；{} 个文件出错",
            s.reports,
            s.mean_score.map_or("—".into(), num),
            grades.join("，"),
            s.errors
        );
    }
    out
}
