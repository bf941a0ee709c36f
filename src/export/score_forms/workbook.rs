//! One school's score form as an Excel workbook: the heading, one row per
//! item with its group, maximum and step, and one column to fill, checked
//! by Excel's data validation; everything but that column protected; the
//! identity on a very hidden sheet.

use super::identity::Identity;
use super::layout::*;
use crate::domain::{CriteriaTable, Points};
use crate::i18n::{Lang, Msg, tr, trf};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, Format, FormatAlign, FormatBorder, Formula,
    Workbook, Worksheet, XlsxError,
};

/// What one form shows.
#[derive(Debug, Clone)]
pub struct FormContent<'a> {
    /// Who and what the form is for.
    pub identity: Identity,
    /// The cluster's label for the heading.
    pub cluster_label: String,
    /// The criteria table the sheet counts by.
    pub table: &'a CriteriaTable,
    /// The school's self-scores as stored, in the table's item order, so
    /// the form starts from what is recorded.
    pub scores: Vec<Option<Points>>,
    /// Practice data: the form says so.
    pub illustrative: bool,
}

/// The cell styles of a form.
struct Styles {
    title: Format,
    bold: Format,
    head: Format,
    text: Format,
    number: Format,
    fill: Format,
}

impl Styles {
    fn new() -> Styles {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            bold: Format::new().set_bold(),
            head: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_background_color(Color::RGB(0xD9D9D9)),
            text: cell.clone().set_text_wrap(),
            number: cell.clone(),
            // The one style left unlocked: the cells the school fills in.
            fill: cell
                .set_background_color(Color::RGB(0xFFF2CC))
                .set_unlocked(),
        }
    }
}

/// The group label of each item, in the table's item order.
fn group_labels(table: &CriteriaTable, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    for g in &table.groups {
        for _ in &g.criteria {
            out.push(format!("{}. {}", g.code, g.name));
        }
    }
    let bonus = trf(lang, Msg::SfBonus, &[&table.bonus_cap]);
    out.extend(table.bonus.iter().map(|_| bonus.clone()));
    let penalty = tr(lang, Msg::SfPenalty).to_string();
    out.extend(table.penalties.iter().map(|_| penalty.clone()));
    out
}

/// Excel's check of the cell a school types into: the range, and the step
/// through a custom formula (Excel allows one rule per cell, so a stepped
/// item's rule holds both).
fn validation(
    max: Points,
    step: Points,
    row: u32,
    lang: Lang,
) -> Result<DataValidation, XlsxError> {
    let (rule, message) = if step.0 > 0 {
        let c = address(row, COL_FILL);
        let formula = format!(
            "=AND(ISNUMBER({c}),{c}>=0,{c}<={max},ABS({c}*100-ROUND({c}*100,0))<0.000001,MOD(ROUND({c}*100,0),{step})=0)",
            max = max.as_f64(),
            step = step.0
        );
        (
            DataValidation::new().allow_custom(Formula::new(formula)),
            trf(lang, Msg::SfValidStep, &[&max, &step]),
        )
    } else {
        (
            DataValidation::new()
                .allow_decimal_number(DataValidationRule::Between(0.0, max.as_f64())),
            trf(lang, Msg::SfValidRange, &[&max]),
        )
    };
    rule.set_input_title(tr(lang, Msg::SfFill))?
        .set_input_message(message.clone())?
        .set_error_title(tr(lang, Msg::SfValidTitle))?
        .set_error_message(message)
}

fn heading(
    ws: &mut Worksheet,
    form: &FormContent<'_>,
    lang: Lang,
    s: &Styles,
) -> Result<(), XlsxError> {
    let id = &form.identity;
    ws.write_string_with_format(0, 0, trf(lang, Msg::SfTitle, &[&id.year]), &s.title)?;
    ws.write_string_with_format(1, 0, trf(lang, Msg::SfSchool, &[&id.school_name]), &s.bold)?;
    ws.write_string(2, 0, trf(lang, Msg::SfCluster, &[&form.cluster_label]))?;
    if form.illustrative {
        ws.write_string_with_format(3, 0, crate::export::report::mark(lang), &s.bold)?;
    }
    ws.write_string(4, 0, trf(lang, Msg::SfHowTo, &[&column(COL_FILL)]))?;
    let heads = [
        (COL_CODE, Msg::SfCode, 8.0),
        (COL_GROUP, Msg::SfGroup, 28.0),
        (COL_NAME, Msg::SfItem, 50.0),
        (COL_MAX, Msg::SfMax, 9.0),
        (COL_STEP, Msg::SfStep, 9.0),
        (COL_FILL, Msg::SfFill, 14.0),
    ];
    for (col, msg, width) in heads {
        ws.write_string_with_format(HEADER_ROW, col, tr(lang, msg), &s.head)?;
        ws.set_column_width(col, width)?;
    }
    Ok(())
}

fn items(
    ws: &mut Worksheet,
    form: &FormContent<'_>,
    lang: Lang,
    s: &Styles,
) -> Result<(), XlsxError> {
    let groups = group_labels(form.table, lang);
    for (i, (_, item)) in form.table.items().enumerate() {
        let row = FIRST_ROW + u32::try_from(i).unwrap_or(u32::MAX - FIRST_ROW);
        ws.write_string_with_format(row, COL_CODE, &item.code, &s.text)?;
        let group = groups.get(i).map_or("", String::as_str);
        ws.write_string_with_format(row, COL_GROUP, group, &s.text)?;
        ws.write_string_with_format(row, COL_NAME, &item.name, &s.text)?;
        ws.write_number_with_format(row, COL_MAX, item.max.as_f64(), &s.number)?;
        ws.write_number_with_format(row, COL_STEP, item.step.as_f64(), &s.number)?;
        match form.scores.get(i).copied().flatten() {
            Some(v) => ws.write_number_with_format(row, COL_FILL, v.as_f64(), &s.fill)?,
            None => ws.write_blank(row, COL_FILL, &s.fill)?,
        };
        ws.add_data_validation(
            row,
            COL_FILL,
            row,
            COL_FILL,
            &validation(item.max, item.step, row, lang)?,
        )?;
    }
    Ok(())
}

/// The workbook's bytes.
pub fn write(form: &FormContent<'_>, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let styles = Styles::new();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(FORM_SHEET)?;
    heading(ws, form, lang, &styles)?;
    items(ws, form, lang, &styles)?;
    ws.set_freeze_panes(FIRST_ROW, 0)?;
    // Only the fill column's cells are unlocked.
    ws.protect();

    let id = wb.add_worksheet();
    id.set_name(ID_SHEET)?;
    for (row, (key, value)) in (0u32..).zip(form.identity.rows()) {
        id.write_string(row, 0, key)?;
        id.write_string(row, 1, value)?;
    }
    id.protect();
    id.set_very_hidden(true);
    wb.save_to_buffer()
}
