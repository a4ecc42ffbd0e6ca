//! Stage 1 — ingest: bytes of a file → the report's plain text.
//!
//! Reads UTF-8 (BOM or not), UTF-16 LE/BE (with BOM) and GB18030/GBK/GB2312 text, HTML pages
//! saved from government sites (article text only, site furniture dropped) and Word `.docx`.
//! The output is plain text with `\n` line ends; every later stage numbers lines of this text,
//! so HTML and .docx come out one paragraph, heading or table row per line. Plain text is
//! kept as written apart from line ends. HTML and .docx also say which lines their markup
//! styles as headings ([`StyledHeading`]), which the text alone cannot show, and where
//! each of their paragraphs starts ([`Paragraphs`]), so evidence names a paragraph a
//! reader finds in Word or the browser rather than a line of the extracted text.
//!
//! PDF and OFD (paged forms) are laid out again into paragraphs ([`layout`]) and also say
//! which page and printed line each place comes from ([`Pages`]); Word 97 .doc and WPS .wps
//! are read from their compound file. The form is told by the bytes, never the name.
//! RTF is refused with the command that converts it.

use std::io::Read;
use std::path::Path;

use crate::model::scorecard::Format;
use crate::msg::t;

mod budget;
mod doc;
mod docx;
mod docx_body;
mod docx_styles;
mod docx_xml;
mod encoding;
mod html;
mod html_depth;
mod html_parse;
mod html_text;
mod layout;
mod numbering;
mod ofd;
mod pages;
mod paragraphs;
mod pdf;
mod sniff;

pub use budget::{budget_bytes, Reservation, MEMORY_BUDGET, MEMORY_BUDGET_ENV};
pub use html_parse::ParseWork;
pub use pages::{PageLine, Pages};
pub use paragraphs::{ParagraphStart, Paragraphs};

/// The work parsing `page` as HTML takes (after the same guards as [`extract`]), for
/// tests and benchmarks that bound it by the page's length.
#[doc(hidden)]
pub fn html_parse_work(page: &str) -> ParseWork {
    html_parse::parse(&html_depth::cap_nesting(page)).1
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
    /// Lines the source styles as headings (empty for plain text).
    pub headings: Vec<StyledHeading>,
    /// Where the source's paragraphs start in `text` (none for plain text, whose lines
    /// are what a reader counts).
    pub paragraphs: Paragraphs,
    /// Where each printed line of a paged source (PDF, OFD) starts in `text`, with its
    /// page (none for other forms).
    pub pages: Pages,
}

/// A line that the source marks as a heading by its style.
///
/// Word heading styles and outline levels, and HTML `<h1>`–`<h4>`, give levels 1–4.
/// Level 0 is a paragraph whose whole text is bold and short enough for a heading
/// (Chinese reports often set their third-level headings this way): a heading whose
/// level the source does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StyledHeading {
    /// 0-based line index in `Extracted::text`.
    pub line: usize,
    /// 1 for the top level (Heading 1 / outline level 0 / <h1>), up to 4; 0 for bold.
    pub level: u8,
}

/// The deepest heading level a style hint carries; deeper levels are body text to the
/// structure reader, which numbers four levels (一、 （一） 1. （1）).
const MAX_HEADING_LEVEL: u8 = 4;

/// Longest wholly bold paragraph still taken for a heading: longer bold text is an
/// emphasised passage.
const MAX_BOLD_HEADING_CHARS: usize = 40;

/// Whether a wholly bold line has a heading's shape: short, and not a sentence (a bold
/// lead sentence such as `一是加强组织领导。` is body text).
pub(crate) fn bold_heading_shape(line: &str) -> bool {
    let line = line.trim();
    line.chars().count() <= MAX_BOLD_HEADING_CHARS && !line.ends_with('。')
}

impl Extracted {
    /// The styled headings as (line, level) pairs, the form the document stage reads.
    pub fn styled(&self) -> Vec<(usize, u8)> {
        self.headings.iter().map(|h| (h.line, h.level)).collect()
    }
}

/// Why a file could not be read. The texts it carries are made in the run's language
/// (see [`crate::msg`]) where the error is raised, and so is its `Display`.
#[derive(Debug, PartialEq)]
pub enum IngestError {
    /// The file is empty or has only white space.
    Empty,
    /// The bytes are not text in any supported encoding: why.
    NotText(String),
    /// Text that reads as mojibake in the encoding detected: why, and the `--encoding`
    /// that reads it when one does.
    Misread(String),
    /// A format lawscore does not read.
    Unsupported(String),
    /// A .docx that is not a valid Word file: what is wrong with it.
    BadDocx(String),
    /// An input past a size limit.
    TooLarge(String),
    /// The file could not be read at all.
    Io(String),
}

impl std::fmt::Display for IngestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IngestError::Empty => f.write_str(t!("ingest.empty")),
            IngestError::NotText(why) => f.write_str(&t!("ingest.not_text", why = why)),
            IngestError::BadDocx(why) => f.write_str(&t!("ingest.bad_docx", why = why)),
            IngestError::Misread(s)
            | IngestError::Unsupported(s)
            | IngestError::TooLarge(s)
            | IngestError::Io(s) => f.write_str(s),
        }
    }
}

impl std::error::Error for IngestError {}

/// An operating system's error in the run's language: the common ones said in words, the
/// rest as the system gives them; an error lawscore made itself is its own message.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    if e.raw_os_error().is_none() {
        return e.to_string();
    }
    match e.kind() {
        K::NotFound => t!("ingest.io.not_found").into(),
        K::PermissionDenied => t!("ingest.io.permission_denied").into(),
        K::StorageFull => t!("ingest.io.storage_full").into(),
        K::IsADirectory => t!("ingest.io.is_a_directory").into(),
        K::ReadOnlyFilesystem => t!("ingest.io.read_only").into(),
        _ => t!("ingest.io.other", detail = e),
    }
}

/// Inputs past this size are refused before any work is done.
const MAX_INPUT: u64 = 256 << 20;

/// Extracts a report's text from `bytes`. `name` (a file name or path, may be empty)
/// only breaks ties: the content decides the format and the encoding.
pub fn extract(bytes: &[u8], name: &str) -> Result<Extracted, IngestError> {
    extract_as(bytes, name, None)
}

/// Like [`extract`], but text is decoded in `encoding` when given (`--encoding`), for the
/// files detection gets wrong. A .docx ignores it: its XML says its own encoding.
pub fn extract_as(
    bytes: &[u8],
    name: &str,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<Extracted, IngestError> {
    let need = budget::extraction_need(bytes.len() as u64, head(bytes), name);
    let _share = budget::reserve(need)?;
    extract_inner(bytes, name, encoding).map_err(IngestError::one_line)
}

/// The first bytes of an input, which tell its kind.
fn head(bytes: &[u8]) -> &[u8] {
    &bytes[..bytes.len().min(HEAD)]
}

/// How much of an input is read to tell its kind before the rest.
const HEAD: usize = 1024;

/// Reserves the memory scoring a text of `text_len` bytes takes, the `raw_len` bytes it
/// came from still held: call before scoring, hold while scoring. Waits while other
/// reports hold the budget ([`MEMORY_BUDGET`]); refused when it alone needs more.
pub fn reserve_scoring(raw_len: usize, text_len: usize) -> Result<Reservation, IngestError> {
    budget::reserve(budget::scoring_need(raw_len as u64, text_len as u64))
}

/// Reads an input of unknown size (standard input), stopping as soon as it passes the
/// size limit for one report.
pub fn read_limited(reader: impl Read) -> Result<Vec<u8>, IngestError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_INPUT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| IngestError::Io(t!("ingest.stdin_unreadable", why = io_reason(&e))))?;
    if bytes.len() as u64 > MAX_INPUT {
        return Err(IngestError::TooLarge(t!(
            "ingest.stdin_too_large",
            limit = MAX_INPUT >> 20
        )));
    }
    Ok(bytes)
}

impl IngestError {
    /// Messages quoted from zip and XML errors must not break the CLI's one-line report.
    fn one_line(self) -> Self {
        let flat = |s: String| s.replace(['\n', '\r'], " ");
        match self {
            IngestError::NotText(s) => IngestError::NotText(flat(s)),
            IngestError::Misread(s) => IngestError::Misread(flat(s)),
            IngestError::Unsupported(s) => IngestError::Unsupported(flat(s)),
            IngestError::BadDocx(s) => IngestError::BadDocx(flat(s)),
            IngestError::TooLarge(s) => IngestError::TooLarge(flat(s)),
            IngestError::Io(s) => IngestError::Io(flat(s)),
            IngestError::Empty => IngestError::Empty,
        }
    }
}

fn extract_inner(
    bytes: &[u8],
    name: &str,
    forced: Option<&'static encoding_rs::Encoding>,
) -> Result<Extracted, IngestError> {
    if bytes.len() as u64 > MAX_INPUT {
        return Err(too_large(bytes.len() as u64));
    }
    match sniff::magic(bytes) {
        sniff::Magic::Zip if sniff::zip_is_ofd(bytes) => {
            return finish_laid(layout::lay_out(&ofd::pages(bytes)?), Format::Ofd);
        }
        sniff::Magic::Zip => {
            let (text, headings, paragraphs) = docx::extract(bytes, name)?;
            return finish(text, (headings, paragraphs), Format::Docx, "utf-8");
        }
        sniff::Magic::Pdf => {
            return finish_laid(layout::lay_out(&pdf::pages(bytes)?), Format::Pdf);
        }
        sniff::Magic::Cfb => {
            let (text, headings, paragraphs) = doc::extract(bytes)?;
            return finish(text, (headings, paragraphs), Format::Doc, "utf-16le");
        }
        sniff::Magic::Refused(e) => return Err(e),
        sniff::Magic::Other => {}
    }
    let decoded = encoding::decode(bytes, sniff::looks_like_html(bytes, name), forced)?;
    if sniff::looks_like_html(decoded.text.as_bytes(), name) {
        let (text, headings, paragraphs) = html::extract(&decoded.text);
        return finish(text, (headings, paragraphs), Format::Html, decoded.encoding);
    }
    let plain = (Vec::new(), Paragraphs::default());
    finish(decoded.text, plain, Format::Txt, decoded.encoding)
}

/// A paged source's laid-out text, with its pages.
fn finish_laid(laid: layout::Laid, format: Format) -> Result<Extracted, IngestError> {
    let mut ex = finish(laid.text, (laid.headings, laid.paragraphs), format, "utf-8")?;
    ex.pages = laid.pages;
    Ok(ex)
}

fn finish(
    text: String,
    (headings, paragraphs): (Vec<StyledHeading>, Paragraphs),
    format: Format,
    encoding: &'static str,
) -> Result<Extracted, IngestError> {
    if text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    Ok(Extracted {
        text,
        format,
        encoding,
        headings,
        paragraphs,
        pages: Pages::default(),
    })
}

fn too_large(len: u64) -> IngestError {
    IngestError::TooLarge(t!(
        "ingest.too_large",
        size = format!("{:.1}", len as f64 / (1u64 << 20) as f64),
        limit = MAX_INPUT >> 20
    ))
}

/// Reads and extracts a file. Files over the size limit are refused without being
/// read, and reading stops at the limit for files whose size is unknown (pipes, devices).
pub fn read_file(path: &Path) -> Result<(Vec<u8>, Extracted), IngestError> {
    read_file_as(path, None)
}

/// Like [`read_file`], decoding text in `encoding` when given. Memory for extracting is
/// reserved from the file's size and first bytes before the rest is read.
pub fn read_file_as(
    path: &Path,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<(Vec<u8>, Extracted), IngestError> {
    let io = |e: std::io::Error| IngestError::Io(t!("ingest.unreadable", why = io_reason(&e)));
    let file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if meta.is_dir() {
        return Err(IngestError::Io(t!("ingest.is_folder").into()));
    }
    if meta.len() > MAX_INPUT {
        return Err(too_large(meta.len()));
    }
    let mut rest = file.take(MAX_INPUT + 1);
    let mut bytes = Vec::new();
    (&mut rest)
        .take(HEAD as u64)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    let name = path.to_string_lossy();
    let need = |len: usize, bytes: &[u8]| budget::extraction_need(len as u64, head(bytes), &name);
    let mut share = budget::reserve(need(meta.len() as usize, &bytes))?;
    bytes.reserve_exact((meta.len() as usize).saturating_sub(bytes.len()));
    rest.read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > MAX_INPUT {
        return Err(IngestError::TooLarge(t!(
            "ingest.input_too_large",
            limit = MAX_INPUT >> 20
        )));
    }
    // Devices and files still being written say one size and hold another: reserve
    // again for what was read (given back first, so no report waits while holding).
    if bytes.len() as u64 != meta.len() {
        drop(share);
        share = budget::reserve(need(bytes.len(), &bytes))?;
    }
    let ex = extract_inner(&bytes, &name, encoding).map_err(IngestError::one_line)?;
    drop(share);
    Ok((bytes, ex))
}
