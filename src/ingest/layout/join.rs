//! Printed lines → paragraphs: when the next printed line goes on with the paragraph,
//! and how the two join.

use std::sync::LazyLock;

use regex::Regex;

use super::geometry::{Edges, RIGHT_WINDOW_EM};
use super::lines::Printed;

/// A line ending less than this many ems short of the right edge runs to it: lines that
/// may not end on an opening bracket or start with a comma (避头尾) end a glyph short.
const RIGHT_SLACK_EM: f32 = 1.5;
/// The space writers set between a CJK character and a Latin word or number, in ems
/// (LibreOffice about 0.2, Word's autospace a quarter).
const AUTOSPACE_EM: f32 = 0.25;
/// A line starting more than this many ems right of the left edge is indented: a
/// paragraph's first line is indented two.
const INDENT_EM: f32 = 1.0;
/// Lines whose sizes differ by more than this share are not one paragraph (a title over
/// the body).
const SIZE_SHARE: f32 = 0.15;
/// A step between baselines this many times the line pitch is a space between paragraphs.
const GAP_PITCH: f32 = 1.5;

/// A title's lines stand at most this many ems apart: writers set a title's line
/// spacing as they like (LibreOffice's 公文 title keeps two body lines' pitch, 2.6 ems).
const TITLE_PITCH_EM: f32 = 3.0;

/// Numbered heading starts: 一、 （一） 1. 1、 （1） 第一章 第一， ①.
static HEADING_START: LazyLock<Regex> = LazyLock::new(|| {
    let cn = "[一二三四五六七八九十百零〇]";
    Regex::new(&format!(
        concat!(
            r"^(?:{cn}+[、．.]|[（(]{cn}+[）)]|\d{{1,3}}(?:[、．]|\.(?:\D|$))|[（(]\d{{1,3}}[）)]",
            r"|第(?:{cn}|\d)+[章节条部分篇]|第{cn}+[，,、：:]|[①-⑳])"
        ),
        cn = cn
    ))
    .expect("heading-start pattern")
});

/// One printed line with the edges of its page.
#[derive(Clone, Copy)]
pub(super) struct Placed<'a> {
    /// The line.
    pub line: &'a Printed,
    /// The body's edges.
    pub edges: Edges,
    /// Its 0-based page.
    pub page: usize,
}

/// Whether `next` goes on with the paragraph whose last printed line is `prev`: `prev`
/// runs to the right edge, and `next` is neither indented, nor a heading, nor set in
/// another size, nor parted from it by a paragraph's space.
pub(super) fn continues(prev: Placed<'_>, next: Placed<'_>, pitch: Option<f32>) -> bool {
    let (a, b) = (prev.line, next.line);
    let em = a.size.max(b.size);
    if title_goes_on(prev, next) {
        return true;
    }
    if (a.size - b.size).abs() > SIZE_SHARE * em || a.gapped || b.gapped {
        return false;
    }
    if !runs_to_edge(prev, b) {
        return false;
    }
    if b.left > next.edges.left + INDENT_EM * b.size {
        return false;
    }
    if prev.page == next.page && pitch.is_some_and(|p| b.y - a.y > GAP_PITCH * p) {
        return false;
    }
    !starts_heading(&b.text)
}

/// Whether `prev` ends where the measure does: within a little of the right edge, or so
/// near it that what `next` starts with (a number, a word, a character and the comma
/// after it) would not have fitted there — a line breaks before a number, not inside it.
fn runs_to_edge(prev: Placed<'_>, next: &Printed) -> bool {
    let (a, edges) = (prev.line, prev.edges);
    if a.right >= edges.right - RIGHT_SLACK_EM * a.size {
        return true;
    }
    // The edge is where the crowd of full-line ends stops on the right; full lines end
    // anywhere in that crowd (lines with narrow Latin commas run further than lines of
    // ideographs alone), so the measure may stand at its left end.
    let measure = edges.right - RIGHT_WINDOW_EM * edges.body;
    a.right + autospace(&a.text, &next.text) * a.size + next.lead > measure
}

/// The share of an em writers set between a CJK character and a Latin word or number
/// beside it (LibreOffice a fifth, Word and WPS a quarter): what `next` starts with
/// would have needed it after `prev`'s last character, on top of its glyphs.
fn autospace(prev: &str, next: &str) -> f32 {
    let ideograph = prev
        .chars()
        .last()
        .is_some_and(|c| c.is_alphabetic() && !c.is_ascii());
    let latin = next
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    if ideograph && latin {
        AUTOSPACE_EM
    } else {
        0.0
    }
}

/// Whether `next` goes on with a title that `prev` starts: a 公文 title too long for one
/// line is set over two or three lines of one size, larger than the body, on the first
/// page, each centred or the first filling the measure, so the right-edge rule (which
/// wants the next line at the left edge) never joins them. A centred line in brackets
/// under it (the date, a 草案 note) is not part of the title.
fn title_goes_on(prev: Placed<'_>, next: Placed<'_>) -> bool {
    let (a, b) = (prev.line, next.line);
    let same_size = (a.size - b.size).abs() <= SIZE_SHARE * a.size.max(b.size);
    let near = b.y > a.y && b.y - a.y <= TITLE_PITCH_EM * a.size.max(b.size);
    let opens = b.text.trim_start().starts_with(['（', '(', '〔', '[']);
    let larger = a.size > (1.0 + SIZE_SHARE) * prev.edges.body;
    prev.page == 0
        && next.page == 0
        && larger
        && same_size
        && near
        && !opens
        && (centred(prev) || fills(prev))
        && centred(next)
        && !starts_heading(&b.text)
}

/// Whether a line fills the measure, edge to edge: a long title's first line.
fn fills(p: Placed<'_>) -> bool {
    let (l, em) = (p.line, p.line.size);
    l.left <= p.edges.left + em && l.right >= p.edges.right - RIGHT_SLACK_EM * em
}

/// Whether a line stands in the middle of the body, clear of its left edge.
fn centred(p: Placed<'_>) -> bool {
    let (l, em) = (p.line, p.line.size);
    let left = l.left - p.edges.left;
    let right = p.edges.right - l.right;
    left > 1.5 * em && right > 1.5 * em && (left - right).abs() <= em
}

/// Whether a line starts with a heading number.
pub(super) fn starts_heading(text: &str) -> bool {
    HEADING_START.is_match(text.trim_start())
}

/// What goes between a paragraph's text and the next printed line joined to it: nothing
/// after CJK (`2024` + `年`), a space between two Latin words or numbers, which a line
/// only breaks between at a space.
pub(super) fn glue(prev: &str, next: &str) -> &'static str {
    let a = prev.chars().last();
    let b = next.chars().next();
    let ends_word = a.is_some_and(|c| c.is_ascii_graphic() && !"-/([{".contains(c));
    if ends_word && b.is_some_and(|c| c.is_ascii_alphanumeric()) {
        " "
    } else {
        ""
    }
}
