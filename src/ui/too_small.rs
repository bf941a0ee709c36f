//! The screen shown when the terminal is smaller than 80×24.

use super::Ctx;
use crate::app::layout::MIN_SIZE;
use crate::i18n::Msg;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

/// Asks politely for a larger terminal, with the sizes.
pub fn draw(f: &mut Frame, area: Rect, c: &Ctx) {
    let lines = vec![
        Line::styled(c.t(Msg::EnlargeTerminal), c.theme.heading),
        Line::from(format!(
            "{}×{} → {} {}×{}",
            area.width,
            area.height,
            c.t(Msg::AtLeast),
            MIN_SIZE.0,
            MIN_SIZE.1
        )),
    ];
    let top = area.height.saturating_sub(2) / 2;
    let rect = Rect {
        y: area.y + top,
        height: area.height.saturating_sub(top),
        ..area
    };
    f.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true })
            .style(c.theme.base),
        rect,
    );
}
