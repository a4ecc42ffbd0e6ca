//! Whatever becomes of a published form on its way — cut short, bytes flipped, a
//! package's parts reordered, dropped or stored without compression — reading it
//! returns text or an error, never a panic, and never more text than the budgets allow.
//! Starts from the forms tests/forms/make_forms.py makes of two small reports.

mod common;
#[path = "forms/generated.rs"]
mod generated;

use proptest::prelude::*;
use std::io::{Cursor, Read, Write};
use std::sync::OnceLock;

/// The reports whose forms are mutated: two of the smallest fixtures.
const STEMS: [&str; 2] = ["weak", "c1_town_2022"];
const SUFFIXES: [&str; 8] = [
    ".doc",
    "-styled.doc",
    "-lo.pdf",
    "-cairo.pdf",
    "-stsong.pdf",
    "-gbk.pdf",
    ".ofd",
    "-styled.docx",
];

/// (file name, bytes) of every form of the reports in [`STEMS`]; empty without the tools.
fn seeds() -> &'static [(String, Vec<u8>)] {
    static SEEDS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let Some(forms) = generated::forms() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for r in forms
            .reports
            .iter()
            .filter(|r| STEMS.contains(&r.stem.as_str()))
        {
            for s in SUFFIXES {
                out.push(forms.bytes(r, s));
            }
        }
        assert_eq!(
            out.len(),
            STEMS.len() * SUFFIXES.len(),
            "fixtures {STEMS:?} not found"
        );
        out
    })
}

/// Reads `bytes` as `name`: no panic (the test harness catches one), and a bounded text.
fn read_bounded(name: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(ex) = lawscore::ingest::extract(bytes, name) {
        let most = 64 * bytes.len() + (1 << 20);
        prop_assert!(
            ex.text.len() <= most,
            "{name}: {} bytes of text from {} bytes",
            ex.text.len(),
            bytes.len()
        );
    }
    Ok(())
}

/// A package rebuilt with its parts in another order (a small LCG over `seed`), one part
/// left out when `drop` says so, every other part stored uncompressed.
fn repack(bytes: &[u8], seed: u64, drop: Option<usize>) -> Option<Vec<u8>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).ok()?;
        let mut data = Vec::new();
        f.read_to_end(&mut data).ok()?;
        parts.push((f.name().ok()?.to_string(), data));
    }
    let mut x = seed | 1;
    for i in (1..parts.len()).rev() {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        parts.swap(i, (x >> 33) as usize % (i + 1));
    }
    if let Some(d) = drop {
        if !parts.is_empty() {
            parts.remove(d % parts.len());
        }
    }
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (k, (name, data)) in parts.iter().enumerate() {
        let method = if k % 2 == 0 {
            zip::CompressionMethod::Deflated
        } else {
            zip::CompressionMethod::Stored
        };
        let opts = zip::write::SimpleFileOptions::default().compression_method(method);
        w.start_file(name.as_str(), opts).ok()?;
        w.write_all(data).ok()?;
    }
    Some(w.finish().ok()?.into_inner())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn cut_forms_never_panic(pick in any::<prop::sample::Index>(), cut in any::<prop::sample::Index>()) {
        let seeds = seeds();
        if seeds.is_empty() {
            return Ok(());
        }
        let (name, bytes) = &seeds[pick.index(seeds.len())];
        read_bounded(name, &bytes[..cut.index(bytes.len() + 1)])?;
    }

    #[test]
    fn flipped_forms_never_panic(
        pick in any::<prop::sample::Index>(),
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..24),
    ) {
        let seeds = seeds();
        if seeds.is_empty() {
            return Ok(());
        }
        let (name, bytes) = &seeds[pick.index(seeds.len())];
        let mut b = bytes.clone();
        for (at, v) in &flips {
            let i = at.index(b.len());
            b[i] ^= v | 1;
        }
        read_bounded(name, &b)?;
    }

    #[test]
    fn repacked_packages_never_panic(
        pick in any::<prop::sample::Index>(),
        seed in any::<u64>(),
        drop in proptest::option::of(any::<usize>()),
    ) {
        let zips: Vec<&(String, Vec<u8>)> =
            seeds().iter().filter(|(n, _)| n.ends_with(".ofd") || n.ends_with(".docx")).collect();
        if zips.is_empty() {
            return Ok(());
        }
        let (name, bytes) = zips[pick.index(zips.len())];
        let b = repack(bytes, seed, drop).expect("a generated package opens");
        read_bounded(name, &b)?;
        if drop.is_none() {
            // the same parts in any order make the same document
            let a = lawscore::ingest::extract(bytes, name).map(|e| e.text).ok();
            let r = lawscore::ingest::extract(&b, name).map(|e| e.text).ok();
            prop_assert_eq!(a, r, "{}: reordering the parts changed the text", name);
        }
    }
}

#[test]
fn the_seed_forms_are_there() {
    if generated::forms().is_some() {
        assert!(!seeds().is_empty());
    }
}
