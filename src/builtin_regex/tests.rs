//! Every built-in regex, run under the lazy DFA with `regex`'s own limits over the fixture
//! reports: none may make it give up, nor even clear its cache.

use super::{BuiltinRegex, ALL};
use regex_automata::hybrid::{dfa, regex::Builder, regex::Cache, regex::Regex};
use regex_automata::Input;
use std::path::{Path, PathBuf};

/// The lazy DFA as `regex` configures it for a search (regex-automata's meta wrapper): the
/// same cache size and the same rule for giving up (after 3 cache clears, fewer than 10
/// bytes searched per state built).
fn lazy_dfa(source: &str) -> Regex {
    let config = dfa::Config::new()
        .cache_capacity(2 * (1 << 20))
        .minimum_cache_clear_count(Some(3))
        .minimum_bytes_per_state(Some(10));
    Builder::new()
        .dfa(config)
        .build(source)
        .unwrap_or_else(|e| panic!("lazy DFA cannot be built for {source}: {e}"))
}

/// Files under `dir`, recursively, in a stable order.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The folded lines of every fixture report (text and HTML as they are: markup only adds
/// more to search), plus those of `LAWSCORE_DFA_CORPUS` when set, for a wider check by hand.
pub(crate) fn fixture_lines() -> Vec<(String, String)> {
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")];
    dirs.extend(std::env::var_os("LAWSCORE_DFA_CORPUS").map(PathBuf::from));
    let mut lines = Vec::new();
    for path in dirs.iter().flat_map(|d| files_under(d)) {
        let report = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("txt" | "html" | "htm")
        );
        let Ok(bytes) =
            std::fs::read(&path)
                .map_err(|_| ())
                .and_then(|b| if report { Ok(b) } else { Err(()) })
        else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let name = path.display().to_string();
        for line in text.lines() {
            lines.push((name.clone(), crate::fold::fold(line)));
        }
    }
    lines
}

/// Runs every search `find_iter` would over `line`; the first failure, if any.
fn search_all(re: &Regex, cache: &mut Cache, line: &str) -> Result<usize, String> {
    let mut input = Input::new(line);
    let mut found = 0;
    while input.start() <= input.end() {
        match re.try_search(cache, &input) {
            Ok(Some(m)) => {
                found += 1;
                let next = if m.is_empty() { m.end() + 1 } else { m.end() };
                if next > line.len() {
                    break;
                }
                input.set_start(next);
            }
            Ok(None) => break,
            Err(e) => return Err(e.to_string()),
        }
    }
    Ok(found)
}

#[test]
fn no_builtin_regex_makes_the_lazy_dfa_give_up_or_thrash() {
    let lines = fixture_lines();
    assert!(lines.len() > 1000, "only {} fixture lines", lines.len());
    let mut failures = Vec::new();
    for builtin in ALL.iter() {
        let re = lazy_dfa(&builtin.source());
        let mut cache = re.create_cache();
        for (file, line) in &lines {
            if let Err(e) = search_all(&re, &mut cache, line) {
                failures.push(format!("{}: {e} on a line of {file}", builtin.name()));
                break;
            }
        }
        // Short of giving up, a DFA whose states do not fit rebuilds them again and again.
        let clears = cache.forward().clear_count() + cache.reverse().clear_count();
        if clears > 0 {
            failures.push(format!("{}: cache cleared {clears} times", builtin.name()));
        }
    }
    assert!(
        failures.is_empty(),
        "built-in regexes the lazy DFA gives up on or thrashes with:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_builtin_regex_is_registered_once_and_compiles() {
    let names: Vec<&str> = ALL.iter().map(|b| b.name()).collect();
    let mut unique = names.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "a name twice in {names:?}");
    for b in ALL.iter() {
        let _ = b.regex();
    }
    // The registry is filled by the linker; count the declarations in the source so that a
    // declaration it dropped cannot pass unseen.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let declared: usize = files_under(&src)
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .map(|p| declarations_in(&std::fs::read_to_string(p).unwrap_or_default()))
        .sum();
    assert_eq!(declared, ALL.len(), "declared in src/ vs registered");
}

/// How many declarations a source file holds: lines that start with the macro's call.
fn declarations_in(source: &str) -> usize {
    source
        .lines()
        .map(str::trim_start)
        .filter(|l| l.starts_with("builtin_regex!(") || l.starts_with("crate::builtin_regex!("))
        .count()
}

#[test]
fn a_builtin_regex_derefs_to_its_regex_and_keeps_its_source() {
    static DIGITS: BuiltinRegex = BuiltinRegex::new("test::DIGITS", || r"\d+".to_string());
    assert_eq!(DIGITS.source(), r"\d+");
    assert_eq!(DIGITS.find("第12条").map(|m| m.as_str()), Some("12"));
    assert_eq!(DIGITS.name(), "test::DIGITS");
}

#[test]
fn the_check_catches_a_window_that_thrashes_the_cache() {
    // The shape the issue found in structure detection: a leading lazy window of any char
    // before alternatives, over Chinese text. With a small cache the DFA must give up on
    // it, or the test above would prove nothing.
    let config = dfa::Config::new()
        .cache_capacity(1 << 16)
        .minimum_cache_clear_count(Some(3))
        .minimum_bytes_per_state(Some(10));
    let re = Builder::new()
        .dfa(config)
        .build(r"^.{0,40}?(存在|有)(一些|不少)?.{0,30}?(问题|不足)")
        .unwrap();
    let mut cache = re.create_cache();
    let lines = fixture_lines();
    let gave_up = lines
        .iter()
        .any(|(_, l)| search_all(&re, &mut cache, l).is_err());
    assert!(gave_up, "the lazy DFA handled a thrashing pattern");
}

/// Compile time of every built-in regex, slowest first: `cargo test --release --lib
/// compile_cost -- --ignored --nocapture`. A measurement by hand, so it asserts nothing.
#[test]
#[ignore]
fn compile_cost() {
    let mut rows: Vec<(u128, &str)> = ALL
        .iter()
        .map(|b| {
            let source = b.source();
            let t = std::time::Instant::now();
            for _ in 0..20 {
                let _ = regex::Regex::new(&source).unwrap();
            }
            (t.elapsed().as_micros() / 20, b.name())
        })
        .collect();
    rows.sort_unstable_by(|a, b| b.cmp(a));
    let total: u128 = rows.iter().map(|r| r.0).sum();
    for (us, name) in rows {
        println!("{us:>7} µs  {name}");
    }
    println!("{total:>7} µs  total");
}
