//! Splitting quoted evidence into plain and matched runs.
//!
//! Highlighting is done by splitting in Rust, not by inserting `<mark>` into a string: the
//! template then prints every run through the auto-escaper and wraps matched runs in
//! `<mark>` itself, so report text never reaches the page unescaped.

use serde::Serialize;

/// A run of quoted text; `m` is true when it is one of the words that matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Segment<'a> {
    /// The text of the run.
    pub t: &'a str,
    /// Whether the run matched.
    pub m: bool,
}

/// Splits `text` at every occurrence of every string in `matched`. Overlapping or adjacent
/// matches merge into one run, so no `<mark>` is ever nested or split in two.
pub(crate) fn segments<'a>(text: &'a str, matched: &[String]) -> Vec<Segment<'a>> {
    let mut spans: Vec<(usize, usize)> = matched
        .iter()
        .filter(|m| !m.is_empty())
        .flat_map(|m| {
            text.match_indices(m.as_str())
                .map(|(i, s)| (i, i + s.len()))
        })
        .collect();
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    let mut out = Vec::with_capacity(merged.len() * 2 + 1);
    let mut at = 0;
    for (s, e) in merged {
        if s > at {
            out.push(Segment {
                t: &text[at..s],
                m: false,
            });
        }
        out.push(Segment {
            t: &text[s..e],
            m: true,
        });
        at = e;
    }
    if at < text.len() || out.is_empty() {
        out.push(Segment {
            t: &text[at..],
            m: false,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(segs: &[Segment]) -> String {
        segs.iter()
            .map(|s| {
                if s.m {
                    format!("[{}]", s.t)
                } else {
                    s.t.to_string()
                }
            })
            .collect()
    }

    #[test]
    fn marks_every_occurrence_and_merges_overlaps() {
        let m = vec![
            "述法".to_string(),
            "年终述法".to_string(),
            "述职".to_string(),
        ];
        let segs = segments("开展年终述法和述职述法工作", &m);
        assert_eq!(show(&segs), "开展[年终述法]和[述职述法]工作");
    }

    #[test]
    fn no_match_is_one_plain_run() {
        let segs = segments("<b>x</b>", &["y".to_string(), String::new()]);
        assert_eq!(
            segs,
            vec![Segment {
                t: "<b>x</b>",
                m: false
            }]
        );
    }
}
