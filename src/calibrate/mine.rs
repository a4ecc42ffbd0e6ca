//! Near-miss mining: sentences of a report's measures text (`measures`) that share the
//! vocabulary of an element the report misses but match none of its patterns. They are what
//! a maintainer reads to find wording the rules do not know yet; most are unrelated, so
//! they are ranked by how much of the element's vocabulary they hold and capped per
//! element.
//!
//! An element's vocabulary is derived, not written: the literals every match of one of its
//! patterns must contain (what the prefilter looks for) and the short pieces of its title
//! between punctuation, each weighing its length up to 4, less the words more than
//! [`MAX_SHARED`] elements share. A sentence is a candidate when it holds at least two of
//! them worth [`MIN_WEIGHT`] together.

use super::patterns::element_patterns;
use super::Quote;
use crate::document::{Document, Sentence};
use crate::model::scorecard::{Evidence, Scorecard, Status};
use crate::model::Kind;
use crate::rules::{Element, RulePack};
use crate::score::hits::HitIndex;
use serde::Serialize;

/// The least weight of shared words that makes a sentence a candidate.
pub const MIN_WEIGHT: usize = 4;

/// Characters of a candidate sentence shown; longer ones are cut with `…`.
const SHOWN_CHARS: usize = 120;

/// One element's words, each with what it weighs.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary(pub Vec<(String, usize)>);

/// Elements a word may belong to and still tell one element from another: 法治 and 工作
/// stand in half the pack's patterns and would make every sentence a candidate.
pub const MAX_SHARED: usize = 2;

/// The longest piece of a title taken as one of its words.
const TITLE_WORD_CHARS: usize = 6;

/// The vocabulary of every element of `pack` (pack order), without the words more than
/// [`MAX_SHARED`] elements share.
pub fn vocabularies(pack: &RulePack) -> Vec<Vocabulary> {
    let all: Vec<Vocabulary> = pack.elements.iter().map(vocabulary).collect();
    let mut held: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for v in &all {
        for (w, _) in &v.0 {
            *held.entry(w.as_str()).or_default() += 1;
        }
    }
    let keep = |w: &str| held.get(w).is_some_and(|&n| n <= MAX_SHARED);
    all.iter()
        .map(|v| Vocabulary(v.0.iter().filter(|(w, _)| keep(w)).cloned().collect()))
        .collect()
}

/// The vocabulary of `e` alone (see the module's documentation).
pub fn vocabulary(e: &Element) -> Vocabulary {
    let mut words: Vec<(String, usize)> = Vec::new();
    let mut add = |w: String, weight: usize| {
        if w.chars().count() >= 2 && w.chars().any(is_cjk) && !words.iter().any(|(x, _)| *x == w) {
            words.push((w, weight));
        }
    };
    for p in element_patterns(e) {
        let folded = crate::fold::fold_pattern(&p.source);
        for set in crate::rules::literals::required_sets(&folded) {
            for lit in set {
                if let Ok(w) = String::from_utf8(lit) {
                    let n = w.chars().count().min(4);
                    add(w, n);
                }
            }
        }
    }
    // The title's words: 法律顾问、公职律师 gives two; a long title gives none, as no
    // sentence repeats it.
    let title = crate::fold::fold(&e.name);
    for piece in title.split(|c: char| !is_cjk(c)) {
        let n = piece.chars().count();
        if (2..=TITLE_WORD_CHARS).contains(&n) {
            add(piece.to_string(), n.min(4));
        }
    }
    Vocabulary(words)
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// A sentence that reads like a missing element.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    /// The report.
    pub path: String,
    /// The sentence.
    pub quote: Quote,
    /// The element's words it holds.
    pub words: Vec<String>,
    /// What those words weigh together (the rank).
    pub weight: usize,
}

/// The candidates of one report: for each element (pack order) the report misses, its
/// measures sentences that hold enough of the element's vocabulary (`vocab`, one per
/// element) and match none of its patterns.
pub fn candidates(
    hits: &HitIndex,
    pack: &RulePack,
    vocab: &[Vocabulary],
    card: &Scorecard,
) -> Vec<(usize, Candidate)> {
    let doc = hits.doc();
    let measures: Vec<usize> = (0..doc.sentences.len())
        .filter(|&si| doc.sentences[si].kind == Kind::Measures)
        .collect();
    let mut out = Vec::new();
    for (i, e) in pack.elements.iter().enumerate() {
        let missing = card
            .elements
            .iter()
            .any(|r| r.id == e.id && r.status == Status::Missing);
        if missing {
            out.extend(element_candidates(hits, e, &vocab[i], &measures).map(|c| {
                let (path, quote) = (card.source.path.clone(), sentence_quote(doc, c.0));
                let (words, weight) = c.1;
                (
                    i,
                    Candidate {
                        path,
                        quote,
                        words,
                        weight,
                    },
                )
            }));
        }
    }
    out
}

/// The sentences among `measures` that read like `e`, with the words they share and
/// what those weigh. A word standing in more than a tenth of the report's measures
/// sentences (法治政府建设 in most reports) is the report's own vocabulary, not the
/// element's, and counts for nothing in it.
fn element_candidates<'d>(
    hits: &HitIndex<'d>,
    e: &Element,
    vocab: &Vocabulary,
    measures: &[usize],
) -> impl Iterator<Item = (&'d Sentence, (Vec<String>, usize))> {
    let doc = hits.doc();
    let found: Vec<Vec<usize>> = measures
        .iter()
        .map(|&si| {
            let text = doc.sentence_text(&doc.sentences[si]);
            let held = vocab
                .0
                .iter()
                .enumerate()
                .filter(|(_, (w, _))| text.contains(w.as_str()));
            held.map(|(k, _)| k).collect()
        })
        .collect();
    let mut spread = vec![0usize; vocab.0.len()];
    found.iter().flatten().for_each(|&k| spread[k] += 1);
    let common = (measures.len() / 10).max(2);
    let pats = element_patterns(e);
    let mut out = Vec::new();
    for (&si, held) in measures.iter().zip(found) {
        if held.len() < 2 || pats.iter().any(|p| hits.of(p).at(si).is_some()) {
            continue;
        }
        let own: Vec<&(String, usize)> = held
            .into_iter()
            .filter(|&k| spread[k] <= common)
            .map(|k| &vocab.0[k])
            .collect();
        let shared = outermost(&own);
        let weight: usize = shared.iter().map(|(_, n)| n).sum();
        if shared.len() >= 2 && weight >= MIN_WEIGHT {
            let words = shared.iter().map(|(w, _)| w.clone()).collect();
            out.push((&doc.sentences[si], (words, weight)));
        }
    }
    out.into_iter()
}

/// The words of `found` not inside another of them: 职责 in 第一责任人职责 adds nothing of
/// its own.
fn outermost<'v>(found: &[&'v (String, usize)]) -> Vec<&'v (String, usize)> {
    let inside = |w: &str| {
        found
            .iter()
            .any(|(o, _)| o.len() > w.len() && o.contains(w))
    };
    found.iter().copied().filter(|(w, _)| !inside(w)).collect()
}

/// A sentence quoted from the original text, cut to [`SHOWN_CHARS`].
fn sentence_quote(doc: &Document, s: &Sentence) -> Quote {
    let line = &doc.lines[s.line];
    let (os, oe) = (line.original_offset(s.start), line.original_offset(s.end));
    let whole = line.text[os..oe].trim();
    let text = match whole.char_indices().nth(SHOWN_CHARS) {
        Some((i, _)) => format!("{}…", &whole[..i]),
        None => whole.to_string(),
    };
    let page = doc.page_at(s.line, os);
    Quote::of(&Evidence {
        text,
        line: s.line + 1,
        paragraph: doc.paragraph_at(s.line, os),
        page: page.map(|p| p.0),
        page_line: page.map(|p| p.1),
        section: doc.section_label(s.section),
        kind: s.kind,
        matched: Vec::new(),
    })
}

/// The best candidates of each element over a corpus.
#[derive(Debug, Clone, Default)]
pub struct Mined {
    /// Per element (pack order): how many sentences were candidates, and the best
    /// `cap`, heaviest first (corpus order among equals).
    pub elements: Vec<(usize, Vec<Candidate>)>,
    cap: usize,
}

impl Mined {
    /// Nothing mined yet, for `elements` elements, keeping `cap` candidates of each.
    pub fn new(elements: usize, cap: usize) -> Mined {
        Mined {
            elements: vec![(0, Vec::new()); elements],
            cap,
        }
    }

    /// Adds one report's candidates.
    pub fn add(&mut self, found: Vec<(usize, Candidate)>) {
        for (i, c) in found {
            let (n, best) = &mut self.elements[i];
            *n += 1;
            let at = best.partition_point(|b| b.weight >= c.weight);
            if at < self.cap {
                best.insert(at, c);
                best.truncate(self.cap);
            }
        }
    }
}
