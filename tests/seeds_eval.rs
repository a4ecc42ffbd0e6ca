//! The engine against an expert reading of the real reports in ../shared/corpus/seeds.
//!
//! `tests/seeds/expected.yaml` holds the statuses an expert gave every element of every
//! seed (statuses only: the seed text stays out of the repository). The test fails when
//! the engine disagrees with any of them. Without the corpus it says it skipped, except
//! under `CI=true`, where a missing corpus fails.

mod common;

use lawscore::engine::Engine;
use lawscore::rules::RulePack;
use std::collections::BTreeMap;

#[derive(serde::Deserialize)]
struct Expected {
    score_band: [f64; 2],
    statuses: BTreeMap<String, String>,
    #[allow(dead_code)]
    hard: Vec<String>,
}

#[test]
fn engine_agrees_with_expert_reading_of_seeds() {
    let Some(dir) = common::seeds_dir() else {
        return;
    };
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/seeds/expected.yaml"
    ))
    .unwrap();
    let expected: BTreeMap<String, Expected> = lawscore::yaml::from_str(&src).unwrap();
    let engine = Engine::new(RulePack::builtin().unwrap(), None).unwrap();
    let mut total = 0;
    let mut agree = 0;
    let mut report = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let key = &name[..3];
        let Some(exp) = expected.get(key) else {
            panic!("no expert reading for seed {name}")
        };
        let bytes = std::fs::read(&path).unwrap();
        let card = engine.score_bytes(&name, &bytes).unwrap().card;
        assert_eq!(
            card.elements.len(),
            exp.statuses.len(),
            "{name}: the reading must cover every element"
        );
        for e in &card.elements {
            let want = exp
                .statuses
                .get(&e.id)
                .unwrap_or_else(|| panic!("{name}: no expert status for {}", e.id));
            total += 1;
            if e.status.as_str() == want {
                agree += 1;
            } else {
                report.push(format!(
                    "{key} {}: expert {want}, engine {}",
                    e.id,
                    e.status.as_str()
                ));
            }
        }
        println!(
            "{name}: {:.1} {} (expected band {:?})",
            card.score, card.grade, exp.score_band
        );
        assert!(
            card.score >= exp.score_band[0] && card.score <= exp.score_band[1],
            "{name}: score {} outside the expert's band {:?}",
            card.score,
            exp.score_band
        );
    }
    let rate = agree as f64 / total as f64;
    println!("agreement {agree}/{total} = {:.1}%", rate * 100.0);
    for r in &report {
        println!("  disagree: {r}");
    }
    assert!(total >= 5 * 38, "all five seeds are evaluated");
    assert!(
        report.is_empty(),
        "engine disagrees with the expert on {} of {total} statuses ({:.1}% agree):\n{}",
        report.len(),
        rate * 100.0,
        report.join("\n")
    );
}
