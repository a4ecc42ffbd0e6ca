//! Paths and messages as they are shown on standard error: one line each, whatever bytes a
//! file name holds. A newline or other control character is written as its escape (`\n`,
//! `\u{1b}`) so it cannot split the line or drive the terminal, and bytes that are not
//! UTF-8 are written as `\xff` rather than a replacement character, so the name can be
//! told apart from another and typed back.

use std::fmt::Write as _;
use std::path::Path;

/// A path for a message on standard error.
pub fn path(p: &Path) -> String {
    bytes(path_bytes(p).as_ref())
}

/// A message (which may quote a file's name or text) for standard error, on one line.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_char(&mut out, c);
    }
    out
}

fn bytes(b: &[u8]) -> String {
    let mut out = String::with_capacity(b.len());
    for chunk in b.utf8_chunks() {
        for c in chunk.valid().chars() {
            push_char(&mut out, c);
        }
        for byte in chunk.invalid() {
            let _ = write!(out, "\\x{byte:02x}");
        }
    }
    out
}

fn push_char(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        // Controls, and the marks that reorder what follows them on screen (bidi overrides
        // and isolates), so a name cannot disguise itself or the rest of the line.
        c if lawscore::visible::acts_in_terminal(c) => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
        c => out.push(c),
    }
}

#[cfg(unix)]
fn path_bytes(p: &Path) -> std::borrow::Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    std::borrow::Cow::Borrowed(p.as_os_str().as_bytes())
}

#[cfg(not(unix))]
fn path_bytes(p: &Path) -> std::borrow::Cow<'_, [u8]> {
    std::borrow::Cow::Owned(p.to_string_lossy().into_owned().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_and_stray_bytes_are_escaped() {
        assert_eq!(text("a\nb\tc\u{1b}[31m"), "a\\nb\\tc\\u{1b}[31m");
        assert_eq!(text("报告\u{202e}txt"), "报告\\u{202e}txt");
        assert_eq!(bytes(b"inv\xff.txt"), "inv\\xff.txt");
        assert_eq!(bytes("北京\n.txt".as_bytes()), "北京\\n.txt");
        assert_eq!(path(Path::new("plain/名字.txt")), "plain/名字.txt");
    }
}
