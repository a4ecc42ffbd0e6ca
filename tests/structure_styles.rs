//! Headings a source marks by style (Word heading styles, HTML h1–h4, a wholly bold
//! paragraph) are read as headings, with the level and kind their words give.

use lawscore::engine::Engine;
use lawscore::rules::RulePack;

fn sections(bytes: &[u8], name: &str) -> Vec<(u8, String, String)> {
    let engine = Engine::new(RulePack::builtin().unwrap(), None).unwrap();
    let card = engine.score_bytes(name, bytes).unwrap().card;
    card.sections
        .into_iter()
        .map(|s| (s.level, s.heading, s.kind.to_string()))
        .collect()
}

#[test]
fn bold_paragraphs_of_a_web_page_are_headings() {
    let page =
        "<html><head><meta charset=\"utf-8\"><title>报告</title></head><body><div id=\"zoom\">\
<h1>某市应急管理局2022年度法治政府建设工作报告</h1>\
<p>2022年，我局坚持以习近平法治思想为指导，深入推进依法行政。现将有关情况报告如下。</p>\
<p><strong>强化组织领导，压实主要负责人法治建设第一责任人责任的各项工作措施</strong></p>\
<p>局主要负责人履行推进法治建设第一责任人职责，主持召开局党委会议专题研究法治工作4次。</p>\
<p><strong>存在的问题和不足</strong></p>\
<p>一是执法力量不足；二是普法针对性不强；三是信息化水平不高。</p>\
<p><strong>2023年工作打算</strong></p>\
<p>一是充实执法力量；二是创新普法方式；三是推进执法信息化。</p>\
</div></body></html>";
    let s = sections(page.as_bytes(), "p.html");
    let find = |h: &str| s.iter().find(|x| x.1.contains(h)).cloned();
    // Longer than an unnumbered line may be, but bold: a heading all the same.
    let lead = find("强化组织领导").expect("the bold lead heading is a section");
    assert_eq!(lead.2, "measures");
    assert_eq!(find("存在的问题和不足").unwrap().2, "problems");
    assert_eq!(find("2023年工作打算").unwrap().2, "plans");
    // The page title above the opening is not a section.
    assert!(find("法治政府建设工作报告").is_none(), "{s:?}");
}
