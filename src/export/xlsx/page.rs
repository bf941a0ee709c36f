//! What every sheet shares: the rows at the top (the illustrative mark, the
//! title, the cluster) and the print setup: A4 landscape, one page wide,
//! the top rows repeated on each page, the mark in the header and footer.

use super::styles;
use crate::export::report::{SheetReport, mark};
use crate::i18n::{Lang, Msg, tr};
use rust_xlsxwriter::{Format, Worksheet, XlsxError};

/// Excel's paper size code for A4.
pub(super) const A4: u8 = 9;
/// The longest header or footer Excel keeps, in UTF-16 units.
const MAX_HEADER: usize = 255;

/// Points of height per printed line of 12 pt text (Times needs 13.8).
pub(super) const LINE: f64 = 15.0;
/// The same for the 10 pt notes.
pub(super) const NOTE_LINE: f64 = 13.0;

/// How many lines text wraps to in a column `width` characters wide,
/// word by word. Rough on purpose, and on the generous side: Excel and
/// LibreOffice do not always grow a row for wrapped text on their own, so
/// each row is given the height its longest cell needs.
pub(super) fn lines(text: &str, width: f64) -> u32 {
    // A width counts the digits of the default font (Calibri 11); 12 pt
    // Times fits about 1.3 of its letters in each (measured on LibreOffice's
    // pages), bold a little fewer.
    let room = ((width * 1.2).floor() as usize).max(1);
    let mut lines = 1u32;
    let mut used = 0usize;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if used == 0 {
            used = len;
        } else if used + 1 + len <= room {
            used += 1 + len;
        } else {
            lines += 1;
            used = len;
        }
        // A word longer than the column breaks anywhere.
        while used > room {
            lines += 1;
            used -= room;
        }
    }
    lines
}

/// Makes a row tall enough for the longest of its cells, each given with
/// the width it is printed in; returns the height set, in points.
pub(super) fn fit(ws: &mut Worksheet, row: u32, cells: &[(&str, f64)]) -> Result<f64, XlsxError> {
    fit_lines(ws, row, cells, LINE)
}

/// [`fit`] with a given height per line.
pub(super) fn fit_lines(
    ws: &mut Worksheet,
    row: u32,
    cells: &[(&str, f64)],
    line: f64,
) -> Result<f64, XlsxError> {
    let n = cells.iter().map(|(t, w)| lines(t, *w)).max().unwrap_or(1);
    let height = line * f64::from(n);
    ws.set_row_height(row, height)?;
    Ok(height)
}

/// Writes text across columns `0..=last`, merged when that is more than one cell.
pub(super) fn across(
    ws: &mut Worksheet,
    row: u32,
    last: u16,
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    if last == 0 {
        ws.write_string_with_format(row, 0, text, format)?;
    } else {
        ws.merge_range(row, 0, row, last, text, format)?;
    }
    Ok(())
}

/// The height the body of a page has: A4 landscape less the top and
/// bottom margins set in [`setup`], in points.
pub(super) const PAGE_HEIGHT: f64 = 595.3 - (0.6 + 0.5) * 72.0;

/// The height of the rows [`top`] writes, repeated on every page.
pub(super) fn top_height(r: &SheetReport) -> f64 {
    let mark = if r.illustrative { LINE } else { 0.0 };
    mark + TITLE + LINE
}

/// The title row's height.
const TITLE: f64 = 20.0;

/// Names a sheet from its tab and writes its top (see [`top`]) with the
/// year's title; returns the first row of its body (after a blank one) and
/// the last row to repeat on every page.
pub(super) fn start(
    ws: &mut Worksheet,
    r: &SheetReport,
    lang: Lang,
    names: &[String; 5],
    tab: super::Tab,
    last: u16,
    title: Msg,
) -> Result<(u32, u32), XlsxError> {
    ws.set_name(names.get(tab as usize).cloned().unwrap_or_default())?;
    let row = top(
        ws,
        r,
        lang,
        last,
        &crate::i18n::trf(lang, title, &[&r.year]),
    )?;
    Ok((row + 1, row - 1))
}

/// Writes the mark (practice data only), the title and the cluster's line
/// across columns `0..=last`; returns the first row after them.
pub(super) fn top(
    ws: &mut Worksheet,
    r: &SheetReport,
    lang: Lang,
    last: u16,
    title: &str,
) -> Result<u32, XlsxError> {
    let mut row = 0;
    if r.illustrative {
        across(ws, row, last, &mark(lang), &styles::mark())?;
        ws.set_row_height(row, LINE)?;
        row += 1;
    }
    across(ws, row, last, title, &styles::title())?;
    ws.set_row_height(row, TITLE)?;
    row += 1;
    across(ws, row, last, &cluster_line(r), &styles::subtitle())?;
    ws.set_row_height(row, LINE)?;
    Ok(row + 1)
}

/// `Cụm 4 · Cụm thi đua … · 2024`, without repeating a name.
fn cluster_line(r: &SheetReport) -> String {
    if r.cluster_name.is_empty() || r.cluster_name == r.cluster_label {
        r.cluster_label.clone()
    } else {
        format!("{} · {}", r.cluster_label, r.cluster_name)
    }
}

/// Header and footer text is a little language of `&` codes: a literal `&`
/// is written `&&`.
fn escape(text: &str) -> String {
    text.replace('&', "&&")
}

/// The header: the cluster and year on the left, the mark in the centre.
fn header(r: &SheetReport, lang: Lang) -> String {
    let left = format!(
        "&L&\"{},Regular\"&9{}",
        styles::FONT,
        escape(&format!("{} · {}", r.cluster_label, r.year))
    );
    if !r.illustrative {
        return left;
    }
    let centre = |m: &str| format!("&C&\"{},Bold\"&11{}", styles::FONT, escape(m));
    let full = format!("{left}{}", centre(&mark(lang)));
    if full.encode_utf16().count() <= MAX_HEADER {
        full
    } else {
        // Never lose the mark to Excel's limit: keep its short form.
        format!(
            "{left}{}",
            centre(&tr(lang, Msg::Illustrative).to_uppercase())
        )
    }
}

/// The footer: the mark again on the left, the page number in the centre,
/// the sheet's name on the right.
fn footer(r: &SheetReport, lang: Lang) -> String {
    let font = format!("&\"{},Regular\"&9", styles::FONT);
    let left = if r.illustrative {
        format!(
            "&L{font}{}",
            escape(&tr(lang, Msg::Illustrative).to_uppercase())
        )
    } else {
        String::new()
    };
    format!("{left}&C{font}{}&R{font}&A", tr(lang, Msg::WbPage))
}

/// A4 landscape, one page wide (as many tall as needed), centred, rows
/// `0..=repeat_to` printed at the top of every page.
pub(super) fn setup(
    ws: &mut Worksheet,
    r: &SheetReport,
    lang: Lang,
    repeat_to: u32,
) -> Result<(), XlsxError> {
    ws.set_paper_size(A4)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_print_center_horizontally(true)
        .set_margins(0.5, 0.4, 0.6, 0.5, 0.25, 0.25)
        .set_header(header(r, lang))
        .set_footer(footer(r, lang));
    ws.set_repeat_rows(0, repeat_to)?;
    Ok(())
}
