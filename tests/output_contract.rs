//! docs/output.md, the project's output contract, against what the binary prints.
//!
//! The binary is run on a small batch (a history pair, a third issuer, a Word .doc, a
//! two-page PDF built by `contract_support::pdf`) in json, jsonl and csv (`--csv-headers id`), and `compare` and
//! `rules diff` / `rules calibrate` on the history pair. Then:
//!
//! - every JSON key printed is in the document's field index (part 3), under the object
//!   type it belongs to, with the JSON type the index gives it; and every field the index
//!   marks `always` is printed wherever its parent object is;
//! - the CSV header is the index's column list: every column documented (element and
//!   category columns by their `<element>` / `<category>` pattern, expanded with the
//!   pack's ids in pack order), every `always` column present, in the documented order;
//! - every long flag of `lawscore --help` and of each subcommand's `--help` stands in that
//!   command's section of part 2 (or in "every command"), every command has a section, and
//!   every flag a section names exists;
//! - part 1 is the shared contract's text, whole (compared byte for byte when
//!   ../shared/spec/output.md is beside the project).
//!
//! **When a field, column or flag is added**: add a row to the index table of the object
//! it belongs to in docs/output.md (path relative to that object, type, `always` or when it
//! is present, the version it came in, meaning), or the flag to its command's section, and
//! say in prose what it means. Nothing in this file changes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

mod contract_support;

use contract_support::pdf::pdf;
use contract_support::{index, tables, ticked, Walk, DOC};

/// The markers around part 1, the shared contract's text.
const V1_BEGIN: &str = "<!-- version 1: begin -->\n";
const V1_END: &str = "<!-- version 1: end -->";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(rel: &str) -> String {
    root()
        .join("tests/fixtures")
        .join(rel)
        .display()
        .to_string()
}

/// Runs the binary; returns stdout and the exit code.
fn run(args: &[&str]) -> (String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_lawscore"))
        .args(args)
        .env("LAWSCORE_LANG", "en")
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8(out.stdout).expect("output is UTF-8");
    (stdout, out.status.code().unwrap_or(-1))
}

/// Runs the binary and insists on exit status `want`.
fn run_ok(args: &[&str], want: i32) -> String {
    let (out, code) = run(args);
    assert_eq!(code, want, "lawscore {args:?} exited {code}");
    out
}

/// The PDF of the batch, written under the target's temporary folder.
fn paged_fixture() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("output_contract");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("paged.pdf");
    let page1: &[&str] = &[
        "某县人民政府2023年法治政府建设年度报告",
        "一、主要举措和成效",
        "县政府主要负责人切实履行推进法治建设第一责任人职责。",
        "年底在县委全面依法治县委员会会议上述法。",
    ];
    let page2: &[&str] = &[
        "行政机关负责人出庭应诉率100%。",
        "二、存在的不足和原因",
        "三、2024年工作安排",
        "某县人民政府",
        "2024年1月20日",
    ];
    std::fs::write(&path, pdf(&[page1, page2])).unwrap();
    path
}

/// The batch every check runs on: a history pair of one issuer (under two names, which the
/// aliases file joins), another issuer's report, a Word .doc (paragraph numbers), the PDF
/// (page numbers), a text that is no report (warnings) and a spreadsheet (an error record).
fn batch() -> Vec<String> {
    let notice = paged_fixture().with_file_name("notice.txt");
    std::fs::write(
        &notice,
        "关于召开会议的通知\n各单位：定于下周一召开会议。\n",
    )
    .unwrap();
    vec![
        fixture("history/jizhou/2022.txt"),
        fixture("history/jizhou/2023.txt"),
        fixture("history/other/2023.txt"),
        fixture("doc/scored.doc"),
        paged_fixture().display().to_string(),
        notice.display().to_string(),
        fixture("doc/sheet.xls"),
    ]
}

/// The batch scored in `format` (with extra arguments); exit 2, for the spreadsheet.
fn score(format: &str, extra: &[&str]) -> String {
    let aliases = fixture("history/aliases.yaml");
    let mut args = vec![
        "score",
        "-q",
        "-j1",
        "--aliases",
        &aliases,
        "--format",
        format,
    ];
    args.extend(extra);
    let paths = batch();
    args.extend(paths.iter().map(String::as_str));
    run_ok(&args, 2)
}

fn report(w: &Walk) {
    assert!(
        w.problems.is_empty(),
        "docs/output.md and the program part:\n{}",
        w.problems.iter().cloned().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn every_json_field_printed_is_documented_and_every_always_field_is_printed() {
    let idx = index();
    let mut w = Walk::default();
    let doc: Value = serde_json::from_str(&score("json", &[])).unwrap();
    assert!(
        doc["history"].is_array(),
        "the batch has a history pair, so the JSON has a history"
    );
    let paged = doc["reports"].as_array().unwrap().iter().any(|r| {
        r["source"]["pages"].is_number()
            && r["elements"].as_array().unwrap().iter().any(|e| {
                let ev = e["evidence"].as_array().unwrap();
                ev.iter().any(|q| q["page_line"].is_number())
            })
    });
    assert!(paged, "the PDF is read with its pages, evidence included");
    w.object(&idx, "<scores>", "", &doc);

    // JSON Lines: scorecards, then error records, then `{"history": …}` records.
    let mut kinds = Vec::new();
    for line in score("jsonl", &[]).lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        if v.get("source").is_some() {
            kinds.push(0);
            w.object(&idx, "<scorecard>", "", &v);
        } else if v.get("error").is_some() {
            kinds.push(1);
            w.object(&idx, "<error>", "", &v);
        } else {
            kinds.push(2);
            w.object(&idx, "<history-line>", "", &v);
        }
    }
    assert!(kinds.windows(2).all(|k| k[0] <= k[1]), "record order");
    assert!(kinds.contains(&2), "a history record");

    let (pair0, pair1) = (
        fixture("history/jizhou/2022.txt"),
        fixture("history/jizhou/2023.txt"),
    );
    let cmp = run_ok(&["compare", "--format", "json", &pair0, &pair1], 0);
    w.object(&idx, "<compare>", "", &serde_json::from_str(&cmp).unwrap());
    let cal = run_ok(
        &[
            "rules",
            "calibrate",
            "--format",
            "json",
            "-j1",
            &pair0,
            &pair1,
        ],
        0,
    );
    w.object(
        &idx,
        "<calibrate>",
        "",
        &serde_json::from_str(&cal).unwrap(),
    );
    w.missing_always(&idx);
    report(&w);
}

/// A rule pack that scores the pair differently from the built-in one: `rules diff` has
/// changes to print.
fn edited_pack() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("output_contract_pack");
    let _ = std::fs::remove_dir_all(&dir);
    run_ok(&["rules", "export", &dir.display().to_string()], 0);
    let lead = dir.join("lead.yaml");
    let text = std::fs::read_to_string(&lead).expect("the pack has lead.yaml");
    assert!(text.contains("'述法'"), "the edit below still applies");
    std::fs::write(&lead, text.replace("'述法'", "'现场述法'")).unwrap();
    dir
}

#[test]
fn rules_diff_json_is_documented() {
    let idx = index();
    let mut w = Walk::default();
    let pack = edited_pack();
    let (pair0, pair1) = (
        fixture("history/jizhou/2022.txt"),
        fixture("history/jizhou/2023.txt"),
    );
    let pack = pack.display().to_string();
    let (doc, pdf) = (
        fixture("doc/scored.doc"),
        paged_fixture().display().to_string(),
    );
    let args = [
        "rules",
        "diff",
        "--rules",
        &pack,
        "--against",
        "builtin",
        "--format",
        "json",
        "-j1",
        &pair0,
        &pair1,
        &doc,
        &pdf,
    ];
    let out = run_ok(&args, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    w.object(&idx, "<rules-diff>", "", &v);
    w.missing_always(&idx);
    report(&w);
}

/// The CSV columns table: (column, zh header, always).
fn csv_table() -> Vec<(String, String, bool)> {
    let t = tables("### Columns ");
    let rows = t
        .get("csv")
        .expect("docs/output.md has a CSV columns table");
    rows.iter()
        .map(|c| {
            let always = c.get(2).is_some_and(|w| w == "always");
            (ticked(&c[0]).unwrap().to_string(), c[1].clone(), always)
        })
        .collect()
}

/// The documented columns with their placeholders filled in: (column, always). Consecutive
/// rows of one placeholder repeat together for each id (`<category>.earned`,
/// `<category>.possible`, then the next category's).
fn expand_columns(
    table: &[(String, String, bool)],
    ids: &[(&str, &[String])],
) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < table.len() {
        let Some(&(ph, ids)) = ids.iter().find(|(ph, _)| table[i].0.contains(ph)) else {
            out.push((table[i].0.clone(), table[i].2));
            i += 1;
            continue;
        };
        let group: Vec<_> = table[i..].iter().take_while(|r| r.0.contains(ph)).collect();
        for id in ids {
            out.extend(group.iter().map(|r| (r.0.replace(ph, id), r.2)));
        }
        i += group.len();
    }
    out
}

/// The header row of a CSV output.
fn csv_header(csv: &str) -> Vec<String> {
    let csv = csv.strip_prefix('\u{feff}').expect("a byte-order mark");
    let first = csv.lines().next().unwrap();
    first.split(',').map(str::to_string).collect()
}

#[test]
fn the_csv_header_is_the_documented_column_list() {
    let doc: Value = serde_json::from_str(&score("json", &[])).unwrap();
    let card = &doc["reports"][0];
    let ids = |k: &str| -> Vec<String> {
        let items = card[k].as_array().unwrap().iter();
        items
            .map(|e| e["id"].as_str().unwrap().to_string())
            .collect()
    };
    let (elements, categories) = (ids("elements"), ids("categories"));
    let header = csv_header(&score("csv", &["--csv-headers", "id"]));
    let table = csv_table();
    let documented = expand_columns(
        &table,
        &[("<element>", &elements), ("<category>", &categories)],
    );
    for col in &header {
        assert!(
            documented.iter().any(|(d, _)| d == col),
            "CSV column `{col}` is not in docs/output.md"
        );
    }
    let always: Vec<&String> = documented.iter().filter(|d| d.1).map(|d| &d.0).collect();
    let printed: Vec<&String> = header.iter().filter(|h| always.contains(h)).collect();
    assert_eq!(
        printed, always,
        "the CSV prints the documented columns, in the documented order"
    );

    // The fixed columns' Chinese headers stand where their ids do.
    let zh = csv_header(&score("csv", &["--csv-headers", "zh", "--lang", "zh"]));
    assert_eq!(zh.len(), header.len(), "both headers have every column");
    for (id, words, _) in table.iter().filter(|(c, _, a)| *a && !c.contains('<')) {
        let at = header.iter().position(|h| h == id).unwrap();
        assert_eq!(&zh[at], words, "the zh header of `{id}`");
    }
}

/// `--no-reuse` (1.2) both ways: the batch's scorecards carry the documented `reuse` block
/// and the CSV its documented columns after `error`; with the flag, neither.
#[test]
fn reuse_is_in_a_batch_and_no_reuse_takes_it_out() {
    let with: Value = serde_json::from_str(&score("json", &[])).unwrap();
    let without: Value = serde_json::from_str(&score("json", &["--no-reuse"])).unwrap();
    let reports = |d: &Value| d["reports"].as_array().unwrap().clone();
    assert!(reports(&with).iter().all(|r| r["reuse"]["batch"].is_u64()));
    assert!(reports(&without).iter().all(|r| r.get("reuse").is_none()));
    let shared = reports(&with)
        .iter()
        .any(|r| !r["reuse"]["passages"].as_array().unwrap().is_empty());
    assert!(
        shared,
        "the history pair shares text, so some block lists passages"
    );

    let reuse_cols: Vec<String> = csv_table()
        .into_iter()
        .map(|c| c.0)
        .filter(|c| c.starts_with("reuse."))
        .collect();
    assert_eq!(
        reuse_cols.len(),
        3,
        "docs/output.md documents three reuse columns"
    );
    let header = csv_header(&score("csv", &["--csv-headers", "id"]));
    let at = header.iter().position(|h| h == "error").unwrap();
    assert_eq!(
        header[at + 1..],
        reuse_cols[..],
        "the reuse columns follow `error`"
    );
    let plain = csv_header(&score("csv", &["--csv-headers", "id", "--no-reuse"]));
    assert_eq!(plain.last().map(String::as_str), Some("error"));
    assert_eq!(plain[..], header[..=at]);
}

// ---------------------------------------------------------------------------------------
// Flags: part 2's `### Command: `lawscore …`` sections.

/// Command sections: "score", "rules diff", "" for every command → their text.
fn command_sections() -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in DOC.lines() {
        if line.starts_with('#') {
            current = line.strip_prefix("### Command: ").map(|rest| {
                let name = ticked(rest).unwrap_or(rest);
                name.strip_prefix("lawscore")
                    .unwrap_or(name)
                    .trim()
                    .to_string()
            });
            continue;
        }
        if let Some(c) = &current {
            let s = out.entry(c.clone()).or_default();
            s.push_str(line);
            s.push('\n');
        }
    }
    out
}

/// Long flags named in `text` (`--name`), for help texts and document sections alike.
fn flags_in(text: &str) -> BTreeSet<String> {
    let re = regex::Regex::new(r"(?:^|[^A-Za-z0-9-])(--[a-z][a-z0-9-]*)").unwrap();
    re.captures_iter(text).map(|c| c[1].to_string()).collect()
}

/// The subcommands a help text lists (`  name   description` under its commands heading).
fn subcommands(help: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in help.lines() {
        if !line.starts_with(' ') {
            inside = line.trim_end().ends_with("Commands:");
            continue;
        }
        // A name stands two spaces in; a wrapped description further.
        if inside && !line[2..].starts_with(' ') {
            if let Some(name) = line.split_whitespace().next() {
                if name != "help" {
                    out.push(name.to_string());
                }
            }
        }
    }
    out
}

/// Every command and its help: "" for the top, then "score", "rules", "rules diff", …
fn helps() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut todo = vec![String::new()];
    while let Some(cmd) = todo.pop() {
        let mut args: Vec<&str> = cmd.split_whitespace().collect();
        args.extend(["--lang", "en", "--help"]);
        let help = run_ok(&args, 0);
        for sub in subcommands(&help) {
            todo.push(format!("{cmd} {sub}").trim().to_string());
        }
        out.push((cmd, help));
    }
    out
}

#[test]
fn every_flag_is_documented_in_its_commands_section_and_every_documented_flag_exists() {
    let sections = command_sections();
    let every = sections
        .get("")
        .map(|s| flags_in(s))
        .expect("docs/output.md has a `### Command: lawscore` section for every command");
    let mut problems = Vec::new();
    let mut commands = BTreeSet::new();
    for (cmd, help) in helps() {
        let has_subcommands = !subcommands(&help).is_empty();
        if has_subcommands && !cmd.is_empty() {
            continue; // `rules` alone runs nothing; its subcommands have the flags
        }
        commands.insert(cmd.clone());
        let flags = flags_in(&help);
        let Some(section) = sections.get(&cmd) else {
            problems.push(format!("`lawscore {cmd}` has no section"));
            continue;
        };
        let named = flags_in(section);
        for f in &flags {
            if !named.contains(f) && !every.contains(f) {
                problems.push(format!("`lawscore {cmd}`: {f} is not documented"));
            }
        }
        for f in &flags_in(section) {
            if !flags.contains(f) {
                problems.push(format!(
                    "`lawscore {cmd}`: docs/output.md names {f}, which it does not take"
                ));
            }
        }
    }
    for s in sections.keys() {
        if !commands.contains(s) {
            problems.push(format!(
                "docs/output.md documents `lawscore {s}`, which is no command"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ---------------------------------------------------------------------------------------

#[test]
fn part_one_is_the_shared_contract_whole() {
    let start = DOC.find(V1_BEGIN).expect("part 1's begin marker") + V1_BEGIN.len();
    let end = DOC[start..].find(V1_END).expect("part 1's end marker") + start;
    let part1 = &DOC[start..end];
    for line in [
        "# Output contract",
        "`--format json` prints one object: `{\"schema\": \"lawscore.scorecards/1\", \"ruleset\": {...},",
        "One row per report: path, title, issuer, year, date, score, grade, then one column per",
    ] {
        assert!(part1.contains(line), "part 1 keeps {line:?}");
    }
    // The shared file is beside the project on the machines it is written on, not in a
    // clean clone; where it is, part 1 must be it byte for byte.
    let shared = root().join("../shared/spec/output.md");
    if let Ok(text) = std::fs::read_to_string(Path::new(&shared)) {
        assert_eq!(part1, text, "part 1 is ../shared/spec/output.md unchanged");
    }
    let schema = run_ok(
        &[
            "score",
            "-q",
            "--format",
            "json",
            &fixture("reports/weak.txt"),
        ],
        0,
    );
    let v: Value = serde_json::from_str(&schema).unwrap();
    assert!(
        DOC.contains(&format!("`{}`", v["schema"].as_str().unwrap())),
        "the schema tag printed is the one documented"
    );
}
