//! Runs → printed lines: runs grouped by baseline, read left to right, duplicates dropped.

use super::{Page, Run};

/// One printed line of a page, its runs read left to right.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Printed {
    /// The line's characters, with one space for each wide gap.
    pub text: String,
    /// Left edge of its first glyph.
    pub left: f32,
    /// Right edge of its last glyph.
    pub right: f32,
    /// Its baseline, from the page's top.
    pub y: f32,
    /// The largest font size on it.
    pub size: f32,
    /// Whether a wide gap parts two of its runs (a table row, a spaced-out line).
    pub gapped: bool,
    /// The width of what it starts with that no line may break inside: a Latin word or
    /// number, or a CJK character with the closing punctuation after it (避头尾).
    pub lead: f32,
}

/// Runs whose baselines differ by less than this share of their size stand on one line:
/// superscripts and fake-bold copies drawn a little higher stay on it.
const BASELINE_SHARE: f32 = 0.4;
/// A gap wider than this many ems between two runs is a gap the writer made (table
/// columns, spaced-out dates): it reads as one space. Character spacing in CJK text stays
/// well below it.
const GAP_EM: f32 = 0.8;
/// Between two Latin letters or digits a narrower gap is already a word space.
const LATIN_GAP_EM: f32 = 0.15;
/// A run drawn at most this many ems from where a space drawn alone ends stands after it.
const SPACE_NEAR_EM: f32 = 0.25;
/// A run with the same text as one drawn less than this many ems away is the same
/// glyphs drawn again (fake bold, shadow): it is read once.
const DUPLICATE_EM: f32 = 0.3;

/// The page's printed lines, top to bottom; lines with no visible character are left out.
pub(super) fn printed_lines(page: &Page) -> Vec<Printed> {
    let mut runs = trimmed(&page.runs);
    runs.sort_by(|a, b| {
        a.run
            .y
            .total_cmp(&b.run.y)
            .then(a.run.x.total_cmp(&b.run.x))
    });
    let mut groups: Vec<Vec<Trimmed>> = Vec::new();
    for r in runs {
        match groups.last_mut() {
            Some(g) if same_baseline(&g[0].run, &r.run) => g.push(r),
            _ => groups.push(vec![r]),
        }
    }
    groups.into_iter().map(line_of).collect()
}

/// The runs that show something, trimmed. A space drawn as a run of its own (cairo
/// draws each space glyph apart, a third of an em wide, too narrow to read as a gap)
/// parts the run drawn next from what stands before it.
fn trimmed(runs: &[Run]) -> Vec<Trimmed> {
    let mut out = Vec::with_capacity(runs.len());
    let mut blank: Option<&Run> = None;
    for r in runs {
        match visible(r) {
            Some(mut t) => {
                let after = |b: &Run| {
                    same_baseline(b, &t.run)
                        && (t.run.x - (b.x + b.width)).abs() <= SPACE_NEAR_EM * t.run.size
                };
                t.space_before |= blank.take().is_some_and(after);
                out.push(t);
            }
            None if r.text.trim().is_empty() && r.x.is_finite() && r.y.is_finite() => {
                blank = Some(r);
            }
            None => {}
        }
    }
    out
}

fn same_baseline(first: &Run, r: &Run) -> bool {
    (r.y - first.y).abs() <= BASELINE_SHARE * first.size.max(r.size)
}

/// A run with white space trimmed from its ends, and whether there was any: a space
/// drawn at a run's end still parts it from the next run.
struct Trimmed {
    run: Run,
    space_before: bool,
    space_after: bool,
}

/// The run with white space trimmed from both ends (its box shrunk to match, by an even
/// share per character), or `None` when nothing visible is left or its place is no number.
fn visible(r: &Run) -> Option<Trimmed> {
    if !(r.x.is_finite() && r.y.is_finite() && r.width.is_finite()) {
        return None;
    }
    let text = r.text.trim();
    if text.is_empty() {
        return None;
    }
    let all = r.text.chars().count() as f32;
    let per = r.width.max(0.0) / all;
    let lead = r.text.chars().take_while(|c| c.is_whitespace()).count() as f32;
    let kept = text.chars().count() as f32;
    let size = if r.size.is_finite() && r.size > 0.0 {
        r.size
    } else {
        per.max(1.0)
    };
    let run = Run {
        x: r.x + lead * per,
        y: r.y,
        width: kept * per,
        size,
        text: text.to_string(),
    };
    Some(Trimmed {
        run,
        space_before: lead > 0.0,
        space_after: r.text.ends_with(char::is_whitespace),
    })
}

/// One baseline's runs read left to right as a line.
fn line_of(mut runs: Vec<Trimmed>) -> Printed {
    runs.sort_by(|a, b| a.run.x.total_cmp(&b.run.x));
    let mut kept: Vec<Trimmed> = Vec::with_capacity(runs.len());
    for r in runs {
        if !kept.iter().rev().take(4).any(|k| duplicate(&k.run, &r.run)) {
            kept.push(r);
        }
    }
    let mut text = String::new();
    let mut end = f32::MIN;
    let mut last: Option<&Trimmed> = None;
    let mut gapped = false;
    for r in &kept {
        if let Some(prev) = last {
            let wide = wide_gap(&prev.run, &r.run, r.run.x - end);
            gapped |= wide && r.run.x - end > GAP_EM * r.run.size;
            if prev.space_after || r.space_before || wide {
                text.push(' ');
            }
        }
        text.push_str(&r.run.text);
        end = end.max(r.run.x + r.run.width);
        last = Some(r);
    }
    Printed {
        text,
        left: kept[0].run.x,
        right: end,
        y: kept[0].run.y,
        size: kept.iter().map(|r| r.run.size).fold(0.0, f32::max),
        gapped,
        lead: lead_width(&kept),
    }
}

/// Closing punctuation no line may start with, so it stays with the character before.
const CLOSING: &str = "，。、；：？！）》」』】〕〉”’…—,.;:?!)]}%";
/// Opening punctuation no line may end with, so it stays with the character after.
const OPENING: &str = "（《「『【〔〈“‘([{";

/// How wide the unbreakable start of a line (its runs, left to right) is: opening
/// brackets, then a Latin word or number or one CJK character, then closing punctuation.
/// Each run's characters share its width evenly, which holds within a run of one script
/// (writers start a run where the script changes); a unit goes on over runs that touch.
fn lead_width(runs: &[Trimmed]) -> f32 {
    let mut width = 0.0;
    let mut unit = Unit::Opening;
    for (k, r) in runs.iter().enumerate() {
        if k > 0 && (runs[k - 1].space_after || r.space_before) {
            break;
        }
        let per = r.run.width / r.run.text.chars().count() as f32;
        for c in r.run.text.chars() {
            match unit.then(c) {
                Some(u) => unit = u,
                None => return width,
            }
            width += per;
        }
    }
    width
}

/// Where the reading of a line's unbreakable start stands.
#[derive(Clone, Copy)]
enum Unit {
    /// Opening brackets so far.
    Opening,
    /// In a Latin word or number.
    Latin,
    /// Past the word or character: only closing punctuation goes on.
    Closing,
}

impl Unit {
    /// The unit with `c` read, or `None` when a line may break before `c`.
    fn then(self, c: char) -> Option<Unit> {
        let latin = |c: char| c.is_ascii_alphanumeric() || ".,%".contains(c);
        match self {
            Unit::Opening if OPENING.contains(c) => Some(Unit::Opening),
            Unit::Opening if c.is_ascii_alphanumeric() => Some(Unit::Latin),
            Unit::Opening => Some(Unit::Closing),
            Unit::Latin if latin(c) => Some(Unit::Latin),
            Unit::Latin | Unit::Closing if CLOSING.contains(c) => Some(Unit::Closing),
            _ => None,
        }
    }
}

/// The same glyphs drawn twice, a little offset.
fn duplicate(kept: &Run, r: &Run) -> bool {
    kept.text == r.text && (r.x - kept.x).abs() < DUPLICATE_EM * kept.size.min(r.size)
}

/// Whether the gap between `prev` and `next` reads as a space.
fn wide_gap(prev: &Run, next: &Run, gap: f32) -> bool {
    let em = prev.size.max(next.size);
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if latin(prev.text.chars().last()) && latin(next.text.chars().next()) {
        return gap > LATIN_GAP_EM * em;
    }
    gap > GAP_EM * em
}
