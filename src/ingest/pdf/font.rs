//! Fonts: how a shown string splits into character codes, what each code reads as and
//! how far it advances.
//!
//! Chinese PDFs use composite (Type 0) fonts: embedded subsets with `Identity-H` codes
//! and a `/ToUnicode` map (Word, WPS, LibreOffice), or a predefined Adobe-GB1 CMap with
//! no font embedded at all ([`Predefined`]). Latin text and digits often come in simple
//! one-byte fonts (WinAnsi and friends, with `/Differences`).

use lopdf::{Dictionary, Document, Object};

use super::cmap::{CodeSpace, ToUnicode};
use super::limits::Unpack;
use super::predefined::Predefined;
use super::resolve;
use super::ReadError;

/// Width, in thousandths of an em, of a glyph a font gives no width for.
const DEFAULT_WIDTH: f32 = 1000.0;
/// Same, for a simple font with no `/Widths` (one of the standard 14, mostly Latin).
const DEFAULT_SIMPLE_WIDTH: f32 = 500.0;

/// A font as the content-stream walker needs it.
#[derive(Debug, Clone)]
pub(super) struct Font {
    codes: Codes,
    to_unicode: Option<ToUnicode>,
    /// A simple font's 256 codes as text (empty for a composite font).
    simple: Vec<Option<String>>,
    widths: Widths,
    /// Text-space units per width unit: 1/1000, or a Type 3 font's own matrix.
    scale: f32,
    /// Glyphs advance downward (a `-V` CMap).
    pub vertical: bool,
}

/// How bytes split into codes.
#[derive(Debug, Clone)]
enum Codes {
    OneByte,
    Space(CodeSpace),
    Predefined(Predefined),
}

#[derive(Debug, Clone)]
enum Widths {
    Simple {
        first: u32,
        widths: Vec<f32>,
    },
    /// (first CID, last CID, width), sorted by first CID.
    Cid(Vec<(u32, u32, f32)>),
}

impl Font {
    /// A font nothing could be read from: codes of one byte, no text, default widths.
    pub(super) fn unknown() -> Font {
        Font {
            codes: Codes::OneByte,
            to_unicode: None,
            simple: Vec::new(),
            widths: Widths::Simple {
                first: 0,
                widths: Vec::new(),
            },
            scale: 0.001,
            vertical: false,
        }
    }

    /// Reads a font dictionary. A font that is damaged reads as far as it can (at worst
    /// as [`Font::unknown`]); only the unpacking budget can stop the read.
    pub(super) fn load(
        doc: &Document,
        dict: &Dictionary,
        unpack: &mut Unpack,
    ) -> Result<Font, ReadError> {
        let to_unicode = match resolve(doc, dict.get(b"ToUnicode").ok()) {
            Some(Object::Stream(s)) => Some(ToUnicode::parse(&unpack.stream(s)?)),
            _ => None,
        };
        let mut font = match dict.get(b"Subtype").ok() {
            Some(Object::Name(n)) if n == b"Type0" => composite(doc, dict, unpack)?,
            _ => simple(doc, dict, to_unicode.as_ref()),
        };
        font.to_unicode = to_unicode.filter(|t| !t.is_empty());
        Ok(font)
    }

    /// The next code at the start of `bytes` (not empty) and its length.
    pub(super) fn next_code(&self, bytes: &[u8]) -> (u32, u8) {
        match &self.codes {
            Codes::OneByte => (u32::from(bytes[0]), 1),
            Codes::Space(space) => space.next(bytes),
            Codes::Predefined(p) => {
                let len = p.code_len(bytes);
                let code = bytes[..usize::from(len)]
                    .iter()
                    .fold(0u32, |c, &b| (c << 8) | u32::from(b));
                (code, len)
            }
        }
    }

    /// Appends what the code (its `bytes`) reads as; false when it reads as nothing
    /// a person could read (no map, or a control or private-use character).
    pub(super) fn push_text(&self, code: u32, bytes: &[u8], out: &mut String) -> bool {
        let start = out.len();
        let len = bytes.len() as u8;
        if let Some(text) = self.to_unicode.as_ref().and_then(|t| t.get(len, code)) {
            out.push_str(text);
        } else if let (Codes::OneByte, Some(Some(text))) =
            (&self.codes, self.simple.get(code as usize))
        {
            out.push_str(text);
        } else if let Codes::Predefined(p) = &self.codes {
            p.push_text(bytes, out);
        }
        if out[start..].chars().any(unreadable) || out.len() == start {
            out.truncate(start);
            return false;
        }
        true
    }

    /// How far the code advances, in text space per unit of font size.
    pub(super) fn width(&self, code: u32, len: u8) -> f32 {
        let units = match &self.widths {
            Widths::Simple { first, widths } => code
                .checked_sub(*first)
                .and_then(|i| widths.get(i as usize).copied())
                .unwrap_or(DEFAULT_SIMPLE_WIDTH),
            Widths::Cid(ranges) => {
                let cid = match &self.codes {
                    Codes::Predefined(p) => p.cid(code, len),
                    _ => Some(code),
                };
                cid.and_then(|cid| cid_width(ranges, cid))
                    .unwrap_or_else(|| default_width(ranges))
            }
        };
        units * self.scale
    }

    /// Whether word spacing applies to the code: the single byte 32, whatever the font.
    pub(super) fn word_space(code: u32, len: u8) -> bool {
        len == 1 && code == 32
    }
}

/// Characters that stand for no text: what broken or missing maps give.
fn unreadable(c: char) -> bool {
    c.is_control() || ('\u{E000}'..='\u{F8FF}').contains(&c) || c == '\u{FFFD}'
}

/// The default width is kept as the range (u32::MAX, u32::MAX, dw), last in the list.
fn default_width(ranges: &[(u32, u32, f32)]) -> f32 {
    match ranges.last() {
        Some(&(u32::MAX, u32::MAX, w)) => w,
        _ => DEFAULT_WIDTH,
    }
}

fn cid_width(ranges: &[(u32, u32, f32)], cid: u32) -> Option<f32> {
    let i = ranges.partition_point(|r| r.0 <= cid).checked_sub(1)?;
    let (first, last, w) = ranges[i];
    (first <= cid && cid <= last && first != u32::MAX).then_some(w)
}

fn number(o: &Object) -> Option<f32> {
    o.as_float().ok().filter(|v| v.is_finite())
}

/// A Type 0 font: its CMap (predefined by name, or embedded), and its descendant's widths.
fn composite(doc: &Document, dict: &Dictionary, unpack: &mut Unpack) -> Result<Font, ReadError> {
    let (codes, vertical) = match resolve(doc, dict.get(b"Encoding").ok()) {
        Some(Object::Name(name)) => match Predefined::from_name(name) {
            Some((p, v)) => (Codes::Predefined(p), v),
            None => (Codes::Space(CodeSpace::fixed(2)), false),
        },
        Some(Object::Stream(s)) => {
            let space = ToUnicode::parse(&unpack.stream(s)?).space;
            let vertical = s.dict.get(b"WMode").ok().and_then(number) == Some(1.0);
            let space = if space.is_empty() {
                CodeSpace::fixed(2)
            } else {
                space
            };
            (Codes::Space(space), vertical)
        }
        _ => (Codes::Space(CodeSpace::fixed(2)), false),
    };
    let descendant = resolve(doc, dict.get(b"DescendantFonts").ok())
        .and_then(|o| o.as_array().ok())
        .and_then(|a| resolve(doc, a.first()))
        .and_then(|o| o.as_dict().ok());
    Ok(Font {
        codes,
        to_unicode: None,
        simple: Vec::new(),
        widths: Widths::Cid(descendant.map(|d| cid_widths(doc, d)).unwrap_or_default()),
        scale: 0.001,
        vertical,
    })
}

/// `/W` as sorted ranges, `/DW` last (see [`default_width`]).
fn cid_widths(doc: &Document, font: &Dictionary) -> Vec<(u32, u32, f32)> {
    let dw = resolve(doc, font.get(b"DW").ok())
        .and_then(number)
        .unwrap_or(DEFAULT_WIDTH);
    let mut ranges = Vec::new();
    let items = resolve(doc, font.get(b"W").ok())
        .and_then(|o| o.as_array().ok())
        .map_or(&[][..], Vec::as_slice);
    let cid = |o: Option<&Object>| resolve(doc, o).and_then(number).map(|v| v.max(0.0) as u32);
    let mut i = 0;
    while i < items.len() {
        let Some(first) = cid(items.get(i)) else {
            break;
        };
        match resolve(doc, items.get(i + 1)) {
            Some(Object::Array(ws)) => {
                for (k, w) in ws.iter().enumerate() {
                    let c = first.saturating_add(k as u32);
                    if let Some(w) = resolve(doc, Some(w)).and_then(number) {
                        ranges.push((c, c, w));
                    }
                }
                i += 2;
            }
            Some(last) => {
                let w = resolve(doc, items.get(i + 2)).and_then(number);
                if let (Some(last), Some(w)) = (number(last), w) {
                    ranges.push((first, last.max(0.0) as u32, w));
                }
                i += 3;
            }
            None => break,
        }
    }
    ranges.retain(|r| r.0 != u32::MAX);
    ranges.sort_by_key(|r| r.0);
    ranges.push((u32::MAX, u32::MAX, dw));
    ranges
}

/// A one-byte font (TrueType, Type 1, Type 3): its codes as text and their widths.
fn simple(doc: &Document, dict: &Dictionary, to_unicode: Option<&ToUnicode>) -> Font {
    let mut table: Vec<Option<String>> = vec![None; 256];
    if dict.has(b"Encoding") || to_unicode.is_none() {
        // lopdf reads `/Encoding` (base and `/Differences`) only from a dictionary typed
        // `/Font`, which some writers leave out.
        let font = match dict.get(b"Encoding") {
            Ok(encoding) => {
                let mut d = standard_font();
                d.set("Encoding", encoding.clone());
                d
            }
            Err(_) => standard_font(),
        };
        if let Ok(encoding) = font.get_font_encoding(doc) {
            for (b, slot) in table.iter_mut().enumerate() {
                *slot = encoding
                    .bytes_to_string(&[b as u8])
                    .ok()
                    .filter(|s| !s.is_empty());
            }
        }
    }
    let first = resolve(doc, dict.get(b"FirstChar").ok())
        .and_then(number)
        .map_or(0, |v| v.max(0.0) as u32);
    let widths = resolve(doc, dict.get(b"Widths").ok())
        .and_then(|o| o.as_array().ok())
        .map(|ws| {
            ws.iter()
                .map(|w| resolve(doc, Some(w)).and_then(number).unwrap_or(0.0))
                .collect()
        })
        .unwrap_or_default();
    let scale = resolve(doc, dict.get(b"FontMatrix").ok())
        .and_then(|o| o.as_array().ok())
        .and_then(|m| m.first().and_then(number))
        .map_or(0.001, |a| a.abs().min(1.0));
    Font {
        codes: Codes::OneByte,
        to_unicode: None,
        simple: table,
        widths: Widths::Simple { first, widths },
        scale,
        vertical: false,
    }
}

/// A font dictionary that says only `/StandardEncoding`, for fonts that name none.
fn standard_font() -> Dictionary {
    let mut d = Dictionary::new();
    d.set("Type", Object::Name(b"Font".to_vec()));
    d.set("Encoding", Object::Name(b"StandardEncoding".to_vec()));
    d
}
