//! Word .docx → lines: the ZIP container, `word/document.xml` and the styles and
//! numbering the paragraphs refer to.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::docx_styles::parse_styles;
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

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;
    use crate::ingest::docx_styles::{style_bold, style_list, style_outline};

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
