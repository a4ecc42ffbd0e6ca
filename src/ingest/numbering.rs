//! Word auto-numbering. Headings such as 一、 （一） 1. are usually not in the
//! paragraph text but generated from `word/numbering.xml`; without them the later
//! stages cannot find the report's sections.

use std::collections::{HashMap, HashSet};

use std::io::BufRead;

use quick_xml::events::{BytesStart, Event};

use super::docx_xml::{attr, each_event, XmlError};

/// Word allows list levels 0–8.
const LEVELS: usize = 9;

#[derive(Default, Clone)]
struct Level {
    start: Option<u32>,
    fmt: String,
    text: String,
    /// "Legal" numbering shows every level in decimal (1.1.2).
    legal: bool,
}

struct Num {
    abstract_id: String,
    /// `w:lvlOverride/w:startOverride`: the list restarts at these values.
    starts: Vec<(usize, u32)>,
}

/// The list definitions of a document and the running counters.
#[derive(Default)]
pub(crate) struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    nums: HashMap<String, Num>,
    /// Word counts per abstract list, so `w:num`s sharing one continue each other.
    counters: HashMap<String, [Option<u32>; LEVELS]>,
    used: HashSet<String>,
}

impl Numbering {
    /// Reads `word/numbering.xml`, streamed.
    pub(crate) fn parse(xml: impl BufRead) -> Result<Numbering, XmlError> {
        let mut p = NumberingParser::default();
        each_event(xml, |event| match event {
            Event::Start(e) | Event::Empty(e) => p.open(&e),
            Event::End(e) => p.close(e.name().as_ref()),
            _ => {}
        })?;
        Ok(p.numbering)
    }

    /// Advances the counter of list `num_id` at level `ilvl` and returns the
    /// paragraph's label, such as `一、` or `（二）`. `None` for bullets and unknown lists.
    pub(crate) fn label(&mut self, num_id: &str, ilvl: usize) -> Option<String> {
        let ilvl = ilvl.min(LEVELS - 1);
        let num = self.nums.get(num_id)?;
        let levels = self.abstracts.get(&num.abstract_id)?;
        let counters = self.counters.entry(num.abstract_id.clone()).or_default();
        if self.used.insert(num_id.to_string()) {
            for &(l, _) in &num.starts {
                if let Some(c) = counters.get_mut(l) {
                    *c = None;
                }
            }
        }
        let start = |l: usize| {
            let overridden = num.starts.iter().find(|s| s.0 == l).map(|s| s.1);
            overridden.or(levels[l].start).unwrap_or(1)
        };
        counters[ilvl] = Some(counters[ilvl].map_or(start(ilvl), |c| c + 1));
        for c in counters.iter_mut().skip(ilvl + 1) {
            *c = None;
        }
        let level = &levels[ilvl];
        if level.fmt == "bullet" {
            return None;
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            let digit = chars
                .peek()
                .and_then(|d| d.to_digit(10))
                .filter(|d| (1..=9).contains(d));
            match (c, digit) {
                ('%', Some(d)) => {
                    chars.next();
                    let l = d as usize - 1;
                    let value = counters[l].unwrap_or_else(|| start(l));
                    let fmt = if level.legal {
                        "decimal"
                    } else {
                        levels[l].fmt.as_str()
                    };
                    out.push_str(&format_number(value, fmt));
                }
                _ => out.push(c),
            }
        }
        Some(out)
    }
}

/// The definitions being read from `word/numbering.xml`: a `w:abstractNum` and its
/// `w:lvl`, or a `w:num` and its `w:lvlOverride`, until their end tags file them.
#[derive(Default)]
struct NumberingParser {
    numbering: Numbering,
    abs: Option<(String, Vec<Level>)>,
    lvl: Option<(usize, Level)>,
    num: Option<(String, Num)>,
    override_lvl: Option<usize>,
}

impl NumberingParser {
    /// A start (or empty) tag: opens a definition or sets one of its values.
    fn open(&mut self, e: &BytesStart<'_>) {
        let val = || attr(e, "w:val");
        match e.name().as_ref() {
            "w:abstractNum" => {
                let id = attr(e, "w:abstractNumId").unwrap_or_default();
                self.abs = Some((id, vec![Level::default(); LEVELS]));
            }
            "w:lvl" if self.abs.is_some() && self.num.is_none() => {
                let ilvl = attr(e, "w:ilvl").and_then(|v| v.parse().ok());
                self.lvl = ilvl.filter(|&i| i < LEVELS).map(|i| (i, Level::default()));
            }
            "w:num" => {
                let id = attr(e, "w:numId").unwrap_or_default();
                let num = Num {
                    abstract_id: String::new(),
                    starts: Vec::new(),
                };
                self.num = Some((id, num));
            }
            "w:abstractNumId" => {
                if let (Some((_, m)), Some(v)) = (self.num.as_mut(), val()) {
                    m.abstract_id = v;
                }
            }
            "w:lvlOverride" => {
                self.override_lvl = attr(e, "w:ilvl").and_then(|v| v.parse().ok());
            }
            "w:startOverride" => {
                let start = val().and_then(|v| v.parse().ok());
                if let (Some((_, m)), Some(l), Some(s)) =
                    (self.num.as_mut(), self.override_lvl, start)
                {
                    m.starts.push((l, s));
                }
            }
            name => {
                if let Some((_, l)) = self.lvl.as_mut() {
                    level_property(l, name, val);
                }
            }
        }
    }

    /// An end tag: files the definition it closes.
    fn close(&mut self, name: &str) {
        match name {
            "w:lvl" => {
                if let (Some((i, l)), Some((_, levels))) = (self.lvl.take(), self.abs.as_mut()) {
                    levels[i] = l;
                }
            }
            "w:abstractNum" => {
                if let Some((id, levels)) = self.abs.take() {
                    self.numbering.abstracts.insert(id, levels);
                }
            }
            "w:num" => {
                if let Some((id, m)) = self.num.take() {
                    self.numbering.nums.insert(id, m);
                }
            }
            "w:lvlOverride" => self.override_lvl = None,
            _ => {}
        }
    }
}

/// Sets the property of a list level that tag `name` (with value `val`) carries.
fn level_property(l: &mut Level, name: &str, val: impl Fn() -> Option<String>) {
    match name {
        "w:start" => l.start = val().and_then(|v| v.parse().ok()),
        // Word 2010 puts `custom` formats in mc:Choice and a standard one in
        // mc:Fallback; keep the standard one.
        "w:numFmt" => {
            if let Some(v) = val().filter(|v| v != "custom") {
                l.fmt = v;
            }
        }
        "w:lvlText" => l.text = val().unwrap_or_default(),
        "w:isLgl" => l.legal = !matches!(val().as_deref(), Some("0" | "false")),
        _ => {}
    }
}

/// `n` written in a `w:numFmt` style; unknown styles fall back to decimal.
pub(crate) fn format_number(n: u32, fmt: &str) -> String {
    const SIMPLE: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    // Counting writes an inner zero as 零 (一百零五); digit-by-digit styles use 〇.
    const COUNTING: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    const LEGAL: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
    let nth = |set: &str| {
        set.chars()
            .nth((n.max(1) as usize - 1) % set.chars().count())
    };
    let enclosed = |first: u32, max: u32| {
        (1..=max)
            .contains(&n)
            .then(|| char::from_u32(first + n - 1))
            .flatten()
    };
    let one = |c: Option<char>| c.map_or_else(|| n.to_string(), String::from);
    match fmt {
        "none" => String::new(),
        "decimalZero" => format!("{n:02}"),
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting" => chinese(n, COUNTING, ['十', '百', '千'], true),
        "chineseLegalSimplified" => chinese(n, LEGAL, ['拾', '佰', '仟'], false),
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => n
            .to_string()
            .chars()
            .map(|d| SIMPLE[d.to_digit(10).unwrap_or(0) as usize])
            .collect(),
        "ideographTraditional" => one(nth("甲乙丙丁戊己庚辛壬癸")),
        "ideographZodiac" => one(nth("子丑寅卯辰巳午未申酉戌亥")),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => one(enclosed(0x2460, 20)),
        "decimalEnclosedParen" => one(enclosed(0x2474, 20)),
        "decimalEnclosedFullstop" => one(enclosed(0x2488, 20)),
        "ideographEnclosedCircle" => one(enclosed(0x3280, 10)),
        "ideographLegalTraditional" => chinese(n, LEGAL, ['拾', '佰', '仟'], false),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .filter_map(|d| char::from_u32(d as u32 - '0' as u32 + 0xFF10))
            .collect(),
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperLetter" => letter(n),
        "lowerLetter" => letter(n).to_lowercase(),
        _ => n.to_string(),
    }
}

/// Chinese numerals up to 99 999 999: 十一, 二十, 一百零五, 三千零二十.
/// `short_ten` writes 10–19 as 十… rather than 一十….
fn chinese(n: u32, digits: [char; 10], units: [char; 3], short_ten: bool) -> String {
    if n == 0 {
        return digits[0].to_string();
    }
    if n >= 100_000_000 {
        return n.to_string();
    }
    if n >= 10_000 {
        let (high, low) = (n / 10_000, n % 10_000);
        let mut s = chinese(high, digits, units, short_ten);
        s.push('万');
        if low > 0 {
            if low < 1000 {
                s.push(digits[0]);
            }
            s.push_str(&chinese(low, digits, units, false));
        }
        return s;
    }
    let places = [
        (n / 1000, Some(units[2])),
        (n / 100 % 10, Some(units[1])),
        (n / 10 % 10, Some(units[0])),
        (n % 10, None),
    ];
    let mut s = String::new();
    let mut zero = false;
    for (d, unit) in places {
        if d == 0 {
            zero = !s.is_empty();
            continue;
        }
        if zero {
            s.push(digits[0]);
            zero = false;
        }
        s.push(digits[d as usize]);
        s.extend(unit);
    }
    if short_ten && (10..20).contains(&n) {
        s.remove(0);
    }
    s
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// A, B, … Z, AA, BB, … as Word writes them.
fn letter(n: u32) -> String {
    let n = n.max(1) - 1;
    let c = char::from(b'A' + (n % 26) as u8);
    std::iter::repeat_n(c, n as usize / 26 + 1).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counting() {
        let got: Vec<String> = [1, 9, 10, 11, 19, 20, 21, 100, 105, 110, 1020, 10_010]
            .map(|n| format_number(n, "chineseCounting"))
            .into();
        assert_eq!(
            got,
            [
                "一",
                "九",
                "十",
                "十一",
                "十九",
                "二十",
                "二十一",
                "一百",
                "一百零五",
                "一百一十",
                "一千零二十",
                "一万零一十"
            ]
        );
        assert_eq!(format_number(12, "chineseLegalSimplified"), "壹拾贰");
        assert_eq!(format_number(3, "ideographTraditional"), "丙");
        assert_eq!(format_number(2, "decimalEnclosedCircle"), "②");
        assert_eq!(format_number(21, "decimalEnclosedCircle"), "21");
        assert_eq!(format_number(27, "upperLetter"), "AA");
        assert_eq!(format_number(14, "lowerRoman"), "xiv");
    }

    #[test]
    fn counters_reset_deeper_levels_and_fill_parent_placeholders() {
        let xml = r#"<w:numbering xmlns:w="x">
          <w:abstractNum w:abstractNumId="0">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
          </w:abstractNum>
          <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
          <w:num w:numId="2"><w:abstractNumId w:val="0"/>
            <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
        </w:numbering>"#;
        let mut n = Numbering::parse(xml.as_bytes()).unwrap();
        let got: Vec<_> = [
            ("1", 0),
            ("1", 1),
            ("1", 1),
            ("1", 0),
            ("1", 1),
            ("2", 0),
            ("9", 0),
        ]
        .map(|(id, l)| n.label(id, l))
        .into();
        let want = ["一、", "一.1", "一.2", "二、", "二.1", "五、"].map(|s| Some(s.to_string()));
        assert_eq!(got[..6], want);
        assert_eq!(got[6], None);
    }
}
