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

/// The document as it was read before a reading was redone only when the year changes an
/// answer: redone whenever a heading or a sentence scanned for a turn names a year.
fn parse_rereading_always(text: &str) -> Document {
    let (mut doc, year_use) = structure::build(text, None, &[]);
    doc.meta = meta::read(&doc);
    if doc.meta.year.is_some() && year_use.named_a_year(&doc) {
        doc = structure::build_lines(std::mem::take(&mut doc.lines), doc.meta.year, &[]).0;
        doc.meta = meta::read(&doc);
    }
    doc.found = locate::locate(&doc);
    doc.warnings = checks::warnings(&doc);
    doc
}

/// Every fixture report's text (and `LAWSCORE_DOC_CORPUS`'s .txt files when set, for a
/// wider check by hand).
fn fixture_texts() -> Vec<(String, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.join("tests/fixtures"), root.join("tests/seeds")];
    dirs.extend(std::env::var_os("LAWSCORE_DOC_CORPUS").map(std::path::PathBuf::from));
    let mut out = Vec::new();
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "txt") {
                if let Ok(text) = std::fs::read_to_string(&p) {
                    out.push((p.display().to_string(), text));
                }
            }
        }
    }
    assert!(out.len() >= 5, "fixture reports found: {}", out.len());
    out
}

/// Reports whose named years all read alike with or without the year reported on are read
/// once; the result is the one a second reading gives, on every fixture and on reports
/// where the year does change the reading.
#[test]
fn one_reading_is_what_two_give() {
    let made = [
        // A later year's plans opened mid-measures, and headings named by year.
        "某县2023年度法治政府建设情况的报告\n一、2023年工作情况\n2023年，我县推进依法行政。2024年，我县将重点抓好以下工作：一是深化改革。\n二、存在的问题\n执法力量薄弱。2024年，我县将着力解决。\n三、2024年重点工作\n（一）深化改革。",
        "某县2023年度法治政府建设情况的报告\n一、2022年重点工作\n推进依法行政。\n二、2023年重点工作\n审核文件12件。",
        "某县法治政府建设情况的报告\n一、主要举措\n2023年，我县将重点推进依法行政。",
    ];
    let mut texts = fixture_texts();
    texts.extend(made.iter().map(|t| ("made".to_string(), t.to_string())));
    for (name, text) in &texts {
        let once = format!("{:?}", Document::parse(text));
        let twice = format!("{:?}", parse_rereading_always(text));
        assert!(once == twice, "{name}: one reading differs from two");
    }
    // The year does change these: the sections a second reading opens are there.
    let d = Document::parse(made[0]);
    let plans = |d: &Document, heading: &str| {
        d.sections
            .iter()
            .find(|s| s.heading == heading)
            .map(|s| s.kind)
    };
    assert_eq!(plans(&d, "三、2024年重点工作"), Some(Kind::Plans));
    let d = Document::parse(made[1]);
    assert_eq!(plans(&d, "一、2022年重点工作"), Some(Kind::Measures));
}

/// The quick test of a heading number's first char says what the Unicode test said.
#[test]
fn a_number_opens_as_unicode_says() {
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        let unicode = c.is_numeric() || "一二三四五六七八九十()".contains(c);
        assert_eq!(structure::may_open_number(c), unicode, "{c:?}");
    }
}
