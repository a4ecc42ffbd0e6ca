//! Plausible scorecards for the render tests, built in Rust so the tests do not depend on the
//! scoring engine: each card has the built-in pack's categories, elements, weights, advice,
//! grades and name (read from the pack, never copied), evidence with matched words, a near
//! miss, an outline with boilerplate, and key figures, all pointing at real lines of a
//! generated report text. Included by the render and browser tests with
//! `#[path]`; as a test target of its own it runs nothing.
#![allow(dead_code)]

use lawscore::model::scorecard::{
    CategoryScore, DateSource, ElementResult, ErrorRecord, Evidence, Format, Indicator, Level,
    Meta, NearMiss, RulesetRef, Scorecard, SectionInfo, Source, Status,
};
use lawscore::model::{Grade, Kind};
use lawscore::rules::{Element, RulePack};
use std::sync::OnceLock;

/// The line of the generated report that shows an element, and the word of that line its
/// evidence quotes as matched: (element id, sentence, matched word).
const SENTENCES: &[(&str, &str, &str)] = &[
    (
        "form.title",
        "关于2023年度法治政府建设情况的报告",
        "法治政府建设",
    ),
    (
        "form.issuer",
        "市人民政府将本年度法治政府建设情况报告如下。",
        "人民政府",
    ),
    (
        "form.year",
        "2023年，全市法治政府建设取得新进展。",
        "2023年",
    ),
    ("form.timeliness", "2024年3月18日", "2024年3月18日"),
    (
        "lead.section",
        "（一）切实履行推进法治建设第一责任人职责",
        "第一责任人",
    ),
    (
        "lead.duty_stated",
        "市政府主要负责同志认真履行推进法治建设第一责任人职责。",
        "主要负责同志",
    ),
    (
        "lead.personal_actions",
        "市长亲自部署法治政府建设，主持召开常务会议听取汇报4次。",
        "亲自部署",
    ),
    (
        "lead.study",
        "全年开展政府常务会议学法12次，举办领导干部法治专题讲座2期。",
        "常务会议学法",
    ),
    (
        "lead.shufa",
        "各部门主要负责人在年终述职中同步述法。",
        "述法",
    ),
    (
        "lead.assessment",
        "将法治建设纳入绩效考核，权重提高到5%。",
        "纳入绩效考核",
    ),
    (
        "norm.legality_review",
        "经合法性审核的规范性文件48件，做到应审尽审。",
        "合法性审核",
    ),
    (
        "norm.filing",
        "报送备案规范性文件36件，备案审查率100%。",
        "备案",
    ),
    ("norm.cleanup", "开展规范性文件专项清理，废止9件。", "清理"),
    (
        "norm.unified",
        "规范性文件实行统一登记、统一编号、统一公布。",
        "统一登记",
    ),
    (
        "decision.procedures",
        "重大行政决策严格履行公众参与、专家论证、风险评估等程序。",
        "专家论证",
    ),
    (
        "decision.catalog",
        "编制并公布年度重大行政决策事项目录。",
        "决策事项目录",
    ),
    (
        "decision.counsel",
        "市政府聘请法律顾问8名，公职律师覆盖全部部门。",
        "法律顾问",
    ),
    (
        "enforce.publicity",
        "全面落实行政执法公示制度，公示执法决定1.2万条。",
        "执法公示",
    ),
    (
        "enforce.recording",
        "配备执法记录仪600台，实现执法全过程记录。",
        "全过程记录",
    ),
    (
        "enforce.legal_review",
        "重大执法决定法制审核率100%。",
        "法制审核",
    ),
    (
        "enforce.supervision",
        "开展行政执法案卷评查，评查案卷320件。",
        "案卷评查",
    ),
    ("enforce.discretion", "修订行政处罚裁量基准。", "裁量基准"),
    (
        "oversight.external",
        "办理人大代表建议215件、政协提案301件。",
        "人大代表建议",
    ),
    (
        "oversight.openness",
        "深化政务公开，主动公开政府信息1.6万条。",
        "政务公开",
    ),
    ("oversight.audit", "完成审计项目42个。", "审计"),
    (
        "dispute.reconsideration",
        "全年收到行政复议申请156件。",
        "行政复议",
    ),
    (
        "dispute.litigation",
        "办理行政诉讼案件89件，胜诉率91.5%。",
        "行政诉讼",
    ),
    (
        "dispute.court_appearance",
        "行政机关负责人出庭应诉率达100%。",
        "出庭应诉",
    ),
    (
        "dispute.mediation",
        "人民调解组织调解纠纷4300件。",
        "人民调解",
    ),
    ("dispute.pufa", "深入实施“八五”普法规划。", "普法"),
    ("system.emergency", "修订突发事件应急预案。", "应急预案"),
    ("system.digital", "建成行政执法监督平台。", "执法监督平台"),
    ("problems.section", "二、存在的不足和原因", "不足"),
    (
        "problems.specific",
        "一是执法人员素质有待提高；二是基层法治力量薄弱；三是普法针对性不强。",
        "一是",
    ),
    (
        "problems.causes",
        "究其原因，主要是对法治建设重要性认识不足。",
        "原因",
    ),
    ("plans.section", "三、2024年工作安排", "工作安排"),
    (
        "plans.specific",
        "一是加强执法队伍建设；二是充实基层力量；三是推进精准普法。",
        "一是",
    ),
    ("plans.address_problems", "针对上述问题逐项整改。", "整改"),
];

const ISSUERS: &[&str] = &[
    "杭州市人民政府",
    "宁波市人民政府",
    "温州市人民政府",
    "嘉兴市司法局",
    "湖州市人民政府",
    "绍兴市柯桥区人民政府",
    "金华市人民政府",
    "衢州市市场监督管理局",
    "舟山市人民政府",
    "台州市人民政府",
    "丽水市莲都区人民政府",
    "义乌市人民政府",
];

/// The built-in rule pack, loaded once: the cards' categories, elements and grades.
pub fn pack() -> &'static RulePack {
    static PACK: OnceLock<RulePack> = OnceLock::new();
    PACK.get_or_init(|| RulePack::builtin().expect("the built-in pack loads"))
}

/// The rule pack every fixture card claims: the built-in one.
pub fn ruleset() -> RulesetRef {
    let p = pack();
    RulesetRef {
        name: p.name.clone(),
        version: p.version.clone(),
        digest: p.digest.clone(),
    }
}

/// The sentence and matched word that show `e`; an element the table lacks is a test to
/// update, said so by name.
fn sentence(e: &Element) -> (&'static str, &'static str) {
    let (_, sentence, word) = SENTENCES
        .iter()
        .find(|(id, _, _)| *id == e.id)
        .unwrap_or_else(|| {
            panic!(
                "tests/render_support: element {} of the built-in pack has no sentence in SENTENCES",
                e.id
            )
        });
    assert!(
        sentence.contains(word),
        "{}: `{word}` is not in `{sentence}`",
        e.id
    );
    (sentence, word)
}

/// The card's grade: the first of the pack's grades, highest first, whose floor it reaches.
fn grade(score: f64) -> Grade {
    pack().grades.grade_for(score)
}

/// A tiny deterministic generator, so every run draws the same cards.
fn draw(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *seed >> 33
}

/// Card `i` of a family of varied cards, with the text it was scored on. Card 3 is nearly
/// empty (a score below 10, to catch string-sorted scores), the others vary at random.
pub fn card(i: usize) -> (Scorecard, String) {
    let mut seed = 0x5eed_u64 + i as u64 * 7919;
    let issuer = ISSUERS[i % ISSUERS.len()];
    let year = 2021 + (i % 3) as i32;
    let late = i % 5 == 4;
    // Departments (局) and districts (区) beside cities, so level and profile vary.
    let level = if issuer.ends_with('局') {
        Level::Department
    } else if issuer.contains('区') {
        Level::County
    } else {
        Level::City
    };
    let undated = i % 11 == 6;

    // The report text: preamble, one measures line per measures element, problems, causes,
    // plans (holding a near miss for 述法), closing, and web-page furniture.
    let mut lines: Vec<String> = Vec::new();
    let title = format!("{issuer}关于{year}年度法治政府建设情况的报告");
    lines.push(title.clone());
    lines.push("市委、市人大常委会：".into());
    lines.push(format!(
        "{year}年，全市法治政府建设取得新进展。市人民政府将本年度法治政府建设情况报告如下。"
    ));
    let preamble_end = lines.len();
    lines.push("一、主要举措和成效".into());
    let measures_start = lines.len() + 1;
    let mut line_of = std::collections::HashMap::new();
    // Form, problems and plans have their own lines below; every other element gets its
    // sentence among the measures.
    for e in &pack().elements {
        if !["form", "problems", "plans"].contains(&e.category.as_str()) {
            lines.push(sentence(e).0.to_string());
            line_of.insert(e.id.as_str(), lines.len());
        }
    }
    lines.push(String::new());
    let measures_end = lines.len();
    lines.push("二、存在的不足和原因".into());
    let problems_start = lines.len();
    line_of.insert("problems.section", lines.len());
    lines.push("一是执法人员素质有待提高；二是基层法治力量薄弱；三是普法针对性不强。".into());
    line_of.insert("problems.specific", lines.len());
    lines.push("究其原因，主要是对法治建设重要性认识不足。".into());
    line_of.insert("problems.causes", lines.len());
    let problems_end = lines.len();
    lines.push(format!("三、{}年工作安排", year + 1));
    let plans_start = lines.len();
    line_of.insert("plans.section", lines.len());
    lines.push("一是加强执法队伍建设；二是充实基层力量；三是推进精准普法。".into());
    line_of.insert("plans.specific", lines.len());
    lines.push("针对上述问题逐项整改，全面推行年终述法制度。".into());
    line_of.insert("plans.address_problems", lines.len());
    let near_miss_line = lines.len();
    let plans_end = lines.len();
    lines.push("特此报告。".into());
    let closing_start = lines.len();
    lines.push(issuer.to_string());
    let date = if undated {
        None
    } else if late {
        Some(format!("{}-05-20", year + 1))
    } else {
        Some(format!("{}-03-{:02}", year + 1, 10 + i % 18))
    };
    lines.push(date.clone().unwrap_or_default());
    let closing_end = lines.len();
    lines.push("发布时间：2024-03-20 来源：司法局".into());
    lines.push("扫一扫在手机打开当前页".into());
    lines.push("主办：市人民政府办公室 ICP备05012345号".into());
    let boiler_start = closing_end + 1;
    let text = lines.join("\n") + "\n";
    line_of.insert("form.title", 1);
    line_of.insert("form.issuer", 3);
    line_of.insert("form.year", 3);
    line_of.insert("form.timeliness", closing_end);

    let section_of = |line: usize| -> (&'static str, String) {
        if line <= preamble_end {
            ("preamble", String::new())
        } else if line <= measures_end {
            ("measures", "一、主要举措和成效".into())
        } else if line <= problems_end {
            ("problems", "二、存在的不足和原因".into())
        } else if line <= plans_end {
            ("plans", format!("三、{}年工作安排", year + 1))
        } else {
            ("closing", String::new())
        }
    };

    let mut elements = Vec::new();
    for e in &pack().elements {
        let (id, weight) = (e.id.as_str(), e.weight);
        let (_, word) = sentence(e);
        let roll = draw(&mut seed) % 100;
        let mut status = if i == 3 && id != "form.title" {
            Status::Missing
        } else if roll < 62 {
            Status::Met
        } else if roll < 78 {
            Status::Partial
        } else if roll < 95 {
            Status::Missing
        } else {
            Status::NotApplicable
        };
        if id == "form.timeliness" {
            status = if undated {
                Status::NotApplicable
            } else if late {
                Status::Missing
            } else {
                Status::Met
            };
        }
        if id == "lead.shufa" && i % 2 == 0 {
            status = Status::Missing;
        }
        let line = *line_of
            .get(id)
            .unwrap_or_else(|| panic!("tests/render_support: no line of the report shows {id}"));
        let (kind, section) = section_of(line);
        let evidence = match status {
            Status::Met | Status::Partial => vec![Evidence {
                // Quote the line as it stands in the text, so the page shows what a
                // reader would find there.
                text: lines[line - 1].clone(),
                line,
                paragraph: None,
                page: None,
                page_line: None,
                section,
                kind: Kind::parse(kind).expect("a section kind"),
                matched: vec![match id {
                    "form.year" => format!("{year}年"),
                    "form.timeliness" => date.clone().unwrap_or_default(),
                    _ => word.to_string(),
                }],
            }],
            _ => Vec::new(),
        };
        let points = match status {
            Status::Met => weight,
            Status::Partial => weight / 2.0,
            _ => 0.0,
        };
        let open = matches!(status, Status::Missing | Status::Partial);
        let near_miss = (id == "lead.shufa" && status == Status::Missing).then(|| NearMiss {
            reason: "只在下一步安排中提到，未见落实情况".into(),
            evidence: Evidence {
                text: "针对上述问题逐项整改，全面推行年终述法制度。".into(),
                line: near_miss_line,
                paragraph: None,
                page: None,
                page_line: None,
                section: format!("三、{}年工作安排", year + 1),
                kind: Kind::Plans,
                matched: vec!["述法".into()],
            },
        });
        elements.push(ElementResult {
            id: e.id.clone(),
            title: e.name.clone(),
            category: e.category.clone(),
            status,
            points,
            weight,
            evidence,
            advice: open.then(|| e.advice.clone()),
            looked_for: open.then(|| {
                if e.looked_for.is_empty() {
                    e.met.describe()
                } else {
                    e.looked_for.clone()
                }
            }),
            near_miss,
            gain: if open { weight - points } else { 0.0 },
            not_applicable_reason: (status == Status::NotApplicable)
                .then(|| "报告年度早于该要求施行".to_string()),
        });
    }

    let categories: Vec<CategoryScore> = pack()
        .categories
        .iter()
        .map(|c| {
            let mine = elements
                .iter()
                .filter(|e| e.category == c.id && e.status != Status::NotApplicable);
            let (earned, possible) =
                mine.fold((0.0, 0.0), |(a, b), e| (a + e.points, b + e.weight));
            CategoryScore {
                id: c.id.clone(),
                title: c.title.clone(),
                earned,
                possible,
            }
        })
        .collect();
    let earned: f64 = categories.iter().map(|c| c.earned).sum();
    let possible: f64 = categories.iter().map(|c| c.possible).sum();
    let score = (earned / possible * 1000.0).round() / 10.0;

    let sections = vec![
        SectionInfo {
            heading: String::new(),
            level: 0,
            kind: Kind::Preamble,
            line_start: 1,
            line_end: preamble_end,
            page: None,
        },
        SectionInfo {
            heading: "一、主要举措和成效".into(),
            level: 1,
            kind: Kind::Measures,
            line_start: preamble_end + 1,
            line_end: measures_end,
            page: None,
        },
        SectionInfo {
            heading: "二、存在的不足和原因".into(),
            level: 1,
            kind: Kind::Problems,
            line_start: problems_start,
            line_end: problems_end,
            page: None,
        },
        SectionInfo {
            heading: format!("三、{}年工作安排", year + 1),
            level: 1,
            kind: Kind::Plans,
            line_start: plans_start,
            line_end: plans_end,
            page: None,
        },
        SectionInfo {
            heading: String::new(),
            level: 0,
            kind: Kind::Closing,
            line_start: closing_start,
            line_end: closing_end,
            page: None,
        },
        SectionInfo {
            heading: String::new(),
            level: 0,
            kind: Kind::Boilerplate,
            line_start: boiler_start,
            line_end: lines.len(),
            page: None,
        },
    ];
    let _ = measures_start;

    let mut indicators = vec![Indicator {
        id: "court_appearance_rate".into(),
        title: "行政机关负责人出庭应诉率".into(),
        value: 100.0 - (i % 4) as f64 * 2.5,
        unit: "%".into(),
        text: "行政机关负责人出庭应诉率达100%。".into(),
        line: line_of["dispute.court_appearance"],
        paragraph: None,
        page: None,
        page_line: None,
    }];
    if i % 3 != 1 {
        indicators.push(Indicator {
            id: "reconsideration_cases".into(),
            title: "行政复议案件数".into(),
            value: 100.0 + (i * 13 % 90) as f64,
            unit: "件".into(),
            text: "全年收到行政复议申请156件。".into(),
            line: line_of["dispute.reconsideration"],
            paragraph: None,
            page: None,
            page_line: None,
        });
    }
    indicators.push(Indicator {
        id: "normative_filed".into(),
        title: "报送备案的规范性文件数".into(),
        value: 36.0,
        unit: "件".into(),
        text: "报送备案规范性文件36件，备案审查率100%。".into(),
        line: line_of["norm.filing"],
        paragraph: None,
        page: None,
        page_line: None,
    });

    let path = format!("reports/{year}/{}-{i:03}.txt", ascii_name(i));
    let card = Scorecard {
        source: Source {
            path,
            format: [Format::Txt, Format::Html, Format::Docx][i % 3],
            encoding: if i % 4 == 1 { "gb18030" } else { "utf-8" }.into(),
            chars: text.chars().count(),
            sha256: format!("{:064x}", i as u128 * 0x9e37_79b9_7f4a_7c15),
            pages: None,
        },
        meta: Meta {
            title: Some(title),
            issuer: Some(issuer.into()),
            issuer_abbreviated: false,
            year: Some(year),
            date,
            date_source: if undated {
                DateSource::None
            } else {
                DateSource::Signature
            },
            level,
        },
        profile: pack()
            .profile_for_level(level)
            .expect("a profile for every level")
            .id
            .clone(),
        profile_title: pack().profile_for_level(Level::City).unwrap().title.clone(),
        ruleset: ruleset(),
        score,
        grade: grade(score),
        earned,
        possible,
        categories,
        elements,
        sections,
        indicators,
        warnings: Vec::new(),
        reuse: None,
    };
    (card, text)
}

fn ascii_name(i: usize) -> &'static str {
    [
        "hangzhou", "ningbo", "wenzhou", "jiaxing", "huzhou", "keqiao",
    ][i % 6]
}

/// `n` varied cards and their texts.
pub fn cards(n: usize) -> (Vec<Scorecard>, Vec<String>) {
    (0..n).map(card).unzip()
}

/// Two failed files, one with markup in its reason.
pub fn errors() -> Vec<ErrorRecord> {
    vec![
        ErrorRecord {
            path: "reports/broken.docx".into(),
            error: "not a valid .docx file: invalid Zip archive".into(),
        },
        ErrorRecord {
            path: "reports/empty.txt".into(),
            error: "the file is empty <b>".into(),
        },
    ]
}

/// A card whose title, issuer and evidence carry a script tag, to prove it is escaped.
pub fn hostile_card() -> (Scorecard, String) {
    let (mut card, mut text) = card(0);
    let evil = "<script>alert(1)</script>";
    card.meta.title = Some(format!("{evil}报告"));
    card.meta.issuer = Some(format!("{evil}人民政府"));
    let e = card
        .elements
        .iter_mut()
        .find(|e| !e.evidence.is_empty())
        .expect("some evidence");
    e.evidence[0].text = format!("开展{evil}述法工作");
    e.evidence[0].matched = vec!["述法".into(), "<script>".into()];
    e.advice = Some(evil.into());
    card.indicators[0].text = evil.into();
    text = text.replacen("市委、市人大常委会：", evil, 1);
    (card, text)
}
