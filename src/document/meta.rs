//! Metadata: title, issuer, year covered, date and administrative level.

use super::normalize::{fold, map_offset};
use super::{Document, Kind};
use crate::score::scorecard::Meta;
use regex::Regex;
use std::sync::LazyLock;

fn re(p: &str) -> Regex {
    Regex::new(p).expect("meta pattern")
}

static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"(\d{4}|[〇零○一二三四五六七八九]{4})\s*年"));
static DATE_CN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(\d{4}|[〇零○一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日",
    )
});
static DATE_ISO: LazyLock<Regex> = LazyLock::new(|| re(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"));
static ORG: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(中共|中国共产党)?[\p{Han}()]{1,30}?(人民政府|政府|委员会|党委|[市县区州旗]委|管委会|管理委员会|街道办事处|办事处|办公室|[局厅委署办院]|中心)$",
    )
});

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

/// Parses the first date in a piece of text into `YYYY-MM-DD`.
pub fn find_date(text: &str) -> Option<String> {
    let (y, m, d) = if let Some(c) = DATE_CN.captures(text) {
        (cn_number(&c[1])?, cn_number(&c[2])?, cn_number(&c[3])?)
    } else {
        let c = DATE_ISO.captures(text)?;
        (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
    };
    ((1990..2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn squeeze_spaced(s: &str) -> String {
    // "报 告" is typeset spacing, not two words.
    let t: String = s.split_whitespace().collect();
    if t.chars().count() <= 8 {
        t
    } else {
        s.trim().to_string()
    }
}

fn title_score(t: &str) -> i32 {
    let mut s = 0;
    if t.contains("报告") {
        s += 3;
    }
    if t.contains("法治") {
        s += 2;
    }
    if YEAR.is_match(t) {
        s += 1;
    }
    if t.contains("关于") {
        s += 1;
    }
    s
}

/// The title: the best title-like line of the title block, joined with the next line when
/// a title was broken over two (关于…的 / 报 告).
fn title(doc: &Document) -> Option<String> {
    // (original, folded) of the first lines of the title block; the folding is the
    // document's own.
    let block: Vec<(&str, &str)> = doc
        .lines
        .iter()
        .filter(|l| l.kind == Kind::Preamble && !l.folded.trim().is_empty())
        .take(16)
        .map(|l| (l.text.trim(), l.folded.trim()))
        .collect();
    let mut best: Option<(i32, String)> = None;
    for (i, &(line, f)) in block.iter().enumerate() {
        if f.chars().count() > 80 || f.ends_with('。') || f.ends_with(':') || f.contains("现将")
        {
            continue;
        }
        if !(f.contains("法治") || f.contains("报告")) {
            continue;
        }
        let mut t = line.to_string();
        if !f.contains("报告") {
            if let Some((next, _)) = block.get(i + 1) {
                let n = squeeze_spaced(next);
                if n.chars().count() <= 8 && fold(&n).contains("报告") {
                    t = format!("{}{}", line.trim(), n);
                }
            }
        }
        // The title is quoted as written; its keywords are looked for folded (報告 too).
        let score = title_score(&fold(&t));
        if score >= 3 && best.as_ref().is_none_or(|(b, _)| score > *b) {
            best = Some((score, t));
        }
    }
    best.map(|(_, t)| t)
}

fn orgs_in(text: &str) -> Vec<String> {
    text.split([' ', '\u{3000}', '、', ','])
        .map(str::trim)
        .filter(|t| ORG.is_match(&fold(t)))
        .map(str::to_string)
        .collect()
}

/// The issuing body or bodies.
fn issuer(doc: &Document, title: Option<&str>) -> Option<String> {
    if let Some(t) = title {
        let ft = fold(t);
        let head = &t[..ft.find("关于").map_or(t.len(), |b| map_offset(&ft, t, b))];
        let head = YEAR.find(head).map_or(head, |m| &head[..m.start()]);
        let orgs = orgs_in(head);
        if !orgs.is_empty() {
            return Some(orgs.join(" "));
        }
    }
    let short_org_lines = |kind: Kind| -> Vec<String> {
        doc.lines
            .iter()
            .filter(|l| l.kind == kind)
            .flat_map(|l| {
                let t = l.text.trim();
                // An addressee line (中共X省委、X省人民政府：) names who receives the report.
                if t.chars().count() <= 40 && !t.ends_with(':') && !t.ends_with('：') {
                    orgs_in(t)
                } else {
                    Vec::new()
                }
            })
            .collect()
    };
    let mut orgs = short_org_lines(Kind::Preamble);
    if orgs.is_empty() {
        orgs = short_org_lines(Kind::Closing);
    }
    orgs.dedup();
    (!orgs.is_empty()).then(|| orgs.join(" "))
}

fn year(doc: &Document, title: Option<&str>, date: Option<&str>) -> Option<i32> {
    let from = |t: &str| {
        YEAR.captures_iter(t)
            .filter_map(|c| cn_number(&c[1]))
            .map(|y| y as i32)
            .find(|y| (1990..2100).contains(y))
    };
    if let Some(y) = title.and_then(from) {
        return Some(y);
    }
    let opening = doc
        .sentences
        .iter()
        .filter(|s| matches!(s.kind, Kind::Preamble | Kind::Measures))
        .take(6)
        .find_map(|s| from(doc.sentence_text(s)));
    opening.or_else(|| date.and_then(|d| d[..4].parse::<i32>().ok()).map(|y| y - 1))
}

fn date(doc: &Document) -> (Option<String>, &'static str) {
    let signature = doc
        .lines
        .iter()
        .rev()
        .filter(|l| l.kind == Kind::Closing)
        .find_map(|l| find_date(&l.folded));
    if let Some(d) = signature {
        return (Some(d), "signature");
    }
    let published = doc
        .lines
        .iter()
        .filter(|l| {
            l.kind == Kind::Boilerplate && (l.folded.contains("发布") || l.folded.contains("日期"))
        })
        .find_map(|l| find_date(&l.folded));
    match published {
        Some(d) => (Some(d), "published"),
        None => (None, "none"),
    }
}

static COUNTY_CITY_ADDRESSEE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(中共)?(\p{Han}{2,6})市委[、,]\s*(\p{Han}{2,6})市人民政府\s*:?$"));

/// Administrative level from the issuer's name (a county-level city reports to its city).
fn level(doc: &Document, issuer: Option<&str>) -> &'static str {
    let Some(iss) = issuer else { return "unknown" };
    // Folded, so a traditional name (…區人民政府) reads as its simplified form.
    let last = &fold(iss.split(' ').next_back().unwrap_or(iss));
    let gov = last.ends_with("人民政府")
        || last.ends_with("政府")
        || last.ends_with("委") && !last.ends_with("委员会");
    if !gov {
        return "department";
    }
    if last.contains("街道") || last.contains("镇") || last.contains("乡") {
        "township"
    } else if last.contains("省")
        || last.contains("自治区")
        || ["北京市", "天津市", "上海市", "重庆市"]
            .iter()
            .any(|m| *last == format!("{m}人民政府"))
    {
        "province"
    } else if last.contains("县") || last.contains("区") || last.contains("旗") {
        "county"
    } else if last.contains("市") || last.contains("州") || last.contains("盟") {
        let reports_to_city = doc.lines.iter().take(40).any(|l| {
            COUNTY_CITY_ADDRESSEE
                .captures(l.folded.trim())
                .is_some_and(|c| !last.contains(&c[2]))
        });
        if reports_to_city {
            "county"
        } else {
            "city"
        }
    } else {
        "unknown"
    }
}

/// Reads all metadata of a parsed document.
pub fn read(doc: &Document) -> Meta {
    let title = title(doc);
    let issuer = issuer(doc, title.as_deref());
    let (date, date_source) = date(doc);
    let year = year(doc, title.as_deref(), date.as_deref());
    let level = level(doc, issuer.as_deref()).to_string();
    Meta {
        title,
        issuer,
        year,
        date,
        date_source: date_source.to_string(),
        level,
    }
}
