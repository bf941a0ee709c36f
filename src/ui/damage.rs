//! The damage banner: records that could not be read or do not match the
//! audit log, by tree and key, and what that means for changes. It stays
//! at the foot of the body for as long as the damage does.

use super::{Ctx, widgets};
use crate::explain::integrity::finding;
use crate::i18n::Msg;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// How many findings the banner names before "and N more".
const SHOWN: usize = 3;

/// Draws the banner over the foot of `body`, if anything is damaged.
pub fn draw(f: &mut Frame, body: Rect, c: &Ctx) {
    let damaged = &c.app.data.damaged;
    if damaged.is_empty() {
        return;
    }
    let lang = c.app.settings.lang;
    let mut lines: Vec<Line> = damaged
        .iter()
        .take(SHOWN)
        .map(|d| Line::styled(finding(lang, d), c.theme.error))
        .collect();
    if damaged.len() > SHOWN {
        let more = c
            .t(Msg::DamageMore)
            .replace("{n}", &(damaged.len() - SHOWN).to_string());
        lines.push(Line::styled(more, c.theme.error));
    }
    let what_now = if c.app.data.writes_refused {
        c.t(Msg::DamageWritesRefused)
    } else {
        c.t(Msg::RunCheck)
    };
    lines.push(Line::styled(what_now.to_string(), c.theme.base));
    let inner = usize::from(body.width.saturating_sub(2).max(1));
    let rows: usize = lines.iter().map(|l| l.width().div_ceil(inner).max(1)).sum();
    let height = u16::try_from(rows + 2).unwrap_or(u16::MAX).min(body.height);
    let rect = Rect {
        x: body.x,
        y: body.y + body.height - height,
        width: body.width,
        height,
    };
    let title = format!("{} ({})", c.t(Msg::DamagedRecords), damaged.len());
    f.render_widget(Clear, rect);
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(widgets::block(c, title, true)),
        rect,
    );
}
