//! Issuer names as a key: the same body written with or without spaces, full-width or
//! traditional forms, or under another name the aliases file lists.
//!
//! Nothing is guessed: 蓟州区人民政府 and 天津市蓟州区人民政府 are one issuer only when the
//! aliases file says so, since a dropped prefix can as well name another body (two
//! provinces each have a 城关镇).

use std::collections::HashMap;
use std::path::Path;

use crate::msg::t;
use crate::yaml::Value;

/// The key of an issuer's name: folded, then only its letters and digits (spaces,
/// punctuation and brackets dropped).
pub fn normalise(name: &str) -> String {
    crate::fold::fold(name)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The aliases file: each alias's key → the canonical name, as written there.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    canonical: HashMap<String, String>,
}

impl Aliases {
    /// No aliases: every name is its own issuer.
    pub fn none() -> Aliases {
        Aliases::default()
    }

    /// Reads an aliases file (YAML: canonical name → list of aliases). The error names the
    /// file and says what to fix.
    pub fn load(path: &Path) -> Result<Aliases, String> {
        let shown = path.display();
        let text = std::fs::read_to_string(path).map_err(|e| {
            t!(
                "history.aliases.unreadable",
                path = shown,
                why = crate::ingest::io_reason(&e)
            )
        })?;
        Aliases::parse(&text).map_err(|why| t!("history.aliases.invalid", path = shown, why = why))
    }

    /// Reads the text of an aliases file; the error says what is wrong, without the file.
    pub fn parse(text: &str) -> Result<Aliases, String> {
        let value: Value = crate::yaml::from_str(text).map_err(|e| match e.line {
            Some(line) => t!("history.aliases.yaml_at", line = line, why = e.message),
            None => e.message,
        })?;
        let map = match value {
            Value::Null => return Ok(Aliases::none()),
            Value::Mapping(m) => m,
            _ => return Err(t!("history.aliases.not_a_map").into()),
        };
        let mut aliases = Aliases::none();
        for (name, listed) in map {
            let Value::String(name) = name else {
                return Err(t!("history.aliases.not_a_map").into());
            };
            let listed = match listed {
                Value::String(s) => vec![Value::String(s)],
                Value::Sequence(v) => v,
                Value::Null => Vec::new(),
                _ => return Err(t!("history.aliases.not_a_list", name = name)),
            };
            aliases.add(&name, &name)?;
            for alias in listed {
                let Value::String(alias) = alias else {
                    return Err(t!("history.aliases.not_a_list", name = name));
                };
                aliases.add(&alias, &name)?;
            }
        }
        Ok(aliases)
    }

    /// Maps `alias` to `name`; an alias claimed by two names is an error.
    fn add(&mut self, alias: &str, name: &str) -> Result<(), String> {
        let key = normalise(alias);
        if key.is_empty() {
            return Err(t!("history.aliases.empty", name = name));
        }
        match self.canonical.get(&key) {
            Some(other) if normalise(other) != normalise(name) => Err(t!(
                "history.aliases.twice",
                alias = alias,
                first = other,
                second = name
            )),
            _ => {
                self.canonical.insert(key, name.to_string());
                Ok(())
            }
        }
    }

    /// The canonical name `name` is an alias of, as the file writes it.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        self.canonical.get(&normalise(name)).map(String::as_str)
    }

    /// The key reports of `name` are grouped under: the canonical name's, when the file
    /// lists it.
    pub fn key(&self, name: &str) -> String {
        match self.canonical(name) {
            Some(c) => normalise(c),
            None => normalise(name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_differing_in_spaces_width_and_marks_share_a_key() {
        assert_eq!(
            normalise("中共沅川市委 沅川市人民政府"),
            normalise("中共沅川市委沅川市人民政府")
        );
        assert_eq!(normalise("（梧川县）人民政府"), normalise("梧川县人民政府"));
        assert_ne!(
            normalise("蓟州区人民政府"),
            normalise("天津市蓟州区人民政府")
        );
    }

    #[test]
    fn an_alias_maps_to_its_canonical_name_and_only_through_the_file() {
        let a = Aliases::parse("天津市蓟州区人民政府: [蓟州区人民政府, 蓟州区政府]\n").unwrap();
        assert_eq!(a.key("蓟州区 人民政府"), a.key("天津市蓟州区人民政府"));
        assert_eq!(a.canonical("蓟州区政府"), Some("天津市蓟州区人民政府"));
        assert_eq!(a.canonical("和平区人民政府"), None);
    }

    #[test]
    fn an_alias_under_two_names_or_a_bad_shape_is_refused() {
        assert!(Aliases::parse("甲县人民政府: [县政府]\n乙县人民政府: [县政府]\n").is_err());
        assert!(Aliases::parse("- 甲县人民政府\n").is_err());
        assert!(Aliases::parse("甲县人民政府: {a: 1}\n").is_err());
        assert!(Aliases::parse("").unwrap().canonical("甲县").is_none());
    }
}
