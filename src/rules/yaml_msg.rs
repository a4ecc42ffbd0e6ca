//! YAML errors in the user's language. The parsers' own messages are English and cannot
//! be translated as such: the common ones (an unknown or missing field, a wrong type, a
//! tab, an unclosed quote or bracket) are recognised and said again in the catalogue's
//! words, keeping the field names; any other is wrapped ("YAML 语法错误：…"). In English
//! every message reads exactly as the parser gave it.

use crate::msg::{lang, t, Lang};

/// The message for a parser's `raw` text about `source` (at 1-based `line`, when known),
/// and a hint for the common mistakes it shows.
pub(super) fn describe(raw: &str, source: &str, line: Option<usize>) -> (String, Option<String>) {
    let message = serde_frame(raw).unwrap_or_else(|| t!("rules.yaml.syntax", detail = raw));
    (message, hint(raw, source, line))
}

/// A help for what the message shows is wrong, when it is one of the usual slips.
fn hint(raw: &str, source: &str, line: Option<usize>) -> Option<String> {
    let help = |key: &'static str| Some(crate::msg::fill(key, &[]));
    if raw.contains("tab") {
        // The parser names the scalar it was reading, which may start lines above the tab.
        let from = line.unwrap_or(1).saturating_sub(1);
        let tab = source
            .lines()
            .enumerate()
            .skip(from)
            .find(|(_, l)| l.contains('\t'));
        let line = tab.map_or(from, |(n, _)| n) + 1;
        Some(t!("rules.yaml.tab_help", line = line))
    } else if raw.contains("quoted scalar") {
        help("rules.yaml.quote_help")
    } else if raw.contains("flow mapping")
        || raw.contains("flow sequence")
        || raw.contains("illegal placement of ':'")
    {
        help("rules.yaml.bracket_help")
    } else if raw.contains("duplicate field `") || raw.contains("duplicate entry") {
        help("rules.yaml.duplicate_help")
    } else if let Some((_, want)) = raw.split_once("invalid type: ") {
        match want.rsplit_once(", expected ").map(|(_, w)| w) {
            Some("f64" | "u32" | "u64" | "i32" | "i64" | "usize") => help("rules.yaml.number_help"),
            Some("a sequence") => help("rules.yaml.list_help"),
            _ => None,
        }
    } else {
        None
    }
}

/// serde's data errors (`elements[1]: unknown field `x`, expected one of …`), framed in
/// the catalogue's words; `None` for anything else.
fn serde_frame(raw: &str) -> Option<String> {
    for (phrase, key) in [
        ("unknown field `", "field"),
        ("unknown variant `", "variant"),
        ("missing field `", "missing"),
        ("duplicate field `", "duplicate"),
    ] {
        let Some(i) = raw.find(phrase) else { continue };
        let path = shown_path(&raw[..i]);
        let rest = &raw[i + phrase.len()..];
        let (name, tail) = rest.split_once('`')?;
        let expected = || tail.strip_prefix(", expected ").map(expected_list);
        return Some(match key {
            "field" => t!(
                "rules.yaml.unknown_field",
                path = path,
                name = name,
                expected = expected()?
            ),
            "variant" => t!(
                "rules.yaml.unknown_variant",
                path = path,
                name = name,
                expected = expected()?
            ),
            "missing" if tail.is_empty() => {
                t!("rules.yaml.missing_field", path = path, name = name)
            }
            "duplicate" if tail.is_empty() => {
                t!("rules.yaml.duplicate_field", path = path, name = name)
            }
            _ => return None,
        });
    }
    let i = raw.find("invalid type: ")?;
    let (found, want) = raw[i + "invalid type: ".len()..].rsplit_once(", expected ")?;
    let path = shown_path(&raw[..i]);
    Some(t!(
        "rules.yaml.invalid_type",
        path = path,
        found = type_name(found),
        expected = type_name(want)
    ))
}

/// The YAML path serde puts before its message (`elements[1]: `), with Chinese
/// punctuation in Chinese.
fn shown_path(path: &str) -> String {
    match (lang(), path.strip_suffix(": ")) {
        (Lang::Zh, Some(p)) => format!("{p}："),
        _ => path.to_string(),
    }
}

/// serde's list of what may stand here (`one of `a`, `b``, `` `a` or `b` ``): as it is in
/// English, the names joined with 、 in Chinese.
fn expected_list(tail: &str) -> String {
    if lang() == Lang::En {
        return tail.to_string();
    }
    let names: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    quoted.join("、")
}

/// A serde type name (`string "lots"`, `f64`, `a sequence`) in Chinese, its value kept;
/// as it is in English.
fn type_name(s: &str) -> String {
    if lang() == Lang::En {
        return s.to_string();
    }
    let s = s.trim_start_matches("a ").trim_start_matches("an ");
    let (head, value) = s.split_once([' ', ':']).unwrap_or((s, ""));
    let word = match head {
        "string" | "str" | "char" => t!("rules.yaml.type.string"),
        "f64" | "f32" | "floating" => t!("rules.yaml.type.number"),
        "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64" | "integer" => {
            t!("rules.yaml.type.integer")
        }
        "sequence" | "list" => t!("rules.yaml.type.list"),
        "map" | "mapping" | "struct" => t!("rules.yaml.type.map"),
        "boolean" | "bool" => t!("rules.yaml.type.boolean"),
        "unit" => t!("rules.yaml.type.empty"),
        _ => return s.to_string(),
    };
    // A value (`"lots"`, `` `5` ``) follows the word; `point` of `floating point` and a
    // struct's name do not.
    let value = value.trim_start_matches("point").trim();
    match value.starts_with(['"', '`']) {
        true => format!("{word} {value}"),
        false => word.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_frames_keep_the_names_the_user_wrote() {
        let raw = "elements[1]: unknown field `advise`, expected one of `id`, `advice`";
        let (m, _) = describe(raw, "", None);
        assert!(m.starts_with("elements[1]"), "{m}");
        assert!(m.contains("`advise`") && m.contains("`advice`"), "{m}");
        let raw = "elements[3].weight: invalid type: string \"lots\", expected f64";
        let (m, h) = describe(raw, "", None);
        assert!(m.contains("\"lots\""), "{m}");
        assert_eq!(h, Some(crate::msg::fill("rules.yaml.number_help", &[])));
        let (m, _) = describe("elements[0]: missing field `advice`", "", None);
        assert!(m.contains("`advice`"), "{m}");
    }

    #[test]
    fn usual_syntax_slips_get_a_hint_and_others_keep_the_parser_text() {
        let text = "a: 1\nb: 甲\n\tc: 2\n";
        let tab = describe("while scanning a plain scalar, found a tab", text, Some(2)).1;
        assert_eq!(tab, Some(t!("rules.yaml.tab_help", line = 3)));
        let raw = "while scanning a quoted scalar, found unexpected end of stream";
        let quote = describe(raw, "", None).1;
        assert_eq!(quote, Some(crate::msg::fill("rules.yaml.quote_help", &[])));
        let (m, h) = describe("something new", "", None);
        assert!(m.contains("something new") && h.is_none(), "{m}");
    }
}
