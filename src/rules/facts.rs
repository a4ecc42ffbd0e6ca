//! What a pack declares besides its rules: the grade scale the outputs show, the elements
//! behind a report page's badges, and the stock phrases that say nothing about a subject.
//! Each is compiled here once, so no later stage needs to know a grade's name, an element
//! id or a word of the default pack.

use super::cond::{did_you_mean, Pattern};
use super::diag::{about, Diagnostic};
use super::schema::{Badge, PackFile};
use super::source::{At, Source};
use super::vocab::Vocabularies;
use super::Element;
use crate::model::grade::{Colour, GradeBand, GradeScale};
use crate::msg::t;

/// The vocabulary whose phrases are cut out before problems and plans are compared word by
/// word (法治政府建设, 进一步…): every report repeats them, whatever its subject.
pub const STOCK_PHRASES: &str = "stock_phrases";

/// The pack's grades as a scale, each colour checked. Order and emptiness are checked with
/// the rest of the pack (`lint`); here a scale that leaves low scores without a grade is
/// warned about.
pub(super) fn grade_scale(
    pack: &PackFile,
    src: &Source,
    diags: &mut Vec<Diagnostic>,
) -> GradeScale {
    let mut bands = Vec::new();
    for (i, g) in pack.grades.iter().enumerate() {
        let colour = match g.colour.as_deref().map(|c| (c, Colour::parse(c))) {
            None => {
                diags.extend(bare_hash(&g.name, i, src));
                Colour::Grey
            }
            Some((_, Some(c))) => c,
            Some((raw, None)) => {
                diags.push(bad_colour(&g.name, raw, i, src));
                Colour::Grey
            }
        };
        bands.push(GradeBand {
            name: g.name.clone(),
            min: g.min,
            colour,
        });
    }
    if let Some(last) = bands.last().filter(|b| b.min > 0.0) {
        let message = t!("rules.facts.lowest_grade", name = last.name, min = last.min);
        let at = format!("grades[{}].min", bands.len() - 1);
        let help = t!("rules.facts.lowest_grade_help").to_string();
        diags.push(src.warning(At::Value(&at), message).help(Some(help)));
    }
    GradeScale::new(bands)
}

/// An error at a colour that is neither a palette name nor `#rrggbb`.
fn bad_colour(grade: &str, raw: &str, i: usize, src: &Source) -> Diagnostic {
    let names = Colour::NAMES.join(", ");
    let help = match did_you_mean(raw, &Colour::NAMES) {
        Some(n) => t!("rules.facts.colour_help_hint", name = n, names = names),
        None => t!("rules.facts.colour_help", names = names),
    };
    let at = format!("grades[{i}].colour");
    let message = about(
        t!("rules.what.grade", name = grade),
        t!("rules.facts.unknown_colour", colour = raw),
    );
    src.error(At::Value(&at), message).help(Some(help))
}

/// An error for `colour: #1a7f37` written without quotes: YAML reads the `#` as the start
/// of a comment, so the grade would silently have no colour.
fn bare_hash(grade: &str, i: usize, src: &Source) -> Option<Diagnostic> {
    // Most packs leave some colours out: look for the mistake before asking where the
    // grade stands, which builds the file's position index.
    let bare = |l: &str| {
        l.split_once("colour:")
            .is_some_and(|(_, v)| v.trim_start().starts_with('#'))
    };
    if !src.text.lines().any(bare) {
        return None;
    }
    let first = src.pos(At::Key(&format!("grades[{i}]")))?.line;
    // The grade's own lines: its first, then any up to the next list item or blank line.
    let item_ends = |l: &str| l.trim().is_empty() || l.trim_start().starts_with("- ");
    let mut own = src
        .text
        .lines()
        .enumerate()
        .skip(first - 1)
        .take_while(|(n, l)| *n + 1 == first || !item_ends(l));
    let (n, column, hex) = own.find_map(|(n, l)| {
        let (before, value) = l.split_once("colour:")?;
        let value = value.trim();
        let column = before.chars().count()
            + "colour:".len()
            + 1
            + l[before.len() + 7..]
                .chars()
                .take_while(|c| *c == ' ')
                .count();
        value.starts_with('#').then_some((n, column, value))
    })?;
    let d = Diagnostic::error(
        &src.shown,
        about(
            t!("rules.what.grade", name = grade),
            t!("rules.facts.bare_hash", hex = hex),
        ),
    );
    Some(
        d.at(&src.text, Some(n + 1), Some(column))
            .help(Some(t!("rules.facts.bare_hash_help", hex = hex))),
    )
}

/// Reports a badge declared by more than one element: the page has room for one.
pub(super) fn check_badges(elements: &[Element], sources: &[Source], diags: &mut Vec<Diagnostic>) {
    let mut first: Vec<(Badge, &str)> = Vec::new();
    for e in elements {
        let Some(b) = e.badge else { continue };
        let Some((_, id)) = first.iter().find(|(x, _)| *x == b) else {
            first.push((b, &e.id));
            continue;
        };
        let Some(src) = sources.iter().find(|s| s.shown == e.file) else {
            continue;
        };
        let badge = badge_key(b);
        let message = t!(
            "rules.facts.badge_twice",
            id = e.id,
            badge = badge,
            first = id
        );
        let help = t!("rules.facts.badge_help", badge = badge);
        let at = format!("{}.badge", e.path);
        diags.push(src.error(At::Value(&at), message).help(Some(help)));
    }
}

fn badge_key(b: Badge) -> &'static str {
    match b {
        Badge::Timeliness => "timeliness",
    }
}

/// The [`STOCK_PHRASES`] vocabulary compiled one pattern at a time, in the order declared:
/// they are cut out one after another, so an earlier phrase wins where two overlap. None
/// when the pack declares no such vocabulary.
pub(super) fn stock_phrases(
    vocab: &Vocabularies,
    src: &Source,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Pattern> {
    let Some((_, phrases)) = vocab.declared.iter().find(|(n, _)| n == STOCK_PHRASES) else {
        return Vec::new();
    };
    phrases
        .iter()
        .enumerate()
        .filter_map(|(j, p)| {
            let at = format!("vocabularies.{STOCK_PHRASES}[{j}]");
            let what = t!("rules.what.vocabulary", name = STOCK_PHRASES);
            super::compile::pack_pattern(p, p, &at, &what, src, diags)
        })
        .collect()
}
