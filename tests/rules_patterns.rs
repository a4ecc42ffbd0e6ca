//! `lawscore rules patterns`: the regexes the benchmark hands to ripgrep and Python must be
//! the ones the pack compiles, folded as lawscore folds them, each one usable on its own.

mod common;
use common::*;
use lawscore::fold::fold_pattern;
use lawscore::rules::expand_value;
use lawscore::yaml::Value;

fn listed(args: &[&str]) -> Vec<String> {
    let o = run(args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    stdout(&o).lines().map(str::to_string).collect()
}

fn yaml(name: &str) -> Value {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("rules")
        .join(name);
    lawscore::yaml::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap()
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Sequence(items)) => items.iter().flat_map(|i| strings(Some(i))).collect(),
        _ => Vec::new(),
    }
}

/// Patterns written in the built-in pack's files, as lawscore compiles them: each
/// element's `met`/`partial` when it is a pattern or an `any:` list of them (vocabulary
/// references left out: they expand), and every key figure pattern with `{value}` expanded.
fn written_in_the_pack() -> Vec<String> {
    let mut out = Vec::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        if !name.ends_with(".yaml") || name == "pack.yaml" {
            continue;
        }
        let doc = yaml(&name);
        for el in doc["elements"].as_sequence().unwrap() {
            for key in ["met", "partial"] {
                let any = el.get(key).and_then(|c| c.get("any"));
                let plain = el.get(key).filter(|c| c.is_string());
                out.extend(strings(plain).into_iter().chain(strings(any)));
            }
        }
    }
    out.retain(|p| !p.contains('@'));
    let pack = yaml("pack.yaml");
    for ind in pack["indicators"].as_sequence().unwrap() {
        out.extend(strings(ind.get("patterns")).iter().map(|p| expand_value(p)));
    }
    out.iter().map(|p| fold_pattern(p)).collect()
}

#[test]
fn every_pattern_of_the_pack_is_listed_once_and_compiles() {
    let lines = listed(&["rules", "patterns"]);
    let written = written_in_the_pack();
    assert!(
        written.len() > 20,
        "too few patterns read from rules/: {written:?}"
    );
    assert!(
        written.iter().any(|p| p.contains("(?P<value>")),
        "no key figure pattern read from pack.yaml"
    );
    for p in &written {
        assert!(lines.contains(p), "`{p}` from rules/ is not listed");
    }
    let distinct: std::collections::HashSet<_> = lines.iter().collect();
    assert_eq!(distinct.len(), lines.len(), "a pattern is listed twice");
    for l in &lines {
        assert!(regex::Regex::new(l).is_ok(), "`{l}` does not compile alone");
    }
}

#[test]
fn the_listing_follows_the_pack_given() {
    let (_t, dir) = exported_pack();
    edit(&dir.join("dispute.yaml"), "复议申请'", "复议申请书'");
    let lines = listed(&["rules", "patterns", "--rules", dir.to_str().unwrap()]);
    assert!(lines.contains(&"行政复议|复议案件|复议申请书".to_string()));
    let o = run(&["rules", "patterns", "--rules", "no/such/folder"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
}
