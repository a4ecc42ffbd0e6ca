//! Stage 3 — rules: load a rule pack (built in, or a folder), validate it, compile it once.
//!
//! A pack is `pack.yaml` (name, version, grades, categories, profiles, topics, indicators,
//! negation words) plus one YAML file per category with its elements. See `rules/README.md`.

pub mod builtin;
pub mod cond;
pub mod diag;
pub mod facts;
mod lint;
pub mod schema;
pub mod vocab;

use crate::model::scorecard::{Level, RulesetRef};
use crate::model::GradeScale;
use crate::model::Kind;
use crate::yaml;
use cond::{compile_pattern, did_you_mean, Cond, Pattern};
use diag::{Diagnostic, RuleErrors, Severity};
use regex::Regex;
use schema::{Badge, ElementsFile, Example, IndicatorDef, PackFile, ProfileDef, SCHEMA_VERSION};
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
    /// The report-page badge its status decides, if any.
    pub badge: Option<Badge>,
    /// The file it came from.
    pub file: String,
}

/// A key figure, compiled.
#[derive(Debug, Clone)]
pub struct IndicatorRule {
    /// Its definition.
    pub def: IndicatorDef,
    /// Compiled patterns (`{value}` expanded); `true` marks a statement of none (value 0).
    pub patterns: Vec<(Regex, bool)>,
    /// Look-alikes: a match whose clause matches one of these does not count.
    pub except: Vec<Regex>,
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

/// Compiles one key figure, reporting bad patterns and scopes into `diags`.
fn compile_indicator(
    ind: &IndicatorDef,
    pack_file: &str,
    pack_src: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<IndicatorRule> {
    let compile = |p: &String, diags: &mut Vec<Diagnostic>| match compile_pattern(&expand_value(p))
    {
        Ok(c) => Some(c.re),
        Err(m) => {
            diags.push(
                Diagnostic::error(
                    pack_file,
                    format!(
                        "indicator {}: invalid regular expression '{p}': {m}",
                        ind.id
                    ),
                )
                .find(pack_src, 1, p),
            );
            None
        }
    };
    let mut patterns = Vec::new();
    for p in &ind.patterns {
        if let Some(re) = compile(p, diags) {
            if !re.capture_names().any(|n| n == Some("value")) {
                diags.push(Diagnostic::error(pack_file, format!("indicator {}: pattern has no (?P<value>…) group or {VALUE_PLACEHOLDER} for the number", ind.id)).find(pack_src, 1, p));
            }
            patterns.push((re, false));
        }
    }
    for p in &ind.zero {
        patterns.extend(compile(p, diags).map(|re| (re, true)));
    }
    let except = ind
        .except
        .iter()
        .filter_map(|p| compile(p, diags))
        .collect();
    let scope = if ind.scope.is_empty() {
        Ok(vec![Kind::Measures])
    } else {
        parse_kinds(&ind.scope)
    };
    match scope {
        Ok(scope) => Some(IndicatorRule {
            def: ind.clone(),
            patterns,
            except,
            scope,
        }),
        Err(m) => {
            diags.push(
                Diagnostic::error(pack_file, format!("indicator {}: {m}", ind.id)).find(
                    pack_src,
                    1,
                    &format!("id: {}", ind.id),
                ),
            );
            None
        }
    }
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
        load_files(files, "rules")
    }

    /// A pack from a folder: `pack.yaml` and every other `*.yaml` in it.
    pub fn from_dir(dir: &Path) -> Result<RulePack, RuleErrors> {
        let shown = dir.display().to_string();
        let entries = std::fs::read_dir(dir).map_err(|e| {
            RuleErrors(vec![Diagnostic::error(
                &shown,
                format!("cannot read the rule folder: {e}"),
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
                        format!("cannot read: {e}"),
                    )])
                })?;
                files.push((name, content));
            }
        }
        load_files(files, &shown)
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

/// Parses section-kind names; `document` means every kind but web furniture.
pub fn parse_kinds(names: &[String]) -> Result<Vec<Kind>, String> {
    let mut out = Vec::new();
    for n in names {
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
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                format!(
                    "unknown section kind `{n}`{hint}; kinds are {}",
                    known.join(", ")
                )
            })?;
            out.push(k);
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn yaml_diag(file: &str, source: &str, e: yaml::YamlError) -> Diagnostic {
    let mut d = Diagnostic::error(file, e.message.clone()).at(source, e.line, e.column);
    // serde lists the expected keys; offer the closest one.
    if let Some(rest) = e
        .message
        .strip_prefix("unknown field `")
        .or_else(|| e.message.split("unknown field `").nth(1))
    {
        let unknown = rest.split('`').next().unwrap_or("");
        let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        d = d.help(did_you_mean(unknown, &expected).map(|s| format!("did you mean `{s}`?")));
    }
    if e.message.contains("unknown escape") {
        d = d.help(Some("regular expressions go in single quotes ('\\d+件'): double quotes interpret backslashes".into()));
    }
    d
}

fn unknown_vocabulary(u: &vocab::UnknownVocabulary, which: &str) -> cond::CondError {
    let known: Vec<&str> = u.known.iter().map(String::as_str).collect();
    cond::CondError {
        path: which.to_string(),
        message: format!("unknown vocabulary `@{}`", u.name),
        needle: Some(format!("@{}", u.name)),
        help: Some(match did_you_mean(&u.name, &known) {
            Some(s) => format!("did you mean `@{s}`? vocabularies are declared in pack.yaml"),
            None => format!(
                "vocabularies are declared in pack.yaml: {}",
                known.join(", ")
            ),
        }),
    }
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
pub fn load_files(mut files: Vec<(String, String)>, shown: &str) -> Result<RulePack, RuleErrors> {
    files.sort();
    let path_of = |name: &str| format!("{}/{}", shown.trim_end_matches('/'), name);
    let mut diags: Vec<Diagnostic> = Vec::new();
    let Some((_, pack_src)) = files.iter().find(|(n, _)| n == "pack.yaml") else {
        return Err(RuleErrors(vec![Diagnostic::error(
            shown,
            "no pack.yaml in the rule folder",
        )
        .help(Some(
            "export the built-in pack with `lawscore rules export DIR` and edit that".into(),
        ))]));
    };
    let pack_file = path_of("pack.yaml");
    let pack: PackFile = match yaml::from_str(pack_src) {
        Ok(p) => p,
        Err(e) => return Err(RuleErrors(vec![yaml_diag(&pack_file, pack_src, e)])),
    };
    if pack.schema != SCHEMA_VERSION {
        diags.push(
            Diagnostic::error(
                &pack_file,
                format!(
                    "schema {} is not supported; this lawscore reads schema {SCHEMA_VERSION}",
                    pack.schema
                ),
            )
            .find(pack_src, 1, "schema"),
        );
    }
    let mut categories = Vec::new();
    for c in &pack.categories {
        // A bad scope is reported once, on its own line; the category is kept so that its
        // elements and profiles do not report a cascade of follow-on errors.
        let scope = parse_kinds(&c.scope).unwrap_or_else(|m| {
            let at = lint::id_line(pack_src, &c.id);
            diags.push(
                Diagnostic::error(&pack_file, format!("category `{}`: {m}", c.id))
                    .find(pack_src, at, "scope"),
            );
            Vec::new()
        });
        categories.push(Category {
            id: c.id.clone(),
            title: c.title.clone(),
            weight: c.weight,
            scope,
            description: c.description.clone(),
        });
    }
    let cat_ids: Vec<&str> = pack.categories.iter().map(|c| c.id.as_str()).collect();
    let vocabularies = vocab::Vocabularies::new(&pack.vocabularies);
    let mut by_category: Vec<Vec<Element>> = vec![Vec::new(); categories.len()];
    for (name, src) in files.iter().filter(|(n, _)| n != "pack.yaml") {
        let file = path_of(name);
        let ef: ElementsFile = match yaml::from_str(src) {
            Ok(x) => x,
            Err(e) => {
                diags.push(yaml_diag(&file, src, e));
                continue;
            }
        };
        if ef.schema != SCHEMA_VERSION {
            diags.push(
                Diagnostic::error(
                    &file,
                    format!(
                        "schema {} is not supported; this lawscore reads schema {SCHEMA_VERSION}",
                        ef.schema
                    ),
                )
                .find(src, 1, "schema"),
            );
        }
        let Some(ci) = categories.iter().position(|c| c.id == ef.category) else {
            diags.push(
                Diagnostic::error(&file, format!("unknown category `{}`", ef.category))
                    .find(src, 1, "category")
                    .help(Some(match did_you_mean(&ef.category, &cat_ids) {
                        Some(s) => {
                            format!("did you mean `{s}`? categories are declared in pack.yaml")
                        }
                        None => format!(
                            "categories are declared in pack.yaml: {}",
                            cat_ids.join(", ")
                        ),
                    })),
            );
            continue;
        };
        for def in ef.elements {
            let id_line = src
                .lines()
                .position(|l| l.contains(&format!("id: {}", def.id)))
                .map_or(1, |i| i + 1);
            let scope = match &def.scope {
                None => categories[ci].scope.clone(),
                Some(s) => match parse_kinds(s) {
                    Ok(k) => k,
                    Err(m) => {
                        diags.push(Diagnostic::error(&file, m).find(src, id_line, "scope"));
                        continue;
                    }
                },
            };
            if def.weight <= 0.0 || !def.weight.is_finite() {
                diags.push(
                    Diagnostic::error(
                        &file,
                        format!(
                            "element {}: weight must be positive, got {}",
                            def.id, def.weight
                        ),
                    )
                    .find(src, id_line, "weight"),
                );
            }
            let mut parse_cond = |v: &yaml::Value, which: &str| match vocabularies
                .expand(v)
                .map_err(|u| unknown_vocabulary(&u, which))
                .and_then(|v| cond::parse(&v, which))
            {
                Ok(c) => Some(c),
                Err(e) => {
                    let d = Diagnostic::error(
                        &file,
                        format!("element {}: {}: {}", def.id, e.path, e.message),
                    );
                    let d = match &e.needle {
                        Some(n) => d.find(src, id_line, n),
                        None => d.find(src, id_line, &format!("{which}:")),
                    };
                    diags.push(d.help(e.help));
                    None
                }
            };
            let met = parse_cond(&def.met, "met");
            let partial = def.partial.as_ref().map(|p| parse_cond(p, "partial"));
            for ex in &def.examples {
                if crate::model::scorecard::Status::parse(&ex.expect).is_none() {
                    diags.push(Diagnostic::error(&file, format!("element {}: example expects `{}`; use met, partial, missing or not_applicable", def.id, ex.expect)).find(src, id_line, &format!("expect: {}", ex.expect)));
                }
                if let Some(k) = &ex.kind {
                    if k != "document" && Kind::parse(k).is_none() {
                        diags.push(
                            Diagnostic::error(
                                &file,
                                format!(
                                    "element {}: example kind `{k}` is not a section kind",
                                    def.id
                                ),
                            )
                            .find(src, id_line, &format!("kind: {k}")),
                        );
                    }
                }
            }
            let (Some(met), Some(partial)) = (met, partial.map_or(Some(None), |p| p.map(Some)))
            else {
                continue;
            };
            by_category[ci].push(Element {
                id: def.id,
                name: def.name,
                category: ef.category.clone(),
                weight: def.weight,
                basis: def.basis,
                why: def.why,
                advice: def.advice,
                looked_for: def.looked_for,
                since: def.since,
                scope,
                negation: def.negation,
                titles: def.titles,
                met,
                partial,
                examples: def.examples,
                badge: def.badge,
                file: file.clone(),
            });
        }
    }
    let elements: Vec<Element> = by_category.into_iter().flatten().collect();
    facts::check_badges(&elements, &files, &path_of, &mut diags);
    let mut topics = Vec::new();
    for (t, pats) in &pack.topics {
        let mut compiled = Vec::new();
        for p in pats {
            match compile_pattern(p) {
                Ok(c) => compiled.push(c),
                Err(m) => diags.push(
                    Diagnostic::error(
                        &pack_file,
                        format!("topic {t}: invalid regular expression '{p}': {m}"),
                    )
                    .find(pack_src, 1, p),
                ),
            }
        }
        topics.push((t.clone(), compiled));
    }
    let indicators: Vec<IndicatorRule> = pack
        .indicators
        .iter()
        .filter_map(|ind| compile_indicator(ind, &pack_file, pack_src, &mut diags))
        .collect();
    let negation = Negation {
        words: pack
            .negation
            .words
            .iter()
            .map(|w| crate::fold::fold(w))
            .collect(),
        except: pack
            .negation
            .except
            .iter()
            .map(|w| crate::fold::fold(w))
            .collect(),
        intentions: pack
            .negation
            .intentions
            .iter()
            .map(|w| crate::fold::fold(w))
            .collect(),
    };
    let mut rp = RulePack {
        name: pack.name.clone(),
        version: pack.version.clone(),
        title: pack.title.clone(),
        digest: digest(&files),
        grades: facts::grade_scale(&pack, &pack_file, pack_src, &mut diags),
        negation,
        categories,
        elements,
        profiles: pack.profiles.clone(),
        topics,
        stock_phrases: facts::stock_phrases(&vocabularies, &pack_file, pack_src, &mut diags),
        vocabularies,
        indicators,
        files: Vec::new(),
        warnings: Vec::new(),
    };
    lint::check(&rp, &pack, &files, &path_of, &mut diags);
    rp.files = files;
    if diags.iter().any(|d| d.severity == Severity::Error) {
        return Err(RuleErrors(diags));
    }
    rp.warnings = diags;
    Ok(rp)
}
