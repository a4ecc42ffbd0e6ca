//! The YAML shapes of a rule pack, as written by a rule maintainer.
//!
//! Every struct denies unknown keys so a typo (`patern:`) is an error with a position, not
//! a rule that silently never fires. Conditions (`met:`, `partial:`) are read as raw YAML
//! and parsed by [`super::cond`], which gives messages in the rule language's own terms.

use crate::model::scorecard::Status;
use crate::model::Kind;
use crate::yaml::Value;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

/// The schema version this build reads.
pub const SCHEMA_VERSION: u32 = 1;

/// `pack.yaml`: what the pack is, its categories, grades, profiles and shared vocabularies.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    /// Rule-language version (1).
    pub schema: u32,
    /// Machine name of the pack.
    pub name: String,
    /// Version string, bumped on every change.
    pub version: String,
    /// Human title.
    #[serde(default)]
    pub title: String,
    /// Grades, highest first.
    pub grades: Vec<Grade>,
    /// Words that turn a match into a gap (尚未…).
    #[serde(default)]
    pub negation: Negation,
    /// How matches inside 《…》 are read.
    #[serde(default)]
    pub citations: Citations,
    /// Words drafters use for one concept, referenced from patterns as `@name`.
    #[serde(default)]
    pub vocabularies: BTreeMap<String, Vec<String>>,
    /// Categories in scorecard order.
    pub categories: Vec<CategoryDef>,
    /// Profiles; the first one is the default.
    #[serde(default)]
    pub profiles: Vec<ProfileDef>,
    /// Subject vocabulary used to pair problems with plans.
    #[serde(default)]
    pub topics: BTreeMap<String, Vec<String>>,
    /// Key figures to extract.
    #[serde(default)]
    pub indicators: Vec<IndicatorDef>,
}

/// A grade threshold.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Grade {
    /// 优秀, 良好, …
    pub name: String,
    /// Lowest score that earns it.
    pub min: f64,
    /// How outputs show it: a palette name (`green`) or `'#rrggbb'`; grey when absent.
    /// Checked when the pack is compiled.
    #[serde(default)]
    pub colour: Option<String>,
}

/// The negation guard.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Negation {
    /// Words that negate a term anywhere in its clause.
    #[serde(default)]
    pub words: Vec<String>,
    /// No longer read: the guard reads the whole clause. Accepted so that packs exported
    /// by earlier versions still load; `rules check` warns about it.
    #[serde(default)]
    pub window: Option<usize>,
    /// Phrases that contain a negation word but state a practice (未经…不得).
    #[serde(default)]
    pub except: Vec<String>,
    /// Openings that make a whole sentence an intention (要进一步…, 将持续…, 计划…).
    #[serde(default)]
    pub intentions: Vec<String>,
    /// Corrective verbs: a negation word right after one (纠正不规范…) names what was
    /// corrected, so it negates nothing.
    #[serde(default)]
    pub correcting: Vec<String>,
}

/// How a match inside a document or law name (《…》) is read: the verbs before the name
/// say whether the report only studies or cites it, or made or applied it.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Citations {
    /// Verbs that only study or cite a named document (学习, 宣传, 依据…).
    #[serde(default)]
    pub studying: Vec<String>,
    /// Verbs that make or apply it (制定, 印发, 执行…): its use is the work itself.
    #[serde(default)]
    pub applying: Vec<String>,
    /// Phrases that describe the document's history (新修订的) and stand between the verb
    /// and the name.
    #[serde(default)]
    pub attributive: Vec<String>,
}

/// A category of elements.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryDef {
    /// Id (`lead`).
    pub id: String,
    /// Chinese title.
    pub title: String,
    /// The weight its elements add up to.
    pub weight: f64,
    /// Section kinds whose text counts, unless an element says otherwise.
    pub scope: Vec<String>,
    /// What the category is about.
    #[serde(default)]
    pub description: String,
}

/// A profile: who the report is from, and what changes for them.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileDef {
    /// Id used with `--profile`.
    pub id: String,
    /// Chinese title.
    pub title: String,
    /// Detected levels that pick this profile when `--profile` is not given.
    #[serde(default)]
    pub levels: Vec<String>,
    /// Elements that do not apply.
    #[serde(default)]
    pub not_applicable: Vec<String>,
    /// Weight overrides.
    #[serde(default)]
    pub weights: BTreeMap<String, f64>,
    /// Reporting deadline `MM-DD` in the year after the year reported on.
    #[serde(default)]
    pub deadline: Option<String>,
    /// Why the profile exists.
    #[serde(default)]
    pub description: String,
}

/// A key figure and how to find it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorDef {
    /// Id (`court_appearance_rate`).
    pub id: String,
    /// Chinese name.
    pub title: String,
    /// `%` or `件`.
    pub unit: String,
    /// Regexes with a named group `value` holding the number, or the placeholder
    /// `{value}` standing for one (digits, `1,126`, `98.5`, 十二).
    pub patterns: Vec<String>,
    /// Regexes stating that there were none (无行政复议案件), giving 0.
    #[serde(default)]
    pub zero: Vec<String>,
    /// Regexes marking a look-alike: a match whose clause also matches one of these is
    /// not this figure (documents received from lower levels for filing review).
    #[serde(default)]
    pub except: Vec<String>,
    /// Section kinds searched (default measures).
    #[serde(default)]
    pub scope: Vec<String>,
}

/// An elements file (`lead.yaml`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ElementsFile {
    /// Rule-language version (1).
    pub schema: u32,
    /// The category these elements belong to.
    pub category: String,
    /// The elements.
    pub elements: Vec<ElementDef>,
}

/// One element of the checklist.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ElementDef {
    /// Id (`lead.shufa`).
    pub id: String,
    /// Chinese name.
    pub name: String,
    /// Full points.
    pub weight: f64,
    /// The regulation it comes from.
    pub basis: String,
    /// Why a reviewer cares.
    #[serde(default)]
    pub why: String,
    /// What to add when it is missing or partial.
    pub advice: String,
    /// What the engine looks for, in words (shown with missing elements).
    #[serde(default)]
    pub looked_for: String,
    /// First report year the requirement applies to.
    #[serde(default)]
    pub since: Option<i32>,
    /// Section kinds whose text counts (default: the category's).
    #[serde(default)]
    pub scope: Option<Vec<String>>,
    /// Whether the negation guard applies (default true).
    #[serde(default = "yes")]
    pub negation: bool,
    /// Whether words inside a document or law name (《…》) count (default false: naming or
    /// studying 《重大行政决策程序暂行条例》 is not evidence that decisions followed it).
    #[serde(default)]
    pub titles: bool,
    /// The condition for `met`.
    pub met: Value,
    /// The condition for `partial`.
    #[serde(default)]
    pub partial: Option<Value>,
    /// Worked examples, run by `lawscore rules test`.
    #[serde(default)]
    pub examples: Vec<Example>,
    /// What the rule is known to miss or to credit wrongly (shown by `lawscore explain`).
    #[serde(default)]
    pub known_gaps: Option<String>,
    /// A badge of the report page this element's status decides.
    #[serde(default)]
    pub badge: Option<Badge>,
}

/// A badge a report page shows next to the score, read from one element's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Badge {
    /// 按时 / 逾期 / 无日期: met means reported on time, missing late, not applicable
    /// undated.
    Timeliness,
}

fn yes() -> bool {
    true
}

/// A snippet and the status it must get.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// met, partial, missing or not_applicable.
    pub expect: Status,
    /// The text.
    pub text: String,
    /// Part the snippet stands in (`measures` by default); `document` parses it as a
    /// whole report.
    #[serde(default)]
    pub kind: Option<ExampleKind>,
    /// Words the evidence must quote as matched, for a met or partial example: the
    /// example shows not only the status but what earns it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matched: Vec<String>,
    /// A heading over the snippet.
    #[serde(default)]
    pub heading: Option<String>,
    /// The year reported on (default 2023).
    #[serde(default)]
    pub year: Option<i32>,
    /// What the example shows.
    #[serde(default)]
    pub note: Option<String>,
}

/// What an example's text is: a snippet standing in one part of a report, or a whole
/// report (`document`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExampleKind {
    /// A snippet in this part.
    Part(Kind),
    /// A whole report, parsed as one.
    Document,
}

impl ExampleKind {
    /// The name written in YAML.
    pub fn as_str(self) -> &'static str {
        match self {
            ExampleKind::Part(k) => k.as_str(),
            ExampleKind::Document => "document",
        }
    }

    /// Reads a name written in YAML.
    pub fn parse(s: &str) -> Option<ExampleKind> {
        match s {
            "document" => Some(ExampleKind::Document),
            _ => Kind::parse(s).map(ExampleKind::Part),
        }
    }
}

impl Serialize for ExampleKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ExampleKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ExampleKind, D::Error> {
        // A visitor, not a String read and then checked: an error raised while the scalar
        // is read carries the scalar's position and YAML path.
        struct Name;
        impl serde::de::Visitor<'_> for Name {
            type Value = ExampleKind;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a section kind or `document`")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<ExampleKind, E> {
                ExampleKind::parse(s).ok_or_else(|| {
                    // Worded as serde words an unknown enum variant, so the loader's
                    // did-you-mean reads both alike.
                    let names: Vec<String> = Kind::ALL
                        .iter()
                        .map(|k| format!("`{}`", k.as_str()))
                        .chain(["`document`".to_string()])
                        .collect();
                    E::custom(format!(
                        "unknown variant `{s}`, expected one of {}",
                        names.join(", ")
                    ))
                })
            }
        }
        d.deserialize_str(Name)
    }
}
