//! The message catalogue: every text the command line shows a person (help, progress, the
//! gate, errors about files, rules and templates), in Chinese and in English.
//!
//! Users are Chinese civil servants, so Chinese is the default; `--lang en` or
//! `LAWSCORE_LANG=en` switch to English. Messages are data kept apart from the code that
//! raises them, one file per area (`src/msg/<area>.msg`, compiled in), so a translator reads
//! one file and a test can list every key missing in either language.
//!
//! The format is line-based, so a merge of two branches that both add messages is a merge
//! of lines:
//!
//! ```text
//! # a comment
//! ingest.empty
//!   zh: 没有正文：文件是空的，或只有空白和标记
//!   en: no text: the file is empty or holds only white space or markup
//! ```
//!
//! A key starts its line; each language's text follows on an indented `zh:` / `en:` line.
//! `{name}` is a placeholder filled by [`t!`]; `{{` and `}}` are literal braces; `\n` is a
//! line break. Both languages must name the same placeholders.

use std::collections::HashMap;
use std::fmt::{Display, Write};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

#[cfg(test)]
mod tests;

/// The catalogue's files: area name and text. A new area adds one line here.
pub const AREAS: &[(&str, &str)] = &[
    ("cli", include_str!("msg/cli.msg")),
    ("ingest", include_str!("msg/ingest.msg")),
    ("render", include_str!("msg/render.msg")),
    ("rules", include_str!("msg/rules.msg")),
    ("outline", include_str!("msg/outline.msg")),
    ("sheets", include_str!("msg/sheets.msg")),
    ("pdf", include_str!("msg/pdf.msg")),
    ("pages", include_str!("msg/pages.msg")),
    ("ofd", include_str!("msg/ofd.msg")),
    ("doc", include_str!("msg/doc.msg")),
    ("calibrate", include_str!("msg/calibrate.msg")),
    ("history", include_str!("msg/history.msg")),
    ("reuse", include_str!("msg/reuse.msg")),
];

/// The language messages are shown in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// 简体中文, the default.
    Zh,
    /// English.
    En,
}

/// The environment variable that picks the language when `--lang` is not given.
pub const LANG_ENV: &str = "LAWSCORE_LANG";

impl Lang {
    /// Reads a language name: `zh`, `zh-CN`, `zh_CN.UTF-8`, `cn`, `中文`, `en`, `en_US`…
    /// (case ignored); anything else is `None`.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        let base = s.split(['-', '_', '.']).next().unwrap_or("");
        match base {
            "zh" | "cn" | "chs" | "中文" => Some(Lang::Zh),
            "en" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language a run asks for: `--lang X` / `--lang=X` among `args`, else `env` (the
    /// value of [`LANG_ENV`]), else Chinese. Read before the arguments are parsed, so even
    /// the messages about bad arguments are in the user's language.
    pub fn chosen<S: AsRef<std::ffi::OsStr>>(args: &[S], env: Option<&str>) -> Lang {
        let mut it = args.iter().map(|a| a.as_ref().to_string_lossy());
        while let Some(a) = it.next() {
            if a == "--" {
                break;
            }
            let value = match a.strip_prefix("--lang") {
                Some("") => it.next().map(|v| v.into_owned()),
                Some(rest) => rest.strip_prefix('=').map(str::to_string),
                None => None,
            };
            if let Some(l) = value.as_deref().and_then(Lang::parse) {
                return l;
            }
        }
        env.and_then(Lang::parse).unwrap_or(Lang::Zh)
    }
}

static LANG: AtomicU8 = AtomicU8::new(0);

/// Sets the language of every message from now on (once, at the start of a run).
pub fn set_lang(lang: Lang) {
    LANG.store(lang as u8, Ordering::Relaxed);
}

/// The language messages are shown in now.
pub fn lang() -> Lang {
    match LANG.load(Ordering::Relaxed) {
        0 => Lang::Zh,
        _ => Lang::En,
    }
}

/// One catalogue entry as written, for the tests that check the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The area file it is in.
    pub area: &'static str,
    /// 1-based line of its key.
    pub line: usize,
    /// The key, e.g. `ingest.empty`.
    pub key: String,
    /// Chinese text (escapes resolved), if given.
    pub zh: Option<String>,
    /// English text (escapes resolved), if given.
    pub en: Option<String>,
}

/// Every entry of every area, in file order; lines that are neither a key, a text nor a
/// comment come back as errors (`area:line: …`).
pub fn entries() -> (Vec<Entry>, Vec<String>) {
    let mut all = Vec::new();
    let mut bad = Vec::new();
    for (area, text) in AREAS {
        parse_area(area, text, &mut all, &mut bad);
    }
    (all, bad)
}

fn parse_area(area: &'static str, text: &str, all: &mut Vec<Entry>, bad: &mut Vec<String>) {
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end();
        if line.trim_start().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if !line.starts_with(' ') {
            all.push(Entry {
                area,
                line: i + 1,
                key: line.to_string(),
                zh: None,
                en: None,
            });
            continue;
        }
        let body = line.trim_start();
        let (slot, text) = match (body.strip_prefix("zh:"), body.strip_prefix("en:")) {
            (Some(t), _) => ("zh", t),
            (_, Some(t)) => ("en", t),
            _ => {
                bad.push(format!(
                    "src/msg/{area}.msg:{}: expected `zh:` or `en:`",
                    i + 1
                ));
                continue;
            }
        };
        let Some(entry) = all.last_mut().filter(|e| e.area == area) else {
            bad.push(format!(
                "src/msg/{area}.msg:{}: a text before any key",
                i + 1
            ));
            continue;
        };
        let value = Some(unescape(text.strip_prefix(' ').unwrap_or(text)));
        match slot {
            "zh" => entry.zh = value,
            _ => entry.en = value,
        }
    }
}

fn unescape(s: &str) -> String {
    s.replace("\\n", "\n")
}

/// Key → [Chinese, English].
fn catalogue() -> &'static HashMap<String, [String; 2]> {
    static CATALOGUE: OnceLock<HashMap<String, [String; 2]>> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let (all, _) = entries();
        all.into_iter()
            .map(|e| {
                let zh = e.zh.or_else(|| e.en.clone()).unwrap_or_default();
                let en = e.en.unwrap_or_else(|| zh.clone());
                (e.key, [zh, en])
            })
            .collect()
    })
}

/// The text of `key` in the current language, placeholders unfilled. A key missing from
/// the catalogue comes back as itself (the catalogue test fails on it first).
pub fn text(key: &'static str) -> &'static str {
    match catalogue().get(key) {
        Some(pair) => &pair[lang() as usize],
        None => key,
    }
}

/// The text of `key` with each `{name}` replaced by its value; a placeholder without a
/// value stays as written, so a mistake shows instead of vanishing.
pub fn fill(key: &'static str, args: &[(&str, &dyn Display)]) -> String {
    fill_text(text(key), args)
}

/// [`fill`] on a given text (what the tests check placeholders with).
pub fn fill_text(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        let name_end = tail.find('}').filter(|_| tail.starts_with('{'));
        let value = name_end.and_then(|e| args.iter().find(|(n, _)| *n == &tail[1..e]));
        match (name_end, value) {
            (Some(e), Some((_, v))) => {
                let _ = write!(out, "{v}");
                rest = &tail[e + 1..];
            }
            _ => {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholder names of a text, sorted and without repeats.
pub fn placeholders(template: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = template.replace("{{", "").replace("}}", "");
    while let Some(i) = rest.find('{') {
        let Some(e) = rest[i..].find('}') else { break };
        names.push(rest[i + 1..i + e].to_string());
        rest = rest[i + e + 1..].to_string();
    }
    names.sort();
    names.dedup();
    names
}

/// A message in the current language: `t!("area.key")` is its text (`&str`);
/// `t!("area.key", path = p.display(), n = 3)` fills `{path}` and `{n}` (a `String`).
#[macro_export]
macro_rules! t {
    ($key:literal) => {
        $crate::msg::text($key)
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::msg::fill($key, &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),+])
    };
}

pub use crate::t;
