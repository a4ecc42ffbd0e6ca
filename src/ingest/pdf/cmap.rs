//! `/ToUnicode` CMaps: which bytes make one character code, and what each code reads as.
//!
//! Fonts exported by Word, WPS and LibreOffice are subsets whose codes mean nothing by
//! themselves (`Identity-H`); the CMap beside them is the only way back to the text.

use std::collections::HashMap;

/// Entries one CMap may define: a `bfrange` of 0000–FFFF is 65 536, so this leaves room
/// for a few of them and keeps a hostile map from growing without end.
const MAX_ENTRIES: usize = 1 << 18;

/// Byte ranges that make codes of a given length (a CMap's `codespacerange`).
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct CodeSpace {
    /// (length in bytes, first code, last code), compared byte by byte.
    ranges: Vec<(u8, u32, u32)>,
}

impl CodeSpace {
    /// Codes of `len` bytes only (what a font without a codespace uses).
    pub(super) fn fixed(len: u8) -> Self {
        let hi = if len >= 4 {
            u32::MAX
        } else {
            (1u32 << (8 * u32::from(len))) - 1
        };
        CodeSpace {
            ranges: vec![(len, 0, hi)],
        }
    }

    /// Whether no range was declared.
    pub(super) fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// The next code at the start of `bytes` and its length (at least 1 byte; `bytes`
    /// must not be empty). A code no range holds takes the length of the first range
    /// its first byte fits, else one byte, so one bad code does not shift the rest.
    pub(super) fn next(&self, bytes: &[u8]) -> (u32, u8) {
        let fits = |&&(len, lo, hi): &&(u8, u32, u32), n: usize| {
            (0..n).all(|i| {
                let shift = 8 * (usize::from(len) - 1 - i);
                let b = u32::from(bytes[i]);
                ((lo >> shift) & 0xFF) <= b && b <= ((hi >> shift) & 0xFF)
            })
        };
        let whole = self
            .ranges
            .iter()
            .filter(|(len, ..)| usize::from(*len) <= bytes.len())
            .find(|r| fits(r, usize::from(r.0)));
        let len = match whole {
            Some(r) => r.0,
            None => self
                .ranges
                .iter()
                .find(|r| fits(r, 1))
                .map_or(1, |r| r.0)
                .min(bytes.len().min(4) as u8),
        };
        let code = bytes[..usize::from(len)]
            .iter()
            .fold(0u32, |c, &b| (c << 8) | u32::from(b));
        (code, len)
    }
}

/// A parsed `/ToUnicode` CMap.
#[derive(Debug, Clone, Default)]
pub(super) struct ToUnicode {
    /// The codespace it declares (may be empty: the font's own then applies).
    pub space: CodeSpace,
    /// (code length, code) → the text it stands for.
    map: HashMap<(u8, u32), String>,
}

impl ToUnicode {
    /// The text code `code` of `len` bytes stands for.
    pub(super) fn get(&self, len: u8, code: u32) -> Option<&str> {
        self.map.get(&(len, code)).map(String::as_str)
    }

    /// Whether it maps no code at all.
    pub(super) fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Reads a CMap's text. Anything it does not understand is skipped: a damaged map
    /// gives fewer characters, never an error.
    pub(super) fn parse(data: &[u8]) -> ToUnicode {
        let tokens = tokens(data);
        let mut cmap = ToUnicode::default();
        let mut i = 0;
        while i < tokens.len() {
            i += match &tokens[i] {
                Token::Word(w) if w == b"begincodespacerange" => cmap.codespace(&tokens[i + 1..]),
                Token::Word(w) if w == b"beginbfchar" => cmap.bfchar(&tokens[i + 1..]),
                Token::Word(w) if w == b"beginbfrange" => cmap.bfrange(&tokens[i + 1..]),
                _ => 0,
            } + 1;
        }
        cmap
    }

    fn codespace(&mut self, t: &[Token]) -> usize {
        let mut i = 0;
        while let [Token::Hex(lo), Token::Hex(hi), ..] = &t[i..] {
            if (1..=4).contains(&lo.len()) && lo.len() == hi.len() {
                self.space
                    .ranges
                    .push((lo.len() as u8, number(lo), number(hi)));
            }
            i += 2;
        }
        i
    }

    fn bfchar(&mut self, t: &[Token]) -> usize {
        let mut i = 0;
        while let [Token::Hex(src), dst, ..] = &t[i..] {
            if let (Some(key), Some(text)) = (key(src), target(dst)) {
                self.insert(key, text);
            }
            i += 2;
        }
        i
    }

    fn bfrange(&mut self, t: &[Token]) -> usize {
        let mut i = 0;
        while let [Token::Hex(lo), Token::Hex(hi), dst, ..] = &t[i..] {
            i += 3;
            let (Some((len, lo)), Some((_, hi))) = (key(lo), key(hi)) else {
                continue;
            };
            if hi < lo || (hi - lo) as usize >= MAX_ENTRIES {
                continue;
            }
            match dst {
                Token::Hex(base) => self.range(len, lo, hi, &utf16(base)),
                Token::Array(items) => {
                    for (code, item) in (lo..=hi).zip(items) {
                        if let Some(text) = target(item) {
                            self.insert((len, code), text);
                        }
                    }
                }
                _ => {}
            }
        }
        i
    }

    /// `lo..=hi` → `base`, its last UTF-16 unit counting up with the code.
    fn range(&mut self, len: u8, lo: u32, hi: u32, base: &[u16]) {
        let Some((&last, head)) = base.split_last() else {
            return;
        };
        for code in lo..=hi {
            let Some(unit) = u16::try_from(u32::from(last) + (code - lo)).ok() else {
                break;
            };
            let mut units = head.to_vec();
            units.push(unit);
            self.insert((len, code), String::from_utf16_lossy(&units));
        }
    }

    fn insert(&mut self, key: (u8, u32), text: String) {
        if self.map.len() < MAX_ENTRIES {
            self.map.insert(key, text);
        }
    }
}

/// A source code: its length and value (1 to 4 bytes).
fn key(hex: &[u8]) -> Option<(u8, u32)> {
    (1..=4)
        .contains(&hex.len())
        .then(|| (hex.len() as u8, number(hex)))
}

fn number(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0u32, |n, &b| (n << 8) | u32::from(b))
}

/// A `bfchar`/`bfrange` target: UTF-16BE bytes (or, rarely, a glyph name: not read).
fn target(t: &Token) -> Option<String> {
    match t {
        Token::Hex(bytes) if !bytes.is_empty() => Some(String::from_utf16_lossy(&utf16(bytes))),
        _ => None,
    }
}

fn utf16(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|c| match c {
            [a, b] => u16::from_be_bytes([*a, *b]),
            [a] => u16::from(*a),
            _ => 0,
        })
        .collect()
}

/// What a CMap is made of, as far as this reader cares.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    Hex(Vec<u8>),
    Array(Vec<Token>),
    Word(Vec<u8>),
}

/// The CMap's hex strings, arrays of them and bare words; names, numbers in
/// dictionaries, literal strings and comments are dropped or kept as words.
fn tokens(data: &[u8]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut array: Option<Vec<Token>> = None;
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        let (token, next) = match b {
            b'%' => (None, skip_line(data, i)),
            b'<' if data.get(i + 1) == Some(&b'<') => (None, i + 2),
            b'<' => hex(data, i + 1),
            b'[' => {
                array = Some(Vec::new());
                (None, i + 1)
            }
            b']' => (array.take().map(Token::Array), i + 1),
            b'(' => (None, skip_literal(data, i + 1)),
            _ if is_regular(b) => {
                let end = (i..data.len())
                    .find(|&j| !is_regular(data[j]))
                    .unwrap_or(data.len());
                (Some(Token::Word(data[i..end].to_vec())), end)
            }
            _ => (None, i + 1),
        };
        if let Some(token) = token {
            match array.as_mut() {
                Some(items) => items.push(token),
                None => out.push(token),
            }
        }
        i = next.max(i + 1);
    }
    out
}

fn is_regular(b: u8) -> bool {
    !b.is_ascii_whitespace() && !b"()<>[]{}/%".contains(&b) && b != 0
}

fn skip_line(data: &[u8], i: usize) -> usize {
    (i..data.len())
        .find(|&j| data[j] == b'\n' || data[j] == b'\r')
        .unwrap_or(data.len())
}

fn skip_literal(data: &[u8], mut i: usize) -> usize {
    let mut depth = 1;
    while i < data.len() && depth > 0 {
        match data[i] {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    i
}

/// A hex string starting after its `<`: its bytes and where it ends.
fn hex(data: &[u8], start: usize) -> (Option<Token>, usize) {
    let end = (start..data.len())
        .find(|&j| data[j] == b'>')
        .unwrap_or(data.len());
    let digits: Vec<u8> = data[start..end]
        .iter()
        .filter_map(|&c| (c as char).to_digit(16).map(|d| d as u8))
        .collect();
    let bytes = digits
        .chunks(2)
        .map(|p| (p[0] << 4) | p.get(1).copied().unwrap_or(0))
        .collect();
    (Some(Token::Hex(bytes)), end + 1)
}
