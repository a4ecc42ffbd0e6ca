//! Chinese words, marks and CSS class names for statuses, grades and section kinds, kept in
//! one place so the text output and the HTML pages never describe the same thing differently.

use crate::model::scorecard::{Scorecard, Status};

/// The one-character mark for a status.
pub(crate) fn status_mark(s: Status) -> &'static str {
    match s {
        Status::Met => "✓",
        Status::Partial => "◐",
        Status::Missing => "✗",
        Status::NotApplicable => "—",
    }
}

/// The status in words.
pub(crate) fn status_label(s: Status) -> &'static str {
    match s {
        Status::Met => "已满足",
        Status::Partial => "部分满足",
        Status::Missing => "缺失",
        Status::NotApplicable => "不适用",
    }
}

/// CSS class colouring a status; short because the heatmap repeats it once per cell.
pub(crate) fn status_class(s: Status) -> &'static str {
    match s {
        Status::Met => "s-y",
        Status::Partial => "s-p",
        Status::Missing => "s-m",
        Status::NotApplicable => "s-n",
    }
}

/// CSS class colouring a grade: 优秀 green, 良好 blue, 合格 amber, 不合格 red.
pub(crate) fn grade_class(grade: &str) -> &'static str {
    match grade {
        "优秀" => "g-a",
        "良好" => "g-b",
        "合格" => "g-c",
        "不合格" => "g-d",
        _ => "g-x",
    }
}

/// Rank of a grade for sorting (best = 4), 0 for an unknown grade.
pub(crate) fn grade_rank(grade: &str) -> u8 {
    match grade {
        "优秀" => 4,
        "良好" => 3,
        "合格" => 2,
        "不合格" => 1,
        _ => 0,
    }
}

/// The timeliness badge (label, CSS class) from element `form.timeliness`: the engine
/// marks a late report missing and an undated one not applicable.
pub(crate) fn timeliness(card: &Scorecard) -> (&'static str, &'static str) {
    match card
        .elements
        .iter()
        .find(|e| e.id == "form.timeliness")
        .map(|e| e.status)
    {
        Some(Status::Met) => ("按时", "t-ok"),
        Some(Status::Missing) => ("逾期", "t-late"),
        Some(Status::NotApplicable) => ("无日期", "t-none"),
        Some(Status::Partial) => ("待核实", "t-none"),
        None => ("未检查", "t-none"),
    }
}

/// A number of points as people write it: `3`, `2.5`, `17.5` — no trailing `.0`.
pub(crate) fn pts(x: f64) -> String {
    let r = super::round1(x);
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// One decimal always, as scores are published (`90.0`, `83.5`).
pub(crate) fn fmt1(x: f64) -> String {
    format!("{:.1}", super::round1(x))
}

/// `earned / possible` as a percentage 0–100; 0 when nothing was possible.
pub(crate) fn ratio_pct(earned: f64, possible: f64) -> f64 {
    if possible > 0.0 {
        (earned / possible * 100.0).clamp(0.0, 100.0)
    } else {
        0.0
    }
}
