//! Word 97–2003 .doc and WPS .wps (the same compound-file format) → lines.
//!
//! SKELETON (lead): the .doc part replaces this stub.

use super::paragraphs::Paragraphs;
use super::{IngestError, StyledHeading};

/// The text of a Word 97 binary document, its styled headings and paragraph starts.
pub(crate) fn extract(
    _bytes: &[u8],
) -> Result<(String, Vec<StyledHeading>, Paragraphs), IngestError> {
    Err(IngestError::Unsupported(".doc: not yet read".into()))
}
