use super::*;

const SAMPLE: &str = "某某县人民政府关于2023年度法治政府建设情况的报告\n发布时间：2024-02-01 来源：县司法局\n2023年，我县深入推进法治政府建设。现将有关情况报告如下：\n一、主要举措和成效\n（一）加强组织领导。县长履行第一责任人职责。\n1.完善制度。审核规范性文件12件。\n二、存在的问题\n一是执法力量薄弱；二是述法不够深入；三是普法形式单一。\n三、下一步工作安排\n（一）充实执法力量。\n（二）深化述法。\n特此报告。\n某某县人民政府\n2024年2月20日\n主办：某某县人民政府办公室";

#[test]
fn sections_and_kinds() {
    let d = Document::parse(SAMPLE);
    let kinds: Vec<_> = d.lines.iter().map(|l| l.kind).collect();
    assert_eq!(kinds[1], Kind::Boilerplate);
    assert_eq!(kinds[2], Kind::Preamble);
    assert_eq!(kinds[4], Kind::Measures);
    assert_eq!(kinds[7], Kind::Problems);
    assert_eq!(kinds[9], Kind::Plans);
    assert_eq!(kinds[11], Kind::Closing);
    assert_eq!(kinds[14], Kind::Boilerplate);
    let h: Vec<_> = d
        .sections
        .iter()
        .filter(|s| s.has_heading)
        .map(|s| (s.level, s.title.as_str()))
        .collect();
    assert_eq!(h[0], (1, "主要举措和成效"));
    assert_eq!(h[1], (2, "加强组织领导"));
    assert_eq!(h[2], (3, "完善制度"));
}

#[test]
fn metadata() {
    let d = Document::parse(SAMPLE);
    assert_eq!(
        d.meta.title.as_deref(),
        Some("某某县人民政府关于2023年度法治政府建设情况的报告")
    );
    assert_eq!(d.meta.issuer.as_deref(), Some("某某县人民政府"));
    assert_eq!(d.meta.year, Some(2023));
    assert_eq!(d.meta.date.as_deref(), Some("2024-02-20"));
    assert_eq!(d.meta.date_source, "signature");
    assert_eq!(d.meta.level, "county");
}

#[test]
fn items_of_problems_and_plans() {
    let d = Document::parse(SAMPLE);
    assert_eq!(items::count(&items::items(&d, &[Kind::Problems])), 3);
    assert_eq!(items::count(&items::items(&d, &[Kind::Plans])), 2);
}

#[test]
fn combined_heading_turns_to_plans() {
    let t = "标题\n一、工作成效\n做了工作。\n二、存在的困难及下一步计划\n仍存在一些问题：一是甲；二是乙。针对以上问题，主要有两个方面的重点工作：\n（一）做好甲。\n（二）做好乙。\n";
    let d = Document::parse(t);
    assert_eq!(d.lines[4].kind, Kind::Problems);
    let last = d.sentences.iter().rfind(|s| s.line == 4).unwrap();
    assert_eq!(last.kind, Kind::Plans);
    assert_eq!(d.lines[5].kind, Kind::Plans);
    assert_eq!(d.lines[6].kind, Kind::Plans);
}

#[test]
fn broken_number_keeps_heading_level() {
    let t = "标题\n一、举措\n（四）强化监督。做了。\n）着力健全矛盾纠纷化解机制。做了。\n";
    let d = Document::parse(t);
    let s = &d.sections[d.lines[3].section];
    assert_eq!(s.level, 2);
    assert!(s.title.starts_with("着力健全"));
}

#[test]
fn dates_in_every_form() {
    assert_eq!(
        meta::find_date("二〇二二年三月八日").as_deref(),
        Some("2022-03-08")
    );
    assert_eq!(
        meta::find_date("2024年1月22日").as_deref(),
        Some("2024-01-22")
    );
    assert_eq!(
        meta::find_date("发布时间:2022-07-05 11:24").as_deref(),
        Some("2022-07-05")
    );
    assert_eq!(
        meta::find_date("二〇二三年十二月三十一日").as_deref(),
        Some("2023-12-31")
    );
}
