//! Every element of the built-in pack documents itself with examples, and the examples
//! are tests: each element is shown met and shown not met, and the engine agrees, quoting
//! as evidence the words each met or partial example lists.

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
                "{} example {}: {} — {}",
                r.element,
                r.index,
                r.failure().unwrap_or_default(),
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
            pages: None,
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

#[test]
fn every_met_or_partial_example_lists_the_words_it_quotes() {
    // A status alone passes for the wrong reason as easily as for the right one; the
    // listed words pin down what earns it.
    let pack = RulePack::builtin().unwrap();
    let mut bare = Vec::new();
    for e in &pack.elements {
        for (i, x) in e.examples.iter().enumerate() {
            let credited = matches!(x.expect.as_str(), "met" | "partial");
            if credited && x.matched.is_empty() {
                bare.push(format!("{} example {}", e.id, i + 1));
            }
            assert!(
                credited || x.matched.is_empty(),
                "{} example {}: a {} example quotes nothing, so it lists no matched words",
                e.id,
                i + 1,
                x.expect
            );
        }
    }
    assert!(bare.is_empty(), "examples without `matched:`: {bare:?}");
}

#[test]
fn a_listed_word_the_evidence_does_not_quote_fails_the_example() {
    let pack = RulePack::builtin().unwrap();
    let shufa = |matched: &[&str]| {
        let mut p = pack.clone();
        let e = p
            .elements
            .iter_mut()
            .find(|e| e.id == "lead.shufa")
            .unwrap();
        e.examples.truncate(1);
        e.examples[0].matched = matched.iter().map(|w| w.to_string()).collect();
        examples::run(&p, Some("lead.shufa")).remove(0)
    };
    // The example is 在县委全面依法治县委员会会议上，5个乡镇党政主要负责人现场述法。
    let right = shufa(&["述法"]);
    assert!(right.passed(), "{:?}", right.failure());
    // A word of the evidence line that the rule did not match is not quoted.
    let wrong = shufa(&["述法", "党政主要负责人"]);
    assert!(!wrong.passed());
    assert_eq!(wrong.unquoted(), ["党政主要负责人"]);
    assert_eq!(
        wrong.failure().unwrap(),
        "expects the evidence to quote “党政主要负责人” but it quotes “述法”"
    );
    // A listed word stands inside a quoted one: 述 is quoted within 述法.
    assert!(shufa(&["述"]).passed());
}
