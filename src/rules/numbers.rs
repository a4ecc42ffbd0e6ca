//! The numbers a pack scores with — element and profile weights, category totals, grade
//! thresholds — checked where they are written. A weight of `.inf` or `.nan` makes every
//! score `null` and the grade empty, a negative one makes scores negative; either way a
//! `--fail-under` gate stops meaning anything, so each is an error at its YAML position.

use super::diag::{about, Diagnostic};
use super::schema::{PackFile, ProfileDef};
use super::source::{At, Source};
use super::Element;
use crate::msg::t;
use std::collections::{HashMap, HashSet};

/// What an element's or a profile's weight may be, and what was written instead.
pub(super) fn weight_rule(got: f64) -> String {
    t!(
        "rules.numbers.got",
        rule = t!("rules.numbers.weight_rule"),
        got = yaml_number(got)
    )
}

/// Whether `w` can be a weight.
pub(super) fn is_weight(w: f64) -> bool {
    w.is_finite() && w > 0.0
}

/// A number as YAML writes it, so that `.inf` and `.nan` read back as the user wrote them.
pub(super) fn yaml_number(x: f64) -> String {
    match x {
        _ if x.is_nan() => ".nan".into(),
        f64::INFINITY => ".inf".into(),
        f64::NEG_INFINITY => "-.inf".into(),
        _ => x.to_string(),
    }
}

/// Errors for the numbers of `pack.yaml` (`src`): each profile's weights and their total
/// over the elements that apply, each category's declared weight, each grade's `min`.
pub(super) fn check(
    pack: &PackFile,
    elements: &[Element],
    src: &Source,
    diags: &mut Vec<Diagnostic>,
) {
    let weights: HashMap<&str, f64> = elements.iter().map(|e| (e.id.as_str(), e.weight)).collect();
    for (i, p) in pack.profiles.iter().enumerate() {
        profile(p, &format!("profiles[{i}]"), &weights, src, diags);
    }
    for (i, c) in pack.categories.iter().enumerate() {
        if !(c.weight.is_finite() && c.weight >= 0.0) {
            let message = about(
                t!("rules.what.category", id = c.id),
                t!(
                    "rules.numbers.category_weight",
                    weight = yaml_number(c.weight)
                ),
            );
            diags.push(src.error(At::Value(&format!("categories[{i}].weight")), message));
        }
    }
    for (i, g) in pack.grades.iter().enumerate() {
        if !(0.0..=100.0).contains(&g.min) {
            let message = about(
                t!("rules.what.grade", name = g.name),
                t!("rules.numbers.grade_min", min = yaml_number(g.min)),
            );
            diags.push(src.error(At::Value(&format!("grades[{i}].min")), message));
        }
    }
}

/// One profile's weights, then what they add up to over the elements it applies to: a
/// profile under which nothing can be earned scores every report 0 of 0.
fn profile(
    p: &ProfileDef,
    at: &str,
    weights: &HashMap<&str, f64>,
    src: &Source,
    diags: &mut Vec<Diagnostic>,
) {
    let mut valid = true;
    for (id, &w) in &p.weights {
        if !is_weight(w) {
            valid = false;
            let what = t!("rules.what.profile", id = p.id);
            let message = about(what, about(format!("`{id}`"), weight_rule(w)));
            let help = (w.is_finite() && w <= 0.0).then(|| t!("rules.numbers.switch_off").into());
            let place = format!("{at}.weights.{id}");
            diags.push(src.error(At::Value(&place), message).help(help));
        }
    }
    // Unknown ids and bad element weights are reported on their own; a total over them
    // would only repeat those errors.
    if !valid || !weights.values().all(|w| is_weight(*w)) {
        return;
    }
    let out: HashSet<&str> = p.not_applicable.iter().map(String::as_str).collect();
    let total: f64 = weights
        .iter()
        .filter(|(id, _)| !out.contains(*id))
        .map(|(id, w)| p.weights.get(*id).copied().unwrap_or(*w))
        .sum::<f64>()
        // An empty sum is -0.
        + 0.0;
    if !(total.is_finite() && total > 0.0) {
        let message = about(
            t!("rules.what.profile", id = p.id),
            t!("rules.numbers.profile_total", total = yaml_number(total)),
        );
        let place = if p.not_applicable.is_empty() {
            At::Key(at)
        } else {
            At::Key(&format!("{at}.not_applicable"))
        };
        diags.push(src.error(place, message));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_spells_the_special_numbers() {
        assert_eq!(yaml_number(f64::NAN), ".nan");
        assert_eq!(yaml_number(f64::INFINITY), ".inf");
        assert_eq!(yaml_number(f64::NEG_INFINITY), "-.inf");
        assert_eq!(yaml_number(-1000.0), "-1000");
        assert!(!is_weight(0.0) && !is_weight(f64::NAN) && !is_weight(-1.0));
        assert!(is_weight(0.5));
    }
}
