//! The lines around the body: pane tabs at the top; the status line and the
//! key bar at the bottom. The key bar comes from the keymap table.

use super::{Ctx, labels};
use crate::app::{Level, Pane, SaveState};
use crate::i18n::Msg;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// `1 Trường  2 Cụm & lịch sử  …`, the current pane highlighted.
pub fn tabs(f: &mut Frame, area: Rect, c: &Ctx) {
    let mut spans = Vec::new();
    for (i, p) in Pane::ALL.iter().enumerate() {
        let style = if *p == c.app.pane {
            c.theme.tab
        } else {
            c.theme.base
        };
        spans.push(Span::styled(
            format!(" {} {} ", i + 1, c.t(p.title())),
            style,
        ));
        spans.push(Span::styled(" ", c.theme.base));
    }
    f.render_widget(Paragraph::new(Line::from(spans)).style(c.theme.base), area);
}

/// The database, whether the last change is on disk, and the latest message.
fn status_line<'a>(c: &Ctx<'a>) -> Line<'a> {
    let app = c.app;
    let (state, style) = match app.save_state {
        SaveState::Clean => (c.t(Msg::SaveClean), c.theme.dim),
        SaveState::Saved => (c.t(Msg::Saved), c.theme.ok),
        SaveState::Failed => (c.t(Msg::SaveFailed), c.theme.error),
    };
    let mut spans = vec![Span::styled(
        format!(" {} ", app.settings.db_label),
        c.theme.dim,
    )];
    // Admin is everyone's role on a local terminal; any other is worth saying.
    if app.settings.role != crate::domain::access::Role::Admin {
        spans.push(Span::styled(
            format!("│ {} ", app.role_label()),
            c.theme.key,
        ));
    }
    // A fresh session's "nothing changed yet" gives way to a message, which
    // matters more in 80 columns; so does "save failed" to the error that
    // says why.
    let error_shown = matches!(app.message, Some((Level::Error, _)));
    let says_itself = app.save_state == SaveState::Failed && error_shown;
    if (app.save_state != SaveState::Clean || app.message.is_none()) && !says_itself {
        spans.push(Span::styled(format!("│ {state} "), style));
    }
    if let Some((level, text)) = &app.message {
        let style = if *level == Level::Error {
            c.theme.error
        } else {
            c.theme.base
        };
        spans.push(Span::styled(format!("│ {text}"), style));
    }
    Line::from(spans)
}

/// Whether the status line fits on one row of `width`; a longer one (a
/// refusal that says why and what to do) takes the key bar's row too, so it
/// is read whole rather than cut.
pub fn status_fits(c: &Ctx, width: u16) -> bool {
    status_line(c).width() <= usize::from(width)
}

/// Draws the status line, wrapped over the rows of `area`.
pub fn status(f: &mut Frame, area: Rect, c: &Ctx) {
    f.render_widget(
        Paragraph::new(status_line(c))
            .wrap(ratatui::widgets::Wrap { trim: false })
            .style(c.theme.base),
        area,
    );
}

/// The keys that matter now, from the keymap table.
pub fn keybar(f: &mut Frame, area: Rect, c: &Ctx) {
    let contexts = c.app.contexts();
    let mut spans = Vec::new();
    let mut seen = Vec::new();
    for b in c.app.keymap.bar(&contexts) {
        if seen.contains(&b.action) {
            continue;
        }
        seen.push(b.action.clone());
        spans.push(Span::styled(format!(" {}", b.key), c.theme.key));
        spans.push(Span::styled(
            format!(" {} ", c.t(labels::action(&b.action))),
            c.theme.base,
        ));
    }
    f.render_widget(Paragraph::new(Line::from(spans)).style(c.theme.base), area);
}
