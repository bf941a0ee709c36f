//! Pane 3, Hội nghị: what the detail of a meeting shows.

use crate::app::widgets::{Ctx, detail as widgets};
use crate::domain::*;
use crate::i18n::Msg;
use ratatui::text::Line;

fn participant(c: &Ctx, p: &Participant) -> String {
    let name = p.person.map(|id| c.app.data.person_name(id));
    let parts: Vec<&str> = [
        name.as_deref(),
        Some(p.title.as_str()),
        Some(p.organisation.as_str()),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .collect();
    parts.join(" · ")
}

/// The detail lines.
pub fn lines(c: &Ctx, m: &Meeting) -> Vec<Line<'static>> {
    let data = &c.app.data;
    let mut out = Vec::new();
    if m.illustrative {
        out.push(widgets::illustrative(c));
    }
    let kind = crate::i18n::names::meeting(c.app.settings.lang, m.kind);
    out.push(widgets::field(c, Msg::FieldKind, kind.to_string()));
    out.push(widgets::field(
        c,
        Msg::Date,
        m.date.map_or_else(|| "—".to_string(), |d| d.to_string()),
    ));
    if let Some(cl) = m.cluster {
        out.push(widgets::field(c, Msg::FieldCluster, data.cluster_label(cl)));
    }
    out.push(widgets::field(
        c,
        Msg::Host,
        m.host
            .map_or_else(|| "—".to_string(), |h| data.school_name(h)),
    ));
    if !m.place.is_empty() {
        out.push(widgets::field(c, Msg::Place, m.place.clone()));
    }
    if !m.topic.is_empty() {
        out.push(widgets::field(c, Msg::Topic, m.topic.clone()));
    }
    if let Some(n) = m.papers {
        out.push(widgets::field(c, Msg::FieldPapers, n.to_string()));
    }
    if let Some(n) = m.speeches {
        out.push(widgets::field(c, Msg::FieldSpeeches, n.to_string()));
    }
    for (msg, people) in [(Msg::Chairs, &m.chairs), (Msg::Guests, &m.guests)] {
        people_section(c, &mut out, msg, people.iter().collect());
    }
    let p = &m.proceedings;
    if p.start.is_some() || p.end.is_some() {
        let hour = |k: Option<Clock>| k.map_or_else(|| "…".to_string(), |k| k.to_string());
        out.push(Line::from(""));
        out.push(widgets::field(
            c,
            Msg::Hours,
            format!("{} – {}", hour(p.start), hour(p.end)),
        ));
    }
    let committee: Vec<&Participant> = p.counting_head.iter().chain(&p.counting_members).collect();
    for (msg, people) in [
        (Msg::PpSecretary, p.secretaries.iter().collect::<Vec<_>>()),
        (Msg::PpCommittee, committee),
    ] {
        people_section(c, &mut out, msg, people);
    }
    if !m.figures.is_empty() {
        out.push(Line::from(""));
        out.push(widgets::heading(c, Msg::Figures));
        out.extend(
            m.figures
                .iter()
                .map(|f| widgets::item(format!("{}: {}", f.label, f.value), c.theme.base)),
        );
    }
    if !m.decisions.is_empty() {
        out.push(Line::from(""));
        out.push(widgets::heading(c, Msg::Decisions));
        out.extend(
            m.decisions
                .iter()
                .map(|d| widgets::item(format!("• {d}"), c.theme.base)),
        );
    }
    if !m.notes.is_empty() {
        out.push(Line::from(""));
        out.push(widgets::field(c, Msg::Notes, m.notes.clone()));
    }
    super::schools::push_sources(c, &mut out, &m.sources);
    out
}

/// A heading and one line per person, after a blank line; nothing when
/// there is nobody.
fn people_section(c: &Ctx, out: &mut Vec<Line<'static>>, msg: Msg, people: Vec<&Participant>) {
    if people.is_empty() {
        return;
    }
    out.push(Line::from(""));
    out.push(widgets::heading(c, msg));
    out.extend(
        people
            .into_iter()
            .map(|x| widgets::item(participant(c, x), c.theme.base)),
    );
}
