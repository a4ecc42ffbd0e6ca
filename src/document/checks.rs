//! What a reader should be told about a text before trusting its score: lines a broken
//! conversion left unreadable, and texts that are not annual rule-of-law reports at all.

use super::{Document, Kind};
use crate::fold::is_broken_conversion;

/// Share of lost-character marks (? ？ U+FFFD) above which a line is skipped, not read.
const LOST_SHARE_SKIPPED: f64 = 0.3;

/// True when so much of a line was lost in a broken conversion ("??") that matching it
/// would only mislead: the line is skipped like web furniture.
pub fn mostly_lost(line: &str) -> bool {
    if !is_broken_conversion(line) {
        return false;
    }
    let n = line.chars().filter(|c| !c.is_whitespace()).count();
    let lost = line
        .chars()
        .filter(|c| matches!(c, '?' | '？' | '\u{FFFD}'))
        .count();
    n > 0 && lost as f64 >= n as f64 * LOST_SHARE_SKIPPED
}

/// Words every annual rule-of-law report uses.
const GENRE_WORDS: &[&str] = &["法治", "依法行政", "法制"];

/// Notes on a parsed document, in Chinese, for every output format.
pub fn warnings(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    let broken: Vec<String> = doc
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| is_broken_conversion(&l.text))
        .map(|(i, l)| {
            let skipped = if mostly_lost(&l.text) {
                "（已跳过）"
            } else {
                ""
            };
            format!("{}{skipped}", i + 1)
        })
        .collect();
    if !broken.is_empty() {
        out.push(format!(
            "第{}行有转换损坏的字符（“??”），文字可能不完整",
            broken.join("、")
        ));
    }
    if !looks_like_report(doc) {
        out.push(NOT_A_REPORT.to_string());
    }
    out
}

/// The warning given to a text that does not read as an annual rule-of-law report.
pub const NOT_A_REPORT: &str =
    "这份文本不像法治政府建设年度报告（没有法治、依法行政用语，或既无年度也无章节），得分不能作为评价依据";

/// True when a text reads as an annual rule-of-law report: it uses the genre's words and
/// names a year or is divided into parts.
pub fn looks_like_report(doc: &Document) -> bool {
    let words = doc
        .lines
        .iter()
        .filter(|l| l.kind != Kind::Boilerplate)
        .any(|l| GENRE_WORDS.iter().any(|w| l.folded.contains(w)));
    let parts = doc.sections.iter().filter(|s| s.has_heading).count();
    words && (doc.meta.year.is_some() || parts >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recipe_is_not_a_report() {
        let d = Document::parse("红烧肉的做法\n五花肉切块，焯水。\n加糖炒色，炖一小时。");
        assert!(!looks_like_report(&d));
        assert!(warnings(&d).iter().any(|w| w == NOT_A_REPORT));
    }

    #[test]
    fn a_report_is_one() {
        let d = Document::parse(
            "某县人民政府关于2023年度法治政府建设情况的报告\n2023年，我县推进依法行政。\n一、主要举措\n做了工作。",
        );
        assert!(looks_like_report(&d));
        assert!(warnings(&d).is_empty());
    }

    #[test]
    fn broken_lines_are_noted_and_the_worst_skipped() {
        let t = "某县2023年度法治政府建设情况的报告\n一、主要举措\n坚持??调解优先??，设立调解工作室。\n??????????法治??\n";
        let d = Document::parse(t);
        let w = warnings(&d);
        assert_eq!(
            w,
            vec!["第3、4（已跳过）行有转换损坏的字符（“??”），文字可能不完整".to_string()]
        );
        assert_eq!(d.lines[3].kind, Kind::Boilerplate);
        assert_ne!(d.lines[2].kind, Kind::Boilerplate);
    }
}
