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

/// Every hostile input kept under tests/fixtures/fuzz/<reader>/ (hand-made shapes, and
/// what the fuzz targets in fuzz/fuzz_targets found, minimised; see its README) is scored
/// as a user would score it: the run ends with a scorecard (exit 0) or a message naming
/// the file (exit 2), never a panic or a signal.
#[test]
fn hostile_inputs_end_in_a_scorecard_or_a_message() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut files: Vec<_> = walkdir::WalkDir::new(&root)
        .into_iter()
        .map(|e| e.expect("read tests/fixtures/fuzz"))
        .filter(|e| {
            e.file_type().is_file() && !e.file_name().to_string_lossy().starts_with("README")
        })
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no inputs under {}", root.display());
    for f in &files {
        let path = f.to_str().unwrap();
        let o = common::run(&["score", "-q", "--format", "jsonl", path]);
        let (code, err) = (common::code(&o), common::stderr(&o));
        assert!(!err.contains("panicked"), "{path}: a panic: {err}");
        assert!(code == 0 || code == 2, "{path}: exit {code}: {err}");
        if code == 2 {
            let name = f.file_name().unwrap().to_string_lossy();
            assert!(
                err.contains(&*name),
                "{path}: exit 2 without naming the file: {err}"
            );
        }
    }
}
