//! Key-figure accuracy on a folder of expert readings, for measuring indicator changes.
//!
//! Set `LAWSCORE_FIGURES_DIR` to a folder of `NAME.txt`/`NAME.html` reports, each with a
//! `NAME.expect.yaml` holding an `indicators:` map, and run
//! `cargo test --test figures_eval -- --nocapture`. Without the variable the test does
//! nothing: the folder is not part of the repository.

use lawscore::engine::Engine;
use lawscore::rules::RulePack;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The expected map of one reading; `None` when the reading has no `indicators:` yet.
fn expected(path: &Path) -> Option<BTreeMap<String, f64>> {
    let exp: BTreeMap<String, lawscore::yaml::Value> =
        lawscore::yaml::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    let map = exp.get("indicators")?;
    Some(
        map.as_mapping()
            .map(|m| {
                m.iter()
                    .filter_map(|(k, v)| Some((k.as_str()?.to_string(), v.as_f64()?)))
                    .collect()
            })
            .unwrap_or_default(),
    )
}

/// The report next to a reading, whichever extension it has.
fn report(dir: &Path, name: &str) -> Option<PathBuf> {
    ["txt", "html", "docx"]
        .iter()
        .map(|e| dir.join(format!("{name}.{e}")))
        .find(|p| p.exists())
}

#[test]
fn figure_accuracy_on_a_reading_folder() {
    let Some(dir) = std::env::var_os("LAWSCORE_FIGURES_DIR").map(PathBuf::from) else {
        return;
    };
    let engine = Engine::new(RulePack::builtin().unwrap(), None).unwrap();
    let ids: Vec<String> = engine
        .pack
        .indicators
        .iter()
        .map(|i| i.def.id.clone())
        .collect();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let n = e.ok()?.file_name().into_string().ok()?;
            n.strip_suffix(".expect.yaml").map(str::to_string)
        })
        .collect();
    names.sort();
    let (mut right, mut total) = (0usize, 0usize);
    for name in names {
        let (Some(want), Some(path)) = (
            expected(&dir.join(format!("{name}.expect.yaml"))),
            report(&dir, &name),
        ) else {
            continue;
        };
        let card = engine.score_file(&path).unwrap().card;
        let got: BTreeMap<String, f64> = card
            .indicators
            .iter()
            .map(|i| (i.id.clone(), i.value))
            .collect();
        // Every id is judged on every report: a figure wrongly given counts as much as
        // one wrongly missed.
        let keys: BTreeSet<&String> = ids.iter().chain(want.keys()).collect();
        for k in keys {
            total += 1;
            let (w, g) = (want.get(k), got.get(k));
            if w == g {
                right += 1;
            } else {
                let line = card.indicators.iter().find(|i| &i.id == k);
                println!(
                    "{name}: {k} expected {w:?}, got {g:?}{}",
                    line.map(|i| format!(" from line {}: {}", i.line, i.text))
                        .unwrap_or_default()
                );
            }
        }
    }
    println!("figure accuracy: {right}/{total}");
}
