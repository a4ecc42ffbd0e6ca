//! Lines → headings → sections → sentences, with each sentence's kind.

use super::furniture::is_furniture;
use super::kinds::{
    announces_measures, heading_combines, heading_kind_noted, introduces_list, opens_plans_noted,
    opens_problems, opens_problems_sentence, turns_to_causes, turns_to_plans_noted, YearDeps,
};
use super::organ::{is_closing_line, is_signature, is_signed};
use super::patterns::years_in;
use super::{stops, Document, Kind, Line, Section, Sentence};
use crate::builtin_regex;
use crate::builtin_regex::BuiltinRegex;
use crate::model::scorecard::Meta;

/// A numbered heading at the start of a folded line.
#[derive(Debug, Clone, Copy)]
pub struct Heading {
    /// 1 一、 2 (一) 3 1. 4 (1).
    pub level: u8,
    /// Byte length of the number prefix.
    pub number_len: usize,
}

builtin_regex!(
    static NUMBERED_1 = r"^\s*[一二三四五六七八九十]{1,3}\s*[、.,]\s*";
);
builtin_regex!(
    static NUMBERED_2 = r"^\s*\(\s*[一二三四五六七八九十]{1,3}\s*\)\s*[、.]?\s*";
);
builtin_regex!(
    /// A lost opening bracket or a lost number ("(五" dropped, leaving ")着力…").
    static NUMBERED_2_LOST = r"^\s*(?:[一二三四五六七八九十]{1,3}\)|\))\s*";
);
builtin_regex!(
    static NUMBERED_3 = r"^\s*\d{1,2}\s*(?:、|\.[^\d]|\s)\s*";
);
builtin_regex!(
    static NUMBERED_4 = r"^\s*\(\s*\d{1,2}\s*\)\s*";
);
builtin_regex!(
    static NUMBERED_4_CIRCLED = r"^\s*[①-⑳]\s*";
);

/// True when `c` can be the first char of a heading number: a numeral, a digit or a
/// bracket. Most lines open with a Han character, which no Unicode number category holds,
/// so those are told by the ten numerals without the slow path of `char::is_numeric`.
pub(super) fn may_open_number(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit() || c == '(' || c == ')';
    }
    if ('\u{4e00}'..='\u{9fff}').contains(&c) {
        return "一二三四五六七八九十".contains(c);
    }
    c.is_numeric()
}

/// The heading numbers by level, tried in order: 1 一、 2 (一) 3 1. 4 (1).
static NUMBERED: [(u8, &BuiltinRegex); 6] = [
    (1, &NUMBERED_1),
    (2, &NUMBERED_2),
    (2, &NUMBERED_2_LOST),
    (3, &NUMBERED_3),
    (4, &NUMBERED_4),
    (4, &NUMBERED_4_CIRCLED),
];

/// Recognises a numbered heading at the start of a folded line.
pub fn numbered_heading(folded: &str) -> Option<Heading> {
    // Every number opens with a numeral, a digit or a bracket after the white space (`\s`
    // is Unicode White_Space, as `char::is_whitespace`): other lines need no regex.
    let first = folded.trim_start().chars().next()?;
    if !may_open_number(first) {
        return None;
    }
    for (level, re) in NUMBERED.iter() {
        if let Some(m) = re.find(folded) {
            let mut len = m.end();
            // `1.x` matched one char of text to rule out decimals; give it back.
            if *level == 3 && folded[..len].ends_with(|c: char| !c.is_ascii() && c != '、') {
                len -= folded[..len].chars().last().map_or(0, char::len_utf8);
            }
            if folded[len..].trim().is_empty() {
                return None;
            }
            return Some(Heading {
                level: *level,
                number_len: len,
            });
        }
    }
    None
}

builtin_regex!(
    static LIST_DOT = r"^\s*\d{1,2}\.";
);

/// A list number written with the full-width dot (4．6件规范性文件…): typesetting never
/// writes a decimal that way, so the digits after it are text, not a fraction.
fn fullwidth_list_number(original: &str, folded: &str) -> Option<Heading> {
    let t = original.trim_start();
    let digits = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c));
    let n = digits.count();
    if !(1..=2).contains(&n) || t.chars().nth(n) != Some('．') {
        return None;
    }
    let m = LIST_DOT.find(folded)?;
    (!folded[m.end()..].trim().is_empty()).then(|| Heading {
        level: 3,
        number_len: m.end(),
    })
}

/// The first sentence of a line (a paragraph opens a part only in its first sentence).
fn first_sentence(line: &str) -> &str {
    stops::next_end(line, 0).map_or(line, |end| &line[..end])
}

/// Byte offset of a turn to plans (or causes) inside a sentence of a problems part.
fn turn_point(kind: Kind, text: &str, year: Option<i32>, deps: &mut YearDeps) -> Option<usize> {
    match kind {
        Kind::Problems | Kind::Causes => super::kinds::turn_position_noted(text, year, deps),
        _ => None,
    }
}

/// Where a heading's title ends inside its line: at the first full stop, colon or the
/// first inline item (一是), else the whole line if short.
fn title_end(body: &str) -> usize {
    let mut end = body.len();
    for (i, c) in body.char_indices() {
        if matches!(c, '。' | '；' | ';' | ':' | '!' | '?' | '！' | '？') {
            end = i;
            break;
        }
        if body[i..].starts_with("一是") && i > 0 {
            end = i;
            break;
        }
    }
    let t = &body[..end];
    if t.chars().count() > 40 {
        // A heading that runs into its body with no stop: cut at the first comma in reach.
        let cut = t.char_indices().nth(40).map_or(t.len(), |(i, _)| i);
        return t[..cut].rfind(',').filter(|&i| i > 6).unwrap_or(cut);
    }
    end
}

/// How an unnumbered line reads as a heading: what it announces, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bare {
    /// It names a part of the report (存在的问题和不足, 2024年工作安排, 主要工作及成效).
    Part(Kind),
    /// A short line standing alone with no part word (加强组织领导): a topic heading.
    Topic,
}

/// The longest unnumbered line read as a heading, in chars (a styled one may be longer).
const BARE_MAX: usize = 30;
const STYLED_MAX: usize = 60;

/// An unnumbered line that works as a heading: short, standing alone, no sentence-final
/// punctuation (a part word may end in a colon: 产生问题的原因:), mostly Han characters.
/// `kind_of` says what part a title announces ([`Builder::title_kind`]).
fn bare_heading(
    folded: &str,
    styled: bool,
    kind_of: &mut dyn FnMut(&str) -> Option<Kind>,
) -> Option<Bare> {
    let t = folded.trim();
    let max = if styled { STYLED_MAX } else { BARE_MAX };
    // Counted only as far as the longest heading: a paragraph is told by its first chars.
    let n = t.chars().take(max + 1).count();
    if n < 2 || n > max || t.contains(['。', ';', '|', '\t']) {
        return None;
    }
    let han = t.chars().filter(|c| is_han(*c)).count();
    let other = t
        .chars()
        .filter(|c| !is_han(*c) && !c.is_ascii_digit())
        .count();
    if han < 2 || other * 10 > n * 3 || is_signature(t) || is_closing_line(t) {
        return None;
    }
    let colon = t.ends_with(':');
    let title = t.trim_end_matches(':');
    // 产生问题的原因: is a heading; 2025年，我县将着力抓好以下工作: is a sentence that
    // introduces a list.
    if colon && title.contains([',', '，']) {
        return None;
    }
    if title.ends_with([',', '、', '!', '?', '”']) {
        return None;
    }
    if let Some(k) = kind_of(title) {
        return Some(Bare::Part(k));
    }
    if colon {
        return None;
    }
    if announces_measures(title) {
        return Some(Bare::Part(Kind::Measures));
    }
    Some(Bare::Topic)
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

struct Builder {
    lines: Vec<Line>,
    sections: Vec<Section>,
    sentences: Vec<Sentence>,
    stack: Vec<usize>,
    /// A turn inside a section: (level of the section it happened in, kind it turned to).
    turned: Option<(u8, Kind)>,
    /// The year reported on, when known: headings and turns naming a year are read by it.
    year: Option<i32>,
    /// How the reading used the year reported on, while it was unknown.
    year_use: YearUse,
    /// The last title asked about and the part it announces: a heading's title is asked
    /// up to three times in a row (is the line a heading, what part, what part opens).
    last_title: Option<(String, Option<Kind>)>,
}

/// How a reading without the year reported on (the first, whose structure the metadata
/// giving that year is read from) used the year: what its answers assumed of it, and
/// whether a heading or sentence scanned for a turn named a year.
#[derive(Debug, Default)]
pub struct YearUse {
    /// What the answers assumed of the year.
    deps: YearDeps,
    /// A heading named a year.
    heading_named: bool,
    /// The sentences scanned for a turn that hold a 年 (line, start, end in the folded
    /// line): whether they name a year is asked only when an answer would change.
    with_nian: Vec<(usize, usize, usize)>,
}

impl YearUse {
    /// True when reading `doc` (the reading this was recorded in) again in `year` would
    /// change it. A reading is redone only when a heading or a sentence scanned for a turn
    /// names a year; redoing it changes nothing unless an answer depended on the year, so
    /// both must hold.
    pub fn rereads(&self, doc: &Document, year: i32) -> bool {
        !self.deps.hold(year) && self.named_a_year(doc)
    }

    /// True when a heading or a sentence scanned for a turn named a year.
    pub fn named_a_year(&self, doc: &Document) -> bool {
        self.heading_named
            || self
                .with_nian
                .iter()
                .any(|&(l, a, b)| !years_in(&doc.lines[l].folded[a..b]).is_empty())
    }
}

impl Builder {
    fn new(year: Option<i32>) -> Builder {
        Builder {
            lines: Vec::new(),
            sections: Vec::new(),
            sentences: Vec::new(),
            stack: Vec::new(),
            turned: None,
            year,
            year_use: YearUse::default(),
            last_title: None,
        }
    }

    fn open(
        &mut self,
        heading: String,
        title: String,
        level: u8,
        kind: Kind,
        line: usize,
        has_heading: bool,
    ) -> usize {
        while let Some(&top) = self.stack.last() {
            if self.sections[top].level >= level && level > 0 {
                self.stack.pop();
            } else {
                break;
            }
        }
        let parent = self.stack.last().copied().or(if self.sections.is_empty() {
            None
        } else {
            Some(0)
        });
        let i = self.sections.len();
        if has_heading && !self.year_use.heading_named && !years_in(&title).is_empty() {
            self.year_use.heading_named = true;
        }
        let announced = if has_heading {
            self.title_kind(&title)
                .or_else(|| announces_measures(&title).then_some(Kind::Measures))
        } else {
            None
        };
        self.sections.push(Section {
            combined: has_heading && heading_combines(&title),
            heading,
            title,
            level,
            kind,
            first_line: line,
            last_line: line,
            parent,
            has_heading,
            heading_sentence: None,
            announced,
        });
        self.stack.push(i);
        i
    }

    /// The part a heading title announces in the year reported on ([`heading_kind_noted`]),
    /// the answer to the last title kept.
    fn title_kind(&mut self, title: &str) -> Option<Kind> {
        if let Some((t, k)) = &self.last_title {
            if t == title {
                return *k;
            }
        }
        let k = heading_kind_noted(title, self.year, &mut self.year_use.deps);
        self.last_title = Some((title.to_string(), k));
        k
    }

    fn current(&self) -> usize {
        *self.stack.last().unwrap_or(&0)
    }

    /// Cuts line `li` (its folded text `folded`, taken out of the line while it is read)
    /// into sentences from byte `from`, a heading's title first when `heading_end` says
    /// where it ends; returns the kind the line ends in.
    fn push_sentences(
        &mut self,
        (li, folded): (usize, &str),
        from: usize,
        mut section: usize,
        mut kind: Kind,
        heading_end: Option<usize>,
    ) -> Kind {
        let mut start = from;
        for (end, is_heading) in sentence_cuts(folded, from, heading_end) {
            if end <= start {
                continue;
            }
            let text = &folded[start..end];
            if text.trim().is_empty() {
                start = end;
                continue;
            }
            if !is_heading {
                // A turn can come mid-sentence ("…三是…有待提高等针对以上问题,我…"): the
                // words before it still belong to the part being left.
                if let Some(at) = turn_point(kind, text, self.year, &mut self.year_use.deps)
                    .filter(|&p| p > 0 && !text[..p].trim().is_empty())
                {
                    self.sentences.push(Sentence {
                        line: li,
                        start,
                        end: start + at,
                        section,
                        kind,
                        heading: false,
                    });
                    start += at;
                }
                let before = kind;
                if folded[start..end].contains('年') {
                    self.year_use.with_nian.push((li, start, end));
                }
                kind = self.sentence_turn(kind, &folded[start..end]);
                // Plans introduced by a sentence and a list (下一步，我局将重点抓好以下工作：
                // 一是…) are a part of their own, even mid-paragraph.
                if kind == Kind::Plans && before != Kind::Plans && introduces_list(&folded[start..])
                {
                    let level = self.sections[self.current()].level + 1;
                    section =
                        self.open(String::new(), String::new(), level, Kind::Plans, li, false);
                }
            }
            if is_heading {
                self.sections[section].heading_sentence = Some(self.sentences.len());
            }
            self.sentences.push(Sentence {
                line: li,
                start,
                end,
                section,
                kind,
                heading: is_heading,
            });
            start = end;
        }
        kind
    }

    /// A problems part can turn to causes, and problems or causes to plans, mid-text.
    fn sentence_turn(&mut self, kind: Kind, text: &str) -> Kind {
        let level = self.sections[self.current()].level;
        let (year, deps) = (self.year, &mut self.year_use.deps);
        let to = match kind {
            Kind::Problems | Kind::Causes if turns_to_plans_noted(text, year, deps) => Kind::Plans,
            Kind::Problems if turns_to_causes(text) => Kind::Causes,
            // A plans paragraph that first owns up to shortcomings ("但也存在一些不足，主要是…
            // 下一步，我镇将…"): the clause is a problem, the text after the turn a plan.
            Kind::Plans | Kind::Measures if opens_problems_sentence(text) => Kind::Problems,
            // Plans introduced by a turn with no heading of their own (下一步，我局将重点抓好
            // 以下工作：一是…), after the measures or after headless problems.
            Kind::Measures if opens_plans_noted(text, year, deps) => Kind::Plans,
            _ => return kind,
        };
        let at = self.turned.map_or(level, |(l, _)| l.min(level));
        self.turned = Some((at, to));
        to
    }
}

/// Where the sentences of a line cut from byte `from`: (end, true for a heading's title),
/// in order, at the stops, the heading's end and the line's end.
fn sentence_cuts(folded: &str, from: usize, heading_end: Option<usize>) -> Vec<(usize, bool)> {
    let mut cuts: Vec<(usize, bool)> = Vec::new();
    if let Some(h) = heading_end {
        cuts.push((h, true));
    }
    for end in stops::ends(&folded[from..]) {
        cuts.push((from + end, false));
    }
    cuts.push((folded.len(), false));
    // At equal positions the heading cut wins: a heading is never scanned for turns. The
    // stops come in order, so only a heading's cut is ever out of place.
    if heading_end.is_some() {
        cuts.sort_by_key(|&(pos, is_heading)| (pos, !is_heading));
    }
    cuts.dedup_by_key(|c| c.0);
    cuts
}

/// What reading line by line carries from one line to the next.
struct Reading {
    /// The first line of the closing, if the report has one.
    closing_from: Option<usize>,
    /// The report numbers its top-level headings (一、…).
    numbered_doc: bool,
    /// Each line's numbered heading, if it opens with one: asked of every line to tell
    /// `numbered_doc`, so kept for reading the line.
    numbered: Vec<Option<Heading>>,
    /// Lines the source styles as headings: line → level (0 for bold).
    styled: std::collections::HashMap<usize, u8>,
    /// A heading, or the body after the opening, has been read.
    seen_heading: bool,
    /// A paragraph of running text has been read.
    seen_body: bool,
}

/// Builds the document structure (metadata is read afterwards) of a report on `year`,
/// with the lines its source styles as headings (line, level 1–4 or 0 for bold). Also
/// says how the reading used the year reported on, so the caller knows whether the year,
/// once known, changes the reading.
pub fn build(text: &str, year: Option<i32>, styled: &[(usize, u8)]) -> (Document, YearUse) {
    // Sized first: a split has no length to give `collect`, which would grow the vector
    // (lines are large) a dozen times over.
    let mut lines = Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    lines.extend(
        text.split('\n')
            .map(|raw| Line::new(raw.strip_suffix('\r').unwrap_or(raw), Kind::Preamble)),
    );
    build_lines(lines, year, styled)
}

/// [`build`] over lines already split and folded, such as those of a first reading: the
/// second reading, once the year is known, need not fold the text again.
pub fn build_lines(
    mut lines: Vec<Line>,
    year: Option<i32>,
    styled: &[(usize, u8)],
) -> (Document, YearUse) {
    for l in &mut lines {
        l.kind = Kind::Preamble;
        l.section = 0;
    }
    let mut b = Builder::new(year);
    // About one sentence a line, give or take: most of the vector's growth happens at once.
    b.sentences.reserve(lines.len());
    b.lines = lines;
    let numbered: Vec<Option<Heading>> = b
        .lines
        .iter()
        .map(|l| numbered_heading(&l.folded))
        .collect();
    // Topic lines without numbers are headings only in a report that numbers none of its
    // top-level headings; elsewhere a short line is more likely a stray fragment.
    let mut r = Reading {
        closing_from: closing_start(&b.lines),
        numbered_doc: numbered.iter().flatten().any(|h| h.level == 1),
        numbered,
        styled: styled.iter().copied().collect(),
        seen_heading: false,
        seen_body: false,
    };
    b.open(String::new(), String::new(), 0, Kind::Preamble, 0, false);
    for li in 0..b.lines.len() {
        b.read_line(li, &mut r);
    }
    finish(&mut b);
    let year_use = std::mem::take(&mut b.year_use);
    (b.into_document(), year_use)
}

impl Builder {
    /// Reads one line: furniture, the start of the closing, a heading or a turn, then its
    /// sentences.
    fn read_line(&mut self, li: usize, r: &mut Reading) {
        // Taken out while the line is read, so reading it needs no copy; put back after.
        let folded = std::mem::take(&mut self.lines[li].folded);
        self.read_folded(li, &folded, r);
        self.lines[li].folded = folded;
    }

    /// [`Builder::read_line`] on the line's folded text.
    fn read_folded(&mut self, li: usize, folded: &str, r: &mut Reading) {
        if folded.trim().is_empty() {
            let s = self.current();
            self.lines[li].section = s;
            self.lines[li].kind = self.sections[s].kind;
            return;
        }
        if is_furniture(folded) || super::checks::mostly_lost(folded) {
            self.lines[li].kind = Kind::Boilerplate;
            self.lines[li].section = self.current();
            return;
        }
        if Some(li) == r.closing_from {
            self.stack.truncate(1);
            self.turned = None;
            self.open(String::new(), String::new(), 1, Kind::Closing, li, false);
            self.sections.last_mut().unwrap().level = 0;
        }
        let in_closing = r.closing_from.is_some_and(|c| li >= c);
        let (heading_end, body_from) = if in_closing {
            (None, 0)
        } else {
            self.opens_section(li, folded, r)
        };
        if heading_end.is_none() && is_paragraph(folded) {
            r.seen_body = true;
        }
        let s = self.current();
        let mut kind = self.turned.map_or(self.sections[s].kind, |(_, k)| k);
        if !r.seen_heading && !in_closing {
            kind = Kind::Preamble;
        }
        self.lines[li].section = s;
        let first = self.sentences.len();
        self.push_sentences((li, folded), body_from, s, kind, heading_end);
        self.lines[li].kind = self.sentences.get(first).map_or(kind, |x| x.kind);
    }

    /// Opens the section a line of the body starts, if it starts one: a numbered or bare
    /// heading, the body after the opening, or problems owned up to inside the measures.
    /// Returns where a heading's title ends in the line and where the line's text starts.
    fn opens_section(
        &mut self,
        li: usize,
        folded: &str,
        r: &mut Reading,
    ) -> (Option<usize>, usize) {
        let hint = r.styled.get(&li).copied();
        let numbered =
            r.numbered[li].or_else(|| fullwidth_list_number(&self.lines[li].text, folded));
        if let Some(h) = numbered {
            r.seen_heading = true;
            // The number is no text: 4．6件规范性文件… states six documents, not 4.6.
            return (Some(self.numbered(li, folded, &h)), h.number_len);
        }
        let after_opening = r.seen_body || r.seen_heading;
        if let Some(end) = self.bare((li, folded), hint, r.numbered_doc, after_opening) {
            r.seen_heading = true;
            return (Some(end), 0);
        }
        if !r.seen_heading && r.seen_body && opens_body(folded) {
            // No heading after the opening: what follows it is the report's body, read
            // as measures until a heading or a turn says otherwise.
            self.open(String::new(), String::new(), 1, Kind::Measures, li, false);
            r.seen_heading = true;
        } else if r.seen_heading
            && self.sections[self.current()].kind == Kind::Measures
            && self.turned.is_none()
            && opens_problems(first_sentence(folded))
        {
            let level = self.sections[self.current()].level + 1;
            self.open(
                String::new(),
                String::new(),
                level,
                Kind::Problems,
                li,
                false,
            );
        }
        (None, 0)
    }

    /// The document read so far, its metadata still to be read.
    fn into_document(self) -> Document {
        Document {
            lines: self.lines,
            sentences: self.sentences,
            sections: self.sections,
            meta: Meta::default(),
            found: Default::default(),
            warnings: Vec::new(),
            paragraphs: Default::default(),
            pages: Default::default(),
        }
    }
}

impl Builder {
    /// Opens the section of a numbered heading; returns where its title ends in the line.
    fn numbered(&mut self, li: usize, folded: &str, h: &Heading) -> usize {
        let end = h.number_len + title_end(&folded[h.number_len..]);
        let title = folded[h.number_len..end].trim().to_string();
        let own = self.title_kind(&title);
        let heading = original_prefix(&self.lines[li], end);
        self.open_heading(heading, title, h.level, own, li);
        end
    }

    /// Opens the section of an unnumbered heading line, if the line is one; returns where
    /// its title ends (the whole line).
    fn bare(
        &mut self,
        (li, folded): (usize, &str),
        hint: Option<u8>,
        numbered_doc: bool,
        after_opening: bool,
    ) -> Option<usize> {
        if !after_opening {
            return None;
        }
        let bare = bare_heading(folded, hint.is_some(), &mut |t| self.title_kind(t))?;
        let title = folded.trim().trim_end_matches(':').to_string();
        let end = folded.len();
        let cur = self.sections[self.current()].level;
        let (level, own) = match (bare, hint) {
            (_, Some(l)) if l > 0 => (l, part_of(bare)),
            // In a numbered report an unnumbered part line nests where it stands
            // (产生问题的原因: under 二、存在的问题); causes never sink below level 2.
            (Bare::Part(k), _) if numbered_doc && k != Kind::Measures => {
                let level = cur.max(1) + 1;
                let level = if k == Kind::Causes || cur == 0 {
                    level.min(2)
                } else {
                    level
                };
                (level, Some(k))
            }
            (Bare::Part(Kind::Measures), None) if numbered_doc => return None,
            (Bare::Part(k), _) if !numbered_doc => (1, Some(k)),
            (Bare::Topic, None) if numbered_doc => return None,
            (_, _) => (self.topic_level(numbered_doc), part_of(bare)),
        };
        let heading = self.lines[li].text.trim().to_string();
        self.open_heading(
            heading,
            title,
            level,
            own.filter(|k| *k != Kind::Measures),
            li,
        );
        Some(end)
    }

    /// The level of an unnumbered topic heading: one below the part it stands in.
    fn topic_level(&self, numbered_doc: bool) -> u8 {
        let deepest = self
            .stack
            .iter()
            .map(|&i| &self.sections[i])
            .filter(|s| s.has_heading && (numbered_doc || s.announced.is_some()))
            .map(|s| s.level)
            .max()
            .unwrap_or(0);
        (deepest + 1).min(4)
    }

    /// Opens a heading's section with the kind its words announce, else the kind of the
    /// part it nests in, else the kind a turn inside the enclosing part gave the text.
    fn open_heading(
        &mut self,
        heading: String,
        title: String,
        level: u8,
        own: Option<Kind>,
        li: usize,
    ) {
        let parent_kind = parent_kind_for(self, level);
        if self.turned.is_some_and(|(l, _)| level <= l) {
            self.turned = None;
        }
        let kind = match (own, self.turned) {
            (Some(k), _) => k,
            (None, Some((_, k))) => k,
            (None, None) => parent_kind,
        };
        self.open(heading, title, level, kind, li, true);
    }
}

fn part_of(bare: Bare) -> Option<Kind> {
    match bare {
        Bare::Part(k) => Some(k),
        Bare::Topic => None,
    }
}

/// True when a line reads as a paragraph of Chinese text: a full stop, or a long run that
/// is mostly Han (a site's English banner is neither).
fn is_paragraph(folded: &str) -> bool {
    if folded.contains('。') {
        return true;
    }
    let n = folded.chars().count();
    let han = folded.chars().filter(|c| is_han(*c)).count();
    n >= 40 && han * 2 >= n
}

/// True when a paragraph after the opening starts the body rather than finishing the
/// opening (现将有关情况报告如下：).
fn opens_body(folded: &str) -> bool {
    let t = folded.trim();
    let announces = ["报告如下", "汇报如下", "总结如下", "报告于下"]
        .iter()
        .any(|w| t.contains(w));
    // A paragraph, not a title-like line: it has a full stop.
    t.chars().count() >= 20 && t.contains(['。', ';']) && !t.ends_with(':') && !announces
}

/// The kind a numbered heading inherits from the section it nests in.
fn parent_kind_for(b: &Builder, level: u8) -> Kind {
    if level == 1 {
        return Kind::Measures;
    }
    for &i in b.stack.iter().rev() {
        let s = &b.sections[i];
        if s.level < level && s.level > 0 {
            return s.kind;
        }
    }
    Kind::Measures
}

/// The original text of a line up to byte `folded_end` of its folded text (the line's
/// folded text may be taken out while it is read, so the offsets are asked directly).
fn original_prefix(line: &Line, folded_end: usize) -> String {
    let o = line.offsets.original(folded_end);
    line.text[..o].trim().to_string()
}

/// The first line of the closing: 特此报告, or the signature block at the end.
fn closing_start(lines: &[Line]) -> Option<usize> {
    if let Some(i) = lines.iter().rposition(|l| {
        let t = l.folded.trim();
        t.starts_with("特此报告") || t.starts_with("专此报告")
    }) {
        return Some(i);
    }
    let mut start = None;
    for i in (0..lines.len()).rev() {
        let t = lines[i].folded.trim();
        if t.is_empty() || is_furniture(t) {
            continue;
        }
        // Long lines first: a long line is no signature, and the checks are not free.
        let signed = || is_closing_line(t) || is_signature(t) || is_signed(t);
        if t.chars().count() <= 60 && signed() {
            start = Some(i);
        } else {
            break;
        }
    }
    // A closing needs more than a lone title-like line near the top.
    start.filter(|&i| i > 3)
}

/// Sets each section's last line to the line before the next section that is not inside it.
fn finish(b: &mut Builder) {
    let n = b.lines.len();
    let count = b.sections.len();
    for i in 0..count {
        let level = b.sections[i].level;
        let start = b.sections[i].first_line;
        let mut end = n.saturating_sub(1);
        for j in i + 1..count {
            let s = &b.sections[j];
            // Everything hangs below the preamble root; it ends where the first part starts.
            let nested = i != 0
                && s.parent.is_some_and(|p| {
                    std::iter::successors(Some(p), |&q| b.sections[q].parent).any(|q| q == i)
                });
            if !nested || (s.level <= level && level > 0) || s.kind == Kind::Closing {
                end = s.first_line.saturating_sub(1).max(start);
                if s.first_line == start {
                    end = start;
                }
                break;
            }
        }
        b.sections[i].last_line = end;
    }
    // Trailing furniture after the text reads as its own part in the outline.
    if let Some(last_text) = b
        .lines
        .iter()
        .rposition(|l| !l.folded.trim().is_empty() && l.kind != Kind::Boilerplate)
    {
        if last_text + 1 < n
            && b.lines[last_text + 1..]
                .iter()
                .any(|l| l.kind == Kind::Boilerplate)
        {
            let first = last_text
                + 1
                + b.lines[last_text + 1..]
                    .iter()
                    .position(|l| l.kind == Kind::Boilerplate)
                    .unwrap_or(0);
            for s in b.sections.iter_mut() {
                if s.last_line >= first && s.first_line < first {
                    s.last_line = first - 1;
                }
            }
            b.sections.push(Section {
                heading: String::new(),
                title: String::new(),
                level: 0,
                kind: Kind::Boilerplate,
                first_line: first,
                last_line: n - 1,
                parent: None,
                has_heading: false,
                heading_sentence: None,
                announced: None,
                combined: false,
            });
        }
    }
}

/// A document of one part, for rule examples: the snippet stands under a top-level
/// heading of its kind and is read by the same parser as any report, so numbered lines
/// in it are headings and turns happen as they would in a report.
pub fn snippet(kind: Kind, heading: Option<&str>, text: &str) -> Document {
    let top = match kind {
        Kind::Measures => Some("一、主要举措和成效"),
        Kind::Problems => Some("二、存在的问题"),
        Kind::Causes => Some("二、产生问题的原因"),
        Kind::Plans => Some("三、下一年度工作安排"),
        _ => None,
    };
    let mut all = String::new();
    if let Some(h) = heading {
        all.push_str(h);
        all.push('\n');
    }
    all.push_str(text);
    if let Some(top) = top {
        return build(&format!("报告\n{top}\n{all}"), None, &[]).0;
    }
    let mut b = Builder::new(None);
    b.open(String::new(), String::new(), 0, Kind::Preamble, 0, false);
    for raw in all.lines() {
        b.lines.push(Line::new(raw, kind));
    }
    let s = b.open(
        heading.unwrap_or("").to_string(),
        String::new(),
        1,
        kind,
        0,
        heading.is_some(),
    );
    for li in 0..b.lines.len() {
        b.lines[li].section = s;
        let folded = std::mem::take(&mut b.lines[li].folded);
        b.push_sentences((li, &folded), 0, s, kind, None);
        b.lines[li].folded = folded;
    }
    b.sections[0].first_line = 1;
    b.sections[0].last_line = 0;
    b.sections[s].last_line = b.lines.len().saturating_sub(1);
    b.into_document()
}
