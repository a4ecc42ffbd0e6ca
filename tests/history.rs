//! One issuer across years: `lawscore compare OLD NEW` and the `history` block of a batch.
//!
//! The fixtures (tests/fixtures/history) were written for these tests: 蓟州区's reports of
//! 2022 and 2023, the second signed with the full name 天津市蓟州区人民政府 (an alias, in
//! aliases.yaml), copying most of the first — 11 of its 20 counted sentences word for
//! word, 5 more with only figures changed — dropping the 述法 sentence (lead.shufa met →
//! missing) and adding a paragraph on 行政复议 (dispute.reconsideration missing → met);
//! and 和平区's one report of 2023, in a folder of its own.

mod common;

use common::{code, json, run, stderr, stdout};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/history")
}

fn at(p: &str) -> String {
    dir().join(p).display().to_string()
}

/// The 1-based line of `file` holding `words`.
fn line_of(file: &str, words: &str) -> u64 {
    let text = std::fs::read_to_string(at(file)).unwrap();
    let i = text.lines().position(|l| l.contains(words)).unwrap();
    i as u64 + 1
}

/// The scorecard `score --format json` gives for one file.
fn card(file: &str) -> Value {
    let o = run(&["score", "-q", "--format", "json", &at(file)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    json(&o)["reports"][0].clone()
}

fn compare_json(extra: &[&str]) -> Value {
    let (old, new) = (at("jizhou/2022.txt"), at("jizhou/2023.txt"));
    let mut args = vec!["compare", old.as_str(), new.as_str(), "--format", "json"];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    json(&o)
}

fn ids(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect()
}

fn find<'a>(list: &'a Value, id: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("{id} not in {list}"))
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[test]
fn compare_json_gives_scores_changes_with_evidence_and_the_shares() {
    let doc = compare_json(&[]);
    assert_eq!(doc["schema"], "lawscore.compare/1");
    let h = &doc["history"];
    let (old, new) = (card("jizhou/2022.txt"), card("jizhou/2023.txt"));
    assert_eq!(h["reports"][0]["path"], old["source"]["path"]);
    assert_eq!(h["reports"][0]["score"], old["score"]);
    assert_eq!(h["reports"][1]["score"], new["score"]);
    assert_eq!(h["reports"][0]["year"], 2022);
    assert_eq!(h["reports"][1]["grade"], new["grade"]);
    let c = &h["changes"][0];
    let delta = new["score"].as_f64().unwrap() - old["score"].as_f64().unwrap();
    assert_eq!(c["score_delta"].as_f64().unwrap(), round1(delta));

    // The element the newer report dropped, with the older report's sentence.
    let lost = find(&c["lost"], "lead.shufa");
    assert_eq!(
        (lost["from"].as_str(), lost["to"].as_str()),
        (Some("met"), Some("missing"))
    );
    let ev = &lost["evidence"][0];
    assert_eq!(ev["line"], line_of("jizhou/2022.txt", "年终述法"));
    assert!(ev["text"].as_str().unwrap().contains("年终述法"), "{ev}");
    // The one it added, with the newer report's.
    let gained = find(&c["gained"], "dispute.reconsideration");
    assert_eq!(gained["to"], "met");
    let lines: Vec<u64> = gained["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["line"].as_u64().unwrap())
        .collect();
    assert!(
        lines.contains(&line_of("jizhou/2023.txt", "办理行政复议案件")),
        "{lines:?}"
    );
    // Every change is one the two scorecards show, and nothing else changed.
    for e in old["elements"].as_array().unwrap() {
        let id = e["id"].as_str().unwrap();
        let now = &find(&new["elements"], id)["status"];
        let listed = ids(&c["gained"]).contains(&id) || ids(&c["lost"]).contains(&id);
        let rank = |s: &Value| ["missing", "partial", "met"].iter().position(|r| s == r);
        let moved = matches!((rank(&e["status"]), rank(now)), (Some(a), Some(b)) if a != b);
        assert_eq!(listed, moved, "{id}: {} → {now}", e["status"]);
    }

    let o = &c["overlap"];
    assert_eq!(
        (
            o["sentences"].as_u64(),
            o["identical"].as_u64(),
            o["near"].as_u64()
        ),
        (Some(20), Some(11), Some(16))
    );
    assert_eq!(o["identical_share"].as_f64(), Some(0.55));
    assert_eq!(o["near_share"].as_f64(), Some(0.8));
}

#[test]
fn category_trends_follow_each_years_scorecard() {
    let h = compare_json(&[])["history"].clone();
    let cards = [card("jizhou/2022.txt"), card("jizhou/2023.txt")];
    for t in h["categories"].as_array().unwrap() {
        for (i, card) in cards.iter().enumerate() {
            let cat = find(&card["categories"], t["id"].as_str().unwrap());
            assert_eq!(t["points"][i]["earned"], cat["earned"], "{}", t["id"]);
            assert_eq!(t["points"][i]["possible"], cat["possible"], "{}", t["id"]);
        }
    }
    let lead = find(&h["categories"], "lead");
    let drop = lead["points"][1]["earned"].as_f64().unwrap()
        - lead["points"][0]["earned"].as_f64().unwrap();
    assert!(drop < 0.0, "述法 was lost: {lead}");
}

#[test]
fn compare_says_when_issuers_differ_unless_the_aliases_file_joins_them() {
    assert_eq!(compare_json(&[])["same_issuer"], false);
    let aliases = at("aliases.yaml");
    let doc = compare_json(&["--aliases", &aliases]);
    assert_eq!(doc["same_issuer"], true);
    assert_eq!(doc["history"]["name"], "天津市蓟州区人民政府");
}

#[test]
fn compare_text_reads_as_a_diff_in_chinese() {
    let (old, new) = (at("jizhou/2022.txt"), at("jizhou/2023.txt"));
    let o = run(&["compare", &old, &new]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let (a, b) = (card("jizhou/2022.txt"), card("jizhou/2023.txt"));
    let (sa, sb) = (a["score"].as_f64().unwrap(), b["score"].as_f64().unwrap());
    let delta = round1(sb - sa);
    let sign = if delta > 0.0 { "+" } else { "" };
    assert!(
        out.contains(&format!("分数 {sa:.1} → {sb:.1}（{sign}{delta:.1}）")),
        "{out}"
    );
    assert!(out.contains("述法（lead.shufa）：满足 → 缺失"), "{out}");
    assert!(
        out.contains("行政复议（dispute.reconsideration）：缺失 → 满足"),
        "{out}"
    );
    let line = line_of("jizhou/2022.txt", "年终述法");
    assert!(
        out.contains(&format!("第{line}行：“严格落实党政主要负责人年终述法制度")),
        "{out}"
    );
    assert!(out.contains("与上年相同的句子 55%（近似 80%）"), "{out}");
    assert!(out.contains("发文机关不同"), "{out}");
    let aliases = at("aliases.yaml");
    let joined = stdout(&run(&["compare", &old, &new, "--aliases", &aliases]));
    assert!(!joined.contains("发文机关不同"), "{joined}");

    let en = stdout(&run(&["compare", &old, &new, "--lang", "en"]));
    assert!(en.contains("lost (1):"), "{en}");
    assert!(
        en.contains("sentences kept from the year before 55% (nearly 80%)"),
        "{en}"
    );
}

#[test]
fn compare_refuses_a_file_it_cannot_read_naming_it() {
    let missing = at("jizhou/2021.txt");
    let o = run(&["compare", &missing, &at("jizhou/2023.txt")]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("2021.txt"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
}

fn batch(extra: &[&str]) -> Value {
    let d = dir().display().to_string();
    let mut args = vec!["score", "-q", "--format", "json", d.as_str()];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    json(&o)
}

#[test]
fn a_batch_has_a_history_only_for_an_issuer_with_two_years() {
    // Without the aliases the two names are two issuers of one year each: no history.
    assert!(batch(&[]).get("history").is_none());
    let aliases = at("aliases.yaml");
    let doc = batch(&["--aliases", &aliases]);
    let hs = doc["history"].as_array().unwrap();
    assert_eq!(hs.len(), 1, "和平区 has one year: {hs:?}");
    let h = &hs[0];
    assert_eq!(h["group_by"], "issuer");
    assert_eq!(h["name"], "天津市蓟州区人民政府");
    assert_eq!(
        h["names"],
        serde_json::json!(["蓟州区人民政府", "天津市蓟州区人民政府"])
    );
    let years: Vec<i64> = h["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["year"].as_i64().unwrap())
        .collect();
    assert_eq!(years, [2022, 2023]);
    // The same change `compare` gives.
    let pair = compare_json(&["--aliases", &aliases])["history"].clone();
    assert_eq!(h["changes"], pair["changes"]);
    assert_eq!(h["categories"], pair["categories"]);
}

/// The title the pack gives element `id`, as `card` shows it.
fn title_of(card: &Value, id: &str) -> String {
    find(&card["elements"], id)["title"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn a_text_batch_ends_with_each_issuers_history_in_the_runs_language() {
    let (d, aliases) = (dir().display().to_string(), at("aliases.yaml"));
    let text = |extra: &[&str]| {
        let mut args = vec!["score", "-q", "--color", "never", "--format", "text", &d];
        args.extend_from_slice(extra);
        let o = run(&args);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        stdout(&o)
    };
    let (a, b) = (card("jizhou/2022.txt"), card("jizhou/2023.txt"));
    let (sa, sb) = (a["score"].as_f64().unwrap(), b["score"].as_f64().unwrap());
    let delta = round1(sb - sa);
    let sign = if delta > 0.0 { "+" } else { "" };
    // The titles, in the pack's words and order, of what `compare` finds gained and lost.
    let change = compare_json(&["--aliases", &aliases])["history"]["changes"][0].clone();
    let titles = |list: &Value, sep: &str| {
        let ids = ids(list);
        let t: Vec<String> = ids.iter().map(|id| title_of(&b, id)).collect();
        t.join(sep)
    };
    assert!(ids(&change["gained"]).contains(&"dispute.reconsideration"));
    assert_eq!(ids(&change["lost"]), ["lead.shufa"]);
    let (gained, lost) = (
        titles(&change["gained"], "、"),
        titles(&change["lost"], "、"),
    );
    let gained_en = titles(&change["gained"], ", ");
    let (ga, gb) = (a["grade"].as_str().unwrap(), b["grade"].as_str().unwrap());

    // Without the aliases each name has one year: no history, the output as before.
    assert!(!text(&[]).contains("历年对比"));
    let zh = text(&["--aliases", &aliases]);
    let tail = &zh[zh.find("历年对比").expect(&zh)..];
    let want = [
        "历年对比（1个发文机关有两年以上的报告）：".to_string(),
        "  天津市蓟州区人民政府".to_string(),
        format!("    2022年  {sa:.1}分  {ga}"),
        format!(
            "    2023年  {sb:.1}分  {gb}（{sign}{delta:.1}）  新增满足：{gained}；不再满足：{lost}；\
             与上年相同的句子 55%（近似 80%）"
        ),
    ];
    assert_eq!(tail.lines().take(4).collect::<Vec<_>>(), want, "{tail}");
    // The summary stays the last line.
    assert!(
        zh.trim_end()
            .lines()
            .last()
            .unwrap()
            .starts_with("共 3 份报告"),
        "{zh}"
    );

    let en = text(&["--aliases", &aliases, "--lang", "en"]);
    assert!(
        en.contains("Across years (issuers with reports of two years or more: 1):"),
        "{en}"
    );
    assert!(
        en.contains(&format!(
            "gained: {gained_en}; lost: {lost}; sentences kept from the year before 55% (nearly 80%)"
        )),
        "{en}"
    );
}

#[test]
fn group_by_path_puts_a_folders_reports_together() {
    let doc = batch(&["--group-by", "path"]);
    let hs = doc["history"].as_array().unwrap();
    assert_eq!(hs.len(), 1, "{hs:?}");
    assert_eq!(hs[0]["group_by"], "path");
    assert!(
        hs[0]["key"].as_str().unwrap().ends_with("jizhou"),
        "{}",
        hs[0]["key"]
    );
    assert_eq!(hs[0]["changes"][0]["overlap"]["identical"], 11);
}

#[test]
fn jsonl_ends_with_one_history_record_per_issuer() {
    let d = dir().display().to_string();
    let aliases = at("aliases.yaml");
    let o = run(&[
        "score",
        "-q",
        "--format",
        "jsonl",
        &d,
        "--aliases",
        &aliases,
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "three scorecards and one history");
    assert!(lines[..3].iter().all(|l| l.get("source").is_some()));
    let doc = batch(&["--aliases", &aliases]);
    assert_eq!(
        lines[3],
        serde_json::json!({ "history": doc["history"][0] })
    );
}

#[test]
fn two_reports_of_one_year_are_both_kept_and_said() {
    let tmp = tempfile::tempdir().unwrap();
    let copy = |from: &str, to: &str| std::fs::copy(at(from), tmp.path().join(to)).unwrap();
    copy("jizhou/2022.txt", "a.txt");
    copy("jizhou/2023.txt", "b.txt");
    copy("jizhou/2023.txt", "c.txt");
    let o = run(&[
        "score",
        "-q",
        "--format",
        "json",
        "--group-by",
        "path",
        tmp.path().to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let h = &json(&o)["history"][0];
    assert_eq!(h["same_year"], serde_json::json!([2023]));
    assert_eq!(h["reports"].as_array().unwrap().len(), 3);
    let twin = &h["changes"][1];
    assert_eq!(twin["same_year"], true);
    assert_eq!(twin["overlap"]["identical_share"].as_f64(), Some(1.0));
    assert!(
        twin["gained"].as_array().unwrap().is_empty()
            && twin["lost"].as_array().unwrap().is_empty()
    );
}

#[test]
fn the_overview_shows_the_trend_only_when_there_is_one() {
    let tmp = tempfile::tempdir().unwrap();
    let d = dir().display().to_string();
    let html = |out: &Path, extra: &[&str]| {
        let mut args = vec![
            "score",
            "-q",
            "--format",
            "html",
            "--out",
            out.to_str().unwrap(),
            d.as_str(),
        ];
        args.extend_from_slice(extra);
        let o = run(&args);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        std::fs::read_to_string(out.join("index.html")).unwrap()
    };
    let plain = html(&tmp.path().join("a"), &[]);
    assert!(!plain.contains("id=\"history\""));
    let aliases = at("aliases.yaml");
    let page = html(&tmp.path().join("b"), &["--aliases", &aliases]);
    let at = page.find("id=\"history\"").expect("a trend view");
    let view = &page[at..];
    assert!(view.contains("天津市蓟州区人民政府"));
    assert!(view.contains("55%（近似 80%）"), "{view}");
    assert!(
        view.contains("href=\"") && view.contains("2022年"),
        "each year links to its page"
    );
}

#[test]
fn a_bad_aliases_file_stops_the_run_naming_it() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("别名.yaml");
    std::fs::write(&bad, "甲县人民政府: [县政府]\n乙县人民政府: [县政府]\n").unwrap();
    let d = dir().display().to_string();
    let o = run(&[
        "score",
        "-q",
        "--format",
        "json",
        &d,
        "--aliases",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains("别名.yaml") && err.contains("县政府"), "{err}");
    assert!(o.stdout.is_empty(), "nothing written before the refusal");
    let missing = tmp.path().join("none.yaml");
    let o = run(&[
        "compare",
        &at("jizhou/2022.txt"),
        &at("jizhou/2023.txt"),
        "--aliases",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("none.yaml"), "{}", stderr(&o));
}
