//! Word 97–2003 .doc and WPS .wps (the same compound-file format) → lines.
//!
//! The compound file is opened with the `cfb` crate; the rest is read by hand from
//! [MS-DOC]: the FIB ([`fib`]) says where the piece table lies, the piece table
//! ([`pieces`]) where each run of the main text is stored and in which encoding, and the
//! paragraph properties ([`papx`]) and style sheet ([`styles`]) which paragraphs are
//! table cells, row ends and headings. [`text`] lays the characters out as the .docx
//! reader lays out the same document, so a report reads the same in either form.
//!
//! Only the main text is read: headers, footers, footnotes, comments and text boxes come
//! after it and are left out. List numbers that Word generates (a numbered heading's
//! `一、`) are list properties, not text, and are not put back; numbers typed as text stay.

use std::io::{Cursor, Read};

use super::paragraphs::Paragraphs;
use super::{IngestError, StyledHeading};
use crate::msg::t;

mod fib;
mod papx;
mod pieces;
mod styles;
#[cfg(test)]
mod tests;
mod text;

/// The stream that holds a Word document's text and FIB.
const WORD_DOCUMENT: &str = "WordDocument";

/// The text of a Word 97 binary document, its styled headings and paragraph starts.
pub(crate) fn extract(
    bytes: &[u8],
) -> Result<(String, Vec<StyledHeading>, Paragraphs), IngestError> {
    let mut cf = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| damaged(&t!("doc.why.container", detail = e)))?;
    if !cf.is_stream(WORD_DOCUMENT) {
        return Err(not_word(&cf));
    }
    let wd = stream(&mut cf, WORD_DOCUMENT, bytes.len())?;
    let fib = fib::parse(&wd).map_err(|e| match e {
        fib::FibError::Encrypted => IngestError::Unsupported(t!("doc.encrypted").into()),
        fib::FibError::NotWord | fib::FibError::Damaged => damaged(t!("doc.why.fib")),
    })?;
    let table_name = if fib.table_1 { "1Table" } else { "0Table" };
    if !cf.is_stream(table_name) {
        return Err(damaged(&t!("doc.why.no_table", name = table_name)));
    }
    let table = stream(&mut cf, table_name, bytes.len())?;
    let clx = fib::slice(&table, fib.clx).ok_or_else(|| damaged(t!("doc.why.pieces")))?;
    let pieces = pieces::pieces(clx, wd.len()).map_err(|e| match e {
        pieces::PieceError::TooMany => damaged(t!("doc.why.too_many_pieces")),
        _ => damaged(t!("doc.why.pieces")),
    })?;
    let units = pieces::main_text(&wd, &pieces, fib.ccp_text);
    let src = text::Sources {
        pieces: &pieces,
        bins: papx::Bins::new(&wd, fib::slice(&table, fib.bte_papx).unwrap_or_default()),
        styles: styles::Styles::new(fib::slice(&table, fib.stsh).unwrap_or_default()),
        section_ends: section_ends(fib::slice(&table, fib.sed).unwrap_or_default()),
    };
    Ok(text::lay_out(&units, &src))
}

/// The CPs that end sections: PlcfSed holds n + 1 CPs, then n 12-byte SEDs. A broken
/// table gives none (section breaks then read as line breaks).
fn section_ends(plc: &[u8]) -> Vec<u32> {
    let n = plc.len().saturating_sub(4) / 16;
    let mut ends: Vec<u32> = (1..=n).filter_map(|i| fib::u32_at(plc, 4 * i)).collect();
    ends.sort_unstable();
    ends
}

/// A stream read whole, refused when it claims to be larger than the file holding it
/// (a damaged sector chain cannot make it grow past that).
fn stream<F: Read + std::io::Seek>(
    cf: &mut cfb::CompoundFile<F>,
    name: &str,
    file_len: usize,
) -> Result<Vec<u8>, IngestError> {
    let why = |e: std::io::Error| damaged(&t!("doc.why.stream", name = name, detail = e));
    let mut s = cf.open_stream(name).map_err(why)?;
    if s.len() > file_len as u64 {
        return Err(damaged(&t!("doc.why.stream_too_long", name = name)));
    }
    let mut out = Vec::with_capacity(s.len() as usize);
    s.by_ref()
        .take(file_len as u64)
        .read_to_end(&mut out)
        .map_err(why)?;
    Ok(out)
}

/// A .doc that cannot be read, and why.
fn damaged(why: &str) -> IngestError {
    IngestError::Unsupported(t!("doc.damaged", why = why))
}

/// Why a compound file without a `WordDocument` stream is refused: what it is, told by
/// the streams Office and WPS write.
fn not_word<F>(cf: &cfb::CompoundFile<F>) -> IngestError {
    let has = |name: &str| cf.exists(name);
    let what = if has("Workbook") || has("Book") {
        t!("doc.kind.xls")
    } else if has("PowerPoint Document") {
        t!("doc.kind.ppt")
    } else if has("EncryptedPackage") {
        return IngestError::Unsupported(t!("doc.encrypted").into());
    } else if has("MatOST") || has("CONTENTS") || has("SPELLING") {
        t!("doc.kind.works")
    } else {
        t!("doc.kind.other")
    };
    IngestError::Unsupported(t!(
        "ingest.cannot_read",
        what = what,
        reads = super::sniff::reads()
    ))
}
