//! A yes/no question in a box.

use super::{Ctx, centered, widgets};
use crate::i18n::Msg;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// Draws the open question.
pub fn draw(f: &mut Frame, area: Rect, c: &Ctx) {
    let Some(q) = &c.app.confirm else { return };
    let rect = centered(area, 60, 6);
    f.render_widget(Clear, rect);
    let keys = Line::from(vec![
        Span::styled("y/c/Enter ", c.theme.key),
        Span::styled(c.t(Msg::ActYes), c.theme.base),
        Span::styled("   n/k/Esc ", c.theme.key),
        Span::styled(c.t(Msg::ActNo), c.theme.base),
    ]);
    let para = Paragraph::new(vec![Line::from(q.question.clone()), Line::from(""), keys])
        .wrap(Wrap { trim: true })
        .block(widgets::block(c, c.t(Msg::CtxConfirm).to_string(), true));
    f.render_widget(para, rect);
}
