//! Where a page's body text stands: its left and right edges and its line pitch, read
//! from the lines themselves (the page size says nothing of the margins).

use super::lines::Printed;

/// The left and right edges of the body text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Edges {
    /// Where lines that are not indented start.
    pub left: f32,
    /// Where full lines end.
    pub right: f32,
    /// The body text's font size (what most lines are set in).
    pub body: f32,
}

/// Starts this close (in ems) stand at one edge.
const LEFT_WINDOW_EM: f32 = 0.5;
/// Full lines end this close (in ems) together: a justified line, or a CJK line set on
/// its grid, ends at the measure to a point; unjustified lines with Latin words or
/// numbers end short of it and hanging punctuation past it, each line somewhere else.
pub(super) const RIGHT_WINDOW_EM: f32 = 0.25;
/// Lines starting at most this many ems right of the left edge (a paragraph's first
/// line is indented two) are set from it.
const BODY_INDENT_EM: f32 = 2.5;
/// An edge is where at least this share of the lines start (or end), and two at least:
/// a few lines sticking out (a wide table, a hanging number) do not move it.
const EDGE_SHARE: usize = 10;

/// The body's edges over the whole document: margins are the same on every page of a
/// report, and a page of short lines alone could not tell them.
pub(super) fn edges(pages: &[Vec<Printed>]) -> Edges {
    let lines: Vec<&Printed> = pages.iter().flatten().collect();
    let em = body_size(lines.iter().copied());
    let need = (lines.len() / EDGE_SHARE).max(2);
    let mut starts: Vec<f32> = lines.iter().map(|l| l.left).collect();
    starts.sort_by(f32::total_cmp);
    let left = first_crowded(&starts, LEFT_WINDOW_EM * em, need).or(starts.first().copied());
    // Only lines set from the left edge end where the measure does: centred titles and
    // a right-aligned signature end anywhere.
    let from_left = |l: &&&Printed| left.is_none_or(|x| l.left <= x + BODY_INDENT_EM * em);
    let mut ends: Vec<f32> = lines.iter().filter(from_left).map(|l| l.right).collect();
    ends.sort_by(|a, b| b.total_cmp(a));
    let right = densest(&ends, RIGHT_WINDOW_EM * em).or(ends.first().copied());
    Edges {
        left: left.unwrap_or(0.0),
        right: right.unwrap_or(0.0),
        body: em,
    }
}

/// The first of `sorted` (ascending or descending) with at least `need` values, itself
/// included, within `window` after it.
fn first_crowded(sorted: &[f32], window: f32, need: usize) -> Option<f32> {
    // `j` only moves on: linear in the lines, however they crowd.
    let mut j = 0;
    (0..sorted.len()).find_map(|i| {
        j = j.max(i);
        while j < sorted.len() && (sorted[j] - sorted[i]).abs() <= window {
            j += 1;
        }
        (j - i >= need).then_some(sorted[i])
    })
}

/// The right end of the window of `window` holding the most of `sorted` (descending),
/// the rightmost of those that tie: where most full lines end. A ragged right margin
/// (text set unjustified, with punctuation hanging past it) has ends strewn a few ems
/// wide, and its outermost crowd is the hanging punctuation, not the measure.
fn densest(sorted: &[f32], window: f32) -> Option<f32> {
    let mut best: Option<(usize, f32)> = None;
    // `j` only moves on: linear in the lines, however they crowd.
    let mut j = 0;
    for (i, &v) in sorted.iter().enumerate() {
        j = j.max(i);
        while j < sorted.len() && v - sorted[j] <= window {
            j += 1;
        }
        if best.is_none_or(|(n, _)| j - i > n) {
            best = Some((j - i, v));
        }
    }
    best.map(|(_, v)| v)
}

/// The distance between the baselines of two lines of one paragraph: the median step
/// between neighbouring lines of a page. `None` with too few lines to tell.
pub(super) fn pitch(pages: &[Vec<Printed>]) -> Option<f32> {
    let mut steps: Vec<f32> = pages
        .iter()
        .flat_map(|lines| lines.windows(2).map(|w| w[1].y - w[0].y))
        .filter(|d| *d > 0.0)
        .collect();
    if steps.len() < 3 {
        return None;
    }
    steps.sort_by(f32::total_cmp);
    Some(steps[steps.len() / 2])
}

/// The body text's font size: the median size over the lines.
pub(super) fn body_size<'a>(lines: impl Iterator<Item = &'a Printed>) -> f32 {
    let mut sizes: Vec<f32> = lines.map(|l| l.size).collect();
    sizes.sort_by(f32::total_cmp);
    sizes.get(sizes.len() / 2).copied().unwrap_or(0.0)
}
