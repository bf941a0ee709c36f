//! Pane 4, Bảng điểm: score sheets by cluster and year. The grid has the
//! criteria down and the member schools across, with the header row, the
//! criteria column and the totals frozen while it scrolls both ways. With
//! the grid focused it takes the whole width.

use super::{Ctx, widgets};
use crate::app::Focus;
use crate::app::SheetView;
use crate::domain::scoring;
use crate::domain::sheet_grid::SheetGrid;
use crate::domain::tally::{elected_marks, tally_seats};
use crate::domain::*;
use crate::i18n::Msg;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table};
use std::sync::Arc;

/// Width of one school column.
const COL: u16 = 10;
/// Width of the criteria column.
const FIRST: u16 = 16;

/// Draws the pane.
pub fn draw(f: &mut Frame, area: Rect, c: &Ctx) {
    let list = c.app.list();
    let grid_area = if c.app.focus == Focus::Detail {
        area
    } else {
        let [left, right] = widgets::split(area);
        let results = list
            .selected_id()
            .and_then(|id| c.app.data.sheets.get(&SheetId(id)))
            .and_then(|s| {
                c.app
                    .data
                    .tables
                    .get(&s.table)
                    .map(|t| ballot_lines(c, s, t))
            })
            .unwrap_or_default();
        let list_height = u16::try_from(list.visible.len() + 3)
            .unwrap_or(u16::MAX)
            .min(left.height / 2)
            .max(5);
        let [top, bottom] = ratatui::layout::Layout::vertical([
            Constraint::Length(list_height),
            Constraint::Min(0),
        ])
        .areas(left);
        widgets::list(
            f,
            top,
            c,
            list,
            &[Msg::FieldYear, Msg::KindCluster],
            &[Constraint::Length(6), Constraint::Min(8)],
        );
        if bottom.height > 2 {
            widgets::detail(
                f,
                bottom,
                c,
                c.t(Msg::Ballots).to_string(),
                results,
                widgets::Scroll::Offset(0),
            );
        }
        right
    };
    let Some((id, sheet)) = list.selected_id().and_then(|id| {
        c.app
            .data
            .sheets
            .get(&SheetId(id))
            .map(|s| (SheetId(id), s))
    }) else {
        widgets::empty_detail(f, grid_area, c);
        return;
    };
    let Some(table) = c.app.data.tables.get(&sheet.table) else {
        widgets::empty_detail(f, grid_area, c);
        return;
    };
    let Some(g) = shown_grid(c, id, sheet, table) else {
        widgets::empty_detail(f, grid_area, c);
        return;
    };
    grid(f, grid_area, c, sheet, &g);
}

/// The grid to draw: the snapshot's, worked out once for every session;
/// while a valid score is being typed, the sheet as it would be with it, so
/// totals and ranks follow the typing before it is committed.
fn shown_grid(
    c: &Ctx,
    id: SheetId,
    sheet: &ScoreSheet,
    table: &CriteriaTable,
) -> Option<Arc<SheetGrid>> {
    let app = c.app;
    let stored = app.data.sheet_grid(id)?;
    let (Some(input), Some((item, school))) = (&app.sheet_ui.edit, app.cursor_cell()) else {
        return Some(stored);
    };
    let Ok(v) = Points::parse(input.text()) else {
        return Some(stored);
    };
    let which = app.sheet_ui.view.which();
    if scoring::check_score(table, &item, v).is_err()
        || sheet.score(school, &item, which) == Some(v)
    {
        return Some(stored);
    }
    let mut typed = sheet.clone();
    typed.set_score(school, &item, which, Some(v));
    Some(Arc::new(SheetGrid::new(&typed, table)))
}

/// Draws the visible part of the grid: the rows and columns around the
/// cursor, with the totals and ranks the grid already holds.
fn grid(f: &mut Frame, area: Rect, c: &Ctx, sheet: &ScoreSheet, g: &SheetGrid) {
    let data = &c.app.data;
    let focused = c.app.focus == Focus::Detail;
    let view = c.app.sheet_ui.view;
    // The year and cluster first, so a narrow title still says which sheet;
    // the marks (practice, locked, amending) go on the bottom border.
    let title = format!(
        "{} · {} · {}",
        sheet.year,
        data.cluster_label(sheet.cluster),
        c.t(view.label())
    );
    let mut marks = Vec::new();
    if sheet.illustrative && !data.cluster_label(sheet.cluster).contains("ví dụ minh họa") {
        marks.push(Span::styled(
            format!(" {} ", c.t(Msg::Illustrative)),
            c.theme.illustrative,
        ));
    }
    if sheet.lock.is_some() {
        marks.push(Span::styled(
            format!(" {} ", c.t(Msg::Locked)),
            c.theme.error,
        ));
    }
    if let Some(r) = &c.app.sheet_ui.amending {
        marks.push(Span::styled(
            format!(" {}: {r} ", c.t(Msg::AmendOn)),
            c.theme.key,
        ));
    }
    let inner = area.inner(ratatui::layout::Margin::new(1, 1));
    let (cur_row, cur_col) = c.app.sheet_ui.cursor;
    // Columns that fit after the frozen criteria column; scroll to keep the cursor's.
    let fit_cols = usize::from(inner.width.saturating_sub(FIRST + 1) / (COL + 1)).max(1);
    let col_off = cur_col.saturating_sub(fit_cols - 1);
    let cols: Vec<(usize, SchoolId)> = g
        .schools
        .iter()
        .copied()
        .enumerate()
        .skip(col_off)
        .take(fit_cols)
        .collect();
    // Say which schools are shown when not all fit.
    let title = match (cols.first(), cols.last()) {
        (Some((a, _)), Some((b, _))) if cols.len() < g.schools.len() => {
            format!("{title} · {}–{}/{}", a + 1, b + 1, g.schools.len())
        }
        _ => title,
    };
    let b = widgets::block(c, title, focused).title_bottom(Line::from(marks));
    f.render_widget(b, area);
    // Rows that fit between the header and the two frozen total rows.
    let fit_rows = usize::from(inner.height.saturating_sub(3)).max(1);
    let row_off = cur_row.saturating_sub(fit_rows - 1);

    // Width the school columns leave goes to the criteria names.
    let cols_w = u16::try_from(cols.len())
        .unwrap_or(u16::MAX)
        .saturating_mul(COL + 1);
    let first = inner.width.saturating_sub(cols_w).max(FIRST);
    let mut header = vec![Cell::from(widgets::fit(
        c.t(Msg::Criterion),
        usize::from(first),
    ))];
    header.extend(
        cols.iter()
            .map(|(_, s)| Cell::from(widgets::fit(&data.school_short(*s), usize::from(COL)))),
    );
    let mut rows: Vec<Row> = Vec::new();
    let mut caret = None;
    for (ri, item) in g.rows.iter().enumerate().skip(row_off).take(fit_rows) {
        let prefix = match item.kind {
            ItemKind::Criterion => "",
            ItemKind::Bonus => "+",
            ItemKind::Penalty => "−",
        };
        let label = format!("{prefix}{} {}", item.code, item.name);
        let mut cells =
            vec![Cell::from(widgets::fit(&label, usize::from(first))).style(c.theme.dim)];
        for (pos, (ci, _)) in cols.iter().enumerate() {
            let (own, cluster) = g.cell(ri, *ci);
            let v = match view {
                SheetView::Cluster => cluster.map(|p| p.to_string()),
                SheetView::SelfScore => own.map(|p| p.to_string()),
                SheetView::Diff => match (own, cluster) {
                    (Some(a), Some(b)) if a == b => Some("0".to_string()),
                    (Some(a), Some(b)) => Some(format!("{:+}", (a - b).as_f64()).replace('.', ",")),
                    _ => None,
                },
            };
            let selected = focused && ri == cur_row && *ci == cur_col;
            let editing = selected && c.app.sheet_ui.edit.is_some();
            let (text, style) = if editing {
                let input = c.app.sheet_ui.edit.as_ref().map_or("", |i| i.text());
                // The cell's own column: after the criteria column as
                // drawn (`first`, wider than FIRST when room allows).
                let col = usize::from(first) + 1 + pos * (usize::from(COL) + 1);
                caret = Some((col, ri - row_off));
                (
                    format!("{input:<width$}", width = usize::from(COL)),
                    c.theme.key,
                )
            } else {
                match v {
                    Some(t) => (
                        format!("{t:>width$}", width = usize::from(COL)),
                        c.theme.base,
                    ),
                    None => (
                        format!("{:>width$}", "·", width = usize::from(COL)),
                        c.theme.empty,
                    ),
                }
            };
            let style = if selected && !editing {
                c.theme.selected
            } else {
                style
            };
            cells.push(Cell::from(text).style(style));
        }
        rows.push(Row::new(cells));
    }
    let mut total = vec![Cell::from(c.t(Msg::Total)).style(c.theme.heading)];
    let mut rank = vec![Cell::from(c.t(Msg::Rank)).style(c.theme.heading)];
    for (ci, _) in &cols {
        let r = g.standing(*ci);
        let shown = match view {
            SheetView::SelfScore => g.self_total(*ci).map(|t| t.to_string()),
            _ => r.map(|r| r.total.to_string()),
        };
        total.push(
            Cell::from(format!(
                "{:>width$}",
                shown.unwrap_or_default(),
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
    let mut widths = vec![Constraint::Length(first)];
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
    if let (Some((x, y)), Some(input)) = (caret, c.app.sheet_ui.edit.as_ref()) {
        let x = input.caret_x(inner.x + u16::try_from(x).unwrap_or(0), COL);
        let y = inner.y + 1 + u16::try_from(y).unwrap_or(0);
        f.set_cursor_position((x.min(inner.right().saturating_sub(1)), y));
    }
}

/// The ballot results of the selected sheet's cluster and year, one line per
/// question: who passes.
pub fn ballot_lines(c: &Ctx, sheet: &ScoreSheet, table: &CriteriaTable) -> Vec<Line<'static>> {
    let data = &c.app.data;
    let mut out = Vec::new();
    for (_, b) in data.ballots_of(sheet.cluster, sheet.year) {
        let q = crate::i18n::names::question(c.app.settings.lang, &b.question);
        out.push(Line::styled(
            format!("{q} ({}/{})", b.valid, b.issued),
            c.theme.heading,
        ));
        let seats = crate::domain::conference::seats(Some(table), &b.question);
        match tally_seats(b, &table.vote_rule, seats) {
            Ok(t) => {
                let marks = elected_marks(&t, seats);
                for (r, won) in t.results.iter().zip(marks) {
                    let style = if won { c.theme.ok } else { c.theme.dim };
                    let mark = if won { "✓" } else { " " };
                    out.push(Line::styled(
                        format!(
                            " {mark} {} {}",
                            widgets::fit(&data.school_short(r.candidate), 18),
                            r.votes
                        ),
                        style,
                    ));
                }
            }
            Err(e) => out.push(Line::styled(
                format!(
                    " {}",
                    crate::i18n::errors::tally(c.app.settings.lang, &e, &**data)
                ),
                c.theme.error,
            )),
        }
    }
    out
}
