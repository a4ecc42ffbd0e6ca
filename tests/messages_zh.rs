//! The command line speaks Chinese by default and English when asked (`--lang en`,
//! `LAWSCORE_LANG=en`): help, clap's own errors, the gate, errors about files and the
//! summary line that ends a run.

mod common;

use common::{code, fixture, stderr, stdout};
use std::path::Path;
use std::process::{Command, Output};

/// Runs lawscore with `LAWSCORE_LANG` as given (unset for `None`, whatever the caller's).
fn run_lang(env: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lawscore"));
    cmd.env_remove("LAWSCORE_LANG");
    if let Some(l) = env {
        cmd.env("LAWSCORE_LANG", l);
    }
    cmd.args(args).output().expect("run lawscore")
}

fn run(args: &[&str]) -> Output {
    run_lang(None, args)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn has_han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn help_is_chinese_by_default_and_english_on_request() {
    let o = run(&["score", "--help"]);
    assert_eq!(code(&o), 0);
    let zh = stdout(&o);
    for want in [
        "用法：",
        "参数：",
        "选项：",
        "输出格式",
        "显示帮助",
        "汇总行",
    ] {
        assert!(zh.contains(want), "{want}:\n{zh}");
    }
    for english in [
        "Usage:",
        "Options:",
        "Print help",
        "[default:",
        "possible values",
    ] {
        assert!(!zh.contains(english), "{english}:\n{zh}");
    }
    // Every option's help line is Chinese.
    let options = zh.split("选项：").nth(1).unwrap();
    for line in options.lines().filter(|l| l.trim_start().starts_with('-')) {
        let next = line.trim();
        assert!(
            has_han(next) || !next.contains("  "),
            "an option's help is not Chinese: {line}"
        );
    }
    let en = stdout(&run(&["score", "--help", "--lang", "en"]));
    assert!(
        en.contains("Usage:") && en.contains("Output format."),
        "{en}"
    );
    assert!(!en.contains("用法"), "{en}");
}

#[test]
fn a_mistyped_flag_is_said_in_chinese_with_clap_s_suggestion_and_exit_2() {
    let o = run(&["score", "--formt", "json", "x.txt"]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.starts_with("错误：无法识别的参数“--formt”"), "{err}");
    assert!(err.contains("您是否想用“--format”？"), "{err}");
    assert!(err.contains("用法：lawscore score"), "{err}");
    assert!(err.contains("lawscore score --help"), "{err}");
    assert!(o.stdout.is_empty());
    // A bad value lists the good ones; in English under --lang en.
    let o = run(&["score", "--format", "xml", "x.txt"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("“xml”不是“--format <FORMAT>”可用的值"),
        "{}",
        stderr(&o)
    );
    let o = run(&["--lang", "en", "score", "--formt", "json", "x.txt"]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.starts_with("error: unexpected argument '--formt' found"),
        "{err}"
    );
    assert!(err.contains("'--format'"), "{err}");
}

#[test]
fn the_gate_names_the_report_and_its_score_in_chinese() {
    let weak = fixture("weak.txt");
    let o = run(&["score", "--format", "json", "--fail-under", "99", s(&weak)]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let score = common::json(&o)["reports"][0]["score"].as_f64().unwrap();
    let err = stderr(&o);
    let want = format!(
        "lawscore：{} 得分 {score:.1}，低于 99（--fail-under）",
        s(&weak)
    );
    assert!(err.lines().any(|l| l == want), "{want}\n{err}");
}

#[test]
fn a_missing_file_is_said_in_both_languages_and_its_record_carries_the_same_words() {
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("没有这份.txt");
    let good = fixture("complete.txt");
    for (lang, said) in [
        (None, "文件或文件夹不存在"),
        (Some("en"), "no such file or folder"),
    ] {
        let o = run_lang(lang, &["score", "--format", "jsonl", s(&good), s(&gone)]);
        assert_eq!(code(&o), 2, "{}", stderr(&o));
        let err = stderr(&o);
        let sep = if lang.is_none() { "：" } else { ": " };
        let line = format!("lawscore{sep}{}{sep}{said}", s(&gone));
        assert!(err.lines().any(|l| l == line), "{line}\n{err}");
        let record: serde_json::Value =
            serde_json::from_str(stdout(&o).lines().last().unwrap()).unwrap();
        assert_eq!(record["error"], said, "the record says what stderr says");
    }
    // Nothing at all to score: the Chinese says so and names the path.
    let o = run(&["score", s(&gone)]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("未找到报告"), "{}", stderr(&o));
}

#[test]
fn a_run_ends_with_one_summary_line_naming_counts_reasons_and_the_index() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("complete.txt"), dir.path().join("a.txt")).unwrap();
    std::fs::copy(fixture("weak.txt"), dir.path().join("b.txt")).unwrap();
    std::fs::write(dir.path().join("c.txt"), b"").unwrap();
    std::fs::write(dir.path().join("d.txt"), b"\x89PNG\r\n\x1a\n\x00\x01\x02").unwrap();
    let site = dir.path().join("site");
    let args = [
        "score",
        "--format",
        "html",
        "--out",
        s(&site),
        s(dir.path()),
    ];
    let o = run(&args);
    assert_eq!(code(&o), 2, "two files failed: {}", stderr(&o));
    let err = stderr(&o);
    let last = err.lines().last().unwrap();
    let index = site.join("index.html");
    let want = format!(
        "lawscore：已评分 2 份，失败 2 份（1 份无法解码，1 份为空），结果已写入 {}",
        s(&index)
    );
    assert_eq!(last, want, "{err}");
    assert!(index.is_file(), "the line names the file written");
    let o = run_lang(Some("en"), &args);
    let want = format!(
        "lawscore: scored 2 report(s), failed 2 (1 could not be decoded, 1 empty); \
         results written to {}",
        s(&index)
    );
    assert_eq!(stderr(&o).lines().last().unwrap(), want);
    // To standard output it says so; -q says nothing at all when all goes well.
    let good = fixture("complete.txt");
    let o = run(&["score", "--format", "json", s(&good)]);
    assert_eq!(code(&o), 0);
    assert_eq!(stderr(&o), "lawscore：已评分 1 份，结果已输出到标准输出\n");
    let o = run(&["score", "-q", "--format", "json", s(&good)]);
    assert_eq!(stderr(&o), "");
}

#[test]
fn lawscore_lang_picks_the_language_and_the_flag_wins_over_it() {
    let gone = "/nonexistent/lawscore/报告.txt";
    let en = run_lang(Some("en_US.UTF-8"), &["score", gone]);
    assert!(stderr(&en).contains("no report found"), "{}", stderr(&en));
    let zh = run_lang(Some("en"), &["score", "--lang", "zh", gone]);
    assert!(stderr(&zh).contains("未找到报告"), "{}", stderr(&zh));
    let help = run_lang(Some("en"), &["--help"]);
    assert!(
        stdout(&help).contains("Usage: lawscore"),
        "{}",
        stdout(&help)
    );
}
