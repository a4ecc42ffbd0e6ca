//! The render stage's outputs, checked against the contract in `shared/spec/output.md` and
//! the HTML requirements: escaping, template overrides and errors, and whole-file writes.

#[path = "render_support/mod.rs"]
mod fixture;

use std::fs;
use std::path::Path;

use lawscore::model::scorecard::{Status, SCHEMA};
use lawscore::render::{
    page_file_name, summary, to_csv, to_json, to_jsonl, to_text, write_atomic, write_html_dir,
    Batch, OutputFormat, RenderError, Templates,
};
use serde_json::Value;

fn with_batch<R>(n: usize, f: impl FnOnce(&Batch) -> R) -> R {
    let (cards, texts) = fixture::cards(n);
    let errors = fixture::errors();
    let pack = fixture::pack();
    let b = Batch {
        cards: &cards,
        texts: &texts,
        errors: &errors,
        pack,
    };
    f(&b)
}

/// How the auto-escaper writes a plain string (it escapes `/` too).
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('/', "&#x2f;")
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object()
        .expect("an object")
        .keys()
        .map(|k| k.as_str())
        .collect()
}

fn assert_has(v: &Value, fields: &[&str], what: &str) {
    let have = keys(v);
    for f in fields {
        assert!(have.contains(f), "{what} lacks `{f}`; has {have:?}");
    }
}

#[test]
fn json_has_schema_and_every_contract_field() {
    let out = with_batch(3, to_json);
    assert!(
        out.trim_start().starts_with("{\n  \"schema\""),
        "schema comes first"
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema"], SCHEMA);
    assert_has(
        &v,
        &["schema", "ruleset", "reports", "errors", "summary"],
        "document",
    );
    assert_has(&v["ruleset"], &["name", "version", "digest"], "ruleset");
    let r = &v["reports"][0];
    assert_has(
        r,
        &[
            "source",
            "meta",
            "profile",
            "score",
            "grade",
            "earned",
            "possible",
            "categories",
            "elements",
            "sections",
            "indicators",
        ],
        "scorecard",
    );
    assert_has(
        &r["source"],
        &["path", "format", "encoding", "chars", "sha256"],
        "source",
    );
    assert_has(
        &r["meta"],
        &["title", "issuer", "year", "date", "date_source", "level"],
        "meta",
    );
    assert_has(
        &r["categories"][0],
        &["id", "title", "earned", "possible"],
        "category",
    );
    let el = r["elements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| !e["evidence"].as_array().unwrap().is_empty())
        .unwrap();
    assert_has(
        el,
        &[
            "id", "title", "category", "status", "points", "weight", "evidence", "advice",
        ],
        "element",
    );
    assert_has(
        &el["evidence"][0],
        &["text", "line", "section", "kind"],
        "evidence",
    );
    assert_has(
        &r["sections"][0],
        &["heading", "level", "kind", "line_start", "line_end"],
        "section",
    );
    assert_has(
        &r["indicators"][0],
        &["id", "title", "value", "unit", "text", "line"],
        "indicator",
    );
    assert_has(&v["errors"][0], &["path", "error"], "error record");
    assert_eq!(v["reports"].as_array().unwrap().len(), 3);
    assert_eq!(v["summary"]["reports"], 3);
    assert_eq!(v["summary"]["errors"], 2);
}

#[test]
fn jsonl_has_one_line_per_card_then_per_error() {
    let out = with_batch(4, to_jsonl);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4 + 2);
    for l in &lines[..4] {
        let v: Value = serde_json::from_str(l).unwrap();
        assert!(v["score"].is_number() && v["elements"].is_array());
    }
    let last: Value = serde_json::from_str(lines[5]).unwrap();
    let mut k = keys(&last);
    k.sort_unstable();
    assert_eq!(k, ["error", "path"]);
    assert!(out.ends_with('\n'));
}

#[test]
fn csv_has_bom_header_and_a_status_per_element() {
    let (cards, texts) = fixture::cards(3);
    let pack = fixture::pack();
    let b = Batch {
        cards: &cards,
        texts: &texts,
        errors: &[],
        pack,
    };
    let out = to_csv(&b);
    assert!(out.starts_with('\u{FEFF}'), "UTF-8 BOM first");
    let mut rd = csv::Reader::from_reader(out.trim_start_matches('\u{FEFF}').as_bytes());
    let header: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        &header[..7],
        ["path", "title", "issuer", "year", "date", "score", "grade"]
    );
    let ids: Vec<&str> = cards[0].elements.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(&header[7..7 + ids.len()], ids.as_slice());
    assert_eq!(
        &header[header.len() - 2..],
        ["warnings", "error"],
        "warnings, then the reason failed files carry"
    );
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    for (row, card) in rows.iter().zip(&cards) {
        assert_eq!(&row[0], card.source.path);
        assert_eq!(&row[2], card.meta.issuer.as_deref().unwrap());
        for (i, e) in card.elements.iter().enumerate() {
            assert_eq!(Status::parse(&row[7 + i]), Some(e.status), "{}", e.id);
        }
    }
}

#[test]
fn summary_counts_grades_in_order_and_rounds_the_mean() {
    let (cards, _) = fixture::cards(10);
    let s = summary(&cards, &fixture::errors(), &fixture::pack().grades);
    assert_eq!((s.reports, s.errors), (10, 2));
    let grades: Vec<&str> = s.grades.iter().map(|(g, _)| g.name()).collect();
    assert_eq!(grades, ["优秀", "良好", "合格", "不合格"]);
    assert_eq!(s.grades.iter().map(|(_, n)| n).sum::<usize>(), 10);
    let mean = cards.iter().map(|c| c.score).sum::<f64>() / 10.0;
    assert_eq!(s.mean_score, Some((mean * 10.0).round() / 10.0));
    assert!(s.min_score.unwrap() < 10.0, "card 3 is nearly empty");
    let empty = summary(&[], &[], &fixture::pack().grades);
    assert_eq!((empty.mean_score, empty.min_score), (None, None));
}

#[test]
fn text_lists_missing_and_partial_by_gain_with_points() {
    let (card, text) = fixture::card(0);
    let pack = fixture::pack();
    let cards = [card];
    let errs = fixture::errors();
    let b = Batch {
        cards: &cards,
        texts: &[text],
        errors: &errs,
        pack,
    };
    let out = to_text(&b, false);
    assert!(!out.contains('\x1b'), "no escape codes without colour");
    assert!(out.contains("得分 "), "{out}");
    assert!(out.contains(cards[0].grade.name()));
    assert!(
        out.contains(&format!("{} {}", pack.name, pack.version)),
        "{out}"
    );
    for c in &cards[0].categories {
        assert!(out.contains(&c.title), "category {}", c.title);
    }
    // The gains, in the order printed, never increase, and each todo carries "+N 分".
    let todo: Vec<&str> = out
        .lines()
        .filter(|l| l.contains(" 分") && l.contains("+"))
        .collect();
    let open = cards[0]
        .elements
        .iter()
        .filter(|e| matches!(e.status, Status::Missing | Status::Partial))
        .count();
    assert_eq!(todo.len(), open, "{out}");
    let gains: Vec<f64> = todo
        .iter()
        .map(|l| {
            let after = &l[l.rfind('+').unwrap() + 1..];
            after.split_whitespace().next().unwrap().parse().unwrap()
        })
        .collect();
    assert!(
        gains.windows(2).all(|w| w[0] >= w[1]),
        "sorted by gain: {gains:?}"
    );
    assert!(out.contains("✗ lead.shufa 述法"), "{out}");
    assert!(out.contains("↳ 第"), "near miss with its line");
    assert!(out.contains("只在下一步安排中提到，未见落实情况"));
    assert!(out.contains("✗ reports/broken.docx: not a valid .docx file"));
    assert!(out
        .trim_end()
        .lines()
        .last()
        .unwrap()
        .starts_with("共 1 份报告"));

    let coloured = to_text(&b, true);
    assert!(coloured.contains("\x1b["));
}

#[test]
fn report_page_shows_score_categories_evidence_and_line_anchors() {
    let (card, text) = fixture::card(0);
    let html = Templates::builtin()
        .report_page(&card, &text, fixture::pack())
        .unwrap();
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains(&format!("{:.1}", card.score)));
    assert!(html.contains(card.grade.name()));
    for c in &card.categories {
        assert!(html.contains(&c.title), "category {}", c.title);
    }
    assert!(html.contains("<mark>"), "matched words highlighted");
    assert!(html.contains("id=\"L1\""));
    let lines = text.lines().count();
    assert!(
        html.contains(&format!("id=\"L{lines}\"")),
        "every line anchored"
    );
    let ev = &card
        .elements
        .iter()
        .find(|e| !e.evidence.is_empty())
        .unwrap()
        .evidence[0];
    assert!(html.contains(&format!("href=\"#L{}\"", ev.line)));
    assert!(html.contains("优先整改"));
    assert!(html.contains("查找："));
    assert!(html.contains("只在下一步安排中提到"));
    assert!(html.contains("网页附属"), "boilerplate kind labelled");
    assert!(html.contains("class=\"l bp\""), "boilerplate lines dimmed");
    assert!(html.contains(&card.ruleset.digest));
    assert!(html.contains("@media print"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "self-contained"
    );
}

#[test]
fn report_derived_markup_is_escaped_everywhere() {
    let (card, text) = fixture::hostile_card();
    let t = Templates::builtin();
    let page = t.report_page(&card, &text, fixture::pack()).unwrap();
    assert!(page.contains("&lt;script&gt;alert(1)&lt;"), "shown as text");
    assert!(!page.contains("<script>alert(1)"), "never raw");
    assert!(!page.contains("<mark><script>"));

    let cards = [card];
    let errs = fixture::errors();
    let pack = fixture::pack();
    let b = Batch {
        cards: &cards,
        texts: &[text],
        errors: &errs,
        pack,
    };
    let index = t.index(&b, &["p.html".to_string()]).unwrap();
    assert!(index.contains("&lt;script&gt;alert(1)&lt;"));
    assert!(!index.contains("<script>alert(1)"));
    assert!(index.contains("the file is empty &lt;b&gt;"));
}

#[test]
fn index_has_every_report_heatmap_charts_and_errors() {
    let (cards, texts) = fixture::cards(12);
    let errs = fixture::errors();
    let pack = fixture::pack();
    let b = Batch {
        cards: &cards,
        texts: &texts,
        errors: &errs,
        pack,
    };
    let pages: Vec<String> = cards.iter().map(page_file_name).collect();
    let html = Templates::builtin().index(&b, &pages).unwrap();
    for p in &pages {
        assert!(html.contains(&format!("href=\"{p}\"")), "links {p}");
    }
    let cells = cards[0].elements.len() * cards.len();
    let heat = html.matches("<td class=\"s-").count();
    assert_eq!(heat, cells, "one cell per report × element");
    assert!(html.contains("<svg"), "charts are inline SVG");
    assert!(html.contains("最常缺失的要素"));
    assert!(
        html.contains("行政机关负责人出庭应诉率"),
        "key figures compared"
    );
    assert!(html.contains(&esc("reports/broken.docx")));
    assert!(html.contains("id=\"rank\""));
    assert!(
        !html.contains(" style=\"background"),
        "no inline colour per cell"
    );
}

/// The scores of the overview's report table, top to bottom, and each row's attributes.
fn rank_rows(html: &str) -> Vec<(f64, String)> {
    let table = &html[html.find("id=\"rank\"").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    table
        .split("<tr data-i=")
        .skip(1)
        .map(|row| {
            let at = row.find("<td class=\"num\" data-v=\"").unwrap() + 24;
            let score = row[at..].split('"').next().unwrap().parse().unwrap();
            (score, row[..row.find('>').unwrap()].to_string())
        })
        .collect()
}

#[test]
fn overview_lists_reports_best_score_first_and_offers_the_packs_filters() {
    let (cards, texts) = fixture::cards(12);
    let pack = fixture::pack();
    let b = Batch {
        cards: &cards,
        texts: &texts,
        errors: &[],
        pack,
    };
    let pages: Vec<String> = cards.iter().map(page_file_name).collect();
    let html = Templates::builtin().index(&b, &pages).unwrap();
    let rows = rank_rows(&html);
    let shown: Vec<f64> = rows.iter().map(|r| r.0).collect();
    let mut want: Vec<f64> = cards.iter().map(|c| c.score).collect();
    want.sort_by(|a, b| b.total_cmp(a));
    assert_eq!(shown, want, "best score first");
    assert!(html.contains("按得分从高到低排列"), "and the page says so");
    assert!(html.contains("aria-sort=\"descending\""));
    // Each row carries what the filters read: one status letter per element of the pack.
    let best = cards
        .iter()
        .max_by(|a, b| a.score.total_cmp(&b.score))
        .unwrap();
    let letters: String = best
        .elements
        .iter()
        .map(|e| match e.status {
            Status::Met => 'y',
            Status::Partial => 'p',
            Status::Missing => 'm',
            Status::NotApplicable => 'n',
        })
        .collect();
    assert!(
        rows[0].1.contains(&format!("data-s=\"{letters}\"")),
        "{}",
        rows[0].1
    );
    assert!(rows[0].1.contains(&format!("data-p=\"{}\"", best.profile)));
    assert!(rows[0]
        .1
        .contains(&format!("data-l=\"{}\"", best.meta.level)));
    // Every choice a filter offers is the pack's: grades, profiles, categories, elements.
    let options = |select: &str| -> String {
        let at = html.find(&format!("<select name=\"{select}\">")).unwrap();
        html[at..at + html[at..].find("</select>").unwrap()].to_string()
    };
    for (g, _) in pack.grades.grades() {
        assert!(options("grade").contains(&format!(">{}</option>", g.name())));
    }
    for p in &pack.profiles {
        assert!(options("profile").contains(&format!("value=\"{}\">{}<", p.id, p.title)));
    }
    for c in &pack.categories {
        assert!(options("category").contains(&format!(">{}</option>", c.title)));
    }
    for e in &pack.elements {
        assert!(options("element").contains(&format!("data-id=\"{}\">{}<", e.id, esc(&e.name))));
    }
    assert!(html.contains(&format!("显示 <b>{0}</b> / {0} 份", cards.len())));
    // The phone list names what each report misses.
    let missing = best.elements.iter().filter(|e| e.status == Status::Missing);
    for e in missing {
        assert!(html.contains(&esc(&e.title)));
    }
    assert!(html.contains("class=\"heat-list\""));
}

#[test]
fn report_page_shows_each_elements_basis_the_profile_title_and_folds() {
    let (card, text) = fixture::card(1);
    let pack = fixture::pack();
    let html = Templates::builtin()
        .report_page(&card, &text, pack)
        .unwrap();
    for e in &card.elements {
        let basis = &pack.elements.iter().find(|d| d.id == e.id).unwrap().basis;
        assert!(
            html.contains(&format!("<b>依据</b>{}", esc(basis))),
            "{}'s basis",
            e.id
        );
    }
    let profile = pack.profile(&card.profile).unwrap();
    assert!(
        html.contains(&format!(
            "<dd title=\"{}\">{}</dd>",
            profile.id, profile.title
        )),
        "profile by its title"
    );
    assert!(html.contains("id=\"only-open\""), "只看缺失");
    let groups = html.matches("<details class=\"group").count();
    assert_eq!(groups, card.categories.len(), "each category folds");
    let met_only = card.categories.iter().filter(|c| {
        card.elements
            .iter()
            .filter(|e| e.category == c.id)
            .all(|e| !matches!(e.status, Status::Missing | Status::Partial))
    });
    assert_eq!(
        html.matches("<details class=\"group all-met\"").count(),
        met_only.count(),
        "categories with nothing missing step aside in 只看缺失"
    );
}

#[test]
fn a_template_syntax_error_names_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("report.html"),
        "{% extends \"base.html\" %}\n{% block main %}\n<p>{% if page.score %}</p>\n{% endblock %}\n",
    )
    .unwrap();
    let err = Templates::from_dir(dir.path()).unwrap_err();
    let RenderError::Template { name, line, .. } = &err else {
        panic!("expected a template error, got {err:?}");
    };
    assert!(name.ends_with("report.html"), "{name}");
    assert!(line.is_some());
    let shown = err.to_string();
    let want = format!(
        "{}:{}:",
        dir.path().join("report.html").display(),
        line.unwrap()
    );
    assert!(shown.starts_with(&want), "{shown} should start with {want}");
    assert!(shown.contains("syntax error"), "{shown}");
}

#[test]
fn a_typo_in_a_template_is_an_error_not_a_blank() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("index.html"),
        "<p>\n{{ ov.sumary.reports }}\n</p>\n",
    )
    .unwrap();
    let t = Templates::from_dir(dir.path()).unwrap();
    let err = with_batch(1, |b| t.index(b, &["a.html".into()])).unwrap_err();
    assert!(err.to_string().contains("index.html:2:"), "{err}");
}

#[test]
fn overriding_one_template_keeps_the_built_ins_for_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("index.html"),
        "{% extends \"base.html\" %}{% block main %}<p id=\"custom\">{{ ov.summary.reports }} 份</p>{% endblock %}",
    )
    .unwrap();
    fs::write(dir.path().join(".hidden.html"), "{% broken").unwrap();
    let t = Templates::from_dir(dir.path()).unwrap();
    let index = with_batch(2, |b| t.index(b, &["a.html".into(), "b.html".into()])).unwrap();
    assert!(index.contains("<p id=\"custom\">2 份</p>"));
    assert!(
        index.contains("@media print"),
        "built-in base.html still used"
    );
    let (card, text) = fixture::card(1);
    let page = t.report_page(&card, &text, fixture::pack()).unwrap();
    assert!(page.contains("检查清单"), "built-in report.html still used");
}

#[test]
fn a_missing_template_dir_is_an_io_error() {
    let err = Templates::from_dir(Path::new("/nonexistent/lawscore-templates")).unwrap_err();
    assert!(matches!(err, RenderError::Io(ref m) if m.contains("/nonexistent/lawscore-templates")));
}

#[test]
fn html_dir_gets_one_page_per_report_and_an_index_and_a_rerun_replaces_them() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let (cards, texts) = fixture::cards(5);
    let errs = fixture::errors();
    let pack = fixture::pack();
    let b = Batch {
        cards: &cards,
        texts: &texts,
        errors: &errs,
        pack,
    };
    let t = Templates::builtin();
    let written = write_html_dir(&out, &b, &t).unwrap();
    assert_eq!(written.len(), 6);
    assert_eq!(written.last().unwrap(), &out.join("index.html"));
    for (card, path) in cards.iter().zip(&written) {
        assert_eq!(path, &out.join(page_file_name(card)));
        let html = fs::read_to_string(path).unwrap();
        assert!(html.contains(&esc(&card.source.path)));
    }
    let listing = |d: &Path| {
        let mut v: Vec<String> = fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        v.sort();
        v
    };
    // Five pages, the index and the scorecard mark, and no temporary files.
    assert_eq!(
        listing(&out).len(),
        7,
        "no temporary files left: {:?}",
        listing(&out)
    );
    assert_eq!(listing(&out)[0], ".lawscore-scorecards");

    let before = fs::read_to_string(&written[0]).unwrap();
    fs::write(&written[0], "stale").unwrap();
    fs::write(out.join("index.html"), "stale").unwrap();
    write_html_dir(&out, &b, &t).unwrap();
    assert_eq!(fs::read_to_string(&written[0]).unwrap(), before);
    assert_ne!(fs::read_to_string(out.join("index.html")).unwrap(), "stale");
    assert_eq!(listing(&out).len(), 7);
}

#[test]
fn a_failed_write_leaves_no_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-dir");
    fs::write(&file, "x").unwrap();
    let err = with_batch(2, |b| write_html_dir(&file, b, &Templates::builtin())).unwrap_err();
    assert!(matches!(err, RenderError::Io(_)), "{err:?}");
    assert_eq!(fs::read_to_string(&file).unwrap(), "x");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);

    // A target that cannot be replaced (a folder named like the page): the write fails and
    // neither a half page nor a temporary file is left beside it.
    let out = dir.path().join("site");
    fs::create_dir(&out).unwrap();
    fs::create_dir(out.join("index.html")).unwrap();
    fs::write(out.join("index.html").join("keep"), "").unwrap();
    let err = with_batch(2, |b| write_html_dir(&out, b, &Templates::builtin())).unwrap_err();
    assert!(err.to_string().contains("index.html"), "{err}");
    let left: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".tmp") || n.starts_with(".lawscore"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

#[test]
fn write_atomic_replaces_whole_files() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("out.json");
    write_atomic(&p, b"first version, longer").unwrap();
    write_atomic(&p, b"second").unwrap();
    assert_eq!(fs::read(&p).unwrap(), b"second");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    assert!(write_atomic(&dir.path().join("no/such/dir/x"), b"x").is_err());
}

#[test]
fn page_names_are_ascii_stable_and_unique_per_path() {
    let (mut a, _) = fixture::card(0);
    let name = page_file_name(&a);
    assert_eq!(name, page_file_name(&a), "stable");
    assert!(name.is_ascii() && name.ends_with(".html"));
    assert!(name.starts_with("hangzhou-000-"), "{name}");
    let hash = &name["hangzhou-000-".len()..name.len() - 5];
    assert!(hash.len() == 8 && hash.chars().all(|c| c.is_ascii_hexdigit()));

    let first = page_file_name(&a);
    a.source.path = "other/place/hangzhou-000.txt".into();
    assert_ne!(
        page_file_name(&a),
        first,
        "same stem, other folder, other name"
    );
    a.source.path = "报告/北京市2023年法治政府建设年度报告.docx".into();
    let cn = page_file_name(&a);
    assert!(cn.is_ascii() && cn.starts_with("2023-"), "{cn}");
    a.source.path = "-".into();
    assert!(page_file_name(&a).starts_with("report-"));
}

#[test]
fn templates_are_shared_across_threads_and_formats_parse() {
    fn shared<T: Send + Sync>() {}
    shared::<Templates>();
    use clap::ValueEnum;
    let names: Vec<String> = OutputFormat::value_variants()
        .iter()
        .map(|v| v.to_possible_value().unwrap().get_name().to_string())
        .collect();
    assert_eq!(names, ["text", "json", "jsonl", "csv", "html", "xlsx"]);
}

#[test]
fn sparse_cards_and_empty_batches_still_render() {
    let (mut card, _) = fixture::card(2);
    card.meta = Default::default();
    card.sections.clear();
    card.indicators.clear();
    for e in &mut card.elements {
        e.near_miss = None;
    }
    let t = Templates::builtin();
    let page = t.report_page(&card, "", fixture::pack()).unwrap();
    assert!(page.contains("未识别发文机关") && page.contains("未识别出报告结构"));

    let pack = fixture::pack();
    let empty = Batch {
        cards: &[],
        texts: &[],
        errors: &[],
        pack,
    };
    let index = t.index(&empty, &[]).unwrap();
    assert!(index.contains("<b>0</b>份报告"));
    assert!(to_text(&empty, false).starts_with("共 0 份报告"));
    assert_eq!(
        to_csv(&empty),
        "\u{FEFF}path,title,issuer,year,date,score,grade,earned,possible,profile,level,\
         ruleset.name,ruleset.version,ruleset.digest,warnings,error\r\n"
    );
    assert_eq!(to_jsonl(&empty), "");

    let cards = [card];
    let b = Batch {
        cards: &cards,
        texts: &[],
        errors: &[],
        pack,
    };
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        write_html_dir(dir.path(), &b, &t).unwrap().len(),
        2,
        "a missing text is an empty one"
    );
}
