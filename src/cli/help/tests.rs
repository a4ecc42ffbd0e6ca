//! Every command's and argument's help, in both languages: present, from the catalogue,
//! and Chinese in the Chinese help.

use super::*;
use crate::cli::Cli;
use clap::CommandFactory;
use lawscore::msg::{set_lang, Lang};

/// The language is the process's: tests that set it take turns.
static LANG_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn lang_lock() -> std::sync::MutexGuard<'static, ()> {
    LANG_LOCK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn has_han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// (where, text) of every about, help and possible value's help in the built command.
fn texts_of(cmd: &Command, path: &str, out: &mut Vec<(String, String)>) {
    let about = cmd.get_about().map(ToString::to_string).unwrap_or_default();
    out.push((format!("`{path}` about"), about));
    for a in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
        let at = format!("`{path}` {}", a.get_id());
        let help = a.get_help().map(ToString::to_string).unwrap_or_default();
        out.push((at.clone(), help));
        if let Some(long) = a.get_long_help() {
            out.push((format!("{at} (--help)"), long.to_string()));
        }
    }
    for s in cmd.get_subcommands() {
        texts_of(s, &join(path, s.get_name()), out);
    }
}

#[test]
fn every_help_text_is_set_in_both_languages_and_chinese_in_chinese() {
    let _turn = lang_lock();
    let mut english = Vec::new();
    for lang in [Lang::Zh, Lang::En] {
        set_lang(lang);
        let cmd = localized(Cli::command());
        let mut all = Vec::new();
        texts_of(&cmd, "lawscore", &mut all);
        assert!(all.len() > 30, "{} texts", all.len());
        for (at, text) in &all {
            assert!(!text.trim().is_empty(), "{lang:?}: {at} has no help");
            if lang == Lang::Zh {
                assert!(has_han(text), "{at}: Chinese help is not Chinese: {text}");
            }
        }
        // The whole rendered help too: no English section title or clap text is left.
        let help = cmd.clone().render_long_help().to_string();
        if lang == Lang::Zh {
            for english in ["Usage:", "Options:", "Commands:", "Print help", "default:"] {
                assert!(!help.contains(english), "`{english}` in:\n{help}");
            }
            assert!(help.contains("用法：") && help.contains("选项："), "{help}");
        } else {
            english = all;
        }
    }
    set_lang(Lang::Zh);
    // English help is English: the two languages differ for every text.
    for (at, text) in &english {
        assert!(!has_han(text) || text.contains("法治政府"), "{at}: {text}");
    }
}

#[test]
fn possible_values_are_listed_with_what_they_do() {
    let _turn = lang_lock();
    set_lang(Lang::Zh);
    let mut cmd = localized(Cli::command());
    let score = cmd.find_subcommand_mut("score").expect("score");
    let help = score.render_long_help().to_string();
    for value in ["text：", "json：", "jsonl：", "csv：", "html："] {
        assert!(help.contains(value), "{value} in\n{help}");
    }
    assert!(help.contains("（默认：text）"), "{help}");
    assert!(!help.contains("possible values"), "{help}");
}

#[test]
fn every_table_entry_names_a_command_or_argument_that_exists() {
    // An entry for something renamed would leave its new name in English.
    let cmd = Cli::command();
    let mut known = Vec::new();
    fn walk(cmd: &Command, path: &str, known: &mut Vec<(String, String)>) {
        known.push((path.to_string(), String::new()));
        for a in cmd.get_arguments() {
            known.push((path.to_string(), a.get_id().to_string()));
        }
        for s in cmd.get_subcommands() {
            walk(s, &join(path, s.get_name()), known);
        }
    }
    walk(&cmd, "", &mut known);
    for (path, id, key) in TEXTS {
        if *path == "*" {
            continue;
        }
        assert!(
            known.iter().any(|(p, a)| p == path && a == id),
            "{key}: no `{path}` {id}"
        );
    }
}
