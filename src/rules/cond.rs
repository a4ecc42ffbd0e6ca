//! The condition language of `met:` and `partial:`, parsed and compiled.
//!
//! ```yaml
//! met: '述法'                                   # a pattern (regex) anywhere in scope
//! met: {any: ['述法', '述职述法']}               # one of
//! met: {all: ['第一责任人', '主要负责'], within: paragraph}   # all, in one paragraph
//! met: {at_least: 2, of: [{name: 公众参与, any: ['公众参与']}, …]}  # N distinct
//! met: {heading: '第一责任人|述法'}              # in a heading only
//! met: {title: {all: ['\d{4}', '法治政府', '报告']}}  # in the report's title
//! met: {meta: issuer}                            # metadata present
//! met: {deadline: '03-31'}                       # dated on time
//! met: {part: heading}                           # a part of the scope kinds with a heading
//! met: {items: 3}                                # at least 3 enumerated items in scope
//! met: {covers: all}                             # every problem answered by a plan
//! ```

pub use super::pattern::{compile_pattern, Pattern, PatternError};
use super::vocab::Vocabularies;
use crate::msg::{lang, t, Lang};
use crate::yaml::{Mapping, Value};

/// Where the sub-conditions of `all` / `at_least` must hold together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Within {
    /// One sentence.
    Sentence,
    /// One line of the report.
    Paragraph,
    /// One section (its heading and body).
    Section,
    /// Anywhere in the element's scope.
    Scope,
}

/// Metadata a condition can require.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetaField {
    /// The title.
    Title,
    /// The issuer.
    Issuer,
    /// The year reported on.
    Year,
    /// The date.
    Date,
}

/// How many problems must be answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Every problem.
    All,
    /// At least one.
    Some,
}

/// A compiled condition.
#[derive(Debug, Clone)]
pub enum Cond {
    /// A regex.
    Pattern(Pattern),
    /// One of.
    Any {
        of: Vec<Cond>,
        within: Within,
        name: Option<String>,
    },
    /// All of, together within a unit.
    All {
        of: Vec<Cond>,
        within: Within,
        name: Option<String>,
    },
    /// At least `n` distinct of, together within a unit.
    AtLeast {
        n: usize,
        of: Vec<Cond>,
        within: Within,
        name: Option<String>,
    },
    /// Matched against headings.
    Heading(Box<Cond>),
    /// Matched against the report's title.
    Title(Box<Cond>),
    /// A metadata field is present.
    Meta(MetaField),
    /// Dated on or before MM-DD of the year after the year reported on.
    Deadline { month: u32, day: u32 },
    /// A part of the scope kinds exists: with a heading of its own (`true`) or at all.
    Part { heading: bool },
    /// At least this many enumerated items in the scope kinds.
    Items(usize),
    /// Problems answered by plans.
    Covers(Need),
}

/// Where, in the node at [`CondError::path`], a condition error stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Spot {
    /// The node itself.
    Node,
    /// The key `k` of the mapping.
    Key(String),
    /// The value of the mapping's key `k`.
    Value(String),
    /// Byte `n` of the pattern as written.
    Inside(usize),
}

/// A condition that could not be parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct CondError {
    /// Where in the element (`met.all[1]`): a YAML path relative to the element.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// Where in that node.
    pub spot: Spot,
    /// A suggestion.
    pub help: Option<String>,
}

impl CondError {
    /// The YAML path (relative to the element) of what [`CondError::spot`] points at, and
    /// whether the key, rather than the value, is meant.
    pub fn target(&self) -> (String, bool) {
        match &self.spot {
            Spot::Key(k) => (format!("{}.{k}", self.path), true),
            Spot::Value(k) => (format!("{}.{k}", self.path), false),
            Spot::Node | Spot::Inside(_) => (self.path.clone(), false),
        }
    }
}

const KEYS: &[&str] = &[
    "any", "all", "at_least", "of", "within", "name", "heading", "title", "meta", "deadline",
    "part", "items", "covers",
];

/// The keys of which a condition takes exactly one.
const MAIN: &[&str] = &[
    "any", "all", "at_least", "heading", "title", "meta", "deadline", "part", "items", "covers",
];

fn err(path: &str, message: impl Into<String>, spot: Spot) -> CondError {
    CondError {
        path: path.to_string(),
        message: message.into(),
        spot,
        help: None,
    }
}

fn key(k: &str) -> Spot {
    Spot::Key(k.to_string())
}

fn value(k: &str) -> Spot {
    Spot::Value(k.to_string())
}

impl CondError {
    fn help(self, help: impl Into<String>) -> CondError {
        CondError {
            help: Some(help.into()),
            ..self
        }
    }
}

fn within(v: Option<&Value>, path: &str) -> Result<Within, CondError> {
    match v.map(|v| v.as_str()) {
        None => Ok(Within::Scope),
        Some(Some("sentence")) => Ok(Within::Sentence),
        Some(Some("paragraph")) => Ok(Within::Paragraph),
        Some(Some("section")) => Ok(Within::Section),
        Some(Some("scope")) => Ok(Within::Scope),
        Some(other) => Err(err(
            &format!("{path}.within"),
            t!(
                "rules.cond.unknown_unit",
                unit = format!("{:?}", other.unwrap_or("?"))
            ),
            Spot::Node,
        )
        .help(t!("rules.cond.within_help"))),
    }
}

fn list(v: &Value, path: &str, vocab: &Vocabularies) -> Result<Vec<Cond>, CondError> {
    match v {
        Value::Sequence(items) => items
            .iter()
            .enumerate()
            .map(|(i, x)| parse(x, &format!("{path}[{i}]"), vocab))
            .collect(),
        // A single pattern where a list was expected reads as a list of one.
        Value::String(_) => Ok(vec![parse(v, path, vocab)?]),
        _ => Err(err(path, t!("rules.cond.expected_list"), Spot::Node)),
    }
}

/// The closest known word to `word`, for "did you mean".
pub fn did_you_mean<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    fn dist(a: &str, b: &str) -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut cur = vec![i + 1];
            for (j, cb) in b.iter().enumerate() {
                cur.push(
                    (prev[j] + usize::from(ca != *cb))
                        .min(prev[j + 1] + 1)
                        .min(cur[j] + 1),
                );
            }
            prev = cur;
        }
        prev[b.len()]
    }
    known
        .iter()
        .map(|k| (dist(word, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min()
        .map(|(_, k)| k)
}

/// Parses and compiles a condition; `@name` references are expanded from `vocab`.
pub fn parse(v: &Value, path: &str, vocab: &Vocabularies) -> Result<Cond, CondError> {
    match v {
        Value::String(s) => pattern(s, path, vocab).map(Cond::Pattern),
        Value::Mapping(m) => mapping(m, path, vocab),
        Value::Sequence(_) => Ok(Cond::Any {
            of: list(v, path, vocab)?,
            within: Within::Scope,
            name: None,
        }),
        _ => Err(err(path, t!("rules.cond.expected_cond"), Spot::Node)),
    }
}

/// One pattern: references expanded, then compiled; errors point into the written text.
fn pattern(written: &str, path: &str, vocab: &Vocabularies) -> Result<Pattern, CondError> {
    let expanded = vocab.expand(written).map_err(|u| {
        let known: Vec<&str> = u.known.iter().map(String::as_str).collect();
        let help = match did_you_mean(&u.name, &known) {
            Some(s) => t!("rules.cond.vocab_hint", name = s),
            None => t!("rules.cond.vocab_list", names = known.join(", ")),
        };
        err(
            path,
            t!("rules.cond.unknown_vocab", name = u.name),
            Spot::Inside(u.offset),
        )
        .help(help)
    })?;
    let mut p = compile_pattern(&expanded.text).map_err(|e| {
        let spot = e
            .offset
            .map_or(Spot::Node, |o| Spot::Inside(expanded.written_offset(o)));
        let message = t!(
            "rules.cond.bad_regex",
            pattern = written,
            reason = e.message
        );
        err(path, message, spot)
    })?;
    p.written = written.to_string();
    p.at = path.to_string();
    Ok(p)
}

/// A condition written as a mapping: its keys checked, then read by its one main key.
fn mapping(m: &Mapping, path: &str, vocab: &Vocabularies) -> Result<Cond, CondError> {
    let get = |k: &str| m.get(Value::String(k.to_string()));
    let main = main_key(m, path)?;
    let name = get("name").and_then(|n| n.as_str()).map(str::to_string);
    let within = within(get("within"), path)?;
    let x = get(main).unwrap_or(&Value::Null);
    let sub = |k: &str| format!("{path}.{k}");
    Ok(match main {
        "any" => Cond::Any {
            of: list(x, &sub("any"), vocab)?,
            within,
            name,
        },
        "all" => Cond::All {
            of: list(x, &sub("all"), vocab)?,
            within,
            name,
        },
        "at_least" => {
            let (n, of) = at_least(x, get("of"), path, vocab)?;
            Cond::AtLeast {
                n,
                of,
                within,
                name,
            }
        }
        "heading" => Cond::Heading(Box::new(parse(x, &sub("heading"), vocab)?)),
        "title" => Cond::Title(Box::new(parse(x, &sub("title"), vocab)?)),
        _ => leaf(main, x, path)?,
    })
}

/// The one main key of a condition mapping, after checking every key is known and that
/// `within` and `of` stand where they mean something.
fn main_key(m: &Mapping, path: &str) -> Result<&'static str, CondError> {
    for k in m.keys() {
        let k = k.as_str().unwrap_or("?");
        if !KEYS.contains(&k) {
            let e = err(path, t!("rules.cond.unknown_key", key = k), key(k));
            return Err(match did_you_mean(k, KEYS) {
                Some(s) => e.help(t!("rules.did_you_mean", name = s)),
                None => e,
            });
        }
    }
    let has = |k: &str| m.contains_key(Value::String(k.to_string()));
    let mains: Vec<&'static str> = MAIN.iter().copied().filter(|k| has(k)).collect();
    // Exactly one main key: `{any: …, all: …}` would otherwise silently drop one.
    if mains.len() > 1 {
        let found: Vec<String> = mains.iter().map(|k| format!("`{k}`")).collect();
        let and = if lang() == Lang::En { " and " } else { "、" };
        let message = t!("rules.cond.two_mains", found = found.join(and));
        return Err(err(path, message, key(mains[1])).help(t!("rules.cond.split_help")));
    }
    let main = mains.first().copied();
    if has("within") && !matches!(main, Some("any" | "all" | "at_least")) {
        return Err(err(path, t!("rules.cond.within_where"), key("within")));
    }
    if has("of") && main != Some("at_least") {
        return Err(err(path, t!("rules.cond.of_needs"), key("of")).help(t!("rules.cond.of_help")));
    }
    main.ok_or_else(|| {
        err(path, t!("rules.cond.no_main"), Spot::Node).help(t!("rules.cond.no_main_help"))
    })
}

/// `at_least: N` with its `of:` list.
fn at_least(
    n: &Value,
    of: Option<&Value>,
    path: &str,
    vocab: &Vocabularies,
) -> Result<(usize, Vec<Cond>), CondError> {
    let n = n
        .as_u64()
        .ok_or_else(|| err(path, t!("rules.cond.at_least_number"), value("at_least")))?
        as usize;
    let of = of.ok_or_else(|| err(path, t!("rules.cond.at_least_of"), key("at_least")))?;
    let of = list(of, &format!("{path}.of"), vocab)?;
    if n == 0 || n > of.len() {
        let message = t!("rules.cond.at_least_never", n = n, items = of.len());
        return Err(err(path, message, value("at_least")));
    }
    Ok((n, of))
}

/// The conditions on metadata and structure, which take a word or a number.
fn leaf(main: &str, x: &Value, path: &str) -> Result<Cond, CondError> {
    let word = x.as_str();
    let bad = |message: String, help: &str| err(path, message, value(main)).help(help);
    match main {
        "meta" => Ok(Cond::Meta(match word {
            Some("title") => MetaField::Title,
            Some("issuer") => MetaField::Issuer,
            Some("year") => MetaField::Year,
            Some("date") => MetaField::Date,
            other => {
                let field = format!("{:?}", other.unwrap_or("?"));
                let message = t!("rules.cond.unknown_meta", field = field);
                return Err(bad(message, t!("rules.cond.meta_help")));
            }
        })),
        "deadline" => {
            let s = word.unwrap_or("");
            let (month, day) = parse_mm_dd(s).ok_or_else(|| {
                let got = format!("{s:?}");
                err(
                    path,
                    t!("rules.cond.deadline", got = got),
                    value("deadline"),
                )
            })?;
            Ok(Cond::Deadline { month, day })
        }
        "part" => match word {
            Some("heading") => Ok(Cond::Part { heading: true }),
            Some("text") => Ok(Cond::Part { heading: false }),
            _ => Err(bad(
                t!("rules.cond.unknown_part").into(),
                t!("rules.cond.part_help"),
            )),
        },
        "items" => {
            let n = x
                .as_u64()
                .filter(|&n| n > 0)
                .ok_or_else(|| err(path, t!("rules.cond.items"), value("items")))?;
            Ok(Cond::Items(n as usize))
        }
        _ => match word {
            Some("all") => Ok(Cond::Covers(Need::All)),
            Some("some") => Ok(Cond::Covers(Need::Some)),
            _ => Err(bad(
                t!("rules.cond.unknown_covers").into(),
                t!("rules.cond.covers_help"),
            )),
        },
    }
}

/// Parses `MM-DD`.
pub fn parse_mm_dd(s: &str) -> Option<(u32, u32)> {
    let (m, d) = s.split_once('-')?;
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((m, d))
}

impl Cond {
    /// Every pattern in the condition.
    pub fn patterns(&self) -> Vec<&Pattern> {
        let mut out = Vec::new();
        self.walk(&mut |c| {
            if let Cond::Pattern(p) = c {
                out.push(p);
            }
        });
        out
    }

    /// Every pattern in the condition, to be given its id in the pack's table.
    pub fn patterns_mut(&mut self) -> Vec<&mut Pattern> {
        match self {
            Cond::Pattern(p) => vec![p],
            Cond::Any { of, .. } | Cond::All { of, .. } | Cond::AtLeast { of, .. } => {
                of.iter_mut().flat_map(Cond::patterns_mut).collect()
            }
            Cond::Heading(c) | Cond::Title(c) => c.patterns_mut(),
            _ => Vec::new(),
        }
    }

    fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a Cond)) {
        f(self);
        match self {
            Cond::Any { of, .. } | Cond::All { of, .. } | Cond::AtLeast { of, .. } => {
                of.iter().for_each(|c| c.walk(f))
            }
            Cond::Heading(c) | Cond::Title(c) => c.walk(f),
            _ => {}
        }
    }

    /// A one-line description in the rule language's terms, for `explain` and advice.
    pub fn describe(&self) -> String {
        let join =
            |of: &[Cond], sep: &str| of.iter().map(Cond::describe).collect::<Vec<_>>().join(sep);
        let unit = |w: &Within| match w {
            Within::Sentence => "（同一句）",
            Within::Paragraph => "（同一段）",
            Within::Section => "（同一节）",
            Within::Scope => "",
        };
        match self {
            Cond::Pattern(p) => format!("“{}”", p.source),
            Cond::Any { of, name, .. } => name.clone().unwrap_or_else(|| join(of, " 或 ")),
            Cond::All { of, within, name } => name
                .clone()
                .unwrap_or_else(|| format!("{}{}", join(of, " 且 "), unit(within))),
            Cond::AtLeast {
                n,
                of,
                within,
                name,
            } => name
                .clone()
                .unwrap_or_else(|| format!("以下至少{n}项{}：{}", unit(within), join(of, "、"))),
            Cond::Heading(c) => format!("标题含{}", c.describe()),
            Cond::Title(c) => format!("报告标题含{}", c.describe()),
            Cond::Meta(f) => format!(
                "写明{}",
                match f {
                    MetaField::Title => "标题",
                    MetaField::Issuer => "报告主体",
                    MetaField::Year => "报告年度",
                    MetaField::Date => "日期",
                }
            ),
            Cond::Deadline { month, day } => format!("落款日期不晚于次年{month}月{day}日"),
            Cond::Part { heading: true } => "有专门标题的部分".into(),
            Cond::Part { heading: false } => "有相关段落".into(),
            Cond::Items(n) => format!("至少列出{n}项"),
            Cond::Covers(Need::All) => "每个问题都有对应的下一步安排".into(),
            Cond::Covers(Need::Some) => "至少一个问题有对应的下一步安排".into(),
        }
    }
}
