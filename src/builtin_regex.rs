//! The crate's own fixed regular expressions, each kept with its source so that one test can
//! check them all.
//!
//! A rule pack's patterns come from its author; these come from us, and they run on every
//! line or sentence of every report. A pattern the lazy DFA cannot handle (a leading
//! `.{0,40}?` window over Chinese text grows states until the cache thrashes) makes
//! `regex` give up on the DFA and redo the search in the PikeVM, tens of times slower, and
//! nothing in the output shows it. So every built-in regex is declared with
//! [`builtin_regex!`], which registers it (in test builds) in [`struct@ALL`], and the test
//! below runs each one under regex-automata's lazy DFA, with the limits `regex` itself
//! uses, over the text of every fixture report and fails if the DFA ever gives up.
//!
//! Adopting it is one line per regex: `static X: LazyLock<Regex> = LazyLock::new(|| …)`
//! becomes `builtin_regex!(static X = …);` and `X` is used as before (it derefs to
//! [`Regex`]).

use regex::Regex;
use std::sync::OnceLock;

/// A built-in regex: compiled on first use, its source kept for the DFA test.
pub struct BuiltinRegex {
    /// Where it is declared (`module::NAME`), for the test's messages.
    name: &'static str,
    /// Builds the pattern text (some are put together from shared pieces with `format!`).
    source: fn() -> String,
    compiled: OnceLock<Regex>,
}

impl BuiltinRegex {
    /// A regex named `name` whose pattern `source` builds; nothing is compiled yet.
    pub const fn new(name: &'static str, source: fn() -> String) -> BuiltinRegex {
        BuiltinRegex {
            name,
            source,
            compiled: OnceLock::new(),
        }
    }

    /// Where the regex is declared (`module::NAME`).
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The pattern text.
    pub fn source(&self) -> String {
        (self.source)()
    }

    /// The compiled regex.
    pub fn regex(&self) -> &Regex {
        self.compiled.get_or_init(|| {
            let source = self.source();
            Regex::new(&source)
                .unwrap_or_else(|e| panic!("built-in regex {} does not compile: {e}", self.name))
        })
    }
}

impl std::ops::Deref for BuiltinRegex {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        self.regex()
    }
}

/// Every regex declared with [`builtin_regex!`] (filled in test builds only: nothing but
/// the DFA test reads it, so release binaries carry no registry).
#[cfg(test)]
#[linkme::distributed_slice]
pub static ALL: [&'static BuiltinRegex];

/// Declares a built-in regex: `builtin_regex!(pub static NAME = "pattern" or a String);`,
/// doc comments and other attributes first. The static derefs to [`Regex`] and compiles on
/// first use; in test builds it is also listed in [`struct@ALL`].
#[macro_export]
macro_rules! builtin_regex {
    ($(#[$attr:meta])* $vis:vis static $name:ident = $source:expr;) => {
        $(#[$attr])*
        $vis static $name: $crate::builtin_regex::BuiltinRegex =
            $crate::builtin_regex::BuiltinRegex::new(
                concat!(module_path!(), "::", stringify!($name)),
                || ::std::string::String::from($source),
            );
        #[cfg(test)]
        const _: () = {
            #[::linkme::distributed_slice($crate::builtin_regex::ALL)]
            #[linkme(crate = ::linkme)]
            static ENTRY: &'static $crate::builtin_regex::BuiltinRegex = &$name;
        };
    };
}

#[cfg(test)]
pub(crate) mod tests;
