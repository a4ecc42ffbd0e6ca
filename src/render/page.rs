//! What the report page template receives: the scorecard rearranged for display.
//!
//! Grouping, sorting, highlighting and line classification happen here in Rust rather than
//! in the template, so the template stays a layout that users can restyle without
//! re-implementing logic, and so every piece of report text reaches it as plain data that
//! the auto-escaper handles.

use serde::Serialize;

use super::highlight::{segments, Segment};
use super::labels::{
    evidence_place, grade_class, ratio_pct, status_class, status_label, status_mark, timeliness,
};
use crate::model::scorecard::{
    ElementResult, Evidence, Indicator, RulesetRef, Scorecard, Source, Status,
};
use crate::rules::RulePack;

/// The whole report page.
#[derive(Serialize)]
pub(crate) struct ReportPage<'a> {
    title: &'a str,
    issuer: Option<&'a str>,
    year: Option<i32>,
    date: Option<&'a str>,
    date_source: &'static str,
    level: &'static str,
    level_label: &'static str,
    /// None when the pack marks no element `badge: timeliness`.
    timeliness: Option<Badge<'a>>,
    score: f64,
    grade: &'a str,
    grade_class: String,
    warnings: &'a [String],
    earned: f64,
    possible: f64,
    profile: &'a str,
    /// The pack's title for the profile (its id when the pack has none); the template
    /// prefers the scorecard's own `profile_title` where the card carries one.
    profile_title: &'a str,
    ruleset: &'a RulesetRef,
    source: &'a Source,
    counts: Counts,
    categories: Vec<CategoryView<'a>>,
    fixes: Vec<Fix<'a>>,
    sections: Vec<SectionView<'a>>,
    indicators: Vec<FigureView<'a>>,
    lines: Vec<Line<'a>>,
}

/// A key figure with where a reader of the original finds it (第6段 in Word, 第12行 in text).
#[derive(Serialize)]
struct FigureView<'a> {
    #[serde(flatten)]
    figure: &'a Indicator,
    place: String,
}

#[derive(Serialize)]
struct Badge<'a> {
    label: &'static str,
    class: &'static str,
    /// The name of the element behind it, for a tooltip.
    title: &'a str,
}

/// How many elements have each status, for the line under the score.
#[derive(Serialize, Default)]
struct Counts {
    met: usize,
    partial: usize,
    missing: usize,
    not_applicable: usize,
}

#[derive(Serialize)]
struct CategoryView<'a> {
    id: &'a str,
    title: &'a str,
    earned: f64,
    possible: f64,
    pct: f64,
    /// How many of its elements are missing or partial: a category with none has nothing
    /// to show when the page shows only what is missing.
    open: usize,
    elements: Vec<ElementView<'a>>,
}

#[derive(Serialize)]
struct ElementView<'a> {
    id: &'a str,
    title: &'a str,
    status: &'static str,
    mark: &'static str,
    label: &'static str,
    class: &'static str,
    points: f64,
    weight: f64,
    gain: f64,
    /// The regulation the element comes from, as the pack states it (empty when the pack no
    /// longer has the element).
    basis: &'a str,
    advice: Option<&'a str>,
    looked_for: Option<&'a str>,
    not_applicable_reason: Option<&'a str>,
    evidence: Vec<Quote<'a>>,
    near_miss: Option<NearMissView<'a>>,
}

/// A quoted piece of the report, split into runs for highlighting.
#[derive(Serialize)]
struct Quote<'a> {
    line: usize,
    /// Where a reader finds it: `第12行`, `第6段（二、存在的不足）`.
    at: String,
    section: &'a str,
    kind: &'static str,
    kind_label: &'static str,
    segments: Vec<Segment<'a>>,
}

#[derive(Serialize)]
struct NearMissView<'a> {
    reason: &'a str,
    quote: Quote<'a>,
}

/// One entry of the 优先整改 box.
#[derive(Serialize)]
struct Fix<'a> {
    id: &'a str,
    title: &'a str,
    category: &'a str,
    mark: &'static str,
    class: &'static str,
    gain: f64,
    advice: Option<&'a str>,
}

#[derive(Serialize)]
struct SectionView<'a> {
    heading: &'a str,
    /// The section's first words, shown for a section without a heading (preamble,
    /// closing, page furniture) so the outline still says what is there.
    preview: String,
    level: u8,
    kind: &'static str,
    kind_label: &'static str,
    line_start: usize,
    line_end: usize,
}

/// One line of the report text. `c` is its CSS class list and `w` names the elements
/// whose evidence stands on it (for a tooltip).
#[derive(Serialize)]
struct Line<'a> {
    n: usize,
    t: &'a str,
    c: &'static str,
    w: String,
}

impl<'a> ReportPage<'a> {
    /// Arranges `card` and the `text` it was scored on for the report template; `pack`
    /// is the pack that scored it.
    pub(crate) fn new(card: &'a Scorecard, text: &'a str, pack: &'a RulePack) -> ReportPage<'a> {
        let m = &card.meta;
        let mut counts = Counts::default();
        for e in &card.elements {
            match e.status {
                Status::Met => counts.met += 1,
                Status::Partial => counts.partial += 1,
                Status::Missing => counts.missing += 1,
                Status::NotApplicable => counts.not_applicable += 1,
            }
        }
        ReportPage {
            title: m.title.as_deref().unwrap_or(card.source.path.as_str()),
            issuer: m.issuer.as_deref(),
            year: m.year,
            date: m.date.as_deref(),
            date_source: m.date_source.as_str(),
            level: m.level.as_str(),
            level_label: super::labels::level_label(m.level),
            timeliness: timeliness(card, pack).map(|(label, class, title)| Badge {
                label,
                class,
                title,
            }),
            score: card.score,
            grade: card.grade.name(),
            grade_class: grade_class(&card.grade),
            warnings: &card.warnings,
            earned: card.earned,
            possible: card.possible,
            profile: &card.profile,
            profile_title: pack
                .profile(&card.profile)
                .map_or(&card.profile, |p| &p.title),
            ruleset: &card.ruleset,
            source: &card.source,
            counts,
            categories: categories(card, pack),
            fixes: fixes(card),
            sections: card
                .sections
                .iter()
                .map(|s| SectionView {
                    heading: &s.heading,
                    preview: preview(text, s.line_start, s.line_end),
                    level: s.level,
                    kind: s.kind.as_str(),
                    kind_label: s.kind.label(),
                    line_start: s.line_start,
                    line_end: s.line_end,
                })
                .collect(),
            indicators: card
                .indicators
                .iter()
                .map(|f| FigureView {
                    figure: f,
                    place: super::labels::position_label(f.position(), "", None),
                })
                .collect(),
            lines: lines(card, text),
        }
    }
}

/// Elements grouped under their categories, in rule-pack order. An element whose category
/// the card does not list still shows, under the pack's title for it (its id when the pack
/// has none).
fn categories<'a>(card: &'a Scorecard, pack: &'a RulePack) -> Vec<CategoryView<'a>> {
    let mut out: Vec<CategoryView> = card
        .categories
        .iter()
        .map(|c| CategoryView {
            id: &c.id,
            title: &c.title,
            earned: c.earned,
            possible: c.possible,
            pct: ratio_pct(c.earned, c.possible),
            open: 0,
            elements: Vec::new(),
        })
        .collect();
    for e in &card.elements {
        let view = element(e, pack);
        let open = usize::from(matches!(e.status, Status::Missing | Status::Partial));
        match out.iter_mut().find(|c| c.id == e.category) {
            Some(c) => {
                c.open += open;
                c.elements.push(view);
            }
            None => out.push(CategoryView {
                id: &e.category,
                title: pack
                    .categories
                    .iter()
                    .find(|c| c.id == e.category)
                    .map_or(&e.category, |c| &c.title),
                earned: 0.0,
                possible: 0.0,
                pct: 0.0,
                open,
                elements: vec![view],
            }),
        }
    }
    out
}

fn element<'a>(e: &'a ElementResult, pack: &'a RulePack) -> ElementView<'a> {
    ElementView {
        id: &e.id,
        title: &e.title,
        status: e.status.as_str(),
        mark: status_mark(e.status),
        label: status_label(e.status),
        class: status_class(e.status),
        points: e.points,
        weight: e.weight,
        gain: e.gain,
        basis: pack
            .elements
            .iter()
            .find(|d| d.id == e.id)
            .map_or("", |d| d.basis.as_str()),
        advice: e.advice.as_deref(),
        looked_for: e.looked_for.as_deref(),
        not_applicable_reason: e.not_applicable_reason.as_deref(),
        evidence: e.evidence.iter().map(quote).collect(),
        near_miss: e.near_miss.as_ref().map(|nm| NearMissView {
            reason: &nm.reason,
            quote: quote(&nm.evidence),
        }),
    }
}

fn quote(ev: &Evidence) -> Quote<'_> {
    Quote {
        line: ev.line,
        at: evidence_place(ev, None),
        section: &ev.section,
        kind: ev.kind.as_str(),
        kind_label: ev.kind.label(),
        segments: segments(&ev.text, &ev.matched),
    }
}

/// Missing and partial elements, most points to gain first; equal gains keep rule-pack
/// order so the list is the same on every run.
fn fixes(card: &Scorecard) -> Vec<Fix<'_>> {
    let mut todo: Vec<&ElementResult> = card
        .elements
        .iter()
        .filter(|e| matches!(e.status, Status::Missing | Status::Partial) && e.gain > 0.0)
        .collect();
    todo.sort_by(|a, b| b.gain.total_cmp(&a.gain));
    todo.into_iter()
        .map(|e| Fix {
            id: &e.id,
            title: &e.title,
            category: card
                .categories
                .iter()
                .find(|c| c.id == e.category)
                .map_or(e.category.as_str(), |c| c.title.as_str()),
            mark: status_mark(e.status),
            class: status_class(e.status),
            gain: e.gain,
            advice: e.advice.as_deref(),
        })
        .collect()
}

/// Characters of a section's first line shown in place of a missing heading.
const PREVIEW_CHARS: usize = 36;

fn preview(text: &str, start: usize, end: usize) -> String {
    let first = text
        .lines()
        .skip(start.saturating_sub(1))
        .take(end.saturating_sub(start) + 1)
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    match first.char_indices().nth(PREVIEW_CHARS) {
        Some((i, _)) => format!("{}…", &first[..i]),
        None => first.to_string(),
    }
}

const EVIDENCE: u8 = 1;
const NEAR_MISS: u8 = 2;
const BOILERPLATE: u8 = 4;
const HEADING: u8 = 8;

/// Every line of `text`, classed: evidence lines are highlighted, near-miss lines marked,
/// and web-page furniture dimmed so the eye skips it.
fn lines<'a>(card: &Scorecard, text: &'a str) -> Vec<Line<'a>> {
    let all: Vec<&str> = text.lines().collect();
    let mut flags = vec![0u8; all.len() + 1];
    let mut names: Vec<Vec<&str>> = vec![Vec::new(); all.len() + 1];
    let mut set = |line: usize, flag: u8| {
        if let Some(f) = flags.get_mut(line) {
            *f |= flag;
        }
    };
    for s in &card.sections {
        if s.kind == "boilerplate" {
            for n in s.line_start..=s.line_end.min(all.len()) {
                set(n, BOILERPLATE);
            }
        } else if !s.heading.is_empty() {
            set(s.line_start, HEADING);
        }
    }
    for e in &card.elements {
        for ev in &e.evidence {
            set(ev.line, EVIDENCE);
            if let Some(v) = names.get_mut(ev.line) {
                if !v.contains(&e.title.as_str()) {
                    v.push(&e.title);
                }
            }
        }
        if let Some(nm) = &e.near_miss {
            set(nm.evidence.line, NEAR_MISS);
        }
    }
    all.into_iter()
        .enumerate()
        .map(|(i, t)| {
            let n = i + 1;
            Line {
                n,
                t,
                c: line_class(flags[n]),
                w: names[n].join("、"),
            }
        })
        .collect()
}

/// The class list for a line's flags. Evidence wins over a near miss on the same line:
/// the line did count for something.
fn line_class(f: u8) -> &'static str {
    const CLASSES: [&str; 16] = [
        "", "ev", "nm", "ev", "bp", "ev bp", "nm bp", "ev bp", //
        "h", "h ev", "h nm", "h ev", "h bp", "h ev bp", "h nm bp", "h ev bp",
    ];
    CLASSES[usize::from(f & 15)]
}
