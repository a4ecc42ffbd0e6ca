//! OFD (GB/T 33190) → positioned runs, page by page (laid out by [`super::layout`]).
//!
//! SKELETON (lead): the OFD part replaces this stub.

use super::layout::Page;
use super::IngestError;

/// The pages of an OFD package, in document order.
pub(crate) fn pages(_bytes: &[u8]) -> Result<Vec<Page>, IngestError> {
    Err(IngestError::Unsupported("OFD: not yet read".into()))
}
