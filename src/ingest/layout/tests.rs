//! Synthetic pages: lines drawn the way Word, WPS and typesetting systems draw them.

use super::*;

mod ragged;

/// Font size of the body text (points).
const S: f32 = 16.0;
/// The body's left edge.
const LEFT: f32 = 80.0;
/// Characters (ems) in a full line.
const FULL: usize = 20;
/// Baseline of a page's first body line, and the step to the next.
const TOP: f32 = 120.0;
const PITCH: f32 = 28.0;
/// A4 in points.
const A4: (f32, f32) = (595.0, 842.0);

/// The width of `text` in ems: CJK full width, ASCII half.
fn ems(text: &str) -> f32 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum()
}

/// One line drawn at `x`, baseline `y`, as runs of up to three characters.
fn line_at(x: f32, y: f32, size: f32, text: &str) -> Vec<Run> {
    let chars: Vec<char> = text.chars().collect();
    let mut at = x;
    chars
        .chunks(3)
        .map(|c| {
            let text: String = c.iter().collect();
            let width = ems(&text) * size;
            let r = Run {
                x: at,
                y,
                width,
                size,
                text,
            };
            at += width;
            r
        })
        .collect()
}

/// A paragraph wrapped into full lines of [`FULL`] ems, the first indented `indent` ems.
fn wrap(text: &str, indent: usize) -> Vec<(f32, String)> {
    let mut out = vec![(indent as f32, String::new())];
    let mut room = (FULL - indent) as f32;
    for c in text.chars() {
        let w = ems(&c.to_string());
        if w > room + 0.01 {
            out.push((0.0, String::new()));
            room = FULL as f32;
        }
        out.last_mut().unwrap().1.push(c);
        room -= w;
    }
    out
}

/// A page of body lines (indent in ems, text) from the top, with extra lines placed anywhere.
fn page(rows: &[(f32, String)], extra: Vec<Run>) -> Page {
    let mut runs = extra;
    for (i, (indent, text)) in rows.iter().enumerate() {
        let y = TOP + i as f32 * PITCH;
        runs.extend(line_at(LEFT + indent * S, y, S, text));
    }
    Page {
        width: A4.0,
        height: A4.1,
        runs,
    }
}

/// A line centred on the body at baseline `y`.
fn centred(y: f32, size: f32, text: &str) -> Vec<Run> {
    let w = ems(text) * size;
    line_at(LEFT + (FULL as f32 * S - w) / 2.0, y, size, text)
}

fn lines(laid: &Laid) -> Vec<&str> {
    laid.text.lines().collect()
}

const P1: &str = "本年度我市深入学习贯彻习近平法治思想，全面落实法治政府建设实施纲要，各项工作取得新进展。重大行政决策程序不断规范，行政执法监督持续加强，依法行政水平明显提升。";
const P2: &str =
    "全面推行行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度，执法行为更加规范。";

#[test]
fn a_paragraph_wrapped_over_four_lines_is_one_line() {
    let rows = wrap(&P1[..P1.len() - 3], 2);
    assert_eq!(rows.len(), 4, "the fixture wraps to four lines");
    let laid = lay_out(&[page(&rows, vec![])]);
    assert_eq!(lines(&laid), vec![&P1[..P1.len() - 3]]);
    let starts = laid.pages.starts();
    assert_eq!(starts.len(), 4);
    assert_eq!((starts[1].line, starts[1].page, starts[1].row), (0, 1, 2));
    assert_eq!(starts[1].col, rows[0].1.len());
    assert_eq!(laid.paragraphs.starts().len(), 1);
}

#[test]
fn an_indented_line_starts_a_new_paragraph() {
    let mut rows = wrap(P1, 2);
    rows.extend(wrap(P2, 2));
    let laid = lay_out(&[page(&rows, vec![])]);
    assert_eq!(lines(&laid), vec![P1, P2]);
    let numbers: Vec<usize> = laid.paragraphs.starts().iter().map(|p| p.number).collect();
    assert_eq!(numbers, vec![1, 2]);
    assert_eq!(laid.paragraphs.at(1, 0), Some(2));
}

#[test]
fn a_short_last_line_ends_a_paragraph_even_when_the_next_is_not_indented() {
    let short = "各项工作取得新进展。";
    let mut rows = wrap(&format!("{P2}{short}"), 0);
    assert!(ems(&rows.last().unwrap().1) < FULL as f32 - 2.0);
    rows.extend(wrap(P1, 0));
    let laid = lay_out(&[page(&rows, vec![])]);
    assert_eq!(lines(&laid), vec![format!("{P2}{short}").as_str(), P1]);
}

#[test]
fn a_heading_after_a_full_line_stays_its_own_line() {
    // 40 characters: the paragraph's last line runs to the right edge.
    let para: String = P1.chars().take(40).collect();
    for heading in [
        "（一）加强组织领导",
        "二、存在的不足",
        "1.健全制度",
        "第三章 附则",
        "（2）完善机制",
    ] {
        let mut rows = wrap(&para, 0);
        assert_eq!(rows.len(), 2);
        rows.push((0.0, heading.to_string()));
        rows.extend(wrap(P2, 0));
        let laid = lay_out(&[page(&rows, vec![])]);
        assert_eq!(lines(&laid), vec![para.as_str(), heading, P2], "{heading}");
    }
    // A number that only looks like one goes on with the sentence.
    let mut rows = wrap(&para, 0);
    rows.push((0.0, "1.5亿元。".into()));
    assert_eq!(
        lines(&lay_out(&[page(&rows, vec![])])),
        vec![format!("{para}1.5亿元。")]
    );
}

#[test]
fn a_paragraph_goes_on_across_a_page_break() {
    let rows = wrap(P1, 2);
    let (first, second) = rows.split_at(2);
    let footer = |n: usize| centred(800.0, 14.0, &format!("— {n} —"));
    let pages = [
        page(
            &wrap(P2, 2)
                .into_iter()
                .chain(first.iter().cloned())
                .collect::<Vec<_>>(),
            footer(1),
        ),
        page(second, footer(2)),
    ];
    let laid = lay_out(&pages);
    assert_eq!(lines(&laid), vec![P2, P1]);
    let on_page_2: Vec<_> = laid.pages.starts().iter().filter(|s| s.page == 2).collect();
    assert_eq!((on_page_2[0].line, on_page_2[0].row), (1, 1));
    assert_eq!(laid.pages.count(), 2);
}

#[test]
fn page_numbers_of_every_shape_are_dropped() {
    let shapes = [
        "— 3 —",
        "- 3 -",
        "－3－",
        "第3页",
        "第 3 页 共 12 页",
        "3/12",
        "3",
        "共12页 第3页",
    ];
    for (bottom, shape) in [true, false]
        .into_iter()
        .flat_map(|b| shapes.map(|s| (b, s)))
    {
        let y = if bottom { 805.0 } else { 45.0 };
        let laid = lay_out(&[
            page(&wrap(P2, 2), centred(y, 14.0, shape)),
            page(&wrap(P1, 2), centred(y, 14.0, &shape.replace('3', "4"))),
        ]);
        assert_eq!(lines(&laid), vec![P2, P1], "{shape}");
        assert_eq!(
            laid.pages.starts()[0].row,
            1,
            "furniture is not counted as a row"
        );
    }
    // At the top of the body, a bare number is body text.
    let mut rows = vec![(0.0, "3".to_string())];
    rows.extend(wrap(P2, 2));
    let laid = lay_out(&[page(&rows, vec![])]);
    assert_eq!(lines(&laid)[0], "3");
}

#[test]
fn a_running_header_on_every_page_is_dropped_but_the_title_with_its_words_is_kept() {
    let header = "某某市人民政府关于2024年度法治政府建设情况的报告";
    let title = centred(TOP - 40.0, 22.0, header);
    let mut pages = vec![page(&wrap(P1, 2), title)];
    let bodies: Vec<String> = (2..=4).map(|n| format!("第{n}页的正文：{P2}")).collect();
    for (n, body) in (2..=4).zip(&bodies) {
        let mut runs = centred(50.0, 10.5, header);
        runs.extend(centred(805.0, 14.0, &format!("- {n} -")));
        pages.push(page(&wrap(body, 2), runs));
    }
    let laid = lay_out(&pages);
    let mut want = vec![header, P1];
    want.extend(bodies.iter().map(String::as_str));
    assert_eq!(lines(&laid), want);
}

#[test]
fn a_table_row_reads_its_cells_with_one_space_between() {
    let mut runs = line_at(LEFT, TOP, S, "序号");
    runs.extend(line_at(LEFT + 5.0 * S, TOP, S, "事项"));
    runs.extend(line_at(LEFT + 14.0 * S, TOP, S, "2024年"));
    // Letter-spaced CJK (0.2 em between glyphs) is one word.
    for (i, c) in "落实情况".chars().enumerate() {
        runs.extend(line_at(
            LEFT + i as f32 * 1.2 * S,
            TOP + PITCH,
            S,
            &c.to_string(),
        ));
    }
    // A full row with wide gaps is no paragraph to join the next row to.
    runs.extend(line_at(LEFT, TOP + 2.0 * PITCH, S, "一"));
    runs.extend(line_at(
        LEFT + 10.0 * S,
        TOP + 2.0 * PITCH,
        S,
        "行政复议案件办结率达",
    ));
    runs.extend(line_at(LEFT, TOP + 3.0 * PITCH, S, "全年"));
    let laid = lay_out(&[Page {
        width: A4.0,
        height: A4.1,
        runs,
    }]);
    assert_eq!(
        lines(&laid),
        vec![
            "序号 事项 2024年",
            "落实情况",
            "一 行政复议案件办结率达",
            "全年"
        ]
    );
}

#[test]
fn runs_drawn_in_any_order_read_top_to_bottom_left_to_right() {
    let rows = wrap(P1, 2);
    let mut p = page(&rows, vec![]);
    p.runs.reverse();
    let laid = lay_out(&[p]);
    assert_eq!(lines(&laid), vec![P1]);
}

#[test]
fn fake_bold_drawn_twice_reads_once() {
    let mut p = page(&[(0.0, "一、总体情况".to_string())], vec![]);
    let copies: Vec<Run> = p
        .runs
        .iter()
        .map(|r| Run {
            x: r.x + 0.4,
            y: r.y - 0.2,
            ..r.clone()
        })
        .collect();
    // Word draws the copy after each run; some writers draw the whole line again.
    let mut runs = Vec::new();
    for (a, b) in p.runs.iter().zip(&copies) {
        runs.push(a.clone());
        runs.push(b.clone());
    }
    p.runs = runs;
    assert_eq!(lines(&lay_out(&[p])), vec!["一、总体情况"]);
    let mut twice = page(&[(0.0, "二、存在的问题".to_string())], vec![]);
    let again = line_at(LEFT + 0.3, TOP, S, "二、存在的问题");
    twice.runs.extend(again);
    assert_eq!(lines(&lay_out(&[twice])), vec!["二、存在的问题"]);
}

#[test]
fn the_date_under_the_signature_is_kept() {
    let mut extra = Vec::new();
    let right = |y: f32, text: &str| line_at(LEFT + FULL as f32 * S - ems(text) * S, y, S, text);
    extra.extend(right(700.0, "某某市人民政府"));
    extra.extend(right(730.0, "2025年1月20日"));
    extra.extend(centred(805.0, 14.0, "— 2 —"));
    let first = page(&wrap(P1, 2), centred(805.0, 14.0, "— 1 —"));
    let laid = lay_out(&[first, page(&wrap(P2, 2), extra)]);
    assert_eq!(
        lines(&laid),
        vec![P1, P2, "某某市人民政府", "2025年1月20日"]
    );
}

#[test]
fn digits_at_a_line_end_join_the_next_line_without_a_space() {
    let rows = vec![
        (2.0, "我市2021年起连续开展专项行动，至2024".to_string()),
        (0.0, "年底已覆盖全部乡镇街道，并全部通过了ISO".to_string()),
        (0.0, "9001认证。".to_string()),
    ];
    let p = page(&rows, vec![]);
    assert_eq!(ems(&rows[0].1), FULL as f32 - 2.0);
    let laid = lay_out(&[p]);
    assert_eq!(
        lines(&laid),
        vec!["我市2021年起连续开展专项行动，至2024年底已覆盖全部乡镇街道，并全部通过了ISO 9001认证。"]
    );
}

#[test]
fn a_title_centred_over_two_lines_is_one_line_but_the_date_under_it_is_not() {
    let mut runs = centred(TOP - 90.0, 22.0, "某某县人民政府关于");
    runs.extend(centred(TOP - 62.0, 22.0, "法治政府建设情况的报告"));
    runs.extend(centred(TOP - 34.0, 22.0, "（2025年1月）"));
    let laid = lay_out(&[page(&wrap(P1, 2), runs)]);
    assert_eq!(
        lines(&laid),
        vec![
            "某某县人民政府关于法治政府建设情况的报告",
            "（2025年1月）",
            P1
        ]
    );
}

#[test]
fn centred_lines_after_the_first_page_stay_apart() {
    let first = page(&wrap(P1, 2), vec![]);
    let mut runs = centred(TOP - 62.0, 16.0, "附件");
    runs.extend(centred(TOP - 34.0, 16.0, "重点工作清单"));
    let laid = lay_out(&[first, page(&wrap(P2, 2), runs)]);
    assert_eq!(lines(&laid), vec![P1, "附件", "重点工作清单", P2]);
}
