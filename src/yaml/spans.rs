//! Where each node of a YAML file stands, by its path (`elements[2].met.any[1]`).
//!
//! serde_yaml gives values but no positions; this index is built from a second, event-level
//! parse (saphyr-parser, whose markers count characters, so CJK columns are right) and
//! answers "on which line and column is the thing this message is about?".
//!
//! Paths: a mapping value is `parent.key` (the key as written, dots and all:
//! `profiles[1].weights.lead.shufa`), a sequence item `parent[i]`, the root `""`.

use super::YamlError;
use saphyr_parser::{Event, Marker, Parser, ScalarStyle, ScanError};
use std::cell::Cell;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A place in a YAML file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters (a CJK character is one column here; the caret in
    /// a diagnostic widens it for the terminal).
    pub column: usize,
    /// Byte offset in the file.
    pub offset: usize,
}

/// How a scalar is written, which decides how its characters map back to the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `plain`.
    Plain,
    /// `'single'`, where `''` stands for `'`.
    SingleQuoted,
    /// `"double"`, with backslash escapes.
    DoubleQuoted,
    /// `|` block.
    Literal,
    /// `>` block.
    Folded,
}

/// One node: its key (for a mapping value), its start and end, and for a scalar how it is
/// written and what it decodes to.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Where the key stands, for a value in a mapping.
    pub key: Option<Pos>,
    /// Where the value starts (an opening quote included).
    pub start: Pos,
    /// Where the value ends (exclusive).
    pub end: Pos,
    /// For a scalar: its style and decoded text.
    pub scalar: Option<(Style, String)>,
}

/// The position index of one YAML file, built when first asked (see [`Spans::lazy`]).
///
/// The second parse costs as much as serde_yaml's own, and a pack that loads without a
/// finding never needs a position: only a diagnostic does.
#[derive(Debug, Clone, Default)]
pub struct Spans {
    text: String,
    index: OnceLock<Result<Index, YamlError>>,
}

thread_local! {
    /// Indexes built on this thread, so a test can check that loading did not build one.
    static BUILT: Cell<usize> = const { Cell::new(0) };
}

/// How many span indexes this thread has built so far (each [`Spans::parse`], and each
/// [`Spans::lazy`] the first time it is asked for a position).
pub fn indexes_built() -> usize {
    BUILT.with(Cell::get)
}

impl Spans {
    /// Indexes `text` now; a syntax error comes back with its position.
    pub fn parse(text: &str) -> Result<Spans, YamlError> {
        let index = Index::parse(text)?;
        Ok(Spans {
            text: text.to_string(),
            index: OnceLock::from(Ok(index)),
        })
    }

    /// Keeps `text` and indexes it on the first question. If it does not index (the
    /// span parser refuses what serde_yaml read), every question gets `None` and
    /// [`Spans::failure`] says why.
    pub fn lazy(text: &str) -> Spans {
        Spans {
            text: text.to_string(),
            index: OnceLock::new(),
        }
    }

    fn index(&self) -> Option<&Index> {
        self.index
            .get_or_init(|| Index::parse(&self.text))
            .as_ref()
            .ok()
    }

    /// Why the index could not be built, once something asked for it; `None` while it
    /// was never needed.
    pub fn failure(&self) -> Option<&YamlError> {
        self.index.get()?.as_ref().err()
    }

    /// The node at `path`.
    pub fn get(&self, path: &str) -> Option<&Node> {
        self.index()?.nodes.get(path)
    }

    /// Where the node at `path` is named: its key in a mapping, its start in a sequence.
    pub fn key(&self, path: &str) -> Option<Pos> {
        self.get(path).map(|n| n.key.unwrap_or(n.start))
    }

    /// Where the value at `path` starts.
    pub fn value_at(&self, path: &str) -> Option<Pos> {
        self.get(path).map(|n| n.start)
    }

    /// Every path, in document order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.index()
            .into_iter()
            .flat_map(|i| i.order.iter().map(String::as_str))
    }

    /// Where byte `byte` of the decoded scalar at `path` was written.
    ///
    /// Exact for one-line plain, single-quoted (`''`) and double-quoted (escapes) scalars
    /// and for literal (`|`) blocks; for a scalar folded over several lines, and for `>`
    /// blocks, where line breaks and spaces merge, the scalar's start.
    pub fn inside(&self, path: &str, byte: usize) -> Option<Pos> {
        self.index()?.inside(path, byte)
    }
}

/// The index itself: every node by path, and where each line starts.
#[derive(Debug, Clone, Default)]
struct Index {
    text: String,
    line_starts: Vec<usize>,
    nodes: HashMap<String, Node>,
    /// Paths in document order.
    order: Vec<String>,
}

/// An open collection while walking the events.
enum Frame {
    Map {
        path: String,
        /// The key just read, waiting for its value.
        key: Option<(String, Pos)>,
    },
    Seq {
        path: String,
        next: usize,
    },
}

fn style(s: ScalarStyle) -> Style {
    match s {
        ScalarStyle::Plain => Style::Plain,
        ScalarStyle::SingleQuoted => Style::SingleQuoted,
        ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
        ScalarStyle::Literal => Style::Literal,
        ScalarStyle::Folded => Style::Folded,
    }
}

impl Index {
    /// Indexes `text`; a syntax error comes back with its position.
    fn parse(text: &str) -> Result<Index, YamlError> {
        BUILT.with(|n| n.set(n.get() + 1));
        let mut spans = Index {
            text: text.to_string(),
            line_starts: std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
            ..Index::default()
        };
        let mut stack: Vec<Frame> = Vec::new();
        for event in Parser::new_from_str(text) {
            let (event, span) = event.map_err(|e| spans.error(&e))?;
            let (start, end) = (spans.pos(&span.start), spans.pos(&span.end));
            match event {
                Event::Scalar(value, s, anchor, tag) => {
                    let start = match anchor != 0 || tag.is_some() {
                        true => spans.after_properties(start, style(s)),
                        false => start,
                    };
                    if let Some(Frame::Map { key: k @ None, .. }) = stack.last_mut() {
                        *k = Some((value.into_owned(), start));
                        continue;
                    }
                    spans.value(&mut stack, start, end, Some((style(s), value.into_owned())));
                }
                Event::Alias(_) => {
                    spans.value(&mut stack, start, end, None);
                }
                Event::MappingStart(..) | Event::SequenceStart(..) => {
                    let path = spans.value(&mut stack, start, end, None);
                    stack.push(match event {
                        Event::MappingStart(..) => Frame::Map { path, key: None },
                        _ => Frame::Seq { path, next: 0 },
                    });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    if let Some(Frame::Map { path, .. } | Frame::Seq { path, .. }) = stack.pop() {
                        if let Some(n) = spans.nodes.get_mut(&path) {
                            n.end = end;
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(spans)
    }

    /// A parse error at its place. The parser marks an unknown escape at the opening quote
    /// of its scalar; the escape itself is found by reading on from there.
    fn error(&self, e: &ScanError) -> YamlError {
        let at = self.pos(e.marker());
        let column = if e.info().contains("unknown escape") {
            bad_escape(&self.text[at.offset..]).map_or(at.column, |n| at.column + n)
        } else {
            at.column
        };
        YamlError {
            message: e.info().to_string(),
            line: Some(at.line),
            column: Some(column),
        }
    }

    /// Records a value node under the path its parent gives it, and returns the path.
    fn value(
        &mut self,
        stack: &mut [Frame],
        start: Pos,
        end: Pos,
        scalar: Option<(Style, String)>,
    ) -> String {
        let (path, key) = match stack.last_mut() {
            None => (String::new(), None),
            Some(Frame::Seq { path, next }) => {
                *next += 1;
                (format!("{path}[{}]", *next - 1), None)
            }
            Some(Frame::Map { path, key }) => {
                // A collection used as a key has no name to address it by.
                let (k, at) = key.take().unwrap_or_else(|| ("?".into(), start));
                let p = if path.is_empty() {
                    k
                } else {
                    format!("{path}.{k}")
                };
                (p, Some(at))
            }
        };
        // A complex key leaves its parent mapping waiting for a key while its own value
        // is read; the value then takes the `?` name above, which nothing looks up.
        if !self.nodes.contains_key(&path) {
            self.order.push(path.clone());
        }
        self.nodes.insert(
            path.clone(),
            Node {
                key,
                start,
                end,
                scalar,
            },
        );
        path
    }

    /// Where a scalar's own text starts when an anchor or tag (`&leaders '…'`) stands
    /// before it: the parser's span then starts inside the anchor.
    fn after_properties(&self, start: Pos, style: Style) -> Pos {
        let rest = &self.text[start.offset..];
        let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
        let skip = match style {
            Style::SingleQuoted => line.find('\''),
            Style::DoubleQuoted => line.find('"'),
            Style::Literal | Style::Folded => None,
            // Past each `&anchor` and `!tag` and the blanks after them.
            Style::Plain => {
                let mut at = 0;
                while let Some(sp) = line[at..].find(' ') {
                    at += sp + line[at + sp..].len() - line[at + sp..].trim_start().len();
                    if !line[at..].starts_with(['&', '!']) {
                        break;
                    }
                }
                Some(at)
            }
        };
        match skip {
            Some(bytes) => self.shift(start, line[..bytes].chars().count()),
            None => start,
        }
    }

    fn pos(&self, m: &Marker) -> Pos {
        let line_start = self
            .line_starts
            .get(m.line().saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len());
        let line = &self.text[line_start..];
        let offset = line_start
            + line
                .char_indices()
                .nth(m.col())
                .map_or(line.len(), |(i, _)| i);
        Pos {
            line: m.line().max(1),
            column: m.col() + 1,
            offset,
        }
    }

    /// See [`Spans::inside`].
    fn inside(&self, path: &str, byte: usize) -> Option<Pos> {
        let node = self.nodes.get(path)?;
        let Some((style, value)) = &node.scalar else {
            return Some(node.start);
        };
        let nth = value.get(..byte).unwrap_or(value).chars().count();
        let one_line = node.start.line == node.end.line;
        let raw = &self.text[node.start.offset..node.end.offset.max(node.start.offset)];
        let col = match style {
            Style::Literal => return Some(self.in_literal(node, value, nth)),
            Style::Folded => None,
            _ if !one_line => None,
            Style::Plain => Some(nth),
            Style::SingleQuoted => quoted_width(raw, nth, false).map(|w| w + 1),
            Style::DoubleQuoted => quoted_width(raw, nth, true).map(|w| w + 1),
        };
        Some(col.map_or(node.start, |c| self.shift(node.start, c)))
    }

    /// In a literal block each content line keeps its text after the block's indentation.
    fn in_literal(&self, node: &Node, value: &str, nth: usize) -> Pos {
        let before: String = value.chars().take(nth).collect();
        let down = before.matches('\n').count();
        let across = before.rsplit('\n').next().map_or(0, |l| l.chars().count());
        let line = node.start.line + down;
        match self.line_starts.get(line - 1) {
            Some(&offset) => {
                let line_start = Pos {
                    line,
                    column: 1,
                    offset,
                };
                self.shift(line_start, node.start.column - 1 + across)
            }
            None => node.start,
        }
    }

    /// `at` moved `chars` characters to the right on its line.
    fn shift(&self, at: Pos, chars: usize) -> Pos {
        let rest = &self.text[at.offset.min(self.text.len())..];
        let offset = at.offset
            + rest
                .char_indices()
                .nth(chars)
                .map_or(rest.len(), |(i, _)| i);
        Pos {
            column: at.column + chars,
            offset,
            ..at
        }
    }
}

/// Characters from the opening `"` of `scalar` to its first backslash that YAML does not
/// take as an escape.
fn bad_escape(scalar: &str) -> Option<usize> {
    const ESCAPES: &str = "0abt\tnvfre \"/\\N_LPxuU\n\r";
    let chars: Vec<char> = scalar.chars().take_while(|c| *c != '\n').collect();
    let mut i = 1;
    while i < chars.len() && chars[i] != '"' {
        if chars[i] == '\\' {
            if !chars.get(i + 1).is_some_and(|c| ESCAPES.contains(*c)) {
                return Some(i);
            }
            i += 1;
        }
        i += 1;
    }
    None
}

/// How many characters after the opening quote the `nth` decoded character stands.
fn quoted_width(raw: &str, nth: usize, double: bool) -> Option<usize> {
    let chars: Vec<char> = raw.chars().skip(1).collect();
    let (mut i, mut decoded) = (0, 0);
    while decoded < nth {
        let c = *chars.get(i)?;
        i += match (c, double) {
            ('\'', false) => 2,
            ('\\', true) => match chars.get(i + 1)? {
                'x' => 4,
                'u' => 6,
                'U' => 10,
                _ => 2,
            },
            _ => 1,
        };
        decoded += 1;
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "\
schema: 1
elements:
  - id: lead.一
    met: '三项制度'
  - id: lead.二
    met: 落实三项制度(
    partial: '行政''执法(三项'
    q: \"双引号\\\\d三项\\t\"
    lit: |
      第一行三项
      第二行
    flow: {any: ['三项', x]}
    anchored: [&a '甲乙', &b !!str 丙丁, *a]
weights:
  lead.shufa: 2
";

    fn at(s: &Spans, p: Option<Pos>) -> (usize, usize, char) {
        let p = p.unwrap();
        (p.line, p.column, s.text[p.offset..].chars().next().unwrap())
    }

    #[test]
    fn keys_and_values_by_path() {
        let s = Spans::parse(SRC).unwrap();
        assert_eq!(at(&s, s.key("elements[1].met")), (6, 5, 'm'));
        assert_eq!(at(&s, s.value_at("elements[1].met")), (6, 10, '落'));
        assert_eq!(at(&s, s.key("elements[0]")), (3, 5, 'i'));
        assert_eq!(at(&s, s.value_at("elements[1].flow.any[1]")), (12, 24, 'x'));
        assert_eq!(at(&s, s.key("weights.lead.shufa")), (15, 3, 'l'));
        // Past the anchor and the tag; an alias stands at its `*`.
        assert_eq!(
            at(&s, s.value_at("elements[1].anchored[0]")),
            (13, 19, '\'')
        );
        assert_eq!(
            at(&s, s.inside("elements[1].anchored[1]", 3)),
            (13, 35, '丁')
        );
        assert_eq!(at(&s, s.value_at("elements[1].anchored[2]")), (13, 38, '*'));
        assert_eq!(s.get("elements[0].met").unwrap().end.line, 4);
        assert!(s.get("elements[2]").is_none());
    }

    #[test]
    fn characters_inside_scalars_map_back_through_quoting() {
        let s = Spans::parse(SRC).unwrap();
        let byte = |v: &str, c: char| v.find(c).unwrap();
        // Plain: one for one.
        assert_eq!(
            at(&s, s.inside("elements[1].met", byte("落实三项制度(", '('))),
            (6, 16, '(')
        );
        // Single-quoted: the quote, then `''` for one `'`.
        let v = "行政'执法(三项";
        assert_eq!(
            at(&s, s.inside("elements[1].partial", byte(v, '('))),
            (7, 21, '(')
        );
        assert_eq!(
            at(&s, s.inside("elements[0].met", byte("三项制度", '制'))),
            (4, 13, '制')
        );
        // Double-quoted: `\\` and `\t` are two characters each.
        let v = "双引号\\d三项\t";
        assert_eq!(
            at(&s, s.inside("elements[1].q", byte(v, '三'))),
            (8, 15, '三')
        );
        // Literal block: line and column within the block.
        let v = "第一行三项\n第二行\n";
        assert_eq!(
            at(&s, s.inside("elements[1].lit", byte(v, '二'))),
            (11, 8, '二')
        );
        assert_eq!(
            at(&s, s.inside("elements[1].flow.any[0]", 3)),
            (12, 20, '项')
        );
    }

    proptest::proptest! {
        #[test]
        fn any_text_indexes_without_panicking(text in "[a-z:'\"\\\\|>\\-\\[\\]{},#&*! \n甲乙]{0,80}") {
            if let Ok(s) = Spans::parse(&text) {
                for path in s.paths() {
                    let _ = (s.key(path), s.value_at(path));
                    for byte in 0..8 {
                        let _ = s.inside(path, byte);
                    }
                }
            }
        }
    }

    #[test]
    fn syntax_errors_have_their_place() {
        let e = Spans::parse("a:\n  b: 1\n   c: 2\n").unwrap_err();
        assert_eq!((e.line, e.column), (Some(3), Some(5)), "{e:?}");
        // At the backslash of the bad escape, not at the opening quote.
        let e = Spans::parse("met: \"审计\\t\\d+个\"\n").unwrap_err();
        assert!(e.message.contains("unknown escape"), "{e:?}");
        assert_eq!((e.line, e.column), (Some(1), Some(11)), "{e:?}");
    }
}
