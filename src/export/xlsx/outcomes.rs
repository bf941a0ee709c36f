//! The outcomes sheet: the conference, the ranking (totals by reference to
//! the grid sheets), the award proposals, next year's head and deputies,
//! amendments after locking, and the audit head the paper was made from.

use super::layout::{Layout, school_col};
use super::styles::{self, Kind, Role};
use super::{Tab, page};
use crate::export::report::{SheetReport, audit_line, rank_text};
use crate::i18n::{Lang, Msg, tr, trf};
use rust_xlsxwriter::utility::{column_number_to_name, quote_sheet_name};
use rust_xlsxwriter::{Formula, Worksheet, XlsxError};

/// The last column (A label, B name, C and D numbers).
const LAST: u16 = 3;
/// Column widths in characters.
const WIDTHS: [f64; 4] = [30.0, 60.0, 17.0, 17.0];
/// The width of columns B–D, where a fact's value is merged.
const VALUE: f64 = WIDTHS[1] + WIDTHS[2] + WIDTHS[3];
/// The width of the whole sheet.
const ACROSS: f64 = WIDTHS[0] + VALUE;

/// What an empty fact prints as: a line to fill by hand.
const DOTS: &str = "……………………………………………";

fn or_dots(s: &str) -> &str {
    if s.trim().is_empty() { DOTS } else { s }
}

/// A section heading; returns the next row.
fn heading(ws: &mut Worksheet, row: u32, text: &str) -> Result<u32, XlsxError> {
    ws.write_string_with_format(row, 0, text, &styles::heading())?;
    Ok(row + 1)
}

/// Label and value rows in bordered cells; returns the next row.
fn facts(ws: &mut Worksheet, mut row: u32, rows: &[(&str, &str)]) -> Result<u32, XlsxError> {
    let label = styles::cell(Role::Group, Kind::Text);
    let value = styles::cell(Role::Body, Kind::Text);
    for (l, v) in rows {
        ws.write_string_with_format(row, 0, *l, &label)?;
        ws.merge_range(row, 1, row, LAST, or_dots(v), &value)?;
        page::fit(ws, row, &[(l, WIDTHS[0]), (v, VALUE)])?;
        row += 1;
    }
    Ok(row + 1)
}

/// The ranking: by rank, each school's cluster and self totals named from
/// the grid sheets.
fn ranking(
    ws: &mut Worksheet,
    r: &SheetReport,
    lang: Lang,
    l: &Layout,
    names: &[String; 5],
    mut row: u32,
) -> Result<u32, XlsxError> {
    let t = |m| tr(lang, m);
    row = heading(ws, row, t(Msg::Ranking))?;
    let head = styles::cell(Role::Head, Kind::Centre);
    let labels = [
        Msg::Rank,
        Msg::WbSchool,
        Msg::WbClusterTotal,
        Msg::WbSelfTotal,
    ];
    for (col, m) in (0u16..).zip(labels) {
        ws.write_string_with_format(row, col, t(m), &head)?;
    }
    let texts: Vec<(&str, f64)> = labels.iter().zip(WIDTHS).map(|(m, w)| (t(*m), w)).collect();
    page::fit(ws, row, &texts)?;
    row += 1;
    let sheet = |tab: Tab| quote_sheet_name(names.get(tab as usize).map_or("", String::as_str));
    let mut order: Vec<usize> = (0..r.schools.len()).collect();
    order.sort_by_key(|i| r.ranks.get(*i).map_or(usize::MAX, |(n, _)| *n));
    let centre = styles::cell(Role::Body, Kind::Centre);
    let num = styles::cell(Role::Body, Kind::Number);
    for i in order {
        let (rank, tied) = r.ranks.get(i).copied().unwrap_or((0, false));
        ws.write_string_with_format(row, 0, rank_text(rank, tied), &centre)?;
        let name = r
            .school_names
            .get(i)
            .or(r.schools.get(i))
            .map_or("", String::as_str);
        ws.write_string_with_format(row, 1, name, &styles::cell(Role::Body, Kind::Text))?;
        page::fit(ws, row, &[(name, WIDTHS[1])])?;
        let col = school_col(i);
        let cell = format!("{}{}", column_number_to_name(col), l.total + 1);
        let (own, cluster) = r
            .totals
            .get(i)
            .map_or((0.0, 0.0), |(s, c)| (s.total.as_f64(), c.total.as_f64()));
        for (c, tab, v) in [(2, Tab::Cluster, cluster), (3, Tab::SelfScore, own)] {
            let f = format!("={}!{cell}", sheet(tab));
            ws.write_formula_with_format(row, c, Formula::new(f).set_result(v.to_string()), &num)?;
        }
        row += 1;
    }
    Ok(row + 1)
}

/// Writes the outcomes into a new sheet.
pub(super) fn write(
    ws: &mut Worksheet,
    r: &SheetReport,
    lang: Lang,
    l: &Layout,
    names: &[String; 5],
) -> Result<(), XlsxError> {
    let t = |m| tr(lang, m);
    let (mut row, repeat) = page::start(
        ws,
        r,
        lang,
        names,
        Tab::Outcomes,
        LAST,
        Msg::WbTitleOutcomes,
    )?;

    row = heading(ws, row, t(Msg::WbConference))?;
    let (date, place, chairs) = r
        .meeting
        .as_ref()
        .map(|(d, p, c)| (d.clone(), p.clone(), c.join("; ")))
        .unwrap_or_default();
    row = facts(
        ws,
        row,
        &[
            (t(Msg::Date), &date),
            (t(Msg::Place), &place),
            (t(Msg::Chairs), &chairs),
        ],
    )?;

    row = ranking(ws, r, lang, l, names, row)?;

    row = heading(ws, row, t(Msg::Outcomes))?;
    if r.awards.is_empty() {
        ws.write_string_with_format(row, 0, t(Msg::WbNoAwards), &styles::text())?;
        row += 2;
    } else {
        let head = styles::cell(Role::Head, Kind::Centre);
        ws.write_string_with_format(row, 0, t(Msg::WbAward), &head)?;
        ws.merge_range(row, 1, row, 2, t(Msg::WbSchool), &head)?;
        ws.write_string_with_format(row, 3, t(Msg::Status), &head)?;
        row += 1;
        let text = styles::cell(Role::Body, Kind::Text);
        for (kind, school, status) in &r.awards {
            ws.write_string_with_format(row, 0, kind, &text)?;
            ws.merge_range(row, 1, row, 2, school, &text)?;
            ws.write_string_with_format(row, 3, status, &styles::cell(Role::Body, Kind::Centre))?;
            let school_w = WIDTHS[1] + WIDTHS[2];
            page::fit(
                ws,
                row,
                &[(kind, WIDTHS[0]), (school, school_w), (status, WIDTHS[3])],
            )?;
            row += 1;
        }
        row += 1;
    }

    let next = trf(lang, Msg::WbNextLeadership, &[&(r.year + 1)]);
    row = heading(ws, row, &next)?;
    let head = r.next_head.clone().unwrap_or_default();
    let mut leaders: Vec<(&str, &str)> = vec![(t(Msg::Head), &head)];
    if r.next_deputies.is_empty() {
        // Usually two deputies: two lines to fill in.
        leaders.extend([(t(Msg::Deputies), ""), (t(Msg::Deputies), "")]);
    }
    leaders.extend(
        r.next_deputies
            .iter()
            .map(|d| (t(Msg::Deputies), d.as_str())),
    );
    row = facts(ws, row, &leaders)?;

    if !r.amendments.is_empty() {
        row = heading(ws, row, t(Msg::Amendments))?;
        for a in &r.amendments {
            page::across(ws, row, LAST, a, &styles::text())?;
            page::fit(ws, row, &[(a, ACROSS)])?;
            row += 1;
        }
        row += 1;
    }
    let locked = match &r.locked {
        Some(by) => format!("{}: {by}", t(Msg::Locked)),
        None => t(Msg::WbNotLocked).to_string(),
    };
    page::across(ws, row, LAST, &locked, &styles::note())?;
    page::across(ws, row + 1, LAST, &audit_line(r, lang), &styles::note())?;

    for (col, w) in (0u16..).zip(WIDTHS) {
        ws.set_column_width(col, w)?;
    }
    page::setup(ws, r, lang, repeat)
}
