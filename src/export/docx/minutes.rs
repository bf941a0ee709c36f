//! Biên bản hội nghị tổng kết: the meeting's facts, the report adopted, the
//! score table, each ballot in its fixed order, the proposals, next year's
//! head and deputies, the rotating flag, amendments after the lock, the
//! audit head, the closing line and the signatures.

use super::facts::{DOTS, Facts, or_dots};
use super::layout::{Sheet, Symbol, cell, head_cells};
use super::package::TEXT_W;
use super::tally;
use super::xml::{Align, Para, Run, Table};
use crate::export::report::{SheetReport, audit_line, rank_text};
use crate::i18n::{Msg, names};

/// Where the meeting was: the host school and the place as recorded.
pub(super) fn venue(f: &Facts<'_>) -> String {
    let Some(m) = f.meeting else {
        return DOTS.to_string();
    };
    let host = m.host.map(|h| f.school(h));
    match (host, m.place.trim()) {
        (Some(h), "") => h,
        (Some(h), p) if crate::text::fold(&h).contains(&crate::text::fold(p)) => h,
        (Some(h), p) => format!("{h}, {p}"),
        (None, p) => or_dots(p),
    }
}

fn attendance(s: &mut Sheet<'_, '_>) {
    let f = s.facts;
    let p = f.proceedings();
    s.p(
        Para::body().keep(),
        &[Run::new(format!("{}:", f.t(Msg::PpAttendance))).b()],
    );
    let guests: Vec<String> = f
        .meeting
        .map(|m| m.guests.iter().map(|g| f.person(g)).collect())
        .unwrap_or_default();
    s.item(&format!(
        "{}: {}",
        f.t(Msg::PpGuests),
        if guests.is_empty() {
            DOTS.to_string()
        } else {
            guests.join("; ")
        }
    ));
    s.item(&format!("{}:", f.t(Msg::PpDelegations)));
    let members = crate::domain::conference::members_for_year(f.cluster, f.year, &f.data.schools);
    if members.is_empty() {
        s.p(Para::body(), &[Run::new(DOTS)]);
    }
    for m in members {
        let n = p
            .delegates_of(m)
            .map_or_else(|| super::facts::GAP.to_string(), |n| n.to_string());
        s.p(
            Para {
                left: 720,
                ..Para::body()
            },
            &[Run::new(format!(
                "+ {}",
                f.f(Msg::PpDelegates, &[&f.school(m), &n])
            ))],
        );
    }
}

fn people(f: &Facts<'_>, list: &[crate::domain::Participant]) -> String {
    if list.is_empty() {
        DOTS.to_string()
    } else {
        list.iter()
            .map(|x| f.person(x))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

fn scores(s: &mut Sheet<'_, '_>, r: &SheetReport) {
    let f = s.facts;
    let widths = vec![
        500,
        TEXT_W - 500 - 5 * 1000 - 900,
        1000,
        1000,
        1000,
        1000,
        1000,
        900,
    ];
    let head = [
        Msg::PpNo,
        Msg::PpSchool,
        Msg::PpSelfTotal,
        Msg::PpClusterCriteria,
        Msg::PpBonus,
        Msg::PpPenalty,
        Msg::PpTotal,
        Msg::PpRank,
    ];
    let mut rows = vec![head_cells(f, &head)];
    let mut order: Vec<usize> = (0..r.school_names.len()).collect();
    order.sort_by_key(|i| r.ranks.get(*i).map_or(usize::MAX, |(n, _)| *n));
    let mut capped = Vec::new();
    for (row, i) in order.iter().enumerate() {
        let (Some(name), Some((own, cluster)), Some((rank, tied))) =
            (r.school_names.get(*i), r.totals.get(*i), r.ranks.get(*i))
        else {
            continue;
        };
        let bonus = if cluster.bonus_raw > cluster.bonus {
            capped.push((name.clone(), cluster.bonus_raw, cluster.bonus));
            format!("{} (*)", cluster.bonus)
        } else {
            cluster.bonus.to_string()
        };
        rows.push(vec![
            cell(Align::Center, (row + 1).to_string(), false),
            cell(Align::Left, name.clone(), false),
            cell(Align::Center, own.total.to_string(), false),
            cell(Align::Center, cluster.criteria.to_string(), false),
            cell(Align::Center, bonus, false),
            cell(Align::Center, cluster.penalties.to_string(), false),
            cell(Align::Center, cluster.total.to_string(), true),
            cell(Align::Center, rank_text(*rank, *tied), true),
        ]);
    }
    s.table(&Table {
        widths,
        rows,
        borders: true,
        header_rows: 1,
        keep_rows: true,
    });
    if let Some(t) = f.table {
        s.p(
            Para::body().before_pt(6),
            &[Run::new(f.f(Msg::PpBonusCap, &[&t.bonus_cap])).i().pt(13)],
        );
    }
    for (name, raw, kept) in capped {
        s.p(
            Para::body(),
            &[Run::new(f.f(Msg::PpBonusCapped, &[&name, &raw, &kept]))
                .i()
                .pt(13)],
        );
    }
}

fn ballots(s: &mut Sheet<'_, '_>) {
    let f = s.facts;
    if f.ballots.is_empty() {
        s.body(f.t(Msg::PpNoBallot));
    }
    for (i, c) in f.ballots.iter().enumerate() {
        s.p(
            Para::body().keep().before_pt(6),
            &[Run::new(format!(
                "{}.{}. {}",
                3,
                i + 1,
                names::question(f.lang, &c.ballot.question)
            ))
            .b()
            .i()],
        );
        tally::results(s, c);
    }
}

fn outcomes(s: &mut Sheet<'_, '_>, r: &SheetReport) {
    let f = s.facts;
    s.section(4, f.t(Msg::PpProposals));
    if r.awards.is_empty() {
        s.item(DOTS);
    }
    for (kind, school, status) in &r.awards {
        s.item(&format!("{kind}: {school} ({status})"));
    }
    s.section(5, &f.f(Msg::PpNextLeaders, &[&(f.year + 1)]));
    s.next_leaders(r);
    s.section(6, f.t(Msg::PpFlag));
    let holder = |year: u16| {
        f.data
            .term_of(f.cluster_id, year)
            .and_then(|(_, t)| t.flag_holder.or(t.head))
            .map_or_else(|| DOTS.to_string(), |s| f.school(s))
    };
    s.item(&format!("{}: {}", f.t(Msg::PpFlagFrom), holder(f.year)));
    s.item(&format!("{}: {}", f.t(Msg::PpFlagTo), holder(f.year + 1)));
    let mut n = 7;
    if !r.amendments.is_empty() {
        s.section(n, f.t(Msg::PpAmendments));
        for a in &r.amendments {
            s.item(a);
        }
        n += 1;
    }
    s.section(n, f.t(Msg::PpAudit));
    // A hash cannot be justified: it is one long word.
    s.p(
        Para::body().flush(),
        &[Run::new(audit_line(r, f.lang)).pt(12)],
    );
}

/// The minutes of the year-end conference.
pub fn write(f: &Facts<'_>, r: &SheetReport) -> String {
    let mut s = Sheet::new(f);
    let p = f.proceedings();
    let date = f.meeting.and_then(|m| m.date);
    s.heading(&p.minutes, &p.minutes.number, Symbol::Minutes, None, false);
    s.title(f.t(Msg::PpMinutesWord), &f.meeting_title());
    s.fact(
        f.t(Msg::PpStart),
        &format!("{}, {}", f.clock(p.start), f.day(date)),
    );
    s.fact(f.t(Msg::PpVenue), &venue(f));
    attendance(&mut s);
    let chairs = f.meeting.map(|m| m.chairs.as_slice()).unwrap_or_default();
    s.fact(f.t(Msg::PpChair), &people(f, chairs));
    s.fact(f.t(Msg::PpSecretary), &people(f, &p.secretaries));
    tally::committee(&mut s);
    s.p(
        Para::center().before_pt(12).after_pt(6).keep(),
        &[Run::new(f.t(Msg::PpContent)).b()],
    );
    s.section(1, &f.f(Msg::PpReport, &[&f.year]));
    let decisions = f
        .meeting
        .map(|m| m.decisions.as_slice())
        .unwrap_or_default();
    if decisions.is_empty() {
        s.item(DOTS);
    }
    for d in decisions {
        s.item(d);
    }
    s.section(2, f.t(Msg::PpScores));
    scores(&mut s, r);
    s.section(3, f.t(Msg::PpVotes));
    ballots(&mut s);
    outcomes(&mut s, r);
    s.p(
        Para::body().before_pt(6),
        &[Run::new(
            f.f(Msg::PpClosing, &[&f.clock(p.end), &f.day(date)]),
        )],
    );
    let names = |list: &[crate::domain::Participant]| -> Vec<String> {
        list.iter()
            .filter_map(|x| x.person.map(|id| f.data.person_name(id)))
            .collect()
    };
    s.signatures(
        (f.t(Msg::PpSecretarySign), names(&p.secretaries)),
        (f.t(Msg::PpChairSign), names(chairs)),
    );
    s.recipients();
    s.out
}
