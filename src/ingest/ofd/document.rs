//! The package's entry (OFD.xml) and its first document (Document.xml): where the pages
//! are, in order, and the default page size.

use super::super::IngestError;
use super::package::{folder, resolve, Package};
use super::xml::{attr, is, numbers, walk, Ev};
use crate::msg::t;

/// What the document says of its pages.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Document {
    /// Every page's Content.xml, from the package root, in document order.
    pub pages: Vec<String>,
    /// The default page size (width, height), mm: `CommonData/PageArea/PhysicalBox`.
    pub page_size: (f32, f32),
}

/// A4, for documents that leave the size out.
const A4: (f32, f32) = (210.0, 297.0);

/// Reads OFD.xml and the first document it names.
pub(super) fn read(pkg: &mut Package<'_>) -> Result<Document, IngestError> {
    let entry = pkg.read("OFD.xml")?;
    let root = doc_root(&entry)?;
    let xml = pkg.read(&root)?;
    let mut doc = pages(&root, &xml)?;
    let base = folder(&root);
    // Some writers give page paths from the package root without the leading `/`.
    for page in &mut doc.pages {
        if !pkg.has(page) {
            let from_root = resolve("", page.strip_prefix(&format!("{base}/")).unwrap_or(page));
            if pkg.has(&from_root) {
                *page = from_root;
            }
        }
    }
    Ok(doc)
}

/// The first `DocBody/DocRoot` of OFD.xml, as a path from the package root.
fn doc_root(entry: &str) -> Result<String, IngestError> {
    let mut in_root = false;
    let mut root: Option<String> = None;
    walk("OFD.xml", entry, |ev| {
        match ev {
            Ev::Start(e) if root.is_none() && is(e, "DocRoot") => in_root = true,
            Ev::Text(s) if in_root => root.get_or_insert_with(String::new).push_str(s),
            Ev::End("DocRoot") => in_root = false,
            _ => {}
        }
        Ok(())
    })?;
    root.map(|r| resolve("", &r))
        .filter(|r| !r.is_empty())
        .ok_or_else(|| IngestError::Unsupported(t!("ofd.no_doc_root").into()))
}

/// The pages Document.xml lists, in order, and its default page size.
fn pages(path: &str, xml: &str) -> Result<Document, IngestError> {
    let base = folder(path);
    let mut doc = Document {
        pages: Vec::new(),
        page_size: A4,
    };
    let mut in_pages = false;
    let mut in_area = false;
    let mut in_box = false;
    walk(path, xml, |ev| {
        match ev {
            Ev::Start(e) if is(e, "Pages") => in_pages = true,
            Ev::End("Pages") => in_pages = false,
            Ev::Start(e) if in_pages && is(e, "Page") => {
                if let Some(loc) = attr(e, "BaseLoc") {
                    doc.pages.push(resolve(&base, &loc));
                }
            }
            Ev::Start(e) if is(e, "PageArea") => in_area = true,
            Ev::End("PageArea") => in_area = false,
            Ev::Start(e) if in_area && is(e, "PhysicalBox") => in_box = true,
            Ev::End("PhysicalBox") => in_box = false,
            Ev::Text(s) if in_box => {
                if let [_, _, w, h] = numbers(s)[..] {
                    doc.page_size = (w, h);
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(doc)
}
