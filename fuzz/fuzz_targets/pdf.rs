//! Any bytes as a PDF: either the file itself (first byte even), or a content stream
//! (first byte odd) put into a well-formed one-page PDF whose font is a Type0 STSong-Light
//! with GBK-EUC-H (one byte in four of the mode picks UniGB-UCS2-H instead), so the
//! content-stream walker and the CMap decoding get valid containers to chew on.
//! Extracting never panics (but see [`let_lopdf_panics_unwind`]).
#![no_main]

use libfuzzer_sys::fuzz_target;

fn wrap(content: &[u8], cmap: &str) -> Vec<u8> {
    let objs: [Vec<u8>; 6] = [
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
        [format!("<< /Length {} >>\nstream\n", content.len()).as_bytes(), content, b"\nendstream"].concat(),
        format!("<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /{cmap} /DescendantFonts [6 0 R] >>").into_bytes(),
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 >>".to_vec(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(body);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// libfuzzer-sys aborts on every panic, caught or not. The reader catches a panic in
/// lopdf's object parser and reports the file as damaged (src/ingest/pdf/mod.rs), so
/// those are let through, told on stderr so a run's log counts them; a panic anywhere
/// else still aborts.
fn let_lopdf_panics_unwind() {
    let abort = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let file = info.location().map_or("", |l| l.file());
        if file.contains("/lopdf-") {
            eprintln!("lopdf panic contained: {info}");
        } else {
            abort(info);
        }
    }));
}

fuzz_target!(init: let_lopdf_panics_unwind(), |data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = match mode % 8 {
        1 | 3 | 5 => wrap(rest, "GBK-EUC-H"),
        7 => wrap(rest, "UniGB-UCS2-H"),
        _ => rest.to_vec(),
    };
    // fuzz/run.sh runs a found input once with LAWSCORE_FUZZ_DUMP set to keep the file
    // the reader was given, which becomes the regression input under tests/fixtures/fuzz.
    if let Some(path) = std::env::var_os("LAWSCORE_FUZZ_DUMP") {
        std::fs::write(path, &bytes).expect("write LAWSCORE_FUZZ_DUMP");
    }
    let _ = lawscore::ingest::extract(&bytes, "report.pdf");
});
