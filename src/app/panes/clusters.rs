//! Pane 2, Cụm & lịch sử: what the detail of a cluster shows: its terms
//! and awards year by year, history at a glance, its members.

use crate::app::Focus;
use crate::app::widgets::{Ctx, detail as widgets};
use crate::domain::history::cluster_history;
use crate::domain::*;
use crate::i18n::Msg;
use ratatui::text::Line;

fn names(c: &Ctx, ids: &[SchoolId]) -> String {
    if ids.is_empty() {
        return "—".to_string();
    }
    ids.iter()
        .map(|s| c.app.data.school_short(*s))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The detail lines, and which line is the selected term.
pub fn lines(c: &Ctx, id: ClusterId, cl: &Cluster) -> (Vec<Line<'static>>, Option<usize>) {
    let data = &c.app.data;
    let mut out = Vec::new();
    if cl.illustrative {
        out.push(widgets::illustrative(c));
    }
    out.push(widgets::field(c, Msg::FieldRegion, cl.region.clone()));
    if !cl.aliases.is_empty() {
        out.push(widgets::field(c, Msg::Names, cl.aliases.join("; ")));
    }
    let terms: Vec<(TermId, &Term)> = data.terms_of(id);
    let term_list: Vec<Term> = terms.iter().map(|(_, t)| (*t).clone()).collect();
    out.push(Line::from(""));
    out.push(widgets::heading(c, Msg::Timeline));
    let awards: Vec<Award> = data
        .awards_of_cluster(id)
        .into_iter()
        .map(|(_, a)| a.clone())
        .collect();
    let mut selected_line = None;
    for row in cluster_history(&term_list, &awards) {
        let term_pos = terms.iter().position(|(_, t)| t.year == row.year);
        let selected = c.app.focus == Focus::Detail && term_pos == Some(c.app.detail().selected);
        if selected {
            selected_line = Some(out.len());
        }
        let style = if selected {
            c.theme.selected
        } else {
            c.theme.heading
        };
        out.push(Line::styled(format!("{}", row.year), style));
        out.push(widgets::item(
            format!(
                "{}: {}",
                c.t(Msg::Head),
                names(c, &row.head.into_iter().collect::<Vec<_>>())
            ),
            c.theme.base,
        ));
        out.push(widgets::item(
            format!("{}: {}", c.t(Msg::Deputies), names(c, &row.deputies)),
            c.theme.base,
        ));
        let mark = |m: &crate::domain::history::AwardMark| {
            let s = match m.status {
                AwardStatus::Proposed => c.t(Msg::Proposed),
                AwardStatus::Decided => c.t(Msg::Decided),
            };
            format!("{} ({s})", data.school_short(m.school))
        };
        if !row.flag.is_empty() {
            out.push(widgets::item(
                format!(
                    "{}: {}",
                    c.t(Msg::Flag),
                    row.flag.iter().map(mark).collect::<Vec<_>>().join(", ")
                ),
                c.theme.base,
            ));
        }
        if !row.certificates.is_empty() {
            out.push(widgets::item(
                format!(
                    "{}: {}",
                    c.t(Msg::Certificates),
                    row.certificates
                        .iter()
                        .map(mark)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                c.theme.base,
            ));
        }
        if let Some(h) = row.flag_holder {
            out.push(widgets::item(
                format!("{}: {}", c.t(Msg::FlagHolder), data.school_short(h)),
                c.theme.base,
            ));
        }
        if let Some((_, t)) = term_pos.and_then(|p| terms.get(p)) {
            if let Some(d) = &t.recognition {
                let date = d.date.map(|d| format!(" ({d})")).unwrap_or_default();
                out.push(widgets::item(
                    format!("{}: {}{date}", c.t(Msg::FieldDecisionNumber), d.number),
                    c.theme.base,
                ));
            }
            if !t.notes.is_empty() {
                out.push(widgets::item(t.notes.clone(), c.theme.dim));
            }
        }
    }
    if terms.is_empty() && awards.is_empty() {
        out.push(widgets::item(c.t(Msg::NoHistory).to_string(), c.theme.dim));
    }
    push_glance(c, &mut out, id, cl, &term_list);
    out.push(Line::from(""));
    out.push(widgets::heading(c, Msg::MembersByYear));
    if cl.memberships.is_empty() {
        out.push(widgets::item(c.t(Msg::NoneYet).to_string(), c.theme.dim));
    }
    for m in &cl.memberships {
        let count = m
            .stated_count
            .map(|n| format!(" · {n} {}", c.t(Msg::StatedCount)))
            .unwrap_or_default();
        let partial = if m.complete {
            String::new()
        } else {
            format!(" · {}", c.t(Msg::Partial))
        };
        out.push(Line::styled(
            format!("{}{count}{partial}", m.year),
            c.theme.base,
        ));
        if !m.schools.is_empty() {
            out.push(widgets::item(names(c, &m.schools), c.theme.base));
        }
    }
    if !cl.notes.is_empty() {
        out.push(Line::from(""));
        out.push(widgets::field(c, Msg::Notes, cl.notes.clone()));
    }
    super::schools::push_sources(c, &mut out, &cl.sources);
    (out, selected_line)
}

/// History at a glance: the head's seat year by year, each member's
/// years as head (a chart) and as deputy, the rotation's next candidates,
/// and where proposals waiting for a decision are decided.
fn push_glance(c: &Ctx, out: &mut Vec<Line<'static>>, id: ClusterId, cl: &Cluster, terms: &[Term]) {
    use crate::domain::rotation::Reason;
    let data = &c.app.data;
    let st =
        crate::domain::stats::cluster_stats(cl, terms, &data.schools, |s| data.school_short(s));
    out.push(Line::from(""));
    out.push(widgets::heading(c, Msg::AyrGlance));
    if !st.heads.is_empty() {
        let heads: Vec<String> = st
            .heads
            .iter()
            .map(|(y, s)| {
                let name = s.map_or_else(|| "—".to_string(), |s| data.school_short(s));
                format!("{y} {name}")
            })
            .collect();
        out.push(widgets::item(
            format!("{}: {}", c.t(Msg::AyrHeadsByYear), heads.join(" · ")),
            c.theme.base,
        ));
    }
    let width = crate::app::widgets::stats_chart::detail_width(c);
    out.extend(crate::app::widgets::stats_chart::cluster(c, &st, width));
    let deputies: Vec<String> = st
        .counts
        .iter()
        .filter(|n| n.deputy > 0)
        .map(|n| format!("{} {}", data.school_short(n.school), n.deputy))
        .collect();
    if !deputies.is_empty() {
        out.push(widgets::item(
            format!("{}: {}", c.t(Msg::Deputies), deputies.join(" · ")),
            c.theme.base,
        ));
    }
    if let Some(year) = st.next_year {
        let next: Vec<String> = st
            .next
            .iter()
            .take(3)
            .map(|(s, why)| match why {
                // Never head: the name alone; else the year it last was.
                Reason::NeverHead => data.school_short(*s),
                Reason::LastHead(y) => format!("{} ({y})", data.school_short(*s)),
            })
            .collect();
        out.push(widgets::item(
            format!(
                "{}: {}",
                crate::i18n::trf(c.app.settings.lang, Msg::AyrNext, &[&year]),
                if next.is_empty() {
                    "—".to_string()
                } else {
                    next.join(", ")
                }
            ),
            c.theme.base,
        ));
    }
    let waiting = data
        .awards_of_cluster(id)
        .iter()
        .any(|(_, a)| a.status == AwardStatus::Proposed);
    if waiting {
        out.push(widgets::item(c.t(Msg::AyrHint).to_string(), c.theme.key));
    }
}
