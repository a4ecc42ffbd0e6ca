//! Stage 4 — score a document against a compiled rule pack.

mod covers;
pub mod eval;
pub mod examples;
mod guards;
pub mod hits;
mod indicators;

use crate::document::Document;
use crate::model::scorecard::*;
use crate::model::Kind;
use crate::rules::schema::ProfileDef;
use crate::rules::{Element, RulePack};
use eval::{Ctx, Hit, Outcome};
use hits::HitIndex;

/// The index of the sentence a hit stands in. Sentences are in text order, so a binary
/// search finds it.
fn sentence_of(doc: &Document, hit: &Hit) -> Option<usize> {
    let k = doc
        .sentences
        .partition_point(|s| (s.line, s.end) <= (hit.line, hit.start));
    doc.sentences
        .get(k)
        .filter(|s| s.line == hit.line && s.start <= hit.start)
        .map(|_| k)
}

/// Quotes the sentence around a hit from the original text, shortened around the match.
fn evidence(doc: &Document, hit: &Hit) -> Evidence {
    let line = &doc.lines[hit.line];
    let sentence = sentence_of(doc, hit).map(|k| &doc.sentences[k]);
    let (s_start, s_end, section, kind) = match sentence {
        Some(s) => (s.start, s.end.max(hit.end), s.section, s.kind),
        None => (0, line.folded.len(), line.section, line.kind),
    };
    let map = |b: usize| line.original_offset(b);
    let (os, oe, ms, me) = (map(s_start), map(s_end), map(hit.start), map(hit.end));
    // Long run-on sentences are cut to a window around the match.
    const BEFORE: usize = 30;
    const AFTER: usize = 80;
    let (before, after) = (&line.text[os..ms], &line.text[me..oe]);
    // The last BEFORE characters and the first AFTER, found from the match outwards.
    let cut_before = before.char_indices().rev().nth(BEFORE - 1).map(|(i, _)| i);
    let cut_after = after.char_indices().nth(AFTER).map(|(i, _)| i);
    let mut text = String::new();
    match cut_before {
        Some(i) if i > 0 => {
            text.push('…');
            text.push_str(&before[i..]);
        }
        _ => text.push_str(before),
    }
    text.push_str(&line.text[ms..me]);
    match cut_after {
        Some(i) => {
            text.push_str(&after[..i]);
            text.push('…');
        }
        None => text.push_str(after),
    }
    // Placed by the matched words, as the paragraph is.
    let page = doc.page_at(hit.line, ms);
    Evidence {
        text: text.trim().to_string(),
        line: hit.line + 1,
        // The matched words, not the sentence's start: a sentence may run on from the
        // cell or paragraph before, the words themselves stand in one.
        paragraph: doc.paragraph_at(hit.line, ms),
        page: page.map(|(page, _)| page),
        page_line: page.map(|(_, row)| row),
        section: doc.section_label(section),
        kind,
        matched: vec![line.text[ms..me].to_string()],
    }
}

/// The evidence an expert would quote first: one entry per sentence with every matched
/// word in it, sentences stating figures first, then those with more matched text.
fn ranked_evidence(doc: &Document, hits: &[Hit]) -> Vec<Evidence> {
    // Keyed by the hit's sentence (or its line, outside any sentence).
    let mut groups: Vec<((usize, Option<usize>), Evidence, usize)> = Vec::new();
    for h in hits {
        let key = (h.line, sentence_of(doc, h));
        let ev = evidence(doc, h);
        let weight = h.end - h.start;
        match groups.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, g, w)) => {
                for m in ev.matched {
                    if !g.matched.contains(&m) {
                        g.matched.push(m);
                        *w += weight;
                    }
                }
            }
            None => groups.push((key, ev, weight)),
        }
    }
    let concrete = |e: &Evidence| {
        e.text
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    };
    groups.sort_by_key(|(_, e, w)| (std::cmp::Reverse(concrete(e)), std::cmp::Reverse(*w)));
    groups.into_iter().map(|(_, e, _)| e).take(3).collect()
}

fn near_miss_reason(kind: Kind) -> &'static str {
    match kind {
        Kind::Plans => "只在下一步安排中提到，未见落实情况",
        Kind::Problems => "只在存在的问题中提到，属于不足而非成效",
        Kind::Causes => "只在原因分析中提到，属于不足而非成效",
        Kind::Preamble => "只在前言中提到，未见具体举措",
        Kind::Closing => "只在结尾中提到",
        _ => "出现在本项不计分的部分",
    }
}

struct Judged {
    status: Status,
    hits: Vec<Hit>,
    near: Option<NearMiss>,
    na_reason: Option<String>,
}

impl Judged {
    /// An element that does not apply to this report, for `reason`.
    fn not_applicable(reason: String) -> Judged {
        Judged {
            status: Status::NotApplicable,
            hits: Vec::new(),
            near: None,
            na_reason: Some(reason),
        }
    }
}

fn judge(hits: &HitIndex, pack: &RulePack, e: &Element, deadline: Option<(u32, u32)>) -> Judged {
    let doc = hits.doc();
    let ctx = Ctx {
        doc,
        hits,
        pack,
        scope: &e.scope,
        negation: e.negation,
        titles: e.titles,
        deadline,
    };
    let unit = ctx.unit();
    let met = ctx.eval(&e.met, &unit);
    if let Some(r) = met.not_applicable.clone() {
        return Judged::not_applicable(r);
    }
    if met.ok {
        return Judged {
            status: Status::Met,
            hits: met.hits,
            near: None,
            na_reason: None,
        };
    }
    let partial: Option<Outcome> = e.partial.as_ref().map(|p| ctx.eval(p, &unit));
    let (status, hits) = match &partial {
        Some(p) if p.ok => (Status::Partial, p.hits.clone()),
        _ => (Status::Missing, Vec::new()),
    };
    // Near-misses: the element's words out of scope, a problem with no plan, or words the
    // negation guard threw out.
    let near = out_of_scope(&ctx, e, status == Status::Missing)
        .or_else(|| {
            met.gaps.first().map(|h| NearMiss {
                reason: "这个问题没有找到主题相同的下一步安排".to_string(),
                evidence: evidence(doc, h),
            })
        })
        .or_else(|| {
            let negated = partial.as_ref().map_or(&[][..], |p| &p.negated[..]);
            met.negated.iter().chain(negated).next().map(|h| NearMiss {
                reason: "相关表述带有否定或尚未落实（如“尚未”“有待”），不计为成效".to_string(),
                evidence: evidence(doc, h),
            })
        });
    Judged {
        status,
        hits,
        near,
        na_reason: None,
    }
}

/// The element's words where they do not count: met-level words first, then — only when
/// nothing counted at all (`missing`) — partial-level ones. Only conditions made of words
/// can be found elsewhere; structure (parts, items, pairings) has no out-of-scope
/// counterpart.
fn out_of_scope(ctx: &Ctx, e: &Element, missing: bool) -> Option<NearMiss> {
    let outside: Vec<Kind> = Kind::ALL
        .into_iter()
        .filter(|k| !e.scope.contains(k) && *k != Kind::Boilerplate)
        .collect();
    let octx = Ctx {
        scope: &outside,
        ..*ctx
    };
    let ounit = octx.unit();
    if ounit.is_empty() {
        return None;
    }
    let partial_too = if missing { e.partial.as_ref() } else { None };
    let h = std::iter::once(&e.met)
        .chain(partial_too)
        .filter(|c| !c.patterns().is_empty())
        .find_map(|c| octx.eval(c, &ounit).hits.first().copied())?;
    let ev = evidence(ctx.doc, &h);
    let reason = near_miss_reason(ev.kind).to_string();
    Some(NearMiss {
        reason,
        evidence: ev,
    })
}

/// Why an element the report does not meet does not count for it: the year reported on
/// comes before the element's requirement, or the profile exempts it. Like the year rule,
/// a profile exempts an element only where the report lacks it: a department that does
/// report what it is exempt from still gets credit.
fn exemption(profile: &ProfileDef, e: &Element, year: Option<i32>) -> Option<String> {
    if let (Some(since), Some(y)) = (e.since, year) {
        if y < since {
            return Some(format!("{y}年度尚无此项要求（{since}年起适用）"));
        }
    }
    profile
        .not_applicable
        .contains(&e.id)
        .then(|| format!("{}报告不适用本项", profile.title))
}

/// One element's result for a report.
fn element_result(
    hits: &HitIndex,
    pack: &RulePack,
    profile: &ProfileDef,
    e: &Element,
    deadline: Option<(u32, u32)>,
) -> ElementResult {
    let doc = hits.doc();
    let weight = profile.weights.get(&e.id).copied().unwrap_or(e.weight);
    let mut j = judge(hits, pack, e, deadline);
    if j.status != Status::Met {
        if let Some(reason) = exemption(profile, e, doc.meta.year) {
            j = Judged::not_applicable(reason);
        }
    }
    let points = match j.status {
        Status::Met => weight,
        Status::Partial => weight / 2.0,
        _ => 0.0,
    };
    let open = matches!(j.status, Status::Missing | Status::Partial);
    ElementResult {
        id: e.id.clone(),
        title: e.name.clone(),
        category: e.category.clone(),
        status: j.status,
        points,
        weight,
        evidence: ranked_evidence(doc, &j.hits),
        advice: open.then(|| e.advice.clone()),
        looked_for: open.then(|| {
            if e.looked_for.is_empty() {
                e.met.describe()
            } else {
                e.looked_for.clone()
            }
        }),
        near_miss: j.near,
        gain: if open { weight - points } else { 0.0 },
        not_applicable_reason: j.na_reason,
    }
}

/// Each category's points, counting only the elements that apply.
fn categories(pack: &RulePack, elements: &[ElementResult]) -> Vec<CategoryScore> {
    pack.categories
        .iter()
        .map(|c| {
            let mine = elements
                .iter()
                .filter(|r| r.category == c.id && r.status != Status::NotApplicable);
            let (earned, possible) =
                mine.fold((0.0, 0.0), |(a, b), r| (a + r.points, b + r.weight));
            CategoryScore {
                id: c.id.clone(),
                title: c.title.clone(),
                earned,
                possible,
            }
        })
        .collect()
}

/// Scores a parsed document under a profile.
pub fn score(doc: &Document, pack: &RulePack, profile: &ProfileDef, source: Source) -> Scorecard {
    score_with(&HitIndex::new(doc, pack), pack, profile, source)
}

/// Scores the document of `hits` (made with `pack`): every element reads its matches
/// from the index, which searches each pattern at most once.
pub fn score_with(
    hits: &HitIndex,
    pack: &RulePack,
    profile: &ProfileDef,
    source: Source,
) -> Scorecard {
    let doc = hits.doc();
    let deadline = profile
        .deadline
        .as_deref()
        .and_then(crate::rules::cond::parse_mm_dd);
    let elements: Vec<ElementResult> = pack
        .elements
        .iter()
        .map(|e| element_result(hits, pack, profile, e, deadline))
        .collect();
    let categories = categories(pack, &elements);
    let earned: f64 = categories.iter().map(|c| c.earned).sum();
    let possible: f64 = categories.iter().map(|c| c.possible).sum();
    let score = if possible > 0.0 {
        round1(earned / possible * 100.0)
    } else {
        0.0
    };
    Scorecard {
        source,
        meta: doc.meta.clone(),
        profile: profile.id.clone(),
        profile_title: profile.title.clone(),
        ruleset: pack.ruleset(),
        score,
        grade: pack.grades.grade_for(score),
        earned,
        possible,
        categories,
        elements,
        sections: doc.outline(),
        indicators: indicators::extract(hits, pack),
        warnings: doc.warnings.clone(),
        reuse: None,
    }
}

#[cfg(test)]
mod tests;
