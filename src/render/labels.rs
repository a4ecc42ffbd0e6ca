//! Chinese words, marks and CSS class names for statuses, grades and badges, kept in one
//! place so the text output and the HTML pages never describe the same thing differently.
//! Grades and the element behind a badge come from the pack; only what the program itself
//! defines (statuses, a badge's words) is spelled here.

use serde::Serialize;

use crate::model::scorecard::{round1, Scorecard, Status};
use crate::model::{Grade, GradeScale};
use crate::rules::schema::Badge;
use crate::rules::RulePack;

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

/// What a status is worth, as the card's legend says it.
pub(crate) fn status_points(s: Status) -> &'static str {
    match s {
        Status::Met => "得满分",
        Status::Partial => "得一半分",
        Status::Missing => "不得分",
        Status::NotApplicable => "不计入满分",
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

/// The colour a status is shown in wherever statuses are painted as cells: the overview's
/// heatmap (its style sheet receives these through [`status_styles`]) and the xlsx
/// summary sheet, so a supervisor sees the same green in the browser and in Excel.
pub(crate) fn status_colour(s: Status) -> &'static str {
    match s {
        Status::Met => "#3fa36b",
        Status::Partial => "#f0b63c",
        Status::Missing => "#d9534f",
        Status::NotApplicable => "#d5d9de",
    }
}

/// Every status, in the order legends list them.
pub(crate) const STATUSES: [Status; 4] = [
    Status::Met,
    Status::Partial,
    Status::Missing,
    Status::NotApplicable,
];

/// One status as the templates receive it: the style sheet colours `class` with `colour`.
#[derive(Serialize)]
pub(crate) struct StatusStyle {
    class: &'static str,
    colour: &'static str,
}

/// The statuses' classes and colours for the templates.
pub(crate) fn status_styles() -> Vec<StatusStyle> {
    STATUSES
        .iter()
        .map(|&s| StatusStyle {
            class: status_class(s),
            colour: status_colour(s),
        })
        .collect()
}

/// CSS class colouring a grade, `g-` and its rank (`g-4` for the best of four grades),
/// `g-x` for a grade on no scale; the pages' style sheet gives each class its colour from
/// the pack ([`grade_styles`]).
pub(crate) fn grade_class(g: &Grade) -> String {
    match g.rank() {
        0 => "g-x".to_string(),
        r => format!("g-{r}"),
    }
}

/// One grade of the pack's scale as the templates receive it, best first: the style sheet
/// colours `class` with `colour`, and the overview draws a line at `min`.
#[derive(Serialize)]
pub(crate) struct GradeStyle {
    name: String,
    min: f64,
    rank: usize,
    class: String,
    colour: String,
}

/// The pack's grades for the templates, best first.
pub(crate) fn grade_styles(scale: &GradeScale) -> Vec<GradeStyle> {
    scale
        .grades()
        .map(|(g, band)| GradeStyle {
            name: band.name.clone(),
            min: band.min,
            rank: g.rank(),
            class: grade_class(&g),
            colour: band.colour.css(),
        })
        .collect()
}

/// The timeliness badge (label, CSS class, element name), read from the element the pack
/// marks `badge: timeliness`: the engine marks a late report missing and an undated one not
/// applicable. None when the pack has no such element.
pub(crate) fn timeliness<'a>(
    card: &Scorecard,
    pack: &'a RulePack,
) -> Option<(&'static str, &'static str, &'a str)> {
    let element = pack.badge_element(Badge::Timeliness)?;
    let (label, class) = match card
        .elements
        .iter()
        .find(|e| e.id == element.id)
        .map(|e| e.status)
    {
        Some(Status::Met) => ("按时", "t-ok"),
        Some(Status::Missing) => ("逾期", "t-late"),
        Some(Status::NotApplicable) => ("无日期", "t-none"),
        Some(Status::Partial) => ("待核实", "t-none"),
        None => ("未检查", "t-none"),
    };
    Some((label, class, &element.name))
}

/// A number of points as people write it: `3`, `2.5`, `17.5` — no trailing `.0`.
pub(crate) fn pts(x: f64) -> String {
    let r = round1(x);
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// One decimal always, as scores are published (`90.0`, `83.5`).
pub(crate) fn fmt1(x: f64) -> String {
    format!("{:.1}", round1(x))
}

/// `earned / possible` as a percentage 0–100; 0 when nothing was possible.
pub(crate) fn ratio_pct(earned: f64, possible: f64) -> f64 {
    if possible > 0.0 {
        (earned / possible * 100.0).clamp(0.0, 100.0)
    } else {
        0.0
    }
}
