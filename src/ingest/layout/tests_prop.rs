//! The property the layout exists for: text wrapped into printed lines, over pages with
//! page numbers and a running header, lays out as the paragraphs it was wrapped from.

use proptest::prelude::*;

use super::*;

const S: f32 = 12.0;
const LEFT: f32 = 90.0;
const TOP: f32 = 130.0;
const PITCH: f32 = 22.0;

/// Body characters: none starts a heading number, so any may start a wrapped line.
const ALPHABET: &[char] = &[
    '法', '治', '政', '府', '建', '设', '年', '度', '报', '告', '依', '推', '进', '行', '工', '作',
    '强', '化', '监', '督', '，', '。', '；', '0', '1', '2', '5', '9',
];

fn ems(c: char) -> f32 {
    if c.is_ascii() {
        0.5
    } else {
        1.0
    }
}

/// The paragraph's tokens: a number is never split over two lines, a CJK glyph may be.
fn tokens(text: &[char]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for &c in text {
        match out.last_mut() {
            Some(t) if c.is_ascii_digit() && t.ends_with(|p: char| p.is_ascii_digit()) => t.push(c),
            _ => out.push(c.to_string()),
        }
    }
    out
}

/// The paragraph wrapped into lines of `width` ems, its first line indented two, each
/// line but the last justified (spread to the right edge by how much it stretches).
fn wrap(text: &[char], width: usize) -> Vec<(f32, String, f32)> {
    let lines = wrap_ragged(text, width);
    let n = lines.len();
    lines
        .into_iter()
        .enumerate()
        .map(|(i, (indent, text))| {
            let natural: f32 = text.chars().map(ems).sum();
            let stretch = if i + 1 < n {
                (width as f32 - indent) / natural
            } else {
                1.0
            };
            (indent, text, stretch)
        })
        .collect()
}

fn wrap_ragged(text: &[char], width: usize) -> Vec<(f32, String)> {
    let mut out = vec![(2.0, String::new())];
    let mut room = width as f32 - 2.0;
    for t in tokens(text) {
        let w: f32 = t.chars().map(ems).sum();
        if w > room + 0.01 && !out.last().unwrap().1.is_empty() {
            out.push((0.0, String::new()));
            room = width as f32;
        }
        out.last_mut().unwrap().1.push_str(&t);
        room -= w;
    }
    out
}

/// Printed lines drawn onto pages of `per_page` lines each, runs of `chunk` glyphs, a
/// running header and a page number on every page.
fn draw(rows: &[(f32, String, f32)], per_page: usize, chunk: usize) -> Vec<Page> {
    let several = rows.len() > per_page;
    rows.chunks(per_page)
        .enumerate()
        .map(|(n, rows)| {
            let mut runs = vec![furniture_run(810.0, &format!("— {} —", n + 1))];
            if several {
                runs.push(furniture_run(50.0, "某某县2024年法治政府建设年度报告"));
            }
            for (i, (indent, text, stretch)) in rows.iter().enumerate() {
                let mut x = LEFT + indent * S;
                let chars: Vec<char> = text.chars().collect();
                for c in chars.chunks(chunk) {
                    let width = c.iter().map(|&c| ems(c)).sum::<f32>() * S * stretch;
                    let y = TOP + i as f32 * PITCH;
                    runs.push(Run {
                        x,
                        y,
                        width,
                        size: S,
                        text: c.iter().collect(),
                    });
                    x += width;
                }
            }
            Page {
                width: 595.0,
                height: 842.0,
                runs,
            }
        })
        .collect()
}

fn furniture_run(y: f32, text: &str) -> Run {
    Run {
        x: 250.0,
        y,
        width: 100.0,
        size: 10.5,
        text: text.into(),
    }
}

fn paragraph() -> impl Strategy<Value = Vec<char>> {
    proptest::collection::vec(proptest::sample::select(ALPHABET), 1..90)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn wrapped_paragraphs_lay_out_as_they_were_written(
        long in proptest::collection::vec(proptest::sample::select(ALPHABET), 120..200),
        paras in proptest::collection::vec(paragraph(), 0..12),
        width in 10usize..40,
        per_page in 4usize..30,
        chunk in 1usize..6,
    ) {
        // A report has body text: one paragraph long enough to show the margins.
        let all: Vec<Vec<char>> = std::iter::once(long).chain(paras).collect();
        let rows: Vec<(f32, String, f32)> = all.iter().flat_map(|p| wrap(p, width)).collect();
        let laid = lay_out(&draw(&rows, per_page, chunk));
        let want: Vec<String> = all.iter().map(|p| p.iter().collect()).collect();
        let got: Vec<&str> = laid.text.lines().collect();
        prop_assert_eq!(got, want.iter().map(String::as_str).collect::<Vec<_>>());
        prop_assert_eq!(laid.pages.starts().len(), rows.len());
        prop_assert_eq!(laid.paragraphs.starts().len(), all.len());
    }
}
