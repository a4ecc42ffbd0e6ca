//! `lawscore score`: collect inputs, score them in parallel, write one output.

use super::{load_rules, ScoreArgs};
use indicatif::{ProgressBar, ProgressStyle};
use lawscore::engine::{Engine, Scored};
use lawscore::model::scorecard::{ErrorRecord, Scorecard};
use lawscore::render::{self, Batch, OutputFormat, Templates};
use rayon::prelude::*;
use std::io::{IsTerminal, Read, Write};
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
        Input::Stdin => {
            let mut b = Vec::new();
            std::io::stdin()
                .read_to_end(&mut b)
                .map_err(|e| ErrorRecord {
                    path: "-".into(),
                    error: e.to_string(),
                })?;
            engine.score_bytes("-", &b).map_err(|e| ErrorRecord {
                path: "-".into(),
                error: e.to_string(),
            })
        }
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

/// Runs `lawscore score`.
pub fn run(a: &ScoreArgs) -> i32 {
    let pack = match load_rules(a.rules.as_ref()) {
        Ok(p) => p,
        Err(c) => return c,
    };
    for w in &pack.warnings {
        if !a.quiet {
            eprintln!("{w}");
        }
    }
    let templates = if a.format == OutputFormat::Html {
        let t = match &a.templates {
            Some(d) => Templates::from_dir(d),
            None => Ok(Templates::builtin()),
        };
        match t {
            Ok(t) => Some(t),
            Err(e) => {
                eprintln!("lawscore: invalid templates\n{e}");
                return 2;
            }
        }
    } else {
        None
    };
    if a.format == OutputFormat::Html && a.out.is_none() {
        eprintln!("lawscore: --format html writes a folder; give one with --out DIR");
        return 2;
    }
    let mut engine = match Engine::new(pack, a.profile.clone()) {
        Ok(e) => e,
        Err(m) => {
            eprintln!("lawscore: {m}");
            return 2;
        }
    };
    if let Some(label) = &a.encoding {
        match encoding_rs::Encoding::for_label(label.trim().as_bytes()) {
            Some(enc) => engine.encoding = Some(enc),
            None => {
                eprintln!("lawscore: unknown encoding `{label}`; use a WHATWG label such as gb18030, gbk, big5, utf-8, utf-16le");
                return 2;
            }
        }
    }
    if let Some(j) = a.jobs {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(j.max(1))
            .build_global();
    }
    let mut errors = Vec::new();
    let inputs = collect(&a.paths, &mut errors);
    let bar = if a.quiet || inputs.len() < 20 {
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
            let r = score_one(&engine, i);
            bar.inc(1);
            r
        })
        .collect();
    bar.finish_and_clear();
    let mut cards: Vec<Scorecard> = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    for r in results {
        match r {
            Ok(s) => {
                cards.push(s.card);
                texts.push(s.text);
            }
            Err(e) => errors.push(e),
        }
    }
    for e in &errors {
        eprintln!("lawscore: {}: {}", e.path, e.error);
    }
    let batch = Batch {
        cards: &cards,
        texts: &texts,
        errors: &errors,
        pack: &engine.pack,
    };
    let written = match a.format {
        OutputFormat::Html => {
            let dir = a.out.as_deref().expect("checked above");
            render::write_html_dir(dir, &batch, templates.as_ref().expect("loaded above"))
                .map_err(|e| e.to_string())
                .and_then(|_| {
                    let note = "HTML scorecards written by lawscore; folders holding this file are not read as reports.\n";
                    render::write_atomic(&dir.join(OUTPUT_MARK), note.as_bytes()).map_err(|e| e.to_string())
                })
        }
        OutputFormat::Json => write_out(a.out.as_deref(), &render::to_json(&batch)),
        OutputFormat::Jsonl => write_out(a.out.as_deref(), &render::to_jsonl(&batch)),
        OutputFormat::Csv => write_out(a.out.as_deref(), &render::to_csv(&batch)),
        OutputFormat::Text => {
            let color = match a.color.as_str() {
                "always" => true,
                "never" => false,
                _ => {
                    a.out.is_none()
                        && std::io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none()
                }
            };
            write_out(a.out.as_deref(), &render::to_text(&batch, color))
        }
    };
    if let Err(m) = written {
        eprintln!("lawscore: {m}");
        return 2;
    }
    if !errors.is_empty() {
        return 2;
    }
    if let Some(n) = a.fail_under {
        let below: Vec<&Scorecard> = cards.iter().filter(|c| c.score < n).collect();
        if !below.is_empty() {
            for c in &below {
                eprintln!(
                    "lawscore: {} scores {:.1}, below {n}",
                    c.source.path, c.score
                );
            }
            return 1;
        }
    }
    0
}
