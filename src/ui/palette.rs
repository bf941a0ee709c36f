//! The palette: a search line and the results, over the body.

use super::{Ctx, widgets};
use crate::app::overlays::Palette;
use crate::i18n::Msg;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// Draws the open palette.
pub fn draw(f: &mut Frame, area: Rect, c: &Ctx, p: &Palette) {
    let rect = area;
    f.render_widget(Clear, rect);
    let mut lines = vec![
        Line::from(vec![
            Span::styled("> ", c.theme.key),
            Span::styled(p.input.text().to_string(), c.theme.base),
        ]),
        Line::from(""),
    ];
    for (i, h) in p.hits.iter().enumerate() {
        let kind = crate::i18n::names::kind(c.app.settings.lang, h.kind);
        let style = if i == p.selected {
            c.theme.selected
        } else {
            c.theme.base
        };
        let width = usize::from(rect.width.saturating_sub(12));
        lines.push(Line::styled(
            format!("{kind:<9}{}", widgets::fit(&h.title, width)),
            style,
        ));
    }
    if p.hits.is_empty() && !p.input.is_empty() {
        lines.push(Line::styled(c.t(Msg::NoMatch).to_string(), c.theme.dim));
    }
    let b = widgets::block(c, c.t(Msg::PaletteTitle).to_string(), true);
    let inner = b.inner(rect);
    f.render_widget(Paragraph::new(lines).block(b), rect);
    let x = p.input.caret_x(inner.x + 2, inner.width.saturating_sub(2));
    f.set_cursor_position((x, inner.y));
}
