//! Lines set unjustified, as LibreOffice and cairo print a report: full lines end at
//! the measure, short of it (a number that did not fit) or past it (hanging punctuation).

use super::*;

/// `n` CJK characters (ems).
fn cjk(n: usize) -> String {
    "法治政府建设各项工作取得新进展依法行政水平"
        .chars()
        .cycle()
        .take(n)
        .collect()
}

/// Rows of a page from `(indent in ems, text)`.
fn rows(lines: &[(f32, &str)]) -> Vec<(f32, String)> {
    lines.iter().map(|(i, t)| (*i, t.to_string())).collect()
}

#[test]
fn a_ragged_right_margin_with_hanging_commas_still_joins_its_lines() {
    // Full lines end at 20 ems; one hangs a comma past the measure, and one ends an em
    // short of it, where the next character would not fit after a two-digit number.
    let (a, b, c) = (cjk(18), cjk(20) + "，", cjk(18) + "12");
    let (d, e) = (cjk(20), cjk(7) + "。");
    let para = [
        (2.0, a.as_str()),
        (0.0, &b),
        (0.0, &c),
        (0.0, &d),
        (0.0, &e),
    ];
    let mut all = rows(&para);
    all.extend(rows(&para));
    let laid = lay_out(&[page(&all, vec![])]);
    let one: String = para.iter().map(|(_, t)| *t).collect();
    assert_eq!(ems(&c), 19.0, "the fixture's short line");
    assert_eq!(lines(&laid), vec![one.as_str(), one.as_str()]);
}

#[test]
fn a_line_broken_before_a_long_number_goes_on_into_it() {
    let first = cjk(16) + "共";
    let next = "1,234,567件，同比增长21.4%。";
    let mut all = rows(&[(2.0, &cjk(18)), (0.0, &cjk(20)), (0.0, &first), (0.0, next)]);
    all.extend(wrap(P2, 2));
    let laid = lay_out(&[page(&all, vec![])]);
    assert!(
        ems(&first) + ems("1,234,567") > FULL as f32,
        "the number did not fit"
    );
    assert!(ems(&first) < FULL as f32 - 2.0, "the line ends well short");
    let joined = format!("{}{}{first}{next}", cjk(18), cjk(20));
    assert_eq!(lines(&laid), vec![joined.as_str(), P2]);
}

#[test]
fn a_short_line_before_a_short_number_still_ends_its_paragraph() {
    let last = cjk(12) + "。";
    let next = "2024年起，".to_string() + &cjk(14);
    let all = rows(&[(2.0, &cjk(18)), (0.0, &cjk(20)), (0.0, &last), (0.0, &next)]);
    let laid = lay_out(&[page(&all, vec![])]);
    let first = format!("{}{}{last}", cjk(18), cjk(20));
    assert_eq!(lines(&laid), vec![first.as_str(), next.as_str()]);
}

#[test]
fn a_title_filling_its_first_line_goes_on_into_the_centred_second() {
    // 14 characters at 22 points fill the 20-em measure of the 16-point body; the next
    // line stands 2.6 ems below, as LibreOffice sets a 公文 title.
    let big = 22.0;
    let first: String = "某某省司法厅关于二〇二四年度法治".into();
    let mut runs = line_at(LEFT, TOP - 100.0, big, &first);
    runs.extend(centred(TOP - 100.0 + 2.6 * big, big, "政府建设情况的报告"));
    let laid = lay_out(&[page(&wrap(P1, 2), runs)]);
    let title = format!("{first}政府建设情况的报告");
    assert_eq!(lines(&laid), vec![title.as_str(), P1]);
}

#[test]
fn a_line_broken_before_a_bracketed_number_goes_on_into_it() {
    // 〔2017〕 is 4 ems: it would have passed the measure after 17.
    let first = cjk(16) + "，";
    let next = "〔2017〕7号）精神。";
    let mut all = rows(&[(2.0, &cjk(18)), (0.0, &cjk(20)), (0.0, &first), (0.0, next)]);
    all.extend(wrap(P2, 2));
    let laid = lay_out(&[page(&all, vec![])]);
    let joined = format!("{}{}{first}{next}", cjk(18), cjk(20));
    assert_eq!(lines(&laid), vec![joined.as_str(), P2]);
}

#[test]
fn a_space_drawn_as_a_run_of_its_own_reads_as_a_space() {
    // cairo draws each space glyph apart, a third of an em wide.
    let mut runs = Vec::new();
    let mut x = LEFT;
    for text in ["中共某某市委", " ", "某某市人民政府", " ", "关于"] {
        let width = if text == " " { S / 3.0 } else { ems(text) * S };
        runs.push(Run {
            x,
            y: TOP,
            width,
            size: S,
            text: text.into(),
        });
        x += width;
    }
    let laid = lay_out(&[Page {
        width: A4.0,
        height: A4.1,
        runs,
    }]);
    assert_eq!(lines(&laid), vec!["中共某某市委 某某市人民政府 关于"]);
}

#[test]
fn a_number_that_fits_only_without_the_space_before_it_goes_on_into_it() {
    // "100%。" fills the line to the measure by its glyphs, but a writer sets a space
    // between 达 and 1, so it did not fit.
    let first = cjk(16) + "达";
    let next = "100%。".to_string() + &cjk(10);
    let mut all = rows(&[
        (2.0, &cjk(18)),
        (0.0, &cjk(20)),
        (0.0, &first),
        (0.0, &next),
    ]);
    all.extend(wrap(P2, 2));
    let laid = lay_out(&[page(&all, vec![])]);
    assert_eq!(
        ems(&first) + ems("100%。"),
        FULL as f32,
        "fits by glyphs alone"
    );
    let joined = format!("{}{}{first}{next}", cjk(18), cjk(20));
    assert_eq!(lines(&laid), vec![joined.as_str(), P2]);
}

/// One line at row `i` from `left` ems, a glyph a run: ASCII commas a third of an em
/// narrow (as LibreOffice sets `,` in a Song face), other ASCII half an em, CJK one.
fn narrow_commas(i: usize, left: f32, text: &str) -> Vec<Run> {
    let mut x = LEFT + left * S;
    let y = TOP + i as f32 * PITCH;
    text.chars()
        .map(|c| {
            let w = S * match c {
                ',' => 0.32,
                c if c.is_ascii() => 0.5,
                _ => 1.0,
            };
            x += w;
            Run {
                x: x - w,
                y,
                width: w,
                size: S,
                text: c.to_string(),
            }
        })
        .collect()
}

#[test]
fn a_number_broken_off_where_most_full_lines_run_past_the_measure_goes_on_into_it() {
    // Most full lines hold a narrow comma and end a third of an em past those of
    // ideographs alone; the line before "100%。" ends three ems and its CJK–Latin
    // space short of the ideographs' measure (002_b41b5cd0a307353b in LibreOffice).
    let comma = |n: usize| format!("{},{}", cjk(n), cjk(n));
    let first = [
        comma(9),
        comma(10),
        cjk(20),
        cjk(16) + "达",
        "100%。".to_string() + &cjk(8),
    ];
    let second = [comma(9), comma(10), cjk(5) + "。"];
    let mut runs = Vec::new();
    for (i, text) in first.iter().chain(&second).enumerate() {
        let indent = if i == 0 || i == first.len() { 2.0 } else { 0.0 };
        runs.extend(narrow_commas(i, indent, text));
    }
    let laid = lay_out(&[page(&[], runs)]);
    assert_eq!(lines(&laid), vec![first.concat(), second.concat()]);
}
