//! Telling formats apart by content. The file name only breaks ties.

use super::IngestError;
use crate::msg::t;

/// What lawscore reads, quoted in every refusal so the user knows where to go.
pub(crate) fn reads() -> &'static str {
    t!("ingest.reads")
}

/// What the first bytes say.
pub(crate) enum Magic {
    /// A ZIP container: a .docx or an OFD package.
    Zip,
    /// `%PDF-`.
    Pdf,
    /// An OLE compound file: Word 97 .doc or WPS .wps (or another Office binary, which
    /// the .doc reader names when it refuses it).
    Cfb,
    /// A form that is refused outright.
    Refused(IngestError),
    /// Anything else: decode it as text.
    Other,
}

/// Binary formats people rename to .txt by mistake; naming them beats "not text". The
/// second field is the catalogue key of what it is.
const BINARY: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "ingest.kind.png"),
    (b"\xff\xd8\xff", "ingest.kind.jpeg"),
    (b"II*\x00", "ingest.kind.tiff"),
    (b"MM\x00*", "ingest.kind.tiff"),
    (b"GIF87a", "ingest.kind.gif"),
    (b"GIF89a", "ingest.kind.gif"),
    (b"\x1f\x8b", "ingest.kind.gzip"),
    (b"7z\xbc\xaf\x27\x1c", "ingest.kind.7z"),
    (b"Rar!\x1a\x07", "ingest.kind.rar"),
    (b"\x7fELF", "ingest.kind.elf"),
    (b"MZ\x90\x00", "ingest.kind.exe"),
];

/// The header of an RTF file, which some writers put after white space.
const RTF: &[u8] = b"{\\rtf";

/// Classifies `bytes` by their leading signature.
pub(crate) fn magic(bytes: &[u8]) -> Magic {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Magic::Zip;
    }
    if bytes.starts_with(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") {
        return Magic::Cfb;
    }
    // Some generators put a few bytes of junk or white space before the header.
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Magic::Pdf;
    }
    if bytes.trim_ascii_start().starts_with(RTF) {
        return refuse(
            t!("ingest.kind.rtf"),
            "soffice --headless --convert-to docx file.rtf",
        );
    }
    for (sig, what) in BINARY {
        if bytes.starts_with(sig) {
            let what = crate::msg::text(what);
            return Magic::Refused(IngestError::NotText(t!("ingest.it_is", what = what)));
        }
    }
    Magic::Other
}

/// The message for a form lawscore does not read, with the command that converts it.
pub(crate) fn refuse(what: &str, convert: &str) -> Magic {
    Magic::Refused(IngestError::Unsupported(t!(
        "ingest.convert_first",
        what = what,
        reads = reads(),
        convert = convert
    )))
}

/// Whether text (or ASCII-compatible bytes) is an HTML page: it starts with a tag
/// and the first kilobyte holds a document-level tag. `name` decides only for
/// fragments that start with a tag but have none of those.
pub(crate) fn looks_like_html(text: &[u8], name: &str) -> bool {
    let text = text.strip_prefix(b"\xef\xbb\xbf").unwrap_or(text);
    let text = text.trim_ascii_start();
    if !text.starts_with(b"<") {
        return false;
    }
    let head = text[..text.len().min(1024)].to_ascii_lowercase();
    if head.starts_with(b"<!doctype html") {
        return true;
    }
    let markers: [&[u8]; 4] = [b"<html", b"<head", b"<body", b"<meta"];
    if markers
        .iter()
        .any(|m| head.windows(m.len()).any(|w| w == *m))
    {
        return true;
    }
    let name = name.to_ascii_lowercase();
    [".html", ".htm", ".shtml", ".xhtml"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// Whether a ZIP container is an OFD package: its root holds `OFD.xml` (GB/T 33190 §7.4).
pub(crate) fn zip_is_ofd(bytes: &[u8]) -> bool {
    zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .is_ok_and(|z| z.index_for_name("OFD.xml").is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_told_by_content_and_the_name_breaks_ties() {
        assert!(looks_like_html(b"\n <!DOCTYPE html><p>x", "a.txt"));
        assert!(looks_like_html(b"<!-- saved --><HTML><p>x", ""));
        assert!(looks_like_html(b"<div>x</div>", "report.HTM"));
        assert!(!looks_like_html(b"<div>x</div>", "report.txt"));
        assert!(!looks_like_html("一、<meta> 不是网页".as_bytes(), "a.html"));
    }

    #[test]
    fn every_read_form_is_told_by_its_bytes() {
        assert!(matches!(magic(b"%PDF-1.7\n%\xe2\xe3"), Magic::Pdf));
        // Junk some generators put first.
        assert!(matches!(magic(b"\r\n\x00\x00%PDF-1.4"), Magic::Pdf));
        assert!(matches!(
            magic(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00"),
            Magic::Cfb
        ));
        assert!(matches!(magic(b"PK\x03\x04\x14\x00"), Magic::Zip));
        assert!(matches!(magic("一、总体情况".as_bytes()), Magic::Other));
        let Magic::Refused(e) = magic(b"II*\x00\x08\x00\x00\x00") else {
            panic!("a TIFF scan read as text")
        };
        assert!(e.to_string().contains("TIFF"));
    }

    #[test]
    fn refusals_name_the_form_and_the_conversion() {
        let Magic::Refused(e) = magic(b"{\\rtf1\\ansi x}") else {
            panic!("RTF not refused")
        };
        let msg = e.to_string();
        assert!(msg.contains("RTF") && msg.contains("soffice") && msg.contains(".docx"));
        assert!(!msg.contains('\n'));
    }
}
