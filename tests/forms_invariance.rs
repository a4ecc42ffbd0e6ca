//! Every published form of a report scores as its plain text does (issue 13): Word 97
//! .doc (also named .wps and .txt), a 公文-styled .docx and its .doc, PDFs exported by
//! LibreOffice and printed again through cairo (Identity-H), written by reportlab with STSong-Light/UniGB-UCS2-H and written by hand
//! with GBK-EUC-H, and OFD (also named .zip) — over every fixture and seed. Same statuses,
//! score, grade, metadata and key figures; every quote stands at the line it names in that
//! form's own text; quotes and figures from a PDF or OFD name their page, and where the
//! generator knows what each page prints, the right one.
//!
//! The forms are made by tests/forms/make_forms.py (see tests/forms/generated.rs).
//! A form whose reader is still the skeleton's stub counts as a missing tool.

mod common;
#[path = "forms/generated.rs"]
mod generated;

use generated::{Forms, Report};
use lawscore::engine::{Engine, Scored};
use lawscore::fold::fold;
use lawscore::model::scorecard::Scorecard;
use lawscore::rules::RulePack;
use std::sync::OnceLock;

/// One form a report is published in.
struct Form {
    /// What the failure messages call it.
    label: &'static str,
    /// The end of its file name after the report's stem.
    suffix: &'static str,
    /// Whether it is paged (PDF, OFD), so its quotes must name a page.
    paged: bool,
    /// The generator's record of what each page prints, when it has one.
    pages: Option<&'static str>,
}

const fn form(label: &'static str, suffix: &'static str) -> Form {
    Form {
        label,
        suffix,
        paged: false,
        pages: None,
    }
}

const fn paged(label: &'static str, suffix: &'static str, pages: Option<&'static str>) -> Form {
    Form {
        label,
        suffix,
        paged: true,
        pages,
    }
}

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::new(RulePack::builtin().unwrap(), None).unwrap())
}

/// Text without white space, folded: PDF and OFD lines may set a space between a number
/// and the character after it, which no reader can tell from one typed.
fn squash(s: &str) -> String {
    fold(s).chars().filter(|c| !c.is_whitespace()).collect()
}

fn line_of(text: &str, n: usize) -> Option<&str> {
    text.split('\n').nth(n.checked_sub(1)?)
}

/// Whether every quote of `card` holds its sentence on its line of `text`: what the plain
/// text does, a form must do too.
fn sentences_on_lines(card: &Scorecard, text: &str) -> bool {
    card.elements
        .iter()
        .flat_map(|e| &e.evidence)
        .all(|ev| line_of(text, ev.line).is_some_and(|l| squash(l).contains(&squash(&ev.text))))
}

fn statuses(base: &Scored, got: &Scored, out: &mut Vec<String>) {
    for (a, b) in base.card.elements.iter().zip(&got.card.elements) {
        if a.status != b.status {
            let quote = |s: &Scored, id: &str| {
                let e = s.card.elements.iter().find(|e| e.id == id).unwrap();
                e.evidence
                    .iter()
                    .map(|ev| format!("\n      line {}: {}", ev.line, ev.text))
                    .collect::<String>()
            };
            out.push(format!(
                "element {}: text {} / form {}\n    text's evidence:{}\n    form's evidence:{}",
                a.id,
                a.status.as_str(),
                b.status.as_str(),
                quote(base, &a.id),
                quote(got, &b.id)
            ));
        }
    }
}

fn totals(base: &Scorecard, got: &Scorecard, out: &mut Vec<String>) {
    let grade = |c: &Scorecard| serde_json::to_value(&c.grade).unwrap();
    if (base.score, grade(base), &base.profile) != (got.score, grade(got), &got.profile) {
        out.push(format!(
            "score {} {} ({}) / form {} {} ({})",
            base.score,
            grade(base),
            base.profile,
            got.score,
            grade(got),
            got.profile
        ));
    }
    let m = |c: &Scorecard| {
        let s = |v: &Option<String>| v.as_deref().map(fold).unwrap_or_default();
        (
            s(&c.meta.title),
            s(&c.meta.issuer),
            c.meta.year,
            c.meta.date.clone(),
            c.meta.level.to_string(),
        )
    };
    if m(base) != m(got) {
        out.push(format!("metadata {:?}\n    / form {:?}", m(base), m(got)));
    }
    let figs = |c: &Scorecard| {
        c.indicators
            .iter()
            .map(|i| (i.id.clone(), i.value))
            .collect::<Vec<_>>()
    };
    if figs(base) != figs(got) {
        out.push(format!(
            "key figures {:?}\n    / form {:?}",
            figs(base),
            figs(got)
        ));
    }
}

/// The page a quote or figure names (the `page` field the pages part adds), read through
/// its JSON so this test builds before and after that field lands.
fn page_of<T: serde::Serialize>(item: &T) -> Option<usize> {
    serde_json::to_value(item)
        .ok()?
        .get("page")?
        .as_u64()
        .map(|p| p as usize)
}

/// Whether `words` begin on page `p` (1-based) of what the generator printed.
fn starts_on_page(pages: &[String], p: usize, words: &str) -> bool {
    let Some(here) = pages.get(p.wrapping_sub(1)) else {
        return false;
    };
    let next = pages.get(p).map(String::as_str).unwrap_or("");
    // Its start: a run-on sentence may go on over more pages than the next.
    let w: String = squash(words).chars().take(40).collect();
    let here = squash(here);
    (here.clone() + &squash(next))
        .find(&w)
        .is_some_and(|i| i < here.len())
}

fn evidence(base: &Scored, got: &Scored, form: &Form, pages: &[String], out: &mut Vec<String>) {
    let whole = sentences_on_lines(&base.card, &base.text);
    for e in &got.card.elements {
        for ev in &e.evidence {
            let Some(line) = line_of(&got.text, ev.line) else {
                out.push(format!(
                    "{}: evidence line {} past the end of the text",
                    e.id, ev.line
                ));
                continue;
            };
            for w in ev
                .matched
                .iter()
                .filter(|w| !squash(line).contains(&squash(w)))
            {
                out.push(format!(
                    "{}: line {} does not hold {w:?}\n    line: {line}",
                    e.id, ev.line
                ));
            }
            if whole && !squash(line).contains(&squash(&ev.text)) {
                out.push(format!(
                    "{}: line {} does not hold the quote {:?}\n    line: {line}",
                    e.id, ev.line, ev.text
                ));
            }
            if !form.paged {
                continue;
            }
            match (page_of(ev), ev.matched.first()) {
                (None, _) => out.push(format!(
                    "{}: evidence at line {} names no page",
                    e.id, ev.line
                )),
                (Some(p), Some(w)) if !pages.is_empty() && !starts_on_page(pages, p, w) => out
                    .push(format!(
                        "{}: evidence names page {p}, but {w:?} is not printed there",
                        e.id
                    )),
                _ => {}
            }
        }
    }
}

fn figures(got: &Scored, form: &Form, pages: &[String], out: &mut Vec<String>) {
    for i in &got.card.indicators {
        if line_of(&got.text, i.line).is_none() {
            out.push(format!(
                "key figure {}: line {} past the end of the text",
                i.id, i.line
            ));
        }
        if !form.paged {
            continue;
        }
        match page_of(i) {
            None => out.push(format!(
                "key figure {} (line {}) names no page",
                i.id, i.line
            )),
            Some(p) if !pages.is_empty() && !starts_on_page(pages, p, &i.text) => {
                out.push(format!(
                    "key figure {} names page {p}, but {:?} is not printed there",
                    i.id, i.text
                ))
            }
            _ => {}
        }
    }
}

/// What differs between the plain text's scorecard and the form's.
fn compare(base: &Scored, got: &Scored, form: &Form, pages: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    statuses(base, got, &mut out);
    totals(&base.card, &got.card, &mut out);
    evidence(base, got, form, pages, &mut out);
    figures(got, form, pages, &mut out);
    out
}

fn pages_of(forms: &Forms, r: &Report, form: &Form) -> Vec<String> {
    form.pages.map_or_else(Vec::new, |suffix| {
        let (_, b) = forms.bytes(r, suffix);
        String::from_utf8(b)
            .unwrap()
            .split('\u{c}')
            .map(String::from)
            .collect()
    })
}

/// Scores every report in every one of `group`; fails listing every difference, form by
/// form. `reader` names the reader for the message when it is still the stub.
fn check(group: &[Form], reader: &str) {
    let Some(forms) = generated::forms() else {
        return;
    };
    let (mut tried, mut stubs, mut problems) = (0, 0, Vec::new());
    for r in &forms.reports {
        let base = engine()
            .score_bytes(&format!("{}.txt", r.stem), r.text.as_bytes())
            .unwrap();
        for form in group {
            let (name, bytes) = forms.bytes(r, form.suffix);
            tried += 1;
            match engine().score_bytes(&name, &bytes) {
                Err(e) if format!("{e:?}").contains("not yet read") => stubs += 1,
                Err(e) => problems.push((form.label, format!("{name}: not read: {e}"))),
                Ok(got) => problems.extend(
                    compare(&base, &got, form, &pages_of(forms, r, form))
                        .into_iter()
                        .map(|p| (form.label, format!("{name}: {p}"))),
                ),
            }
        }
    }
    if stubs == tried {
        common::absent(reader, "merge the branch that reads it");
        return;
    }
    assert!(
        stubs == 0,
        "{stubs} of {tried} {reader} forms hit the stub reader"
    );
    fail_on(group, &problems, forms.reports.len());
}

fn fail_on(group: &[Form], problems: &[(&str, String)], reports: usize) {
    if problems.is_empty() {
        return;
    }
    let mut summary = String::new();
    for form in group {
        let mine: Vec<&String> = problems
            .iter()
            .filter(|(l, _)| *l == form.label)
            .map(|(_, p)| p)
            .collect();
        let mut names: Vec<&str> = mine.iter().map(|p| p.split(':').next().unwrap()).collect();
        names.dedup();
        summary += &format!(
            "  {}: {} of {reports} reports differ, {} problems\n",
            form.label,
            names.len(),
            mine.len()
        );
    }
    let detail: Vec<&str> = problems.iter().map(|(_, p)| p.as_str()).take(80).collect();
    panic!(
        "forms score differently from their plain text:\n{summary}\n{}\n{}",
        detail.join("\n"),
        if problems.len() > 80 {
            format!("… and {} more", problems.len() - 80)
        } else {
            String::new()
        }
    );
}

#[test]
fn word_97_forms_score_as_their_text() {
    check(
        &[
            form(".doc from text", ".doc"),
            form(".doc named .wps", ".wps"),
            form(".doc named .txt", "-doc.txt"),
            form("styled .doc (footer story)", "-styled.doc"),
        ],
        "the .doc reader",
    );
}

#[test]
fn styled_docx_scores_as_its_text() {
    check(
        &[form("styled .docx (footer part)", "-styled.docx")],
        "the .docx reader",
    );
}

#[test]
fn pdf_forms_score_as_their_text() {
    check(
        &[
            paged(
                "PDF STSong UniGB-UCS2-H",
                "-stsong.pdf",
                Some("-stsong.pages"),
            ),
            paged("PDF GBK-EUC-H", "-gbk.pdf", Some("-gbk.pages")),
        ],
        "the PDF reader",
    );
}

/// PDFs a word processor lays out itself: LibreOffice's export (its own line breaking,
/// CJK–Latin spacing and hanging punctuation) and the same pages printed again through
/// cairo.
#[test]
fn pdf_forms_of_other_writers_score_as_their_text() {
    check(
        &[
            paged("PDF from LibreOffice", "-lo.pdf", None),
            paged("PDF Identity-H (cairo)", "-cairo.pdf", None),
        ],
        "the PDF reader",
    );
}

#[test]
fn ofd_forms_score_as_their_text() {
    check(
        &[
            paged("OFD", ".ofd", Some("-gbk.pages")),
            paged("OFD named .zip", "-ofd.zip", Some("-gbk.pages")),
        ],
        "the OFD reader",
    );
}

/// The forms themselves are right: readers that are not lawscore's (pdftotext, the OFD's
/// XML) find each report's text in them, furniture aside (tests/forms/check_forms.py).
#[test]
fn forms_hold_their_text_by_other_readers() {
    let Some(forms) = generated::forms() else {
        return;
    };
    if std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_err()
    {
        common::absent(
            "pdftotext (poppler-utils, poppler-data)",
            "run .ci/setup-forms",
        );
        return;
    }
    let o = std::process::Command::new("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/forms/check_forms.py"
        ))
        .arg("--no-doc")
        .arg(&forms.dir)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The comparison is not blind: another report's form is caught, a paged form whose
/// quotes name no page is caught, and a line printed on page 2 is found there only.
#[test]
fn the_comparison_catches_what_differs() {
    let Some(forms) = generated::forms() else {
        return;
    };
    let report = |stem: &str| forms.reports.iter().find(|r| r.stem == stem).unwrap();
    let (a, b) = (report("complete"), report("weak"));
    let base = engine()
        .score_bytes("complete.txt", a.text.as_bytes())
        .unwrap();
    let docx = form("docx", "-styled.docx");
    let (name, bytes) = forms.bytes(a, docx.suffix);
    let same = engine().score_bytes(&name, &bytes).unwrap();
    assert_eq!(compare(&base, &same, &docx, &[]), Vec::<String>::new());
    let unpaged = compare(
        &base,
        &same,
        &paged("docx as if paged", docx.suffix, None),
        &[],
    );
    assert!(
        unpaged.iter().any(|p| p.contains("names no page")),
        "{unpaged:?}"
    );
    let (name, bytes) = forms.bytes(b, docx.suffix);
    let other = engine().score_bytes(&name, &bytes).unwrap();
    let differ = compare(&base, &other, &docx, &[]);
    assert!(
        differ.iter().any(|p| p.starts_with("element ")),
        "{differ:?}"
    );
    assert!(
        differ.iter().any(|p| p.starts_with("metadata")),
        "{differ:?}"
    );
    let pages = pages_of(forms, a, &paged("gbk", "-gbk.pdf", Some("-gbk.pages")));
    let printed = pages[1].lines().nth(3).unwrap();
    assert!(starts_on_page(&pages, 2, printed));
    assert!(!starts_on_page(&pages, 1, printed) && !starts_on_page(&pages, 3, printed));
}
