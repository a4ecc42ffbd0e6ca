//! Any bytes as a .docx: either the ZIP itself (first byte even), or the XML of
//! `word/document.xml`, `word/numbering.xml` and `word/styles.xml` (split at 0xFF bytes)
//! packed into a fresh ZIP (first byte odd), so the XML readers get well-formed
//! containers to chew on. Extracting never panics.
#![no_main]

use std::io::{Cursor, Write};

use libfuzzer_sys::fuzz_target;

fn pack(xml: &[u8]) -> Vec<u8> {
    let names = ["word/document.xml", "word/numbering.xml", "word/styles.xml"];
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, part) in names.iter().zip(xml.split(|b| *b == 0xff)) {
        if zip.start_file(*name, options).is_err() || zip.write_all(part).is_err() {
            return Vec::new();
        }
    }
    zip.finish().map(Cursor::into_inner).unwrap_or_default()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = if mode % 2 == 0 {
        rest.to_vec()
    } else {
        pack(rest)
    };
    let _ = lawscore::ingest::extract(&bytes, "report.docx");
});
