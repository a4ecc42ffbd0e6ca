//! Vocabularies: the words drafters use for one concept (the principal leaders, filing,
//! repeal…), declared once in `pack.yaml` and referenced from any pattern as `@name`.
//!
//! A reference stands for a non-capturing group of the vocabulary's alternatives, so
//! `'@leaders[^。]{0,10}出庭'` reads "any way of naming the principal leaders, then 出庭".
//! References are expanded before a pattern is compiled; a vocabulary may not refer to
//! another (one level keeps the expansion obvious in `lawscore explain`).

use std::collections::BTreeMap;

/// The pack's vocabularies, ready to expand references.
#[derive(Debug, Clone, Default)]
pub struct Vocabularies {
    groups: BTreeMap<String, String>,
    /// Name and alternatives as declared, for listing.
    pub declared: Vec<(String, Vec<String>)>,
}

/// A pattern that names a vocabulary the pack does not declare.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownVocabulary {
    /// The name after `@`.
    pub name: String,
    /// Every declared name, for a did-you-mean.
    pub known: Vec<String>,
    /// Byte offset of the `@` in the pattern.
    pub offset: usize,
}

/// A pattern with its references expanded, and where each part of it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Expanded {
    /// The pattern to compile.
    pub text: String,
    /// (start in `text`, start in the pattern as written, whether it is a vocabulary's
    /// group), in order.
    pieces: Vec<(usize, usize, bool)>,
}

impl Expanded {
    /// The byte of the written pattern that byte `at` of [`Expanded::text`] comes from: the
    /// same character outside references, the `@` of the reference inside one.
    pub fn written_offset(&self, at: usize) -> usize {
        match self.pieces.iter().rev().find(|(start, ..)| *start <= at) {
            Some(&(start, written, false)) => written + (at - start),
            Some(&(_, written, true)) => written,
            None => at,
        }
    }
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'
}

impl Vocabularies {
    /// Builds the groups from `pack.yaml`'s `vocabularies:` map.
    pub fn new(defs: &BTreeMap<String, Vec<String>>) -> Vocabularies {
        let groups = defs
            .iter()
            .map(|(name, alts)| (name.clone(), format!("(?:{})", alts.join("|"))))
            .collect();
        Vocabularies {
            groups,
            declared: defs.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        }
    }

    /// Expands every `@name` of one pattern (a name starts with a lowercase ASCII letter);
    /// any other `@` is left as it is.
    pub fn expand_str(&self, pattern: &str) -> Result<String, UnknownVocabulary> {
        self.expand(pattern).map(|e| e.text)
    }

    /// [`Vocabularies::expand_str`], keeping track of where each part was written.
    pub fn expand(&self, pattern: &str) -> Result<Expanded, UnknownVocabulary> {
        let mut out = Expanded {
            text: String::with_capacity(pattern.len()),
            pieces: vec![(0, 0, false)],
        };
        let mut from = 0;
        while let Some(at) = pattern[from..].find('@').map(|i| from + i) {
            let after = &pattern[at + 1..];
            let len = after
                .find(|c: char| !is_name_char(c))
                .unwrap_or(after.len());
            if len == 0 || !after.starts_with(|c: char| c.is_ascii_lowercase()) {
                out.text.push_str(&pattern[from..=at]);
                from = at + 1;
                continue;
            }
            out.text.push_str(&pattern[from..at]);
            let name = &after[..len];
            let group = self.groups.get(name).ok_or_else(|| UnknownVocabulary {
                name: name.to_string(),
                known: self.groups.keys().cloned().collect(),
                offset: at,
            })?;
            out.pieces.push((out.text.len(), at, true));
            out.text.push_str(group);
            from = at + 1 + len;
            out.pieces.push((out.text.len(), from, false));
        }
        out.text.push_str(&pattern[from..]);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocabularies {
        let mut d = BTreeMap::new();
        d.insert(
            "leaders".to_string(),
            vec!["局长".to_string(), "主要负责(人|同志)".to_string()],
        );
        Vocabularies::new(&d)
    }

    #[test]
    fn expands_references_into_groups() {
        assert_eq!(
            vocab().expand_str("@leaders[^。]{0,10}出庭").unwrap(),
            "(?:局长|主要负责(人|同志))[^。]{0,10}出庭"
        );
        assert_eq!(vocab().expand_str("邮箱@163").unwrap(), "邮箱@163");
        assert_eq!(vocab().expand_str("无引用").unwrap(), "无引用");
    }

    #[test]
    fn unknown_names_are_reported() {
        let e = vocab().expand_str("@leader出庭").unwrap_err();
        assert_eq!(e.name, "leader");
        assert_eq!(e.known, vec!["leaders".to_string()]);
        assert_eq!(e.offset, 0);
    }

    #[test]
    fn expanded_offsets_lead_back_to_the_written_pattern() {
        let written = "(领导@leaders出庭";
        let e = vocab().expand(written).unwrap();
        let at = |s: &str| e.text.find(s).unwrap();
        assert_eq!(e.written_offset(at("(领导")), 0);
        assert_eq!(e.written_offset(at("局长")), written.find('@').unwrap());
        assert_eq!(e.written_offset(at("出庭")), written.find("出庭").unwrap());
    }
}
