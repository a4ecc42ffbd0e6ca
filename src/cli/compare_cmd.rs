//! `lawscore compare OLD NEW`: two reports of one issuer side by side — the score, the
//! elements gained and lost with their evidence, the points per category, and how much of
//! NEW stands already in OLD.

use super::{load_rules, said, shown};
use lawscore::engine::Engine;
use lawscore::history::{self, Aliases, Year};
use lawscore::model::history::{Comparison, COMPARE_SCHEMA};
use lawscore::msg::t;
use std::path::{Path, PathBuf};

/// Arguments of `lawscore compare`.
#[derive(clap::Args)]
pub struct CompareArgs {
    /// The older report (any form lawscore reads).
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The newer report.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// Rule folder (default: the built-in pack).
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// A profile defined in the rules (default: chosen from each report's level).
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: CompareFormat,
    /// Issuer aliases (YAML: canonical name → list of aliases), to tell one issuer under
    /// two names.
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
}

/// What `compare` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CompareFormat {
    /// A diff a person reads.
    Text,
    /// One JSON document (`lawscore.compare/1`).
    Json,
}

/// Runs `lawscore compare`: 0 once printed, 2 when a file, the rules or the aliases cannot
/// be read (the message names which).
pub fn run(a: &CompareArgs) -> i32 {
    let aliases = match a.aliases.as_deref().map(Aliases::load).transpose() {
        Ok(al) => al.unwrap_or_default(),
        Err(m) => return fail(&m),
    };
    let pack = match load_rules(a.rules.as_ref()) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let engine = match Engine::new(pack, a.profile.clone()) {
        Ok(e) => e,
        Err(m) => return fail(&m),
    };
    let (old, new) = match (year(&engine, &a.old), year(&engine, &a.new)) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(m), _) | (_, Err(m)) => return fail(&m),
    };
    let (h, same_issuer) = history::pair(&old, &new, &aliases);
    match a.format {
        CompareFormat::Text => say!("{}", history::text::history(&h, same_issuer).trim_end()),
        CompareFormat::Json => {
            let doc = Comparison {
                schema: COMPARE_SCHEMA.to_string(),
                ruleset: engine.pack.ruleset(),
                same_issuer,
                history: h,
            };
            let json = serde_json::to_string_pretty(&doc).expect("a comparison serializes");
            say!("{json}");
        }
    }
    0
}

/// Scores one of the two files; the error names it.
fn year(engine: &Engine, path: &Path) -> Result<Year, String> {
    let s = engine.score_file(path).map_err(|e| {
        let error = shown::text(&e.to_string());
        t!("cli.failed", path = shown::path(path), error = error)
    })?;
    Ok(Year::of(&s.card, &s.text))
}

fn fail(message: &str) -> i32 {
    eprintln!("{}", said(message));
    2
}
