//! Positions in a paged source (PDF, OFD): evidence and key figures name the page and the
//! printed line on it (第3页第12行), as a reader of the printed report finds them, in JSON,
//! on the text card and on the report page; other forms carry no page field at all.
//!
//! The paged readers land separately, so the report here is a plain-text fixture given a
//! made-up print layout: every text line wrapped every [`WRAP`] characters, [`ROWS`] printed
//! lines a page. The test owns its process's language (it switches to English once).

mod common;

use lawscore::engine::{Engine, Scored};
use lawscore::ingest::{self, PageLine, Pages};
use lawscore::model::scorecard::{Evidence, Format, Position};
use lawscore::msg::{set_lang, Lang};
use lawscore::render::{to_json, to_text, write_html_dir, Batch, Templates};
use lawscore::rules::RulePack;

/// Characters of a printed line.
const WRAP: usize = 17;
/// Printed lines of a page.
const ROWS: usize = 23;

/// The printed (page, row) of every character of the text, in order, as the made-up
/// layout sets it: each text line starts a printed line (an empty one takes a row).
fn printed(text: &str) -> Vec<Vec<(usize, usize, usize)>> {
    let mut row = 0;
    let mut lines = Vec::new();
    for line in text.split('\n') {
        let mut chars = Vec::new();
        for (k, (col, _)) in line.char_indices().enumerate() {
            if k > 0 && k % WRAP == 0 {
                row += 1;
            }
            chars.push((col, row / ROWS + 1, row % ROWS + 1));
        }
        if chars.is_empty() {
            chars.push((0, row / ROWS + 1, row % ROWS + 1));
        }
        lines.push(chars);
        row += 1;
    }
    lines
}

/// The printed line starts a paged reader would record for the layout.
fn pages(text: &str) -> Pages {
    let mut starts = Vec::new();
    for (line, chars) in printed(text).iter().enumerate() {
        for (k, &(col, page, row)) in chars.iter().enumerate() {
            if k % WRAP == 0 {
                starts.push(PageLine {
                    line,
                    col,
                    page,
                    row,
                });
            }
        }
    }
    Pages::new(starts)
}

/// The (page, row) of byte `col` of 0-based text line `line` in the layout.
fn place(layout: &[Vec<(usize, usize, usize)>], line: usize, col: usize) -> (usize, usize) {
    let chars = &layout[line];
    let k = chars.partition_point(|c| c.0 <= col).max(1) - 1;
    (chars[k].1, chars[k].2)
}

/// The fixture report scored as a PDF with the made-up layout.
fn scored_as_pdf() -> (Scored, RulePack) {
    let path = common::fixture("combined_heading.txt");
    let bytes = std::fs::read(&path).unwrap();
    let mut ex = ingest::extract(&bytes, "combined_heading.txt").unwrap();
    ex.format = Format::Pdf;
    ex.pages = pages(&ex.text);
    let engine = Engine::new(RulePack::builtin().unwrap(), None).unwrap();
    let scored = engine
        .score_extracted("combined_heading.pdf", &bytes, ex)
        .unwrap();
    (scored, RulePack::builtin().unwrap())
}

/// Every evidence of a card, near misses included.
fn evidence(scored: &Scored) -> Vec<&Evidence> {
    let mut out = Vec::new();
    for e in &scored.card.elements {
        out.extend(&e.evidence);
        out.extend(e.near_miss.as_ref().map(|n| &n.evidence));
    }
    out
}

/// The label a quote at (page, row) must carry in the language now set.
fn label(zh: bool, (page, row): (usize, usize)) -> String {
    if zh {
        format!("第{page}页第{row}行")
    } else {
        format!("p. {page}, line {row}")
    }
}

#[test]
fn evidence_and_figures_name_the_printed_line_their_words_stand_on() {
    let (scored, _) = scored_as_pdf();
    let layout = printed(&scored.text);
    let lines: Vec<&str> = scored.text.split('\n').collect();
    let all = evidence(&scored);
    assert!(all.len() > 10, "the fixture has evidence");
    let mut seen = std::collections::BTreeSet::new();
    for ev in &all {
        let (page, row) = (ev.page.expect("a page"), ev.page_line.expect("a line"));
        assert_eq!(ev.position(), Position::Page { page, line: row });
        seen.insert(page);
        // The matched words stand on that printed line (where one of their occurrences starts).
        let line = lines[ev.line - 1];
        let word = &ev.matched[0];
        let on = line
            .match_indices(word.as_str())
            .any(|(col, _)| place(&layout, ev.line - 1, col) == (page, row));
        assert!(on, "{word:?} is not on p. {page} l. {row}: {line:?}");
    }
    assert!(seen.len() > 1, "evidence from several pages: {seen:?}");
    let figures = &scored.card.indicators;
    assert!(!figures.is_empty(), "the fixture states figures");
    for f in figures {
        let start = lines[f.line - 1]
            .find(f.text.trim_end_matches('…'))
            .expect("the figure's sentence is on its line");
        let at = place(&layout, f.line - 1, start);
        assert_eq!((f.page, f.page_line), (Some(at.0), Some(at.1)), "{f:?}");
        assert_eq!(
            f.position(),
            Position::Page {
                page: at.0,
                line: at.1
            }
        );
    }
    // Each section names the page its first line starts on.
    for sec in &scored.card.sections {
        let at = place(&layout, sec.line_start - 1, 0);
        assert_eq!(sec.page, Some(at.0), "{sec:?}");
    }
    let count = layout.last().unwrap().last().unwrap().1;
    assert_eq!(scored.card.source.pages, Some(count));
}

#[test]
fn json_text_and_page_say_the_page_in_chinese_and_english() {
    let (scored, pack) = scored_as_pdf();
    let cards = [scored.card.clone()];
    let texts = [scored.text.clone()];
    let batch = Batch {
        cards: &cards,
        texts: &texts,
        errors: &[],
        pack: &pack,
    };
    let json: serde_json::Value = serde_json::from_str(&to_json(&batch)).unwrap();
    let card = &json["reports"][0];
    assert_eq!(card["source"]["format"], "pdf");
    assert_eq!(card["source"]["pages"], scored.card.source.pages.unwrap());
    let first = evidence(&scored)[0];
    let ev = &card["elements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| !e["evidence"].as_array().unwrap().is_empty())
        .unwrap()["evidence"][0];
    assert_eq!(ev["page"], first.page.unwrap());
    assert_eq!(ev["page_line"], first.page_line.unwrap());
    assert!(card["indicators"][0]["page_line"].as_u64().is_some());

    let places: Vec<(usize, usize)> = evidence(&scored)
        .iter()
        .map(|e| (e.page.unwrap(), e.page_line.unwrap()))
        .collect();
    for lang in [Lang::Zh, Lang::En] {
        set_lang(lang);
        let zh = lang == Lang::Zh;
        let text = to_text(&batch, false);
        assert!(
            places.iter().any(|&p| text.contains(&label(zh, p))),
            "no page label on the card:\n{text}"
        );
        assert!(!text.contains("段（"), "no paragraph label:\n{text}");
        let dir = tempfile::tempdir().unwrap();
        write_html_dir(dir.path(), &batch, &Templates::builtin()).unwrap();
        let page = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| {
                p.extension().is_some_and(|x| x == "html") && p.file_name().unwrap() != "index.html"
            })
            .unwrap();
        let html = std::fs::read_to_string(page).unwrap();
        for ev in evidence(&scored) {
            let link = format!(
                "href=\"#L{}\">{}<",
                ev.line,
                label(zh, (ev.page.unwrap(), ev.page_line.unwrap()))
            );
            assert!(html.contains(&link), "{link} not on the report page");
        }
        for f in &scored.card.indicators {
            let link = format!(
                "href=\"#L{}\">{}<",
                f.line,
                label(zh, (f.page.unwrap(), f.page_line.unwrap()))
            );
            assert!(html.contains(&link), "{link} not on the report page");
        }
    }
    set_lang(Lang::Zh);
}
