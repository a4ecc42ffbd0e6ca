//! Key figures: the numbers supervisors compare, taken from measures text only.
//!
//! A figure is read as drafters write it: `1,126件`, `98.5%`, `三件`, or a statement of
//! none (全年未发生行政复议案件). Within a sentence the figure stated first counts
//! (收到12件、受理10件 gives 12), whichever pattern found it.

use super::hits::HitIndex;
use crate::document::{Document, Sentence};
use crate::model::scorecard::Indicator;
use crate::rules::{IndicatorRule, RulePack};
use regex_automata::util::captures::Captures;

/// The first statement of each indicator in its scope, in text order; absent when the
/// text does not state it. Only the patterns the report's prefilter lets match in a
/// sentence are run on it.
pub fn extract(hits: &HitIndex, pack: &RulePack) -> Vec<Indicator> {
    let doc = hits.doc();
    pack.indicators
        .iter()
        .filter_map(|ind| {
            let (s, value) = doc
                .sentences
                .iter()
                .enumerate()
                .filter(|(_, s)| ind.scope.contains(&s.kind))
                .find_map(|(si, s)| {
                    let text = doc.sentence_text(s);
                    first_statement(ind, text, |p| hits.may_match(p, si)).map(|v| (s, v))
                })?;
            Some(indicator(doc, ind, s, value))
        })
        .collect()
}

fn indicator(doc: &Document, ind: &IndicatorRule, s: &Sentence, value: f64) -> Indicator {
    let mut text = doc.sentence_original(s).trim().to_string();
    if text.chars().count() > 160 {
        text = text.chars().take(160).collect::<String>() + "…";
    }
    let col = doc.lines[s.line].original_offset(s.start);
    let page = doc.page_at(s.line, col);
    Indicator {
        id: ind.def.id.clone(),
        title: ind.def.title.clone(),
        value,
        unit: ind.def.unit.clone(),
        text,
        line: s.line + 1,
        paragraph: doc.paragraph_at(s.line, col),
        page: page.map(|(page, _)| page),
        page_line: page.map(|(_, row)| row),
    }
}

/// The value stated first in one folded sentence, over all of the indicator's patterns.
/// A count is placed where its number stands, a statement of none where it starts, so a
/// sentence giving two figures yields the one a reader meets first.
fn first_statement(
    ind: &IndicatorRule,
    text: &str,
    may_match: impl Fn(&crate::rules::cond::Pattern) -> bool,
) -> Option<f64> {
    ind.patterns
        .iter()
        .filter(|(p, _)| may_match(p))
        .flat_map(|(p, zero)| p.re().captures_iter(text).map(move |c| (c, *zero)))
        .filter_map(|(c, zero)| {
            let whole = c.get_match()?;
            let clause = clause_of(text, whole.start(), whole.end());
            if ind.except.iter().any(|re| re.re().is_match(clause)) {
                return None;
            }
            statement(text, &c, zero)
        })
        .min_by_key(|(at, _)| *at)
        .map(|(_, v)| v)
}

/// Where a match states its figure and what the figure is.
fn statement(text: &str, c: &Captures, zero: bool) -> Option<(usize, f64)> {
    if zero {
        return Some((c.get_match()?.start(), 0.0));
    }
    let v = c.get_group_by_name("value")?;
    Some((v.start, parse_value(&text[v.range()])?))
}

/// The clause around `start..end`: out to the nearest clause punctuation either side. A
/// comma between digits is a thousands separator (1,126), not a clause break.
fn clause_of(text: &str, start: usize, end: usize) -> &str {
    let bytes = text.as_bytes();
    let breaks_at = |i: usize, c: char| {
        matches!(c, ',' | ';' | ':' | '。' | '!' | '?')
            && !(c == ',' && i > 0 && bytes[i - 1].is_ascii_digit())
            && !(c == ',' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
    };
    let from = text[..start]
        .char_indices()
        .rev()
        .find(|&(i, c)| breaks_at(i, c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let to = text[end..]
        .char_indices()
        .find(|&(i, c)| breaks_at(end + i, c))
        .map_or(text.len(), |(i, _)| end + i);
    &text[from..to]
}

/// A number as written: `1,126`, `98.5`, or Chinese numerals (十二, 一百零五, 两).
pub fn parse_value(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        return s.replace(',', "").parse().ok();
    }
    chinese_number(s).map(|n| n as f64)
}

/// Chinese numerals up to the 万s: 三, 十二, 二十, 一百零五, 一千二百, 两万三千.
fn chinese_number(s: &str) -> Option<u64> {
    let (mut total, mut section, mut digit) = (0u64, 0u64, None::<u64>);
    for c in s.chars() {
        if let Some(d) = chinese_digit(c) {
            digit = Some(d);
            continue;
        }
        match c {
            '十' | '百' | '千' => {
                let unit = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                // 十二: a bare unit counts one of it.
                section += digit.take().unwrap_or(1) * unit;
            }
            '万' => {
                total += (section + digit.take().unwrap_or(0)).max(1) * 10_000;
                section = 0;
            }
            _ => return None,
        }
    }
    (!s.is_empty()).then(|| total + section + digit.unwrap_or(0))
}

fn chinese_digit(c: char) -> Option<u64> {
    match c {
        '零' | '〇' => Some(0),
        '两' => Some(2),
        _ => "一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|i| i as u64 + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::sync::LazyLock;

    /// Compiled once: every test reads with the built-in pack.
    static PACK: LazyLock<RulePack> = LazyLock::new(|| RulePack::builtin().unwrap());

    /// The figures the built-in pack reads from `body` standing under a measures heading.
    fn figures(body: &str) -> BTreeMap<String, f64> {
        let text = format!(
            "某县人民政府关于2023年法治政府建设情况的报告\n一、主要工作\n{body}\n二、存在的问题\n无。\n"
        );
        let doc = Document::parse(&text);
        extract(&HitIndex::new(&doc, &PACK), &PACK)
            .into_iter()
            .map(|i| (i.id, i.value))
            .collect()
    }

    fn get(body: &str, id: &str) -> Option<f64> {
        figures(body).get(id).copied()
    }

    #[test]
    fn parses_numbers_as_written() {
        assert_eq!(parse_value("1,126"), Some(1126.0));
        assert_eq!(parse_value("98.5"), Some(98.5));
        assert_eq!(parse_value("三"), Some(3.0));
        assert_eq!(parse_value("十二"), Some(12.0));
        assert_eq!(parse_value("二十"), Some(20.0));
        assert_eq!(parse_value("一百零五"), Some(105.0));
        assert_eq!(parse_value("两千三百"), Some(2300.0));
        assert_eq!(parse_value("零"), Some(0.0));
        assert_eq!(parse_value("十万"), Some(100_000.0));
        assert_eq!(parse_value(""), None);
    }

    #[test]
    fn thousands_separators_half_and_full_width() {
        let id = "reconsideration_cases";
        assert_eq!(get("全年共收到行政复议申请1,126件。", id), Some(1126.0));
        assert_eq!(get("全年共收到行政复议申请1，126件。", id), Some(1126.0));
        assert_eq!(
            get("全年办理行政复议案件1,126件，审结1,020件。", id),
            Some(1126.0)
        );
    }

    #[test]
    fn zero_stated_in_words() {
        let r = "reconsideration_cases";
        let l = "litigation_cases";
        assert_eq!(get("全年未发生行政复议案件。", r), Some(0.0));
        assert_eq!(get("全年无行政复议案件。", r), Some(0.0));
        assert_eq!(get("本单位行政复议案件为零。", r), Some(0.0));
        assert_eq!(
            get("全年未发生以我局为被申请人的行政复议案件。", r),
            Some(0.0)
        );
        let both = figures("全年未发生行政复议和行政诉讼案件。");
        assert_eq!(both.get(r), Some(&0.0));
        assert_eq!(both.get(l), Some(&0.0));
        assert_eq!(get("全年无行政诉讼案件。", l), Some(0.0));
    }

    #[test]
    fn no_defeat_is_not_no_case() {
        let body = "全年行政诉讼零败诉，无一败诉案件。未发生因信息公开引发的复议诉讼。\
                    无行政复议案件被纠错。";
        let f = figures(body);
        assert_eq!(f.get("litigation_cases"), None, "{f:?}");
        assert_eq!(f.get("reconsideration_cases"), None, "{f:?}");
        assert_eq!(f.get("litigation_win_rate"), None, "{f:?}");
        assert_eq!(
            get(
                "未发生因信息公开引发的行政复议案件。",
                "reconsideration_cases"
            ),
            None
        );
    }

    #[test]
    fn counts_before_or_after_the_noun() {
        let n = "normative_reviewed";
        assert_eq!(get("全年审核规范性文件17件。", n), Some(17.0));
        assert_eq!(
            get("全年审核规范性文件草案36件，提出意见50条。", n),
            Some(36.0)
        );
        assert_eq!(get("审核各类规范性文件草案36件。", n), Some(36.0));
        assert_eq!(
            get("全年审核县政府及县政府办公室规范性文件9件。", n),
            Some(9.0)
        );
        assert_eq!(
            get("对拟出台的9件行政规范性文件全部进行合法性审核。", n),
            Some(9.0)
        );
        assert_eq!(
            get("全年制发行政规范性文件3件，均经法规科合法性审核。", n),
            Some(3.0)
        );
        let f = "normative_filed";
        assert_eq!(get("17件规范性文件均按时报送备案。", f), Some(17.0));
        assert_eq!(get("全年报送备案规范性文件6件。", f), Some(6.0));
        assert_eq!(
            get("3件文件均在印发后30日内报送市人民政府备案。", f),
            Some(3.0)
        );
        let r = "reconsideration_cases";
        assert_eq!(get("共收到行政复议申请12件、受理10件。", r), Some(12.0));
        assert_eq!(get("受理行政复议案件26件，审结24件。", r), Some(26.0));
        assert_eq!(get("全年办理12件行政复议案件。", r), Some(12.0));
        let l = "litigation_cases";
        assert_eq!(get("办理行政应诉案件23件，胜诉21件。", l), Some(23.0));
        assert_eq!(get("行政诉讼案件共计15起。", l), Some(15.0));
        assert_eq!(get("行政诉讼方面，全年应诉案件23件。", l), Some(23.0));
        assert_eq!(get("以市政府为被告的一审行政案件438件。", l), Some(438.0));
    }

    #[test]
    fn the_first_count_in_text_order_wins_over_pattern_order() {
        // Both the 制发…审核 and the 审核…N件 forms match; the figure met first counts.
        let body = "全年制发行政规范性文件3件，均经合法性审核；另审核部门规范性文件5件。";
        assert_eq!(get(body, "normative_reviewed"), Some(3.0));
        let body = "全年审核规范性文件8件，8件规范性文件均在规定时限内报送市政府备案。";
        let f = figures(body);
        assert_eq!(f.get("normative_reviewed"), Some(&8.0));
        assert_eq!(f.get("normative_filed"), Some(&8.0));
    }

    #[test]
    fn percentages() {
        let c = "court_appearance_rate";
        assert_eq!(get("负责人出庭应诉率达到100%。", c), Some(100.0));
        assert_eq!(get("出庭应诉率为98.5%。", c), Some(98.5));
        assert_eq!(get("机关负责人出庭率保持100%。", c), Some(100.0));
        assert_eq!(
            get("行政诉讼胜诉率92.3%。", "litigation_win_rate"),
            Some(92.3)
        );
    }

    #[test]
    fn a_win_rate_not_stated_as_a_rate_is_absent() {
        let f = figures("办理行政应诉案件23件，胜诉21件。");
        assert_eq!(f.get("litigation_cases"), Some(&23.0));
        assert_eq!(f.get("litigation_win_rate"), None);
        let f = figures("以我厅为被告的行政诉讼案件3件，均已审结，无一败诉。");
        assert_eq!(f.get("litigation_win_rate"), None);
        let f = figures("行政应诉案件54件，败诉3件，败诉率6.25%。");
        assert_eq!(f.get("litigation_win_rate"), None);
    }

    #[test]
    fn chinese_numeral_counts() {
        assert_eq!(
            get("全年办理行政复议案件三件。", "reconsideration_cases"),
            Some(3.0)
        );
        assert_eq!(get("行政诉讼案件十二件。", "litigation_cases"), Some(12.0));
    }

    #[test]
    fn absent_when_not_stated() {
        assert!(figures("全面推进行政复议体制改革，做好行政应诉工作。").is_empty());
    }

    #[test]
    fn look_alikes_are_not_figures() {
        let r = "reconsideration_cases";
        assert_eq!(get("全年受理劳动人事争议仲裁案件3,482件。", r), None);
        let n = "normative_reviewed";
        assert_eq!(get("全年审核文件及合同共41份。", n), None);
        assert_eq!(
            get("制定修改省政府规章12件，审议地方性法规草案9件。", n),
            None
        );
        assert_eq!(
            get("对现行有效的84件规范性文件逐件审查，废止4件。", n),
            None
        );
        let f = "normative_filed";
        assert_eq!(get("同时受理乡镇、县直部门报备的规范性文件9件。", f), None);
        assert_eq!(
            get("审查各县（市、区）政府报送备案的规范性文件46件。", f),
            None
        );
        assert_eq!(get("接收下级报备的规范性文件9件，均已审查。", f), None);
        assert_eq!(get("审查各部门报备的规范性文件12件。", n), None);
        let l = "litigation_cases";
        assert_eq!(get("负责人出庭应诉案件20件。", l), None);
    }

    #[test]
    fn our_filing_is_preferred_to_filings_received() {
        let body = "全年报送备案规范性文件11件；受理乡镇报备的规范性文件9件。";
        assert_eq!(get(body, "normative_filed"), Some(11.0));
        let body = "审查下级报送备案的规范性文件46件，本级20件规范性文件全部按期报送省政府备案。";
        assert_eq!(get(body, "normative_filed"), Some(20.0));
    }

    #[test]
    fn only_measures_text_counts() {
        let text = "某县人民政府关于2023年法治政府建设情况的报告\n一、主要工作\n做好复议工作。\n\
                    二、下一步工作安排\n力争行政复议案件100件，出庭应诉率达到100%。\n";
        let doc = Document::parse(text);
        assert!(extract(&HitIndex::new(&doc, &PACK), &PACK).is_empty());
    }

    /// The built-in pack with its `indicators:` block replaced by `block`.
    fn pack_with(block: &str) -> Result<RulePack, crate::rules::diag::RuleErrors> {
        let files = crate::rules::builtin::FILES
            .iter()
            .map(|(n, c)| {
                let c = if *n == "pack.yaml" {
                    let at = c.find("\nindicators:").unwrap();
                    format!("{}\n{block}", &c[..at])
                } else {
                    c.to_string()
                };
                (n.to_string(), c)
            })
            .collect();
        crate::rules::load_files(files, "rules")
    }

    fn read_with(pack: &RulePack, body: &str) -> Vec<(String, f64)> {
        let text = format!("报告\n一、主要工作\n{body}\n");
        let doc = Document::parse(&text);
        extract(&HitIndex::new(&doc, pack), pack)
            .into_iter()
            .map(|i| (i.id, i.value))
            .collect()
    }

    #[test]
    fn the_old_value_group_form_still_loads_and_reads() {
        let pack = pack_with(
            "indicators:\n  - id: cases\n    title: 案件数\n    unit: 件\n    \
             patterns: ['行政复议案件(?P<value>\\d+)件']\n    zero: ['无行政复议']\n",
        )
        .unwrap();
        assert_eq!(
            read_with(&pack, "受理行政复议案件7件。"),
            [("cases".into(), 7.0)]
        );
        assert_eq!(
            read_with(&pack, "无行政复议案件。"),
            [("cases".into(), 0.0)]
        );
    }

    #[test]
    fn value_placeholder_and_except_compile() {
        // Why expanding `{value}` cannot change an existing pattern: it is not regex syntax.
        let raw = format!("案件{}件", crate::rules::VALUE_PLACEHOLDER);
        assert!(regex::Regex::new(&raw).is_err());
        let pack = pack_with(
            "indicators:\n  - id: filed\n    title: 备案数\n    unit: 件\n    \
             patterns: ['备案规范性文件{value}件']\n    except: ['审查']\n",
        )
        .unwrap();
        assert_eq!(
            read_with(&pack, "报送备案规范性文件1,016件。"),
            [("filed".into(), 1016.0)]
        );
        assert!(read_with(&pack, "审查下级报送备案规范性文件9件。").is_empty());
    }

    #[test]
    fn a_pattern_without_a_number_or_a_bad_except_is_an_error() {
        let errs = pack_with(
            "indicators:\n  - id: x\n    title: 甲\n    unit: 件\n    patterns: ['复议案件']\n",
        )
        .unwrap_err();
        assert!(
            errs.0.iter().any(|d| d.message.contains("{value}")),
            "{errs}"
        );
        let errs = pack_with(
            "indicators:\n  - id: x\n    title: 甲\n    unit: 件\n    \
             patterns: ['{value}件']\n    except: ['(']\n",
        )
        .unwrap_err();
        assert!(
            errs.0
                .iter()
                .any(|d| d.message.contains("'('") && d.line.is_some()),
            "{errs}"
        );
    }
}
