//! Metadata on real page openings: every case of `fixtures/openings/openings*.yaml`
//! (independent readings of published report pages, written from the checklist without
//! the code) is parsed and its title, issuer, abbreviation flag, level, year and date
//! compared. Prints a per-field table and every miss; asserts the overall accuracy.
//! `openings.yaml` is the set the reader was developed against; `openings2.yaml` was
//! written afterwards by another reviewer and held out until the reader was done.

use lawscore::document::Document;
use lawscore::yaml::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

const FIELDS: [&str; 6] = ["title", "issuer", "abbreviated", "level", "year", "date"];

/// The overall share of fields that must come out right: 360/360 were reached (first run,
/// before the reading was generalised: 316/360); the margin lets a borderline case added
/// to the set be discussed rather than break the build.
const MIN_ACCURACY: f64 = 0.995;
/// The floor on the second set (held out while the reader was developed; its first run
/// was 96.2%, it reads 99.5% now, so a regression of two fields fails).
const MIN_ACCURACY_SECOND: f64 = 0.99;

fn text_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Joint issuers are written `A、B` in the fixtures and `A B` by lawscore (the published
/// output contract); the separator is not what is measured.
fn issuer_key(s: &str) -> String {
    s.replace('、', " ")
}

/// What lawscore says for each field, as strings (`None` for null).
fn got(doc: &Document) -> BTreeMap<&'static str, Option<String>> {
    let m = &doc.meta;
    BTreeMap::from([
        ("title", m.title.clone()),
        ("issuer", m.issuer.as_deref().map(issuer_key)),
        ("abbreviated", Some(m.issuer_abbreviated.to_string())),
        ("level", Some(m.level.to_string())),
        ("year", m.year.map(|y| y.to_string())),
        ("date", m.date.clone()),
    ])
}

#[derive(Default)]
struct Tally {
    right: BTreeMap<&'static str, usize>,
    total: BTreeMap<&'static str, usize>,
    misses: Vec<String>,
}

impl Tally {
    fn compare(&mut self, id: &str, doc: &Document, want: &BTreeMap<String, Value>) {
        let got = got(doc);
        for f in FIELDS {
            let Some(w) = want.get(f) else { continue };
            let mut w = text_of(Some(w));
            if f == "issuer" {
                w = w.map(|s| issuer_key(&s));
            }
            *self.total.entry(f).or_default() += 1;
            if got[f] == w {
                *self.right.entry(f).or_default() += 1;
            } else {
                self.misses
                    .push(format!("{id} {f}: got {:?}, want {:?}", got[f], w));
            }
        }
    }

    fn report(&self, name: &str) -> f64 {
        println!("== {name}");
        let (mut r, mut t) = (0, 0);
        for f in FIELDS {
            let (rf, tf) = (
                self.right.get(f).copied().unwrap_or(0),
                self.total.get(f).copied().unwrap_or(0),
            );
            if tf == 0 {
                continue;
            }
            r += rf;
            t += tf;
            println!(
                "{f:<12} {rf:>3}/{tf:<3} {:>5.1}%",
                100.0 * rf as f64 / tf as f64
            );
        }
        let all = r as f64 / t.max(1) as f64;
        println!("{:<12} {r:>3}/{t:<3} {:>5.1}%", "all", 100.0 * all);
        for m in &self.misses {
            println!("  miss {m}");
        }
        all
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Scores every case of one openings file; returns the share of fields right.
fn openings_accuracy(file: &str) -> f64 {
    let path = root().join("tests/fixtures/openings").join(file);
    let cases: Vec<BTreeMap<String, Value>> =
        lawscore::yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut tally = Tally::default();
    for case in &cases {
        let id = text_of(case.get("id")).unwrap_or_default();
        let text = text_of(case.get("text")).unwrap_or_default();
        tally.compare(&id, &Document::parse(&text), case);
    }
    tally.report(&format!("{file} ({} cases)", cases.len()))
}

/// The first set, which the metadata reader was developed against.
#[test]
fn openings_metadata() {
    let all = openings_accuracy("openings.yaml");
    assert!(
        all >= MIN_ACCURACY,
        "openings metadata accuracy {:.1}% < {:.0}%",
        100.0 * all,
        100.0 * MIN_ACCURACY
    );
}

/// A second set, written later by another reviewer and first run after the reader was done.
#[test]
fn openings_metadata_second_set() {
    let all = openings_accuracy("openings2.yaml");
    assert!(
        all >= MIN_ACCURACY_SECOND,
        "second openings set accuracy {:.1}% < {:.0}%",
        100.0 * all,
        100.0 * MIN_ACCURACY_SECOND
    );
}
