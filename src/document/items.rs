//! Enumerated items of a part: sub-headings, 一是…二是…, 1. 2. lines.

use super::patterns::cn_number;
use super::{Document, Kind};
use crate::builtin_regex;

/// One enumerated item.
#[derive(Debug, Clone)]
pub struct Item {
    /// Its ordinal as written (1 for 一是 / (一) / 1.).
    pub ordinal: u32,
    /// Folded text of the item.
    pub text: String,
    /// 0-based line where it starts.
    pub line: usize,
}

builtin_regex!(
    static INLINE = r"(^|[^一二三四五六七八九十统唯同单])([一二三四五六七八九十]{1,2})是|(^|[。;；:：,，\s])(其[一二三四五六七八九十]|第[一二三四五六七八九十])[,，、是]";
);

fn inline_items(doc: &Document, kinds: &[Kind]) -> Vec<Item> {
    let mut starts: Vec<(u32, usize, usize, usize)> = Vec::new(); // ordinal, sentence idx, byte, line
    let picked: Vec<usize> = (0..doc.sentences.len())
        .filter(|&i| kinds.contains(&doc.sentences[i].kind) && !doc.sentences[i].heading)
        .collect();
    for &si in &picked {
        let text = doc.sentence_text(&doc.sentences[si]);
        for c in INLINE.captures_iter(text) {
            let (m, ord) = if let Some(n) = c.get(2) {
                (n, cn_number(n.as_str()))
            } else {
                let n = c.get(4).expect("group 4");
                (n, cn_number(n.as_str().trim_start_matches(['其', '第'])))
            };
            if let Some(o) = ord {
                starts.push((o, si, m.start(), doc.sentences[si].line));
            }
        }
    }
    // Text of an item runs to the next marker.
    let mut items = Vec::new();
    for (k, &(ord, si, at, line)) in starts.iter().enumerate() {
        let mut text = String::new();
        let stop = starts.get(k + 1).map(|&(_, s, b, _)| (s, b));
        // `picked` is sorted: start at the item's own sentence, not from the beginning.
        let from_k = picked.partition_point(|&x| x < si);
        for &sj in &picked[from_k..] {
            let t = doc.sentence_text(&doc.sentences[sj]);
            let from = if sj == si { at } else { 0 };
            match stop {
                Some((s, b)) if s == sj => {
                    if b > from {
                        text.push_str(&t[from..b]);
                    }
                    break;
                }
                _ => text.push_str(&t[from..]),
            }
            if text.chars().count() > 400 {
                break;
            }
        }
        items.push(Item {
            ordinal: ord,
            text,
            line,
        });
    }
    items
}

fn heading_items(doc: &Document, kinds: &[Kind]) -> Vec<Item> {
    // The part's headed sections that have no headed sub-section of the same part: the
    // part's own heading and a "（一）存在的主要问题" over a numbered list are not items.
    let in_part = |i: usize| {
        let s = &doc.sections[i];
        s.has_heading && s.level > 0 && kinds.contains(&s.kind)
    };
    let headed: Vec<usize> = (0..doc.sections.len()).filter(|&i| in_part(i)).collect();
    let has_headed_child: std::collections::HashSet<usize> = headed
        .iter()
        .filter_map(|&j| doc.sections[j].parent)
        .collect();
    // Each section's text in the part, gathered in one pass over the sentences.
    let mut texts: std::collections::HashMap<usize, String> = std::collections::HashMap::new();
    for x in doc.sentences.iter().filter(|x| kinds.contains(&x.kind)) {
        if doc.sections[x.section].has_heading {
            texts
                .entry(x.section)
                .or_default()
                .push_str(doc.sentence_text(x));
        }
    }
    let mut items = Vec::new();
    for &i in &headed {
        if has_headed_child.contains(&i) {
            continue;
        }
        let text = texts.remove(&i).unwrap_or_default();
        if text.is_empty() {
            continue;
        }
        items.push(Item {
            ordinal: items.len() as u32 + 1,
            text,
            line: doc.sections[i].first_line,
        });
    }
    // A part with a single headed section and no sub-headings enumerates nothing by headings.
    if items.len() == 1 && headed.len() == 1 {
        items.clear();
    }
    items
}

/// Counts the distinct ordinals of an enumeration, forgiving a lost marker ("是公职律师…"
/// after 一是 and before 三是 still counts as the second item).
pub fn count(items: &[Item]) -> usize {
    let max = items.iter().map(|i| i.ordinal as usize).max().unwrap_or(0);
    let mut seen: Vec<u32> = items.iter().map(|i| i.ordinal).collect();
    seen.sort();
    seen.dedup();
    if max <= seen.len() + 2 && max <= 20 {
        max.max(seen.len())
    } else {
        seen.len()
    }
}

/// The enumerated items of the parts of the given kinds: whichever enumeration (inline
/// 一是…, or sub-headings) lists more.
pub fn items(doc: &Document, kinds: &[Kind]) -> Vec<Item> {
    let a = inline_items(doc, kinds);
    let b = heading_items(doc, kinds);
    if count(&b) > count(&a) {
        b
    } else {
        a
    }
}
