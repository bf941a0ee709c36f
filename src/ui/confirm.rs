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
    let mut keys = vec![
        Span::styled(format!("{} ", keys_of(Action::Yes)), c.theme.key),
        Span::styled(c.t(Msg::ActYes), c.theme.base),
        Span::styled(format!("   {} ", keys_of(Action::No)), c.theme.key),
        Span::styled(c.t(Msg::ActNo), c.theme.base),
    ];
    let block = widgets::block(c, c.t(Msg::CtxConfirm).to_string(), true);
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    // The question above, the keys on the last row: a question longer
    // than the box (an import's changes) scrolls, and its keys stay seen.
    let text_rows = inner.height.saturating_sub(2);
    let longer = q.question.lines().count() > usize::from(text_rows);
    if longer {
        keys.push(Span::styled(
            format!("   {}", c.t(Msg::ConfirmScroll)),
            c.theme.key,
        ));
    }
    let lines: Vec<Line> = q
        .question
        .lines()
        .map(|l| Line::from(l.to_string()))
        .collect();
    let scroll = u16::try_from(q.scroll).unwrap_or(u16::MAX);
    let text = Rect {
        height: text_rows,
        ..inner
    };
    let para = Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .scroll((scroll, 0));
    f.render_widget(para, text);
    let keys_row = Rect {
        y: inner.y + inner.height.saturating_sub(1),
        height: inner.height.min(1),
        ..inner
    };
    f.render_widget(Paragraph::new(Line::from(keys)), keys_row);
}
