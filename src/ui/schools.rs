//! Pane 1, Trường: the schools, and every name, membership, term, award and
//! merger of the selected one.

use super::{Ctx, widgets};
use crate::app::Focus;
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
        &[Msg::KindSchool],
        &[Constraint::Percentage(100)],
    );
    let list = c.app.list();
    let Some(id) = list.selected_id().map(SchoolId) else {
        widgets::empty_detail(f, right, c);
        return;
    };
    let Some(s) = c.app.data.schools.get(&id) else {
        return;
    };
    let (lines, selected_line) = lines(c, id, s);
    let scroll = widgets::scroll(c, selected_line);
    widgets::detail(f, right, c, s.name.clone(), lines, scroll);
}

/// The detail lines, and which line is the selected award.
pub fn lines(c: &Ctx, id: SchoolId, s: &School) -> (Vec<Line<'static>>, Option<usize>) {
    let data = &c.app.data;
    let mut out = Vec::new();
    if s.illustrative {
        out.push(widgets::illustrative(c));
    }
    let names: Vec<String> = s
        .honorifics
        .iter()
        .cloned()
        .chain(s.former_names.iter().map(|f| match f.until {
            Some(d) => format!("{} (→ {d})", f.name),
            None => f.name.clone(),
        }))
        .collect();
    if !names.is_empty() {
        out.push(widgets::field(c, Msg::Names, names.join("; ")));
    }
    out.push(widgets::field(c, Msg::Province, s.province.clone()));
    let status = match s.status() {
        SchoolStatus::Active => c.t(Msg::Active).to_string(),
        SchoolStatus::MergedInto(to, date) => format!(
            "{} {}{}",
            c.t(Msg::MergedInto),
            data.school_name(to),
            date.map(|d| format!(" {} {d}", c.t(Msg::Since)))
                .unwrap_or_default()
        ),
        SchoolStatus::Dissolved(date) => format!(
            "{}{}",
            c.t(Msg::Dissolved),
            date.map(|d| format!(" {d}")).unwrap_or_default()
        ),
    };
    out.push(widgets::field(c, Msg::Status, status));

    let mut preds: Vec<String> = data
        .schools
        .iter()
        .filter(|(_, o)| {
            o.lineage
                .iter()
                .any(|e| e.other == Some(id) && e.kind == LineageKind::MergedInto)
        })
        .map(|(_, o)| {
            let date = o
                .lineage
                .iter()
                .find(|e| e.other == Some(id))
                .and_then(|e| e.date);
            format!(
                "{}{}",
                o.name,
                date.map(|d| format!(" ({d})")).unwrap_or_default()
            )
        })
        .collect();
    preds.sort_by(|a, b| crate::text::compare(a, b));
    if !preds.is_empty() {
        out.push(Line::from(""));
        out.push(widgets::heading(c, Msg::Predecessors));
        out.extend(preds.into_iter().map(|p| widgets::item(p, c.theme.base)));
    }

    let mut member: Vec<(u16, String)> = data
        .clusters
        .values()
        .flat_map(|cl| {
            cl.memberships
                .iter()
                .filter(|m| m.schools.contains(&id))
                .map(move |m| (m.year, cl.label()))
        })
        .collect();
    member.sort();
    if !member.is_empty() {
        out.push(Line::from(""));
        out.push(widgets::heading(c, Msg::Memberships));
        out.extend(
            member
                .into_iter()
                .map(|(y, l)| widgets::item(format!("{y} · {l}"), c.theme.base)),
        );
    }

    let mut roles: Vec<(u16, String)> = Vec::new();
    for t in data.terms.values() {
        let label = data.cluster_label(t.cluster);
        if t.head == Some(id) {
            roles.push((t.year, format!("{} {label}", c.t(Msg::HeadIn))));
        }
        if t.deputies.contains(&id) {
            roles.push((t.year, format!("{} {label}", c.t(Msg::DeputyIn))));
        }
        if t.flag_holder == Some(id) {
            roles.push((t.year, format!("{} {label}", c.t(Msg::FlagHolderIn))));
        }
    }
    roles.sort();
    if !roles.is_empty() {
        out.push(Line::from(""));
        out.push(widgets::heading(c, Msg::Terms));
        out.extend(
            roles
                .into_iter()
                .map(|(y, r)| widgets::item(format!("{y} · {r}"), c.theme.base)),
        );
    }

    out.push(Line::from(""));
    out.push(widgets::heading(c, Msg::Awards));
    let awards = data.awards_of_school(id);
    let mut selected_line = None;
    if awards.is_empty() {
        out.push(widgets::item(c.t(Msg::NoneYet).to_string(), c.theme.dim));
    }
    for (i, (_, a)) in awards.iter().enumerate() {
        let status = match a.status {
            AwardStatus::Proposed => c.t(Msg::Proposed),
            AwardStatus::Decided => c.t(Msg::Decided),
        };
        let kind = crate::i18n::names::award(c.app.settings.lang, &a.kind);
        let selected = c.app.focus == Focus::Detail && c.app.detail_selected == i;
        if selected {
            selected_line = Some(out.len());
        }
        let style = if selected {
            c.theme.selected
        } else {
            c.theme.base
        };
        let decision = a
            .decision
            .as_ref()
            .map(|d| format!(" · {}", d.number))
            .unwrap_or_default();
        out.push(widgets::item(
            format!("{} · {kind} ({status}){decision}", a.year),
            style,
        ));
    }

    if !s.notes.is_empty() {
        out.push(Line::from(""));
        out.push(widgets::field(c, Msg::Notes, s.notes.clone()));
    }
    push_sources(c, &mut out, &s.sources);
    (out, selected_line)
}

/// Appends the sources section.
pub fn push_sources(c: &Ctx, out: &mut Vec<Line<'static>>, sources: &[Source]) {
    if sources.is_empty() {
        return;
    }
    out.push(Line::from(""));
    out.push(widgets::heading(c, Msg::Sources));
    for s in sources {
        let text = if s.note.is_empty() {
            s.doc.clone()
        } else {
            format!("{}: {}", s.doc, s.note)
        };
        out.push(widgets::item(text, c.theme.dim));
    }
}
