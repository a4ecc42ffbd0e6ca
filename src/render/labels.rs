//! Chinese words, marks and CSS class names for statuses, grades, badges and positions,
//! kept in one place so the text output and the HTML pages never describe the same thing
//! differently.
//! Grades and the element behind a badge come from the pack; only what the program itself
//! defines (statuses, a badge's words) is spelled here.

use serde::Serialize;

use crate::model::scorecard::{round1, Evidence, Position, Scorecard, Status};
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

/// The issuer's level in words, as every output for people shows it. Levels are the
/// program's, not the pack's, like statuses.
pub(crate) fn level_label(l: crate::model::scorecard::Level) -> &'static str {
    use crate::model::scorecard::Level;
    match l {
        Level::Province => "省级",
        Level::City => "市级",
        Level::County => "县级",
        Level::Township => "乡镇（街道）",
        Level::Department => "政府部门",
        Level::Unknown => "层级不详",
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

/// Characters of a section heading shown with a paragraph; longer ones are cut with `…`.
const PLACE_HEADING_CHARS: usize = 20;

/// Where a quote stands, in the words a reader finds it by: [`position_label`] with the
/// quote's own position and section heading.
pub(crate) fn evidence_place(ev: &Evidence, note: Option<&str>) -> String {
    position_label(ev.position(), &ev.section, note)
}

/// A position in words: `第12行` in a plain-text file (any editor goes to a line),
/// `第6段（二、存在的不足）` in Word or a web page, where nothing goes to a paragraph
/// number but the headings (Word's navigation pane) lead near it, and `第3页第12行` in a
/// PDF or OFD (`p. 3, line 12` in English), where the viewer goes to a page and the eye
/// counts down its printed lines. A `note` joins the heading in the brackets
/// (`第12行（问题不足）`). Headings are cut to [`PLACE_HEADING_CHARS`] characters.
pub(crate) fn position_label(at: Position, heading: &str, note: Option<&str>) -> String {
    let mut inside: Vec<String> = Vec::new();
    let place = match at {
        Position::Line(n) => format!("第{n}行"),
        Position::Page { page, line } => crate::msg::t!("pages.place", page = page, line = line),
        Position::Paragraph(n) => {
            let heading = heading.trim();
            if !heading.is_empty() {
                inside.push(match heading.char_indices().nth(PLACE_HEADING_CHARS) {
                    Some((i, _)) => format!("{}…", &heading[..i]),
                    None => heading.to_string(),
                });
            }
            format!("第{n}段")
        }
    };
    inside.extend(note.map(str::to_string));
    if inside.is_empty() {
        place
    } else {
        format!("{place}（{}）", inside.join("，"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_stand_alone_and_paragraphs_name_their_heading() {
        let heading = "二、存在的不足";
        assert_eq!(position_label(Position::Line(12), heading, None), "第12行");
        assert_eq!(
            position_label(Position::Line(12), heading, Some("问题不足")),
            "第12行（问题不足）"
        );
        assert_eq!(
            position_label(Position::Paragraph(6), heading, Some("问题不足")),
            "第6段（二、存在的不足，问题不足）"
        );
        assert_eq!(position_label(Position::Paragraph(1), " ", None), "第1段");
        let long = "一、深入学习贯彻习近平法治思想切实履行推进法治建设第一责任人职责";
        let cut = position_label(Position::Paragraph(3), long, None);
        assert_eq!(
            cut.chars().count(),
            "第3段（）…".chars().count() + PLACE_HEADING_CHARS
        );
        assert!(cut.starts_with("第3段（一、深入") && cut.ends_with("…）"));
    }

    #[test]
    fn a_printed_page_line_needs_no_heading() {
        // Chinese is the default language; English is checked in tests/positions.rs, which
        // owns its process's language.
        let at = Position::Page { page: 3, line: 12 };
        assert_eq!(position_label(at, "二、存在的不足", None), "第3页第12行");
        assert_eq!(
            position_label(at, "二、存在的不足", Some("问题不足")),
            "第3页第12行（问题不足）"
        );
    }
}
