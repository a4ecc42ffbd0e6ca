//! A report's matches, found once: one Aho-Corasick pass over the sentences names, for
//! each pattern of the pack, the sentences it can match in; its regex then runs on such a
//! sentence only, the first time any condition asks about the pattern there. Every
//! condition, element, scope and near-miss reads the same matches by sentence index.

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

/// Every pattern's matches in one report, found on first use: a pattern's regex runs on
/// one of its candidate sentences only when a condition asks about that sentence, so the
/// sentences an element never reads (it was met in its first section, out of scope) cost
/// nothing.
pub struct HitIndex<'a> {
    doc: &'a Document,
    pack: &'a RulePack,
    /// The candidate sentences of every pattern, ascending, one pattern after another:
    /// pattern `id`'s are `pairs[from[id]..from[id + 1]]`.
    pairs: Vec<usize>,
    from: Vec<usize>,
    /// The matches of each (pattern, candidate sentence) pair, parallel to `pairs`.
    found: Vec<OnceCell<Vec<Match>>>,
    /// Each pattern's matches over the whole report, for callers that read them all.
    hits: Vec<OnceCell<PatternHits>>,
    title: Option<Box<HitIndex<'a>>>,
    /// For each sentence, whether it states an intention, once a match in it asks.
    intentions: Vec<OnceCell<bool>>,
    searches: Cell<usize>,
    #[cfg(test)]
    log: std::cell::RefCell<Vec<(usize, usize)>>,
}

/// One pattern's candidate sentences in a report, each searched the first time it is
/// asked about.
pub struct Lazy<'i> {
    index: &'i HitIndex<'i>,
    pattern: &'i Pattern,
    /// Candidate sentences, ascending.
    sentences: Cow<'i, [usize]>,
    found: Cow<'i, [OnceCell<Vec<Match>>]>,
}

impl<'i> Lazy<'i> {
    /// The matches of the pattern in sentence `si`, if any.
    pub fn at(&self, si: usize) -> Option<&[Match]> {
        let k = self.sentences.binary_search(&si).ok()?;
        Some(self.get(k)).filter(|m| !m.is_empty())
    }

    /// The candidate sentences, ascending.
    pub fn sentences(&self) -> &[usize] {
        &self.sentences
    }

    /// The matches in the `k`th candidate sentence (empty when the regex finds none).
    pub fn get(&self, k: usize) -> &[Match] {
        let si = self.sentences[k];
        self.found[k].get_or_init(|| self.index.search_one(self.pattern, si))
    }
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
        let n = prefilter.len();
        // (pattern, sentence) pairs in sentence order, then laid out pattern by pattern
        // (a counting sort keeps each pattern's sentences ascending).
        let mut found_pairs: Vec<(usize, usize)> = Vec::new();
        let mut scratch = crate::rules::literals::Scratch::default();
        for (si, s) in doc.sentences.iter().enumerate() {
            prefilter.candidates(doc.sentence_text(s), &mut scratch, |id| {
                found_pairs.push((id, si))
            });
        }
        let mut from = vec![0usize; n + 1];
        for &(id, _) in &found_pairs {
            from[id + 1] += 1;
        }
        for id in 0..n {
            from[id + 1] += from[id];
        }
        let mut next = from.clone();
        let mut pairs = vec![0usize; found_pairs.len()];
        for (id, si) in found_pairs {
            pairs[next[id]] = si;
            next[id] += 1;
        }
        HitIndex {
            doc,
            pack,
            found: (0..pairs.len()).map(|_| OnceCell::new()).collect(),
            pairs,
            from,
            hits: (0..n).map(|_| OnceCell::new()).collect(),
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

    /// The candidate sentences of `p`, searched as they are asked about. A pattern made
    /// outside the pack's table (none in scoring) has every sentence for candidate, each
    /// searched again by every view.
    pub fn lazy<'i>(&'i self, p: &'i Pattern) -> Lazy<'i> {
        if self.pack.patterns.holds(p) {
            let range = self.from[p.id]..self.from[p.id + 1];
            return Lazy {
                index: self,
                pattern: p,
                sentences: Cow::Borrowed(&self.pairs[range.clone()]),
                found: Cow::Borrowed(&self.found[range]),
            };
        }
        let every: Vec<usize> = (0..self.doc.sentences.len()).collect();
        Lazy {
            index: self,
            pattern: p,
            found: Cow::Owned(vec![OnceCell::new(); every.len()]),
            sentences: Cow::Owned(every),
        }
    }

    /// The matches of `p` in every sentence, searched the first time they are asked.
    pub fn of(&self, p: &Pattern) -> Cow<'_, PatternHits> {
        let all = || {
            let lazy = self.lazy(p);
            let mut out = PatternHits::default();
            for (k, &si) in lazy.sentences().iter().enumerate() {
                let found = lazy.get(k);
                if !found.is_empty() {
                    out.sentences.push(si);
                    out.matches.push(found.to_vec());
                }
            }
            out
        };
        if self.pack.patterns.holds(p) {
            return Cow::Borrowed(self.hits[p.id].get_or_init(all));
        }
        Cow::Owned(all())
    }

    /// False when the prefilter rules out a match of `p` in sentence `si`.
    pub fn may_match(&self, p: &Pattern, si: usize) -> bool {
        !self.pack.patterns.holds(p)
            || self.pairs[self.from[p.id]..self.from[p.id + 1]]
                .binary_search(&si)
                .is_ok()
    }

    /// How many times a regex has run over a sentence, here and in the title's index.
    pub fn searches(&self) -> usize {
        self.searches.get() + self.title.as_deref().map_or(0, HitIndex::searches)
    }

    fn search_one(&self, p: &Pattern, si: usize) -> Vec<Match> {
        let text = self.doc.sentence_text(&self.doc.sentences[si]);
        self.searches.set(self.searches.get() + 1);
        #[cfg(test)]
        self.log.borrow_mut().push((p.id, si));
        self.sentence(p, si, text)
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
