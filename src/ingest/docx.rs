//! Word .docx → lines: the ZIP container, `word/document.xml` and the styles and
//! numbering the paragraphs refer to.

use std::cell::Cell;
use std::io::{BufRead, BufReader, Cursor, Read};

use zip::ZipArchive;

use super::docx_body::lines;
use super::docx_styles::parse_styles;
use super::docx_xml::XmlError;
use super::numbering::Numbering;
use super::paragraphs::Paragraphs;
use super::sniff::reads;
use super::{IngestError, StyledHeading};
use crate::msg::t;

/// A real report's document.xml is a few MB; more than this is a zip bomb.
const MAX_DOCUMENT: u64 = 200 << 20;
/// numbering.xml and styles.xml are tens of KB.
const MAX_SIDE_PART: u64 = 32 << 20;
/// The parts read may unpack to this many times the file's size: XML compresses some
/// 5–20 times, and a .docx also holds images that do not compress. The same ratio as
/// Apache POI's zip-bomb guard.
const MAX_RATIO: u64 = 100;
/// What any .docx may unpack to, whatever its size.
const RATIO_FLOOR: u64 = 8 << 20;

/// The most the parts of a .docx of `len` bytes may unpack to, all together: the
/// smaller of the ratio (or its floor) and the per-part limits.
pub(crate) fn max_unpacked(len: u64) -> u64 {
    let parts = MAX_DOCUMENT + 2 * MAX_SIDE_PART;
    parts.min(RATIO_FLOOR.max(len.saturating_mul(MAX_RATIO)))
}

type Zip<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// The text of a .docx, the lines its styles mark as headings and where its paragraphs
/// start. `name` only chooses between "broken .docx" and "not a .docx" when the ZIP has
/// no `word/document.xml`.
pub(crate) fn extract(
    bytes: &[u8],
    name: &str,
) -> Result<(String, Vec<StyledHeading>, Paragraphs), IngestError> {
    let mut zip = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| IngestError::BadDocx(t!("ingest.docx.damaged_zip", why = e)))?;
    if zip.index_for_name("word/document.xml").is_none() {
        return Err(not_a_docx(&zip, name));
    }
    let mut unpack = Unpack {
        file_len: bytes.len() as u64,
        left: max_unpacked(bytes.len() as u64),
    };
    // Read first: the body is streamed and needs them as it goes. A damaged side part
    // costs the heading numbers, not the whole report.
    let numbering = unpack
        .optional(&mut zip, "word/numbering.xml", |r| Numbering::parse(r))?
        .unwrap_or_default();
    let styles = unpack
        .optional(&mut zip, "word/styles.xml", |r| parse_styles(r))?
        .unwrap_or_default();
    let body = unpack.part(&mut zip, "word/document.xml", MAX_DOCUMENT, |r| {
        lines(r, numbering, &styles)
    })?;
    body.map_err(|e| IngestError::BadDocx(t!("ingest.docx.bad_xml", why = e)))
}

/// What may still be unpacked from one .docx.
struct Unpack {
    file_len: u64,
    /// Bytes the remaining parts may unpack to together.
    left: u64,
}

impl Unpack {
    /// Parses a part that may be missing; `None` when it is missing or not XML.
    fn optional<T>(
        &mut self,
        zip: &mut Zip<'_>,
        part: &str,
        parse: impl FnOnce(&mut dyn BufRead) -> Result<T, XmlError>,
    ) -> Result<Option<T>, IngestError> {
        if zip.index_for_name(part).is_none() {
            return Ok(None);
        }
        Ok(self.part(zip, part, MAX_SIDE_PART, parse)?.ok())
    }

    /// Streams one part to `parse`, stopping as soon as it unpacks past `limit` or past
    /// what the file may still unpack to, whatever the ZIP header claims.
    fn part<T>(
        &mut self,
        zip: &mut Zip<'_>,
        part: &str,
        limit: u64,
        parse: impl FnOnce(&mut dyn BufRead) -> Result<T, XmlError>,
    ) -> Result<Result<T, XmlError>, IngestError> {
        let bad = |e: &dyn std::fmt::Display| {
            IngestError::BadDocx(t!("ingest.docx.unpack", part = part, why = e))
        };
        let file = zip.by_name(part).map_err(|e| bad(&e))?;
        let cap = limit.min(self.left);
        if file.size() > cap {
            return Err(self.too_large(part, limit, cap));
        }
        let over = Cell::new(false);
        let used = Cell::new(0);
        let bounded = Bounded {
            inner: file,
            left: cap,
            over: &over,
            used: &used,
        };
        let mut reader = BufReader::with_capacity(64 << 10, bounded);
        let parsed = parse_text(&mut reader, parse);
        if over.get() {
            return Err(self.too_large(part, limit, cap));
        }
        self.left -= used.get();
        parsed.map_err(|e| bad(&e))
    }

    fn too_large(&self, part: &str, limit: u64, cap: u64) -> IngestError {
        let mib = |n: u64| n.div_ceil(1 << 20);
        IngestError::TooLarge(if cap == limit {
            t!(
                "ingest.docx.part_too_large",
                part = part,
                limit = mib(limit)
            )
        } else {
            t!(
                "ingest.docx.zip_bomb",
                limit = mib(max_unpacked(self.file_len)),
                size = self.file_len.div_ceil(1 << 10),
                ratio = MAX_RATIO
            )
        })
    }
}

/// Hands the part's text to `parse`: UTF-8 streamed as it unpacks (a BOM skipped),
/// UTF-16 (which the OOXML spec allows, and nobody writes) decoded whole first.
fn parse_text<T>(
    reader: &mut BufReader<Bounded<'_, impl Read>>,
    parse: impl FnOnce(&mut dyn BufRead) -> Result<T, XmlError>,
) -> Result<Result<T, XmlError>, std::io::Error> {
    let head = reader.fill_buf()?;
    if head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff") {
        let mut raw = Vec::new();
        reader.read_to_end(&mut raw)?;
        let text = encoding_rs::UTF_8.decode(&raw).0.into_owned();
        return Ok(parse(&mut text.as_bytes()));
    }
    if head.starts_with(b"\xef\xbb\xbf") {
        reader.consume(3);
    }
    Ok(parse(reader))
}

/// A reader that fails once more than `left` bytes come out of `inner`, and says so.
struct Bounded<'a, R> {
    inner: R,
    left: u64,
    over: &'a Cell<bool>,
    used: &'a Cell<u64>,
}

impl<R: Read> Read for Bounded<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n as u64 > self.left {
            self.over.set(true);
            return Err(std::io::Error::other(t!("ingest.docx.past_limit")));
        }
        self.left -= n as u64;
        self.used.set(self.used.get() + n as u64);
        Ok(n)
    }
}

/// Why a ZIP without `word/document.xml` was refused.
fn not_a_docx(zip: &Zip<'_>, name: &str) -> IngestError {
    let has = |part: &str| zip.index_for_name(part).is_some();
    let what = if has("xl/workbook.xml") {
        t!("ingest.kind.xlsx")
    } else if has("ppt/presentation.xml") {
        t!("ingest.kind.pptx")
    } else if has("content.xml") {
        t!("ingest.kind.odf")
    } else if has("OFD.xml") {
        t!("ingest.kind.ofd")
    } else if name.to_ascii_lowercase().ends_with(".docx") {
        return IngestError::BadDocx(t!("ingest.docx.no_document").into());
    } else {
        t!("ingest.kind.zip")
    };
    IngestError::Unsupported(t!("ingest.cannot_read", what = what, reads = reads()))
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
        let mut unpack = Unpack {
            file_len: 100,
            left: 1 << 20,
        };
        let read_all = |r: &mut dyn BufRead| {
            let mut v = Vec::new();
            r.read_to_end(&mut v).map_err(|e| XmlError::Xml(e.into()))?;
            Ok(v.len())
        };
        let err = unpack
            .part(&mut zip, "word/document.xml", 1000, read_all)
            .unwrap_err();
        assert!(matches!(err, IngestError::TooLarge(ref m) if m.contains("word/document.xml")));
        let got = unpack
            .part(&mut zip, "word/document.xml", 4096, read_all)
            .unwrap();
        assert_eq!(got.unwrap(), 4096);
        assert_eq!(unpack.left, (1 << 20) - 4096);
    }

    #[test]
    fn heading_styles_carry_numbering_through_based_on() {
        let styles = r#"<w:styles>
            <w:style w:styleId="1"><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>
            <w:style w:styleId="2"><w:basedOn w:val="1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
            <w:style w:styleId="loop"><w:basedOn w:val="loop"/></w:style>
        </w:styles>"#;
        let styles = parse_styles(styles.as_bytes()).unwrap();
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
        let styles = parse_styles(styles.as_bytes()).unwrap();
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

#[cfg(test)]
mod paragraph_tests {
    use super::*;

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    #[test]
    fn paragraphs_count_as_word_shows_them_in_text_boxes_and_nested_tables() {
        // 1 甲 (with a text box: 2 框, its fallback copy not counted), 3 empty, then a
        // table whose cell holds 4 乙 and a nested table of 5 丙 and 6 丁, then 7 戊.
        let text_box = format!(
            "<w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent>{}</w:txbxContent>\
             </w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>{}</w:txbxContent>\
             </w:pict></mc:Fallback></mc:AlternateContent></w:r>",
            p("框"),
            p("框")
        );
        let nested = format!(
            "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
            p("丙"),
            p("丁")
        );
        let xml = format!(
            "<w:document><w:body><w:p><w:r><w:t>甲</w:t></w:r>{text_box}</w:p><w:p/>\
             <w:tbl><w:tr><w:tc>{}{nested}</w:tc></w:tr></w:tbl>{}</w:body></w:document>",
            p("乙"),
            p("戊")
        );
        let (text, _, paragraphs) =
            lines(xml.as_bytes(), Numbering::default(), &Default::default()).unwrap();
        assert_eq!(text, "框\n甲\n乙 丙 丁\n戊");
        let at = |line: usize, word: &str| {
            let col = text.lines().nth(line).unwrap().find(word).unwrap();
            paragraphs.at(line, col)
        };
        assert_eq!([at(0, "框"), at(1, "甲")], [Some(2), Some(1)]);
        assert_eq!(
            [at(2, "乙"), at(2, "丙"), at(2, "丁")],
            [Some(4), Some(5), Some(6)]
        );
        assert_eq!(at(3, "戊"), Some(7));
    }
}
