//! Streamed output is what was recorded, byte for byte, in every format, and a run holds
//! no more than its window of reports at once.
//!
//! `tests/golden/streams.sha256` holds the SHA-256 of what lawscore writes for the fixture
//! reports, a file given twice, an empty file and a missing one — JSON, JSON Lines, CSV,
//! text plain and coloured, and every file of the HTML folder — in Chinese (the default
//! language), with the pack's version and digest (which change with any edit of the pack)
//! set aside as `tests/json_unchanged.rs` does. First recorded with the build before
//! streaming (`lawscore-808713d`), so streaming changed no byte; re-recorded once the
//! outputs changed on purpose (issue 12: Chinese messages, CSV points, positions, the card,
//! the pages), after checking that the JSON differs from 808713d's only by the added
//! `profile_title` and `paragraph` fields. Record with `LAWSCORE_STREAMS_RECORD_WITH=<a
//! release build> cargo test --release --test stream_outputs`.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use lawscore::digest::sha256_hex;
use lawscore::engine::{ordered, Engine};
use lawscore::render::{OutputFormat, Renderer};

const RECORD: &str = "tests/golden/streams.sha256";

/// The inputs every format is run on: paths as given, so the shown paths (and the page
/// names made from them) are the same wherever the test runs.
const INPUTS: &[&str] = &[
    "tests/fixtures/reports",
    "tests/fixtures/reports/weak.txt",
    "tests/golden/streams/empty.txt",
    "tests/golden/streams/missing.txt",
];

/// The binary that writes the outputs compared: this build, or the one recording.
fn binary() -> (PathBuf, bool) {
    match std::env::var_os("LAWSCORE_STREAMS_RECORD_WITH") {
        Some(b) => (PathBuf::from(b), true),
        None => (PathBuf::from(env!("CARGO_BIN_EXE_lawscore")), false),
    }
}

/// Runs `bin score -q -j2 ARGS INPUTS`, checking the exit status (2: two inputs fail).
fn score(bin: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new(bin)
        .args(["score", "-q", "-j2", "--no-reuse"])
        .args(args)
        .env("LAWSCORE_LANG", "zh")
        .args(INPUTS)
        .output()
        .expect("run lawscore");
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The pack's version and digest as the outputs print them, longest first.
fn pack_marks(bin: &Path) -> Vec<(String, &'static str)> {
    let jsonl = score(bin, &["--format", "jsonl"]);
    let first = jsonl.split(|&b| b == b'\n').next().unwrap();
    let card: serde_json::Value = serde_json::from_slice(first).unwrap();
    let rs = &card["ruleset"];
    let digest = rs["digest"].as_str().unwrap().to_string();
    let hex = digest.trim_start_matches("sha256:").to_string();
    vec![
        (digest, "DIGEST"),
        (hex.clone(), "DIGEST"),
        (hex.chars().take(12).collect(), "DIGEST"),
        (rs["version"].as_str().unwrap().to_string(), "VERSION"),
    ]
}

fn set_aside(bytes: &[u8], marks: &[(String, &str)]) -> String {
    let mut s = String::from_utf8(bytes.to_vec()).expect("UTF-8 output");
    for (from, to) in marks {
        s = s.replace(from.as_str(), to);
    }
    s
}

/// Every output's digest, by name.
fn outputs(bin: &Path) -> BTreeMap<String, String> {
    let marks = pack_marks(bin);
    let mut all = BTreeMap::new();
    for (name, args) in [
        ("json", &["--format", "json"][..]),
        ("jsonl", &["--format", "jsonl"]),
        ("csv", &["--format", "csv"]),
        ("text", &["--format", "text"]),
        ("text-color", &["--format", "text", "--color", "always"]),
    ] {
        let s = set_aside(&score(bin, args), &marks);
        all.insert(name.to_string(), sha256_hex(s.as_bytes()));
    }
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let site_arg = site.to_string_lossy().into_owned();
    score(bin, &["--format", "html", "--out", &site_arg]);
    for entry in std::fs::read_dir(&site).unwrap() {
        let entry = entry.unwrap();
        let s = set_aside(&std::fs::read(entry.path()).unwrap(), &marks);
        let name = format!("html/{}", entry.file_name().to_string_lossy());
        all.insert(name, sha256_hex(s.as_bytes()));
    }
    all
}

#[test]
fn every_format_is_byte_identical_to_its_record() {
    let (bin, recording) = binary();
    let now: String = outputs(&bin)
        .into_iter()
        .map(|(name, digest)| format!("{digest}  {name}\n"))
        .collect();
    if recording {
        std::fs::write(RECORD, &now).unwrap();
        return;
    }
    let before = std::fs::read_to_string(RECORD).expect("tests/golden/streams.sha256");
    let changed: Vec<&str> = before
        .lines()
        .zip(now.lines())
        .filter(|(b, n)| b != n)
        .map(|(b, _)| b)
        .collect();
    assert_eq!(before.lines().count(), now.lines().count(), "{now}");
    assert!(
        changed.is_empty(),
        "outputs changed: {changed:?}\nnow:\n{now}"
    );
}

fn engine() -> Engine {
    let pack = lawscore::rules::RulePack::builtin().expect("the built-in pack");
    Engine::new(pack, None).unwrap()
}

/// Counts the values of a kind alive at once.
struct Live {
    now: AtomicUsize,
    peak: AtomicUsize,
}

impl Live {
    fn new() -> Live {
        Live {
            now: AtomicUsize::new(0),
            peak: AtomicUsize::new(0),
        }
    }
    fn born(&self) {
        let n = self.now.fetch_add(1, Ordering::SeqCst) + 1;
        self.peak.fetch_max(n, Ordering::SeqCst);
    }
    fn died(&self) {
        self.now.fetch_sub(1, Ordering::SeqCst);
    }
    fn peak(&self) -> usize {
        self.peak.load(Ordering::SeqCst)
    }
}

/// A value counted in a [`Live`] while it lives.
struct Counted<'a, T>(T, &'a Live);

impl<'a, T> Counted<'a, T> {
    fn new(v: T, live: &'a Live) -> Counted<'a, T> {
        live.born();
        Counted(v, live)
    }
}

impl<T> Drop for Counted<'_, T> {
    fn drop(&mut self) {
        self.1.died();
    }
}

#[test]
fn scorecards_held_at_once_never_exceed_the_window() {
    let engine = engine();
    let r = Renderer::new(OutputFormat::Html, &engine.pack);
    let files: Vec<PathBuf> = std::fs::read_dir("tests/fixtures/reports")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    let inputs: Vec<&PathBuf> = files.iter().cycle().take(60).collect();
    let (cards, pieces) = (Live::new(), Live::new());
    let (threads, window) = (3, 4);
    let mut taken = Vec::new();
    let stats = ordered::run(
        &inputs,
        threads,
        window,
        |p| {
            let scored = Counted::new(engine.score_file(p).unwrap(), &cards);
            let piece = r.piece(&scored.0.card, &scored.0.text).unwrap();
            // The card and its text go here, before the piece waits its turn.
            drop(scored);
            Counted::new(piece, &pieces)
        },
        |p, piece| {
            taken.push((p.to_string_lossy().into_owned(), piece.0.score()));
            Ok::<(), ()>(())
        },
    )
    .unwrap();
    assert!(
        cards.peak() <= threads,
        "{} scorecards at once",
        cards.peak()
    );
    assert!(pieces.peak() <= window, "{} pieces at once", pieces.peak());
    assert!(stats.peak_held <= window, "{stats:?}");
    let order: Vec<String> = inputs
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    assert_eq!(taken.iter().map(|t| t.0.clone()).collect::<Vec<_>>(), order);
}

#[test]
fn the_overview_keeps_no_report_text() {
    let engine = engine();
    let r = Renderer::new(OutputFormat::Html, &engine.pack);
    let scored = engine.score_file(&common::fixture("complete.txt")).unwrap();
    let piece = r.piece(&scored.card, &scored.text).unwrap();
    let kept = format!(
        "{:?}",
        piece.overview_row().expect("an HTML piece keeps a row")
    );
    let card = &scored.card;
    let title = card.meta.title.clone().unwrap_or_default();
    let mut quoted: Vec<&str> = card
        .elements
        .iter()
        .flat_map(|e| e.evidence.iter().map(|ev| ev.text.as_str()))
        .chain(card.indicators.iter().map(|f| f.text.as_str()))
        .collect();
    assert!(!quoted.is_empty(), "the fixture quotes the report");
    // Every line of the body with some length, but the title the overview shows.
    quoted.extend(scored.text.lines().map(str::trim).filter(|l| l.len() > 30));
    // What the overview does show of a report — its title, issuer, date — may be quoted
    // as evidence too.
    let meta = [&card.meta.issuer, &card.meta.date];
    let shown = |q: &str| title.contains(q) || meta.iter().any(|m| m.as_deref() == Some(q));
    for q in quoted.into_iter().filter(|q| !shown(q.trim())) {
        assert!(!kept.contains(q), "the overview row keeps {q:?}");
    }
    assert!(
        kept.len() * 4 < scored.text.len(),
        "{} bytes kept of a {}-byte report",
        kept.len(),
        scored.text.len()
    );
}

#[test]
fn a_full_disk_mid_stream_is_exit_2_in_every_format() {
    for format in ["json", "jsonl", "csv", "text"] {
        let full = std::fs::File::create("/dev/full").unwrap();
        let o = Command::new(env!("CARGO_BIN_EXE_lawscore"))
            .env("LAWSCORE_LANG", "en")
            .args(["score", "-q", "--format", format, "tests/fixtures/reports"])
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(common::code(&o), 2, "{format}");
        assert!(
            common::stderr(&o).contains("cannot write to standard output"),
            "{format}: {}",
            common::stderr(&o)
        );
    }
}
