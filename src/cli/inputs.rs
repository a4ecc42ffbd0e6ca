//! The inputs of `lawscore score`: the paths named on the command line, with folders
//! walked. Links are followed (a loop or a broken link is an error naming it); lawscore's
//! own scorecard folders are skipped, by name; its temporary files and folders are never
//! read.

use super::{said, shown};
use lawscore::ingest::{io_reason, IngestError};
use lawscore::model::scorecard::ErrorRecord;
use lawscore::msg::t;
use lawscore::render::{is_temp_name, SCORECARD_MARK};
use std::fs;
use std::path::{Path, PathBuf};

/// The extensions of the files a folder walk picks up (named files are read whatever
/// their name).
const EXTENSIONS: &[&str] = &["txt", "html", "htm", "docx", "doc", "wps", "pdf", "ofd"];

/// One input: a path as the user will recognise it, or standard input.
pub enum Input {
    /// A file, named or found in a folder.
    File(PathBuf),
    /// `-`.
    Stdin,
}

impl Input {
    /// The input as a message on standard error shows it.
    pub fn shown(&self) -> String {
        match self {
            Input::File(p) => shown::path(p),
            Input::Stdin => "-".into(),
        }
    }
}

/// A path that could not be read or scored: the record for the output, the path as
/// standard error shows it (escaped, with the bytes the record's text cannot hold), and
/// why in a word, for the summary line.
pub struct Failure {
    /// As standard error shows the path.
    pub shown: String,
    /// The error record of the output.
    pub record: ErrorRecord,
    /// Why, as the summary counts it.
    pub reason: Reason,
}

/// Why a path failed, as the summary line at the end of a run counts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    /// Not there, or a link to nothing.
    Missing,
    /// There, but could not be read (permissions, a link loop, a device).
    Unreadable,
    /// Not text in an encoding lawscore reads, or mojibake.
    NotText,
    /// No text in it.
    Empty,
    /// A form lawscore does not read (RTF, .xls, images…), or a .doc it cannot.
    Unsupported,
    /// A broken .docx.
    BadDocx,
    /// Past a size or memory limit.
    TooLarge,
}

impl Reason {
    /// Why a file could not be scored.
    pub fn of(e: &IngestError) -> Reason {
        match e {
            IngestError::Empty => Reason::Empty,
            IngestError::NotText(_) | IngestError::Misread(_) => Reason::NotText,
            IngestError::Unsupported(_) => Reason::Unsupported,
            IngestError::BadDocx(_) => Reason::BadDocx,
            IngestError::TooLarge(_) => Reason::TooLarge,
            IngestError::Io(_) => Reason::Unreadable,
        }
    }

    /// The reason in a few words, as the summary says it ("1 份无法解码").
    pub fn text(self) -> &'static str {
        match self {
            Reason::Missing => t!("cli.reason.missing"),
            Reason::Unreadable => t!("cli.reason.unreadable"),
            Reason::NotText => t!("cli.reason.not_text"),
            Reason::Empty => t!("cli.reason.empty"),
            Reason::Unsupported => t!("cli.reason.unsupported"),
            Reason::BadDocx => t!("cli.reason.bad_docx"),
            Reason::TooLarge => t!("cli.reason.too_large"),
        }
    }
}

impl Failure {
    /// A failure at `p`.
    pub fn at(p: &Path, error: String, reason: Reason) -> Failure {
        Failure {
            shown: shown::path(p),
            record: ErrorRecord {
                path: p.display().to_string(),
                error,
            },
            reason,
        }
    }
}

/// What the named paths hold.
#[derive(Default)]
pub struct Collected {
    /// The inputs to score, in command-line order, folders in file-name order.
    pub inputs: Vec<Input>,
    /// Paths that could not be read.
    pub failures: Vec<Failure>,
}

/// The inputs named by `paths`; a scorecard folder, named or met in a walk, is said on
/// standard error and skipped.
pub fn collect(paths: &[PathBuf]) -> Collected {
    let mut c = Collected::default();
    for p in paths {
        if p.as_os_str() == "-" {
            c.inputs.push(Input::Stdin);
        } else if p.is_dir() {
            if is_scorecard_folder(p) {
                say_skipped(p);
            } else {
                walk(p, &mut c);
            }
        } else if p.exists() {
            c.inputs.push(Input::File(p.clone()));
        } else {
            c.failures.push(Failure::at(p, missing(p), Reason::Missing));
        }
    }
    c
}

/// Walks one folder, following links to files and folders.
fn walk(root: &Path, c: &mut Collected) {
    let walk = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || keep(e));
    for entry in walk {
        match entry {
            Ok(e) => {
                if e.file_type().is_file() && is_report_name(e.path()) {
                    c.inputs.push(Input::File(e.into_path()));
                }
            }
            Err(e) => c.failures.extend(walk_error(&e, root)),
        }
    }
}

/// Whether the walk goes into (or picks up) an entry: never into a temporary of a run or
/// a scorecard folder, which is said.
fn keep(e: &walkdir::DirEntry) -> bool {
    if is_temp_name(e.file_name()) {
        return false;
    }
    if e.file_type().is_dir() && is_scorecard_folder(e.path()) {
        say_skipped(e.path());
        return false;
    }
    true
}

/// Whether `dir` holds lawscore's HTML scorecards.
fn is_scorecard_folder(dir: &Path) -> bool {
    dir.join(SCORECARD_MARK).exists()
}

fn say_skipped(dir: &Path) {
    let dir = shown::path(dir);
    eprintln!("{}", said(t!("cli.skipped_scorecards", path = dir)));
}

fn is_report_name(p: &Path) -> bool {
    p.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()))
}

/// What a walk could not read: a link loop, a broken link to a report, an unreadable
/// folder. A broken link whose name is not a report's is passed over, as its target
/// would have been.
fn walk_error(e: &walkdir::Error, root: &Path) -> Option<Failure> {
    let path = e.path().unwrap_or(root);
    if let Some(ancestor) = e.loop_ancestor() {
        let why = t!("cli.link_loop", path = ancestor.display());
        return Some(Failure::at(path, why, Reason::Unreadable));
    }
    if is_broken_link(path) {
        return is_report_name(path).then(|| Failure::at(path, missing(path), Reason::Missing));
    }
    let why = match e.io_error() {
        Some(io) => t!("cli.cannot_read", why = io_reason(io)),
        None => e.to_string(),
    };
    Some(Failure::at(path, why, Reason::Unreadable))
}

fn is_broken_link(p: &Path) -> bool {
    fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink()) && fs::metadata(p).is_err()
}

/// Why a named path cannot be read: it is missing, or a link to something missing.
fn missing(p: &Path) -> String {
    match fs::read_link(p) {
        Ok(to) if is_broken_link(p) => t!("cli.broken_link", target = to.display()),
        _ => t!("cli.no_such_file").into(),
    }
}

/// The message when the paths named hold no report at all, naming them.
pub fn none_found(paths: &[PathBuf]) -> String {
    let named: Vec<String> = paths.iter().map(|p| shown::path(p)).collect();
    t!("cli.no_report_found", paths = named.join(", "))
}
