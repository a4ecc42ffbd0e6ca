use super::*;

fn pack() -> RulePack {
    RulePack::builtin().expect("built-in pack")
}

fn source() -> Source {
    Source {
        path: "t.txt".into(),
        format: crate::model::scorecard::Format::Txt,
        encoding: "utf-8".into(),
        chars: 0,
        sha256: String::new(),
        pages: None,
    }
}

fn element<'a>(card: &'a Scorecard, id: &str) -> &'a ElementResult {
    card.elements.iter().find(|e| e.id == id).expect(id)
}

const SIGNED: &str = "某某县人民政府关于2023年度法治政府建设情况的报告\n2023年，某某县人民政府深入推进法治政府建设。现将有关情况报告如下：\n一、主要举措和成效\n全年召开会议3次。\n特此报告。\n某某县人民政府\n2024年2月20日\n某某县人民政府办公室　　2024年2月22日印发";

#[test]
fn metadata_checks_quote_what_the_document_found() {
    let pack = pack();
    let gov = pack.profile("government").unwrap();
    let mut doc = Document::parse(SIGNED);
    let card = score(&doc, &pack, gov, source());
    let line = |card: &Scorecard, id: &str| element(card, id).evidence.first().map(|e| e.line);
    assert_eq!(line(&card, "form.title"), Some(1));
    assert_eq!(line(&card, "form.issuer"), Some(1));
    assert_eq!(line(&card, "form.year"), Some(1));
    assert_eq!(element(&card, "form.timeliness").status, Status::Met);
    assert_eq!(
        line(&card, "form.timeliness"),
        doc.found.date_line.map(|s| s.line + 1)
    );
    // Scoring reads the places from the document and searches nothing itself: where the
    // document says the date stands is where the evidence points.
    doc.found.date_line = Some(crate::document::Span {
        line: 5,
        start: 0,
        end: doc.lines[5].folded.len(),
    });
    let card = score(&doc, &pack, gov, source());
    let ev = &element(&card, "form.timeliness").evidence[0];
    assert_eq!((ev.line, ev.text.as_str()), (6, "某某县人民政府"));
}

#[test]
fn the_year_rule_explains_before_the_profile() {
    let pack = pack();
    let dept = pack.profile("department").unwrap();
    let gov = pack.profile("government").unwrap();
    let mut e = pack.element("decision.catalog").unwrap().clone();
    assert_eq!(
        exemption(dept, &e, Some(2023)).as_deref(),
        Some("政府工作部门报告不适用本项")
    );
    assert_eq!(exemption(gov, &e, Some(2023)), None);
    e.since = Some(2024);
    let year_reason = Some("2023年度尚无此项要求（2024年起适用）");
    assert_eq!(exemption(dept, &e, Some(2023)).as_deref(), year_reason);
    assert_eq!(exemption(gov, &e, Some(2023)).as_deref(), year_reason);
    assert_eq!(exemption(gov, &e, Some(2024)), None);
    assert_eq!(exemption(gov, &e, None), None);
}

#[test]
fn an_exempt_element_the_report_meets_still_counts() {
    let pack = pack();
    let dept = pack.profile("department").unwrap();
    let text = SIGNED.replace(
        "全年召开会议3次。",
        "全年召开会议3次。制定并公布2023年度重大行政决策事项目录，纳入目录事项5项。",
    );
    let doc = Document::parse(&text);
    let missing = score(&Document::parse(SIGNED), &pack, dept, source());
    let met = score(&doc, &pack, dept, source());
    let na = element(&missing, "decision.catalog");
    assert_eq!(na.status, Status::NotApplicable);
    assert_eq!(
        na.not_applicable_reason.as_deref(),
        Some("政府工作部门报告不适用本项")
    );
    assert_eq!(element(&met, "decision.catalog").status, Status::Met);
}
