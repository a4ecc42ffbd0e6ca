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

fn outline_of(d: &Document) -> Vec<(u8, String, Kind)> {
    d.sections
        .iter()
        .filter(|s| s.has_heading)
        .map(|s| (s.level, s.title.clone(), s.kind))
        .collect()
}

#[test]
fn unnumbered_headings_with_years_open_parts() {
    let t = "某区人民政府关于2023年法治政府建设情况的报告\n市人民政府：\n2023年，我区坚持依法行政。现报告如下：\n2023年工作情况\n（一）持续深化政府职能转变\n深入推进改革。\n存在的不足\n仍存在一些短板：一是甲。\n2024年工作安排\n（一）深入开展清理。做好。\n区政府主要负责同志履行推进法治建设第一责任人职责情况\n区长主持召开常务会议3次。\n";
    let d = Document::parse(t);
    let o = outline_of(&d);
    assert_eq!(o[0], (1, "2023年工作情况".into(), Kind::Measures));
    assert_eq!(o[1].2, Kind::Measures);
    assert_eq!(o[2], (1, "存在的不足".into(), Kind::Problems));
    assert_eq!(o[3], (1, "2024年工作安排".into(), Kind::Plans));
    assert_eq!(o[4].2, Kind::Plans);
    // The first-responsible-person part placed last is still work done.
    assert_eq!(o[5].0, 1);
    assert_eq!(o[5].2, Kind::Measures);
    assert_eq!(d.lines[11].kind, Kind::Measures);
}

#[test]
fn numbered_headings_with_years_are_read_against_the_report_year() {
    let t = "某县人民政府关于2022年度法治政府建设情况的报告\n2022年，我县深入推进法治政府建设。\n一、2022年工作开展情况\n做了工作。\n二、存在的问题\n一是甲；二是乙。\n三、2023年重点工作\n（一）做好甲。\n（二）做好乙。\n";
    let d = Document::parse(t);
    let o = outline_of(&d);
    assert_eq!(o[0].2, Kind::Measures);
    assert_eq!(o[1].2, Kind::Problems);
    assert_eq!(o[2].2, Kind::Plans);
}

#[test]
fn turns_without_headings_give_their_kind_to_what_follows() {
    let t = "某局2024年度法治政府建设工作情况报告\n2024年，我局坚持依法行政。\n一、主要工作\n（一）压实主要负责人法治建设责任\n局长主持召开会议。\n（二）规范执法\n开展执法检查12次。在肯定成绩的同时，我们也清醒认识到，还存在一些短板：一是执法力量不足；二是普法不深；三是制度不全。\n下一步，我局将重点抓好以下工作：一是充实执法力量；二是深化普法；三是完善制度。\n特此报告。\n";
    let d = Document::parse(t);
    let kinds: Vec<Kind> = d
        .sentences
        .iter()
        .filter(|s| s.line == 6)
        .map(|s| s.kind)
        .collect();
    assert_eq!(kinds.first(), Some(&Kind::Measures));
    assert_eq!(kinds.last(), Some(&Kind::Problems));
    assert_eq!(d.lines[7].kind, Kind::Plans);
    // A closing 下一步将继续… in a measures paragraph opens nothing.
    let t2 = "报告\n2024年，我局坚持依法行政。\n一、主要工作\n开展执法检查12次。下一步将继续深化这项工作。\n二、规范执法\n做了。\n";
    let d2 = Document::parse(t2);
    assert!(d2.sentences.iter().all(|s| s.kind != Kind::Plans));
}

#[test]
fn metadata_is_found_where_the_text_shows_it() {
    let d = Document::parse(SAMPLE);
    let line = |s: Option<Span>| s.map(|s| s.line);
    // The title starts the page; the issuer and the year are first named in it.
    assert_eq!(line(d.found.title_line), Some(0));
    assert_eq!(d.found.title_line.unwrap().end, d.lines[0].folded.len());
    let issuer = d.found.issuer.unwrap();
    assert_eq!(issuer.line, 0);
    assert_eq!(
        &d.lines[0].folded[issuer.start..issuer.end],
        "某某县人民政府"
    );
    assert_eq!(line(d.found.year), Some(0));
    // The signature's date, not the page's 发布时间 on line 2.
    assert_eq!(d.meta.date_source, "signature");
    assert_eq!(line(d.found.date_line), Some(13));
    // The title is read once, as a document of its own, for conditions on its words.
    let words = d.found.title_words.as_deref().unwrap();
    assert_eq!(
        words.sentence_text(&words.sentences[0]),
        "某某县人民政府关于2023年度法治政府建设情况的报告"
    );
}

#[test]
fn a_published_date_is_found_on_the_page_meta_line() {
    let t = "某某县人民政府关于2023年度法治政府建设情况的报告\n发布时间：2024-02-01 来源：县司法局\n2023年，我县深入推进法治政府建设。现将有关情况报告如下：\n一、主要举措和成效\n全年召开会议3次。";
    let d = Document::parse(t);
    assert_eq!(d.meta.date.as_deref(), Some("2024-02-01"));
    assert_eq!(d.found.date_line.map(|s| s.line), Some(1));
    // A title joined from several lines is found on its first.
    let t = "黔东南苗族侗族自治州人民政府\n关于2019年度法治政府建设工作情况的\n报　　告\n贵州省人民政府：\n2019年，州人民政府全面推进依法行政。\n一、工作情况\n全年召开会议3次。";
    let d = Document::parse(t);
    assert_eq!(d.found.title_line.map(|s| s.line), Some(0));
    assert_eq!(d.found.year.map(|s| s.line), Some(1));
    assert!(d.found.date_line.is_none());
}

#[test]
fn a_year_in_chinese_numerals_is_found_where_the_title_writes_it() {
    for (title, shown) in [
        (
            "某某县人民政府关于二〇二三年度法治政府建设情况的报告",
            "二〇二三",
        ),
        (
            "某某县人民政府关于二零二三年度法治政府建设情况的报告",
            "二零二三",
        ),
    ] {
        let d = Document::parse(&format!("{title}\n一、主要举措\n全面推进依法行政。"));
        assert_eq!(d.meta.year, Some(2023), "{title}");
        let y = d
            .found
            .year
            .unwrap_or_else(|| panic!("no year found in {title}"));
        assert_eq!((y.line, &d.lines[0].folded[y.start..y.end]), (0, shown));
    }
}

#[test]
fn an_assumed_year_is_found_where_the_text_names_it() {
    let mut d = Document::snippet(Kind::Measures, None, "2023年，全年召开会议3次。");
    assert!(d.found.year.is_none());
    d.assume_year(2023);
    assert_eq!(d.meta.year, Some(2023));
    let y = d.found.year.unwrap();
    assert_eq!(&d.lines[y.line].folded[y.start..y.end], "2023");
}
