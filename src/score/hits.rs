//! A report's matches, found once: one Aho-Corasick pass over the sentences names, for
//! each pattern of the pack, the sentences it can match in; its regex then runs on those
//! sentences only, the first time any condition asks for the pattern. Every condition,
//! element, scope and near-miss reads the same lists by sentence index.

use super::guards;
use crate::document::Document;
use crate::rules::cond::Pattern;
use crate::rules::RulePack;
use std::borrow::Cow;
use std::cell::{Cell, OnceCell};

/// A match in a sentence, with the verdicts of the guards that may throw it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// Byte range in the sentence's folded text.
    pub start: usize,
    /// End of the range (exclusive).
    pub end: usize,
    /// Inside a document name the text only studies or cites.
    pub in_title: bool,
    /// Negated (the negation guard would throw it out).
    pub negated: bool,
}

/// One pattern's matches over a report: for each sentence it matches in (ascending), its
/// non-empty matches in order up to and including the first that no guard throws out —
/// no condition reads further.
#[derive(Debug, Clone, Default)]
pub struct PatternHits {
    /// Sentence indices, ascending.
    pub sentences: Vec<usize>,
    /// The matches of each of those sentences.
    pub matches: Vec<Vec<Match>>,
}

impl PatternHits {
    /// The matches in sentence `si`, if any.
    pub fn at(&self, si: usize) -> Option<&[Match]> {
        let k = self.sentences.binary_search(&si).ok()?;
        Some(&self.matches[k])
    }
}

/// Every pattern's matches in one report, found on first use.
pub struct HitIndex<'a> {
    doc: &'a Document,
    pack: &'a RulePack,
    /// For each pattern id, the sentences the prefilter lets it be searched in.
    candidates: Vec<Vec<usize>>,
    hits: Vec<OnceCell<PatternHits>>,
    title: Option<Box<HitIndex<'a>>>,
    /// For each sentence, whether it states an intention, once a match in it asks.
    intentions: Vec<OnceCell<bool>>,
    searches: Cell<usize>,
    #[cfg(test)]
    log: std::cell::RefCell<Vec<(usize, usize)>>,
}

impl<'a> HitIndex<'a> {
    /// The index of `doc` and of its title: one prefilter pass over their sentences, no
    /// regex run yet.
    pub fn new(doc: &'a Document, pack: &'a RulePack) -> HitIndex<'a> {
        let mut index = HitIndex::without_title(doc, pack);
        let td = doc.found.title_words.as_deref();
        index.title = td.map(|td| Box::new(HitIndex::without_title(td, pack)));
        index
    }

    fn without_title(doc: &'a Document, pack: &'a RulePack) -> HitIndex<'a> {
        let prefilter = &pack.filters().prefilter;
        let mut candidates: Vec<Vec<usize>> = vec![Vec::new(); prefilter.len()];
        let mut scratch = crate::rules::literals::Scratch::default();
        for (si, s) in doc.sentences.iter().enumerate() {
            prefilter.candidates(doc.sentence_text(s), &mut scratch, |id| {
                candidates[id].push(si)
            });
        }
        let hits = (0..candidates.len()).map(|_| OnceCell::new()).collect();
        HitIndex {
            doc,
            pack,
            candidates,
            hits,
            title: None,
            intentions: (0..doc.sentences.len()).map(|_| OnceCell::new()).collect(),
            searches: Cell::new(0),
            #[cfg(test)]
            log: Default::default(),
        }
    }

    /// The document it indexes.
    pub fn doc(&self) -> &'a Document {
        self.doc
    }

    /// The index of the report's title as read, if it has one.
    pub fn title(&self) -> Option<&HitIndex<'a>> {
        self.title.as_deref()
    }

    /// The matches of `p`, searched for the first time it is asked. A pattern made
    /// outside the pack's table (none in scoring) is searched in every sentence each time.
    pub fn of(&self, p: &Pattern) -> Cow<'_, PatternHits> {
        if self.pack.patterns.holds(p) {
            let cell = &self.hits[p.id];
            return Cow::Borrowed(cell.get_or_init(|| self.search(p, &self.candidates[p.id])));
        }
        let every: Vec<usize> = (0..self.doc.sentences.len()).collect();
        Cow::Owned(self.search(p, &every))
    }

    /// False when the prefilter rules out a match of `p` in sentence `si`.
    pub fn may_match(&self, p: &Pattern, si: usize) -> bool {
        !self.pack.patterns.holds(p) || self.candidates[p.id].binary_search(&si).is_ok()
    }

    /// How many times a regex has run over a sentence, here and in the title's index.
    pub fn searches(&self) -> usize {
        self.searches.get() + self.title.as_deref().map_or(0, HitIndex::searches)
    }

    fn search(&self, p: &Pattern, sentences: &[usize]) -> PatternHits {
        let mut out = PatternHits::default();
        for &si in sentences {
            let text = self.doc.sentence_text(&self.doc.sentences[si]);
            self.searches.set(self.searches.get() + 1);
            #[cfg(test)]
            self.log.borrow_mut().push((p.id, si));
            let found = self.sentence(p, si, text);
            if !found.is_empty() {
                out.sentences.push(si);
                out.matches.push(found);
            }
        }
        out
    }

    /// The matches of `p` in one sentence, up to the first that no guard throws out.
    fn sentence(&self, p: &Pattern, si: usize, text: &str) -> Vec<Match> {
        let mut out = Vec::new();
        let re = p.regex().unwrap_or_else(|e| {
            // Syntax was checked at load; only a size limit is left, which `rules check`
            // reports for every pattern before a run.
            panic!(
                "rule error: {}: pattern '{}' is too big to compile: {}; \
                 `lawscore rules check` lists every such pattern",
                self.pack.patterns.origin(p.id),
                p.source,
                e.message
            )
        });
        for m in re.find_iter(text) {
            if m.start() == m.end() {
                continue;
            }
            let in_title = guards::in_title(self.pack, text, m.start());
            let intention =
                || *self.intentions[si].get_or_init(|| guards::intention(self.pack, text));
            let negated = guards::negated_with(self.pack, text, m.start(), m.end(), intention);
            out.push(Match {
                start: m.start(),
                end: m.end(),
                in_title,
                negated,
            });
            if !in_title && !negated {
                break;
            }
        }
        out
    }

    /// Each (pattern id, sentence) a regex ran over, in order.
    #[cfg(test)]
    pub fn log(&self) -> Vec<(usize, usize)> {
        self.log.borrow().clone()
    }
}

#[cfg(test)]
#[path = "hits_tests.rs"]
mod tests;
