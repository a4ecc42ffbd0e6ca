//! `word/styles.xml`: what a paragraph style says about lists, heading levels and weight.

use std::collections::HashMap;

use std::io::BufRead;

use quick_xml::events::Event;

use super::docx_xml::{attr, each_event, is_on, number, XmlError};

/// What a style in `word/styles.xml` says about lists, headings and weight; each
/// setting may instead be inherited through `w:basedOn`.
#[derive(Default, Clone)]
pub(crate) struct Style {
    /// `w:numPr`: Chinese Word templates often number headings through the heading
    /// style rather than on each paragraph.
    pub num_id: Option<String>,
    pub ilvl: Option<usize>,
    based_on: Option<String>,
    /// `w:outlineLvl`, 0 for the top level.
    outline: Option<u8>,
    /// The outline level a built-in heading style implies by its name (`heading 2`,
    /// `标题 2` → 1): Word leaves `w:outlineLvl` out of many saved heading styles, and
    /// Chinese Word gives them numeric ids (`1`, `2`) that say nothing.
    named_outline: Option<u8>,
    /// `w:rPr/w:b`.
    bold: Option<bool>,
}

/// Paragraph and character styles by style id.
pub(crate) type Styles = HashMap<String, Style>;

/// Reads the styles' lists, outline levels and bold from `word/styles.xml`, streamed.
pub(crate) fn parse_styles(xml: impl BufRead) -> Result<Styles, XmlError> {
    let mut styles = Styles::new();
    let mut cur: Option<(String, Style)> = None;
    // Table styles' conditional parts (header row, first column) are not the style's own.
    let mut conditional = 0usize;
    each_event(xml, |event| match event {
        Event::Start(e) if e.name().as_ref() == "w:tblStylePr" => conditional += 1,
        Event::Start(e) | Event::Empty(e) if conditional == 0 => {
            match (e.name().as_ref(), cur.as_mut()) {
                ("w:style", _) => cur = attr(&e, "w:styleId").map(|id| (id, Style::default())),
                ("w:basedOn", Some((_, s))) => s.based_on = attr(&e, "w:val"),
                ("w:numId", Some((_, s))) => s.num_id = attr(&e, "w:val"),
                ("w:ilvl", Some((_, s))) => s.ilvl = number(&e),
                ("w:outlineLvl", Some((_, s))) => s.outline = number(&e),
                ("w:name", Some((_, s))) => {
                    s.named_outline = attr(&e, "w:val").and_then(|n| heading_name(&n));
                }
                ("w:b", Some((_, s))) => s.bold = Some(is_on(&e)),
                _ => {}
            }
        }
        Event::End(e) => match e.name().as_ref() {
            "w:tblStylePr" => conditional = conditional.saturating_sub(1),
            "w:style" => {
                if let Some((id, s)) = cur.take() {
                    styles.insert(id, s);
                }
            }
            _ => {}
        },
        _ => {}
    })?;
    Ok(styles)
}

/// The outline level a heading style's name implies: `heading 1` (Word's built-in
/// name, whatever the display language), `Heading1`, `标题 1` → 0.
fn heading_name(name: &str) -> Option<u8> {
    let name = name.trim().to_lowercase();
    let rest = name
        .strip_prefix("heading")
        .or_else(|| name.strip_prefix("标题"))?;
    let n: u8 = rest.trim().parse().ok()?;
    (1..=9).contains(&n).then(|| n - 1)
}

/// The first value `get` finds on `style` or the styles it is based on, following
/// `w:basedOn` a bounded number of steps (cycles exist).
fn inherited<T>(styles: &Styles, style: &str, get: impl Fn(&Style) -> Option<T>) -> Option<T> {
    let mut id = Some(style);
    for _ in 0..16 {
        let s = styles.get(id?)?;
        if let Some(v) = get(s) {
            return Some(v);
        }
        id = s.based_on.as_deref();
    }
    None
}

/// The list of `style`.
pub(crate) fn style_list(styles: &Styles, style: &str) -> (Option<String>, Option<usize>) {
    (
        inherited(styles, style, |s| s.num_id.clone()),
        inherited(styles, style, |s| s.ilvl),
    )
}

/// The outline level of `style` (0 for the top level): an explicit `w:outlineLvl`, or
/// the level a heading style's name implies, on the style or the ones it is based on.
pub(crate) fn style_outline(styles: &Styles, style: &str) -> Option<u8> {
    inherited(styles, style, |s| s.outline.or(s.named_outline))
}

/// Whether `style` makes its text bold, when it says.
pub(crate) fn style_bold(styles: &Styles, style: &str) -> Option<bool> {
    inherited(styles, style, |s| s.bold)
}
