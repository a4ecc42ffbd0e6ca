//! The inputs of `lawscore score`: the paths named on the command line, with folders
//! walked. Links are followed (a loop or a broken link is an error naming it); lawscore's
//! own scorecard folders are skipped, by name; its temporary files and folders are never
//! read.

use super::shown;
use lawscore::model::scorecard::ErrorRecord;
use lawscore::render::{is_temp_name, SCORECARD_MARK};
use std::fs;
use std::path::{Path, PathBuf};

/// The extensions of the files a folder walk picks up (named files are read whatever
/// their name).
const EXTENSIONS: &[&str] = &["txt", "html", "htm", "docx"];

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

/// A path that could not be read or scored: the record for the output, and the path as
/// standard error shows it (escaped, with the bytes the record's text cannot hold).
pub struct Failure {
    /// As standard error shows the path.
    pub shown: String,
    /// The error record of the output.
    pub record: ErrorRecord,
}

impl Failure {
    /// A failure at `p`.
    pub fn at(p: &Path, error: String) -> Failure {
        Failure {
            shown: shown::path(p),
            record: ErrorRecord {
                path: p.display().to_string(),
                error,
            },
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
            c.failures.push(Failure::at(p, missing(p)));
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
    eprintln!(
        "lawscore: {} is a lawscore scorecard folder, skipped",
        shown::path(dir)
    );
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
        let why = format!(
            "a link loop: it leads back to {}, a folder already being walked",
            ancestor.display()
        );
        return Some(Failure::at(path, why));
    }
    if is_broken_link(path) {
        return is_report_name(path).then(|| Failure::at(path, missing(path)));
    }
    let why = match e.io_error() {
        Some(io) => format!("cannot read: {io}"),
        None => e.to_string(),
    };
    Some(Failure::at(path, why))
}

fn is_broken_link(p: &Path) -> bool {
    fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink()) && fs::metadata(p).is_err()
}

/// Why a named path cannot be read: it is missing, or a link to something missing.
fn missing(p: &Path) -> String {
    match fs::read_link(p) {
        Ok(to) if is_broken_link(p) => {
            format!(
                "a broken link: what it points to, {}, does not exist",
                to.display()
            )
        }
        _ => "no such file or folder".into(),
    }
}

/// The message when the paths named hold no report at all, naming them.
pub fn none_found(paths: &[PathBuf]) -> String {
    let named: Vec<String> = paths.iter().map(|p| shown::path(p)).collect();
    format!(
        "未找到报告 (no report found) in {}: lawscore reads .txt, .html, .htm and .docx files \
         ('-' for standard input) and skips its own scorecard folders",
        named.join(", ")
    )
}
