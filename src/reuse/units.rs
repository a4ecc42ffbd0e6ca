//! A report cut into units and each unit reduced to what is compared: its skeleton's
//! MinHash signature, and where it stands.
//!
//! The text is read once, char by char: one table lookup ([`Class`]) gives each char's
//! fold, what it adds to the skeleton, whether it ends a sentence and whether it is white
//! space, so fingerprinting a report costs one pass, one reused buffer per line and no
//! string per unit.

use std::sync::LazyLock;

use super::minhash::{cut, merge, shingles, take, Minima, Signature, EMPTY, SHINGLE};
use crate::fold::fold_char;

/// Han characters a skeleton needs to be a unit: a passage shorter than this (a slogan, a
/// heading, 深入学习贯彻习近平法治思想) is said by many reports and tells nothing.
pub const MIN_HAN: usize = 20;

/// One unit of a report: a line, or a long sentence of a line of several. Offsets are
/// bytes of the report's text, so its words are a slice of the text and the characters
/// under several units are counted from the units alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    /// 0-based line of the report text.
    pub line: u32,
    /// The byte of the text where the unit starts.
    pub start: u32,
    /// One past its last byte.
    pub end: u32,
    /// Characters of the text before it that are not white space.
    pub lead: u32,
    /// Its own characters that are not white space.
    pub shown: u32,
    /// True for a sentence inside a longer line; false for a whole line.
    pub sentence: bool,
}

impl Unit {
    /// Its characters, white space not counted, as a passage states them (at most
    /// `u16::MAX`).
    pub fn chars(&self) -> u16 {
        u16::try_from(self.shown).unwrap_or(u16::MAX)
    }
}

/// What is kept of a report while the batch is scored: its units and their signatures
/// (two flat arrays, some 90 bytes a unit), and its characters.
#[derive(Debug, Clone, Default)]
pub struct Fingerprint {
    /// Its units, in text order; a line's sentences follow the line.
    pub units: Vec<Unit>,
    /// The signature of each unit's skeleton, `sigs[i]` for `units[i]`.
    pub sigs: Vec<Signature>,
    /// Characters of the text that are not white space.
    pub total: u32,
}

/// What a char adds to a skeleton (after folding), packed in a `u32`: the char pushed in
/// the low 21 bits, and flags above.
#[derive(Clone, Copy)]
struct Class(u32);

impl Class {
    /// The folded char is pushed as it is (Han, or a letter lower-cased).
    const PUSH: u32 = 1 << 24;
    /// A digit: a run of them is one `0`.
    const DIGIT: u32 = 1 << 25;
    /// The folded char ends a sentence.
    const ENDS: u32 = 1 << 26;
    /// The char (before folding) is white space.
    const SPACE: u32 = 1 << 27;
    /// A Han char, counted against [`MIN_HAN`].
    const HAN: u32 = 1 << 28;

    /// The class of `c`, from the Unicode tables: what the lookup table holds.
    fn of(c: char) -> Class {
        let f = fold_char(c);
        let mut bits = 0;
        if is_han(f) {
            bits |= Class::PUSH | Class::HAN | u32::from(f);
        } else if f.is_numeric() {
            bits |= Class::DIGIT;
        } else if f.is_alphanumeric() {
            bits |= Class::PUSH | u32::from(f.to_ascii_lowercase());
        }
        if matches!(f, '。' | '!' | '?' | ';' | '；' | '！' | '？') {
            bits |= Class::ENDS;
        }
        if c.is_whitespace() {
            bits |= Class::SPACE;
        }
        Class(bits)
    }

    fn has(self, flag: u32) -> bool {
        self.0 & flag != 0
    }
}

/// The class of every char of the Basic Multilingual Plane (256 KB, built once per run
/// that looks for copied text, in about a millisecond).
static CLASSES: LazyLock<Box<[Class]>> = LazyLock::new(|| {
    (0..=0xFFFFu32)
        .map(|u| char::from_u32(u).map_or(Class(0), Class::of))
        .collect()
});

/// The skeleton of `s`: folded, each run of digits one `0`, letters lower case, everything
/// that is neither letter nor digit (punctuation, white space, symbols) dropped. Two copies
/// of a passage that differ in figures, punctuation, width or script have one skeleton.
pub fn skeleton(s: &str) -> Vec<char> {
    let table: &[Class] = &CLASSES;
    let mut out = Vec::with_capacity(s.len() / 3);
    for c in s.chars() {
        let k = class(table, c);
        push(&mut out, k);
    }
    out.into_iter().filter_map(char::from_u32).collect()
}

fn class(table: &[Class], c: char) -> Class {
    table
        .get(c as usize)
        .copied()
        .unwrap_or_else(|| Class::of(c))
}

/// Appends what a char of class `k` adds to a skeleton.
fn push(skel: &mut Vec<u32>, k: Class) {
    if k.has(Class::PUSH) {
        skel.push(k.0 & 0x1F_FFFF);
    } else if k.has(Class::DIGIT) && skel.last() != Some(&u32::from('0')) {
        skel.push(u32::from('0'));
    }
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// A sentence of a line: its bytes in the text, where its skeleton starts in the line's,
/// its Han characters, its characters before it and its own (white space not counted), and
/// the minima of its own shingles.
struct Part {
    bytes: (u32, u32),
    skel_start: usize,
    han: usize,
    lead: u32,
    shown: u32,
    min: Minima,
}

/// A line's sentences and skeleton, buffers kept from line to line.
#[derive(Default)]
struct Line {
    parts: Vec<Part>,
    skel: Vec<u32>,
}

/// Where a sentence being read started.
#[derive(Clone, Copy)]
struct Open {
    byte: usize,
    skel: usize,
    han: usize,
    lead: u32,
}

fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Open {
    /// Ends the sentence open at `end` (byte), its skeleton and counts reaching `now`.
    fn close(&mut self, parts: &mut Vec<Part>, end: usize, now: Open) {
        parts.push(Part {
            bytes: (offset(self.byte), offset(end)),
            skel_start: self.skel,
            han: now.han - self.han,
            lead: self.lead,
            shown: now.lead - self.lead,
            min: EMPTY,
        });
        *self = Open { byte: end, ..now };
    }
}

impl Line {
    /// Reads line `line` (starting at byte `at` of the text, `lead` characters not white
    /// space before it) into sentences and skeleton; gives the characters it shows.
    fn read(&mut self, table: &[Class], line: &str, at: usize, lead: u32) -> u32 {
        self.parts.clear();
        self.skel.clear();
        let mut now = Open {
            byte: at,
            skel: 0,
            han: 0,
            lead,
        };
        let mut open = now;
        for (i, c) in line.char_indices() {
            let k = class(table, c);
            push(&mut self.skel, k);
            now.han += usize::from(k.has(Class::HAN));
            now.lead += u32::from(!k.has(Class::SPACE));
            if k.has(Class::ENDS) {
                now.skel = self.skel.len();
                open.close(&mut self.parts, at + i + c.len_utf8(), now);
            }
        }
        if open.byte < at + line.len() || self.parts.is_empty() {
            now.skel = self.skel.len();
            open.close(&mut self.parts, at + line.len(), now);
        }
        now.lead - lead
    }

    /// Hashes each shingle once: into its sentence's minima when it lies inside one, else
    /// (it spans two sentences) into `across`.
    fn hash(&mut self, across: &mut Minima) {
        let (skel, parts) = (&self.skel, &mut self.parts);
        let k = SHINGLE.min(skel.len()).max(1);
        let mut p = 0;
        shingles(skel, k, |i, x| {
            while p + 1 < parts.len() && parts[p + 1].skel_start <= i {
                p += 1;
            }
            let inside = parts.get(p + 1).map_or(skel.len(), |n| n.skel_start) >= i + k;
            let into = if inside {
                &mut parts[p].min
            } else {
                &mut *across
            };
            take(into, x);
        });
    }
}

/// The units of a report's text: every line long enough, and in a line of two or more
/// sentences each sentence long enough, so a sentence copied into a rewritten paragraph is
/// found as well as a paragraph copied whole.
pub fn fingerprint(text: &str) -> Fingerprint {
    let table: &[Class] = &CLASSES;
    let mut fp = Fingerprint::default();
    let mut line = Line::default();
    let mut at = 0;
    for (n, words) in text.split_inclusive('\n').enumerate() {
        // As `str::lines` cuts them: "\n" or "\r\n" ends a line.
        let body = match words.strip_suffix('\n') {
            Some(b) => b.strip_suffix('\r').unwrap_or(b),
            None => words,
        };
        let lead = fp.total;
        fp.total += line.read(table, body, at, lead);
        at += words.len();
        let han: usize = line.parts.iter().map(|p| p.han).sum();
        if han < MIN_HAN {
            continue;
        }
        let mut min = EMPTY;
        line.hash(&mut min);
        for p in &line.parts {
            merge(&mut min, &p.min);
        }
        let n = offset(n);
        let (first, last) = (&line.parts[0], &line.parts[line.parts.len() - 1]);
        fp.units.push(Unit {
            line: n,
            start: first.bytes.0,
            end: last.bytes.1,
            lead,
            shown: fp.total - lead,
            sentence: false,
        });
        fp.sigs.push(cut(&min));
        if line.parts.len() > 1 {
            for p in line.parts.iter().filter(|p| p.han >= MIN_HAN) {
                fp.units.push(Unit {
                    line: n,
                    start: p.bytes.0,
                    end: p.bytes.1,
                    lead: p.lead,
                    shown: p.shown,
                    sentence: true,
                });
                fp.sigs.push(cut(&p.min));
            }
        }
    }
    fp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_punctuation_width_and_script_fold_away() {
        let a = skeleton("全年办理行政复议案件１２３件，同比增长5.6%。");
        let b = skeleton("全年辦理行政復議案件98件、同比增長7%");
        assert_eq!(a, b);
    }

    #[test]
    fn the_table_classes_every_char_as_the_unicode_tables_do() {
        for c in (0..0x11000u32).filter_map(char::from_u32) {
            let (a, b) = (class(&CLASSES, c).0, Class::of(c).0);
            assert_eq!(a, b, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn a_line_hashed_by_its_sentences_has_the_signature_of_its_whole_skeleton() {
        let line = "深入推进严格规范公正文明执法，全面落实行政执法三项制度。全区共办理行政复议案件一百余件！纠错率保持在合理区间";
        let f = fingerprint(line);
        assert_eq!(f.sigs[0], super::super::minhash::signature(&skeleton(line)));
    }

    #[test]
    fn a_passage_has_one_fingerprint_wherever_it_stands() {
        let passage = "深入推进严格规范公正文明执法，全面落实行政执法三项制度取得明显成效。";
        let a = fingerprint(&format!("一、主要工作\n{passage}\n"));
        let b = fingerprint(&format!(
            "　　二〇二三年工作总结\r\n其他内容很短。\r\n{passage}"
        ));
        assert_eq!(a.sigs, b.sigs);
        let (ua, ub) = (a.units[0], b.units[0]);
        assert_eq!((ua.shown, ub.shown), (34, 34));
        assert_eq!(
            &format!("x\n{passage}")[2..][..(ua.end - ua.start) as usize],
            passage
        );
        assert_eq!(ub.lead, b.total - ub.shown);
    }

    #[test]
    fn short_lines_are_no_units_and_long_sentences_of_a_paragraph_are() {
        let text = "一、主要工作\n\
            深入推进严格规范公正文明执法，全面落实行政执法三项制度取得明显成效。\
            全区共办理行政复议案件一百余件，纠错率保持在合理区间之内并逐年下降。";
        let f = fingerprint(text);
        let kinds: Vec<(u32, bool)> = f.units.iter().map(|u| (u.line, u.sentence)).collect();
        assert_eq!(kinds, [(1, false), (1, true), (1, true)]);
        assert_eq!(f.units[1].start, f.units[0].start);
        assert_eq!(f.units[2].start, f.units[1].end);
        assert_eq!(f.units[2].end, f.units[0].end);
        assert_eq!(f.units[1].shown + f.units[2].shown, f.units[0].shown);
        assert_eq!(f.total, 6 + f.units[0].shown);
    }
}
