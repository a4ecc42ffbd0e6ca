//! Each font case Chinese reports use: composite fonts with a ToUnicode map or a
//! predefined CMap, and simple fonts.

use super::writer::{hex, Pdf};
use super::*;

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
    // GB EUC CMaps put one-byte digits at the half-width CIDs 829–838 (`<21>` → 814).
    let font = cid_font("GBK-EUC-H", "829 838 500", "");
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
fn long_strings_keep_their_codes_whole() {
    // 256 bytes: a length that wraps to 0 in a byte, the edge a code splitter can trip on.
    let text = "法治".repeat(64);
    let font = cid_font("GBK-EUC-H", "", "");
    let content = format!("BT /F1 10 Tf 0 700 Td {} Tj ET", hex(&gbk(&text)));
    let r = runs(&with_font(&mut Pdf::default(), &font, &content, true));
    assert_eq!(r[0][0].0, text);
}
