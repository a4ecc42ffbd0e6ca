//! PDF → positioned runs, page by page (laid out as text by [`super::layout`]).
//!
//! SKELETON (lead): the PDF part replaces this stub.

use super::layout::Page;
use super::IngestError;

/// The pages of a PDF, their runs decoded to Unicode.
pub(crate) fn pages(_bytes: &[u8]) -> Result<Vec<Page>, IngestError> {
    Err(IngestError::Unsupported("PDF: not yet read".into()))
}
