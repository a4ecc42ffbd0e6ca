//! `covers`: problems answered by plans, paired by subject or by shared words.

use super::eval::{item_hit, Ctx, Outcome, MAX_HITS};
use crate::document::items::{items, Item};
use crate::document::Document;
use crate::model::Kind;
use crate::rules::cond::{Need, Pattern};
use std::collections::BTreeSet;

impl Ctx<'_> {
    fn topics(&self, text: &str) -> BTreeSet<usize> {
        self.pack
            .topics
            .iter()
            .enumerate()
            .filter(|(_, (_, pats))| pats.iter().any(|p| p.re().is_match(text)))
            .map(|(i, _)| i)
            .collect()
    }

    /// Problems answered by plans: `all` of them or `some`.
    pub(super) fn covers(&self, need: Need) -> Outcome {
        let doc = self.doc;
        let mut problems = items(doc, &[Kind::Problems]);
        if problems.is_empty() {
            problems = problem_clauses(doc, self);
        }
        let plans = items(doc, &[Kind::Plans]);
        let plan_texts: Vec<String> = if plans.is_empty() {
            doc.sentences
                .iter()
                .filter(|s| s.kind == Kind::Plans)
                .map(|s| doc.sentence_text(s).to_string())
                .collect()
        } else {
            plans.iter().map(|p| p.text.clone()).collect()
        };
        let mut o = Outcome::default();
        if problems.is_empty() || plan_texts.is_empty() {
            return o;
        }
        let plan_topics: BTreeSet<usize> = plan_texts.iter().flat_map(|t| self.topics(t)).collect();
        let mut plan_grams: Option<Vec<BTreeSet<(char, char)>>> = None;
        // Word-pair comparisons are bounded so that a pathological input (tens of
        // thousands of problems and plans) stays linear; real reports use a few dozen.
        let mut budget: usize = 200_000;
        let mut addressed = 0;
        for p in &problems {
            // Same subject first; failing that, enough shared words (依法行政, 配套制度).
            let mut hit = !self.topics(&p.text).is_disjoint(&plan_topics);
            if !hit {
                let pg = grams(&p.text, &self.pack.stock_phrases);
                let all = plan_grams.get_or_insert_with(|| {
                    plan_texts
                        .iter()
                        .map(|t| grams(t, &self.pack.stock_phrases))
                        .collect()
                });
                for g in all.iter() {
                    if budget == 0 {
                        break;
                    }
                    budget -= 1;
                    if pg.intersection(g).count() >= 3 {
                        hit = true;
                        break;
                    }
                }
            }
            if hit {
                addressed += 1;
                if o.hits.len() < MAX_HITS {
                    o.hits.push(item_hit(doc, p));
                }
            } else {
                o.gaps.push(item_hit(doc, p));
            }
        }
        o.found = addressed;
        o.ok = match need {
            Need::All => addressed == problems.len(),
            Need::Some => addressed > 0,
        };
        o
    }
}

/// Problems stated without enumeration ("主要是A，B"): each clause naming a subject.
fn problem_clauses(doc: &Document, ctx: &Ctx) -> Vec<Item> {
    let mut out = Vec::new();
    for s in doc
        .sentences
        .iter()
        .filter(|s| s.kind == Kind::Problems && !s.heading)
    {
        for clause in doc.sentence_text(s).split([',', ';', '。', ':']) {
            if !ctx.topics(clause).is_empty() {
                out.push(Item {
                    ordinal: out.len() as u32 + 1,
                    text: clause.to_string(),
                    line: s.line,
                });
            }
        }
    }
    out
}

/// Pairs of adjacent Han characters, the pack's stock phrases cut out first.
fn grams(s: &str, stock: &[Pattern]) -> BTreeSet<(char, char)> {
    // Stock phrases every report repeats say nothing about a subject; cut them out before
    // pairing characters, or 法治政府建设 alone would leave 治政/府建 in common.
    {
        let mut t = s.to_string();
        for p in stock {
            t = p.re().replace_all(&t, "|").into_owned();
        }
        let cs: Vec<char> = t
            .chars()
            .map(|c| {
                if ('\u{4e00}'..='\u{9fff}').contains(&c) {
                    c
                } else {
                    '|'
                }
            })
            .collect();
        cs.windows(2)
            .filter(|w| w[0] != '|' && w[1] != '|')
            .map(|w| (w[0], w[1]))
            .collect()
    }
}
