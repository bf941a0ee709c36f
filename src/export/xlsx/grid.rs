//! The score grid, one sheet per view: the cluster's scores with ranks, the
//! self-scores, and their difference. Items down, schools across, the
//! maximum beside each item; group subtotals, the capped bonus, the
//! penalties and the total as formulas whose cached values are thidua's.

use super::layout::{FIRST_SCHOOL, Layout, Line, MAX_COL, school_col};
use super::styles::{self, Kind, Role};
use super::{Tab, page};
use crate::domain::Points;
use crate::domain::scoring::Totals;
use crate::export::report::{ItemRow, SheetReport, audit_line, rank_text};
use crate::i18n::{Lang, Msg, tr, trf};
use rust_xlsxwriter::utility::{column_number_to_name, quote_sheet_name};
use rust_xlsxwriter::{Formula, Worksheet, XlsxError};

/// Column widths, in characters: code, criterion, maximum, each school.
const WIDTHS: (f64, f64, f64, f64) = (7.0, 46.0, 8.0, 11.0);

/// Which numbers a grid sheet shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum View {
    /// The cluster's agreed scores; ranks below the total.
    Cluster,
    /// Each school's own scores.
    SelfScore,
    /// Self minus cluster, by reference to the other two sheets.
    Diff,
}

impl View {
    fn tab(self) -> Tab {
        match self {
            View::Cluster => Tab::Cluster,
            View::SelfScore => Tab::SelfScore,
            View::Diff => Tab::Diff,
        }
    }

    fn title(self) -> Msg {
        match self {
            View::Cluster => Msg::WbTitleCluster,
            View::SelfScore => Msg::WbTitleSelf,
            View::Diff => Msg::WbTitleDiff,
        }
    }
}

/// An A1 reference to a row (0-based) in a column.
fn a1(col: u16, row: u32) -> String {
    format!("{}{}", column_number_to_name(col), row + 1)
}

/// `A5:A9`, or `None` for no rows.
fn range(col: u16, rows: Option<(u32, u32)>) -> Option<String> {
    rows.map(|(a, b)| format!("{}:{}", a1(col, a), a1(col, b)))
}

/// The number Excel caches for a formula, with a decimal point whatever
/// the language.
fn cached(p: Points) -> String {
    p.as_f64().to_string()
}

/// A school's two scores on an item (self, cluster).
fn pair(item: &ItemRow, school: usize) -> (Option<Points>, Option<Points>) {
    item.cells.get(school).copied().unwrap_or((None, None))
}

/// The sum of the items of a group (the item lines after it).
fn group_sum(r: &SheetReport, lines: &[(u32, Line)], school: usize, own: bool) -> Points {
    lines
        .iter()
        .map_while(|(_, line)| match line {
            Line::Item(i) => Some(*i),
            _ => None,
        })
        .filter_map(|i| r.rows.get(i))
        .filter_map(|item| {
            let (s, c) = pair(item, school);
            if own { s } else { c }
        })
        .sum()
}

/// A school's summary value on a line under the self or the cluster score.
fn summary(r: &SheetReport, lines: &[(u32, Line)], at: usize, school: usize, own: bool) -> Points {
    let Some((_, line)) = lines.get(at) else {
        return Points(0);
    };
    let totals: Totals = r
        .totals
        .get(school)
        .map(|(s, c)| if own { s.clone() } else { c.clone() })
        .unwrap_or_default();
    match line {
        Line::Group { .. } => group_sum(r, lines.get(at + 1..).unwrap_or(&[]), school, own),
        Line::CriteriaSum(_) => totals.criteria,
        Line::Bonus(_) => totals.bonus,
        Line::Penalties(_) => totals.penalties,
        Line::Total => totals.total,
        // Items are not summaries; their cells are written as scores.
        Line::Item(_) => Points(0),
    }
}

/// The formula of a summary line in a column, on the self or cluster sheet.
fn summary_formula(l: &Layout, line: &Line, col: u16) -> Option<String> {
    let cap = format!("${}${}", column_number_to_name(MAX_COL), l.bonus + 1);
    Some(match line {
        Line::Group { items, .. } => format!("=SUBTOTAL(9,{})", range(col, *items)?),
        // SUBTOTAL skips the group subtotals inside the range.
        Line::CriteriaSum(rows) => format!("=SUBTOTAL(9,{})", range(col, *rows)?),
        Line::Bonus(items) => format!("=MIN(SUM({}),{cap})", range(col, *items)?),
        Line::Penalties(items) => format!("=SUM({})", range(col, *items)?),
        Line::Total => format!(
            "=ROUND({}+{}-{},2)",
            a1(col, l.criteria),
            a1(col, l.bonus),
            a1(col, l.penalties)
        ),
        Line::Item(_) => return None,
    })
}

/// The role and label of a line.
fn label(r: &SheetReport, lang: Lang, line: &Line) -> (Role, String, String) {
    let t = |m| tr(lang, m).to_string();
    match line {
        Line::Group { group, .. } => {
            let g = r.groups.get(*group);
            (
                Role::Group,
                g.map_or_else(String::new, |g| g.code.clone()),
                g.map_or_else(String::new, |g| g.name.clone()),
            )
        }
        Line::Item(i) => {
            let item = r.rows.get(*i);
            (
                Role::Body,
                item.map_or_else(String::new, |x| x.code.clone()),
                item.map_or_else(String::new, |x| x.name.clone()),
            )
        }
        Line::CriteriaSum(_) => (Role::Group, String::new(), t(Msg::WbCriteriaSum)),
        Line::Bonus(_) => (Role::Group, String::new(), t(Msg::WbBonusCounted)),
        Line::Penalties(_) => (Role::Group, String::new(), t(Msg::WbPenaltiesSum)),
        Line::Total => (Role::Total, String::new(), t(Msg::Total)),
    }
}

/// The maximum column of a line: the item's maximum, the groups' sums, the
/// bonus cap, and the highest total a school can reach.
fn write_max(
    ws: &mut Worksheet,
    r: &SheetReport,
    l: &Layout,
    at: usize,
    role: Role,
) -> Result<(), XlsxError> {
    let Some((row, line)) = l.lines.get(at) else {
        return Ok(());
    };
    let num = styles::cell(role, Kind::Number);
    let max_of = |lines: &[(u32, Line)]| -> Points {
        lines
            .iter()
            .filter_map(|(_, line)| match line {
                Line::Item(i) => r.rows.get(*i),
                _ => None,
            })
            .filter(|item| item.kind == crate::domain::ItemKind::Criterion)
            .map(|item| item.max)
            .sum()
    };
    let group_max = || {
        let rest = l.lines.get(at + 1..).unwrap_or(&[]);
        let n = rest
            .iter()
            .take_while(|(_, x)| matches!(x, Line::Item(_)))
            .count();
        max_of(rest.get(..n).unwrap_or(&[]))
    };
    let criteria_max = max_of(&l.lines);
    let (formula, value) = match line {
        Line::Item(i) => {
            let max = r.rows.get(*i).map_or(Points(0), |x| x.max);
            ws.write_number_with_format(*row, MAX_COL, max.as_f64(), &num)?;
            return Ok(());
        }
        Line::Bonus(_) => {
            ws.write_number_with_format(*row, MAX_COL, r.bonus_cap.as_f64(), &num)?;
            return Ok(());
        }
        Line::Penalties(_) => {
            ws.write_blank(*row, MAX_COL, &num)?;
            return Ok(());
        }
        Line::Total => (
            format!(
                "=ROUND({}+{},2)",
                a1(MAX_COL, l.criteria),
                a1(MAX_COL, l.bonus)
            ),
            criteria_max + r.bonus_cap,
        ),
        Line::Group { .. } => match summary_formula(l, line, MAX_COL) {
            Some(f) => (f, group_max()),
            None => (String::new(), Points(0)),
        },
        Line::CriteriaSum(_) => match summary_formula(l, line, MAX_COL) {
            Some(f) => (f, criteria_max),
            None => (String::new(), Points(0)),
        },
    };
    if formula.is_empty() {
        ws.write_number_with_format(*row, MAX_COL, value.as_f64(), &num)?;
    } else {
        ws.write_formula_with_format(
            *row,
            MAX_COL,
            Formula::new(formula).set_result(cached(value)),
            &num,
        )?;
    }
    Ok(())
}

/// One school's cell on a line.
#[allow(clippy::too_many_arguments)]
fn write_cell(
    ws: &mut Worksheet,
    r: &SheetReport,
    l: &Layout,
    at: usize,
    school: usize,
    view: View,
    role: Role,
    refs: (&str, &str),
) -> Result<(), XlsxError> {
    let Some((row, line)) = l.lines.get(at) else {
        return Ok(());
    };
    let col = school_col(school);
    let kind = if view == View::Diff {
        Kind::Diff
    } else {
        Kind::Number
    };
    let fmt = styles::cell(role, kind);
    let here = a1(col, *row);
    let diff = || format!("={}!{here}-{}!{here}", refs.0, refs.1);
    match (line, view) {
        (Line::Item(i), _) => {
            let (own, cluster) = r.rows.get(*i).map_or((None, None), |x| pair(x, school));
            match view {
                View::Cluster | View::SelfScore => {
                    match if view == View::Cluster { cluster } else { own } {
                        Some(v) => ws.write_number_with_format(*row, col, v.as_f64(), &fmt)?,
                        None => ws.write_blank(*row, col, &fmt)?,
                    };
                }
                View::Diff => match (own, cluster) {
                    (Some(a), Some(b)) => {
                        ws.write_formula_with_format(
                            *row,
                            col,
                            Formula::new(diff()).set_result(cached(a - b)),
                            &fmt,
                        )?;
                    }
                    _ => {
                        ws.write_blank(*row, col, &fmt)?;
                    }
                },
            }
        }
        (_, View::Diff) => {
            let v =
                summary(r, &l.lines, at, school, true) - summary(r, &l.lines, at, school, false);
            ws.write_formula_with_format(
                *row,
                col,
                Formula::new(diff()).set_result(cached(v)),
                &fmt,
            )?;
        }
        (_, _) => {
            let v = summary(r, &l.lines, at, school, view == View::SelfScore);
            match summary_formula(l, line, col) {
                Some(f) => ws.write_formula_with_format(
                    *row,
                    col,
                    Formula::new(f).set_result(cached(v)),
                    &fmt,
                )?,
                None => ws.write_number_with_format(*row, col, v.as_f64(), &fmt)?,
            };
        }
    }
    Ok(())
}

/// Writes one view of the grid into a new sheet.
pub(super) fn write(
    ws: &mut Worksheet,
    r: &SheetReport,
    lang: Lang,
    l: &Layout,
    view: View,
    names: &[String; 5],
) -> Result<(), XlsxError> {
    let name = |t: Tab| names.get(t as usize).cloned().unwrap_or_default();
    ws.set_name(name(view.tab()))?;
    let schools = u16::try_from(r.schools.len()).unwrap_or(u16::MAX - FIRST_SCHOOL);
    let last = FIRST_SCHOOL
        .saturating_add(schools)
        .saturating_sub(1)
        .max(MAX_COL);
    page::top(ws, r, lang, last, &trf(lang, view.title(), &[&r.year]))?;

    let head = styles::cell(Role::Head, Kind::Centre);
    ws.write_string_with_format(l.head, 0, tr(lang, Msg::Code), &head)?;
    ws.write_string_with_format(l.head, 1, tr(lang, Msg::Criterion), &head)?;
    ws.write_string_with_format(l.head, MAX_COL, tr(lang, Msg::Max), &head)?;
    for (i, s) in r.schools.iter().enumerate() {
        let col = school_col(i);
        ws.write_string_with_format(l.head, col, s, &head)?;
    }
    let heads: Vec<(&str, f64)> = r.schools.iter().map(|s| (s.as_str(), WIDTHS.3)).collect();
    page::fit(ws, l.head, &heads)?;

    let own = quote_sheet_name(&name(Tab::SelfScore));
    let cluster = quote_sheet_name(&name(Tab::Cluster));
    for (at, (row, line)) in l.lines.iter().enumerate() {
        let (role, code, text) = label(r, lang, line);
        ws.write_string_with_format(*row, 0, &code, &styles::cell(role, Kind::Centre))?;
        ws.write_string_with_format(*row, 1, &text, &styles::cell(role, Kind::Text))?;
        page::fit(ws, *row, &[(&code, WIDTHS.0), (&text, WIDTHS.1)])?;
        write_max(ws, r, l, at, role)?;
        for school in 0..r.schools.len() {
            write_cell(ws, r, l, at, school, view, role, (&own, &cluster))?;
        }
    }

    let mut row = l.after;
    if view == View::Cluster {
        let total = styles::cell(Role::Total, Kind::Centre);
        ws.write_blank(row, 0, &total)?;
        let label = styles::cell(Role::Total, Kind::Text);
        ws.write_string_with_format(row, 1, tr(lang, Msg::Rank), &label)?;
        page::fit(ws, row, &[])?;
        ws.write_blank(row, MAX_COL, &total)?;
        for (i, (n, tied)) in r.ranks.iter().enumerate() {
            let col = school_col(i);
            ws.write_string_with_format(row, col, rank_text(*n, *tied), &total)?;
        }
        row += 1;
    }
    // Two lines of notes under the table: how totals and ranks are made,
    // then whether the sheet is locked and the audit head it was read at.
    let mut rules = tr(lang, Msg::WbTotalRule).to_string();
    if view == View::Cluster {
        rules = format!("{rules} {}", tr(lang, Msg::WbRankRule));
    }
    let state = match &r.locked {
        Some(by) => format!("{}: {by}", tr(lang, Msg::Locked)),
        None => tr(lang, Msg::WbNotLocked).to_string(),
    };
    let notes = [rules, format!("{state} {}", audit_line(r, lang))];
    // Notes are smaller than body text: they fit more to a line.
    let across = WIDTHS.0 + WIDTHS.1 + WIDTHS.2 + WIDTHS.3 * f64::from(schools);
    for n in notes {
        page::across(ws, row, last, &n, &styles::note())?;
        page::fit_lines(ws, row, &[(&n, across * 1.3)], page::NOTE_LINE)?;
        row += 1;
    }

    ws.set_column_width(0, WIDTHS.0)?;
    ws.set_column_width(1, WIDTHS.1)?;
    ws.set_column_width(MAX_COL, WIDTHS.2)?;
    for i in 0..schools {
        ws.set_column_width(FIRST_SCHOOL.saturating_add(i), WIDTHS.3)?;
    }
    ws.set_freeze_panes(l.head + 1, FIRST_SCHOOL)?;
    page::setup(ws, r, lang, l.head)
}
