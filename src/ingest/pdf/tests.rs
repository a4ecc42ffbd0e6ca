//! The PDF reader on small PDFs written here: each font case Chinese reports use, the
//! operators that place text, scans and damaged files. What is checked is what layout
//! depends on: each run's text, order and place (x from the left, baseline from the top).

mod damage;
mod fonts;
mod place;
mod writer;

use super::{pages, read};
use crate::ingest::layout::Page;
use writer::{document, PageSpec, Pdf};

const LIMIT: u64 = 16 << 20;

/// A run as the tests compare it: (text, x, y, width, size).
type Seen = (String, f32, f32, f32, f32);

/// Every run of every page.
fn runs(bytes: &[u8]) -> Vec<Vec<Seen>> {
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
fn check(run: &Seen, text: &str, x: f32, y: f32, width: f32, size: f32) {
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

/// Not a test: prints the runs of the PDF named by `PDF_DUMP`, to compare the reader
/// with `pdftotext` by eye (`PDF_DUMP=x.pdf cargo test --release dump -- --ignored`);
/// with `PDF_DUMP_TEXT` set, the laid-out text instead, its lines numbered as `outline`
/// and the scorecard count them.
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
    let got = got.expect("reads");
    if std::env::var("PDF_DUMP_TEXT").is_ok() {
        for (n, l) in crate::ingest::layout::lay_out(&got)
            .text
            .lines()
            .enumerate()
        {
            println!("{:3} {l}", n + 1);
        }
        return;
    }
    for (n, page) in got.iter().enumerate() {
        println!("--- page {} ({} × {})", n + 1, page.width, page.height);
        for r in &page.runs {
            println!(
                "{:7.2} {:7.2} w{:7.2} s{:5.2}\t{}",
                r.x, r.y, r.width, r.size, r.text
            );
        }
    }
}
