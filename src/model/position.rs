//! Where a quote stands, in the unit a reader of its source counts (line, paragraph, or
//! page and printed line), read from the optional fields a scorecard record carries.

/// Where a quote stands in the unit a reader of its source counts: what a scorecard
/// shows instead of a line of the extracted text, which only plain text has in common
/// with the file.
///
/// The JSON keeps `line` always and adds optional fields per finer unit (`paragraph` for
/// Word and web pages, `page` and `page_line` for PDF and OFD), so a reader of old
/// scorecards loses nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// A line of a plain-text file, 1-based.
    Line(usize),
    /// A paragraph of a Word document or a web page, 1-based.
    Paragraph(usize),
    /// A printed line of a PDF or OFD page: the page as the viewer numbers it and the
    /// line counted from the top of that page, both 1-based. A paged source's text is
    /// laid out again into paragraphs, so its extracted lines are no place a reader finds;
    /// the page always is.
    Page {
        /// 1-based page.
        page: usize,
        /// 1-based printed line on the page.
        line: usize,
    },
}

/// The position a record with a `line` and optional finer units names: the page when
/// there is one (the unit a reader of a PDF goes to), else the paragraph, else the line.
pub(crate) fn place(
    line: usize,
    paragraph: Option<usize>,
    page: Option<usize>,
    page_line: Option<usize>,
) -> Position {
    match (page, paragraph) {
        (Some(page), _) => Position::Page {
            page,
            // A page without a line would be a reader's bug; its first line is nearest.
            line: page_line.unwrap_or(1),
        },
        (None, Some(p)) => Position::Paragraph(p),
        (None, None) => Position::Line(line),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_wins_over_the_paragraph_and_the_paragraph_over_the_line() {
        assert_eq!(place(7, None, None, None), Position::Line(7));
        assert_eq!(place(7, Some(3), None, None), Position::Paragraph(3));
        assert_eq!(
            place(7, Some(3), Some(2), Some(14)),
            Position::Page { page: 2, line: 14 }
        );
        assert_eq!(
            place(7, None, Some(2), None),
            Position::Page { page: 2, line: 1 }
        );
    }
}
