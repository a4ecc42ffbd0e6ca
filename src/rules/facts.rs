//! What a pack declares besides its rules: the grade scale the outputs show, the elements
//! behind a report page's badges, and the stock phrases that say nothing about a subject.
//! Each is compiled here once, so no later stage needs to know a grade's name, an element
//! id or a word of the default pack.

use super::cond::{compile_pattern, did_you_mean, Pattern};
use super::diag::Diagnostic;
use super::schema::{Badge, PackFile};
use super::vocab::Vocabularies;
use super::Element;
use crate::model::grade::{Colour, GradeBand, GradeScale};

/// The vocabulary whose phrases are cut out before problems and plans are compared word by
/// word (法治政府建设, 进一步…): every report repeats them, whatever its subject.
pub const STOCK_PHRASES: &str = "stock_phrases";

/// The pack's grades as a scale, each colour checked. Order and emptiness are checked with
/// the rest of the pack (`lint`); here a scale that leaves low scores without a grade is
/// warned about.
pub(super) fn grade_scale(
    pack: &PackFile,
    pack_file: &str,
    pack_src: &str,
    diags: &mut Vec<Diagnostic>,
) -> GradeScale {
    let grades_line = line_of(pack_src, 1, "grades:");
    let mut bands = Vec::new();
    for g in &pack.grades {
        let at = line_of(pack_src, grades_line, &format!("name: {}", g.name));
        let colour = match g.colour.as_deref().map(|c| (c, Colour::parse(c))) {
            None => {
                diags.extend(bare_hash(&g.name, pack_file, pack_src, at));
                Colour::Grey
            }
            Some((_, Some(c))) => c,
            Some((raw, None)) => {
                diags.push(bad_colour(&g.name, raw, pack_file, pack_src, at));
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
        let d = Diagnostic::warning(
            pack_file,
            format!(
                "the lowest grade `{}` starts at {}: a report scoring less gets no grade",
                last.name, last.min
            ),
        );
        let help = "end the list with a grade at `min: 0`".to_string();
        let needle = format!("name: {}", last.name);
        diags.push(d.find(pack_src, grades_line, &needle).help(Some(help)));
    }
    GradeScale::new(bands)
}

/// An error at a colour that is neither a palette name nor `#rrggbb`.
fn bad_colour(grade: &str, raw: &str, file: &str, src: &str, from: usize) -> Diagnostic {
    let hint = did_you_mean(raw, &Colour::NAMES)
        .map(|n| format!("did you mean `{n}`? "))
        .unwrap_or_default();
    let help = format!(
        "{hint}a grade's colour is one of {}, or '#rrggbb' in quotes (a bare # starts a comment)",
        Colour::NAMES.join(", ")
    );
    // The value as written, so the caret stands under it rather than under the key.
    let needle = if raw.is_empty() { "colour:" } else { raw };
    Diagnostic::error(file, format!("grade `{grade}`: unknown colour `{raw}`"))
        .find(src, from, needle)
        .help(Some(help))
}

/// An error for `colour: #1a7f37` written without quotes: YAML reads the `#` as the start
/// of a comment, so the grade would silently have no colour.
fn bare_hash(grade: &str, file: &str, src: &str, at: usize) -> Option<Diagnostic> {
    // The grade's own lines: its first, then any up to the next list item or blank line.
    let item_ends = |l: &str| l.trim().is_empty() || l.trim_start().starts_with("- ");
    let mut own = src
        .lines()
        .enumerate()
        .skip(at.saturating_sub(1))
        .take_while(|(i, l)| *i + 1 == at || !item_ends(l));
    let (i, hex) = own.find_map(|(i, l)| {
        let value = l.split_once("colour:")?.1.trim();
        value.starts_with('#').then_some((i, value))
    })?;
    let d = Diagnostic::error(
        file,
        format!("grade `{grade}`: colour {hex} is read as a YAML comment, so the grade gets none"),
    );
    Some(
        d.find(src, i + 1, hex)
            .help(Some(format!("put it in quotes: colour: '{hex}'"))),
    )
}

/// Reports a badge declared by more than one element: the page has room for one.
pub(super) fn check_badges(
    elements: &[Element],
    files: &[(String, String)],
    path_of: &dyn Fn(&str) -> String,
    diags: &mut Vec<Diagnostic>,
) {
    let mut first: Vec<(Badge, &str)> = Vec::new();
    for e in elements {
        let Some(b) = e.badge else { continue };
        let Some((_, id)) = first.iter().find(|(x, _)| *x == b) else {
            first.push((b, &e.id));
            continue;
        };
        let src = files
            .iter()
            .find(|(n, _)| path_of(n) == e.file)
            .map_or("", |(_, s)| s.as_str());
        let at = line_of(src, 1, &format!("id: {}", e.id));
        let d = Diagnostic::error(
            &e.file,
            format!(
                "element `{}` declares the {} badge, which element `{id}` already declares",
                e.id,
                badge_key(b)
            ),
        );
        let help = format!("keep `badge: {}` on one element", badge_key(b));
        diags.push(d.find(src, at, "badge:").help(Some(help)));
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
    pack_file: &str,
    pack_src: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Pattern> {
    let Some((_, phrases)) = vocab.declared.iter().find(|(n, _)| n == STOCK_PHRASES) else {
        return Vec::new();
    };
    let from = line_of(pack_src, 1, &format!("{STOCK_PHRASES}:"));
    phrases
        .iter()
        .filter_map(|p| match compile_pattern(p) {
            Ok(c) => Some(c),
            Err(m) => {
                let d = Diagnostic::error(
                    pack_file,
                    format!("vocabulary {STOCK_PHRASES}: invalid regular expression '{p}': {m}"),
                );
                diags.push(d.find(pack_src, from, p));
                None
            }
        })
        .collect()
}

/// The 1-based line of the first line at or after `from` containing `needle`; `from` when
/// none does.
fn line_of(src: &str, from: usize, needle: &str) -> usize {
    src.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, l)| l.contains(needle))
        .map_or(from, |(i, _)| i + 1)
}
