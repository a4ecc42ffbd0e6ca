//! The predefined CJK CMaps a PDF may name without embedding a font or a `/ToUnicode`
//! map: 公文 typesetting systems and WPS write GBK-EUC-H, OFD→PDF converters and
//! reportlab UniGB-UCS2-H. Their codes are a known encoding of the text itself, so
//! they are decoded with that encoding rather than through CID tables.

use encoding_rs::{Encoding, BIG5, GB18030};

/// How a predefined CMap's codes read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Predefined {
    /// `Identity-H`/`-V`: two-byte codes that are glyph ids, not text.
    Identity,
    /// `Uni*-UCS2-*`: two-byte UCS-2 codes.
    Ucs2,
    /// `Uni*-UTF16-*`: UTF-16BE, surrogate pairs four bytes.
    Utf16,
    /// `GB-EUC`, `GBpc-EUC`, `GBK-EUC`, `GBKp-EUC`: ASCII bytes and two-byte GB codes.
    Gbk,
    /// `GBK2K`: GB18030, with its four-byte codes.
    Gb18030,
    /// `ETen-B5`, `B5pc`: ASCII bytes and two-byte Big5 codes.
    Big5,
}

impl Predefined {
    /// The CMap a name stands for, and whether it writes vertically (`-V`); `None` for a
    /// name this reader does not know.
    pub(super) fn from_name(name: &[u8]) -> Option<(Predefined, bool)> {
        let name = std::str::from_utf8(name).ok()?;
        let (base, vertical) = if let Some(b) = name.strip_suffix("-H") {
            (b, false)
        } else {
            (name.strip_suffix("-V")?, true)
        };
        let kind = match base {
            "Identity" => Predefined::Identity,
            "GB-EUC" | "GBpc-EUC" | "GBK-EUC" | "GBKp-EUC" => Predefined::Gbk,
            "GBK2K" => Predefined::Gb18030,
            "ETen-B5" | "B5pc" | "ETenms-B5" => Predefined::Big5,
            _ if base.starts_with("Uni") && base.ends_with("-UCS2") => Predefined::Ucs2,
            _ if base.starts_with("Uni") && base.ends_with("-UTF16") => Predefined::Utf16,
            _ => return None,
        };
        Some((kind, vertical))
    }

    /// The length of the code at the start of `bytes` (not empty), in bytes.
    pub(super) fn code_len(self, bytes: &[u8]) -> u8 {
        let lead = bytes[0];
        let len = match self {
            Predefined::Identity | Predefined::Ucs2 => 2,
            Predefined::Utf16 if (0xD8..=0xDB).contains(&lead) => 4,
            Predefined::Utf16 => 2,
            Predefined::Gbk | Predefined::Big5 if lead <= 0x80 => 1,
            Predefined::Gbk | Predefined::Big5 => 2,
            Predefined::Gb18030 if lead <= 0x80 => 1,
            Predefined::Gb18030 if bytes.get(1).is_some_and(u8::is_ascii_digit) => 4,
            Predefined::Gb18030 => 2,
        };
        len.min(bytes.len().min(4) as u8)
    }

    /// What the code `bytes` reads as, appended to `out`; false when it reads as nothing.
    pub(super) fn push_text(self, bytes: &[u8], out: &mut String) -> bool {
        match self {
            Predefined::Identity => false,
            Predefined::Ucs2 | Predefined::Utf16 => {
                let units: Vec<u16> = bytes
                    .chunks_exact(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]))
                    .collect();
                push_decoded(char::decode_utf16(units).map(Result::ok), out)
            }
            Predefined::Gbk | Predefined::Gb18030 => push_multibyte(GB18030, bytes, out),
            Predefined::Big5 => push_multibyte(BIG5, bytes, out),
        }
    }

    /// The CID of a code, where it can be told without the CMap's tables: the Unicode
    /// CMaps put printable ASCII at CIDs 1–95 (proportional Latin), the GB EUC CMaps
    /// (GB-EUC, GBpc-EUC, GBK-EUC, GBK2K) put their one-byte codes at the half-width
    /// glyphs, the space at 7716 and `!`–`~` at 814–907 — what `/W` gives widths for.
    /// Other codes take the font's default width.
    pub(super) fn cid(self, code: u32, len: u8) -> Option<u32> {
        match self {
            Predefined::Identity => Some(code),
            Predefined::Ucs2 | Predefined::Utf16 if len == 2 => ascii_cid(code),
            Predefined::Gbk | Predefined::Gb18030 if len == 1 => gb_euc_cid(code),
            Predefined::Big5 if len == 1 => ascii_cid(code),
            _ => None,
        }
    }
}

fn ascii_cid(code: u32) -> Option<u32> {
    (0x20..=0x7E).contains(&code).then(|| code - 0x1F)
}

/// Adobe-GB1's GB EUC CMaps: `<20>` → 7716, `<21> <7e>` → 814.
fn gb_euc_cid(code: u32) -> Option<u32> {
    match code {
        0x20 => Some(7716),
        0x21..=0x7E => Some(814 + code - 0x21),
        _ => None,
    }
}

fn push_multibyte(encoding: &'static Encoding, bytes: &[u8], out: &mut String) -> bool {
    match encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => push_decoded(text.chars().map(Some), out),
        None => false,
    }
}

fn push_decoded(chars: impl Iterator<Item = Option<char>>, out: &mut String) -> bool {
    let start = out.len();
    for c in chars {
        match c {
            Some(c) => out.push(c),
            None => {
                out.truncate(start);
                return false;
            }
        }
    }
    out.len() > start
}
