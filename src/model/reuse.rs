//! The `reuse` block of a scorecard: how much of a report's text stands, identically or
//! nearly, in other reports of the same batch (`../shared/spec/output.md`, "reuse").
//!
//! Shares are fractions of the report's characters (white space not counted), rounded to
//! three decimals. A passage found in many reports of the batch is `common` (the genre's
//! fixed phrases, 套话) and is counted apart from text shared with a few reports, which is
//! what a reviewer reads as copied.

use serde::{Deserialize, Serialize};

/// What a report shares with the other reports of its batch.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Reuse {
    /// Share of the report's characters in passages it shares with other reports, common
    /// passages not counted.
    pub share: f64,
    /// Characters behind `share`.
    pub chars: usize,
    /// Share of the report's characters in common passages (found in many reports), not
    /// already counted in `share`.
    pub common_share: f64,
    /// Characters behind `common_share`.
    #[serde(default)]
    pub common_chars: usize,
    /// Reports of the batch in the comparison (this one included).
    pub batch: usize,
    /// The other reports it shares text with, most shared first (at most
    /// [`MAX_SOURCES`]); common passages are not counted here.
    pub sources: Vec<ReuseSource>,
    /// The passages shared with other reports, in line order; common passages are
    /// counted in `common_share` but not listed (every report of the genre has them).
    pub passages: Vec<ReusePassage>,
}

/// The most sources a block lists.
pub const MAX_SOURCES: usize = 10;
/// The most other copies a passage lists.
pub const MAX_COPIES: usize = 5;

/// Another report a report shares text with.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ReuseSource {
    /// Its path, as its own scorecard names it.
    pub path: String,
    /// Its HTML page in the same folder (HTML runs only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// Characters of this report found in that one.
    pub chars: usize,
    /// `chars` as a share of this report's characters.
    pub share: f64,
}

/// One passage of a report that also stands in a few other reports of the batch (not
/// common wording).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ReusePassage {
    /// The passage's number in the batch (the same in every report holding it).
    pub id: usize,
    /// 1-based line of the report text it stands on.
    pub line: usize,
    /// `paragraph` (a whole line) or `sentence` (a sentence inside a longer line).
    pub unit: String,
    /// Its characters (white space not counted).
    pub chars: usize,
    /// The passage as this report words it (at most 120 characters, `…` when cut).
    pub text: String,
    /// How many reports of the batch hold it, this one included.
    pub reports: usize,
    /// Where else it stands: one copy per other report, in input order (at most
    /// [`MAX_COPIES`]).
    pub copies: Vec<ReuseCopy>,
}

/// Where a passage stands in another report.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ReuseCopy {
    /// The other report's path.
    pub path: String,
    /// Its HTML page in the same folder (HTML runs only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// 1-based line in the other report's text.
    pub line: usize,
}

/// One of the batch's most copied passages, for the overview.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct TopPassage {
    /// The passage's number in the batch.
    pub id: usize,
    /// How many reports hold it.
    pub reports: usize,
    /// Its characters in the first report holding it.
    pub chars: usize,
    /// True when it reads as the genre's fixed wording.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub common: bool,
    /// Its wording in the first report holding it.
    pub text: String,
    /// Where it stands, in input order (at most [`MAX_COPIES`]).
    pub copies: Vec<ReuseCopy>,
}
