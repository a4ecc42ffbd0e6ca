//! Narrow folding of full-width forms for matching.
//!
//! NFKC is deliberately not used: it rewrites Chinese punctuation beyond what reports need
//! and shifts offsets. This fold maps every char to exactly one char, so char index `i` of
//! the folded text is char index `i` of the original, and evidence is quoted from the
//! original without an offset table.

/// Folds one char: full-width ASCII (U+FF01–U+FF5E) to ASCII, ideographic and no-break
/// spaces to a space, and a few look-alike marks to their common form.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}' | '\u{2003}' | '\u{2009}' => ' ',
        '〔' => '[',
        '〕' => ']',
        '—' => '-',
        _ => c,
    }
}

/// Folds a string char by char (same char count as the input).
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// Folds a rule's regular expression the way text is folded, escaping a full-width char
/// that folds into a regex metacharacter: a rule author who wrote `（一）` meant the
/// brackets literally, not a group.
pub fn fold_pattern(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    let mut escaped = false;
    for c in p.chars() {
        let f = fold_char(c);
        // `\（` was already escaped by its author; escaping again would give `\\(`.
        if f != c && !escaped && "()[]{}.*+?|^$\\".contains(f) {
            out.push('\\');
        }
        out.push(f);
        escaped = c == '\\' && !escaped;
    }
    out
}

/// Converts a byte offset in `folded` to the byte offset of the same char in `original`.
/// Both strings must have the same chars count (as produced by [`fold`]).
pub fn map_offset(folded: &str, original: &str, byte: usize) -> usize {
    let nchars = folded[..byte].chars().count();
    original
        .char_indices()
        .nth(nchars)
        .map(|(i, _)| i)
        .unwrap_or(original.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_fullwidth_punctuation_and_digits() {
        assert_eq!(fold("（一）出庭应诉率１００％，"), "(一)出庭应诉率100%,");
        assert_eq!(fold("甲\u{3000}乙"), "甲 乙");
        // 。、“” are kept: they carry meaning rules rely on.
        assert_eq!(fold("。、“”"), "。、“”");
    }

    #[test]
    fn fold_keeps_char_count_and_maps_offsets() {
        let orig = "审核（规范性）文件１２件";
        let f = fold(orig);
        assert_eq!(f.chars().count(), orig.chars().count());
        let b = f.find("12").unwrap();
        let o = map_offset(&f, orig, b);
        assert!(orig[o..].starts_with("１２"));
    }

    #[test]
    fn pattern_fold_escapes_metacharacters() {
        assert_eq!(fold_pattern("（一）"), r"\(一\)");
        assert_eq!(fold_pattern(r"\d+％"), r"\d+%");
        // ASCII metacharacters the author wrote stay regex syntax.
        assert_eq!(fold_pattern("(甲|乙)"), "(甲|乙)");
        // An author who escaped the full-width bracket gets one escape, not two.
        assert_eq!(fold_pattern(r"\（一\）"), r"\(一\)");
    }
}
