//! Compiling what was read: categories, elements and their conditions, topics, key
//! figures and the negation guard. Every mistake is reported at its YAML path.

use super::cond::{self, compile_pattern, did_you_mean, Pattern, Spot};
use super::diag::{about, Diagnostic};
use super::schema::{ElementDef, ElementsFile, IndicatorDef, PackFile};
use super::source::{At, Source};
use super::vocab::Vocabularies;
use super::{expand_value, parse_kinds, Category, Citations, Element, IndicatorRule, Negation};
use super::{numbers, parse, VALUE_PLACEHOLDER};
use crate::model::Kind;
use crate::msg::t;
use crate::yaml::Value;

/// Section kinds named at `path` (a list), or `None` after reporting the unknown one,
/// named after `what` it is the scope of (nothing for an element: its id is in its line).
fn kinds(
    names: &[String],
    path: &str,
    src: &Source,
    diags: &mut Vec<Diagnostic>,
    what: Option<&str>,
) -> Option<Vec<Kind>> {
    parse_kinds(names)
        .map_err(|(i, m)| {
            let at = format!("{path}[{i}]");
            let message = what.map_or(m.clone(), |w| about(w, &m));
            diags.push(src.error(At::Value(&at), message));
        })
        .ok()
}

/// The categories of `pack.yaml`.
pub(super) fn categories(
    pack: &PackFile,
    src: &Source,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Category> {
    let one = |(i, c): (usize, &super::schema::CategoryDef)| {
        // A bad scope is reported once, on its own line; the category is kept so that its
        // elements and profiles do not report a cascade of follow-on errors.
        let what = t!("rules.what.category", id = c.id);
        let path = format!("categories[{i}].scope");
        let scope = kinds(&c.scope, &path, src, diags, Some(&what)).unwrap_or_default();
        Category {
            id: c.id.clone(),
            title: c.title.clone(),
            weight: c.weight,
            scope,
            description: c.description.clone(),
        }
    };
    pack.categories.iter().enumerate().map(one).collect()
}

/// The elements of one file, with the index of their category; `None` when the file
/// names no known category.
pub(super) fn elements(
    ef: ElementsFile,
    src: &Source,
    categories: &[Category],
    vocab: &Vocabularies,
    diags: &mut Vec<Diagnostic>,
) -> Option<(usize, Vec<Element>)> {
    parse::schema_version(ef.schema, src, diags);
    let Some(ci) = categories.iter().position(|c| c.id == ef.category) else {
        let ids: Vec<&str> = categories.iter().map(|c| c.id.as_str()).collect();
        let help = match did_you_mean(&ef.category, &ids) {
            Some(s) => t!("rules.compile.category_hint", name = s),
            None => t!("rules.compile.category_list", ids = ids.join(", ")),
        };
        let message = t!("rules.compile.unknown_category", id = ef.category);
        diags.push(src.error(At::Value("category"), message).help(Some(help)));
        return None;
    };
    let cat = &categories[ci];
    let els = ef
        .elements
        .into_iter()
        .enumerate()
        .filter_map(|(i, def)| element(i, def, src, cat, vocab, diags))
        .collect();
    Some((ci, els))
}

/// One element, or `None` after reporting why it cannot be used.
fn element(
    i: usize,
    def: ElementDef,
    src: &Source,
    cat: &Category,
    vocab: &Vocabularies,
    diags: &mut Vec<Diagnostic>,
) -> Option<Element> {
    let path = format!("elements[{i}]");
    let scope = match &def.scope {
        None => cat.scope.clone(),
        Some(s) => kinds(s, &format!("{path}.scope"), src, diags, None)?,
    };
    if !numbers::is_weight(def.weight) {
        let what = t!("rules.what.element", id = def.id);
        let message = about(what, numbers::weight_rule(def.weight));
        diags.push(src.error(At::Value(&format!("{path}.weight")), message));
    }
    let mut condition = |v: &Value, which: &str| {
        cond::parse(v, which, vocab)
            .map_err(|e| diags.push(cond_diag(&e, &def.id, &path, src)))
            .ok()
    };
    let met = condition(&def.met, "met");
    let partial = match &def.partial {
        Some(p) => Some(condition(p, "partial")?),
        None => None,
    };
    let met = met?;
    Some(Element {
        id: def.id,
        name: def.name,
        category: cat.id.clone(),
        weight: def.weight,
        basis: def.basis,
        why: def.why,
        advice: def.advice,
        looked_for: def.looked_for,
        since: def.since,
        scope,
        negation: def.negation,
        titles: def.titles,
        met,
        partial,
        examples: def.examples,
        known_gaps: def.known_gaps,
        badge: def.badge,
        file: src.shown.clone(),
        path,
    })
}

/// A condition error of element `id` (at `path` in `src`), at the node it is about.
fn cond_diag(e: &cond::CondError, id: &str, path: &str, src: &Source) -> Diagnostic {
    let (target, is_key) = e.target();
    let at = format!("{path}.{target}");
    let place = match e.spot {
        Spot::Inside(n) => At::Inside(&at, n),
        _ if is_key => At::Key(&at),
        _ => At::Value(&at),
    };
    let message = about(
        t!("rules.what.element", id = id),
        about(&e.path, &e.message),
    );
    src.error(place, message).help(e.help.clone())
}

/// A pattern of `pack.yaml` at `path`, compiled, or reported with its caret under the
/// offending character.
pub(super) fn pack_pattern(
    written: &str,
    compiled: &str,
    path: &str,
    what: &str,
    src: &Source,
    diags: &mut Vec<Diagnostic>,
) -> Option<Pattern> {
    compile_pattern(compiled)
        .map_err(|e| {
            // Only `{value}` is expanded in pack.yaml patterns; an error past it is shown
            // at the pattern's start rather than at a guessed character.
            let before_expansion =
                |o: &usize| written.find(VALUE_PLACEHOLDER).is_none_or(|k| *o < k);
            let place = match e.offset.filter(before_expansion) {
                Some(o) => At::Inside(path, o),
                None => At::Value(path),
            };
            let reason = t!(
                "rules.cond.bad_regex",
                pattern = written,
                reason = e.message
            );
            let message = about(what, reason);
            diags.push(src.error(place, message));
        })
        .ok()
}

/// The topic vocabulary for pairing problems with plans.
pub(super) fn topics(
    pack: &PackFile,
    src: &Source,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, Vec<Pattern>)> {
    let mut out = Vec::new();
    for (t, pats) in &pack.topics {
        let compiled = pats
            .iter()
            .enumerate()
            .filter_map(|(j, p)| {
                let path = format!("topics.{t}[{j}]");
                pack_pattern(p, p, &path, &t!("rules.what.topic", name = t), src, diags)
            })
            .collect();
        out.push((t.clone(), compiled));
    }
    out
}

/// The key figures of `pack.yaml`.
pub(super) fn indicators(
    pack: &PackFile,
    src: &Source,
    diags: &mut Vec<Diagnostic>,
) -> Vec<IndicatorRule> {
    let indicators = pack.indicators.iter().enumerate();
    indicators
        .filter_map(|(i, ind)| indicator(i, ind, src, diags))
        .collect()
}

/// Compiles one key figure, reporting bad patterns and scopes into `diags`.
fn indicator(
    i: usize,
    ind: &IndicatorDef,
    src: &Source,
    diags: &mut Vec<Diagnostic>,
) -> Option<IndicatorRule> {
    let what = t!("rules.what.indicator", id = ind.id);
    let compile = |field: &str, pats: &[String], diags: &mut Vec<Diagnostic>| {
        let one = |(j, p): (usize, &String)| {
            let path = format!("indicators[{i}].{field}[{j}]");
            let re = pack_pattern(p, &expand_value(p), &path, &what, src, diags)?;
            Some((re, path))
        };
        pats.iter().enumerate().filter_map(one).collect::<Vec<_>>()
    };
    let mut patterns = Vec::new();
    for (re, path) in compile("patterns", &ind.patterns, diags) {
        if !re.has_group("value") {
            let message = about(
                &what,
                t!(
                    "rules.compile.no_value_group",
                    placeholder = VALUE_PLACEHOLDER
                ),
            );
            diags.push(src.error(At::Value(&path), message));
        }
        patterns.push((re, false));
    }
    patterns.extend(
        compile("zero", &ind.zero, diags)
            .into_iter()
            .map(|(re, _)| (re, true)),
    );
    let except = compile("except", &ind.except, diags);
    let scope = if ind.scope.is_empty() {
        vec![Kind::Measures]
    } else {
        let path = format!("indicators[{i}].scope");
        kinds(&ind.scope, &path, src, diags, Some(&what))?
    };
    Some(IndicatorRule {
        def: ind.clone(),
        patterns,
        except: except.into_iter().map(|(re, _)| re).collect(),
        scope,
    })
}

/// The negation guard, its words folded as text is.
pub(super) fn negation(pack: &PackFile) -> Negation {
    let fold = |words: &[String]| words.iter().map(|w| crate::fold::fold(w)).collect();
    Negation {
        words: fold(&pack.negation.words),
        except: fold(&pack.negation.except),
        intentions: fold(&pack.negation.intentions),
        correcting: fold(&pack.negation.correcting),
    }
}

/// The pack's `citations:`, folded.
pub(super) fn citations(pack: &PackFile) -> Citations {
    let fold = |words: &[String]| words.iter().map(|w| crate::fold::fold(w)).collect();
    let c = &pack.citations;
    Citations {
        studying: fold(&c.studying),
        applying: fold(&c.applying),
        attributive: fold(&c.attributive),
    }
}

/// Checks that the condition errors of every element land where they are about.
#[cfg(test)]
mod tests {
    use super::super::RulePack;
    use super::*;

    fn source(text: &str) -> Source {
        Source {
            shown: "x.yaml".into(),
            text: text.into(),
            spans: crate::yaml::Spans::parse(text).unwrap(),
        }
    }

    fn place(d: &Diagnostic) -> (usize, usize) {
        (d.line.unwrap(), d.column.unwrap())
    }

    fn errors_of(text: &str) -> Vec<Diagnostic> {
        let src = source(text);
        let ef: ElementsFile = crate::yaml::from_str(text).unwrap();
        let cat = Category {
            id: "lead".into(),
            title: String::new(),
            weight: 1.0,
            scope: vec![Kind::Measures],
            description: String::new(),
        };
        let mut diags = Vec::new();
        let mut defs = std::collections::BTreeMap::new();
        defs.insert("leaders".to_string(), vec!["局长".to_string()]);
        let vocab = Vocabularies::new(&defs);
        elements(ef, &src, &[cat], &vocab, &mut diags);
        diags
    }

    const HEAD: &str = "schema: 1\ncategory: lead\nelements:\n";

    fn el(id: &str, met: &str) -> String {
        format!("  - id: {id}\n    name: n\n    weight: 1\n    basis: b\n    advice: a\n    met: {met}\n")
    }

    #[test]
    fn errors_point_into_the_element_they_are_about() {
        let text = format!(
            "{HEAD}{}{}{}",
            el("lead.a", "'三项制度'"),
            el("lead.b", "'三项制度'"),
            el("lead.c", "{any: ['三项制度', '(三项制度']}")
        );
        let d = errors_of(&text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(place(&d[0]), (21, 26), "{}", d[0]);
    }

    #[test]
    fn a_regex_error_caret_stands_under_the_offending_character() {
        let text = format!("{HEAD}{}", el("lead.a", "'三项制度|(统一登记'"));
        let d = errors_of(&text);
        assert_eq!(place(&d[0]), (9, 16), "{}", d[0]);
        assert!(
            d[0].message.ends_with(t!("rules.regex.unclosed_group")),
            "{}",
            d[0]
        );
        // Plain: no quote before the text.
        let d = errors_of(&format!("{HEAD}{}", el("lead.a", "三项制度|(统一登记")));
        assert_eq!(place(&d[0]), (9, 15), "{}", d[0]);
        // `''` is one quote in the pattern but two characters in the file.
        let d = errors_of(&format!("{HEAD}{}", el("lead.a", "'甲''乙|(统一'")));
        assert_eq!(place(&d[0]), (9, 16), "{}", d[0]);
        // After a vocabulary reference: the same character of the pattern as written.
        let d = errors_of(&format!("{HEAD}{}", el("lead.a", "'@leaders出庭)'")));
        assert_eq!(place(&d[0]), (9, 21), "{}", d[0]);
        let d = errors_of(&format!("{HEAD}{}", el("lead.a", "'出庭@leader'")));
        assert!(d[0].message.contains("`@leader`"), "{}", d[0]);
        assert_eq!(place(&d[0]), (9, 13), "{}", d[0]);
    }

    /// The built-in pack with decision.yaml's 决策目录 pattern replaced by `met`.
    fn builtin_with(met: &str) -> super::super::RulePack {
        let files = super::super::builtin::FILES
            .iter()
            .map(|(n, c)| {
                let c = c.replace(
                    "met: '决策事项[^。]{0,4}目录|决策目录|决策事项清单|决策[^。]{0,6}目录化'",
                    &format!("met: '{met}'"),
                );
                (n.to_string(), c)
            })
            .collect();
        super::super::load_files(files, "rules").unwrap()
    }

    /// Valid syntax, but past the compiled size limit.
    const TOO_BIG: &str = "决策\\w{3000}目录";

    #[test]
    fn a_regex_too_big_to_compile_loads_and_is_named_by_the_check() {
        let pack = builtin_with(TOO_BIG);
        let errors = pack.compile_errors();
        assert_eq!(errors.len(), 1, "{errors:?}");
        let shown = errors[0].to_string();
        assert!(shown.contains("rules/decision.yaml"), "{shown}");
        let place = about(t!("rules.what.element", id = "decision.catalog"), "met");
        assert!(shown.contains(&place), "{shown}");
        let help = crate::msg::fill("rules.compile.too_big_help", &[]);
        assert_eq!(errors[0].help.as_deref(), Some(help.as_str()), "{shown}");
        assert!(RulePack::builtin().unwrap().compile_errors().is_empty());
    }

    #[test]
    #[should_panic(expected = "rules/decision.yaml element decision.catalog met")]
    fn scoring_with_a_regex_too_big_to_compile_names_its_element() {
        let pack = builtin_with(TOO_BIG);
        let doc = crate::document::Document::parse("报告\n一、主要工作\n制定决策事项目录。\n");
        let profile = &pack.profiles[0];
        let source = crate::model::scorecard::Source {
            path: "t".into(),
            format: crate::model::scorecard::Format::Txt,
            encoding: "utf-8".into(),
            chars: 0,
            sha256: String::new(),
            pages: None,
        };
        crate::score::score(&doc, &pack, profile, source);
    }

    #[test]
    fn condition_keys_are_reported_at_the_key() {
        let d = errors_of(&format!(
            "{HEAD}{}",
            el("lead.a", "{any: ['甲'], al: ['乙']}")
        ));
        assert!(d[0].message.contains("`al`"), "{}", d[0]);
        assert_eq!(place(&d[0]), (9, 23), "{}", d[0]);
        let d = errors_of(&format!("{HEAD}{}", el("lead.a", "{meta: isuer}")));
        assert_eq!(place(&d[0]), (9, 17), "{}", d[0]);
    }
}
