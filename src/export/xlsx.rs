//! The sheet as an Excel workbook: the cluster's scores with totals and
//! ranks, the self-scores, and the ballots, one worksheet each.

use super::report::{SheetReport, audit_line, mark, rank_text};
use crate::i18n::{Lang, Msg, tr};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

/// The worksheet names.
pub const SCORES: &str = "Cum cham";
/// The self-score worksheet.
pub const SELF_SCORES: &str = "Tu cham";
/// The ballot worksheet.
pub const BALLOTS: &str = "Bo phieu";

fn grid(
    ws: &mut Worksheet,
    r: &SheetReport,
    lang: Lang,
    own: bool,
    bold: &Format,
) -> Result<(), XlsxError> {
    let t = |m| tr(lang, m);
    let mut row = 0u32;
    if r.illustrative {
        ws.write_string_with_format(row, 0, mark(lang), bold)?;
        row += 1;
    }
    let which = if own {
        t(Msg::SelfScore)
    } else {
        t(Msg::ClusterScore)
    };
    ws.write_string_with_format(
        row,
        0,
        format!(
            "{} · {} · {} ({which})",
            t(Msg::SheetTitle),
            r.cluster_label,
            r.year
        ),
        bold,
    )?;
    row += 1;
    ws.write_string_with_format(row, 0, t(Msg::Code), bold)?;
    ws.write_string_with_format(row, 1, t(Msg::Criterion), bold)?;
    ws.write_string_with_format(row, 2, t(Msg::Max), bold)?;
    for (i, s) in r.schools.iter().enumerate() {
        ws.write_string_with_format(row, col(i), s, bold)?;
    }
    row += 1;
    for item in &r.rows {
        ws.write_string(row, 0, &item.code)?;
        ws.write_string(row, 1, &item.name)?;
        ws.write_number(row, 2, item.max.as_f64())?;
        for (i, (s, c)) in item.cells.iter().enumerate() {
            if let Some(v) = if own { s } else { c } {
                ws.write_number(row, col(i), v.as_f64())?;
            }
        }
        row += 1;
    }
    ws.write_string_with_format(row, 1, t(Msg::Total), bold)?;
    for (i, (s, c)) in r.totals.iter().enumerate() {
        let v = if own { s.total } else { c.total };
        ws.write_number_with_format(row, col(i), v.as_f64(), bold)?;
    }
    if !own {
        row += 1;
        ws.write_string_with_format(row, 1, t(Msg::Rank), bold)?;
        for (i, (n, tied)) in r.ranks.iter().enumerate() {
            ws.write_string_with_format(row, col(i), rank_text(*n, *tied), bold)?;
        }
    }
    ws.set_column_width(1, 40)?;
    Ok(())
}

fn col(i: usize) -> u16 {
    u16::try_from(i + 3).unwrap_or(u16::MAX)
}

/// Writes the report as XLSX bytes.
pub fn write(r: &SheetReport, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let t = |m| tr(lang, m);
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    grid(wb.add_worksheet().set_name(SCORES)?, r, lang, false, &bold)?;
    grid(
        wb.add_worksheet().set_name(SELF_SCORES)?,
        r,
        lang,
        true,
        &bold,
    )?;
    let ws = wb.add_worksheet().set_name(BALLOTS)?;
    let mut row = 0u32;
    if r.illustrative {
        ws.write_string_with_format(row, 0, mark(lang), &bold)?;
        row += 1;
    }
    for b in &r.ballots {
        ws.write_string_with_format(row, 0, &b.question, &bold)?;
        row += 1;
        let labels = [
            Msg::Issued,
            Msg::Valid,
            Msg::Invalid,
            Msg::Present,
            Msg::AllMembers,
        ];
        for (i, (label, n)) in labels.iter().zip(b.counts).enumerate() {
            let c = u16::try_from(i).unwrap_or(0);
            ws.write_string(row, c, t(*label))?;
            ws.write_number(row + 1, c, f64::from(n))?;
        }
        row += 2;
        match &b.error {
            Some(e) => {
                ws.write_string(row, 0, e)?;
                row += 1;
            }
            None => {
                for (name, votes, passes) in &b.results {
                    ws.write_string(row, 0, name)?;
                    ws.write_number(row, 1, f64::from(*votes))?;
                    ws.write_string(row, 2, if *passes { t(Msg::Yes) } else { t(Msg::No) })?;
                    row += 1;
                }
            }
        }
        row += 1;
    }
    for (kind, school, status) in &r.awards {
        ws.write_string(row, 0, kind)?;
        ws.write_string(row, 1, school)?;
        ws.write_string(row, 2, status)?;
        row += 1;
    }
    if !r.amendments.is_empty() {
        row += 1;
        ws.write_string_with_format(row, 0, t(Msg::Amendments), &bold)?;
        row += 1;
        for a in &r.amendments {
            ws.write_string(row, 0, a)?;
            row += 1;
        }
    }
    ws.write_string(row + 1, 0, audit_line(r, lang))?;
    wb.save_to_buffer()
}
