//! `lawscore rules diff --rules NEW --against OLD CORPUS…`: every report of a corpus read
//! once and scored with both packs; what changed, by element and by score. Exit 1 when
//! anything changed (so it can gate a pack release), 0 when nothing did, 2 on bad input.
//! Also the corpus run and output writing `rules calibrate` shares.

use super::inputs::{self, Input};
use super::{load_rules, said};
use lawscore::calibrate::diff::{RulesDiff, ScoreChange, StatusChange};
use lawscore::calibrate::{status_word, Quote};
use lawscore::engine::{ordered, Engine};
use lawscore::ingest::IngestError;
use lawscore::model::scorecard::{ErrorRecord, RulesetRef};
use lawscore::msg::t;
use lawscore::render::Templates;
use lawscore::rules::RulePack;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The word that names the built-in pack where a rule folder is asked for.
pub const BUILTIN: &str = "builtin";

/// What `rules diff` and `rules calibrate` are written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AnalysisFormat {
    /// Readable lines, for a terminal.
    Text,
    /// One JSON document.
    Json,
    /// One self-contained page (needs `--out FILE`).
    Html,
}

/// The corpus and output options `rules diff` and `rules calibrate` share.
#[derive(clap::Args)]
pub struct CorpusArgs {
    /// Files or folders.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    // Its own id, so that its values' help is its own, not `score --format`'s.
    #[arg(
        id = "analysis_format",
        long = "format",
        value_enum,
        default_value = "text"
    )]
    pub format: AnalysisFormat,
    /// The file to write (html needs one); standard output otherwise.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Template folder for html (default: the built-in templates).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// A profile defined in the rules (default: chosen from each report's level).
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
}

/// Arguments of `rules diff`.
#[derive(clap::Args)]
pub struct DiffArgs {
    /// The pack being tried: a rule folder, or `builtin`.
    #[arg(long, value_name = "DIR", default_value = BUILTIN)]
    pub rules: PathBuf,
    /// The pack compared against: a rule folder, or `builtin`.
    #[arg(long, value_name = "DIR")]
    pub against: PathBuf,
    /// The corpus and the output.
    #[command(flatten)]
    pub corpus: CorpusArgs,
}

/// Loads a pack named by `--rules` / `--against`: `builtin` is the built-in pack.
pub fn load_named(dir: &Path) -> Result<RulePack, i32> {
    if dir.as_os_str() == BUILTIN {
        load_rules(None)
    } else {
        load_rules(Some(&dir.to_path_buf()))
    }
}

/// An engine over `pack` with the run's profile; a wrong profile is said and is status 2.
pub fn engine(pack: RulePack, a: &CorpusArgs) -> Result<Engine, i32> {
    Engine::new(pack, a.profile.clone()).map_err(|m| {
        eprintln!("{}", said(m));
        2
    })
}

/// The templates for `--format html`, which needs `--out`; none for other formats.
pub fn templates(a: &CorpusArgs) -> Result<Option<Templates>, i32> {
    if a.format != AnalysisFormat::Html {
        return Ok(None);
    }
    if a.out.is_none() {
        eprintln!("{}", said(t!("calibrate.html_needs_out")));
        return Err(2);
    }
    let loaded = match &a.templates {
        Some(d) => Templates::from_dir(d),
        None => Ok(Templates::builtin()),
    };
    loaded.map(Some).map_err(|e| {
        eprintln!("{}\n{e}", said(t!("cli.invalid_templates")));
        2
    })
}

/// Reads every file of the corpus on the `-j` workers and hands `see`'s result for each
/// to `take` in corpus order; a file that cannot be read goes to `failed` (and is said on
/// standard error). Standard input is refused: a corpus is files.
pub fn run_corpus<R: Send>(
    a: &CorpusArgs,
    see: impl Fn(&Path) -> Result<R, IngestError> + Sync,
    mut take: impl FnMut(R),
    mut failed: impl FnMut(ErrorRecord),
) -> Result<(), i32> {
    let found = inputs::collect(&a.paths);
    let mut fail = |path: String, error: String| {
        eprintln!("{}", said(t!("cli.failed", path = path, error = error)));
        failed(ErrorRecord { path, error });
    };
    for f in found.failures {
        fail(f.record.path, f.record.error);
    }
    let files: Vec<&PathBuf> = found
        .inputs
        .iter()
        .filter_map(|i| match i {
            Input::File(p) => Some(p),
            Input::Stdin => None,
        })
        .collect();
    if files.len() < found.inputs.len() {
        fail("-".into(), t!("calibrate.no_stdin").into());
    }
    if files.is_empty() {
        eprintln!("{}", said(inputs::none_found(&a.paths)));
        return Err(2);
    }
    let jobs = a.jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, usize::from),
        |j| j.max(1),
    );
    let work = |p: &&PathBuf| see(p);
    let done = ordered::run(&files, jobs, jobs * 4, work, |p, r| {
        match r {
            Ok(r) => take(r),
            Err(e) => fail(p.display().to_string(), e.to_string()),
        }
        Ok::<(), ()>(())
    });
    done.map(drop).map_err(|()| 2)
}

/// Writes the output whole: to `--out`, else to standard output.
pub fn emit(a: &CorpusArgs, text: &str) -> Result<(), i32> {
    match &a.out {
        Some(p) => lawscore::render::write_atomic(p, text.as_bytes()).map_err(|e| {
            let why = lawscore::ingest::io_reason(&e);
            eprintln!(
                "{}",
                said(t!("calibrate.cannot_write", path = p.display(), why = why))
            );
            2
        }),
        None => {
            say!("{}", text.trim_end_matches('\n'));
            Ok(())
        }
    }
}

/// A pack as a line names it: name, version and the start of its digest.
pub fn pack_name(r: &RulesetRef) -> String {
    let digest = r.digest.strip_prefix("sha256:").unwrap_or(&r.digest);
    let short: String = digest.chars().take(12).collect();
    let (name, version) = (&r.name, &r.version);
    t!(
        "calibrate.pack",
        name = name,
        version = version,
        digest = short
    )
}

/// `rules diff`.
pub fn run(a: &DiffArgs) -> i32 {
    match diff(a) {
        Ok(code) => code,
        Err(code) => code,
    }
}

fn diff(a: &DiffArgs) -> Result<i32, i32> {
    let c = &a.corpus;
    let templates = templates(c)?;
    let new = engine(load_named(&a.rules)?, c)?;
    let old = engine(load_named(&a.against)?, c)?;
    let diff = std::cell::RefCell::new(RulesDiff::new(&old.pack, &new.pack));
    let see = |p: &Path| {
        new.with_document(p, |doc, source| {
            (
                old.score_document(doc, source.clone()),
                new.score_document(doc, source),
            )
        })
        .map(|(cards, _text)| cards)
    };
    run_corpus(
        c,
        see,
        |(o, n)| diff.borrow_mut().add(&o, &n),
        |e| diff.borrow_mut().add_error(e),
    )?;
    let diff = diff.into_inner().finish();
    let out = match c.format {
        AnalysisFormat::Text => text(&diff),
        AnalysisFormat::Json => json(&diff),
        AnalysisFormat::Html => {
            let t = templates.expect("loaded for html");
            let budget = (diff.counts.reports, diff.shown_bytes());
            t.analysis_page("rules_diff.html", &diff, &new.pack, budget)
                .map_err(|e| {
                    eprintln!("{}", said(e));
                    2
                })?
        }
    };
    emit(c, &out)?;
    Ok(if !diff.errors.is_empty() {
        2
    } else {
        i32::from(diff.changed())
    })
}

/// JSON with a final newline.
pub fn json(v: &impl serde::Serialize) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("analyses serialise");
    s.push('\n');
    s
}

/// The diff as lines for a terminal.
fn text(d: &RulesDiff) -> String {
    let mut s = String::new();
    let (old, new, reports) = (pack_name(&d.old), pack_name(&d.new), d.counts.reports);
    let _ = writeln!(
        s,
        "{}",
        t!(
            "calibrate.diff.head",
            old = old,
            new = new,
            reports = reports
        )
    );
    if !d.changed() {
        let _ = writeln!(s, "{}", t!("calibrate.diff.none", reports = reports));
        return s;
    }
    let k = &d.counts;
    let (changed, status, scores) = (k.changed, k.status_changes, k.score_changes);
    let line = t!(
        "calibrate.diff.counts",
        changed = changed,
        status = status,
        scores = scores
    );
    let _ = writeln!(s, "{line}");
    for e in &d.elements {
        let (id, title, category, n) = (&e.id, &e.title, &e.category_title, e.changed);
        let head = t!(
            "calibrate.diff.element",
            id = id,
            title = title,
            category = category,
            n = n
        );
        let _ = writeln!(s, "\n{head}");
        for c in &e.changes {
            change_lines(&mut s, c);
        }
    }
    if !d.scores.is_empty() {
        let _ = writeln!(s, "\n{}", t!("calibrate.diff.scores"));
    }
    for c in &d.scores {
        score_line(&mut s, c);
    }
    s
}

/// One report's change of score, and of grade if it changed.
fn score_line(s: &mut String, c: &ScoreChange) {
    let (path, old, new) = (&c.path, format!("{:.1}", c.old), format!("{:.1}", c.new));
    let delta = format!("{:+.1}", c.delta);
    let (og, ng) = (&c.old_grade, &c.new_grade);
    let line = if og == ng {
        t!(
            "calibrate.diff.score_same_grade",
            path = path,
            old = old,
            new = new,
            delta = delta,
            grade = og
        )
    } else {
        t!(
            "calibrate.diff.score",
            path = path,
            old = old,
            new = new,
            delta = delta,
            old_grade = og,
            new_grade = ng
        )
    };
    let _ = writeln!(s, "{line}");
}

/// One report's change of an element: the statuses, then the evidence on each side.
fn change_lines(s: &mut String, c: &StatusChange) {
    let (path, old, new) = (&c.path, status_word(c.old), status_word(c.new));
    let _ = writeln!(
        s,
        "{}",
        t!("calibrate.diff.change", path = path, old = old, new = new)
    );
    let side = |s: &mut String, label: &str, quotes: &[Quote]| {
        if quotes.is_empty() {
            let _ = writeln!(s, "{}", t!("calibrate.diff.no_quote", side = label));
        }
        for q in quotes {
            let (at, text) = (&q.at, &q.text);
            let _ = writeln!(
                s,
                "{}",
                t!("calibrate.diff.quote", side = label, at = at, text = text)
            );
        }
    };
    side(s, t!("calibrate.diff.old"), &c.old_evidence);
    side(s, t!("calibrate.diff.new"), &c.new_evidence);
}
