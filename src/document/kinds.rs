//! Which part of a report a heading or sentence opens: the words reporters use.

use super::patterns::years_in;
use super::Kind;
use crate::builtin_regex;

builtin_regex!(
    static PROBLEMS = r"存在的?(主要|突出)?(问题|不足|困难|差距|短板)|问题(和|与|及|、)(不足|差距|短板|困难|原因)|不足(和|与|及|之处)|差距(和|与|及)?不足|查找差距|短板|薄弱环节|面临的?(困难|问题|挑战)|主要问题|^(工作中的)?(问题|不足|困难)$";
);
builtin_regex!(
    static CAUSES = r"原因|根源";
);
builtin_regex!(
    static PLANS = r"下一步|下一年度?|下步|下阶段|下一阶段|工作打算|工作安排|工作思路|工作计划|今后|主要安排|重点做好|努力方向|工作设想|工作要点|明年";
);

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
    heading_kind_noted(title, year, &mut YearDeps::default())
}

/// [`heading_kind_in`], noting in `deps`, when `year` is unknown, what the answer assumed
/// of the year reported on.
pub fn heading_kind_noted(title: &str, year: Option<i32>, deps: &mut YearDeps) -> Option<Kind> {
    if PROBLEMS.is_match(title) {
        return Some(Kind::Problems);
    }
    if CAUSES.is_match(title) {
        return Some(Kind::Causes);
    }
    let plans = PLANS.is_match(title);
    if let Some(&named) = years_in(title).first() {
        match year {
            Some(report) if named > report => return Some(Kind::Plans),
            Some(report) if named < report => return None,
            Some(_) => {}
            // Read by the year, a later year gives plans, an earlier one nothing.
            None => deps.note(named, Keep::when(plans, true, !plans)),
        }
    }
    plans.then_some(Kind::Plans)
}

/// Where the report year stands against a year a text names, by what an answer read
/// without the report year holds: report year before, equal to, after the named one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keep {
    before: bool,
    equal: bool,
    after: bool,
}

impl Keep {
    /// An answer that holds when the report year is before, equal to or after the named.
    fn when(before: bool, equal: bool, after: bool) -> Keep {
        Keep {
            before,
            equal,
            after,
        }
    }
}

/// What the answers given while the year reported on was unknown assumed of it: each a
/// year a text named and where the report year must stand against it for the answer to be
/// the one the year would give. The structure is read once without the year (the metadata
/// that gives it is read from that structure); read again with the year only when some
/// answer would change, so a report whose named years are all read alike is read once.
#[derive(Debug, Clone, Default)]
pub struct YearDeps {
    noted: Vec<(i32, Keep)>,
}

impl YearDeps {
    fn note(&mut self, named: i32, keep: Keep) {
        if keep != Keep::when(true, true, true) {
            self.noted.push((named, keep));
        }
    }

    /// True when every answer noted is the one a reading in `report` gives.
    pub fn hold(&self, report: i32) -> bool {
        self.noted
            .iter()
            .all(|&(named, k)| match report.cmp(&named) {
                std::cmp::Ordering::Less => k.before,
                std::cmp::Ordering::Equal => k.equal,
                std::cmp::Ordering::Greater => k.after,
            })
    }
}

builtin_regex!(
    static MEASURES_PART = r"工作(开展|推进|落实|完成)?情况|主要(工作|做法|举措|成效|成绩)|举措(和|及|与)?成效|工作成效|取得的?(成效|成绩)|工作进展|进展情况|完成情况|履职情况|第一责任人|主要负责(人|同志)|主要领导|一把手|述法情况|基本情况|工作回顾";
);

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

builtin_regex!(
    static TURN_TO_PLANS = r"(以下|如下|下列)?(几个|[一二三四五六七八九十\d]+个)方面(的)?(重点)?工作|重点(做好|抓好|推进|开展)以下|(做好|抓好)以下|下一?步(工作)?(中)?[,，:：]?(我|将|要|拟|计划|打算|重点)|今后(的)?工作中?[,，]?(我|将|要|着重)|下步工作|工作打算|工作安排如下|(\d{4}年|明年|新的一年)[,，]?(我[区县市局委乡镇]|全[区县市])?(将|要)(重点|继续|着力|坚持)|针对(以上|上述|这些)问题";
);

/// True when a sentence inside a problems part turns to next year's plans.
pub fn turns_to_plans(sentence: &str, year: Option<i32>) -> bool {
    turn_position(sentence, year).is_some()
}

/// [`turns_to_plans`], noting what it assumed of an unknown year (see [`YearDeps`]).
pub fn turns_to_plans_noted(sentence: &str, year: Option<i32>, deps: &mut YearDeps) -> bool {
    turn_position_noted(sentence, year, deps).is_some()
}

builtin_regex!(
    static PLANS_OPENER = r"^\s*[(（]?[一二三四五六七八九十\d]*[)）、.]?\s*(下一步|下一阶段|下步|下阶段|今后|明年|新的一年|\d{4}年(度)?)[^。;:]{0,24}?(将|要|拟|计划|打算|着力|重点)";
);
builtin_regex!(
    static LIST_AHEAD = r"以下|如下|下列|几个方面|[一二三四五六七八九十\d]+个方面|一是|:\s*$";
);

/// True when a text introduces a list: 以下几个方面 / 如下 / 一是… / a closing colon.
pub fn introduces_list(text: &str) -> bool {
    LIST_AHEAD.is_match(text) || text.contains(":一") || text.contains(":(一)")
}

/// True when a sentence outside the problems part opens next year's plans with no heading:
/// 下一步，我局将重点抓好以下工作：一是… or 2025年，我们将… (a later year than the one
/// reported on). A lone 下一步将继续… closing a measures paragraph opens nothing: it needs
/// a list after it or a later year.
pub fn opens_plans(sentence: &str, year: Option<i32>) -> bool {
    opens_plans_noted(sentence, year, &mut YearDeps::default())
}

/// [`opens_plans`], noting what it assumed of an unknown year (see [`YearDeps`]).
pub fn opens_plans_noted(sentence: &str, year: Option<i32>, deps: &mut YearDeps) -> bool {
    let Some(m) = PLANS_OPENER.find(sentence) else {
        return false;
    };
    let named = years_in(m.as_str());
    match (year, named.first()) {
        (Some(report), Some(&y)) => return y > report,
        // Read by the year, a later year opens plans.
        (None, Some(&y)) => deps.note(y, Keep::when(false, true, true)),
        _ => {}
    }
    named.is_empty() && LIST_AHEAD.is_match(sentence)
}

builtin_regex!(
    static TURN_TO_CAUSES = r"^\s*[(（]?[一二三四五六七八九十\d]*[)）、.]?\s*(产生|出现|存在)?(这些|以上|上述)?(问题|不足)?(产生|存在)?的(主要)?(原因|根源)|^\s*(究其原因|分析原因|原因(主要)?(是|有|在于|分析))";
);

/// Where in a sentence the text turns to plans, if it does. A turn that names a year is
/// one only when that year follows the year reported on.
pub fn turn_position(sentence: &str, year: Option<i32>) -> Option<usize> {
    turn_position_noted(sentence, year, &mut YearDeps::default())
}

/// [`turn_position`], noting what it assumed of an unknown year (see [`YearDeps`]).
pub fn turn_position_noted(
    sentence: &str,
    year: Option<i32>,
    deps: &mut YearDeps,
) -> Option<usize> {
    let m =
        TURN_TO_PLANS
            .find_iter(sentence)
            .find(|m| match (year, years_in(m.as_str()).first()) {
                (Some(report), Some(&y)) => y > report,
                _ => true,
            })?;
    if year.is_none() {
        // Read by the year, a turn naming a year no later than it is passed over.
        if let Some(&y) = years_in(m.as_str()).first() {
            deps.note(y, Keep::when(true, false, false));
        }
    }
    Some(m.start())
}

/// True when a sentence starts the analysis of causes.
pub fn turns_to_causes(sentence: &str) -> bool {
    TURN_TO_CAUSES.is_match(sentence)
}

builtin_regex!(
    static PROBLEMS_INTRO = r"(仍然|仍|也|还|依然)(存在|有)(着)?(一些|不少|以下|一定的?|诸多|若干)?[^。;]{0,10}?(问题|不足|差距|短板|薄弱环节|困难)";
);
builtin_regex!(
    /// The turns drafters use to move from achievements to shortcomings.
    static TURN_TO_PROBLEMS = r"(在|看到)?肯定成绩的同时|成绩的同时|但(也|还)?(要|应|应当|必须)?(清醒|客观)?(地)?(看到|认识到)|同时也(要|应)?(清醒)?(地)?(看到|认识到)|(清醒|深刻)(地)?(认识|意识|看)到|不足之处|差距和不足|问题和不足|(成绩|成效|进展)[^。;]{0,4}[,，]\s*(但|但是)";
);
builtin_regex!(
    static PROBLEM_WORD = r"问题|不足|差距|短板|薄弱|困难|短处|有待|不够|不强|滞后";
);

/// The words a run of named shortcomings ends with, after 等.
const RUN_ENDINGS: [&str; 5] = ["问题", "不足", "短板", "差距", "困难"];
/// The most chars between the 、 of a run and its 等.
const RUN_REACH: usize = 40;

/// True when a text names shortcomings in a run: 干部依法办事意识不够强、基层执法力量较为
/// 薄弱等不足 — a 、 and then, within [`RUN_REACH`] chars of the same clause (no 。 or ;),
/// 等 and a shortcoming word. Found from the 等 backwards: as a regex
/// (`、[^。;]{1,40}等(问题|…)`) the window grows the lazy DFA's states until its cache
/// thrashes.
fn names_a_run(text: &str) -> bool {
    text.match_indices('等').any(|(at, _)| {
        let rest = &text[at + '等'.len_utf8()..];
        RUN_ENDINGS.iter().any(|w| rest.starts_with(w)) && run_before(&text[..at])
    })
}

/// True when `before` (the text up to a 等) holds a 、 with 1 to [`RUN_REACH`] chars after
/// it and no 。 or ; among them.
fn run_before(before: &str) -> bool {
    for (between, c) in before.chars().rev().take(RUN_REACH + 1).enumerate() {
        match c {
            '。' | ';' => return false,
            '、' if between > 0 => return true,
            _ => {}
        }
    }
    false
}

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
    // Asked only of a line that admits problems: most lines are not searched for the words.
    let listed = || {
        ["一是", "主要", ":", "表现"]
            .iter()
            .any(|w| line.contains(w))
    };
    // A paragraph is devoted to shortcomings when it opens with the admission, after at
    // most one concession clause (虽取得一定成效，但也存在…).
    let opening: usize = line.split_inclusive(',').take(2).map(str::len).sum();
    let head = &line[..opening];
    admits_problems(head, line) && (listed() || TURN_TO_PROBLEMS.is_match(head))
}

/// True when a sentence inside another part owns up to shortcomings.
pub fn opens_problems_sentence(sentence: &str) -> bool {
    // Mid-paragraph, only an explicit admission with its list counts (…但也存在一些不足：一是…),
    // not any sentence that mentions a problem being solved.
    // A list of its own (一是…, 主要…, :) or named in a run (A、B等不足).
    // The word tests first: they rule out most sentences at the cost of a substring search.
    let named = sentence.contains("不足") || sentence.contains("问题") || sentence.contains("短板");
    named
        && (["一是", "主要", ":"].iter().any(|w| sentence.contains(w)) || names_a_run(sentence))
        && admits_problems(sentence, sentence)
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
    fn a_run_of_named_shortcomings() {
        let regex = regex::Regex::new(r"、[^。;]{1,40}等(问题|不足|短板|差距|困难)").unwrap();
        let forty = "法".repeat(40);
        let cases = [
            "意识不够强、执法力量较为薄弱等不足。".to_string(),
            "意识不够强、等不足".to_string(),
            "意识不够强、、等不足".to_string(),
            "意识不够强、力量薄弱。等不足".to_string(),
            "意识不够强、力量薄弱;等问题".to_string(),
            "意识不够强、力量薄弱等工作".to_string(),
            "意识不够强,力量薄弱等困难".to_string(),
            format!("甲、{forty}等差距"),
            format!("甲、{forty}乙等差距"),
            format!("甲、{forty}乙、丙等短板"),
            "等问题、力量薄弱等短板".to_string(),
            "、".to_string(),
            "等".to_string(),
        ];
        for c in &cases {
            assert_eq!(names_a_run(c), regex.is_match(c), "{c}");
        }
        assert!(names_a_run(&cases[0]));
        assert!(!names_a_run(&cases[1]));
    }

    proptest::proptest! {
        #[test]
        fn a_run_is_found_as_the_regex_finds_it(
            chars in proptest::collection::vec(proptest::sample::select(
                vec!['、', '等', '问', '题', '不', '足', '。', ';', '甲', ','],
            ), 0..70)
        ) {
            let text: String = chars.into_iter().collect();
            let regex = regex::Regex::new(r"、[^。;]{1,40}等(问题|不足|短板|差距|困难)").unwrap();
            proptest::prop_assert_eq!(names_a_run(&text), regex.is_match(&text), "{}", text);
        }
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
