//! The sentences of a report as two sets of keys, kept small so a batch can hold one per
//! report until the end: each sentence word for word, and each with digits and
//! punctuation set aside (a report copied from last year with its figures updated).

use std::collections::HashSet;
use std::hash::Hasher;

use crate::model::history::Overlap;

/// A sentence counts when it has at least this many letters or digits: shorter ones
/// (「（一）」, 「2023年」, a signature's date) stand in every report.
pub const MIN_CHARS: usize = 6;

/// A report's sentences, as keys: the newer report's in text order (each one counted),
/// the older report's looked up as sets.
#[derive(Debug, Clone, Default)]
pub struct Sentences {
    /// (word-for-word key, near key) of each counted sentence, in text order.
    keys: Vec<(u64, u64)>,
}

/// Where a sentence ends: Chinese and Western full stops, question and exclamation marks,
/// semicolons; a line break ends one too.
fn is_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';')
}

impl Sentences {
    /// The sentences of `text`, in one pass over its chars: each sentence's near form is
    /// hashed as its end is looked for, never built.
    pub fn of(text: &str) -> Sentences {
        let mut near = Near::default();
        let mut keys = Vec::new();
        for line in text.lines() {
            let mut start = 0;
            for (i, c) in line.char_indices() {
                near.feed(c);
                if is_end(c) {
                    let end = i + c.len_utf8();
                    keys.extend(near.key(&line[start..end]));
                    start = end;
                }
            }
            keys.extend(near.key(&line[start..]));
        }
        Sentences { keys }
    }

    /// The keys, as [`Sentences::from_keys`] takes them back.
    pub(super) fn keys(&self) -> &[(u64, u64)] {
        &self.keys
    }

    /// Sentences from keys [`Sentences::keys`] gave.
    pub(super) fn from_keys(keys: Vec<(u64, u64)>) -> Sentences {
        Sentences { keys }
    }

    /// How many sentences count.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when no sentence counts.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// How many of `self`'s sentences (the newer report's) stand in `older`.
    pub fn overlap(&self, older: &Sentences) -> Overlap {
        let exact: HashSet<u64> = older.keys.iter().map(|k| k.0).collect();
        let near: HashSet<u64> = older.keys.iter().map(|k| k.1).collect();
        let identical = self.keys.iter().filter(|k| exact.contains(&k.0)).count();
        let nearly = self.keys.iter().filter(|k| near.contains(&k.1)).count();
        let n = self.keys.len();
        Overlap {
            sentences: n,
            identical,
            near: nearly,
            identical_share: share(identical, n),
            near_share: share(nearly, n),
        }
    }
}

/// `part` ÷ `whole` to three decimals; 0 for no sentence.
fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        return 0.0;
    }
    (part as f64 / whole as f64 * 1000.0).round() / 1000.0
}

/// A sentence with digits and punctuation set aside: folded, only letters kept, each run
/// of digits (with a decimal point or a % inside) one `0`.
pub fn near_form(sentence: &str) -> String {
    let mut form = String::new();
    let mut near = Near::default();
    sentence
        .chars()
        .for_each(|c| near.push(c, |k| form.push(k)));
    form
}

/// The key of a near form, as [`Sentences::of`] makes it while the form is read, without
/// the form itself.
#[cfg(test)]
fn near_key(form: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    form.chars().for_each(|c| h.write_u32(u32::from(c)));
    h.finish()
}

/// What a char of folded text is to [`near_form`].
#[derive(PartialEq)]
enum Class {
    Digit,
    Letter,
    Other,
}

/// The class of `c`. The common Chinese characters and ASCII are told without the
/// general Unicode tables, which are slow for non-ASCII chars.
fn class(c: char) -> Class {
    if c.is_ascii() {
        return match c {
            '0'..='9' => Class::Digit,
            'a'..='z' | 'A'..='Z' => Class::Letter,
            _ => Class::Other,
        };
    }
    match c {
        // CJK Unified Ideographs, all assigned letters (Lo) since Unicode 11.
        '\u{4E00}'..='\u{9FEF}' => return Class::Letter,
        // Dashes, quotes, ellipsis; 、。〃 and the CJK brackets: the marks of Chinese text
        // that folding leaves as they are.
        '\u{2010}'..='\u{2027}'
        | '\u{3001}'..='\u{3003}'
        | '\u{3008}'..='\u{3011}'
        | '\u{3014}'..='\u{301F}' => return Class::Other,
        _ => {}
    }
    if c.is_numeric() {
        Class::Digit
    } else if c.is_alphabetic() {
        Class::Letter
    } else {
        Class::Other
    }
}

/// The near form of a sentence, read a char at a time: hashed as it grows (its key is all
/// a report keeps of it), the letters counted.
#[derive(Default)]
struct Near {
    hash: rustc_hash::FxHasher,
    /// Letters in the form (the `0`s of figures not counted).
    letters: usize,
    in_number: bool,
}

impl Near {
    /// Reads `c`, giving `form` each char it adds to the near form.
    #[inline]
    fn push(&mut self, c: char, mut form: impl FnMut(char)) {
        // ASCII never folds.
        let c = if c.is_ascii() {
            c
        } else {
            crate::fold::fold_char(c)
        };
        match class(c) {
            Class::Digit => {
                if !self.in_number {
                    form('0');
                }
                self.in_number = true;
            }
            // Still the same figure: 96.3%, 1,320.
            Class::Other if self.in_number && matches!(c, '.' | '%' | ',') => {}
            Class::Letter => {
                form(c);
                self.letters += 1;
                self.in_number = false;
            }
            Class::Other => self.in_number = false,
        }
    }

    /// Reads `c` into the key.
    #[inline]
    fn feed(&mut self, c: char) {
        let mut hash = std::mem::take(&mut self.hash);
        self.push(c, |k| hash.write_u32(u32::from(k)));
        self.hash = hash;
    }

    /// The two keys of `sentence`, whose chars were fed, or `None` when it is too short
    /// to count; the form starts again for the next sentence. Spaces around a sentence
    /// change nothing of its near form (they are neither letters nor in a figure).
    fn key(&mut self, sentence: &str) -> Option<(u64, u64)> {
        let near = std::mem::take(&mut self.hash).finish();
        let key = (self.letters >= MIN_CHARS).then(|| (hash(sentence.trim()), near));
        self.letters = 0;
        self.in_number = false;
        key
    }
}

/// A key for a sentence, the same in every run of one build: a fast 64-bit string hash
/// (keys are compared within one run only, so two sentences share one by chance about
/// once in 2^64 pairs).
fn hash(s: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(s.as_bytes());
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_form_sets_figures_and_punctuation_aside() {
        assert_eq!(
            near_form("全年审核规范性文件11件，纠正96.3%。"),
            "全年审核规范性文件0件纠正0"
        );
        assert_eq!(
            near_form("全年审核规范性文件9件、纠正7%"),
            "全年审核规范性文件0件纠正0"
        );
    }

    #[test]
    fn the_quick_classes_agree_with_the_unicode_tables() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let slow = if c.is_numeric() {
                Class::Digit
            } else if c.is_alphabetic() {
                Class::Letter
            } else {
                Class::Other
            };
            assert!(class(c) == slow, "{c:?}");
        }
    }

    #[test]
    fn one_pass_gives_the_keys_of_each_trimmed_sentence_and_its_near_form() {
        let text = "　全年审核規範性文件11件，纠正96.3%。 坚持常务会议会前学法制度；\n\
                    短句。ＡＢＣ会议学法12.5，1,320次 第二句没有句号\n\n（一）。。";
        let slow: Vec<(u64, u64)> = text
            .lines()
            .flat_map(|line| line.split_inclusive(is_end))
            .filter_map(|s| {
                let exact = s.trim();
                let near = near_form(exact);
                let letters = near.chars().filter(|&c| c != '0').count();
                (letters >= MIN_CHARS).then(|| (hash(exact), near_key(&near)))
            })
            .collect();
        assert_eq!(slow.len(), 3);
        assert_eq!(Sentences::of(text).keys(), slow);
    }

    #[test]
    fn overlap_counts_the_newer_reports_sentences_found_in_the_older() {
        let old = Sentences::of("全县审核规范性文件11件。\n坚持常务会议会前学法制度。\n（一）");
        let new = Sentences::of(
            "全县审核规范性文件9件。坚持常务会议会前学法制度。\n新建行政复议服务中心一个。",
        );
        assert_eq!(new.len(), 3);
        let o = new.overlap(&old);
        assert_eq!((o.sentences, o.identical, o.near), (3, 1, 2));
        assert_eq!((o.identical_share, o.near_share), (0.333, 0.667));
        assert_eq!(Sentences::default().overlap(&old).near_share, 0.0);
    }
}
