//! Small readers of WordprocessingML attributes shared by the .docx parts.

use quick_xml::events::BytesStart;

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
