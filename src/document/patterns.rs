//! What a date and an organ's name look like, said once for the whole document stage:
//! structure finds the signature and its date with them, metadata reads them.
//!
//! Each is pattern text to build other patterns from (a signature line is names and maybe
//! a date), plus the compiled forms used on their own.

use crate::builtin_regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A 4-digit year in Arabic or Chinese numerals.
pub const YEAR_DIGITS: &str = r"(?:\d{4}|[〇零○一二][〇零○一二三四五六七八九]{3})";

builtin_regex!(
    /// A year (group 1).
    pub static YEAR = format!(r"({YEAR_DIGITS})\s*年");
);

builtin_regex!(
    /// A span of years (2021—2025年).
    static YEAR_RANGE = format!(
        r"{YEAR_DIGITS}\s*年?\s*[-－—–~～至到]+\s*{YEAR_DIGITS}\s*年?"
    );
);

/// A month or a day in Arabic or Chinese numerals.
const MONTH_DAY: &str = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})";

/// A date written out (2023年3月28日, 二〇二三年三月二十八日); groups 1–3 are year, month
/// and day.
pub static DATE_WRITTEN: LazyLock<String> =
    LazyLock::new(|| format!(r"({YEAR_DIGITS})\s*年\s*({MONTH_DAY})\s*月\s*({MONTH_DAY})\s*日"));

/// A date in figures (2023-03-28, 2023/3/28, 2023.03.28); groups 1–3 are year, month and
/// day.
pub const DATE_FIGURES: &str = r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})";

/// How an organ's name ends: a government, a Party committee, a board, an office, a bureau
/// (局厅委署办院部所), a centre.
pub const ORGAN_ENDING: &str = r"(?:人民政府|政府|行政公署|委员会|党委|党组|党工委|管委会|街道办事处|办事处|办公室|办公厅|[局厅委署办院部所]|中心)";

builtin_regex!(
    /// A date written out.
    pub static DATE_CN = DATE_WRITTEN.as_str();
);

builtin_regex!(
    /// A date in figures standing alone (not inside a longer run of digits).
    pub static DATE_ISO = format!(r"(?:^|[^\d]){DATE_FIGURES}(?:[^\d]|$)");
);

/// Converts Arabic or Chinese numerals (二〇二四, 二十二) to a number.
pub fn cn_number(s: &str) -> Option<u32> {
    if let Ok(n) = s.trim().parse() {
        return Some(n);
    }
    let digit = |c| match c {
        '〇' | '零' | '○' => Some(0),
        '一' => Some(1),
        '二' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    };
    if s.contains('十') {
        let (a, b) = s.split_once('十')?;
        let tens = if a.is_empty() {
            1
        } else {
            digit(a.chars().next()?)?
        };
        let ones = if b.is_empty() {
            0
        } else {
            digit(b.chars().next()?)?
        };
        return Some(tens * 10 + ones);
    }
    s.chars()
        .try_fold(0u32, |acc, c| Some(acc * 10 + digit(c)?))
}

/// The years a text names, leaving out the ends of a range: (2021—2025年) names a plan's
/// span, not a year reported on.
pub fn years_in(text: &str) -> Vec<i32> {
    // Every year ends in 年: most sentences have none, and then neither regex need run.
    if !text.contains('年') {
        return Vec::new();
    }
    let mut ranges: Option<Vec<Range<usize>>> = None;
    YEAR.captures_iter(text)
        .filter_map(|c| {
            let m = c.get(1)?;
            let ranges = ranges
                .get_or_insert_with(|| YEAR_RANGE.find_iter(text).map(|m| m.range()).collect());
            if ranges
                .iter()
                .any(|r| m.start() >= r.start && m.end() <= r.end)
            {
                return None;
            }
            let y = cn_number(m.as_str())? as i32;
            (1990..2100).contains(&y).then_some(y)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_both_forms() {
        let cn = DATE_CN.captures("落款：二〇二三年三月二十八日").unwrap();
        assert_eq!((&cn[1], &cn[2], &cn[3]), ("二〇二三", "三", "二十八"));
        let iso = DATE_ISO.captures("[2021-03-31] 来源").unwrap();
        assert_eq!((&iso[1], &iso[2], &iso[3]), ("2021", "03", "31"));
        // A run of digits is no date: a document number or a phone number.
        assert!(!DATE_ISO.is_match("编号12023-03-281"));
    }

    #[test]
    fn organ_endings() {
        let organ = regex::Regex::new(&format!(r"^\p{{Han}}+?{ORGAN_ENDING}$")).unwrap();
        for name in [
            "某某县人民政府",
            "中共某某县委",
            "某某镇司法所",
            "某某开发区管委会",
            "某某市人民政府办公厅",
            "生态环境部",
        ] {
            assert!(organ.is_match(name), "{name}");
        }
        assert!(!organ.is_match("法治政府建设工作"));
    }
}
