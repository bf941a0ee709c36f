//! The help overlay: every binding of the keymap table, by context. It is
//! generated from the same table the keys go through.

use super::{Ctx, labels, widgets};
use crate::app::Context;
use crate::i18n::Msg;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// The help lines: a heading per context, then `keys  action`.
pub fn lines(c: &Ctx) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for ctx in Context::ALL {
        let mut seen: Vec<(String, Msg)> = Vec::new();
        for b in c.app.keymap.bindings().iter().filter(|b| b.context == ctx) {
            let msg = labels::action(&b.action);
            match seen.iter_mut().find(|(_, m)| *m == msg) {
                Some((keys, _)) => keys.push_str(&format!(", {}", b.key)),
                None => seen.push((b.key.to_string(), msg)),
            }
        }
        if seen.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Line::from(""));
        }
        out.push(Line::styled(
            c.t(labels::context(ctx)).to_string(),
            c.theme.heading,
        ));
        for (keys, msg) in seen {
            out.push(Line::from(vec![
                Span::styled(format!("  {keys:<22}"), c.theme.key),
                Span::styled(c.t(msg).to_string(), c.theme.base),
            ]));
        }
    }
    out
}

/// Draws the overlay.
pub fn draw(f: &mut Frame, area: Rect, c: &Ctx) {
    let scroll = c.app.help.unwrap_or(0);
    let rect = area;
    f.render_widget(Clear, rect);
    let para = Paragraph::new(lines(c))
        .block(widgets::block(c, c.t(Msg::HelpTitle).to_string(), true))
        .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0));
    f.render_widget(para, rect);
}
