//! Whether a line is an organ's name, a signature, a signature with its date, or another
//! line of a report's closing (特此报告, 抄送…, the date, 某某印发).
//!
//! Said as regexes these were `^(?:中共|中国共产党)?\p{Han}{1,30}?ENDING$`,
//! `^[\s\p{Han}()（）]{2,40}ENDING\s*$` and the same followed by `\s+DATE\s*$`: a bounded
//! repetition of the Han class compiles to forty copies of its UTF-8 automaton, forwards and
//! backwards, and those three cost more to compile than all the other built-in regexes of
//! the document stage together, in every run. The language is simple enough to decide by
//! hand: every ending ([`ORGAN_ENDING`], a finite set of Han words) is tried as the end of
//! the name, and what stands before it is counted and checked against the same classes the
//! regexes named (taken from the regex parser, so `\s` and `\p{Han}` mean what they meant).
//! The closing line's `.{0,30}(印发|签发)` (thirty copies of the any-character automaton)
//! is likewise counted by hand. The tests hold each check to its regex on every fixture
//! line.

use super::patterns::{DATE_FIGURES, DATE_WRITTEN, ORGAN_ENDING};
use crate::builtin_regex;
use regex_syntax::hir::{literal::Extractor, ClassUnicode, Hir, HirKind};
use std::sync::LazyLock;

/// The words an organ's name may end with, from [`ORGAN_ENDING`].
static ENDINGS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let hir = parse(ORGAN_ENDING);
    let seq = Extractor::new().extract(&hir);
    let words: Option<Vec<String>> = seq.literals().filter(|_| seq.is_exact()).map(|lits| {
        lits.iter()
            .map(|l| String::from_utf8(l.as_bytes().to_vec()).expect("UTF-8 ending"))
            .collect()
    });
    words.expect("ORGAN_ENDING is a finite set of words")
});

/// A character class as the regex parser reads it.
struct Class(ClassUnicode);

impl Class {
    fn of(pattern: &str) -> Class {
        match parse(pattern).into_kind() {
            HirKind::Class(regex_syntax::hir::Class::Unicode(c)) => Class(c),
            other => panic!("{pattern} is not a character class: {other:?}"),
        }
    }

    fn holds(&self, c: char) -> bool {
        let ranges = self.0.ranges();
        let i = ranges.partition_point(|r| r.end() < c);
        ranges.get(i).is_some_and(|r| r.start() <= c)
    }
}

fn parse(pattern: &str) -> Hir {
    regex_syntax::Parser::new()
        .parse(pattern)
        .unwrap_or_else(|e| panic!("{pattern}: {e}"))
}

/// `\s`.
static SPACE: LazyLock<Class> = LazyLock::new(|| Class::of(r"\s"));
/// `\p{Han}`: what an organ's name is written in.
static HAN: LazyLock<Class> = LazyLock::new(|| Class::of(r"\p{Han}"));
/// What a signature's names may hold besides the ending: Han, spaces and brackets.
static SIGNATURE_HEAD: LazyLock<Class> = LazyLock::new(|| Class::of(r"[\s\p{Han}()（）]"));

builtin_regex!(
    /// What follows a signature's names on a signed line: spaces, the date, maybe spaces.
    static DATE_TAIL = format!(r"^\s+(?:{}|{DATE_FIGURES})\s*$", *DATE_WRITTEN);
);

/// True when `head` is `min..=max` characters, each in `class`.
fn fits(head: &str, class: &Class, min: usize, max: usize) -> bool {
    let mut n = 0;
    for c in head.chars() {
        n += 1;
        if n > max || !class.holds(c) {
            return false;
        }
    }
    n >= min
}

/// The heads of `name` before each ending it ends with.
fn heads(name: &str) -> impl Iterator<Item = &str> {
    ENDINGS
        .iter()
        .filter_map(move |e| name.strip_suffix(e.as_str()))
}

/// A whole organ name, as `^(?:中共|中国共产党)?\p{Han}{1,30}?ENDING$` says it.
pub fn is_org(t: &str) -> bool {
    heads(t).any(|head| {
        ["", "中共", "中国共产党"].iter().any(|party| {
            head.strip_prefix(party)
                .is_some_and(|rest| fits(rest, &HAN, 1, 30))
        })
    })
}

/// Names of organs and nothing else, as `^[\s\p{Han}()（）]{2,40}ENDING\s*$` says it. An
/// ending holds no space, so the spaces after it are all the trailing ones.
pub fn is_signature(t: &str) -> bool {
    let name = t.trim_end_matches(|c| SPACE.holds(c));
    signature_name(name)
}

fn signature_name(name: &str) -> bool {
    heads(name).any(|head| fits(head, &SIGNATURE_HEAD, 2, 40))
}

/// A signature with its date on the same line (某某局　　2024年1月18日), as
/// `^[\s\p{Han}()（）]{2,40}ENDING\s+(?:DATE_WRITTEN|DATE_FIGURES)\s*$` says it: the names
/// end wherever an ending is followed by a space, and the rest must be the date.
pub fn is_signed(t: &str) -> bool {
    t.char_indices()
        .any(|(at, c)| SPACE.holds(c) && signature_name(&t[..at]) && DATE_TAIL.is_match(&t[at..]))
}

builtin_regex!(
    /// The words and the date a closing line starts with.
    static CLOSING_HEAD = format!(
        r"^\s*(?:特此报告|此报告|专此报告|附件|抄送|{})",
        *DATE_WRITTEN
    );
);

/// A line of the closing, as `^\s*(特此报告|此报告|专此报告|附件|抄送|DATE_WRITTEN|.{0,30}(印发|签发))`
/// says it: the words or the date at the start, or 印发/签发 starting within thirty
/// characters of the end of the leading spaces (`.` takes spaces too, but no newline;
/// the leading `\s*` may).
pub fn is_closing_line(t: &str) -> bool {
    if CLOSING_HEAD.is_match(t) {
        return true;
    }
    let spaces = t.chars().take_while(|&c| SPACE.holds(c)).count();
    for (k, (at, c)) in t.char_indices().enumerate() {
        if k > spaces + 30 {
            break;
        }
        let rest = &t[at..];
        if rest.starts_with("印发") || rest.starts_with("签发") {
            return true;
        }
        if c == '\n' && k >= spaces {
            break;
        }
    }
    false
}

#[cfg(test)]
mod tests;
