//! Word .docx → lines: the ZIP container, `word/document.xml` and the styles and
//! numbering the paragraphs refer to.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use zip::ZipArchive;

use super::numbering::Numbering;
use super::sniff::READS;
use super::{IngestError, StyledHeading};

/// A real report's document.xml is a few MB; more than this is a zip bomb.
const MAX_DOCUMENT: u64 = 200 << 20;
/// numbering.xml and styles.xml are tens of KB.
const MAX_SIDE_PART: u64 = 32 << 20;

/// The text of a .docx and the lines its styles mark as headings. `name` only chooses
/// between "broken .docx" and "not a .docx" when the ZIP has no `word/document.xml`.
pub(crate) fn extract(
    bytes: &[u8],
    name: &str,
) -> Result<(String, Vec<StyledHeading>), IngestError> {
    let mut zip = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| IngestError::BadDocx(format!("the ZIP container is damaged ({e})")))?;
    if zip.index_for_name("word/document.xml").is_none() {
        return Err(not_a_docx(&zip, name));
    }
    let document = read_part(&mut zip, "word/document.xml", MAX_DOCUMENT)?;
    // A damaged side part costs the heading numbers, not the whole report.
    let numbering = read_optional(&mut zip, "word/numbering.xml")?
        .and_then(|xml| Numbering::parse(&xml).ok())
        .unwrap_or_default();
    let styles = read_optional(&mut zip, "word/styles.xml")?
        .and_then(|xml| parse_styles(&xml).ok())
        .unwrap_or_default();
    super::docx_body::lines(&document, numbering, &styles).map_err(|e| {
        IngestError::BadDocx(format!("word/document.xml is not well-formed XML ({e})"))
    })
}

/// Why a ZIP without `word/document.xml` was refused.
fn not_a_docx(zip: &ZipArchive<Cursor<&[u8]>>, name: &str) -> IngestError {
    let has = |part: &str| zip.index_for_name(part).is_some();
    let what = if has("xl/workbook.xml") {
        "an Excel .xlsx workbook"
    } else if has("ppt/presentation.xml") {
        "a PowerPoint .pptx presentation"
    } else if has("content.xml") {
        "an OpenDocument file (convert it with `soffice --headless --convert-to docx file.odt`)"
    } else if has("OFD.xml") {
        "an OFD document (export it to .docx or PDF first)"
    } else if name.to_ascii_lowercase().ends_with(".docx") {
        return IngestError::BadDocx("the ZIP container has no word/document.xml".into());
    } else {
        "a ZIP archive that is not a Word .docx (it has no word/document.xml)"
    };
    IngestError::Unsupported(format!("{what} cannot be read; {READS}"))
}

fn read_optional(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    part: &str,
) -> Result<Option<String>, IngestError> {
    if zip.index_for_name(part).is_none() {
        return Ok(None);
    }
    read_part(zip, part, MAX_SIDE_PART).map(Some)
}

/// Reads one part, stopping at `limit` bytes whatever the ZIP header claims.
fn read_part(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    part: &str,
    limit: u64,
) -> Result<String, IngestError> {
    let bad =
        |e: &dyn std::fmt::Display| IngestError::BadDocx(format!("cannot unpack {part} ({e})"));
    let file = zip.by_name(part).map_err(|e| bad(&e))?;
    let mut buf = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| bad(&e))?;
    if buf.len() as u64 > limit {
        return Err(IngestError::TooLarge(format!(
            "{part} unpacks to more than {} MiB, the limit for one part",
            limit >> 20
        )));
    }
    // Honours a UTF-16 BOM, which the OOXML spec allows.
    Ok(encoding_rs::UTF_8.decode(&buf).0.into_owned())
}

/// What a style in `word/styles.xml` says about lists, headings and weight; each
/// setting may instead be inherited through `w:basedOn`.
#[derive(Default, Clone)]
pub(crate) struct Style {
    /// `w:numPr`: Chinese Word templates often number headings through the heading
    /// style rather than on each paragraph.
    pub num_id: Option<String>,
    pub ilvl: Option<usize>,
    based_on: Option<String>,
    /// `w:outlineLvl`, 0 for the top level.
    outline: Option<u8>,
    /// The outline level a built-in heading style implies by its name (`heading 2`,
    /// `标题 2` → 1): Word leaves `w:outlineLvl` out of many saved heading styles, and
    /// Chinese Word gives them numeric ids (`1`, `2`) that say nothing.
    named_outline: Option<u8>,
    /// `w:rPr/w:b`.
    bold: Option<bool>,
}

/// Paragraph and character styles by style id.
pub(crate) type Styles = HashMap<String, Style>;

/// Reads the styles' lists, outline levels and bold from `word/styles.xml`.
fn parse_styles(xml: &str) -> Result<Styles, quick_xml::Error> {
    let mut styles = Styles::new();
    let mut reader = Reader::from_str(xml);
    let mut cur: Option<(String, Style)> = None;
    // Table styles' conditional parts (header row, first column) are not the style's own.
    let mut conditional = 0usize;
    loop {
        match reader.read_event()? {
            Event::Start(e) if e.name().as_ref() == "w:tblStylePr" => conditional += 1,
            Event::Start(e) | Event::Empty(e) if conditional == 0 => {
                match (e.name().as_ref(), cur.as_mut()) {
                    ("w:style", _) => cur = attr(&e, "w:styleId").map(|id| (id, Style::default())),
                    ("w:basedOn", Some((_, s))) => s.based_on = attr(&e, "w:val"),
                    ("w:numId", Some((_, s))) => s.num_id = attr(&e, "w:val"),
                    ("w:ilvl", Some((_, s))) => s.ilvl = number(&e),
                    ("w:outlineLvl", Some((_, s))) => s.outline = number(&e),
                    ("w:name", Some((_, s))) => {
                        s.named_outline = attr(&e, "w:val").and_then(|n| heading_name(&n));
                    }
                    ("w:b", Some((_, s))) => s.bold = Some(is_on(&e)),
                    _ => {}
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "w:tblStylePr" => conditional = conditional.saturating_sub(1),
                "w:style" => {
                    if let Some((id, s)) = cur.take() {
                        styles.insert(id, s);
                    }
                }
                _ => {}
            },
            Event::Eof => return Ok(styles),
            _ => {}
        }
    }
}

/// The outline level a heading style's name implies: `heading 1` (Word's built-in
/// name, whatever the display language), `Heading1`, `标题 1` → 0.
fn heading_name(name: &str) -> Option<u8> {
    let name = name.trim().to_lowercase();
    let rest = name
        .strip_prefix("heading")
        .or_else(|| name.strip_prefix("标题"))?;
    let n: u8 = rest.trim().parse().ok()?;
    (1..=9).contains(&n).then(|| n - 1)
}

/// A numeric `w:val`.
pub(crate) fn number<T: std::str::FromStr>(e: &BytesStart<'_>) -> Option<T> {
    attr(e, "w:val").and_then(|v| v.parse().ok())
}

/// A toggle such as `<w:b/>`: on unless `w:val` says 0, false or off.
pub(crate) fn is_on(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, "w:val").as_deref(), Some("0" | "false" | "off"))
}

/// The first value `get` finds on `style` or the styles it is based on, following
/// `w:basedOn` a bounded number of steps (cycles exist).
fn inherited<T>(styles: &Styles, style: &str, get: impl Fn(&Style) -> Option<T>) -> Option<T> {
    let mut id = Some(style);
    for _ in 0..16 {
        let s = styles.get(id?)?;
        if let Some(v) = get(s) {
            return Some(v);
        }
        id = s.based_on.as_deref();
    }
    None
}

/// The list of `style`.
pub(crate) fn style_list(styles: &Styles, style: &str) -> (Option<String>, Option<usize>) {
    (
        inherited(styles, style, |s| s.num_id.clone()),
        inherited(styles, style, |s| s.ilvl),
    )
}

/// The outline level of `style` (0 for the top level): an explicit `w:outlineLvl`, or
/// the level a heading style's name implies, on the style or the ones it is based on.
pub(crate) fn style_outline(styles: &Styles, style: &str) -> Option<u8> {
    inherited(styles, style, |s| s.outline.or(s.named_outline))
}

/// Whether `style` makes its text bold, when it says.
pub(crate) fn style_bold(styles: &Styles, style: &str) -> Option<bool> {
    inherited(styles, style, |s| s.bold)
}

/// An attribute's value with XML escapes resolved.
pub(crate) fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    let a = e.attributes().flatten().find(|a| a.key.as_ref() == key)?;
    let value = a.normalized_value(quick_xml::XmlVersion::default());
    Some(value.map_or_else(|_| a.value.to_string(), |v| v.into_owned()))
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn archive(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in parts {
            w.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn parts_past_the_limit_are_refused_whatever_the_header_says() {
        let bytes = archive(&[("word/document.xml", &[b' '; 4096])]);
        let mut zip = ZipArchive::new(Cursor::new(bytes.as_slice())).unwrap();
        let err = read_part(&mut zip, "word/document.xml", 1000).unwrap_err();
        assert!(matches!(err, IngestError::TooLarge(ref m) if m.contains("word/document.xml")));
        assert!(read_part(&mut zip, "word/document.xml", 4096).is_ok());
    }

    #[test]
    fn heading_styles_carry_numbering_through_based_on() {
        let styles = r#"<w:styles>
            <w:style w:styleId="1"><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>
            <w:style w:styleId="2"><w:basedOn w:val="1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
            <w:style w:styleId="loop"><w:basedOn w:val="loop"/></w:style>
        </w:styles>"#;
        let styles = parse_styles(styles).unwrap();
        assert_eq!(style_list(&styles, "2"), (Some("4".into()), Some(1)));
        assert_eq!(style_list(&styles, "loop"), (None, None));
    }

    #[test]
    fn heading_levels_come_from_names_and_outline_levels() {
        let styles = r#"<w:styles>
            <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:rPr><w:b/></w:rPr></w:style>
            <w:style w:type="paragraph" w:styleId="a5"><w:name w:val="标题 3"/></w:style>
            <w:style w:type="paragraph" w:styleId="mine"><w:name w:val="My Heading"/><w:basedOn w:val="1"/>
              <w:rPr><w:b w:val="0"/></w:rPr></w:style>
            <w:style w:type="paragraph" w:styleId="lvl"><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
            <w:style w:type="table" w:styleId="grid"><w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr></w:tblStylePr></w:style>
            <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
        </w:styles>"#;
        let styles = parse_styles(styles).unwrap();
        let outline = |id| style_outline(&styles, id);
        assert_eq!(
            ["1", "a5", "mine", "lvl", "Title", "none"].map(outline),
            [Some(0), Some(2), Some(0), Some(2), None, None]
        );
        let bold = |id| style_bold(&styles, id);
        assert_eq!(
            ["1", "mine", "grid"].map(bold),
            [Some(true), Some(false), None]
        );
    }
}
