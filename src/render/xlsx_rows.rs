//! What the xlsx sheets hold beyond the CSV's figures — a report's missing and partial
//! elements with their advice — and the small measures a sheet is laid out with: how wide
//! a text shows, the day it was made.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::model::scorecard::{Scorecard, Status};

/// One missing or partially met element of a report: a row of the 缺失要素 sheet.
#[derive(Debug, Clone)]
pub(super) struct Gap {
    pub(super) category: String,
    pub(super) element: String,
    pub(super) status: Status,
    /// Points the report loses on it (what it would gain if the element were met).
    pub(super) lost: f64,
    pub(super) advice: String,
}

impl Gap {
    /// The missing and partial elements of `card`, in rule-pack order.
    pub(super) fn all(card: &Scorecard) -> Vec<Gap> {
        card.elements
            .iter()
            .filter(|e| matches!(e.status, Status::Missing | Status::Partial))
            .map(|e| Gap {
                category: card
                    .categories
                    .iter()
                    .find(|c| c.id == e.category)
                    .map_or_else(|| e.category.clone(), |c| c.title.clone()),
                element: e.title.clone(),
                status: e.status,
                lost: e.gain,
                advice: e.advice.clone().unwrap_or_default(),
            })
            .collect()
    }
}

/// How many columns of a spreadsheet a text fills: a Chinese character (or any wide East
/// Asian one) takes about two, as in the default fonts of Excel and WPS.
pub(super) fn shown_width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF => 2,
            0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}

/// The most characters a spreadsheet cell holds (Excel's limit, which the xlsx writer
/// enforces by refusing the cell).
const CELL_CHARS: usize = 32_767;

/// `s` cut to what a cell holds, with `…` where it was cut: a report's title or warnings
/// may be any length, and one long cell must not cost the whole workbook.
pub(super) fn fit_cell(s: &str) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(CELL_CHARS - 1) {
        Some((i, _)) => format!("{}…", &s[..i]).into(),
        None => s.into(),
    }
}

/// Today in China Standard Time (UTC+8, the one time zone of the people who read these
/// sheets), `YYYY-MM-DD`.
pub(super) fn today() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_date((secs + 8 * 3600) / 86_400)
}

/// The calendar date `days` after 1970-01-01 (H. Hinnant's days-to-civil algorithm).
fn civil_date(days: u64) -> String {
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_fall_on_their_calendar_day() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(civil_date(19_782), "2024-02-29");
        assert_eq!(civil_date(20_454), "2026-01-01");
    }

    #[test]
    fn chinese_text_is_twice_as_wide() {
        assert_eq!(shown_width("abc"), 3);
        assert_eq!(shown_width("述法"), 4);
        assert_eq!(shown_width("（一）"), 6);
    }

    #[test]
    fn long_cells_are_cut_to_what_a_cell_holds() {
        let long = "法".repeat(CELL_CHARS + 5);
        assert_eq!(fit_cell(&long).chars().count(), CELL_CHARS);
        assert_eq!(fit_cell("短"), "短");
    }
}
