//! The workbook's cell formats. Times New Roman throughout, as Vietnamese
//! administrative papers are printed (LibreOffice draws it with Liberation
//! Serif, which has the same metrics, so pages break alike).

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

/// The font of every cell.
pub(super) const FONT: &str = "Times New Roman";
/// Size of the body text.
const SIZE: f64 = 12.0;
/// Grey of the column headings and the total row.
const HEAD_FILL: u32 = 0xD9D9D9;
/// Lighter grey of group and subtotal rows.
const GROUP_FILL: u32 = 0xF2F2F2;
/// Dark red of the illustrative mark.
const MARK_RED: u32 = 0xC00000;
/// Scores print as typed: `9.5`, `10`; a difference carries its sign.
const DIFF_FORMAT: &str = "+General;-General;0";

/// What a cell of a table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Text, left, wrapped.
    Text,
    /// Text, centred.
    Centre,
    /// A number.
    Number,
    /// A signed difference.
    Diff,
    /// A share, as a percentage.
    Percent,
}

/// Which row of a table a cell is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// Column headings: bold on grey, centred.
    Head,
    /// A group heading or subtotal: bold on light grey.
    Group,
    /// An item.
    Body,
    /// The total and rank: bold on grey.
    Total,
}

fn base() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_size(SIZE)
        .set_align(FormatAlign::VerticalCenter)
}

/// A bordered table cell.
pub(super) fn cell(role: Role, kind: Kind) -> Format {
    let mut f = base().set_border(FormatBorder::Thin);
    f = match kind {
        Kind::Text => f.set_text_wrap(),
        Kind::Centre => f.set_align(FormatAlign::Center).set_text_wrap(),
        // Numbers keep a space from the border they are aligned to.
        Kind::Number => f.set_align(FormatAlign::Right).set_indent(1),
        Kind::Diff => f
            .set_num_format(DIFF_FORMAT)
            .set_align(FormatAlign::Right)
            .set_indent(1),
        Kind::Percent => f
            .set_num_format("0.0%")
            .set_align(FormatAlign::Right)
            .set_indent(1),
    };
    match role {
        Role::Head => f
            .set_bold()
            .set_background_color(Color::RGB(HEAD_FILL))
            .set_align(FormatAlign::Center)
            .set_text_wrap(),
        Role::Group => f.set_bold().set_background_color(Color::RGB(GROUP_FILL)),
        Role::Body => f,
        Role::Total => f.set_bold().set_background_color(Color::RGB(HEAD_FILL)),
    }
}

/// The sheet's title: bold, larger, centred.
pub(super) fn title() -> Format {
    base()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Center)
        .set_text_wrap()
}

/// The line under the title: italic, centred.
pub(super) fn subtitle() -> Format {
    base()
        .set_italic()
        .set_align(FormatAlign::Center)
        .set_text_wrap()
}

/// The illustrative mark: bold dark red, centred.
pub(super) fn mark() -> Format {
    base()
        .set_bold()
        .set_font_color(Color::RGB(MARK_RED))
        .set_align(FormatAlign::Center)
}

/// A section heading outside the tables.
pub(super) fn heading() -> Format {
    base().set_bold().set_font_size(13)
}

/// Plain text outside the tables.
pub(super) fn text() -> Format {
    base().set_text_wrap()
}

/// Notes under a table: smaller, italic.
pub(super) fn note() -> Format {
    base()
        .set_italic()
        .set_font_size(10)
        .set_text_wrap()
        .set_align(FormatAlign::Top)
}
