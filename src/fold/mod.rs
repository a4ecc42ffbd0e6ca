//! Narrow folding of full-width forms and traditional characters for matching.
//!
//! NFKC is deliberately not used: it rewrites Chinese punctuation beyond what reports need
//! and shifts offsets. This fold maps every char to exactly one char, so char index `i` of
//! the folded text is char index `i` of the original, and evidence is quoted from the
//! original without an offset table. Traditional characters fold to simplified ones
//! ([`hant`]) in text and rule patterns alike, so a rule written in simplified
//! matches a report mirrored in traditional and its evidence quotes the traditional line.
//! [`width`] counts the terminal columns text takes.

mod bmp;
pub mod hant;
mod offsets;
pub mod width;

pub use offsets::{fold_mapped, OffsetMap};

/// Folds one char: full-width ASCII (U+FF01–U+FF5E) to ASCII, ideographic and no-break
/// spaces to a space, a few look-alike marks to their common form, and a traditional
/// character to its simplified one when that is a single char.
pub fn fold_char(c: char) -> char {
    fold_char_with(c, hant::to_simplified)
}

/// [`fold_char`] with the traditional lookup given (see [`hant::simplifier`]).
fn fold_char_with(c: char, simplify: impl Fn(char) -> char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}' | '\u{2003}' | '\u{2009}' => ' ',
        '〔' => '[',
        '〕' => ']',
        '—' => '-',
        _ => simplify(c),
    }
}

/// Folds a string char by char (same char count as the input).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let fold = bmp::folder();
    out.extend(s.chars().map(fold));
    out
}

/// Folds a text [`fold`] produced once more: borrowed as it is when that changes nothing,
/// which is nearly always (folding is idempotent but for a char or two of the traditional
/// table, such as 薴 → 苧 → 苎, see [`hant::unstable_outputs`]).
pub fn refold(s: &str) -> std::borrow::Cow<'_, str> {
    // A supplementary char (a four-byte sequence) is looked up as folding would.
    let settled = if s.bytes().any(|b| b >= 0xF0) {
        s.chars().all(|c| fold_char(c) == c)
    } else {
        !hant::unstable_outputs().iter().any(|&c| s.contains(c))
    };
    if settled {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(fold(s))
    }
}

/// Folds a rule's regular expression the way text is folded, escaping a full-width char
/// that folds into a regex metacharacter: a rule author who wrote `（一）` meant the
/// brackets literally, not a group.
pub fn fold_pattern(p: &str) -> String {
    fold_pattern_traced(p).0
}

/// [`fold_pattern`], with the byte offset in `p` that each byte of the result comes from,
/// so that a regex error in the folded pattern can be shown on the pattern as written.
pub fn fold_pattern_traced(p: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(p.len());
    let mut from = Vec::with_capacity(p.len());
    let mut escaped = false;
    for (i, c) in p.char_indices() {
        let f = fold_char(c);
        // `\（` was already escaped by its author; escaping again would give `\\(`.
        if f != c && !escaped && "()[]{}.*+?|^$\\".contains(f) {
            out.push('\\');
        }
        out.push(f);
        from.resize(out.len(), i);
        escaped = c == '\\' && !escaped;
    }
    (out, from)
}

/// Converts a byte offset in `folded` to the byte offset of the same char in `original`.
/// Both strings must have the same chars count (as produced by [`fold`]).
pub fn map_offset(folded: &str, original: &str, byte: usize) -> usize {
    // Chars are counted by their first bytes, which is what a char count is, without
    // decoding them.
    let starts = |b: &u8| (*b as i8) >= -0x40;
    let nchars = folded.as_bytes()[..byte]
        .iter()
        .filter(|b| starts(b))
        .count();
    original
        .as_bytes()
        .iter()
        .enumerate()
        .filter(|(_, b)| starts(b))
        .nth(nchars)
        .map_or(original.len(), |(i, _)| i)
}

/// Whether a line looks like the output of a broken conversion, with `?`, `？` or U+FFFD
/// standing where characters were lost (e.g. a GBK page saved as Latin-1, or traditional
/// text forced into a simplified code page).
///
/// True when a run of two or more such marks sits between two Han characters, when a run
/// of three or more stands anywhere, or when three or more `?`/U+FFFD marks touch a Han
/// character (one lost char each). A lone `？` is the ordinary Chinese question mark and
/// counts only inside a run: "是否到位？下一步" is not broken.
pub fn is_broken_conversion(line: &str) -> bool {
    // Most lines have no mark at all: three substring searches, no char vector.
    if !has_lost_mark(line) {
        return false;
    }
    let chars: Vec<char> = line.chars().collect();
    let mut touching = 0;
    let mut i = 0;
    while i < chars.len() {
        if !is_lost_mark(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_lost_mark(chars[i]) {
            i += 1;
        }
        let run = &chars[start..i];
        let before = start.checked_sub(1).map(|j| chars[j]).is_some_and(is_han);
        let after = chars.get(i).copied().is_some_and(is_han);
        if run.len() >= 3 || (run.len() == 2 && before && after) {
            return true;
        }
        if before || after {
            touching += run.iter().filter(|&&c| c != '？').count();
        }
    }
    touching >= 3
}

/// True when a line holds a mark a broken conversion may have left.
pub fn has_lost_mark(line: &str) -> bool {
    line.contains('?') || line.contains('？') || line.contains('\u{FFFD}')
}

/// A mark a broken conversion leaves in place of a char.
fn is_lost_mark(c: char) -> bool {
    matches!(c, '?' | '？' | '\u{FFFD}')
}

/// A Han ideograph (the blocks reports use, including the supplementary plane).
fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
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
    fn folding_twice_changes_only_what_simplifies_twice() {
        for text in ["薴麻", "法治（一）１２", "執法苧", "\u{27A59}法", "𠀀"] {
            let once = fold(text);
            assert_eq!(refold(&once), fold(&once), "{text}");
        }
        assert!(matches!(
            refold("法治(一)12"),
            std::borrow::Cow::Borrowed(_)
        ));
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

    #[test]
    fn folds_traditional_to_simplified() {
        let pairs = [
            ("法治政府建設", "法治政府建设"),
            ("規範性文件", "规范性文件"),
            ("備案審查", "备案审查"),
            ("行政執法", "行政执法"),
            ("複議", "复议"),
            ("應訴", "应诉"),
            ("裁量權基準", "裁量权基准"),
        ];
        for (hant, hans) in pairs {
            assert_eq!(fold(hant), hans);
            assert_eq!(fold(hant).chars().count(), hant.chars().count());
            // A rule written in either form folds to the same pattern.
            assert_eq!(fold_pattern(hant), hans);
            assert_eq!(fold_pattern(hans), hans);
        }
    }

    #[test]
    fn common_simplified_words_are_untouched() {
        let words =
            "法治政府建设、规范性文件、备案审查、行政执法、复议、干部、著作权、发布、里程、后续";
        assert_eq!(fold(words), words);
    }

    #[test]
    fn traditional_fold_keeps_offsets() {
        let orig = "（二）嚴格規範公正文明執法，行政執法三項制度全面落實。";
        let f = fold(orig);
        assert_eq!(f, "(二)严格规范公正文明执法,行政执法三项制度全面落实。");
        assert_eq!(f.chars().count(), orig.chars().count());
        let b = f.find("三项制度").unwrap();
        let o = map_offset(&f, orig, b);
        let e = map_offset(&f, orig, b + "三项制度".len());
        assert_eq!(&orig[o..e], "三項制度");
    }

    #[test]
    fn broken_conversion_runs_between_han() {
        assert!(is_broken_conversion("推进??政府建设"));
        assert!(is_broken_conversion("深入学习贯彻习近平？？思想"));
        assert!(is_broken_conversion("完善\u{FFFD}\u{FFFD}审查机制"));
        assert!(is_broken_conversion("推进?？政府建设"));
        // A whole lost word at a line's edge, or a line of marks.
        assert!(is_broken_conversion("????年度报告"));
        assert!(is_broken_conversion("？？？？？？"));
        // One mark per lost char, many times.
        assert!(is_broken_conversion("推进?治政府建?，?行政执法"));
        assert!(is_broken_conversion(
            "\u{FFFD}案审查、\u{FFFD}议应诉、普\u{FFFD}"
        ));
    }

    #[test]
    fn ordinary_question_marks_are_not_broken() {
        assert!(!is_broken_conversion("如何推进法治政府建设？"));
        assert!(!is_broken_conversion(
            "是否到位？下一步如何？还有哪些问题？"
        ));
        assert!(!is_broken_conversion(
            "详见 http://www.gov.cn/index.html?id=3&p=2"
        ));
        assert!(!is_broken_conversion("Why?? Because."));
        assert!(!is_broken_conversion("法治政府建设??"));
        assert!(!is_broken_conversion("推进?政府建设"));
        assert!(!is_broken_conversion(""));
    }
}
