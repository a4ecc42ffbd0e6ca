//! A report cut into units and each unit reduced to what is compared: its skeleton's
//! MinHash signature, and where it stands.

use super::minhash::{cut, merge, shingles, take, Minima, Signature, EMPTY, SHINGLE};
use crate::fold::fold_char;

/// Han characters a skeleton needs to be a unit: a passage shorter than this (a slogan, a
/// heading, 深入学习贯彻习近平法治思想) is said by many reports and tells nothing.
pub const MIN_HAN: usize = 20;

/// One unit of a report: a line, or a long sentence of a line of several.
#[derive(Debug, Clone)]
pub struct Unit {
    /// 0-based line of the report text.
    pub line: u32,
    /// The unit's first char in the line.
    pub start: u32,
    /// One past its last char in the line.
    pub end: u32,
    /// Its characters, white space not counted (at most `u16::MAX`).
    pub chars: u16,
    /// True for a sentence inside a longer line; false for a whole line.
    pub sentence: bool,
    /// The signature of its skeleton.
    pub sig: Signature,
}

/// What is kept of a report while the batch is scored: its units.
#[derive(Debug, Clone, Default)]
pub struct Fingerprint {
    /// Its units, in text order; a line's sentences follow the line.
    pub units: Vec<Unit>,
}

/// The skeleton of `s`: folded, each run of digits one `0`, letters lower case, everything
/// that is neither letter nor digit (punctuation, white space, symbols) dropped. Two copies
/// of a passage that differ in figures, punctuation, width or script have one skeleton.
pub fn skeleton(s: &str) -> Vec<char> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    skeleton_into(&chars, &mut out);
    out
}

/// Appends the skeleton of `chars` to `out`.
fn skeleton_into(chars: &[char], out: &mut Vec<char>) {
    for &c in chars {
        let f = fold_char(c);
        // Han first: most of a report, and the slowest for the Unicode tables below.
        if is_han(f) {
            out.push(f);
        } else if f.is_ascii() {
            // ASCII told apart without the Unicode tables (the slow path below).
            if f.is_ascii_digit() {
                if out.last() != Some(&'0') {
                    out.push('0');
                }
            } else if f.is_ascii_alphabetic() {
                out.push(f.to_ascii_lowercase());
            }
        } else if f.is_numeric() {
            if out.last() != Some(&'0') {
                out.push('0');
            }
        } else if f.is_alphanumeric() {
            out.push(f.to_ascii_lowercase());
        }
    }
}

/// Han characters in a skeleton.
fn han(skeleton: &[char]) -> usize {
    skeleton.iter().filter(|c| is_han(**c)).count()
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// Where a sentence ends: after 。！？； and their ASCII forms (full-width ones fold to them).
fn ends_sentence(c: char) -> bool {
    matches!(fold_char(c), '。' | '!' | '?' | ';' | '；' | '！' | '？')
}

/// The char ranges of the sentences of a line.
fn sentences(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &c) in chars.iter().enumerate() {
        if ends_sentence(c) {
            out.push((start, i + 1));
            start = i + 1;
        }
    }
    if start < chars.len() || out.is_empty() {
        out.push((start, chars.len()));
    }
    out
}

/// A sentence of a line: its char range, where its skeleton starts in the line's, its Han
/// characters and the minima of its own shingles.
struct Part {
    range: (usize, usize),
    skel_start: usize,
    han: usize,
    min: Minima,
}

fn unit_of(
    line: usize,
    chars: &[char],
    (start, end): (usize, usize),
    sentence: bool,
    min: &Minima,
) -> Unit {
    let shown = chars[start..end]
        .iter()
        .filter(|c| !c.is_whitespace())
        .count();
    Unit {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        start: u32::try_from(start).unwrap_or(u32::MAX),
        end: u32::try_from(end).unwrap_or(u32::MAX),
        chars: u16::try_from(shown).unwrap_or(u16::MAX),
        sentence,
        sig: cut(min),
    }
}

/// The line's sentences with their skeletons' minima, and the line's skeleton. Each
/// shingle is hashed once: into its sentence's minima when it lies inside one, else (it
/// spans two sentences) into `across`, and the line's minima are all of them merged.
fn parts(chars: &[char], across: &mut Minima) -> (Vec<Part>, usize) {
    let mut skel = Vec::with_capacity(chars.len());
    let mut parts: Vec<Part> = sentences(chars)
        .into_iter()
        .map(|range| {
            let skel_start = skel.len();
            skeleton_into(&chars[range.0..range.1], &mut skel);
            Part {
                range,
                skel_start,
                han: han(&skel[skel_start..]),
                min: EMPTY,
            }
        })
        .collect();
    let k = SHINGLE.min(skel.len()).max(1);
    let mut p = 0;
    shingles(&skel, k, |i, x| {
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
    let han = parts.iter().map(|p| p.han).sum();
    (parts, han)
}

/// The units of a report's text: every line long enough, and in a line of two or more
/// sentences each sentence long enough, so a sentence copied into a rewritten paragraph is
/// found as well as a paragraph copied whole.
pub fn fingerprint(text: &str) -> Fingerprint {
    let mut units = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let mut min = EMPTY;
        let (parts, han) = parts(&chars, &mut min);
        if han < MIN_HAN {
            continue;
        }
        for p in &parts {
            merge(&mut min, &p.min);
        }
        units.push(unit_of(n, &chars, (0, chars.len()), false, &min));
        if parts.len() > 1 {
            units.extend(
                parts
                    .iter()
                    .filter(|p| p.han >= MIN_HAN)
                    .map(|p| unit_of(n, &chars, p.range, true, &p.min)),
            );
        }
    }
    Fingerprint { units }
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
    fn a_line_hashed_by_its_sentences_has_the_signature_of_its_whole_skeleton() {
        let line = "深入推进严格规范公正文明执法，全面落实行政执法三项制度。全区共办理行政复议案件一百余件！纠错率保持在合理区间";
        let f = fingerprint(line);
        assert_eq!(
            f.units[0].sig,
            super::super::minhash::signature(&skeleton(line))
        );
    }

    #[test]
    fn short_lines_are_no_units_and_long_sentences_of_a_paragraph_are() {
        let text = "一、主要工作\n\
            深入推进严格规范公正文明执法，全面落实行政执法三项制度取得明显成效。\
            全区共办理行政复议案件一百余件，纠错率保持在合理区间之内并逐年下降。";
        let f = fingerprint(text);
        let kinds: Vec<(u32, bool)> = f.units.iter().map(|u| (u.line, u.sentence)).collect();
        assert_eq!(kinds, [(1, false), (1, true), (1, true)]);
        assert_eq!(f.units[1].start, 0);
        assert_eq!(f.units[2].start, f.units[1].end);
    }
}
