//! Which paragraph of the source file each place in the extracted text comes from.
//!
//! Lines of the extracted text are not what a reader of the source counts: a Word
//! paragraph with a manual line break gives two lines, a table row gives one line for
//! several cell paragraphs, and empty paragraphs give none. The extractors record where
//! each source paragraph starts in the text, so evidence can name the paragraph a person
//! finds in Word or in the browser.
//!
//! How paragraphs are counted:
//! - **.docx**: every `<w:p>` of `word/document.xml`, 1-based, in the order their start
//!   tags stand in the XML: empty paragraphs, table-cell paragraphs and text-box
//!   paragraphs included, as Word shows one ¶ mark for each (and as VBA's
//!   `Document.Paragraphs(n)` counts body paragraphs). Paragraphs in subtrees the
//!   extraction skips (tracked deletions, the fallback copy of a text box) are not counted.
//! - **HTML**: every block of text the browser shows on its own (a `<p>`, `<div>`, `<li>`,
//!   heading or table cell), 1-based over the extracted text: the title and publication
//!   lines put above the article count first. A `<br>` does not start a paragraph; empty
//!   blocks, which the browser does not show, are not counted.
//! - **Plain text** has none: its lines are what a reader counts.

/// Where one source paragraph starts in the extracted text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParagraphStart {
    /// 0-based line of the extracted text.
    pub line: usize,
    /// Byte offset in that line.
    pub col: usize,
    /// The paragraph's 1-based number in the source.
    pub number: usize,
}

/// Every paragraph start of an extracted text, in text order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paragraphs {
    starts: Vec<ParagraphStart>,
}

impl Paragraphs {
    /// Paragraph starts as the extractors record them; they are sorted into text order
    /// here, so a lookup can search them.
    pub fn new(mut starts: Vec<ParagraphStart>) -> Paragraphs {
        starts.sort_by_key(|s| (s.line, s.col));
        Paragraphs { starts }
    }

    /// The number of the paragraph that byte `col` of 0-based line `line` belongs to: the
    /// last paragraph starting at or before it (a line without a start of its own continues
    /// the paragraph above). `None` for plain text, or before the first paragraph.
    pub fn at(&self, line: usize, col: usize) -> Option<usize> {
        let k = self
            .starts
            .partition_point(|s| (s.line, s.col) <= (line, col));
        k.checked_sub(1).map(|i| self.starts[i].number)
    }

    /// True when the source has no paragraphs of its own (plain text).
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// The starts, in text order.
    pub fn starts(&self) -> &[ParagraphStart] {
        &self.starts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_belongs_to_the_last_paragraph_started_before_it() {
        let start = |line, col, number| ParagraphStart { line, col, number };
        // Line 0 is paragraph 2 (paragraph 1 was empty); line 1 continues it after a
        // break; line 2 is a table row of paragraphs 4 and 6.
        let p = Paragraphs::new(vec![start(2, 7, 6), start(0, 0, 2), start(2, 0, 4)]);
        assert_eq!(p.at(0, 5), Some(2));
        assert_eq!(p.at(1, 0), Some(2));
        assert_eq!(p.at(2, 6), Some(4));
        assert_eq!(p.at(2, 7), Some(6));
        assert_eq!(Paragraphs::default().at(3, 0), None);
    }
}
