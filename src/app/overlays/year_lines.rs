//! What the Academy's year shows, as lines: every cluster's head and
//! deputies, meetings, sheet, proposals (marked ones ticked, the cursor's
//! highlighted) and decisions. Built here so the view only draws it.

use super::YearView;
use crate::app::widgets::{Ctx, detail as widgets};
use crate::domain::year::{Records, SheetStatus, academy_year};
use crate::domain::*;
use crate::i18n::{Msg, names, trf};
use ratatui::text::{Line, Span};

/// The lines, and which one holds the cursor.
pub fn lines(c: &Ctx, v: &YearView) -> (Vec<Line<'static>>, Option<usize>) {
    let data = &c.app.data;
    let lang = c.app.settings.lang;
    let rows = academy_year(
        &Records {
            clusters: &data.clusters,
            terms: &data.terms,
            awards: &data.awards,
            meetings: &data.meetings,
            sheets: &data.sheets,
        },
        v.year,
    );
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut cursor_line = None;
    let mut index = 0usize;
    let names_of = |ids: &[SchoolId]| -> String {
        if ids.is_empty() {
            "—".to_string()
        } else {
            ids.iter()
                .map(|s| data.school_short(*s))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    for row in rows {
        let label = data.cluster_label(row.cluster);
        if !out.is_empty() {
            out.push(Line::from(""));
        }
        if row.is_empty() {
            out.push(Line::from(vec![
                Span::styled(label, c.theme.heading),
                Span::styled(format!(" · {}", c.t(Msg::AyrNothing)), c.theme.dim),
            ]));
            continue;
        }
        let sheet = match row.sheet {
            SheetStatus::None => c.t(Msg::AyrSheetNone),
            SheetStatus::Open => c.t(Msg::AyrSheetOpen),
            SheetStatus::Locked => c.t(Msg::AyrSheetLocked),
        };
        out.push(Line::from(vec![
            Span::styled(label, c.theme.heading),
            Span::styled(format!(" · {}: {sheet}", c.t(Msg::AyrSheet)), c.theme.dim),
        ]));
        out.push(widgets::item(
            format!(
                "{}: {} · {}: {}",
                c.t(Msg::Head),
                names_of(&row.head.into_iter().collect::<Vec<_>>()),
                c.t(Msg::Deputies),
                names_of(&row.deputies)
            ),
            c.theme.base,
        ));
        if !row.meetings.is_empty() {
            let meetings: Vec<String> = row
                .meetings
                .iter()
                .filter_map(|id| data.meetings.get(id))
                .map(|m| {
                    let kind = names::meeting_short(lang, m.kind);
                    match m.date {
                        Some(d) => format!("{d} {kind}"),
                        None => kind.to_string(),
                    }
                })
                .collect();
            out.push(widgets::item(
                format!("{}: {}", c.t(Msg::AyrMeetings), meetings.join(", ")),
                c.theme.base,
            ));
        }
        for id in &row.proposals {
            let Some(a) = data.awards.get(id) else {
                continue;
            };
            let here = index == v.cursor;
            if here {
                cursor_line = Some(out.len());
            }
            index += 1;
            let mark = if v.marked.contains(id) { "[x]" } else { "[ ]" };
            let pointer = if here { "▸" } else { " " };
            let style = if here { c.theme.selected } else { c.theme.base };
            out.push(Line::styled(
                format!(
                    " {pointer} {mark} {} · {} ({})",
                    names::award(lang, &a.kind),
                    data.school_short(a.recipient),
                    c.t(Msg::Proposed)
                ),
                style,
            ));
        }
        for id in &row.decided {
            let Some(a) = data.awards.get(id) else {
                continue;
            };
            let decision = a
                .decision
                .as_ref()
                .map(|d| {
                    let date = d.date.map(|d| d.to_string()).unwrap_or_else(|| "—".into());
                    format!(" · {}", trf(lang, Msg::AyrDecisionOn, &[&d.number, &date]))
                })
                .unwrap_or_default();
            out.push(Line::styled(
                format!(
                    "     ✓ {} · {}{decision}",
                    names::award(lang, &a.kind),
                    data.school_short(a.recipient)
                ),
                c.theme.dim,
            ));
        }
    }
    (out, cursor_line)
}
