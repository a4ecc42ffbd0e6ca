//! Rule-pack messages in the maintainer's language: Chinese by default, with the place,
//! the source line, the caret and the suggestion kept; English with `LAWSCORE_LANG=en`,
//! worded as before the catalogue.

mod common;
use common::*;
use std::process::{Command, Output};

/// Runs the binary with no language chosen (Chinese) or with `LAWSCORE_LANG=lang`.
fn run_lang(lang: Option<&str>, args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_lawscore"));
    c.args(args).env_remove("LAWSCORE_LANG");
    if let Some(l) = lang {
        c.env("LAWSCORE_LANG", l);
    }
    c.output().expect("run lawscore")
}

fn check(lang: Option<&str>, pack: &std::path::Path) -> Output {
    run_lang(lang, &["rules", "check", "--rules", pack.to_str().unwrap()])
}

#[test]
fn a_misspelt_key_is_a_chinese_error_at_its_place_with_a_suggestion() {
    let (_t, p) = exported_pack();
    edit(
        &p.join("system.yaml"),
        "category: system",
        "category: sytem",
    );
    let o = check(None, &p);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    let file = p.join("system.yaml").display().to_string();
    // Place, severity and message on one line; then the source line, its caret, the hint.
    // (Its profile's mention of system.emergency is a second error, reported after it.)
    let want = format!(
        "{file}:3:11: 错误：未知类别 `sytem`\n  |\n3 | category: sytem\n  |           ^\n  = 建议：是不是要写 `system`？类别在 pack.yaml 中声明\n"
    );
    assert!(err.contains(&want), "{err}");
    assert!(err.ends_with("\n规则包中有 2 个错误、0 个警告\n"), "{err}");
    // The same finding in English, word for word as lawscore wrote it before.
    let en = stderr(&check(Some("en"), &p));
    let want = format!(
        "lawscore: invalid rules\n{file}:3:11: error: unknown category `sytem`\n  |\n3 | category: sytem\n  |           ^\n  = help: did you mean `system`? categories are declared in pack.yaml\n"
    );
    assert!(en.starts_with(&want), "{en}");
    assert!(
        en.ends_with("\n2 error(s), 0 warning(s) in the rule pack\n"),
        "{en}"
    );
}

#[test]
fn serde_errors_are_framed_in_chinese_and_keep_the_field_names() {
    let (_t, p) = exported_pack();
    let lead = p.join("lead.yaml");
    edit(&lead, "    advice: 写明党政", "    advise: 写明党政");
    let err = stderr(&check(None, &p));
    let line = std::fs::read_to_string(&lead)
        .unwrap()
        .lines()
        .position(|l| l.starts_with("    advise:"))
        .unwrap()
        + 1;
    let head = format!(
        "lead.yaml:{line}:5: 错误：elements[1]：未知字段 `advise`；这里可写的字段：`id`、`name`、"
    );
    assert!(err.contains(&head), "{err}");
    assert!(err.contains("  = 建议：是不是要写 `advice`？"), "{err}");
    let en = stderr(&check(Some("en"), &p));
    assert!(
        en.contains("error: elements[1]: unknown field `advise`, expected one of `id`, `name`,"),
        "{en}"
    );
}

#[test]
fn usual_yaml_slips_get_a_chinese_hint() {
    // A tab: the parser names the scalar before it; the hint names the tab's own line.
    let (_t, p) = exported_pack();
    let lead = p.join("lead.yaml");
    edit(&lead, "    advice: 设专门标题", "\tadvice: 设专门标题");
    let tab_line = std::fs::read_to_string(&lead)
        .unwrap()
        .lines()
        .position(|l| l.starts_with('\t'))
        .unwrap()
        + 1;
    let err = stderr(&check(None, &p));
    assert!(
        err.contains(": 错误：YAML 语法错误：while scanning"),
        "{err}"
    );
    let hint = format!("  = 建议：YAML 不能用 Tab 键：把第 {tab_line} 行的 Tab 换成空格");
    assert!(err.contains(&hint), "{err}");
    // An unclosed quote, and a word where a number belongs.
    let (_t2, p2) = exported_pack();
    edit(&p2.join("lead.yaml"), "    name: ", "    name: '");
    let err = stderr(&check(None, &p2));
    assert!(err.contains("  = 建议：引号没有配对"), "{err}");
    let (_t3, p3) = exported_pack();
    edit(
        &p3.join("dispute.yaml"),
        "    weight: 1\n",
        "    weight: lots\n",
    );
    let err = stderr(&check(None, &p3));
    assert!(
        err.contains("错误：elements[3].weight：类型不对：这里写的是文字 \"lots\"，应为数字"),
        "{err}"
    );
    assert!(err.contains("  = 建议：这里要填数字"), "{err}");
}

#[test]
fn a_good_pack_checks_in_chinese_and_its_tools_speak_chinese() {
    let o = run_lang(None, &["rules", "check"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("规则包有效：lawscore-default "), "{out}");
    assert!(out.contains("10 个类别、38 个要素，0 个警告"), "{out}");
    let en = stdout(&run_lang(Some("en"), &["rules", "check"]));
    assert!(
        en.ends_with(": 38 elements in 10 categories, 0 warning(s), ok\n"),
        "{en}"
    );
    let out = stdout(&run_lang(None, &["rules", "list"]));
    assert!(
        out.contains("要素编号") && out.contains("department:不适用"),
        "{out}"
    );
    let out = stdout(&run_lang(None, &["explain", "plans.address_problems"]));
    assert!(
        out.contains("\n依据：") && out.contains("\n已知局限：\n"),
        "{out}"
    );
    let err = stderr(&run_lang(None, &["explain", "lead.shuffa"]));
    assert!(
        err.contains("没有要素 `lead.shuffa`（是不是要写 `lead.shufa`？）"),
        "{err}"
    );
}

#[test]
fn a_failing_example_is_reported_in_chinese_by_check_and_test() {
    let (_t, p) = exported_pack();
    edit(
        &p.join("lead.yaml"),
        "text: 在县委全面依法治县委员会会议上，5个乡镇党政主要负责人现场述法。",
        "text: 组织乡镇负责人开展工作汇报。",
    );
    let err = stderr(&check(None, &p));
    assert!(
        err.contains(": 错误：要素 lead.shufa 的例 1：应为 met，但规则给出 missing"),
        "{err}"
    );
    assert!(err.contains("有 1 个示例未通过"), "{err}");
    let o = run_lang(None, &["rules", "test", "--rules", p.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(out.contains("未通过 lead.shufa 例 1（"), "{out}");
    assert!(
        out.contains("\n  应为：met") && out.contains("\n  实得：missing"),
        "{out}"
    );
    assert!(out.trim_end().ends_with("个通过，1 个未通过"), "{out}");
}

#[test]
fn the_library_speaks_the_language_it_is_set_to() {
    // In-process: the diagnostics are made in the language set when the pack is read.
    let (_t, p) = exported_pack();
    edit(
        &p.join("oversight.yaml"),
        "    weight: 2\n",
        "    weight: 0\n",
    );
    lawscore::msg::set_lang(lawscore::msg::Lang::Zh);
    let zh = lawscore::rules::RulePack::from_dir(&p)
        .unwrap_err()
        .to_string();
    assert!(zh.contains("分值必须是大于 0 的有限数，现在是 0"), "{zh}");
    lawscore::msg::set_lang(lawscore::msg::Lang::En);
    let en = lawscore::rules::RulePack::from_dir(&p)
        .unwrap_err()
        .to_string();
    lawscore::msg::set_lang(lawscore::msg::Lang::Zh);
    assert!(
        en.contains("weight must be positive and finite (a number above 0), got 0"),
        "{en}"
    );
}
