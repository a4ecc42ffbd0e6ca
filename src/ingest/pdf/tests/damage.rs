//! Files with nothing to read or that must not be read: scans, unmapped fonts,
//! damage, cycles, budgets, passwords.

use super::writer::{document, hex, PageSpec, Pdf};
use super::*;
use crate::ingest::pdf::{pages, read, ReadError};
use crate::ingest::IngestError;

#[test]
fn image_only_pages_are_a_scan_that_needs_ocr() {
    let mut pdf = Pdf::default();
    let image = pdf.stream(
        "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8",
        &[0],
        false,
    );
    let page = PageSpec {
        contents: vec![b"q 612 0 0 792 0 0 cm /Im1 Do Q".to_vec()],
        xobjects: format!("/Im1 {image} 0 R"),
        ..PageSpec::default()
    };
    let bytes = document(&mut pdf, &[page.clone(), page], false);
    assert_eq!(read(&bytes, LIMIT), Err(ReadError::Scan { pages: 2 }));
    match pages(&bytes) {
        Err(IngestError::Unsupported(m)) => assert!(m.contains("OCR") && m.contains('2'), "{m}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn identity_h_without_to_unicode_is_undecodable() {
    let font = cid_font("Identity-H", "", "");
    let content = "BT /F1 12 Tf 72 700 Td <0001000200030004> Tj ET";
    let bytes = with_font(&mut Pdf::default(), &font, content, false);
    assert_eq!(read(&bytes, LIMIT), Err(ReadError::Undecodable));
    assert!(matches!(pages(&bytes), Err(IngestError::Unsupported(m)) if m.contains("OCR")));
}

#[test]
fn a_page_tree_cycle_is_an_error() {
    let mut pdf = Pdf::default();
    let root = pdf.reserve();
    let branch = pdf.add(format!(
        "<< /Type /Pages /Parent {root} 0 R /Kids [{root} 0 R] /Count 1 >>"
    ));
    pdf.set(
        root,
        format!("<< /Type /Pages /Kids [{branch} 0 R] /Count 1 >>"),
    );
    let cat = pdf.add(format!("<< /Type /Catalog /Pages {root} 0 R >>"));
    assert_eq!(read(&pdf.finish(cat), LIMIT), Err(ReadError::PageTree));
}

#[test]
fn streams_past_the_budget_stop_the_read() {
    let content = format!("BT /F1 10 Tf 0 700 Td ({}) Tj ET", "a".repeat(4000));
    let bytes = with_font(&mut Pdf::default(), HELVETICA, &content, true);
    assert_eq!(read(&bytes, 1000), Err(ReadError::Unpacked));
    assert!(read(&bytes, LIMIT).is_ok());
}

/// A small xorshift, so the damage is the same on every run.
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

#[test]
fn truncated_and_damaged_files_give_errors_not_panics() {
    let font = cid_font("GBK-EUC-H", "17 26 500", "");
    let content = format!(
        "BT /F1 12 Tf 72 700 Td {} Tj ET",
        hex(&gbk("法治政府建设年度报告"))
    );
    let good = with_font(&mut Pdf::default(), &font, &content, true);
    for cut in (0..good.len()).step_by(13) {
        let _ = pages(&good[..cut]);
    }
    assert!(pages(b"%PDF-1.4\nnothing here\n").is_err());
    let mut seed = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..300 {
        let mut bad = good.clone();
        for _ in 0..4 {
            let at = (next(&mut seed) % bad.len() as u64) as usize;
            bad[at] = next(&mut seed) as u8;
        }
        let _ = pages(&bad);
    }
}

/// `pdf`'s file encrypted (RC4, 128 bits) with `user` as the password to open it and
/// copying forbidden, as government sites publish them.
fn encrypted(plain: &[u8], user: &str) -> Vec<u8> {
    let mut doc = lopdf::Document::load_mem(plain).expect("the test file loads");
    doc.trailer.set(
        "ID",
        vec![
            lopdf::Object::string_literal(b"0123456789abcdef".to_vec()),
            lopdf::Object::string_literal(b"0123456789abcdef".to_vec()),
        ],
    );
    let version = lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password: user,
        key_length: 128,
        permissions: lopdf::Permissions::PRINTABLE,
    };
    let state = lopdf::EncryptionState::try_from(version).expect("encryption set up");
    doc.encrypt(&state).expect("encrypts");
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("saves");
    out
}

#[test]
fn encrypted_files_open_with_the_empty_password_and_refuse_others() {
    let font = cid_font("UniGB-UCS2-H", "", "");
    let content = format!(
        "BT /F1 10 Tf 100 500 Td {} Tj ET",
        hex(&utf16("禁止复制的报告"))
    );
    let plain = with_font(&mut Pdf::default(), &font, &content, true);
    let open = encrypted(&plain, "");
    assert!(
        open.windows(8).any(|w| w == b"/Encrypt"),
        "the test file is encrypted"
    );
    assert_eq!(runs(&open)[0][0].0, "禁止复制的报告");
    assert_eq!(
        read(&encrypted(&plain, "pw"), LIMIT),
        Err(ReadError::Password)
    );
}
