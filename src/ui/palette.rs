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
    // Only the window of results that fits, moved along with the highlight.
    let room = usize::from(rect.height.saturating_sub(4)).max(1);
    let first = p.first_shown(room);
    for (i, h) in p.hits.iter().enumerate().skip(first).take(room) {
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
    let mut title = c.t(Msg::PaletteTitle).to_string();
    if p.hits.len() > room {
        // Which results are shown, when not all of them fit.
        let last = (first + room).min(p.hits.len());
        title = format!("{title} · {}–{last}/{}", first + 1, p.hits.len());
    }
    let b = widgets::block(c, title, true);
    let inner = b.inner(rect);
    f.render_widget(Paragraph::new(lines).block(b), rect);
    let x = p.input.caret_x(inner.x + 2, inner.width.saturating_sub(2));
    f.set_cursor_position((x, inner.y));
}
