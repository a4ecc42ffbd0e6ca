//! Any bytes as a Word 97 .doc or WPS file: the compound file itself, seeded with .doc
//! files LibreOffice wrote (fuzz/make-corpus.sh), so mutations reach the FIB, the piece
//! table and the text. Also tried under the name .wps, whose handling must not differ in
//! kind. Extracting never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = lawscore::ingest::extract(data, "report.doc");
    let _ = lawscore::ingest::extract(data, "report.wps");
});
