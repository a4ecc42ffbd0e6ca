//! Traditional → simplified, one char for one char, for the matching fold.
//!
//! The mapping is OpenCC's (through the `ferrous-opencc` crate, Apache-2.0), asked once per
//! Han code point and kept only where the answer is a single, different char. Phrase-level
//! conversion is deliberately not used: it can change the char count, and the fold must
//! keep char index `i` of the folded text equal to char index `i` of the original.
//!
//! Asking OpenCC took 4–11 ms on every run before the first line could be folded, so its
//! answers are kept in `hant_t2s.txt`; a test checks the file against OpenCC and says how
//! to remake it when the crate is upgraded.

#[cfg(test)]
use ferrous_opencc::{config::BuiltinConfig, OpenCC};
use std::sync::LazyLock;

/// The blocks of the Basic Multilingual Plane that hold OpenCC's single-char t2s entries:
/// CJK Ext A and the URO (with the Yijing symbols between them, which never change), and
/// the compatibility ideographs.
#[cfg(test)]
const BMP_RANGES: [(u32, u32); 2] = [(0x3400, 0x9FFF), (0xF900, 0xFAFF)];

/// The supplementary ideographic plane (Ext B–F, compatibility supplement): a few hundred
/// entries among 65,536 code points, asked only when a report has such a char.
#[cfg(test)]
const SIP_RANGES: [(u32, u32); 1] = [(0x20000, 0x2FFFF)];

/// The lowest code point that can change: everything below (ASCII, punctuation, kana)
/// returns at once without touching a table.
const FIRST: char = '\u{3400}';

/// Where the supplementary plane starts.
const SIP: char = '\u{20000}';

/// One converter for both tables, for the test that checks [`EMBEDDED`] against it.
#[cfg(test)]
static T2S: LazyLock<Option<OpenCC>> =
    LazyLock::new(|| OpenCC::from_config(BuiltinConfig::T2s).ok());

/// Phrases whose traditional form has a char that OpenCC keeps when alone (its first
/// simplified reading is itself) but simplifies here: 答覆→答复, 瞭解→了解. These are
/// the forms OpenCC's s2t writes for 答复, 了解, 借助, 仿佛, 抵触, 只得 in a report, and
/// without them such a traditional report would miss rules written in simplified. Folding
/// 覆→复 everywhere is harmless for matching: a pattern with 覆盖 folds to 复盖 too.
#[cfg(test)]
const SECOND_READINGS: [&str; 6] = ["答覆", "瞭解", "藉助", "彷彿", "牴觸", "衹得"];

/// Every pair OpenCC gives (the BMP ranges with the second readings, then the
/// supplementary plane), sorted by the traditional char: one line per pair, traditional
/// char then simplified char.
const EMBEDDED: &str = include_str!("hant_t2s.txt");

/// The embedded pairs of one plane.
fn embedded(plane: impl Fn(char) -> bool) -> Box<[(char, char)]> {
    let pair = |l: &str| {
        let mut cs = l.chars();
        Some((cs.next()?, cs.next()?))
    };
    EMBEDDED
        .lines()
        .filter_map(pair)
        .filter(|&(t, _)| plane(t))
        .collect()
}

/// The BMP pairs, sorted by the traditional char.
static BMP_TABLE: LazyLock<Box<[(char, char)]>> = LazyLock::new(|| embedded(|t| t < SIP));

/// The same pairs indexed by `c - FIRST` (0 = unchanged, [`ELSEWHERE`] = see
/// [`BMP_TABLE`]; 100 KB): the fold looks at every char of every line, so the lookup is
/// one index, not a search.
static BMP_DIRECT: LazyLock<Box<[u16]>> = LazyLock::new(|| {
    let mut direct = vec![0u16; DIRECT_LEN];
    for &(t, s) in BMP_TABLE.iter() {
        direct[t as usize - FIRST as usize] = u16::try_from(s as u32).unwrap_or(ELSEWHERE);
    }
    direct.into_boxed_slice()
});

/// Length of the direct table: U+3400 up to the end of the BMP ranges.
const DIRECT_LEN: usize = 0xFB00 - 0x3400;

/// A direct-table value for the few BMP chars whose simplified form is a supplementary
/// char (a noncharacter, so never a real answer).
pub(super) const ELSEWHERE: u16 = u16::MAX;

/// Same for the supplementary plane; separate so ordinary reports never pay for it.
static SIP_TABLE: LazyLock<Box<[(char, char)]>> = LazyLock::new(|| embedded(|t| t >= SIP));

/// Returns the simplified counterpart of `c`, or `c` itself when it has none (already
/// simplified, not Han, or a traditional char whose simplification is not one char).
pub fn to_simplified(c: char) -> char {
    if c < FIRST {
        return c;
    }
    if c < SIP {
        return match BMP_DIRECT.get(c as usize - FIRST as usize).copied() {
            None | Some(0) => c,
            Some(ELSEWHERE) => lookup(&BMP_TABLE, c),
            Some(v) => char::from_u32(u32::from(v)).unwrap_or(c),
        };
    }
    lookup(&SIP_TABLE, c)
}

/// The simplified chars of the BMP table that simplify again (薴 → 苧 → 苎): the only
/// chars below the supplementary plane of a folded text that folding would change. The
/// supplementary table is left unbuilt, as [`to_simplified`] leaves it.
pub fn unstable_outputs() -> &'static [char] {
    static UNSTABLE: LazyLock<Box<[char]>> = LazyLock::new(|| {
        let mut out: Vec<char> = BMP_TABLE
            .iter()
            .map(|&(_, s)| s)
            .filter(|&s| s < SIP && to_simplified(s) != s)
            .collect();
        out.sort_unstable();
        out.dedup();
        out.into_boxed_slice()
    });
    &UNSTABLE
}

/// [`to_simplified`] with the direct table looked up once, for folding a whole line: the
/// lookup per char is then one index, without asking the lazy table each time.
pub fn simplifier() -> impl Fn(char) -> char {
    let direct: &'static [u16] = &BMP_DIRECT;
    move |c| {
        if c < FIRST {
            return c;
        }
        match direct.get(c as usize - FIRST as usize).copied() {
            Some(0) => c,
            Some(v) if v != ELSEWHERE => char::from_u32(u32::from(v)).unwrap_or(c),
            _ => to_simplified(c),
        }
    }
}

/// The direct table and the code point its first entry stands for, for [`super::bmp`]'s
/// table of the whole fold.
pub(super) fn direct() -> (char, &'static [u16]) {
    (FIRST, &BMP_DIRECT)
}

/// Binary search of a sorted pair table.
fn lookup(table: &[(char, char)], c: char) -> char {
    match table.binary_search_by_key(&c, |&(t, _)| t) {
        Ok(i) => table[i].1,
        Err(_) => c,
    }
}

/// Number of chars the fold simplifies, both planes (for tests and diagnostics).
pub fn table_len() -> usize {
    BMP_TABLE.len() + SIP_TABLE.len()
}

/// OpenCC's pairs as [`EMBEDDED`] holds them, one line each.
#[cfg(test)]
fn from_opencc() -> String {
    let mut table = build(&BMP_RANGES).into_vec();
    table.extend(second_readings(&table));
    table.sort_unstable();
    table.extend(build(&SIP_RANGES).iter());
    table.iter().map(|&(t, s)| format!("{t}{s}\n")).collect()
}

/// Builds a table by asking OpenCC's standard t2s about every code point in `ranges`.
///
/// Only standard t2s is asked: its TSCharacters already lists the Taiwan and Hong Kong
/// forms (為, 偽, 啟, 眾, 裡, 說…), while the regional converters' extra answers would fold
/// ordinary simplified chars (么→幺, 抬→擡, 著→着).
#[cfg(test)]
fn build(ranges: &[(u32, u32)]) -> Box<[(char, char)]> {
    let Some(t2s) = T2S.as_ref() else {
        return Box::default();
    };
    let mut table = Vec::new();
    let mut buf = [0u8; 4];
    for &(lo, hi) in ranges {
        for c in (lo..=hi).filter_map(char::from_u32) {
            if let Some(s) = single_change(c, &t2s.convert(c.encode_utf8(&mut buf))) {
                table.push((c, s));
            }
        }
    }
    table.into_boxed_slice()
}

/// The pairs OpenCC's t2s applies inside [`SECOND_READINGS`] but not to the char alone.
#[cfg(test)]
fn second_readings(table: &[(char, char)]) -> Vec<(char, char)> {
    let Some(t2s) = T2S.as_ref() else {
        return Vec::new();
    };
    let mut extra: Vec<(char, char)> = Vec::new();
    for phrase in SECOND_READINGS {
        let simplified = t2s.convert(phrase);
        if simplified.chars().count() != phrase.chars().count() {
            continue;
        }
        for (t, s) in phrase.chars().zip(simplified.chars()) {
            let known = table.iter().any(|&(k, _)| k == t) || extra.iter().any(|&(k, _)| k == t);
            if t != s && !known {
                extra.push((t, s));
            }
        }
    }
    extra
}

/// The converted char when `out` is exactly one char other than `c`.
#[cfg(test)]
fn single_change(c: char, out: &str) -> Option<char> {
    let mut it = out.chars();
    match (it.next(), it.next()) {
        (Some(s), None) if s != c => Some(s),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_pairs_are_what_opencc_says() {
        let fresh = from_opencc();
        if fresh != EMBEDDED && std::env::var_os("LAWSCORE_WRITE_HANT").is_some() {
            std::fs::write("src/fold/hant_t2s.txt", &fresh).expect("write src/fold/hant_t2s.txt");
            return;
        }
        assert!(
            fresh == EMBEDDED,
            "src/fold/hant_t2s.txt is not what ferrous-opencc gives (upgraded?): remake it with \
             LAWSCORE_WRITE_HANT=1 cargo test --release --lib fold::hant"
        );
    }

    #[test]
    fn table_is_sorted_one_to_one_and_sizeable() {
        // OpenCC's TSCharacters alone has about 4,100 single-char entries.
        assert!(table_len() > 4000, "only {} entries", table_len());
        for table in [&BMP_TABLE, &SIP_TABLE] {
            assert!(table.windows(2).all(|w| w[0].0 < w[1].0));
            assert!(table.iter().all(|&(t, s)| t != s));
        }
        assert!(SIP_TABLE.iter().all(|&(t, _)| t >= SIP));
        // The direct table gives what the pair table holds, including the BMP chars whose
        // simplified form is supplementary.
        assert!(BMP_TABLE.iter().all(|&(t, s)| to_simplified(t) == s));
        let simplify = simplifier();
        assert!(BMP_TABLE.iter().all(|&(t, s)| simplify(t) == s));
        assert_eq!(simplify('\u{27A59}'), '䜥');
        assert_eq!(simplify('法'), '法');
        assert!(BMP_TABLE.iter().any(|&(_, s)| s >= SIP));
    }

    #[test]
    fn unstable_outputs_are_the_chars_that_fold_twice() {
        let unstable = unstable_outputs();
        assert!(unstable.contains(&'苧'), "{unstable:?}");
        for &(_, s) in BMP_TABLE.iter().filter(|&&(_, s)| s < SIP) {
            assert_eq!(to_simplified(s) != s, unstable.contains(&s), "{s}");
        }
    }

    #[test]
    fn maps_traditional_and_keeps_everything_else() {
        assert_eq!(to_simplified('設'), '设');
        assert_eq!(to_simplified('審'), '审');
        assert_eq!(to_simplified('為'), '为');
        assert_eq!(to_simplified('爲'), '为');
        assert_eq!(to_simplified('衛'), '卫');
        // Second readings: alone OpenCC keeps these, in 答覆/瞭解/藉助 it simplifies them.
        for (t, s) in [
            ('覆', '复'),
            ('瞭', '了'),
            ('藉', '借'),
            ('彷', '仿'),
            ('牴', '抵'),
            ('衹', '只'),
        ] {
            assert_eq!(to_simplified(t), s);
        }
        // Ext B, from the supplementary table: 𧩙 (U+27A59) → 䜥.
        assert_eq!(to_simplified('\u{27A59}'), '䜥');
        for c in "法治政府建设规范性文件备案审查行政执法复议干部著作权发布里程后续aA1（，。".chars()
        {
            assert_eq!(to_simplified(c), c, "{c} changed");
        }
    }
}
