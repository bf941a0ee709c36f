//! The ballots sheet: for each vote, the counts (issued, valid, invalid,
//! present, all members, votes needed), then each candidate's votes, share
//! of the valid ballots and whether it passed.

use super::styles::{self, Kind, Role};
use super::{Tab, page};
use crate::export::report::{BallotReport, SheetReport};
use crate::i18n::{Lang, Msg, tr};
use rust_xlsxwriter::utility::column_number_to_name;
use rust_xlsxwriter::{Formula, Worksheet, XlsxError};

/// The last column: six counts across A–F.
const LAST: u16 = 5;
/// Widths in characters: the candidates' column, then each number's.
const WIDTHS: (f64, f64) = (44.0, 15.0);
/// The width of the whole table.
const ACROSS: f64 = WIDTHS.0 + WIDTHS.1 * LAST as f64;

/// Excel keeps at most this many page breaks on a sheet.
const MAX_BREAKS: usize = 1023;

/// The width of a column.
/// Writes a heading row of labels from column 0 and returns the height it
/// was given for its wrapped text.
fn head_row(ws: &mut Worksheet, row: u32, labels: &[Msg], lang: Lang) -> Result<f64, XlsxError> {
    let head = styles::cell(Role::Head, Kind::Centre);
    for (col, label) in (0u16..).zip(labels) {
        ws.write_string_with_format(row, col, tr(lang, *label), &head)?;
    }
    let texts: Vec<(&str, f64)> = (0u16..)
        .zip(labels)
        .map(|(c, m)| (tr(lang, *m), width(c)))
        .collect();
    page::fit(ws, row, &texts)
}

fn width(col: u16) -> f64 {
    if col == 0 { WIDTHS.0 } else { WIDTHS.1 }
}

/// Writes one ballot from `row`, and a blank row after it; returns the
/// row after that and the height of all its rows, in points.
fn ballot(
    ws: &mut Worksheet,
    b: &BallotReport,
    lang: Lang,
    mut row: u32,
) -> Result<(u32, f64), XlsxError> {
    let t = |m| tr(lang, m);
    let mut height = 0.0;
    page::across(
        ws,
        row,
        LAST,
        &b.question,
        &styles::cell(Role::Group, Kind::Text),
    )?;
    height += page::fit(ws, row, &[(&b.question, ACROSS)])?;
    row += 1;
    let labels = [
        Msg::Issued,
        Msg::Valid,
        Msg::Invalid,
        Msg::Present,
        Msg::AllMembers,
        Msg::WbNeededVotes,
    ];
    let num = styles::cell(Role::Body, Kind::Centre);
    height += head_row(ws, row, &labels, lang)?;
    height += page::fit(ws, row + 1, &[])?;
    let counts = b.counts.iter().map(|n| Some(*n)).chain([b.needed]);
    for (col, n) in (0u16..).zip(counts) {
        match n {
            Some(n) => ws.write_number_with_format(row + 1, col, f64::from(n), &num)?,
            None => ws.write_blank(row + 1, col, &num)?,
        };
    }
    let valid_cell = format!("$B${}", row + 2);
    let valid = b.counts.get(1).copied().unwrap_or(0);
    row += 2;
    if let Some(e) = &b.error {
        page::across(ws, row, LAST, e, &styles::text())?;
        height += page::fit(ws, row, &[(e, ACROSS)])?;
        height += page::fit(ws, row + 1, &[])?;
        return Ok((row + 2, height));
    }
    let labels = [Msg::WbCandidate, Msg::Votes, Msg::WbShare, Msg::Passes];
    height += head_row(ws, row, &labels, lang)?;
    row += 1;
    let pct = styles::cell(Role::Body, Kind::Percent);
    for (name, votes, passes) in &b.results {
        let role = if *passes { Role::Group } else { Role::Body };
        ws.write_string_with_format(row, 0, name, &styles::cell(role, Kind::Text))?;
        ws.write_number_with_format(row, 1, f64::from(*votes), &num)?;
        if valid > 0 {
            let f = format!("={}{}/{valid_cell}", column_number_to_name(1), row + 1);
            let share = f64::from(*votes) / f64::from(valid);
            ws.write_formula_with_format(
                row,
                2,
                Formula::new(f).set_result(share.to_string()),
                &pct,
            )?;
        } else {
            ws.write_blank(row, 2, &pct)?;
        }
        let yes = if *passes { t(Msg::Yes) } else { t(Msg::No) };
        ws.write_string_with_format(row, 3, yes, &styles::cell(role, Kind::Centre))?;
        height += page::fit(ws, row, &[(name, WIDTHS.0)])?;
        row += 1;
    }
    height += page::fit(ws, row, &[])?;
    Ok((row + 1, height))
}

/// Writes the ballots into a new sheet.
pub(super) fn write(
    ws: &mut Worksheet,
    r: &SheetReport,
    lang: Lang,
    names: &[String; 5],
) -> Result<(), XlsxError> {
    let (mut row, repeat) =
        page::start(ws, r, lang, names, Tab::Ballots, LAST, Msg::WbTitleBallots)?;
    if r.ballots.is_empty() {
        page::across(ws, row, LAST, tr(lang, Msg::WbNoBallots), &styles::text())?;
        page::fit(ws, row, &[(tr(lang, Msg::WbNoBallots), ACROSS)])?;
    }
    // A ballot starts a new page rather than break across two.
    let room = page::PAGE_HEIGHT - page::top_height(r);
    let mut used = page::fit(ws, row - 1, &[])?;
    let mut breaks = Vec::new();
    for b in &r.ballots {
        let (next, height) = ballot(ws, b, lang, row)?;
        if used + height > room && used > 0.0 && breaks.len() < MAX_BREAKS {
            breaks.push(row);
            used = height;
        } else {
            used += height;
        }
        row = next;
    }
    if !breaks.is_empty() {
        ws.set_page_breaks(&breaks)?;
    }
    for col in 0..=LAST {
        ws.set_column_width(col, width(col))?;
    }
    page::setup(ws, r, lang, repeat)
}
