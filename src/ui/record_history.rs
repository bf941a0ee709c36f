//! The history of one record from the audit log: who, when, what, old → new.

use super::{Ctx, centered, widgets};
use crate::app::overlays::HistoryView;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

/// Draws the open history.
pub fn draw(f: &mut Frame, area: Rect, c: &Ctx, h: &HistoryView) {
    let rect = centered(area, area.width.saturating_sub(2), area.height);
    f.render_widget(Clear, rect);
    let lines: Vec<Line> = h
        .lines
        .iter()
        .map(|l| {
            let style = if l.starts_with('#') {
                c.theme.heading
            } else {
                c.theme.base
            };
            Line::styled(l.clone(), style)
        })
        .collect();
    let para = Paragraph::new(lines)
        .block(widgets::block(c, h.title.clone(), true))
        .scroll((u16::try_from(h.scroll).unwrap_or(u16::MAX), 0));
    f.render_widget(para, rect);
}
