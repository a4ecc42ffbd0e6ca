//! Where runs go: text, graphics and form matrices, spacing, `TJ` gaps, the page tree.

use super::writer::{document, PageSpec, Pdf};
use super::*;

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
