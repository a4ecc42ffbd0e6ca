//! How often each pattern of each element matched over a corpus. Scoring asks for a
//! pattern's matches only when a condition needs them, so this asks the report's match
//! index for every pattern after scoring: normal runs never pay for it.

use crate::rules::cond::Pattern;
use crate::rules::{Element, RulePack};
use crate::score::hits::HitIndex;
use serde::Serialize;

/// One pattern of an element and the reports it matched in.
#[derive(Debug, Clone, Serialize)]
pub struct PatternCount {
    /// Its place in the element (`met.any[2]`).
    pub at: String,
    /// As written in the YAML.
    pub written: String,
    /// Reports where it matched in text the element reads (its scope), guards aside.
    pub in_scope: usize,
    /// Reports where it matched anywhere in the text.
    pub anywhere: usize,
}

/// Every pattern of every element of a pack, counted over a corpus.
#[derive(Debug, Clone)]
pub struct PatternCounts {
    /// Per element (pack order), its patterns (met first, then partial).
    pub elements: Vec<Vec<PatternCount>>,
}

/// The patterns of an element, met's first, then partial's.
pub fn element_patterns(e: &Element) -> Vec<&Pattern> {
    let mut out = e.met.patterns();
    out.extend(e.partial.iter().flat_map(|p| p.patterns()));
    out
}

impl PatternCounts {
    /// Zero counts for every pattern of `pack`.
    pub fn new(pack: &RulePack) -> PatternCounts {
        let elements = pack
            .elements
            .iter()
            .map(|e| {
                element_patterns(e)
                    .into_iter()
                    .map(|p| PatternCount {
                        at: p.at.clone(),
                        written: p.written.clone(),
                        in_scope: 0,
                        anywhere: 0,
                    })
                    .collect()
            })
            .collect();
        PatternCounts { elements }
    }

    /// Counts one report's patterns.
    pub fn add(&mut self, seen: &Seen) {
        for (counts, flags) in self.elements.iter_mut().zip(&seen.0) {
            for (c, &(in_scope, anywhere)) in counts.iter_mut().zip(flags) {
                c.in_scope += usize::from(in_scope);
                c.anywhere += usize::from(anywhere);
            }
        }
    }
}

/// Which patterns matched in one report: per element, per pattern (in
/// [`element_patterns`] order), whether in its scope and whether anywhere.
#[derive(Debug, Clone, Default)]
pub struct Seen(pub Vec<Vec<(bool, bool)>>);

/// Which patterns of `pack` match in the report of `hits` (an index made with `pack`).
pub fn seen(hits: &HitIndex, pack: &RulePack) -> Seen {
    let doc = hits.doc();
    let per_element = pack.elements.iter().map(|e| {
        element_patterns(e)
            .into_iter()
            .map(|p| {
                let found = hits.of(p);
                let in_scope = found
                    .sentences
                    .iter()
                    .any(|&si| e.scope.contains(&doc.sentences[si].kind));
                (in_scope, !found.sentences.is_empty())
            })
            .collect()
    });
    Seen(per_element.collect())
}
