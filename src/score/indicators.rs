//! Key figures: the numbers supervisors compare, taken from measures text only.

use super::scorecard::Indicator;
use crate::document::Document;
use crate::rules::RulePack;

/// The first statement of each indicator in its scope, in text order; absent when the
/// text does not state it.
pub fn extract(doc: &Document, pack: &RulePack) -> Vec<Indicator> {
    let mut out = Vec::new();
    for ind in &pack.indicators {
        let found = doc
            .sentences
            .iter()
            .filter(|s| ind.scope.contains(&s.kind))
            .find_map(|s| {
                let text = doc.sentence_text(s);
                ind.patterns.iter().find_map(|(re, zero)| {
                    let c = re.captures(text)?;
                    let value = if *zero {
                        0.0
                    } else {
                        c.name("value")?.as_str().trim().parse::<f64>().ok()?
                    };
                    Some((s, value))
                })
            });
        if let Some((s, value)) = found {
            let mut text = doc.sentence_original(s).trim().to_string();
            if text.chars().count() > 160 {
                text = text.chars().take(160).collect::<String>() + "…";
            }
            out.push(Indicator {
                id: ind.def.id.clone(),
                title: ind.def.title.clone(),
                value,
                unit: ind.def.unit.clone(),
                text,
                line: s.line + 1,
            });
        }
    }
    out
}
