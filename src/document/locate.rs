//! Where the text shows what the metadata states, found once when the metadata is read.
//!
//! Evidence for a check on the title, issuer, year or date quotes these places; scoring
//! reads them from [`Found`] instead of searching the text for each element.

use super::meta::find_date;
use super::{structure, Document, Found, Kind, Span};
use crate::fold::fold;
use crate::model::scorecard::DateSource;

/// How far down a title may start: below the page head it is the body quoting it.
const TITLE_REACH: usize = 40;

/// Finds where the text shows each piece of `doc.meta`.
pub fn locate(doc: &Document) -> Found {
    let m = &doc.meta;
    let title = m.title.as_deref();
    Found {
        title_line: title.and_then(|t| title_line(doc, t)),
        title_words: title.map(|t| Box::new(structure::snippet(Kind::Preamble, None, t))),
        title: title.and_then(|t| mention(doc, t)),
        issuer: m.issuer.as_deref().and_then(|v| mention(doc, v)),
        year: m.year.and_then(|y| year_mention(doc, y)),
        date: m.date.as_deref().and_then(|v| mention(doc, v)),
        date_line: m.date.as_ref().and_then(|_| date_line(doc)),
    }
}

/// The whole first line of the head that begins the title (a title broken over lines
/// starts on it). Lines are compared folded, so a traditional line begins a simplified
/// title.
fn title_line(doc: &Document, title: &str) -> Option<Span> {
    let ft = fold(title);
    doc.lines
        .iter()
        .take(TITLE_REACH)
        .position(|l| {
            let lt = l.folded.trim();
            !lt.is_empty() && ft.starts_with(lt)
        })
        .map(|i| whole_line(doc, i))
}

/// The first mention of a value's first word (joint issuers are separated by a space, and
/// the first one names the report).
pub(super) fn mention(doc: &Document, value: &str) -> Option<Span> {
    let f = fold(value);
    let key = f.split(' ').next().unwrap_or(&f);
    doc.lines.iter().enumerate().find_map(|(i, l)| {
        l.folded.find(key).map(|s| Span {
            line: i,
            start: s,
            end: s + key.len(),
        })
    })
}

/// The first mention of the year reported on: in Arabic digits, else in Chinese numerals
/// (二〇二三年度, with any of the zeros drafters type), which is all some titles give.
pub(super) fn year_mention(doc: &Document, year: i32) -> Option<Span> {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let digits = year.to_string();
    let mut in_words = ['〇', '零', '○'].into_iter().map(|zero| {
        let digit = |c: char| match c.to_digit(10) {
            Some(0) => zero,
            Some(d) => DIGITS[d as usize],
            None => c,
        };
        digits.chars().map(digit).collect::<String>()
    });
    mention(doc, &digits).or_else(|| in_words.find_map(|w| mention(doc, &w)))
}

/// The last dated line of the part the date was read from: the closing for a signature
/// date, the page's furniture for a published one.
fn date_line(doc: &Document) -> Option<Span> {
    let want = match doc.meta.date_source {
        DateSource::Signature => Kind::Closing,
        DateSource::Published | DateSource::None => Kind::Boilerplate,
    };
    doc.lines
        .iter()
        .rposition(|l| l.kind == want && find_date(&l.folded).is_some())
        .map(|i| whole_line(doc, i))
}

fn whole_line(doc: &Document, i: usize) -> Span {
    Span {
        line: i,
        start: 0,
        end: doc.lines[i].folded.len(),
    }
}
