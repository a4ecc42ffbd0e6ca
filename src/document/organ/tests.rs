//! Each hand-made check says what its regex said: on every fixture line, every tail of
//! one, and many lines put together from the pieces names and dates are made of.

use super::*;
use regex::Regex;

/// A check's name, the regex it replaces, and the check.
type Pair = (&'static str, Regex, fn(&str) -> bool);

fn regexes() -> [Pair; 4] {
    let e = ORGAN_ENDING;
    let w = DATE_WRITTEN.as_str();
    let f = DATE_FIGURES;
    let re = |s: String| Regex::new(&s).unwrap();
    [
        (
            "org",
            re(format!(r"^(?:中共|中国共产党)?\p{{Han}}{{1,30}}?{e}$")),
            is_org,
        ),
        (
            "signature",
            re(format!(r"^[\s\p{{Han}}()（）]{{2,40}}{e}\s*$")),
            is_signature,
        ),
        (
            "signed",
            re(format!(
                r"^[\s\p{{Han}}()（）]{{2,40}}{e}\s+(?:{w}|{f})\s*$"
            )),
            is_signed,
        ),
        (
            "closing",
            re(format!(
                r"^\s*(特此报告|此报告|专此报告|附件|抄送|{w}|.{{0,30}}(印发|签发))"
            )),
            is_closing_line,
        ),
    ]
}

fn agree(lines: impl Iterator<Item = String>) -> usize {
    let checks = regexes();
    let mut matched = 0;
    for line in lines {
        for (name, re, check) in &checks {
            let want = re.is_match(&line);
            assert_eq!(check(&line), want, "{name} on {line:?}");
            matched += usize::from(want);
        }
    }
    matched
}

#[test]
fn the_checks_agree_with_their_regexes_on_the_fixture_lines_and_their_tails() {
    let lines = crate::builtin_regex::tests::fixture_lines();
    let tails = lines.iter().flat_map(|(_, l)| {
        let t = l.trim().to_string();
        let starts: Vec<usize> = t.char_indices().map(|(i, _)| i).collect();
        let from = starts.len().saturating_sub(60);
        let mut out: Vec<String> = starts[from..].iter().map(|&i| t[i..].to_string()).collect();
        out.push(l.clone());
        out
    });
    assert!(
        agree(tails) > 100,
        "too few signatures among the fixture lines"
    );
}

#[test]
fn the_checks_agree_with_their_regexes_on_lines_made_of_name_and_date_pieces() {
    let pieces = [
        "某",
        "某某县",
        "人民政府",
        "政府",
        "局",
        "委",
        "办",
        "中心",
        "委员会",
        "街道办事处",
        "办事处",
        "中共",
        "中国共产党",
        " ",
        "\u{3000}",
        "\t",
        "(",
        ")",
        "（",
        "）",
        "2024年1月18日",
        "2024-01-18",
        "二〇二四年一月十八日",
        "2024年",
        "1月",
        "a",
        "1",
        "。",
        "党委",
        "所",
        "特此报告",
        "抄送",
        "印发",
        "签发",
        "\n",
        "一二三四五六七八九十",
    ];
    // A fixed linear congruential sequence: the same lines every run.
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        (state >> 33) as usize
    };
    let lines: Vec<String> = (0..30_000)
        .map(|_| {
            let n = next() % 14;
            (0..n).map(|_| pieces[next() % pieces.len()]).collect()
        })
        .collect();
    assert!(agree(lines.into_iter()) > 300, "too few lines that match");
}

#[test]
fn names_and_signatures_are_told_from_other_lines() {
    assert!(is_org("中共某某县委"));
    assert!(is_org("某某县人民政府"));
    assert!(!is_org("某某县人民政府 "));
    assert!(is_signature("某某县司法局　"));
    assert!(!is_signature("局"));
    assert!(is_signed("某某县司法局　　2024年1月18日"));
    assert!(is_signed("某某县司法局 2024-01-18 "));
    assert!(!is_signed("某某县司法局2024-01-18"));
}

#[test]
fn no_ending_holds_a_space() {
    for e in ENDINGS.iter() {
        assert!(!e.is_empty() && !e.chars().any(|c| SPACE.holds(c)), "{e:?}");
    }
}
