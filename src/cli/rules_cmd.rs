//! `lawscore rules …` and `lawscore explain`.

use super::load_rules;

/// Pads to a terminal width, counting CJK characters as two columns.
fn pad(s: &str, width: usize) -> String {
    let w = lawscore::fold::width::display_width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}
use lawscore::rules::builtin;
use lawscore::rules::diag::Severity;
use lawscore::score::examples;
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
        eprintln!("lawscore: invalid rules");
        too_big.iter().for_each(|d| eprintln!("{d}"));
        return 2;
    }
    let failed: Vec<_> = examples::run(&pack, None)
        .into_iter()
        .filter(|r| !r.passed())
        .collect();
    for r in &failed {
        eprintln!(
            "{}: error: element {} example {} {}",
            r.location(),
            r.element,
            r.index,
            r.failure().unwrap_or_default()
        );
    }
    let warnings = pack
        .warnings
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    if failed.is_empty() {
        say!(
            "{} {}: {} elements in {} categories, {} warning(s), ok",
            pack.name,
            pack.version,
            pack.elements.len(),
            pack.categories.len(),
            warnings
        );
        0
    } else {
        eprintln!(
            "{} example(s) fail; run `lawscore rules test` for details",
            failed.len()
        );
        2
    }
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
        say!("FAIL {} example {} ({})", r.element, r.index, r.location());
        say!("  text:     {}", r.text.replace('\n', "⏎"));
        let listed: Vec<&str> = r.matched.iter().map(String::as_str).collect();
        say!("  expected: {}{}", r.expected, quoting(&listed));
        say!("  got:      {}{}", r.got.as_str(), quoting(&r.quoted()));
        for e in &r.evidence {
            say!("  evidence: line {} [{}] {}", e.line, e.kind, e.text);
        }
    }
    let passed = results.len() - failed;
    say!("{passed} passed, {failed} failed");
    i32::from(failed > 0)
}

/// `, quoting 述法、年终述职` after a status, or nothing when no words are given.
fn quoting(words: &[&str]) -> String {
    if words.is_empty() {
        String::new()
    } else {
        format!(", quoting {}", words.join("、"))
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
        say!("\n{} {} — {}", c.id, c.title, c.weight);
        for e in pack.elements.iter().filter(|e| e.category == c.id) {
            let profiles: Vec<String> = pack
                .profiles
                .iter()
                .map(|p| {
                    if p.not_applicable.contains(&e.id) {
                        format!("{}:n/a", p.id)
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
        eprintln!("lawscore: cannot create {}: {e}", dir.display());
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
            eprintln!(
                "lawscore: {} already exist(s); use --force to overwrite:\n  {}",
                existing.len(),
                existing.join("\n  ")
            );
            return 2;
        }
    }
    for (name, content) in files {
        let p = dir.join(name);
        if let Err(e) = lawscore::render::write_atomic(&p, content.as_bytes()) {
            eprintln!("lawscore: cannot write {}: {e}", p.display());
            return 2;
        }
    }
    say!(
        "wrote the built-in rule pack to {}; check edits with `lawscore rules check --rules {}`",
        dir.display(),
        dir.display()
    );
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
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        eprintln!("lawscore: no element `{id}`{hint}; `lawscore rules list` shows them all");
        return 2;
    };
    let cat = pack.categories.iter().find(|c| c.id == e.category);
    say!("{} {}", e.id, e.name);
    say!(
        "类别 category: {} {}",
        e.category,
        cat.map_or("", |c| c.title.as_str())
    );
    say!("分值 weight:   {}", e.weight);
    if let Some(s) = e.since {
        say!("适用 since:    {s}年度起（此前年度未达到的记为不适用）");
    }
    let scope: Vec<&str> = e.scope.iter().map(|k| k.label()).collect();
    say!("计分范围 scope: {}", scope.join("、"));
    say!("依据 basis:    {}", e.basis);
    if !e.why.is_empty() {
        say!("为什么 why:    {}", e.why);
    }
    say!("达标 met:      {}", e.met.describe());
    if let Some(p) = &e.partial {
        say!("部分 partial:  {}", p.describe());
    }
    say!("建议 advice:   {}", e.advice);
    let pats: Vec<String> = e
        .met
        .patterns()
        .into_iter()
        .chain(e.partial.iter().flat_map(|p| p.patterns()))
        .map(|p| format!("'{}'", p.source))
        .collect();
    if !pats.is_empty() {
        say!("模式 patterns: {}", pats.join("  "));
    }
    if let Some(gaps) = &e.known_gaps {
        say!("已知局限 known problems:");
        for line in gaps.lines().filter(|l| !l.trim().is_empty()) {
            say!("  {}", line.trim());
        }
    }
    for (i, ex) in e.examples.iter().enumerate() {
        say!(
            "例{} [{}{}] {}",
            i + 1,
            ex.expect.as_str(),
            ex.kind
                .map(|k| format!(", {}", k.as_str()))
                .unwrap_or_default(),
            ex.text.replace('\n', "⏎")
        );
    }
    say!("定义于 file:   {}", e.file);
    0
}
