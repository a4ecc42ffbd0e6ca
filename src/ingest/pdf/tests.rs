//! The PDF reader on small PDFs written here: each font case Chinese reports use, the
//! operators that place text, scans and damaged files. What is checked is what layout
//! depends on: each run's text, order and place (x from the left, baseline from the top).

mod writer;

use super::{pages, read, ReadError};
use crate::ingest::layout::Page;
use crate::ingest::IngestError;
use writer::{document, hex, PageSpec, Pdf};

const LIMIT: u64 = 16 << 20;

/// (text, x, y, width, size) of every run of every page.
fn runs(bytes: &[u8]) -> Vec<Vec<(String, f32, f32, f32, f32)>> {
    let pages = read(bytes, LIMIT).unwrap_or_else(|e| panic!("read failed: {e:?}"));
    pages
        .iter()
        .map(|p| {
            p.runs
                .iter()
                .map(|r| (r.text.clone(), r.x, r.y, r.width, r.size))
                .collect()
        })
        .collect()
}

fn near(a: f32, b: f32) -> bool {
    (a - b).abs() < 0.01
}

/// Asserts one run: text and place.
#[track_caller]
fn check(run: &(String, f32, f32, f32, f32), text: &str, x: f32, y: f32, width: f32, size: f32) {
    assert_eq!(run.0, text);
    assert!(
        near(run.1, x) && near(run.2, y) && near(run.3, width) && near(run.4, size),
        "{text}: got x {} y {} width {} size {}, want {x} {y} {width} {size}",
        run.1,
        run.2,
        run.3,
        run.4
    );
}

/// One page showing `content` with font `/F1` (object body `font`).
fn with_font(pdf: &mut Pdf, font: &str, content: &str, flate: bool) -> Vec<u8> {
    let f = pdf.add(font);
    let page = PageSpec {
        contents: vec![content.as_bytes().to_vec()],
        fonts: format!("/F1 {f} 0 R"),
        ..PageSpec::default()
    };
    document(pdf, &[page], flate)
}

fn cid_font(encoding: &str, w: &str, extra: &str) -> String {
    format!(
        "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /{encoding} {extra} \
         /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light \
         /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 /W [{w}] >>] >>"
    )
}

const HELVETICA: &str = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

fn gbk(s: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(s).0.into_owned()
}

fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_be_bytes).collect()
}

#[test]
fn identity_h_reads_through_to_unicode_chars_ranges_and_arrays() {
    let mut pdf = Pdf::default();
    let cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
        1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
        3 beginbfchar <0001> <6CD5> <0002> <6CBB> <0005> <00660069> endbfchar\n\
        2 beginbfrange <0010> <0019> <0030> <0020> <0021> [<5E9C> <5EFA>] endbfrange\n\
        endcmap CMapName currentdict /CMap defineresource pop end end";
    let tu = pdf.stream("", cmap.as_bytes(), true);
    let font = format!(
        "<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+SimSun /Encoding /Identity-H /ToUnicode {tu} 0 R \
         /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+SimSun \
         /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 /W [16 25 500 5 [600]] >>] >>"
    );
    let content = "BT /F1 12 Tf 72 700 Td <00010002001200140021> Tj <0005> Tj ET";
    let r = runs(&with_font(&mut pdf, &font, content, false));
    check(
        &r[0][0],
        "法治24建",
        72.0,
        92.0,
        (3000.0 + 1000.0) * 12.0 / 1000.0,
        12.0,
    );
    check(&r[0][1], "fi", 120.0, 92.0, 7.2, 12.0);
}

#[test]
fn unigb_ucs2_h_reads_without_an_embedded_font_and_flate_changes_nothing() {
    let font = cid_font("UniGB-UCS2-H", "17 26 462", "");
    let content = format!(
        "BT /F1 10 Tf 100 500 Td {} Tj ET",
        hex(&utf16("2024年法治"))
    );
    let plain = runs(&with_font(&mut Pdf::default(), &font, &content, false));
    let packed = runs(&with_font(&mut Pdf::default(), &font, &content, true));
    check(
        &plain[0][0],
        "2024年法治",
        100.0,
        292.0,
        (4.0 * 462.0 + 3000.0) / 100.0,
        10.0,
    );
    assert_eq!(plain, packed);
}

#[test]
fn unigb_utf16_h_reads_surrogate_pairs() {
    let font = cid_font("UniGB-UTF16-H", "", "");
    let content = format!("BT /F1 10 Tf 0 700 Td {} Tj ET", hex(&utf16("𠀀法治")));
    let r = runs(&with_font(&mut Pdf::default(), &font, &content, false));
    // Three codes of one em each: the pair is one glyph.
    check(&r[0][0], "𠀀法治", 0.0, 92.0, 30.0, 10.0);
}

#[test]
fn gbk_euc_h_reads_mixed_ascii_and_two_byte_codes() {
    let font = cid_font("GBK-EUC-H", "17 26 500", "");
    let mut bytes = b"2024".to_vec();
    bytes.extend(gbk("年度法治政府建设"));
    bytes.extend(b"(1)");
    let content = format!("BT /F1 16 Tf 90 600 Td {} Tj ET", hex(&bytes));
    let r = runs(&with_font(&mut Pdf::default(), &font, &content, true));
    // Digits 500 from /W, the rest (and the brackets, which /W leaves out) /DW 1000.
    let width = (4.0 * 500.0 + 8.0 * 1000.0 + 500.0 + 2.0 * 1000.0) * 16.0 / 1000.0;
    check(
        &r[0][0],
        "2024年度法治政府建设(1)",
        90.0,
        192.0,
        width,
        16.0,
    );
}

#[test]
fn gb_euc_h_reads_gb2312_codes() {
    let font = cid_font("GB-EUC-H", "", "");
    let content = format!("BT /F1 12 Tf 50 700 Td {} Tj ET", hex(&gbk("依法行政")));
    let r = runs(&with_font(&mut Pdf::default(), &font, &content, false));
    check(&r[0][0], "依法行政", 50.0, 92.0, 48.0, 12.0);
}

#[test]
fn simple_font_reads_digits_with_widths_and_differences() {
    let widths = "333 333 278 278 278 278 278 278 556 556 556 556 556 556 556 556 556 556";
    let font = format!(
        "<< /Type /Font /Subtype /TrueType /BaseFont /Arial /FirstChar 40 /Widths [{widths}] \
         /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [128 /endash] >> >>"
    );
    let content = "BT /F1 10 Tf 72 720 Td (\\(2024\\)) Tj <80> Tj ET";
    let r = runs(&with_font(&mut Pdf::default(), &font, content, false));
    check(
        &r[0][0],
        "(2024)",
        72.0,
        72.0,
        (2.0 * 333.0 + 4.0 * 556.0) / 100.0,
        10.0,
    );
    assert_eq!(r[0][1].0, "\u{2013}");
}

#[test]
fn tj_splits_runs_at_wide_gaps_only_and_spacing_counts() {
    let content = "BT /F1 10 Tf 100 700 Td [(ab) -100 (cd) -2000 (e f)] TJ ET \
                   BT /F1 10 Tf 2 Tc 10 Tw 50 Tz 100 600 Td (a b) Tj ET";
    let r = runs(&with_font(&mut Pdf::default(), HELVETICA, content, false));
    check(&r[0][0], "abcd", 100.0, 92.0, 21.0, 10.0);
    check(&r[0][1], "e f", 141.0, 92.0, 15.0, 10.0);
    // Each glyph 5 + 2 (Tc), the space 10 (Tw) more, all at half width (Tz 50).
    check(
        &r[0][2],
        "a b",
        100.0,
        192.0,
        (3.0 * 7.0 + 10.0) / 2.0,
        10.0,
    );
}

#[test]
fn text_matrix_moves_td_tstar_and_quote_are_followed() {
    let content = "BT /F1 10 Tf 14 TL 1 0 0 1 72 700 Tm (a) Tj T* (b) Tj (c) ' 0 -20 TD (d) Tj ET";
    let r = runs(&with_font(&mut Pdf::default(), HELVETICA, content, false));
    let ys: Vec<f32> = r[0].iter().map(|run| run.2).collect();
    let xs: Vec<f32> = r[0].iter().map(|run| run.1).collect();
    assert_eq!(ys, vec![92.0, 106.0, 120.0, 140.0]);
    assert!(xs.iter().all(|x| near(*x, 72.0)), "{xs:?}");
}

#[test]
fn cm_scales_text_position_width_and_size() {
    let content =
        "q 2 0 0 2 0 0 cm BT /F1 10 Tf 50 300 Td (ab) Tj ET Q BT /F1 10 Tf 50 300 Td (c) Tj ET";
    let r = runs(&with_font(&mut Pdf::default(), HELVETICA, content, false));
    check(&r[0][0], "ab", 100.0, 192.0, 20.0, 20.0);
    check(&r[0][1], "c", 50.0, 492.0, 5.0, 10.0);
}

#[test]
fn form_xobject_text_is_placed_by_its_matrix_and_state_restored() {
    let mut pdf = Pdf::default();
    let f = pdf.add(HELVETICA);
    let form = pdf.stream(
        &format!("/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Matrix [1 0 0 1 10 20] /Resources << /Font << /F9 {f} 0 R >> >>"),
        b"BT /F9 10 Tf 0 0 Td (xy) Tj ET",
        true,
    );
    let page = PageSpec {
        contents: vec![b"q 1 0 0 1 100 100 cm /X1 Do Q BT /F1 10 Tf 0 0 Td (z) Tj ET".to_vec()],
        fonts: format!("/F1 {f} 0 R"),
        xobjects: format!("/X1 {form} 0 R"),
        ..PageSpec::default()
    };
    let r = runs(&document(&mut pdf, &[page], false));
    check(&r[0][0], "xy", 110.0, 672.0, 10.0, 10.0);
    check(&r[0][1], "z", 0.0, 792.0, 5.0, 10.0);
}

#[test]
fn a_form_that_draws_itself_stops() {
    let mut pdf = Pdf::default();
    let f = pdf.add(HELVETICA);
    let form = pdf.reserve();
    let data = "BT /F1 9 Tf (a) Tj ET /X1 Do";
    let body = format!(
        "<< /Type /XObject /Subtype /Form /BBox [0 0 9 9] /Resources << /Font << /F1 {f} 0 R >> /XObject << /X1 {form} 0 R >> >> /Length {} >>\nstream\n{data}\nendstream",
        data.len()
    );
    pdf.set(form, body);
    let page = PageSpec {
        contents: vec![b"/X1 Do".to_vec()],
        xobjects: format!("/X1 {form} 0 R"),
        ..PageSpec::default()
    };
    let r = runs(&document(&mut pdf, &[page], false));
    assert_eq!(r[0].len(), 1);
}

#[test]
fn pages_come_in_tree_order_and_inherit_resources_and_boxes() {
    let mut pdf = Pdf::default();
    let f = pdf.add(HELVETICA);
    let c1 = pdf.stream("", b"BT /F1 10 Tf 10 800 Td (one) Tj ET", false);
    let c2 = pdf.stream("", b"BT /F1 10 Tf 10 800 Td (two) Tj ET", true);
    let c3 = pdf.stream("", b"BT /F1 10 Tf 10 800 Td (three) Tj ET", false);
    let root = pdf.reserve();
    let branch = pdf.reserve();
    let p1 = pdf.add(format!(
        "<< /Type /Page /Parent {branch} 0 R /Contents {c1} 0 R >>"
    ));
    let p2 = pdf.add(format!(
        "<< /Type /Page /Parent {branch} 0 R /Contents [{c2} 0 R] /Rotate 90 >>"
    ));
    let p3 = pdf.add(format!(
        "<< /Type /Page /Parent {root} 0 R /Contents {c3} 0 R /CropBox [5 2 590 832] >>"
    ));
    pdf.set(
        branch,
        format!("<< /Type /Pages /Parent {root} 0 R /Kids [{p1} 0 R {p2} 0 R] /Count 2 >>"),
    );
    pdf.set(
        root,
        format!("<< /Type /Pages /Kids [{branch} 0 R {p3} 0 R] /Count 3 /MediaBox [0 0 595 842] /Resources << /Font << /F1 {f} 0 R >> >> >>"),
    );
    let cat = pdf.add(format!("<< /Type /Catalog /Pages {root} 0 R >>"));
    let pages = read(&pdf.finish(cat), LIMIT).expect("reads");
    let texts: Vec<&str> = pages.iter().map(|p| p.runs[0].text.as_str()).collect();
    assert_eq!(texts, ["one", "two", "three"]);
    assert_eq!((pages[0].width, pages[0].height), (595.0, 842.0));
    assert_eq!((pages[1].width, pages[1].height), (842.0, 595.0));
    // Turned a quarter clockwise, user y becomes x from the left, user x y from the top.
    assert_eq!((pages[1].runs[0].x, pages[1].runs[0].y), (800.0, 10.0));
    assert_eq!((pages[2].runs[0].x, pages[2].runs[0].y), (5.0, 32.0));
}

#[test]
fn vertical_cmaps_give_one_run_per_glyph_going_down() {
    let font = cid_font("UniGB-UCS2-V", "", "");
    let content = format!("BT /F1 10 Tf 300 700 Td {} Tj ET", hex(&utf16("法治")));
    let r = runs(&with_font(&mut Pdf::default(), &font, &content, false));
    assert_eq!(
        r[0].iter().map(|run| run.0.as_str()).collect::<Vec<_>>(),
        ["法", "治"]
    );
    assert!(near(r[0][1].2 - r[0][0].2, 10.0));
}

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

/// Not a test: prints the runs of the PDF named by `PDF_DUMP`, to compare the reader
/// with `pdftotext` by eye (`PDF_DUMP=x.pdf cargo test --release dump -- --ignored`).
#[test]
#[ignore]
fn dump() {
    let Ok(path) = std::env::var("PDF_DUMP") else {
        return;
    };
    let bytes = std::fs::read(&path).expect("PDF_DUMP names a file");
    let start = std::time::Instant::now();
    let got: Result<Vec<Page>, _> = pages(&bytes);
    eprintln!("{} ms", start.elapsed().as_millis());
    for (n, page) in got.expect("reads").iter().enumerate() {
        println!("--- page {} ({} × {})", n + 1, page.width, page.height);
        for r in &page.runs {
            println!(
                "{:7.2} {:7.2} w{:7.2} s{:5.2}\t{}",
                r.x, r.y, r.width, r.size, r.text
            );
        }
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
    let content = format!("BT /F1 10 Tf 100 500 Td {} Tj ET", hex(&utf16("禁止复制的报告")));
    let plain = with_font(&mut Pdf::default(), &font, &content, true);
    let open = encrypted(&plain, "");
    assert!(open.windows(8).any(|w| w == b"/Encrypt"), "the test file is encrypted");
    assert_eq!(runs(&open)[0][0].0, "禁止复制的报告");
    assert_eq!(read(&encrypted(&plain, "pw"), LIMIT), Err(ReadError::Password));
}
