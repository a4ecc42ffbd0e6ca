//! Parsing a page into a DOM in time and memory linear in its size, whatever the markup.
//!
//! html5ever's tree builder follows the HTML standard, which lets tag soup cost more than
//! its length: every open element is scanned for many tags, and formatting elements
//! (`<b>`, `<font>`…) left open are copied again at every later paragraph. The byte pass
//! in [`super::html_depth`] removes the common shapes of that. This filter sits between
//! html5ever's tokenizer and its tree builder and bounds the rest:
//!
//! * the elements the tree builder keeps open or remembers (its stack and its list of
//!   formatting elements) are counted before each start tag: past [`MAX_TRACKED`] a
//!   faithful parse gives up;
//! * the nodes built may not pass [`node_budget`] (an eighth of the page's bytes plus a
//!   floor): past it a faithful parse gives up too.
//!
//! A page that made the faithful parse give up is parsed again strictly: formatting
//! elements become `<span>`s (bold ones keep a bold style), so nothing is copied;
//! start tags past [`super::html_depth::MAX_DEPTH`] open elements or past the node
//! budget are dropped (their text is kept), and comments are left out. Ordinary pages
//! never reach either limit and get html5ever's tree unchanged.

use std::cell::Cell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{Attribute, Tracer, TreeBuilder, TreeSink};
use html5ever::{local_name, ns, QualName, TokenizerResult};
use scraper::{Html, HtmlTreeSink};

use super::html_depth::MAX_DEPTH;

/// scraper's node handle.
type Handle = <HtmlTreeSink as TreeSink>::Handle;

/// Open and remembered elements past which a faithful parse gives up. Real pages keep
/// 20–60; the byte pass already keeps most soups within [`MAX_DEPTH`].
const MAX_TRACKED: usize = 2 * MAX_DEPTH;

/// Nodes a page may build: an eighth of its bytes, plus a floor for short pages. A DOM
/// node takes about 200 bytes, so the tree stays within ~25 times the page.
pub(crate) fn node_budget(page_len: usize) -> usize {
    page_len / 8 + 10_000
}

/// Work a parse did, counted for tests: they bound it by the page's length rather than
/// by seconds.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ParseWork {
    /// Tokens the tokenizer produced.
    pub tokens: usize,
    /// Nodes in the finished tree.
    pub nodes: usize,
    /// Open and remembered elements counted before start tags, summed: a bound on the
    /// tree builder's scans.
    pub tracked: usize,
    /// The page needed the strict parse.
    pub strict: bool,
}

/// The DOM of `page` and the work it took.
pub(crate) fn parse(page: &str) -> (Html, ParseWork) {
    let budget = node_budget(page.len());
    if let Some(done) = run(page, budget, false) {
        return done;
    }
    run(page, budget, true).expect("a strict parse never gives up")
}

/// One parse; `None` when a faithful one gave up.
fn run(page: &str, budget: usize, strict: bool) -> Option<(Html, ParseWork)> {
    let builder = TreeBuilder::new(HtmlTreeSink::new(Html::new_document()), Default::default());
    let filter = Filter {
        builder,
        strict,
        budget,
        gave_up: Cell::new(false),
        work: Cell::new(ParseWork {
            strict,
            ..ParseWork::default()
        }),
    };
    let tokenizer = Tokenizer::new(filter, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(page));
    // Scripts and encoding declarations pause the tokenizer; nothing here acts on them.
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    let filter = tokenizer.sink;
    if filter.gave_up.get() {
        return None;
    }
    let mut work = filter.work.get();
    work.nodes = filter.nodes();
    Some((filter.builder.sink.finish(), work))
}

/// The token filter in front of the tree builder.
struct Filter {
    builder: TreeBuilder<Handle, HtmlTreeSink>,
    strict: bool,
    budget: usize,
    gave_up: Cell<bool>,
    work: Cell<ParseWork>,
}

/// Counts the handles the tree builder holds.
struct Count(Cell<usize>);

impl Tracer for Count {
    type Handle = Handle;
    fn trace_handle(&self, _: &Handle) {
        self.0.set(self.0.get() + 1);
    }
}

impl Filter {
    fn nodes(&self) -> usize {
        self.builder.sink.0.borrow().tree.nodes().len()
    }

    /// Elements open or in the list of formatting elements (and the few pointers the
    /// tree builder keeps), added to the work count.
    fn tracked(&self) -> usize {
        let count = Count(Cell::new(0));
        self.builder.trace_handles(&count);
        let n = count.0.get();
        self.count(|w| w.tracked += n);
        n
    }

    fn count(&self, f: impl FnOnce(&mut ParseWork)) {
        let mut w = self.work.get();
        f(&mut w);
        self.work.set(w);
    }

    /// The token to pass on, if any.
    fn shape(&self, token: Token) -> Option<Token> {
        match token {
            // Only recorded, one string each; nobody reads them.
            Token::ParseError(_) => None,
            Token::CommentToken(_) if self.strict => None,
            Token::TagToken(tag) if self.strict => self.strict_tag(tag).map(Token::TagToken),
            Token::TagToken(tag) => {
                let opens = tag.kind == TagKind::StartTag && !is_void(&tag.name);
                if opens && self.tracked() > MAX_TRACKED {
                    self.gave_up.set(true);
                    return None;
                }
                Some(Token::TagToken(tag))
            }
            t => Some(t),
        }
    }

    /// A tag in the strict parse: formatting elements as spans; start tags (and the
    /// end tags that build an element) dropped past the limits.
    fn strict_tag(&self, mut tag: Tag) -> Option<Tag> {
        if is_formatting(&tag.name) {
            as_span(&mut tag);
        }
        let full = self.nodes() >= self.budget;
        match tag.kind {
            // `</p>` and `</br>` with nothing to close build an element.
            TagKind::EndTag => {
                let builds = matches!(tag.name, local_name!("p") | local_name!("br"));
                (!(builds && full)).then_some(tag)
            }
            // Their content is raw text: dropped, it would be read as markup.
            TagKind::StartTag if is_raw_text(&tag.name) => Some(tag),
            TagKind::StartTag if full => None,
            TagKind::StartTag if is_void(&tag.name) => Some(tag),
            TagKind::StartTag => (self.tracked() < MAX_DEPTH).then_some(tag),
        }
    }
}

impl TokenSink for Filter {
    type Handle = Handle;

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<Handle> {
        if self.gave_up.get() {
            return TokenSinkResult::Continue;
        }
        self.count(|w| w.tokens += 1);
        let Some(token) = self.shape(token) else {
            return TokenSinkResult::Continue;
        };
        let result = self.builder.process_token(token, line);
        if !self.strict && self.nodes() > self.budget {
            self.gave_up.set(true);
        }
        result
    }

    fn end(&self) {
        if !self.gave_up.get() {
            self.builder.end();
        }
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// The formatting elements of the HTML standard: the ones the tree builder reopens.
fn is_formatting(name: &html5ever::LocalName) -> bool {
    matches!(
        *name,
        local_name!("a")
            | local_name!("b")
            | local_name!("big")
            | local_name!("code")
            | local_name!("em")
            | local_name!("font")
            | local_name!("i")
            | local_name!("nobr")
            | local_name!("s")
            | local_name!("small")
            | local_name!("strike")
            | local_name!("strong")
            | local_name!("tt")
            | local_name!("u")
    )
}

fn is_void(name: &html5ever::LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("input")
            | local_name!("keygen")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("param")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
    )
}

fn is_raw_text(name: &html5ever::LocalName) -> bool {
    matches!(
        *name,
        local_name!("script")
            | local_name!("style")
            | local_name!("textarea")
            | local_name!("title")
            | local_name!("xmp")
            | local_name!("iframe")
            | local_name!("noembed")
            | local_name!("noframes")
            | local_name!("noscript")
            | local_name!("plaintext")
    )
}

/// Renames a formatting tag to `span`; `<b>` and `<strong>` keep their weight as a style
/// (one that sets its own weight keeps that).
fn as_span(tag: &mut Tag) {
    let bold = matches!(tag.name, local_name!("b") | local_name!("strong"));
    tag.name = local_name!("span");
    if !bold || tag.kind == TagKind::EndTag {
        return;
    }
    let style = tag
        .attrs
        .iter_mut()
        .find(|a| a.name.local == local_name!("style"));
    match style {
        Some(a) if a.value.to_ascii_lowercase().contains("font-weight") => {}
        Some(a) => a.value.push_slice(";font-weight:bold"),
        None => tag.attrs.push(Attribute {
            name: QualName::new(None, ns!(), local_name!("style")),
            value: StrTendril::from_slice("font-weight:bold"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reopened_formatting_makes_the_parse_strict_and_bounded() {
        let page = (0..20_000)
            .map(|i| format!("<p><b id=b{i}>标题{i}</p>"))
            .collect::<String>();
        let (_, work) = parse(&page);
        assert!(work.strict);
        assert!(work.nodes <= node_budget(page.len()));
        assert!(work.tracked <= 8 * page.len(), "{work:?}");
    }

    #[test]
    fn ordinary_pages_are_parsed_faithfully() {
        let page = "<html><body><div id=zoom><p><b>一、总体</b></p><p>正文<font>字</font></p>\
                    <table><tr><td>1</td></tr></table></div></body></html>";
        let (doc, work) = parse(page);
        assert!(!work.strict);
        assert_eq!(
            doc.root_element().html(),
            Html::parse_document(page).root_element().html()
        );
    }
}
