//! Report text that tries to act on the person reading the output, encodings that read as
//! noise, and inputs whose shown names collide (issue 9, items 5, 6 and 8).
//!
//! - CSV: a cell that begins with = + - @ (a title, a file name, an error) is opened by a
//!   spreadsheet as text, not as a formula; numbers stay numbers.
//! - Terminal: escape codes and bidi controls in a title, evidence or a heading are shown as
//!   visible escapes by `--format text` and `outline`; our own colours still paint.
//! - HTML: bidi controls in report text cannot reach past the text they came with, in the
//!   built-in templates and in a user's.
//! - Encodings: a Big5, Shift_JIS, EUC-JP or EUC-KR file is an error that names the
//!   encoding and `--encoding`, not a GB18030 reading scored 0; GBK and UTF-8 are untouched.
//! - Page names: two inputs whose names differ only in invalid UTF-8 get two pages.

mod common;
#[path = "render_support/mod.rs"]
mod fixture;

use std::path::Path;
use std::process::{Command, Output};

use encoding_rs::{Encoding, BIG5, EUC_JP, EUC_KR, GBK, SHIFT_JIS};
use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;
use lawscore::model::scorecard::{Evidence, NearMiss, Status};
use lawscore::render::{page_file_name, page_file_names, to_text, Batch};

const COMPLETE: &str = include_str!("fixtures/reports/complete.txt");
const WEAK: &str = include_str!("fixtures/reports/weak.txt");

/// Runs lawscore in `dir` (so a path argument is the cell the CSV writes).
fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lawscore"))
        // In English: the tests check what the messages say.
        .env("LAWSCORE_LANG", "en")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run lawscore")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The complete fixture with its first line (the title) replaced.
fn with_title(title: &str) -> String {
    let rest = COMPLETE.split_once('\n').unwrap().1;
    format!("{title}\n{rest}")
}

// ---- CSV -------------------------------------------------------------------------------

/// What a spreadsheet would take for a formula: a cell starting with one of these.
fn formula_like(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
        && cell != "-"
        && cell.parse::<f64>().is_err()
}

#[test]
fn csv_cells_that_start_a_formula_are_opened_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("=1+1.txt"), COMPLETE).unwrap();
    std::fs::write(d.join("@SUM(A1).txt"), COMPLETE).unwrap();
    let title =
        r#"=HYPERLINK("http://evil.example/","梧川县人民政府关于2023年度法治政府建设情况的报告")"#;
    std::fs::write(d.join("title.txt"), with_title(title)).unwrap();
    std::fs::write(d.join("-empty.txt"), "").unwrap();
    let o = run_in(
        d,
        &[
            "score",
            "--format",
            "csv",
            "--",
            "=1+1.txt",
            "@SUM(A1).txt",
            "title.txt",
            "-empty.txt",
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(2),
        "the empty file is an error record"
    );
    let csv = stdout(&o);
    let mut r =
        csv::ReaderBuilder::new().from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let head = r.headers().unwrap().clone();
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    for row in &rows {
        for cell in row {
            assert!(!formula_like(cell), "a spreadsheet would run {cell:?}");
        }
    }
    let by_path = |p: &str| {
        rows.iter()
            .find(|r| &r[0] == p)
            .unwrap_or_else(|| panic!("{p} in {csv}"))
    };
    by_path("'=1+1.txt");
    by_path("'@SUM(A1).txt");
    let t = by_path("title.txt");
    assert_eq!(
        &t[col("title")],
        format!("'{title}"),
        "the text itself is kept"
    );
    assert_eq!(&t[col("score")], "100.0", "numbers stay numbers");
    assert_eq!(&t[col("year")], "2023");
    let e = by_path("'-empty.txt");
    assert!(!e[col("error")].is_empty());
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http"),
        "a cell with quotes is quoted"
    );
}

// ---- Terminal --------------------------------------------------------------------------

/// Every ESC in `s` starts one of our colour codes (`ESC [ digits ; m`).
fn only_our_escapes(s: &str) -> bool {
    let re = regex::Regex::new(r"\x1b\[[0-9;]*m").unwrap();
    re.replace_all(s, "")
        .chars()
        .all(|c| !c.is_control() || c == '\n')
}

const EVIL_TITLE: &str =
    "\x1b]0;pwned\x07\x1b[2J梧川县人民政府关于2023年度法治政府建设情况的报告\u{202e}txt.exe\u{9b}31m";

#[test]
fn text_output_and_outline_show_escapes_and_bidi_visibly() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("r.txt");
    let body = with_title(EVIL_TITLE).replacen(
        "一、2023年度法治政府建设主要举措和成效",
        "一、\x1b[8m主要举措\x7f和成效",
        1,
    );
    std::fs::write(&f, body).unwrap();
    let f = f.to_str().unwrap();
    for args in [
        vec!["score", "--color", "never", f],
        vec!["score", "--color", "always", f],
        vec!["outline", f],
    ] {
        let o = common::run(&args);
        let out = stdout(&o);
        assert!(
            only_our_escapes(&out),
            "{args:?} printed a raw control:\n{out:?}"
        );
        assert!(
            !out.contains('\u{202e}'),
            "{args:?} printed a bidi override"
        );
        assert!(
            out.contains("\\x1b]0;pwned\\x07\\x1b[2J梧川县"),
            "{args:?}: {out}"
        );
        assert!(out.contains("\\u{202e}txt.exe\\x9b31m"), "{args:?}");
        if args[0] == "outline" {
            assert!(
                out.contains("\\x1b[8m主要举措\\x7f和成效"),
                "headings too: {out}"
            );
        }
    }
    let coloured = stdout(&common::run(&["score", "--color", "always", f]));
    assert!(coloured.contains("\x1b[1m"), "our colours still paint");
}

#[test]
fn evidence_advice_and_errors_in_text_output_are_escaped() {
    let (mut card, text) = fixture::card(1);
    let evil = "\x1b[31m述法\x1b[0m\u{2066}\t工作";
    let e = &mut card.elements[0];
    e.status = Status::Partial;
    e.evidence = vec![Evidence {
        text: format!("开展{evil}"),
        line: 3,
        paragraph: None,
        page: None,
        page_line: None,
        section: String::new(),
        kind: lawscore::model::Kind::Measures,
        matched: vec![],
    }];
    e.near_miss = Some(NearMiss {
        reason: format!("只在计划中{evil}"),
        evidence: e.evidence[0].clone(),
    });
    e.advice = Some(format!("补充{evil}"));
    card.warnings.push(format!("警告{evil}"));
    let errors = vec![lawscore::model::scorecard::ErrorRecord {
        path: "bad\x1b[2J.txt".into(),
        error: format!("错误{evil}"),
    }];
    let cards = [card];
    let texts = [text];
    let b = Batch {
        cards: &cards,
        texts: &texts,
        errors: &errors,
        pack: fixture::pack(),
    };
    for color in [false, true] {
        let out = to_text(&b, color);
        assert!(only_our_escapes(&out), "{out:?}");
        assert!(!out.contains('\u{2066}'));
        // A tab becomes a space; the rest is spelled out.
        assert_eq!(
            out.matches("\\x1b[31m述法\\x1b[0m\\u{2066} 工作").count(),
            6,
            "{out}"
        );
        assert!(out.contains("bad\\x1b[2J.txt"));
    }
}

// ---- HTML ------------------------------------------------------------------------------

fn is_isolate(c: char) -> bool {
    ('\u{2066}'..='\u{2068}').contains(&c)
}

/// Checks that no embedding, override or isolate is open where markup starts (`<`, a
/// quote ending an attribute) or a line ends: what report text opened, it closed.
fn bidi_closed_before_markup(html: &str) -> Result<(), String> {
    let mut stack: Vec<char> = Vec::new();
    for (i, c) in html.char_indices() {
        match c {
            // A close of an embedding closes one only when no isolate is nearer.
            '\u{202C}' if stack.last().is_some_and(|&t| !is_isolate(t)) => {
                stack.pop();
            }
            '\u{202C}' => {}
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2068}' => stack.push(c),
            '\u{2069}' => {
                if let Some(at) = stack.iter().rposition(|&t| is_isolate(t)) {
                    stack.truncate(at);
                }
            }
            '<' | '"' | '\n' if !stack.is_empty() => {
                let from = html[..i].char_indices().rev().nth(40).map_or(0, |(j, _)| j);
                return Err(format!(
                    "{stack:?} open before {c:?} in …{}",
                    &html[from..i]
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

#[test]
fn bidi_controls_are_isolated_in_pages_overview_and_user_templates() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let reports = d.join("reports");
    std::fs::create_dir(&reports).unwrap();
    let title = "梧川县人民政府关于2023年度法治政府建设情况的报告\u{202e}txt.exe";
    std::fs::write(reports.join("a.txt"), with_title(title)).unwrap();
    // Stray closers and open isolates, in a body line the page quotes in full.
    let body = COMPLETE.replacen(
        "中共梧川县委",
        "中共\u{2069}\u{202c}梧川\u{2067}县委\u{202b}",
        1,
    );
    std::fs::write(reports.join("b.txt"), body).unwrap();
    let tpl = d.join("tpl");
    std::fs::create_dir(&tpl).unwrap();
    std::fs::write(
        tpl.join("report.html"),
        "<title>{{ card.meta.title }}</title><p title=\"{{ card.meta.title }}\">{{ card.source.path ~ card.meta.title }}</p>",
    )
    .unwrap();
    for (out, extra) in [
        ("site", vec![]),
        ("mine", vec!["--templates", tpl.to_str().unwrap()]),
    ] {
        let site = d.join(out);
        let mut args = vec![
            "score",
            "-q",
            "--format",
            "html",
            "--out",
            site.to_str().unwrap(),
        ];
        args.extend(extra);
        args.push(reports.to_str().unwrap());
        let o = common::run(&args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let mut pages = 0;
        for f in std::fs::read_dir(&site).unwrap().flatten() {
            if f.path().extension().is_some_and(|e| e == "html") {
                let html = std::fs::read_to_string(f.path()).unwrap();
                pages += usize::from(html.contains('\u{202e}'));
                if let Err(e) = bidi_closed_before_markup(&html) {
                    panic!("{}: {e}", f.path().display());
                }
            }
        }
        assert!(
            pages >= 2,
            "{out}: the title is on its page and on the overview"
        );
    }
}

// ---- Encodings -------------------------------------------------------------------------

/// `text` without the characters `enc` cannot encode, and its bytes in `enc`.
fn encodable(text: &str, enc: &'static Encoding) -> (String, Vec<u8>) {
    let kept: String = text
        .chars()
        .filter(|c| {
            let s = c.to_string();
            let (b, _, lossy) = enc.encode(&s);
            !lossy && enc.decode_without_bom_handling(&b).0 == s
        })
        .collect();
    let bytes = enc.encode(&kept).0.into_owned();
    (kept, bytes)
}

/// A report in traditional characters (as Big5 is written in Taiwan and Hong Kong).
fn traditional(text: &str) -> String {
    static S2T: std::sync::OnceLock<OpenCC> = std::sync::OnceLock::new();
    S2T.get_or_init(|| OpenCC::from_config(BuiltinConfig::S2t).unwrap())
        .convert(text)
}

/// A page of Japanese prose (reports are not written in it; a misfiled one must not score).
fn japanese() -> String {
    "日本国政府は、法の支配に基づく行政の推進について、毎年度の報告書を公表している。\
     この報告では、各省庁の取り組みと課題を明らかにし、今後の方針を示す。\n"
        .repeat(6)
}

fn korean() -> String {
    "정부는 법치 행정을 추진하기 위하여 매년 보고서를 발표하고 있습니다. \
     이 보고서에서는 각 부처의 노력과 과제를 밝히고 앞으로의 방향을 제시합니다.\n"
        .repeat(6)
}

/// Scores files of `dir` in one run: exit status, the JSON, standard error.
fn score_files(
    dir: &Path,
    names: &[&str],
    extra: &[&str],
) -> (Option<i32>, serde_json::Value, String) {
    let mut args = vec!["score", "--format", "json"];
    args.extend(extra);
    args.push("--");
    args.extend(names);
    let o = run_in(dir, &args);
    (
        o.status.code(),
        serde_json::from_slice(&o.stdout).unwrap(),
        stderr(&o),
    )
}

/// The score of the report read from `path` in a batch's JSON.
fn score_of<'a>(json: &'a serde_json::Value, path: &str) -> &'a serde_json::Value {
    let reports = json["reports"].as_array().unwrap();
    let card = reports.iter().find(|c| c["source"]["path"] == path);
    &card.unwrap_or_else(|| panic!("{path} scored in {json}"))["score"]
}

#[test]
fn legacy_cjk_encodings_are_named_not_scored_as_mojibake() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let tr = traditional(COMPLETE);
    let cases: Vec<(String, &'static Encoding, &str, &str)> = vec![
        (tr.clone(), BIG5, "Big5", "big5"),
        (traditional(WEAK), BIG5, "Big5", "big5"),
        (tr, SHIFT_JIS, "Shift_JIS", "shift_jis"),
        (japanese(), SHIFT_JIS, "Shift_JIS", "shift_jis"),
        (japanese(), EUC_JP, "EUC-JP", "euc-jp"),
        (korean(), EUC_KR, "EUC-KR", "euc-kr"),
    ];
    let mut files = Vec::new();
    for (i, (text, enc, ..)) in cases.iter().enumerate() {
        let (kept, bytes) = encodable(text, enc);
        std::fs::write(d.join(format!("r{i}.txt")), bytes).unwrap();
        std::fs::write(d.join(format!("u{i}.txt")), kept).unwrap();
        files.push(format!("r{i}.txt"));
    }
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    let (code, json, err) = score_files(d, &files, &[]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        json["reports"].as_array().unwrap().is_empty(),
        "none is scored: {json}"
    );
    let utf8: Vec<String> = (0..cases.len()).map(|i| format!("u{i}.txt")).collect();
    let (_, utf8_json, _) =
        score_files(d, &utf8.iter().map(String::as_str).collect::<Vec<_>>(), &[]);
    for (i, (_, _, name, label)) in cases.iter().enumerate() {
        let file = files[i];
        let line = err
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("{file}: {err}"));
        let flag = format!("--encoding {label}");
        assert!(
            line.contains("mojibake") && line.contains(name) && line.contains(&flag),
            "{name}: {line}"
        );
        // Said so, the same bytes read as the text they hold.
        let (code, forced, err) = score_files(d, &[file], &["--encoding", label]);
        assert_eq!(code, Some(0), "{name} forced: {err}");
        assert_eq!(
            score_of(&forced, file),
            score_of(&utf8_json, &utf8[i]),
            "{name}"
        );
    }
    // A user who forces GB18030 gets what they asked for: a reading, not an error.
    let (code, gb, err) = score_files(d, &files, &["--encoding", "gb18030"]);
    assert_eq!(code, Some(0), "{err}");
    for card in gb["reports"].as_array().unwrap() {
        assert_eq!(card["source"]["encoding"], "gb18030");
    }
}

#[test]
fn gbk_and_utf8_reports_are_unaffected_and_short_texts_are_not_judged() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let texts = [
        COMPLETE.to_string(),
        WEAK.to_string(),
        traditional(COMPLETE),
    ];
    let mut names = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        std::fs::write(d.join(format!("u{i}.txt")), text).unwrap();
        std::fs::write(d.join(format!("g{i}.txt")), GBK.encode(text).0).unwrap();
        names.extend([format!("u{i}.txt"), format!("g{i}.txt")]);
    }
    let (code, json, err) = score_files(
        d,
        &names.iter().map(String::as_str).collect::<Vec<_>>(),
        &[],
    );
    assert_eq!(code, Some(0), "{err}");
    for i in 0..texts.len() {
        let (u, g) = (format!("u{i}.txt"), format!("g{i}.txt"));
        assert_eq!(score_of(&json, &g), score_of(&json, &u), "{g}");
        let card = json["reports"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["source"]["path"] == g.as_str());
        assert_eq!(card.unwrap()["source"]["encoding"], "gb18030");
    }
    // Every line of the fixtures on its own, in GBK, is read: titles, lists of names and
    // short paragraphs without a single common word are not called mojibake.
    for text in [COMPLETE, WEAK] {
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let bytes = GBK.encode(line).0;
            let ex = lawscore::ingest::extract(&bytes, "line.txt");
            assert!(ex.is_ok(), "{line}: {ex:?}");
        }
    }
    // A few words of Big5 are too few to judge: read as decoded, not refused.
    let (_, bytes) = encodable("法治政府建設年度報告", BIG5);
    assert!(lawscore::ingest::extract(&bytes, "short.txt").is_ok());
}

// ---- Page names ------------------------------------------------------------------------

#[test]
fn page_names_are_unique_within_a_batch() {
    let (a, _) = fixture::card(0);
    let cards = vec![a.clone(), a.clone(), fixture::card(1).0, a];
    let names = page_file_names(&cards);
    assert_eq!(
        names[0],
        page_file_name(&cards[0]),
        "the first keeps its name"
    );
    assert_eq!(names[2], page_file_name(&cards[2]));
    let unique: std::collections::HashSet<String> =
        names.iter().map(|n| n.to_lowercase()).collect();
    assert_eq!(unique.len(), 4, "{names:?}");
    assert_eq!(names, page_file_names(&cards), "the same on every run");
}

#[cfg(unix)]
#[test]
fn names_that_differ_only_in_invalid_utf8_get_their_own_pages() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    std::fs::create_dir(&reports).unwrap();
    for i in 0..7 {
        std::fs::write(reports.join(format!("r{i}.txt")), COMPLETE).unwrap();
    }
    for b in [0xfe_u8, 0xff] {
        let bytes = [b'a', b, b'.', b't', b'x', b't'];
        std::fs::write(
            reports.join(std::ffi::OsStr::from_bytes(&bytes)),
            format!("{COMPLETE}\n附注：文件标记{b}。\n"),
        )
        .unwrap();
    }
    let site = dir.path().join("site");
    let o = common::run(&[
        "score",
        "-q",
        "--format",
        "html",
        "--out",
        site.to_str().unwrap(),
        reports.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let pages: Vec<String> = std::fs::read_dir(&site)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".html") && n != "index.html")
        .collect();
    assert_eq!(pages.len(), 9, "{pages:?}");
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    for p in &pages {
        assert!(index.contains(&format!("href=\"{p}\"")), "index links {p}");
    }
    // Each page is its own report, not one written twice.
    let titled: usize = pages
        .iter()
        .filter(|p| p.starts_with("a-"))
        .map(|p| std::fs::read_to_string(site.join(p)).unwrap())
        .filter(|h| h.contains("文件标记254") || h.contains("文件标记255"))
        .count();
    assert_eq!(titled, 2, "both marked reports have a page");
}
