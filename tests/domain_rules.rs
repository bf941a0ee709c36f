//! The conference's rules, as pure functions: totals with bonus caps and
//! penalties, score checks, every tie-break, ballot thresholds with each
//! base, inconsistent tallies, and the head-rotation suggestion.

use thidua::domain::rotation::{Reason, suggest_head};
use thidua::domain::scoring::{ScoreError, Which, check_score, rank, totals_of};
use thidua::domain::tally::{TallyError, elected, tally};
use thidua::domain::*;

fn item(code: &str, max: i64, step: i64) -> Criterion {
    Criterion {
        code: code.into(),
        name: code.into(),
        max: Points::whole(max),
        step: Points(step),
    }
}

fn table(tie_break: Vec<TieBreak>) -> CriteriaTable {
    CriteriaTable {
        year: 2024,
        cluster: None,
        title: String::new(),
        groups: vec![
            CriteriaGroup {
                code: "I".into(),
                name: "I".into(),
                criteria: vec![item("1.1", 10, 50), item("1.2", 10, 50)],
            },
            CriteriaGroup {
                code: "II".into(),
                name: "II".into(),
                criteria: vec![item("2.1", 10, 25)],
            },
        ],
        bonus: vec![item("T.1", 2, 50), item("T.2", 2, 50)],
        bonus_cap: Points::whole(3),
        penalties: vec![item("P.1", 5, 100)],
        tie_break,
        vote_rule: VoteRule::default(),
        award_quotas: Vec::new(),
        legal_basis: String::new(),
        self_scores_optional: false,
        illustrative: true,
        sources: Vec::new(),
    }
}

/// (item, cluster score, self score).
type Scores<'a> = &'a [(&'a str, f64, f64)];

/// A sheet from rows of (school, scores).
fn sheet(rows: &[(u64, Scores)]) -> ScoreSheet {
    let mut cells = Vec::new();
    for (school, items) in rows {
        for (code, cluster, own) in *items {
            cells.push(ScoreCell {
                school: SchoolId(*school),
                item: code.to_string(),
                self_score: Some(Points((own * 100.0).round() as i64)),
                cluster_score: Some(Points((cluster * 100.0).round() as i64)),
            });
        }
    }
    ScoreSheet {
        cluster: ClusterId(1),
        year: 2024,
        table: TableId(1),
        schools: rows.iter().map(|(s, _)| SchoolId(*s)).collect(),
        cells,
        lock: None,
        amendments: Vec::new(),
        illustrative: true,
    }
}

#[test]
fn totals_cap_the_bonus_and_subtract_penalties() {
    let t = table(vec![]);
    let s = sheet(&[(
        1,
        &[
            ("1.1", 9.5, 10.0),
            ("1.2", 8.0, 8.0),
            ("2.1", 7.25, 9.0),
            ("T.1", 2.0, 2.0),
            ("T.2", 2.0, 2.0),
            ("P.1", 1.0, 0.0),
        ],
    )]);
    let c = totals_of(&s, &t, SchoolId(1), Which::Cluster);
    assert_eq!(c.criteria, Points(2475));
    assert_eq!(c.bonus_raw, Points(400));
    assert_eq!(c.bonus, Points(300), "bonus capped at 3");
    assert_eq!(c.penalties, Points(100));
    assert_eq!(c.total, Points(2475 + 300 - 100));
    assert_eq!(c.empty, 0);
    let own = totals_of(&s, &t, SchoolId(1), Which::SelfScore);
    assert_eq!(own.total, Points(1000 + 800 + 900 + 300));
    // An empty cell is counted as empty, not as zero silently.
    let partial = sheet(&[(1, &[("1.1", 9.0, 9.0)])]);
    assert_eq!(
        totals_of(&partial, &t, SchoolId(1), Which::Cluster).empty,
        5
    );
}

#[test]
fn out_of_range_and_off_step_scores_are_refused() {
    let t = table(vec![]);
    assert_eq!(check_score(&t, "1.1", Points(950)), Ok(()));
    assert_eq!(check_score(&t, "1.1", Points(1000)), Ok(()));
    assert_eq!(check_score(&t, "1.1", Points(0)), Ok(()));
    assert!(matches!(
        check_score(&t, "1.1", Points(1050)),
        Err(ScoreError::OutOfRange { .. })
    ));
    assert!(matches!(
        check_score(&t, "1.1", Points(-50)),
        Err(ScoreError::OutOfRange { .. })
    ));
    assert!(matches!(
        check_score(&t, "1.1", Points(925)),
        Err(ScoreError::OffStep { .. })
    ));
    assert_eq!(
        check_score(&t, "2.1", Points(925)),
        Ok(()),
        "2.1 has a 0,25 step"
    );
    assert!(matches!(
        check_score(&t, "9.9", Points(0)),
        Err(ScoreError::UnknownItem(_))
    ));
    assert!(matches!(
        check_score(&t, "P.1", Points(150)),
        Err(ScoreError::OffStep { .. })
    ));
}

fn order(t: &CriteriaTable, s: &ScoreSheet) -> Vec<(u64, usize, bool)> {
    rank(s, t)
        .iter()
        .map(|r| (r.totals.school.0, r.rank, r.tied))
        .collect()
}

#[test]
fn higher_total_ranks_first() {
    let t = table(vec![]);
    let s = sheet(&[(1, &[("1.1", 8.0, 8.0)]), (2, &[("1.1", 9.0, 9.0)])]);
    assert_eq!(order(&t, &s), vec![(2, 1, false), (1, 2, false)]);
}

#[test]
fn tie_broken_by_group_score() {
    let t = table(vec![TieBreak::GroupScore("II".into())]);
    // Equal totals (17); school 1 is stronger in group II.
    let s = sheet(&[
        (2, &[("1.1", 10.0, 0.0), ("2.1", 7.0, 0.0)]),
        (1, &[("1.1", 8.0, 0.0), ("2.1", 9.0, 0.0)]),
    ]);
    assert_eq!(order(&t, &s), vec![(1, 1, false), (2, 2, false)]);
}

#[test]
fn tie_broken_by_criterion_score() {
    let t = table(vec![TieBreak::CriterionScore("1.2".into())]);
    let s = sheet(&[
        (1, &[("1.1", 10.0, 0.0), ("1.2", 5.0, 0.0)]),
        (2, &[("1.1", 9.0, 0.0), ("1.2", 6.0, 0.0)]),
    ]);
    assert_eq!(order(&t, &s), vec![(2, 1, false), (1, 2, false)]);
}

#[test]
fn tie_broken_by_more_bonus() {
    let t = table(vec![TieBreak::MoreBonus]);
    let s = sheet(&[
        (1, &[("1.1", 10.0, 0.0)]),
        (2, &[("1.1", 9.0, 0.0), ("T.1", 1.0, 0.0)]),
    ]);
    assert_eq!(order(&t, &s), vec![(2, 1, false), (1, 2, false)]);
}

#[test]
fn tie_broken_by_fewer_penalties() {
    let t = table(vec![TieBreak::FewerPenalties]);
    let s = sheet(&[
        (1, &[("1.1", 10.0, 0.0), ("P.1", 1.0, 0.0)]),
        (2, &[("1.1", 9.0, 0.0)]),
    ]);
    assert_eq!(order(&t, &s), vec![(2, 1, false), (1, 2, false)]);
}

#[test]
fn tie_broken_by_self_total() {
    let t = table(vec![TieBreak::SelfTotal]);
    let s = sheet(&[(1, &[("1.1", 9.0, 9.0)]), (2, &[("1.1", 9.0, 10.0)])]);
    assert_eq!(order(&t, &s), vec![(2, 1, false), (1, 2, false)]);
}

#[test]
fn tie_breaks_apply_in_the_configured_order() {
    // Group I favours 1, bonus favours 2: whichever comes first decides.
    let s = sheet(&[
        (1, &[("1.1", 10.0, 0.0)]),
        (2, &[("1.1", 9.0, 0.0), ("T.1", 1.0, 0.0)]),
    ]);
    let a = table(vec![TieBreak::GroupScore("I".into()), TieBreak::MoreBonus]);
    let b = table(vec![TieBreak::MoreBonus, TieBreak::GroupScore("I".into())]);
    assert_eq!(order(&a, &s).first().map(|r| r.0), Some(1));
    assert_eq!(order(&b, &s).first().map(|r| r.0), Some(2));
}

#[test]
fn a_tie_that_remains_is_shown_as_a_tie() {
    let t = table(vec![
        TieBreak::GroupScore("I".into()),
        TieBreak::FewerPenalties,
    ]);
    let s = sheet(&[
        (1, &[("1.1", 9.0, 0.0)]),
        (2, &[("1.1", 9.0, 0.0)]),
        (3, &[("1.1", 8.0, 0.0)]),
        (4, &[("1.1", 10.0, 0.0)]),
    ]);
    assert_eq!(
        order(&t, &s),
        vec![(4, 1, false), (1, 2, true), (2, 2, true), (3, 4, false)]
    );
}

fn ballot(
    issued: u32,
    valid: u32,
    invalid: u32,
    present: u32,
    total: u32,
    votes: &[(u64, u32)],
) -> Ballot {
    Ballot {
        cluster: ClusterId(1),
        year: 2024,
        question: Question::Flag,
        meeting: None,
        issued,
        valid,
        invalid,
        members_present: present,
        members_total: total,
        votes: votes
            .iter()
            .map(|(c, v)| Vote {
                candidate: SchoolId(*c),
                votes: *v,
            })
            .collect(),
        illustrative: true,
    }
}

fn rule(base: VoteBase, strictly_more: bool) -> VoteRule {
    VoteRule {
        share_num: 1,
        share_den: 2,
        strictly_more,
        base,
        quorum_num: 2,
        quorum_den: 3,
    }
}

#[test]
fn more_than_half_of_valid_ballots() {
    let b = ballot(9, 8, 1, 9, 10, &[(1, 5), (2, 4), (3, 3)]);
    let t = tally(&b, &rule(VoteBase::ValidBallots, true)).expect("consistent");
    assert_eq!((t.base, t.needed), (8, 5));
    let passing: Vec<u64> = t
        .results
        .iter()
        .filter(|r| r.passes)
        .map(|r| r.candidate.0)
        .collect();
    assert_eq!(passing, vec![1]);
}

#[test]
fn the_base_can_be_members_present_or_all_members() {
    let b = ballot(8, 8, 0, 8, 10, &[(1, 5), (2, 6)]);
    let present = tally(&b, &rule(VoteBase::MembersPresent, true)).expect("ok");
    assert_eq!((present.base, present.needed), (8, 5));
    assert!(present.results.iter().all(|r| r.passes));
    let all = tally(&b, &rule(VoteBase::AllMembers, true)).expect("ok");
    assert_eq!((all.base, all.needed), (10, 6));
    let passing: Vec<u64> = all
        .results
        .iter()
        .filter(|r| r.passes)
        .map(|r| r.candidate.0)
        .collect();
    assert_eq!(passing, vec![2], "5 of 10 is not more than half");
    let at_least = tally(&b, &rule(VoteBase::AllMembers, false)).expect("ok");
    assert_eq!(at_least.needed, 5, "at least half of 10");
}

#[test]
fn inconsistent_tallies_are_refused() {
    let r = rule(VoteBase::ValidBallots, true);
    assert!(matches!(
        tally(&ballot(9, 7, 1, 9, 10, &[]), &r),
        Err(TallyError::DoesNotAddUp { .. })
    ));
    assert!(matches!(
        tally(&ballot(9, 8, 1, 9, 10, &[(1, 9)]), &r),
        Err(TallyError::TooManyVotes {
            votes: 9,
            valid: 8,
            ..
        })
    ));
    assert!(matches!(
        tally(&ballot(10, 10, 0, 9, 10, &[]), &r),
        Err(TallyError::MoreBallotsThanPresent { .. })
    ));
    assert!(matches!(
        tally(&ballot(9, 9, 0, 11, 10, &[]), &r),
        Err(TallyError::MorePresentThanMembers { .. })
    ));
    assert!(matches!(
        tally(&ballot(6, 6, 0, 6, 10, &[]), &r),
        Err(TallyError::NoQuorum { needed: 7, .. })
    ));
    assert!(matches!(
        tally(&ballot(9, 9, 0, 9, 10, &[(1, 2), (1, 3)]), &r),
        Err(TallyError::DuplicateCandidate(_))
    ));
    // An error message says what does not add up.
    let msg = tally(&ballot(9, 7, 1, 9, 10, &[]), &r)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        msg.contains("7") && msg.contains("1") && msg.contains("9"),
        "{msg}"
    );
}

#[test]
fn seats_go_to_the_most_votes_and_a_tie_for_the_last_seat_is_left_to_people() {
    let r = rule(VoteBase::ValidBallots, true);
    let t = tally(
        &ballot(10, 10, 0, 10, 10, &[(1, 9), (2, 7), (3, 7), (4, 2)]),
        &r,
    )
    .expect("ok");
    assert_eq!(elected(&t, 1), (vec![SchoolId(1)], vec![]));
    assert_eq!(
        elected(&t, 2),
        (vec![SchoolId(1)], vec![SchoolId(2), SchoolId(3)])
    );
    assert_eq!(
        elected(&t, 3),
        (vec![SchoolId(1), SchoolId(2), SchoolId(3)], vec![])
    );
}

#[test]
fn rotation_suggests_the_member_longest_without_being_head() {
    let term = |year, head| {
        let mut t = Term::new(ClusterId(1), year);
        t.head = Some(SchoolId(head));
        t
    };
    let terms = vec![
        term(2019, 1),
        term(2020, 2),
        term(2021, 3),
        term(2022, 1),
        term(2023, 2),
    ];
    let members = [SchoolId(1), SchoolId(2), SchoolId(3), SchoolId(4)];
    let s = suggest_head(&members, &terms, 2024);
    assert_eq!(s.first(), Some((SchoolId(4), Reason::NeverHead)));
    assert_eq!(
        s.ranked,
        vec![
            (SchoolId(4), Reason::NeverHead),
            (SchoolId(3), Reason::LastHead(2021)),
            (SchoolId(1), Reason::LastHead(2022))
        ],
        "the 2023 head (2) is not suggested again at once"
    );
}
