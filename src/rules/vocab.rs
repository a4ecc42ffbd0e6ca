//! Vocabularies: the words drafters use for one concept (the principal leaders, filing,
//! repeal…), declared once in `pack.yaml` and referenced from any pattern as `@name`.
//!
//! A reference stands for a non-capturing group of the vocabulary's alternatives, so
//! `'@leaders[^。]{0,10}出庭'` reads "any way of naming the principal leaders, then 出庭".
//! References are expanded before a pattern is compiled; a vocabulary may not refer to
//! another (one level keeps the expansion obvious in `lawscore explain`).

use crate::yaml::Value;
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
        if !pattern.contains('@') {
            return Ok(pattern.to_string());
        }
        let mut out = String::with_capacity(pattern.len());
        let mut rest = pattern;
        while let Some(at) = rest.find('@') {
            out.push_str(&rest[..at]);
            let after = &rest[at + 1..];
            let len = after
                .find(|c: char| !is_name_char(c))
                .unwrap_or(after.len());
            if len == 0 || !after.starts_with(|c: char| c.is_ascii_lowercase()) {
                out.push('@');
                rest = after;
                continue;
            }
            let name = &after[..len];
            let group = self.groups.get(name).ok_or_else(|| UnknownVocabulary {
                name: name.to_string(),
                known: self.groups.keys().cloned().collect(),
            })?;
            out.push_str(group);
            rest = &after[len..];
        }
        out.push_str(rest);
        Ok(out)
    }

    /// Expands every string of a condition tree (keys are left alone).
    pub fn expand(&self, v: &Value) -> Result<Value, UnknownVocabulary> {
        Ok(match v {
            Value::String(s) => Value::String(self.expand_str(s)?),
            Value::Sequence(items) => Value::Sequence(
                items
                    .iter()
                    .map(|x| self.expand(x))
                    .collect::<Result<_, _>>()?,
            ),
            Value::Mapping(m) => {
                let mut out = crate::yaml::Mapping::new();
                for (k, x) in m {
                    out.insert(k.clone(), self.expand(x)?);
                }
                Value::Mapping(out)
            }
            other => other.clone(),
        })
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
    }
}
