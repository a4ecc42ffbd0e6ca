//! Which part of a report a heading or sentence opens: the words reporters use.

use super::patterns::years_in;
use super::Kind;
use regex::Regex;
use std::sync::LazyLock;

fn re(p: &str) -> Regex {
    Regex::new(p).expect("kind pattern")
}

static PROBLEMS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"存在的?(主要|突出)?(问题|不足|困难|差距|短板)|问题(和|与|及|、)(不足|差距|短板|困难|原因)|不足(和|与|及|之处)|差距(和|与|及)?不足|查找差距|短板|薄弱环节|面临的?(困难|问题|挑战)|主要问题|^(工作中的)?(问题|不足|困难)$",
    )
});
static CAUSES: LazyLock<Regex> = LazyLock::new(|| re(r"原因|根源"));
static PLANS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"下一步|下一年度?|下步|下阶段|下一阶段|工作打算|工作安排|工作思路|工作计划|今后|主要安排|重点做好|努力方向|工作设想|工作要点|明年",
    )
});

/// The kind a heading title announces, if it announces one, for a report whose year is
/// unknown. See [`heading_kind_in`].
pub fn heading_kind(title: &str) -> Option<Kind> {
    heading_kind_in(title, None)
}

/// The kind a heading title announces in a report on `year`. Problems win over plans and
/// causes in a combined heading (存在的困难及下一步计划): the text starts with the problems
/// and turns later. A year in the heading is read against the report's own: the year
/// reported on (2022年工作开展情况) is measures, a later one (2023年工作打算, 2023年重点工作)
/// is plans; the word 年 alone decides nothing.
pub fn heading_kind_in(title: &str, year: Option<i32>) -> Option<Kind> {
    if PROBLEMS.is_match(title) {
        return Some(Kind::Problems);
    }
    if CAUSES.is_match(title) {
        return Some(Kind::Causes);
    }
    if let (Some(report), Some(&named)) = (year, years_in(title).first()) {
        if named > report {
            return Some(Kind::Plans);
        }
        if named < report {
            return None;
        }
    }
    PLANS.is_match(title).then_some(Kind::Plans)
}

static MEASURES_PART: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"工作(开展|推进|落实|完成)?情况|主要(工作|做法|举措|成效|成绩)|举措(和|及|与)?成效|工作成效|取得的?(成效|成绩)|工作进展|进展情况|完成情况|履职情况|第一责任人|主要负责(人|同志)|主要领导|一把手|述法情况|基本情况|工作回顾",
    )
});

/// True when an unnumbered line names the measures part or the first-responsible-person
/// part (主要工作及成效, 2023年工作情况, 落实第一责任人职责), so it opens a part of the
/// report rather than a topic inside one.
pub fn announces_measures(title: &str) -> bool {
    MEASURES_PART.is_match(title)
}

/// True when a heading title combines problems with plans or causes.
pub fn heading_combines(title: &str) -> bool {
    PROBLEMS.is_match(title) && (PLANS.is_match(title) || CAUSES.is_match(title))
}

static TURN_TO_PLANS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(以下|如下|下列)?(几个|[一二三四五六七八九十\d]+个)方面(的)?(重点)?工作|重点(做好|抓好|推进|开展)以下|(做好|抓好)以下|下一?步(工作)?(中)?[,，:：]?(我|将|要|拟|计划|打算|重点)|今后(的)?工作中?[,，]?(我|将|要|着重)|下步工作|工作打算|工作安排如下|(\d{4}年|明年|新的一年)[,，]?(我[区县市局委乡镇]|全[区县市])?(将|要)(重点|继续|着力|坚持)|针对(以上|上述|这些)问题",
    )
});

/// True when a sentence inside a problems part turns to next year's plans.
pub fn turns_to_plans(sentence: &str, year: Option<i32>) -> bool {
    turn_position(sentence, year).is_some()
}

static PLANS_OPENER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*[(（]?[一二三四五六七八九十\d]*[)）、.]?\s*(下一步|下一阶段|下步|下阶段|今后|明年|新的一年|\d{4}年(度)?)[^。;:]{0,24}?(将|要|拟|计划|打算|着力|重点)",
    )
});
static LIST_AHEAD: LazyLock<Regex> =
    LazyLock::new(|| re(r"以下|如下|下列|几个方面|[一二三四五六七八九十\d]+个方面|一是|:\s*$"));

/// True when a text introduces a list: 以下几个方面 / 如下 / 一是… / a closing colon.
pub fn introduces_list(text: &str) -> bool {
    LIST_AHEAD.is_match(text) || text.contains(":一") || text.contains(":(一)")
}

/// True when a sentence outside the problems part opens next year's plans with no heading:
/// 下一步，我局将重点抓好以下工作：一是… or 2025年，我们将… (a later year than the one
/// reported on). A lone 下一步将继续… closing a measures paragraph opens nothing: it needs
/// a list after it or a later year.
pub fn opens_plans(sentence: &str, year: Option<i32>) -> bool {
    let Some(m) = PLANS_OPENER.find(sentence) else {
        return false;
    };
    let named = years_in(m.as_str());
    if let (Some(report), Some(&y)) = (year, named.first()) {
        if y <= report {
            return false;
        }
        return true;
    }
    named.is_empty() && LIST_AHEAD.is_match(sentence)
}

static TURN_TO_CAUSES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*[(（]?[一二三四五六七八九十\d]*[)）、.]?\s*(产生|出现|存在)?(这些|以上|上述)?(问题|不足)?(产生|存在)?的(主要)?(原因|根源)|^\s*(究其原因|分析原因|原因(主要)?(是|有|在于|分析))",
    )
});

/// Where in a sentence the text turns to plans, if it does. A turn that names a year is
/// one only when that year follows the year reported on.
pub fn turn_position(sentence: &str, year: Option<i32>) -> Option<usize> {
    TURN_TO_PLANS
        .find_iter(sentence)
        .find(|m| match (year, years_in(m.as_str()).first()) {
            (Some(report), Some(&y)) => y > report,
            _ => true,
        })
        .map(|m| m.start())
}

/// True when a sentence starts the analysis of causes.
pub fn turns_to_causes(sentence: &str) -> bool {
    TURN_TO_CAUSES.is_match(sentence)
}

static PROBLEMS_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(仍然|仍|也|还|依然)(存在|有)(着)?(一些|不少|以下|一定的?|诸多|若干)?[^。;]{0,10}?(问题|不足|差距|短板|薄弱环节|困难)",
    )
});
/// The turns drafters use to move from achievements to shortcomings.
static TURN_TO_PROBLEMS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(在|看到)?肯定成绩的同时|成绩的同时|但(也|还)?(要|应|应当|必须)?(清醒|客观)?(地)?(看到|认识到)|同时也(要|应)?(清醒)?(地)?(看到|认识到)|(清醒|深刻)(地)?(认识|意识|看)到|不足之处|差距和不足|问题和不足|(成绩|成效|进展)[^。;]{0,4}[,，]\s*(但|但是)",
    )
});
static PROBLEM_WORD: LazyLock<Regex> =
    LazyLock::new(|| re(r"问题|不足|差距|短板|薄弱|困难|短处|有待|不够|不强|滞后"));

/// Shortcomings named in a run: 干部依法办事意识不够强、基层执法力量较为薄弱等不足.
static NAMED_RUN: LazyLock<Regex> =
    LazyLock::new(|| re(r"、[^。;]{1,40}等(问题|不足|短板|差距|困难)"));

/// Chars from the start of a sentence within which an admission must begin to turn it.
const TURN_REACH: usize = 70;
/// True when `head` (the start of `text`) admits shortcomings that `text` goes on to name.
fn admits_problems(head: &str, text: &str) -> bool {
    let early = |m: regex::Match| head[..m.start()].chars().count() <= TURN_REACH;
    let intro = PROBLEMS_INTRO.find(head).is_some_and(early);
    let turn = TURN_TO_PROBLEMS.find(head).is_some_and(early) && PROBLEM_WORD.is_match(text);
    intro || turn
}

/// True when a line with no heading opens a shortcomings paragraph inside another part.
pub fn opens_problems(line: &str) -> bool {
    let listed = ["一是", "主要", ":", "表现"]
        .iter()
        .any(|w| line.contains(w));
    // A paragraph is devoted to shortcomings when it opens with the admission, after at
    // most one concession clause (虽取得一定成效，但也存在…).
    let opening: usize = line.split_inclusive(',').take(2).map(str::len).sum();
    let head = &line[..opening];
    admits_problems(head, line) && (listed || TURN_TO_PROBLEMS.is_match(head))
}

/// True when a sentence inside another part owns up to shortcomings.
pub fn opens_problems_sentence(sentence: &str) -> bool {
    // Mid-paragraph, only an explicit admission with its list counts (…但也存在一些不足：一是…),
    // not any sentence that mentions a problem being solved.
    // A list of its own (一是…, 主要…, :) or named in a run (A、B等不足).
    let listed =
        ["一是", "主要", ":"].iter().any(|w| sentence.contains(w)) || NAMED_RUN.is_match(sentence);
    let named = sentence.contains("不足") || sentence.contains("问题") || sentence.contains("短板");
    admits_problems(sentence, sentence) && named && listed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_kinds() {
        assert_eq!(heading_kind("存在的主要问题"), Some(Kind::Problems));
        assert_eq!(
            heading_kind("秀英法治建设存在的困难及下一步计划"),
            Some(Kind::Problems)
        );
        assert!(heading_combines("秀英法治建设存在的困难及下一步计划"));
        assert_eq!(
            heading_kind("上一年度推进法治政府建设存在的不足和原因"),
            Some(Kind::Problems)
        );
        assert_eq!(heading_kind("产生问题的原因:"), Some(Kind::Causes));
        assert_eq!(heading_kind("下步工作打算"), Some(Kind::Plans));
        assert_eq!(
            heading_kind("下一年度推进法治政府建设的主要安排"),
            Some(Kind::Plans)
        );
        assert_eq!(
            heading_kind("查找差距,开创法治政府建设工作新局面"),
            Some(Kind::Problems)
        );
        assert_eq!(heading_kind("加强组织领导"), None);
        assert_eq!(heading_kind("坚持问题导向开展法治督察"), None);
    }

    #[test]
    fn turns() {
        assert!(turns_to_plans(
            "推进法治建设需再接再厉,主要有七个方面的重点工作任务",
            None
        ));
        assert!(turns_to_plans("重点做好以下几个方面工作:", None));
        assert!(!turns_to_plans(
            "二是全区干部队伍法律素养仍需进一步提高",
            None
        ));
        assert!(turns_to_causes("产生问题的原因:"));
        assert!(turns_to_causes("究其原因,主要是"));
        assert!(opens_problems("但也存在一些不足:一是执法力量薄弱"));
        assert!(!opens_problems("及时解决工作中的问题。"));
        assert!(opens_problems(
            "在肯定成绩的同时,我们也清醒认识到,还存在一些短板:一是执法力量不足"
        ));
        assert!(opens_problems(
            "但也要看到,我厅法治工作还存在一些薄弱环节。"
        ));
        // Shortcomings named in a run, after a concession, in one sentence.
        assert!(opens_problems_sentence(
            "一年来,我镇法治政府建设取得了一定成效,但对照上级要求,仍存在部分干部依法办事意识不够强、基层执法力量较为薄弱等不足。"
        ));
        assert!(!opens_problems_sentence(
            "一年来,我镇法治政府建设取得了一定成效。"
        ));
    }

    #[test]
    fn years_in_headings_are_read_against_the_report_year() {
        let k = |t| heading_kind_in(t, Some(2022));
        assert_eq!(k("2022年法治政府建设工作开展情况"), None);
        assert_eq!(k("2022年工作情况"), None);
        assert_eq!(k("2023年工作计划"), Some(Kind::Plans));
        assert_eq!(k("2023年重点工作"), Some(Kind::Plans));
        assert_eq!(k("2023年工作打算"), Some(Kind::Plans));
        assert_eq!(k("上一年度工作情况"), None);
        assert_eq!(k("贯彻落实纲要(2021-2025年)情况"), None);
        assert_eq!(
            years_in("法治政府建设实施纲要(2021-2025年)"),
            Vec::<i32>::new()
        );
        assert_eq!(years_in("2022年度"), vec![2022]);
    }

    #[test]
    fn a_year_in_chinese_numerals_reads_like_one_in_figures() {
        for report in [2022, 2023, 2024] {
            assert_eq!(
                heading_kind_in("二〇二三年重点工作", Some(report)),
                heading_kind_in("2023年重点工作", Some(report)),
                "{report}"
            );
        }
        assert_eq!(heading_kind_in("二〇二二年重点工作", Some(2023)), None);
        assert_eq!(
            heading_kind_in("二〇二四年工作打算", Some(2023)),
            Some(Kind::Plans)
        );
        assert_eq!(years_in("实施纲要（2021—2025年）"), Vec::<i32>::new());
    }

    #[test]
    fn plans_open_without_a_heading() {
        assert!(opens_plans(
            "下一步,我局将重点抓好以下工作:一是深化改革",
            None
        ));
        assert!(opens_plans("2025年,我们将持续深化法治政府建设", Some(2024)));
        assert!(!opens_plans("2024年,我们持续深化法治政府建设", Some(2024)));
        assert!(!opens_plans("下一步将继续深化这项工作。", Some(2024)));
        assert_eq!(turn_position("2023年,我县将重点推进", Some(2023)), None);
        assert!(turn_position("2024年,我县将重点推进", Some(2023)).is_some());
    }
}
