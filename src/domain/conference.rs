//! The questions every part of the program asks about a cluster's year: its
//! year-end meeting, its ballots, its sheet, next year's term, the seats of
//! a ballot question. One answer each, so the outcome planner, the minutes
//! and the exports cannot disagree.

use super::*;

/// The year-end meeting of a cluster and year: a year-end review, else a
/// five-year review (which closes its year too); among several of one kind,
/// the earliest by date, then by id. Undated meetings come after dated ones.
pub fn year_end_meeting<'a, I>(
    meetings: I,
    cluster: ClusterId,
    year: u16,
) -> Option<(MeetingId, &'a Meeting)>
where
    I: IntoIterator<Item = (&'a MeetingId, &'a Meeting)>,
{
    meetings
        .into_iter()
        .filter(|(_, m)| m.cluster == Some(cluster) && m.year == Some(year))
        .filter_map(|(id, m)| {
            let rank = match m.kind {
                MeetingKind::YearEndReview => 0,
                MeetingKind::FiveYearReview => 1,
                _ => return None,
            };
            Some(((rank, m.date.is_none(), m.date, *id), (*id, m)))
        })
        .min_by_key(|(k, _)| *k)
        .map(|(_, v)| v)
}

/// The order ballots are shown and printed in: flag, certificates, head,
/// deputies, then any other question by name.
pub fn question_order(q: &Question) -> (u8, &str) {
    match q {
        Question::Flag => (0, ""),
        Question::Certificate => (1, ""),
        Question::Head => (2, ""),
        Question::Deputy => (3, ""),
        Question::Other(name) => (4, name.as_str()),
    }
}

/// The ballots of a cluster and year, in [`question_order`], then by id.
pub fn ballots_of<'a, I>(ballots: I, cluster: ClusterId, year: u16) -> Vec<(BallotId, &'a Ballot)>
where
    I: IntoIterator<Item = (&'a BallotId, &'a Ballot)>,
{
    let mut out: Vec<(BallotId, &Ballot)> = ballots
        .into_iter()
        .filter(|(_, b)| b.cluster == cluster && b.year == year)
        .map(|(id, b)| (*id, b))
        .collect();
    out.sort_by(|(ia, a), (ib, b)| {
        question_order(&a.question)
            .cmp(&question_order(&b.question))
            .then(ia.cmp(ib))
    });
    out
}

/// The ballot of one question in a cluster and year (the first by id if a
/// question was recorded twice).
pub fn ballot_of<'a, I>(
    ballots: I,
    cluster: ClusterId,
    year: u16,
    question: &Question,
) -> Option<(BallotId, &'a Ballot)>
where
    I: IntoIterator<Item = (&'a BallotId, &'a Ballot)>,
{
    ballots_of(ballots, cluster, year)
        .into_iter()
        .find(|(_, b)| b.question == *question)
}

/// The record of a cluster and year among records keyed by id: the first by
/// id, where the store keeps at most one (a sheet, a term).
fn one_of<'a, K: Copy + Ord + 'a, R: 'a>(
    records: impl IntoIterator<Item = (&'a K, &'a R)>,
    of: impl Fn(&R) -> bool,
) -> Option<(K, &'a R)> {
    records
        .into_iter()
        .filter(|(_, r)| of(r))
        .map(|(id, r)| (*id, r))
        .min_by_key(|(id, _)| *id)
}

/// The score sheet of a cluster and year (at most one; the store keeps it so).
pub fn sheet_of<'a, I>(
    sheets: I,
    cluster: ClusterId,
    year: u16,
) -> Option<(SheetId, &'a ScoreSheet)>
where
    I: IntoIterator<Item = (&'a SheetId, &'a ScoreSheet)>,
{
    one_of(sheets, |s: &ScoreSheet| {
        s.cluster == cluster && s.year == year
    })
}

/// The term of a cluster in a year (at most one; the store keeps it so).
pub fn term_of<'a, I>(terms: I, cluster: ClusterId, year: u16) -> Option<(TermId, &'a Term)>
where
    I: IntoIterator<Item = (&'a TermId, &'a Term)>,
{
    one_of(terms, |t: &Term| t.cluster == cluster && t.year == year)
}

/// The term elected at a year's conference: the next year's.
pub fn next_term<'a, I>(terms: I, cluster: ClusterId, year: u16) -> Option<(TermId, &'a Term)>
where
    I: IntoIterator<Item = (&'a TermId, &'a Term)>,
{
    term_of(terms, cluster, year.checked_add(1)?)
}

/// How many seats a question fills: the table's quota for the flag and the
/// certificates (1 and 2 when the table names none), one head, two
/// deputies; `None` for another question, which has no seat limit.
pub fn seats(table: Option<&CriteriaTable>, question: &Question) -> Option<u32> {
    let quota = |kind: AwardKind, default: u32| {
        table
            .and_then(|t| t.award_quotas.iter().find(|q| q.kind == kind))
            .map_or(default, |q| q.max)
    };
    match question {
        Question::Flag => Some(quota(AwardKind::AcademyFlag, 1)),
        Question::Certificate => Some(quota(AwardKind::AcademyCertificate, 2)),
        Question::Head => Some(1),
        Question::Deputy => Some(2),
        Question::Other(_) => None,
    }
}

/// A cluster's members in a year, else in the latest year before it, less
/// the schools that had merged or closed before the year began.
pub fn members_for_year(
    cluster: &Cluster,
    year: u16,
    schools: &std::collections::HashMap<SchoolId, School>,
) -> Vec<SchoolId> {
    cluster
        .memberships
        .iter()
        .filter(|m| m.year <= year)
        .max_by_key(|m| m.year)
        .map(|m| {
            m.schools
                .iter()
                .copied()
                .filter(|s| schools.get(s).is_none_or(|s| s.exists_in(year)))
                .collect()
        })
        .unwrap_or_default()
}

/// A cluster's terms, oldest first (by year, then id).
pub fn terms_of<'a, I>(terms: I, cluster: ClusterId) -> Vec<(TermId, &'a Term)>
where
    I: IntoIterator<Item = (&'a TermId, &'a Term)>,
{
    let mut v: Vec<(TermId, &Term)> = terms
        .into_iter()
        .filter(|(_, t)| t.cluster == cluster)
        .map(|(id, t)| (*id, t))
        .collect();
    v.sort_by_key(|(id, t)| (t.year, *id));
    v
}

/// The criteria table of a cluster's year: the cluster's own, else the
/// Academy-wide one (the first by id of each, as the store keeps one).
pub fn table_for<'a, I>(
    tables: I,
    cluster: ClusterId,
    year: u16,
) -> Option<(TableId, &'a CriteriaTable)>
where
    I: IntoIterator<Item = (&'a TableId, &'a CriteriaTable)> + Clone,
{
    one_of(tables.clone(), |t: &CriteriaTable| {
        t.cluster == Some(cluster) && t.year == year
    })
    .or_else(|| {
        one_of(tables, |t: &CriteriaTable| {
            t.cluster.is_none() && t.year == year
        })
    })
}

/// The schools a question's ballot offers: the year's members, and for next
/// year's head and deputies only those that still exist next year.
pub fn ballot_candidates(
    cluster: &Cluster,
    year: u16,
    question: &Question,
    schools: &std::collections::HashMap<SchoolId, School>,
) -> Vec<SchoolId> {
    let next_year = matches!(question, Question::Head | Question::Deputy);
    members_for_year(cluster, year, schools)
        .into_iter()
        .filter(|s| {
            !next_year
                || schools
                    .get(s)
                    .is_none_or(|x| x.exists_in(year.saturating_add(1)))
        })
        .collect()
}
