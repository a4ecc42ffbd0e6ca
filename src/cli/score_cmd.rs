//! `lawscore score`: collect inputs, score them in parallel, write one output.

use super::{load_rules, ColorWhen, ScoreArgs};
use indicatif::{ProgressBar, ProgressStyle};
use lawscore::engine::{Engine, Scored};
use lawscore::model::scorecard::{ErrorRecord, Scorecard};
use lawscore::render::{self, Batch, OutputFormat, Templates};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

const EXTENSIONS: &[&str] = &["txt", "html", "htm", "docx"];

/// One input: a path as the user will recognise it, or standard input.
enum Input {
    File(PathBuf),
    Stdin,
}

/// Marks a folder of HTML scorecards, so that walking a reports folder that contains
/// one never reads the scorecards back as reports.
const OUTPUT_MARK: &str = ".lawscore-scorecards";

/// Inputs named on the command line; folders are walked, skipping scorecard folders.
fn collect(paths: &[PathBuf], errors: &mut Vec<ErrorRecord>) -> Vec<Input> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin);
        } else if p.is_dir() {
            let walk = walkdir::WalkDir::new(p).sort_by_file_name().into_iter();
            let walk = walk
                .filter_entry(|e| !(e.file_type().is_dir() && e.path().join(OUTPUT_MARK).exists()));
            for entry in walk {
                match entry {
                    Ok(e) => {
                        let ext = e
                            .path()
                            .extension()
                            .and_then(|x| x.to_str())
                            .map(str::to_ascii_lowercase);
                        if e.file_type().is_file()
                            && ext.is_some_and(|x| EXTENSIONS.contains(&x.as_str()))
                        {
                            out.push(Input::File(e.into_path()));
                        }
                    }
                    Err(e) => errors.push(ErrorRecord {
                        path: e.path().unwrap_or(p).display().to_string(),
                        error: e.to_string(),
                    }),
                }
            }
        } else if p.exists() {
            out.push(Input::File(p.clone()));
        } else {
            errors.push(ErrorRecord {
                path: p.display().to_string(),
                error: "no such file or folder".into(),
            });
        }
    }
    out
}

fn score_one(engine: &Engine, input: &Input) -> Result<Scored, ErrorRecord> {
    match input {
        Input::Stdin => engine
            .score_reader("-", std::io::stdin().lock())
            .map_err(|e| ErrorRecord {
                path: "-".into(),
                error: e.to_string(),
            }),
        Input::File(p) => engine.score_file(p).map_err(|e| ErrorRecord {
            path: p.display().to_string(),
            error: e.to_string(),
        }),
    }
}

fn write_out(out: Option<&Path>, text: &str) -> Result<(), String> {
    match out {
        Some(p) => render::write_atomic(p, text.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", p.display())),
        None => {
            let mut so = std::io::stdout().lock();
            // A closed pipe (| head) is not an error worth a message.
            let _ = so.write_all(text.as_bytes());
            Ok(())
        }
    }
}

/// Runs `lawscore score`: set up, gather the inputs, score them, write one output, then
/// settle the exit status.
pub fn run(a: &ScoreArgs) -> i32 {
    let setup = match Setup::new(a) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let mut errors = Vec::new();
    let inputs = collect(&a.paths, &mut errors);
    let (cards, texts) = score_all(&setup.engine, &inputs, a.quiet, &mut errors);
    for e in &errors {
        eprintln!("lawscore: {}: {}", e.path, e.error);
    }
    let batch = Batch {
        cards: &cards,
        texts: &texts,
        errors: &errors,
        pack: &setup.engine.pack,
    };
    if let Err(m) = write(a, &batch, setup.templates.as_ref()) {
        eprintln!("lawscore: {m}");
        return 2;
    }
    if !errors.is_empty() {
        return 2;
    }
    a.fail_under.map_or(0, |n| gate(&cards, n))
}

/// What every report is scored and written with, checked before any file is read.
struct Setup {
    engine: Engine,
    /// Loaded for `--format html` only.
    templates: Option<Templates>,
}

impl Setup {
    /// Loads rules and templates and checks the options against each other; on failure
    /// the message is printed and the exit status returned.
    fn new(a: &ScoreArgs) -> Result<Setup, i32> {
        let pack = load_rules(a.rules.as_ref())?;
        if !a.quiet {
            for w in &pack.warnings {
                eprintln!("{w}");
            }
        }
        let templates = load_templates(a)?;
        let mut engine = Engine::new(pack, a.profile.clone()).map_err(fail)?;
        if let Some(label) = &a.encoding {
            engine.encoding = Some(encoding(label).map_err(fail)?);
        }
        if let Some(j) = a.jobs {
            // Set once per process; a second call (never made here) would only fail.
            let _ = rayon::ThreadPoolBuilder::new()
                .num_threads(j.max(1))
                .build_global();
        }
        Ok(Setup { engine, templates })
    }
}

/// Prints a setup error and gives the exit status for it.
fn fail(message: String) -> i32 {
    eprintln!("lawscore: {message}");
    2
}

/// The templates for `--format html` (which also needs `--out`); none for other formats.
fn load_templates(a: &ScoreArgs) -> Result<Option<Templates>, i32> {
    if a.format != OutputFormat::Html {
        return Ok(None);
    }
    let loaded = match &a.templates {
        Some(d) => Templates::from_dir(d),
        None => Ok(Templates::builtin()),
    };
    let t = loaded.map_err(|e| {
        eprintln!("lawscore: invalid templates\n{e}");
        2
    })?;
    if a.out.is_none() {
        return Err(fail(
            "--format html writes a folder; give one with --out DIR".into(),
        ));
    }
    Ok(Some(t))
}

/// The encoding `--encoding` names.
fn encoding(label: &str) -> Result<&'static encoding_rs::Encoding, String> {
    encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
        format!("unknown encoding `{label}`; use a WHATWG label such as gb18030, gbk, big5, utf-8, utf-16le")
    })
}

/// Scores every input in parallel, in input order: the scorecards and their texts, with
/// the inputs that failed added to `errors`.
fn score_all(
    engine: &Engine,
    inputs: &[Input],
    quiet: bool,
    errors: &mut Vec<ErrorRecord>,
) -> (Vec<Scorecard>, Vec<String>) {
    // A bar for a handful of files only flickers.
    let bar = if quiet || inputs.len() < 20 {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(inputs.len() as u64)
    };
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let results: Vec<Result<Scored, ErrorRecord>> = inputs
        .par_iter()
        .map(|i| {
            let r = score_one(engine, i);
            bar.inc(1);
            r
        })
        .collect();
    bar.finish_and_clear();
    let mut cards = Vec::new();
    let mut texts = Vec::new();
    for r in results {
        match r {
            Ok(s) => {
                cards.push(s.card);
                texts.push(s.text);
            }
            Err(e) => errors.push(e),
        }
    }
    (cards, texts)
}

/// Writes the batch in the format asked for.
fn write(a: &ScoreArgs, batch: &Batch, templates: Option<&Templates>) -> Result<(), String> {
    let out = a.out.as_deref();
    match a.format {
        OutputFormat::Html => write_html(
            out.expect("checked in load_templates"),
            batch,
            templates.expect("loaded for html"),
        ),
        OutputFormat::Json => write_out(out, &render::to_json(batch)),
        OutputFormat::Jsonl => write_out(out, &render::to_jsonl(batch)),
        OutputFormat::Csv => write_out(out, &render::to_csv(batch)),
        OutputFormat::Text => write_out(out, &render::to_text(batch, paint(a.color, out))),
    }
}

/// Writes the HTML folder and marks it, so a later walk of a parent folder skips it.
fn write_html(dir: &Path, batch: &Batch, templates: &Templates) -> Result<(), String> {
    render::write_html_dir(dir, batch, templates).map_err(|e| e.to_string())?;
    let note =
        "HTML scorecards written by lawscore; folders holding this file are not read as reports.\n";
    render::write_atomic(&dir.join(OUTPUT_MARK), note.as_bytes()).map_err(|e| e.to_string())
}

/// Whether text output is painted: `auto` paints only a terminal, and honours `NO_COLOR`.
fn paint(when: ColorWhen, out: Option<&Path>) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            out.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none()
        }
    }
}

/// The `--fail-under` gate: 1 (naming each report) when any report scores below `n`.
fn gate(cards: &[Scorecard], n: f64) -> i32 {
    let below: Vec<&Scorecard> = cards.iter().filter(|c| c.score < n).collect();
    for c in &below {
        eprintln!(
            "lawscore: {} scores {:.1}, below {n}",
            c.source.path, c.score
        );
    }
    i32::from(!below.is_empty())
}
