//! The scorecard: what scoring one report produces, and what every output format renders.
//!
//! Field names are a published contract (`../shared/spec/output.md`): add fields freely,
//! never rename or drop one without bumping [`SCHEMA`].

use serde::{Deserialize, Serialize};
use std::fmt;

use super::Kind;

use super::grade::Grade;

use super::position::place;
pub use super::position::Position;

/// Schema tag of the JSON document printed by `--format json`.
pub const SCHEMA: &str = "lawscore.scorecards/1";

/// Everything lawscore says about one report.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Scorecard {
    /// Where the text came from and how it was decoded.
    pub source: Source,
    /// Title, issuer, year and date read from the text.
    pub meta: Meta,
    /// The profile the report was scored under (`government`, `department`, …).
    pub profile: String,
    /// The profile's title in the pack (`人民政府`), what a person is shown instead of the
    /// id. Empty in scorecards written before it existed.
    #[serde(default)]
    pub profile_title: String,
    /// Which rule pack produced this scorecard, so a published score can be traced.
    pub ruleset: RulesetRef,
    /// earned ÷ possible × 100, one decimal.
    pub score: f64,
    /// The grade the pack's scale gives the score (the default pack: 优秀 / 良好 / 合格 /
    /// 不合格); written as its name.
    pub grade: Grade,
    /// Points earned over all applicable elements.
    pub earned: f64,
    /// Points possible over all applicable elements.
    pub possible: f64,
    /// One entry per category, in rule-pack order.
    pub categories: Vec<CategoryScore>,
    /// Every element of the rule pack, in rule-pack order, whatever its status.
    pub elements: Vec<ElementResult>,
    /// The report's outline.
    pub sections: Vec<SectionInfo>,
    /// Key figures taken from measures text.
    pub indicators: Vec<Indicator>,
    /// What a reader must know before trusting the score: a text that is not an annual
    /// rule-of-law report, lines a broken conversion left unreadable. Absent when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// What of the report stands in other reports of the same batch (issue 14): present in
    /// a batch of two or more reports unless `--no-reuse`, absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reuse: Option<super::reuse::Reuse>,
}

/// The input file and its decoding.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Source {
    /// Path as given on the command line (`-` for standard input).
    pub path: String,
    /// `txt`, `html`, `docx`, `doc`, `pdf` or `ofd`.
    pub format: Format,
    /// `utf-8`, `gb18030`, `utf-16le` or `utf-16be`.
    pub encoding: String,
    /// Characters of extracted text.
    pub chars: usize,
    /// SHA-256 of the input bytes, hex.
    pub sha256: String,
    /// How many pages a paged source (PDF, OFD) has text on; absent for the others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<usize>,
}

/// Metadata read from the report.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Meta {
    /// The title, joined when it was broken over several lines.
    pub title: Option<String>,
    /// The issuing body or bodies (joint issuers joined by a space).
    pub issuer: Option<String>,
    /// True when the issuer is written only in an abbreviated form (州生态环境局, 区政府)
    /// and no full name of it stands anywhere in the text.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub issuer_abbreviated: bool,
    /// The year reported on.
    pub year: Option<i32>,
    /// The report's date, ISO `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Where the date was read: `signature`, `published` or `none`.
    pub date_source: DateSource,
    /// `province`, `city`, `county`, `township`, `department` or `unknown`.
    pub level: Level,
}

/// Name, version and content digest of a rule pack.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct RulesetRef {
    /// The pack's name.
    pub name: String,
    /// The pack's version string.
    pub version: String,
    /// `sha256:` digest over the pack's files, in a stable order.
    pub digest: String,
}

/// Points of one category.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CategoryScore {
    /// Category id (`lead`, `norm`, …).
    pub id: String,
    /// Chinese title.
    pub title: String,
    /// Points earned.
    pub earned: f64,
    /// Points possible (not-applicable elements excluded).
    pub possible: f64,
}

/// The form a report arrived in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Plain text.
    Txt,
    /// An HTML page.
    Html,
    /// A Word 2007+ document.
    Docx,
    /// A Word 97–2003 binary document (.doc), or a WPS .wps of the same format.
    Doc,
    /// A PDF with a text layer.
    Pdf,
    /// An OFD package (GB/T 33190).
    Ofd,
}

impl Format {
    /// The wire name used in scorecards.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Doc => "doc",
            Format::Pdf => "pdf",
            Format::Ofd => "ofd",
        }
    }
}

/// Where a report's date was read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// The date under the signature (落款), the report's own.
    Signature,
    /// A web page's 发布时间 or a document field such as 成文日期.
    Published,
    /// No date was found.
    #[default]
    None,
}

impl DateSource {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Signature => "signature",
            DateSource::Published => "published",
            DateSource::None => "none",
        }
    }
}

/// The issuer's place in the administration, which picks the profile a report is scored
/// under when none is forced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// A province, autonomous region or municipality.
    Province,
    /// A prefecture-level city, 州, 盟 or 地区.
    City,
    /// A county, district, 旗, county-level city or development zone.
    County,
    /// A township, 乡, 镇 or 街道.
    Township,
    /// A government department (局, 委, 办, 厅…).
    Department,
    /// Nothing in the text names the issuer's level.
    #[default]
    Unknown,
}

impl Level {
    /// Every level, in the order profiles list them.
    pub const ALL: [Level; 6] = [
        Level::Province,
        Level::City,
        Level::County,
        Level::Township,
        Level::Department,
        Level::Unknown,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::City => "city",
            Level::County => "county",
            Level::Township => "township",
            Level::Department => "department",
            Level::Unknown => "unknown",
        }
    }

    /// Parses a wire name, as written in a profile's `levels:`.
    pub fn parse(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

macro_rules! wire_name {
    ($($t:ty),*) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        // Comparing with the wire name keeps tests and expert readings (YAML strings) short.
        impl PartialEq<&str> for $t {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl PartialEq<str> for $t {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }
    )*};
}

wire_name!(Format, DateSource, Level, Status, Kind);

/// Outcome for one element.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Full points.
    Met,
    /// Half points.
    Partial,
    /// No points.
    Missing,
    /// Left out of earned and possible.
    NotApplicable,
}

impl Status {
    /// The wire name (`met`, `partial`, `missing`, `not_applicable`).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Partial => "partial",
            Status::Missing => "missing",
            Status::NotApplicable => "not_applicable",
        }
    }

    /// Parses a wire name.
    pub fn parse(s: &str) -> Option<Status> {
        Some(match s {
            "met" => Status::Met,
            "partial" => Status::Partial,
            "missing" => Status::Missing,
            "not_applicable" => Status::NotApplicable,
            _ => return None,
        })
    }
}

/// The result for one element of the checklist.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ElementResult {
    /// Element id, e.g. `lead.shufa`.
    pub id: String,
    /// Chinese name.
    pub title: String,
    /// Category id.
    pub category: String,
    /// The status.
    pub status: Status,
    /// Points earned.
    pub points: f64,
    /// The element's weight under the profile.
    pub weight: f64,
    /// Where the element was found (met and partial elements always carry some).
    pub evidence: Vec<Evidence>,
    /// What to add (missing and partial elements).
    pub advice: Option<String>,
    /// What the engine looked for, in words.
    pub looked_for: Option<String>,
    /// The nearest thing the engine saw that did not count, and why.
    pub near_miss: Option<NearMiss>,
    /// Points the report would gain if the element were met.
    pub gain: f64,
    /// Why the status is `not_applicable`, when it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_applicable_reason: Option<String>,
}

/// A quoted piece of the report supporting a status.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Evidence {
    /// The sentence, as in the original text.
    pub text: String,
    /// 1-based line of the extracted text.
    pub line: usize,
    /// 1-based paragraph of the source file the quote stands in, as a reader counts them
    /// in Word (every ¶, empty and table-cell paragraphs included) or in the browser
    /// (every block shown); absent for plain text, whose lines are what a reader counts.
    /// See [`Position`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<usize>,
    /// 1-based page of a paged source (PDF, OFD) the quote stands on, as the viewer
    /// numbers pages; absent for other sources. See [`Position`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    /// 1-based printed line on that page, counted from the top of the page; present
    /// exactly when `page` is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_line: Option<usize>,
    /// Heading of the section it stands in ("" before the first heading).
    pub section: String,
    /// Kind of that section.
    pub kind: Kind,
    /// The words that matched, as in the original text (for highlighting).
    #[serde(default)]
    pub matched: Vec<String>,
}

impl Evidence {
    /// Where a reader of the original file finds the quote.
    pub fn position(&self) -> Position {
        place(self.line, self.paragraph, self.page, self.page_line)
    }
}

/// Text that looked like the element but did not count.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NearMiss {
    /// Why it did not count, in Chinese, e.g. "只在下一步安排中提到，未见落实情况".
    pub reason: String,
    /// Where it was.
    pub evidence: Evidence,
}

/// One section of the outline.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SectionInfo {
    /// The heading line as written ("" for the preamble).
    pub heading: String,
    /// 0 for the preamble and closing, 1 for 一、, 2 for (一), 3 for 1., 4 for (1).
    pub level: u8,
    /// preamble, measures, problems, causes, plans, closing or boilerplate.
    pub kind: Kind,
    /// First line, 1-based.
    pub line_start: usize,
    /// Last line, 1-based, inclusive.
    pub line_end: usize,
    /// 1-based page of a paged source (PDF, OFD) the section starts on; absent for other
    /// sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
}

/// A key figure.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Indicator {
    /// Indicator id, e.g. `court_appearance_rate`.
    pub id: String,
    /// Chinese name.
    pub title: String,
    /// The value as stated.
    pub value: f64,
    /// `%` or `件`.
    pub unit: String,
    /// The sentence it came from.
    pub text: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based paragraph of the source file, as for [`Evidence::paragraph`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<usize>,
    /// 1-based page of a paged source, as for [`Evidence::page`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    /// 1-based printed line on that page, as for [`Evidence::page_line`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_line: Option<usize>,
}

impl Indicator {
    /// Where a reader of the original file finds the sentence.
    pub fn position(&self) -> Position {
        place(self.line, self.paragraph, self.page, self.page_line)
    }
}

/// A file that could not be scored.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ErrorRecord {
    /// The path as given.
    pub path: String,
    /// Why, in one line.
    pub error: String,
}

/// Statistics over a batch.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Summary {
    /// Reports scored.
    pub reports: usize,
    /// Files that failed.
    pub errors: usize,
    /// Mean score, one decimal (None for an empty batch).
    pub mean_score: Option<f64>,
    /// Lowest score.
    pub min_score: Option<f64>,
    /// Highest score.
    pub max_score: Option<f64>,
    /// Number of reports per grade, best first (written `[name, count]`).
    pub grades: Vec<(Grade, usize)>,
}

/// Rounds to one decimal, the precision every score in the contract uses.
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
