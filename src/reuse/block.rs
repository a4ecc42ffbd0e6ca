//! A report's reuse block, written from the index and the report's own text when its
//! scorecard is written, and the batch's most copied passages.

use super::index::Index;
use super::units::Unit;
use crate::model::reuse::{
    Reuse, ReuseCopy, ReusePassage, ReuseSource, TopPassage, MAX_COPIES, MAX_SOURCES,
};

/// The most characters of a passage a block or the overview quotes.
const QUOTE: usize = 120;

/// A share rounded to three decimals.
fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        return 0.0;
    }
    (part as f64 / whole as f64 * 1000.0).round() / 1000.0
}

/// The units of a report some passages cover: their byte ranges in its text, each with
/// the characters (white space not counted) before its start and its end.
#[derive(Default)]
struct Cover {
    marks: Vec<Mark>,
}

/// A unit's byte range and the characters before its two ends.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Mark {
    start: u32,
    end: u32,
    before_start: u32,
    before_end: u32,
}

impl Mark {
    fn of(u: &Unit) -> Mark {
        Mark {
            start: u.start,
            end: u.end,
            before_start: u.lead,
            before_end: u.lead + u.shown,
        }
    }
}

impl Cover {
    fn add(&mut self, u: &Unit) {
        self.marks.push(Mark::of(u));
    }

    /// Characters (not white space) under the union of the units added: the count before
    /// each end is known, so no text is read.
    fn count(&mut self) -> usize {
        self.marks.sort_unstable();
        union(&self.marks)
    }
}

/// Characters under the union of `marks`, sorted by start.
fn union(marks: &[Mark]) -> usize {
    let mut n = 0;
    let (mut reach, mut reach_before) = (0, 0);
    for m in marks {
        let (s, before_s) = if reach > m.start {
            (reach, reach_before)
        } else {
            (m.start, m.before_start)
        };
        if m.end > s {
            n += (m.before_end - before_s) as usize;
            reach = m.end;
            reach_before = m.before_end;
        }
    }
    n
}

/// The words of a unit, cut to [`QUOTE`] characters. `text` holds the report's text as it
/// was scored (valid UTF-8, the unit's ends on char boundaries), so only the unit's own
/// bytes are read.
fn quote(text: &[u8], u: &Unit) -> String {
    let bytes = text
        .get(u.start as usize..u.end as usize)
        .unwrap_or_default();
    let words = std::str::from_utf8(bytes).unwrap_or_default().trim();
    if words.chars().count() <= QUOTE {
        return words.to_string();
    }
    let mut cut: String = words.chars().take(QUOTE - 1).collect();
    cut.push('…');
    cut
}

impl Index {
    /// Links sources and copies to these HTML pages, `pages[r]` for report `r`.
    pub fn set_pages(&mut self, pages: Vec<String>) {
        self.pages = Some(pages);
    }

    /// The path of report `r`, as its scorecard names it.
    pub fn path(&self, r: usize) -> &str {
        &self.paths[r]
    }

    /// Reports in the batch.
    pub fn len(&self) -> usize {
        self.paths.len()
    }

    /// True for an empty batch.
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    fn units_of(&self, r: usize) -> std::ops::Range<usize> {
        self.starts[r] as usize..self.starts[r + 1] as usize
    }

    fn unit(&self, i: u32) -> &Unit {
        let r = self.owner[i as usize] as usize;
        &self.units[r][(i - self.starts[r]) as usize]
    }

    fn members(&self, p: usize) -> &[u32] {
        let (from, to) = self.passages[p].members;
        &self.members[from as usize..to as usize]
    }

    fn copy(&self, u: u32) -> ReuseCopy {
        let r = self.owner[u as usize] as usize;
        ReuseCopy {
            path: self.paths[r].clone(),
            page: self.pages.as_ref().map(|p| p[r].clone()),
            line: self.unit(u).line as usize + 1,
        }
    }

    /// One unit of each report holding passage `p` other than `r`, in output order.
    fn copies(&self, p: usize, r: usize) -> Vec<ReuseCopy> {
        let mut out = Vec::new();
        let mut last = u32::MAX;
        for &u in self.members(p) {
            let owner = self.owner[u as usize];
            if owner as usize != r && owner != last {
                out.push(self.copy(u));
                if out.len() == MAX_COPIES {
                    break;
                }
            }
            last = owner;
        }
        out
    }

    /// Report `r`'s block; `text` is the text it was scored on, whose bytes the units
    /// point into.
    pub fn block(&self, r: usize, text: &[u8]) -> Reuse {
        let mut copied = Cover::default();
        let mut common = Cover::default();
        // (other report, unit's mark) of every unit shared with it: one flat list, sorted
        // once, where a map of covers per source costs an allocation per entry.
        let mut from: Vec<(u32, Mark)> = Vec::new();
        let mut passages = Vec::new();
        for i in self.units_of(r) {
            let p = self.passage_of[i];
            if p == u32::MAX {
                continue;
            }
            let u = &self.units[r][i - self.starts[r] as usize];
            let passage = &self.passages[p as usize];
            // Common wording is the genre's, said in most of the batch: counted in
            // `common_share`, never listed, so no scorecard repeats the boilerplate.
            if passage.common {
                common.add(u);
                continue;
            }
            copied.add(u);
            let mut last = u32::MAX;
            for &m in self.members(p as usize) {
                let o = self.owner[m as usize];
                if o as usize != r && o != last {
                    from.push((o, Mark::of(u)));
                }
                last = o;
            }
            passages.push(ReusePassage {
                id: p as usize + 1,
                line: u.line as usize + 1,
                unit: if u.sentence { "sentence" } else { "paragraph" }.to_string(),
                chars: usize::from(u.chars()),
                text: quote(text, u),
                reports: passage.reports,
                copies: self.copies(p as usize, r),
            });
        }
        let total = self.totals[r] as usize;
        let chars = copied.count();
        common.marks.extend_from_slice(&copied.marks);
        let common_chars = common.count() - chars;
        Reuse {
            share: share(chars, total),
            chars,
            common_share: share(common_chars, total),
            common_chars,
            batch: self.len(),
            sources: self.sources(from, total),
            passages,
        }
    }

    /// The reports text was shared with, most first (then in output order).
    fn sources(&self, mut from: Vec<(u32, Mark)>, total: usize) -> Vec<ReuseSource> {
        from.sort_unstable();
        let mut marks = Vec::new();
        let mut out: Vec<(usize, u32)> = from
            .chunk_by(|a, b| a.0 == b.0)
            .map(|run| {
                marks.clear();
                marks.extend(run.iter().map(|x| x.1));
                (union(&marks), run[0].0)
            })
            .collect();
        // Most characters first, then output order: a total order (no two entries share a
        // report), so only the sources listed need sorting.
        let order = |a: &(usize, u32), b: &(usize, u32)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if out.len() > MAX_SOURCES {
            out.select_nth_unstable_by(MAX_SOURCES - 1, order);
            out.truncate(MAX_SOURCES);
        }
        out.sort_unstable_by(order);
        out.into_iter()
            .take(MAX_SOURCES)
            .map(|(chars, o)| ReuseSource {
                path: self.paths[o as usize].clone(),
                page: self.pages.as_ref().map(|p| p[o as usize].clone()),
                chars,
                share: share(chars, total),
            })
            .collect()
    }

    /// The `n` passages held by the most reports (then the longest, then the first), for
    /// the overview; their words are filled in by [`Index::top_words`] as the reports that
    /// first hold them are written.
    pub fn top(&self, n: usize) -> Vec<TopPassage> {
        let mut order: Vec<usize> = (0..self.passages.len()).collect();
        let first = |p: usize| self.unit(self.members(p)[0]);
        order.sort_by(|&a, &b| {
            let (pa, pb) = (&self.passages[a], &self.passages[b]);
            pb.reports
                .cmp(&pa.reports)
                .then(first(b).chars().cmp(&first(a).chars()))
                .then(a.cmp(&b))
        });
        order
            .into_iter()
            .take(n)
            .map(|p| TopPassage {
                id: p + 1,
                reports: self.passages[p].reports,
                chars: usize::from(first(p).chars()),
                common: self.passages[p].common,
                text: String::new(),
                copies: self.copies(p, usize::MAX),
            })
            .collect()
    }

    /// The words of the top passages (as [`Index::top`] gave them) that report `r` holds
    /// first: (place in `top`, words), from `text`, the text it was scored on.
    pub fn top_words(&self, top: &[TopPassage], r: usize, text: &[u8]) -> Vec<(usize, String)> {
        top.iter()
            .enumerate()
            .filter_map(|(i, t)| {
                let u = self.members(t.id - 1)[0];
                (self.owner[u as usize] as usize == r).then(|| (i, quote(text, self.unit(u))))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: u32, end: u32, before_start: u32, before_end: u32) -> Mark {
        Mark {
            start,
            end,
            before_start,
            before_end,
        }
    }

    #[test]
    fn a_line_and_its_sentences_are_counted_once_and_separate_lines_add_up() {
        // A line of 30 shown chars (bytes 0..90), its two sentences, and a later line.
        let mut c = Cover {
            marks: vec![
                mark(45, 90, 15, 30),
                mark(0, 90, 0, 30),
                mark(0, 45, 0, 15),
                mark(100, 130, 32, 42),
            ],
        };
        assert_eq!(c.count(), 40);
        // Only the second sentence: its own chars, whatever units the line was cut into.
        assert_eq!(union(&[mark(45, 90, 15, 30)]), 15);
        assert_eq!(union(&[mark(0, 60, 0, 20), mark(45, 90, 15, 30)]), 30);
    }
}
