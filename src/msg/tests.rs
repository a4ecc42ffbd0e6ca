//! The catalogue is whole: every key in both languages, with the same placeholders, every
//! key the code uses present and every entry used.

use super::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn all() -> Vec<Entry> {
    let (all, bad) = entries();
    assert!(
        bad.is_empty(),
        "malformed catalogue lines:\n{}",
        bad.join("\n")
    );
    all
}

#[test]
fn every_key_has_both_languages() {
    let missing: Vec<String> = all()
        .iter()
        .filter_map(|e| {
            let gone: Vec<&str> = [("zh", &e.zh), ("en", &e.en)]
                .iter()
                .filter(|(_, t)| t.as_deref().is_none_or(str::is_empty))
                .map(|(l, _)| *l)
                .collect();
            (!gone.is_empty())
                .then(|| format!("src/msg/{}.msg:{} {} lacks {gone:?}", e.area, e.line, e.key))
        })
        .collect();
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn keys_are_unique_and_well_formed() {
    let mut seen = BTreeMap::new();
    for e in all() {
        let ok = e.key.starts_with(&format!("{}.", e.area))
            && e.key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
        assert!(
            ok,
            "src/msg/{}.msg:{}: key `{}` must be `{}.` + lower-case ascii",
            e.area, e.line, e.key, e.area
        );
        if let Some(first) = seen.insert(e.key.clone(), e.line) {
            panic!(
                "src/msg/{}.msg:{}: `{}` already at line {first}",
                e.area, e.line, e.key
            );
        }
    }
}

#[test]
fn both_languages_name_the_same_placeholders() {
    for e in all() {
        let (zh, en) = (e.zh.unwrap_or_default(), e.en.unwrap_or_default());
        assert_eq!(
            placeholders(&zh),
            placeholders(&en),
            "src/msg/{}.msg:{} {}",
            e.area,
            e.line,
            e.key
        );
    }
}

#[test]
fn chinese_texts_are_chinese() {
    // A text with words in it must have Chinese ones; a bare "{path}: {reason}" may be shared.
    for e in all() {
        let zh = e.zh.unwrap_or_default();
        let words = fill_text(&zh, &[]).replace(['{', '}'], "");
        let latin_only = placeholders(&zh)
            .iter()
            .fold(words, |w, p| w.replace(p.as_str(), ""));
        let has_letters = latin_only.chars().any(char::is_alphabetic);
        let has_han = zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        assert!(
            !has_letters || has_han,
            "src/msg/{}.msg:{} {}: zh text is not Chinese: {zh}",
            e.area,
            e.line,
            e.key
        );
    }
}

/// Every `t!("key"` in src/, with where it stands.
fn keys_used() -> BTreeMap<String, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut used = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|x| x != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            let mut rest = line;
            while let Some(i) = rest.find("t!(") {
                // `format!(` and `assert!(` end in `t!(` too.
                let own = rest[..i]
                    .chars()
                    .last()
                    .is_none_or(|c| !c.is_alphanumeric() && c != '_');
                rest = &rest[i + 3..];
                if !own {
                    continue;
                }
                let Some(lit) = rest.trim_start().strip_prefix('"') else {
                    continue;
                };
                let Some(end) = lit.find('"') else { continue };
                let at = format!("{}:{}", entry.path().display(), n + 1);
                used.entry(lit[..end].to_string()).or_insert(at);
            }
        }
    }
    used
}

#[test]
fn every_key_the_code_uses_is_in_the_catalogue() {
    let have: BTreeSet<String> = all().into_iter().map(|e| e.key).collect();
    let missing: Vec<String> = keys_used()
        .into_iter()
        .filter(|(k, _)| k.contains('.') && !have.contains(k))
        .map(|(k, at)| format!("{at}: `{k}` is not in src/msg/*.msg"))
        .collect();
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn every_entry_is_used() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut code = String::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|x| x == "rs") {
            code.push_str(&std::fs::read_to_string(entry.path()).unwrap());
        }
    }
    let unused: Vec<String> = all()
        .into_iter()
        .filter(|e| !code.contains(&format!("\"{}\"", e.key)))
        .map(|e| {
            format!(
                "src/msg/{}.msg:{} {} is used nowhere in src/",
                e.area, e.line, e.key
            )
        })
        .collect();
    assert!(unused.is_empty(), "{}", unused.join("\n"));
}

#[test]
fn placeholders_are_filled_and_braces_kept() {
    let name = "报告.txt";
    let s = fill_text(
        "{path}：第 {n} 行，{{字面}}，{unknown}",
        &[("path", &name), ("n", &3)],
    );
    assert_eq!(s, "报告.txt：第 3 行，{字面}，{unknown}");
    assert_eq!(placeholders("{b}{a}{b}{{c}}"), vec!["a", "b"]);
}

#[test]
fn the_language_comes_from_the_flag_then_the_environment() {
    assert_eq!(
        Lang::chosen(&["lawscore", "score", "--lang", "en"], None),
        Lang::En
    );
    assert_eq!(
        Lang::chosen(&["lawscore", "--lang=EN", "x"], Some("zh")),
        Lang::En
    );
    assert_eq!(
        Lang::chosen(&["lawscore", "score"], Some("en_US.UTF-8")),
        Lang::En
    );
    assert_eq!(
        Lang::chosen(&["lawscore", "score"], Some("zh-CN")),
        Lang::Zh
    );
    assert_eq!(Lang::chosen(&["lawscore", "score"], None), Lang::Zh);
    // After `--` a `--lang` is a file name, not a flag.
    assert_eq!(
        Lang::chosen(&["lawscore", "score", "--", "--lang", "en"], None),
        Lang::Zh
    );
    assert_eq!(
        Lang::chosen(&["lawscore", "--lang", "fr"], Some("en")),
        Lang::En
    );
}
