//! The same report in any form scores the same: UTF-8 with and without BOM, GB18030,
//! UTF-16 LE/BE, CR LF, full-width punctuation and digits, an HTML page with site
//! furniture (UTF-8 and GB2312-declared), and a Word .docx with auto-numbered headings.
//! Every evidence line number points at the matched words in that form's own text.

mod common;

use lawscore::engine::Engine;
use lawscore::fold::fold;
use lawscore::model::scorecard::Scorecard;
use lawscore::rules::RulePack;
use std::io::Write;
use std::path::PathBuf;

fn engine() -> Engine {
    Engine::new(RulePack::builtin().unwrap(), None).unwrap()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn html_page(text: &str, charset: &str) -> String {
    let title = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let body: String = text
        .lines()
        .map(|l| format!("<p>{}</p>\n", escape(l)))
        .collect();
    format!(
        r#"<!DOCTYPE html><html><head><meta charset="{charset}"><title>{t} - 政府门户网站</title>
<style>.nav a{{color:red}}</style><script>var _hmt = _hmt || []; document.write("<p>广告</p>");</script></head>
<body><div class="header"><div class="nav"><a href="/">首页</a><a href="/zwgk">政务公开</a><a href="/hdjl">互动交流</a></div></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 法治政府建设</div>
<div class="article"><div id="zoom">
{body}</div></div>
<div class="bdshare">分享到：微信 微博 扫一扫在手机打开当前页</div>
<div class="related"><h3>相关文档</h3><ul><li><a href="/a">关于印发2024年法治政府建设工作要点的通知</a></li></ul></div>
<div class="footer">主办：某某市人民政府办公室 承办：某某市大数据中心 网站标识码：1234000001 某ICP备12345678号</div>
</body></html>"#,
        t = escape(title)
    )
}

/// A .docx with one paragraph per line; sequential 一、 headings become Word auto-numbering
/// (the number then lives in numbering.xml, not in the text).
fn docx(text: &str) -> Vec<u8> {
    let cn = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    let heads: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| cn.iter().any(|c| l.starts_with(&format!("{c}、"))))
        .map(|(i, _)| i)
        .collect();
    let sequential = heads.iter().enumerate().all(|(k, &i)| {
        k < cn.len()
            && text
                .lines()
                .nth(i)
                .unwrap()
                .starts_with(&format!("{}、", cn[k]))
    });
    let mut body = String::new();
    for (i, l) in text.lines().enumerate() {
        let run = |t: &str| {
            format!(
                r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r>"#,
                escape(t)
            )
        };
        if sequential && heads.contains(&i) {
            let rest = l.split_once('、').unwrap().1;
            body.push_str(&format!(r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>{}</w:p>"#, run(rest)));
        } else {
            body.push_str(&format!("<w:p>{}</w:p>", run(l)));
        }
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let numbering = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;
    let types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in [
        ("[Content_Types].xml", types),
        ("word/document.xml", document.as_str()),
        ("word/numbering.xml", numbering),
    ] {
        w.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(content.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn utf16(text: &str, le: bool) -> Vec<u8> {
    let mut out = if le {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in text.encode_utf16() {
        out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

fn fullwidth(text: &str, digits: bool) -> String {
    text.chars()
        .map(|c| match c {
            ',' | ':' | ';' | '(' | ')' | '%' | '!' | '?' => {
                char::from_u32(c as u32 + 0xFEE0).unwrap()
            }
            '0'..='9' if digits => char::from_u32(c as u32 + 0xFEE0).unwrap(),
            _ => c,
        })
        .collect()
}

fn forms(text: &str) -> Vec<(&'static str, Vec<u8>)> {
    let gbk = encoding_rs::GB18030.encode(text).0.into_owned();
    let html_gbk = encoding_rs::GB18030
        .encode(&html_page(text, "gb2312"))
        .0
        .into_owned();
    vec![
        ("utf-8", text.as_bytes().to_vec()),
        (
            "utf-8 bom",
            [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        ),
        ("gb18030", gbk),
        ("utf-16le", utf16(text, true)),
        ("utf-16be", utf16(text, false)),
        ("crlf", text.replace('\n', "\r\n").into_bytes()),
        (
            "full-width punctuation",
            fullwidth(text, false).into_bytes(),
        ),
        ("full-width digits", fullwidth(text, true).into_bytes()),
        ("html", html_page(text, "utf-8").into_bytes()),
        ("html gb2312", html_gbk),
        ("docx", docx(text)),
    ]
}

fn assert_same(name: &str, form: &str, base: &Scorecard, card: &Scorecard, text: &str) {
    let diff: Vec<String> = base
        .elements
        .iter()
        .zip(&card.elements)
        .filter(|(a, b)| a.status != b.status)
        .map(|(a, b)| format!("{}: {} vs {}", a.id, a.status.as_str(), b.status.as_str()))
        .collect();
    assert!(
        diff.is_empty(),
        "{name} as {form}: statuses differ:\n{}",
        diff.join("\n")
    );
    assert_eq!(base.score, card.score, "{name} as {form}: score");
    let figs = |c: &Scorecard| {
        c.indicators
            .iter()
            .map(|i| (i.id.clone(), i.value))
            .collect::<Vec<_>>()
    };
    assert_eq!(figs(base), figs(card), "{name} as {form}: key figures");
    let m = |c: &Scorecard| {
        (
            fold(c.meta.title.as_deref().unwrap_or("")),
            c.meta.issuer.clone(),
            c.meta.year,
            c.meta.date.clone(),
            c.meta.level.to_string(),
        )
    };
    assert_eq!(m(base), m(card), "{name} as {form}: metadata");
    let lines: Vec<&str> = text.split('\n').collect();
    for e in &card.elements {
        for ev in &e.evidence {
            let line = fold(lines.get(ev.line - 1).unwrap_or_else(|| {
                panic!("{name} as {form}: {} line {} out of range", e.id, ev.line)
            }));
            for w in &ev.matched {
                assert!(
                    line.contains(&fold(w)),
                    "{name} as {form}: {} evidence line {} does not hold {w:?}",
                    e.id,
                    ev.line
                );
            }
        }
    }
}

fn check_all(name: &str, text: &str) {
    let engine = engine();
    let base = engine.score_bytes(name, text.as_bytes()).unwrap().card;
    for (form, bytes) in forms(text) {
        let scored = engine
            .score_bytes(&format!("{name}.{form}"), &bytes)
            .unwrap_or_else(|e| panic!("{name} as {form}: {e}"));
        assert_same(name, form, &base, &scored.card, &scored.text);
    }
}

#[test]
fn fixtures_score_the_same_in_every_form() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            check_all(
                &p.file_name().unwrap().to_string_lossy(),
                &std::fs::read_to_string(&p).unwrap(),
            );
            n += 1;
        }
    }
    assert!(n >= 7);
}

#[test]
fn seeds_score_the_same_in_every_form() {
    let Some(dir) = common::seeds_dir() else {
        return;
    };
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let p = entry.unwrap().path();
        check_all(
            &p.file_name().unwrap().to_string_lossy(),
            &std::fs::read_to_string(&p).unwrap(),
        );
        n += 1;
    }
    assert!(n > 0, "no seeds in {}", dir.display());
}
