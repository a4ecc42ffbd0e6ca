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
/// Ends this close (in ems) stand at one edge (ragged right ends vary more).
const RIGHT_WINDOW_EM: f32 = 1.0;
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
    let mut ends: Vec<f32> = lines.iter().map(|l| l.right).collect();
    ends.sort_by(|a, b| b.total_cmp(a));
    let left = first_crowded(&starts, LEFT_WINDOW_EM * em, need).or(starts.first().copied());
    let right = first_crowded(&ends, RIGHT_WINDOW_EM * em, need).or(ends.first().copied());
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
