//! One issuer across years: the `history` block of a batch's JSON and the document
//! `lawscore compare` prints. Field names are a published contract
//! (`../shared/spec/output.md`, "history and compare"): add fields freely, never rename or
//! drop one.

use serde::{Deserialize, Serialize};

use super::grade::Grade;
use super::scorecard::{Evidence, RulesetRef, Status};

/// Schema tag of the document `lawscore compare --format json` prints.
pub const COMPARE_SCHEMA: &str = "lawscore.compare/1";

/// How reports were put together into one history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    /// By the issuer's normalised name (and the aliases file).
    Issuer,
    /// By the folder the report stands in.
    Path,
    /// The two files `lawscore compare` was given.
    Pair,
}

/// The reports of one issuer (or folder) over the years, and what changed between them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssuerHistory {
    /// What the reports were grouped by.
    pub group_by: GroupKind,
    /// The group's key: the normalised issuer name (after aliases), or the folder.
    pub key: String,
    /// The name a person is shown: the alias file's canonical name, else the issuer as the
    /// newest report writes it, else the folder.
    pub name: String,
    /// Every issuer name the reports write, as written, in order of first appearance.
    pub names: Vec<String>,
    /// The reports, oldest year first (two of one year by path).
    pub reports: Vec<YearScore>,
    /// Years with more than one report (each is kept and compared with its neighbour).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub same_year: Vec<i32>,
    /// What changed between each report and the next one.
    pub changes: Vec<Change>,
    /// Points per category, one point per report in `reports` order.
    pub categories: Vec<CategoryTrend>,
}

/// One report's place in a history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearScore {
    /// The year reported on (absent only in `compare`, for a text that names none).
    pub year: Option<i32>,
    /// The report's path, as its scorecard gives it.
    pub path: String,
    /// The issuer as the report writes it.
    pub issuer: Option<String>,
    /// The score.
    pub score: f64,
    /// The grade.
    pub grade: Grade,
    /// Points earned.
    pub earned: f64,
    /// Points possible.
    pub possible: f64,
}

/// What changed from one report (`older`) to the next (`newer`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Index of the older report in the history's `reports`.
    pub older: usize,
    /// Index of the newer report.
    pub newer: usize,
    /// The older report's year.
    pub older_year: Option<i32>,
    /// The newer report's year.
    pub newer_year: Option<i32>,
    /// True when both reports are of one year.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub same_year: bool,
    /// newer score − older score, one decimal.
    pub score_delta: f64,
    /// Elements whose status rose (missing → partial or met, partial → met), with the
    /// newer report's evidence.
    pub gained: Vec<ElementChange>,
    /// Elements whose status fell, with the older report's evidence.
    pub lost: Vec<ElementChange>,
    /// How much of the newer report's text stands in the older one.
    pub overlap: Overlap,
}

/// One element whose status changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ElementChange {
    /// Element id.
    pub id: String,
    /// The element's title in the pack.
    pub title: String,
    /// Its category id.
    pub category: String,
    /// Status in the older report.
    pub from: Status,
    /// Status in the newer report.
    pub to: Status,
    /// newer points − older points.
    pub points_delta: f64,
    /// The evidence: the newer report's for a gain, the older report's for a loss (its
    /// first three pieces, as the scorecard orders them).
    pub evidence: Vec<Evidence>,
}

/// The newer report's sentences that also stand in the older one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Overlap {
    /// Sentences of the newer report counted (at least six letters or digits each).
    pub sentences: usize,
    /// Of them, those found word for word in the older report.
    pub identical: usize,
    /// Of them, those found once digits and punctuation are set aside (identical ones
    /// included).
    pub near: usize,
    /// identical ÷ sentences, three decimals (0 when no sentence is counted).
    pub identical_share: f64,
    /// near ÷ sentences, three decimals.
    pub near_share: f64,
}

/// One category's points across a history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryTrend {
    /// Category id.
    pub id: String,
    /// The category's title in the pack.
    pub title: String,
    /// One point per report of the history, same order.
    pub points: Vec<CategoryPoint>,
}

/// A category's points in one report.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CategoryPoint {
    /// The report's year.
    pub year: Option<i32>,
    /// Points earned (0 when the report has no such category).
    pub earned: f64,
    /// Points possible.
    pub possible: f64,
}

/// What `lawscore compare OLD NEW --format json` prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Always [`COMPARE_SCHEMA`].
    pub schema: String,
    /// The pack both reports were scored with.
    pub ruleset: RulesetRef,
    /// False when the two reports name different issuers (after aliases).
    pub same_issuer: bool,
    /// The two reports as a history of two: `reports[0]` is OLD, `reports[1]` NEW, and
    /// `changes` holds the one change between them.
    pub history: IssuerHistory,
}
