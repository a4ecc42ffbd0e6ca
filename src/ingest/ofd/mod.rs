//! OFD (GB/T 33190) → positioned runs, page by page (laid out by [`super::layout`]).
//!
//! The package's OFD.xml names its documents (`DocBody/DocRoot`); the first one's
//! Document.xml lists its pages (`Pages/Page@BaseLoc`, in order) and their default size;
//! each page's Content.xml holds its layers of text objects. Only the pages' own content
//! is read: templates (`Page/Template`, the 红头 and page numbers drawn on every page) and
//! annotations (seals, signatures) carry furniture, not the report, and are left out, as
//! are images and paths. Positions are in millimetres, y growing downward, as layout wants.
//!
//! Bounded: what the parts read may unpack to (by the file's size, [`max_unpacked`]), one
//! part's size, the pages, the XML nesting and the text codes on one page.

use super::layout::Page;
use super::IngestError;
use crate::msg::t;

mod content;
mod document;
mod package;
#[cfg(test)]
mod tests;
mod xml;

/// A document with more pages than this is no annual report.
const MAX_PAGES: usize = 5_000;

/// The pages of an OFD package, in document order.
pub(crate) fn pages(bytes: &[u8]) -> Result<Vec<Page>, IngestError> {
    let mut pkg = package::Package::open(bytes)?;
    let doc = document::read(&mut pkg)?;
    if doc.pages.len() > MAX_PAGES {
        return Err(IngestError::TooLarge(t!(
            "ofd.too_many_pages",
            limit = MAX_PAGES
        )));
    }
    let mut pages = Vec::with_capacity(doc.pages.len());
    for (i, path) in doc.pages.iter().enumerate() {
        let xml = pkg.read(path)?;
        pages.push(content::page(path, &xml, doc.page_size, i + 1)?);
    }
    if !pages.is_empty() && pages.iter().all(|p| p.runs.is_empty()) {
        return Err(IngestError::Unsupported(t!(
            "ofd.no_text",
            pages = pages.len()
        )));
    }
    Ok(pages)
}

/// The most the parts of a file of `len` bytes may unpack to, all together: the reader
/// stops past it, and the memory budget reserves for it before the file is read.
pub(crate) fn max_unpacked(len: u64) -> u64 {
    package::max_unpacked(len)
}
