//! Analyses of a rule pack over a corpus, for the people who maintain the pack: what a rule
//! change does to every report ([`diff`]), how often each element and each of its patterns
//! fires ([`tally`], [`patterns`]), and sentences that read like a missing element but match
//! none of its patterns ([`mine`]). Nothing here reads files or prints: the command line
//! runs the corpus through the engine and hands each report's scorecards (and, for
//! calibration, its document and matches) to these collectors, then renders what they hold.

pub mod diff;
pub mod mine;
pub mod patterns;
pub mod tally;

use crate::model::scorecard::{Evidence, Status};
use serde::Serialize;

/// A quote as these analyses show it: the words, where the reader finds them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// The sentence, as in the original text (cut around the match).
    pub text: String,
    /// 1-based line of the extracted text.
    pub line: usize,
    /// 1-based paragraph of the source file, for Word and web pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<usize>,
    /// Where a reader finds it, in words (第12行, 第6段（…）).
    pub at: String,
}

impl Quote {
    /// The quote of a piece of evidence.
    pub fn of(ev: &Evidence) -> Quote {
        Quote {
            text: ev.text.clone(),
            line: ev.line,
            paragraph: ev.paragraph,
            at: crate::render::quote_place(ev),
        }
    }
}

/// A status as a person reads it in the current language: the words every output uses in
/// Chinese (from the render stage), the status's id in English.
pub fn status_word(s: Option<Status>) -> String {
    match (s, crate::msg::lang()) {
        (None, _) => crate::msg::t!("calibrate.status.absent").to_string(),
        (Some(s), crate::msg::Lang::Zh) => crate::render::status_words(s).to_string(),
        (Some(s), crate::msg::Lang::En) => s.as_str().replace('_', " "),
    }
}

/// `part` of `whole` in percent, one decimal; 0 of nothing.
pub fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        crate::model::scorecard::round1(part as f64 * 100.0 / whole as f64)
    }
}
