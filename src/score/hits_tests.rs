//! One pass per report: counted, not timed.

use super::*;
use crate::document::Document;
use proptest::prelude::*;
use std::collections::HashSet;
use std::sync::LazyLock;

static PACK: LazyLock<RulePack> = LazyLock::new(|| RulePack::builtin().unwrap());

/// The fixture reports' texts.
fn fixtures() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/reports");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 3, "fixtures in {dir}");
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

fn source() -> crate::model::scorecard::Source {
    crate::model::scorecard::Source {
        path: "t.txt".into(),
        format: crate::model::scorecard::Format::Txt,
        encoding: "utf-8".into(),
        chars: 0,
        sha256: String::new(),
        pages: None,
    }
}

/// Each (pattern, sentence) a regex ran over in `index`, at most once each.
fn assert_once(index: &HitIndex) {
    let log = index.log();
    let distinct: HashSet<_> = log.iter().collect();
    assert_eq!(
        distinct.len(),
        log.len(),
        "a pattern ran twice on a sentence"
    );
}

#[test]
fn each_pattern_runs_at_most_once_per_sentence_per_report() {
    let pack = &*PACK;
    for text in fixtures().iter().take(4) {
        let doc = Document::parse(text);
        let index = HitIndex::new(&doc, pack);
        // Every profile scores every element again: the searches are shared.
        let mut cards = Vec::new();
        for profile in &pack.profiles {
            cards.push(super::super::score_with(&index, pack, profile, source()));
        }
        let after_first = index.searches();
        assert!(after_first > 0);
        let again = super::super::score_with(&index, pack, &pack.profiles[0], source());
        assert_eq!(
            index.searches(),
            after_first,
            "a second scoring searched again"
        );
        assert_eq!(
            serde_json::to_string(&again).unwrap(),
            serde_json::to_string(&cards[0]).unwrap()
        );
        assert_once(&index);
        if let Some(t) = index.title() {
            assert_once(t);
        }
        // The prefilter leaves most (pattern, sentence) pairs unsearched.
        let pairs = pack.patterns.len() * doc.sentences.len();
        assert!(
            index.log().len() * 4 < pairs,
            "{} of {pairs}",
            index.log().len()
        );
    }
}

#[test]
fn a_hit_index_gives_the_same_card_as_searching_every_sentence() {
    // A pack whose table is empty makes every pattern a stray, searched everywhere.
    let mut bare = PACK.clone();
    bare.patterns = Default::default();
    for text in fixtures().iter().take(3) {
        let doc = Document::parse(text);
        let p = &PACK.profiles[0];
        let fast = super::super::score(&doc, &PACK, p, source());
        let slow = super::super::score(&doc, &bare, p, source());
        assert_eq!(
            serde_json::to_string(&fast).unwrap(),
            serde_json::to_string(&slow).unwrap()
        );
    }
}

/// The fixtures' folded sentences, to build random text from.
static SENTENCES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut out = Vec::new();
    for text in fixtures() {
        let doc = Document::parse(&text);
        out.extend(
            doc.sentences
                .iter()
                .map(|s| doc.sentence_text(s).to_string()),
        );
    }
    out
});

/// Text made of pieces of fixture sentences: `(sentence, from, chars)` each.
fn text_of(pieces: &[(usize, usize, usize)]) -> String {
    let all = &*SENTENCES;
    pieces
        .iter()
        .map(|&(s, from, n)| {
            let s = &all[s % all.len()];
            let len = s.chars().count().max(1);
            s.chars().skip(from % len).take(n).collect::<String>()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Wherever a built-in pattern's regex finds a non-empty match, the prefilter lets it
    /// be searched.
    #[test]
    fn the_prefilter_never_drops_a_match(
        pieces in prop::collection::vec((0usize..100_000, 0usize..400, 1usize..80), 1..6)
    ) {
        let text = text_of(&pieces);
        let pre = &PACK.filters().prefilter;
        let mut allowed = HashSet::new();
        pre.candidates(&text, &mut Default::default(), |id| { allowed.insert(id); });
        for p in PACK.patterns.all() {
            let hit = p.re().find_iter(&text).any(|m| m.start() < m.end());
            prop_assert!(!hit || allowed.contains(&p.id), "{} in {text:?}", p.folded());
        }
    }
}

#[test]
fn the_prefilter_passes_every_matching_fixture_sentence() {
    let pre = &PACK.filters().prefilter;
    let mut scratch = Default::default();
    let mut checked = 0;
    for s in SENTENCES.iter() {
        let mut allowed = HashSet::new();
        pre.candidates(s, &mut scratch, |id| {
            allowed.insert(id);
        });
        for p in PACK.patterns.all() {
            if p.re().find_iter(s).any(|m| m.start() < m.end()) {
                assert!(allowed.contains(&p.id), "{} in {s:?}", p.folded());
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "{checked}");
}

#[test]
fn sentences_no_condition_asks_about_are_left_unsearched() {
    let pack = &*PACK;
    let (mut searched, mut candidates) = (0, 0);
    for text in fixtures() {
        let doc = Document::parse(&text);
        let index = HitIndex::new(&doc, pack);
        super::super::score_with(&index, pack, &pack.profiles[0], source());
        searched += index.searches.get();
        candidates += index.pairs.len();
        // Reading every pattern whole afterwards searches only what was left, and finds
        // in each sentence what the conditions found there.
        for p in pack.patterns.all() {
            let lazy = index.lazy(p);
            let whole = index.of(p);
            let asked: Vec<usize> = (0..doc.sentences.len())
                .filter(|&si| lazy.at(si).is_some())
                .collect();
            assert_eq!(whole.sentences, asked, "{}", p.folded());
        }
        assert_once(&index);
    }
    assert!(searched < candidates, "{searched} of {candidates}");
}

/// Each sentence's candidate patterns, as `pack`'s prefilter names them now.
fn candidates_of(pack: &RulePack, docs: &[Document]) -> Vec<Vec<usize>> {
    let prefilter = &pack.filters().prefilter;
    let mut scratch = crate::rules::literals::Scratch::default();
    let sentences = docs
        .iter()
        .flat_map(|d| d.sentences.iter().map(move |s| d.sentence_text(s)));
    sentences
        .map(|text| {
            let mut ids = Vec::new();
            prefilter.candidates(text, &mut scratch, |id| ids.push(id));
            ids
        })
        .collect()
}

#[test]
fn the_dfa_a_long_run_switches_to_names_the_same_candidates() {
    // A pack of its own: the switch is for the whole pack, and other tests share PACK.
    let pack = RulePack::builtin().unwrap();
    let docs: Vec<Document> = fixtures().iter().map(|t| Document::parse(t)).collect();
    let before = candidates_of(&pack, &docs);
    assert!(
        !pack.filters().prefilter.uses_dfa(),
        "scoring a few reports must not wait for the DFA"
    );
    pack.filters().prefilter.force_dfa();
    let after = candidates_of(&pack, &docs);
    assert!(pack.filters().prefilter.uses_dfa());
    assert_eq!(before, after);
    assert!(before.iter().map(Vec::len).sum::<usize>() > 1000);
}
