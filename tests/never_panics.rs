//! Whatever text comes in, understanding and scoring it never panics, and every line
//! number the scorecard gives points inside the text.

use lawscore::engine::Engine;
use lawscore::model::scorecard::Source;
use lawscore::rules::RulePack;
use proptest::prelude::*;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::new(RulePack::builtin().unwrap(), None).unwrap())
}

/// Fragments real reports are made of, so random text still exercises headings, turns,
/// items, dates and furniture.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("一、".to_string()),
        Just("（二）".to_string()),
        Just("(三".to_string()),
        Just("）".to_string()),
        Just("3.".to_string()),
        Just("一是".to_string()),
        Just("二是".to_string()),
        Just("存在的问题".to_string()),
        Just("下一步工作安排".to_string()),
        Just("主要有以下几个方面的重点工作：".to_string()),
        Just("产生问题的原因：".to_string()),
        Just("第一责任人".to_string()),
        Just("尚未".to_string()),
        Just("特此报告。".to_string()),
        Just("二〇二四年一月二十二日".to_string()),
        Just("发布时间：2024-13-45".to_string()),
        Just("某某县人民政府".to_string()),
        Just("出庭应诉率为100%".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("。".to_string()),
        "[\\PC]{0,12}".prop_map(|s| s),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn scoring_any_text_never_panics(parts in proptest::collection::vec(fragment(), 0..60)) {
        let text: String = parts.concat();
        let src = Source { path: "p".into(), format: lawscore::model::scorecard::Format::Txt, encoding: "utf-8".into(), chars: 0, sha256: String::new(), pages: None };
        let card = engine().score_text(&text, src);
        let lines = text.split('\n').count();
        for e in &card.elements {
            for ev in &e.evidence {
                prop_assert!(ev.line >= 1 && ev.line <= lines);
            }
        }
        for s in &card.sections {
            prop_assert!(s.line_start >= 1 && s.line_start <= s.line_end && s.line_end <= lines);
        }
        prop_assert!(card.score >= 0.0 && card.score <= 100.0);
    }
}

/// Pieces of tag soup: unclosed, self-closed and mismatched tags, formatting left open,
/// tables, foreign and raw-text elements, comments and stray `<`.
fn tag() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "<div>",
            "</div>",
            "<div/>",
            "<p>",
            "</p>",
            "<b>",
            "</b>",
            "<b id=1>",
            "<table>",
            "<tr>",
            "<td>",
            "</td>",
            "</table>",
            "</x>",
            "<svg>",
            "<g/>",
            "</svg>",
            "<select>",
            "<option>",
            "<li>",
            "<h1>",
            "<a href=x>",
            "<font face=f>",
            "<template>",
            "<script>",
            "</script>",
            "<!--",
            "-->",
            "<",
            "&amp;",
            "<br>",
            "<form>",
            "<nobr>",
            "<plaintext>",
            "<p style=\"display:none\">",
            "<div id=zoom>",
            "<title>",
            "<body>",
            "<html>",
        ])
        .prop_map(String::from),
        fragment(),
    ]
}

/// How often a soup is repeated at most: a thousand times in release builds, a quarter of
/// that in debug builds, where parsing is some twenty times slower.
const MAX_TIMES: usize = if cfg!(debug_assertions) { 250 } else { 1000 };

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// Repeated many times, so the soups reach the shapes that once took quadratic
    /// time, while each case stays small enough to run in a moment.
    #[test]
    fn scoring_any_tag_soup_never_panics(
        parts in proptest::collection::vec(tag(), 1..40),
        times in 1usize..MAX_TIMES,
    ) {
        let page = format!("<!DOCTYPE html><html><body>{}</body></html>", parts.concat().repeat(times));
        let work = lawscore::ingest::html_parse_work(&page);
        prop_assert!(work.nodes <= page.len() / 4 + 10_000);
        if let Ok(scored) = engine().score_bytes("p.html", page.as_bytes()) {
            prop_assert!(scored.card.score >= 0.0 && scored.card.score <= 100.0);
        }
    }
}
