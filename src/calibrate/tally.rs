//! Calibration: per element, how often a corpus meets it, partly meets it, misses it or is
//! exempt; a few quotes of its evidence; whether it never or always fires; which of its
//! patterns never matched; and the near-misses mined for it ([`super::mine`]).

use super::mine::{Candidate, Mined};
use super::patterns::{PatternCount, PatternCounts, Seen};
use super::{percent, Quote};
use crate::model::scorecard::{ErrorRecord, RulesetRef, Scorecard, Status};
use crate::rules::RulePack;
use serde::Serialize;

/// Quotes of evidence kept per element, each from a different report.
pub const SAMPLES: usize = 3;

/// Reports per status, and the same as shares of the reports scored.
#[derive(Debug, Clone, Default, Serialize)]
pub struct StatusCounts {
    /// Met.
    pub met: usize,
    /// Partly met.
    pub partial: usize,
    /// Missing.
    pub missing: usize,
    /// Not applicable (exempt by profile or year, or undatable).
    pub not_applicable: usize,
    /// `met` in percent of the reports.
    pub met_pct: f64,
    /// `partial` in percent.
    pub partial_pct: f64,
    /// `missing` in percent.
    pub missing_pct: f64,
    /// `not_applicable` in percent.
    pub not_applicable_pct: f64,
}

impl StatusCounts {
    fn add(&mut self, s: Status) {
        match s {
            Status::Met => self.met += 1,
            Status::Partial => self.partial += 1,
            Status::Missing => self.missing += 1,
            Status::NotApplicable => self.not_applicable += 1,
        }
    }

    fn shares(&mut self, reports: usize) {
        self.met_pct = percent(self.met, reports);
        self.partial_pct = percent(self.partial, reports);
        self.missing_pct = percent(self.missing, reports);
        self.not_applicable_pct = percent(self.not_applicable, reports);
    }
}

/// A quote and the report it is from.
#[derive(Debug, Clone, Serialize)]
pub struct Sample {
    /// The report.
    pub path: String,
    /// The evidence.
    pub quote: Quote,
}

/// Whether an element tells reports apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Firing {
    /// No report meets it even partly (among those it applies to).
    Never,
    /// Every report it applies to meets it.
    Always,
}

/// One element over the corpus.
#[derive(Debug, Clone, Serialize)]
pub struct ElementTally {
    /// Element id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its category's id.
    pub category: String,
    /// Its category's title.
    pub category_title: String,
    /// Reports per status.
    pub counts: StatusCounts,
    /// `never` or `always` when it does not tell reports apart; null otherwise.
    pub fires: Option<Firing>,
    /// A few quotes of its evidence, each from another report.
    pub samples: Vec<Sample>,
    /// Each pattern and the reports it matched in.
    pub patterns: Vec<PatternCount>,
    /// How many of its patterns matched in no report's text in scope.
    pub unmatched_patterns: usize,
    /// How many measures sentences of reports missing it read like it.
    pub near_misses: usize,
    /// The best of them (see `mine`).
    pub candidates: Vec<Candidate>,
}

/// A pack over a corpus.
#[derive(Debug, Clone, Serialize)]
pub struct Calibration {
    /// The pack.
    pub ruleset: RulesetRef,
    /// Reports scored.
    pub reports: usize,
    /// Elements, in pack order.
    pub elements: Vec<ElementTally>,
    /// Ids of the elements no report meets.
    pub never_fire: Vec<String>,
    /// Ids of the elements every report meets.
    pub always_fire: Vec<String>,
    /// Patterns that matched nowhere in scope, over all elements.
    pub unmatched_patterns: usize,
    /// Files that could not be read.
    pub errors: Vec<ErrorRecord>,
}

/// Gathers a calibration report by report.
pub struct Calibrator {
    out: Calibration,
    patterns: PatternCounts,
    mined: Mined,
}

impl Calibrator {
    /// Nothing counted yet for `pack`, keeping `cap` near-misses per element.
    pub fn new(pack: &RulePack, cap: usize) -> Calibrator {
        let elements = pack
            .elements
            .iter()
            .map(|e| ElementTally {
                id: e.id.clone(),
                title: e.name.clone(),
                category: e.category.clone(),
                category_title: pack
                    .categories
                    .iter()
                    .find(|c| c.id == e.category)
                    .map(|c| c.title.clone())
                    .unwrap_or_default(),
                counts: StatusCounts::default(),
                fires: None,
                samples: Vec::new(),
                patterns: Vec::new(),
                unmatched_patterns: 0,
                near_misses: 0,
                candidates: Vec::new(),
            })
            .collect();
        Calibrator {
            out: Calibration {
                ruleset: pack.ruleset(),
                reports: 0,
                elements,
                never_fire: Vec::new(),
                always_fire: Vec::new(),
                unmatched_patterns: 0,
                errors: Vec::new(),
            },
            patterns: PatternCounts::new(pack),
            mined: Mined::new(pack.elements.len(), cap),
        }
    }

    /// Adds one report: its scorecard, the patterns seen in it, its near-miss candidates.
    pub fn add(&mut self, card: &Scorecard, seen: &Seen, found: Vec<(usize, Candidate)>) {
        self.out.reports += 1;
        for t in self.out.elements.iter_mut() {
            let Some(r) = card.elements.iter().find(|r| r.id == t.id) else {
                continue;
            };
            t.counts.add(r.status);
            let fired = matches!(r.status, Status::Met | Status::Partial);
            if fired && t.samples.len() < SAMPLES {
                if let Some(ev) = r.evidence.first() {
                    t.samples.push(Sample {
                        path: card.source.path.clone(),
                        quote: Quote::of(ev),
                    });
                }
            }
        }
        self.patterns.add(seen);
        self.mined.add(found);
    }

    /// Adds a file that could not be read.
    pub fn add_error(&mut self, e: ErrorRecord) {
        self.out.errors.push(e);
    }

    /// The calibration of everything added.
    pub fn finish(self) -> Calibration {
        let mut out = self.out;
        let per_element = self.patterns.elements.into_iter().zip(self.mined.elements);
        for (t, (patterns, (n, best))) in out.elements.iter_mut().zip(per_element) {
            t.counts.shares(out.reports);
            let applies = out.reports - t.counts.not_applicable;
            t.fires = match (applies, t.counts.met + t.counts.partial) {
                (0, _) => None,
                (_, 0) => Some(Firing::Never),
                (a, _) if t.counts.met == a => Some(Firing::Always),
                _ => None,
            };
            t.unmatched_patterns = patterns.iter().filter(|p| p.in_scope == 0).count();
            t.patterns = patterns;
            (t.near_misses, t.candidates) = (n, best);
        }
        let with = |f: Firing| {
            let ids = out.elements.iter().filter(|t| t.fires == Some(f));
            ids.map(|t| t.id.clone()).collect()
        };
        out.never_fire = with(Firing::Never);
        out.always_fire = with(Firing::Always);
        out.unmatched_patterns = out.elements.iter().map(|t| t.unmatched_patterns).sum();
        out
    }
}

impl Calibration {
    /// The bytes of quoted text and paths it shows (for a page's render budget).
    pub fn shown_bytes(&self) -> usize {
        let q = |path: &str, quote: &Quote| path.len() + quote.text.len() + quote.at.len();
        self.elements
            .iter()
            .map(|t| {
                let samples: usize = t.samples.iter().map(|s| q(&s.path, &s.quote)).sum();
                let mined: usize = t.candidates.iter().map(|c| q(&c.path, &c.quote)).sum();
                let pats: usize = t.patterns.iter().map(|p| p.written.len() + 64).sum();
                samples + mined + pats + 256
            })
            .sum()
    }
}
