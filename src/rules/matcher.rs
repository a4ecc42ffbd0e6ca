//! The compiled form of a pack pattern, built from the syntax tree parsed at load.
//!
//! A report searches most of its patterns over a handful of candidate sentences, and
//! compiling the regex for the lazy DFA (a forward and a reverse NFA) cost more than all
//! those searches. So a pattern starts with the forward NFA alone, searched by the
//! backtracker or the PikeVM, and gets the full regex once it has been searched often
//! enough for the DFA to pay (a batch). Every engine of `regex-automata` reports the same
//! leftmost-first matches, so the output does not depend on which one ran.
//!
//! Groups nobody reads are dissolved first, so a pattern that is a set of literals
//! (`(法治|依法)行政`) is searched as one, with no NFA at all, and never needs upgrading.

use regex_automata::meta::{self, BuildError, Regex};
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::captures::Captures;
use regex_automata::{Match, MatchKind};
use regex_syntax::hir::Hir;
use std::borrow::Cow;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Searches after which a pattern gets its full regex: a few reports' worth of candidate
/// sentences, past which compiling the DFA costs less than searching without it.
const FULL_AFTER: usize = 8;

/// A pattern's compiled regex: cheap to build, upgraded to the full regex when used a lot.
#[derive(Debug)]
pub struct PatternRegex {
    hir: Hir,
    limit: usize,
    captures: WhichCaptures,
    /// Without the DFAs: built on first use.
    light: Regex,
    /// As `regex::Regex` would build it, once searched [`FULL_AFTER`] times.
    full: OnceLock<Option<Regex>>,
    searched: AtomicUsize,
}

impl Clone for PatternRegex {
    fn clone(&self) -> PatternRegex {
        PatternRegex {
            hir: self.hir.clone(),
            limit: self.limit,
            captures: self.captures,
            light: self.light.clone(),
            full: self.full.clone(),
            searched: AtomicUsize::new(self.searched.load(Ordering::Relaxed)),
        }
    }
}

impl PatternRegex {
    /// The regex of a parsed pattern, its NFA at most `limit` bytes.
    pub fn new(hir: &Hir, limit: usize) -> Result<PatternRegex, PatternError> {
        // Nothing reads an unnamed group, and a group, even unread, keeps the regex from
        // being searched as the literals it is; a named one is read (an indicator's value).
        let (hir, captures) = if has_named_group(hir) {
            (hir.clone(), WhichCaptures::All)
        } else {
            (without_groups(hir), WhichCaptures::Implicit)
        };
        let light = builder(limit, captures, false)
            .build_from_hir(&hir)
            .map_err(|e| size_error(&e))?;
        let full = OnceLock::new();
        if is_literal_search(&hir) {
            let _ = full.set(None);
        }
        Ok(PatternRegex {
            hir,
            limit,
            captures,
            light,
            full,
            searched: AtomicUsize::new(0),
        })
    }

    /// Builds the full regex now, as a run with it would: an error here is one that
    /// `regex::Regex` would have reported (its reverse NFA past the size limit too).
    pub fn check(&self) -> Result<(), PatternError> {
        builder(self.limit, self.captures, true)
            .build_from_hir(&self.hir)
            .map(|_| ())
            .map_err(|e| size_error(&e))
    }

    /// The regex to search with now.
    fn engine(&self) -> &Regex {
        if let Some(full) = self.full.get() {
            return full.as_ref().unwrap_or(&self.light);
        }
        if self.searched.fetch_add(1, Ordering::Relaxed) < FULL_AFTER {
            return &self.light;
        }
        let full = self.full.get_or_init(|| {
            builder(self.limit, self.captures, true)
                .build_from_hir(&self.hir)
                .ok()
        });
        full.as_ref().unwrap_or(&self.light)
    }

    /// True when the pattern matches somewhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.engine().is_match(text)
    }

    /// The successive non-overlapping matches in `text`, as `regex::Regex::find_iter`.
    pub fn find_iter<'r, 'h>(&'r self, text: &'h str) -> impl Iterator<Item = Match> + 'r
    where
        'h: 'r,
    {
        self.engine().find_iter(text)
    }

    /// The capture groups of each successive match, as `regex::Regex::captures_iter`.
    pub fn captures_iter<'r, 'h>(&'r self, text: &'h str) -> impl Iterator<Item = Captures> + 'r
    where
        'h: 'r,
    {
        self.engine().captures_iter(text)
    }

    /// `text` with every match replaced by `with`, taken literally (no `$group`).
    pub fn replace_all<'h>(&self, text: &'h str, with: &str) -> Cow<'h, str> {
        let mut matches = self.find_iter(text).peekable();
        if matches.peek().is_none() {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for m in matches {
            out.push_str(&text[last..m.start()]);
            out.push_str(with);
            last = m.end();
        }
        out.push_str(&text[last..]);
        Cow::Owned(out)
    }
}

/// The meta regex builder `regex::RegexBuilder` configures for a `&str` regex, with the
/// DFAs only when `full`.
fn builder(limit: usize, captures: WhichCaptures, full: bool) -> meta::Builder {
    let config = meta::Config::new()
        .nfa_size_limit(Some(limit))
        .hybrid_cache_capacity(2 * (1 << 20))
        .match_kind(MatchKind::LeftmostFirst)
        .utf8_empty(true)
        .which_captures(captures)
        .hybrid(full)
        .dfa(full);
    let mut b = meta::Builder::new();
    b.configure(config);
    b
}

/// True when `regex-automata` searches `hir` as a set of literals, with no NFA (its rule
/// for a single pattern: exact prefixes, none empty, no group, no assertion): the full
/// regex would be the same search again.
fn is_literal_search(hir: &Hir) -> bool {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let props = hir.properties();
    if props.explicit_captures_len() != 0 || !props.look_set().is_empty() {
        return false;
    }
    let mut prefixes = Extractor::new().kind(ExtractKind::Prefix).extract(hir);
    prefixes.optimize_for_prefix_by_preference();
    prefixes.is_exact()
        && prefixes
            .literals()
            .is_some_and(|l| !l.is_empty() && l.iter().all(|x| !x.is_empty()))
}

/// `h` with its groups dissolved into what they hold: the same matches.
fn without_groups(h: &Hir) -> Hir {
    use regex_syntax::hir::HirKind;
    match h.kind() {
        HirKind::Capture(c) => without_groups(&c.sub),
        HirKind::Concat(v) => Hir::concat(v.iter().map(without_groups).collect()),
        HirKind::Alternation(v) => Hir::alternation(v.iter().map(without_groups).collect()),
        HirKind::Repetition(r) => Hir::repetition(regex_syntax::hir::Repetition {
            min: r.min,
            max: r.max,
            greedy: r.greedy,
            sub: Box::new(without_groups(&r.sub)),
        }),
        _ => h.clone(),
    }
}

/// A regular expression that does not compile: its syntax (found at load, with a place) or
/// its size (found when it is built). Defined with the compiled form that fails so, and
/// named from [`super::pattern`] where patterns are checked.
#[derive(Debug, Clone, PartialEq)]
pub struct PatternError {
    /// What the regex parser says.
    pub message: String,
    /// Byte offset in the pattern of the character the error is about, when known.
    pub offset: Option<usize>,
}

/// The message `regex::Regex` gives, on one line: the syntax was checked at load, so a
/// size limit is all a build can fail on.
fn size_error(e: &BuildError) -> PatternError {
    let message = match e.size_limit() {
        Some(limit) => format!("Compiled regex exceeds size limit of {limit} bytes."),
        None => e.to_string(),
    };
    let message = message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    PatternError {
        message,
        offset: None,
    }
}

fn has_named_group(h: &Hir) -> bool {
    use regex_syntax::hir::HirKind;
    match h.kind() {
        HirKind::Capture(c) => c.name.is_some() || has_named_group(&c.sub),
        HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().any(has_named_group),
        HirKind::Repetition(r) => has_named_group(&r.sub),
        _ => false,
    }
}

#[cfg(test)]
mod tests;
