//! The overview's trend view: one row per issuer with two years or more — its years, the
//! score of each (linked to the report's page), the change from first to last, how many
//! elements were gained and lost, and the sentences kept from the year before.

use std::collections::HashMap;

use serde::Serialize;

use super::labels::{fmt1, grade_class};
use super::overview::OverviewRow;
use crate::model::history::IssuerHistory;

/// One issuer's row.
#[derive(Debug, Serialize)]
pub(super) struct HistoryRow {
    name: String,
    /// Every name the reports write, for the tooltip.
    names: String,
    years: Vec<YearCell>,
    /// Last score − first score, signed, one decimal.
    delta: String,
    /// `up`, `down` or `flat`, for the colour.
    trend: &'static str,
    gained: usize,
    lost: usize,
    /// The newest change's shares, as whole percentages.
    identical: String,
    near: String,
    /// Years with more than one report.
    same_year: Vec<i32>,
}

/// One report of the row.
#[derive(Debug, Serialize)]
struct YearCell {
    year: Option<i32>,
    score: String,
    grade: String,
    class: String,
    path: String,
    /// The report's page in the folder ("" when it has none).
    page: String,
}

/// The rows of `history`, each history dropped once its row is made; `rows` (the
/// overview's) give each report's page.
pub(super) fn rows(
    history: impl IntoIterator<Item = IssuerHistory>,
    rows: &[OverviewRow],
) -> Vec<HistoryRow> {
    // The first row of a path gives its page, as a search from the start would.
    let mut pages: HashMap<&str, &str> = HashMap::with_capacity(rows.len());
    for r in rows {
        pages.entry(r.path()).or_insert(&r.page);
    }
    history.into_iter().map(|h| row(&h, &pages)).collect()
}

fn row(h: &IssuerHistory, pages: &HashMap<&str, &str>) -> HistoryRow {
    let page = |path: &str| pages.get(path).map_or_else(String::new, |p| p.to_string());
    let first = h.reports.first().map_or(0.0, |r| r.score);
    let last = h.reports.last().map_or(0.0, |r| r.score);
    let delta = crate::model::scorecard::round1(last - first);
    let newest = h.changes.last().map(|c| c.overlap).unwrap_or_default();
    HistoryRow {
        name: h.name.clone(),
        names: h.names.join("、"),
        years: h
            .reports
            .iter()
            .map(|r| YearCell {
                year: r.year,
                score: fmt1(r.score),
                grade: r.grade.name().to_string(),
                class: grade_class(&r.grade),
                path: r.path.clone(),
                page: page(&r.path),
            })
            .collect(),
        delta: if delta > 0.0 {
            format!("+{}", fmt1(delta))
        } else {
            fmt1(delta)
        },
        trend: match delta {
            d if d > 0.0 => "up",
            d if d < 0.0 => "down",
            _ => "flat",
        },
        gained: h.changes.iter().map(|c| c.gained.len()).sum(),
        lost: h.changes.iter().map(|c| c.lost.len()).sum(),
        identical: format!("{:.0}%", newest.identical_share * 100.0),
        near: format!("{:.0}%", newest.near_share * 100.0),
        same_year: h.same_year.clone(),
    }
}
