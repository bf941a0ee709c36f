//! Pane 5, Người: what the detail of a person shows.

use crate::app::widgets::{Ctx, detail as widgets};
use crate::domain::*;
use crate::i18n::Msg;
use ratatui::text::Line;

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
