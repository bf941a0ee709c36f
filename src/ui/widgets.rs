//! Pieces the panes share: the list table, the detail text, headings.

use super::Ctx;
use crate::app::list::ListState;
use crate::app::{Focus, Mode, layout};
use crate::i18n::Msg;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, Wrap};

/// Splits the body into the list (left) and the detail (right).
pub fn split(area: Rect) -> [Rect; 2] {
    Layout::horizontal([
        Constraint::Length(layout::list_width(area.width)),
        Constraint::Min(1),
    ])
    .areas(area)
}

/// A bordered block, highlighted when it has the keyboard.
pub fn block<'a>(c: &Ctx, title: String, focused: bool) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            c.theme.border_focus
        } else {
            c.theme.border
        })
        .title(Span::styled(title, c.theme.heading))
        .style(c.theme.base)
}

/// Draws a pane's list: its title shows the filter being typed (or kept),
/// rows are the visible slice, the selection is highlighted.
pub fn list(
    f: &mut Frame,
    area: Rect,
    c: &Ctx,
    list: &ListState,
    header: &[Msg],
    widths: &[Constraint],
) {
    let app = c.app;
    let focused = app.focus == Focus::List && matches!(app.mode(), Mode::List | Mode::Filter);
    let mut title = format!("{} ({})", c.t(app.pane.title()), list.visible.len());
    if list.filtering || !list.filter.is_empty() {
        title = format!(
            "{} · {}: {}",
            title,
            c.t(Msg::FilterLabel),
            list.filter.text()
        );
    }
    let b = block(c, title, focused);
    let inner = b.inner(area);
    f.render_widget(b, area);
    let height = inner.height.saturating_sub(1) as usize;
    let rows: Vec<Row> = list
        .visible
        .iter()
        .enumerate()
        .skip(list.offset)
        .take(height)
        .filter_map(|(pos, i)| {
            let r = list.rows.get(*i)?;
            let style = if pos == list.selected {
                if focused {
                    c.theme.selected
                } else {
                    c.theme.selected_idle
                }
            } else if r.illustrative {
                c.theme.illustrative
            } else {
                c.theme.base
            };
            Some(Row::new(r.cells.clone()).style(style))
        })
        .collect();
    let head = Row::new(header.iter().map(|m| c.t(*m)).collect::<Vec<_>>()).style(c.theme.heading);
    f.render_widget(
        Table::new(rows, widths.to_vec())
            .header(head)
            .column_spacing(1),
        inner,
    );
    if list.filtering {
        // The caret sits in the title, after the filter text.
        let prefix = format!(
            "{} ({}) · {}: ",
            c.t(app.pane.title()),
            list.visible.len(),
            c.t(Msg::FilterLabel)
        );
        let x = area.x
            + 1
            + unicode_width::UnicodeWidthStr::width(prefix.as_str()) as u16
            + list.filter.caret_column() as u16;
        f.set_cursor_position((x.min(area.right().saturating_sub(2)), area.y));
    }
}

/// Draws detail lines in a bordered box, scrolled.
pub fn detail(
    f: &mut Frame,
    area: Rect,
    c: &Ctx,
    title: String,
    lines: Vec<Line<'static>>,
    scroll: usize,
) {
    let focused = c.app.focus == Focus::Detail && c.app.mode() == Mode::Detail;
    let para = Paragraph::new(lines)
        .block(block(c, title, focused))
        .wrap(Wrap { trim: false })
        .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0));
    f.render_widget(para, area);
}

/// A section heading line.
pub fn heading(c: &Ctx, msg: Msg) -> Line<'static> {
    Line::styled(c.t(msg).to_string(), c.theme.heading)
}

/// A `label: value` line.
pub fn field(c: &Ctx, label: Msg, value: String) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{}: ", c.t(label)), c.theme.dim),
        Span::styled(value, c.theme.base),
    ])
}

/// An indented line.
pub fn item(text: String, style: Style) -> Line<'static> {
    Line::styled(format!("  {text}"), style)
}

/// The mark on illustrative data.
pub fn illustrative(c: &Ctx) -> Line<'static> {
    Line::styled(
        format!("({})", c.t(Msg::Illustrative)),
        c.theme.illustrative,
    )
}
