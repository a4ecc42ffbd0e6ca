//! Running the examples that rules carry: every example is a test of its rule.

use crate::document::Document;
use crate::model::scorecard::{Evidence, Source, Status};
use crate::model::Kind;
use crate::rules::schema::{Example, ExampleKind, ProfileDef};
use crate::rules::{Element, RulePack};

/// One example's outcome.
#[derive(Debug, Clone)]
pub struct ExampleResult {
    /// Element id.
    pub element: String,
    /// 1-based index of the example within its element.
    pub index: usize,
    /// The file the element is in.
    pub file: String,
    /// What the example expects.
    pub expected: Status,
    /// What came out.
    pub got: Status,
    /// The words the example says the evidence quotes as matched.
    pub matched: Vec<String>,
    /// The evidence the engine found.
    pub evidence: Vec<Evidence>,
    /// The example's text.
    pub text: String,
    /// Where its `text:` stands in the file.
    pub at: Option<crate::yaml::Pos>,
}

impl ExampleResult {
    /// True when the outcome is the expected one and the evidence quotes every word the
    /// example lists.
    pub fn passed(&self) -> bool {
        self.failure().is_none()
    }

    /// `file:line:column` of the example's text (the file alone when unknown).
    pub fn location(&self) -> String {
        match self.at {
            Some(p) => format!("{}:{}:{}", self.file, p.line, p.column),
            None => self.file.clone(),
        }
    }

    /// The listed words that stand in no word the evidence quotes as matched.
    pub fn unquoted(&self) -> Vec<&str> {
        let quoted = self.quoted();
        self.matched
            .iter()
            .map(String::as_str)
            .filter(|w| !quoted.iter().any(|q| q.contains(w)))
            .collect()
    }

    /// Why the example fails, in words (the status it got, or the listed words its
    /// evidence does not quote); `None` when it passes.
    pub fn failure(&self) -> Option<String> {
        if self.got != self.expected {
            return Some(format!(
                "expects {} but the rules give {}",
                self.expected, self.got
            ));
        }
        let unquoted = self.unquoted();
        if unquoted.is_empty() {
            return None;
        }
        let quoted = self.quoted();
        Some(format!(
            "expects the evidence to quote {} but it quotes {}",
            words(&unquoted),
            if quoted.is_empty() {
                "nothing".into()
            } else {
                words(&quoted)
            }
        ))
    }

    /// Every word the evidence quotes as matched, in order, once each.
    pub fn quoted(&self) -> Vec<&str> {
        let mut words: Vec<&str> = Vec::new();
        for w in self.evidence.iter().flat_map(|e| &e.matched) {
            if !words.contains(&w.as_str()) {
                words.push(w);
            }
        }
        words
    }
}

/// Words as a message shows them: `“述法”、“年终述职”`.
fn words(ws: &[&str]) -> String {
    let quoted: Vec<String> = ws.iter().map(|w| format!("“{w}”")).collect();
    quoted.join("、")
}

/// Builds the document an example describes.
pub fn example_document(ex: &Example) -> Document {
    let kind = ex.kind.unwrap_or(ExampleKind::Part(Kind::Measures));
    let mut doc = match kind {
        ExampleKind::Document => Document::parse(&ex.text),
        ExampleKind::Part(k) => Document::snippet(k, ex.heading.as_deref(), &ex.text),
    };
    // A snippet has no title to read a year from; a whole document keeps what it states.
    if let Some(y) = ex.year {
        doc.assume_year(y);
    } else if kind != ExampleKind::Document {
        doc.assume_year(2023);
    }
    doc
}

/// `single` is the pack with this element as its only one (see [`alone`]).
fn run_one(single: &RulePack, e: &Element, i: usize, ex: &Example) -> ExampleResult {
    let doc = example_document(ex);
    let profile = ProfileDef {
        id: "example".into(),
        title: "示例".into(),
        levels: Vec::new(),
        not_applicable: Vec::new(),
        weights: Default::default(),
        deadline: None,
        description: String::new(),
    };
    let source = Source {
        path: "example".into(),
        format: crate::model::scorecard::Format::Txt,
        encoding: "utf-8".into(),
        chars: ex.text.chars().count(),
        sha256: String::new(),
        pages: None,
    };
    let card = super::score(&doc, single, &profile, source);
    let r = &card.elements[0];
    ExampleResult {
        element: e.id.clone(),
        index: i + 1,
        file: e.file.clone(),
        expected: ex.expect,
        got: r.status,
        matched: ex.matched.clone(),
        evidence: r.evidence.clone(),
        text: ex.text.clone(),
        at: None,
    }
}

/// Runs every example of every element (or of the elements whose id starts with `filter`).
pub fn run(pack: &RulePack, filter: Option<&str>) -> Vec<ExampleResult> {
    let mut single = alone(pack);
    let mut places = pack.example_places();
    let mut out = Vec::new();
    for e in pack
        .elements
        .iter()
        .filter(|e| filter.is_none_or(|f| e.id.starts_with(f)))
    {
        single.elements = vec![e.clone()];
        for (i, ex) in e.examples.iter().enumerate() {
            let mut r = run_one(&single, e, i, ex);
            r.at = places.example(e, i);
            out.push(r);
        }
    }
    out
}

/// The pack without its elements, key figures and files, for scoring one element alone so
/// that no other can affect it. Made once per run: a copy of the whole pack per example
/// made `rules check` quadratic in the pack's size.
fn alone(pack: &RulePack) -> RulePack {
    RulePack {
        name: pack.name.clone(),
        version: pack.version.clone(),
        title: pack.title.clone(),
        digest: pack.digest.clone(),
        grades: pack.grades.clone(),
        negation: pack.negation.clone(),
        citations: pack.citations.clone(),
        categories: pack.categories.clone(),
        elements: Vec::new(),
        profiles: pack.profiles.clone(),
        topics: pack.topics.clone(),
        vocabularies: pack.vocabularies.clone(),
        stock_phrases: pack.stock_phrases.clone(),
        indicators: Vec::new(),
        patterns: pack.patterns.clone(),
        files: Vec::new(),
        warnings: Vec::new(),
    }
}
