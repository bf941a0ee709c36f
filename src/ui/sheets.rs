//! Pane 4, Bảng điểm: score sheets by cluster and year. The grid has the
//! criteria down and the member schools across, with the header row, the
//! criteria column and the totals frozen while it scrolls both ways. With
//! the grid focused it takes the whole width.

use super::{Ctx, widgets};
use crate::app::Focus;
use crate::domain::scoring;
use crate::domain::*;
use crate::i18n::Msg;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Row, Table};
use unicode_width::UnicodeWidthStr;

/// Width of one school column.
const COL: u16 = 8;
/// Width of the criteria column.
const FIRST: u16 = 16;

/// Draws the pane.
pub fn draw(f: &mut Frame, area: Rect, c: &Ctx) {
    let list = c.app.list();
    let grid_area = if c.app.focus == Focus::Detail {
        area
    } else {
        let [left, right] = widgets::split(area);
        widgets::list(
            f,
            left,
            c,
            list,
            &[Msg::FieldYear, Msg::KindCluster],
            &[Constraint::Length(6), Constraint::Min(8)],
        );
        right
    };
    let Some(sheet) = list
        .selected_id()
        .and_then(|id| c.app.data.sheets.get(&SheetId(id)))
    else {
        widgets::detail(
            f,
            grid_area,
            c,
            String::new(),
            vec![Line::from(c.t(Msg::NoneYet))],
            0,
        );
        return;
    };
    let Some(table) = c.app.data.tables.get(&sheet.table) else {
        widgets::detail(
            f,
            grid_area,
            c,
            String::new(),
            vec![Line::from(c.t(Msg::NoneYet))],
            0,
        );
        return;
    };
    grid(f, grid_area, c, sheet, table);
}

/// Cuts text to a display width, marking the cut with `…`.
pub fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    for ch in s.chars() {
        if out.width() + ch.to_string().width() + 1 > width {
            break;
        }
        out.push(ch);
    }
    out.push('…');
    out
}

fn grid(f: &mut Frame, area: Rect, c: &Ctx, sheet: &ScoreSheet, table: &CriteriaTable) {
    let data = &c.app.data;
    let focused = c.app.focus == Focus::Detail;
    let mut title = format!(
        "{} · {} · {}",
        c.t(Msg::KindSheet),
        data.cluster_label(sheet.cluster),
        sheet.year
    );
    if sheet.illustrative {
        title = format!("{title} ({})", c.t(Msg::Illustrative));
    }
    if sheet.lock.is_some() {
        title = format!("{title} · {}", c.t(Msg::Locked));
    }
    let b = widgets::block(c, title, focused);
    let inner = b.inner(area);
    f.render_widget(b, area);

    let items: Vec<(ItemKind, &Criterion)> = table.items().collect();
    let (cur_row, cur_col) = c.app.sheet_cursor;
    // Columns that fit after the frozen criteria column; scroll to keep the cursor's.
    let fit_cols = usize::from(inner.width.saturating_sub(FIRST + 1) / (COL + 1)).max(1);
    let col_off = cur_col.saturating_sub(fit_cols - 1);
    let cols: Vec<(usize, SchoolId)> = sheet
        .schools
        .iter()
        .copied()
        .enumerate()
        .skip(col_off)
        .take(fit_cols)
        .collect();
    // Rows that fit between the header and the two frozen total rows.
    let fit_rows = usize::from(inner.height.saturating_sub(3)).max(1);
    let row_off = cur_row.saturating_sub(fit_rows - 1);

    let ranking = scoring::rank(sheet, table);
    let mut header = vec![Cell::from(fit(c.t(Msg::Criterion), usize::from(FIRST)))];
    header.extend(
        cols.iter()
            .map(|(_, s)| Cell::from(fit(&data.school_short(*s), usize::from(COL)))),
    );
    let mut rows: Vec<Row> = Vec::new();
    for (ri, (kind, item)) in items.iter().enumerate().skip(row_off).take(fit_rows) {
        let prefix = match kind {
            ItemKind::Criterion => "",
            ItemKind::Bonus => "+",
            ItemKind::Penalty => "−",
        };
        let label = format!("{prefix}{} {}", item.code, item.name);
        let mut cells = vec![Cell::from(fit(&label, usize::from(FIRST))).style(c.theme.dim)];
        for (ci, school) in &cols {
            let v = sheet
                .cell(*school, &item.code)
                .and_then(|cell| cell.cluster_score);
            let selected = focused && ri == cur_row && *ci == cur_col;
            let (text, style) = match v {
                Some(p) => (
                    format!("{p:>width$}", width = usize::from(COL)),
                    c.theme.base,
                ),
                None => (
                    format!("{:>width$}", "·", width = usize::from(COL)),
                    c.theme.empty,
                ),
            };
            cells.push(Cell::from(text).style(if selected { c.theme.selected } else { style }));
        }
        rows.push(Row::new(cells));
    }
    let mut total = vec![Cell::from(c.t(Msg::Total)).style(c.theme.heading)];
    let mut rank = vec![Cell::from(c.t(Msg::Rank)).style(c.theme.heading)];
    for (_, school) in &cols {
        let r = ranking.iter().find(|r| r.totals.school == *school);
        total.push(
            Cell::from(format!(
                "{:>width$}",
                r.map_or(String::new(), |r| r.totals.total.to_string()),
                width = usize::from(COL)
            ))
            .style(c.theme.heading),
        );
        let mark = r.map_or(String::new(), |r| {
            if r.tied {
                format!("={}", r.rank)
            } else {
                r.rank.to_string()
            }
        });
        rank.push(
            Cell::from(format!("{mark:>width$}", width = usize::from(COL))).style(c.theme.heading),
        );
    }
    let mut widths = vec![Constraint::Length(FIRST)];
    widths.extend(cols.iter().map(|_| Constraint::Length(COL)));
    let body = Rect {
        height: inner.height.saturating_sub(2),
        ..inner
    };
    f.render_widget(
        Table::new(rows, widths.clone())
            .header(Row::new(header).style(c.theme.heading))
            .column_spacing(1),
        body,
    );
    let foot = Rect {
        y: inner.y + inner.height.saturating_sub(2),
        height: inner.height.min(2),
        ..inner
    };
    f.render_widget(
        Table::new(vec![Row::new(total), Row::new(rank)], widths).column_spacing(1),
        foot,
    );
}
