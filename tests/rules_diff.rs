//! `rules diff` and `rules calibrate` on the fixture reports: a rule edit whose effect is
//! known, an unchanged pack, a broken pack, calibration counts, a pattern that never
//! matches, a planted near-miss, and the HTML pages.

mod common;

use common::{code, edit, exported_pack, json, run, stderr, stdout};
use serde_json::Value;
use std::path::Path;

const REPORTS: &str = "tests/fixtures/reports";

/// The edit: 述法 is met only by 现场述法 (and the element's other patterns). A report
/// saying only 年终述法 (broken_numbering.txt, line 49) loses it; one saying 现场述法
/// (complete.txt) keeps it.
const SHUFA_FROM: &str = "met: {any: ['述法', ";
const SHUFA_TO: &str = "met: {any: ['现场述法', ";

fn edited_pack() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, pack) = exported_pack();
    edit(&pack.join("lead.yaml"), SHUFA_FROM, SHUFA_TO);
    (tmp, pack)
}

/// (path, status, first evidence line) of `id` in each report `score` gives for `pack`.
fn scored(pack: Option<&Path>, id: &str) -> Vec<(String, String, Option<u64>, f64)> {
    let mut args = vec!["score", "-q", "--format", "json", REPORTS];
    let p;
    if let Some(pack) = pack {
        p = pack.display().to_string();
        args.extend(["--rules", &p]);
    }
    let doc = json(&run(&args));
    let reports = doc["reports"].as_array().unwrap();
    reports
        .iter()
        .map(|r| {
            let e = r["elements"]
                .as_array()
                .unwrap()
                .iter()
                .find(|e| e["id"] == id)
                .unwrap();
            let path = r["source"]["path"].as_str().unwrap().to_string();
            let line = e["evidence"].get(0).map(|ev| ev["line"].as_u64().unwrap());
            (
                path,
                e["status"].as_str().unwrap().to_string(),
                line,
                r["score"].as_f64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_pattern_edit_lists_exactly_the_reports_whose_status_changes() {
    let (_tmp, pack) = edited_pack();
    let p = pack.display().to_string();
    let o = run(&[
        "rules",
        "diff",
        "--rules",
        &p,
        "--against",
        "builtin",
        "--format",
        "json",
        REPORTS,
    ]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let d = json(&o);
    // The oracle: `score` with each pack, report by report.
    let (old, new) = (
        scored(None, "lead.shufa"),
        scored(Some(&pack), "lead.shufa"),
    );
    let expected: Vec<&(String, String, Option<u64>, f64)> = old
        .iter()
        .zip(&new)
        .filter(|(o, n)| o.1 != n.1)
        .map(|(o, _)| o)
        .collect();
    let elements = d["elements"].as_array().unwrap();
    assert_eq!(elements.len(), 1, "only lead.shufa changes: {elements:?}");
    let e = &elements[0];
    assert_eq!(e["id"], "lead.shufa");
    assert_eq!(e["title"], "述法", "the title is the pack's");
    let changes = e["changes"].as_array().unwrap();
    let paths: Vec<&str> = changes
        .iter()
        .map(|c| c["path"].as_str().unwrap())
        .collect();
    let want: Vec<&str> = expected.iter().map(|x| x.0.as_str()).collect();
    assert_eq!(paths, want);
    assert!(
        paths.iter().any(|p| p.ends_with("broken_numbering.txt")),
        "{paths:?}"
    );
    assert!(
        !paths.iter().any(|p| p.ends_with("complete.txt")),
        "{paths:?}"
    );
    for (c, x) in changes.iter().zip(&expected) {
        assert_eq!(c["old"], "met");
        assert_eq!(c["new"], "missing");
        assert_eq!(c["old_evidence"][0]["line"].as_u64(), x.2, "{c}");
        assert!(c["old_evidence"][0]["text"]
            .as_str()
            .unwrap()
            .contains("述法"));
        assert_eq!(c["new_evidence"], Value::Array(vec![]));
    }
    assert_eq!(d["counts"]["reports"], old.len());
    assert_eq!(d["counts"]["status_changes"], expected.len());
    // Every score that moved, and only those, with the scores `score` gives.
    let moved: Vec<(&str, f64, f64)> = old
        .iter()
        .zip(&new)
        .filter(|(o, n)| o.3 != n.3)
        .map(|(o, n)| (o.0.as_str(), o.3, n.3))
        .collect();
    let scores = d["scores"].as_array().unwrap();
    let got: Vec<(&str, f64, f64)> = scores
        .iter()
        .map(|s| {
            (
                s["path"].as_str().unwrap(),
                s["old"].as_f64().unwrap(),
                s["new"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, moved);
    assert!(!moved.is_empty());
}

#[test]
fn the_text_says_what_changed_with_the_evidence_before_and_after() {
    let (_tmp, pack) = edited_pack();
    let p = pack.display().to_string();
    let o = run(&[
        "rules",
        "diff",
        "--rules",
        &p,
        "--against",
        "builtin",
        REPORTS,
    ]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("lead.shufa 述法（第一责任人职责）：1 份报告有变化"),
        "{out}"
    );
    assert!(out.contains("broken_numbering.txt：已满足 → 缺失"), "{out}");
    assert!(
        out.contains("旧依据：第49行 年底在市委全面依法治市委员会会议上作年终述法"),
        "{out}"
    );
    assert!(out.contains("新依据：无"), "{out}");
    assert!(out.contains("得分变化："), "{out}");
}

#[test]
fn an_unchanged_pack_changes_nothing_and_passes_the_gate() {
    let (_tmp, pack) = exported_pack();
    let p = pack.display().to_string();
    let o = run(&[
        "rules",
        "diff",
        "--rules",
        &p,
        "--against",
        "builtin",
        REPORTS,
    ]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("没有变化"), "{}", stdout(&o));
    let o = run(&[
        "--lang",
        "en",
        "rules",
        "diff",
        "--against",
        "builtin",
        "--format",
        "json",
        REPORTS,
    ]);
    assert_eq!(code(&o), 0);
    let d = json(&o);
    assert_eq!(d["counts"]["changed"], 0);
    assert_eq!(d["elements"], Value::Array(vec![]));
}

#[test]
fn a_broken_pack_is_refused_with_its_file_and_line() {
    let (_tmp, pack) = exported_pack();
    edit(&pack.join("lead.yaml"), SHUFA_FROM, "met: {any: ['述法(', ");
    let p = pack.display().to_string();
    let o = run(&["rules", "diff", "--against", &p, REPORTS]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains("lead.yaml:"), "{err}");
    assert!(stdout(&o).is_empty());
}

/// Counts of each status of `id` over the reports `score` gives.
fn status_counts(pack: &Path, id: &str) -> [usize; 4] {
    let mut n = [0; 4];
    for (_, status, _, _) in scored(Some(pack), id) {
        let k = ["met", "partial", "missing", "not_applicable"]
            .iter()
            .position(|s| *s == status);
        n[k.unwrap()] += 1;
    }
    n
}

#[test]
fn calibration_counts_every_report_once_and_lists_a_pattern_that_never_matches() {
    let (_tmp, pack) = exported_pack();
    // A pattern no report says, added to an element's alternatives.
    edit(
        &pack.join("lead.yaml"),
        SHUFA_FROM,
        "met: {any: ['述法', '从未有报告这样写的述法说法', ",
    );
    let p = pack.display().to_string();
    let o = run(&[
        "rules",
        "calibrate",
        "--rules",
        &p,
        "--format",
        "json",
        REPORTS,
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let d = json(&o);
    let reports = scored(Some(&pack), "lead.shufa").len();
    assert_eq!(d["reports"], reports);
    for e in d["elements"].as_array().unwrap() {
        let c = &e["counts"];
        let n: [usize; 4] = ["met", "partial", "missing", "not_applicable"]
            .map(|k| c[k].as_u64().unwrap() as usize);
        assert_eq!(n.iter().sum::<usize>(), reports, "{}", e["id"]);
        if e["id"] == "lead.shufa" || e["id"] == "form.title" {
            assert_eq!(
                n,
                status_counts(&pack, e["id"].as_str().unwrap()),
                "{}",
                e["id"]
            );
        }
    }
    let shufa = d["elements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "lead.shufa")
        .unwrap();
    let pats = shufa["patterns"].as_array().unwrap();
    let planted = pats
        .iter()
        .find(|p| p["written"] == "从未有报告这样写的述法说法")
        .unwrap();
    assert_eq!(planted["in_scope"], 0);
    assert_eq!(planted["anywhere"], 0);
    let first = pats.iter().find(|p| p["written"] == "述法").unwrap();
    assert!(first["in_scope"].as_u64().unwrap() > 0);
    let text = stdout(&run(&["rules", "calibrate", "--rules", &p, REPORTS]));
    assert!(
        text.contains("从未匹配的表达式：met.any[1] '从未有报告这样写的述法说法'"),
        "{text}"
    );
}

#[test]
fn near_miss_mining_finds_a_planted_paraphrase_of_a_missing_element() {
    let tmp = tempfile::tempdir().unwrap();
    let weak = std::fs::read_to_string(Path::new(REPORTS).join("weak.txt")).unwrap();
    let mut lines: Vec<&str> = weak.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("组织镇村干部开展学法活动"))
        .unwrap()
        + 1;
    // 述法 said without the word: the chief reports on his own rule-of-law duty.
    let planted = "年底，镇长在镇党委全体会议上专门报告本人抓法治建设第一责任人职责的履行情况，并接受党委委员评议。";
    lines.insert(at, planted);
    let report = tmp.path().join("weak_planted.txt");
    std::fs::write(&report, lines.join("\n")).unwrap();
    let r = report.display().to_string();
    let o = run(&["rules", "calibrate", "--format", "json", &r]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let d = json(&o);
    let shufa = d["elements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "lead.shufa")
        .unwrap();
    assert_eq!(
        shufa["counts"]["missing"], 1,
        "the paraphrase does not meet the element"
    );
    let found = shufa["candidates"].as_array().unwrap();
    let hit = found.iter().find(|c| c["quote"]["text"] == planted);
    let hit = hit.unwrap_or_else(|| panic!("not mined: {found:?}"));
    assert_eq!(hit["quote"]["line"], at + 1);
    assert_eq!(hit["path"], r.as_str());
    // Mined only for elements the report misses: never for one it meets.
    for e in d["elements"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["counts"]["missing"] == 0)
    {
        assert_eq!(e["candidates"], Value::Array(vec![]), "{}", e["id"]);
    }
    let text = stdout(&run(&["rules", "calibrate", &r]));
    assert!(
        text.contains(&format!("第{}行 {planted}", at + 1)),
        "{text}"
    );
}

#[test]
fn the_html_pages_are_whole_and_self_contained() {
    let (tmp, pack) = edited_pack();
    let p = pack.display().to_string();
    let diff = tmp.path().join("diff.html");
    let d = diff.display().to_string();
    let o = run(&[
        "rules",
        "diff",
        "--rules",
        &p,
        "--against",
        "builtin",
        "--format",
        "html",
        "--out",
        &d,
        REPORTS,
    ]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let cal = tmp.path().join("cal.html");
    let c = cal.display().to_string();
    let o = run(&[
        "rules",
        "calibrate",
        "--format",
        "html",
        "--out",
        &c,
        REPORTS,
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    for (page, must) in [(&diff, "broken_numbering.txt"), (&cal, "lead.shufa")] {
        let html = std::fs::read_to_string(page).unwrap();
        assert!(html.starts_with("<!doctype html>") && html.trim_end().ends_with("</html>"));
        assert!(
            html.contains("述法") && html.contains(must),
            "{}",
            page.display()
        );
        for external in ["http://", "https://", "src=\"", "<link"] {
            assert!(!html.contains(external), "{}: {external}", page.display());
        }
    }
    let o = run(&["rules", "calibrate", "--format", "html", REPORTS]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--out"), "{}", stderr(&o));
}
