//! The fold of every char of the Basic Multilingual Plane in one table.
//!
//! Folding looks at every non-ASCII char of every line; asked through [`super::fold_char`]
//! each one passes the full-width, space and look-alike cases before the traditional
//! table. Here the answers of both are one index, taken from the traditional table and
//! the few cases of [`super::fold_char`], so building the table costs a copy, not a fold
//! of 65,536 chars.

use super::hant::{self, ELSEWHERE};
use std::sync::LazyLock;

/// The chars [`super::fold_char`] folds itself, before the traditional table: none of
/// them is Han, so the two never overlap.
fn own_cases() -> impl Iterator<Item = char> {
    ('\u{FF01}'..='\u{FF5E}').chain([
        '\u{3000}', '\u{00A0}', '\u{2002}', '\u{2003}', '\u{2009}', '〔', '〕', '—',
    ])
}

/// Every BMP code point's fold: 0 when the char folds to itself, [`ELSEWHERE`] when the
/// answer is a supplementary char (ask [`super::fold_char`]), else the folded char (128 KB).
static FOLDS: LazyLock<Box<[u16]>> = LazyLock::new(|| {
    let mut table = vec![0u16; 0x10000];
    let (first, direct) = hant::direct();
    let first = first as usize;
    table[first..first + direct.len()].copy_from_slice(direct);
    for c in own_cases() {
        let f = super::fold_char(c);
        table[c as usize] = u16::try_from(f as u32).unwrap_or(ELSEWHERE);
    }
    table.into_boxed_slice()
});

/// [`super::fold_char`] with the table looked up once, for folding whole lines.
pub fn folder() -> impl Fn(char) -> char {
    let table: &'static [u16] = &FOLDS;
    move |c| match table.get(c as usize).copied() {
        Some(0) => c,
        Some(v) if v != ELSEWHERE => char::from_u32(u32::from(v)).unwrap_or(c),
        _ => super::fold_char(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_folds_every_char_as_fold_char_does() {
        let fold = folder();
        for c in (0..0x11000u32).filter_map(char::from_u32) {
            assert_eq!(fold(c), crate::fold::fold_char(c), "U+{:04X}", c as u32);
        }
    }
}
