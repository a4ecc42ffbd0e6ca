//! Small readers of WordprocessingML attributes shared by the .docx parts.

use std::io::BufRead;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// A numeric `w:val`.
pub(crate) fn number<T: std::str::FromStr>(e: &BytesStart<'_>) -> Option<T> {
    attr(e, "w:val").and_then(|v| v.parse().ok())
}

/// A toggle such as `<w:b/>`: on unless `w:val` says 0, false or off.
pub(crate) fn is_on(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, "w:val").as_deref(), Some("0" | "false" | "off"))
}

/// An attribute's value with XML escapes resolved.
pub(crate) fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    let a = e.attributes().flatten().find(|a| a.key.as_ref() == key)?;
    let value = a.normalized_value(quick_xml::XmlVersion::default());
    Some(value.map_or_else(|_| a.value.to_string(), |v| v.into_owned()))
}

/// Deepest element nesting read in a part. Word's deepest (a table in a text box in a
/// table cell) is some 40 levels; an unclosed `<w:p>` repeated a million times is not a
/// document, and every level costs memory in the reader and the parsers.
pub(crate) const MAX_XML_DEPTH: usize = 256;

/// Why a part's XML could not be read.
#[derive(Debug)]
pub(crate) enum XmlError {
    /// Not well-formed, or the stream under it failed.
    Xml(quick_xml::Error),
    /// Elements nest deeper than [`MAX_XML_DEPTH`].
    TooDeep,
}

impl std::fmt::Display for XmlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            XmlError::Xml(e) => e.fmt(f),
            XmlError::TooDeep => f.write_str(&crate::msg::t!(
                "ingest.docx.too_deep",
                depth = MAX_XML_DEPTH
            )),
        }
    }
}

impl From<quick_xml::Error> for XmlError {
    fn from(e: quick_xml::Error) -> Self {
        XmlError::Xml(e)
    }
}

/// Streams the XML of `src` to `each`, one event at a time, up to and without the end:
/// only one event is held at once, however large the part.
pub(crate) fn each_event<R: BufRead>(
    src: R,
    mut each: impl FnMut(Event<'_>),
) -> Result<(), XmlError> {
    let mut reader = Reader::from_reader(src);
    let mut buf = Vec::new();
    let mut depth = 0usize;
    loop {
        buf.clear();
        let event = reader.read_event_into(&mut buf)?;
        match event {
            Event::Start(_) if depth == MAX_XML_DEPTH => return Err(XmlError::TooDeep),
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Eof => return Ok(()),
            _ => {}
        }
        each(event);
    }
}
