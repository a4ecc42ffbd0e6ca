//! `lawscore rules …`, `explain` and `outline`: validation messages, examples, export, edits, and how a report is read.

mod common;
use common::*;

fn check_fails_with(pack: &std::path::Path, needles: &[&str]) {
    let o = run(&["rules", "check", "--rules", pack.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(code(&o), 2, "rules check should fail:\n{err}");
    for n in needles {
        assert!(err.contains(n), "expected {n:?} in:\n{err}");
    }
}

#[test]
fn builtin_pack_checks_clean() {
    let o = run(&["rules", "check"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("38 elements in 10 categories"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("0 warning(s)"), "{}", stdout(&o));
}

#[test]
fn builtin_examples_pass_with_two_per_element() {
    let o = run(&["rules", "test"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let last = stdout(&o).lines().last().unwrap().to_string();
    let passed: usize = last.split(' ').next().unwrap().parse().unwrap();
    assert!(passed >= 76, "{last}");
    assert!(last.ends_with("0 failed"), "{last}");
}

#[test]
fn unknown_key_names_file_line_and_suggests() {
    let (_t, p) = exported_pack();
    edit(
        &p.join("lead.yaml"),
        "    advice: 写明党政主要负责人",
        "    advise: 写明党政主要负责人",
    );
    check_fails_with(
        &p,
        &[
            "lead.yaml:",
            "unknown field `advise`",
            "did you mean `advice`?",
        ],
    );
}

#[test]
fn invalid_regex_shows_the_regex_error_and_line() {
    let (_t, p) = exported_pack();
    edit(
        &p.join("norm.yaml"),
        "'三统一|统一登记|统一编号|统一公布'",
        "'三统一|(统一登记'",
    );
    check_fails_with(
        &p,
        &[
            "norm.yaml:",
            "invalid regular expression",
            "unclosed group",
            "norm.unified",
        ],
    );
}

#[test]
fn yaml_syntax_and_wrong_type_are_positioned() {
    let (_t, p) = exported_pack();
    edit(
        &p.join("dispute.yaml"),
        "    weight: 1\n",
        "    weight: [1\n",
    );
    check_fails_with(&p, &["dispute.yaml:"]);
    let (_t2, p2) = exported_pack();
    edit(
        &p2.join("dispute.yaml"),
        "    weight: 1\n",
        "    weight: lots\n",
    );
    check_fails_with(&p2, &["dispute.yaml:", "weight", "invalid type"]);
}

#[test]
fn double_quoted_regex_gets_a_hint() {
    let (_t, p) = exported_pack();
    edit(
        &p.join("enforce.yaml"),
        "met: '@discretion'",
        "met: \"裁量\\d基准\"",
    );
    check_fails_with(&p, &["enforce.yaml:", "single quotes"]);
}

#[test]
fn duplicate_ids_unknown_category_and_bad_weight() {
    let (_t, p) = exported_pack();
    edit(
        &p.join("dispute.yaml"),
        "id: dispute.pufa",
        "id: dispute.mediation",
    );
    check_fails_with(
        &p,
        &["duplicate element id `dispute.mediation`", "dispute.yaml:"],
    );
    let (_t2, p2) = exported_pack();
    edit(
        &p2.join("system.yaml"),
        "category: system",
        "category: sytem",
    );
    check_fails_with(
        &p2,
        &[
            "unknown category `sytem`",
            "did you mean `system`?",
            "system.yaml:3",
        ],
    );
    let (_t3, p3) = exported_pack();
    edit(
        &p3.join("oversight.yaml"),
        "    weight: 2\n",
        "    weight: 0\n",
    );
    check_fails_with(&p3, &["weight must be positive", "oversight.yaml:"]);
}

#[test]
fn profile_naming_a_missing_element_is_an_error() {
    let (_t, p) = exported_pack();
    edit(
        &p.join("pack.yaml"),
        "not_applicable: [decision.catalog,",
        "not_applicable: [decision.catalogue,",
    );
    check_fails_with(
        &p,
        &[
            "pack.yaml:",
            "profile `department` names element `decision.catalogue`",
            "did you mean `decision.catalog`?",
        ],
    );
}

#[test]
fn failing_example_fails_check_and_test_shows_it() {
    let (_t, p) = exported_pack();
    edit(
        &p.join("lead.yaml"),
        "text: 在县委全面依法治县委员会会议上，5个乡镇党政主要负责人现场述法。",
        "text: 组织乡镇负责人开展工作汇报。",
    );
    check_fails_with(&p, &["lead.shufa", "expects met"]);
    let o = run(&["rules", "test", "--rules", p.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(out.contains("FAIL lead.shufa example 1"), "{out}");
    assert!(
        out.contains("expected: met") && out.contains("got:      missing"),
        "{out}"
    );
}

#[test]
fn an_example_whose_evidence_quotes_other_words_fails() {
    // The status is still met; only the quoted words differ. 党政主要负责人 stands in the
    // evidence line but is not what the rule matched, so it does not count as quoted.
    let (_t, p) = exported_pack();
    edit(
        &p.join("lead.yaml"),
        "现场述法。\n        matched: [述法]",
        "现场述法。\n        matched: [述法, 党政主要负责人]",
    );
    check_fails_with(
        &p,
        &[
            "lead.yaml: error: element lead.shufa example 1 expects the evidence to quote “党政主要负责人” but it quotes “述法”",
        ],
    );
    let o = run(&[
        "rules",
        "test",
        "--rules",
        p.to_str().unwrap(),
        "lead.shufa",
    ]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    let out = stdout(&o);
    assert!(out.contains("FAIL lead.shufa example 1"), "{out}");
    assert!(
        out.contains("expected: met, quoting 述法、党政主要负责人")
            && out.contains("got:      met, quoting 述法"),
        "{out}"
    );
    assert!(
        out.ends_with("failed\n") && out.contains(", 1 failed"),
        "{out}"
    );
}

#[test]
fn warnings_for_weights_examples_and_word_boundaries() {
    let (_t, p) = exported_pack();
    edit(
        &p.join("oversight.yaml"),
        "    weight: 2\n",
        "    weight: 3\n",
    );
    edit(
        &p.join("dispute.yaml"),
        "met: '普法|法治宣传|法制宣传|以案释法'",
        // Around a word no example uses: `\\b` around 普法 breaks the example that
        // quotes it (see below).
        "met: '普法|法治宣传|\\b法制宣传\\b|以案释法'",
    );
    let o = run(&["rules", "check", "--rules", p.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(code(&o), 0, "warnings alone do not fail: {err}");
    assert!(
        err.contains("category `oversight` declares weight 6 but its elements add up to 7"),
        "{err}"
    );
    assert!(err.contains("\\b"), "{err}");

    // The same mistake on a word an example quotes: the status holds (法治宣传 still
    // matches) but the evidence no longer quotes 普法, and the example says so.
    edit(
        &p.join("dispute.yaml"),
        "met: '普法|法治宣传|\\b法制宣传\\b|以案释法'",
        "met: '\\b普法\\b|法治宣传|法制宣传|以案释法'",
    );
    check_fails_with(
        &p,
        &["element dispute.pufa example 1 expects the evidence to quote “普法” but it quotes “法治宣传”"],
    );
}

#[test]
fn list_and_explain() {
    let o = run(&["rules", "list"]);
    let out = stdout(&o);
    assert!(
        out.contains("lead.shufa") && out.contains("述法") && out.contains("department:n/a"),
        "{out}"
    );
    let o = run(&["explain", "enforce.legal_review"]);
    let out = stdout(&o);
    assert_eq!(code(&o), 0);
    assert!(
        out.contains("国办发〔2018〕118号") && out.contains("法制审核") && out.contains("三项制度"),
        "{out}"
    );
    let o = run(&["explain", "lead.shuffa"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("did you mean `lead.shufa`?"));
}

#[test]
fn export_refuses_to_overwrite_without_force() {
    let (_t, p) = exported_pack();
    let o = run(&["rules", "export", p.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--force"));
    let o = run(&["rules", "export", "--force", p.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn edited_pack_changes_statuses_and_score() {
    let (t, p) = exported_pack();
    let report = write_report(t.path(), "r.txt", SHORT_REPORT);
    let before = json(&run(&[
        "score",
        "--format",
        "json",
        "--rules",
        p.to_str().unwrap(),
        report.to_str().unwrap(),
    ]));
    assert_eq!(status(&before, "enforce.discretion"), "missing");
    // A maintainer decides 执法规范 wording also counts for discretion benchmarks.
    edit(
        &p.join("enforce.yaml"),
        "met: '@discretion'",
        "met: '@discretion|规范性文件清理'",
    );
    edit(
        &p.join("pack.yaml"),
        "version: 2026.12.1",
        "version: 2026.12.1-local",
    );
    let after = json(&run(&[
        "score",
        "--format",
        "json",
        "--rules",
        p.to_str().unwrap(),
        report.to_str().unwrap(),
    ]));
    assert_eq!(status(&after, "enforce.discretion"), "met");
    assert!(after["reports"][0]["score"].as_f64() > before["reports"][0]["score"].as_f64());
    let (v0, v1) = (
        &before["reports"][0]["ruleset"],
        &after["reports"][0]["ruleset"],
    );
    assert_eq!(v1["version"], "2026.12.1-local");
    assert_ne!(v0["digest"], v1["digest"], "the digest follows the content");
}

#[test]
fn profiles_by_flag_and_by_level() {
    let dir = tempfile::tempdir().unwrap();
    let gov = write_report(dir.path(), "gov.txt", SHORT_REPORT);
    let dept_text = SHORT_REPORT.replace("某某县人民政府", "某某县生态环境局");
    let dept = write_report(dir.path(), "dept.txt", &dept_text);
    let g = json(&run(&["score", "--format", "json", gov.to_str().unwrap()]));
    assert_eq!(g["reports"][0]["profile"], "government");
    assert_eq!(status(&g, "decision.catalog"), "missing");
    let d = json(&run(&["score", "--format", "json", dept.to_str().unwrap()]));
    assert_eq!(d["reports"][0]["meta"]["level"], "department");
    assert_eq!(d["reports"][0]["profile"], "department");
    assert_eq!(status(&d, "decision.catalog"), "not_applicable");
    let forced = json(&run(&[
        "score",
        "--format",
        "json",
        "--profile",
        "department",
        gov.to_str().unwrap(),
    ]));
    assert_eq!(forced["reports"][0]["profile"], "department");
    assert!(forced["reports"][0]["possible"].as_f64() < g["reports"][0]["possible"].as_f64());
    let o = run(&["score", "--profile", "provincial", gov.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("unknown profile `provincial`"));
}

#[test]
fn profile_deadline_tightens_timeliness() {
    let (t, p) = exported_pack();
    edit(
        &p.join("pack.yaml"),
        "    levels: [province, city, county, township, unknown]\n",
        "    levels: [province, city, county, township, unknown]\n    deadline: '02-01'\n",
    );
    let report = write_report(t.path(), "r.txt", SHORT_REPORT);
    let strict = json(&run(&[
        "score",
        "--format",
        "json",
        "--rules",
        p.to_str().unwrap(),
        report.to_str().unwrap(),
    ]));
    assert_eq!(
        status(&strict, "form.timeliness"),
        "missing",
        "signed 2024-02-20, after a 1 February deadline"
    );
    let normal = json(&run(&[
        "score",
        "--format",
        "json",
        report.to_str().unwrap(),
    ]));
    assert_eq!(status(&normal, "form.timeliness"), "met");
}

#[test]
fn pack_level_mistakes_are_errors_in_pack_yaml() {
    let (_t, p) = exported_pack();
    edit(
        &p.join("pack.yaml"),
        "  - {name: 优秀, min: 90, colour: green}\n  - {name: 良好, min: 75, colour: blue}",
        "  - {name: 良好, min: 75, colour: blue}\n  - {name: 优秀, min: 90, colour: green}",
    );
    check_fails_with(
        &p,
        &["pack.yaml:", "grades must be listed from the highest"],
    );
    let (_t2, p2) = exported_pack();
    edit(
        &p2.join("pack.yaml"),
        "levels: [department]",
        "levels: [departement]",
    );
    check_fails_with(
        &p2,
        &[
            "pack.yaml:",
            "unknown level `departement`",
            "did you mean `department`?",
        ],
    );
    let (_t3, p3) = exported_pack();
    edit(
        &p3.join("pack.yaml"),
        "    scope: [plans]\n",
        "    scope: [plan]\n",
    );
    let o = run(&["rules", "check", "--rules", p3.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(code(&o), 2);
    assert!(
        err.contains("unknown section kind `plan`") && err.contains("did you mean `plans`?"),
        "{err}"
    );
    assert!(
        !err.contains("unknown category"),
        "one mistake, one error, no cascade:\n{err}"
    );
}

#[test]
fn a_condition_with_two_main_keys_is_refused() {
    let (_t, p) = exported_pack();
    edit(
        &p.join("oversight.yaml"),
        "    met: '审计'",
        "    met: {any: ['审计'], all: ['监督']}",
    );
    check_fails_with(&p, &["oversight.yaml:", "one main key", "`any` and `all`"]);
}

#[test]
fn category_weight_warning_points_at_pack_yaml() {
    let (_t, p) = exported_pack();
    edit(
        &p.join("oversight.yaml"),
        "    weight: 2\n",
        "    weight: 3\n",
    );
    let o = run(&["rules", "check", "--rules", p.to_str().unwrap()]);
    let err = stderr(&o);
    let line = err
        .lines()
        .find(|l| l.contains("category `oversight` declares"))
        .unwrap();
    assert!(line.contains("pack.yaml:"), "{line}");
}

#[test]
fn unknown_vocabulary_names_its_line_and_suggests() {
    let (_t, p) = exported_pack();
    edit(
        &p.join("dispute.yaml"),
        "    met: '@court'",
        "    met: '@cour'",
    );
    let line = std::fs::read_to_string(p.join("dispute.yaml"))
        .unwrap()
        .lines()
        .position(|l| l.contains("@cour'"))
        .unwrap()
        + 1;
    check_fails_with(
        &p,
        &[
            &format!("dispute.yaml:{line}:"),
            "unknown vocabulary `@cour`",
            "did you mean `@court`?",
        ],
    );
}

#[test]
fn a_vocabulary_edit_changes_every_rule_that_uses_it() {
    let (_t, p) = exported_pack();
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.txt");
    std::fs::write(
        &report,
        "某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措\n全年由政委出庭应诉3次。\n",
    )
    .unwrap();
    let status = |pack: Option<&std::path::Path>| {
        let mut args = vec!["score", "--format", "json"];
        let shown;
        if let Some(pk) = pack {
            shown = pk.to_str().unwrap().to_string();
            args.extend(["--rules", shown.as_str()]);
        }
        args.push(report.to_str().unwrap());
        let d = json(&run(&args));
        d["reports"][0]["elements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == "dispute.court_appearance")
            .unwrap()["status"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(status(None), "missing");
    edit(
        &p.join("pack.yaml"),
        "  court: ['(负责人",
        "  court: ['政委[^。]{0,4}出庭', '(负责人",
    );
    assert_eq!(status(Some(&p)), "met");
}

#[test]
fn outline_shows_metadata_and_each_section_with_its_lines() {
    let o = run(&["outline", fixture("weak.txt").to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "标题 柳塘镇人民政府关于2023年度法治政府建设工作情况的报告"
    );
    assert_eq!(lines[1], "主体 柳塘镇人民政府  级别 township");
    assert_eq!(lines[2], "年度 2023  日期 2024-05-10 (signature)");
    // Sub-sections are indented under their part; every part names its kind and lines.
    assert!(
        lines.contains(&"  11-14   measures     （一）抓好干部学法"),
        "{out}"
    );
    assert!(
        lines.contains(&"  57-58   plans   三、下一步工作打算"),
        "{out}"
    );
    assert!(lines.last().unwrap().contains("closing"), "{out}");

    let o = run(&["outline", "no-such-report.txt"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("no-such-report.txt"), "{}", stderr(&o));
}
