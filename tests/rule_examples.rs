//! Every element of the built-in pack documents itself with examples, and the examples
//! are tests: each element is shown met and shown not met, and the engine agrees.

use lawscore::model::scorecard::Status;
use lawscore::model::Kind;
use lawscore::rules::schema::ExampleKind;
use lawscore::rules::RulePack;
use lawscore::score::examples;

#[test]
fn every_element_has_a_met_and_a_not_met_example_that_pass() {
    let pack = RulePack::builtin().expect("built-in pack loads");
    let results = examples::run(&pack, None);
    let failures: Vec<String> = results
        .iter()
        .filter(|r| !r.passed())
        .map(|r| {
            format!(
                "{} example {}: expected {}, got {} — {}",
                r.element,
                r.index,
                r.expected.as_str(),
                r.got.as_str(),
                r.text
            )
        })
        .collect();
    assert!(
        failures.is_empty(),
        "failing examples:\n{}",
        failures.join("\n")
    );
    for e in &pack.elements {
        let mine: Vec<_> = results.iter().filter(|r| r.element == e.id).collect();
        assert!(
            mine.iter().any(|r| r.expected == Status::Met),
            "{} has no met example",
            e.id
        );
        assert!(
            mine.iter().any(|r| r.expected != Status::Met),
            "{} has no example where it is not met",
            e.id
        );
        assert!(
            !e.basis.is_empty() && !e.advice.is_empty(),
            "{} documents its basis and advice",
            e.id
        );
    }
}

#[test]
fn achievement_elements_never_count_from_plans() {
    // The scope rule: an element of an achievement category shown only in a plans part
    // is missing, whatever its words.
    let pack = RulePack::builtin().unwrap();
    let achievement = [
        "lead",
        "norm",
        "decision",
        "enforce",
        "oversight",
        "dispute",
        "system",
    ];
    for e in pack
        .elements
        .iter()
        .filter(|e| achievement.contains(&e.category.as_str()))
    {
        let met = e
            .examples
            .iter()
            .find(|x| x.expect == Status::Met && x.kind.is_none())
            .unwrap_or_else(|| panic!("{} has a measures met example", e.id));
        let mut moved = met.clone();
        moved.kind = Some(ExampleKind::Part(Kind::Plans));
        let doc = examples::example_document(&moved);
        let single = RulePack {
            elements: vec![e.clone()],
            ..pack.clone()
        };
        let profile = pack.profiles[0].clone();
        let source = lawscore::model::scorecard::Source {
            path: "x".into(),
            format: lawscore::model::scorecard::Format::Txt,
            encoding: "utf-8".into(),
            chars: 0,
            sha256: String::new(),
        };
        let card = lawscore::score::score(&doc, &single, &profile, source);
        let r = &card.elements[0];
        assert_eq!(
            r.status.as_str(),
            "missing",
            "{}: its met example placed in plans must not count",
            e.id
        );
        let near = r
            .near_miss
            .as_ref()
            .unwrap_or_else(|| panic!("{}: a near-miss points at the plans text", e.id));
        assert_eq!(near.reason, "只在下一步安排中提到，未见落实情况");
    }
}

#[test]
fn every_element_shows_three_wordings_met_and_one_negated_or_planned() {
    // Three met examples keep a rule honest about the synonyms drafters use; a negated or
    // planned one keeps it from crediting intentions, gaps or laws merely studied.
    let pack = RulePack::builtin().unwrap();
    let negated = |text: &str| {
        text.contains('《')
            || pack
                .negation
                .words
                .iter()
                .any(|w| text.contains(w.as_str()))
    };
    for e in &pack.elements {
        let mut met: Vec<&str> = e
            .examples
            .iter()
            .filter(|x| x.expect == Status::Met)
            .map(|x| x.text.as_str())
            .collect();
        met.sort_unstable();
        met.dedup();
        assert!(
            met.len() >= 3,
            "{} has {} distinct met example(s); it needs three wordings",
            e.id,
            met.len()
        );
        let not_credited = e.examples.iter().any(|x| {
            x.expect == Status::Missing
                && (matches!(
                    x.kind,
                    Some(ExampleKind::Part(
                        Kind::Plans | Kind::Problems | Kind::Causes
                    ))
                ) || negated(&x.text))
        });
        assert!(
            not_credited,
            "{} has no missing example that is planned, negated or only studies a law",
            e.id
        );
    }
}
