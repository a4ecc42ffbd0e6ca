//! The page tree: every page in order, with what it inherits from the branches above
//! it (resources, media box, crop box, rotation).
//!
//! Walked here rather than by lopdf so that a branch met twice (a cycle a damaged or
//! crafted file makes) is an error the reader names, not pages read again.

use std::collections::HashSet;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::limits::MAX_PAGES;
use super::resolve;
use super::ReadError;

/// How deep the page tree may branch (real files: two or three levels).
const MAX_DEPTH: usize = 64;

/// US Letter, for a page that gives no media box.
const DEFAULT_BOX: [f32; 4] = [0.0, 0.0, 612.0, 792.0];

/// One page and what it inherits.
#[derive(Debug, Clone)]
pub(super) struct PageNode<'a> {
    /// The page's dictionary.
    pub dict: &'a Dictionary,
    /// Its resources (its own or inherited).
    pub resources: Option<&'a Dictionary>,
    /// The visible area: the crop box within the media box.
    pub area: [f32; 4],
    /// `/Rotate`, in degrees clockwise.
    pub rotate: i64,
}

/// What a branch passes down.
#[derive(Debug, Clone, Copy, Default)]
struct Inherited<'a> {
    resources: Option<&'a Dictionary>,
    media: Option<[f32; 4]>,
    crop: Option<[f32; 4]>,
    rotate: Option<i64>,
}

/// The pages of `doc`, in page-tree order.
pub(super) fn pages(doc: &Document) -> Result<Vec<PageNode<'_>>, ReadError> {
    let root = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Pages").ok())
        .and_then(|o| o.as_reference().ok())
        .ok_or(ReadError::NoPages)?;
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    visit(doc, root, Inherited::default(), 0, &mut seen, &mut out)?;
    if out.is_empty() {
        return Err(ReadError::NoPages);
    }
    Ok(out)
}

fn visit<'a>(
    doc: &'a Document,
    id: ObjectId,
    from_above: Inherited<'a>,
    depth: usize,
    seen: &mut HashSet<ObjectId>,
    out: &mut Vec<PageNode<'a>>,
) -> Result<(), ReadError> {
    if !seen.insert(id) || depth > MAX_DEPTH {
        return Err(ReadError::PageTree);
    }
    // A kid that is missing or not a dictionary is a page lost to damage: skipped.
    let Ok(node) = doc.get_dictionary(id) else {
        return Ok(());
    };
    let here = inherit(doc, node, from_above);
    let kids = resolve(doc, node.get(b"Kids").ok()).and_then(|k| k.as_array().ok());
    match kids {
        Some(kids) if !node.has_type(b"Page") => {
            for kid in kids {
                if let Ok(kid) = kid.as_reference() {
                    visit(doc, kid, here, depth + 1, seen, out)?;
                }
            }
        }
        _ if node.has_type(b"Pages") => {}
        _ => {
            if out.len() >= MAX_PAGES {
                return Err(ReadError::Pages);
            }
            out.push(PageNode {
                dict: node,
                resources: here.resources,
                area: area(here),
                rotate: here.rotate.unwrap_or(0),
            });
        }
    }
    Ok(())
}

fn inherit<'a>(doc: &'a Document, node: &'a Dictionary, above: Inherited<'a>) -> Inherited<'a> {
    let get = |key: &[u8]| resolve(doc, node.get(key).ok());
    Inherited {
        resources: get(b"Resources")
            .and_then(|o| o.as_dict().ok())
            .or(above.resources),
        media: get(b"MediaBox").and_then(|o| rect(doc, o)).or(above.media),
        crop: get(b"CropBox").and_then(|o| rect(doc, o)).or(above.crop),
        rotate: get(b"Rotate")
            .and_then(|o| o.as_i64().ok())
            .or(above.rotate),
    }
}

/// The crop box clipped to the media box (either may be missing).
fn area(i: Inherited<'_>) -> [f32; 4] {
    let media = i.media.unwrap_or(DEFAULT_BOX);
    let Some(crop) = i.crop else {
        return media;
    };
    let clipped = [
        crop[0].max(media[0]),
        crop[1].max(media[1]),
        crop[2].min(media[2]),
        crop[3].min(media[3]),
    ];
    if clipped[0] < clipped[2] && clipped[1] < clipped[3] {
        clipped
    } else {
        media
    }
}

/// A rectangle, its corners put in order; none unless four finite numbers of some area.
fn rect(doc: &Document, o: &Object) -> Option<[f32; 4]> {
    let v: Vec<f32> = o
        .as_array()
        .ok()?
        .iter()
        .filter_map(|n| resolve(doc, Some(n)).and_then(|n| n.as_float().ok()))
        .collect();
    let [a, b, c, d] = <[f32; 4]>::try_from(v).ok()?;
    let r = [a.min(c), b.min(d), a.max(c), b.max(d)];
    (r.iter().all(|v| v.is_finite()) && r[0] < r[2] && r[1] < r[3]).then_some(r)
}
