//! Which part of a report a heading or sentence opens: the words reporters use.

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
        r"下一步|下一年度?|下步|下阶段|下一阶段|工作打算|工作安排|工作思路|工作计划|今后|主要安排|重点做好|努力方向|工作设想|^\d{4}年(度)?(工作|重点)|明年",
    )
});

/// The kind a heading title announces, if it announces one. Problems win over plans and
/// causes in a combined heading (存在的困难及下一步计划): the text starts with the problems
/// and turns later.
pub fn heading_kind(title: &str) -> Option<Kind> {
    if PROBLEMS.is_match(title) {
        Some(Kind::Problems)
    } else if CAUSES.is_match(title) {
        Some(Kind::Causes)
    } else if PLANS.is_match(title) {
        Some(Kind::Plans)
    } else {
        None
    }
}

/// True when a heading title combines problems with plans or causes.
pub fn heading_combines(title: &str) -> bool {
    PROBLEMS.is_match(title) && (PLANS.is_match(title) || CAUSES.is_match(title))
}

static TURN_TO_PLANS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(以下|如下|下列)?(几个|[一二三四五六七八九十\d]+个)方面(的)?(重点)?工作|重点(做好|抓好|推进|开展)以下|(做好|抓好)以下|下一步(工作)?(中)?[,，:：]?(我|将|要|拟|计划|打算|重点)|今后(的)?工作中?[,，]?(我|将|要|着重)|下步工作|工作打算|工作安排如下|(\d{4}年|明年|新的一年)[,，]?(我[区县市局委乡镇]|全[区县市])?(将|要)(重点|继续|着力|坚持)|针对(以上|上述|这些)问题",
    )
});

/// True when a sentence inside a problems part turns to next year's plans.
pub fn turns_to_plans(sentence: &str) -> bool {
    TURN_TO_PLANS.is_match(sentence)
}

static TURN_TO_CAUSES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*[(（]?[一二三四五六七八九十\d]*[)）、.]?\s*(产生|出现|存在)?(这些|以上|上述)?(问题|不足)?(产生|存在)?的(主要)?(原因|根源)|^\s*(究其原因|分析原因|原因(主要)?(是|有|在于|分析))",
    )
});

/// Where in a sentence the text turns to plans, if it does.
pub fn turn_position(sentence: &str) -> Option<usize> {
    TURN_TO_PLANS.find(sentence).map(|m| m.start())
}

/// True when a sentence starts the analysis of causes.
pub fn turns_to_causes(sentence: &str) -> bool {
    TURN_TO_CAUSES.is_match(sentence)
}

static PROBLEMS_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^.{0,40}?(但|但是|同时|然而|不过)?[,，]?.{0,30}?(仍然|仍|也|还|依然)(存在|有)(着)?(一些|不少|以下|一定的?)?.{0,10}(问题|不足|差距|短板|薄弱环节|困难)",
    )
});

/// True when a line with no heading opens a shortcomings paragraph inside another part.
pub fn opens_problems(line: &str) -> bool {
    PROBLEMS_INTRO.is_match(line)
        && (line.contains("一是")
            || line.contains("主要")
            || line.contains(':')
            || line.contains("表现"))
}

/// True when a sentence inside another part owns up to shortcomings.
pub fn opens_problems_sentence(sentence: &str) -> bool {
    // Mid-paragraph, only an explicit admission with its list counts (…但也存在一些不足：一是…),
    // not any sentence that mentions a problem being solved.
    PROBLEMS_INTRO.is_match(sentence)
        && (sentence.contains("不足") || sentence.contains("问题"))
        && (sentence.contains("一是") || sentence.contains("主要") || sentence.contains(':'))
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
            "推进法治建设需再接再厉,主要有七个方面的重点工作任务"
        ));
        assert!(turns_to_plans("重点做好以下几个方面工作:"));
        assert!(!turns_to_plans("二是全区干部队伍法律素养仍需进一步提高"));
        assert!(turns_to_causes("产生问题的原因:"));
        assert!(turns_to_causes("究其原因,主要是"));
        assert!(opens_problems("但也存在一些不足:一是执法力量薄弱"));
        assert!(!opens_problems("及时解决工作中的问题。"));
    }
}
