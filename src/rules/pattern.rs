//! A pattern of the rule language: folded as text is, its syntax checked at load, its
//! regex compiled on first use.

pub use super::matcher::PatternError;
use super::matcher::PatternRegex;
use crate::fold::fold_pattern_traced;
use regex_syntax::hir::Hir;

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// As compiled: the YAML text with `@vocabulary` references expanded.
    pub source: String,
    /// As written in the YAML, references unexpanded.
    pub written: String,
    /// Its YAML path within the element (`met.any[2]`); empty outside elements.
    pub at: String,
    /// Its dense id in the pack's pattern table ([`super::literals::PatternTable`]), shared
    /// by every pattern with the same folded source; [`Pattern::NO_ID`] outside a pack.
    pub id: usize,
    /// The folded source and its regex, compiled on first use.
    lazy: std::sync::Arc<LazyRegex>,
}

/// A folded pattern whose syntax has been checked and whose regex is built on first use:
/// most of what loading a pack cost was compiling regexes a run may never need.
#[derive(Debug)]
struct LazyRegex {
    folded: String,
    /// The folded source as parsed at load: what asks about its syntax (groups, empty
    /// matches, required literals) reads it rather than parsing again.
    hir: Hir,
    re: std::sync::OnceLock<Result<PatternRegex, PatternError>>,
}

impl Pattern {
    /// The id of a pattern that belongs to no pack's table.
    pub const NO_ID: usize = usize::MAX;

    /// The source as the regex sees it: folded as text is.
    pub fn folded(&self) -> &str {
        &self.lazy.folded
    }

    /// The folded source as the regex parser reads it.
    pub fn hir(&self) -> &Hir {
        &self.lazy.hir
    }

    /// Uses `other`'s regex (same folded source), so the pack compiles it once.
    pub(super) fn share_regex(&mut self, other: &Pattern) {
        debug_assert_eq!(self.folded(), other.folded());
        self.lazy = std::sync::Arc::clone(&other.lazy);
    }

    /// True when both are the same prepared regex.
    pub fn same_regex(&self, other: &Pattern) -> bool {
        std::sync::Arc::ptr_eq(&self.lazy, &other.lazy)
    }

    /// True once the regex has been compiled (or found too big to compile).
    pub fn is_compiled(&self) -> bool {
        self.lazy.re.get().is_some()
    }

    /// The compiled regex. Its syntax was checked at load, so this fails only for a regex
    /// too big to compile (the size limit).
    pub fn regex(&self) -> Result<&PatternRegex, &PatternError> {
        self.lazy
            .re
            .get_or_init(|| build(&self.lazy.folded, &self.lazy.hir))
            .as_ref()
    }

    /// Compiles the regex as a long run will (its DFAs too), for `rules check`: the error
    /// of a pattern past the size limit there, where a run would otherwise meet it.
    pub fn check(&self) -> Result<(), PatternError> {
        self.regex().map_err(Clone::clone)?.check()
    }

    /// The compiled regex, for callers that cannot report an error: a pattern too big to
    /// compile stops the run with a message naming it (`rules check` reports every such
    /// pattern with its place in the pack).
    pub fn re(&self) -> &PatternRegex {
        self.regex().unwrap_or_else(|e| {
            let (pattern, at) = (&self.source, &self.at);
            let reason = &e.message;
            panic!(
                "{}",
                crate::msg::t!(
                    "rules.pattern.cannot_compile",
                    pattern = pattern,
                    at = at,
                    reason = reason
                )
            )
        })
    }

    /// True when the pattern has a capture group of this name.
    pub fn has_group(&self, name: &str) -> bool {
        fn walk(h: &regex_syntax::hir::Hir, name: &str) -> bool {
            use regex_syntax::hir::HirKind;
            match h.kind() {
                HirKind::Capture(c) => c.name.as_deref() == Some(name) || walk(&c.sub, name),
                HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().any(|x| walk(x, name)),
                HirKind::Repetition(r) => walk(&r.sub, name),
                _ => false,
            }
        }
        walk(&self.lazy.hir, name)
    }

    /// True when the pattern matches empty text (and so matches everywhere). Decided from
    /// the syntax where it can be, so that loading compiles nothing.
    pub fn matches_empty(&self) -> bool {
        let may = self.lazy.hir.properties().minimum_len() == Some(0);
        may && self.regex().is_ok_and(|re| re.is_match(""))
    }
}

/// Checks one pattern as written by a rule author and prepares it: the syntax is checked
/// now (cheap, and an error has a position), the regex is compiled on first use.
pub fn compile_pattern(source: &str) -> Result<Pattern, PatternError> {
    let (folded, from) = fold_pattern_traced(source);
    let hir = parse(&folded, &from)?;
    Ok(Pattern {
        source: source.to_string(),
        written: source.to_string(),
        at: String::new(),
        id: Pattern::NO_ID,
        lazy: std::sync::Arc::new(LazyRegex {
            folded,
            hir,
            re: std::sync::OnceLock::new(),
        }),
    })
}

/// Compiles a folded pattern whose syntax is known to be valid, once per process.
fn build(folded: &str, hir: &Hir) -> Result<PatternRegex, PatternError> {
    if let Some(re) = compiled_before(folded) {
        return Ok(re);
    }
    let re = PatternRegex::new(hir, SIZE_LIMIT)?;
    remember(folded, &re);
    Ok(re)
}

/// The compiled size a pattern may take (the regex crate's default is 10 MiB).
const SIZE_LIMIT: usize = 2 << 20;

/// Patterns compiled in this process, by folded source. Packs repeat patterns (a
/// vocabulary expanded in many elements, the same wording under several profiles or
/// copied elements), and compiling is most of what using a pattern first costs (~0.2 ms
/// for a `[^。]{0,30}` gap), so each distinct pattern is compiled once per run.
/// A clone shares the compiled program and gets its own search cache, so threads do not
/// contend. Only patterns that compiled are kept: an error is recomputed to be reported.
static COMPILED: std::sync::OnceLock<
    std::sync::Mutex<std::collections::HashMap<String, PatternRegex>>,
> = std::sync::OnceLock::new();

fn compiled_before(folded: &str) -> Option<PatternRegex> {
    let cache = COMPILED.get_or_init(Default::default).lock().ok()?;
    cache.get(folded).cloned()
}

fn remember(folded: &str, re: &PatternRegex) {
    if let Ok(mut cache) = COMPILED.get_or_init(Default::default).lock() {
        cache.insert(folded.to_string(), re.clone());
    }
}

/// The folded pattern parsed, or its syntax error and the byte of the unfolded pattern it
/// is about: the regex crate reports positions only inside its message, its parser keeps
/// them.
fn parse(folded: &str, from: &[usize]) -> Result<Hir, PatternError> {
    let (message, at) = match regex_syntax::Parser::new().parse(folded) {
        Ok(hir) => return Ok(hir),
        Err(regex_syntax::Error::Parse(e)) => (e.kind().to_string(), e.span().start.offset),
        Err(regex_syntax::Error::Translate(e)) => (e.kind().to_string(), e.span().start.offset),
        Err(e) => (e.to_string(), 0),
    };
    Err(PatternError {
        message: in_words(&message),
        offset: Some(from.get(at).copied().unwrap_or(folded.len())),
    })
}

/// The regex parser's message for the usual slips in the user's language; any other as
/// the parser says it.
fn in_words(message: &str) -> String {
    use crate::msg::t;
    let said = match message {
        "unclosed group" => t!("rules.regex.unclosed_group"),
        "unopened group" => t!("rules.regex.unopened_group"),
        "unclosed character class" => t!("rules.regex.unclosed_class"),
        "repetition operator missing expression" => {
            return crate::msg::fill("rules.regex.missing_repeated", &[])
        }
        _ => message,
    };
    said.to_string()
}
