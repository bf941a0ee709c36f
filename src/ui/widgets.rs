//! Pieces the panes share: the list table, the detail text, headings.

use crate::app::list::ListState;
pub use crate::app::widgets::Ctx;
use crate::app::widgets::detail::wrapped_starts;
pub use crate::app::widgets::detail::{Scroll, scroll};
use crate::app::{Focus, Mode, layout};
use crate::i18n::Msg;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, Wrap};
use unicode_width::UnicodeWidthStr;

/// Splits the body into the list (left) and the detail (right).
pub fn split(area: Rect) -> [Rect; 2] {
    Layout::horizontal([
        Constraint::Length(layout::list_width(area.width)),
        Constraint::Min(1),
    ])
    .areas(area)
}

/// Cuts text to a display width, marking the cut with `…`.
pub fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    // Whole graphemes only: a letter keeps its marks, an emoji its modifier.
    let mut out = String::new();
    let mut used = 0;
    for g in unicode_segmentation::UnicodeSegmentation::graphemes(s, true) {
        let w = g.width();
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
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

/// Cuts each cell to its column's width, marking cuts with `…`.
fn fitted(cells: &[String], widths: &[u16]) -> Vec<String> {
    cells
        .iter()
        .enumerate()
        .map(|(i, s)| match widths.get(i) {
            Some(w) => fit(s, usize::from(*w)),
            None => s.clone(),
        })
        .collect()
}

/// Draws a pane's list: rows are the visible slice, the selection is
/// highlighted, cut cells end in `…`. The filter being typed (or kept) is
/// on the bottom border, where it has the list's whole width.
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
    let title = format!("{} ({})", c.t(app.pane.title()), list.visible.len());
    let room = usize::from(area.width.saturating_sub(2));
    let mut b = block(c, fit(&title, room), focused);
    if list.filtering || !list.filter.is_empty() {
        // A long filter shows its end, where the typing is.
        let text = list.filter.text();
        let shown = if text.chars().count() + 1 > room.saturating_sub(1) {
            let tail: Vec<char> = text.chars().rev().take(room.saturating_sub(3)).collect();
            format!("/…{}", tail.into_iter().rev().collect::<String>())
        } else {
            format!("/{text}")
        };
        b = b.title_bottom(Span::styled(shown, c.theme.key));
    }
    let inner = b.inner(area);
    f.render_widget(b, area);
    let height = usize::from(inner.height.saturating_sub(1));
    let col_widths: Vec<u16> = Layout::horizontal(widths.to_vec())
        .spacing(1)
        .split(inner)
        .iter()
        .map(|r| r.width)
        .collect();
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
            Some(Row::new(fitted(&r.cells, &col_widths)).style(style))
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
        let room = u16::try_from(room).unwrap_or(u16::MAX).saturating_sub(1);
        let x = list.filter.caret_x(area.x + 2, room);
        f.set_cursor_position((
            x.min(area.right().saturating_sub(2)),
            area.bottom().saturating_sub(1),
        ));
    }
}

/// Draws a pane's list on the left and returns the area for its detail.
pub fn list_pane(
    f: &mut Frame,
    area: Rect,
    c: &Ctx,
    header: &[Msg],
    widths: &[Constraint],
) -> Rect {
    let [left, right] = split(area);
    list(f, left, c, c.app.list(), header, widths);
    right
}

/// The detail shown when nothing is selected (an empty list).
pub fn empty_detail(f: &mut Frame, area: Rect, c: &Ctx) {
    detail(
        f,
        area,
        c,
        String::new(),
        vec![Line::from(c.t(Msg::NoneYet))],
        Scroll::Offset(0),
    );
}

/// Draws detail lines in a bordered box, scrolled, never past the end.
pub fn detail(
    f: &mut Frame,
    area: Rect,
    c: &Ctx,
    title: String,
    lines: Vec<Line<'static>>,
    scroll: Scroll,
) {
    let focused = c.app.focus == Focus::Detail && matches!(c.app.mode(), Mode::Detail | Mode::Grid);
    let b = block(
        c,
        fit(&title, usize::from(area.width.saturating_sub(2))),
        focused,
    );
    let inner = b.inner(area);
    let (starts, total) = wrapped_starts(&lines, inner.width);
    let rows = usize::from(inner.height).max(1);
    let top = match scroll {
        Scroll::Follow(line) => starts
            .get(line)
            .copied()
            .unwrap_or(0)
            .saturating_sub(rows / 3),
        Scroll::Offset(n) => n,
    }
    .min(total.saturating_sub(rows));
    let para = Paragraph::new(lines)
        .block(b)
        .wrap(Wrap { trim: false })
        .scroll((u16::try_from(top).unwrap_or(u16::MAX), 0));
    f.render_widget(para, area);
}
