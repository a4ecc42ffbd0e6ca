//! The published forms of every fixture and seed report, made by tests/forms/make_forms.py
//! once per test binary and kept under cargo's test temp dir, keyed by the digest of the
//! scripts and the reports, so a second run (or a second test binary) reuses them.
//! Included by the tests that need them with `#[path = "forms/generated.rs"]`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// One report the forms are made from.
pub struct Report {
    /// File stem; every form's file name starts with it.
    pub stem: String,
    /// The plain text, the form every other form is judged against.
    pub text: String,
}

/// Where the forms are and what they were made from.
pub struct Forms {
    /// The folder make_forms.py wrote.
    pub dir: PathBuf,
    /// The reports, fixtures first, then seeds.
    pub reports: Vec<Report>,
}

impl Forms {
    /// The bytes of `report`'s form whose file name ends in `suffix`.
    pub fn bytes(&self, report: &Report, suffix: &str) -> (String, Vec<u8>) {
        let name = format!("{}{suffix}", report.stem);
        let p = self.dir.join(&name);
        let b = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        (name, b)
    }
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The plain-text reports: tests/fixtures/reports and /blind, then the seeds.
fn inputs() -> Vec<PathBuf> {
    let mut dirs = vec![
        manifest().join("tests/fixtures/reports"),
        manifest().join("tests/fixtures/blind"),
    ];
    dirs.extend(crate::common::seeds_dir().map(|d| manifest().join(d)));
    let mut out = Vec::new();
    for d in dirs {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&d)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        out.extend(files);
    }
    out
}

/// Whether the tools make_forms.py runs are here; `absent` otherwise.
fn tools() -> bool {
    let python = Command::new("python3")
        .args(["-c", "import reportlab"])
        .output()
        .is_ok_and(|o| o.status.success());
    let office = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let poppler = Command::new("pdftocairo").arg("-v").output().is_ok();
    if !(python && office && poppler) {
        crate::common::absent(
            "python3 with reportlab, LibreOffice (soffice) or poppler (pdftocairo)",
            "run .ci/setup-forms",
        );
    }
    python && office && poppler
}

fn key(files: &[PathBuf]) -> String {
    let mut all = Vec::new();
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(manifest().join("tests/forms"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    scripts.sort();
    for p in scripts.iter().chain(files) {
        all.extend(p.file_name().unwrap().as_encoded_bytes());
        all.extend(std::fs::read(p).unwrap());
    }
    lawscore::digest::sha256_hex(&all)[..16].to_string()
}

fn make(dir: &Path, files: &[PathBuf]) {
    let tmp = dir.with_extension(format!("tmp{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let o = Command::new("python3")
        .arg(manifest().join("tests/forms/make_forms.py"))
        .arg(&tmp)
        .args(files)
        .output()
        .expect("run python3");
    assert!(
        o.status.success(),
        "tests/forms/make_forms.py failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // another test binary may have made the same forms meanwhile: theirs are as good
    if std::fs::rename(&tmp, dir).is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
}

/// The forms, made on first use; `None` (after `absent`) when the tools are missing.
pub fn forms() -> Option<&'static Forms> {
    static FORMS: OnceLock<Option<Forms>> = OnceLock::new();
    FORMS
        .get_or_init(|| {
            if !tools() {
                return None;
            }
            let files = inputs();
            let dir =
                PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("forms-{}", key(&files)));
            if !dir.is_dir() {
                make(&dir, &files);
            }
            let reports = files
                .iter()
                .map(|p| Report {
                    stem: p.file_stem().unwrap().to_string_lossy().into_owned(),
                    text: std::fs::read_to_string(p).unwrap(),
                })
                .collect();
            Some(Forms { dir, reports })
        })
        .as_ref()
}
