//! Bytes → `String`: BOM, then UTF-8, then a declared or detected GB18030, and a check
//! that the result is text rather than decoded noise.

use std::borrow::Cow;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, GB18030, GBK, UTF_16BE, UTF_16LE};

use super::IngestError;

mod mojibake;

/// chardetng is the slowest step of ingest (about 2,000 instructions a byte: 7 ms per
/// 30 KB). It is fed from the first non-ASCII byte until it has seen this many non-ASCII
/// bytes (about 1,000 Chinese characters, 2–3 KB of a report): on the 784 reports of the
/// test corpus, each in GBK, GB18030 and Big5, simplified and traditional, a quarter of
/// that gives the guess that 16 KB gives.
const DETECT_NON_ASCII: usize = 2048;

/// And never more than this, for text whose Chinese is sparse (a page of markup).
const DETECT_WINDOW: usize = 16 * 1024;

/// Where an HTML page may declare its charset; pages put the `<meta>` right after `<head>`.
const CHARSET_WINDOW: usize = 2048;

/// Share of undecodable or control characters above which the bytes are called binary.
/// One stray byte in a long GBK file is tolerated; a PNG or random bytes reach 10 %+.
const MAX_BAD_PER_MILLE: usize = 5;

/// Decoded text and the label of the encoding it came in.
pub(crate) struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decodes `bytes`. `html` says the bytes look like an HTML page, so a declared
/// `charset=` is honoured when the bytes are not UTF-8.
/// `forced` is an encoding the user named (detection can be wrong: chardetng takes Big5
/// for GBK); it replaces detection.
pub(crate) fn decode(
    bytes: &[u8],
    html: bool,
    forced: Option<&'static Encoding>,
) -> Result<Decoded, IngestError> {
    let (text, encoding) = match forced {
        // A BOM still wins: it is the file's own statement of its encoding.
        Some(enc) => {
            let (text, used, _) = enc.decode(bytes);
            (text, forced_label(used))
        }
        None => decode_raw(bytes, html)?,
    };
    check_is_text(&text)?;
    Ok(Decoded {
        text: normalize_newlines(text.into_owned()),
        encoding,
    })
}

fn decode_raw(bytes: &[u8], html: bool) -> Result<(Cow<'_, str>, &'static str), IngestError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok((text, label(enc)));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((Cow::Borrowed(text), "utf-8"));
    }
    if mostly_utf8(bytes) {
        return Ok((String::from_utf8_lossy(bytes), "utf-8"));
    }
    if html && declared_charset(bytes).is_some_and(is_gb) {
        return decode_gb(bytes);
    }
    let guess = detect(bytes);
    if is_gb(guess) {
        return decode_gb(bytes);
    }
    Err(IngestError::NotText(crate::msg::t!(
        "ingest.looks_like",
        name = guess.name(),
        flag = guess.name().to_ascii_lowercase()
    )))
}

/// GB18030, declared or detected, unless the result reads as another encoding misread
/// (see [`mojibake`]): that is said, with the `--encoding` that reads it, rather than
/// scored as noise. A user who forces GB18030 is not second-guessed (see [`decode`]).
fn decode_gb(bytes: &[u8]) -> Result<(Cow<'_, str>, &'static str), IngestError> {
    let text = GB18030.decode_without_bom_handling(bytes).0;
    // Binary data is called that first: noise is no encoding to name.
    check_is_text(&text)?;
    match mojibake::misread_as_gb(bytes, &text) {
        Some(why) => Err(IngestError::Misread(why)),
        None => Ok((text, "gb18030")),
    }
}

/// The scorecard's name for an encoding the user forced.
fn forced_label(enc: &'static Encoding) -> &'static str {
    if enc == GB18030 || enc == GBK {
        "gb18030"
    } else if enc == encoding_rs::BIG5 {
        "big5"
    } else if enc == encoding_rs::UTF_8 || enc == UTF_16LE || enc == UTF_16BE {
        label(enc)
    } else {
        // Other legacy encodings are rare in these reports; name them as encoding_rs does.
        enc.name()
    }
}

fn label(enc: &'static Encoding) -> &'static str {
    if enc == UTF_16LE {
        "utf-16le"
    } else if enc == UTF_16BE {
        "utf-16be"
    } else {
        "utf-8"
    }
}

/// A UTF-8 file with a few broken bytes (a bad copy, a truncated end) should not be
/// handed to the detector, which would call it GBK and produce mojibake. GBK text
/// almost never forms valid multi-byte UTF-8, so "mostly valid" is a safe test.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    good >= 8 && bad * 100 <= good
}

/// encoding_rs maps the `gb2312` and `gbk` labels to GBK, whose decoder is the full
/// GB18030 one, so all three are read as GB18030.
fn is_gb(enc: &'static Encoding) -> bool {
    enc == GBK || enc == GB18030
}

/// Runs chardetng on [`detect_window`]. Only a window that reaches the end of the bytes
/// is fed as the last: chardetng would otherwise count a character cut at the window's
/// end against the encoding it belongs to.
fn detect(bytes: &[u8]) -> &'static Encoding {
    let window = detect_window(bytes);
    let last = window.as_ptr_range().end == bytes.as_ptr_range().end;
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(window, last);
    detector.guess(Some(b"cn"), Utf8Detection::Allow)
}

/// What chardetng reads: from the first non-ASCII byte (saved pages often open with more
/// than 16 KB of ASCII script and style, which says nothing) until [`DETECT_NON_ASCII`]
/// non-ASCII bytes are in, at most [`DETECT_WINDOW`] bytes.
fn detect_window(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| !b.is_ascii()).unwrap_or(0);
    let rest = &bytes[start..];
    let cap = rest.len().min(DETECT_WINDOW);
    let mut seen = 0;
    let end = rest[..cap]
        .iter()
        .position(|b| {
            seen += usize::from(!b.is_ascii());
            seen == DETECT_NON_ASCII
        })
        .map_or(cap, |i| i + 1);
    &rest[..end]
}

/// The encoding named by the first `charset=` in the head of an HTML page.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(CHARSET_WINDOW)];
    let at = head
        .windows(7)
        .position(|w| w.eq_ignore_ascii_case(b"charset"))?;
    let rest = &head[at + 7..];
    let rest = trim_start_matches(rest, |b| b.is_ascii_whitespace());
    let rest = rest.strip_prefix(b"=")?;
    let rest = trim_start_matches(rest, |b| b.is_ascii_whitespace() || b == b'"' || b == b'\'');
    let len = rest
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b"-_:.".contains(&b)))
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..len])
}

fn trim_start_matches(bytes: &[u8], drop: impl Fn(u8) -> bool) -> &[u8] {
    let n = bytes.iter().take_while(|&&b| drop(b)).count();
    &bytes[n..]
}

/// Rejects decoded binary: replacement characters and C0/C1 controls other than
/// tab, line feed, carriage return and form feed.
fn check_is_text(text: &str) -> Result<(), IngestError> {
    let (mut total, mut bad) = (0usize, 0usize);
    for c in text.chars() {
        total += 1;
        let control =
            (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c')) || c == '\u{7f}';
        if control || c == '\u{fffd}' {
            bad += 1;
        }
    }
    if bad > 0 && bad * 1000 > total * MAX_BAD_PER_MILLE {
        return Err(IngestError::NotText(crate::msg::t!(
            "ingest.binary",
            bad = bad,
            total = total
        )));
    }
    Ok(())
}

/// CR LF and lone CR become LF. Works on bytes: both are ASCII, so UTF-8 stays valid.
pub(crate) fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let bytes = text.into_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut iter = bytes.iter().copied().peekable();
    while let Some(b) = iter.next() {
        if b == b'\r' {
            out.push(b'\n');
            if iter.peek() == Some(&b'\n') {
                iter.next();
            }
        } else {
            out.push(b);
        }
    }
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::UTF_8;

    #[test]
    fn newlines_are_normalised() {
        assert_eq!(
            normalize_newlines("a\r\nb\rc\n\r\nd".into()),
            "a\nb\nc\n\nd"
        );
    }

    #[test]
    fn declared_gb2312_resolves_to_gbk() {
        let page =
            b"<html><head><meta http-equiv=Content-Type content=\"text/html; charset = 'gb2312'\">";
        assert_eq!(declared_charset(page), Some(GBK));
        assert_eq!(declared_charset(b"<meta charset=\"utf-8\">"), Some(UTF_8));
        assert_eq!(declared_charset(b"<p>no declaration</p>"), None);
    }

    #[test]
    fn short_gbk_is_detected_with_the_cn_hint() {
        let (bytes, _, _) = GBK.encode("法治政府");
        let d = decode(&bytes, false, None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("法治政府", "gb18030"));
    }

    #[test]
    fn one_stray_byte_in_long_text_is_tolerated() {
        let mut bytes = "依法行政，建设法治政府。\n".repeat(200).into_bytes();
        bytes.push(0xff);
        let d = decode(&bytes, false, None).unwrap();
        assert!(d.text.starts_with("依法行政"));
    }

    /// A report in GBK as drafters save it: far longer than what detection reads.
    fn long_report() -> String {
        "法治政府建设年度报告。一、主要举措：严格规范公正文明执法，推进行政复议体制改革。\n"
            .repeat(600)
    }

    #[test]
    fn detection_reads_a_few_kilobytes_of_a_long_report() {
        let bytes = GB18030.encode(&long_report()).0.into_owned();
        assert!(bytes.len() > 40_000);
        let window = detect_window(&bytes);
        let non_ascii = window.iter().filter(|b| !b.is_ascii()).count();
        assert_eq!(non_ascii, DETECT_NON_ASCII);
        assert!(window.len() < 3 * 1024, "{}", window.len());
        let d = decode(&bytes, false, None).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            (long_report().as_str(), "gb18030")
        );
    }

    #[test]
    fn chinese_after_a_long_ascii_opening_is_still_detected() {
        // 20 KB of ASCII (more than the whole window) before the first Chinese character.
        let opening = "<script>var x = 1; /* settings */</script>\n".repeat(500);
        let text = format!("{opening}{}", long_report());
        let bytes = GBK.encode(&text).0.into_owned();
        let window = detect_window(&bytes);
        assert!(!window[0].is_ascii());
        let d = decode(&bytes, false, None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text.as_str(), "gb18030"));
    }

    #[test]
    fn sparse_chinese_is_read_up_to_the_cap() {
        let text = format!("法治{}", "abc 123. ".repeat(4000));
        let bytes = GBK.encode(&text).0.into_owned();
        assert_eq!(detect_window(&bytes).len(), DETECT_WINDOW);
        let short = GBK.encode("法治政府建设").0.into_owned();
        assert_eq!(detect_window(&short), &short[..]);
    }

    #[test]
    fn nul_bytes_are_not_text() {
        assert!(matches!(
            decode(&[0u8; 64], false, None),
            Err(IngestError::NotText(_))
        ));
    }
}
