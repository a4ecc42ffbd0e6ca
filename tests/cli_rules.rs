//! `lawscore rules …`, `explain` and `outline`: validation messages, examples, export, edits, and how a report is read.

mod common;
use common::*;

/// Runs the binary in English: these tests check what the messages say, worded as
/// before the catalogue (the Chinese wording is checked in `messages_in_chinese_*`).
/// Shadows `common::run`.
fn run(args: &[&str]) -> std::process::Output {
    run_in("en", args)
}

/// Runs the binary with `LAWSCORE_LANG` set to `lang`.
fn run_in(lang: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_lawscore"))
        .args(args)
        .env("LAWSCORE_LANG", lang)
        .output()
        .expect("run lawscore")
}

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
    // Named at the example's `text:` key, as every failing example is.
    let at = place(
        &p.join("lead.yaml"),
        "lead.shufa",
        "text: 在县委全面依法治县",
        0,
    );
    let want = format!(
        "{at}: error: element lead.shufa example 1 expects the evidence to quote “党政主要负责人” but it quotes “述法”"
    );
    check_fails_with(&p, &[want.as_str()]);
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
        "version: 2026.12.2",
        "version: 2026.12.2-local",
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
    assert_eq!(v1["version"], "2026.12.2-local");
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
    let o = run(&[
        "--lang",
        "en",
        "score",
        "--profile",
        "provincial",
        gov.to_str().unwrap(),
    ]);
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
    let o = run_in("zh", &["outline", fixture("weak.txt").to_str().unwrap()]);
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
    // In English the labels are English; the sections are the same.
    let o = run(&["outline", fixture("weak.txt").to_str().unwrap()]);
    let en = stdout(&o);
    assert_eq!(
        en.lines().nth(1),
        Some("issuer 柳塘镇人民政府  level township"),
        "{en}"
    );
    assert_eq!(en.lines().skip(3).collect::<Vec<_>>(), lines[3..].to_vec());

    let o = run(&["outline", "no-such-report.txt"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("no-such-report.txt"), "{}", stderr(&o));
}

/// `FILE:LINE:COLUMN` of the first `needle` in `file` (after `anchor`), the column counted
/// in characters from 1, as diagnostics give it; `shift` moves it along the needle.
fn place(file: &std::path::Path, anchor: &str, needle: &str, shift: usize) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    let from = text.find(anchor).unwrap_or_else(|| panic!("no {anchor:?}"));
    let at = from
        + text[from..]
            .find(needle)
            .unwrap_or_else(|| panic!("no {needle:?}"));
    let line = text[..at].matches('\n').count() + 1;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..at].chars().count() + 1 + shift;
    format!("{}:{line}:{column}", file.display())
}

/// The diagnostic line (`FILE:LINE:COLUMN: …`) of stderr that mentions `what`.
fn diagnostic<'a>(err: &'a str, what: &str) -> &'a str {
    err.lines()
        .find(|l| l.contains(what) && (l.contains(": error: ") || l.contains(": warning: ")))
        .unwrap_or_else(|| panic!("no diagnostic about {what:?} in:\n{err}"))
}

fn check_output(pack: &std::path::Path) -> (i32, String) {
    let o = run(&["rules", "check", "--rules", pack.to_str().unwrap()]);
    (code(&o), stderr(&o))
}

#[test]
fn a_warning_lands_on_the_element_whose_pattern_it_is_about_not_the_first_alike() {
    // Three elements of enforce.yaml share the partial pattern '三项制度'; give all three a
    // \b, and each warning must stand on its own element's line, under the \b.
    let (_t, p) = exported_pack();
    let file = p.join("enforce.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(text.matches("partial: '三项制度'").count(), 3);
    std::fs::write(
        &file,
        text.replace("partial: '三项制度'", "partial: '\\b三项制度'"),
    )
    .unwrap();
    let (c, err) = check_output(&p);
    assert_eq!(c, 0, "warnings alone do not fail:\n{err}");
    for id in [
        "enforce.publicity",
        "enforce.recording",
        "enforce.legal_review",
    ] {
        let expected = place(&file, &format!("id: {id}"), "\\b三项制度", 0);
        let line = diagnostic(&err, &format!("element `{id}`: pattern"));
        assert!(
            line.starts_with(&format!("{expected}: warning: ")),
            "{line}\nexpected at {expected}"
        );
    }
}

#[test]
fn a_regex_error_caret_stands_under_the_offending_character_in_each_quoting_style() {
    for (written, shift) in [
        // Plain, single-quoted, single-quoted with a '' escape before the error, double-quoted.
        ("三统一|(统一登记", 4),
        ("'三统一|(统一登记'", 5),
        ("'三''统一|(统一登记'", 7),
        ("\"三\\u7EDF一|(统一登记\"", 10),
    ] {
        let (_t, p) = exported_pack();
        let file = p.join("norm.yaml");
        edit(&file, "'三统一|统一登记|统一编号|统一公布'", written);
        let (c, err) = check_output(&p);
        assert_eq!(c, 2, "{err}");
        let expected = place(&file, "id: norm.unified", written, shift);
        let line = diagnostic(&err, "unclosed group");
        assert!(
            line.starts_with(&format!("{expected}: error: ")),
            "{written}: {line}\nexpected at {expected}"
        );
        // The caret line: under `(`, CJK characters counted two columns wide.
        let shown = err
            .lines()
            .skip_while(|l| !l.contains("unclosed group"))
            .nth(2)
            .unwrap();
        let caret = err
            .lines()
            .skip_while(|l| !l.contains("unclosed group"))
            .nth(3)
            .unwrap();
        let width = |s: &str| {
            s.chars()
                .map(|c| if c.is_ascii() { 1 } else { 2 })
                .sum::<usize>()
        };
        let upto = &shown[..shown.find("(统一登记").unwrap()];
        assert_eq!(
            width(&caret[..caret.find('^').unwrap()]),
            width(upto),
            "{shown}\n{caret}"
        );
    }
}

#[test]
fn a_mis_indented_key_is_reported_at_its_own_line() {
    for indent in ["     ", "   ", ""] {
        let (_t, p) = exported_pack();
        let file = p.join("lead.yaml");
        edit(
            &file,
            "    weight: 3\n    since: 2019\n",
            &format!("    weight: 3\n{indent}since: 2019\n"),
        );
        let (c, err) = check_output(&p);
        assert_eq!(c, 2, "{err}");
        let expected = place(&file, "id: lead.section", &format!("\n{indent}since:"), 0);
        // The key's own line and column: one line below the newline found, after the indent.
        let (head, _) = expected.rsplit_once(':').unwrap();
        let (file_part, line) = head.rsplit_once(':').unwrap();
        let line: usize = line.parse().unwrap();
        let want = format!("{file_part}:{}:{}: error: ", line + 1, indent.len() + 1);
        // Either language: the first line is the CLI's (part A), the rest the pack's.
        let first = ["lawscore：规则有误\n", "lawscore: invalid rules\n"];
        assert!(first.iter().any(|f| err.starts_with(f)), "{err}");
        assert!(
            err.lines().nth(1).unwrap().starts_with(&want),
            "indent {:?}:\n{err}\nexpected {want}",
            indent.len()
        );
        assert!(err.contains("indentation"), "{err}");
    }
}

#[test]
fn rules_check_names_the_line_of_a_failing_example() {
    let (_t, p) = exported_pack();
    let file = p.join("lead.yaml");
    edit(
        &file,
        "text: 在县委全面依法治县委员会会议上，5个乡镇党政主要负责人现场述法。",
        "text: 组织乡镇负责人开展工作汇报。",
    );
    let (c, err) = check_output(&p);
    assert_eq!(c, 2, "{err}");
    let expected = place(
        &file,
        "id: lead.shufa",
        "text: 组织乡镇负责人开展工作汇报。",
        0,
    );
    let line = diagnostic(&err, "element lead.shufa example 1 expects met");
    assert!(
        line.starts_with(&format!("{expected}: error: ")),
        "{line}\nexpected at {expected}"
    );
}

#[test]
fn a_misspelt_example_status_or_kind_is_a_load_error_at_its_line() {
    for (from, to, hint) in [
        (
            "      - expect: partial\n",
            "      - expect: partal\n",
            "did you mean `partial`?",
        ),
        (
            "        kind: plans\n",
            "        kind: plan\n",
            "did you mean `plans`?",
        ),
    ] {
        let (_t, p) = exported_pack();
        let file = ["lead.yaml", "norm.yaml", "dispute.yaml", "plans.yaml"]
            .iter()
            .map(|f| p.join(f))
            .find(|f| std::fs::read_to_string(f).unwrap().contains(from))
            .unwrap();
        edit(&file, from, to);
        let (c, err) = check_output(&p);
        assert_eq!(c, 2, "{err}");
        let value = to.trim().split(": ").nth(1).unwrap();
        let expected = place(&file, to, value, 0);
        let line = diagnostic(&err, &format!("unknown variant `{value}`"));
        assert!(
            line.starts_with(&format!("{expected}: error: ")),
            "{line}\nexpected at {expected}"
        );
        assert!(err.contains(hint), "{err}");
    }
}

#[test]
fn explain_shows_what_a_rule_is_known_to_miss() {
    // The built-in notes: each line of the YAML note is shown under its heading.
    let o = run(&["explain", "plans.address_problems"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let yaml = lawscore::rules::builtin::FILES
        .iter()
        .find(|(n, _)| *n == "plans.yaml")
        .unwrap()
        .1;
    let shown: Vec<&str> = out
        .lines()
        .skip_while(|l| *l != "已知局限 known problems:")
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .map(str::trim)
        .collect();
    assert_eq!(shown.len(), 3, "{out}");
    for line in &shown {
        assert!(yaml.contains(line), "{line} is not the pack's note");
    }
    // An element without a note has no such section; one given a note in an edited pack
    // shows it.
    let o = run(&["explain", "lead.shufa"]);
    assert!(!stdout(&o).contains("已知局限"), "{}", stdout(&o));
    let (_t, p) = exported_pack();
    edit(
        &p.join("lead.yaml"),
        "  - id: lead.shufa\n",
        "  - id: lead.shufa\n    known_gaps: 述职报告里一句“报告了履行法治建设职责情况”也算述法。\n",
    );
    let o = run(&["explain", "lead.shufa", "--rules", p.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains(
            "已知局限 known problems:\n  述职报告里一句“报告了履行法治建设职责情况”也算述法。\n"
        ),
        "{}",
        stdout(&o)
    );
}

#[test]
fn corrective_verbs_and_citation_verbs_are_the_packs() {
    // Both word lists live in pack.yaml: taking a word out changes how an example reads.
    let (_t, p) = exported_pack();
    let test = |id: &str| run(&["rules", "test", "--rules", p.to_str().unwrap(), id]);
    assert_eq!(code(&test("enforce.supervision")), 0);
    assert_eq!(code(&test("decision.procedures")), 0);

    // Without 纠正 among the corrective verbs, 纠正不规范执法行为 reads as a gap (不规范).
    edit(
        &p.join("pack.yaml"),
        "correcting: ['纠正', ",
        "correcting: [",
    );
    let o = test("enforce.supervision");
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(
        stdout(&o).contains("通过行政执法监督纠正不规范执法行为23起"),
        "{}",
        stdout(&o)
    );

    // Without 学习 (and 学) among the studying verbs, 学习《重大行政决策程序暂行条例》 is no
    // longer discarded as a citation.
    edit(&p.join("pack.yaml"), "studying: ['学习', ", "studying: [");
    edit(&p.join("pack.yaml"), "'考试', '学', ", "'考试', ");
    let o = test("decision.procedures");
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(
        stdout(&o).contains("组织学习《重大行政决策程序暂行条例》"),
        "{}",
        stdout(&o)
    );
}

/// A pattern of valid syntax but too big to compile stops a run before any report is read,
/// as a rule error naming its file and element (regexes compile lazily, so without this the
/// run would fail in the middle of a batch).
#[test]
fn a_regex_too_big_to_compile_is_a_rule_error_before_scoring() {
    let (_d, pack) = exported_pack();
    edit(
        &pack.join("decision.yaml"),
        "met: '决策事项[^。]{0,4}目录|决策目录|决策事项清单|决策[^。]{0,6}目录化'",
        r"met: '决策\w{3000}目录'",
    );
    let report = fixture("complete.txt");
    let o = run(&[
        "score",
        "--rules",
        pack.to_str().unwrap(),
        report.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("decision.yaml"), "{err}");
    assert!(err.contains("decision.catalog"), "{err}");
    assert!(err.contains("too big to compile"), "{err}");
    assert!(o.stdout.is_empty(), "nothing scored");
    check_fails_with(&pack, &["decision.yaml", "too big to compile"]);
}
