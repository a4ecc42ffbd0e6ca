//! `lawscore score` end to end: formats, batches with bad files, stdin, the gate.

mod common;
use common::*;
use std::process::{Command, Output, Stdio};

/// Runs lawscore in English: these tests check what its output and messages say
/// (tests/messages_zh.rs checks the Chinese).
fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lawscore"))
        .env("LAWSCORE_LANG", "en")
        .args(args)
        .output()
        .expect("run lawscore")
}

/// [`run`] with `input` on standard input.
fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_lawscore"))
        .env("LAWSCORE_LANG", "en")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn lawscore");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn text_output_for_a_person() {
    let o = run(&[
        "score",
        "--color",
        "never",
        fixture("weak.txt").to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("不合格"), "{out}");
    assert!(out.contains("分"), "{out}");
    assert!(!out.contains('\u{1b}'), "no colour codes when asked not to");
}

#[test]
fn color_is_one_of_three_choices() {
    let weak = fixture("weak.txt");
    let weak = weak.to_str().unwrap();
    // A typo is refused, naming the choices, instead of quietly meaning auto.
    let o = run(&["score", "--color", "allways", weak]);
    assert_eq!(code(&o), 2, "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.contains("allways"), "{err}");
    for choice in ["auto", "always", "never"] {
        assert!(err.contains(choice), "the error lists `{choice}`: {err}");
    }
    // `always` paints even into a pipe; `auto` does not paint a pipe.
    let o = run(&["score", "--color", "always", weak]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains('\u{1b}'), "always paints a pipe");
    let o = run(&["score", "--color", "auto", weak]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!stdout(&o).contains('\u{1b}'), "auto leaves a pipe plain");
}

#[test]
fn json_follows_the_contract() {
    let o = run(&[
        "score",
        "--format",
        "json",
        fixture("complete.txt").to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let d = json(&o);
    assert_eq!(d["schema"], "lawscore.scorecards/1");
    assert_eq!(d["ruleset"]["name"], "lawscore-default");
    let r = &d["reports"][0];
    for k in [
        "source",
        "meta",
        "profile",
        "score",
        "grade",
        "earned",
        "possible",
        "categories",
        "elements",
        "sections",
        "indicators",
    ] {
        assert!(!r[k].is_null(), "missing {k}");
    }
    for k in ["path", "format", "encoding", "chars", "sha256"] {
        assert!(!r["source"][k].is_null(), "missing source.{k}");
    }
    assert_eq!(r["elements"].as_array().unwrap().len(), 38);
    let first = &r["elements"][0];
    for k in [
        "id", "title", "category", "status", "points", "weight", "evidence",
    ] {
        assert!(!first[k].is_null(), "missing element.{k}");
    }
    let ev = &first["evidence"][0];
    for k in ["text", "line", "section", "kind"] {
        assert!(!ev[k].is_null(), "missing evidence.{k}");
    }
    assert!(r["score"].as_f64().unwrap() >= 90.0);
}

#[test]
fn every_met_or_partial_has_evidence_and_every_gap_has_advice() {
    for f in [
        "complete.txt",
        "weak.txt",
        "plans_only.txt",
        "combined_heading.txt",
    ] {
        let d = json(&run(&[
            "score",
            "--format",
            "json",
            fixture(f).to_str().unwrap(),
        ]));
        for e in d["reports"][0]["elements"].as_array().unwrap() {
            let st = e["status"].as_str().unwrap();
            if st == "met" || st == "partial" {
                assert!(
                    !e["evidence"].as_array().unwrap().is_empty(),
                    "{f} {}: no evidence",
                    e["id"]
                );
                let line = e["evidence"][0]["line"].as_u64().unwrap();
                assert!(line >= 1);
            }
            if st == "missing" || st == "partial" {
                assert!(
                    e["advice"].as_str().is_some_and(|a| !a.is_empty()),
                    "{f} {}: no advice",
                    e["id"]
                );
                assert!(e["gain"].as_f64().unwrap() > 0.0);
            }
        }
    }
}

#[test]
fn batch_goes_on_past_bad_files_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("complete.txt"), dir.path().join("a.txt")).unwrap();
    std::fs::write(dir.path().join("b.txt"), b"").unwrap();
    std::fs::write(
        dir.path().join("c.txt"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\xff\xfe\x00\x01\x02\x03",
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.md"), "不是报告").unwrap();
    let before: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    let o = run(&["score", "--format", "json", dir.path().to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains("b.txt") && err.contains("empty"), "{err}");
    assert!(err.contains("c.txt"), "{err}");
    let d = json(&o);
    assert_eq!(
        d["reports"].as_array().unwrap().len(),
        1,
        "the good file is still scored; .md is not picked up"
    );
    let errors = d["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2);
    assert!(errors
        .iter()
        .all(|e| e["path"].is_string() && e["error"].is_string()));
    let after: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(before, after, "inputs are never modified");
}

#[test]
fn missing_path_is_an_error_naming_it() {
    let o = run(&["score", "/nonexistent/report.txt"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("/nonexistent/report.txt"));
}

#[test]
fn standard_input() {
    let text = std::fs::read(fixture("combined_heading.txt")).unwrap();
    let o = run_stdin(&["score", "--format", "json", "-"], &text);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let d = json(&o);
    assert_eq!(d["reports"][0]["source"]["path"], "-");
}

#[test]
fn fail_under_gate() {
    let weak = fixture("weak.txt");
    let complete = fixture("complete.txt");
    let o = run(&["score", "--fail-under", "60", complete.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = run(&[
        "score",
        "--fail-under",
        "60",
        complete.to_str().unwrap(),
        weak.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("weak.txt"), "{}", stderr(&o));
}

#[test]
fn jsonl_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("complete.txt"), dir.path().join("a.txt")).unwrap();
    std::fs::copy(fixture("weak.txt"), dir.path().join("b.txt")).unwrap();
    std::fs::write(dir.path().join("c.txt"), b"   \n").unwrap();
    let o = run(&["score", "--format", "jsonl", dir.path().to_str().unwrap()]);
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines.iter().filter(|l| l["error"].is_string()).count(), 1);
    // Without the reuse columns, which a batch adds after `error` (tests/reuse.rs).
    let o = run(&[
        "score",
        "--no-reuse",
        "--format",
        "csv",
        dir.path().to_str().unwrap(),
    ]);
    let out = o.stdout.clone();
    assert!(out.starts_with(b"\xEF\xBB\xBF"), "CSV starts with a BOM");
    let text = String::from_utf8(out[3..].to_vec()).unwrap();
    let mut rows = text.lines();
    let header = rows.next().unwrap();
    assert!(
        header.starts_with("path,title,issuer,year,date,score,grade,"),
        "{header}"
    );
    assert!(
        header.contains("lead.shufa") && header.ends_with(",error"),
        "{header}"
    );
    let rows: Vec<&str> = rows.filter(|r| !r.is_empty()).collect();
    assert_eq!(rows.len(), 3, "two reports and one error record");
    let failed: Vec<&&str> = rows.iter().filter(|r| r.contains("c.txt")).collect();
    assert_eq!(failed.len(), 1);
    assert!(
        failed[0].ends_with("no text: the file is empty or holds only white space or markup"),
        "{}",
        failed[0]
    );
}

#[test]
fn out_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cards.json");
    let o = run(&[
        "score",
        "--format",
        "json",
        "--out",
        out.to_str().unwrap(),
        fixture("weak.txt").to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let d: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(d["reports"].as_array().unwrap().len(), 1);
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 1, "no temporary files left behind: {left:?}");
    let bad = dir.path().join("no/such/dir/cards.json");
    let o = run(&[
        "score",
        "--format",
        "json",
        "--out",
        bad.to_str().unwrap(),
        fixture("weak.txt").to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("cards.json"));
}

#[test]
fn html_scorecards_inside_a_reports_folder_are_not_read_back() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("complete.txt"), dir.path().join("a.txt")).unwrap();
    std::fs::copy(fixture("weak.txt"), dir.path().join("b.txt")).unwrap();
    let out = dir.path().join("cards");
    let o = run(&[
        "score",
        "-q",
        "--format",
        "html",
        "--out",
        out.to_str().unwrap(),
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(out.join("index.html").exists());
    let d = json(&run(&[
        "score",
        "--format",
        "json",
        dir.path().to_str().unwrap(),
    ]));
    assert_eq!(
        d["reports"].as_array().unwrap().len(),
        2,
        "only the two reports, not the pages"
    );
}

#[test]
fn encoding_override_reads_what_detection_gets_wrong() {
    let title = "某某縣人民政府關於2023年度法治政府建設情況的報告";
    let text = format!("{title}\n一、主要舉措和成效\n縣長認真履行推進法治建設第一責任人職責，全年審核規範性文件十二件。\n特此報告。\n某某縣人民政府\n2024年2月20日\n");
    let (big5, _, unmappable) = encoding_rs::BIG5.encode(&text);
    assert!(!unmappable);
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big5.txt");
    std::fs::write(&p, &big5).unwrap();
    let detected = run(&["score", "--format", "json", p.to_str().unwrap()]);
    let wrong = code(&detected) == 2 || json(&detected)["reports"][0]["meta"]["title"] != title;
    assert!(
        wrong,
        "detection alone is expected to misread Big5 (chardetng guesses GBK)"
    );
    let o = run(&[
        "score",
        "--format",
        "json",
        "--encoding",
        "big5",
        p.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let d = json(&o);
    assert_eq!(d["reports"][0]["meta"]["title"], title);
    assert_eq!(d["reports"][0]["source"]["encoding"], "big5");
    let o = run(&["score", "--encoding", "klingon", p.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("unknown encoding `klingon`"));
}

#[test]
fn a_text_that_is_no_report_is_said_so_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::write(
        inputs.join("recipe.txt"),
        "红烧肉的做法\n五花肉切块，焯水。\n加糖炒色，炖一小时。\n",
    )
    .unwrap();
    std::fs::copy(fixture("complete.txt"), inputs.join("report.txt")).unwrap();
    let path = inputs.to_str().unwrap();
    let warned = "不像法治政府建设年度报告";
    let text = stdout(&run(&["score", "-q", path]));
    assert_eq!(text.matches(warned).count(), 1, "{text}");
    let d = json(&run(&["score", "--format", "json", path]));
    let cards = d["reports"].as_array().unwrap();
    let recipe = cards
        .iter()
        .find(|c| {
            c["source"]["path"]
                .as_str()
                .unwrap()
                .ends_with("recipe.txt")
        })
        .unwrap();
    assert!(recipe["warnings"][0].as_str().unwrap().contains(warned));
    let report = cards
        .iter()
        .find(|c| {
            c["source"]["path"]
                .as_str()
                .unwrap()
                .ends_with("report.txt")
        })
        .unwrap();
    assert!(
        report.get("warnings").is_none(),
        "a real report carries no warning"
    );
    let jsonl = stdout(&run(&["score", "--format", "jsonl", path]));
    assert_eq!(jsonl.matches(warned).count(), 1);
    let csv = stdout(&run(&["score", "--no-reuse", "--format", "csv", path]));
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with(",warnings,error"), "{header}");
    let row = csv.lines().find(|l| l.contains("recipe.txt")).unwrap();
    assert!(row.contains(warned), "{row}");
    let out = dir.path().join("cards");
    let o = run(&[
        "score",
        "-q",
        "--format",
        "html",
        "--out",
        out.to_str().unwrap(),
        path,
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert_eq!(
        index.matches(warned).count(),
        1,
        "the overview marks the one text"
    );
    let pages: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().unwrap() != "index.html" && p.extension().is_some_and(|x| x == "html")
        })
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert_eq!(pages.iter().filter(|p| p.contains(warned)).count(), 1);
}
