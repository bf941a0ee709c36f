//! Biên bản kiểm phiếu: one per vote, each on its own page: the committee,
//! ballots issued, valid and invalid, votes and share per candidate, who
//! passed under the year's rule (quoted), the committee's signatures.

use super::facts::{Counted, DOTS, Facts};
use super::layout::{Sheet, Symbol, cell};
use super::package::TEXT_W;
use super::xml::{Align, Para, Run, Table};
use crate::i18n::{Msg, names};

/// The counts line and the results table of one ballot, with the rule
/// quoted; shared with the minutes.
pub(super) fn results(s: &mut Sheet<'_, '_>, c: &Counted<'_>) {
    let f = s.facts;
    let b = c.ballot;
    s.body(&f.f(
        Msg::PpBallotCounts,
        &[
            &b.issued,
            &b.valid,
            &b.invalid,
            &b.members_present,
            &b.members_total,
        ],
    ));
    let rule = f.table.map(|t| &t.vote_rule);
    match (&c.tally, rule) {
        (Ok(t), Some(rule)) => {
            s.body(&format!(
                "{}.",
                f.f(
                    Msg::PpRuleQuoted,
                    &[&names::vote_rule(f.lang, rule, c.seats)],
                )
            ));
            s.body(&f.f(Msg::PpNeeded, &[&t.needed]));
            let widths = vec![600, TEXT_W - 600 - 1300 - 1300 - 1600, 1300, 1300, 1600];
            let mut rows = vec![vec![
                cell(Align::Center, f.t(Msg::PpNo), true),
                cell(Align::Center, f.t(Msg::PpSchool), true),
                cell(Align::Center, f.t(Msg::PpCandidateVotes), true),
                cell(Align::Center, f.t(Msg::PpShare), true),
                cell(Align::Center, f.t(Msg::PpElected), true),
            ]];
            for (i, (r, won)) in t.results.iter().zip(&c.elected).enumerate() {
                let verdict = if *won {
                    Msg::PpPassed
                } else {
                    Msg::PpNotPassed
                };
                rows.push(vec![
                    cell(Align::Center, (i + 1).to_string(), false),
                    cell(Align::Left, f.school(r.candidate), false),
                    cell(Align::Center, r.votes.to_string(), false),
                    cell(Align::Center, f.share(r.votes, t.base), false),
                    cell(Align::Center, f.t(verdict), *won),
                ]);
            }
            s.table(&Table {
                widths,
                rows,
                borders: true,
                header_rows: 1,
                keep_rows: true,
            });
        }
        (Ok(_), None) => s.body(&f.f(Msg::PpRuleQuoted, &[&DOTS])),
        (Err(e), _) => s.body(&f.f(
            Msg::PpTallyRefused,
            &[&crate::i18n::errors::tally(f.lang, e, f.data)],
        )),
    }
}

/// The committee's lines: its head, then its members, dotted when unnamed.
pub(super) fn committee(s: &mut Sheet<'_, '_>) {
    let f = s.facts;
    let p = f.proceedings();
    s.p(
        Para::body().keep(),
        &[Run::new(format!("{}:", f.t(Msg::PpCommittee))).b()],
    );
    let head = p
        .counting_head
        .as_ref()
        .map_or_else(|| DOTS.to_string(), |x| f.person(x));
    s.item(&format!("{}: {head}", f.t(Msg::PpCommitteeHead)));
    let members = if p.counting_members.is_empty() {
        DOTS.to_string()
    } else {
        p.counting_members
            .iter()
            .map(|x| f.person(x))
            .collect::<Vec<_>>()
            .join("; ")
    };
    s.item(&format!("{}: {members}", f.t(Msg::PpCommitteeMembers)));
}

/// The ballot-count minutes of every vote of the year.
pub fn write(f: &Facts<'_>) -> String {
    let mut s = Sheet::new(f);
    let p = f.proceedings();
    let date = f.meeting.and_then(|m| m.date);
    if f.ballots.is_empty() {
        s.heading(&p.tally, "", Symbol::Minutes, None, false);
        s.title(f.t(Msg::PpTallyWord), &f.meeting_title());
        s.body(f.t(Msg::PpNoBallot));
    }
    for (i, c) in f.ballots.iter().enumerate() {
        let number = p.tally_number(&c.ballot.question).unwrap_or("");
        s.heading(&p.tally, number, Symbol::Minutes, None, i > 0);
        let question = names::question(f.lang, &c.ballot.question);
        s.title(
            f.t(Msg::PpTallyWord),
            &f.f(Msg::PpTallyOf, &[&question, &f.year]),
        );
        s.fact(
            f.t(Msg::PpStart),
            &format!("{}, {}", f.clock(p.start), f.day(date)),
        );
        s.fact(f.t(Msg::PpVenue), &super::minutes::venue(f));
        committee(&mut s);
        results(&mut s, c);
        let members: Vec<String> = p
            .counting_members
            .iter()
            .filter_map(|m| m.person.map(|id| f.data.person_name(id)))
            .collect();
        s.signatures(
            (f.t(Msg::PpCommitteeMemberSign), members),
            (
                f.t(Msg::PpCommitteeHeadSign),
                vec![f.name(p.counting_head.as_ref())],
            ),
        );
    }
    s.out
}
