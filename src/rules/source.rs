//! The YAML files of a pack with their position index: where a diagnostic about a YAML
//! path goes.

use super::diag::Diagnostic;
use super::{Element, RulePack};
use crate::yaml::{Pos, Spans};
use std::collections::HashMap;

/// What a diagnostic points at, by YAML path (`elements[2].met.any[1]`).
#[derive(Debug, Clone, Copy)]
pub enum At<'a> {
    /// The key naming the node (a sequence item: its start).
    Key(&'a str),
    /// The node's value.
    Value(&'a str),
    /// Byte `n` of the scalar's decoded text.
    Inside(&'a str, usize),
    /// The file as a whole.
    File,
}

/// One YAML file of a pack.
#[derive(Debug, Clone)]
pub struct Source {
    /// Its name as messages show it (`rules/lead.yaml`).
    pub shown: String,
    /// Its text.
    pub text: String,
    /// Where each node stands (empty when the file could not be indexed).
    pub spans: Spans,
}

/// The path one step up: `a.b[2]` → `a.b`, `a.b` → `a`, `a` → ``.
fn parent(path: &str) -> Option<&str> {
    if path.is_empty() {
        return None;
    }
    let cut = if path.ends_with(']') {
        path.rfind('[')
    } else {
        path.rfind(['.', '['])
    };
    Some(&path[..cut.unwrap_or(0)])
}

impl Source {
    /// A file whose position index is built the first time a diagnostic needs it.
    pub fn new(shown: &str, text: &str) -> Source {
        Source {
            shown: shown.to_string(),
            text: text.to_string(),
            spans: Spans::lazy(text),
        }
    }

    /// Where `at` stands; a path the index lacks (a key with a dot, a file that could
    /// not be indexed) falls back to the nearest enclosing node that it has.
    pub fn pos(&self, at: At) -> Option<Pos> {
        let (path, exact) = match at {
            At::File => return None,
            At::Key(p) => (p, self.spans.key(p)),
            At::Value(p) => (p, self.spans.value_at(p)),
            At::Inside(p, n) => (p, self.spans.inside(p, n)),
        };
        exact.or_else(|| {
            std::iter::successors(parent(path), |p| parent(p))
                .filter(|p| !p.is_empty())
                .find_map(|p| self.spans.key(p))
        })
    }

    /// An error about `at`.
    pub fn error(&self, at: At, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.shown, message).at_pos(&self.text, self.pos(at))
    }

    /// A warning about `at`.
    pub fn warning(&self, at: At, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(&self.shown, message).at_pos(&self.text, self.pos(at))
    }
}

/// Where the examples of a loaded pack stand, for `rules test` to name a failing one's
/// line. Loading keeps no position index (a pack that loads cleanly never needs one), so
/// each file's is built here, the first time one of its examples is asked for.
pub struct Places<'a> {
    files: &'a [(String, String)],
    built: HashMap<&'a str, Spans>,
}

impl RulePack {
    /// Where this pack's examples stand (see [`Places`]).
    pub fn example_places(&self) -> Places<'_> {
        Places {
            files: &self.files,
            built: HashMap::new(),
        }
    }
}

impl Places<'_> {
    /// Where the `text:` of example `k` (0-based) of element `e` stands.
    pub fn example(&mut self, e: &Element, k: usize) -> Option<Pos> {
        // `e.file` is the folder as shown, `/`, then the file's name.
        let name = e.file.rsplit('/').next()?;
        let (name, text) = self.files.iter().find(|(n, _)| n == name)?;
        let spans = self
            .built
            .entry(name.as_str())
            .or_insert_with(|| Spans::lazy(text));
        spans.key(&format!("{}.examples[{k}].text", e.path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parents_step_over_indexes_and_keys() {
        assert_eq!(
            parent("elements[2].met.any[1]"),
            Some("elements[2].met.any")
        );
        assert_eq!(parent("elements[2].met"), Some("elements[2]"));
        assert_eq!(parent("elements[2]"), Some("elements"));
        assert_eq!(parent("elements"), Some(""));
        assert_eq!(parent(""), None);
    }

    #[test]
    fn a_missing_path_falls_back_to_its_nearest_known_ancestor() {
        let text = "profiles:\n  - id: d\n    weights:\n      lead.shufa: 2\n";
        let src = Source {
            shown: "pack.yaml".into(),
            text: text.into(),
            spans: Spans::parse(text).unwrap(),
        };
        let line = |at| src.pos(at).map(|p| (p.line, p.column));
        assert_eq!(
            line(At::Key("profiles[0].weights.lead.shufa")),
            Some((4, 7))
        );
        assert_eq!(line(At::Key("profiles[0].weights.lead.dufa")), Some((3, 5)));
        assert_eq!(line(At::File), None);
    }
}
