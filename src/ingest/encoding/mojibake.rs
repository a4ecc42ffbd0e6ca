//! Whether text decoded as GB18030 reads as Chinese, or is another encoding misread.
//!
//! Most byte sequences of Big5, Shift_JIS, EUC-JP and EUC-KR are also valid GBK, so decoding one
//! as GB18030 gives no error, only mojibake: kana, private-use characters and rare Han
//! characters in place of a report, which scores 0. chardetng, given the `cn` hint the
//! reports need, takes them for GBK. So the decoded text itself is read: a Chinese
//! text is made of common characters (GB 2312 level 1: the standard's 3,755 常用汉字,
//! taken from encoding_rs's GBK table rather than typed in) and uses the most common words
//! (的 和 在 …) dozens of times per thousand characters; misread text does neither.
//! When a GB18030 reading fails that, the bytes are read again in Big5, Shift_JIS, EUC-JP
//! and EUC-KR, and the one that reads well is named, so the user can say it with `--encoding`.

use crate::msg::t;
use std::sync::OnceLock;

use encoding_rs::{Encoding, BIG5, EUC_JP, EUC_KR, GBK, SHIFT_JIS};

use crate::fold::fold_char;

/// Letters (see [`is_letter`]) read per text: enough to judge, and a bound on the work.
const SAMPLE_LETTERS: usize = 16 * 1024;

/// Bytes re-read in each other encoding: about [`SAMPLE_LETTERS`] two-byte characters.
const SAMPLE_BYTES: usize = 2 * SAMPLE_LETTERS;

/// Below this many letters a text is too short to judge (a title, a few table cells): no
/// verdict, the text is taken as decoded.
pub(crate) const MIN_LETTERS: usize = 100;

/// Common words per thousand letters below which a text does not read as Chinese. Reports
/// have 40–80 (the fixtures and seeds); misread text has none.
const CHINESE_WORDS_PER_MILLE: usize = 5;

/// Common words per thousand letters from which another reading counts as Chinese: well
/// above what chance gives a misread text, well below what a report has.
const READS_WELL_PER_MILLE: usize = 20;

/// Share (per cent) of letters that are not common Han characters from which a GB18030
/// reading is mojibake even when no other encoding reads better. Reports have under 1 %.
const GARBLED_PCT: usize = 40;

/// Share (per cent) of letters that must be kana for a Japanese reading, or hangul for a
/// Korean one.
const KANA_PCT: usize = 10;
const HANGUL_PCT: usize = 30;

/// Words so common in Chinese prose, and in these reports, that no page of either lacks
/// them: the function words, and the report's own vocabulary (compared after folding, so
/// traditional text counts too).
const COMMON_CHARS: &[char] = &['的', '了', '和', '在', '是', '等'];
const COMMON_PAIRS: &[[char; 2]] = &[
    ['工', '作'],
    ['政', '府'],
    ['法', '治'],
    ['依', '法'],
    ['建', '设'],
    ['行', '政'],
    ['管', '理'],
    ['推', '进'],
];

/// What a decoded text is made of, over its first [`SAMPLE_LETTERS`] letters.
#[derive(Debug, Default, Clone, Copy)]
struct Reading {
    letters: usize,
    common_han: usize,
    kana: usize,
    hangul: usize,
    words: usize,
    undecodable: usize,
}

impl Reading {
    fn of(text: &str) -> Reading {
        let mut r = Reading::default();
        let mut prev = '\0';
        for c in text.chars() {
            if c == '\u{FFFD}' {
                r.undecodable += 1;
            }
            if !is_letter(c) {
                prev = c;
                continue;
            }
            let f = fold_char(c);
            r.letters += 1;
            r.common_han += usize::from(is_common_han(f));
            r.kana += usize::from(matches!(c, '\u{3040}'..='\u{30FF}'));
            r.hangul += usize::from(matches!(c, '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}'));
            r.words += usize::from(COMMON_CHARS.contains(&f) || COMMON_PAIRS.contains(&[prev, f]));
            prev = f;
            if r.letters == SAMPLE_LETTERS {
                break;
            }
        }
        r
    }

    fn per_mille(&self, n: usize) -> usize {
        n * 1000 / self.letters.max(1)
    }

    fn pct(&self, n: usize) -> usize {
        n * 100 / self.letters.max(1)
    }

    fn reads_as_chinese(&self, per_mille: usize) -> bool {
        self.per_mille(self.words) >= per_mille
    }

    /// Chinese, Japanese or Korean that a person could read, decoded without loss.
    fn reads_well(&self) -> bool {
        self.letters >= MIN_LETTERS
            && self.per_mille(self.undecodable) <= 5
            && (self.reads_as_chinese(READS_WELL_PER_MILLE)
                || self.pct(self.kana) >= KANA_PCT
                || self.pct(self.hangul) >= HANGUL_PCT)
    }

    /// Per cent of letters that are not common Han characters.
    fn strange_pct(&self) -> usize {
        self.pct(self.letters - self.common_han)
    }
}

/// Characters that carry the language of a text: everything outside ASCII but punctuation,
/// symbols and spaces (general punctuation, Latin-1 signs, letterlike symbols to dingbats,
/// CJK punctuation, full-width forms), which Chinese, Japanese and misread text all have.
fn is_letter(c: char) -> bool {
    !(c.is_ascii()
        || matches!(c, '\u{80}'..='\u{BF}' | '\u{2000}'..='\u{27BF}' | '\u{3000}'..='\u{303F}')
        || matches!(c, '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FFEF}'))
}

/// First and last code point of the CJK Unified Ideographs block, where all of
/// GB 2312 level 1 lies.
const HAN_FIRST: u32 = 0x4E00;
const HAN_LAST: u32 = 0x9FFF;

/// GB 2312 level 1 as a bitset over [`HAN_FIRST`]..=[`HAN_LAST`]: rows 16–55 (lead bytes
/// 0xB0–0xD7) of the standard, decoded by encoding_rs.
fn common_han_set() -> &'static [u64] {
    static SET: OnceLock<Vec<u64>> = OnceLock::new();
    SET.get_or_init(|| {
        let mut bits = vec![0u64; ((HAN_LAST - HAN_FIRST) as usize) / 64 + 1];
        for lead in 0xB0u8..=0xD7 {
            for trail in 0xA1u8..=0xFE {
                let pair = [lead, trail];
                let (text, _) = GBK.decode_without_bom_handling(&pair);
                for c in text
                    .chars()
                    .filter(|&c| (HAN_FIRST..=HAN_LAST).contains(&(c as u32)))
                {
                    let i = (c as u32 - HAN_FIRST) as usize;
                    bits[i / 64] |= 1 << (i % 64);
                }
            }
        }
        bits
    })
}

fn is_common_han(c: char) -> bool {
    let Some(i) = (c as u32)
        .checked_sub(HAN_FIRST)
        .filter(|_| c as u32 <= HAN_LAST)
    else {
        return false;
    };
    let i = i as usize;
    common_han_set()[i / 64] & (1 << (i % 64)) != 0
}

/// How many characters of GB 2312 level 1 the common set holds (3,755 when built right).
#[cfg(test)]
fn common_han_count() -> u32 {
    common_han_set().iter().map(|w| w.count_ones()).sum()
}

/// When `text`, decoded from `bytes` as GB18030, reads as mojibake: the message that says
/// so, names the encoding that reads well (when one does) and the flag that forces it.
/// `None` for Chinese text and for texts too short to judge.
pub(crate) fn misread_as_gb(bytes: &[u8], text: &str) -> Option<String> {
    let gb = Reading::of(text);
    if gb.letters < MIN_LETTERS || gb.reads_as_chinese(CHINESE_WORDS_PER_MILLE) {
        return None;
    }
    let start = bytes.iter().position(|b| !b.is_ascii()).unwrap_or(0);
    let window = &bytes[start..bytes.len().min(start + SAMPLE_BYTES)];
    let better = [BIG5, SHIFT_JIS, EUC_JP, EUC_KR]
        .into_iter()
        .map(|enc| (enc, Reading::of(&enc.decode_without_bom_handling(window).0)))
        .filter(|(_, r)| r.reads_well())
        .max_by_key(|(_, r)| r.per_mille(r.words + r.kana + r.hangul));
    // Korean misread as GB18030 is made of common characters: the share is said only
    // when it is part of the reason.
    let strange = match gb.strange_pct() {
        p if p >= 10 => t!("ingest.mojibake.strange", pct = p),
        _ => String::new(),
    };
    let why = t!(
        "ingest.mojibake",
        words = gb.per_mille(gb.words),
        strange = strange
    );
    match better {
        Some((enc, _)) => Some(t!(
            "ingest.mojibake.looks_like",
            why = why,
            name = enc.name(),
            flag = flag_label(enc)
        )),
        None if gb.strange_pct() >= GARBLED_PCT => Some(t!("ingest.mojibake.unknown", why = why)),
        None => None,
    }
}

/// The label to type after `--encoding` for `enc`.
fn flag_label(enc: &'static Encoding) -> String {
    enc.name().to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_set_is_gb2312_level_1() {
        assert_eq!(common_han_count(), 3755);
        assert!(is_common_han('的') && is_common_han('法') && is_common_han('座'));
        assert!(!is_common_han('齉') && !is_common_han('の') && !is_common_han('a'));
    }

    #[test]
    fn chinese_reads_as_chinese_and_short_text_is_not_judged() {
        let report = "依法行政，建设法治政府。政府工作在法治轨道上推进的成效明显。".repeat(10);
        assert_eq!(misread_as_gb(report.as_bytes(), &report), None);
        let short = "ひらがな".repeat(MIN_LETTERS / 4 - 1);
        assert_eq!(misread_as_gb(short.as_bytes(), &short), None);
    }
}
