//! Precomputes the built-in rule pack's values: each `rules/*.yaml` as JSON, which
//! serde_json reads about ten times faster than serde_yaml reads the YAML (0.6 against
//! 5.6 ms for the whole pack), so `score` starts sooner.
//!
//! It also hashes the files into the pack's digest, which does not change between runs.
//!
//! Only values are converted, never checked: the pack is still validated from these values
//! at every start (and `tests` compare the result with the pack read from YAML). A file is
//! converted only when its JSON reads back as the same YAML values — no tags, no keys
//! other than strings, no infinite or NaN numbers; otherwise it is left out and read from
//! its YAML at run time, as a pack given with `--rules` always is.

use std::path::Path;

#[path = "src/yaml/precompute.rs"]
mod precompute;

fn main() {
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/yaml/precompute.rs");
    let mut names: Vec<String> = std::fs::read_dir("rules")
        .expect("the rules/ folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    let mut out = String::from("&[\n");
    let mut hashed = Vec::new();
    for name in &names {
        let text = std::fs::read_to_string(Path::new("rules").join(name)).expect("a rule file");
        for part in [name.as_str(), text.as_str()] {
            hashed.extend_from_slice(part.as_bytes());
            hashed.push(0);
        }
        if let Some(json) = precompute::as_json(&text) {
            out.push_str(&format!("    ({name:?}, {json:?}),\n"));
        }
    }
    out.push_str("]\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("builtin_json.rs");
    std::fs::write(dest, out).expect("write the precomputed pack");
    // The pack's digest, as `rules::digest` makes it: hashing ~250 KB of YAML was ~4% of
    // scoring one report.
    let digest = format!("sha256:{}", &sha256_hex(&hashed)[..16]);
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("builtin_digest.rs");
    std::fs::write(dest, format!("{digest:?}\n")).expect("write the pack's digest");
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
