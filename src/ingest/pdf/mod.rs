//! PDF → positioned runs, page by page (laid out as text by [`super::layout`]).
//!
//! lopdf reads the file's objects (cross-reference tables and streams, object streams,
//! filters, decryption with the empty password that "no copying" government PDFs use);
//! the rest is here: the page tree ([`tree`]), fonts and their CMaps ([`font`],
//! [`cmap`], [`predefined`]) and the content-stream walker ([`content`]) that says
//! where each string is shown. lopdf's own text extraction is not used: it reads no
//! GBK-EUC-H and gives no positions.
//!
//! A PDF with no text to read — a scan, or fonts with no way back to Unicode — is
//! refused with a message saying it needs OCR, rather than scored as an empty report.

use lopdf::{Document, LoadOptions, Object};

use super::layout::Page;
use super::IngestError;
use crate::msg::t;

mod cmap;
mod content;
mod font;
mod geom;
mod limits;
mod predefined;
mod tree;

#[cfg(test)]
mod tests;

use content::{Fonts, Tally, Walker};
use limits::Unpack;

/// The pages of a PDF, their runs decoded to Unicode.
pub(crate) fn pages(bytes: &[u8]) -> Result<Vec<Page>, IngestError> {
    let limit = max_unpacked(bytes.len() as u64);
    // The reader itself has no panics on input-derived data; this keeps one in the
    // object parser it relies on to this file, which is then reported as damaged.
    let result = std::panic::catch_unwind(|| read(bytes, limit))
        .unwrap_or_else(|_| Err(ReadError::Damaged(t!("pdf.parser_failed").into())));
    result.map_err(|e| e.into_ingest(limit))
}

/// The most the streams of a file of `len` bytes may unpack to, all together: the reader
/// stops past it, and the memory budget reserves for it before the file is read.
///
/// Text compresses some five to ten times and the fonts embedded in a report (counted
/// in `len`, never unpacked here) are much of its size, so 32 times the file is room
/// for any real report; small files get 16 MiB.
pub(crate) fn max_unpacked(len: u64) -> u64 {
    (len.saturating_mul(32)).clamp(16 << 20, 512 << 20)
}

/// Why a PDF gave no pages; made into a message by [`ReadError::into_ingest`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum ReadError {
    /// lopdf could not read the file at all: its words.
    Damaged(String),
    /// Encrypted with a password other than the empty one.
    Password,
    /// No page tree, or one with no pages.
    NoPages,
    /// A branch of the page tree met twice, or a tree too deep.
    PageTree,
    /// More pages than [`limits::MAX_PAGES`].
    Pages,
    /// More objects than [`limits::MAX_OBJECTS`].
    Objects,
    /// A page ran more operators than [`limits::MAX_OPERATORS`].
    Operators,
    /// The streams unpack to more than the file's budget.
    Unpacked,
    /// Pages with images and no text: a scan.
    Scan {
        /// Pages in the file.
        pages: usize,
    },
    /// Glyphs shown, but (mostly) in fonts that do not say what they read as.
    Undecodable,
}

impl ReadError {
    fn into_ingest(self, limit: u64) -> IngestError {
        use IngestError::{TooLarge, Unsupported};
        match self {
            ReadError::Damaged(why) => Unsupported(t!("pdf.damaged", why = why)),
            ReadError::Password => Unsupported(t!("pdf.password").into()),
            ReadError::NoPages => Unsupported(t!("pdf.no_pages").into()),
            ReadError::PageTree => Unsupported(t!("pdf.page_tree").into()),
            ReadError::Pages => TooLarge(t!("pdf.too_many_pages", limit = limits::MAX_PAGES)),
            ReadError::Objects => TooLarge(t!("pdf.too_many_objects", limit = limits::MAX_OBJECTS)),
            ReadError::Operators => {
                TooLarge(t!("pdf.too_many_operators", limit = limits::MAX_OPERATORS))
            }
            ReadError::Unpacked => TooLarge(t!("pdf.unpacked", limit = limit >> 20)),
            ReadError::Scan { pages } => Unsupported(t!("pdf.scan", pages = pages)),
            ReadError::Undecodable => Unsupported(t!("pdf.undecodable").into()),
        }
    }
}

/// Follows references (lopdf bounds the chain) to the object `o` stands for.
fn resolve<'a>(doc: &'a Document, o: Option<&'a Object>) -> Option<&'a Object> {
    doc.dereference(o?).ok().map(|(_, o)| o)
}

fn read(bytes: &[u8], limit: u64) -> Result<Vec<Page>, ReadError> {
    let doc = load(bytes, limit)?;
    let nodes = tree::pages(&doc)?;
    let mut unpack = Unpack::new(limit);
    let mut fonts = Fonts::default();
    let mut tally = Tally::default();
    let mut pages = Vec::with_capacity(nodes.len());
    for node in &nodes {
        let frame = geom::Frame::new(node.area, node.rotate);
        let mut walker = Walker::new(&doc, &mut fonts, &mut unpack, &mut tally, frame);
        for stream in contents(&doc, node.dict) {
            walker.walk_stream(stream, node.resources)?;
        }
        pages.push(Page {
            width: frame.width,
            height: frame.height,
            runs: walker.into_runs(),
        });
    }
    judge(tally, pages.len())?;
    Ok(pages)
}

/// The parsed file, decrypted when its password is the empty one.
fn load(bytes: &[u8], limit: u64) -> Result<Document, ReadError> {
    let options = LoadOptions {
        max_decompressed_size: Some(usize::try_from(limit).unwrap_or(usize::MAX)),
        ..LoadOptions::default()
    };
    let doc = match Document::load_mem_with_options(bytes, options) {
        Ok(doc) => doc,
        Err(lopdf::Error::InvalidPassword) => return Err(ReadError::Password),
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
            return Err(ReadError::Unpacked)
        }
        Err(e) => return Err(ReadError::Damaged(e.to_string())),
    };
    // lopdf loads an encrypted file the empty password does not open as a trailer
    // and no objects, without an error.
    if doc.trailer.has(b"Encrypt") && !doc.was_encrypted() {
        return Err(ReadError::Password);
    }
    if doc.objects.len() > limits::MAX_OBJECTS {
        return Err(ReadError::Objects);
    }
    Ok(doc)
}

/// A page's content streams, in order (`/Contents` is one stream or an array of them).
fn contents<'a>(doc: &'a Document, page: &'a lopdf::Dictionary) -> Vec<&'a lopdf::Stream> {
    match resolve(doc, page.get(b"Contents").ok()) {
        Some(Object::Stream(s)) => vec![s],
        Some(Object::Array(items)) => items
            .iter()
            .filter_map(|o| match resolve(doc, Some(o)) {
                Some(Object::Stream(s)) => Some(s),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Refuses a file whose pages hold no text to read: a scan (images only, or nothing at
/// all), or glyphs mostly in fonts that do not say what they read as.
fn judge(tally: Tally, pages: usize) -> Result<(), ReadError> {
    if tally.read == 0 && tally.unread == 0 {
        return Err(ReadError::Scan { pages });
    }
    if tally.unread > tally.read {
        return Err(ReadError::Undecodable);
    }
    Ok(())
}
