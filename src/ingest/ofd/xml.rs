//! A part's XML read event by event, by local name (any namespace prefix, or none), with
//! its nesting bounded.

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;

use super::super::IngestError;
use crate::msg::t;

/// Deepest element nesting read in a part: OFD pages nest page blocks a few levels deep;
/// thousands of levels are no document and cost memory in the reader.
pub(super) const MAX_DEPTH: usize = 256;

/// One event of a part, names without their prefix.
pub(super) enum Ev<'a> {
    /// A start tag (or an empty element, then followed by its [`Ev::End`]).
    Start(&'a BytesStart<'a>),
    /// Character data, references resolved.
    Text(&'a str),
    /// An end tag, by local name.
    End(&'a str),
}

/// Streams the XML of `part` (named `name` in errors) to `each`.
pub(super) fn walk(
    name: &str,
    part: &str,
    mut each: impl FnMut(Ev<'_>) -> Result<(), IngestError>,
) -> Result<(), IngestError> {
    let mut reader = Reader::from_str(part);
    let mut depth = 0usize;
    let bad = |e: &dyn std::fmt::Display| {
        IngestError::Unsupported(t!("ofd.bad_part", part = name, why = e))
    };
    loop {
        match reader.read_event().map_err(|e| bad(&e))? {
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(IngestError::Unsupported(t!(
                        "ofd.too_deep",
                        part = name,
                        depth = MAX_DEPTH
                    )));
                }
                each(Ev::Start(&e))?;
            }
            Event::Empty(e) => {
                each(Ev::Start(&e))?;
                each(Ev::End(e.local_name().into_inner()))?;
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                each(Ev::End(e.local_name().into_inner()))?;
            }
            Event::Text(t) => each(Ev::Text(&t.xml10_content()))?,
            Event::CData(t) => each(Ev::Text(&t.xml10_content()))?,
            Event::GeneralRef(r) => each(Ev::Text(&reference(&r)))?,
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// The text a character or predefined entity reference stands for; empty for others.
fn reference(r: &BytesRef<'_>) -> String {
    let c = r.resolve_char_ref().ok().flatten();
    c.map(String::from)
        .or_else(|| quick_xml::escape::resolve_predefined_entity(r).map(String::from))
        .unwrap_or_default()
}

/// Whether the element's local name is `name`.
pub(super) fn is(e: &BytesStart<'_>, name: &str) -> bool {
    e.local_name().as_ref() == name
}

/// An attribute's value by local name, escapes resolved.
pub(super) fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    let a = e
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)?;
    let value = a.normalized_value(quick_xml::XmlVersion::default());
    Some(value.map_or_else(|_| a.value.to_string(), |v| v.into_owned()))
}

/// Numbers separated by white space (`Boundary`, `CTM`, `PhysicalBox`); what is no
/// finite number is left out.
pub(super) fn numbers(s: &str) -> Vec<f32> {
    s.split_whitespace()
        .filter_map(|n| n.parse::<f32>().ok())
        .filter(|n| n.is_finite())
        .collect()
}
