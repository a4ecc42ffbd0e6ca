//! Runs the walkthrough of `rules/README.md` (section 8, adding 行政裁决) with the real
//! binary, so the guide a rule maintainer follows keeps working.
//!
//! The element YAML, the `pack.yaml` change, the new version and both reports are read from
//! the README between `<!-- walkthrough:NAME -->` and `<!-- /walkthrough:NAME -->` markers:
//! editing the README changes what this test runs, and a README that no longer works fails
//! here.

use lawscore::rules::schema::ElementsFile;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

const README: &str = include_str!("../rules/README.md");

/// The file the README tells the maintainer to create in the exported pack.
const ELEMENT_FILE: &str = "adjudication.yaml";

/// The fenced block between `<!-- walkthrough:NAME -->` and its closing marker, without
/// the fences, ending in a newline.
fn block(name: &str) -> String {
    let open = format!("<!-- walkthrough:{name} -->");
    let close = format!("<!-- /walkthrough:{name} -->");
    let start = README
        .find(&open)
        .unwrap_or_else(|| panic!("rules/README.md has no `{open}` marker"))
        + open.len();
    let end = start
        + README[start..]
            .find(&close)
            .unwrap_or_else(|| panic!("rules/README.md has no `{close}` marker"));
    let lines: Vec<&str> = README[start..end].lines().collect();
    let fences: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("```"))
        .map(|(i, _)| i)
        .collect();
    assert!(
        fences.len() >= 2,
        "the `{name}` walkthrough block in rules/README.md needs a fenced code block"
    );
    let (first, last) = (fences[0], fences[fences.len() - 1]);
    let mut body = lines[first + 1..last].join("\n");
    body.push('\n');
    body
}

fn lawscore(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lawscore"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        // The README's transcripts are the English output.
        .env("LAWSCORE_LANG", "en")
        .output()
        .unwrap_or_else(|e| panic!("cannot run lawscore {args:?}: {e}"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs lawscore and insists on exit status 0.
fn ok(dir: &Path, args: &[&str]) -> Output {
    let o = lawscore(dir, args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "lawscore {args:?} failed\nstdout:\n{}\nstderr:\n{}",
        stdout(&o),
        stderr(&o)
    );
    o
}

/// `N passed, M failed` from `rules test`.
fn passed_failed(o: &Output) -> (usize, usize) {
    let out = stdout(o);
    let last = out.lines().last().unwrap_or_default();
    let nums: Vec<usize> = last
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    assert!(
        last.ends_with("failed") && nums.len() == 2,
        "unexpected `rules test` summary: {last:?}\n{out}"
    );
    (nums[0], nums[1])
}

/// The single scorecard of a `--format json` run.
fn scorecard(o: &Output) -> Value {
    let v: Value = serde_json::from_slice(&o.stdout).expect("score --format json prints JSON");
    let reports = v["reports"].as_array().expect("reports");
    assert_eq!(reports.len(), 1, "one report scored");
    reports[0].clone()
}

fn element<'a>(card: &'a Value, id: &str) -> Option<&'a Value> {
    card["elements"]
        .as_array()
        .expect("elements")
        .iter()
        .find(|e| e["id"] == id)
}

/// 1-based number of the only line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> u64 {
    let hits: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "the README report should mention {needle} on exactly one line:\n{text}"
    );
    hits[0] as u64
}

#[test]
fn readme_walkthrough_adds_an_element_end_to_end() {
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path();

    // The element as the README writes it.
    let element_yaml = block("element");
    let parsed: ElementsFile =
        lawscore::yaml::from_str(&element_yaml).expect("the README's element YAML parses");
    assert_eq!(parsed.elements.len(), 1, "the walkthrough adds one element");
    let new = &parsed.elements[0];
    let id = new.id.as_str();
    let category = parsed.category.as_str();

    // 8.1 Export the built-in pack.
    ok(work, &["rules", "export", "mypack"]);
    let pack_dir = work.join("mypack");
    assert!(pack_dir.join("pack.yaml").is_file());
    let (builtin_passed, builtin_failed) = passed_failed(&ok(work, &["rules", "test"]));
    assert_eq!(builtin_failed, 0);

    // 8.2 The new file.
    std::fs::write(pack_dir.join(ELEMENT_FILE), &element_yaml).unwrap();

    // 8.3 First check: usable, but the category's declared weight no longer adds up.
    let o = ok(work, &["rules", "check", "--rules", "mypack"]);
    assert!(
        stderr(&o).contains(&format!("category `{category}` declares weight")),
        "expected the category-weight warning before pack.yaml is changed:\n{}",
        stderr(&o)
    );

    // The pack.yaml change and the version bump.
    let pack_path = pack_dir.join("pack.yaml");
    let pack = std::fs::read_to_string(&pack_path).unwrap();
    let before = block("pack-before");
    assert_eq!(
        pack.matches(&before).count(),
        1,
        "the README's pack-before block must occur once in the exported pack.yaml:\n{before}"
    );
    let version_line = block("version").trim().to_string();
    let version = version_line
        .strip_prefix("version:")
        .expect("the version block is a `version:` line")
        .trim()
        .to_string();
    let pack: String = pack
        .replace(&before, &block("pack-after"))
        .lines()
        .map(|l| {
            if l.starts_with("version:") {
                version_line.clone()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    std::fs::write(&pack_path, pack).unwrap();

    // 8.4 Check (no warnings left) and test (the new examples are run and pass).
    let o = ok(work, &["rules", "check", "--rules", "mypack"]);
    assert!(
        stdout(&o).contains(&version),
        "check names the new version: {}",
        stdout(&o)
    );
    assert!(
        stdout(&o).contains("0 warning(s), ok"),
        "no warnings after the pack.yaml change:\n{}{}",
        stdout(&o),
        stderr(&o)
    );
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));

    let (passed, failed) = passed_failed(&ok(work, &["rules", "test", "--rules", "mypack"]));
    assert_eq!(failed, 0);
    assert_eq!(
        passed,
        builtin_passed + new.examples.len(),
        "rules test runs the new element's examples too"
    );
    assert_eq!(
        passed_failed(&ok(work, &["rules", "test", "--rules", "mypack", id])),
        (new.examples.len(), 0)
    );
    assert!(
        new.examples
            .iter()
            .any(|x| x.expect == lawscore::model::scorecard::Status::Met)
            && new
                .examples
                .iter()
                .any(|x| x.expect != lawscore::model::scorecard::Status::Met)
    );

    let list = stdout(&ok(work, &["rules", "list", "--rules", "mypack"]));
    assert!(
        list.lines()
            .any(|l| l.split_whitespace().next() == Some(id)),
        "rules list shows {id}:\n{list}"
    );
    let builtin_list = stdout(&ok(work, &["rules", "list"]));
    assert!(!builtin_list.contains(id), "the built-in pack has no {id}");

    let explain = stdout(&ok(work, &["explain", id, "--rules", "mypack"]));
    assert!(
        explain.contains(&format!("依据 basis:    {}", new.basis)),
        "explain shows the basis:\n{explain}"
    );
    assert!(
        explain.contains(ELEMENT_FILE),
        "explain names the file:\n{explain}"
    );

    // 8.5 Scoring the README's report before and after.
    let report = block("report");
    std::fs::write(work.join("report.txt"), &report).unwrap();
    let before_card = scorecard(&ok(work, &["score", "--format", "json", "report.txt"]));
    assert!(
        element(&before_card, id).is_none(),
        "the built-in pack scores no {id}"
    );

    let after_card = scorecard(&ok(
        work,
        &[
            "score",
            "--rules",
            "mypack",
            "--format",
            "json",
            "report.txt",
        ],
    ));
    let e = element(&after_card, id).expect("the new element is scored");
    assert_eq!(e["status"], "met", "{e:#}");
    assert_eq!(e["points"], e["weight"]);
    let evidence = e["evidence"].as_array().expect("evidence");
    assert!(!evidence.is_empty(), "met carries evidence: {e:#}");
    assert_eq!(
        evidence[0]["line"].as_u64(),
        Some(line_of(&report, "行政裁决")),
        "evidence on the line that states it: {e:#}"
    );
    assert_eq!(evidence[0]["kind"], "measures");
    assert_eq!(after_card["ruleset"]["version"], version.as_str());
    assert_ne!(
        after_card["ruleset"]["digest"], before_card["ruleset"]["digest"],
        "a changed pack has a new digest"
    );
    let cat = |card: &Value| {
        card["categories"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == category)
            .unwrap()["possible"]
            .as_f64()
            .unwrap()
    };
    assert_eq!(
        cat(&after_card) - cat(&before_card),
        new.weight,
        "the category's possible points grow by the new weight"
    );

    // The same words only in the plans: missing, with a near miss saying why.
    let plans_report = block("report-plans");
    std::fs::write(work.join("report-plans.txt"), &plans_report).unwrap();
    let card = scorecard(&ok(
        work,
        &[
            "score",
            "--rules",
            "mypack",
            "--format",
            "json",
            "report-plans.txt",
        ],
    ));
    let e = element(&card, id).expect("the new element is scored");
    assert_eq!(e["status"], "missing", "{e:#}");
    assert_eq!(e["points"].as_f64(), Some(0.0));
    assert!(e["evidence"].as_array().unwrap().is_empty());
    assert_eq!(
        e["near_miss"]["reason"], "只在下一步安排中提到，未见落实情况",
        "{e:#}"
    );
    assert_eq!(e["near_miss"]["evidence"]["kind"], "plans");
    assert_eq!(
        e["near_miss"]["evidence"]["line"].as_u64(),
        Some(line_of(&plans_report, "行政裁决"))
    );
    assert_eq!(e["advice"].as_str(), Some(new.advice.as_str()));
}

#[test]
fn readme_walkthrough_blocks_are_well_formed() {
    // The blocks the walkthrough test reads are there and say what the prose says.
    for name in [
        "element",
        "pack-before",
        "pack-after",
        "version",
        "report",
        "report-plans",
    ] {
        assert!(
            !block(name).trim().is_empty(),
            "walkthrough block `{name}` is empty"
        );
    }
    let before = block("pack-before");
    let after = block("pack-after");
    assert_ne!(before, after);
    let builtin_pack = include_str!("../rules/pack.yaml");
    assert!(
        builtin_pack.contains(&before),
        "pack-before must quote rules/pack.yaml exactly:\n{before}"
    );
    assert!(block("version").trim().starts_with("version:"));
}
