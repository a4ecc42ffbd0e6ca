//! Any bytes as an OFD: either the package itself (first byte even), or the XML of
//! `OFD.xml`, `Doc_0/Document.xml`, `Doc_0/Pages/Page_0/Content.xml` and
//! `Doc_0/PublicRes.xml` (split at 0xFF bytes) packed into a fresh ZIP (first byte odd),
//! so the XML readers get well-formed packages to chew on. Extracting never panics.
#![no_main]

use std::io::{Cursor, Write};

use libfuzzer_sys::fuzz_target;

fn pack(xml: &[u8]) -> Vec<u8> {
    let names = [
        "OFD.xml",
        "Doc_0/Document.xml",
        "Doc_0/Pages/Page_0/Content.xml",
        "Doc_0/PublicRes.xml",
    ];
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
    // fuzz/run.sh runs a found input once with LAWSCORE_FUZZ_DUMP set to keep the file
    // the reader was given, which becomes the regression input under tests/fixtures/fuzz.
    if let Some(path) = std::env::var_os("LAWSCORE_FUZZ_DUMP") {
        std::fs::write(path, &bytes).expect("write LAWSCORE_FUZZ_DUMP");
    }
    let _ = lawscore::ingest::extract(&bytes, "report.ofd");
});
