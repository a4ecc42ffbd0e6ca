//! Copied text across a batch (issue 14): a passage in three reports (one copy with other
//! figures and punctuation, one in traditional script), a near-duplicate paragraph, a
//! sentence copied into a longer paragraph, a report that copied nothing, and a sentence
//! every report says. Expected shares are worked out here from the fixture text itself.

mod common;

use common::{run, stdout};
use serde_json::Value;
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reuse")
}

fn path(name: &str) -> String {
    dir().join(name).display().to_string()
}

fn text(name: &str) -> String {
    std::fs::read_to_string(dir().join(name)).unwrap()
}

/// Characters that are not white space.
fn shown(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// The 1-based line of `name` holding `words`, and its characters.
fn line_of(name: &str, words: &str) -> (usize, usize) {
    let t = text(name);
    let (i, l) = t
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(words))
        .unwrap_or_else(|| panic!("{name} has no line with {words}"));
    (i + 1, shown(l))
}

fn share(part: usize, name: &str) -> f64 {
    (part as f64 / shown(&text(name)) as f64 * 1000.0).round() / 1000.0
}

const ALL: [&str; 6] = ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt", "f.txt"];

/// The batch's JSON Lines records, by file name.
fn batch(extra: &[&str]) -> Vec<(String, Value)> {
    let paths: Vec<String> = ALL.iter().map(|n| path(n)).collect();
    let mut args = vec!["score", "-q", "--format", "jsonl"];
    args.extend(extra);
    args.extend(paths.iter().map(String::as_str));
    let out = run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    stdout(&out)
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            let p = v["source"]["path"].as_str().unwrap().to_string();
            let name = p.rsplit('/').next().unwrap().to_string();
            (name, v)
        })
        .collect()
}

fn reuse<'a>(b: &'a [(String, Value)], name: &str) -> &'a Value {
    &b.iter().find(|(n, _)| n == name).unwrap().1["reuse"]
}

/// (file name, line) of each copy a passage lists.
fn copies(p: &Value) -> Vec<(String, u64)> {
    p["copies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let name = c["path"].as_str().unwrap().rsplit('/').next().unwrap();
            (name.to_string(), c["line"].as_u64().unwrap())
        })
        .collect()
}

fn passage_at(r: &Value, line: usize) -> &Value {
    r["passages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["line"] == line)
        .unwrap_or_else(|| panic!("no shared passage at line {line}: {r}"))
}

#[test]
fn a_passage_in_three_reports_is_found_through_figures_punctuation_and_script() {
    let b = batch(&[]);
    let words = "出庭应诉率";
    let (la, ca) = line_of("a.txt", words);
    let (lb, cb) = line_of("b.txt", words);
    let (lc, cc) = line_of("c.txt", "出庭應訴率");
    for (name, line, chars, others) in [
        ("a.txt", la, ca, [("b.txt", lb), ("c.txt", lc)]),
        ("b.txt", lb, cb, [("a.txt", la), ("c.txt", lc)]),
    ] {
        let r = reuse(&b, name);
        assert_eq!(r["share"], share(chars, name), "{name}: {r}");
        assert_eq!(r["batch"], 6);
        let p = passage_at(r, line);
        assert_eq!(p["reports"], 3);
        assert_eq!(p["chars"], chars);
        let want: Vec<(String, u64)> = others
            .iter()
            .map(|(n, l)| (n.to_string(), *l as u64))
            .collect();
        assert_eq!(copies(p), want, "{name}");
        let sources: Vec<&str> = r["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["path"].as_str().unwrap().rsplit('/').next().unwrap())
            .collect();
        assert_eq!(sources, [others[0].0, others[1].0]);
        assert_eq!(r["sources"][0]["share"], share(chars, name));
    }
    // c.txt also lends a sentence to e.txt: its share is two passages' worth.
    let r = reuse(&b, "c.txt");
    let (ls, cs) = line_of("c.txt", "掌上执法监督平台");
    assert_eq!(r["share"], share(cc + cs, "c.txt"));
    assert_eq!(passage_at(r, lc)["reports"], 3);
    assert_eq!(
        copies(passage_at(r, ls)),
        [(
            "e.txt".to_string(),
            line_of("e.txt", "掌上执法监督平台").0 as u64
        )]
    );
}

/// The 1-based lines a block lists passages at.
fn listed(r: &Value) -> Vec<u64> {
    r["passages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["line"].as_u64().unwrap())
        .collect()
}

#[test]
fn a_report_that_copied_nothing_shares_only_the_common_wording() {
    let b = batch(&[]);
    let r = reuse(&b, "d.txt");
    assert_eq!(r["share"], 0.0);
    assert_eq!(r["chars"], 0);
    assert_eq!(r["sources"].as_array().unwrap().len(), 0);
    // The sentence all six reports open with counts apart, as common wording, and is not
    // listed: d.txt lists nothing at all.
    let (_, chars) = line_of("d.txt", "习近平法治思想");
    assert_eq!(r["common_share"], share(chars, "d.txt"));
    assert_eq!(r["common_chars"], chars);
    assert_eq!(r["passages"], Value::Array(vec![]), "{r}");
}

#[test]
fn common_wording_is_counted_in_every_report_and_listed_in_none() {
    let b = batch(&[]);
    for name in ALL {
        let r = reuse(&b, name);
        let (line, chars) = line_of(name, "习近平法治思想");
        assert_eq!(r["common_chars"], chars, "{name}: {r}");
        assert_eq!(r["common_share"], share(chars, name), "{name}");
        assert!(!listed(r).contains(&(line as u64)), "{name} lists it: {r}");
    }
    // a.txt lists exactly its one passage shared with a few: the court figures, with the
    // lines of both copies.
    let r = reuse(&b, "a.txt");
    let (la, _) = line_of("a.txt", "出庭应诉率");
    assert_eq!(listed(r), [la as u64]);
    let p = passage_at(r, la);
    assert_eq!(p["unit"], "paragraph");
    assert_eq!(p["text"], text("a.txt").lines().nth(la - 1).unwrap());
    assert!(p.get("common").is_none());
    assert_eq!(
        copies(p),
        [
            ("b.txt".to_string(), line_of("b.txt", "出庭应诉率").0 as u64),
            ("c.txt".to_string(), line_of("c.txt", "出庭應訴率").0 as u64)
        ]
    );
}

#[test]
fn a_near_duplicate_paragraph_and_a_sentence_inside_a_longer_one_are_found() {
    let b = batch(&[]);
    let words = "证明事项告知承诺制";
    let (le, ce) = line_of("e.txt", words);
    let (lf, cf) = line_of("f.txt", words);
    assert_ne!(
        text("e.txt").lines().nth(le - 1),
        text("f.txt").lines().nth(lf - 1)
    );
    let r = reuse(&b, "f.txt");
    assert_eq!(r["share"], share(cf, "f.txt"));
    assert_eq!(
        copies(passage_at(r, lf)),
        [("e.txt".to_string(), le as u64)]
    );

    // e.txt: the paragraph shared with f.txt, and the second sentence of another line,
    // which stands alone in c.txt.
    let r = reuse(&b, "e.txt");
    let sentence = "以数字政府建设为牵引，上线掌上执法监督平台，执法全过程记录覆盖率稳步提升。";
    let (ls, _) = line_of("e.txt", sentence);
    assert_eq!(r["share"], share(ce + shown(sentence), "e.txt"));
    let p = passage_at(r, ls);
    assert_eq!(p["unit"], "sentence");
    assert_eq!(p["text"], sentence);
    let sources: Vec<(&str, &Value)> = r["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["path"].as_str().unwrap().rsplit('/').next().unwrap(),
                &s["share"],
            )
        })
        .collect();
    assert_eq!(sources[0], ("f.txt", &Value::from(share(ce, "e.txt"))));
    assert_eq!(
        sources[1],
        ("c.txt", &Value::from(share(shown(sentence), "e.txt")))
    );
}

#[test]
fn scores_are_those_of_a_run_without_reuse_and_single_reports_carry_no_block() {
    let with = batch(&[]);
    let without = batch(&["--no-reuse"]);
    assert_eq!(with.len(), 6);
    for ((n, mut a), (_, b)) in with.into_iter().zip(without) {
        assert!(b.get("reuse").is_none(), "{n}");
        a.as_object_mut()
            .unwrap()
            .remove("reuse")
            .expect("a block in a batch");
        assert_eq!(a, b, "{n}");
    }
    let one = run(&["score", "--format", "json", &path("a.txt")]);
    assert!(!stdout(&one).contains("\"reuse\""));
}

#[test]
fn json_and_csv_carry_the_shares() {
    let paths: Vec<String> = ALL.iter().map(|n| path(n)).collect();
    let mut args = vec!["score", "-q", "--format", "json"];
    args.extend(paths.iter().map(String::as_str));
    let doc: Value = serde_json::from_str(&stdout(&run(&args))).unwrap();
    let (_, ca) = line_of("a.txt", "出庭应诉率");
    assert_eq!(doc["reports"][0]["reuse"]["share"], share(ca, "a.txt"));

    args[3] = "csv";
    let csv = stdout(&run(&args));
    let mut rows = csv.trim_start_matches('\u{feff}').lines();
    let head: Vec<&str> = rows.next().unwrap().split(',').collect();
    let at = head
        .iter()
        .position(|h| *h == "reuse.share")
        .expect("a reuse.share column");
    assert_eq!(at, head.len() - 3, "the reuse columns come last");
    let a: Vec<&str> = rows.next().unwrap().split(',').collect();
    assert_eq!(a[at].parse::<f64>().unwrap(), share(ca, "a.txt"));
    let d = rows.nth(2).unwrap();
    assert!(d.contains("d.txt"));
    assert_eq!(d.split(',').nth(at).unwrap(), "0");
}

#[test]
fn the_html_page_marks_the_passage_and_links_to_its_source() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let paths: Vec<String> = ALL.iter().map(|n| path(n)).collect();
    let mut args = vec![
        "score",
        "-q",
        "--format",
        "html",
        "--out",
        site.to_str().unwrap(),
    ];
    args.extend(paths.iter().map(String::as_str));
    let o = run(&args);
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    let page_of = |stem: &str| {
        std::fs::read_dir(&site)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .find(|n| n.starts_with(&format!("{stem}-")))
            .unwrap()
    };
    let a = std::fs::read_to_string(site.join(page_of("a"))).unwrap();
    let (la, _) = line_of("a.txt", "出庭应诉率");
    let (lb, _) = line_of("b.txt", "出庭应诉率");
    assert!(
        a.contains(&format!("#L{la}")),
        "the passage's line is marked"
    );
    assert!(a.contains("id=\"reuse\""));
    assert!(
        a.contains(&format!("href=\"{}#L{lb}\"", page_of("b"))),
        "a link to the copy on b's page"
    );
    assert!(
        a.contains("通用表述"),
        "the page states the common share it does not list"
    );
    // The margin marks and the list come before the report's text; the common line is in
    // neither.
    let head = &a[..a.find("id=\"text\"").expect("the report's text")];
    let (lc, _) = line_of("a.txt", "习近平法治思想");
    assert!(head.contains(&format!("#L{la}")));
    assert!(
        !head.contains(&format!("#L{lc}")),
        "common wording is neither listed nor marked"
    );
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(index.contains("重复最多的文字"));
    assert!(
        index.contains("全县共办理行政复议案件128件"),
        "the most copied passage is quoted"
    );
}
