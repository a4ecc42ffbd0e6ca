//! Positions a person can find: evidence from a .docx names the paragraph as Word counts
//! it (every `<w:p>`, empty and table-cell paragraphs included), from HTML the block the
//! browser shows, from plain text the line; JSON keeps `line` beside `paragraph`, and has no
//! page field for any of them.

mod common;
mod ingest_sample;

use std::collections::BTreeMap;

use ingest_sample::{lines, zip, REPORT};
use serde_json::Value;

/// Every evidence of a scorecard, near misses included.
fn evidence(card: &Value) -> Vec<&Value> {
    let mut out = Vec::new();
    for e in card["elements"].as_array().expect("elements") {
        out.extend(e["evidence"].as_array().expect("evidence"));
        if let Some(ev) = e.get("near_miss").and_then(|n| n.get("evidence")) {
            out.push(ev);
        }
    }
    out
}

/// Scores one file as JSON and returns its scorecard, checking that it carries no page
/// field: only PDF and OFD have pages (tests/page_positions.rs).
fn scorecard(path: &std::path::Path) -> Value {
    let out = common::run(&["score", "--format", "json", "-q", path.to_str().unwrap()]);
    assert!(
        matches!(common::code(&out), 0 | 1),
        "{}",
        common::stderr(&out)
    );
    let card = common::json(&out)["reports"][0].clone();
    assert!(card["source"].get("pages").is_none(), "{}", card["source"]);
    let figures = card["indicators"].as_array().unwrap();
    let sections = card["sections"].as_array().unwrap();
    for at in evidence(&card).into_iter().chain(figures).chain(sections) {
        assert!(
            at.get("page").is_none() && at.get("page_line").is_none(),
            "{at}"
        );
    }
    card
}

/// The parts of a quote that stand in the source as written: a long sentence is cut to a
/// window around the match, the cuts marked `…`, and a sentence may run over the cells of
/// a table row, which the quote separates by tabs.
fn pieces(quote: &str) -> Vec<&str> {
    quote
        .split(['…', '\t'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// Asserts that paragraph `n` (1-based) of `paragraphs` holds the quote's matched words
/// and the part of the quote around them (every part of it stands in some paragraph),
/// and returns `n`.
fn held_by(paragraphs: &[String], ev: &Value) -> usize {
    let n = ev["paragraph"].as_u64().expect("a paragraph number") as usize;
    let para = paragraphs
        .get(n - 1)
        .unwrap_or_else(|| panic!("no paragraph {n}"));
    let text = ev["text"].as_str().unwrap();
    let matched: Vec<&str> = ev["matched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    for m in &matched {
        assert!(para.contains(m), "{m} not in paragraph {n}: {para:?}");
    }
    for piece in pieces(text) {
        assert!(
            paragraphs.iter().any(|p| p.contains(piece)),
            "{piece:?} is in no paragraph"
        );
    }
    let around = pieces(text)
        .into_iter()
        .filter(|p| matched.iter().any(|m| p.contains(m)));
    assert!(
        around.clone().any(|p| para.contains(p)),
        "paragraph {n} is {para:?}; the quote is {text:?}"
    );
    n
}

/// The text of each paragraph of a document.xml, counted as a person counts the `<w:p>`
/// elements: every one in order, empty ones included. (The test's documents nest none.)
fn docx_paragraphs(xml: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(at) = rest.find("<w:p") {
        rest = &rest[at + 4..];
        match rest.chars().next() {
            Some('/') => out.push(String::new()),
            Some('>' | ' ') => {
                let end = rest.find("</w:p>").expect("closed paragraph");
                out.push(run_text(&rest[..end]));
                rest = &rest[end..];
            }
            _ => {} // <w:pPr>, <w:pStyle>: not a paragraph
        }
    }
    out
}

/// The text of the `<w:t>` runs of one paragraph's XML.
fn run_text(xml: &str) -> String {
    let mut text = String::new();
    let mut rest = xml;
    while let Some(at) = rest.find("<w:t") {
        rest = &rest[at..];
        let open = rest.find('>').unwrap() + 1;
        if rest[..open].ends_with("/>") || !matches!(rest.as_bytes()[4], b'>' | b' ') {
            rest = &rest[open..];
            continue;
        }
        let close = rest.find("</w:t>").unwrap();
        text.push_str(&rest[open..close]);
        rest = &rest[close..];
    }
    text
}

fn para(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

/// A cell holding one paragraph per text.
fn cell(texts: &[&str]) -> String {
    let paras: String = texts.iter().map(|t| para(t)).collect();
    format!("<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/></w:tcPr>{paras}</w:tc>")
}

/// The sample report as Word saves it from a drafter's hands: empty paragraphs under the
/// title and after each top heading, a measure split by a manual line break, and part 三's
/// statement set out in a table whose cells hold two paragraphs.
fn document_xml() -> String {
    let mut body = String::new();
    for line in lines() {
        match line {
            l if l.starts_with("市政府常务会议") => {
                let (a, b) = l.split_once('，').unwrap();
                body.push_str(&format!(
                    "<w:p><w:r><w:t>{a}，</w:t><w:br/><w:t>{b}</w:t></w:r></w:p>"
                ));
            }
            l if l.starts_with("市长主持") => {
                body.push_str(&format!(
                    "<w:tbl><w:tblPr/><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
                    cell(&["事项"]),
                    cell(&["情况"]),
                    cell(&["述法"]),
                    cell(&["市长主持召开会议听取法治工作汇报。", "带头开展述法。"]),
                ));
            }
            l => body.push_str(&para(l)),
        }
        if line.ends_with("年度报告") || "一二三四五".contains(line.chars().next().unwrap())
        {
            body.push_str("<w:p/><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:p>");
        }
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    )
}

#[test]
fn docx_evidence_names_the_paragraph_word_counts() {
    let xml = document_xml();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.docx");
    std::fs::write(&path, zip(&[("word/document.xml", xml.as_str())])).unwrap();
    let paragraphs = docx_paragraphs(&xml);
    let table: Vec<usize> = (1..=paragraphs.len())
        .filter(|&n| ["述法", "带头开展述法。"].contains(&paragraphs[n - 1].as_str()))
        .collect();
    assert_eq!(table.len(), 2, "the test's table is where it was put");

    let card = scorecard(&path);
    let text = lawscore::ingest::extract(&std::fs::read(&path).unwrap(), "report.docx")
        .unwrap()
        .text;
    let text_lines: Vec<&str> = text.lines().collect();
    let all = evidence(&card);
    assert!(all.len() > 5, "the sample report has evidence");
    let mut named = Vec::new();
    for ev in &all {
        named.push(held_by(&paragraphs, ev));
        // `line` still names the line of the extracted text.
        let line = text_lines[ev["line"].as_u64().unwrap() as usize - 1];
        for m in ev["matched"].as_array().unwrap() {
            assert!(line.contains(m.as_str().unwrap()), "{line:?}");
        }
    }
    assert!(
        named.iter().any(|n| table.contains(n)),
        "some evidence stands in the table: {named:?}"
    );
    let moved = all
        .iter()
        .any(|ev| ev["paragraph"].as_u64() != ev["line"].as_u64());
    assert!(
        moved,
        "empty paragraphs and breaks set paragraphs apart from lines"
    );
    for ind in card["indicators"].as_array().unwrap() {
        let n = ind["paragraph"].as_u64().unwrap() as usize;
        let figure = format!("{}", ind["value"].as_f64().unwrap());
        assert!(paragraphs[n - 1].contains(&figure), "{ind}");
    }
}

#[test]
fn the_report_page_shows_the_paragraph_and_its_heading() {
    // A key figure after the sample's text, so the figures table has a row to place.
    let xml = document_xml().replace(
        "<w:sectPr/>",
        "<w:p><w:r><w:t>全年行政机关负责人出庭应诉率100%。</w:t></w:r></w:p><w:sectPr/>",
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.docx");
    std::fs::write(&path, zip(&[("word/document.xml", xml.as_str())])).unwrap();
    let card = scorecard(&path);
    let out_dir = dir.path().join("html");
    let out = common::run(&[
        "score",
        "-q",
        "--format",
        "html",
        "--out",
        out_dir.to_str().unwrap(),
        path.to_str().unwrap(),
    ]);
    assert!(
        matches!(common::code(&out), 0 | 1),
        "{}",
        common::stderr(&out)
    );
    let page = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.ends_with(".html") && name != "index.html"
        })
        .expect("a report page");
    let html = std::fs::read_to_string(page).unwrap();
    for ev in evidence(&card) {
        let (line, n) = (&ev["line"], &ev["paragraph"]);
        let section = ev["section"].as_str().unwrap();
        let label = if section.is_empty() {
            format!("第{n}段")
        } else {
            format!("第{n}段（{}", section.chars().take(8).collect::<String>())
        };
        let link = format!("href=\"#L{line}\">{label}");
        assert!(html.contains(&link), "{link} not on the page");
    }
    // The key figures name their paragraph too, not a line of the extracted text.
    let figures = card["indicators"].as_array().unwrap();
    assert!(!figures.is_empty(), "the test report states figures");
    for f in figures {
        let link = format!("href=\"#L{}\">第{}段<", f["line"], f["paragraph"]);
        assert!(html.contains(&link), "{link} not on the page");
    }
}

/// Blocks as the browser shows them, each `(markup, text shown)`; `None` for blocks the
/// browser does not show.
fn html_blocks() -> Vec<(String, Option<String>)> {
    let mut blocks = Vec::new();
    for (i, line) in lines().into_iter().enumerate() {
        let markup = match i % 4 {
            _ if line.starts_with("市政府常务会议") => {
                let (a, b) = line.split_once('，').unwrap();
                format!("<p>{a}，<br>{b}</p>")
            }
            _ if line.starts_with("市长主持") => {
                blocks.push((
                    "<table><tr><td>述法</td>".to_string(),
                    Some("述法".to_string()),
                ));
                format!("<td>{line}</td></tr></table>")
            }
            0 => format!("<p>{line}</p>"),
            1 => format!("<div><span>{line}</span></div>"),
            2 => format!("<ul><li>{line}</li></ul>"),
            _ => format!("<p><b></b>{line}</p><p>\n</p>"),
        };
        blocks.push((markup, Some(line.to_string())));
        if i % 5 == 0 {
            blocks.push(("<p></p><div> </div>".to_string(), None));
        }
    }
    blocks
}

#[test]
fn html_evidence_names_the_block_the_browser_shows() {
    let blocks = html_blocks();
    let markup: String = blocks.iter().map(|b| b.0.as_str()).collect();
    let page = format!("<html><body><div id=zoom>{markup}</div></body></html>");
    let shown: Vec<String> = blocks.into_iter().filter_map(|b| b.1).collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    std::fs::write(&path, page).unwrap();
    let card = scorecard(&path);
    let all = evidence(&card);
    assert!(all.len() > 5, "the sample page has evidence");
    let named: Vec<usize> = all.iter().map(|ev| held_by(&shown, ev)).collect();
    let cell = shown
        .iter()
        .position(|t| t.starts_with("市长主持"))
        .unwrap()
        + 1;
    assert!(named.contains(&cell), "the table cell is named: {named:?}");
}

#[test]
fn text_evidence_names_the_line_and_json_keeps_line_beside_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::write_report(dir.path(), "report.txt", REPORT);
    let card = scorecard(&path);
    let file: Vec<&str> = REPORT.lines().collect();
    let mut by_line = BTreeMap::new();
    for ev in evidence(&card) {
        assert!(
            ev.get("paragraph").is_none(),
            "plain text has lines only: {ev}"
        );
        let n = ev["line"].as_u64().unwrap() as usize;
        for piece in pieces(ev["text"].as_str().unwrap()) {
            assert!(file[n - 1].contains(piece), "line {n}: {:?}", file[n - 1]);
        }
        by_line.insert(n, ev["text"].clone());
    }
    assert!(by_line.len() > 3, "evidence from several lines");

    // The same report as a .docx: `line` and `paragraph` side by side.
    let docx = dir.path().join("report.docx");
    std::fs::write(
        &docx,
        zip(&[("word/document.xml", document_xml().as_str())]),
    )
    .unwrap();
    for ev in evidence(&scorecard(&docx)) {
        assert!(
            ev["line"].as_u64().is_some() && ev["paragraph"].as_u64().is_some(),
            "{ev}"
        );
    }
}
