//! Wording drafters actually use: negation and intention read per clause, law names that
//! are only studied, zero outcomes, and the pack's shared vocabularies.

use lawscore::engine::Engine;
use lawscore::rules::RulePack;
use std::sync::LazyLock;

static ENGINE: LazyLock<Engine> =
    LazyLock::new(|| Engine::new(RulePack::builtin().unwrap(), None).unwrap());

/// The status of `id` for a report whose measures part holds `measures`.
fn status(measures: &str, id: &str) -> String {
    let text = format!(
        "某县人民政府关于2023年度法治政府建设情况的报告\n2023年，我县深入推进法治政府建设。\n一、主要举措和成效\n{measures}\n二、存在的问题\n一是执法力量薄弱。\n三、2024年工作安排\n一是充实执法力量。\n"
    );
    let card = ENGINE.score_bytes("t.txt", text.as_bytes()).unwrap().card;
    let e = card.elements.iter().find(|e| e.id == id).unwrap();
    e.status.as_str().to_string()
}

#[test]
fn a_negating_word_anywhere_in_the_clause_makes_it_no_achievement() {
    assert_eq!(
        status("规范性文件清理工作尚未全面开展。", "norm.cleanup"),
        "missing"
    );
    assert_eq!(
        status("行政裁量权基准制度还不够健全。", "enforce.discretion"),
        "missing"
    );
    assert_eq!(
        status("重大行政决策目录化管理有待推进。", "decision.catalog"),
        "missing"
    );
    assert_eq!(status("本年度未开展述法工作。", "lead.shufa"), "missing");
    // A later clause that opens with a status word carries the negation on.
    assert_eq!(
        status(
            "行政处罚裁量基准修订工作已经启动，目前正在征求意见，尚未印发实施。",
            "enforce.discretion"
        ),
        "missing"
    );
    // The same work, done, counts.
    assert_eq!(
        status(
            "修订行政处罚裁量基准，覆盖12个执法领域。",
            "enforce.discretion"
        ),
        "met"
    );
}

#[test]
fn outcomes_of_none_and_corrected_faults_stay_achievements() {
    assert_eq!(
        status("全年未发生行政复议案件。", "dispute.reconsideration"),
        "met"
    );
    // 不规范 as the object of a corrective verb is no negation.
    assert_eq!(
        status(
            "开展行政执法案卷评查，纠正不规范执法行为12起。",
            "enforce.supervision"
        ),
        "met"
    );
}

#[test]
fn a_law_only_studied_is_no_evidence_but_one_made_or_applied_is() {
    assert_eq!(
        status(
            "组织执法人员学习新修订的《中华人民共和国行政处罚法》和《重大行政决策程序暂行条例》。",
            "decision.procedures"
        ),
        "missing"
    );
    assert_eq!(
        status(
            "严格执行《某县行政处罚裁量基准》，对轻微违法行为不予处罚31件。",
            "enforce.discretion"
        ),
        "met"
    );
    assert_eq!(
        status(
            "编制并向社会公布《某县2023年度重大行政决策事项目录》。",
            "decision.catalog"
        ),
        "met"
    );
    // Studying a law is what leaders' study is made of.
    assert_eq!(
        status(
            "县政府常务会议会前学法12次，专题学习《中华人民共和国民法典》。",
            "lead.study"
        ),
        "met"
    );
}

#[test]
fn vocabularies_carry_the_synonyms_drafters_use() {
    assert_eq!(
        status("全年副局长出庭应诉5次。", "dispute.court_appearance"),
        "met"
    );
    assert_eq!(
        status(
            "9件规范性文件均在印发后30日内报送市政府和县人大常委会备案。",
            "norm.filing"
        ),
        "met"
    );
    assert_eq!(
        status(
            "对现行有效的规范性文件逐件梳理，宣布失效5件、废止2件。",
            "norm.cleanup"
        ),
        "met"
    );
    assert_eq!(
        status("修订完善行政处罚自由裁量细化标准。", "enforce.discretion"),
        "met"
    );
    // 协调解决 holds 调解 across two words.
    assert_eq!(
        status("协调解决执法装备问题11个。", "dispute.mediation"),
        "missing"
    );
}

/// The figure `id` read from a report whose measures part holds `measures`.
fn figure(measures: &str, id: &str) -> Option<f64> {
    let text = format!(
        "某县人民政府关于2023年度法治政府建设情况的报告\n2023年，我县深入推进法治政府建设。\n一、主要举措和成效\n{measures}\n"
    );
    let card = ENGINE.score_bytes("t.txt", text.as_bytes()).unwrap().card;
    card.indicators.iter().find(|i| i.id == id).map(|i| i.value)
}

#[test]
fn figures_as_drafters_write_them() {
    // A full-width list dot is a number of its own: six documents, not 4.6.
    assert_eq!(
        figure(
            "4．6件规范性文件均在规定时限内报送市政府备案，报备率100%。",
            "normative_filed"
        ),
        Some(6.0)
    );
    assert_eq!(
        figure("全年办理行政复议案件120余件。", "reconsideration_cases"),
        Some(120.0)
    );
    assert_eq!(
        figure(
            "行政机关负责人出庭应诉率达到百分之百。",
            "court_appearance_rate"
        ),
        Some(100.0)
    );
    assert_eq!(
        figure(
            "全年未发生税务行政复议案件，未发生税务行政诉讼案件。",
            "litigation_cases"
        ),
        Some(0.0)
    );
    assert_eq!(
        figure("行政诉讼案件一审审结358件。", "litigation_cases"),
        Some(358.0)
    );
}

#[test]
fn a_sentence_of_intention_in_the_measures_is_no_achievement() {
    assert_eq!(
        status(
            "要进一步规范规范性文件备案审查工作，做到有件必备。",
            "norm.filing"
        ),
        "missing"
    );
    assert_eq!(
        status(
            "将持续深化政务公开，及时回应群众关切。",
            "oversight.openness"
        ),
        "missing"
    );
    assert_eq!(
        status("计划修订区突发事件总体应急预案。", "system.emergency"),
        "missing"
    );
    assert_eq!(
        status("一是要进一步发挥行政复议作用。", "dispute.reconsideration"),
        "missing"
    );
    // 要求 reports a requirement laid down; 将…纳入 reports work done.
    assert_eq!(
        status(
            "要求各单位全面落实规范性文件统一登记、统一编号、统一公布的“三统一”制度。",
            "norm.unified"
        ),
        "met"
    );
    assert_eq!(
        status(
            "将法治政府建设纳入年度绩效考核，占比5%。",
            "lead.assessment"
        ),
        "met"
    );
}
