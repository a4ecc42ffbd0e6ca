//! What the overview (`index.html`) template receives.
//!
//! The overview must open quickly with a thousand reports, so everything that costs work —
//! statistics, chart geometry, the heatmap's status classes — is computed once here, and the
//! template only prints short strings. It is built from one small [`OverviewRow`] per report,
//! kept while the report's own page is written and its text and scorecard dropped, so a run
//! of any length holds no more than a row per report until the end.

use std::collections::HashMap;

use serde::Serialize;

use super::charts::{averages, histogram, Averages, Histogram};
use super::labels::{grade_class, ratio_pct, status_class, status_label, status_mark};
use super::tally::Tally;
use crate::model::scorecard::{round1, ErrorRecord, Level, RulesetRef, Scorecard, Status, Summary};
use crate::model::Grade;
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
    elements: Vec<ElementColumn<'a>>,
    /// The pack's profiles, for the profile filter.
    profiles: Vec<Column<'a>>,
    /// The levels the reports of the batch have, in [`Level::ALL`] order, for the level filter.
    levels: Vec<Choice>,
    /// Every status, with the one-letter code rows carry in `codes`, for the element filter.
    statuses: Vec<Choice>,
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

/// An element column: its id, Chinese name and category id.
#[derive(Serialize, Clone, Copy)]
struct ElementColumn<'a> {
    id: &'a str,
    title: &'a str,
    category: &'a str,
}

/// One choice of a filter the program itself defines (levels, statuses): the value rows
/// carry, the words to show and, for a status, its mark and colour class.
#[derive(Serialize)]
struct Choice {
    id: &'static str,
    label: &'static str,
    mark: &'static str,
    class: &'static str,
}

#[derive(Serialize)]
struct Group<'a> {
    title: &'a str,
    span: usize,
}

/// What the overview keeps of one report: who wrote it, its score, points per category,
/// status per element and key figures — never its text, evidence or advice, which its own
/// page shows. Made from the scorecard by whoever rendered the report, while the card is
/// still at hand.
#[derive(Debug, Clone)]
pub struct OverviewRow {
    /// The file name of the report's page, given when the page is written.
    pub(super) page: String,
    issuer: Option<String>,
    title: Option<String>,
    path: String,
    year: Option<i32>,
    date: Option<String>,
    level: Level,
    /// The profile's id and the pack's title for it (the id when the pack has none).
    profile: String,
    profile_title: String,
    pub(super) score: f64,
    pub(super) grade: Grade,
    warnings: Vec<String>,
    /// Points per category column of the pack.
    cats: Vec<Cat>,
    /// Status per element column of the pack; `None` where the report lacks the element.
    cells: Vec<Option<Status>>,
    /// The report's key figures, in the card's order, without the sentences they came from.
    figures: Vec<KeptFigure>,
}

#[derive(Debug, Clone)]
struct KeptFigure {
    id: String,
    title: String,
    value: f64,
    unit: String,
    line: usize,
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
    level: &'static str,
    level_label: &'static str,
    profile: &'a str,
    profile_title: &'a str,
    score: f64,
    grade: &'a str,
    grade_class: String,
    /// Higher is better, so sorting by grade orders rows as sorting by score does.
    grade_rank: usize,
    /// What a reader must know before trusting the score (e.g. not a report at all).
    warnings: &'a [String],
    cats: &'a [Cat],
    /// Status class per element column.
    cells: Vec<&'static str>,
    /// Status per element column as one letter each (`y` met, `p` partial, `m` missing,
    /// `n` not applicable, `x` not scored), what the overview's filter reads.
    codes: String,
    /// The names of the elements the report misses, and of those it meets in part, in pack
    /// order: the list that stands in for the heatmap on a phone.
    missing: Vec<&'a str>,
    partial: Vec<&'a str>,
    /// Key figure per figure column.
    figures: Vec<Option<Figure<'a>>>,
}

#[derive(Serialize, Debug, Clone)]
struct Cat {
    earned: f64,
    possible: f64,
    pct: f64,
}

#[derive(Serialize)]
struct Figure<'a> {
    value: f64,
    unit: &'a str,
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

const TOP_MISSING: usize = 10;

impl OverviewRow {
    /// What the overview needs of `card`, scored with `pack`; the page name comes later.
    pub fn new(card: &Scorecard, pack: &RulePack) -> OverviewRow {
        let m = &card.meta;
        OverviewRow {
            page: String::new(),
            issuer: m.issuer.clone(),
            title: m.title.clone(),
            path: card.source.path.clone(),
            year: m.year,
            date: m.date.clone(),
            level: m.level,
            profile: card.profile.clone(),
            profile_title: pack
                .profile(&card.profile)
                .map_or_else(|| card.profile.clone(), |p| p.title.clone()),
            score: card.score,
            grade: card.grade.clone(),
            warnings: card.warnings.clone(),
            cats: pack.categories.iter().map(|c| cat(card, &c.id)).collect(),
            cells: cells(card, pack),
            figures: card
                .indicators
                .iter()
                .map(|f| KeptFigure {
                    id: f.id.clone(),
                    title: f.title.clone(),
                    value: f.value,
                    unit: f.unit.clone(),
                    line: f.line,
                })
                .collect(),
        }
    }

    /// The path of the report, as its scorecard names it.
    pub(super) fn path(&self) -> &str {
        &self.path
    }

    /// The bytes of title and path the overview shows for this report.
    pub(super) fn shown_bytes(&self) -> usize {
        self.title.as_ref().map_or(0, String::len) + self.path.len()
    }

    /// This row under the overview's columns; `titles` are the element columns' names.
    fn view<'a>(&'a self, figure_ids: &[String], titles: &'a [String]) -> Row<'a> {
        let named = |want: Status| -> Vec<&'a str> {
            self.cells
                .iter()
                .zip(titles)
                .filter(|(s, _)| **s == Some(want))
                .map(|(_, t)| t.as_str())
                .collect()
        };
        Row {
            page: &self.page,
            name: self
                .issuer
                .as_deref()
                .or(self.title.as_deref())
                .unwrap_or(&self.path),
            title: self.title.as_deref().unwrap_or(""),
            path: &self.path,
            year: self.year,
            date: self.date.as_deref(),
            level: self.level.as_str(),
            level_label: level_label(self.level),
            profile: &self.profile,
            profile_title: &self.profile_title,
            score: self.score,
            grade: self.grade.name(),
            grade_class: grade_class(&self.grade),
            grade_rank: self.grade.rank(),
            warnings: &self.warnings,
            cats: &self.cats,
            cells: self
                .cells
                .iter()
                .map(|s| s.map_or("s-x", status_class))
                .collect(),
            codes: self.cells.iter().map(|s| s.map_or("x", code)).collect(),
            missing: named(Status::Missing),
            partial: named(Status::Partial),
            figures: figure_ids
                .iter()
                .map(|id| {
                    self.figures.iter().find(|f| &f.id == id).map(|f| Figure {
                        value: f.value,
                        unit: &f.unit,
                        line: f.line,
                    })
                })
                .collect(),
        }
    }
}

/// The overview's columns: categories and elements from the pack, figures from the reports.
struct Columns<'a> {
    categories: Vec<Column<'a>>,
    elements: Vec<ElementColumn<'a>>,
    figures: Vec<Column<'a>>,
}

impl<'a> Overview<'a> {
    /// Arranges the rows of a batch, in input order, and the files that failed for the
    /// overview template.
    pub(crate) fn new(
        rows: &'a [OverviewRow],
        errors: &'a [ErrorRecord],
        pack: &'a RulePack,
    ) -> Overview<'a> {
        let cols = Columns {
            categories: category_columns(pack),
            elements: element_columns(pack),
            figures: figure_columns(rows),
        };
        let mut tally = Tally::new(&pack.grades);
        for r in rows {
            tally.add(r.score, &r.grade);
        }
        let s = tally.summary(errors.len());
        let titles: Vec<&str> = cols.categories.iter().map(|c| c.title).collect();
        Overview {
            ruleset: pack.ruleset(),
            grades: grade_counts(&s),
            summary: s,
            histogram: histogram(rows.iter().map(|r| r.score), &pack.grades),
            averages: averages(&titles, |i| {
                rows.iter()
                    .filter_map(move |r| r.cats.get(i).map(|k| (k.earned, k.possible)))
            }),
            missing: most_missing(rows, &cols.elements),
            groups: groups(pack),
            profiles: pack
                .profiles
                .iter()
                .map(|p| Column {
                    id: &p.id,
                    title: &p.title,
                })
                .collect(),
            levels: levels(rows),
            statuses: statuses(),
            categories: cols.categories,
            elements: cols.elements,
            figures: cols.figures,
            errors,
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
fn element_columns(pack: &RulePack) -> Vec<ElementColumn<'_>> {
    pack.elements
        .iter()
        .map(|e| ElementColumn {
            id: &e.id,
            title: &e.name,
            category: &e.category,
        })
        .collect()
}

/// The issuer's level in words. Levels are the program's, not the pack's, like statuses.
pub(super) fn level_label(l: Level) -> &'static str {
    match l {
        Level::Province => "省级",
        Level::City => "市级",
        Level::County => "县级",
        Level::Township => "乡镇（街道）",
        Level::Department => "政府部门",
        Level::Unknown => "层级不详",
    }
}

/// The levels that occur among `rows`, in [`Level::ALL`] order.
fn levels(rows: &[OverviewRow]) -> Vec<Choice> {
    Level::ALL
        .into_iter()
        .filter(|l| rows.iter().any(|r| r.level == *l))
        .map(|l| Choice {
            id: l.as_str(),
            label: level_label(l),
            mark: "",
            class: "",
        })
        .collect()
}

/// The one-letter code of a status in a row's `codes` (`x` stands for an element the
/// report was not scored on).
fn code(s: Status) -> &'static str {
    match s {
        Status::Met => "y",
        Status::Partial => "p",
        Status::Missing => "m",
        Status::NotApplicable => "n",
    }
}

/// The statuses in the order a checklist lists them, with the letter of [`code`].
fn statuses() -> Vec<Choice> {
    [
        Status::Missing,
        Status::Partial,
        Status::Met,
        Status::NotApplicable,
    ]
    .into_iter()
    .map(|s| Choice {
        id: code(s),
        label: status_label(s),
        mark: status_mark(s),
        class: status_class(s),
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

/// Status per element of the pack (`None` where the report lacks the element).
fn cells(card: &Scorecard, pack: &RulePack) -> Vec<Option<Status>> {
    let status: HashMap<&str, Status> = card
        .elements
        .iter()
        .map(|e| (e.id.as_str(), e.status))
        .collect();
    pack.elements
        .iter()
        .map(|e| status.get(e.id.as_str()).copied())
        .collect()
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
fn figure_columns(rows: &[OverviewRow]) -> Vec<Column<'_>> {
    let mut out: Vec<Column> = Vec::new();
    for f in rows.iter().flat_map(|r| &r.figures) {
        if !out.iter().any(|c| c.id == f.id) {
            out.push(Column {
                id: &f.id,
                title: &f.title,
            });
        }
    }
    out
}

/// The elements most often missing, most first (ties in rule-pack order). A pack's element
/// ids are distinct, so a column's status in each row is that element's status.
fn most_missing<'a>(rows: &[OverviewRow], elements: &[ElementColumn<'a>]) -> Vec<Missing<'a>> {
    let total = rows.len().max(1) as f64;
    let mut out: Vec<Missing> = elements
        .iter()
        .enumerate()
        .filter_map(|(i, col)| {
            let count = |want: Status| {
                rows.iter()
                    .filter(|r| r.cells.get(i) == Some(&Some(want)))
                    .count()
            };
            let missing = count(Status::Missing);
            (missing > 0).then(|| Missing {
                id: col.id,
                title: col.title,
                missing,
                partial: count(Status::Partial),
                pct: round1(missing as f64 / total * 100.0),
            })
        })
        .collect();
    out.sort_by_key(|m| std::cmp::Reverse(m.missing));
    out.truncate(TOP_MISSING);
    out
}

/// The overview's rows as the template reads them, one row's values made at a time when a
/// loop reaches it and dropped after: turned into template values all at once, a batch's
/// rows would hold several times the memory of the rows kept (issue 10: flat memory).
///
/// Rows come best score first (equal scores in input order): the order a supervisor reads a
/// ranking in, and the one the page says it opens in. Only their indices are sorted.
#[derive(Debug)]
pub(crate) struct RowSeq {
    rows: std::sync::Arc<Vec<OverviewRow>>,
    order: Vec<usize>,
    figure_ids: Vec<String>,
    /// The element columns' names.
    titles: Vec<String>,
}

impl RowSeq {
    /// The rows under the overview's figure columns.
    pub(crate) fn new(rows: std::sync::Arc<Vec<OverviewRow>>, ov: &Overview<'_>) -> RowSeq {
        let figure_ids = ov.figures.iter().map(|c| c.id.to_string()).collect();
        let mut order: Vec<usize> = (0..rows.len()).collect();
        order.sort_by(|&a, &b| rows[b].score.total_cmp(&rows[a].score));
        RowSeq {
            rows,
            order,
            figure_ids,
            titles: ov.elements.iter().map(|e| e.title.to_string()).collect(),
        }
    }
}

impl minijinja::value::Object for RowSeq {
    fn repr(self: &std::sync::Arc<Self>) -> minijinja::value::ObjectRepr {
        minijinja::value::ObjectRepr::Seq
    }

    fn get_value(self: &std::sync::Arc<Self>, key: &minijinja::Value) -> Option<minijinja::Value> {
        let row = self.rows.get(*self.order.get(key.as_usize()?)?)?;
        Some(minijinja::Value::from(minijinja::value::Serde(
            row.view(&self.figure_ids, &self.titles),
        )))
    }

    fn enumerate(self: &std::sync::Arc<Self>) -> minijinja::value::Enumerator {
        minijinja::value::Enumerator::Seq(self.rows.len())
    }
}

/// The overview with its rows beside it: `ov.rows` is the lazy [`RowSeq`], every other
/// attribute the overview's own values.
#[derive(Debug)]
pub(crate) struct WithRows {
    /// The overview's values, rows left out.
    pub(crate) base: minijinja::Value,
    /// The rows.
    pub(crate) rows: minijinja::Value,
}

impl minijinja::value::Object for WithRows {
    fn get_value(self: &std::sync::Arc<Self>, key: &minijinja::Value) -> Option<minijinja::Value> {
        if key.as_str() == Some("rows") {
            return Some(self.rows.clone());
        }
        self.base.get_item(key).ok().filter(|v| !v.is_undefined())
    }

    fn enumerate(self: &std::sync::Arc<Self>) -> minijinja::value::Enumerator {
        minijinja::value::Enumerator::NonEnumerable
    }
}
