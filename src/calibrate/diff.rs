//! What a rule change does to a corpus: every report scored with the old pack and with the
//! new one, on the same reading, and the differences gathered by element — the statuses
//! that changed with the evidence before and after — and by score.

use super::Quote;
use crate::model::scorecard::{ElementResult, ErrorRecord, RulesetRef, Scorecard, Status};
use crate::rules::RulePack;
use serde::Serialize;

/// One report whose status of an element changed.
#[derive(Debug, Clone, Serialize)]
pub struct StatusChange {
    /// The report, as given on the command line.
    pub path: String,
    /// Its status under the old pack; `None` when that pack has no such element.
    pub old: Option<Status>,
    /// Its status under the new pack; `None` when that pack has no such element.
    pub new: Option<Status>,
    /// The evidence the old pack quoted.
    pub old_evidence: Vec<Quote>,
    /// The evidence the new pack quotes.
    pub new_evidence: Vec<Quote>,
}

/// One element and every report whose status of it changed.
#[derive(Debug, Clone, Serialize)]
pub struct ElementChanges {
    /// Element id.
    pub id: String,
    /// Its title in the new pack (the old one's when the new pack dropped it).
    pub title: String,
    /// Its category's id.
    pub category: String,
    /// Its category's title, from the same pack as the title.
    pub category_title: String,
    /// How many reports changed.
    pub changed: usize,
    /// The reports, in corpus order.
    pub changes: Vec<StatusChange>,
}

/// One report whose score changed.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreChange {
    /// The report.
    pub path: String,
    /// Its score under the old pack.
    pub old: f64,
    /// Its score under the new pack.
    pub new: f64,
    /// `new - old`, one decimal.
    pub delta: f64,
    /// Its grade under the old pack.
    pub old_grade: String,
    /// Its grade under the new pack.
    pub new_grade: String,
}

/// The counts a diff's first line states.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    /// Reports scored with both packs.
    pub reports: usize,
    /// Reports with any change (a status or the score).
    pub changed: usize,
    /// Status changes, over all elements and reports.
    pub status_changes: usize,
    /// Reports whose score changed.
    pub score_changes: usize,
    /// Files that could not be read.
    pub unreadable: usize,
}

/// The differences two packs make over a corpus.
#[derive(Debug, Clone, Serialize)]
pub struct RulesDiff {
    /// The pack compared against.
    pub old: RulesetRef,
    /// The pack being tried.
    pub new: RulesetRef,
    /// What changed, counted.
    pub counts: Counts,
    /// Elements with a change, in the new pack's order (elements only the old pack has
    /// come last); an element with no change is not listed.
    pub elements: Vec<ElementChanges>,
    /// Reports whose score changed, in corpus order.
    pub scores: Vec<ScoreChange>,
    /// Files that could not be read.
    pub errors: Vec<ErrorRecord>,
    #[serde(skip)]
    slots: Vec<ElementChanges>,
}

impl RulesDiff {
    /// An empty diff of `new` against `old`: one slot for every element either has.
    pub fn new(old: &RulePack, new: &RulePack) -> RulesDiff {
        let mut slots: Vec<ElementChanges> = new.elements.iter().map(|e| slot(new, e)).collect();
        for e in &old.elements {
            if new.element(&e.id).is_none() {
                slots.push(slot(old, e));
            }
        }
        RulesDiff {
            old: old.ruleset(),
            new: new.ruleset(),
            counts: Counts::default(),
            elements: Vec::new(),
            scores: Vec::new(),
            errors: Vec::new(),
            slots,
        }
    }

    /// Adds one report's two scorecards (the same reading scored with each pack).
    pub fn add(&mut self, old: &Scorecard, new: &Scorecard) {
        self.counts.reports += 1;
        let path = &new.source.path;
        let mut changed = false;
        for s in self.slots.iter_mut() {
            let (o, n) = (find(old, &s.id), find(new, &s.id));
            if o.map(|r| r.status) == n.map(|r| r.status) {
                continue;
            }
            changed = true;
            s.changed += 1;
            s.changes.push(StatusChange {
                path: path.clone(),
                old: o.map(|r| r.status),
                new: n.map(|r| r.status),
                old_evidence: quotes(o),
                new_evidence: quotes(n),
            });
        }
        if old.score != new.score || old.grade.name() != new.grade.name() {
            changed = true;
            self.scores.push(ScoreChange {
                path: path.clone(),
                old: old.score,
                new: new.score,
                delta: crate::model::scorecard::round1(new.score - old.score),
                old_grade: old.grade.name().to_string(),
                new_grade: new.grade.name().to_string(),
            });
        }
        self.counts.changed += usize::from(changed);
    }

    /// Adds a file that could not be read.
    pub fn add_error(&mut self, e: ErrorRecord) {
        self.errors.push(e);
    }

    /// Ends the run: the elements with a change, and the counts.
    pub fn finish(mut self) -> RulesDiff {
        self.elements = std::mem::take(&mut self.slots)
            .into_iter()
            .filter(|s| s.changed > 0)
            .collect();
        self.counts.status_changes = self.elements.iter().map(|e| e.changed).sum();
        self.counts.score_changes = self.scores.len();
        self.counts.unreadable = self.errors.len();
        self
    }

    /// Whether the packs score any report differently.
    pub fn changed(&self) -> bool {
        self.counts.changed > 0
    }

    /// The bytes of quoted text and paths the diff shows (for a page's render budget).
    pub fn shown_bytes(&self) -> usize {
        let quote = |q: &Quote| q.text.len() + q.at.len();
        let change = |c: &StatusChange| {
            c.path.len()
                + c.old_evidence.iter().map(quote).sum::<usize>()
                + c.new_evidence.iter().map(quote).sum::<usize>()
        };
        let elements: usize = self
            .elements
            .iter()
            .flat_map(|e| &e.changes)
            .map(change)
            .sum();
        elements + self.scores.iter().map(|s| s.path.len() + 32).sum::<usize>()
    }
}

fn slot(pack: &RulePack, e: &crate::rules::Element) -> ElementChanges {
    let category_title = pack
        .categories
        .iter()
        .find(|c| c.id == e.category)
        .map(|c| c.title.clone())
        .unwrap_or_default();
    ElementChanges {
        id: e.id.clone(),
        title: e.name.clone(),
        category: e.category.clone(),
        category_title,
        changed: 0,
        changes: Vec::new(),
    }
}

fn find<'a>(card: &'a Scorecard, id: &str) -> Option<&'a ElementResult> {
    card.elements.iter().find(|e| e.id == id)
}

fn quotes(r: Option<&ElementResult>) -> Vec<Quote> {
    r.map(|r| r.evidence.iter().map(Quote::of).collect())
        .unwrap_or_default()
}
