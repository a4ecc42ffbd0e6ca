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

use crate::fold::fold_pattern;
use crate::yaml::Value;
use regex::Regex;

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

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// As written in the YAML.
    pub source: String,
    /// Compiled on the folded form.
    pub re: Regex,
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

/// A condition that could not be parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct CondError {
    /// Where in the element (`met.all[1]`).
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// Text to look for in the file to place the error on a line.
    pub needle: Option<String>,
    /// A suggestion.
    pub help: Option<String>,
}

const KEYS: &[&str] = &[
    "any", "all", "at_least", "of", "within", "name", "heading", "title", "meta", "deadline",
    "part", "items", "covers",
];

fn err(path: &str, message: impl Into<String>, needle: Option<String>) -> CondError {
    CondError {
        path: path.to_string(),
        message: message.into(),
        needle,
        help: None,
    }
}

/// Compiles one pattern as written by a rule author.
pub fn compile_pattern(source: &str) -> Result<Pattern, String> {
    let folded = fold_pattern(source);
    let re = regex::RegexBuilder::new(&folded)
        .size_limit(2 << 20)
        .build()
        .map_err(|e| {
            e.to_string()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })?;
    Ok(Pattern {
        source: source.to_string(),
        re,
    })
}

fn within(v: Option<&Value>, path: &str) -> Result<Within, CondError> {
    match v.map(|v| v.as_str()) {
        None => Ok(Within::Scope),
        Some(Some("sentence")) => Ok(Within::Sentence),
        Some(Some("paragraph")) => Ok(Within::Paragraph),
        Some(Some("section")) => Ok(Within::Section),
        Some(Some("scope")) => Ok(Within::Scope),
        Some(other) => Err(CondError {
            help: Some("within takes sentence, paragraph, section or scope".into()),
            ..err(
                &format!("{path}.within"),
                format!("unknown unit {:?}", other.unwrap_or("?")),
                other.map(str::to_string),
            )
        }),
    }
}

fn list(v: &Value, path: &str) -> Result<Vec<Cond>, CondError> {
    match v {
        Value::Sequence(items) => items
            .iter()
            .enumerate()
            .map(|(i, x)| parse(x, &format!("{path}[{i}]")))
            .collect(),
        // A single pattern where a list was expected reads as a list of one.
        Value::String(_) => Ok(vec![parse(v, path)?]),
        _ => Err(err(path, "expected a list of patterns or conditions", None)),
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

/// Parses and compiles a condition.
pub fn parse(v: &Value, path: &str) -> Result<Cond, CondError> {
    match v {
        Value::String(s) => compile_pattern(s).map(Cond::Pattern).map_err(|e| {
            err(
                path,
                format!("invalid regular expression '{s}': {e}"),
                Some(s.clone()),
            )
        }),
        Value::Mapping(m) => {
            let get = |k: &str| m.get(Value::String(k.to_string()));
            for k in m.keys() {
                let k = k.as_str().unwrap_or("?");
                if !KEYS.contains(&k) {
                    return Err(CondError {
                        help: did_you_mean(k, KEYS).map(|s| format!("did you mean `{s}`?")),
                        ..err(
                            path,
                            format!("unknown key `{k}` in a condition"),
                            Some(format!("{k}:")),
                        )
                    });
                }
            }
            // Exactly one main key: `{any: …, all: …}` would otherwise silently drop one.
            const MAIN: &[&str] = &[
                "any", "all", "at_least", "heading", "title", "meta", "deadline", "part", "items",
                "covers",
            ];
            let mains: Vec<&str> = MAIN.iter().copied().filter(|k| get(k).is_some()).collect();
            if mains.len() > 1 {
                return Err(CondError {
                    help: Some("split it: put both under `all:` or `any:`".into()),
                    ..err(
                        path,
                        format!(
                            "a condition takes one main key; found {}",
                            mains
                                .iter()
                                .map(|k| format!("`{k}`"))
                                .collect::<Vec<_>>()
                                .join(" and ")
                        ),
                        Some(format!("{}:", mains[1])),
                    )
                });
            }
            let takes_within = matches!(
                mains.first(),
                Some(&"any") | Some(&"all") | Some(&"at_least")
            );
            if get("within").is_some() && !takes_within {
                return Err(err(
                    path,
                    "`within` applies only to any, all and at_least",
                    Some("within".into()),
                ));
            }
            if get("of").is_some() && mains.first() != Some(&"at_least") {
                return Err(CondError {
                    help: Some("write `at_least: N` next to `of:`".into()),
                    ..err(path, "`of` needs `at_least`", Some("of:".into()))
                });
            }
            let name = get("name").and_then(|n| n.as_str()).map(str::to_string);
            let w = within(get("within"), path)?;
            if let Some(x) = get("any") {
                return Ok(Cond::Any {
                    of: list(x, &format!("{path}.any"))?,
                    within: w,
                    name,
                });
            }
            if let Some(x) = get("all") {
                return Ok(Cond::All {
                    of: list(x, &format!("{path}.all"))?,
                    within: w,
                    name,
                });
            }
            if let Some(n) = get("at_least") {
                let n = n.as_u64().ok_or_else(|| {
                    err(
                        path,
                        "at_least takes a whole number",
                        Some("at_least".into()),
                    )
                })? as usize;
                let of = get("of").ok_or_else(|| {
                    err(
                        path,
                        "at_least needs `of:` with the list to count",
                        Some("at_least".into()),
                    )
                })?;
                let of = list(of, &format!("{path}.of"))?;
                if n == 0 || n > of.len() {
                    return Err(err(
                        path,
                        format!(
                            "at_least: {n} can never hold with {} items in `of`",
                            of.len()
                        ),
                        Some("at_least".into()),
                    ));
                }
                return Ok(Cond::AtLeast {
                    n,
                    of,
                    within: w,
                    name,
                });
            }
            if let Some(x) = get("heading") {
                return Ok(Cond::Heading(Box::new(parse(
                    x,
                    &format!("{path}.heading"),
                )?)));
            }
            if let Some(x) = get("title") {
                return Ok(Cond::Title(Box::new(parse(x, &format!("{path}.title"))?)));
            }
            if let Some(x) = get("meta") {
                let f = match x.as_str() {
                    Some("title") => MetaField::Title,
                    Some("issuer") => MetaField::Issuer,
                    Some("year") => MetaField::Year,
                    Some("date") => MetaField::Date,
                    other => {
                        return Err(CondError {
                            help: Some("meta takes title, issuer, year or date".into()),
                            ..err(
                                path,
                                format!("unknown metadata field {:?}", other.unwrap_or("?")),
                                Some("meta:".into()),
                            )
                        })
                    }
                };
                return Ok(Cond::Meta(f));
            }
            if let Some(x) = get("deadline") {
                let s = x.as_str().unwrap_or("");
                let (m, d) = parse_mm_dd(s).ok_or_else(|| {
                    err(
                        path,
                        format!("deadline takes 'MM-DD', got {s:?}"),
                        Some("deadline".into()),
                    )
                })?;
                return Ok(Cond::Deadline { month: m, day: d });
            }
            if let Some(x) = get("part") {
                return match x.as_str() {
                    Some("heading") => Ok(Cond::Part { heading: true }),
                    Some("text") => Ok(Cond::Part { heading: false }),
                    _ => Err(CondError {
                        help: Some("part takes heading or text".into()),
                        ..err(path, "unknown part mode", Some("part:".into()))
                    }),
                };
            }
            if let Some(x) = get("items") {
                let n = x.as_u64().filter(|&n| n > 0).ok_or_else(|| {
                    err(
                        path,
                        "items takes a positive whole number",
                        Some("items:".into()),
                    )
                })?;
                return Ok(Cond::Items(n as usize));
            }
            if let Some(x) = get("covers") {
                return match x.as_str() {
                    Some("all") => Ok(Cond::Covers(Need::All)),
                    Some("some") => Ok(Cond::Covers(Need::Some)),
                    _ => Err(CondError {
                        help: Some("covers takes all or some".into()),
                        ..err(path, "unknown covers mode", Some("covers:".into()))
                    }),
                };
            }
            Err(CondError {
                help: Some("use one of: any, all, at_least/of, heading, title, meta, deadline, part, items, covers".into()),
                ..err(path, "a condition needs one of its keys", None)
            })
        }
        Value::Sequence(_) => Ok(Cond::Any {
            of: list(v, path)?,
            within: Within::Scope,
            name: None,
        }),
        _ => Err(err(
            path,
            "expected a pattern (quoted string) or a condition (mapping)",
            None,
        )),
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
