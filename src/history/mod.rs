//! One issuer across years: reports grouped by issuer (or folder), and for each group with
//! two years or more the scores, the elements gained and lost with their evidence, the
//! points per category, and how much of each report stands already in the one before.
//!
//! Pure functions over what scoring gave: each report is kept as a [`Year`] — the few
//! parts of its scorecard a history shows, and its sentences as keys and its evidence
//! packed in one byte string — so a batch holds no scorecard or text until the end; a
//! batch's [`Years`] keeps a few hundred bytes per report in memory and spools the packed
//! part to a temporary file, read back only for the reports that are in a history. Uses
//! only the ground floor ([`crate::model`], [`crate::fold`], [`crate::msg`],
//! [`crate::yaml`]).

mod change;
mod group;
mod names;
mod packed;
mod sentences;
pub mod text;
mod years;

pub use change::compare;
pub use group::{histories, pair, GroupBy, Histories};
pub use names::{normalise, Aliases};
pub use sentences::{near_form, Sentences, MIN_CHARS};
pub use years::Years;

use packed::Packed;

use crate::model::scorecard::{CategoryScore, Evidence, Scorecard, Status};
use crate::model::Grade;

/// Evidence kept per element: enough to show why, few enough that a batch of 10,000
/// reports does not hold every quote of every report until the end.
pub const EVIDENCE_KEPT: usize = 3;

/// What a history keeps of one scored report.
#[derive(Debug, Clone)]
pub struct Year {
    /// The path, as the scorecard gives it.
    pub path: String,
    /// The issuer as written.
    pub issuer: Option<String>,
    /// The year reported on.
    pub year: Option<i32>,
    /// The score.
    pub score: f64,
    /// The grade.
    pub grade: Grade,
    /// Points earned.
    pub earned: f64,
    /// Points possible.
    pub possible: f64,
    /// Points per category, in pack order.
    pub categories: Vec<CategoryScore>,
    /// Every element's status, in pack order.
    pub elements: Vec<Element>,
    /// The report's sentences as keys, and each element's evidence (the first
    /// [`EVIDENCE_KEPT`]), in [`Year::unpack`]'s order.
    packed: Packed,
}

/// One element of a [`Year`].
#[derive(Debug, Clone)]
pub struct Element {
    /// Element id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its category.
    pub category: String,
    /// Its status.
    pub status: Status,
    /// Its points.
    pub points: f64,
}

impl Year {
    /// What a history needs of `card`, scored on `text`.
    pub fn of(card: &Scorecard, text: &str) -> Year {
        let elements = card
            .elements
            .iter()
            .map(|e| Element {
                id: e.id.clone(),
                title: e.title.clone(),
                category: e.category.clone(),
                status: e.status,
                points: e.points,
            })
            .collect();
        // A report without a year is in no history: its sentences are never compared.
        let sentences = match card.meta.year {
            Some(_) => Sentences::of(text),
            None => Sentences::default(),
        };
        let evidence = card
            .elements
            .iter()
            .map(|e| &e.evidence[..e.evidence.len().min(EVIDENCE_KEPT)]);
        Year {
            path: card.source.path.clone(),
            issuer: card.meta.issuer.clone(),
            year: card.meta.year,
            score: card.score,
            grade: card.grade.clone(),
            earned: card.earned,
            possible: card.possible,
            categories: card.categories.clone(),
            elements,
            packed: Packed::new(&sentences, evidence),
        }
    }

    /// The report's sentences, and each element's evidence in [`Year::elements`] order.
    fn unpack(&self) -> (Sentences, Vec<Vec<Evidence>>) {
        self.packed.unpack()
    }
}
