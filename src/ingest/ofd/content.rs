//! One page's Content.xml → positioned runs: every `TextObject` of every layer, page
//! blocks however nested, each `TextCode` placed by its object's boundary and transform.

use quick_xml::events::BytesStart;

use super::super::layout::{Page, Run};
use super::super::IngestError;
use super::xml::{attr, is, numbers, walk, Ev};
use crate::msg::t;

/// A page holding more text codes than this is no page a person wrote.
pub(super) const MAX_CODES: usize = 200_000;

/// The text object being read: where its codes are placed.
#[derive(Debug, Clone, Copy)]
struct Object {
    /// The boundary's origin on the page.
    origin: (f32, f32),
    /// `a b c d e f`: object space → boundary space.
    ctm: [f32; 6],
    /// Font size in object space.
    size: f32,
    /// Where the last code ended (a code without `X`/`Y` goes on from there).
    pen: (f32, f32),
}

/// A text code being read.
struct Code {
    x: Option<f32>,
    y: Option<f32>,
    /// `DeltaX` as written: read out once the text is known (see [`deltas`]).
    delta_x: Option<String>,
    text: String,
}

/// The runs of a page whose Content.xml is `xml`, on a page of `size` (mm) unless the
/// page says its own. `number` (1-based) names the page in errors.
pub(super) fn page(
    part: &str,
    xml: &str,
    size: (f32, f32),
    number: usize,
) -> Result<Page, IngestError> {
    let mut page = Page {
        width: size.0,
        height: size.1,
        runs: Vec::new(),
    };
    let mut object: Option<Object> = None;
    let mut code: Option<Code> = None;
    let (mut in_area, mut in_box, mut codes) = (false, false, 0usize);
    walk(part, xml, |ev| {
        match ev {
            Ev::Start(e) if is(e, "TextObject") => object = Some(text_object(e)),
            Ev::End("TextObject") => object = None,
            Ev::Start(e) if object.is_some() && is(e, "TextCode") => {
                codes += 1;
                if codes > MAX_CODES {
                    return Err(IngestError::TooLarge(t!(
                        "ofd.too_many_objects",
                        page = number,
                        limit = MAX_CODES
                    )));
                }
                code = Some(text_code(e));
            }
            Ev::Text(s) => {
                if let Some(c) = code.as_mut() {
                    c.text.push_str(s);
                } else if in_box {
                    if let [_, _, w, h] = numbers(s)[..] {
                        (page.width, page.height) = (w, h);
                    }
                }
            }
            Ev::End("TextCode") => {
                if let (Some(c), Some(o)) = (code.take(), object.as_mut()) {
                    place(o, c, &mut page.runs);
                }
            }
            Ev::Start(e) if is(e, "Area") => in_area = true,
            Ev::End("Area") => in_area = false,
            Ev::Start(e) if in_area && is(e, "PhysicalBox") => in_box = true,
            Ev::End("PhysicalBox") => in_box = false,
            _ => {}
        }
        Ok(())
    })?;
    Ok(page)
}

const IDENTITY: [f32; 6] = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
/// The standard's default font size (mm) when a text object leaves `Size` out.
const DEFAULT_SIZE: f32 = 3.528;

fn text_object(e: &BytesStart<'_>) -> Object {
    let boundary = attr(e, "Boundary").map(|b| numbers(&b)).unwrap_or_default();
    let ctm = attr(e, "CTM")
        .map(|c| numbers(&c))
        .and_then(|c| <[f32; 6]>::try_from(c).ok())
        .unwrap_or(IDENTITY);
    let size = attr(e, "Size")
        .and_then(|s| s.trim().parse::<f32>().ok())
        .filter(|s| s.is_finite() && *s > 0.0)
        .unwrap_or(DEFAULT_SIZE);
    Object {
        origin: (
            boundary.first().copied().unwrap_or(0.0),
            boundary.get(1).copied().unwrap_or(0.0),
        ),
        ctm,
        size,
        pen: (0.0, 0.0),
    }
}

fn text_code(e: &BytesStart<'_>) -> Code {
    let num = |k| {
        attr(e, k)
            .and_then(|v| v.trim().parse::<f32>().ok())
            .filter(|v: &f32| v.is_finite())
    };
    Code {
        x: num("X"),
        y: num("Y"),
        delta_x: attr(e, "DeltaX"),
        text: String::new(),
    }
}

/// The most glyph advances one `g` may repeat: more is no line of text.
const MAX_REPEAT: usize = 100_000;

/// `DeltaX` read out: numbers, and `g N d` for `d` repeated `N` times (GB/T 33190 §11.3),
/// the finite ones, at most `most` (the code's glyphs: advances past them place nothing).
/// Bounding by the glyphs keeps the work to the size of the XML: a short `g 99999 1` on
/// each of a page's codes would otherwise cost 100,000 steps a code.
pub(super) fn deltas(s: &str, most: usize) -> Vec<f32> {
    let most = most.min(MAX_REPEAT);
    let mut out = Vec::new();
    let mut words = s.split_whitespace();
    while out.len() < most {
        let Some(w) = words.next() else {
            break;
        };
        if w == "g" {
            let n = words.next().and_then(|n| n.parse::<usize>().ok());
            let d = words.next().and_then(|d| d.parse::<f32>().ok());
            if let (Some(n), Some(d)) = (n, d.filter(|d| d.is_finite())) {
                out.extend(std::iter::repeat_n(d, n.min(most - out.len())));
            }
        } else if let Some(d) = w.parse::<f32>().ok().filter(|d| d.is_finite()) {
            out.push(d);
        }
    }
    out
}

/// A glyph's advance when `DeltaX` does not give it: CJK full width, others half.
fn advance(c: char, size: f32) -> f32 {
    if c.is_ascii() {
        size * 0.5
    } else {
        size
    }
}

/// Places a text code's glyphs on the page: one run when they are evenly spaced, one run
/// per glyph (white space kept with the glyph before it) when they are not.
fn place(o: &mut Object, c: Code, runs: &mut Vec<Run>) {
    let chars: Vec<char> = c.text.chars().collect();
    let deltas = c
        .delta_x
        .as_deref()
        .map_or_else(Vec::new, |d| deltas(d, chars.len()));
    let x0 = c.x.unwrap_or(o.pen.0);
    let y = c.y.unwrap_or(o.pen.1);
    let mut xs = Vec::with_capacity(chars.len() + 1);
    let mut x = x0;
    for (i, &ch) in chars.iter().enumerate() {
        xs.push(x);
        let given = deltas.get(i).copied();
        // The last glyph's advance is never given: its own width.
        let last_given = deltas.last().copied().filter(|_| i + 1 < chars.len());
        x += given.or(last_given).unwrap_or_else(|| advance(ch, o.size));
    }
    xs.push(x);
    o.pen = (x, y);
    let even = deltas
        .windows(2)
        .all(|w| (w[0] - w[1]).abs() <= 0.01 * o.size);
    let mut spans: Vec<(usize, usize)> = Vec::new();
    if even {
        spans.push((0, chars.len()));
    } else {
        for (i, ch) in chars.iter().enumerate() {
            match spans.last_mut() {
                Some(s) if ch.is_whitespace() => s.1 = i + 1,
                _ => spans.push((i, i + 1)),
            }
        }
    }
    for (from, to) in spans.into_iter().filter(|(f, t)| t > f) {
        runs.push(o.run(xs[from], xs[to], y, chars[from..to].iter().collect()));
    }
}

impl Object {
    /// A run from `x0` to `x1` on baseline `y` (object space), on the page.
    fn run(&self, x0: f32, x1: f32, y: f32, text: String) -> Run {
        let [a, b, c, d, e, f] = self.ctm;
        let at = |x: f32, y: f32| {
            (
                a * x + c * y + e + self.origin.0,
                b * x + d * y + f + self.origin.1,
            )
        };
        let (px0, py0) = at(x0, y);
        let (px1, _) = at(x1, y);
        let scale = (a * d - b * c).abs().sqrt();
        let scale = if scale.is_finite() && scale > 0.0 {
            scale
        } else {
            1.0
        };
        Run {
            x: px0.min(px1),
            y: py0,
            width: (px1 - px0).abs(),
            size: self.size * scale,
            text,
        }
    }
}
