//! Pane 1, Trường: what the detail of a school shows: every name, membership,
//! term, award and merger of it, and what it inherited.

use crate::app::Focus;
use crate::app::widgets::{Ctx, detail as widgets};
use crate::domain::*;
use crate::i18n::Msg;
use ratatui::text::Line;

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
    push_glance(c, &mut out, id);
    push_inherited(c, &mut out, id);

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

    let roles = roles_of(c, id);
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
        let selected = c.app.focus == Focus::Detail && c.app.detail().selected == i;
        if selected {
            selected_line = Some(out.len());
        }
        let style = if selected {
            c.theme.selected
        } else {
            c.theme.base
        };
        out.push(widgets::item(
            format!("{} · {}", a.year, award_line(c, a)),
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

/// History at a glance: the counts of its years as head and deputy and of
/// its awards (its predecessors' marked inherited), the chart, and each
/// year's rank and total.
fn push_glance(c: &Ctx, out: &mut Vec<Line<'static>>, id: SchoolId) {
    let data = &c.app.data;
    let stats = crate::domain::stats::school_stats(
        &crate::domain::stats::Records {
            schools: &data.schools,
            terms: &data.terms,
            awards: &data.awards,
            sheets: &data.sheets,
            tables: &data.tables,
        },
        id,
    );
    if stats.years.is_empty() {
        return;
    }
    let lang = c.app.settings.lang;
    let count = |(own, inherited): (usize, usize)| {
        if inherited == 0 {
            own.to_string()
        } else {
            crate::i18n::trf(lang, Msg::AyrCountInherited, &[&own, &inherited])
        }
    };
    out.push(Line::from(""));
    out.push(widgets::heading(c, Msg::AyrGlance));
    out.push(widgets::item(
        format!(
            "{}: {} · {}: {} · {}: {}",
            c.t(Msg::Head),
            count(stats.head_years()),
            c.t(Msg::Deputies),
            count(stats.deputy_years()),
            c.t(Msg::Awards),
            count(stats.awards())
        ),
        c.theme.base,
    ));
    let width = crate::app::widgets::stats_chart::detail_width(c);
    out.extend(crate::app::widgets::stats_chart::school(c, &stats, width));
    for y in &stats.years {
        if let Some(s) = y.standing {
            let sheet = if s.locked {
                c.t(Msg::AyrSheetLocked)
            } else {
                c.t(Msg::AyrSheetOpen)
            };
            out.push(widgets::item(
                format!(
                    "{} · {} · {} ({sheet})",
                    y.year,
                    crate::i18n::trf(lang, Msg::AyrRankOf, &[&s.rank, &s.of]),
                    s.total
                ),
                c.theme.base,
            ));
        }
    }
}

/// A school's terms as head, deputy and flag holder: (year, role and cluster).
fn roles_of(c: &Ctx, id: SchoolId) -> Vec<(u16, String)> {
    let data = &c.app.data;
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
    roles
}

/// The schools merged into this one, through earlier mergers too, each
/// named with the date of its merger, in name order.
fn predecessors(c: &Ctx, id: SchoolId) -> Vec<(SchoolId, String)> {
    let data = &c.app.data;
    let mut out: Vec<(SchoolId, String)> = crate::domain::history::predecessors(id, &data.schools)
        .into_iter()
        .filter_map(|(pid, date)| {
            let p = data.schools.get(&pid)?;
            let date = date.map(|d| format!(" ({d})")).unwrap_or_default();
            Some((pid, format!("{}{date}", p.name)))
        })
        .collect();
    out.sort_by(|a, b| crate::text::compare(&a.1, &b.1));
    out
}

/// Appends "inherited from": each predecessor with its terms and awards, so
/// the successor's record carries the history it took over.
fn push_inherited(c: &Ctx, out: &mut Vec<Line<'static>>, id: SchoolId) {
    let preds = predecessors(c, id);
    if preds.is_empty() {
        return;
    }
    out.push(Line::from(""));
    out.push(widgets::heading(c, Msg::InheritedFrom));
    for (pid, name) in preds {
        out.push(widgets::item(name, c.theme.key));
        for (y, r) in roles_of(c, pid) {
            out.push(widgets::item(format!("  {y} · {r}"), c.theme.base));
        }
        for (_, a) in c.app.data.awards_of_school(pid) {
            out.push(widgets::item(
                format!("  {} · {}", a.year, award_line(c, a)),
                c.theme.base,
            ));
        }
    }
}

/// An award as the detail lists it: kind, status, decision number.
fn award_line(c: &Ctx, a: &Award) -> String {
    let status = match a.status {
        AwardStatus::Proposed => c.t(Msg::Proposed),
        AwardStatus::Decided => c.t(Msg::Decided),
    };
    let kind = crate::i18n::names::award(c.app.settings.lang, &a.kind);
    let decision = a
        .decision
        .as_ref()
        .map(|d| format!(" · {}", d.number))
        .unwrap_or_default();
    format!("{kind} ({status}){decision}")
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
