//! The pack is the one source of what it declares. A maintainer who renames and re-cuts the
//! grades in `pack.yaml` (here A/B/C/D at 85/70/50) sees the new grades, thresholds and
//! colours in every output — text, CSV, report pages and the overview — and no trace of the
//! default 优秀/良好/合格/不合格 at 90/75/60; the timeliness badge follows the element that
//! declares it, and the stock phrases are the pack's vocabulary. Mistakes in these are
//! reported by `rules check` where they stand.

mod common;

use std::path::{Path, PathBuf};

/// The default pack's grade names (不合格 contains 合格, so checking 合格 covers both).
const OLD_NAMES: [&str; 4] = ["优秀", "良好", "合格", "不合格"];
/// The default pack's cut lines.
const OLD_MINS: [u32; 3] = [90, 75, 60];
/// The renamed and re-cut grades, best first.
const NEW: [(&str, f64); 4] = [("A", 85.0), ("B", 70.0), ("C", 50.0), ("D", 0.0)];

/// Reports whose scores (89.7, 79.5, 72.4, 69.3, 26.0, 100 under the default pack) fall on
/// both sides of the old and of the new cut lines.
const FIXTURES: &[&str] = &[
    "tests/fixtures/reports/complete.txt",
    "tests/fixtures/reports/old_2017.txt",
    "tests/fixtures/reports/combined_heading.txt",
    "tests/fixtures/blind/b1_county_2020.txt",
    "tests/fixtures/blind/d2_city_health_2019.txt",
    "tests/fixtures/reports/weak.txt",
];

/// The grades block of the exported `pack.yaml` replaced by `block`.
fn regrade(pack: &Path, block: &str) {
    let file = pack.join("pack.yaml");
    let src = std::fs::read_to_string(&file).unwrap();
    let start = src.find("\ngrades:\n").expect("pack.yaml declares grades") + 1;
    let end = start
        + src[start..]
            .find("\n\n")
            .expect("a blank line after the grades");
    let out = format!("{}{}{}", &src[..start], block.trim_end(), &src[end..]);
    std::fs::write(&file, out).unwrap();
}

/// A pack exported from the built-in one, with the grades replaced by `block`.
/// `rules check` on `pack` in English, the language these tests read its findings in.
fn check_en(pack: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_lawscore"))
        .args(["rules", "check", "--rules", pack.to_str().unwrap()])
        .env("LAWSCORE_LANG", "en")
        .output()
        .expect("run lawscore")
}

fn pack_with(block: &str) -> (tempfile::TempDir, PathBuf) {
    let (dir, pack) = common::exported_pack();
    regrade(&pack, block);
    (dir, pack)
}

const NEW_BLOCK: &str = "grades:
  - {name: A, min: 85}
  - {name: B, min: 70}
  - {name: C, min: 50}
  - {name: D, min: 0}
";

/// Copies of the fixtures with the default grade names taken out of their text: reports
/// quote 考核优秀 and the like, and a quote is report text, not a grade.
fn reports(dir: &Path) -> Vec<String> {
    let out = dir.join("reports");
    std::fs::create_dir_all(&out).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    FIXTURES
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(root.join(f)).unwrap();
            let clean = text
                .replace("不合格", "未达标")
                .replace("合格", "达标")
                .replace("优秀", "出色")
                .replace("良好", "较好");
            let p = out.join(Path::new(f).file_name().unwrap());
            std::fs::write(&p, clean).unwrap();
            p.display().to_string()
        })
        .collect()
}

/// Runs `lawscore score` with `--rules pack` on `files`, then `extra` arguments.
fn score(pack: &Path, files: &[String], extra: &[&str]) -> std::process::Output {
    let mut args = vec!["score", "-q", "--rules", pack.to_str().unwrap()];
    args.extend(extra);
    args.extend(files.iter().map(String::as_str));
    let out = common::run(&args);
    assert!(
        matches!(common::code(&out), 0 | 1),
        "{}",
        common::stderr(&out)
    );
    out
}

/// The grade a score earns under [`NEW`].
fn new_grade(score: f64) -> &'static str {
    NEW.iter().find(|(_, min)| score >= *min).unwrap().0
}

fn assert_no_old_names(what: &str, text: &str) {
    for name in OLD_NAMES {
        if let Some(i) = text.find(name) {
            let from = text[..i].char_indices().rev().nth(40).map_or(0, |(j, _)| j);
            let to = (i + 120).min(text.len());
            let to = (to..=text.len())
                .find(|&k| text.is_char_boundary(k))
                .unwrap();
            panic!(
                "{what} still shows the default grade {name}: …{}…",
                &text[from..to]
            );
        }
    }
}

/// Values of `attr="…"` in `html`, in order.
fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let key = format!("{attr}=\"");
    html.match_indices(&key)
        .map(|(i, _)| {
            let rest = &html[i + key.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

#[test]
fn renamed_and_recut_grades_reach_every_output() {
    let (dir, pack) = pack_with(NEW_BLOCK);
    let files = reports(dir.path());

    // JSON: grades follow the new cut lines, and the summary lists the new grades in order.
    let doc = common::json(&score(&pack, &files, &["--format", "json"]));
    let cards = doc["reports"].as_array().unwrap();
    assert_eq!(cards.len(), FIXTURES.len());
    let scored: Vec<(String, f64, String)> = cards
        .iter()
        .map(|c| {
            let score = c["score"].as_f64().unwrap();
            let grade = c["grade"].as_str().unwrap().to_string();
            assert_eq!(
                grade,
                new_grade(score),
                "{}: score {score}",
                c["source"]["path"]
            );
            (
                c["source"]["path"].as_str().unwrap().to_string(),
                score,
                grade,
            )
        })
        .collect();
    // The re-cut, not only the renaming, must show: some score lies between a new and an
    // old cut line, and every new grade is earned by some report.
    assert!(
        scored
            .iter()
            .any(|(_, s, _)| (85.0..90.0).contains(s) || (70.0..75.0).contains(s)),
        "no score between a new and an old cut line: {scored:?}"
    );
    for (name, _) in NEW {
        assert!(
            scored.iter().any(|(_, _, g)| g == name),
            "no report graded {name}: {scored:?}"
        );
    }
    let summary: Vec<&str> = doc["summary"]["grades"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g[0].as_str().unwrap())
        .collect();
    assert_eq!(summary, ["A", "B", "C", "D"]);
    assert_no_old_names("the JSON", &doc.to_string());

    // Text, plain and coloured.
    for color in ["never", "always"] {
        let text = common::stdout(&score(&pack, &files, &["--color", color]));
        assert_no_old_names(&format!("the text output (--color {color})"), &text);
        if color == "never" {
            for (path, s, g) in &scored {
                let line = format!("得分 {s:.1} / 100  {g}   (");
                let block = &text[text.find(path.as_str()).unwrap()..];
                assert!(block.contains(&line), "{path}: no `{line}` in\n{block}");
            }
            let counts: Vec<String> = NEW
                .iter()
                .map(|(n, _)| {
                    let k = scored.iter().filter(|(_, _, g)| g == n).count();
                    format!("{n} {k}")
                })
                .collect();
            assert!(
                text.contains(&counts.join(" · ")),
                "summary line lacks `{}`:\n{text}",
                counts.join(" · ")
            );
        }
    }

    // CSV: the grade column.
    let csv_out = common::stdout(&score(&pack, &files, &["--format", "csv"]));
    assert_no_old_names("the CSV", &csv_out);
    let mut rd = csv::Reader::from_reader(csv_out.trim_start_matches('\u{FEFF}').as_bytes());
    let head = rd.headers().unwrap().clone();
    let col = head.iter().position(|h| h == "grade").unwrap();
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), scored.len());
    for (row, (path, _, g)) in rows.iter().zip(&scored) {
        assert_eq!(&row[0], path);
        assert_eq!(&row[col], g, "{path}");
    }

    // HTML: every page and the overview.
    let site = dir.path().join("site");
    score(
        &pack,
        &files,
        &["--format", "html", "--out", site.to_str().unwrap()],
    );
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert_no_old_names("the overview", &index);
    // The histogram's dashed lines stand at the new cut lines (a line for the bottom grade
    // at 0 would only double the axis), labelled with the new names.
    let mins: Vec<String> = attr_values(&index, "data-min");
    assert_eq!(mins, ["50", "70", "85"], "histogram cut lines");
    for old in OLD_MINS {
        assert!(
            !index.contains(&format!("≥{old}")) && !index.contains(&format!("{old} 分及以上")),
            "the overview still names the old cut line {old}"
        );
    }
    for (name, min) in &NEW[..3] {
        assert!(
            index.contains(&format!("{name}：{min} 分及以上")),
            "the overview does not explain the {name} line"
        );
    }
    // Each report's grade in the table, ranked so sorting puts A above D.
    for (_, _, g) in &scored {
        assert!(
            index.contains(&format!(">{g}</span>")),
            "no {g} pill in the overview"
        );
    }
    let ranks = attr_values(&index, "data-v");
    for r in ["4", "3", "2", "1"] {
        assert!(
            ranks.iter().any(|v| v == r),
            "no grade of rank {r}: {ranks:?}"
        );
    }
    let mut pages = 0;
    for entry in std::fs::read_dir(&site).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name == "index.html" || !name.ends_with(".html") {
            continue;
        }
        let html = std::fs::read_to_string(&p).unwrap();
        assert_no_old_names(&format!("page {name}"), &html);
        // A page is named after its report's file (`weak-252d8101.html`).
        let (_, _, g) = scored
            .iter()
            .find(|(path, _, _)| {
                let stem = Path::new(path).file_stem().unwrap().to_string_lossy();
                name.starts_with(&format!("{stem}-"))
            })
            .unwrap_or_else(|| panic!("{name} is the page of none of the reports"));
        assert!(
            html.contains(&format!("<div class=\"grade\">{g}</div>")),
            "{name}: grade {g} not shown"
        );
        pages += 1;
    }
    assert_eq!(pages, FIXTURES.len());
}

#[test]
fn grade_colours_come_from_the_pack() {
    let block = "grades:
  - {name: A, min: 85, colour: teal}
  - {name: B, min: 70, colour: '#123abc'}
  - {name: C, min: 50, colour: purple}
  - {name: D, min: 0}
";
    let (dir, pack) = pack_with(block);
    let files = reports(dir.path());
    let site = dir.path().join("site");
    score(
        &pack,
        &files,
        &["--format", "html", "--out", site.to_str().unwrap()],
    );
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    // The colours as declared (D declares none: grey), and no trace of the default four.
    for declared in ["#0f7c80", "#123abc", "#7b4bb0", "#6b7280"] {
        assert!(
            index.contains(&format!("--g: {declared}; }}")),
            "{declared} is not in the overview's CSS"
        );
    }
    for default in ["#1a7f43", "#1f5fbf", "#b76e00", "#c0392b"] {
        assert!(
            !index.contains(&format!("--g: {default}")),
            "the overview still colours a grade {default}"
        );
    }
    // A terminal gets the same colours: a named one as its ANSI colour, #123abc as 24-bit.
    let text = common::stdout(&score(&pack, &files, &["--color", "always"]));
    assert!(text.contains("\x1b[1;38;2;18;58;188mB\x1b[0m"), "{text}");
    assert!(text.contains("\x1b[1;36mA\x1b[0m"), "{text}");
}

#[test]
fn a_misspelt_colour_is_an_error_at_its_place() {
    let block = "grades:
  - {name: A, min: 85, colour: grean}
  - {name: D, min: 0, colour: red}
";
    let (_dir, pack) = pack_with(block);
    let src = std::fs::read_to_string(pack.join("pack.yaml")).unwrap();
    let line = src.lines().position(|l| l.contains("grean")).unwrap() + 1;
    let column = src.lines().nth(line - 1).unwrap().find("grean").unwrap() + 1;
    let out = check_en(&pack);
    assert_ne!(common::code(&out), 0);
    let err = common::stderr(&out) + &common::stdout(&out);
    assert!(
        err.contains(&format!("pack.yaml:{line}:{column}: error")),
        "not at {line}:{column}:\n{err}"
    );
    assert!(err.contains("grade `A`: unknown colour `grean`"), "{err}");
    assert!(err.contains("did you mean `green`?"), "{err}");
}

#[test]
fn the_timeliness_badge_comes_from_the_element_that_declares_it() {
    let (dir, pack) = common::exported_pack();
    let files = reports(dir.path());
    let page = |pack: &Path, site: &str| {
        let site = dir.path().join(site);
        score(
            pack,
            &files[..1],
            &["--format", "html", "--out", site.to_str().unwrap()],
        );
        let page = std::fs::read_dir(&site)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "html") && !p.ends_with("index.html"))
            .unwrap();
        std::fs::read_to_string(page).unwrap()
    };
    let with = page(&pack, "with");
    assert!(
        with.contains("<span class=\"badge t-ok\" title=\"按时报告公开\">按时</span>"),
        "the complete report is not shown as on time"
    );
    // Without the key, no element stands for timeliness, and the page shows no badge
    // rather than one read from an element id the program happens to know.
    common::edit(&pack.join("form.yaml"), "\n    badge: timeliness", "");
    let without = page(&pack, "without");
    assert!(
        !without.contains("class=\"badge t-"),
        "a pack without a timeliness badge still shows one"
    );
}

#[test]
fn an_unquoted_hex_colour_is_an_error_not_a_comment() {
    // Unquoted, YAML reads `#1a7f37` as a comment and the grade would silently lose it.
    let block = "grades:
  - name: A
    min: 85
    colour: #1a7f37
  - {name: D, min: 0, colour: red}
";
    let (_dir, pack) = pack_with(block);
    let src = std::fs::read_to_string(pack.join("pack.yaml")).unwrap();
    let line = src.lines().position(|l| l.contains("#1a7f37")).unwrap() + 1;
    let out = check_en(&pack);
    assert_ne!(common::code(&out), 0);
    let err = common::stderr(&out) + &common::stdout(&out);
    assert!(
        err.contains(&format!(
            "pack.yaml:{line}:13: error: grade `A`: colour #1a7f37"
        )),
        "{err}"
    );
    assert!(err.contains("colour: '#1a7f37'"), "{err}");
}

#[test]
fn a_badge_declared_twice_is_an_error_at_the_second() {
    let (_dir, pack) = common::exported_pack();
    // plans comes after form in the pack, so form.timeliness declares it first.
    let plans = pack.join("plans.yaml");
    common::edit(
        &plans,
        "    met: {covers: all}\n",
        "    badge: timeliness\n    met: {covers: all}\n",
    );
    let src = std::fs::read_to_string(&plans).unwrap();
    let line = src
        .lines()
        .position(|l| l == "    badge: timeliness")
        .unwrap()
        + 1;
    let out = check_en(&pack);
    assert_ne!(common::code(&out), 0);
    let err = common::stderr(&out) + &common::stdout(&out);
    let want = format!(
        "plans.yaml:{line}:12: error: element `plans.address_problems` declares the timeliness \
         badge, which element `form.timeliness` already declares"
    );
    assert!(err.contains(&want), "{err}");
}

#[test]
fn stock_phrases_are_the_packs_vocabulary() {
    // A problem and a plan that share nothing but stock phrases (推进, 法治政府建设, 工作):
    // the plan answers the problem only when the pack does not declare them stock.
    let dir = tempfile::tempdir().unwrap();
    let report = common::write_report(
        dir.path(),
        "stock.txt",
        "某某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n全面推进依法行政，县长认真履行推进法治建设第一责任人职责。\n二、存在的问题\n一是法治政府建设工作推进不够有力。\n三、2024年工作安排\n一是进一步推进法治政府建设工作。\n特此报告。\n某某县人民政府\n2024年2月20日\n",
    );
    let report = report.to_str().unwrap();
    let status = |pack: &Path| {
        let out = score(pack, &[report.to_string()], &["--format", "json"]);
        common::status(&common::json(&out), "plans.address_problems")
    };
    let (_d, pack) = common::exported_pack();
    assert_eq!(status(&pack), "missing");
    let file = pack.join("pack.yaml");
    let src = std::fs::read_to_string(&file).unwrap();
    let line = src
        .lines()
        .find(|l| l.trim_start().starts_with("stock_phrases:"))
        .expect("the built-in pack declares stock_phrases");
    common::edit(&file, &format!("{line}\n"), "");
    assert_eq!(status(&pack), "met");
}

#[test]
fn a_scale_without_a_bottom_grade_is_warned_about() {
    let block = "grades:
  - {name: A, min: 85}
  - {name: D, min: 50}
";
    let (_dir, pack) = pack_with(block);
    let src = std::fs::read_to_string(pack.join("pack.yaml")).unwrap();
    let line = src.lines().position(|l| l.contains("{name: D")).unwrap() + 1;
    // The warning stands at the lowest grade's `min` value.
    let column = src.lines().nth(line - 1).unwrap().find("50").unwrap() + 1;
    let out = check_en(&pack);
    let err = common::stderr(&out) + &common::stdout(&out);
    assert_eq!(common::code(&out), 0, "a warning, not an error: {err}");
    assert!(
        err.contains(&format!(
            "pack.yaml:{line}:{column}: warning: the lowest grade `D` starts at 50: a report scoring less gets no grade"
        )),
        "{err}"
    );
}
