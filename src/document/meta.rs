//! Metadata: title, issuer, year covered, date and administrative level.
//!
//! Read the way a person reads a published page: the site banner and breadcrumb, the title
//! (maybe broken over lines), the meta lines (发布时间 / 来源 / 发文机关 …), the addressee,
//! the opening paragraph, and at the end the signature and its date. The document stage has
//! already said which lines are preamble, closing and web furniture; this module reads them.

use super::{Document, Kind};
use crate::builtin_regex;
use crate::fold::{map_offset, OffsetMap};
use crate::model::scorecard::{DateSource, Level, Meta};
use std::borrow::Cow;
use std::ops::Range;

use super::patterns::{cn_number, years_in, DATE_CN, DATE_FIGURES, DATE_ISO, ORGAN_ENDING, YEAR};

builtin_regex!(
    /// An organ named at the start of a clause of the opening sentence, and the verb after it
    /// (某某区人民政府高度重视…, 某某局坚持…).
    static ORG_LEAD = format!(
        r"^((?:中共)?\p{{Han}}{{2,30}}?{ORGAN_ENDING})(?:党组|党委)?(?:坚持|在|高度重视|始终|认真|深入|全面|紧紧|紧扣|围绕|立足|按照|根据|严格|积极|着力|聚焦|切实|扎实|不断|持续|主动|牢固|大力|以|把|将|对|锚定|自觉|进一步|继续|充分|贯彻)",
    );
);

builtin_regex!(
    /// Labels of the meta fields that name an organ, best first.
    static ORG_FIELD = r"(发文机关|发布机构|信息来源|来源)\s*:\s*([^\s:|｜]+)";
);

builtin_regex!(
    /// Labels of the meta fields that hold a date, with the date after them.
    static DATE_FIELD = r"(成文日期|发文日期|印发日期|发布时间|发布日期|发表时间|更新时间|更新日期|修改时间|日期|时间)\s*:?\s*\[?\s*(\d{4}\s*[-/.年])";
);

builtin_regex!(
    /// A zone that a 管委会 governs: 开发区, 高新区, 新区, 园区, 试验区…
    static ZONE = r"(开发|高新|经开|新|园|试验|合作|保税|自贸|示范)区|园区";
);

builtin_regex!(
    /// A date standing on a meta line without a label ([2021-03-31]　来源：…).
    static BARE_DATE = format!(r"^\s*[\[(【]?\s*{DATE_FIGURES}");
);

builtin_regex!(
    /// Another city named as the one a report answers to (在长沙市委…, 怀化市人民政府：).
    static SUPERIOR_CITY = r"(?:^|[在和、,及与])+(?:中共)?([\p{Han}&&[^在和及与省市县区委府政的]]{2,6}?)市(?:委|人民政府|政府)";
);

/// A line as the patterns here read it: folded (full-width and traditional forms, see
/// [`crate::fold`]), same chars count as the original. Folding is idempotent, so
/// already folded lines pass through unchanged.
fn normalise(text: &str) -> String {
    crate::fold::fold(text)
}

/// Parses the first date in a piece of text into `YYYY-MM-DD`: 2023年3月28日,
/// 二〇二三年三月二十八日, 2023-03-28, 2023/3/28 or 2023.03.28.
pub fn find_date(text: &str) -> Option<String> {
    let cn = DATE_CN.captures(text);
    let iso = DATE_ISO.captures(text);
    // The earlier of the two forms is the date the text gives first.
    let use_cn = match (&cn, &iso) {
        (Some(c), Some(i)) => c.get(0)?.start() <= i.get(1)?.start(),
        (Some(_), None) => true,
        _ => false,
    };
    let (y, m, d) = if use_cn {
        let c = cn?;
        (cn_number(&c[1])?, cn_number(&c[2])?, cn_number(&c[3])?)
    } else {
        let c = iso?;
        (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
    };
    ((1990..2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// One line as metadata reads it: the original and its normalised copy.
struct Ln<'a> {
    kind: Kind,
    text: &'a str,
    /// The line's folded copy, folded again only where that changes it.
    norm: Cow<'a, str>,
    /// Where the folded copy's bytes sit in `text`, when `norm` is that copy.
    offsets: Option<&'a OffsetMap>,
}

impl<'a> Ln<'a> {
    /// The original text of a byte range of the normalised copy.
    fn orig(&self, r: Range<usize>) -> &'a str {
        match self.offsets {
            Some(map) => &self.text[map.original(r.start)..map.original(r.end)],
            None => orig_slice(&self.norm, self.text, r),
        }
    }

    fn blank(&self) -> bool {
        self.norm.trim().is_empty()
    }

    /// An addressee line (县委依法治县办：) names who receives the report, never who sends it.
    fn addressee(&self) -> bool {
        let t = self.norm.trim();
        t.ends_with(':') && t.chars().count() <= 60
    }
}

/// The lines of a document, with where its opening ends and its closing starts.
struct Page<'a> {
    lines: Vec<Ln<'a>>,
    /// One past the opening paragraph (or the first line of the body).
    head_end: usize,
    /// The first closing line, if there is a closing.
    tail_start: Option<usize>,
}

impl<'a> Page<'a> {
    fn new(doc: &'a Document) -> Page<'a> {
        let lines: Vec<Ln> = doc
            .lines
            .iter()
            .map(|l| {
                let norm = crate::fold::refold(&l.folded);
                let offsets = matches!(norm, Cow::Borrowed(_)).then_some(&l.offsets);
                Ln {
                    kind: l.kind,
                    text: &l.text,
                    norm,
                    offsets,
                }
            })
            .collect();
        let body = lines.iter().position(|l| {
            matches!(
                l.kind,
                Kind::Measures | Kind::Problems | Kind::Causes | Kind::Plans | Kind::Closing
            )
        });
        let opening = lines
            .iter()
            .position(|l| l.kind == Kind::Preamble && is_prose(&l.norm))
            .map(|i| i + 1);
        let head_end = [body, opening, Some(lines.len().min(40))]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(0);
        let tail_start = lines.iter().position(|l| l.kind == Kind::Closing);
        Page {
            lines,
            head_end,
            tail_start,
        }
    }

    fn head(&self) -> impl Iterator<Item = (usize, &Ln<'a>)> {
        self.lines[..self.head_end].iter().enumerate()
    }

    fn tail(&self) -> &[Ln<'a>] {
        self.tail_start.map_or(&[], |i| &self.lines[i..])
    }

    /// The opening paragraph: the first prose line of the preamble.
    fn opening(&self) -> Option<&Ln<'a>> {
        self.lines[..self.head_end]
            .iter()
            .find(|l| l.kind == Kind::Preamble && is_prose(&l.norm))
    }
}

/// A paragraph of running text rather than a title, banner or meta line.
fn is_prose(norm: &str) -> bool {
    let t = norm.trim();
    t.contains('。') || t.chars().count() >= 100
}

// ---------------------------------------------------------------------------------------
// Title

/// Where the title part of a line starts: after a breadcrumb (首页 > … > 标题) and after a
/// site banner written on the same line (某某县人民政府门户网站  关于…, 某某局｜2022年度…).
fn title_start(norm: &str) -> usize {
    let mut start = 0;
    if norm.contains("首页") || norm.contains("位置") {
        if let Some(p) = norm.rfind(['>', '»', '›']) {
            start = p + norm[p..].chars().next().map_or(1, char::len_utf8);
        }
    }
    loop {
        let rest = &norm[start..];
        let lead = rest.len() - rest.trim_start().len();
        let rest = &rest[lead..];
        let cut = rest.find(['|', '｜']).map(|i| (i, 1)).or_else(|| {
            // A banner is separated from the title by spacing and names a website.
            let i = rest.find(char::is_whitespace)?;
            is_site_name(rest[..i].trim()).then_some((i, 0))
        });
        match cut {
            Some((i, _)) if i > 0 => {
                let sep = rest[i..].chars().next().map_or(1, char::len_utf8);
                start += lead + i + sep;
            }
            _ => return start + lead,
        }
    }
}

/// A website's name (某某县人民政府门户网站, 中国·沭阳, 某某网) rather than an organ.
fn is_site_name(t: &str) -> bool {
    t.ends_with("网站") || t.ends_with('网') || t.contains("门户") || t.contains('·')
}

/// Closes up typeset spacing (报　告, 报 告, 某县人民政府　关于…) and folds other spacing to
/// one space: a space next to a lone character or before 关于 is layout, a space between
/// two names (中共某县委 某县人民政府) is kept.
fn squeeze_spacing(s: &str) -> String {
    let tokens: Vec<&str> = s.split_whitespace().collect();
    let mut out = String::new();
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 {
            let lone = |x: &str| x.chars().count() == 1;
            // Read on the folded form, so a traditional 關於 is the same layout.
            if !(lone(t) || lone(tokens[i - 1]) || normalise(t).starts_with("关于")) {
                out.push(' ');
            }
        }
        out.push_str(t);
    }
    out
}

fn title_score(norm: &str) -> i32 {
    let mut s = 0;
    if norm.contains("报告") {
        s += 3;
    }
    if norm.contains("法治") {
        s += 2;
    }
    if YEAR.is_match(norm) {
        s += 1;
    }
    if norm.contains("关于") {
        s += 1;
    }
    s
}

/// The organ names a whole piece of text consists of (a signature, a title head), each as a
/// byte range; `None` when anything else stands in it.
fn org_tokens(norm: &str) -> Option<Vec<Range<usize>>> {
    let mut out = Vec::new();
    let mut at = 0;
    for piece in norm.split([' ', '、', ',', '，']) {
        let r = at..at + piece.len();
        at = r.end + clause_sep_len(norm, r.end);
        let t = piece.trim();
        if t.is_empty() {
            continue;
        }
        if !is_org(t) {
            return None;
        }
        let lead = piece.len() - piece.trim_start().len();
        out.push(r.start + lead..r.start + lead + t.len());
    }
    (!out.is_empty()).then_some(out)
}

/// True for an organ's name, not a pronoun (我局, 本县) or a website.
fn is_org(t: &str) -> bool {
    super::organ::is_org(t)
        && !t.starts_with(['我', '本', '该', '全', '各', '贵'])
        && t.chars().count() <= 40
}

/// The title, as written, and the index of the line it starts on.
struct Title {
    text: String,
    first_line: usize,
}

fn title(page: &Page) -> Option<Title> {
    let mut best: Option<(i32, Title)> = None;
    for (i, l) in page.head() {
        if l.blank() || l.addressee() || is_prose(&l.norm) {
            continue;
        }
        let start = title_start(&l.norm);
        let breadcrumb = start > 0 && l.kind == Kind::Boilerplate;
        if l.kind == Kind::Boilerplate && !breadcrumb {
            continue;
        }
        let part = l.norm[start..].trim();
        let n = part.chars().count();
        if n == 0 || n > 100 || part.ends_with(['。', ':', ';']) || part.contains("现将") {
            continue;
        }
        // A breadcrumb's last step is a title only when it names one report, not a column.
        if breadcrumb && !(YEAR.is_match(part) || part.contains("关于")) {
            continue;
        }
        let (mut text, mut norm) = (
            l.orig(start..l.norm.len()).trim().to_string(),
            part.to_string(),
        );
        let mut first_line = i;
        if part.starts_with("关于") {
            if let Some((from, names)) = issuer_lines_before(page, i) {
                text = format!("{names}{text}");
                norm = format!("{names}{norm}");
                first_line = from;
            }
        }
        // Only a title's first words go on to the next line; a line of names does not (the
        // names above 关于… are joined from the 关于 line).
        let opens_title = norm.contains("关于") || norm.contains("法治") || YEAR.is_match(&norm);
        if !norm.contains("报告") && opens_title {
            if let Some((t, n)) = title_continuation(page, i) {
                text.push_str(&t);
                norm.push_str(&n);
            }
        }
        if !(norm.contains("报告") || norm.contains("法治")) {
            continue;
        }
        let score = title_score(&norm);
        if score >= 3 && best.as_ref().is_none_or(|(b, _)| score > *b) {
            let text = squeeze_spacing(&text);
            best = Some((score, Title { text, first_line }));
        }
    }
    best.map(|(_, t)| t)
}

/// The issuer lines right above a title line that starts with 关于 (某某县人民政府 /
/// 关于…的报告), joined by a space, and the first of them.
fn issuer_lines_before(page: &Page, i: usize) -> Option<(usize, String)> {
    let mut names: Vec<String> = Vec::new();
    let mut from = i;
    for j in (i.saturating_sub(3)..i).rev() {
        let l = &page.lines[j];
        if l.blank() || l.kind == Kind::Boilerplate || org_tokens(l.norm.trim()).is_none() {
            break;
        }
        let name = squeeze_spacing(l.text.trim());
        // A banner repeating the first title line is one name, not two issuers.
        if names.first() != Some(&name) {
            names.insert(0, name);
        }
        from = j;
    }
    (!names.is_empty()).then(|| (from, names.join(" ")))
}

/// The rest of a title broken over lines (关于…的 / 报　告), original and normalised.
fn title_continuation(page: &Page, i: usize) -> Option<(String, String)> {
    let (mut text, mut norm) = (String::new(), String::new());
    for l in page.lines.iter().skip(i + 1).take(2) {
        if l.blank() || l.kind == Kind::Boilerplate || l.addressee() || is_prose(&l.norm) {
            return None;
        }
        let t: String = l.norm.split_whitespace().collect();
        if t.chars().count() > 20 {
            return None;
        }
        text.push_str(l.text.trim());
        norm.push_str(&t);
        if norm.contains("报告") {
            return Some((text, norm));
        }
    }
    None
}

// ---------------------------------------------------------------------------------------
// Issuer

/// The head of a title before 关于, its year or its subject: where the issuer stands.
fn title_head(norm: &str) -> &str {
    let mut end = norm.len();
    for m in [norm.find("关于"), YEAR.find(norm).map(|m| m.start())]
        .into_iter()
        .flatten()
    {
        end = end.min(m);
    }
    if let Some(p) = norm.find("法治") {
        end = end.min(p);
    }
    norm[..end].trim()
}

fn title_orgs(title: &str) -> Vec<String> {
    let norm = normalise(&crate::fold::fold(title));
    let head = title_head(&norm);
    org_tokens(head)
        .unwrap_or_default()
        .into_iter()
        .map(|r| orig_slice(&norm, title, r).to_string())
        .collect()
}

/// The original text of a byte range of its normalised copy.
fn orig_slice<'a>(norm: &str, orig: &'a str, r: Range<usize>) -> &'a str {
    let a = map_offset(norm, orig, r.start);
    let b = map_offset(norm, orig, r.end);
    &orig[a..b]
}

/// The organ the page's meta lines name (not a website, not 本网): first from a 发文机关 or
/// 发布机构 field, which state the issuer, then from a 来源 field, which often names the
/// office that drafted or posted the report and so counts only after the report's own words.
fn field_orgs(page: &Page) -> (Vec<String>, Vec<String>) {
    let (mut stated, mut source): (Option<(i32, String)>, Option<String>) = (None, None);
    let meta_lines = page
        .head()
        .map(|(_, l)| l)
        .chain(page.lines.iter().filter(|l| l.kind == Kind::Boilerplate));
    for l in meta_lines {
        for c in ORG_FIELD.captures_iter(&l.norm) {
            let v = c.get(2).expect("value group");
            if !is_org(v.as_str()) || is_site_name(v.as_str()) {
                continue;
            }
            let name = l.orig(v.range()).to_string();
            match &c[1] {
                "发文机关" | "发布机构" => {
                    let r = i32::from(&c[1] == "发布机构");
                    if stated.as_ref().is_none_or(|(b, _)| r < *b) {
                        stated = Some((r, name));
                    }
                }
                _ => {
                    source.get_or_insert(name);
                }
            }
        }
    }
    (
        stated.map(|(_, n)| n).into_iter().collect(),
        source.into_iter().collect(),
    )
}

/// The signing organs at the end (one line or several, joint signers kept in order).
fn signature_orgs(page: &Page) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in page.tail() {
        if l.kind != Kind::Closing || l.addressee() || l.norm.contains("印发") {
            continue;
        }
        // A signature and its date may share a line.
        let t = match DATE_CN.find(&l.norm).or_else(|| DATE_ISO.find(&l.norm)) {
            Some(m) => 0..m.start(),
            None => 0..l.norm.len(),
        };
        for r in org_tokens(&l.norm[t]).unwrap_or_default() {
            let name = l.orig(r).to_string();
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

/// The organ the opening sentence starts with (2023年，某某县司法局坚持…).
fn opening_orgs(page: &Page) -> Vec<String> {
    let Some(l) = page.opening() else {
        return Vec::new();
    };
    let end = l
        .norm
        .match_indices('。')
        .nth(1)
        .map_or(l.norm.len(), |(i, _)| i);
    let mut at = 0;
    for clause in l.norm[..end].split([',', '，', '。', ';', '；']) {
        let r = at..at + clause.len();
        at = r.end + clause_sep_len(&l.norm, r.end);
        let lead = clause.len() - clause.trim_start().len();
        if let Some(c) = ORG_LEAD.captures(&clause[lead..]) {
            let g = c.get(1).expect("name group");
            if is_org(g.as_str()) {
                let from = r.start + lead;
                return vec![l.orig(from + g.start()..from + g.end()).to_string()];
            }
        }
    }
    Vec::new()
}

fn clause_sep_len(s: &str, at: usize) -> usize {
    s[at..].chars().next().map_or(0, char::len_utf8)
}

/// The site header: an organ or a site named on the first lines, above the title.
fn banner_orgs(page: &Page, before: usize) -> Vec<String> {
    for l in page.lines.iter().take(before.min(3)) {
        if l.blank() || l.addressee() || l.norm.contains('>') {
            continue;
        }
        let mut at = 0;
        let mut found = None;
        for piece in l.norm.split(' ') {
            let r = at..at + piece.len();
            at = r.end + 1;
            let name = ["门户网站", "政府网站", "官方网站", "网站", "政府网", "网"]
                .iter()
                .find_map(|s| piece.strip_suffix(s))
                .unwrap_or(piece)
                .trim_end_matches("门户");
            let name = name.rsplit('·').next().unwrap_or(name);
            if is_org(name) {
                let from = r.start + piece.find(name).unwrap_or(0);
                found = Some(l.orig(from..from + name.len()).to_string());
            }
        }
        if let Some(n) = found {
            return vec![n];
        }
    }
    Vec::new()
}

/// True when only an abbreviated form is written: the place is left out (州生态环境局,
/// 区政府, 市市场监管局, 市场监管局) and the organ is not a national one (生态环境部).
fn is_abbreviated(name: &str) -> bool {
    let n = normalise(name);
    let n = n
        .trim_start_matches("中共")
        .trim_start_matches("中国共产党");
    let mut chars = n.chars();
    match chars.next() {
        Some('省' | '市' | '县' | '区' | '州' | '盟' | '旗') => {
            // 市中区, 市北区: a district's own name starts with 市.
            let rest: Vec<char> = chars.take(2).collect();
            !(rest.len() == 2 && rest[1] == '区')
        }
        Some(_) => !has_place(n) && !is_national(n),
        None => false,
    }
}

fn has_place(n: &str) -> bool {
    let n = ["市场", "城乡", "乡村", "社区"]
        .iter()
        .fold(n.to_string(), |s, w| s.replace(w, ""));
    n.contains(['省', '市', '县', '区', '州', '盟', '旗', '乡', '镇'])
        || n.contains("街道")
        || n.contains("自治")
}

fn is_national(n: &str) -> bool {
    n.ends_with('部')
        || n.ends_with("总署")
        || n.ends_with("总局")
        || ["国家", "国务院", "中华人民共和国", "中国", "全国"]
            .iter()
            .any(|p| n.starts_with(p))
}

/// Comparison form of a name: 人民政府 and 政府 are one organ.
fn name_key(name: &str) -> String {
    normalise(name).replace("人民政府", "政府")
}

/// Replaces an abbreviated name by a full form written elsewhere that ends the same way
/// (区政府 → 南京市江宁区人民政府).
fn full_form(name: &str, all: &[String]) -> String {
    if !is_abbreviated(name) {
        return name.to_string();
    }
    let key = name_key(name);
    all.iter()
        .find(|f| !is_abbreviated(f) && name_key(f).ends_with(&key))
        .cloned()
        .unwrap_or_else(|| name.to_string())
}

/// The issuing body or bodies: from the title, else a 发文机关 / 发布机构 line, the
/// signature, the opening sentence, a 来源 line, the site banner; full names preferred
/// over abbreviations.
fn issuer(page: &Page, title: Option<&Title>) -> (Vec<String>, bool) {
    let before = title.map_or_else(
        || {
            page.lines[..page.head_end]
                .iter()
                .position(|l| is_prose(&l.norm) || l.addressee())
                .unwrap_or(page.head_end)
        },
        |t| t.first_line,
    );
    let (stated, source) = field_orgs(page);
    let sources = [
        title.map(|t| title_orgs(&t.text)).unwrap_or_default(),
        stated,
        signature_orgs(page),
        opening_orgs(page),
        source,
        banner_orgs(page, before),
    ];
    let all: Vec<String> = sources.iter().flatten().cloned().collect();
    let Some(chosen) = sources.iter().find(|s| !s.is_empty()) else {
        return (Vec::new(), false);
    };
    let names: Vec<String> = chosen.iter().map(|n| full_form(n, &all)).collect();
    let abbreviated = names.iter().any(|n| is_abbreviated(n));
    (names, abbreviated)
}

// ---------------------------------------------------------------------------------------
// Level

/// The level of a place name by how it ends (…街道 / 镇 / 乡, 县 / 区 / 旗, 市 / 州 / 盟 /
/// 地区, 省 / 自治区 / the four municipalities).
fn place_level(place: &str) -> Option<Level> {
    let p = place.trim();
    if p.is_empty() {
        return None;
    }
    let municipality = ["北京市", "天津市", "上海市", "重庆市"]
        .iter()
        .any(|m| p == *m || p.ends_with(&format!("中国{m}")));
    Some(
        if p.ends_with("街道") || p.ends_with(['镇', '乡']) || p.ends_with("苏木") {
            Level::Township
        } else if p.ends_with('省') || p.ends_with("自治区") || municipality {
            Level::Province
        } else if p.ends_with("地区") || p.ends_with(['州', '盟']) {
            Level::City
        } else if p.ends_with(['县', '旗', '区']) {
            Level::County
        } else if p.ends_with('市') {
            Level::City
        } else {
            return None;
        },
    )
}

/// The level of an organ: a government or Party committee takes its place's level, a
/// 街道办事处 is township, anything else (局, 委, 办, 厅, 中心, 署…) is a department.
fn name_level(name: &str) -> Level {
    let n = normalise(name);
    let n = n
        .trim_start_matches("中共")
        .trim_start_matches("中国共产党");
    if n.ends_with("街道办事处") || n.ends_with("街道党工委") {
        return Level::Township;
    }
    // A development zone's 管委会 governs its zone as a county-level government does.
    let zone_board = ["管理委员会", "管委会"].iter().any(|s| n.ends_with(s));
    if zone_board && ZONE.is_match(n) {
        return Level::County;
    }
    let gov = ["人民政府", "政府", "行政公署", "公署", "党工委", "党委"]
        .iter()
        .find_map(|s| n.strip_suffix(s));
    if let Some(place) = gov {
        return place_level(place).unwrap_or(Level::Unknown);
    }
    // 县委, 中共某市委员会: a Party committee of a place, not a commission (发展改革委).
    let committee = ["委员会", "委"].iter().find_map(|s| n.strip_suffix(s));
    if let Some(level) = committee.and_then(place_level) {
        return level;
    }
    Level::Department
}

/// True when a city's report answers to another city (a county-level city): the addressee
/// or the opening names that city's Party committee or government.
fn answers_to_a_city(page: &Page, place: &str) -> bool {
    let own = place
        .trim_end_matches('市')
        .rsplit(['省', '区'])
        .next()
        .unwrap_or(place);
    let lines = page
        .head()
        .map(|(_, l)| l)
        .filter(|l| l.addressee() || page.opening().is_some_and(|o| std::ptr::eq(o, *l)));
    lines.into_iter().any(|l| {
        let first: String = l.norm.chars().take(120).collect();
        SUPERIOR_CITY.captures_iter(&first).any(|c| {
            let other = &c[1];
            !own.ends_with(other) && !other.ends_with(own)
        })
    })
}

fn level(page: &Page, issuer: &[String], title: Option<&Title>) -> Level {
    let Some(last) = issuer.last() else {
        // Nothing names an organ; the title may still name a place (南平市2019年度…).
        let head = title
            .map(|t| normalise(&crate::fold::fold(&t.text)))
            .map(|n| title_head(&n).to_string())
            .unwrap_or_default();
        return place_level(&head).unwrap_or(Level::Unknown);
    };
    let level = name_level(last);
    if level == Level::City {
        let n = normalise(last);
        let place = ["人民政府", "政府"]
            .iter()
            .find_map(|s| n.strip_suffix(s))
            .unwrap_or(&n);
        if place.ends_with('市') && answers_to_a_city(page, place) {
            return Level::County;
        }
    }
    level
}

// ---------------------------------------------------------------------------------------
// Date and year

/// The report's date: the signature's, else the best meta field (成文日期, then 发布…, then
/// a bare 日期/时间, then 印发, then 更新).
fn date(page: &Page) -> (Option<String>, DateSource) {
    let signature = page
        .tail()
        .iter()
        .rev()
        .filter(|l| l.kind == Kind::Closing)
        .filter(|l| {
            !["印发", "签发", "抄送", "发布", "浏览", "来源"]
                .iter()
                .any(|w| l.norm.contains(w))
        })
        .find_map(|l| find_date(&l.norm));
    if let Some(d) = signature {
        return (Some(d), DateSource::Signature);
    }
    match field_date(page) {
        Some(d) => (Some(d), DateSource::Published),
        None => (None, DateSource::None),
    }
}

fn field_date(page: &Page) -> Option<String> {
    let rank = |label: &str| match label {
        "成文日期" | "发文日期" => 0,
        "发布时间" | "发布日期" | "发表时间" => 1,
        "日期" | "时间" => 2,
        "印发日期" => 4,
        _ => 5,
    };
    let meta_lines = page
        .head()
        .map(|(_, l)| l)
        .chain(page.lines.iter().filter(|l| l.kind == Kind::Boilerplate))
        .filter(|l| !is_prose(&l.norm));
    let mut best: Option<(i32, String)> = None;
    let mut offer = |r: i32, d: Option<String>| {
        if let Some(d) = d {
            if best.as_ref().is_none_or(|(b, _)| r < *b) {
                best = Some((r, d));
            }
        }
    };
    for l in meta_lines {
        for c in DATE_FIELD.captures_iter(&l.norm) {
            let from = c.get(2).expect("date group").start();
            offer(rank(&c[1]), find_date(&l.norm[from..]));
        }
        if l.kind == Kind::Boilerplate && BARE_DATE.is_match(&l.norm) {
            offer(3, find_date(&l.norm));
        }
    }
    best.map(|(_, d)| d)
}

/// The year reported on: the title's, else the opening's, else the year before the date,
/// never a plan's span (2021—2025年).
fn year(doc: &Document, page: &Page, title: Option<&Title>, date: Option<&str>) -> Option<i32> {
    let date_year = date.and_then(|d| d.get(..4)?.parse::<i32>().ok());
    let plausible = |y: &i32| date_year.is_none_or(|d| *y <= d);
    let from = |t: &str| years_in(t).into_iter().find(plausible);
    if let Some(y) = title.and_then(|t| from(&normalise(&crate::fold::fold(&t.text)))) {
        return Some(y);
    }
    let skip_to = title.map_or(0, |t| t.first_line);
    let opening = doc
        .sentences
        .iter()
        .filter(|s| s.line >= skip_to && matches!(s.kind, Kind::Preamble | Kind::Measures))
        .filter(|s| !DATE_FIELD.is_match(&page.lines[s.line].norm))
        .take(8)
        .find_map(|s| from(&normalise(doc.sentence_text(s))));
    if opening.is_some() {
        return opening;
    }
    // A report on "this year" (今年以来) was not written the year after it.
    let this_year = page.opening().is_some_and(|l| l.norm.contains("今年"));
    date_year.filter(|_| !this_year).map(|y| y - 1)
}

/// Reads all metadata of a parsed document.
pub fn read(doc: &Document) -> Meta {
    let page = Page::new(doc);
    let title = title(&page);
    let (issuers, issuer_abbreviated) = issuer(&page, title.as_ref());
    let (date, date_source) = date(&page);
    let year = year(doc, &page, title.as_ref(), date.as_deref());
    let level = level(&page, &issuers, title.as_ref());
    Meta {
        title: title.map(|t| t.text),
        issuer: (!issuers.is_empty()).then(|| issuers.join(" ")),
        issuer_abbreviated,
        year,
        date,
        date_source,
        level,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(text: &str) -> Meta {
        Document::parse(text).meta
    }

    /// A page opening: `head` lines, an opening paragraph, a first heading, then `tail`.
    fn page(head: &str, opening: &str, tail: &str) -> Meta {
        meta(&format!(
            "{head}\n{opening}现将有关情况报告如下：\n一、主要举措和成效\n（一）加强组织领导\n全年召开会议3次。\n{tail}"
        ))
    }

    #[test]
    fn issuer_from_a_meta_line_naming_an_organ() {
        let m = page(
            "鄂托克旗人民政府\n2018年度法治政府建设工作报告\n发文机关：鄂托克旗人民政府\n成文日期：2019年03月15日",
            "2018年，我旗深入推进依法行政。",
            "",
        );
        assert_eq!(m.issuer.as_deref(), Some("鄂托克旗人民政府"));
        let m = page(
            "2024年度法治政府建设工作报告\n发布机构：南山区粤海街道办事处　　发布日期：2025-02-18　　信息来源：粤海街道",
            "2024年，粤海街道坚持以习近平法治思想为指导。",
            "",
        );
        assert_eq!(m.issuer.as_deref(), Some("南山区粤海街道办事处"));
        assert_eq!(m.level, "township");
    }

    #[test]
    fn a_website_is_not_an_issuer() {
        for source in [
            "沭阳县人民政府网",
            "株洲市人民政府门户网站",
            "本网",
            "中国·贾汪网",
        ] {
            let m = page(
                &format!("2022年法治政府建设工作报告\n来源：{source}　　发布时间：2023-01-16"),
                "2022年，我局坚持依法行政。",
                "",
            );
            assert_eq!(m.issuer, None, "{source}");
            assert_eq!(m.level, "unknown", "{source}");
        }
    }

    #[test]
    fn issuer_from_the_signature_opening_or_banner() {
        let signed = page(
            "2021年法治政府建设情况报告\n来源：本站　　时间：2022-03-30",
            "2021年，我区坚持以习近平法治思想为指导。",
            "特此报告。\n石家庄市裕华区人民政府\n2022年3月28日",
        );
        assert_eq!(signed.issuer.as_deref(), Some("石家庄市裕华区人民政府"));
        for (opening, issuer) in [
            ("贾汪区人民政府高度重视法治政府建设工作。", "贾汪区人民政府"),
            (
                "2023年，宁川县司法局坚持以习近平法治思想为指导。",
                "宁川县司法局",
            ),
            (
                "今年以来，化工镇人民政府在市委的领导下推进依法行政。",
                "化工镇人民政府",
            ),
        ] {
            let m = page("2023年度法治政府建设情况报告", opening, "");
            assert_eq!(m.issuer.as_deref(), Some(issuer), "{opening}");
        }
        let banner = page(
            "仁寿县人民政府\n首页 > 政务公开 > 法治政府建设\n2021年度法治政府建设情况报告\n来源：仁寿县人民政府网　　发布时间：2022-03-29",
            "2021年，我县坚持以习近平法治思想为指导。",
            "",
        );
        assert_eq!(banner.issuer.as_deref(), Some("仁寿县人民政府"));
        assert_eq!(banner.level, "county");
    }

    #[test]
    fn the_reports_own_words_beat_a_source_line() {
        // 来源 often names the office that posted the report.
        let m = page(
            "2020年法治政府建设情况报告\n发布时间：2021/3/15　来源：澄源县司法局",
            "澄源县人民政府高度重视法治政府建设。",
            "澄源县人民政府\n2021年3月12日",
        );
        assert_eq!(m.issuer.as_deref(), Some("澄源县人民政府"));
        let m = page(
            "2020年度法治政府建设工作报告\n来源：湖北省自然资源厅　　发布时间：2021-03-10 16:45",
            "2020年，厅党组坚持以习近平新时代中国特色社会主义思想为指导。",
            "",
        );
        assert_eq!(m.issuer.as_deref(), Some("湖北省自然资源厅"));
    }

    #[test]
    fn pronouns_alone_never_name_the_issuer() {
        for who in ["我局", "本市", "本县", "我区"] {
            let m = page(
                "法治政府建设年度报告",
                &format!("2018年，{who}坚持依法行政。"),
                "",
            );
            assert_eq!(m.issuer, None, "{who}");
        }
    }

    #[test]
    fn a_full_name_elsewhere_replaces_a_short_form() {
        let m = page(
            "省人民政府关于2022年度法治政府建设情况的报告",
            "2022年，省人民政府坚持依法行政。",
            "湖北省人民政府\n2023年3月20日",
        );
        assert_eq!(m.issuer.as_deref(), Some("湖北省人民政府"));
        assert!(!m.issuer_abbreviated);
        assert_eq!(m.level, "province");
        // A longer name that does not merely add the place is not a full form of it.
        let m = page(
            "八松乡人民政府2019年度法治政府建设工作报告",
            "2019年，八松乡人民政府扎实推进依法行政。",
            "康乐县八松乡人民政府\n2020年1月6日",
        );
        assert_eq!(m.issuer.as_deref(), Some("八松乡人民政府"));
    }

    #[test]
    fn an_abbreviation_alone_is_kept_and_flagged() {
        for (name, level) in [
            ("州生态环境局", "department"),
            ("区政府", "county"),
            ("市场监管局", "department"),
            ("市市场监管局", "department"),
        ] {
            let m = page(
                &format!("{name}2022年度法治政府建设情况报告"),
                &format!("2022年，{name}坚持依法行政。"),
                &format!("{name}\n2023年2月20日"),
            );
            assert_eq!(m.issuer.as_deref(), Some(name));
            assert!(m.issuer_abbreviated, "{name}");
            assert_eq!(m.level, level, "{name}");
        }
        assert!(!is_abbreviated("生态环境部"));
        assert!(!is_abbreviated("海关总署"));
        assert!(!is_abbreviated("市中区人民政府"));
        assert!(!is_abbreviated("盐城市司法局"));
        assert!(!is_abbreviated("玉林街道办事处"));
    }

    #[test]
    fn the_flag_is_left_out_of_json_when_false() {
        let json = serde_json::to_string(&Meta::default()).unwrap();
        assert!(!json.contains("issuer_abbreviated"), "{json}");
        let flagged = Meta {
            issuer_abbreviated: true,
            ..Meta::default()
        };
        assert!(serde_json::to_string(&flagged)
            .unwrap()
            .contains("\"issuer_abbreviated\":true"));
    }

    #[test]
    fn joint_issuers_are_kept_apart_by_a_space() {
        let m = page(
            "中共武义县委\n武义县人民政府\n关于2023年度法治政府建设情况的报告\n中共金华市委、金华市人民政府：",
            "2023年，武义县委、县政府坚持以习近平法治思想为指导。",
            "中共武义县委　　武义县人民政府\n2024年2月28日",
        );
        assert_eq!(m.issuer.as_deref(), Some("中共武义县委 武义县人民政府"));
        assert_eq!(
            m.title.as_deref(),
            Some("中共武义县委 武义县人民政府关于2023年度法治政府建设情况的报告")
        );
        assert_eq!(m.level, "county");
    }

    #[test]
    fn an_addressee_is_never_the_issuer() {
        for addressee in ["县委依法治县办：", "州人民政府：", "市人民政府："] {
            let m = page(
                &format!("2020年度法治政府建设工作报告\n{addressee}"),
                "2020年，我局坚持依法行政。",
                "",
            );
            assert_eq!(m.issuer, None, "{addressee}");
        }
    }

    #[test]
    fn level_from_the_issuer() {
        for (name, level) in [
            ("杭州市上城区湖滨街道办事处", "township"),
            ("八松乡人民政府", "township"),
            ("沭阳县钱集镇人民政府", "township"),
            ("宁乡市教育局", "department"),
            ("成都市发展和改革委员会", "department"),
            ("莒南县人民政府办公室", "department"),
            ("江苏省司法厅", "department"),
            ("苏州市住房公积金管理中心", "department"),
            ("海关总署", "department"),
            ("浙江省人民政府", "province"),
            ("广西壮族自治区人民政府", "province"),
            ("重庆市人民政府", "province"),
            ("北京市人民政府", "province"),
            ("湖州市人民政府", "city"),
            ("黔东南苗族侗族自治州人民政府", "city"),
            ("锡林郭勒盟行政公署", "city"),
            ("合肥高新技术产业开发区管理委员会", "county"),
            ("经开区管委会", "county"),
            ("大兴安岭地区行政公署", "city"),
            ("新化县人民政府", "county"),
            ("北京市海淀区人民政府", "county"),
            ("鄂托克旗人民政府", "county"),
            ("中共武义县委", "county"),
        ] {
            assert_eq!(name_level(name), level, "{name}");
        }
    }

    #[test]
    fn level_of_a_county_level_city() {
        let by_addressee = page(
            "洪江市人民政府关于2023年度法治政府建设情况的报告\n怀化市人民政府：",
            "2023年，洪江市人民政府坚持以习近平法治思想为指导。",
            "",
        );
        assert_eq!(by_addressee.level, "county");
        let by_opening = page(
            "宁乡市人民政府关于2022年度法治政府建设情况的报告",
            "2022年，宁乡市人民政府在长沙市委、市政府和宁乡市委的坚强领导下推进依法行政。",
            "",
        );
        assert_eq!(by_opening.level, "county");
        let prefecture = page(
            "湖州市人民政府关于2021年度法治政府建设工作情况的报告\n浙江省人民政府：",
            "2021年，在省委、省政府和市委的坚强领导下，市政府坚持依法行政。",
            "",
        );
        assert_eq!(prefecture.level, "city");
    }

    #[test]
    fn level_from_the_title_or_unknown() {
        let m = page(
            "南平县2019年度法治政府建设情况报告",
            "2019年，全县推进依法行政。",
            "",
        );
        assert_eq!(m.issuer, None);
        assert_eq!(m.level, "county");
        let m = page(
            "2020年度法治政府建设工作报告",
            "2020年，我局坚持依法行政。",
            "",
        );
        assert_eq!(m.level, "unknown");
    }

    #[test]
    fn dates_in_meta_fields() {
        for (line, date) in [
            (
                "发布时间：2023-03-28 10:21 来源：宁乡市司法局 浏览次数：",
                "2023-03-28",
            ),
            (
                "来源：市司法局　　发布日期：2022/3/15　　浏览次数：1362",
                "2022-03-15",
            ),
            ("发布时间：2022.03.25　　来源：盟司法局", "2022-03-25"),
            ("日期：2023年02月20日　　来源：州生态环境局", "2023-02-20"),
            ("时间：2023-03-31　　来源：政策法规司", "2023-03-31"),
            (
                "[2021-03-31]　　来源：北京市人民政府　　字号：大 中 小",
                "2021-03-31",
            ),
            ("发布时间：2022-03-15　　更新时间：2022-11-02", "2022-03-15"),
            (
                "发文机关：南平市人民政府　　印发日期：2020-03-20　　发布日期：2020-03-25",
                "2020-03-25",
            ),
            (
                "成文日期：2020年03月27日　　发布日期：2020年03月31日",
                "2020-03-27",
            ),
        ] {
            let m = page(
                &format!("某某县人民政府关于2022年度法治政府建设情况的报告\n{line}"),
                "2022年，某某县人民政府坚持依法行政。",
                "",
            );
            assert_eq!(m.date.as_deref(), Some(date), "{line}");
            assert_eq!(m.date_source, "published", "{line}");
        }
    }

    #[test]
    fn the_signature_date_wins() {
        let m = page(
            "某某县人民政府关于2022年度法治政府建设情况的报告\n发布时间：2023-03-30",
            "2022年，某某县人民政府坚持依法行政。",
            "特此报告。\n某某县人民政府\n二〇二三年三月二十八日\n某某县人民政府办公室　　2023年4月2日印发",
        );
        assert_eq!(m.date.as_deref(), Some("2023-03-28"));
        assert_eq!(m.date_source, "signature");
        assert_eq!(
            find_date("二〇二〇年三月十日").as_deref(),
            Some("2020-03-10")
        );
        assert_eq!(find_date("2024/1/12").as_deref(), Some("2024-01-12"));
    }

    #[test]
    fn a_plans_span_is_not_the_year() {
        assert_eq!(
            years_in("法治政府建设实施纲要(2021-2025年)"),
            Vec::<i32>::new()
        );
        assert_eq!(years_in("实施纲要（2021—2025年）"), Vec::<i32>::new());
        assert_eq!(years_in("实施纲要(2021－2025年)2022年度"), vec![2022]);
        assert_eq!(years_in("二〇二一年度"), vec![2021]);
        let m = page(
            "绍兴市人民政府关于贯彻落实《法治政府建设实施纲要（2021—2025年）》2022年度工作情况的报告",
            "2022年，我市认真贯彻落实实施纲要。",
            "",
        );
        assert_eq!(m.year, Some(2022));
        let m = page(
            "某某县人民政府关于“十四五”法治政府建设规划（2021-2025年）实施情况的报告",
            "2023年，某某县人民政府深入推进依法行政。",
            "",
        );
        assert_eq!(m.year, Some(2023));
    }

    #[test]
    fn year_from_the_opening_or_the_date() {
        let m = page(
            "临朐县人民政府关于贯彻落实《法治政府建设实施纲要（2015—2020年）》情况的报告",
            "根据有关要求，现将我县2019年度推进法治政府建设情况报告如下。",
            "",
        );
        assert_eq!(m.year, Some(2019));
        let m = page(
            "某某局法治政府建设年度报告\n发布时间：2025-01-20",
            "过去一年，某某局坚持依法行政。",
            "",
        );
        assert_eq!(m.year, Some(2024));
    }

    #[test]
    fn a_title_over_several_lines_is_joined() {
        let m = meta(
            "黔东南苗族侗族自治州人民政府\n关于2019年度法治政府建设工作情况的\n报　　告\n贵州省人民政府：\n2019年，州人民政府全面推进依法行政。\n一、工作情况",
        );
        assert_eq!(
            m.title.as_deref(),
            Some("黔东南苗族侗族自治州人民政府关于2019年度法治政府建设工作情况的报告")
        );
        assert_eq!(m.issuer.as_deref(), Some("黔东南苗族侗族自治州人民政府"));
        assert_eq!(m.level, "city");
        let m = meta("青岚市人民政府\n关于2019年度法治政府建设情况的报 告\n省人民政府：\n2019年，市政府推进依法行政。\n一、工作情况");
        assert_eq!(
            m.title.as_deref(),
            Some("青岚市人民政府关于2019年度法治政府建设情况的报告")
        );
    }

    #[test]
    fn typeset_spacing_is_closed_up() {
        assert_eq!(squeeze_spacing("关于2019年度的报 告"), "关于2019年度的报告");
        assert_eq!(
            squeeze_spacing("中共某市委　某市人民政府　关于2023年度的报告"),
            "中共某市委 某市人民政府关于2023年度的报告"
        );
    }

    #[test]
    fn a_banner_on_the_title_line_is_cut_off() {
        for (line, title) in [
            (
                "济南市历下区人民政府门户网站  历下区人民政府关于2023年度法治政府建设情况的报告",
                "历下区人民政府关于2023年度法治政府建设情况的报告",
            ),
            (
                "首页 > 政务公开 > 某某县人民政府关于2023年度法治政府建设情况的报告",
                "某某县人民政府关于2023年度法治政府建设情况的报告",
            ),
            (
                "盐城市司法局｜2022年度法治政府建设情况报告",
                "2022年度法治政府建设情况报告",
            ),
        ] {
            let m = page(line, "2023年，我区推进依法行政。", "");
            assert_eq!(m.title.as_deref(), Some(title), "{line}");
        }
        // A breadcrumb's column name is no title.
        let m = page(
            "首页 > 政务公开 > 法治政府建设 > 年度报告",
            "2018年，景宁畲族自治县人民政府全面推进依法行政。",
            "",
        );
        assert_eq!(m.title, None);
        assert_eq!(m.issuer.as_deref(), Some("景宁畲族自治县人民政府"));
    }
}
