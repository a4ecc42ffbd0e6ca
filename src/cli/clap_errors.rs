//! Clap's errors (an unknown flag, a missing or bad value) in the user's language: the
//! kind of error and what clap found (the flag, the value, its suggestions, the usage) are
//! read from the error's context and said with the catalogue's words. Exit status 2.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use lawscore::msg::t;

/// The whole message for a clap error that is not a request for help or the version.
pub fn render(e: &clap::Error) -> String {
    let mut out = t!("cli.err.prefix", message = what(e));
    let tips = tips(e);
    if !tips.is_empty() {
        out.push('\n');
        for tip in tips {
            out.push_str("\n  ");
            out.push_str(&tip);
        }
    }
    let usage = usage(e);
    if let Some(u) = &usage {
        out.push_str("\n\n");
        out.push_str(&t!("cli.help.usage", usage = u));
    }
    let command = usage.as_deref().map_or("lawscore".into(), command_of);
    out.push_str("\n\n");
    out.push_str(&t!("cli.err.try_help", command = command));
    out.push('\n');
    out
}

/// What went wrong, in one sentence.
fn what(e: &clap::Error) -> String {
    let arg = text(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = text(e, ContextKind::InvalidValue).unwrap_or_default();
    match e.kind() {
        ErrorKind::UnknownArgument => t!("cli.err.unknown_argument", arg = arg),
        ErrorKind::InvalidSubcommand => t!(
            "cli.err.unknown_command",
            name = text(e, ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::InvalidValue if value.is_empty() => t!("cli.err.value_missing", arg = arg),
        ErrorKind::InvalidValue => {
            let mut s = t!("cli.err.invalid_value", arg = arg, value = value);
            let valid = list(e, ContextKind::ValidValue);
            if !valid.is_empty() {
                s.push_str(&t!(
                    "cli.err.possible_values",
                    values = valid.join(super::list_sep())
                ));
            }
            s
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e).map_or(String::new(), ToString::to_string);
            t!("cli.err.bad_value", arg = arg, value = value, why = why)
        }
        ErrorKind::MissingRequiredArgument => t!(
            "cli.err.missing_argument",
            args = list(e, ContextKind::InvalidArg).join(" ")
        ),
        ErrorKind::MissingSubcommand => t!(
            "cli.err.missing_command",
            name = text(e, ContextKind::InvalidSubcommand).unwrap_or_default(),
            values = list(e, ContextKind::ValidSubcommand).join(", ")
        ),
        ErrorKind::ArgumentConflict => conflict(e, &arg),
        ErrorKind::TooManyValues => t!("cli.err.too_many_values", arg = arg, value = value),
        ErrorKind::InvalidUtf8 => t!("cli.err.not_utf8").to_string(),
        _ => t!("cli.err.other", detail = first_line(e)),
    }
}

/// Two flags that cannot go together, or one given twice.
fn conflict(e: &clap::Error, arg: &str) -> String {
    let prior = list(e, ContextKind::PriorArg);
    if prior.is_empty() || prior.iter().all(|p| p == arg) {
        t!("cli.err.repeated", arg = arg)
    } else {
        t!("cli.err.conflict", arg = arg, other = prior.join(", "))
    }
}

/// Clap's suggestions: a flag, command or value with a similar name, and its other tips.
fn tips(e: &clap::Error) -> Vec<String> {
    let mut tips = Vec::new();
    let similar = [
        (ContextKind::SuggestedSubcommand, "cli.err.similar_command"),
        (ContextKind::SuggestedArg, "cli.err.similar_argument"),
        (ContextKind::SuggestedValue, "cli.err.similar_value"),
    ];
    for (kind, key) in similar {
        let names = list(e, kind);
        if !names.is_empty() {
            let quoted: Vec<String> = names.iter().map(|n| quote(n)).collect();
            tips.push(lawscore::msg::fill(key, &[("what", &quoted.join(", "))]));
        }
    }
    if let Some(ContextValue::StyledStrs(more)) = e.get(ContextKind::Suggested) {
        tips.extend(more.iter().map(|s| tip(&s.to_string())));
    }
    tips
}

/// One of clap's free-text tips, in the catalogue's words when it is one clap is known to
/// give (which quote the flag between `'`), else as clap wrote it.
fn tip(s: &str) -> String {
    let quoted: Vec<&str> = s.split('\'').skip(1).step_by(2).collect();
    match quoted.as_slice() {
        [arg, form] if s.starts_with("to pass ") => {
            t!("cli.err.tip_as_value", arg = quote(arg), form = quote(form))
        }
        [what] if s.ends_with(" exists") => t!("cli.err.tip_exists", what = quote(what)),
        [name, _] if s.starts_with("subcommand ") => {
            t!("cli.err.tip_double_dash", name = quote(name))
        }
        _ => t!("cli.err.tip", tip = s),
    }
}

/// A name quoted as the current language quotes.
fn quote(s: &str) -> String {
    t!("cli.err.quoted", name = s)
}

/// The usage line clap gives with the error, without its English title.
fn usage(e: &clap::Error) -> Option<String> {
    let Some(ContextValue::StyledStr(u)) = e.get(ContextKind::Usage) else {
        return None;
    };
    let u = u.to_string();
    let u = u.trim();
    Some(u.strip_prefix("Usage:").unwrap_or(u).trim().to_string())
}

/// The command a usage line is for (`lawscore score`), for "try --help".
fn command_of(usage: &str) -> String {
    let words: Vec<&str> = usage
        .split_whitespace()
        .take_while(|w| !w.starts_with(['[', '<', '-']))
        .collect();
    if words.is_empty() {
        "lawscore".into()
    } else {
        words.join(" ")
    }
}

fn text(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        _ => None,
    }
}

fn list(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        _ => Vec::new(),
    }
}

/// Clap's own sentence for an error the catalogue has no words for.
fn first_line(e: &clap::Error) -> String {
    let rendered = e.render().to_string();
    let line = rendered.lines().next().unwrap_or_default();
    line.strip_prefix("error: ").unwrap_or(line).to_string()
}
