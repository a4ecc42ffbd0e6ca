//! What a date and an organ's name look like, said once for the whole document stage:
//! structure finds the signature and its date with them, metadata reads them.
//!
//! Each is pattern text to build other patterns from (a signature line is names and maybe
//! a date), plus the compiled forms used on their own.

use regex::Regex;
use std::sync::LazyLock;

/// A 4-digit year in Arabic or Chinese numerals.
pub const YEAR_DIGITS: &str = r"(?:\d{4}|[〇零○一二][〇零○一二三四五六七八九]{3})";

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

/// A date written out.
pub static DATE_CN: LazyLock<Regex> = LazyLock::new(|| compile(&DATE_WRITTEN));

/// A date in figures standing alone (not inside a longer run of digits).
pub static DATE_ISO: LazyLock<Regex> =
    LazyLock::new(|| compile(&format!(r"(?:^|[^\d]){DATE_FIGURES}(?:[^\d]|$)")));

/// Compiles one of the document stage's fixed patterns.
pub fn compile(pattern: &str) -> Regex {
    Regex::new(pattern).expect("document pattern")
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
        let organ = compile(&format!(r"^\p{{Han}}+?{ORGAN_ENDING}$"));
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
