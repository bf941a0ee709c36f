//! The outcomes of a year-end conference, planned from its records: the
//! Academy awards the ballots propose, and next year's head and deputies
//! (elected, else the rotation's suggestion). Pure: the app shows the plan
//! for confirmation and a command writes it.

use super::conference::{ballots_of, next_term, seats, terms_of, year_end_meeting};
use super::rotation::{Reason, eligible_heads, suggest_head};
use super::tally::{elected, tally};
use super::*;
use std::collections::HashMap;

/// What "create the outcomes" will write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomePlan {
    /// Award proposals to add (those not already recorded).
    pub awards: Vec<Award>,
    /// Next year's term, new or updated.
    pub term: Term,
    /// The existing term it replaces.
    pub term_id: Option<TermId>,
    /// That term as the plan saw it: if it has changed by the time the
    /// plan is confirmed, nothing is written.
    pub seen_term: Option<Term>,
    /// The head suggested by rotation when no ballot elected one, and why.
    pub suggested: Option<(SchoolId, Reason)>,
    /// Candidates tied at the last seat of a ballot: left for the
    /// conference to decide.
    pub ties: Vec<SchoolId>,
}

/// The records a plan is made from: one snapshot of them.
#[derive(Debug, Clone, Copy)]
pub struct Records<'a> {
    /// Every ballot.
    pub ballots: &'a HashMap<BallotId, Ballot>,
    /// Every meeting.
    pub meetings: &'a HashMap<MeetingId, Meeting>,
    /// Every award.
    pub awards: &'a HashMap<AwardId, Award>,
    /// Every term.
    pub terms: &'a HashMap<TermId, Term>,
    /// Every school.
    pub schools: &'a HashMap<SchoolId, School>,
}

/// Plans the outcomes of a sheet's cluster-year. `members` are the
/// year's members, in the order ties should keep (by name).
pub fn plan(
    r: Records<'_>,
    sheet: &ScoreSheet,
    table: &CriteriaTable,
    members: &[SchoolId],
) -> OutcomePlan {
    let (cluster, year) = (sheet.cluster, sheet.year);
    let ballots = ballots_of(r.ballots, cluster, year);
    let winners = |q: Question| -> (Vec<SchoolId>, Vec<SchoolId>) {
        let seats = seats(Some(table), &q).unwrap_or(0) as usize;
        ballots
            .iter()
            .find(|(_, b)| b.question == q)
            .and_then(|(_, b)| tally(b, &table.vote_rule).ok())
            .map(|t| elected(&t, seats))
            .unwrap_or_default()
    };
    let meeting = year_end_meeting(r.meetings, cluster, year).map(|(id, _)| id);
    let mut awards = Vec::new();
    let mut ties = Vec::new();
    for (q, kind) in [
        (Question::Flag, AwardKind::AcademyFlag),
        (Question::Certificate, AwardKind::AcademyCertificate),
    ] {
        let (won, tied) = winners(q);
        ties.extend(tied);
        for s in won {
            let exists = r.awards.values().any(|a| {
                a.year == year && a.recipient == s && a.kind == kind && a.cluster == Some(cluster)
            });
            if !exists {
                awards.push(Award {
                    kind: kind.clone(),
                    recipient: s,
                    year,
                    cluster: Some(cluster),
                    status: AwardStatus::Proposed,
                    proposed_at: meeting,
                    decision: None,
                    illustrative: sheet.illustrative,
                    sources: Vec::new(),
                });
            }
        }
    }
    let existing = next_term(r.terms, cluster, year).map(|(id, t)| (id, t.clone()));
    let mut term = existing
        .as_ref()
        .map_or_else(|| Term::new(cluster, year + 1), |(_, t)| t.clone());
    let (head, head_tie) = winners(Question::Head);
    ties.extend(head_tie);
    let mut suggested = None;
    match head.first() {
        Some(h) => term.head = Some(*h),
        None if term.head.is_none() => {
            let terms: Vec<Term> = terms_of(r.terms, cluster)
                .into_iter()
                .map(|(_, t)| t.clone())
                .collect();
            let heads = eligible_heads(members, r.schools, year + 1);
            if let Some((s, why)) = suggest_head(&heads, &terms, year + 1).first() {
                suggested = Some((s, why));
                term.head = Some(s);
            }
        }
        None => {}
    }
    let (deputies, dep_tie) = winners(Question::Deputy);
    ties.extend(dep_tie);
    if !deputies.is_empty() {
        term.deputies = deputies;
    }
    term.flag_holder = term.head;
    term.elected_at = term.elected_at.or(meeting);
    OutcomePlan {
        awards,
        term,
        term_id: existing.as_ref().map(|(id, _)| *id),
        seen_term: existing.map(|(_, t)| t),
        suggested,
        ties,
    }
}
