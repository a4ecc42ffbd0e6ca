//! The sentences of a report as two sets of keys, kept small so a batch can hold one per
//! report until the end: each sentence word for word, and each with digits and
//! punctuation set aside (a report copied from last year with its figures updated).

use std::collections::HashSet;
use std::hash::{Hash, Hasher};

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
    /// The sentences of `text`.
    pub fn of(text: &str) -> Sentences {
        let keys = text
            .lines()
            .flat_map(|line| line.split_inclusive(is_end))
            .filter_map(keys)
            .collect();
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

/// The two keys of one sentence, or `None` when it is too short to count.
fn keys(sentence: &str) -> Option<(u64, u64)> {
    let exact = sentence.trim();
    let near = near_form(exact);
    if near.chars().filter(|&c| c != '0').count() < MIN_CHARS {
        return None;
    }
    Some((hash(exact), hash(&near)))
}

/// A sentence with digits and punctuation set aside: folded, only letters kept, each run
/// of digits (with a decimal point or a % inside) one `0`.
pub fn near_form(sentence: &str) -> String {
    let mut out = String::with_capacity(sentence.len());
    let mut in_number = false;
    for c in crate::fold::fold(sentence).chars() {
        if c.is_numeric() {
            if !in_number {
                out.push('0');
            }
            in_number = true;
        } else if in_number && matches!(c, '.' | '%' | ',') {
            // Still the same figure: 96.3%, 1,320.
        } else if c.is_alphabetic() {
            out.push(c);
            in_number = false;
        } else {
            in_number = false;
        }
    }
    out
}

/// A key for a sentence, the same in every run of one build.
fn hash(s: &str) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    s.hash(&mut h);
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
