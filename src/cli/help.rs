//! `--help` in the user's language. Clap's derive builds the commands (names, flags, types);
//! every text a person reads — each command's about, each argument's help, the possible
//! values and defaults, the section titles, clap's own `-h`, `-V` and `help` — is then set
//! from the message catalogue, so the help is Chinese by default and English under
//! `--lang en`, from one table the tests walk.

use clap::{Arg, Command};
use lawscore::msg::{self, t};

/// The catalogue key of each command's about and each argument's help: (command path,
/// argument id or "" for the command itself, key). The path is the subcommand names after
/// `lawscore`, joined by spaces; `*` stands for every command (the global `--lang` and
/// clap's own `-h` / `-V`).
const TEXTS: &[(&str, &str, &str)] = &[
    ("", "", "cli.about"),
    ("*", "lang", "cli.arg.lang"),
    ("*", "help", "cli.arg.help"),
    ("*", "version", "cli.arg.version"),
    ("score", "", "cli.score.about"),
    ("score", "paths", "cli.score.paths"),
    ("score", "rules", "cli.arg.rules"),
    ("score", "templates", "cli.score.templates"),
    ("score", "profile", "cli.score.profile"),
    ("score", "format", "cli.score.format"),
    ("score", "out", "cli.score.out"),
    ("score", "encoding", "cli.score.encoding"),
    ("score", "fail_under", "cli.score.fail_under"),
    ("score", "jobs", "cli.score.jobs"),
    ("score", "quiet", "cli.score.quiet"),
    ("score", "color", "cli.score.color"),
    ("score", "csv_headers", "cli.score.csv_headers"),
    ("score", "no_reuse", "reuse.arg.no_reuse"),
    ("rules", "", "cli.rules.about"),
    ("rules check", "", "cli.rules.check"),
    ("rules check", "rules", "cli.arg.rules"),
    ("rules test", "", "cli.rules.test"),
    ("rules test", "rules", "cli.arg.rules"),
    ("rules test", "filter", "cli.rules.test.filter"),
    ("rules list", "", "cli.rules.list"),
    ("rules list", "rules", "cli.arg.rules"),
    ("rules patterns", "", "cli.rules.patterns"),
    ("rules patterns", "rules", "cli.arg.rules"),
    ("rules export", "", "cli.rules.export"),
    ("rules export", "dir", "cli.rules.export.dir"),
    ("rules export", "force", "cli.rules.export.force"),
    ("rules diff", "", "calibrate.help.diff"),
    ("rules diff", "rules", "calibrate.help.rules_new"),
    ("rules diff", "against", "calibrate.help.against"),
    ("rules calibrate", "", "calibrate.help.calibrate"),
    ("rules calibrate", "rules", "cli.arg.rules"),
    (
        "rules calibrate",
        "near_misses",
        "calibrate.help.near_misses",
    ),
    ("rules diff", "paths", "calibrate.help.paths"),
    ("rules diff", "analysis_format", "calibrate.help.format"),
    ("rules diff", "out", "calibrate.help.out"),
    ("rules diff", "templates", "cli.score.templates"),
    ("rules diff", "profile", "cli.score.profile"),
    ("rules diff", "jobs", "cli.score.jobs"),
    ("rules calibrate", "paths", "calibrate.help.paths"),
    (
        "rules calibrate",
        "analysis_format",
        "calibrate.help.format",
    ),
    ("rules calibrate", "out", "calibrate.help.out"),
    ("rules calibrate", "templates", "cli.score.templates"),
    ("rules calibrate", "profile", "cli.score.profile"),
    ("rules calibrate", "jobs", "cli.score.jobs"),
    ("explain", "", "cli.explain.about"),
    ("explain", "element", "cli.explain.element"),
    ("explain", "rules", "cli.arg.rules"),
    ("outline", "", "cli.outline.about"),
    ("outline", "path", "cli.outline.path"),
    ("score", "group_by", "history.help.group_by"),
    ("score", "aliases", "history.help.aliases"),
    ("compare", "", "history.help.compare"),
    ("compare", "old", "history.help.old"),
    ("compare", "new", "history.help.new"),
    ("compare", "rules", "cli.arg.rules"),
    ("compare", "profile", "cli.score.profile"),
    ("compare", "format", "history.help.format"),
    ("compare", "aliases", "history.help.aliases"),
];

/// The help of each possible value: (argument id, value, key).
const VALUES: &[(&str, &str, &str)] = &[
    ("lang", "zh", "cli.value.lang.zh"),
    ("lang", "en", "cli.value.lang.en"),
    ("format", "text", "cli.value.format.text"),
    ("format", "json", "cli.value.format.json"),
    ("format", "jsonl", "cli.value.format.jsonl"),
    ("format", "csv", "cli.value.format.csv"),
    ("format", "html", "cli.value.format.html"),
    ("format", "xlsx", "cli.value.format.xlsx"),
    ("analysis_format", "text", "calibrate.value.text"),
    ("analysis_format", "json", "calibrate.value.json"),
    ("analysis_format", "html", "calibrate.value.html"),
    ("csv_headers", "id", "cli.value.csv_headers.id"),
    ("csv_headers", "zh", "cli.value.csv_headers.zh"),
    ("color", "auto", "cli.value.color.auto"),
    ("color", "always", "cli.value.color.always"),
    ("color", "never", "cli.value.color.never"),
    ("group_by", "issuer", "history.value.group_by.issuer"),
    ("group_by", "path", "history.value.group_by.path"),
];

/// The command line, every text in the current language, built (so clap's own flags and
/// `help` subcommands exist and are translated too).
pub fn localized(cmd: Command) -> Command {
    let mut cmd = texts(cmd, "");
    cmd.build();
    clap_own(cmd, "")
}

/// Sets the about of `cmd` and the help of its arguments, then of its subcommands. Done
/// before the command is built: clap decides then whether a long `--help` exists.
fn texts(cmd: Command, path: &str) -> Command {
    let about = text_of(path, "").map(str::to_string);
    let cmd = match about {
        Some(a) => cmd.about(a).long_about(None),
        None => cmd,
    };
    let cmd = cmd.mut_args(|a| arg_texts(a, path));
    cmd.mut_subcommands(|s| {
        let sub = join(path, s.get_name());
        texts(s, &sub)
    })
}

/// One argument's help: its text, then its default and possible values (clap's English
/// `[default: …]` and `[possible values: …]` are hidden). With possible values the long
/// help (`--help`) lists each with what it does.
fn arg_texts(a: Arg, path: &str) -> Arg {
    let id = a.get_id().as_str().to_string();
    let Some(help) = text_of(path, &id) else {
        return a;
    };
    let default: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let default = default.join(" ");
    // A flag's `true` / `false` are not values anyone types.
    let values: Vec<(String, String)> = if a.get_action().takes_values() {
        a.get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| (v.get_name().to_string(), value_text(&id, v)))
            .collect()
    } else {
        Vec::new()
    };
    let names: Vec<&str> = values.iter().map(|(n, _)| n.as_str()).collect();
    let names = names.join(super::list_sep());
    let short = match (names.is_empty(), default.is_empty()) {
        (true, true) => String::new(),
        (true, false) => t!("cli.help.default", value = default),
        (false, true) => t!("cli.help.values", values = names),
        (false, false) => t!("cli.help.values_default", values = names, value = default),
    };
    let takes_values = a.get_action().takes_values();
    let a = a.help(format!("{help}{short}"));
    // clap's debug assertions reject hiding the values or default of a flag that takes none.
    let a = if takes_values {
        a.hide_default_value(true).hide_possible_values(true)
    } else {
        a
    };
    if values.is_empty() {
        return a;
    }
    let mut long = help.to_string();
    if !default.is_empty() {
        long.push_str(&t!("cli.help.default", value = default));
    }
    for (n, h) in &values {
        long.push('\n');
        long.push_str(&t!("cli.help.value_line", name = n, help = h));
    }
    a.long_help(long)
}

/// What a possible value does: the catalogue's text, else clap's (from the derive).
fn value_text(id: &str, v: &clap::builder::PossibleValue) -> String {
    VALUES
        .iter()
        .find(|(a, name, _)| *a == id && *name == v.get_name())
        .map(|(_, _, key)| msg::text(key).to_string())
        .or_else(|| v.get_help().map(ToString::to_string))
        .unwrap_or_default()
}

/// The text of a command (`id` empty) or of one of its arguments.
fn text_of(path: &str, id: &str) -> Option<&'static str> {
    let find = |p: &str| TEXTS.iter().find(|(tp, ta, _)| *tp == p && *ta == id);
    let global = if id.is_empty() { None } else { find("*") };
    find(path).or(global).map(|(_, _, key)| msg::text(key))
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path} {name}")
    }
}

/// What clap adds when it builds: `-h`, `-V` and the `help` subcommand, translated; and
/// the help template of every command, with section titles in the current language.
fn clap_own(cmd: Command, path: &str) -> Command {
    let long = cmd.get_arguments().any(|a| a.get_long_help().is_some());
    let cmd = cmd.mut_args(|a| match a.get_id().as_str() {
        "help" if long => a
            .help(t!("cli.arg.help_more"))
            .long_help(t!("cli.arg.help_summary")),
        "help" => a.help(t!("cli.arg.help")).long_help(None),
        "version" => a.help(t!("cli.arg.version")),
        "subcommand" if is_help(path) => a.help(t!("cli.help.subcommand")),
        _ => a,
    });
    let cmd = if is_help(path) {
        cmd.about(t!("cli.help.about"))
    } else {
        cmd
    };
    let template = template(&cmd);
    let cmd = cmd.help_template(template);
    cmd.mut_subcommands(|s| {
        let sub = join(path, s.get_name());
        clap_own(s, &sub)
    })
}

/// Whether `path` is one of clap's `help` subcommands.
fn is_help(path: &str) -> bool {
    path == "help" || path.ends_with(" help")
}

/// The layout of a command's help: about, usage, then commands, arguments and options,
/// each titled only when the command has some.
fn template(cmd: &Command) -> String {
    let mut t = String::from("{before-help}{about-with-newline}\n");
    t.push_str(&t!("cli.help.usage", usage = "{usage}"));
    if cmd.has_subcommands() {
        t.push_str(&format!("\n\n{}\n{{subcommands}}", t!("cli.help.commands")));
    }
    if cmd.get_positionals().any(|a| !a.is_hide_set()) {
        t.push_str(&format!(
            "\n\n{}\n{{positionals}}",
            t!("cli.help.arguments")
        ));
    }
    if cmd
        .get_arguments()
        .any(|a| !a.is_positional() && !a.is_hide_set())
    {
        t.push_str(&format!("\n\n{}\n{{options}}", t!("cli.help.options")));
    }
    t.push_str("{after-help}");
    t
}

#[cfg(test)]
mod tests;
