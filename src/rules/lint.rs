//! Cross-file checks of a pack: duplicate ids, profiles, weights, patterns that cannot work.

use super::diag::Diagnostic;
use super::schema::PackFile;
use super::RulePack;
use std::collections::HashMap;

fn locate(
    files: &[(String, String)],
    path_of: &dyn Fn(&str) -> String,
    needle: &str,
    d: Diagnostic,
) -> Diagnostic {
    for (name, src) in files {
        if src.contains(needle) {
            let mut d = d.find(src, 1, needle);
            d.file = path_of(name);
            return d;
        }
    }
    d
}

/// The 1-based line of `pack.yaml` where the mapping with exactly this id starts
/// (`- id: dispute`, never `id: dispute.adjudication`); 1 when absent.
pub(super) fn id_line(pack_src: &str, id: &str) -> usize {
    let want = format!("id: {id}");
    pack_src
        .lines()
        .position(|l| l.trim_start().trim_start_matches("- ").trim() == want)
        .map_or(1, |i| i + 1)
}

/// Adds cross-file errors and warnings to `diags`.
pub fn check(
    rp: &RulePack,
    pack: &PackFile,
    files: &[(String, String)],
    path_of: &dyn Fn(&str) -> String,
    diags: &mut Vec<Diagnostic>,
) {
    let pack_file = path_of("pack.yaml");
    if pack.negation.window.is_some() {
        let src = files
            .iter()
            .find(|(n, _)| n == "pack.yaml")
            .map_or("", |(_, s)| s.as_str());
        diags.push(
            Diagnostic::warning(
                &pack_file,
                "negation.window is no longer used: a negation word anywhere in the clause of a match negates it",
            )
            .find(src, 1, "window:")
            .help(Some("delete the `window:` line".into())),
        );
    }
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for e in &rp.elements {
        if let Some(first) = seen.insert(&e.id, &e.file) {
            let d = Diagnostic::error(
                &e.file,
                format!("duplicate element id `{}` (first defined in {first})", e.id),
            );
            let src = files
                .iter()
                .find(|(n, _)| path_of(n) == e.file)
                .map_or("", |(_, s)| s.as_str());
            let needle = format!("id: {}", e.id);
            let nth = src
                .match_indices(&needle)
                .nth(usize::from(first == e.file))
                .map(|(i, _)| src[..i].lines().count());
            diags.push(d.find(src, nth.unwrap_or(1), &needle));
        }
        // Element-level warnings point at the element's `id:` line.
        let warn = |msg: String| {
            locate(
                files,
                path_of,
                &format!("id: {}", e.id),
                Diagnostic::warning(&e.file, msg),
            )
        };
        if !e.id.starts_with(&format!("{}.", e.category)) {
            diags.push(warn(format!(
                "element `{}` is in category `{}` but its id does not start with `{}.`",
                e.id, e.category, e.category
            )));
        }
        if e.examples.is_empty() {
            diags.push(warn(format!(
                "element `{}` has no examples; `rules test` cannot check it",
                e.id
            )));
        } else if !e.examples.iter().any(|x| x.expect == "met")
            || e.examples.iter().all(|x| x.expect == "met")
        {
            diags.push(warn(format!(
                "element `{}` should have a met example and one that is not met",
                e.id
            )));
        }
        let conds = std::iter::once(&e.met).chain(e.partial.as_ref());
        for c in conds {
            for p in c.patterns() {
                let src = &p.source;
                if src.contains("\\b") || src.contains("\\B") {
                    diags.push(locate(files, path_of, src, Diagnostic::warning(&e.file, format!("element `{}`: pattern '{src}' uses \\b, which never separates Chinese characters", e.id))));
                }
                if [
                    "\\x{FF",
                    "\\u{FF",
                    "\\x{ff",
                    "\\u{ff",
                    "\\x{3000}",
                    "\\u{3000}",
                ]
                .iter()
                .any(|s| src.contains(s))
                {
                    diags.push(locate(files, path_of, src, Diagnostic::warning(&e.file, format!("element `{}`: pattern '{src}' names a full-width character by code; text is folded to half-width before matching, so it can never match", e.id))));
                }
                if p.re.is_match("") {
                    diags.push(locate(files, path_of, src, Diagnostic::warning(&e.file, format!("element `{}`: pattern '{src}' matches empty text, so it matches everywhere", e.id))));
                }
            }
        }
    }
    let pack_src = files
        .iter()
        .find(|(n, _)| n == "pack.yaml")
        .map_or("", |(_, s)| s.as_str());
    let id_line = |id: &str| id_line(pack_src, id);
    // With errors, some elements were not loaded: their categories' sums would mislead.
    let complete = !diags
        .iter()
        .any(|d| d.severity == super::diag::Severity::Error);
    for c in rp.categories.iter().filter(|_| complete) {
        // `+ 0.0` turns the empty sum's -0 into 0.
        let sum: f64 = rp
            .elements
            .iter()
            .filter(|e| e.category == c.id)
            .map(|e| e.weight)
            .sum::<f64>()
            + 0.0;
        if (sum - c.weight).abs() > 1e-9 {
            let d = Diagnostic::warning(
                &pack_file,
                format!(
                    "category `{}` declares weight {} but its elements add up to {sum}",
                    c.id, c.weight
                ),
            );
            let help =
                format!("set the category's weight to {sum}, or change its elements' weights");
            diags.push(d.find(pack_src, id_line(&c.id), "weight").help(Some(help)));
        }
    }
    let mut seen_cat = std::collections::HashSet::new();
    for c in &pack.categories {
        if !seen_cat.insert(&c.id) {
            let d = Diagnostic::error(&pack_file, format!("duplicate category id `{}`", c.id));
            diags.push(d.find(pack_src, id_line(&c.id) + 1, &format!("id: {}", c.id)));
        }
    }
    let levels = crate::model::scorecard::Level::ALL.map(|l| l.as_str());
    let ids: Vec<&str> = rp.elements.iter().map(|e| e.id.as_str()).collect();
    let mut seen_prof = std::collections::HashSet::new();
    for p in &pack.profiles {
        let at = id_line(&p.id);
        if !seen_prof.insert(&p.id) {
            let d = Diagnostic::error(&pack_file, format!("duplicate profile id `{}`", p.id));
            diags.push(d.find(pack_src, at + 1, &format!("id: {}", p.id)));
        }
        for l in &p.levels {
            if !levels.contains(&l.as_str()) {
                let help = super::cond::did_you_mean(l, &levels).map_or_else(
                    || format!("levels are {}", levels.join(", ")),
                    |s| format!("did you mean `{s}`?"),
                );
                let d = Diagnostic::error(
                    &pack_file,
                    format!("profile `{}`: unknown level `{l}`", p.id),
                );
                diags.push(d.find(pack_src, at, l).help(Some(help)));
            }
        }
        for id in p.not_applicable.iter().chain(p.weights.keys()) {
            if !ids.contains(&id.as_str()) {
                let d = Diagnostic::error(
                    &pack_file,
                    format!(
                        "profile `{}` names element `{id}`, which the pack does not define",
                        p.id
                    ),
                );
                let help =
                    super::cond::did_you_mean(id, &ids).map(|s| format!("did you mean `{s}`?"));
                diags.push(d.find(pack_src, at, id).help(help));
            }
        }
        if let Some(dl) = &p.deadline {
            if super::cond::parse_mm_dd(dl).is_none() {
                let d = Diagnostic::error(
                    &pack_file,
                    format!("profile `{}`: deadline takes 'MM-DD', got {dl:?}", p.id),
                );
                diags.push(d.find(pack_src, at, "deadline"));
            }
        }
    }
    if pack.profiles.is_empty() {
        let d = Diagnostic::error(
            &pack_file,
            "the pack defines no profile; `score` needs at least one (the first is the default)",
        );
        diags.push(d.find(pack_src, 1, "categories"));
    }
    if pack.grades.is_empty() {
        diags.push(
            Diagnostic::error(&pack_file, "the pack declares no grades")
                .find(pack_src, 1, "grades"),
        );
    } else if pack.grades.windows(2).any(|w| w[0].min <= w[1].min) {
        let d = Diagnostic::error(
            &pack_file,
            "grades must be listed from the highest `min` to the lowest",
        );
        diags.push(d.find(pack_src, 1, "grades"));
    }
}
