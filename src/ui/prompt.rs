//! A one-line question: the amendment's reason, the export's file name.

use super::{Ctx, centered, widgets};
use crate::app::command::EXPORTS;
use crate::app::overlays::Prompt;
use crate::i18n::Msg;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

/// Draws the open prompt, with the caret at the answer's caret. An export
/// question lists what it can write under the answer, the chosen one marked.
pub fn draw(f: &mut Frame, area: Rect, c: &Ctx, p: &Prompt) {
    // The answer, the reason it was refused, the hint and the kinds, in
    // a frame with a line to spare.
    let lines = 1
        + u16::from(p.error.is_some())
        + p.export.as_ref().map_or(0, |_| 1 + EXPORTS.len() as u16);
    let rect = centered(area, 72, (lines + 3).max(5));
    f.render_widget(Clear, rect);
    let b = widgets::block(c, c.t(p.title).to_string(), true);
    let inner = b.inner(rect);
    let mut lines = vec![Line::from(format!("> {}", p.input.text()))];
    if let Some(e) = &p.error {
        lines.push(Line::styled(format!("  ↳ {e}"), c.theme.error));
    }
    if let Some((choice, _)) = &p.export {
        lines.push(Line::styled(
            format!("  {}", c.t(Msg::ExpChooseHint)),
            c.theme.dim,
        ));
        for (i, k) in EXPORTS.iter().enumerate() {
            let (mark, style) = if i == *choice {
                ("▸", c.theme.selected)
            } else {
                (" ", c.theme.base)
            };
            lines.push(Line::styled(
                format!(" {mark} {}", k.label(c.app.settings.lang)),
                style,
            ));
        }
    }
    f.render_widget(Paragraph::new(lines).block(b), rect);
    let x = p.input.caret_x(inner.x + 2, inner.width.saturating_sub(2));
    f.set_cursor_position((x, inner.y));
}
