//! HTML page → the article's lines: pick the CMS content container when it holds
//! most of the text, drop site furniture, and keep the title and 发布时间/来源 lines
//! that CMS templates put just above the container.

use std::collections::{HashMap, HashSet};

use scraper::{Html, Node};

use super::html_depth::cap_nesting;
use super::html_text::{
    is_furniture, is_hidden, key, render, Line, NodeRef, Policy, Rendered, Step, Walk,
};
use super::paragraphs::{ParagraphStart, Paragraphs};
use super::StyledHeading;

/// Article containers of Chinese government CMSs (TRS WCM, Hanweb/UCAP and common
/// templates), most specific first.
const CONTAINERS: &[Selector] = &[
    Selector::Id("UCAP-CONTENT"),
    Selector::Class("pages_content"),
    Selector::Class("TRS_Editor"),
    Selector::Id("zoom"),
    Selector::Class("xxgk_content"),
    Selector::Class("article"),
    Selector::Tag("article"),
    Selector::Id("content"),
    Selector::Class("content"),
];

enum Selector {
    Id(&'static str),
    Class(&'static str),
    Tag(&'static str),
}

impl Selector {
    fn matches(&self, el: &scraper::node::Element) -> bool {
        match self {
            Selector::Id(id) => el.id().is_some_and(|v| v.eq_ignore_ascii_case(id)),
            Selector::Class(c) => el.classes().any(|v| v.eq_ignore_ascii_case(c)),
            Selector::Tag(t) => el.name() == *t,
        }
    }
}

/// Lines longer than this are body text that merely mentions 来源.
const MAX_META_CHARS: usize = 150;

/// How many lines above the container to look for 发布时间/来源, and never above the
/// title: templates put them right over the article, while sidebars further up list
/// the dates of other articles.
const META_WINDOW: usize = 4;

/// The article text of an HTML page, one block per line, the article's lines that its
/// markup makes headings, and where the blocks a browser shows start.
pub(crate) fn extract(page: &str) -> (String, Vec<StyledHeading>, Paragraphs) {
    let page = cap_nesting(page);
    let (doc, _) = super::html_parse::parse(&page);
    let html = *doc.root_element();
    let body = html
        .children()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "body"))
        .unwrap_or(html);

    let sizes = text_sizes(body);
    let size = |n: NodeRef<'_>| sizes.get(&key(n)).copied().unwrap_or(0);
    let total = size(body);
    // Furniture-looking wrappers around most of the page (an ASP.NET <form>, a
    // `main-header-wrap`) are layout, not furniture.
    let exempt = |n: NodeRef<'_>| size(n) * 2 > total;
    let container = choose_container(body, &size, &exempt).unwrap_or(body);

    let article = render(
        container,
        &Policy {
            drop_furniture: true,
            exempt: &exempt,
            container: None,
        },
    );
    let harvest = render(
        body,
        &Policy {
            drop_furniture: false,
            exempt: &exempt,
            container: Some(container),
        },
    );

    let main: Vec<String> = article.lines.iter().map(|l| l.text.clone()).collect();
    let mut out = preface(&doc, &harvest, &main, container == body);
    let headings = section_headings(&article.lines, out.len());
    let paragraphs = paragraph_starts(out.len(), &article.lines);
    out.extend(main);
    (out.join("\n"), headings, paragraphs)
}

/// The paragraphs of the extracted text, numbered in order: each of the `preface` lines
/// (title, 发布时间) is one, then the blocks of the article's lines.
fn paragraph_starts(preface: usize, lines: &[Line]) -> Paragraphs {
    let own = (0..preface).map(|line| (line, 0));
    let article = lines
        .iter()
        .enumerate()
        .flat_map(|(i, l)| l.starts.iter().map(move |&col| (preface + i, col)));
    let starts = own.chain(article).enumerate();
    Paragraphs::new(
        starts
            .map(|(k, (line, col))| ParagraphStart {
                line,
                col,
                number: k + 1,
            })
            .collect(),
    )
}

/// The article's heading lines, numbered from `first` (the preface comes before
/// them). Headings above the first body paragraph are the report's title block (the
/// title in `<h1>`, a bold subtitle), not sections; a 发布时间 line is not body.
fn section_headings(lines: &[Line], first: usize) -> Vec<StyledHeading> {
    let mut body_seen = false;
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        match line.heading {
            Some(level) if body_seen => out.push(StyledHeading {
                line: first + i,
                level,
            }),
            Some(_) => {}
            None => body_seen |= !is_meta(&line.text),
        }
    }
    out
}

/// The lines to put before the article: the page title unless the article already
/// has it, then 发布时间/来源 lines from just above the container (or from furniture
/// inside it) that the article render dropped.
fn preface(doc: &Html, harvest: &Rendered, main: &[String], whole_body: bool) -> Vec<String> {
    let mut out = Vec::new();
    let headings = &harvest.headings;
    let heading = if whole_body {
        headings.iter().find(|h| !h.muted)
    } else {
        let inside = headings.iter().find(|h| h.inside);
        inside.or_else(|| headings.iter().rfind(|h| !h.inside && !h.muted))
    };
    let title = heading.map(|h| h.text.clone()).or_else(|| page_title(doc));
    let joined = main.concat();
    if let Some(title) = title.filter(|t| !t.is_empty() && !joined.contains(t.as_str())) {
        out.push(title);
    }
    let seen: HashSet<&str> = main.iter().map(String::as_str).collect();
    let above = harvest.lines.iter().take_while(|l| !l.inside).count();
    let first_meta = match heading {
        Some(h) if !h.inside => h.end.max(above.saturating_sub(META_WINDOW)),
        _ => above.saturating_sub(META_WINDOW),
    };
    for (i, line) in harvest.lines.iter().enumerate() {
        let recoverable = if line.inside {
            line.muted
        } else {
            i >= first_meta
        };
        let text = &line.text;
        if recoverable && is_meta(text) && !seen.contains(text.as_str()) && !out.contains(text) {
            out.push(text.clone());
        }
    }
    out
}

/// Non-blank characters of text under each element, hidden elements excluded.
fn text_sizes(root: NodeRef<'_>) -> HashMap<usize, usize> {
    let mut sizes = HashMap::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut walk = Walk::new(root);
    while let Some(step) = walk.next() {
        match step {
            Step::Open(n) => match n.value() {
                Node::Element(el) => {
                    if is_hidden(el) {
                        walk.skip_children(n);
                    }
                    stack.push(0);
                }
                Node::Text(t) => {
                    if let Some(top) = stack.last_mut() {
                        *top += t.chars().filter(|c| !c.is_whitespace()).count();
                    }
                }
                _ => {}
            },
            Step::Close(n) if n.value().is_element() => {
                let own = stack.pop().unwrap_or(0);
                sizes.insert(key(n), own);
                if let Some(top) = stack.last_mut() {
                    *top += own;
                }
            }
            Step::Close(_) => {}
        }
    }
    sizes
}

/// The most specific known container that holds at least half of the page's text
/// once furniture is set aside.
fn choose_container<'d>(
    body: NodeRef<'d>,
    size: &dyn Fn(NodeRef<'d>) -> usize,
    exempt: &dyn Fn(NodeRef<'d>) -> bool,
) -> Option<NodeRef<'d>> {
    let mut furniture = 0;
    let mut found: Vec<(usize, usize, NodeRef<'d>)> = Vec::new();
    let mut walk = Walk::new(body);
    while let Some(step) = walk.next() {
        let Step::Open(n) = step else { continue };
        let Some(el) = n.value().as_element() else {
            continue;
        };
        if is_hidden(el) {
            walk.skip_children(n);
        } else if n != body && is_furniture(el) && !exempt(n) {
            furniture += size(n);
            walk.skip_children(n);
        } else if let Some(rank) = CONTAINERS.iter().position(|s| s.matches(el)) {
            found.push((rank, size(n), n));
        }
    }
    let content = size(body).saturating_sub(furniture);
    (0..CONTAINERS.len()).find_map(|rank| {
        let best = found.iter().filter(|f| f.0 == rank).max_by_key(|f| f.1)?;
        (best.1 > 0 && best.1 * 2 >= content).then_some(best.2)
    })
}

/// `<title>`, minus the site name CMSs append after `_`, `|`, `--` or ` - `.
fn page_title(doc: &Html) -> Option<String> {
    let title = doc
        .root_element()
        .descendent_elements()
        .find(|e| e.value().name() == "title")?;
    let text: String = title.text().collect();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut = ["_", "|", "｜", "--", " - "]
        .iter()
        .filter_map(|sep| text.find(sep))
        .min()
        .unwrap_or(text.len());
    let first = text[..cut].trim();
    (!first.is_empty()).then(|| first.to_string())
}

/// A publication line such as `发布时间：2024-03-28  来源：市司法局`.
fn is_meta(line: &str) -> bool {
    let short = line.chars().count() <= MAX_META_CHARS;
    short
        && ["发布时间", "发布日期", "来源：", "来源:"]
            .iter()
            .any(|m| line.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_break_continues_its_paragraph_and_each_data_cell_is_one() {
        let page = "<body><div id=zoom><p>标题</p><p>甲<br>乙</p><p></p>\
                    <table><tr><td>指标</td><td></td><td>完成</td></tr></table><p>丙</p></div></body>";
        let (text, _, paragraphs) = extract(page);
        assert_eq!(text, "标题\n甲\n乙\n指标\t\t完成\n丙");
        let at = |line, col| paragraphs.at(line, col);
        assert_eq!([at(0, 0), at(1, 0), at(2, 0)], [Some(1), Some(2), Some(2)]);
        let done = "指标\t\t".len();
        assert_eq!(
            [at(3, 0), at(3, done), at(4, 0)],
            [Some(3), Some(4), Some(5)]
        );
    }

    #[test]
    fn inline_text_joins_and_blocks_break() {
        let page = "<html><body><div id=zoom><p>依法<b>行政</b>\n  工作</p><p>2024 年<br>第二行</p></div></body></html>";
        assert_eq!(extract(page).0, "依法行政工作\n2024 年\n第二行");
    }

    #[test]
    fn data_rows_are_one_line_and_layout_cells_keep_their_paragraphs() {
        let page = "<body><table><tr><td>指标</td><td></td><td>完成</td></tr></table>\
                    <table><tr><td><p>一、总体</p><p>二、措施</p></td></tr></table></body>";
        assert_eq!(extract(page).0, "指标\t\t完成\n一、总体\n二、措施");
    }

    #[test]
    fn a_form_wrapping_the_page_is_not_furniture() {
        let page = "<body><form id=form1><div class=nav>首页</div><p>正文第一段，内容较长。</p></form></body>";
        assert_eq!(extract(page).0, "正文第一段，内容较长。");
    }

    #[test]
    fn title_falls_back_to_the_title_element_without_the_site_name() {
        let page =
            "<html><head><title>某区2023年法治政府建设年度报告--首页_某区人民政府</title></head>\
                    <body><div class=TRS_Editor><p>一、主要举措</p></div></body></html>";
        assert_eq!(
            extract(page).0,
            "某区2023年法治政府建设年度报告\n一、主要举措"
        );
    }

    #[test]
    fn hidden_copies_are_skipped() {
        let page = "<body><div class=content><p>正文</p><div style=\"DISPLAY: none\">隐藏副本</div><p hidden>模板</p></div></body>";
        assert_eq!(extract(page).0, "正文");
    }

    #[test]
    fn only_the_publication_line_next_to_the_article_is_kept() {
        let body = "正文内容较长，足以成为页面的主体部分。".repeat(20);
        let sidebar: String = (1..=12)
            .map(|i| format!("<p>其他文章{i} 发布日期：2024-01-{i:02}</p>"))
            .collect();
        let page = format!(
            "<body><div class=side>{sidebar}</div><h1>年度报告</h1><div>发布时间：2024-03-28</div>\
             <div id=zoom><p>一、主要举措</p><p>{body}</p></div></body>"
        );
        let want = format!("年度报告\n发布时间：2024-03-28\n一、主要举措\n{body}");
        assert_eq!(extract(&page).0, want);
    }
}
