//! What changed from one report to the next: the score, each element whose status rose or
//! fell, and the sentences kept.

use super::{Element, Year};
use crate::model::history::{Change, ElementChange};
use crate::model::scorecard::{round1, Evidence, Status};

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
    let (old_sentences, old_evidence) = older.unpack();
    let (new_sentences, new_evidence) = newer.unpack();
    let evidence = |list: &[Vec<Evidence>], i: usize| list.get(i).cloned().unwrap_or_default();
    let mut gained = Vec::new();
    let mut lost = Vec::new();
    for (n, new) in newer.elements.iter().enumerate() {
        // An element the older pack did not have is no change of the report's.
        let Some((o, old)) = older.elements.iter().enumerate().find(|o| o.1.id == new.id) else {
            continue;
        };
        let (Some(from), Some(to)) = (rank(old.status), rank(new.status)) else {
            continue;
        };
        if to > from {
            gained.push(changed(old, new, evidence(&new_evidence, n)));
        } else if to < from {
            lost.push(changed(old, new, evidence(&old_evidence, o)));
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
        overlap: new_sentences.overlap(&old_sentences),
    }
}

/// The change of one element, with the evidence of the report that has it.
fn changed(old: &Element, new: &Element, evidence: Vec<Evidence>) -> ElementChange {
    ElementChange {
        id: new.id.clone(),
        title: new.title.clone(),
        category: new.category.clone(),
        from: old.status,
        to: new.status,
        points_delta: round1(new.points - old.points),
        evidence,
    }
}
