//! Which part of a report a piece of text stands in: the section kinds every stage shares.

use serde::{Deserialize, Serialize};

/// Which part of a report a piece of text stands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Title block, addressee, opening paragraph.
    Preamble,
    /// What was done and achieved.
    Measures,
    /// Shortcomings.
    Problems,
    /// Why the problems exist.
    Causes,
    /// Next year's arrangements.
    Plans,
    /// 特此报告, signature, date.
    Closing,
    /// Web-page furniture.
    Boilerplate,
}

impl Kind {
    /// All kinds, in report order.
    pub const ALL: [Kind; 7] = [
        Kind::Preamble,
        Kind::Measures,
        Kind::Problems,
        Kind::Causes,
        Kind::Plans,
        Kind::Closing,
        Kind::Boilerplate,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Preamble => "preamble",
            Kind::Measures => "measures",
            Kind::Problems => "problems",
            Kind::Causes => "causes",
            Kind::Plans => "plans",
            Kind::Closing => "closing",
            Kind::Boilerplate => "boilerplate",
        }
    }

    /// Chinese label for people.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Preamble => "前言",
            Kind::Measures => "举措成效",
            Kind::Problems => "问题不足",
            Kind::Causes => "原因分析",
            Kind::Plans => "下步安排",
            Kind::Closing => "结尾",
            Kind::Boilerplate => "网页附属",
        }
    }

    /// Parses a wire name.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}
