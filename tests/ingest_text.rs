//! Plain text in every supported encoding, refused inputs, and size limits.

mod ingest_sample;

use encoding_rs::GB18030;
use ingest_sample::{noise, zip, REPORT};
use lawscore::ingest::{extract, read_file, IngestError};
use lawscore::model::scorecard::Format;

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xfe, 0xff]
    } else {
        vec![0xff, 0xfe]
    };
    for unit in text.encode_utf16() {
        out.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

#[test]
fn the_same_report_in_every_encoding_gives_the_same_text() {
    let crlf = REPORT.replace('\n', "\r\n");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("utf-8", REPORT.as_bytes().to_vec(), "utf-8"),
        (
            "utf-8 BOM",
            [b"\xef\xbb\xbf".as_slice(), REPORT.as_bytes()].concat(),
            "utf-8",
        ),
        ("gb18030", GB18030.encode(REPORT).0.into_owned(), "gb18030"),
        (
            "gb18030 CRLF",
            GB18030.encode(&crlf).0.into_owned(),
            "gb18030",
        ),
        ("utf-16le", utf16(REPORT, false), "utf-16le"),
        ("utf-16be", utf16(REPORT, true), "utf-16be"),
        ("utf-8 CRLF", crlf.clone().into_bytes(), "utf-8"),
        ("utf-8 CR", REPORT.replace('\n', "\r").into_bytes(), "utf-8"),
        ("utf-16le CRLF", utf16(&crlf, false), "utf-16le"),
    ];
    for (what, bytes, encoding) in cases {
        let ex = extract(&bytes, "report.txt").unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(ex.text, REPORT, "{what}");
        assert_eq!(ex.encoding, encoding, "{what}");
        assert_eq!(ex.format, Format::Txt, "{what}");
        assert!(ex.headings.is_empty(), "{what}: plain text has no styles");
    }
}

#[test]
fn content_decides_and_the_name_does_not() {
    let ex = extract(REPORT.as_bytes(), "report.docx").unwrap();
    assert_eq!((ex.format, ex.text.as_str()), (Format::Txt, REPORT));
}

fn assert_not_text(bytes: &[u8], what: &str) {
    match extract(bytes, "report.txt") {
        Err(IngestError::NotText(_)) => {}
        other => panic!("{what}: expected NotText, got {other:?}"),
    }
}

#[test]
fn binary_data_is_not_text() {
    let png = [b"\x89PNG\r\n\x1a\n".as_slice(), &noise(1, 4096)].concat();
    assert_not_text(&png, "PNG");
    // A PNG without its signature still has to be caught by the content check.
    assert_not_text(&png[8..], "PNG body");
    for seed in 0..20 {
        assert_not_text(&noise(seed, 4096), &format!("noise seed {seed}"));
    }
    assert_not_text(&[0u8; 4096], "NUL bytes");
    // UTF-16 without a BOM is unsupported and must not pass as Latin text.
    assert_not_text(
        &utf16("Annual report 2023\n".repeat(20).as_str(), false)[2..],
        "bare UTF-16",
    );
}

#[test]
fn empty_and_blank_files_are_empty() {
    for bytes in [
        &b""[..],
        b"   \n\t\r\n",
        "\u{3000}\u{3000}\n".as_bytes(),
        b"\xef\xbb\xbf",
    ] {
        assert_eq!(
            extract(bytes, "a.txt"),
            Err(IngestError::Empty),
            "{bytes:?}"
        );
    }
}

#[test]
fn rtf_is_refused_with_a_way_out() {
    let Err(IngestError::Unsupported(msg)) = extract(b"{\\rtf1\\ansi \\par }", "report.txt") else {
        panic!("RTF not refused")
    };
    assert!(
        msg.contains("soffice") && msg.contains(".docx") && msg.contains("GB18030"),
        "{msg}"
    );
}

#[test]
fn a_compound_file_that_is_no_document_says_what_to_do() {
    // PDF, .doc and .wps are read now; a compound-file header over nothing is a damaged
    // Word file, refused with the way out.
    let ole = [b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1".as_slice(), &[0u8; 512]].concat();
    let Err(IngestError::Unsupported(msg)) = extract(&ole, "report.txt") else {
        panic!("an empty compound file read")
    };
    assert!(msg.contains(".doc") && msg.contains(".docx"), "{msg}");
}

#[test]
fn a_zip_that_is_not_a_docx_is_refused() {
    let bytes = zip(&[("readme.txt", "hello")]);
    assert!(matches!(
        extract(&bytes, "files.zip"),
        Err(IngestError::Unsupported(_))
    ));
    assert!(matches!(
        extract(&bytes, "report.docx"),
        Err(IngestError::BadDocx(_))
    ));
    let xlsx = zip(&[
        ("[Content_Types].xml", "<Types/>"),
        ("xl/workbook.xml", "<workbook/>"),
    ]);
    let Err(IngestError::Unsupported(msg)) = extract(&xlsx, "report.xlsx") else {
        panic!()
    };
    assert!(msg.contains("Excel"), "{msg}");
    let truncated = &zip(&[("word/document.xml", "<w:document/>")])[..20];
    assert!(matches!(
        extract(truncated, "report.docx"),
        Err(IngestError::BadDocx(_))
    ));
}

#[test]
fn every_error_is_one_line() {
    let inputs: [&[u8]; 5] = [
        b"",
        b"%PDF-1.4",
        &noise(7, 512),
        b"PK\x03\x04broken",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    ];
    for bytes in inputs {
        let msg = extract(bytes, "x").unwrap_err().to_string();
        assert!(!msg.is_empty() && !msg.contains('\n'), "{msg:?}");
    }
}

#[test]
fn one_five_megabyte_line_is_read() {
    let line = "依法行政".repeat(5 * 1024 * 1024 / 12);
    let ex = extract(line.as_bytes(), "long.txt").unwrap();
    assert_eq!(ex.text.len(), line.len());
    assert_eq!(ex.text.lines().count(), 1);
}

#[test]
fn a_fifty_megabyte_file_is_read() {
    let text = REPORT
        .replace('\n', "\r\n")
        .repeat(50 * 1024 * 1024 / REPORT.len());
    let ex = extract(text.as_bytes(), "big.txt").unwrap();
    assert!(!ex.text.contains('\r'));
    assert_eq!(
        ex.text.lines().count(),
        REPORT.lines().count() * (50 * 1024 * 1024 / REPORT.len())
    );
}

#[test]
fn inputs_over_the_limit_are_refused_unread() {
    // Zeroed allocations are not touched, so this costs no real memory.
    let huge = vec![0u8; (256 << 20) + 1];
    let Err(IngestError::TooLarge(msg)) = extract(&huge, "huge.txt") else {
        panic!()
    };
    assert!(msg.contains("256 MiB"), "{msg}");

    let file = tempfile::NamedTempFile::new().unwrap();
    file.as_file().set_len((300 << 20) as u64).unwrap();
    let Err(IngestError::TooLarge(msg)) = read_file(file.path()) else {
        panic!()
    };
    assert!(msg.contains("256 MiB"), "{msg}");
}

#[test]
fn read_file_returns_the_bytes_and_reports_io_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.txt");
    std::fs::write(&path, GB18030.encode(REPORT).0).unwrap();
    let (bytes, ex) = read_file(&path).unwrap();
    assert_eq!(
        (bytes.len(), ex.text.as_str(), ex.encoding),
        (GB18030.encode(REPORT).0.len(), REPORT, "gb18030")
    );
    assert!(matches!(
        read_file(&dir.path().join("missing.txt")),
        Err(IngestError::Io(_))
    ));
    assert!(matches!(read_file(dir.path()), Err(IngestError::Io(_))));
}
