//! `lawscore rules …` and `lawscore explain`.

use super::load_rules;

/// Pads to a terminal width, counting CJK characters as two columns.
fn pad(s: &str, width: usize) -> String {
    let w = lawscore::fold::width::display_width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}
use lawscore::msg::t;
use lawscore::rules::builtin;
use lawscore::rules::diag::Severity;
use lawscore::score::examples::{self, ExampleResult};
use std::path::{Path, PathBuf};

/// `rules check`: load (which validates), then run the examples.
pub fn check(dir: Option<&PathBuf>) -> i32 {
    let pack = match load_rules(dir) {
        Ok(p) => p,
        Err(c) => return c,
    };
    for w in &pack.warnings {
        eprintln!("{w}");
    }
    // Regexes compile on first use; a pattern too big to compile is found here, not mid-run.
    let too_big = pack.compile_errors();
    if !too_big.is_empty() {
        eprintln!("{}", t!("rules.invalid"));
        too_big.iter().for_each(|d| eprintln!("{d}"));
        return 2;
    }
    let failed: Vec<_> = examples::run(&pack, None)
        .into_iter()
        .filter(|r| !r.passed())
        .collect();
    for r in &failed {
        let (place, severity, failure) = (r.location(), t!("rules.diag.error"), failure(r));
        let (id, n) = (&r.element, r.index);
        let line = t!(
            "rules.check.example_failed",
            place = place,
            severity = severity,
            id = id,
            n = n,
            failure = failure
        );
        eprintln!("{line}");
    }
    let warnings = pack
        .warnings
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    if failed.is_empty() {
        let (name, version) = (&pack.name, &pack.version);
        let (elements, categories) = (pack.elements.len(), pack.categories.len());
        let ok = t!(
            "rules.check.ok",
            name = name,
            version = version,
            elements = elements,
            categories = categories,
            warnings = warnings
        );
        say!("{ok}");
        0
    } else {
        eprintln!("{}", t!("rules.check.examples_fail", n = failed.len()));
        2
    }
}

/// Why an example fails, in words: the status it got, or the listed words its evidence
/// does not quote.
fn failure(r: &ExampleResult) -> String {
    if r.got != r.expected {
        let (expected, got) = (r.expected, r.got);
        return t!("rules.example.wrong_status", expected = expected, got = got);
    }
    let quoted = r.quoted();
    let quoted = if quoted.is_empty() {
        t!("rules.example.nothing").to_string()
    } else {
        words(&quoted)
    };
    t!(
        "rules.example.unquoted",
        words = words(&r.unquoted()),
        quoted = quoted
    )
}

/// Words as a message shows them: `“述法”、“年终述职”`.
fn words(ws: &[&str]) -> String {
    let quoted: Vec<String> = ws.iter().map(|w| format!("“{w}”")).collect();
    quoted.join("、")
}

/// `rules test`: run every example and show each failure in full.
pub fn test(dir: Option<&PathBuf>, filter: Option<&str>) -> i32 {
    let pack = match load_rules(dir) {
        Ok(p) => p,
        Err(c) => return c,
    };
    let results = examples::run(&pack, filter);
    let mut failed = 0;
    for r in &results {
        if r.passed() {
            continue;
        }
        failed += 1;
        let (id, n, place) = (&r.element, r.index, r.location());
        say!("{}", t!("rules.test.fail", id = id, n = n, place = place));
        let text = r.text.replace('\n', "⏎");
        say!("{}", t!("rules.test.text", text = text));
        let listed: Vec<&str> = r.matched.iter().map(String::as_str).collect();
        let (status, words) = (r.expected, quoting(&listed));
        say!(
            "{}",
            t!("rules.test.expected", status = status, quoting = words)
        );
        let (status, words) = (r.got.as_str(), quoting(&r.quoted()));
        say!("{}", t!("rules.test.got", status = status, quoting = words));
        for e in &r.evidence {
            let (line, kind, text) = (e.line, e.kind, &e.text);
            say!(
                "{}",
                t!("rules.test.evidence", line = line, kind = kind, text = text)
            );
        }
    }
    let passed = results.len() - failed;
    say!(
        "{}",
        t!("rules.test.summary", passed = passed, failed = failed)
    );
    i32::from(failed > 0)
}

/// `, quoting 述法、年终述职` after a status, or nothing when no words are given.
fn quoting(words: &[&str]) -> String {
    if words.is_empty() {
        String::new()
    } else {
        t!("rules.test.quoting", words = words.join("、"))
    }
}

/// `rules list`.
pub fn list(dir: Option<&PathBuf>) -> i32 {
    let pack = match load_rules(dir) {
        Ok(p) => p,
        Err(c) => return c,
    };
    say!("{} {} ({})", pack.name, pack.version, pack.digest);
    for c in &pack.categories {
        let (id, title, weight) = (&c.id, &c.title, c.weight);
        say!(
            "\n{}",
            t!(
                "rules.list.category",
                id = id,
                title = title,
                weight = weight
            )
        );
        list_header();
        for e in pack.elements.iter().filter(|e| e.category == c.id) {
            let profiles: Vec<String> = pack
                .profiles
                .iter()
                .map(|p| {
                    if p.not_applicable.contains(&e.id) {
                        t!("rules.list.not_applicable", profile = p.id)
                    } else if let Some(w) = p.weights.get(&e.id) {
                        format!("{}:{w}", p.id)
                    } else {
                        p.id.clone()
                    }
                })
                .collect();
            say!(
                "  {:<26} {} {:>4}  {}",
                e.id,
                pad(&e.name, 26),
                e.weight,
                profiles.join(" ")
            );
        }
    }
    0
}

/// The column names above a category's elements, aligned as its rows are.
fn list_header() {
    let id = format!("{} ", pad(t!("rules.list.col_id"), 26));
    let name = format!("{} ", pad(t!("rules.list.col_name"), 26));
    let w = t!("rules.list.col_weight");
    let weight = format!(
        "{}{w}",
        " ".repeat(4usize.saturating_sub(lawscore::fold::width::display_width(w)))
    );
    say!(
        "{}",
        t!("rules.list.header", id = id, name = name, weight = weight)
    );
}

/// `rules patterns`: every distinct regex the pack compiles, folded as it is compiled,
/// one per line in pack order. This is the input `scripts/bench` gives ripgrep (`rg -f`)
/// and the Python baseline, so that they search for exactly what lawscore searches for.
pub fn patterns(dir: Option<&PathBuf>) -> i32 {
    let pack = match load_rules(dir) {
        Ok(p) => p,
        Err(c) => return c,
    };
    let mut seen = std::collections::HashSet::new();
    for p in pattern_sources(&pack) {
        // `rg -f` reads one pattern a line; a line break in a pattern (only possible
        // through an escape in YAML) is written as the regex escape it stands for.
        let line = p.replace('\n', "\\n");
        if seen.insert(line.clone()) {
            say!("{line}");
        }
    }
    0
}

/// The folded source of every regex the pack compiles, duplicates included: element
/// conditions, topics, stock phrases and key figures (`{value}` expanded). Derived from the
/// sources rather than the compiled regexes, so the listing does not depend on when or
/// how the pack compiles them.
fn pattern_sources(pack: &lawscore::rules::RulePack) -> Vec<String> {
    use lawscore::fold::fold_pattern;
    use lawscore::rules::expand_value;
    let conds = pack.elements.iter().flat_map(|e| {
        e.met
            .patterns()
            .into_iter()
            .chain(e.partial.iter().flat_map(|p| p.patterns()))
    });
    let topics = pack.topics.iter().flat_map(|(_, pats)| pats);
    let mut out: Vec<String> = conds
        .chain(topics)
        .chain(&pack.stock_phrases)
        .map(|p| fold_pattern(&p.source))
        .collect();
    for ind in &pack.indicators {
        let d = &ind.def;
        let written = d.patterns.iter().chain(&d.zero).chain(&d.except);
        out.extend(written.map(|p| fold_pattern(&expand_value(p))));
    }
    out
}

/// `rules export DIR`: the built-in pack and its guide, for editing.
pub fn export(dir: &Path, force: bool) -> i32 {
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!(
            "{}",
            t!(
                "rules.export.cannot_create",
                path = dir.display(),
                reason = e
            )
        );
        return 2;
    }
    let files: Vec<(&str, &str)> = builtin::FILES
        .iter()
        .copied()
        .chain([("README.md", builtin::README)])
        .collect();
    if !force {
        let existing: Vec<String> = files
            .iter()
            .map(|(n, _)| dir.join(n))
            .filter(|p| p.exists())
            .map(|p| p.display().to_string())
            .collect();
        if !existing.is_empty() {
            let (n, files) = (existing.len(), existing.join("\n  "));
            eprintln!("{}", t!("rules.export.exists", n = n, files = files));
            return 2;
        }
    }
    for (name, content) in files {
        let p = dir.join(name);
        if let Err(e) = lawscore::render::write_atomic(&p, content.as_bytes()) {
            eprintln!(
                "{}",
                t!("rules.export.cannot_write", path = p.display(), reason = e)
            );
            return 2;
        }
    }
    say!("{}", t!("rules.export.done", path = dir.display()));
    0
}

/// `explain ID`.
pub fn explain(id: &str, dir: Option<&PathBuf>) -> i32 {
    let pack = match load_rules(dir) {
        Ok(p) => p,
        Err(c) => return c,
    };
    let Some(e) = pack.element(id) else {
        let ids: Vec<&str> = pack.elements.iter().map(|e| e.id.as_str()).collect();
        let hint = lawscore::rules::cond::did_you_mean(id, &ids)
            .map(|s| t!("rules.did_you_mean_paren", name = s))
            .unwrap_or_default();
        eprintln!("{}", t!("rules.explain.no_element", id = id, hint = hint));
        return 2;
    };
    say!("{} {}", e.id, e.name);
    explain_rule(&pack, e);
    explain_examples(e);
    say!("{}", t!("rules.explain.file", file = e.file));
    0
}

/// What an element is worth, where it comes from and what earns it.
fn explain_rule(pack: &lawscore::rules::RulePack, e: &lawscore::rules::Element) {
    let cat = pack.categories.iter().find(|c| c.id == e.category);
    let (id, title) = (&e.category, cat.map_or("", |c| c.title.as_str()));
    say!("{}", t!("rules.explain.category", id = id, title = title));
    say!("{}", t!("rules.explain.weight", weight = e.weight));
    if let Some(year) = e.since {
        say!("{}", t!("rules.explain.since", year = year));
    }
    let scope: Vec<&str> = e.scope.iter().map(|k| k.label()).collect();
    say!("{}", t!("rules.explain.scope", scope = scope.join("、")));
    say!("{}", t!("rules.explain.basis", basis = e.basis));
    if !e.why.is_empty() {
        say!("{}", t!("rules.explain.why", why = e.why));
    }
    say!("{}", t!("rules.explain.met", met = e.met.describe()));
    if let Some(p) = &e.partial {
        say!("{}", t!("rules.explain.partial", partial = p.describe()));
    }
    say!("{}", t!("rules.explain.advice", advice = e.advice));
    let pats: Vec<String> = e
        .met
        .patterns()
        .into_iter()
        .chain(e.partial.iter().flat_map(|p| p.patterns()))
        .map(|p| format!("'{}'", p.source))
        .collect();
    if !pats.is_empty() {
        say!(
            "{}",
            t!("rules.explain.patterns", patterns = pats.join("  "))
        );
    }
}

/// What the rule is known to miss, and its worked examples.
fn explain_examples(e: &lawscore::rules::Element) {
    if let Some(gaps) = &e.known_gaps {
        say!("{}", t!("rules.explain.known_gaps"));
        for line in gaps.lines().filter(|l| !l.trim().is_empty()) {
            say!("  {}", line.trim());
        }
    }
    for (i, ex) in e.examples.iter().enumerate() {
        let kind = ex.kind.map(|k| format!(", {}", k.as_str()));
        let status = format!("{}{}", ex.expect.as_str(), kind.unwrap_or_default());
        let (n, text) = (i + 1, ex.text.replace('\n', "⏎"));
        say!(
            "{}",
            t!("rules.explain.example", n = n, status = status, text = text)
        );
    }
}
