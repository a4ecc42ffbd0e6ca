//! The JSON contract holds through refactoring: every fixture's and seed's scorecard is the
//! one recorded in `tests/golden/`, byte for byte once the pack's version and digest (which
//! change with any edit of the pack) are set aside.
//!
//! A deliberate change of behaviour re-records with `LAWSCORE_BLESS=1 cargo test --test
//! json_unchanged`; the diff of `tests/golden/` then shows exactly what changed. Seed text
//! stays out of the repository, so seeds are recorded by the SHA-256 of their JSON.

mod common;

use lawscore::digest::sha256_hex;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn bless() -> bool {
    std::env::var_os("LAWSCORE_BLESS").is_some()
}

/// Report files of a fixture folder, sorted.
fn reports_in(dir: impl AsRef<Path>) -> Vec<PathBuf> {
    let dir = dir.as_ref();
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            !name.contains(".expect.")
                && matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("txt" | "html" | "htm" | "docx")
                )
        })
        .collect();
    v.sort();
    v
}

/// Each report's scorecard as pretty JSON, the pack's version and digest blanked.
fn scorecards(files: &[PathBuf]) -> BTreeMap<String, String> {
    // Scorecards as scoring makes them: copied text across the folder is tests/reuse.rs's.
    let mut args = vec!["score", "--format", "json", "-q", "-j1", "--no-reuse"];
    let names: Vec<String> = files
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    args.extend(names.iter().map(String::as_str));
    let out = common::run(&args);
    assert!(
        matches!(common::code(&out), 0 | 1),
        "{}",
        common::stderr(&out)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json output");
    let mut map = BTreeMap::new();
    for mut report in doc["reports"].as_array().expect("reports").clone() {
        if let Some(r) = report.get_mut("ruleset") {
            r["version"] = Value::from("");
            r["digest"] = Value::from("");
        }
        let path = report["source"]["path"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let stem = Path::new(&path)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        map.insert(stem, serde_json::to_string_pretty(&report).unwrap() + "\n");
    }
    assert_eq!(map.len(), files.len(), "one scorecard per file");
    map
}

fn check_folder(dir: &str, golden: &str) {
    let files = reports_in(dir);
    assert!(!files.is_empty(), "{dir} holds reports");
    let golden = Path::new("tests/golden").join(golden);
    let mut changed = Vec::new();
    for (name, json) in scorecards(&files) {
        let path = golden.join(format!("{name}.json"));
        if bless() {
            std::fs::create_dir_all(&golden).unwrap();
            std::fs::write(&path, &json).unwrap();
            continue;
        }
        let before = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("{}: {e} (record it with LAWSCORE_BLESS=1)", path.display())
        });
        if before != json {
            changed.push(name);
        }
    }
    assert!(
        changed.is_empty(),
        "JSON changed for {changed:?} (compare with tests/golden/; re-record deliberate changes with LAWSCORE_BLESS=1)"
    );
}

#[test]
fn fixture_reports_json_unchanged() {
    check_folder("tests/fixtures/reports", "reports");
}

#[test]
fn blind_reports_json_unchanged() {
    check_folder("tests/fixtures/blind", "blind");
}

#[test]
fn seeds_json_unchanged() {
    let Some(seeds) = common::seeds_dir() else {
        return;
    };
    let record = Path::new("tests/golden/seeds.sha256");
    let now: String = scorecards(&reports_in(&seeds))
        .into_iter()
        .map(|(name, json)| format!("{}  {name}\n", sha256_hex(json.as_bytes())))
        .collect();
    if bless() {
        std::fs::write(record, &now).unwrap();
        return;
    }
    let before = std::fs::read_to_string(record).expect("tests/golden/seeds.sha256");
    assert_eq!(before, now, "a seed's JSON changed");
}
