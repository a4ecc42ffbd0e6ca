//! A report in traditional characters scores exactly as its simplified original.
//!
//! Every fixture report and every seed (../shared/corpus/seeds) is converted to traditional
//! with OpenCC's s2t (the same crate whose t2s data the fold uses, here with its s2t
//! dictionaries as a dev-dependency), scored, and compared with the simplified original:
//! profile, score, every element's status and points, metadata, sections, indicators.
//! Quoted strings (metadata, evidence, indicator sentences) come from the traditional text,
//! so they are compared after folding both sides, and every evidence quote must stand in
//! the traditional line it points at. Where s2t rewrote a word rather than its characters
//! (坐标 → 座標, which folds to 座标), a quote may instead equal the folded s2t of the
//! simplified quote: that difference is the converter's vocabulary, not lawscore's.

mod common;

use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;
use lawscore::engine::Engine;
use lawscore::fold::fold;
use lawscore::model::scorecard::{Evidence, Scorecard, SectionInfo};
use lawscore::rules::RulePack;
use std::path::{Path, PathBuf};

fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

/// A simplified quote and a traditional one, as the comparison sees them: the traditional
/// side folded, the simplified side folded, or its s2t folded when that is what matches.
fn quotes(s2t: &OpenCC, simplified: &str, traditional: &str) -> (String, String) {
    let (a, b) = (fold(simplified), fold(traditional));
    if a == b {
        return (a, b);
    }
    (fold(&s2t.convert(simplified)), b)
}

fn opt_quotes(s2t: &OpenCC, a: &Option<String>, b: &Option<String>) -> (String, String) {
    match (a, b) {
        (Some(x), Some(y)) => quotes(s2t, x, y),
        _ => (format!("{a:?}"), format!("{b:?}")),
    }
}

/// Differences between the simplified card `a` and the traditional card `b`.
fn differences(s2t: &OpenCC, a: &Scorecard, b: &Scorecard) -> Vec<String> {
    let mut wrong = Vec::new();
    let mut same = |what: &str, x: String, y: String| {
        if x != y {
            wrong.push(format!("{what}: simplified {x} vs traditional {y}"));
        }
    };
    same("profile", a.profile.clone(), b.profile.clone());
    same("score", a.score.to_string(), b.score.to_string());
    same("grade", a.grade.to_string(), b.grade.to_string());
    let (ma, mb) = (&a.meta, &b.meta);
    let (x, y) = opt_quotes(s2t, &ma.title, &mb.title);
    same("title", x, y);
    let (x, y) = opt_quotes(s2t, &ma.issuer, &mb.issuer);
    same("issuer", x, y);
    same("year", format!("{:?}", ma.year), format!("{:?}", mb.year));
    let (x, y) = opt_quotes(s2t, &ma.date, &mb.date);
    same("date", x, y);
    same("level", ma.level.to_string(), mb.level.to_string());
    same(
        "elements",
        a.elements.len().to_string(),
        b.elements.len().to_string(),
    );
    for (x, y) in a.elements.iter().zip(&b.elements) {
        same(&x.id, x.status.as_str().into(), y.status.as_str().into());
        same(
            &format!("{} points", x.id),
            x.points.to_string(),
            y.points.to_string(),
        );
        let lines = |e: &[Evidence]| format!("{:?}", e.iter().map(|v| v.line).collect::<Vec<_>>());
        same(
            &format!("{} evidence lines", x.id),
            lines(&x.evidence),
            lines(&y.evidence),
        );
    }
    same(
        "sections",
        a.sections.len().to_string(),
        b.sections.len().to_string(),
    );
    for (x, y) in a.sections.iter().zip(&b.sections) {
        let (hx, hy) = quotes(s2t, &x.heading, &y.heading);
        let at = |s: &SectionInfo, h| format!("{}:{}-{} {h}", s.kind, s.line_start, s.line_end);
        same("section", at(x, hx), at(y, hy));
    }
    same(
        "indicators",
        a.indicators.len().to_string(),
        b.indicators.len().to_string(),
    );
    for (x, y) in a.indicators.iter().zip(&b.indicators) {
        let (tx, ty) = quotes(s2t, &x.text, &y.text);
        same(
            "indicator",
            format!("{}={} @{} {tx}", x.id, x.value, x.line),
            format!("{}={} @{} {ty}", y.id, y.value, y.line),
        );
    }
    wrong
}

/// Evidence quotes of `card` that do not stand in the line of `text` they point at.
fn misquoted(card: &Scorecard, text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let evidence = card.elements.iter().flat_map(|e| {
        let near = e.near_miss.iter().map(|n| &n.evidence);
        e.evidence.iter().chain(near).map(move |v| (&e.id, v))
    });
    let mut bad = Vec::new();
    for (id, ev) in evidence {
        let line = lines.get(ev.line - 1).copied().unwrap_or_default();
        let quote = ev.text.trim_matches('…');
        let quoted = quote.split('…').all(|part| line.contains(part.trim()));
        if !quoted || !ev.matched.iter().all(|m| line.contains(m.as_str())) {
            bad.push(format!(
                "{id}: line {} {:?} not in {:?}",
                ev.line, ev.text, line
            ));
        }
    }
    bad
}

/// Scores `simplified` and its traditional conversion; returns what differs.
fn compare(engine: &Engine, s2t: &OpenCC, name: &str, simplified: &str) -> Vec<String> {
    let traditional = s2t.convert(simplified);
    let changed = simplified
        .chars()
        .zip(traditional.chars())
        .filter(|(a, b)| a != b)
        .count();
    assert!(changed > 20, "{name}: s2t changed only {changed} chars");
    let a = engine
        .score_bytes(name, simplified.as_bytes())
        .unwrap()
        .card;
    let b = engine
        .score_bytes(name, traditional.as_bytes())
        .unwrap()
        .card;
    let mut wrong = differences(s2t, &a, &b);
    wrong.extend(misquoted(&b, &traditional));
    wrong.into_iter().map(|w| format!("{name}: {w}")).collect()
}

fn check_all(files: &[PathBuf]) {
    let engine = Engine::new(RulePack::builtin().unwrap(), None).unwrap();
    let s2t = OpenCC::from_config(BuiltinConfig::S2t).unwrap();
    let mut wrong = Vec::new();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(path).unwrap();
        wrong.extend(compare(&engine, &s2t, &name, &text));
    }
    assert!(
        wrong.is_empty(),
        "traditional copies score differently:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn traditional_fixtures_score_as_simplified() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports");
    let files = txt_files(&dir);
    assert!(files.len() >= 5, "fixtures missing in {}", dir.display());
    check_all(&files);
}

#[test]
fn traditional_seeds_score_as_simplified() {
    let Some(dir) = common::seeds_dir() else {
        return;
    };
    let files = txt_files(&dir);
    assert!(!files.is_empty(), "no seeds in {}", dir.display());
    check_all(&files);
}

#[test]
fn evidence_quotes_the_traditional_text() {
    // A rule written in simplified matches, and the quote is the traditional original.
    let engine = Engine::new(RulePack::builtin().unwrap(), None).unwrap();
    let s2t = OpenCC::from_config(BuiltinConfig::S2t).unwrap();
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports/complete.txt");
    let traditional = s2t.convert(&std::fs::read_to_string(path).unwrap());
    let card = engine
        .score_bytes("complete", traditional.as_bytes())
        .unwrap()
        .card;
    let quotes: Vec<&str> = card
        .elements
        .iter()
        .flat_map(|e| &e.evidence)
        .map(|v| v.text.as_str())
        .collect();
    assert!(!quotes.is_empty());
    assert!(
        quotes
            .iter()
            .any(|q| q.contains('規') || q.contains('執') || q.contains('審')),
        "quotes should be traditional: {quotes:?}"
    );
}
