//! Where the bytes of a folded line sit in the original line.
//!
//! Folding keeps the char count but not always a char's UTF-8 length (full-width `，` is
//! three bytes, the folded `,` one), so byte offsets drift apart at each such char. Evidence
//! maps every hit back to the original; counting chars from the line's start for each one
//! made that quadratic in a line's length. [`OffsetMap`] records the drift once, while
//! folding, at the chars that change length, and answers by binary search.

/// The drift between a folded line and its original, recorded where it changes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// (end of a char in the folded line whose length changed, original offset minus folded
    /// offset from there on), in text order. Empty when every char kept its length, which
    /// is the case for a line without full-width forms.
    shifts: Vec<(u32, i32)>,
}

impl OffsetMap {
    /// The byte offset in the original of byte `folded` (a char boundary) of the folded line.
    pub fn original(&self, folded: usize) -> usize {
        let i = self
            .shifts
            .partition_point(|&(at, _)| at as usize <= folded);
        match i.checked_sub(1) {
            None => folded,
            Some(j) => (folded as i64 + i64::from(self.shifts[j].1)) as usize,
        }
    }
}

/// Folds a line with [`super::fold_char`] and records its [`OffsetMap`].
pub fn fold_mapped(s: &str) -> (String, OffsetMap) {
    let fold = super::bmp::folder();
    let mut out = String::with_capacity(s.len());
    let mut shifts = Vec::new();
    let mut drift: i64 = 0;
    // Most chars fold to themselves (ASCII never folds): the runs between the ones that
    // change are copied whole rather than char by char.
    let mut copied = 0;
    for (i, c) in s.char_indices() {
        if c.is_ascii() {
            continue;
        }
        let f = fold(c);
        if f == c {
            continue;
        }
        out.push_str(&s[copied..i]);
        out.push(f);
        copied = i + c.len_utf8();
        if f.len_utf8() != c.len_utf8() {
            drift += c.len_utf8() as i64 - f.len_utf8() as i64;
            // Lines are far below 4 GiB: the input limit is 256 MiB.
            shifts.push((out.len() as u32, drift as i32));
        }
    }
    out.push_str(&s[copied..]);
    (out, OffsetMap { shifts })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::{fold, map_offset};

    #[test]
    fn maps_every_char_boundary_as_counting_chars_does() {
        for line in [
            "",
            "法治政府建设",
            "（一）出庭应诉率１００％，行政執法三項制度。",
            "甲\u{3000}乙\u{00A0}丙 — 〔2023〕1号",
            "abc，def",
        ] {
            let (folded, map) = fold_mapped(line);
            assert_eq!(folded, fold(line));
            for (b, _) in folded.char_indices().chain([(folded.len(), ' ')]) {
                assert_eq!(
                    map.original(b),
                    map_offset(&folded, line, b),
                    "{line} at {b}"
                );
            }
        }
    }

    #[test]
    fn a_line_that_keeps_its_lengths_records_nothing() {
        let (_, map) = fold_mapped("行政執法三項制度全面落實。");
        assert_eq!(map, OffsetMap::default());
        let (_, map) = fold_mapped("落實，");
        assert_eq!(map.original("落实,".len()), "落實，".len());
    }
}
