//! A report's reuse block, written from the index and the report's own text when its
//! scorecard is written, and the batch's most copied passages.

use std::collections::BTreeMap;

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

/// The char ranges of a report's lines some passages cover.
#[derive(Default)]
struct Cover {
    /// (start, end) char ranges, by 0-based line.
    marks: BTreeMap<u32, Vec<(u32, u32)>>,
}

impl Cover {
    fn add(&mut self, u: &Unit) {
        self.marks.entry(u.line).or_default().push((u.start, u.end));
    }

    /// Characters (not white space) under the union of the ranges added.
    fn count(&self, lines: &[Line]) -> usize {
        let mut n = 0;
        for (&line, ranges) in &self.marks {
            let Some(line) = lines.get(line as usize) else {
                continue;
            };
            let mut ranges = ranges.clone();
            ranges.sort_unstable();
            let mut reach = 0;
            for (s, e) in ranges {
                let s = s.max(reach);
                if e > s {
                    n += line.shown(s, e);
                    reach = e;
                }
            }
        }
        n
    }
}

/// A line of the report: its text and, for each char, how many chars before it are not
/// white space.
struct Line<'t> {
    text: &'t str,
    before: Vec<u32>,
}

impl<'t> Line<'t> {
    fn all(text: &'t str) -> Vec<Line<'t>> {
        text.lines()
            .map(|text| {
                let mut before = Vec::with_capacity(text.len() + 1);
                let mut n = 0u32;
                before.push(0);
                for c in text.chars() {
                    n += u32::from(!c.is_whitespace());
                    before.push(n);
                }
                Line { text, before }
            })
            .collect()
    }

    /// Chars not white space in `start..end`.
    fn shown(&self, start: u32, end: u32) -> usize {
        let at = |i: u32| self.before[(i as usize).min(self.before.len() - 1)];
        (at(end) - at(start)) as usize
    }
}

/// The words of a unit, cut to [`QUOTE`] characters.
fn quote(lines: &[Line], u: &Unit) -> String {
    let Some(line) = lines.get(u.line as usize) else {
        return String::new();
    };
    let words: String = line
        .text
        .chars()
        .skip(u.start as usize)
        .take((u.end - u.start) as usize)
        .collect();
    let words = words.trim();
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

    fn copy(&self, u: u32) -> ReuseCopy {
        let r = self.owner[u as usize] as usize;
        ReuseCopy {
            path: self.paths[r].clone(),
            page: self.pages.as_ref().map(|p| p[r].clone()),
            line: self.units[u as usize].line as usize + 1,
        }
    }

    /// One unit of each report holding passage `p` other than `r`, in output order.
    fn copies(&self, p: usize, r: usize) -> Vec<ReuseCopy> {
        let mut out = Vec::new();
        let mut last = u32::MAX;
        for &u in &self.passages[p].members {
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

    /// Report `r`'s block, from `text`, the text it was scored on.
    pub fn block(&self, r: usize, text: &str) -> Reuse {
        let lines = Line::all(text);
        let mut copied = Cover::default();
        let mut common = Cover::default();
        // (other report, line, start, end) of every unit shared with it: one flat list,
        // sorted once, where a map of covers per source costs an allocation per entry.
        let mut from: Vec<(u32, u32, u32, u32)> = Vec::new();
        let mut passages = Vec::new();
        for i in self.units_of(r) {
            let p = self.passage_of[i];
            if p == u32::MAX {
                continue;
            }
            let u = &self.units[i];
            let passage = &self.passages[p as usize];
            // Common wording is the genre's, said in most of the batch: counted in
            // `common_share`, never listed, so no scorecard repeats the boilerplate.
            if passage.common {
                common.add(u);
                continue;
            }
            copied.add(u);
            let mut last = u32::MAX;
            for &m in &passage.members {
                let o = self.owner[m as usize];
                if o as usize != r && o != last {
                    from.push((o, u.line, u.start, u.end));
                }
                last = o;
            }
            passages.push(ReusePassage {
                id: p as usize + 1,
                line: u.line as usize + 1,
                unit: if u.sentence { "sentence" } else { "paragraph" }.to_string(),
                chars: usize::from(u.chars),
                text: quote(&lines, u),
                reports: passage.reports,
                copies: self.copies(p as usize, r),
            });
        }
        let total = lines.iter().map(|l| l.shown(0, u32::MAX)).sum();
        let chars = copied.count(&lines);
        for (line, ranges) in &copied.marks {
            for &(s, e) in ranges {
                common.marks.entry(*line).or_default().push((s, e));
            }
        }
        let common_chars = common.count(&lines) - chars;
        Reuse {
            share: share(chars, total),
            chars,
            common_share: share(common_chars, total),
            common_chars,
            batch: self.len(),
            sources: self.sources(from, &lines, total),
            passages,
        }
    }

    /// The reports text was shared with, most first (then in output order).
    fn sources(
        &self,
        mut from: Vec<(u32, u32, u32, u32)>,
        lines: &[Line],
        total: usize,
    ) -> Vec<ReuseSource> {
        from.sort_unstable();
        let mut out: Vec<(usize, u32)> = from
            .chunk_by(|a, b| a.0 == b.0)
            .map(|run| {
                let mut c = Cover::default();
                for &(_, line, start, end) in run {
                    c.marks.entry(line).or_default().push((start, end));
                }
                (c.count(lines), run[0].0)
            })
            .collect();
        out.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
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
        let first = |p: usize| &self.units[self.passages[p].members[0] as usize];
        order.sort_by(|&a, &b| {
            let (pa, pb) = (&self.passages[a], &self.passages[b]);
            pb.reports
                .cmp(&pa.reports)
                .then(first(b).chars.cmp(&first(a).chars))
                .then(a.cmp(&b))
        });
        order
            .into_iter()
            .take(n)
            .map(|p| TopPassage {
                id: p + 1,
                reports: self.passages[p].reports,
                chars: usize::from(first(p).chars),
                common: self.passages[p].common,
                text: String::new(),
                copies: self.copies(p, usize::MAX),
            })
            .collect()
    }

    /// The words of the top passages (as [`Index::top`] gave them) that report `r` holds
    /// first: (place in `top`, words), from `text`, the text it was scored on.
    pub fn top_words(&self, top: &[TopPassage], r: usize, text: &str) -> Vec<(usize, String)> {
        let lines = Line::all(text);
        top.iter()
            .enumerate()
            .filter_map(|(i, t)| {
                let u = self.passages[t.id - 1].members[0];
                (self.owner[u as usize] as usize == r)
                    .then(|| (i, quote(&lines, &self.units[u as usize])))
            })
            .collect()
    }
}
