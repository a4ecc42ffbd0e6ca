//! Word 97 .doc and WPS .wps: the text, table rows, fields and paragraph numbers read
//! exactly as the .docx of the same document, the form told by the bytes whatever the
//! name, foreign or damaged compound files refused with a clear message, and a .doc
//! scoring as its text does. The fixtures are made by tests/fixtures/doc/make.sh.

mod common;

use common::{code, json, run, stderr};
use lawscore::ingest::{extract, IngestError};
use lawscore::model::scorecard::Format;
use std::path::PathBuf;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture_path(name)).unwrap()
}

fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/doc")
        .join(name)
}

#[test]
fn a_doc_reads_as_the_docx_of_the_same_document() {
    let doc = extract(&fixture("layout.doc"), "layout.doc").unwrap();
    let docx = extract(&fixture("layout.docx"), "layout.docx").unwrap();
    assert_eq!(doc.format, Format::Doc);
    assert_eq!(doc.text, docx.text);
    assert_eq!(doc.headings, docx.headings);
    assert_eq!(doc.paragraphs, docx.paragraphs);
}

#[test]
fn table_rows_fields_and_breaks_are_laid_out_as_a_reader_sees_them() {
    let ex = extract(&fixture("layout.doc"), "layout.doc").unwrap();
    let lines: Vec<&str> = ex.text.lines().collect();
    // A manual line break starts a line of the same paragraph.
    let led = lines
        .iter()
        .position(|l| l.starts_with("（一）加强组织领导"))
        .unwrap();
    assert_eq!(lines[led + 1], "专题研究法治政府建设工作4次。");
    assert_eq!(ex.paragraphs.at(led, 0), ex.paragraphs.at(led + 1, 0));
    // Field results stay, field codes (HYPERLINK "http…", DATE) do not.
    let dated = lines.iter().find(|l| l.starts_with("报告日期：")).unwrap();
    assert!(dated.ends_with("年1月15日，全文见县政府网站。"), "{dated}");
    assert!(
        !ex.text.contains("HYPERLINK") && !ex.text.contains("http") && !ex.text.contains("DATE")
    );
    // One line per row, cells by tabs, a cell's paragraphs by a space, empty cells kept.
    assert!(lines.contains(&"项目\t2022年\t2023年"), "{lines:?}");
    let row = lines
        .iter()
        .position(|l| l.starts_with("行政复议"))
        .unwrap();
    assert_eq!(lines[row], "行政复议 （件）\t\t12");
    // Footnotes and page headers are not the main text.
    assert!(!ex.text.contains("脚注") && !ex.text.contains("页眉"));
    // Headings by style: 一、 at level 1, （二） at level 2.
    let level = |start: &str| {
        let line = lines.iter().position(|l| l.starts_with(start)).unwrap();
        ex.headings.iter().find(|h| h.line == line).map(|h| h.level)
    };
    assert_eq!(level("一、主要举措"), Some(1));
    assert_eq!(level("（二）推进"), Some(2));
    assert_eq!(level("一是依法行政"), None);
}

#[test]
fn paragraph_numbers_count_every_mark_word_shows() {
    let ex = extract(&fixture("layout.doc"), "layout.doc").unwrap();
    let lines: Vec<&str> = ex.text.lines().collect();
    let at = |start: &str| {
        let line = lines.iter().position(|l| l.starts_with(start)).unwrap();
        ex.paragraphs.at(line, 0).unwrap()
    };
    // Title 1, heading 2, 3 with its break, an empty paragraph 4, heading 5.
    assert_eq!(at("某县人民政府2023"), 1);
    assert_eq!(at("一、主要举措"), 2);
    assert_eq!(at("（一）加强"), 3);
    assert_eq!(at("（二）推进"), 5);
    assert_eq!(at("报告日期"), 6);
    // Cells are paragraphs (7–9, then 10 and 11 in one cell, an empty 12, 13); a row's
    // end mark is none.
    assert_eq!(at("项目"), 7);
    let row = lines
        .iter()
        .position(|l| l.starts_with("行政复议"))
        .unwrap();
    let col = lines[row].find("（件）").unwrap();
    assert_eq!(ex.paragraphs.at(row, col), Some(11));
    assert_eq!(
        ex.paragraphs.at(row, lines[row].rfind("12").unwrap()),
        Some(13)
    );
    assert_eq!(at("二、存在"), 14);
    // A section break ends its paragraph as a paragraph mark would.
    assert_eq!(at("一是依法行政"), 15);
    assert_eq!(at("二是横排页"), 16);
}

#[test]
fn the_bytes_decide_whatever_the_name() {
    let bytes = fixture("layout.doc");
    let want = extract(&bytes, "layout.doc").unwrap();
    for name in ["report.wps", "report.txt", "report.docx", "report"] {
        let got = extract(&bytes, name).unwrap();
        assert_eq!((got.format, &got.text), (Format::Doc, &want.text), "{name}");
    }
}

#[test]
fn compound_files_that_are_not_word_are_refused_by_what_they_are() {
    let Err(IngestError::Unsupported(msg)) = extract(&fixture("sheet.xls"), "report.doc") else {
        panic!("an .xls read as a report")
    };
    assert!(msg.contains("Excel") && msg.contains(".xls"), "{msg}");
    assert!(!msg.contains('\n'));
}

#[test]
fn a_damaged_doc_is_an_error_never_a_panic() {
    let bytes = fixture("layout.doc");
    let mut cuts: Vec<usize> = (0..bytes.len()).step_by(97).collect();
    cuts.extend([8, 511, 512, 513, bytes.len() - 1]);
    for cut in cuts {
        // Read or refused, never a panic: a cut past the text may still read.
        let _ = extract(&bytes[..cut], "cut.doc");
    }
    let half = extract(&bytes[..bytes.len() / 2], "half.doc");
    assert!(matches!(half, Err(IngestError::Unsupported(_))), "{half:?}");
    // Every 64th byte flipped in turn, a few hundred damaged files.
    for at in (0..bytes.len()).step_by(29) {
        let mut b = bytes.clone();
        b[at] ^= 0xFF;
        let _ = extract(&b, "flipped.doc");
    }
}

#[test]
fn a_doc_scores_as_its_text_does() {
    let dir = tempfile::tempdir().unwrap();
    let txt =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/blind/c1_town_2022.txt");
    let wps = dir.path().join("c1_town_2022.wps");
    std::fs::copy(fixture_path("scored.doc"), &wps).unwrap();
    let score = |p: &std::path::Path| {
        let o = run(&["score", "-q", "--format", "json", p.to_str().unwrap()]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let doc = json(&o);
        let r = &doc["reports"][0];
        let statuses: Vec<(String, String)> = r["elements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["id"].to_string(), e["status"].to_string()))
            .collect();
        (r["score"].clone(), statuses, r["meta"].clone())
    };
    let (from_text, from_doc) = (score(&txt), score(&wps));
    assert!(!from_text.1.is_empty());
    assert_eq!(from_doc, from_text);
}

#[test]
fn a_folder_walk_picks_up_doc_and_wps() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture_path("scored.doc"), dir.path().join("a.doc")).unwrap();
    std::fs::copy(fixture_path("scored.doc"), dir.path().join("b.WPS")).unwrap();
    let o = run(&[
        "score",
        "-q",
        "--format",
        "json",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json(&o)["reports"].as_array().unwrap().len(), 2);
}
