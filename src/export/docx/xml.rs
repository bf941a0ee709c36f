//! The few WordprocessingML pieces the documents are made of: runs,
//! paragraphs and tables, written as text. Sizes are in half-points (Word's
//! `w:sz`), lengths in twentieths of a point (twips).

use std::fmt::Write;

/// Escapes text for an XML element or attribute, dropping the characters
/// XML 1.0 cannot hold (the store has cleaned controls out already; this
/// keeps a document well-formed whatever comes in).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A run of text in one style.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Run {
    /// The text; a newline becomes a line break.
    pub text: String,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Underlined (the rule under a heading, as long as its text).
    pub underline: bool,
    /// Size in half-points; the document's default when `None`.
    pub size: Option<u32>,
}

impl Run {
    /// Plain text.
    pub fn new(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            ..Run::default()
        }
    }

    /// The same, bold.
    pub fn b(mut self) -> Run {
        self.bold = true;
        self
    }

    /// The same, italic.
    pub fn i(mut self) -> Run {
        self.italic = true;
        self
    }

    /// The same, underlined.
    pub fn u(mut self) -> Run {
        self.underline = true;
        self
    }

    /// The same at a size in points.
    pub fn pt(mut self, points: u32) -> Run {
        self.size = Some(points * 2);
        self
    }

    fn write(&self, out: &mut String) {
        let mut props = String::new();
        if self.bold {
            props.push_str("<w:b/><w:bCs/>");
        }
        if self.italic {
            props.push_str("<w:i/><w:iCs/>");
        }
        if self.underline {
            props.push_str(r#"<w:u w:val="single"/>"#);
        }
        if let Some(s) = self.size {
            let _ = write!(props, r#"<w:sz w:val="{s}"/><w:szCs w:val="{s}"/>"#);
        }
        for (i, line) in self.text.split('\n').enumerate() {
            out.push_str("<w:r>");
            if !props.is_empty() {
                let _ = write!(out, "<w:rPr>{props}</w:rPr>");
            }
            if i > 0 {
                out.push_str("<w:br/>");
            }
            let _ = write!(
                out,
                r#"<w:t xml:space="preserve">{}</w:t></w:r>"#,
                escape(line)
            );
        }
    }
}

/// How a paragraph is aligned.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Align {
    /// Left.
    #[default]
    Left,
    /// Centred.
    Center,
    /// Right.
    Right,
    /// Justified.
    Both,
}

/// A paragraph's layout.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Para {
    /// Alignment.
    pub align: Align,
    /// First-line indent, in twips.
    pub first_line: u32,
    /// Left indent, in twips.
    pub left: u32,
    /// Right indent, in twips.
    pub right: u32,
    /// Space before, in twips.
    pub before: u32,
    /// Space after, in twips.
    pub after: u32,
    /// Line spacing in 240ths of a line (240 single); `None` single.
    pub line: Option<u32>,
    /// Keep with the next paragraph on one page.
    pub keep_next: bool,
    /// Start on a new page.
    pub page_break: bool,
    /// A rule under the paragraph: solid, or dashed for a cut line.
    pub rule: Option<Rule>,
    /// The default run size of the paragraph (its mark), in half-points.
    pub size: Option<u32>,
}

/// A line drawn under a paragraph, between its indents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// A thin solid line.
    Solid,
    /// A dashed line to cut along.
    Dashed,
}

impl Para {
    /// A centred paragraph.
    pub fn center() -> Para {
        Para {
            align: Align::Center,
            ..Para::default()
        }
    }

    /// A body paragraph: justified, first line indented 1.27 cm, 6 pt after.
    pub fn body() -> Para {
        Para {
            align: Align::Both,
            first_line: 720,
            after: 120,
            line: Some(276),
            ..Para::default()
        }
    }

    /// The same, kept with the next paragraph.
    pub fn keep(mut self) -> Para {
        self.keep_next = true;
        self
    }

    /// The same with space after, in points.
    pub fn after_pt(mut self, points: u32) -> Para {
        self.after = points * 20;
        self
    }

    /// The same with space before, in points.
    pub fn before_pt(mut self, points: u32) -> Para {
        self.before = points * 20;
        self
    }

    /// The same without the first-line indent.
    pub fn flush(mut self) -> Para {
        self.first_line = 0;
        self
    }

    fn props(&self) -> String {
        let mut p = String::new();
        if self.keep_next {
            p.push_str("<w:keepNext/>");
        }
        if self.page_break {
            p.push_str("<w:pageBreakBefore/>");
        }
        if let Some(rule) = self.rule {
            let (val, sz) = match rule {
                Rule::Solid => ("single", 6),
                Rule::Dashed => ("dashed", 6),
            };
            let _ = write!(
                p,
                r#"<w:pBdr><w:bottom w:val="{val}" w:sz="{sz}" w:space="1" w:color="000000"/></w:pBdr>"#
            );
        }
        let _ = write!(
            p,
            r#"<w:spacing w:before="{}" w:after="{}""#,
            self.before, self.after
        );
        if let Some(l) = self.line {
            let _ = write!(p, r#" w:line="{l}" w:lineRule="auto""#);
        }
        p.push_str("/>");
        if self.left > 0 || self.right > 0 || self.first_line > 0 {
            let _ = write!(
                p,
                r#"<w:ind w:left="{}" w:right="{}" w:firstLine="{}"/>"#,
                self.left, self.right, self.first_line
            );
        }
        let jc = match self.align {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
            Align::Both => "both",
        };
        let _ = write!(p, r#"<w:jc w:val="{jc}"/>"#);
        if let Some(s) = self.size {
            let _ = write!(
                p,
                r#"<w:rPr><w:sz w:val="{s}"/><w:szCs w:val="{s}"/></w:rPr>"#
            );
        }
        p
    }

    /// Writes the paragraph with its runs.
    pub fn write(&self, out: &mut String, runs: &[Run]) {
        let _ = write!(out, "<w:p><w:pPr>{}</w:pPr>", self.props());
        for r in runs {
            r.write(out);
        }
        out.push_str("</w:p>");
    }
}

/// One cell of a table: its paragraphs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    /// Paragraphs, each with its runs.
    pub paras: Vec<(Para, Vec<Run>)>,
    /// Columns it spans.
    pub span: u32,
    /// Vertically centred.
    pub middle: bool,
}

impl Cell {
    /// A cell of one paragraph.
    pub fn one(p: Para, runs: Vec<Run>) -> Cell {
        Cell {
            paras: vec![(p, runs)],
            span: 1,
            middle: false,
        }
    }

    /// A cell of one plain line, aligned.
    pub fn text(align: Align, text: impl Into<String>) -> Cell {
        Cell::one(
            Para {
                align,
                ..Para::default()
            },
            vec![Run::new(text)],
        )
    }

    /// The same spanning `n` columns.
    pub fn spanning(mut self, n: u32) -> Cell {
        self.span = n.max(1);
        self
    }
}

/// A table: column widths in twips, rows of cells, borders or none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// Column widths, in twips.
    pub widths: Vec<u32>,
    /// Rows.
    pub rows: Vec<Vec<Cell>>,
    /// Draw the grid.
    pub borders: bool,
    /// How many first rows repeat on each page.
    pub header_rows: usize,
    /// Rows that must not break across pages.
    pub keep_rows: bool,
}

impl Table {
    /// Writes the table.
    pub fn write(&self, out: &mut String) {
        let total: u32 = self.widths.iter().sum();
        let border = if self.borders { "single" } else { "nil" };
        let _ = write!(
            out,
            r#"<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>"#
        );
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            let _ = write!(
                out,
                r#"<w:{side} w:val="{border}" w:sz="4" w:space="0" w:color="000000"/>"#
            );
        }
        out.push_str(r#"</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>"#);
        for w in &self.widths {
            let _ = write!(out, r#"<w:gridCol w:w="{w}"/>"#);
        }
        out.push_str("</w:tblGrid>");
        for (r, row) in self.rows.iter().enumerate() {
            out.push_str("<w:tr><w:trPr>");
            if self.keep_rows {
                out.push_str("<w:cantSplit/>");
            }
            if r < self.header_rows {
                out.push_str("<w:tblHeader/>");
            }
            out.push_str("</w:trPr>");
            let mut col = 0usize;
            for cell in row {
                let span = cell.span.max(1) as usize;
                let width: u32 = self.widths.iter().skip(col).take(span).sum();
                col += span;
                let _ = write!(out, r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>"#);
                if span > 1 {
                    let _ = write!(out, r#"<w:gridSpan w:val="{span}"/>"#);
                }
                if cell.middle {
                    out.push_str(r#"<w:vAlign w:val="center"/>"#);
                }
                out.push_str("</w:tcPr>");
                if cell.paras.is_empty() {
                    Para::default().write(out, &[]);
                }
                for (p, runs) in &cell.paras {
                    p.write(out, runs);
                }
                out.push_str("</w:tc>");
            }
            out.push_str("</w:tr>");
        }
        out.push_str("</w:tbl>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_lines_break() {
        let mut out = String::new();
        Para::default().write(&mut out, &[Run::new("a<b & \"c\"\nd\u{1}")]);
        assert!(out.contains("a&lt;b &amp; &quot;c&quot;"), "{out}");
        assert!(
            out.contains("<w:br/><w:t xml:space=\"preserve\">d</w:t>"),
            "{out}"
        );
    }
}
