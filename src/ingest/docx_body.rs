//! `word/document.xml` → lines: one per paragraph, one per table row (cells
//! tab-separated), with auto-numbering labels put back in front of headings.

use quick_xml::events::Event;
use quick_xml::Reader;

use super::docx::{attr, style_list, Styles};
use super::numbering::Numbering;

/// Subtrees whose text is not the document's current text: the old side of tracked
/// moves and format changes, and the duplicate fallback copy of text boxes.
const SKIPPED: &[&str] = &[
    "mc:Fallback",
    "w:moveFrom",
    "w:pPrChange",
    "w:rPrChange",
    "w:del",
];

#[derive(Default)]
struct Para {
    text: String,
    style: Option<String>,
    num_id: Option<String>,
    ilvl: Option<usize>,
}

#[derive(Default)]
struct Row {
    cells: Vec<String>,
    cell: Option<String>,
}

#[derive(Default)]
struct Body {
    out: Vec<String>,
    paras: Vec<Para>,
    rows: Vec<Row>,
    runs: usize,
    in_text: bool,
    skip: usize,
}

/// The lines of a document body.
pub(crate) fn lines(
    xml: &str,
    mut numbering: Numbering,
    styles: &Styles,
) -> Result<String, quick_xml::Error> {
    let mut b = Body::default();
    let mut reader = Reader::from_str(xml);
    loop {
        let event = reader.read_event()?;
        if b.skip > 0 {
            match event {
                Event::Start(_) => b.skip += 1,
                Event::End(_) => b.skip -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(e) => {
                let name = e.name();
                let name = name.as_ref();
                if SKIPPED.contains(&name) {
                    b.skip = 1;
                    continue;
                }
                match name {
                    "w:p" => b.paras.push(Para::default()),
                    "w:r" => b.runs += 1,
                    "w:t" => b.in_text = true,
                    "w:tr" => b.rows.push(Row::default()),
                    "w:tc" => {
                        if let Some(row) = b.rows.last_mut() {
                            row.cell = Some(String::new());
                        }
                    }
                    _ => b.property(name, &e),
                }
            }
            Event::Empty(e) => {
                let name = e.name();
                b.property(name.as_ref(), &e);
            }
            Event::End(e) => match e.name().as_ref() {
                "w:p" => {
                    if let Some(p) = b.paras.pop() {
                        let label = paragraph_label(&p, &mut numbering, styles);
                        b.deliver(&p.text, label, false);
                    }
                }
                "w:r" => b.runs = b.runs.saturating_sub(1),
                "w:t" => b.in_text = false,
                "w:tc" => {
                    if let Some(row) = b.rows.last_mut() {
                        let cell = row.cell.take().unwrap_or_default();
                        row.cells.push(cell);
                    }
                }
                "w:tr" => {
                    if let Some(row) = b.rows.pop() {
                        let line = row.cells.join("\t");
                        b.deliver(&line, None, true);
                    }
                }
                _ => {}
            },
            Event::Text(t) if b.in_text => b.push(&t.xml10_content()),
            Event::CData(t) if b.in_text => b.push(&t),
            Event::GeneralRef(r) if b.in_text => {
                let c = r.resolve_char_ref().ok().flatten();
                let s = c
                    .map(String::from)
                    .or_else(|| quick_xml::escape::resolve_predefined_entity(&r).map(String::from));
                b.push(&s.unwrap_or_default());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(b.out.join("\n"))
}

/// The auto-number of a paragraph: its own `w:numPr`, else its style's.
fn paragraph_label(p: &Para, numbering: &mut Numbering, styles: &Styles) -> Option<String> {
    let (style_num, style_lvl) = p
        .style
        .as_deref()
        .map_or((None, None), |s| style_list(styles, s));
    let num_id = p.num_id.clone().or(style_num)?;
    // numId 0 is Word's "numbering removed".
    if num_id == "0" {
        return None;
    }
    numbering.label(&num_id, p.ilvl.or(style_lvl).unwrap_or(0))
}

impl Body {
    /// Handles the empty or property elements that matter: tabs and breaks inside
    /// runs (a `w:tab` in `w:pPr` is a tab stop), paragraph style and list.
    fn property(&mut self, name: &str, e: &quick_xml::events::BytesStart<'_>) {
        let in_run = self.runs > 0;
        match name {
            "w:tab" | "w:ptab" if in_run => self.push("\t"),
            "w:br" | "w:cr" if in_run => self.push("\n"),
            "w:noBreakHyphen" if in_run => self.push("-"),
            "w:pStyle" => self.para(|p| p.style = attr(e, "w:val")),
            "w:numId" => self.para(|p| p.num_id = attr(e, "w:val")),
            "w:ilvl" => self.para(|p| p.ilvl = attr(e, "w:val").and_then(|v| v.parse().ok())),
            _ => {}
        }
    }

    fn para(&mut self, f: impl FnOnce(&mut Para)) {
        if let Some(p) = self.paras.last_mut() {
            f(p);
        }
    }

    fn push(&mut self, s: &str) {
        if let Some(p) = self.paras.last_mut() {
            p.text.push_str(s);
        }
    }

    /// Sends a finished paragraph or row to the open table cell, or to the output.
    /// Paragraphs are trimmed; rows keep leading tabs so empty first cells still count.
    fn deliver(&mut self, text: &str, label: Option<String>, row: bool) {
        if text.trim().is_empty() {
            return;
        }
        let text = match label {
            Some(l) if !l.is_empty() => join_label(&l, text.trim()),
            _ if row => text.trim_end().to_string(),
            _ => text.trim().to_string(),
        };
        if let Some(cell) = self.rows.last_mut().and_then(|r| r.cell.as_mut()) {
            if !cell.is_empty() {
                cell.push(' ');
            }
            cell.push_str(text.replace(['\n', '\t'], " ").trim());
            return;
        }
        if row {
            self.out.push(text);
            return;
        }
        let lines = text.split('\n').map(str::trim).filter(|l| !l.is_empty());
        self.out.extend(lines.map(String::from));
    }
}

/// `一、` + `加强…` join directly; a label ending in a letter or digit (`第1章`,
/// `1`) gets the space Word's tab would have shown.
fn join_label(label: &str, text: &str) -> String {
    if label.ends_with(|c: char| c.is_alphanumeric()) {
        format!("{label} {text}")
    } else {
        format!("{label}{text}")
    }
}
