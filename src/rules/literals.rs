//! The pack's patterns by dense id, and what lets a report be searched for all of them in
//! one pass: a multi-pattern prefilter of the literals each pattern's matches must contain,
//! and the negation words, each in one Aho-Corasick automaton built once per pack.

use super::cond::{Cond, Pattern};
use super::diag::Diagnostic;
use super::{Element, IndicatorRule, Negation, RulePack};
use crate::msg::t;
use aho_corasick::automaton::Automaton;
use aho_corasick::{dfa::DFA, AhoCorasick, Anchored};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Every distinct pattern of a pack's elements (by folded source), by id, with the
/// automata built from them on first use.
#[derive(Debug, Clone, Default)]
pub struct PatternTable {
    patterns: Vec<Pattern>,
    /// Where each pattern is first used (`rules/x.yaml element a.b met.any[1]`), for errors.
    origins: Vec<String>,
    filters: OnceLock<Filters>,
}

/// The automata a report is searched with, built once per pack.
#[derive(Debug, Clone)]
pub struct Filters {
    /// The literals of every pattern.
    pub prefilter: Prefilter,
    /// The negation words, to pass over clauses that hold none.
    negation_words: Option<AhoCorasick>,
}

/// One automaton over the literals that every match of a pattern must contain. A pattern
/// may need several sets (述职…法治政府 needs one of {述职} and one of {法治建设, 法治政府}):
/// it is a candidate where a literal of each set occurs.
#[derive(Debug)]
pub struct Prefilter {
    ac: Option<AhoCorasick>,
    /// The literals of `ac`, by its pattern ids, for the DFA built from them.
    literals: Vec<Vec<u8>>,
    /// The same automaton as a DFA, built once enough texts were searched: several
    /// times faster to walk, but its build would double the cost of scoring one report.
    dfa: OnceLock<Option<DFA>>,
    /// Texts searched so far, to know when the DFA pays.
    searched: AtomicUsize,
    /// For each literal of the automaton, the (pattern id, set bit) pairs that it serves.
    owners: Vec<Vec<(usize, u8)>>,
    /// For each pattern, the bits of all its sets.
    full: Vec<u8>,
    /// Patterns with no usable literal: a candidate in every sentence.
    always: Vec<usize>,
}

/// The working memory of [`Prefilter::candidates`], kept between sentences.
#[derive(Debug, Clone, Default)]
pub struct Scratch {
    seen: Vec<u8>,
    touched: Vec<usize>,
}

/// At most this many literal sets are kept per pattern (the rarest ones).
const MAX_SETS: usize = 8;

impl PatternTable {
    /// Gives every pattern of `elements` and every pattern of `indicators` (their figure
    /// patterns, not their look-alikes) its id, the same for patterns with the same folded
    /// source, which also share one lazily compiled regex.
    pub fn assign(elements: &mut [Element], indicators: &mut [IndicatorRule]) -> PatternTable {
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut origins: Vec<String> = Vec::new();
        let mut ids: HashMap<String, usize> = HashMap::new();
        let conds = elements.iter_mut().flat_map(|e| {
            let place = format!("{} element {}", e.file, e.id);
            let conds = std::iter::once(&mut e.met).chain(e.partial.as_mut());
            conds
                .flat_map(Cond::patterns_mut)
                .map(move |p| (format!("{place} {}", p.at), p))
        });
        let figures = indicators.iter_mut().flat_map(|i| {
            let place = format!("pack.yaml indicator {}", i.def.id);
            i.patterns.iter_mut().map(move |(p, _)| (place.clone(), p))
        });
        for (origin, p) in conds.chain(figures) {
            let id = *ids.entry(p.folded().to_string()).or_insert_with(|| {
                patterns.push(p.clone());
                origins.push(origin);
                patterns.len() - 1
            });
            p.share_regex(&patterns[id]);
            p.id = id;
        }
        for (id, p) in patterns.iter_mut().enumerate() {
            p.id = id;
        }
        PatternTable {
            patterns,
            origins,
            filters: OnceLock::new(),
        }
    }

    /// The distinct patterns, by id.
    pub fn all(&self) -> &[Pattern] {
        &self.patterns
    }

    /// How many distinct patterns there are.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// True when the pack's elements have no pattern.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Where the pattern of this id is first used, for messages.
    pub fn origin(&self, id: usize) -> &str {
        self.origins.get(id).map_or("", String::as_str)
    }

    /// True when `p` is the table's pattern of its id (not one made outside the pack).
    pub fn holds(&self, p: &Pattern) -> bool {
        self.patterns.get(p.id).is_some_and(|q| q.same_regex(p))
    }
}

impl RulePack {
    /// The automata for scoring with this pack, built on first use.
    pub fn filters(&self) -> &Filters {
        self.patterns.filters.get_or_init(|| Filters {
            prefilter: Prefilter::new(&self.patterns.patterns),
            negation_words: words_automaton(&self.negation),
        })
    }
}

fn words_automaton(neg: &Negation) -> Option<AhoCorasick> {
    if neg.words.is_empty() {
        return None;
    }
    Some(AhoCorasick::new(&neg.words).expect("negation words automaton"))
}

impl Filters {
    /// False when `clause` holds none of the negation words, so no negation check can hold.
    pub fn may_negate(&self, clause: &str) -> bool {
        self.negation_words
            .as_ref()
            .is_some_and(|ac| ac.is_match(clause))
    }
}

impl Prefilter {
    /// The prefilter of `patterns` (indexed by id).
    pub fn new(patterns: &[Pattern]) -> Prefilter {
        let mut literal_ids: HashMap<Vec<u8>, usize> = HashMap::new();
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut owners: Vec<Vec<(usize, u8)>> = Vec::new();
        let mut full = vec![0u8; patterns.len()];
        let mut always = Vec::new();
        for (id, p) in patterns.iter().enumerate() {
            let sets = required_sets_in(p.hir());
            if sets.is_empty() {
                always.push(id);
                continue;
            }
            for (k, set) in sets.into_iter().enumerate() {
                let bit = 1u8 << k;
                full[id] |= bit;
                for lit in set {
                    let n = *literal_ids.entry(lit.clone()).or_insert_with(|| {
                        literals.push(lit);
                        owners.push(Vec::new());
                        owners.len() - 1
                    });
                    owners[n].push((id, bit));
                }
            }
        }
        let ac = (!literals.is_empty())
            .then(|| AhoCorasick::new(&literals).expect("prefilter automaton"));
        Prefilter {
            ac,
            literals,
            dfa: OnceLock::new(),
            searched: AtomicUsize::new(0),
            owners,
            full,
            always,
        }
    }

    /// Calls `f` once with the id of each pattern that may match in `text`: those with a
    /// literal of each of their sets in it, and those that have none.
    pub fn candidates(&self, text: &str, scratch: &mut Scratch, mut f: impl FnMut(usize)) {
        self.always.iter().for_each(|&id| f(id));
        let Some(ac) = &self.ac else { return };
        scratch.seen.resize(self.full.len(), 0);
        let mut saw = |literal: usize| {
            for &(id, bit) in &self.owners[literal] {
                let seen = &mut scratch.seen[id];
                if *seen == 0 {
                    scratch.touched.push(id);
                }
                *seen |= bit;
            }
        };
        match self.fast() {
            Some(dfa) => walk(dfa, text.as_bytes(), saw),
            None => ac
                .find_overlapping_iter(text)
                .for_each(|m| saw(m.pattern().as_usize())),
        }
        scratch.touched.sort_unstable();
        for id in scratch.touched.drain(..) {
            if std::mem::take(&mut scratch.seen[id]) == self.full[id] {
                f(id);
            }
        }
    }

    /// The DFA, once this many texts (sentences) were searched — a few reports' worth —
    /// so that scoring one report never waits for it.
    fn fast(&self) -> Option<&DFA> {
        const DFA_AFTER: usize = 20_000;
        if let Some(dfa) = self.dfa.get() {
            return dfa.as_ref();
        }
        if self.searched.fetch_add(1, Ordering::Relaxed) < DFA_AFTER {
            return None;
        }
        // Too big a DFA (a pack with very many literals) keeps the automaton.
        self.dfa
            .get_or_init(|| DFA::new(&self.literals).ok())
            .as_ref()
    }

    /// Searches `text` with the DFA from now on, as [`Prefilter::candidates`] does after
    /// a few reports, for tests that compare the two.
    #[cfg(test)]
    pub(crate) fn force_dfa(&self) {
        self.searched.store(usize::MAX / 2, Ordering::Relaxed);
    }

    /// True once the DFA searches.
    #[cfg(test)]
    pub(crate) fn uses_dfa(&self) -> bool {
        self.dfa.get().is_some_and(Option::is_some)
    }

    /// How many patterns it was built for.
    pub fn len(&self) -> usize {
        self.full.len()
    }

    /// True when it was built for no pattern.
    pub fn is_empty(&self) -> bool {
        self.full.is_empty()
    }
}

/// Calls `saw` with the id of every occurrence of a literal of `dfa` in `hay`, overlapping
/// ones included: what `find_overlapping_iter` reports, without its cost per match.
fn walk(dfa: &DFA, hay: &[u8], mut saw: impl FnMut(usize)) {
    let Ok(mut sid) = dfa.start_state(Anchored::No) else {
        return;
    };
    for &b in hay {
        sid = dfa.next_state(Anchored::No, sid, b);
        if dfa.is_special(sid) && dfa.is_match(sid) {
            for i in 0..dfa.match_len(sid) {
                saw(dfa.match_pattern(sid, i).as_usize());
            }
        }
    }
}

impl Clone for Prefilter {
    fn clone(&self) -> Prefilter {
        Prefilter {
            ac: self.ac.clone(),
            literals: self.literals.clone(),
            dfa: self.dfa.clone(),
            searched: AtomicUsize::new(self.searched.load(Ordering::Relaxed)),
            owners: self.owners.clone(),
            full: self.full.clone(),
            always: self.always.clone(),
        }
    }
}

/// Literals one of which every match of the folded pattern contains, or `None` when no
/// useful set is known (the pattern is then searched everywhere).
pub fn required_literals(folded: &str) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::Parser::new().parse(folded).ok()?;
    required(&hir)
}

/// Sets of literals such that every match of the folded pattern contains one literal of
/// each set; empty when none is known. At most [`MAX_SETS`], the rarest first.
pub fn required_sets(folded: &str) -> Vec<Vec<Vec<u8>>> {
    match regex_syntax::Parser::new().parse(folded) {
        Ok(hir) => required_sets_in(&hir),
        Err(_) => Vec::new(),
    }
}

/// [`required_sets`] of a pattern already parsed.
pub fn required_sets_in(hir: &Hir) -> Vec<Vec<Vec<u8>>> {
    let mut sets: Vec<Vec<Vec<u8>>> = Vec::new();
    for set in all_required(hir) {
        if !sets.contains(&set) {
            sets.push(set);
        }
    }
    sets.sort_by_cached_key(|s| std::cmp::Reverse(quality(&Some(s.clone()))));
    sets.truncate(MAX_SETS);
    sets
}

/// Every set `hir` requires: a concatenation requires what each of its parts does.
fn all_required(hir: &Hir) -> Vec<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Capture(c) => all_required(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => all_required(&r.sub),
        HirKind::Concat(parts) => {
            let mut sets: Vec<Vec<Vec<u8>>> = parts.iter().flat_map(all_required).collect();
            sets.extend(prefixes(hir));
            sets
        }
        _ => required(hir).into_iter().collect(),
    }
}

/// The best literal set of `hir`: its own prefixes, or — since every match of a
/// concatenation contains a match of each part — the best set of one part; an
/// alternation needs a set for every branch.
fn required(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let mut best = prefixes(hir);
    let mut consider = |c: Option<Vec<Vec<u8>>>| {
        if quality(&c) > quality(&best) {
            best = c;
        }
    };
    match hir.kind() {
        HirKind::Capture(c) => consider(required(&c.sub)),
        HirKind::Repetition(r) if r.min >= 1 => consider(required(&r.sub)),
        HirKind::Concat(parts) => parts.iter().for_each(|x| consider(required(x))),
        HirKind::Alternation(branches) => {
            let all: Option<Vec<Vec<Vec<u8>>>> = branches.iter().map(required).collect();
            let union: Option<Vec<Vec<u8>>> = all.map(|v| v.concat());
            consider(union.filter(|u| u.len() <= MAX_LITERALS));
        }
        _ => {}
    }
    best
}

/// More literals than this make a set not worth its automaton states.
const MAX_LITERALS: usize = 400;

/// Every match of `hir` starts with one of these (possibly inexact) literals.
fn prefixes(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let seq = Extractor::new().kind(ExtractKind::Prefix).extract(hir);
    let lits = seq.literals()?;
    if lits.is_empty() || lits.iter().any(|l| l.is_empty()) {
        return None;
    }
    Some(lits.iter().map(|l| l.as_bytes().to_vec()).collect())
}

/// Longer shortest literal first (rarer), then fewer literals.
fn quality(set: &Option<Vec<Vec<u8>>>) -> (usize, std::cmp::Reverse<usize>) {
    match set {
        None => (0, std::cmp::Reverse(usize::MAX)),
        Some(v) => (
            v.iter().map(Vec::len).min().unwrap_or(0),
            std::cmp::Reverse(v.len()),
        ),
    }
}

impl RulePack {
    /// Compiles every regex of the pack and reports each that is too big to compile (its
    /// syntax was checked at load, which compiles nothing), with the element and YAML path
    /// it stands at. `rules check` calls it, so a pack that loads but cannot score fails
    /// there rather than in the middle of a run.
    pub fn compile_errors(&self) -> Vec<Diagnostic> {
        let pack_file = self
            .elements
            .first()
            .and_then(|e| e.file.rsplit_once('/'))
            .map_or("pack.yaml".to_string(), |(dir, _)| {
                format!("{dir}/pack.yaml")
            });
        let mut out = Vec::new();
        let mut check = |file: &str, place: String, p: &Pattern| {
            if let Err(e) = p.check() {
                let reason = t!(
                    "rules.compile.too_big",
                    pattern = p.source,
                    reason = e.message
                );
                let message = super::diag::about(place, reason);
                let help = crate::msg::fill("rules.compile.too_big_help", &[]);
                out.push(Diagnostic::error(file, message).help(Some(help)));
            }
        };
        for e in &self.elements {
            let conds = std::iter::once(&e.met).chain(e.partial.as_ref());
            for p in conds.flat_map(|c| c.patterns()) {
                let what = t!("rules.what.element", id = e.id);
                check(&e.file, super::diag::about(what, &p.at), p);
            }
        }
        for (t, pats) in &self.topics {
            pats.iter()
                .for_each(|p| check(&pack_file, t!("rules.what.topic", name = t), p));
        }
        for p in &self.stock_phrases {
            check(
                &pack_file,
                t!("rules.what.vocabulary", name = super::facts::STOCK_PHRASES),
                p,
            );
        }
        for ind in &self.indicators {
            let pats = ind.patterns.iter().map(|(p, _)| p).chain(&ind.except);
            let what = t!("rules.what.indicator", id = ind.def.id);
            pats.for_each(|p| check(&pack_file, what.clone(), p));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lits(p: &str) -> Option<Vec<String>> {
        let v = required_literals(&crate::fold::fold_pattern(p))?;
        let mut s: Vec<String> = v
            .into_iter()
            .map(|l| String::from_utf8_lossy(&l).into_owned())
            .collect();
        s.sort();
        Some(s)
    }

    #[test]
    fn a_gap_before_the_words_leaves_the_words_required() {
        assert_eq!(lits("[^。]{0,30}述法"), Some(vec!["述法".to_string()]));
        assert_eq!(
            lits("(述职|报告)[^。]{0,10}法治"),
            Some(vec!["法治".to_string()])
        );
        assert_eq!(
            lits("(述职|报告)[^。]{0,10}[法治]"),
            Some(vec!["报告".into(), "述职".into()])
        );
    }

    #[test]
    fn every_part_of_a_sequence_is_required() {
        let sets = required_sets(&crate::fold::fold_pattern(
            "述职[^。]{0,6}(法治建设|法治政府)",
        ));
        let shown: Vec<Vec<String>> = sets
            .iter()
            .map(|s| {
                s.iter()
                    .map(|l| String::from_utf8_lossy(l).into_owned())
                    .collect()
            })
            .collect();
        assert!(shown.contains(&vec!["述职".to_string()]), "{shown:?}");
        assert!(
            shown.contains(&vec!["法治建设".to_string(), "法治政府".to_string()]),
            "{shown:?}"
        );
        assert!(required_sets("[^。]{2,}").is_empty());
    }

    #[test]
    fn patterns_that_can_match_anything_have_no_literals() {
        assert_eq!(lits("[^。]{2,}"), None);
        assert_eq!(lits("a?"), None);
        assert_eq!(lits("(甲|.{2})乙?"), None);
    }

    /// What building the built-in pack's prefilter costs, and how much of it is the
    /// automaton: `cargo test --release --lib prefilter_cost -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn prefilter_cost() {
        let pack = RulePack::builtin().unwrap();
        let patterns = pack.patterns.all();
        let t = std::time::Instant::now();
        let sets: Vec<_> = patterns.iter().map(|p| required_sets_in(p.hir())).collect();
        let extract = t.elapsed();
        let mut lits: Vec<Vec<u8>> = sets.into_iter().flatten().flatten().collect();
        lits.sort();
        lits.dedup();
        let t = std::time::Instant::now();
        let _ = Prefilter::new(patterns);
        let all = t.elapsed();
        use aho_corasick::{AhoCorasickKind as K, StartKind};
        for kind in [
            None,
            Some(K::NoncontiguousNFA),
            Some(K::ContiguousNFA),
            Some(K::DFA),
        ] {
            let t = std::time::Instant::now();
            let _ = AhoCorasick::builder().kind(kind).build(&lits).unwrap();
            let t1 = t.elapsed();
            let t = std::time::Instant::now();
            let _ = AhoCorasick::builder()
                .kind(kind)
                .start_kind(StartKind::Unanchored)
                .build(&lits)
                .unwrap();
            println!("{kind:?}: {t1:?} (unanchored only {:?})", t.elapsed());
        }
        let words = AhoCorasick::new(&pack.negation.words).unwrap();
        println!(
            "{} patterns, {} literals: extract {extract:?}, Prefilter::new {all:?}; negation words {} ({:?})",
            patterns.len(),
            lits.len(),
            pack.negation.words.len(),
            words.kind()
        );
    }
}
