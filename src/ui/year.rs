//! The Academy's year over the panes, with the decision's two fields at
//! the bottom while one is typed.

use super::{Ctx, centered, widgets};
use crate::app::overlays::{YearView, year_lines};
use crate::i18n::{Msg, trf};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

/// Draws the open Academy's year; the cursor's line stays in view.
pub fn draw(f: &mut Frame, area: Rect, c: &Ctx, v: &YearView) {
    let rect = centered(area, area.width, area.height);
    f.render_widget(Clear, rect);
    let lang = c.app.settings.lang;
    let mut title = trf(lang, Msg::AyrViewTitle, &[&v.year]);
    if !v.marked.is_empty() {
        title = format!(
            "{title} · {}",
            trf(lang, Msg::AyrMarked, &[&v.marked.len()])
        );
    }
    let (lines, cursor) = year_lines::lines(c, v);
    let visible = usize::from(rect.height.saturating_sub(2)).max(1);
    let scroll = match cursor {
        Some(l) if l >= visible => l + visible / 3 + 1 - visible,
        _ => 0,
    };
    let para = Paragraph::new(lines)
        .block(widgets::block(c, title, true))
        .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0));
    f.render_widget(para, rect);
    if let Some(form) = &v.deciding {
        let h = 4 + u16::from(form.error.is_some());
        let box_ = Rect {
            x: rect.x + 2,
            y: rect.y + rect.height.saturating_sub(h + 1),
            width: rect.width.saturating_sub(4),
            height: h.min(rect.height),
        };
        f.render_widget(Clear, box_);
        let b = widgets::block(
            c,
            trf(lang, Msg::AyrDecideTitle, &[&form.awards.len()]),
            true,
        );
        let inner = b.inner(box_);
        let number_label = format!("{}: ", c.t(Msg::AyrNumber));
        let date_label = format!("{}: ", c.t(Msg::AyrDate));
        let pad = number_label.chars().count().max(date_label.chars().count());
        let field = |label: &str, text: &str, on: bool| {
            let style = if on { c.theme.selected } else { c.theme.base };
            Line::styled(format!("{label:<pad$}{text}"), style)
        };
        let mut body = vec![
            field(&number_label, form.number.text(), form.field == 0),
            field(&date_label, form.date.text(), form.field == 1),
        ];
        if let Some(e) = &form.error {
            body.push(Line::styled(format!("  ↳ {e}"), c.theme.error));
        }
        f.render_widget(Paragraph::new(body).block(b), box_);
        let input = if form.field == 0 {
            &form.number
        } else {
            &form.date
        };
        let room = inner.width.saturating_sub(pad as u16);
        let x = input.caret_x(inner.x + pad as u16, room);
        f.set_cursor_position((x, inner.y + form.field as u16));
    }
}
