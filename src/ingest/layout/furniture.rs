//! Page furniture: page numbers and running headers and footers, which a reader skips
//! and which would otherwise break paragraphs at every page end.
//!
//! A line is furniture only where furniture stands — among the first or last
//! [`EDGE_LINES`] lines of its page and, when the page's height is known, in the outer
//! [`BAND_SHARE`] of it — and only when it has a page number's shape or recurs (digits
//! folded) in that place on many pages. Body text that happens to be short there, such
//! as the date under the signature, has neither and is kept. A bare number (`3`) is no
//! shape of its own — a table's last row may be one — but page numbers that are bare
//! numbers recur on many pages, and go as running footers do.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::geometry::Edges;
use super::lines::Printed;

/// How many lines at the top and at the bottom of a page may be furniture.
const EDGE_LINES: usize = 2;
/// The share of the page's height at its top and at its bottom where furniture stands.
const BAND_SHARE: f32 = 0.15;
/// A running header or footer is at most this many characters.
const MAX_RUNNING_CHARS: usize = 60;
/// A line is a running header or footer when it recurs on at least this share of the
/// pages (and on two at least): odd-page-only headers pass, a sentence does not.
const RUNNING_SHARE: f32 = 0.4;

/// A line starting at most [`INDENTED_EM`] right of the body's left edge and ending
/// within [`FULL_SLACK_EM`] of its right edge is a body line.
const FULL_SLACK_EM: f32 = 1.5;
const INDENTED_EM: f32 = 2.5;
/// A line this much larger than the body text is a title.
const TITLE_SIZE: f32 = 1.15;

/// Page-number shapes, white space removed: `— 3 —`, `- 3 -`, `－3－`, `第3页`,
/// `第 3 页 共 12 页`, `共12页 第3页`, `3/12`, `Page 3 of 12`.
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?i:[-—－–―~～_·•.]+\d{1,4}[-—－–―~～_·•.]*|\d{1,4}[-—－–―~～_·•.]+",
        r"|第\d{1,4}页(?:[,，/／]?共\d{1,4}页)?",
        r"|共\d{1,4}页[,，/／]?第\d{1,4}页",
        r"|\d{1,4}[/／]\d{1,4}",
        r"|(?:page|p\.)\d{1,4}(?:(?:of|/)\d{1,4})?)$"
    ))
    .expect("page-number pattern")
});

/// For every page, which of its lines are furniture.
pub(super) fn furniture(pages: &[(f32, Vec<Printed>)]) -> Vec<Vec<bool>> {
    let body = super::geometry::body_size(pages.iter().flat_map(|(_, lines)| lines));
    let all: Vec<Vec<Printed>> = pages.iter().map(|(_, l)| l.clone()).collect();
    let edges = super::geometry::edges(&all);
    let places: Vec<Vec<Place>> = pages
        .iter()
        .map(|(height, lines)| edge_places(*height, (body, edges), lines))
        .collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for page in &places {
        let mut on_page: Vec<&str> = page.iter().filter_map(Place::running_key).collect();
        on_page.sort_unstable();
        on_page.dedup();
        for k in on_page {
            *seen.entry(k).or_default() += 1;
        }
    }
    let need = ((pages.len() as f32 * RUNNING_SHARE).ceil() as usize).max(2);
    places
        .iter()
        .map(|page| {
            page.iter()
                .map(|p| match p {
                    Place::Body => false,
                    Place::PageNumber => true,
                    Place::Edge(k) => k.as_ref().is_some_and(|k| seen[k.as_str()] >= need),
                })
                .collect()
        })
        .collect()
}

/// What a line may be, by where it stands and its shape.
enum Place {
    /// Between the edges of the page, or no furniture's shape.
    Body,
    /// A page number where page numbers stand.
    PageNumber,
    /// At the page's top or bottom: a running header or footer if its key recurs
    /// (`None`: a line that cannot be one).
    Edge(Option<String>),
}

impl Place {
    fn running_key(&self) -> Option<&str> {
        match self {
            Place::Edge(Some(k)) => Some(k),
            _ => None,
        }
    }
}

/// Where each line of a page stands.
fn edge_places(height: f32, (body, edges): (f32, Edges), lines: &[Printed]) -> Vec<Place> {
    let n = lines.len();
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let at_edge = i < EDGE_LINES || i + EDGE_LINES >= n;
            let in_band = height <= 0.0
                || line.y <= height * BAND_SHARE
                || line.y >= height * (1.0 - BAND_SHARE);
            // A title set larger than the body is no furniture, even when a running
            // header repeats its words.
            if !at_edge || !in_band || line.size > body * TITLE_SIZE {
                return Place::Body;
            }
            if is_page_number(&line.text) {
                return Place::PageNumber;
            }
            // Nor is a line as wide as the body: a page's first line that happens to
            // start as others do.
            let em = line.size;
            let full = line.left <= edges.left + INDENTED_EM * em
                && line.right >= edges.right - FULL_SLACK_EM * em;
            Place::Edge(if full { None } else { key(&line.text) })
        })
        .collect()
}

/// `None` for a line too long for a running header or footer.
fn key(text: &str) -> Option<String> {
    let k: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_numeric() { '#' } else { c })
        .collect();
    // Page 9 and page 10 share a key.
    let mut k = k;
    while k.contains("##") {
        k = k.replace("##", "#");
    }
    (k.chars().count() <= MAX_RUNNING_CHARS).then_some(k)
}

/// Whether a line has a page number's shape.
pub(super) fn is_page_number(text: &str) -> bool {
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    PAGE_NUMBER.is_match(&squeezed)
}
