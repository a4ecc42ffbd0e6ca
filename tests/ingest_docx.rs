//! Word .docx files built in the test: paragraphs, auto-numbered headings, tables.

mod ingest_sample;

use ingest_sample::{lines, zip};
use lawscore::ingest::{extract, IngestError};
use lawscore::model::scorecard::Format;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"#;

/// Level 0 is `一、` (chineseCounting), level 1 `（一）`, level 2 `1.`.
const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
  xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">
<w:abstractNum w:abstractNumId="3">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/>
    <w:pPr><w:tabs><w:tab w:val="num" w:pos="720"/></w:tabs></w:pPr></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/>
    <mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="一, 二, 三, ..."/></mc:Choice>
    <mc:Fallback><w:numFmt w:val="chineseCounting"/></mc:Fallback></mc:AlternateContent>
    <w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num>
</w:numbering>"#;

fn para(text: &str) -> String {
    format!("<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

/// A paragraph on list 7 whose written text lacks the number, as Word saves it.
fn numbered(level: u8, text: &str) -> String {
    format!(
        "<w:p><w:pPr><w:pStyle w:val=\"2\"/><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"7\"/></w:numPr>\
         <w:tabs><w:tab w:val=\"left\" w:pos=\"420\"/></w:tabs></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"
    )
}

fn cell(text: &str) -> String {
    format!(
        "<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/></w:tcPr>{}</w:tc>",
        para(text)
    )
}

/// The sample report, headings numbered by Word, plus a table, a tab, a line break,
/// tracked deletions and a field code.
fn document() -> String {
    let r = lines();
    let heading = |line: &str| line.split_once('、').map(|(_, t)| t.to_string());
    let sub = |line: &str| line.split_once('）').map(|(_, t)| t.to_string());
    let mut body = String::new();
    body.push_str(&para(r[0]));
    // The first sentence split over runs with formatting and an entity.
    body.push_str(
        "<w:p><w:r><w:t>2023年，在市委、</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>市政府</w:t></w:r>\
         <w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>（已删除）</w:delText></w:r></w:del>\
         <w:r><w:t>的坚强领导下，我市深入学习贯彻习近平法治思想，全面推进依法行政。现将有关情况报告如下：</w:t></w:r></w:p>",
    );
    for line in &r[2..19] {
        if let Some(t) = line
            .strip_prefix(|c| "一二三四五".contains(c))
            .and_then(|_| heading(line))
        {
            body.push_str(&numbered(0, &t));
        } else if line.starts_with('（') {
            let t = sub(line).unwrap();
            body.push_str(&numbered(
                1,
                &t.replace('“', "&#x201C;").replace('”', "&#8221;"),
            ));
        } else {
            body.push_str(&para(&line.replace('《', "&#12298;").replace('%', "&#37;")));
        }
    }
    body.push_str("<w:p/>");
    body.push_str(&format!(
        "<w:tbl><w:tblPr/><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
        cell("指标"),
        cell("2022年"),
        cell("2023年"),
        cell("复议案件（件）"),
        cell("120"),
        cell("135")
    ));
    body.push_str(&numbered(2, "附件说明"));
    body.push_str(
        "<w:p><w:r><w:t>联系人：</w:t></w:r><w:r><w:tab/><w:t>张三</w:t></w:r>\
         <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>\
         <w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>",
    );
    body.push_str("<w:p><w:r><w:t>某市人民政府</w:t><w:br/><w:t>2024年3月28日</w:t></w:r></w:p>");
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    )
}

fn docx(with_numbering: bool) -> Vec<u8> {
    let document = document();
    let mut parts = vec![
        ("[Content_Types].xml", CONTENT_TYPES),
        ("word/document.xml", document.as_str()),
    ];
    if with_numbering {
        parts.push(("word/numbering.xml", NUMBERING));
    }
    zip(&parts)
}

#[test]
fn numbered_headings_tables_and_tabs_come_through() {
    let ex = extract(&docx(true), "report.bin").unwrap();
    assert_eq!((ex.format, ex.encoding), (Format::Docx, "utf-8"));
    let r = lines();
    let mut want: Vec<&str> = r[..19].to_vec();
    want.extend([
        "指标\t2022年\t2023年",
        "复议案件（件）\t120\t135",
        "1.附件说明",
        "联系人：\t张三",
        "某市人民政府",
        "2024年3月28日",
    ]);
    assert_eq!(ex.text.lines().collect::<Vec<_>>(), want);
    assert!(!ex.text.contains("已删除") && !ex.text.contains("PAGE"));
}

#[test]
fn without_numbering_xml_headings_have_no_prefix() {
    let ex = extract(&docx(false), "report.docx").unwrap();
    let got: Vec<&str> = ex.text.lines().collect();
    assert_eq!(got[2], "主要举措和成效");
    assert_eq!(got[3], "加强党对法治政府建设的领导");
}

#[test]
fn malformed_document_xml_is_a_bad_docx() {
    let bytes = zip(&[("word/document.xml", "<w:document><w:body><w:p></w:body>")]);
    let Err(IngestError::BadDocx(msg)) = extract(&bytes, "a.docx") else {
        panic!()
    };
    assert!(msg.contains("word/document.xml"), "{msg}");
}

#[test]
fn a_docx_with_no_text_is_empty() {
    let bytes = zip(&[(
        "word/document.xml",
        "<w:document><w:body><w:p/></w:body></w:document>",
    )]);
    assert_eq!(extract(&bytes, "a.docx"), Err(IngestError::Empty));
}

/// Chinese Word's styles: numeric ids for the built-in headings, a Title, a bold
/// paragraph style, a bold character style and a heading 5.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:b w:val="0"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:latentStyles><w:lsdException w:name="heading 1" w:uiPriority="9"/></w:latentStyles>
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>
  <w:pPr><w:keepNext/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/></w:style>
<w:style w:type="paragraph" w:styleId="a5"><w:name w:val="标题 3"/></w:style>
<w:style w:type="paragraph" w:styleId="5"><w:name w:val="heading 5"/></w:style>
<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="bold"><w:name w:val="重点"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="character" w:styleId="strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="table" w:styleId="grid"><w:name w:val="Table Grid"/>
  <w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr></w:tblStylePr></w:style>
</w:styles>"#;

/// A paragraph of `runs`, each `(run properties, text)`, under paragraph properties `ppr`.
fn styled(ppr: &str, runs: &[(&str, &str)]) -> String {
    let runs: String = runs
        .iter()
        .map(|(rpr, t)| format!("<w:r><w:rPr>{rpr}</w:rPr><w:t>{t}</w:t></w:r>"))
        .collect();
    format!("<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>")
}

fn style(id: &str) -> String {
    format!("<w:pStyle w:val=\"{id}\"/>")
}

fn styled_docx() -> Vec<u8> {
    let b = "<w:b/>";
    let body = [
        // The title is bold by its style: marked like any bold line (level 0); telling
        // it from a section heading is the structure reader's business.
        styled(&style("a3"), &[("", "某市2023年法治政府建设年度报告")]),
        para("2023年，我市全面推进依法行政。"),
        // Heading 1 numbered by the list, as Chinese templates do.
        styled(
            &format!("{}<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"7\"/></w:numPr>", style("1")),
            &[("", "主要举措和成效")],
        ),
        styled(&style("2"), &[("", "（一）加强党的领导")]),
        para("市政府常务会议专题研究法治政府建设工作4次。"),
        styled("<w:outlineLvl w:val=\"2\"/>", &[("", "1.健全制度")]),
        styled(&style("a5"), &[("", "（1）专项整治")]),
        // Bold directly and through a character style.
        styled("", &[(b, "存在的"), ("<w:rStyle w:val=\"strong\"/>", "问题")]),
        // Bold by the paragraph style; the empty run does not count.
        styled(&style("bold"), &[("", "原因分析"), ("<w:b w:val=\"0\"/>", " ")]),
        // Not headings: a bold sentence, part bold, too long, bold paragraph mark only,
        // heading 5, and a heading style cancelled by the paragraph's outline level.
        styled("", &[(b, "一是推进不平衡。")]),
        styled("", &[(b, "二是"), ("", "素质有待提高")]),
        styled("", &[(b, &"长".repeat(41))]),
        styled("<w:rPr><w:b/></w:rPr>", &[("", "段落标记加粗")]),
        styled(&style("5"), &[("", "第五级标题")]),
        styled(
            &format!("{}<w:outlineLvl w:val=\"9\"/>", style("2")),
            &[("", "正文级别")],
        ),
        // A heading in a table cell is part of the row's line.
        format!(
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"grid\"/></w:tblPr><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
            styled(&style("1"), &[("", "指标")]),
            styled("", &[(b, "2023年")])
        ),
        // A heading broken over two lines marks its first.
        "<w:p><w:pPr><w:pStyle w:val=\"1\"/></w:pPr><w:r><w:t>下一步</w:t><w:br/><w:t>工作安排</w:t></w:r></w:p>"
            .to_string(),
    ]
    .concat();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    zip(&[
        ("[Content_Types].xml", CONTENT_TYPES),
        ("word/document.xml", &document),
        ("word/numbering.xml", NUMBERING),
        ("word/styles.xml", STYLES),
    ])
}

#[test]
fn heading_styles_outline_levels_and_bold_paragraphs_are_marked() {
    let ex = extract(&styled_docx(), "styled.docx").unwrap();
    let lines: Vec<&str> = ex.text.split('\n').collect();
    assert_eq!(
        lines,
        [
            "某市2023年法治政府建设年度报告",
            "2023年，我市全面推进依法行政。",
            "一、主要举措和成效",
            "（一）加强党的领导",
            "市政府常务会议专题研究法治政府建设工作4次。",
            "1.健全制度",
            "（1）专项整治",
            "存在的问题",
            "原因分析",
            "一是推进不平衡。",
            "二是素质有待提高",
            &"长".repeat(41),
            "段落标记加粗",
            "第五级标题",
            "正文级别",
            "指标\t2023年",
            "下一步",
            "工作安排",
        ]
    );
    let got: Vec<(usize, u8)> = ex.headings.iter().map(|h| (h.line, h.level)).collect();
    assert_eq!(
        got,
        [
            (0, 0),
            (2, 1),
            (3, 2),
            (5, 3),
            (6, 3),
            (7, 0),
            (8, 0),
            (16, 1)
        ]
    );
    let text: Vec<&str> = got.iter().map(|&(l, _)| lines[l]).collect();
    assert_eq!(
        text,
        [
            "某市2023年法治政府建设年度报告",
            "一、主要举措和成效",
            "（一）加强党的领导",
            "1.健全制度",
            "（1）专项整治",
            "存在的问题",
            "原因分析",
            "下一步"
        ]
    );
}

#[test]
fn without_styles_xml_only_direct_formatting_marks_headings() {
    let bytes = zip(&[(
        "word/document.xml",
        &format!(
            "<w:document><w:body>{}{}{}</w:body></w:document>",
            styled(&style("1"), &[("", "主要举措")]),
            styled("<w:outlineLvl w:val=\"0\"/>", &[("", "存在问题")]),
            styled("", &[("<w:b/>", "下步安排")]),
        ),
    )]);
    let ex = extract(&bytes, "a.docx").unwrap();
    assert_eq!(ex.text, "主要举措\n存在问题\n下步安排");
    let got: Vec<(usize, u8)> = ex.headings.iter().map(|h| (h.line, h.level)).collect();
    assert_eq!(got, [(1, 1), (2, 0)]);
}
