//! A guard against absurdly nested HTML before it reaches html5ever.
//!
//! html5ever scans the stack of open elements for every block start tag, so parsing
//! n nested `<div>`s costs O(n²): 100 000 of them took ten minutes. Real pages nest
//! 20–60 deep, so tags past [`MAX_DEPTH`] are dropped (their text is kept) and the
//! parse stays linear. Pages within the limit are passed through untouched.

use std::borrow::Cow;

/// Chrome stops nesting the DOM at 512; half of that is still ten times any real page.
pub(crate) const MAX_DEPTH: usize = 256;

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

/// `html` with every counted tag deeper than [`MAX_DEPTH`] removed.
pub(crate) fn cap_nesting(html: &str) -> Cow<'_, str> {
    if scan(html, None) <= MAX_DEPTH {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    scan(html, Some(&mut out));
    Cow::Owned(out)
}

/// Walks the tags of `html`, returning the deepest nesting seen. With `out`, copies
/// the input there minus the tags past the limit.
fn scan(html: &str, mut out: Option<&mut String>) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut max, mut pos, mut copied) = (0usize, 0usize, 0usize, 0usize);
    while let Some(off) = memchr(b'<', &bytes[pos..]) {
        let start = pos + off;
        let Some(tag) = Tag::parse(bytes, start) else {
            pos = start + 1;
            continue;
        };
        pos = tag.end;
        let counted = !tag.name.is_empty()
            && !tag.self_closing
            && !NOT_COUNTED.iter().any(|n| tag.name.eq_ignore_ascii_case(n));
        let mut drop = false;
        if counted && tag.closing {
            drop = depth > MAX_DEPTH;
            depth = depth.saturating_sub(1);
        } else if counted {
            depth += 1;
            max = max.max(depth);
            drop = depth > MAX_DEPTH;
        }
        if drop {
            if let Some(out) = out.as_deref_mut() {
                out.push_str(&html[copied..start]);
                copied = tag.end;
            }
        }
        if !tag.closing && RAW_TEXT.iter().any(|n| tag.name.eq_ignore_ascii_case(n)) {
            pos = raw_text_end(bytes, pos, tag.name);
        }
    }
    if let Some(out) = out {
        out.push_str(&html[copied..]);
    }
    max
}

/// One markup construct starting at a `<`.
struct Tag<'a> {
    name: &'a str,
    closing: bool,
    self_closing: bool,
    /// Index just past the construct.
    end: usize,
}

impl<'a> Tag<'a> {
    /// Parses the construct at `start`; `None` when the `<` is plain text.
    /// Comments and declarations come back with an empty name.
    fn parse(bytes: &'a [u8], start: usize) -> Option<Tag<'a>> {
        let rest = &bytes[start..];
        if rest.starts_with(b"<!--") {
            let end = find(rest, b"-->", 4).map_or(bytes.len(), |i| start + i + 3);
            return Some(Tag {
                name: "",
                closing: false,
                self_closing: true,
                end,
            });
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            let end = memchr(b'>', rest).map_or(bytes.len(), |i| start + i + 1);
            return Some(Tag {
                name: "",
                closing: false,
                self_closing: true,
                end,
            });
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
        // Names are ASCII up to the first space, slash or '>', so this is a char boundary.
        let name = std::str::from_utf8(&rest[name_at..name_at + name_len]).ok()?;
        let (close_at, self_closing) = attributes_end(rest, name_at + name_len);
        Some(Tag {
            name,
            closing,
            self_closing,
            end: start + close_at,
        })
    }
}

/// Finds the `>` closing a tag, skipping quoted attribute values; returns the index
/// past it and whether the tag ended with `/>`.
fn attributes_end(rest: &[u8], from: usize) -> (usize, bool) {
    let mut quote = None;
    for (i, &b) in rest.iter().enumerate().skip(from) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return (i + 1, i > 0 && rest[i - 1] == b'/'),
            _ => {}
        }
    }
    (rest.len(), false)
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

    #[test]
    fn ordinary_pages_pass_through_untouched() {
        let page =
            "<html><body><div class=\"a>b\"><p>一<p>二<br/><script>if(a<b)'<div>'</script></div>";
        assert!(matches!(cap_nesting(page), Cow::Borrowed(_)));
    }

    #[test]
    fn tags_past_the_limit_are_dropped_and_text_kept() {
        let n = MAX_DEPTH + 50;
        let page = format!("{}正文{}", "<div>".repeat(n), "</div>".repeat(n));
        let capped = cap_nesting(&page);
        assert_eq!(scan(&capped, None), MAX_DEPTH);
        assert!(capped.contains("正文"));
        assert_eq!(
            capped.matches("<div>").count(),
            capped.matches("</div>").count()
        );
    }
}
