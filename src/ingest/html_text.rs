//! Rendering a DOM subtree as lines: block elements break lines, inline text joins
//! without inserted spaces, table rows become one line with tab-separated cells.
//!
//! The walk is an explicit loop over first-child / next-sibling / parent links, so
//! nesting depth costs no stack.

use std::ops::Deref;

use scraper::{ElementRef, Node};

/// ego-tree's node handle, named through scraper, which does not re-export ego-tree.
pub(crate) type NodeRef<'a> = <ElementRef<'a> as Deref>::Target;

/// An identity for a node, usable as a map key.
pub(crate) fn key(node: NodeRef<'_>) -> usize {
    node.value() as *const Node as usize
}

/// One step of a depth-first walk.
pub(crate) enum Step<'a> {
    Open(NodeRef<'a>),
    Close(NodeRef<'a>),
}

/// Depth-first walk over `root` and its descendants, each node opened and closed.
pub(crate) struct Walk<'a> {
    root: NodeRef<'a>,
    next: Option<Step<'a>>,
}

impl<'a> Walk<'a> {
    pub(crate) fn new(root: NodeRef<'a>) -> Self {
        Walk {
            root,
            next: Some(Step::Open(root)),
        }
    }

    /// Skips the children of the node just opened; its `Close` comes next.
    pub(crate) fn skip_children(&mut self, node: NodeRef<'a>) {
        self.next = Some(Step::Close(node));
    }
}

impl<'a> Iterator for Walk<'a> {
    type Item = Step<'a>;

    fn next(&mut self) -> Option<Step<'a>> {
        let step = self.next.take()?;
        self.next = match step {
            Step::Open(n) => Some(n.first_child().map_or(Step::Close(n), Step::Open)),
            Step::Close(n) if n == self.root => None,
            Step::Close(n) => match n.next_sibling() {
                Some(s) => Some(Step::Open(s)),
                None => n.parent().map(Step::Close),
            },
        };
        Some(step)
    }
}

/// Elements whose content is never article text: scripts, styles, form controls,
/// embedded objects, and anything hidden with `hidden` or `display:none` (CMS pages
/// keep duplicate or template copies of the text there).
pub(crate) fn is_hidden(el: &scraper::node::Element) -> bool {
    let never_text = matches!(
        el.name(),
        "script"
            | "style"
            | "noscript"
            | "template"
            | "iframe"
            | "object"
            | "embed"
            | "svg"
            | "math"
            | "select"
            | "textarea"
            | "button"
            | "head"
            | "title"
            | "canvas"
            | "audio"
            | "video"
    );
    let display_none = el.attr("style").is_some_and(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        s.to_ascii_lowercase().contains("display:none")
    });
    never_text || display_none || el.attr("hidden").is_some()
}

/// Site furniture by id or class: menus, breadcrumbs (当前位置, `dqwz`), footers
/// (主办 承办 ICP备, often `bottom`), share bars (扫一扫), related-document lists
/// (相关文件, `xgwj`). Substring matches, so `topmenu` and `foot_nav` count too.
const FURNITURE: &[&str] = &[
    "nav",
    "menu",
    "breadcrumb",
    "crumb",
    "footer",
    "foot",
    "header",
    "share",
    "bdshare",
    "related",
    "xgwj",
    "toolbar",
    "dqwz",
    "search",
    "logo",
    "bottom",
    "copyright",
];

/// Navigation, header, footer and similar site furniture.
pub(crate) fn is_furniture(el: &scraper::node::Element) -> bool {
    if matches!(el.name(), "nav" | "header" | "footer" | "aside" | "form") {
        return true;
    }
    [el.id(), el.attr("class")].into_iter().flatten().any(|v| {
        let v = v.to_ascii_lowercase();
        FURNITURE.iter().any(|f| v.contains(f))
    })
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "legend"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "thead"
            | "tfoot"
            | "ul"
            | "caption"
            | "br"
    )
}

/// Whether an element sets its text bold (`<b>`, `<strong>`, a bold `font-weight`) or
/// back to normal (`font-weight:normal`, 400); `None` when it leaves the weight alone.
fn weight(el: &scraper::node::Element) -> Option<bool> {
    let styled = el.attr("style").and_then(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        let s = s.to_ascii_lowercase();
        let at = s.rfind("font-weight:")? + "font-weight:".len();
        let value = s[at..].split([';', '!']).next().unwrap_or("");
        match value {
            "bold" | "bolder" | "600" | "700" | "800" | "900" => Some(true),
            "normal" | "lighter" | "100" | "200" | "300" | "400" | "500" => Some(false),
            _ => None,
        }
    });
    styled.or_else(|| matches!(el.name(), "b" | "strong").then_some(true))
}

/// CJK characters, full-width forms and punctuation: a source line break between
/// them and anything else is not a space (CSS Text 3 segment-break rule, widened).
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

/// A line of output and where it came from.
pub(crate) struct Line {
    pub text: String,
    /// It began inside furniture (only in harvest renders).
    pub muted: bool,
    /// It began inside the container (only in harvest renders).
    pub inside: bool,
    /// The heading level its markup gives it: 1–4 for the first line of `<h1>`–`<h4>`,
    /// 0 for a short paragraph all in bold.
    pub heading: Option<u8>,
    /// Every character of it is bold.
    bold: bool,
    /// Byte offsets where a paragraph the browser shows on its own starts: `[0]` for a
    /// block's first line, none for a line a `<br>` continues, one per cell of a data row.
    pub starts: Vec<usize>,
}

/// The text of an `<h1>`, flagged like [`Line`].
pub(crate) struct Heading {
    pub text: String,
    /// Index of the first line after it.
    pub end: usize,
    pub muted: bool,
    pub inside: bool,
}

/// How to render.
pub(crate) struct Policy<'a, 'd: 'a> {
    /// Drop furniture (the article render) or only mark it muted (the harvest render).
    pub drop_furniture: bool,
    /// Furniture-looking elements that must be kept, such as a `<form>` wrapping the page.
    pub exempt: &'a dyn Fn(NodeRef<'d>) -> bool,
    /// Harvest only: lines after this opens are `inside`; the render ends when it closes.
    pub container: Option<NodeRef<'d>>,
}

/// The lines and `<h1>`s of a subtree.
pub(crate) struct Rendered {
    pub lines: Vec<Line>,
    pub headings: Vec<Heading>,
}

struct Row {
    start: usize,
    cells: Vec<String>,
    multi_line: bool,
}

/// An open element that may make its line a heading: where its lines begin.
struct Block {
    key: usize,
    start: usize,
    /// 1–4 for `<h1>`–`<h4>`, 0 for `<p>` and `<div>`.
    level: u8,
}

#[derive(Default)]
struct Renderer {
    lines: Vec<Line>,
    cur: String,
    cur_muted: bool,
    /// The line so far has bold characters, and characters that are not.
    cur_bold: bool,
    cur_plain: bool,
    /// The next text continues the paragraph above, after a `<br>`.
    continues: bool,
    /// The line so far continues the paragraph above.
    cur_continues: bool,
    /// Elements that set the weight, innermost last: their key and whether bold.
    weights: Vec<(usize, bool)>,
    blocks: Vec<Block>,
    /// Pending collapsed white space; `true` if it held a line break.
    pending: Option<bool>,
    muted: Vec<usize>,
    inside: bool,
    rows: Vec<Row>,
    cells: Vec<usize>,
    h1s: Vec<usize>,
    headings: Vec<Heading>,
}

/// Renders `root` and its descendants.
pub(crate) fn render<'d>(root: NodeRef<'d>, policy: &Policy<'_, 'd>) -> Rendered {
    let mut r = Renderer::default();
    let mut walk = Walk::new(root);
    while let Some(step) = walk.next() {
        match step {
            Step::Open(n) => match n.value() {
                Node::Text(t) => r.text(t),
                Node::Element(el) => {
                    let name = el.name();
                    if is_hidden(el) {
                        walk.skip_children(n);
                        continue;
                    }
                    if n != root && is_furniture(el) && !(policy.exempt)(n) {
                        if policy.drop_furniture {
                            walk.skip_children(n);
                            continue;
                        }
                        r.muted.push(key(n));
                    }
                    r.open(name);
                    r.enter(n, el);
                    if policy.container == Some(n) {
                        r.inside = true;
                    }
                }
                _ => {}
            },
            Step::Close(n) => {
                if let Node::Element(el) = n.value() {
                    r.close(el.name());
                    r.leave(n);
                    if r.muted.last() == Some(&key(n)) {
                        r.muted.pop();
                    }
                    if policy.container == Some(n) {
                        break;
                    }
                }
            }
        }
    }
    r.break_line();
    Rendered {
        lines: r.lines,
        headings: r.headings,
    }
}

impl Renderer {
    fn text(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() {
                let newline = c == '\n' || c == '\r';
                self.pending = Some(self.pending.unwrap_or(false) || newline);
                continue;
            }
            if let Some(newline) = self.pending.take() {
                let prev = self.cur.chars().next_back();
                let joins = newline && prev.is_some_and(|p| is_wide(p) || is_wide(c));
                if prev.is_some() && !joins {
                    self.cur.push(' ');
                }
            }
            if self.cur.is_empty() {
                self.cur_muted = !self.muted.is_empty();
                self.cur_continues = self.continues;
            }
            if self.weights.last().is_some_and(|w| w.1) {
                self.cur_bold = true;
            } else {
                self.cur_plain = true;
            }
            self.cur.push(c);
        }
    }

    fn break_line(&mut self) {
        self.pending = None;
        if self.cur.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.cur);
        let bold = self.cur_bold && !self.cur_plain;
        (self.cur_bold, self.cur_plain) = (false, false);
        self.lines.push(Line {
            text,
            muted: self.cur_muted,
            inside: self.inside,
            heading: None,
            bold,
            starts: if self.cur_continues {
                Vec::new()
            } else {
                vec![0]
            },
        });
    }

    /// Notes what an opened element does to weight and headings. Runs after
    /// [`Renderer::open`], so a block's lines start after the line it broke.
    fn enter(&mut self, n: NodeRef<'_>, el: &scraper::node::Element) {
        if let Some(bold) = weight(el) {
            self.weights.push((key(n), bold));
        }
        let level = match el.name() {
            "h1" => 1,
            "h2" => 2,
            "h3" => 3,
            "h4" => 4,
            "p" | "div" => 0,
            _ => return,
        };
        self.blocks.push(Block {
            key: key(n),
            start: self.lines.len(),
            level,
        });
    }

    /// Undoes [`Renderer::enter`] once the element's last line is broken. Hidden and
    /// dropped elements close without having entered, hence the key checks.
    fn leave(&mut self, n: NodeRef<'_>) {
        let k = key(n);
        if self.weights.last().is_some_and(|w| w.0 == k) {
            self.weights.pop();
        }
        if self.blocks.last().is_some_and(|b| b.key == k) {
            if let Some(block) = self.blocks.pop() {
                self.mark_heading(&block);
            }
        }
    }

    /// An `<hN>` marks its first line; a `<p>` or `<div>` that made one short, wholly
    /// bold line marks it level 0.
    fn mark_heading(&mut self, block: &Block) {
        let made = self.lines.len().saturating_sub(block.start);
        let Some(first) = self.lines.get_mut(block.start) else {
            return;
        };
        if block.level > 0 {
            first.heading = Some(block.level);
        } else if made == 1
            && first.heading.is_none()
            && first.bold
            && super::bold_heading_shape(&first.text)
        {
            first.heading = Some(0);
        }
    }

    fn open(&mut self, name: &str) {
        self.boundary(name);
        match name {
            "td" | "th" => {
                self.break_line();
                self.cells.push(self.lines.len());
            }
            "tr" => {
                self.break_line();
                let start = self.lines.len();
                self.rows.push(Row {
                    start,
                    cells: Vec::new(),
                    multi_line: false,
                });
            }
            "h1" => {
                self.break_line();
                self.h1s.push(self.lines.len());
            }
            _ if is_block(name) => self.break_line(),
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        self.boundary(name);
        match name {
            "td" | "th" => {
                self.break_line();
                let start = self.cells.pop().unwrap_or(self.lines.len());
                let produced = &self.lines[start.min(self.lines.len())..];
                if let Some(row) = self.rows.last_mut() {
                    row.multi_line |= produced.len() > 1;
                    row.cells
                        .push(produced.first().map(|l| l.text.clone()).unwrap_or_default());
                }
            }
            "tr" => {
                self.break_line();
                if let Some(row) = self.rows.pop() {
                    self.merge_row(row);
                }
            }
            "h1" => {
                self.break_line();
                let start = self.h1s.pop().unwrap_or(self.lines.len());
                let text: String = self.lines[start.min(self.lines.len())..]
                    .iter()
                    .map(|l| l.text.as_str())
                    .collect();
                let (muted, inside) = (!self.muted.is_empty(), self.inside);
                self.headings.push(Heading {
                    text,
                    end: self.lines.len(),
                    muted,
                    inside,
                });
            }
            _ if is_block(name) => self.break_line(),
            _ => {}
        }
    }

    /// Notes whether the text after a block boundary starts a paragraph: after a `<br>`
    /// the browser goes on with the same block, after any other block a new one shows.
    /// Only the text after the boundary is affected: what stands before it is already a
    /// line of its own once the boundary breaks it.
    fn boundary(&mut self, name: &str) {
        match name {
            "br" => self.continues = true,
            "td" | "th" | "tr" => self.continues = false,
            _ if is_block(name) => self.continues = false,
            _ => {}
        }
    }

    /// A row whose cells each hold at most one line is data: one line, cells
    /// tab-separated. A row with multi-line cells is page layout: keep its lines.
    fn merge_row(&mut self, row: Row) {
        if row.multi_line || row.start > self.lines.len() {
            return;
        }
        let muted = self.lines.get(row.start).is_some_and(|l| l.muted);
        self.lines.truncate(row.start);
        let text = row.cells.join("\t");
        let text = text.trim_end();
        // Each cell with text is a block of its own.
        let mut starts = Vec::new();
        let mut at = 0;
        for cell in &row.cells {
            if !cell.is_empty() {
                starts.push(at);
            }
            at += cell.len() + 1;
        }
        if !text.trim_start().is_empty() {
            let inside = self.inside;
            self.lines.push(Line {
                text: text.to_string(),
                muted,
                inside,
                heading: None,
                bold: false,
                starts,
            });
        }
    }
}
