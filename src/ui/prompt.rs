//! A one-line question: the amendment's reason, the export's file name.

use super::{Ctx, centered, widgets};
use crate::app::overlays::Prompt;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

/// Draws the open prompt, with the caret at the answer's caret.
pub fn draw(f: &mut Frame, area: Rect, c: &Ctx, p: &Prompt) {
    let rect = centered(area, 72, 5);
    f.render_widget(Clear, rect);
    let b = widgets::block(c, c.t(p.title).to_string(), true);
    let inner = b.inner(rect);
    let mut lines = vec![Line::from(format!("> {}", p.input.text()))];
    if let Some(e) = &p.error {
        lines.push(Line::styled(format!("  ↳ {e}"), c.theme.error));
    }
    f.render_widget(Paragraph::new(lines).block(b), rect);
    let x = p.input.caret_x(inner.x + 2, inner.width.saturating_sub(2));
    f.set_cursor_position((x, inner.y));
}
