//! The light and the full regex find what `regex::Regex` finds, for every pattern of the
//! built-in pack over the fixture reports.

use super::{PatternRegex, FULL_AFTER};
use crate::rules::RulePack;
use regex_automata::nfa::thompson::WhichCaptures;

fn parse(source: &str) -> regex_syntax::hir::Hir {
    regex_syntax::Parser::new().parse(source).unwrap()
}

/// The spans `re` finds in `text`, as `regex::Regex` reports them.
fn spans(re: &PatternRegex, text: &str) -> Vec<(usize, usize)> {
    re.find_iter(text).map(|m| (m.start(), m.end())).collect()
}

fn regex_spans(re: &regex::Regex, text: &str) -> Vec<(usize, usize)> {
    re.find_iter(text).map(|m| (m.start(), m.end())).collect()
}

/// `re` searched past [`FULL_AFTER`]: on its full regex, if it has one.
fn upgraded(re: &PatternRegex) -> &PatternRegex {
    for _ in 0..=FULL_AFTER {
        re.is_match("");
    }
    assert!(re.full.get().is_some());
    re
}

#[test]
fn a_regex_gets_its_dfa_once_searched_enough_a_literal_search_never() {
    let gap = PatternRegex::new(&parse("法治[^。]{0,8}政府"), 2 << 20).unwrap();
    assert!(gap.full.get().is_none());
    assert!(upgraded(&gap).full.get().unwrap().is_some());
    let words = PatternRegex::new(&parse("(依法|法治)(行政|政府)"), 2 << 20).unwrap();
    assert!(matches!(words.full.get(), Some(None)));
}

/// What [`is_literal_search`] says of a pattern is what `regex-automata` does: a literal
/// search builds nothing more with the DFAs allowed, any other regex builds them.
#[test]
fn literal_searches_are_told_apart_as_regex_automata_tells_them() {
    let pack = RulePack::builtin().unwrap();
    let mut literal = 0;
    for p in pack.patterns.all() {
        let hir = super::without_groups(p.hir());
        let built = |full| {
            let b = super::builder(2 << 20, WhichCaptures::Implicit, full);
            b.build_from_hir(&hir).unwrap().memory_usage()
        };
        let same = built(false) == built(true);
        assert_eq!(super::is_literal_search(&hir), same, "{}", p.folded());
        literal += usize::from(same);
    }
    assert!(literal > 0);
}

#[test]
fn every_pack_pattern_finds_what_regex_finds_before_and_after_the_upgrade() {
    let pack = RulePack::builtin().unwrap();
    let lines: Vec<String> = crate::builtin_regex::tests::fixture_lines()
        .into_iter()
        .map(|(_, l)| l)
        .filter(|l| !l.trim().is_empty())
        .step_by(7)
        .collect();
    assert!(lines.len() > 100 && pack.patterns.len() > 100);
    for p in pack.patterns.all() {
        let want = regex::Regex::new(p.folded()).unwrap();
        let light = PatternRegex::new(p.hir(), 2 << 20).unwrap();
        let full = PatternRegex::new(p.hir(), 2 << 20).unwrap();
        upgraded(&full);
        for line in &lines {
            let expected = regex_spans(&want, line);
            assert_eq!(
                light.light_spans(line),
                expected,
                "{} in {line}",
                p.folded()
            );
            assert_eq!(spans(&full, line), expected, "{} in {line}", p.folded());
        }
    }
}

impl PatternRegex {
    /// The spans of the light regex, however often it was searched.
    fn light_spans(&self, text: &str) -> Vec<(usize, usize)> {
        self.light
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect()
    }
}

#[test]
fn replacing_matches_as_regex_does_empty_ones_too() {
    for source in ["法治", "[^。]{0,3}", "x*", "(建设|政府)?"] {
        let re = PatternRegex::new(&parse(source), 2 << 20).unwrap();
        let want = regex::Regex::new(source).unwrap();
        for text in ["", "法治政府建设。法治", "无关", "xx法x"] {
            let ours = re.replace_all(text, "|");
            assert_eq!(ours, want.replace_all(text, "|"), "{source} in {text}");
        }
    }
}

#[test]
fn a_named_group_is_read_as_regex_reads_it_and_unnamed_ones_are_not_kept() {
    let source = r"(受理|办理)(?P<value>\d+)件";
    let re = PatternRegex::new(&parse(source), 2 << 20).unwrap();
    let text = "受理12件，办理3件";
    let ours: Vec<_> = re
        .captures_iter(text)
        .map(|c| &text[c.get_group_by_name("value").unwrap().range()])
        .collect();
    assert_eq!(ours, ["12", "3"]);
    let unnamed = PatternRegex::new(&parse(r"(受理|办理)\d+件"), 2 << 20).unwrap();
    let c = unnamed.captures_iter(text).next().unwrap();
    assert_eq!(
        (c.group_len(), c.get_match().map(|m| m.end())),
        (1, Some(11))
    );
}

#[test]
fn a_pattern_past_the_size_limit_is_reported_in_the_words_of_regex() {
    let p = crate::rules::cond::compile_pattern(r"决策\w{3000}目录").unwrap();
    let want = regex::RegexBuilder::new(p.folded())
        .size_limit(2 << 20)
        .build()
        .unwrap_err();
    assert_eq!(p.check().unwrap_err().message, want.to_string());
}
