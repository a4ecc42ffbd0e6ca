//! Spreadsheets for supervisors: the CSV's points columns (contract ids and Chinese
//! headers) and the xlsx workbook as LibreOffice reads it back carry the very figures of
//! the JSON scorecards, for every report of a batch.

mod common;

use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A batch with every status (a department report has elements not applicable), and a
/// path that does not exist, so the outputs carry an error record too.
const BATCH: &str = "tests/fixtures/blind";
const MISSING: &str = "tests/fixtures/no-such-report.txt";

/// The status words a Chinese sheet shows.
fn word(status: &str) -> &'static str {
    match status {
        "met" => "已满足",
        "partial" => "部分满足",
        "missing" => "缺失",
        "not_applicable" => "不适用",
        other => panic!("unknown status {other}"),
    }
}

fn lawscore(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lawscore"))
        .args(args)
        .env("LAWSCORE_LANG", "zh")
        .output()
        .expect("run lawscore")
}

/// The batch's scorecards by path, from the JSON output.
fn cards() -> HashMap<String, Value> {
    let out = lawscore(&["score", "-q", "--format", "json", BATCH]);
    let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    let reports = doc["reports"].as_array().expect("reports");
    assert!(
        reports.len() > 10,
        "the batch scored {} reports",
        reports.len()
    );
    reports
        .iter()
        .map(|c| (c["source"]["path"].as_str().unwrap().to_string(), c.clone()))
        .collect()
}

/// Header and rows of a CSV, checked to start with a byte-order mark when `bom`.
fn read_csv(bytes: &[u8], bom: bool) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    assert_eq!(text.starts_with('\u{feff}'), bom, "byte-order mark");
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect::<Vec<_>>());
    let header = rows.next().expect("a header row");
    (header, rows.collect())
}

fn csv_of(extra: &[&str]) -> (Vec<String>, Vec<Vec<String>>) {
    // The columns without reuse, which a batch adds after `error` (tests/reuse.rs).
    let mut args = vec!["score", "-q", "--no-reuse", "--format", "csv"];
    args.extend_from_slice(extra);
    args.extend([BATCH, MISSING]);
    let out = lawscore(&args);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a missing file makes the run end with 2"
    );
    read_csv(&out.stdout, true)
}

/// One decimal, as every figure is published.
fn fig(x: &Value) -> String {
    format!("{:.1}", x.as_f64().expect("a number"))
}

/// A figure read back from a cell, to one decimal (LibreOffice writes 97 for 97.0).
fn cell_fig(s: &str) -> String {
    format!(
        "{:.1}",
        s.parse::<f64>()
            .unwrap_or_else(|_| panic!("`{s}` is no number"))
    )
}

/// Every figure of `card` against the CSV row, under `header`, naming columns by `name`.
fn check_row(card: &Value, row: &[String], col: &dyn Fn(&str) -> usize, zh: bool) {
    let at = |name: &str| row[col(name)].as_str();
    assert_eq!(at("score"), fig(&card["score"]));
    assert_eq!(at("grade"), card["grade"].as_str().unwrap());
    assert_eq!(at("earned"), fig(&card["earned"]));
    assert_eq!(at("possible"), fig(&card["possible"]));
    for c in card["categories"].as_array().unwrap() {
        let id = c["id"].as_str().unwrap();
        assert_eq!(at(&format!("{id}.earned")), fig(&c["earned"]), "{id}");
        assert_eq!(at(&format!("{id}.possible")), fig(&c["possible"]), "{id}");
    }
    for e in card["elements"].as_array().unwrap() {
        let id = e["id"].as_str().unwrap();
        let status = e["status"].as_str().unwrap();
        let want = if zh { word(status) } else { status };
        assert_eq!(at(id), want, "{id}");
        assert_eq!(at(&format!("{id}.points")), fig(&e["points"]), "{id}");
    }
    for k in ["name", "version", "digest"] {
        assert_eq!(
            at(&format!("ruleset.{k}")),
            card["ruleset"][k].as_str().unwrap()
        );
    }
}

/// Each report's row, found by its path, with the error record's row last.
fn rows_by_path(rows: &[Vec<String>]) -> HashMap<&str, &Vec<String>> {
    rows.iter().map(|r| (r[0].as_str(), r)).collect()
}

#[test]
fn csv_points_columns_follow_the_contract_and_match_the_json() {
    let cards = cards();
    let (header, rows) = csv_of(&[]);
    let any = cards.values().next().unwrap();
    let ids: Vec<&str> = any["elements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    // The contract's columns keep their place and names; the new ones come after them.
    let contract = ["path", "title", "issuer", "year", "date", "score", "grade"];
    assert_eq!(header[..7], contract);
    assert_eq!(header[7..7 + ids.len()], ids[..]);
    let new = 7 + ids.len();
    assert_eq!(
        header[new..new + 4],
        ["earned", "possible", "profile", "level"]
    );
    assert_eq!(
        header[header.len() - 2..],
        ["warnings", "error"],
        "error stays last"
    );
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    let by_path = rows_by_path(&rows);
    assert_eq!(rows.len(), cards.len() + 1);
    for (path, card) in &cards {
        let row = by_path[path.as_str()];
        assert_eq!(row.len(), header.len(), "{path}");
        check_row(card, row, &col, false);
        assert_eq!(row[col("profile")], card["profile"].as_str().unwrap());
        assert_eq!(row[col("level")], card["meta"]["level"].as_str().unwrap());
    }
    let failed = rows.last().unwrap();
    assert_eq!(failed[0], MISSING);
    assert!(
        !failed[col("error")].is_empty(),
        "the error record says why"
    );
    assert!(failed[col("score")].is_empty() && failed[col("earned")].is_empty());
}

#[test]
fn csv_chinese_headers_carry_the_same_figures_under_the_packs_titles() {
    let cards = cards();
    let (ids_header, _) = csv_of(&[]);
    let (header, rows) = csv_of(&["--csv-headers", "zh"]);
    assert_eq!(header.len(), ids_header.len(), "the same columns");
    assert_eq!(
        header[..7],
        ["路径", "标题", "发文机关", "年度", "日期", "得分", "等级"]
    );
    let any = cards.values().next().unwrap();
    // The zh header names each id column by what the pack calls it.
    let mut title_of: HashMap<String, String> = HashMap::new();
    for e in any["elements"].as_array().unwrap() {
        let (id, title) = (e["id"].as_str().unwrap(), e["title"].as_str().unwrap());
        title_of.insert(id.into(), title.into());
        title_of.insert(format!("{id}.points"), format!("{title}·得分"));
    }
    for c in any["categories"].as_array().unwrap() {
        let (id, title) = (c["id"].as_str().unwrap(), c["title"].as_str().unwrap());
        title_of.insert(format!("{id}.earned"), format!("{title}·得分"));
        title_of.insert(format!("{id}.possible"), format!("{title}·满分"));
    }
    for (i, id) in ids_header.iter().enumerate() {
        if let Some(t) = title_of.get(id) {
            assert_eq!(&header[i], t, "column {i} ({id})");
        }
    }
    assert!(
        header.iter().all(|h| !h.is_ascii()),
        "every header is Chinese: {header:?}"
    );
    let col = |name: &str| ids_header.iter().position(|h| h == name).unwrap();
    let by_path = rows_by_path(&rows);
    for (path, card) in &cards {
        check_row(card, by_path[path.as_str()], &col, true);
    }
    let gov = cards
        .values()
        .find(|c| c["profile"] == "government")
        .unwrap();
    let row = by_path[gov["source"]["path"].as_str().unwrap()];
    assert_eq!(row[col("profile")], "人民政府", "the profile by its title");
}

#[test]
fn xlsx_needs_a_file_to_write() {
    let out = lawscore(&["score", "-q", "--format", "xlsx", BATCH]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--out"), "{err}");
    assert!(out.stdout.is_empty(), "nothing written to the terminal");
}

/// `soffice`, when installed.
fn soffice() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|p| {
        std::env::split_paths(&p)
            .map(|d| d.join("soffice"))
            .find(|f| f.is_file())
    });
    if found.is_none() {
        common::absent("LibreOffice (soffice)", "run .ci/setup-office");
    }
    found
}

/// Every sheet of `xlsx` as CSV (LibreOffice ≥ 7.2 writes FILE-SheetName.csv for each when
/// the last filter token is -1), by sheet name.
fn sheets(
    office: &Path,
    xlsx: &Path,
    dir: &Path,
) -> HashMap<String, (Vec<String>, Vec<Vec<String>>)> {
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let out = Command::new(office)
        .args([&profile, "--headless", "--convert-to"])
        .arg(r#"csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"#)
        .arg("--outdir")
        .arg(dir)
        .arg(xlsx)
        .output()
        .expect("run soffice");
    assert!(
        out.status.success(),
        "soffice: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stem = xlsx.file_stem().unwrap().to_string_lossy().to_string();
    let mut found = HashMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if let Some(sheet) = name
            .strip_prefix(&format!("{stem}-"))
            .and_then(|n| n.strip_suffix(".csv"))
        {
            found.insert(
                sheet.to_string(),
                read_csv(&std::fs::read(&p).unwrap(), false),
            );
        }
    }
    found
}

#[test]
fn xlsx_read_back_by_libreoffice_holds_the_json_figures() {
    let Some(office) = soffice() else { return };
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("scores.xlsx");
    let out = lawscore(&[
        "score",
        "-q",
        "--format",
        "xlsx",
        "--out",
        xlsx.to_str().unwrap(),
        BATCH,
        MISSING,
    ]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cards = cards();
    let book = sheets(&office, &xlsx, dir.path());
    let names: Vec<&String> = book.keys().collect();
    let (head, rows) = &book
        .get("汇总")
        .unwrap_or_else(|| panic!("sheets {names:?}"));
    let col = |name: &str| {
        head.iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no {name} in {head:?}"))
    };
    assert_eq!(
        rows.len(),
        cards.len() + 1,
        "a row per report and per failed file"
    );
    let by_path: HashMap<&str, &Vec<String>> =
        rows.iter().map(|r| (r[col("路径")].as_str(), r)).collect();
    for (path, card) in &cards {
        let row = by_path[path.as_str()];
        let at = |name: &str| row.get(col(name)).map_or("", String::as_str);
        assert_eq!(cell_fig(at("得分")), fig(&card["score"]), "{path}");
        assert_eq!(at("等级"), card["grade"].as_str().unwrap());
        assert_eq!(cell_fig(at("实得分")), fig(&card["earned"]));
        assert_eq!(cell_fig(at("满分")), fig(&card["possible"]));
        for c in card["categories"].as_array().unwrap() {
            let t = c["title"].as_str().unwrap();
            assert_eq!(
                cell_fig(at(&format!("{t}·得分"))),
                fig(&c["earned"]),
                "{path} {t}"
            );
            assert_eq!(
                cell_fig(at(&format!("{t}·满分"))),
                fig(&c["possible"]),
                "{path} {t}"
            );
        }
        for e in card["elements"].as_array().unwrap() {
            let t = e["title"].as_str().unwrap();
            assert_eq!(at(t), word(e["status"].as_str().unwrap()), "{path} {t}");
        }
    }
    assert!(by_path.contains_key(MISSING), "the failed file has its row");
    check_gaps(&book["缺失要素"], &cards);
    let (first, about) = &book["说明"];
    let facts: Vec<&String> = std::iter::once(first).chain(about).flatten().collect();
    let any = cards.values().next().unwrap();
    for k in ["name", "version", "digest"] {
        let v = any["ruleset"][k].as_str().unwrap();
        assert!(
            facts.iter().any(|f| *f == v),
            "说明 names the pack's {k} {v}"
        );
    }
}

/// One row per missing or partial element of every report, with the points it costs and
/// the pack's advice.
fn check_gaps(sheet: &(Vec<String>, Vec<Vec<String>>), cards: &HashMap<String, Value>) {
    let (head, rows) = sheet;
    let col = |name: &str| {
        head.iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no {name} in {head:?}"))
    };
    let mut want = Vec::new();
    for (path, card) in cards {
        for e in card["elements"].as_array().unwrap() {
            let status = e["status"].as_str().unwrap();
            if status == "missing" || status == "partial" {
                let lost = e["weight"].as_f64().unwrap() - e["points"].as_f64().unwrap();
                let advice = e["advice"].as_str().unwrap_or_default();
                want.push((
                    path.clone(),
                    e["title"].as_str().unwrap().to_string(),
                    word(status),
                    format!("{lost:.1}"),
                    advice.to_string(),
                ));
            }
        }
    }
    let mut got: Vec<_> = rows
        .iter()
        .map(|r| {
            let at = |n: &str| r.get(col(n)).cloned().unwrap_or_default();
            let status = match at("状态").as_str() {
                "部分满足" => "部分满足",
                "缺失" => "缺失",
                other => panic!("a gap row of status {other}"),
            };
            (
                at("路径"),
                at("要素"),
                status,
                cell_fig(&at("失分")),
                at("修改建议"),
            )
        })
        .collect();
    want.sort();
    got.sort();
    assert!(!want.is_empty());
    assert_eq!(got, want);
}
