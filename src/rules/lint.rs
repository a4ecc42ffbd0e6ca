//! Cross-file checks of a pack: duplicate ids, profiles, weights, patterns that cannot work.
//! Each finding points at the YAML node it is about, found by path in its file's index.

use super::cond::{parse_mm_dd, Pattern};
use super::diag::{about, did_you_mean_help, Diagnostic, Severity};
use super::schema::{PackFile, ProfileDef};
use super::source::{At, Source};
use super::{Element, RulePack};
use crate::model::scorecard::Level;
use crate::msg::t;
use std::collections::{HashMap, HashSet};

/// Adds cross-file errors and warnings to `diags`; `sources[0]` is `pack.yaml`.
pub fn check(rp: &RulePack, pack: &PackFile, sources: &[Source], diags: &mut Vec<Diagnostic>) {
    let pack_src = &sources[0];
    if pack.negation.window.is_some() {
        let d = pack_src.warning(At::Key("negation.window"), t!("rules.lint.window"));
        diags.push(d.help(Some(t!("rules.lint.window_help").into())));
    }
    let by_file: HashMap<&str, &Source> = sources.iter().map(|s| (s.shown.as_str(), s)).collect();
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for e in &rp.elements {
        let Some(src) = by_file.get(e.file.as_str()) else {
            continue;
        };
        if let Some(first) = seen.insert(&e.id, &e.file) {
            let message = t!("rules.lint.duplicate_element", id = e.id, first = first);
            diags.push(src.error(At::Value(&format!("{}.id", e.path)), message));
        }
        element_warnings(e, src, diags);
        for p in e
            .met
            .patterns()
            .into_iter()
            .chain(e.partial.iter().flat_map(|c| c.patterns()))
        {
            pattern_warnings(e, p, src, diags);
        }
    }
    // With errors, some elements were not loaded: their categories' sums would mislead.
    if !diags.iter().any(|d| d.severity == Severity::Error) {
        category_weights(rp, pack_src, diags);
    }
    let mut seen_cat = HashSet::new();
    for (i, c) in pack.categories.iter().enumerate() {
        if !seen_cat.insert(&c.id) {
            let message = t!("rules.lint.duplicate_category", id = c.id);
            diags.push(pack_src.error(At::Value(&format!("categories[{i}].id")), message));
        }
    }
    let ids: Vec<&str> = rp.elements.iter().map(|e| e.id.as_str()).collect();
    let ids = Ids {
        set: ids.iter().copied().collect(),
        all: ids,
    };
    let mut seen_prof = HashSet::new();
    for (i, p) in pack.profiles.iter().enumerate() {
        if !seen_prof.insert(&p.id) {
            let message = t!("rules.lint.duplicate_profile", id = p.id);
            diags.push(pack_src.error(At::Value(&format!("profiles[{i}].id")), message));
        }
        profile(p, &format!("profiles[{i}]"), &ids, pack_src, diags);
    }
    pack_basics(pack, pack_src, diags);
    super::numbers::check(pack, &rp.elements, pack_src, diags);
}

/// The pack's element ids: a set to look names up in, the list for a did-you-mean.
struct Ids<'a> {
    set: HashSet<&'a str>,
    all: Vec<&'a str>,
}

/// How many unknown names of one profile get a did-you-mean: each costs a comparison with
/// every element id, and after a few the rest are the same mistake.
const HINTED: usize = 10;

/// Warnings about one element as a whole: its id, its examples.
fn element_warnings(e: &Element, src: &Source, diags: &mut Vec<Diagnostic>) {
    let at = |k: &str| format!("{}.{k}", e.path);
    if !e.id.starts_with(&format!("{}.", e.category)) {
        let message = t!("rules.lint.id_prefix", id = e.id, category = e.category);
        diags.push(src.warning(At::Value(&at("id")), message));
    }
    let met = |x: &&super::Example| x.expect == crate::model::scorecard::Status::Met;
    if e.examples.is_empty() {
        let message = t!("rules.lint.no_examples", id = e.id);
        diags.push(src.warning(At::Key(&e.path), message));
    } else if !e.examples.iter().any(|x| met(&x)) || e.examples.iter().all(|x| met(&x)) {
        let message = t!("rules.lint.example_mix", id = e.id);
        diags.push(src.warning(At::Key(&at("examples")), message));
    }
}

/// Ways of naming a full-width character by code, which folded text never contains.
const FULL_WIDTH: &[&str] = &[
    "\\x{FF",
    "\\u{FF",
    "\\x{ff",
    "\\u{ff",
    "\\x{3000}",
    "\\u{3000}",
];

/// Warnings about a pattern that cannot work as its author meant, with the caret on the
/// part at fault when it was written in this pattern (not in a vocabulary).
fn pattern_warnings(e: &Element, p: &Pattern, src: &Source, diags: &mut Vec<Diagnostic>) {
    let path = format!("{}.{}", e.path, p.at);
    let place = |needle: Option<usize>| match needle {
        Some(n) => At::Inside(&path, n),
        None => At::Value(&path),
    };
    let s = &p.source;
    let id = &e.id;
    let boundary = ["\\b", "\\B"].iter().find_map(|b| p.written.find(b));
    if s.contains("\\b") || s.contains("\\B") {
        let message = t!("rules.lint.boundary", id = id, pattern = s);
        diags.push(src.warning(place(boundary), message));
    }
    if FULL_WIDTH.iter().any(|c| s.contains(c)) {
        let code = FULL_WIDTH.iter().find_map(|c| p.written.find(c));
        let message = t!("rules.lint.full_width", id = id, pattern = s);
        diags.push(src.warning(place(code), message));
    }
    if p.matches_empty() {
        let message = t!("rules.lint.matches_empty", id = id, pattern = s);
        diags.push(src.warning(place(None), message));
    }
}

/// A warning for each category whose elements' weights do not add up to its own.
fn category_weights(rp: &RulePack, pack_src: &Source, diags: &mut Vec<Diagnostic>) {
    let mut sums: HashMap<&str, f64> = HashMap::new();
    for e in &rp.elements {
        *sums.entry(e.category.as_str()).or_default() += e.weight;
    }
    for (i, c) in rp.categories.iter().enumerate() {
        // `+ 0.0` turns an empty sum's -0 into 0.
        let sum: f64 = sums.get(c.id.as_str()).copied().unwrap_or_default() + 0.0;
        if (sum - c.weight).abs() > 1e-9 {
            let message = t!(
                "rules.lint.category_sum",
                id = c.id,
                weight = c.weight,
                sum = sum
            );
            let help = t!("rules.lint.category_sum_help", sum = sum);
            let at = format!("categories[{i}].weight");
            diags.push(pack_src.warning(At::Value(&at), message).help(Some(help)));
        }
    }
}

/// Errors in one profile (at YAML path `at`): levels, element names, deadline.
fn profile(p: &ProfileDef, at: &str, ids: &Ids, src: &Source, diags: &mut Vec<Diagnostic>) {
    for (j, l) in p.levels.iter().enumerate() {
        let levels = Level::ALL.map(Level::as_str);
        if !levels.contains(&l.as_str()) {
            let help = did_you_mean_help(l, &levels)
                .unwrap_or_else(|| t!("rules.lint.levels", levels = levels.join(", ")));
            let message = about(
                t!("rules.what.profile", id = p.id),
                t!("rules.lint.unknown_level", level = l),
            );
            let place = format!("{at}.levels[{j}]");
            diags.push(src.error(At::Value(&place), message).help(Some(help)));
        }
    }
    let mut hinted = 0;
    let mut unknown = |id: &String, place: At| {
        if !ids.set.contains(id.as_str()) {
            let message = t!("rules.lint.unknown_element", profile = p.id, id = id);
            hinted += 1;
            let help = (hinted <= HINTED)
                .then(|| did_you_mean_help(id, &ids.all))
                .flatten();
            diags.push(src.error(place, message).help(help));
        }
    };
    for (j, id) in p.not_applicable.iter().enumerate() {
        unknown(id, At::Value(&format!("{at}.not_applicable[{j}]")));
    }
    for id in p.weights.keys() {
        unknown(id, At::Key(&format!("{at}.weights.{id}")));
    }
    if let Some(dl) = &p.deadline {
        if parse_mm_dd(dl).is_none() {
            let message = about(
                t!("rules.what.profile", id = p.id),
                t!("rules.cond.deadline", got = format!("{dl:?}")),
            );
            diags.push(src.error(At::Value(&format!("{at}.deadline")), message));
        }
    }
}

/// Errors in what every pack needs: a profile, grades from highest to lowest.
fn pack_basics(pack: &PackFile, src: &Source, diags: &mut Vec<Diagnostic>) {
    if pack.profiles.is_empty() {
        let place = if src.spans.get("profiles").is_some() {
            At::Key("profiles")
        } else {
            At::File
        };
        diags.push(src.error(place, t!("rules.lint.no_profile")));
    }
    if pack.grades.is_empty() {
        diags.push(src.error(At::Key("grades"), t!("rules.lint.no_grades")));
    } else if let Some(i) = pack.grades.windows(2).position(|w| w[0].min <= w[1].min) {
        let message = t!("rules.lint.grade_order");
        diags.push(src.error(At::Value(&format!("grades[{}].min", i + 1)), message));
    }
}
