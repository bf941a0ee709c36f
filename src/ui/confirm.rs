//! A yes/no question in a box.

use super::{Ctx, centered, widgets};
use crate::app::Confirm;
use crate::app::{Action, Context};
use crate::i18n::Msg;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// Draws the open question.
pub fn draw(f: &mut Frame, area: Rect, c: &Ctx, q: &Confirm) {
    let height = u16::try_from(q.question.lines().count() + 4).unwrap_or(u16::MAX);
    let rect = centered(area, 70, height);
    f.render_widget(Clear, rect);
    // The keys come from the keymap, so a rebinding shows here too; a
    // question over unsaved typing has keys of its own.
    let context = if q.over_typing() {
        Context::Unsaved
    } else {
        Context::Confirm
    };
    let keys_of = |a: Action| {
        c.app
            .keymap
            .bindings()
            .iter()
            .filter(|b| b.context == context && b.action == a)
            .map(|b| b.key.to_string())
            .collect::<Vec<_>>()
            .join("/")
    };
    let keys = Line::from(vec![
        Span::styled(format!("{} ", keys_of(Action::Yes)), c.theme.key),
        Span::styled(c.t(Msg::ActYes), c.theme.base),
        Span::styled(format!("   {} ", keys_of(Action::No)), c.theme.key),
        Span::styled(c.t(Msg::ActNo), c.theme.base),
    ]);
    let mut lines: Vec<Line> = q
        .question
        .lines()
        .map(|l| Line::from(l.to_string()))
        .collect();
    lines.push(Line::from(""));
    lines.push(keys);
    let para = Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .block(widgets::block(c, c.t(Msg::CtxConfirm).to_string(), true));
    f.render_widget(para, rect);
}
