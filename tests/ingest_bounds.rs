//! Hostile inputs are read in bounded work and memory: tag soups of 10⁵–10⁶ elements,
//! zip bombs, deep XML, huge attributes, an endless standard input. Work is counted
//! (tokens, nodes, the tree builder's tracked elements) and bounded by the input's
//! length, never timed.

mod common;

use std::io::{Cursor, Write};
use std::process::{Command, Stdio};

use lawscore::ingest::{extract, html_parse_work, IngestError};

/// The reproducers' sizes in release builds; a quarter in debug builds (`cargo test`),
/// where html5ever runs some twenty times slower: still 25 000 self-closed `<div>`s,
/// a hundred times the nesting limit.
fn scaled(n: usize) -> usize {
    if cfg!(debug_assertions) {
        n / 4
    } else {
        n
    }
}

const PARA: &str =
    "<p>2023年，我区坚持以习近平新时代中国特色社会主义思想为指导，深入推进法治政府建设。</p>";

/// A plausible report page with `soup` between its paragraphs.
fn page(soup: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>某区2023年法治政府建设年度报告</title></head>\
         <body><div id=zoom>{PARA}{PARA}{soup}<p>特此报告。</p></div></body></html>"
    )
}

/// The bounds every page must meet: the tree within its node budget (plus the raw-text
/// elements and text runs the strict parse lets through), and the tree builder's
/// scans within a fixed multiple of the page's length.
fn assert_bounded(page: &str, what: &str) -> lawscore::ingest::ParseWork {
    let work = html_parse_work(page);
    let len = page.len();
    assert!(
        work.nodes <= len / 4 + 10_000,
        "{what}: {} nodes for {len} bytes",
        work.nodes
    );
    assert!(
        work.tracked <= 64 * len,
        "{what}: {} tracked for {len} bytes",
        work.tracked
    );
    work
}

#[test]
fn the_reported_soups_keep_the_report_text_in_bounded_work() {
    for (soup, n) in [
        ("<div/>", 100_000),
        ("<div></x>", 100_000),
        ("<p>", 1_000_000),
    ] {
        let page = page(&soup.repeat(scaled(n)));
        let work = assert_bounded(&page, soup);
        // Quadratic before: ~n²/2 stack entries scanned.
        assert!(work.tracked < 8 * page.len(), "{soup}: {work:?}");
        let ex = extract(page.as_bytes(), "r.html").unwrap();
        assert!(ex.text.contains("深入推进法治政府建设") && ex.text.ends_with("特此报告。"));
    }
}

#[test]
fn reopened_formatting_and_other_shapes_stay_bounded() {
    let shapes = [
        (0..20_000)
            .map(|i| format!("<p><b id=b{i}>x</p>"))
            .collect::<String>(),
        "<p><font face=宋体>x</p>".repeat(50_000),
        "<b><div>".repeat(50_000) + &"</b>".repeat(50_000),
        "<table><tr><td>x".repeat(30_000),
        "<td>".repeat(200_000),
        "<select><option>".repeat(50_000),
        "<svg>".to_string() + &"<g/>".repeat(200_000),
        "<!---->".repeat(100_000),
        "<h1><div>".repeat(50_000),
        "<template>".repeat(50_000),
        format!(
            "<p {}>x",
            (0..100_000)
                .map(|i| format!("a{i}=1"))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        format!("<p style=\"{}\">长属性</p>", "x".repeat(1 << 20)),
    ];
    for (i, soup) in shapes.iter().enumerate() {
        let page = page(soup);
        let what = format!("shape {i}");
        assert_bounded(&page, &what);
        // A <select>, <template> or <svg> left open hides what follows, as in a browser.
        let ex = extract(page.as_bytes(), "r.html").expect(&what);
        assert!(ex.text.contains("深入推进法治政府建设"), "{what}");
    }
}

/// xorshift64*: a fixed sequence of cases, the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A random tag soup of about `len` bytes from the pieces hostile pages are made of.
fn soup(rng: &mut Rng, len: usize) -> String {
    let pieces = [
        "<div>",
        "</div>",
        "<div/>",
        "<p>",
        "</p>",
        "<b>",
        "</b>",
        "<i>",
        "<table>",
        "<tr>",
        "<td>",
        "</td>",
        "</table>",
        "</x>",
        "<svg>",
        "<g/>",
        "</svg>",
        "<select>",
        "<option>",
        "<li>",
        "<ul>",
        "<h1>",
        "</h1>",
        "<a href=x>",
        "</a>",
        "<font face=f>",
        "<template>",
        "<script>",
        "</script>",
        "<!--",
        "-->",
        "<",
        "&amp;",
        "正文",
        "<br>",
        "<span>",
        "</span>",
        "<p style=\"font-weight:bold\">",
        "<form>",
        "<nobr>",
        "<marquee>",
        "<frameset>",
        "<textarea>",
        "<plaintext>",
        "<math>",
        "<mi/>",
        "<caption>",
        "<col>",
    ];
    let mut out = String::with_capacity(len + 64);
    while out.len() < len {
        match rng.below(pieces.len() + 3) {
            i if i < pieces.len() => out.push_str(pieces[i]),
            i if i == pieces.len() => out.push_str(&format!("<b id=b{}>", rng.next() % 100_000)),
            i if i == pieces.len() + 1 => out.push_str(&format!("<x{}>", rng.next() % 1000)),
            _ => out.push_str(&"<div>".repeat(rng.below(400))),
        }
    }
    out
}

#[test]
fn generated_tag_soups_never_panic_and_stay_bounded() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for case in 0..12 {
        let len = scaled([50_000, 200_000, 700_000][case % 3]);
        let page = page(&soup(&mut rng, len));
        assert_bounded(&page, &format!("case {case}"));
        match extract(page.as_bytes(), "r.html") {
            Ok(_) | Err(IngestError::Empty) => {}
            Err(e) => panic!("case {case}: {e}"),
        }
    }
}

#[test]
fn the_fixture_pages_are_parsed_faithfully() {
    let dir = std::path::Path::new("tests/fixtures/blind");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "html") {
            let page = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
            assert!(!html_parse_work(&page).strict, "{}", path.display());
            seen += 1;
        }
    }
    assert!(seen >= 5);
}

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

fn docx(document: &[u8], padding: usize) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflate = zip::write::SimpleFileOptions::default();
    w.start_file("word/document.xml", deflate).unwrap();
    w.write_all(document).unwrap();
    if padding > 0 {
        // Stored noise: a file as large as one with pictures, so the ratio is no help.
        let stored = deflate.compression_method(zip::CompressionMethod::Stored);
        w.start_file("word/media/image1.png", stored).unwrap();
        let mut rng = Rng(7);
        let noise: Vec<u8> = (0..padding).map(|_| rng.next() as u8).collect();
        w.write_all(&noise).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn body(inner: &str) -> Vec<u8> {
    format!("<w:document {W}><w:body>{inner}</w:body></w:document>").into_bytes()
}

#[test]
fn a_zip_bomb_is_refused_while_it_unpacks() {
    lawscore::msg::set_lang(lawscore::msg::Lang::En);
    // 13 MiB of paragraphs in ~13 KB: stopped at the 8 MiB any small file may unpack to.
    let bomb = docx(&body(&"<w:p></w:p>".repeat(1_200_000)), 0);
    assert!(bomb.len() < 1 << 20);
    let err = extract(&bomb, "bomb.docx").unwrap_err();
    let IngestError::TooLarge(m) = err else {
        panic!("{err:?}")
    };
    assert!(m.contains("zip bomb") && m.contains("MiB"), "{m}");
}

#[test]
fn unclosed_paragraphs_are_refused_at_the_nesting_limit() {
    lawscore::msg::set_lang(lawscore::msg::Lang::En);
    // A million unclosed <w:p> in a file padded so the ratio allows them.
    let deep = docx(&body(&"<w:p>".repeat(1_000_000)), 200_000);
    let err = extract(&deep, "deep.docx").unwrap_err();
    assert!(
        matches!(&err, IngestError::BadDocx(m) if m.contains("deeper than 256")),
        "{err:?}"
    );
    let ok = docx(
        &body(&"<w:p><w:r><w:t>正文</w:t></w:r></w:p>".repeat(50_000)),
        200_000,
    );
    assert_eq!(
        extract(&ok, "ok.docx").unwrap().text.lines().count(),
        50_000
    );
}

#[test]
fn standard_input_is_refused_as_soon_as_it_passes_the_limit() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lawscore"))
        // In English: the tests check what the refusal says.
        .env("LAWSCORE_LANG", "en")
        .args(["score", "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // An endless input (1 GiB as a backstop): before, all of it was read.
    let writer = std::thread::spawn(move || {
        let chunk = vec![b'a'; 1 << 20];
        let mut sent = 0usize;
        while sent < 1024 && stdin.write_all(&chunk).is_ok() {
            sent += 1;
        }
        sent
    });
    let out = child.wait_with_output().unwrap();
    let sent = writer.join().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("lawscore: -: standard input is over the 256 MiB limit"),
        "{err}"
    );
    assert!(sent < 1024, "{sent} MiB were read");
}

#[test]
fn a_report_larger_than_the_memory_budget_is_refused_and_others_still_run() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "一、总体情况\n".repeat(300_000)).unwrap();
    let small: Vec<_> = (0..4)
        .map(|i| {
            let p = dir.path().join(format!("s{i}.txt"));
            std::fs::write(&p, "某区2023年法治政府建设年度报告\n一、总体情况\n").unwrap();
            p
        })
        .collect();
    let out = Command::new(env!("CARGO_BIN_EXE_lawscore"))
        // In English: the tests check what the refusal says.
        .env("LAWSCORE_LANG", "en")
        .env(lawscore::ingest::MEMORY_BUDGET_ENV, "16")
        .args(["score", "--format", "jsonl", "-j", "4"])
        .arg(&big)
        .args(&small)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("big.txt: reading and scoring it needs about")
            && err.contains("the 16 MiB budget"),
        "{err}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let scored = stdout.lines().filter(|l| l.contains("\"sha256\"")).count();
    assert_eq!(scored, 4, "{err}");
}
