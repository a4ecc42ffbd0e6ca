//! Stage 3 — rules: load a rule pack (built in, or a folder), validate it, compile it once.
//!
//! A pack is `pack.yaml` (name, version, grades, categories, profiles, topics, indicators,
//! negation words) plus one YAML file per category with its elements. See `rules/README.md`.

pub mod builtin;
mod compile;
pub mod cond;
pub mod diag;
pub mod facts;
mod lint;
pub mod literals;
mod matcher;
mod numbers;
mod parse;
mod pattern;
pub mod schema;
mod source;
pub mod vocab;
mod yaml_msg;

use crate::model::scorecard::{Level, RulesetRef};
use crate::model::GradeScale;
use crate::model::Kind;
use cond::{did_you_mean, Cond, Pattern};
use diag::{Diagnostic, RuleErrors, Severity};
use schema::{Badge, ElementsFile, Example, IndicatorDef, ProfileDef};
use std::path::Path;

/// A category, compiled.
#[derive(Debug, Clone)]
pub struct Category {
    /// Id.
    pub id: String,
    /// Chinese title.
    pub title: String,
    /// Declared total weight.
    pub weight: f64,
    /// Kinds whose text counts by default.
    pub scope: Vec<Kind>,
    /// What it is about.
    pub description: String,
}

/// An element, compiled.
#[derive(Debug, Clone)]
pub struct Element {
    /// Id.
    pub id: String,
    /// Chinese name.
    pub name: String,
    /// Category id.
    pub category: String,
    /// Default weight.
    pub weight: f64,
    /// Regulation it comes from.
    pub basis: String,
    /// Why it matters.
    pub why: String,
    /// What to add.
    pub advice: String,
    /// What the engine looks for, in words.
    pub looked_for: String,
    /// First year it applies to.
    pub since: Option<i32>,
    /// Kinds whose text counts.
    pub scope: Vec<Kind>,
    /// Whether the negation guard applies.
    pub negation: bool,
    /// Whether words inside a document or law name (《…》) count.
    pub titles: bool,
    /// Condition for met.
    pub met: Cond,
    /// Condition for partial.
    pub partial: Option<Cond>,
    /// Worked examples.
    pub examples: Vec<Example>,
    /// What the rule is known to miss (`known_gaps:`), for `explain`.
    pub known_gaps: Option<String>,
    /// The report-page badge its status decides, if any.
    pub badge: Option<Badge>,
    /// The file it came from.
    pub file: String,
    /// Its YAML path in that file (`elements[2]`), for diagnostics.
    pub path: String,
}

/// A key figure, compiled.
#[derive(Debug, Clone)]
pub struct IndicatorRule {
    /// Its definition.
    pub def: IndicatorDef,
    /// Compiled patterns (`{value}` expanded); `true` marks a statement of none (value 0).
    pub patterns: Vec<(Pattern, bool)>,
    /// Look-alikes: a match whose clause matches one of these does not count.
    pub except: Vec<Pattern>,
    /// Kinds searched.
    pub scope: Vec<Kind>,
}

/// What `{value}` in an indicator pattern stands for: a number as drafters write it —
/// digits, with thousands separators (`1,126`, full-width commas are folded) or a
/// decimal part (`98.5`), or Chinese numerals (十二, 两). `[0-9]`, not `\d`: folded text
/// has ASCII digits and `\d` would also take other scripts' digits that do not parse.
pub const VALUE_PLACEHOLDER: &str = "{value}";

/// The regex `{value}` expands to.
const VALUE_REGEX: &str =
    "(?P<value>[0-9]{1,3}(?:,[0-9]{3})+(?:\\.[0-9]+)?|[0-9]+(?:\\.[0-9]+)?|[零〇一二两三四五六七八九十百千万]+)";

/// An indicator pattern with `{value}` expanded. `{value}` is never valid regex syntax
/// (a repetition needs a count), so no existing pattern changes meaning.
pub fn expand_value(pattern: &str) -> String {
    pattern.replace(VALUE_PLACEHOLDER, VALUE_REGEX)
}

/// The negation guard, compiled.
#[derive(Debug, Clone, Default)]
pub struct Negation {
    /// Negation words (folded).
    pub words: Vec<String>,
    /// Phrases that are not negations.
    pub except: Vec<String>,
    /// Sentence openings that state an intention (folded).
    pub intentions: Vec<String>,
    /// Corrective verbs whose object may hold a negation word (folded).
    pub correcting: Vec<String>,
}

/// How matches inside 《…》 are read (`citations:` in pack.yaml), folded.
#[derive(Debug, Clone, Default)]
pub struct Citations {
    /// Verbs that only study or cite a named document.
    pub studying: Vec<String>,
    /// Verbs that make or apply it.
    pub applying: Vec<String>,
    /// Phrases describing the document that stand between verb and name.
    pub attributive: Vec<String>,
}

/// A loaded, validated, compiled rule pack.
#[derive(Debug, Clone)]
pub struct RulePack {
    /// Machine name.
    pub name: String,
    /// Version.
    pub version: String,
    /// Title.
    pub title: String,
    /// `sha256:` over the files.
    pub digest: String,
    /// Grades, best first, with their colours.
    pub grades: GradeScale,
    /// The negation guard.
    pub negation: Negation,
    /// How matches inside 《…》 are read.
    pub citations: Citations,
    /// Categories in order.
    pub categories: Vec<Category>,
    /// Elements in pack order (category order, then file order).
    pub elements: Vec<Element>,
    /// Profiles; the first is the default.
    pub profiles: Vec<ProfileDef>,
    /// Topic vocabulary for pairing problems with plans.
    pub topics: Vec<(String, Vec<Pattern>)>,
    /// Shared vocabularies that patterns reference as `@name`.
    pub vocabularies: vocab::Vocabularies,
    /// Phrases cut out before problems and plans are compared word by word (the
    /// [`facts::STOCK_PHRASES`] vocabulary), in the order to cut them.
    pub stock_phrases: Vec<Pattern>,
    /// Key figures.
    pub indicators: Vec<IndicatorRule>,
    /// The elements' distinct patterns by id, and the automata scoring searches with.
    pub patterns: literals::PatternTable,
    /// The pack's files (name, content), for export and the digest.
    pub files: Vec<(String, String)>,
    /// Warnings found while loading.
    pub warnings: Vec<Diagnostic>,
}

impl RulePack {
    /// The built-in pack.
    pub fn builtin() -> Result<RulePack, RuleErrors> {
        let files = builtin::FILES
            .iter()
            .map(|(n, c)| (n.to_string(), c.to_string()))
            .collect();
        load(files, "rules", builtin::JSON, Some(builtin::DIGEST))
    }

    /// A pack from a folder: `pack.yaml` and every other `*.yaml` in it.
    pub fn from_dir(dir: &Path) -> Result<RulePack, RuleErrors> {
        let shown = dir.display().to_string();
        let entries = std::fs::read_dir(dir).map_err(|e| {
            RuleErrors(vec![Diagnostic::error(
                &shown,
                crate::t!("rules.load.cannot_read_dir", reason = e),
            )])
        })?;
        let mut files = Vec::new();
        for entry in entries.flatten() {
            let p = entry.path();
            let name = entry.file_name().to_string_lossy().to_string();
            if p.is_file() && (name.ends_with(".yaml") || name.ends_with(".yml")) {
                let content = std::fs::read_to_string(&p).map_err(|e| {
                    RuleErrors(vec![Diagnostic::error(
                        &p.display().to_string(),
                        crate::t!("rules.load.cannot_read", reason = e),
                    )])
                })?;
                files.push((name, content));
            }
        }
        let pack = load_files(files, &shown)?;
        // An edited pack is compiled whole before a run: a regex too big to compile is then
        // a rule error (exit 2) naming its element, not a failure in the middle of a batch.
        // The built-in pack stays lazy; a test proves each of its regexes compiles.
        let too_big = pack.compile_errors();
        if too_big.is_empty() {
            Ok(pack)
        } else {
            Err(RuleErrors(too_big))
        }
    }

    /// The element with this id.
    pub fn element(&self, id: &str) -> Option<&Element> {
        self.elements.iter().find(|e| e.id == id)
    }

    /// The element whose status decides this badge of the report page.
    pub fn badge_element(&self, badge: Badge) -> Option<&Element> {
        self.elements.iter().find(|e| e.badge == Some(badge))
    }

    /// Name, version and digest, as every scorecard of this pack carries them.
    pub fn ruleset(&self) -> RulesetRef {
        RulesetRef {
            name: self.name.clone(),
            version: self.version.clone(),
            digest: self.digest.clone(),
        }
    }

    /// The profile with this id.
    pub fn profile(&self, id: &str) -> Option<&ProfileDef> {
        self.profiles.iter().find(|p| p.id == id)
    }

    /// The profile for a detected level: the first whose `levels` lists it, else the default.
    pub fn profile_for_level(&self, level: Level) -> Option<&ProfileDef> {
        self.profiles
            .iter()
            .find(|p| p.levels.iter().any(|l| level == l.as_str()))
            .or(self.profiles.first())
    }
}

/// Parses section-kind names; `document` means every kind but web furniture. An unknown
/// name comes back with its index in `names`.
pub fn parse_kinds(names: &[String]) -> Result<Vec<Kind>, (usize, String)> {
    let mut out = Vec::new();
    for (i, n) in names.iter().enumerate() {
        if n == "document" {
            out.extend(Kind::ALL.into_iter().filter(|k| *k != Kind::Boilerplate));
        } else {
            let known: Vec<&str> = Kind::ALL
                .iter()
                .map(|k| k.as_str())
                .chain(["document"])
                .collect();
            let k = Kind::parse(n).ok_or_else(|| {
                let hint = did_you_mean(n, &known)
                    .map(|s| crate::t!("rules.did_you_mean_paren", name = s))
                    .unwrap_or_default();
                let kinds = known.join(", ");
                let message = crate::t!(
                    "rules.load.unknown_kind",
                    kind = n,
                    hint = hint,
                    kinds = kinds
                );
                (i, message)
            })?;
            out.push(k);
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn digest(files: &[(String, String)]) -> String {
    let mut sorted: Vec<_> = files.iter().collect();
    sorted.sort();
    let mut all = Vec::new();
    for (n, c) in sorted {
        for part in [n, c] {
            all.extend_from_slice(part.as_bytes());
            all.push(0);
        }
    }
    format!("sha256:{}", &crate::digest::sha256_hex(&all)[..16])
}

/// Loads a pack from (file name, content) pairs; `shown` prefixes file names in messages.
///
/// Four steps: read (values and positions, `parse`), compile (`compile`), check across
/// files (`lint`), and keep the warnings or fail with every error, each at the YAML
/// position of what it is about.
pub fn load_files(files: Vec<(String, String)>, shown: &str) -> Result<RulePack, RuleErrors> {
    load(files, shown, &[], None)
}

/// [`load_files`], with some files' values already read (`json`, by file name) and maybe
/// their digest: the built-in pack's, see `build.rs`.
fn load(
    mut files: Vec<(String, String)>,
    shown: &str,
    json: &[(&str, &str)],
    known_digest: Option<&str>,
) -> Result<RulePack, RuleErrors> {
    files.sort();
    let path_of = |name: &str| format!("{}/{}", shown.trim_end_matches('/'), name);
    let json_of = |name: &str| json.iter().find(|(n, _)| *n == name).map(|(_, j)| *j);
    let mut diags: Vec<Diagnostic> = Vec::new();
    let (pack_src, pack) = parse::pack(&files, shown, &path_of, json_of("pack.yaml"), &mut diags)?;
    let categories = compile::categories(&pack, &pack_src, &mut diags);
    let vocabularies = vocab::Vocabularies::new(&pack.vocabularies);
    let mut by_category: Vec<Vec<Element>> = vec![Vec::new(); categories.len()];
    let mut sources = vec![pack_src];
    for (name, text) in files.iter().filter(|(n, _)| n != "pack.yaml") {
        let read = parse::read::<ElementsFile>(&path_of(name), text, json_of(name), &mut diags);
        let Some((src, ef)) = read else { continue };
        if let Some((ci, els)) = compile::elements(ef, &src, &categories, &vocabularies, &mut diags)
        {
            by_category[ci].extend(els);
        }
        sources.push(src);
    }
    let elements: Vec<Element> = by_category.into_iter().flatten().collect();
    facts::check_badges(&elements, &sources, &mut diags);
    let mut rp = RulePack {
        name: pack.name.clone(),
        version: pack.version.clone(),
        title: pack.title.clone(),
        digest: known_digest.map_or_else(|| digest(&files), str::to_string),
        grades: facts::grade_scale(&pack, &sources[0], &mut diags),
        negation: compile::negation(&pack),
        citations: compile::citations(&pack),
        categories,
        elements,
        profiles: pack.profiles.clone(),
        topics: compile::topics(&pack, &sources[0], &mut diags),
        stock_phrases: facts::stock_phrases(&vocabularies, &sources[0], &mut diags),
        vocabularies,
        indicators: compile::indicators(&pack, &sources[0], &mut diags),
        patterns: Default::default(),
        files: Vec::new(),
        warnings: Vec::new(),
    };
    rp.patterns = literals::PatternTable::assign(&mut rp.elements, &mut rp.indicators);
    lint::check(&rp, &pack, &sources, &mut diags);
    diags.extend(sources.iter().filter_map(parse::unindexed));
    rp.files = files;
    if diags.iter().any(|d| d.severity == Severity::Error) {
        return Err(RuleErrors(diags));
    }
    rp.warnings = diags;
    Ok(rp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::Spans;

    #[test]
    fn the_builtin_digest_is_the_digest_of_the_builtin_files() {
        let files: Vec<_> = builtin::FILES
            .iter()
            .map(|(n, c)| (n.to_string(), c.to_string()))
            .collect();
        assert_eq!(builtin::DIGEST, digest(&files));
        assert_eq!(RulePack::builtin().unwrap().digest, digest(&files));
    }

    /// Each character of a pattern maps back to the same character in the file: what
    /// puts a regex error's caret under the right character.
    fn same_characters(spans: &Spans, text: &str, path: &str, written: &str) {
        let style = spans.get(path).and_then(|n| n.scalar.as_ref()).map(|s| s.0);
        if style == Some(crate::yaml::spans::Style::DoubleQuoted) {
            return; // An escape's first character is a backslash.
        }
        for (b, c) in written.char_indices() {
            let at = spans.inside(path, b).unwrap();
            let found = text[at.offset..].chars().next();
            assert_eq!(found, Some(c), "{path} byte {b} of {written:?}");
        }
    }

    fn builtin_files() -> Vec<(String, String)> {
        let files = builtin::FILES.iter();
        files.map(|(n, c)| (n.to_string(), c.to_string())).collect()
    }

    /// The built-in pack loads without a finding, so nothing needs a position: no span
    /// index is built (it cost as much as reading the YAML).
    #[test]
    fn loading_the_builtin_pack_builds_no_position_index() {
        let before = crate::yaml::spans::indexes_built();
        let pack = RulePack::builtin().unwrap();
        assert!(pack.warnings.is_empty());
        assert_eq!(crate::yaml::spans::indexes_built(), before);
    }

    /// A finding still gets its line and column: the index of its file, and of that file
    /// only, is built when the finding asks where it stands.
    #[test]
    fn a_finding_builds_the_index_of_its_own_file_and_has_its_place() {
        let mut files = builtin_files();
        let pack_yaml = &mut files.iter_mut().find(|(n, _)| n == "pack.yaml").unwrap().1;
        let line = pack_yaml.lines().position(|l| l.contains("window:"));
        assert!(line.is_none(), "the test adds the only `window:`");
        *pack_yaml = pack_yaml.replacen("negation:\n", "negation:\n  window: 3\n", 1);
        let at = pack_yaml.lines().position(|l| l == "  window: 3").unwrap() + 1;
        let before = crate::yaml::spans::indexes_built();
        let pack = load_files(files, "rules").unwrap();
        assert_eq!(crate::yaml::spans::indexes_built(), before + 1);
        let w = &pack.warnings[..];
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(
            (w[0].file.as_str(), w[0].line, w[0].column),
            ("rules/pack.yaml", Some(at), Some(3))
        );
    }

    /// Every built-in file is precomputed by `build.rs`, and its JSON fits its type (a
    /// file that fell back to its YAML would load right, only slower).
    #[test]
    fn every_builtin_file_is_read_from_its_precomputed_values() {
        for (name, _) in builtin::FILES {
            let (_, json) = builtin::JSON.iter().find(|(n, _)| n == name).unwrap();
            let fits = match *name {
                "pack.yaml" => {
                    crate::yaml::from_precomputed_json::<schema::PackFile>(json).is_some()
                }
                _ => crate::yaml::from_precomputed_json::<ElementsFile>(json).is_some(),
            };
            assert!(fits, "{name}");
        }
        assert_eq!(builtin::JSON.len(), builtin::FILES.len());
    }

    /// What is read from the precomputed values is the pack read from the YAML, to the
    /// last pattern, weight and example.
    #[test]
    fn the_precomputed_builtin_pack_is_the_pack_its_yaml_gives() {
        let fast = RulePack::builtin().unwrap();
        let slow = load_files(builtin_files(), "rules").unwrap();
        assert_eq!(format!("{fast:#?}"), format!("{slow:#?}"));
    }

    /// The YAML paths the compiler gives patterns and examples are the span index's own:
    /// each built-in pattern is found as the scalar it was written as, or behind the alias
    /// (`*leaders`) that brought it in.
    #[test]
    fn every_builtin_pattern_and_example_has_its_own_place() {
        let pack = RulePack::builtin().unwrap();
        assert!(pack.warnings.is_empty(), "{:?}", pack.warnings);
        let mut places = pack.example_places();
        for e in &pack.elements {
            let name = e.file.rsplit('/').next().unwrap();
            let text = &pack.files.iter().find(|(n, _)| n == name).unwrap().1;
            let spans = Spans::parse(text).unwrap();
            let conds = std::iter::once(&e.met).chain(e.partial.as_ref());
            for p in conds.flat_map(|c| c.patterns()) {
                let path = format!("{}.{}", e.path, p.at);
                match spans.get(&path) {
                    Some(node) => {
                        let written = node.scalar.as_ref().map(|(_, v)| v.as_str());
                        let alias = text[node.start.offset..].starts_with('*');
                        assert!(written == Some(&p.written) || alias, "{path}: {written:?}");
                        if !alias {
                            same_characters(&spans, text, &path, &p.written);
                        }
                    }
                    None => {
                        let alias = std::iter::successors(Some(path.as_str()), |q| {
                            q.rfind(['.', '[']).map(|i| &q[..i])
                        })
                        .filter_map(|q| spans.get(q))
                        .any(|n| text[n.start.offset..].starts_with('*'));
                        assert!(alias, "{path} is neither indexed nor behind an alias");
                    }
                }
            }
            for k in 0..e.examples.len() {
                let at = places
                    .example(e, k)
                    .unwrap_or_else(|| panic!("{} example {k} has no place", e.id));
                assert!(
                    text[at.offset..].starts_with("text:"),
                    "{} example {k}",
                    e.id
                );
            }
        }
    }
}
