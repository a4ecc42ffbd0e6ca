//! A guard against absurd tag soup before it reaches html5ever.
//!
//! html5ever scans its stack of open elements for many tags, so n open elements cost
//! O(n²): 100 000 nested `<div>`s took ten minutes, and so did 100 000 `<div/>`s (a
//! `/>` does not close an HTML `<div>`) or `<div></x>`s (an end tag nothing opened
//! closes nothing). Its tokenizer also compares each attribute of a tag with all the
//! ones before it. So this pass keeps its own stack of the elements a tag really
//! opens, drops start tags past [`MAX_DEPTH`] together with their end tags (their text
//! is kept), and keeps the first [`MAX_ATTRS`] attributes of a tag. Real pages nest
//! 20–60 deep and put a handful of attributes on a tag, so they pass through untouched;
//! [`super::html_parse`] bounds whatever this approximation lets through.

use std::borrow::Cow;
use std::collections::HashMap;

/// Chrome stops nesting the DOM at 512; half of that is still ten times any real page.
pub(crate) const MAX_DEPTH: usize = 256;

/// Attributes kept on one tag; real tags carry fewer than ten.
pub(crate) const MAX_ATTRS: usize = 64;

/// Elements that never take an end tag or often omit it; counting them would make
/// a page of unclosed `<p>`s look deep.
const NOT_COUNTED: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option",
    "optgroup", "colgroup", "caption", "rb", "rt", "rp", "html", "head", "body",
];

/// Elements whose content is raw text: a `<div>` inside a script is not a tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// `html` with start tags deeper than [`MAX_DEPTH`] (and their end tags) removed and
/// every tag cut to [`MAX_ATTRS`] attributes; borrowed when nothing had to change.
pub(crate) fn cap_nesting(html: &str) -> Cow<'_, str> {
    if !Scan::new(html).run(None) {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    Scan::new(html).run(Some(&mut out));
    Cow::Owned(out)
}

/// The state of one pass over the tags of a page.
struct Scan<'a> {
    html: &'a str,
    /// Lower-cased names of the counted elements open, innermost last.
    open: Vec<String>,
    /// How many of each name `open` holds, so an end tag for a name that is not open
    /// costs no walk of the stack.
    on_stack: HashMap<String, usize>,
    /// Start tags dropped past the limit whose end tags have not come yet, by name.
    dropped: HashMap<String, usize>,
    /// `<svg>` and `<math>` open: there `/>` does close an element.
    foreign: usize,
    changed: bool,
}

impl<'a> Scan<'a> {
    fn new(html: &'a str) -> Self {
        Scan {
            html,
            open: Vec::new(),
            on_stack: HashMap::new(),
            dropped: HashMap::new(),
            foreign: 0,
            changed: false,
        }
    }

    /// Walks the tags; with `out`, copies the page there minus what is dropped or cut.
    /// Returns whether anything is.
    fn run(mut self, mut out: Option<&mut String>) -> bool {
        let bytes = self.html.as_bytes();
        let (mut pos, mut copied) = (0usize, 0usize);
        while let Some(off) = memchr(b'<', &bytes[pos..]) {
            let start = pos + off;
            let Some(tag) = Tag::parse(bytes, start) else {
                pos = start + 1;
                continue;
            };
            pos = tag.end;
            let keep = self.keep(&tag);
            let cut = tag.cut.filter(|_| keep);
            if !keep || cut.is_some() {
                self.changed = true;
                if let Some(out) = out.as_deref_mut() {
                    out.push_str(&self.html[copied..cut.unwrap_or(start)]);
                    if cut.is_some() {
                        out.push_str(if tag.self_closing { "/>" } else { ">" });
                    }
                    copied = tag.end;
                }
            }
            if !tag.closing && RAW_TEXT.iter().any(|n| tag.name.eq_ignore_ascii_case(n)) {
                pos = raw_text_end(bytes, pos, tag.name);
            }
        }
        if let Some(out) = out {
            out.push_str(&self.html[copied..]);
        }
        self.changed
    }

    /// Updates the stack for `tag`; false when the tag must be dropped.
    fn keep(&mut self, tag: &Tag<'_>) -> bool {
        let name = tag.name.to_ascii_lowercase();
        if name.is_empty() || NOT_COUNTED.contains(&name.as_str()) {
            return true;
        }
        if tag.closing {
            return self.close(name);
        }
        // In HTML `<div/>` opens a div; only foreign elements close themselves.
        if tag.self_closing && self.foreign > 0 {
            return true;
        }
        if self.open.len() >= MAX_DEPTH {
            *self.dropped.entry(name).or_default() += 1;
            return false;
        }
        self.foreign += usize::from(matches!(name.as_str(), "svg" | "math"));
        *self.on_stack.entry(name.clone()).or_default() += 1;
        self.open.push(name);
        true
    }

    /// An end tag: the end of a dropped start tag is dropped too; one that matches an
    /// open element closes it and everything opened inside it.
    fn close(&mut self, name: String) -> bool {
        if let Some(n) = self.dropped.get_mut(&name).filter(|n| **n > 0) {
            *n -= 1;
            return false;
        }
        if self.on_stack.get(&name).is_some_and(|n| *n > 0) {
            while let Some(top) = self.open.pop() {
                self.foreign -= usize::from(matches!(top.as_str(), "svg" | "math"));
                let done = top == name;
                if let Some(n) = self.on_stack.get_mut(&top) {
                    *n -= 1;
                }
                if done {
                    break;
                }
            }
        }
        true
    }
}

/// One markup construct starting at a `<`.
struct Tag<'a> {
    name: &'a str,
    closing: bool,
    self_closing: bool,
    /// Index just past the construct.
    end: usize,
    /// Where the attributes past [`MAX_ATTRS`] begin, if there are that many.
    cut: Option<usize>,
}

impl<'a> Tag<'a> {
    /// Parses the construct at `start`; `None` when the `<` is plain text.
    /// Comments and declarations come back with an empty name.
    fn parse(bytes: &'a [u8], start: usize) -> Option<Tag<'a>> {
        let rest = &bytes[start..];
        let other = |end| Tag {
            name: "",
            closing: false,
            self_closing: true,
            end,
            cut: None,
        };
        if rest.starts_with(b"<!--") {
            return Some(other(
                find(rest, b"-->", 4).map_or(bytes.len(), |i| start + i + 3),
            ));
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            return Some(other(
                memchr(b'>', rest).map_or(bytes.len(), |i| start + i + 1),
            ));
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_at = 1 + usize::from(closing);
        if !rest.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            return None;
        }
        let name_len = rest[name_at..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
            .unwrap_or(rest.len() - name_at);
        // The name ends at an ASCII byte or the end of input: a char boundary.
        let name = std::str::from_utf8(&rest[name_at..name_at + name_len]).ok()?;
        let attrs = attributes(rest, name_at + name_len);
        Some(Tag {
            name,
            closing,
            self_closing: attrs.self_closing,
            end: start + attrs.end,
            cut: attrs.cut.map(|c| start + c),
        })
    }
}

/// Where a tag's attributes end, as the HTML tokenizer reads them.
struct Attrs {
    /// Index past the closing `>` (or the end of input).
    end: usize,
    self_closing: bool,
    /// Index of the first attribute past [`MAX_ATTRS`].
    cut: Option<usize>,
}

/// Reads the attributes of a tag from `from` (just past its name) the way the HTML
/// tokenizer does: names run to white space, `/`, `>` or `=`; values are quoted or run
/// to white space or `>`.
fn attributes(rest: &[u8], from: usize) -> Attrs {
    let len = rest.len();
    let ws = |i: usize| rest[i].is_ascii_whitespace();
    let (mut i, mut count, mut cut) = (from, 0usize, None);
    loop {
        let gap = i;
        while i < len && (ws(i) || rest[i] == b'/') {
            i += 1;
        }
        if i >= len {
            return Attrs {
                end: len,
                self_closing: false,
                cut,
            };
        }
        if rest[i] == b'>' {
            let self_closing = i > gap && rest[i - 1] == b'/';
            return Attrs {
                end: i + 1,
                self_closing,
                cut,
            };
        }
        count += 1;
        if count > MAX_ATTRS && cut.is_none() {
            cut = Some(i);
        }
        i += 1;
        while i < len && !ws(i) && !matches!(rest[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        while i < len && ws(i) {
            i += 1;
        }
        if i >= len || rest[i] != b'=' {
            continue;
        }
        i += 1;
        while i < len && ws(i) {
            i += 1;
        }
        if i < len && matches!(rest[i], b'"' | b'\'') {
            match memchr(rest[i], &rest[i + 1..]) {
                Some(k) => i += k + 2,
                None => {
                    return Attrs {
                        end: len,
                        self_closing: false,
                        cut,
                    }
                }
            }
        } else {
            while i < len && !ws(i) && rest[i] != b'>' {
                i += 1;
            }
        }
    }
}

/// Index past the `</name` that ends a raw-text element, or the end of input.
fn raw_text_end(bytes: &[u8], from: usize, name: &str) -> usize {
    let mut pos = from;
    while let Some(off) = find(&bytes[pos..], b"</", 0) {
        let at = pos + off + 2;
        let candidate = &bytes[at..bytes.len().min(at + name.len())];
        if candidate.eq_ignore_ascii_case(name.as_bytes()) {
            return pos + off;
        }
        pos = at;
    }
    bytes.len()
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth(html: &str) -> usize {
        let mut scan = Scan::new(html);
        let mut deepest = 0;
        let bytes = html.as_bytes();
        let mut pos = 0;
        while let Some(off) = memchr(b'<', &bytes[pos..]) {
            match Tag::parse(bytes, pos + off) {
                Some(tag) => {
                    pos = tag.end;
                    scan.keep(&tag);
                    deepest = deepest.max(scan.open.len());
                }
                None => pos += off + 1,
            }
        }
        deepest
    }

    #[test]
    fn ordinary_pages_pass_through_untouched() {
        let page = "<html><body><div class=\"a>b\"><p>一<p>二<br/><svg><path/><path/></svg>\
                    <script>if(a<b)'<div>'</script></div>";
        assert!(matches!(cap_nesting(page), Cow::Borrowed(_)));
    }

    #[test]
    fn tags_past_the_limit_are_dropped_with_their_end_tags_and_text_kept() {
        let n = MAX_DEPTH + 50;
        let page = format!("{}正文{}后文", "<div>".repeat(n), "</div>".repeat(n));
        let capped = cap_nesting(&page);
        assert_eq!(depth(&capped), MAX_DEPTH);
        assert!(capped.contains("正文") && capped.ends_with("</div>后文"));
        assert_eq!(capped.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(capped.matches("</div>").count(), MAX_DEPTH);
    }

    #[test]
    fn self_closed_and_mismatched_divs_count_as_open() {
        for soup in ["<div/>", "<div></x>", "<DIV a=1/>"] {
            let page = format!("<body>{}正文</body>", soup.repeat(1000));
            let capped = cap_nesting(&page);
            assert_eq!(depth(&capped), MAX_DEPTH, "{soup}");
            assert!(capped.contains("正文"));
        }
    }

    #[test]
    fn attributes_past_the_limit_are_cut() {
        let attrs: String = (0..1000).map(|i| format!(" a{i}=\"v>{i}\"")).collect();
        let page = format!("<p{attrs}/>正文");
        let capped = cap_nesting(&page);
        assert!(capped.contains(" a63=\"v>63\" />正文"), "{capped}");
        assert!(!capped.contains("a64"));
    }
}
