//! HTML pages as saved from government sites.

mod ingest_sample;

use encoding_rs::GBK;
use ingest_sample::lines;
use lawscore::ingest::extract;
use lawscore::model::scorecard::Format;

/// A TRS-style page: the article in `#zoom.TRS_Editor`, the title and 发布时间 above
/// it, and the usual furniture all around.
fn gov_page() -> String {
    let report = lines();
    let mut body = String::new();
    for (i, line) in report[1..].iter().enumerate() {
        match i {
            // Source line breaks and inline markup inside a paragraph.
            0 => {
                let (head, tail) = line.split_at(line.char_indices().nth(10).unwrap().0);
                body.push_str(&format!(
                    "<p style=\"text-indent:2em\">&nbsp;&nbsp;{head}\n    <span>{tail}</span></p>\n"
                ));
            }
            1 => body.push_str(&format!("<p><strong>{line}</strong></p>\n")),
            2 => body.push_str(&format!("<div><font face=\"黑体\">{line}</font></div>\n")),
            _ => body.push_str(&format!("<p>　　{line}</p>\n")),
        }
    }
    format!(
        r#"<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{title}_某市人民政府门户网站</title>
<style>.TRS_Editor p {{ line-height: 2 }}</style>
<script>var tpl = "<p>脚本内容</p>";</script>
</head><body>
<div class="header"><div class="logo">某市人民政府</div>
  <ul class="nav"><li><a href="/">首页</a></li><li>政务公开</li></ul></div>
<div class="breadcrumb">当前位置：<a>首页</a> &gt; <a>政务公开</a> &gt; 法治政府建设</div>
<div class="article-title"><h1>{title}</h1></div>
<div class="info">发布时间：2024-03-28&nbsp;&nbsp;来源：市司法局 【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
<div id="zoom" class="TRS_Editor">
{body}</div>
<div class="bdshare">分享到：微信 微博 扫一扫在手机打开当前页</div>
<div class="xgwj"><h3>相关文件</h3><ul><li>关于印发2024年工作要点的通知</li></ul></div>
<div id="footer">主办：某市人民政府办公室 承办：某市大数据中心 京ICP备12345678号</div>
<script>document.write("访问统计");</script>
</body></html>"#,
        title = report[0],
    )
}

#[test]
fn gbk_government_page_gives_the_article_only() {
    let bytes = GBK.encode(&gov_page()).0.into_owned();
    let ex = extract(&bytes, "index.html").unwrap();
    assert_eq!((ex.format, ex.encoding), (Format::Html, "gb18030"));

    let report = lines();
    let mut want = vec![
        report[0],
        "发布时间：2024-03-28 来源：市司法局 【字体：大 中 小】",
    ];
    want.extend(&report[1..]);
    assert_eq!(ex.text.lines().collect::<Vec<_>>(), want);
    for furniture in [
        "当前位置",
        "首页",
        "扫一扫",
        "相关文件",
        "主办",
        "ICP备",
        "脚本",
        "统计",
        "line-height",
    ] {
        assert!(!ex.text.contains(furniture), "{furniture} leaked");
    }
}

#[test]
fn the_charset_declaration_is_honoured_even_with_a_txt_name() {
    let bytes = GBK.encode(&gov_page()).0.into_owned();
    let ex = extract(&bytes, "saved.txt").unwrap();
    assert_eq!(ex.format, Format::Html);
    assert!(ex.text.starts_with(lines()[0]));
}

#[test]
fn a_page_without_a_known_container_falls_back_to_the_body() {
    let page = "<html><head><title>报告</title></head><body>\
        <div id=menu>首页 | 机构</div>\
        <h2>一、主要举措</h2><p>全面推进&ldquo;放管服&rdquo;改革。</p>\
        <table><tr><th>指标</th><th>2023年</th></tr><tr><td>复议案件</td><td>135</td></tr></table>\
        <footer>版权所有</footer></body></html>";
    let ex = extract(page.as_bytes(), "").unwrap();
    assert_eq!(
        ex.text,
        "报告\n一、主要举措\n全面推进“放管服”改革。\n指标\t2023年\n复议案件\t135"
    );
}

#[test]
fn a_hundred_thousand_nested_divs_do_not_overflow_the_stack() {
    let n = 100_000;
    let page = format!(
        "<!DOCTYPE html><html><body>{}<p>深层正文</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    let ex = extract(page.as_bytes(), "deep.html").unwrap();
    assert_eq!(ex.text, "深层正文");
}

#[test]
fn nesting_alternating_inline_and_block_is_survived() {
    let n = 50_000;
    let page = format!(
        "<html><body>{}正文{}</body></html>",
        "<div><span>".repeat(n),
        "</span></div>".repeat(n)
    );
    assert_eq!(extract(page.as_bytes(), "").unwrap().text, "正文");
}

fn marks(ex: &lawscore::ingest::Extracted) -> Vec<(usize, u8)> {
    ex.headings.iter().map(|h| (h.line, h.level)).collect()
}

#[test]
fn headings_and_bold_paragraphs_after_the_title_block_are_marked() {
    let page = r#"<html><head><title>年度报告_某市人民政府</title></head><body>
<div class="nav"><h2>政务公开</h2><p><b>首页</b></p></div>
<div id="zoom">
<h1>某市2023年法治政府建设年度报告</h1>
<p style="text-align:center"><strong>某市人民政府</strong></p>
<p>2023年，我市全面推进依法行政。</p>
<h2>一、主要举措和成效</h2>
<h3>（一）加强党的领导</h3>
<p>市政府常务会议专题研究法治政府建设工作4次。</p>
<p><strong>存在的问题和不足</strong></p>
<p><b>一是推进不平衡。</b></p>
<p>&nbsp;<span style="font-weight: 700">健全制度</span>　</p>
<p><strong>二是</strong>素质有待提高</p>
<p style="font-weight:bold">加粗<span style="font-weight:normal">又不加粗</span></p>
<div><b>原因分析</b></div>
<p><strong>长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长</strong></p>
<h4>1.专项整治</h4>
<h5>第五级</h5>
<table><tr><td><b>指标</b></td><td>2023年</td></tr></table>
<p><strong>标题一</strong><br>正文</p>
</div></body></html>"#;
    let ex = extract(page.as_bytes(), "report.html").unwrap();
    let lines: Vec<&str> = ex.text.split('\n').collect();
    let long = "长".repeat(41);
    assert_eq!(
        lines,
        [
            "某市2023年法治政府建设年度报告",
            "某市人民政府",
            "2023年，我市全面推进依法行政。",
            "一、主要举措和成效",
            "（一）加强党的领导",
            "市政府常务会议专题研究法治政府建设工作4次。",
            "存在的问题和不足",
            "一是推进不平衡。",
            "健全制度",
            "二是素质有待提高",
            "加粗又不加粗",
            "原因分析",
            &long,
            "1.专项整治",
            "第五级",
            "指标\t2023年",
            "标题一",
            "正文",
        ]
    );
    let got = marks(&ex);
    assert_eq!(got, [(3, 2), (4, 3), (6, 0), (8, 0), (11, 0), (13, 4)]);
    let text: Vec<&str> = got.iter().map(|&(l, _)| lines[l]).collect();
    assert_eq!(
        text,
        [
            "一、主要举措和成效",
            "（一）加强党的领导",
            "存在的问题和不足",
            "健全制度",
            "原因分析",
            "1.专项整治"
        ]
    );
}

#[test]
fn heading_lines_count_the_preface_above_the_article() {
    // The title and 发布时间 come from above #zoom; the bold 一、 heading is line 3.
    let bytes = GBK.encode(&gov_page()).0.into_owned();
    let ex = extract(&bytes, "index.html").unwrap();
    assert_eq!(marks(&ex), [(3, 0)]);
    assert_eq!(ex.text.split('\n').nth(3), Some(lines()[2]));
}

#[test]
fn a_publication_line_is_not_the_first_body_paragraph() {
    let page = "<body><div id=zoom><div>发布时间：2024-03-28</div><h1>年度报告</h1>\
                <p>正文第一段。</p><h2>一、主要举措</h2><p>正文。</p></div></body>";
    let ex = extract(page.as_bytes(), "").unwrap();
    assert_eq!(
        ex.text,
        "发布时间：2024-03-28\n年度报告\n正文第一段。\n一、主要举措\n正文。"
    );
    assert_eq!(marks(&ex), [(3, 2)]);
}
