//! What throws a match out: a negation in its clause (尚未…, 有待…) or a document name
//! (《…》) the text only studies or cites. Both are read from the sentence alone, so a
//! match's verdict is decided once per report and shared by every element.

use crate::rules::literals::Filters;
use crate::rules::{Negation, RulePack};

/// Byte bounds of the clause (between , ; : 。 ! ?) holding `start..end`.
fn clause_bounds(text: &str, start: usize, end: usize) -> (usize, usize) {
    let stops = |c: char| matches!(c, ',' | ';' | ':' | '。' | '!' | '?');
    let cs = text[..start].rfind(stops).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let ce = text[end..].find(stops).map_or(text.len(), |i| end + i);
    (cs, ce)
}

/// True when a sentence opens with an intention (要进一步…, 将持续…, 计划…, 一是要…): a
/// measures part that says what will be done has not done it.
fn states_intention(neg: &Negation, sentence: &str) -> bool {
    let t = sentence.trim_start();
    let t = INTENTION_LEAD
        .find(t)
        .map_or(t, |m| t[m.end()..].trim_start());
    // An except phrase that starts the same way (要求…) is no intention.
    neg.intentions.iter().any(|w| {
        t.starts_with(w.as_str())
            && !neg
                .except
                .iter()
                .any(|x| x.starts_with(w.as_str()) && t.starts_with(x.as_str()))
    })
}

crate::builtin_regex!(
    /// An item marker or linking word before an intention (一是要…, 同时，要…).
    static INTENTION_LEAD = r"^(?:[一二三四五六七八九十]+是|同时|此外|另外|下一步|下步|今后)[,，]?";
);

/// True when a clause holds a negation word that is neither excepted nor the object of a
/// corrective verb. The pack's automaton passes over clauses with no negation word at all.
fn negates(neg: &Negation, filters: &Filters, clause: &str) -> bool {
    if !filters.may_negate(clause) {
        return false;
    }
    neg.words.iter().any(|w| {
        clause.match_indices(w.as_str()).any(|(p, _)| {
            let excepted = neg.except.iter().any(|x| {
                x.contains(w.as_str())
                    && clause
                        .match_indices(x.as_str())
                        .any(|(q, _)| q <= p && p < q + x.len())
            });
            // The corrective verb stands right before the word (纠正不规范…), not anywhere.
            let corrected = neg
                .correcting
                .iter()
                .any(|v| clause[..p].ends_with(v.as_str()));
            !excepted && !corrected
        })
    })
}

/// True when sentence `text` states an intention (要加强…) rather than work done.
pub fn intention(pack: &RulePack, text: &str) -> bool {
    states_intention(&pack.negation, text)
}

/// True when the clause a match stands in says the thing is not done or not good
/// enough (尚未…, 还不够健全, 有待…), however far inside the clause the negating word
/// stands — or when a following clause of the sentence opens with one (…已经启动，
/// 尚未印发实施). Excepted phrases (未发生, 未经) and words that are the object of a
/// corrective verb (纠正不规范执法行为) are no negation. Always false for a pack with no
/// negation words.
///
/// `intention` tells whether the sentence states one (要加强…): the answer is the same for
/// every match in the sentence, so the hit index asks once per sentence.
pub fn negated_with(
    pack: &RulePack,
    text: &str,
    start: usize,
    end: usize,
    intention: impl FnOnce() -> bool,
) -> bool {
    let neg = &pack.negation;
    if neg.words.is_empty() {
        return false;
    }
    if intention() {
        return true;
    }
    let filters = pack.filters();
    let (cs, ce) = clause_bounds(text, start, end);
    if negates(neg, filters, &text[cs..ce]) {
        return true;
    }
    // Later clauses of the same sentence that open with a status word carry on the
    // statement about the same work.
    let mut at = ce;
    while at < text.len() {
        let next_start = at + text[at..].chars().next().map_or(1, char::len_utf8);
        if text[at..].starts_with(['。', '!', '?', ';']) || next_start >= text.len() {
            break;
        }
        let (_, next_end) = clause_bounds(text, next_start, next_start);
        let clause = &text[next_start..next_end];
        // 但 is left out: 但公众参与…落实还不够到位 contrasts other work, it does
        // not undo the clause before it.
        let opens = ["目前", "现", "仍", "尚", "还", "正在"]
            .iter()
            .any(|w| clause.trim_start().starts_with(w));
        if opens && negates(neg, filters, clause) {
            return true;
        }
        at = next_end;
    }
    false
}

/// True when a match lies inside a document or law name (《…》) that the text only
/// studies or cites (学习《重大行政决策程序暂行条例》). A name the text says was made or
/// applied (制定《…》, 严格执行《…裁量基准》) still counts. Elements that count such names
/// (`titles: true`) do not ask.
pub fn in_title(pack: &RulePack, text: &str, start: usize) -> bool {
    let before = &text[..start];
    let Some(mut open) = before.rfind('《') else {
        return false;
    };
    if before[open..].contains('》') {
        return false;
    }
    // A list of names (学习《甲》和《乙》) is governed by the verb before the first.
    while let Some(prev) = before[..open]
        .strip_suffix("》和")
        .or_else(|| before[..open].strip_suffix("》、"))
        .or_else(|| before[..open].strip_suffix("》及"))
        .and_then(|b| b.rfind('《'))
    {
        open = prev;
    }
    let lead: String = {
        let cs: Vec<char> = before[..open].chars().collect();
        cs[cs.len().saturating_sub(12)..].iter().collect()
    };
    // 新修订的《…》 names a law by its history; the verb that governs it stands before.
    let cite = &pack.citations;
    let verbs = cite
        .attributive
        .iter()
        .fold(lead, |l, a| l.replace(a.as_str(), "|"));
    cite.studying.iter().any(|w| verbs.contains(w.as_str()))
        && !cite.applying.iter().any(|w| verbs.contains(w.as_str()))
}
