//! Report text shown to a person, made unable to act on them.
//!
//! A report is written by someone else: its title, issuer or a quoted line may hold escape
//! sequences that retitle or clear a terminal, or bidirectional controls (U+202E and kin)
//! that reorder the characters around them so a line reads other than it is. Two ways out,
//! one per medium: [`for_terminal`] spells such characters as visible escapes, and
//! [`isolate_bidi`] keeps bidi controls for HTML (they may be meant: a quoted Arabic or
//! Hebrew name) but closes them inside an isolate, so they cannot reach past the text they
//! came with. Ground floor: no stage is imported, every stage may use it.

use std::borrow::Cow;
use std::fmt::Write as _;

/// First strong isolate: opens an isolate whose direction its own text decides.
const FSI: char = '\u{2068}';
/// Pop directional isolate: closes the innermost open isolate, and with it every
/// embedding and override opened inside it (UBA rule X6a).
const PDI: char = '\u{2069}';

/// Characters that change the order or direction in which text around them is shown:
/// the Arabic letter mark, the left-to-right and right-to-left marks, the embeddings and
/// overrides (U+202A–U+202E) and the isolates (U+2066–U+2069).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether a terminal would act on `c` rather than print it: C0 controls, DEL, C1 controls
/// (U+0080–U+009F, which some terminals read as ESC sequences), bidi controls, and the
/// Unicode line and paragraph separators (which break the one-line layout of a field).
pub fn acts_in_terminal(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// `s` as a terminal should show it: every character a terminal would act on becomes a
/// visible escape (`\x1b`, `\x7f`, `\u{202e}`), so report text can neither send escape
/// sequences nor reorder a line. A tab becomes a space: it is ordinary white space, but it
/// would break the alignment of the columns it is printed in. CJK text and every other
/// printable character are kept as they are; text with nothing to escape is not copied.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(acts_in_terminal) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\t' => out.push(' '),
            c if acts_in_terminal(c) && (c as u32) < 0x100 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if acts_in_terminal(c) => {
                let _ = write!(out, "\\u{{{:04x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Characters that end a paragraph for the bidi algorithm (class B): every embedding,
/// override and isolate open before one is closed by it, so each paragraph is isolated on
/// its own.
fn ends_paragraph(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{1C}'..='\u{1E}' | '\u{85}' | '\u{2029}')
}

/// `s` with every paragraph that holds a bidi control wrapped in an isolate (U+2068 …
/// U+2069), the plain-text form of `<bdi>`: it works in element text, attribute values and
/// `<title>` alike. Isolates the text left open are closed before the wrapper's own close,
/// embeddings and overrides left open are closed by it, and a stray U+2069 that would close
/// the wrapper early is dropped (it closes nothing of the text's own). Text without bidi
/// controls is returned as it is, so ordinary pages do not change by a byte.
pub fn isolate_bidi(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_bidi_control) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut rest = s;
    while !rest.is_empty() {
        let end = rest.find(ends_paragraph).unwrap_or(rest.len());
        let (para, tail) = rest.split_at(end);
        isolate_paragraph(&mut out, para);
        let sep = tail.chars().next().map_or(0, char::len_utf8);
        out.push_str(&tail[..sep]);
        rest = &tail[sep..];
    }
    Cow::Owned(out)
}

/// One paragraph, wrapped as [`isolate_bidi`] says when it holds a bidi control.
fn isolate_paragraph(out: &mut String, para: &str) {
    if !para.chars().any(is_bidi_control) {
        out.push_str(para);
        return;
    }
    out.push(FSI);
    let mut open = 0usize;
    for c in para.chars() {
        match c {
            '\u{2066}'..='\u{2068}' => open += 1,
            PDI if open == 0 => continue,
            PDI => open -= 1,
            _ => {}
        }
        out.push(c);
    }
    out.extend(std::iter::repeat_n(PDI, open + 1));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_escapes_controls_and_keeps_cjk() {
        assert_eq!(
            for_terminal("\x1b]0;x\x07法治\x1b[2J政府\u{9b}31m\x7f"),
            "\\x1b]0;x\\x07法治\\x1b[2J政府\\x9b31m\\x7f"
        );
        assert_eq!(for_terminal("a\tb\nc"), "a b\\x0ac");
        assert_eq!(for_terminal("告\u{202e}报"), "告\\u{202e}报");
        assert!(matches!(for_terminal("法治政府 2023"), Cow::Borrowed(_)));
    }

    #[test]
    fn bidi_is_closed_inside_an_isolate() {
        assert_eq!(isolate_bidi("a\u{202e}bc"), "\u{2068}a\u{202e}bc\u{2069}");
        // An isolate left open is closed first; a stray close is dropped.
        assert_eq!(
            isolate_bidi("\u{2069}x\u{2067}y"),
            "\u{2068}x\u{2067}y\u{2069}\u{2069}"
        );
        // Each paragraph on its own; one without controls is left alone.
        assert_eq!(isolate_bidi("\u{202b}p\nq"), "\u{2068}\u{202b}p\u{2069}\nq");
        assert!(matches!(isolate_bidi("法治 <b>"), Cow::Borrowed(_)));
    }
}
