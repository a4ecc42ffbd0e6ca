//! Command-line arguments and dispatch. Every command returns its exit status:
//! 0 done, 1 the `--fail-under` gate or a rule example failed, 2 an error.

/// Prints a line to standard output. A closed pipe (`| head`) ends output quietly; any
/// other failure makes the command end with status 2 (see `stdout`).
macro_rules! say {
    () => {
        crate::cli::stdout::line(format_args!(""))
    };
    ($($t:tt)*) => {
        crate::cli::stdout::line(format_args!($($t)*))
    };
}

mod batch;
mod calibrate_cmd;
mod clap_errors;
mod compare_cmd;
mod help;
mod inputs;
mod outline_cmd;
mod outputs;
mod rules_cmd;
mod rules_diff_cmd;
mod score_cmd;
mod scored;
mod shown;
mod signals;
mod stdout;
mod summary;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use lawscore::msg::{self, t, Lang};
use lawscore::render::{CsvHeaders, OutputFormat};
use lawscore::rules::RulePack;
use std::path::PathBuf;

/// Audit Chinese annual rule-of-law reports (法治政府建设年度报告) against a YAML checklist.
///
/// The help texts written here are the derive's; what `--help` shows comes from the
/// message catalogue (see `help`).
#[derive(Parser)]
#[command(name = "lawscore", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Language of messages (default Chinese; also LAWSCORE_LANG).
    // Read before parsing by `Lang::chosen`, so that clap's own errors are in it too.
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "LANG",
        ignore_case = true
    )]
    lang: Option<LangArg>,
}

/// The languages `--lang` takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum LangArg {
    /// Chinese.
    #[value(alias = "zh-cn", alias = "cn")]
    Zh,
    /// English.
    En,
}

#[derive(Subcommand)]
enum Command {
    /// Score reports (.txt .html .htm .docx .doc .wps .pdf .ofd files, folders, or '-' for standard input).
    Score(ScoreArgs),
    /// Check, test, list or export a rule pack.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// What an element requires, its basis, weight, patterns and examples.
    Explain {
        /// Element id, e.g. lead.shufa.
        element: String,
        /// Rule folder (default: the built-in pack).
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// Show how lawscore reads a report: metadata, outline and the kind of every line.
    Outline {
        /// The report.
        path: PathBuf,
    },
    /// Compare two reports of one issuer: score, elements gained and lost, copied text.
    Compare(compare_cmd::CompareArgs),
}

/// Arguments of `lawscore score`.
#[derive(clap::Args)]
pub struct ScoreArgs {
    /// Files or folders; '-' reads standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Rule folder (default: the built-in pack).
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Template folder for html (default: the built-in templates).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// A profile defined in the rules (default: chosen from each report's level).
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: OutputFormat,
    /// Where to write (html needs a folder: one page per report + index.html).
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// CSV header row: `id` (field names and element ids, for programs) or `zh` (Chinese
    /// headers with the pack's titles, statuses in words, for people).
    #[arg(long, value_enum, default_value = "id", value_name = "HEADERS")]
    pub csv_headers: CsvHeaders,
    /// Decode text files in this encoding instead of detecting it (e.g. gb18030, big5).
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// Exit with status 1 when any report scores below N (0 to 100).
    #[arg(long, value_name = "N", value_parser = score_threshold)]
    pub fail_under: Option<f64>,
    /// Do not look for text copied between the reports of a batch (faster; the output
    /// has no `reuse` block, as for a single report).
    #[arg(long)]
    pub no_reuse: bool,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
    /// No progress bar.
    #[arg(short, long)]
    pub quiet: bool,
    /// Colour in text output.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,
    /// What the history across years puts together: one issuer, or one folder.
    #[arg(long, value_enum, default_value = "issuer", value_name = "BY")]
    pub group_by: lawscore::history::GroupBy,
    /// Issuer aliases (YAML: canonical name → list of aliases).
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
}

/// A `--fail-under` threshold: a score from 0 to 100. `nan` would pass every report (no
/// score is below it) and `inf` fail every one, so neither is a gate.
fn score_threshold(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(n) if (0.0..=100.0).contains(&n) => Ok(n),
        Ok(_) => Err(t!("cli.err.threshold_range", value = s)),
        Err(_) => Err(t!("cli.err.threshold_nan", value = s)),
    }
}

/// When `--format text` paints in colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    /// When standard output is a terminal, nothing is written to `--out`, and `NO_COLOR`
    /// is unset.
    Auto,
    /// Always, even into a pipe or a file.
    Always,
    /// Never.
    Never,
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Validate a rule folder: YAML, keys, types, regexes, ids, profiles, examples.
    Check {
        /// Rule folder (default: the built-in pack).
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// Run the examples carried by the rules.
    Test {
        /// Rule folder (default: the built-in pack).
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
        /// Only elements whose id starts with this.
        filter: Option<String>,
    },
    /// List elements: id, name, category, weight, profiles.
    List {
        /// Rule folder (default: the built-in pack).
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// Print every distinct regex the pack compiles, folded, one per line (for `rg -f`).
    Patterns {
        /// Rule folder (default: the built-in pack).
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// Score a corpus with two packs and list every report whose score or element status
    /// changes (exit 1 when any does).
    Diff(rules_diff_cmd::DiffArgs),
    /// Per element over a corpus: how often met, partial, missing, not applicable; patterns
    /// that never matched; sentences that read like a missing element.
    Calibrate(calibrate_cmd::CalibrateArgs),
    /// Write the built-in rule pack to DIR for editing.
    Export {
        /// Target folder.
        dir: PathBuf,
        /// Overwrite files that exist.
        #[arg(long)]
        force: bool,
    },
}

/// Loads the pack named on the command line, printing its diagnostics on failure.
pub fn load_rules(dir: Option<&PathBuf>) -> Result<RulePack, i32> {
    let loaded = match dir {
        Some(d) => RulePack::from_dir(d),
        None => RulePack::builtin(),
    };
    match loaded {
        Ok(p) => Ok(p),
        Err(e) => {
            eprintln!("{}\n{e}", said(t!("cli.invalid_rules")));
            Err(2)
        }
    }
}

/// A message for standard error, after the program's name.
pub fn said(message: impl std::fmt::Display) -> String {
    match msg::lang() {
        Lang::Zh => format!("lawscore：{message}"),
        Lang::En => format!("lawscore: {message}"),
    }
}

/// What a list of names is joined with: `、` in Chinese, `, ` in English.
pub fn list_sep() -> &'static str {
    match msg::lang() {
        Lang::Zh => "、",
        Lang::En => ", ",
    }
}

/// Parses the arguments with help and errors in the chosen language. Help and the
/// version go to standard output (status 0); an error to standard error (status 2).
fn parse(args: &[std::ffi::OsString]) -> Result<Cli, i32> {
    let cmd = help::localized(Cli::command());
    let parsed = cmd
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    parsed.map_err(|e| match e.kind() {
        clap::error::ErrorKind::DisplayHelp
        | clap::error::ErrorKind::DisplayVersion
        | clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            e.exit_code()
        }
        _ => {
            eprint!("{}", clap_errors::render(&e));
            2
        }
    })
}

/// Parses arguments and runs the command.
pub fn run() -> i32 {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let env = std::env::var(msg::LANG_ENV).ok();
    msg::set_lang(Lang::chosen(&args, env.as_deref()));
    let cli = match parse(&args) {
        Ok(c) => c,
        Err(code) => return code,
    };
    // The same choice, unless clap read `--lang` where the early look did not.
    match cli.lang {
        Some(LangArg::Zh) => msg::set_lang(Lang::Zh),
        Some(LangArg::En) => msg::set_lang(Lang::En),
        None => {}
    }
    let code = match cli.command {
        Command::Score(a) => score_cmd::run(&a),
        Command::Rules(RulesCommand::Check { rules }) => rules_cmd::check(rules.as_ref()),
        Command::Rules(RulesCommand::Test { rules, filter }) => {
            rules_cmd::test(rules.as_ref(), filter.as_deref())
        }
        Command::Rules(RulesCommand::List { rules }) => rules_cmd::list(rules.as_ref()),
        Command::Rules(RulesCommand::Patterns { rules }) => rules_cmd::patterns(rules.as_ref()),
        Command::Rules(RulesCommand::Export { dir, force }) => rules_cmd::export(&dir, force),
        Command::Rules(RulesCommand::Diff(a)) => rules_diff_cmd::run(&a),
        Command::Rules(RulesCommand::Calibrate(a)) => calibrate_cmd::run(&a),
        Command::Explain { element, rules } => rules_cmd::explain(&element, rules.as_ref()),
        Command::Outline { path } => outline_cmd::run(&path),
        Command::Compare(a) => compare_cmd::run(&a),
    };
    stdout::finish(code)
}
