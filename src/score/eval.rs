//! Evaluating a compiled condition against a document.

use super::hits::{HitIndex, Match};
use crate::document::items::{count, items, Item};
use crate::document::Document;
use crate::model::Kind;
use crate::rules::cond::{Cond, MetaField, Pattern, Within};
use crate::rules::RulePack;
use std::collections::BTreeSet;

/// A match: a byte range of a folded line.
pub type Hit = crate::document::Span;

/// What evaluating a condition found.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// The condition holds.
    pub ok: bool,
    /// Matches supporting it (a few, in text order of discovery).
    pub hits: Vec<Hit>,
    /// Matches the negation guard threw out.
    pub negated: Vec<Hit>,
    /// The element cannot be judged (no date for a deadline).
    pub not_applicable: Option<String>,
    /// For counting conditions: how many were found.
    pub found: usize,
    /// Items the condition needed but did not find (a problem with no matching plan).
    pub gaps: Vec<Hit>,
}

/// Everything evaluation needs about one element's evaluation.
pub struct Ctx<'a> {
    /// The report.
    pub doc: &'a Document,
    /// The report's matches, found once for every element.
    pub hits: &'a HitIndex<'a>,
    /// The pack (negation words, topics).
    pub pack: &'a RulePack,
    /// Kinds whose text counts.
    pub scope: &'a [Kind],
    /// Whether the negation guard applies.
    pub negation: bool,
    /// Whether matches inside a document or law name (《…》) count.
    pub titles: bool,
    /// A profile's reporting deadline, overriding the rule's.
    pub deadline: Option<(u32, u32)>,
}

/// How many matches a condition keeps to show.
pub(super) const MAX_HITS: usize = 6;

impl Ctx<'_> {
    /// Sentence indices whose kind is in scope.
    pub fn unit(&self) -> Vec<usize> {
        (0..self.doc.sentences.len())
            .filter(|&i| self.scope.contains(&self.doc.sentences[i].kind))
            .collect()
    }

    fn groups(&self, unit: &[usize], within: Within) -> Vec<Vec<usize>> {
        let key = |i: usize| -> usize {
            let s = &self.doc.sentences[i];
            match within {
                Within::Sentence => i,
                Within::Paragraph => s.line,
                Within::Section => s.section,
                Within::Scope => 0,
            }
        };
        let mut out: Vec<Vec<usize>> = Vec::new();
        let mut last = None;
        for &i in unit {
            let k = key(i);
            if last != Some(k) || within == Within::Section && out.is_empty() {
                out.push(Vec::new());
            }
            out.last_mut().expect("group").push(i);
            last = Some(k);
        }
        if within == Within::Paragraph {
            // A paragraph is read under its heading: (四)推进依法科学民主决策 over a paragraph
            // that names only the procedures still says they were a decision's.
            for g in out.iter_mut() {
                let sec = &self.doc.sections[self.doc.sentences[g[0]].section];
                if let Some(h) = sec.heading_sentence {
                    if !g.contains(&h) && unit.binary_search(&h).is_ok() {
                        g.insert(0, h);
                    }
                }
            }
            return out;
        }
        if within == Within::Section {
            // Sections can be interrupted by nested ones; join the pieces of each.
            let mut merged: Vec<Vec<usize>> = Vec::new();
            let mut at: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
            for g in out {
                let sec = self.doc.sentences[g[0]].section;
                match at.get(&sec) {
                    Some(&k) => merged[k].extend(g),
                    None => {
                        at.insert(sec, merged.len());
                        merged.push(g);
                    }
                }
            }
            return merged;
        }
        out
    }

    /// Evaluates `c` over the sentences `unit`.
    pub fn eval(&self, c: &Cond, unit: &[usize]) -> Outcome {
        match c {
            // Conditions on the text in scope.
            Cond::Pattern(p) => self.pattern(p, unit),
            Cond::Any { of, within, .. } => self.combine(of, unit, *within, 1, Keep::ANY),
            Cond::All { of, within, .. } => self.combine(of, unit, *within, of.len(), Keep::EACH),
            Cond::AtLeast { n, of, within, .. } => self.combine(of, unit, *within, *n, Keep::EACH),
            Cond::Heading(inner) => self.under_headings(inner, unit),
            // Conditions on the report's shape.
            Cond::Part { heading } => self.part(*heading, unit),
            Cond::Items(n) => self.items(*n),
            Cond::Covers(need) => self.covers(*need),
            // Conditions on the metadata.
            Cond::Title(inner) => self.title(inner),
            Cond::Meta(f) => self.meta(*f),
            Cond::Deadline { month, day } => self.deadline(*month, *day),
        }
    }
}

/// Which matches of a combination's parts to keep: every part's, up to a total (`any`:
/// one part is enough, show what matched), or a few of each part's (`all`, `at_least`:
/// show every part that holds).
#[derive(Debug, Clone, Copy)]
struct Keep {
    each: usize,
    total: usize,
}

impl Keep {
    const ANY: Keep = Keep {
        each: usize::MAX,
        total: MAX_HITS,
    };
    const EACH: Keep = Keep {
        each: 3,
        total: usize::MAX,
    };
}

// Conditions on the text in scope.
impl Ctx<'_> {
    /// A pattern: the first match of each sentence that is neither negated nor inside a
    /// cited name, for a few sentences — read from the report's hit index, in the order
    /// of `unit`.
    fn pattern(&self, p: &Pattern, unit: &[usize]) -> Outcome {
        let found = self.hits.lazy(p);
        let mut o = Outcome::default();
        if unit.windows(2).all(|w| w[0] < w[1]) {
            // In text order: walk the pattern's candidates within the unit's bounds,
            // searching only those in the unit, until enough hits are kept.
            let (Some(&lo), Some(&hi)) = (unit.first(), unit.last()) else {
                return o;
            };
            let from = found.sentences().partition_point(|&s| s < lo);
            for (k, &si) in found.sentences().iter().enumerate().skip(from) {
                if si > hi || o.hits.len() >= MAX_HITS {
                    break;
                }
                if unit.binary_search(&si).is_ok() {
                    self.take(&mut o, si, found.get(k));
                }
            }
        } else {
            for &si in unit {
                if o.hits.len() >= MAX_HITS {
                    break;
                }
                if let Some(ms) = found.at(si) {
                    self.take(&mut o, si, ms);
                }
            }
        }
        o.ok = !o.hits.is_empty();
        o.found = o.hits.len();
        o
    }

    /// A sentence's matches as this element reads them: cited names skipped unless it
    /// counts them, negated ones set aside when its guard is on, the first other one kept.
    fn take(&self, o: &mut Outcome, si: usize, matches: &[Match]) {
        let s = &self.doc.sentences[si];
        for m in matches {
            if !self.titles && m.in_title {
                continue;
            }
            let hit = Hit {
                line: s.line,
                start: s.start + m.start,
                end: s.start + m.end,
            };
            if self.negation && m.negated {
                o.negated.push(hit);
            } else {
                o.hits.push(hit);
                break;
            }
        }
    }

    /// At least `need` of `of` holding together in one group (sentence, paragraph, section
    /// or the whole scope): the first group that has them, else the one that came closest,
    /// with the negated matches of every group.
    fn combine(
        &self,
        of: &[Cond],
        unit: &[usize],
        within: Within,
        need: usize,
        keep: Keep,
    ) -> Outcome {
        let mut best = Outcome::default();
        let mut step = |g: &[usize]| -> Option<Outcome> {
            // A group where no part can find anything changes nothing: pass it over.
            if need > 0 && !of.iter().any(|c| self.may_find(c, g)) {
                return None;
            }
            let mut o = Outcome::default();
            for child in of {
                let r = self.eval(child, g);
                o.negated.extend(r.negated);
                if r.ok {
                    o.found += 1;
                    o.hits.extend(r.hits.into_iter().take(keep.each));
                }
            }
            o.hits.truncate(keep.total);
            if o.found >= need {
                o.ok = true;
                return Some(o);
            }
            if o.found > best.found {
                best.found = o.found;
                best.hits = o.hits;
            }
            best.negated.extend(o.negated);
            None
        };
        if within == Within::Sentence {
            // A sentence's group is a run of its index: slices of the unit, none built.
            for g in unit.chunk_by(|a, b| a == b) {
                if let Some(o) = step(g) {
                    return o;
                }
            }
        } else {
            for g in self.groups(unit, within) {
                if let Some(o) = step(&g) {
                    return o;
                }
            }
        }
        best
    }

    /// False only when `c` surely finds nothing in `g`, not even a negated match: none of
    /// its patterns matches in a sentence of `g`, and it needs at least one to hold.
    fn may_find(&self, c: &Cond, g: &[usize]) -> bool {
        match c {
            Cond::Pattern(p) => {
                let found = self.hits.lazy(p);
                g.iter().any(|&si| found.at(si).is_some())
            }
            Cond::Any { of, .. } | Cond::All { of, .. } if !of.is_empty() => {
                of.iter().any(|x| self.may_find(x, g))
            }
            Cond::AtLeast { n, of, .. } if *n > 0 => of.iter().any(|x| self.may_find(x, g)),
            _ => true,
        }
    }

    /// `inner` in the headings above the text in scope.
    fn under_headings(&self, inner: &Cond, unit: &[usize]) -> Outcome {
        let doc = self.doc;
        let mut secs = BTreeSet::new();
        for &si in unit {
            secs.extend(doc.ancestry(doc.sentences[si].section));
        }
        let heads: Vec<usize> = secs
            .iter()
            .filter_map(|&i| doc.sections[i].heading_sentence)
            .collect();
        self.eval(inner, &heads)
    }
}

// Conditions on the metadata: read from what the document found, never searched again.
impl Ctx<'_> {
    /// `inner` in the title as read (joined, typeset spaces squeezed: 报 告 → 报告), with
    /// the evidence pointing at the title's first line.
    fn title(&self, inner: &Cond) -> Outcome {
        let doc = self.doc;
        let (Some(td), Some(hits)) = (doc.found.title_words.as_deref(), self.hits.title()) else {
            return Outcome::default();
        };
        let tctx = Ctx {
            doc: td,
            hits,
            pack: self.pack,
            scope: &Kind::ALL,
            negation: false,
            titles: true,
            deadline: None,
        };
        let mut o = tctx.eval(inner, &(0..td.sentences.len()).collect::<Vec<_>>());
        let at = doc.found.title_line.unwrap_or(Hit {
            line: 0,
            start: 0,
            end: 0,
        });
        for h in o.hits.iter_mut() {
            *h = at;
        }
        o.hits.truncate(1);
        o
    }

    /// A metadata field is known, shown where the text first gives it.
    fn meta(&self, f: MetaField) -> Outcome {
        let (m, found) = (&self.doc.meta, &self.doc.found);
        let (known, at) = match f {
            MetaField::Title => (m.title.is_some(), found.title),
            MetaField::Issuer => (m.issuer.is_some(), found.issuer),
            MetaField::Year => (m.year.is_some(), found.year),
            MetaField::Date => (m.date.is_some(), found.date),
        };
        Outcome {
            ok: known,
            hits: at.into_iter().collect(),
            ..Outcome::default()
        }
    }

    /// The report is dated no later than the deadline (the profile's, else `month`-`day`)
    /// of the year after the one reported on; without a date it cannot be judged.
    fn deadline(&self, month: u32, day: u32) -> Outcome {
        let doc = self.doc;
        let (month, day) = self.deadline.unwrap_or((month, day));
        let (Some(date), Some(year)) = (&doc.meta.date, doc.meta.year) else {
            return Outcome {
                not_applicable: Some("文中没有落款日期或发布日期，无法判断是否按时".into()),
                ..Outcome::default()
            };
        };
        let limit = format!("{:04}-{month:02}-{day:02}", year + 1);
        Outcome {
            ok: date.as_str() <= limit.as_str(),
            hits: doc.found.date_line.into_iter().collect(),
            ..Outcome::default()
        }
    }
}

// Conditions on the report's shape.
impl Ctx<'_> {
    /// Text in scope that stands in a part of its own: under a heading that announces it
    /// (alone or combined, 存在的困难及下一步计划), or a paragraph block that opens it with
    /// no heading — not a clause inside another part's paragraph. Without `heading`, any
    /// text in scope.
    fn part(&self, heading: bool, unit: &[usize]) -> Outcome {
        let doc = self.doc;
        let mut o = Outcome::default();
        for &si in unit {
            let s = &doc.sentences[si];
            let titled = doc.ancestry(s.section).any(|a| {
                let sec = &doc.sections[a];
                let announced = sec.has_heading
                    && (self.scope.contains(&sec.kind)
                        || sec.combined
                        || sec.announced.is_some_and(|k| self.scope.contains(&k)));
                let own_block = !sec.has_heading && self.scope.contains(&sec.kind);
                sec.level > 0 && (announced || own_block)
            });
            if !heading || titled {
                o.ok = true;
                o.hits.push(Hit {
                    line: s.line,
                    start: s.start,
                    end: s.end,
                });
                break;
            }
        }
        o
    }

    /// At least `n` enumerated items in scope.
    fn items(&self, n: usize) -> Outcome {
        let doc = self.doc;
        let list = items(doc, self.scope);
        let found = count(&list);
        Outcome {
            ok: found >= n,
            found,
            hits: list
                .iter()
                .take(MAX_HITS)
                .map(|it| item_hit(doc, it))
                .collect(),
            ..Outcome::default()
        }
    }
}

/// The opening words of an item, as a hit on its line.
pub(super) fn item_hit(doc: &Document, it: &Item) -> Hit {
    let l = &doc.lines[it.line].folded;
    let start = l
        .find(&it.text.chars().take(6).collect::<String>())
        .unwrap_or(0);
    // Highlight the item's opening words, not the whole item.
    let head: usize = it.text.chars().take(16).map(char::len_utf8).sum();
    let end = (start + head).min(l.len());
    let end = (end..=l.len())
        .find(|&e| l.is_char_boundary(e))
        .unwrap_or(l.len());
    Hit {
        line: it.line,
        start,
        end,
    }
}
