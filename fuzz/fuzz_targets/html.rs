//! Any bytes as an HTML page: extracting never panics, and parsing builds a tree and
//! does work bounded by the page's length.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = lawscore::ingest::extract(data, "page.html");
    let page = String::from_utf8_lossy(data);
    let work = lawscore::ingest::html_parse_work(&page);
    let len = page.len();
    assert!(
        work.nodes <= 2 * (len / 8 + 10_000),
        "{work:?} for {len} bytes"
    );
    assert!(
        work.tracked <= 200 * len + 10_000,
        "{work:?} for {len} bytes"
    );
});
