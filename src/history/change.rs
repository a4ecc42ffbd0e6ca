//! What changed from one report to the next: the score, each element whose status rose or
//! fell, and the sentences kept.

use super::{Element, Year};
use crate::model::history::{Change, ElementChange};
use crate::model::scorecard::{round1, Status};

/// How far a status goes towards the element: not applicable has no place on the scale,
/// so a change to or from it is neither gained nor lost.
fn rank(s: Status) -> Option<u8> {
    match s {
        Status::Missing => Some(0),
        Status::Partial => Some(1),
        Status::Met => Some(2),
        Status::NotApplicable => None,
    }
}

/// What changed from `older` to `newer`, the reports at `indices` of their history.
pub fn compare(older: &Year, newer: &Year, indices: (usize, usize)) -> Change {
    let mut gained = Vec::new();
    let mut lost = Vec::new();
    for new in &newer.elements {
        // An element the older pack did not have is no change of the report's.
        let Some(old) = older.elements.iter().find(|o| o.id == new.id) else {
            continue;
        };
        let (Some(from), Some(to)) = (rank(old.status), rank(new.status)) else {
            continue;
        };
        if to > from {
            gained.push(changed(old, new, new));
        } else if to < from {
            lost.push(changed(old, new, old));
        }
    }
    Change {
        older: indices.0,
        newer: indices.1,
        older_year: older.year,
        newer_year: newer.year,
        same_year: older.year.is_some() && older.year == newer.year,
        score_delta: round1(newer.score - older.score),
        gained,
        lost,
        overlap: newer.sentences.overlap(&older.sentences),
    }
}

/// The change of one element, with the evidence of `shown` (the report that has it).
fn changed(old: &Element, new: &Element, shown: &Element) -> ElementChange {
    ElementChange {
        id: new.id.clone(),
        title: new.title.clone(),
        category: new.category.clone(),
        from: old.status,
        to: new.status,
        points_delta: round1(new.points - old.points),
        evidence: shown.evidence.clone(),
    }
}
