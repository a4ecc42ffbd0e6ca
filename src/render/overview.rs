//! What the overview (`index.html`) template receives.
//!
//! The overview must open quickly with a thousand reports, so everything that costs work —
//! statistics, chart geometry, the heatmap's status classes — is computed once here, and the
//! template only prints short strings.

use std::collections::HashMap;

use serde::Serialize;

use super::labels::{grade_class, ratio_pct, status_class};
use super::{summary, Batch};
use crate::model::scorecard::{round1, ErrorRecord, RulesetRef, Scorecard, Status, Summary};
use crate::model::GradeScale;
use crate::rules::RulePack;

/// The whole overview page.
#[derive(Serialize)]
pub(crate) struct Overview<'a> {
    ruleset: RulesetRef,
    summary: Summary,
    grades: Vec<GradeCount>,
    categories: Vec<Column<'a>>,
    /// Category groups over the heatmap's element columns.
    groups: Vec<Group<'a>>,
    elements: Vec<Column<'a>>,
    rows: Vec<Row<'a>>,
    histogram: Histogram,
    averages: Averages<'a>,
    figures: Vec<Column<'a>>,
    missing: Vec<Missing<'a>>,
    errors: &'a [ErrorRecord],
}

/// Reports per grade of the pack, best first (then any grade the pack does not know).
#[derive(Serialize)]
struct GradeCount {
    grade: String,
    class: String,
    count: usize,
}

/// A column of a table: an id and the Chinese name to show.
#[derive(Serialize, Clone, Copy)]
struct Column<'a> {
    id: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct Group<'a> {
    title: &'a str,
    span: usize,
}

/// One report's row in every per-report table.
#[derive(Serialize)]
struct Row<'a> {
    page: &'a str,
    name: &'a str,
    title: &'a str,
    path: &'a str,
    year: Option<i32>,
    date: Option<&'a str>,
    score: f64,
    grade: &'a str,
    grade_class: String,
    /// Higher is better, so sorting by grade orders rows as sorting by score does.
    grade_rank: usize,
    /// What a reader must know before trusting the score (e.g. not a report at all).
    warnings: &'a [String],
    cats: Vec<Cat>,
    /// Status class per element column.
    cells: Vec<&'static str>,
    /// Key figure per figure column.
    figures: Vec<Option<Figure>>,
}

#[derive(Serialize)]
struct Cat {
    earned: f64,
    possible: f64,
    pct: f64,
}

#[derive(Serialize)]
struct Figure {
    value: f64,
    unit: String,
    line: usize,
}

#[derive(Serialize)]
struct Missing<'a> {
    id: &'a str,
    title: &'a str,
    missing: usize,
    partial: usize,
    pct: f64,
}

/// Score distribution in ten-point bins, laid out for a fixed-size SVG.
#[derive(Serialize)]
struct Histogram {
    width: u32,
    height: u32,
    /// Left edge and bottom of the plot area.
    x0: f64,
    base: f64,
    bars: Vec<Bar>,
    /// The pack's grade thresholds, drawn as dashed lines.
    marks: Vec<Mark>,
    ticks: Vec<Tick>,
}

#[derive(Serialize)]
struct Bar {
    x: f64,
    /// Centre, where the count and the label go.
    cx: f64,
    y: f64,
    w: f64,
    h: f64,
    count: usize,
    label: String,
}

/// Where a grade starts: a line at its `min`, labelled with its name.
#[derive(Serialize)]
struct Mark {
    x: f64,
    min: f64,
    label: String,
}

#[derive(Serialize)]
struct Tick {
    y: f64,
    label: usize,
}

/// Mean share of points per category, laid out as horizontal bars.
#[derive(Serialize)]
struct Averages<'a> {
    width: u32,
    height: u32,
    x0: f64,
    span: f64,
    rows: Vec<AvgRow<'a>>,
}

#[derive(Serialize)]
struct AvgRow<'a> {
    title: &'a str,
    y: f64,
    w: f64,
    pct: f64,
}

const HIST_W: f64 = 520.0;
const HIST_H: f64 = 220.0;
const HIST_X0: f64 = 36.0;
const HIST_TOP: f64 = 22.0;
const HIST_BASE: f64 = HIST_H - 26.0;
/// Width of one ten-point bin.
const HIST_SLOT: f64 = (HIST_W - HIST_X0 - 8.0) / 10.0;
const AVG_W: f64 = 520.0;
const AVG_X0: f64 = 150.0;
const AVG_SPAN: f64 = 300.0;
const AVG_ROW: f64 = 26.0;
const TOP_MISSING: usize = 10;

/// The overview's columns: categories and elements from the pack, figures from the reports.
struct Columns<'a> {
    categories: Vec<Column<'a>>,
    elements: Vec<Column<'a>>,
    figures: Vec<Column<'a>>,
}

impl<'a> Overview<'a> {
    /// Arranges a batch for the overview template. `pages[i]` is the file name of
    /// `b.cards[i]`'s page.
    pub(crate) fn new(b: &Batch<'a>, pages: &'a [String]) -> Overview<'a> {
        let cols = Columns {
            categories: category_columns(b.pack),
            elements: element_columns(b.pack),
            figures: figure_columns(b),
        };
        let rows = b
            .cards
            .iter()
            .enumerate()
            .map(|(i, card)| row(card, pages.get(i).map_or("", |p| p.as_str()), &cols))
            .collect();
        let s = summary(b.cards, b.errors, &b.pack.grades);
        Overview {
            ruleset: b.pack.ruleset(),
            grades: grade_counts(&s),
            summary: s,
            histogram: histogram(b),
            averages: averages(b, &cols.categories),
            missing: most_missing(b, &cols.elements),
            groups: groups(b.pack),
            categories: cols.categories,
            elements: cols.elements,
            rows,
            figures: cols.figures,
            errors: b.errors,
        }
    }
}

/// The pack's categories, in scorecard order.
fn category_columns(pack: &RulePack) -> Vec<Column<'_>> {
    pack.categories
        .iter()
        .map(|c| Column {
            id: &c.id,
            title: &c.title,
        })
        .collect()
}

/// The pack's elements, in pack order.
fn element_columns(pack: &RulePack) -> Vec<Column<'_>> {
    pack.elements
        .iter()
        .map(|e| Column {
            id: &e.id,
            title: &e.name,
        })
        .collect()
}

fn grade_counts(s: &Summary) -> Vec<GradeCount> {
    s.grades
        .iter()
        .map(|(g, n)| GradeCount {
            grade: g.name().to_string(),
            class: grade_class(g),
            count: *n,
        })
        .collect()
}

/// One report's row: who, score and grade, then a cell per category, element and figure.
fn row<'a>(card: &'a Scorecard, page: &'a str, cols: &Columns) -> Row<'a> {
    let m = &card.meta;
    Row {
        page,
        name: m
            .issuer
            .as_deref()
            .or(m.title.as_deref())
            .unwrap_or(&card.source.path),
        title: m.title.as_deref().unwrap_or(""),
        path: &card.source.path,
        year: m.year,
        date: m.date.as_deref(),
        score: card.score,
        grade: card.grade.name(),
        grade_class: grade_class(&card.grade),
        grade_rank: card.grade.rank(),
        warnings: &card.warnings,
        cats: cols
            .categories
            .iter()
            .map(|col| cat(card, col.id))
            .collect(),
        cells: cells(card, &cols.elements),
        figures: cols
            .figures
            .iter()
            .map(|col| figure(card, col.id))
            .collect(),
    }
}

/// A category's points in a report; zeros when the report lacks the category.
fn cat(card: &Scorecard, id: &str) -> Cat {
    match card.categories.iter().find(|k| k.id == id) {
        Some(k) => Cat {
            earned: k.earned,
            possible: k.possible,
            pct: round1(ratio_pct(k.earned, k.possible)),
        },
        None => Cat {
            earned: 0.0,
            possible: 0.0,
            pct: 0.0,
        },
    }
}

/// Status class per element column (`s-x` where the report lacks the element).
fn cells(card: &Scorecard, elements: &[Column]) -> Vec<&'static str> {
    let status: HashMap<&str, Status> = card
        .elements
        .iter()
        .map(|e| (e.id.as_str(), e.status))
        .collect();
    elements
        .iter()
        .map(|col| status.get(col.id).map_or("s-x", |s| status_class(*s)))
        .collect()
}

fn figure(card: &Scorecard, id: &str) -> Option<Figure> {
    card.indicators.iter().find(|f| f.id == id).map(|f| Figure {
        value: f.value,
        unit: f.unit.clone(),
        line: f.line,
    })
}

/// Runs of consecutive elements sharing a category, for the heatmap's top header row.
fn groups(pack: &RulePack) -> Vec<Group<'_>> {
    let mut out: Vec<(&str, usize)> = Vec::new();
    for e in &pack.elements {
        match out.last_mut() {
            Some((cat, n)) if *cat == e.category => *n += 1,
            _ => out.push((&e.category, 1)),
        }
    }
    out.into_iter()
        .map(|(cat, span)| Group {
            title: pack
                .categories
                .iter()
                .find(|c| c.id == cat)
                .map_or(cat, |c| c.title.as_str()),
            span,
        })
        .collect()
}

/// Every indicator id any report states, in order of first appearance.
fn figure_columns<'a>(b: &Batch<'a>) -> Vec<Column<'a>> {
    let mut out: Vec<Column> = Vec::new();
    for f in b.cards.iter().flat_map(|c| &c.indicators) {
        if !out.iter().any(|c| c.id == f.id) {
            out.push(Column {
                id: &f.id,
                title: &f.title,
            });
        }
    }
    out
}

/// The score histogram: ten bins, the pack's cut lines, a round count axis.
fn histogram(b: &Batch) -> Histogram {
    let mut counts = [0usize; 10];
    for c in b.cards {
        let bin = (c.score.max(0.0) / 10.0).floor() as usize;
        counts[bin.min(9)] += 1;
    }
    // A round top for the axis, so tick labels are whole numbers.
    let top = nice_ceiling(counts.iter().copied().max().unwrap_or(0).max(1));
    Histogram {
        width: HIST_W as u32,
        height: HIST_H as u32,
        x0: HIST_X0,
        base: HIST_BASE,
        bars: bars(&counts, top),
        marks: marks(&b.pack.grades),
        ticks: ticks(top),
    }
}

/// Horizontal position of a score on the histogram.
fn hist_x(score: f64) -> f64 {
    HIST_X0 + score / 10.0 * HIST_SLOT
}

fn bars(counts: &[usize; 10], top: usize) -> Vec<Bar> {
    let plot_h = HIST_BASE - HIST_TOP;
    counts
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            let h = n as f64 / top as f64 * plot_h;
            Bar {
                x: round1(HIST_X0 + i as f64 * HIST_SLOT + 2.0),
                cx: round1(HIST_X0 + (i as f64 + 0.5) * HIST_SLOT),
                y: round1(HIST_BASE - h),
                w: round1(HIST_SLOT - 4.0),
                h: round1(h),
                count: n,
                label: if i == 9 {
                    "90–100".into()
                } else {
                    format!("{}–{}", i * 10, i * 10 + 9)
                },
            }
        })
        .collect()
}

/// A dashed line where each grade of the pack starts, lowest first. The bottom grade's
/// line at 0 (or below) would only double the axis, and one past 100 is off the chart.
fn marks(scale: &GradeScale) -> Vec<Mark> {
    let mut marks: Vec<Mark> = scale
        .bands()
        .iter()
        .filter(|g| g.min > 0.0 && g.min <= 100.0)
        .map(|g| Mark {
            x: round1(hist_x(g.min)),
            min: g.min,
            label: g.name.clone(),
        })
        .collect();
    marks.reverse();
    marks
}

fn ticks(top: usize) -> Vec<Tick> {
    let plot_h = HIST_BASE - HIST_TOP;
    (0..=top)
        .step_by(top / 4)
        .map(|v| Tick {
            y: round1(HIST_BASE - v as f64 / top as f64 * plot_h),
            label: v,
        })
        .collect()
}

/// A round top for the count axis: four times a step of 1, 2, 3 or 5 × 10ⁿ, so the
/// quarter ticks are whole numbers of reports.
fn nice_ceiling(n: usize) -> usize {
    let mut scale = 1;
    loop {
        for f in [1, 2, 3, 5] {
            if 4 * f * scale >= n {
                return 4 * f * scale;
            }
        }
        scale *= 10;
    }
}

fn averages<'a>(b: &Batch<'a>, categories: &[Column<'a>]) -> Averages<'a> {
    let rows = categories
        .iter()
        .enumerate()
        .map(|(i, col)| {
            let (mut sum, mut n) = (0.0, 0usize);
            for card in b.cards {
                if let Some(k) = card.categories.iter().find(|k| k.id == col.id) {
                    if k.possible > 0.0 {
                        sum += ratio_pct(k.earned, k.possible);
                        n += 1;
                    }
                }
            }
            let pct = if n > 0 { round1(sum / n as f64) } else { 0.0 };
            AvgRow {
                title: col.title,
                y: round1(8.0 + i as f64 * AVG_ROW),
                w: round1(pct / 100.0 * AVG_SPAN),
                pct,
            }
        })
        .collect::<Vec<_>>();
    Averages {
        width: AVG_W as u32,
        height: (16.0 + rows.len() as f64 * AVG_ROW) as u32,
        x0: AVG_X0,
        span: AVG_SPAN,
        rows,
    }
}

/// The elements most often missing, most first (ties in rule-pack order).
fn most_missing<'a>(b: &Batch<'a>, elements: &[Column<'a>]) -> Vec<Missing<'a>> {
    let mut tally: HashMap<&str, (usize, usize)> = HashMap::new();
    for e in b.cards.iter().flat_map(|c| &c.elements) {
        let t = tally.entry(e.id.as_str()).or_default();
        match e.status {
            Status::Missing => t.0 += 1,
            Status::Partial => t.1 += 1,
            _ => {}
        }
    }
    let total = b.cards.len().max(1) as f64;
    let mut out: Vec<Missing> = elements
        .iter()
        .filter_map(|col| {
            let &(missing, partial) = tally.get(col.id)?;
            (missing > 0).then(|| Missing {
                id: col.id,
                title: col.title,
                missing,
                partial,
                pct: round1(missing as f64 / total * 100.0),
            })
        })
        .collect();
    out.sort_by_key(|m| std::cmp::Reverse(m.missing));
    out.truncate(TOP_MISSING);
    out
}

#[cfg(test)]
mod tests {
    use super::nice_ceiling;

    #[test]
    fn axis_tops_divide_into_quarters() {
        for n in [1, 3, 4, 5, 7, 9, 13, 40, 41, 99, 170, 1000] {
            let top = nice_ceiling(n);
            assert!(top >= n, "{n} -> {top}");
            assert_eq!(top % 4, 0, "{n} -> {top}");
        }
    }
}
