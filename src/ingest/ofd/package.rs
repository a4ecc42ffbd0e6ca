//! The OFD package: a zip whose parts are named by paths inside it, read within budgets.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::super::IngestError;
use crate::msg::t;

/// The parts read may unpack to this many times the file's size (the same ratio as the
/// .docx reader): a page's XML compresses some 5–20 times, and images are never read.
pub(super) const MAX_RATIO: u64 = 100;
/// What any OFD may unpack to, whatever its size.
const RATIO_FLOOR: u64 = 8 << 20;
/// What the largest OFD may unpack to: the text of hundreds of pages is tens of MB.
const CEILING: u64 = 256 << 20;
/// One part (a page's Content.xml, Document.xml) is at most this.
const MAX_PART: u64 = 64 << 20;

/// The most the parts of an OFD of `len` bytes may unpack to, all together.
pub(super) fn max_unpacked(len: u64) -> u64 {
    len.saturating_mul(MAX_RATIO).clamp(RATIO_FLOOR, CEILING)
}

/// An opened package and what may still be unpacked from it.
pub(super) struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    /// Part names, normalised (see [`normal`]), to their index: writers differ in the case
    /// of folder names (`Doc_0`, `DOC_0`) and in leading slashes.
    names: HashMap<String, usize>,
    file_len: u64,
    left: u64,
}

impl<'a> Package<'a> {
    /// Opens the zip; a damaged one is an error that says so.
    pub(super) fn open(bytes: &'a [u8]) -> Result<Package<'a>, IngestError> {
        let zip = ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| IngestError::Unsupported(t!("ofd.damaged_zip", why = e)))?;
        let names = (0..zip.len())
            .filter_map(|i| zip.name_for_index(i)?.ok().map(|n| (normal(&n), i)))
            .collect();
        Ok(Package {
            zip,
            names,
            file_len: bytes.len() as u64,
            left: max_unpacked(bytes.len() as u64),
        })
    }

    /// Whether the package holds the part at `path`.
    pub(super) fn has(&self, path: &str) -> bool {
        self.names.contains_key(&normal(path))
    }

    /// The text of the part at `path` (from the package root), within the budgets.
    pub(super) fn read(&mut self, path: &str) -> Result<String, IngestError> {
        let Some(&index) = self.names.get(&normal(path)) else {
            return Err(IngestError::Unsupported(t!(
                "ofd.missing_part",
                part = path
            )));
        };
        let bad = |e: &dyn std::fmt::Display| {
            IngestError::Unsupported(t!("ofd.bad_part", part = path, why = e))
        };
        let cap = MAX_PART.min(self.left);
        let mut raw = Vec::new();
        let mut over = false;
        {
            // The header's size may lie: the read stops past the cap either way.
            let file = self.zip.by_index(index).map_err(|e| bad(&e))?;
            over |= file.size() > cap;
            if !over {
                file.take(cap + 1)
                    .read_to_end(&mut raw)
                    .map_err(|e| bad(&e))?;
            }
        }
        if over || raw.len() as u64 > cap {
            return Err(self.too_large(path, cap));
        }
        self.left -= raw.len() as u64;
        Ok(decode(&raw))
    }

    fn too_large(&self, part: &str, cap: u64) -> IngestError {
        let mib = |n: u64| n.div_ceil(1 << 20);
        IngestError::TooLarge(if cap == MAX_PART {
            t!("ofd.part_too_large", part = part, limit = mib(MAX_PART))
        } else {
            t!(
                "ofd.zip_bomb",
                limit = mib(max_unpacked(self.file_len)),
                size = self.file_len.div_ceil(1 << 10),
                ratio = MAX_RATIO
            )
        })
    }
}

/// A part's XML as text: UTF-8 (the standard's encoding; a BOM skipped), or UTF-16 when
/// a BOM says so. Bytes that are no UTF-8 become U+FFFD rather than failing the report.
fn decode(raw: &[u8]) -> String {
    let (enc, skip) = encoding_rs::Encoding::for_bom(raw).unwrap_or((encoding_rs::UTF_8, 0));
    enc.decode_without_bom_handling(&raw[skip..]).0.into_owned()
}

/// A part name compared as the package means it: `\` read as `/`, `.` and `..` steps
/// taken, no leading slash, case folded.
pub(super) fn normal(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for p in path.split(['/', '\\']) {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/").to_lowercase()
}

/// `loc` as a path from the package root: absolute when it starts with `/`, else taken
/// from `base` (the folder of the part that names it).
pub(super) fn resolve(base: &str, loc: &str) -> String {
    let loc = loc.trim();
    if loc.starts_with('/') || loc.starts_with('\\') || base.is_empty() {
        return normal(loc);
    }
    normal(&format!("{base}/{loc}"))
}

/// The folder of the part at `path` (`Doc_0` for `Doc_0/Document.xml`).
pub(super) fn folder(path: &str) -> String {
    let n = normal(path);
    n.rfind('/').map_or(String::new(), |i| n[..i].to_string())
}
