//! The terminal card (`lawscore score FILE`) teaches how to read it: what its marks mean,
//! why full marks can be fewer than 100, what was looked for where an element is missing,
//! and under which profile — by its title — the report was scored.

mod common;

use common::{code, fixture, json, run, stdout};
use lawscore::rules::RulePack;
use serde_json::Value;

/// Reports that between them have missing, partial and not-applicable elements, a
/// government profile and a department one.
const REPORTS: &[&str] = &[
    "sample_county_2024.txt",
    "old_2017.txt",
    "broken_numbering.txt",
    "complete.txt",
];

fn paths() -> Vec<String> {
    REPORTS
        .iter()
        .map(|r| fixture(r).to_string_lossy().into_owned())
        .collect()
}

/// The card with `--color WHEN`, and the same reports' scorecards.
fn card(when: &str) -> String {
    let mut args = vec!["score", "-q", "--color", when];
    let p = paths();
    args.extend(p.iter().map(String::as_str));
    let o = run(&args);
    assert_eq!(code(&o), 0, "{}", common::stderr(&o));
    stdout(&o)
}

fn scorecards() -> Vec<Value> {
    let mut args = vec!["score", "-q", "--format", "json"];
    let p = paths();
    args.extend(p.iter().map(String::as_str));
    let o = run(&args);
    assert_eq!(code(&o), 0);
    json(&o)["reports"].as_array().unwrap().clone()
}

/// Each report's block of the card, in input order (blocks start with the path).
fn blocks(out: &str) -> Vec<String> {
    let mut blocks: Vec<String> = Vec::new();
    for line in out.lines() {
        if REPORTS.iter().any(|r| line.contains(r)) && !line.starts_with(' ') {
            blocks.push(String::new());
        }
        if let Some(b) = blocks.last_mut() {
            b.push_str(line);
            b.push('\n');
        }
    }
    assert_eq!(blocks.len(), REPORTS.len(), "{out}");
    blocks
}

fn elements<'a>(card: &'a Value, status: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
    card["elements"]
        .as_array()
        .unwrap()
        .iter()
        .filter(move |e| e["status"] == status)
}

fn pts(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

#[test]
fn every_missing_element_says_what_was_looked_for_in_one_line() {
    let out = card("never");
    for (block, sc) in blocks(&out).iter().zip(scorecards()) {
        for e in elements(&sc, "missing") {
            let looked = e["looked_for"].as_str().unwrap();
            let head = format!(
                "✗ {} {}",
                e["id"].as_str().unwrap(),
                e["title"].as_str().unwrap()
            );
            let lines: Vec<&str> = block.lines().collect();
            let at = lines
                .iter()
                .position(|l| l.contains(&head))
                .unwrap_or_else(|| panic!("{head} not on the card:\n{block}"));
            assert_eq!(lines[at + 1].trim(), format!("未找到：{looked}"), "{block}");
        }
        // A partial element shows what it has, not what was not found.
        let found = block.matches("未找到：").count();
        assert_eq!(found, elements(&sc, "missing").count(), "{block}");
    }
}

#[test]
fn the_marks_used_are_explained_where_the_list_begins() {
    let out = card("never");
    let blocks = blocks(&out);
    // The sample has both marks; the 100-point report has no list and so no legend.
    let sample = &blocks[0];
    let heading = sample
        .lines()
        .find(|l| l.contains("待改进"))
        .unwrap_or_else(|| panic!("{sample}"));
    assert!(heading.contains("✗ 缺失，不得分"), "{heading}");
    assert!(heading.contains("◐ 部分满足，得一半分"), "{heading}");
    assert!(!blocks[3].contains("待改进"), "{}", blocks[3]);
    // Every mark shown against an element is one the legend explains.
    for b in &blocks[..3] {
        let heading = b.lines().find(|l| l.contains("待改进")).unwrap();
        for mark in ["✗", "◐"] {
            let used = b.lines().any(|l| l.trim_start().starts_with(mark));
            assert_eq!(used, heading.contains(mark), "{mark} in\n{b}");
        }
    }
}

#[test]
fn fewer_than_100_possible_points_are_explained() {
    let out = card("never");
    for (block, sc) in blocks(&out).iter().zip(scorecards()) {
        let na: Vec<&Value> = elements(&sc, "not_applicable").collect();
        let line = block.lines().find(|l| l.trim_start().starts_with("满分 "));
        if na.is_empty() {
            assert!(line.is_none(), "{block}");
            continue;
        }
        let line = line.unwrap_or_else(|| panic!("no 满分 line:\n{block}"));
        let points: f64 = na.iter().map(|e| e["weight"].as_f64().unwrap()).sum();
        let possible = sc["possible"].as_f64().unwrap();
        assert!(
            line.contains(&format!(
                "满分 {} 分：{} 项要素共 {} 分不适用于本报告",
                pts(possible),
                na.len(),
                pts(points)
            )),
            "{line}"
        );
        assert!(line.contains(na[0]["title"].as_str().unwrap()), "{line}");
    }
}

#[test]
fn the_profile_is_shown_by_its_title() {
    let pack = RulePack::builtin().unwrap();
    let out = card("never");
    for (block, sc) in blocks(&out).iter().zip(scorecards()) {
        let id = sc["profile"].as_str().unwrap();
        let title = &pack.profile(id).unwrap().title;
        assert_eq!(sc["profile_title"], title.as_str());
        assert!(block.contains(&format!("按{title}报告评分")), "{block}");
    }
    let shown: Vec<&str> = ["government", "department"]
        .iter()
        .map(|id| pack.profile(id).unwrap().title.as_str())
        .filter(|t| out.contains(&format!("按{t}报告评分")))
        .collect();
    assert_eq!(shown.len(), 2, "both profiles are among the reports");
}

#[test]
fn coloured_card_says_the_same_as_the_plain_one() {
    let plain = card("never");
    let coloured = card("always");
    assert!(coloured.contains("\x1b["));
    let stripped = regex::Regex::new("\x1b\\[[0-9;]*m")
        .unwrap()
        .replace_all(&coloured, "");
    assert_eq!(stripped, plain);
}

#[test]
fn the_readme_first_command_scores_a_report_with_gaps() {
    // A fresh clone's first run must show what lawscore is for: something left to fix.
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let first = readme
        .lines()
        .find_map(|l| l.strip_prefix("cargo run --release -- score "))
        .expect("the README's first command scores a report");
    let o = run(&["score", "-q", "--format", "json", first.trim()]);
    assert_eq!(code(&o), 0, "{first}: {}", common::stderr(&o));
    let sc = &json(&o)["reports"][0];
    let score = sc["score"].as_f64().unwrap();
    assert!((70.0..80.0).contains(&score), "{first} scores {score}");
    assert!(elements(sc, "missing").count() >= 3, "{first}");
}
