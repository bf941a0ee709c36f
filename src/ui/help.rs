//! The help overlay: the rows `app::overlays::help` generates from the
//! keymap table, scrolled.

use super::{Ctx, widgets};
use crate::app::overlays::{Help, HelpRow, help_rows};
use crate::i18n::Msg;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// The help lines: a heading per context, then `keys  action`.
pub fn lines(c: &Ctx) -> Vec<Line<'static>> {
    help_rows(&c.app.keymap)
        .into_iter()
        .map(|row| match row {
            HelpRow::Blank => Line::from(""),
            HelpRow::Heading(ctx) => Line::styled(
                c.t(super::labels::context(ctx)).to_string(),
                c.theme.heading,
            ),
            HelpRow::Keys(keys, msg) => Line::from(vec![
                Span::styled(format!("  {keys:<22}"), c.theme.key),
                Span::styled(c.t(msg).to_string(), c.theme.base),
            ]),
        })
        .collect()
}

/// Draws the overlay.
pub fn draw(f: &mut Frame, area: Rect, c: &Ctx, h: &Help) {
    f.render_widget(Clear, area);
    let para = Paragraph::new(lines(c))
        .block(widgets::block(c, c.t(Msg::HelpTitle).to_string(), true))
        .scroll((u16::try_from(h.scroll).unwrap_or(u16::MAX), 0));
    f.render_widget(para, area);
}
