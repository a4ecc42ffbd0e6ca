//! PDF → positioned runs, page by page (laid out as text by [`super::layout`]).
//!
//! SKELETON (lead): the PDF part replaces this stub.

use super::layout::Page;
use super::IngestError;

/// The pages of a PDF, their runs decoded to Unicode.
pub(crate) fn pages(_bytes: &[u8]) -> Result<Vec<Page>, IngestError> {
    Err(IngestError::Unsupported("PDF: not yet read".into()))
}

/// The most the streams of a file of `len` bytes may unpack to, all together: the reader
/// stops past it, and the memory budget reserves for it before the file is read.
pub(crate) fn max_unpacked(len: u64) -> u64 {
    (len.saturating_mul(100)).clamp(8 << 20, 512 << 20)
}
