//! How much work one PDF may ask for: pages, objects, operators, nesting and the bytes
//! its streams unpack to. A real report stays far below each; a crafted file stops at
//! the first it passes, with a message that says which.

use lopdf::Stream;

use super::ReadError;

/// Pages read from one file (a long report has a few hundred).
pub(super) const MAX_PAGES: usize = 5_000;
/// Objects one file may hold (a 300-page export has some tens of thousands).
pub(super) const MAX_OBJECTS: usize = 2_000_000;
/// Content-stream operators run for one page, its form XObjects included.
pub(super) const MAX_OPERATORS: usize = 2_000_000;
/// Form XObjects drawn inside form XObjects (a real page nests two or three).
pub(super) const MAX_FORM_DEPTH: usize = 12;
/// Nested `q` a content stream may leave open (deeper ones are not saved).
pub(super) const MAX_SAVED_STATES: usize = 256;

/// The bytes left for the file's streams to unpack to, all together.
#[derive(Debug)]
pub(super) struct Unpack {
    left: u64,
}

impl Unpack {
    /// A budget of `limit` bytes.
    pub(super) fn new(limit: u64) -> Self {
        Unpack { left: limit }
    }

    /// A stream's decoded bytes, charged to the budget. A stream whose filter fails for
    /// another reason reads as its raw bytes (some writers mislabel uncompressed
    /// streams), which are charged too.
    pub(super) fn stream(&mut self, stream: &Stream) -> Result<Vec<u8>, ReadError> {
        let cap = usize::try_from(self.left).unwrap_or(usize::MAX);
        let data = match stream.decompressed_content_with_limit(cap) {
            Ok(data) => data,
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                ..
            })) => {
                return Err(ReadError::Unpacked);
            }
            Err(_) => stream.content.clone(),
        };
        self.charge(data.len())?;
        Ok(data)
    }

    fn charge(&mut self, n: usize) -> Result<(), ReadError> {
        self.left = self.left.checked_sub(n as u64).ok_or(ReadError::Unpacked)?;
        Ok(())
    }
}
