//! Pane 5, Người: people, and the meetings they chaired or attended.

use super::{Ctx, widgets};
use crate::domain::*;
use crate::i18n::Msg;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;

/// Draws the pane.
pub fn draw(f: &mut Frame, area: Rect, c: &Ctx) {
    let right = widgets::list_pane(
        f,
        area,
        c,
        &[Msg::FieldName, Msg::Organisation],
        &[Constraint::Percentage(58), Constraint::Percentage(42)],
    );
    let list = c.app.list();
    let Some((id, p)) = list.selected_id().and_then(|id| {
        c.app
            .data
            .people
            .get(&PersonId(id))
            .map(|p| (PersonId(id), p))
    }) else {
        widgets::empty_detail(f, right, c);
        return;
    };
    widgets::detail(
        f,
        right,
        c,
        p.name.clone(),
        lines(c, id, p),
        widgets::Scroll::Offset(c.app.detail_scroll),
    );
}

/// The detail lines.
pub fn lines(c: &Ctx, id: PersonId, p: &Person) -> Vec<Line<'static>> {
    let data = &c.app.data;
    let mut out = Vec::new();
    if let Some(s) = p.school {
        out.push(widgets::field(c, Msg::FieldSchool, data.school_name(s)));
    }
    if !p.organisation.is_empty() {
        out.push(widgets::field(c, Msg::Organisation, p.organisation.clone()));
    }
    let mut took_part: Vec<(Option<Date>, String)> = Vec::new();
    for m in data.meetings.values() {
        for (role, list) in [(Msg::Chaired, &m.chairs), (Msg::Attended, &m.guests)] {
            for part in list.iter().filter(|x| x.person == Some(id)) {
                let date = m.date.map_or_else(|| "—".to_string(), |d| d.to_string());
                let title = if part.title.is_empty() {
                    String::new()
                } else {
                    format!(" · {}", part.title)
                };
                took_part.push((m.date, format!("{date} · {} {}{title}", c.t(role), m.title)));
            }
        }
    }
    took_part.sort();
    if !took_part.is_empty() {
        out.push(Line::from(""));
        out.push(widgets::heading(c, Msg::Participations));
        out.extend(
            took_part
                .into_iter()
                .map(|(_, t)| widgets::item(t, c.theme.base)),
        );
    }
    if !p.notes.is_empty() {
        out.push(Line::from(""));
        out.push(widgets::field(c, Msg::Notes, p.notes.clone()));
    }
    super::schools::push_sources(c, &mut out, &p.sources);
    out
}
