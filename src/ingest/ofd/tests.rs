//! OFD packages built here, part by part, the way OFD writers lay them out.

use std::io::{Cursor, Write};

use super::*;
use crate::ingest::{extract, IngestError};
use crate::model::scorecard::Format;

const NS: &str = r#"xmlns:ofd="http://www.ofdspec.org/2016""#;
/// Font size (mm), left edge, and glyphs in a full line.
const S: f32 = 5.0;
const LEFT: f32 = 30.0;
const FULL: usize = 30;

fn zip_of(parts: &[(&str, String)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in parts {
        w.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(data.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn entry(root: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {NS} Version="1.1" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>a1</ofd:DocID></ofd:DocInfo><ofd:DocRoot>{root}</ofd:DocRoot></ofd:DocBody></ofd:OFD>"#
    )
}

/// Document.xml listing `pages` (BaseLoc as given), with a template page and annotations.
fn document(pages: &[&str]) -> String {
    let pages: String = pages
        .iter()
        .enumerate()
        .map(|(i, loc)| format!(r#"<ofd:Page ID="{}" BaseLoc="{loc}"/>"#, 10 + i))
        .collect();
    format!(
        r#"<ofd:Document {NS}><ofd:CommonData><ofd:MaxUnitID>99</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:TemplatePage ID="2" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData><ofd:Pages>{pages}</ofd:Pages><ofd:Annotations>Annots/Annotations.xml</ofd:Annotations></ofd:Document>"#
    )
}

/// A text object drawing `text` with its baseline at `y`, glyphs `S` apart.
fn line(x: f32, y: f32, text: &str) -> String {
    let n = text.chars().count();
    format!(
        r#"<ofd:TextObject ID="1" Boundary="{x} {} {} {}" Font="3" Size="{S}"><ofd:FillColor Value="0 0 0"/><ofd:TextCode X="0" Y="{S}" DeltaX="g {} {S}">{text}</ofd:TextCode></ofd:TextObject>"#,
        y - S,
        n as f32 * S,
        S * 1.3,
        n.saturating_sub(1)
    )
}

/// A paragraph as text objects from baseline `y` on, first line indented two glyphs;
/// the baseline after it.
fn paragraph(text: &str, mut y: f32, out: &mut String) -> f32 {
    let chars: Vec<char> = text.chars().collect();
    let mut at = 0;
    let mut first = true;
    while at < chars.len() {
        let room = if first { FULL - 2 } else { FULL };
        let end = (at + room).min(chars.len());
        let indent = if first { 2.0 * S } else { 0.0 };
        out.push_str(&line(
            LEFT + indent,
            y,
            &chars[at..end].iter().collect::<String>(),
        ));
        at = end;
        first = false;
        y += 9.0;
    }
    y
}

fn content(objects: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><ofd:Page {NS}><ofd:Template TemplateID="2" ZOrder="Background"/><ofd:Content><ofd:Layer ID="5">{objects}</ofd:Layer></ofd:Content></ofd:Page>"#
    )
}

const P1: &str = "本年度我市深入学习贯彻习近平法治思想，全面落实法治政府建设实施纲要，各项工作取得新进展。重大行政决策程序不断规范，行政执法监督持续加强。";
const P2: &str =
    "全面推行行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度，执法行为更加规范。";

/// A two-page report: P1 wraps from page 1 onto page 2, then P2; a template draws the
/// 红头 and a page number on each page, and a seal is an annotation.
fn report(page_locs: [&str; 2], page_paths: [&str; 2]) -> Vec<u8> {
    let mut first = String::new();
    let (head, tail) = P1.split_at(P1.char_indices().nth(58).unwrap().0);
    let y = paragraph(head, 250.0, &mut first);
    assert!(y > 260.0);
    let mut second = String::new();
    for (i, c) in tail.chars().collect::<Vec<_>>().chunks(FULL).enumerate() {
        second.push_str(&line(
            LEFT,
            40.0 + i as f32 * 9.0,
            &c.iter().collect::<String>(),
        ));
    }
    paragraph(P2, 70.0, &mut second);
    let template = content(&format!(
        "{}{}",
        line(60.0, 20.0, "某某市人民政府文件"),
        line(95.0, 285.0, "— 1 —")
    ));
    let seal = format!(
        r#"<ofd:PageAnnot {NS}><ofd:Annot Type="Stamp"><ofd:Appearance Boundary="120 200 40 40">{}</ofd:Appearance></ofd:Annot></ofd:PageAnnot>"#,
        line(0.0, 20.0, "某某市人民政府印章")
    );
    zip_of(&[
        ("OFD.xml", entry("Doc_0/Document.xml")),
        ("Doc_0/Document.xml", document(&page_locs)),
        (page_paths[0], content(&first)),
        (page_paths[1], content(&second)),
        ("Doc_0/Tpls/Tpl_0/Content.xml", template),
        (
            "Doc_0/Annots/Annotations.xml",
            format!(
                r#"<ofd:Annotations {NS}><ofd:Page PageID="10"><ofd:FileLoc>Page_0/Annotation.xml</ofd:FileLoc></ofd:Page></ofd:Annotations>"#
            ),
        ),
        ("Doc_0/Annots/Page_0/Annotation.xml", seal),
    ])
}

fn standard() -> Vec<u8> {
    report(
        ["Pages/Page_0/Content.xml", "Pages/Page_1/Content.xml"],
        [
            "Doc_0/Pages/Page_0/Content.xml",
            "Doc_0/Pages/Page_1/Content.xml",
        ],
    )
}

#[test]
fn two_pages_read_as_their_paragraphs_without_templates_or_seals() {
    let ex = extract(&standard(), "report.ofd").unwrap();
    assert_eq!(ex.format, Format::Ofd);
    assert_eq!(ex.text, format!("{P1}\n{P2}\n"));
    // P1's fourth printed line is the first of page 2.
    let p2 = ex.pages.starts().iter().find(|s| s.page == 2).unwrap();
    assert_eq!((p2.line, p2.row), (0, 1));
    assert_eq!(ex.pages.count(), 2);
}

#[test]
fn page_paths_may_be_absolute_rooted_or_differ_in_case() {
    let absolute = report(
        [
            "/Doc_0/Pages/Page_0/Content.xml",
            "./Pages/../PAGES/Page_1/Content.xml",
        ],
        [
            "Doc_0/Pages/Page_0/Content.xml",
            "Doc_0/Pages/Page_1/Content.xml",
        ],
    );
    let rooted = report(
        ["Doc_0/P/0.xml", "Doc_0/P/1.xml"],
        ["Doc_0/P/0.xml", "Doc_0/P/1.xml"],
    );
    for bytes in [absolute, rooted] {
        assert_eq!(
            extract(&bytes, "a.ofd").unwrap().text,
            format!("{P1}\n{P2}\n")
        );
    }
}

#[test]
fn an_ofd_with_any_name_is_read_as_ofd() {
    let ex = extract(&standard(), "附件1.zip").unwrap();
    assert_eq!(ex.format, Format::Ofd);
    assert!(ex.text.starts_with("本年度"));
}

#[test]
fn delta_x_repeats_and_uneven_advances_place_each_glyph() {
    assert_eq!(
        content::deltas("g 3 5.6 2.8 g 2 1", 9),
        vec![5.6, 5.6, 5.6, 2.8, 1.0, 1.0]
    );
    assert_eq!(content::deltas("1 x g 2", 9), vec![1.0]);
    // Advances no glyph takes are not read, and what is no finite number is left out.
    assert_eq!(content::deltas("g 99999999 1 2", 3), vec![1.0; 3]);
    assert_eq!(content::deltas("inf 5 g 2 NaN 6 1e39", 9), vec![5.0, 6.0]);
    let code = r#"<TextObject Boundary="10 50 100 8" Size="4"><TextCode X="2" Y="4" DeltaX="4 4 2 2 2 4">年度2024年</TextCode></TextObject>"#;
    let xml = format!(
        r#"<Page xmlns="http://www.ofdspec.org/2016"><Content><Layer>{code}</Layer></Content></Page>"#
    );
    let page = content::page("p.xml", &xml, (210.0, 297.0), 1).unwrap();
    let xs: Vec<(f32, &str)> = page.runs.iter().map(|r| (r.x, r.text.as_str())).collect();
    assert_eq!(
        xs,
        vec![
            (12.0, "年"),
            (16.0, "度"),
            (20.0, "2"),
            (22.0, "0"),
            (24.0, "2"),
            (26.0, "4"),
            (30.0, "年")
        ]
    );
    assert!(page.runs.iter().all(|r| r.y == 54.0 && r.size == 4.0));
}

#[test]
fn text_in_nested_page_blocks_and_under_a_transform_is_read() {
    let inner = line(LEFT, 60.0, "一、总体情况");
    let scaled = r#"<ofd:TextObject Boundary="30 70 100 10" CTM="0.5 0 0 0.5 0 0" Size="10"><ofd:TextCode X="0" Y="10" DeltaX="g 5 10">二、主要举措</ofd:TextCode></ofd:TextObject>"#;
    let objects = format!(
        "<ofd:PageBlock ID=\"7\"><ofd:PageBlock>{inner}</ofd:PageBlock></ofd:PageBlock>{scaled}"
    );
    let page = content::page("p.xml", &content(&objects), (210.0, 297.0), 1).unwrap();
    assert_eq!(page.runs.len(), 2);
    let r = &page.runs[1];
    assert_eq!((r.x, r.y, r.size, r.width), (30.0, 75.0, 5.0, 30.0));
}

#[test]
fn a_missing_page_is_an_error_naming_it() {
    let bytes = report(
        ["Pages/Page_0/Content.xml", "Pages/Page_1/Content.xml"],
        [
            "Doc_0/Pages/Page_0/Content.xml",
            "Doc_0/Pages/Page_9/Content.xml",
        ],
    );
    let e = pages(&bytes).unwrap_err();
    assert!(matches!(e, IngestError::Unsupported(_)));
    assert!(e.to_string().contains("page_1/content.xml"), "{e}");
}

#[test]
fn damaged_packages_are_errors_not_panics() {
    let good = standard();
    let cut = &good[..good.len() / 2];
    assert!(matches!(pages(cut), Err(IngestError::Unsupported(_))));
    let no_root = zip_of(&[("OFD.xml", format!("<ofd:OFD {NS}><ofd:DocBody/></ofd:OFD>"))]);
    assert!(pages(&no_root).is_err());
    let deep = format!(
        "{}{}",
        "<a>".repeat(xml::MAX_DEPTH + 1),
        "</a>".repeat(xml::MAX_DEPTH + 1)
    );
    let broken = zip_of(&[
        ("OFD.xml", entry("Doc_0/Document.xml")),
        (
            "Doc_0/Document.xml",
            document(&["Pages/Page_0/Content.xml", "Pages/Page_1/Content.xml"]),
        ),
        (
            "Doc_0/Pages/Page_0/Content.xml",
            "<ofd:Page><ofd:Content></ofd:Page>".into(),
        ),
        ("Doc_0/Pages/Page_1/Content.xml", deep),
    ]);
    assert!(pages(&broken).is_err());
}

#[test]
fn pages_without_text_say_the_file_needs_ocr() {
    let image = r#"<ofd:ImageObject ID="3" Boundary="0 0 210 297" ResourceID="4"/>"#;
    let bytes = zip_of(&[
        ("OFD.xml", entry("/Doc_0/Document.xml")),
        (
            "Doc_0/Document.xml",
            document(&["Pages/Page_0/Content.xml"]),
        ),
        ("Doc_0/Pages/Page_0/Content.xml", content(image)),
    ]);
    let e = pages(&bytes).unwrap_err();
    assert!(e.to_string().contains("OCR"), "{e}");
}

#[test]
fn parts_past_the_unpacked_budget_are_refused() {
    let mut pkg_parts = vec![("OFD.xml", entry("Doc_0/Document.xml"))];
    let big = " ".repeat((max_unpacked(0) + 1) as usize);
    pkg_parts.push(("Doc_0/Document.xml", big));
    let e = pages(&zip_of(&pkg_parts)).unwrap_err();
    assert!(matches!(e, IngestError::TooLarge(_)), "{e:?}");
}
