//! The overview's two charts, laid out in Rust so the template only prints numbers: the
//! score histogram and the mean share of points per category.

use serde::Serialize;

use super::labels::ratio_pct;
use crate::model::scorecard::round1;
use crate::model::GradeScale;

/// Score distribution in ten-point bins, laid out for a fixed-size SVG.
#[derive(Serialize)]
pub(super) struct Histogram {
    width: u32,
    height: u32,
    /// Left edge and bottom of the plot area.
    x0: f64,
    base: f64,
    bars: Vec<Bar>,
    /// The pack's grade thresholds, drawn as dashed lines.
    marks: Vec<Mark>,
    ticks: Vec<Tick>,
}

#[derive(Serialize)]
struct Bar {
    x: f64,
    /// Centre, where the count and the label go.
    cx: f64,
    y: f64,
    w: f64,
    h: f64,
    count: usize,
    label: String,
}

/// Where a grade starts: a line at its `min`, labelled with its name.
#[derive(Serialize)]
struct Mark {
    x: f64,
    min: f64,
    label: String,
}

#[derive(Serialize)]
struct Tick {
    y: f64,
    label: usize,
}

/// Mean share of points per category, laid out as horizontal bars.
#[derive(Serialize)]
pub(super) struct Averages<'a> {
    width: u32,
    height: u32,
    x0: f64,
    span: f64,
    rows: Vec<AvgRow<'a>>,
}

#[derive(Serialize)]
struct AvgRow<'a> {
    title: &'a str,
    y: f64,
    w: f64,
    pct: f64,
}

const HIST_W: f64 = 520.0;
const HIST_H: f64 = 220.0;
const HIST_X0: f64 = 36.0;
const HIST_TOP: f64 = 22.0;
const HIST_BASE: f64 = HIST_H - 26.0;
/// Width of one ten-point bin.
const HIST_SLOT: f64 = (HIST_W - HIST_X0 - 8.0) / 10.0;
const AVG_W: f64 = 520.0;
const AVG_X0: f64 = 150.0;
const AVG_SPAN: f64 = 300.0;
const AVG_ROW: f64 = 26.0;
/// The score histogram: ten bins, the pack's cut lines, a round count axis.
pub(super) fn histogram(scores: impl Iterator<Item = f64>, scale: &GradeScale) -> Histogram {
    let mut counts = [0usize; 10];
    for score in scores {
        let bin = (score.max(0.0) / 10.0).floor() as usize;
        counts[bin.min(9)] += 1;
    }
    // A round top for the axis, so tick labels are whole numbers.
    let top = nice_ceiling(counts.iter().copied().max().unwrap_or(0).max(1));
    Histogram {
        width: HIST_W as u32,
        height: HIST_H as u32,
        x0: HIST_X0,
        base: HIST_BASE,
        bars: bars(&counts, top),
        marks: marks(scale),
        ticks: ticks(top),
    }
}

/// Horizontal position of a score on the histogram.
fn hist_x(score: f64) -> f64 {
    HIST_X0 + score / 10.0 * HIST_SLOT
}

fn bars(counts: &[usize; 10], top: usize) -> Vec<Bar> {
    let plot_h = HIST_BASE - HIST_TOP;
    counts
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            let h = n as f64 / top as f64 * plot_h;
            Bar {
                x: round1(HIST_X0 + i as f64 * HIST_SLOT + 2.0),
                cx: round1(HIST_X0 + (i as f64 + 0.5) * HIST_SLOT),
                y: round1(HIST_BASE - h),
                w: round1(HIST_SLOT - 4.0),
                h: round1(h),
                count: n,
                label: if i == 9 {
                    "90–100".into()
                } else {
                    format!("{}–{}", i * 10, i * 10 + 9)
                },
            }
        })
        .collect()
}

/// A dashed line where each grade of the pack starts, lowest first. The bottom grade's
/// line at 0 (or below) would only double the axis, and one past 100 is off the chart.
fn marks(scale: &GradeScale) -> Vec<Mark> {
    let mut marks: Vec<Mark> = scale
        .bands()
        .iter()
        .filter(|g| g.min > 0.0 && g.min <= 100.0)
        .map(|g| Mark {
            x: round1(hist_x(g.min)),
            min: g.min,
            label: g.name.clone(),
        })
        .collect();
    marks.reverse();
    marks
}

fn ticks(top: usize) -> Vec<Tick> {
    let plot_h = HIST_BASE - HIST_TOP;
    (0..=top)
        .step_by(top / 4)
        .map(|v| Tick {
            y: round1(HIST_BASE - v as f64 / top as f64 * plot_h),
            label: v,
        })
        .collect()
}

/// A round top for the count axis: four times a step of 1, 2, 3 or 5 × 10ⁿ, so the
/// quarter ticks are whole numbers of reports.
fn nice_ceiling(n: usize) -> usize {
    let mut scale = 1;
    loop {
        for f in [1, 2, 3, 5] {
            if 4 * f * scale >= n {
                return 4 * f * scale;
            }
        }
        scale *= 10;
    }
}

/// Mean share of points per category over the reports that can earn points in it:
/// `points(i)` gives each report's (earned, possible) in the category titled `titles[i]`,
/// in input order.
pub(super) fn averages<'a, I: Iterator<Item = (f64, f64)>>(
    titles: &[&'a str],
    points: impl Fn(usize) -> I,
) -> Averages<'a> {
    let rows = titles
        .iter()
        .enumerate()
        .map(|(i, &title)| {
            let (mut sum, mut n) = (0.0, 0usize);
            for (earned, possible) in points(i) {
                if possible > 0.0 {
                    sum += ratio_pct(earned, possible);
                    n += 1;
                }
            }
            let pct = if n > 0 { round1(sum / n as f64) } else { 0.0 };
            AvgRow {
                title,
                y: round1(8.0 + i as f64 * AVG_ROW),
                w: round1(pct / 100.0 * AVG_SPAN),
                pct,
            }
        })
        .collect::<Vec<_>>();
    Averages {
        width: AVG_W as u32,
        height: (16.0 + rows.len() as f64 * AVG_ROW) as u32,
        x0: AVG_X0,
        span: AVG_SPAN,
        rows,
    }
}
#[cfg(test)]
mod tests {
    use super::nice_ceiling;

    #[test]
    fn axis_tops_divide_into_quarters() {
        for n in [1, 3, 4, 5, 7, 9, 13, 40, 41, 99, 170, 1000] {
            let top = nice_ceiling(n);
            assert!(top >= n, "{n} -> {top}");
            assert_eq!(top % 4, 0, "{n} -> {top}");
        }
    }
}
