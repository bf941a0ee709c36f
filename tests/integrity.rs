//! The record cannot go wrong (issue 9), checked on the store itself: every
//! rule here holds inside the write's transaction, whoever writes.

mod common;

use thidua::domain::access::Role;
use thidua::domain::lock::LockRefusal;
use thidua::domain::tally::TallyError;
use thidua::domain::*;
use thidua::i18n::Lang;
use thidua::store::{Author, Kind, Store, StoreError, codec};

fn demo() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("db")).expect("open");
    thidua::demo::load(&store).expect("demo");
    (dir, store)
}

static ADMIN: Role = Role::Admin;

fn with_reason(reason: &str) -> Author<'_> {
    Author {
        actor: "thu_ky",
        reason,
        role: &ADMIN,
    }
}

fn lock(store: &Store, id: SheetId) {
    common::lock_sheet(store, id).expect("lock the full practice sheet");
}

fn practice_ballot(store: &Store, q: Question) -> (BallotId, Ballot) {
    store
        .all::<Ballot>()
        .expect("ballots")
        .into_iter()
        .find(|(_, b)| b.illustrative && b.question == q)
        .expect("practice ballot")
}

/// The practice year locked, with its sheet and its flag ballot.
fn locked_practice(store: &Store) -> (SheetId, ScoreSheet, BallotId, Ballot) {
    let (sheet_id, sheet) = common::practice_sheet(store);
    let (ballot_id, ballot) = practice_ballot(store, Question::Flag);
    lock(store, sheet_id);
    (sheet_id, sheet, ballot_id, ballot)
}

#[test]
fn deleting_a_referenced_school_is_refused_and_says_who_refers_to_it() {
    let (_dir, store) = demo();
    let ha_nam = common::school_id(&store, "Trường Chính trị tỉnh Hà Nam");
    let before = store.audit_entries().expect("audit").len();
    let err = store
        .delete::<School>("tester", ha_nam)
        .expect_err("refused");
    let StoreError::Referenced { kind, id, by } = &err else {
        panic!("not a reference refusal: {err:?}")
    };
    assert_eq!((*kind, *id), (Kind::School, ha_nam.0));
    assert!(by.iter().any(|(k, _)| *k == Kind::Term), "{by:?}");
    assert!(by.iter().any(|(k, _)| *k == Kind::Cluster), "{by:?}");
    // Nothing was written: the school, its 2021 term and the log are as they were.
    assert!(store.get::<School>(ha_nam).expect("get").is_some());
    let c4 = common::cluster_id(&store, 4);
    let (_, t) = store.term_of(c4, 2021).expect("term").expect("2021");
    assert_eq!(t.head, Some(ha_nam));
    assert_eq!(store.audit_entries().expect("audit").len(), before);
    assert!(store.check_references().expect("check").is_empty());
}

#[test]
fn a_record_that_nobody_refers_to_can_still_be_deleted() {
    let (_dir, store) = demo();
    let id = store.insert("tester", common::person()).expect("insert");
    store.delete::<Person>("tester", id).expect("delete");
    assert!(store.check_references().expect("check").is_empty());
}

#[test]
fn a_write_that_points_at_a_missing_record_is_refused() {
    let (_dir, store) = demo();
    let c4 = common::cluster_id(&store, 4);
    let mut term = Term::new(c4, 2030);
    term.head = Some(SchoolId(999_999));
    let err = store.insert("tester", term).expect_err("refused");
    assert!(
        matches!(
            err,
            StoreError::Dangling {
                target: (Kind::School, 999_999),
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn undoing_a_score_on_a_locked_sheet_is_refused_unless_amended() {
    let (_dir, store) = demo();
    let (id, sheet) = common::practice_sheet(&store);
    let school = sheet.schools[0];
    let item = "I.1";
    let was = sheet.score(school, item, scoring::Which::Cluster);
    // The score typed before the lock.
    store
        .modify::<ScoreSheet>("tester", id, |s| {
            s.set_score(
                school,
                item,
                scoring::Which::Cluster,
                Some(Points::whole(9)),
            );
            Ok(())
        })
        .expect("score");
    lock(&store, id);
    // Undo writes the old value back with no reason: the lock refuses it.
    // A reason alone is not enough either: the amendment must be on the sheet.
    for reason in ["", "nhầm"] {
        let err = store
            .modify::<ScoreSheet>(with_reason(reason), id, |s| {
                s.set_score(school, item, scoring::Which::Cluster, was);
                Ok(())
            })
            .expect_err("refused");
        assert!(
            matches!(err, StoreError::Lock(LockRefusal::NoAmendment)),
            "{err:?}"
        );
    }
    let stored = store.must_get::<ScoreSheet>(id).expect("sheet");
    assert_eq!(
        stored.score(school, item, scoring::Which::Cluster),
        Some(Points::whole(9))
    );
    // An amendment with its reason goes through, and stays recorded.
    store
        .modify::<ScoreSheet>(with_reason("nhập nhầm"), id, |s| {
            s.set_score(school, item, scoring::Which::Cluster, was);
            s.amendments.push(Amendment {
                at: Timestamp::now(),
                by: "thu_ky".into(),
                reason: "nhập nhầm".into(),
            });
            Ok(())
        })
        .expect("amendment");
    let stored = store.must_get::<ScoreSheet>(id).expect("sheet");
    assert_eq!(stored.amendments.len(), 1);
}

#[test]
fn a_locked_sheet_cannot_be_unlocked_deleted_or_rewritten() {
    let (_dir, store) = demo();
    let (id, _) = common::practice_sheet(&store);
    lock(&store, id);
    let unlock = store.modify::<ScoreSheet>(with_reason("mở lại"), id, |s| {
        s.lock = None;
        Ok(())
    });
    assert!(
        matches!(unlock, Err(StoreError::Lock(LockRefusal::Final { .. }))),
        "{unlock:?}"
    );
    let delete = store.delete::<ScoreSheet>(with_reason("xóa"), id);
    assert!(
        matches!(delete, Err(StoreError::Lock(LockRefusal::Final { .. }))),
        "{delete:?}"
    );
    assert!(
        store
            .must_get::<ScoreSheet>(id)
            .expect("sheet")
            .lock
            .is_some()
    );
}

#[test]
fn a_locked_years_ballots_proposals_and_term_change_only_by_amendment() {
    let (_dir, store) = demo();
    let (sheet_id, sheet, ballot_id, mut ballot) = locked_practice(&store);

    // The flag ballot reopened and changed with no reason: refused.
    ballot.votes.reverse();
    let err = store
        .update("tester", ballot_id, ballot.clone())
        .expect_err("refused");
    assert!(
        matches!(
            err,
            StoreError::Lock(LockRefusal::Locked { year: 2024, .. })
        ),
        "{err:?}"
    );
    // Outcomes after the lock: a new proposal and next year's term, refused.
    let proposal = Award {
        kind: AwardKind::AcademyFlag,
        recipient: sheet.schools[1],
        year: 2024,
        cluster: Some(sheet.cluster),
        status: AwardStatus::Proposed,
        proposed_at: None,
        decision: None,
        illustrative: true,
        sources: Vec::new(),
    };
    let err = store
        .insert("tester", proposal.clone())
        .expect_err("refused");
    assert!(matches!(err, StoreError::Lock(_)), "{err:?}");
    let mut next = Term::new(sheet.cluster, 2025);
    next.head = Some(sheet.schools[1]);
    let err = store.insert("tester", next.clone()).expect_err("refused");
    assert!(matches!(err, StoreError::Lock(_)), "{err:?}");

    // With a reason, each is an amendment recorded on the sheet and in the log.
    store
        .update(with_reason("kiểm lại phiếu"), ballot_id, ballot)
        .expect("amended ballot");
    let award = store
        .insert(with_reason("bổ sung đề nghị"), proposal)
        .expect("amended proposal");
    let stored = store.must_get::<ScoreSheet>(sheet_id).expect("sheet");
    let reasons: Vec<&str> = stored
        .amendments
        .iter()
        .map(|a| a.reason.as_str())
        .collect();
    assert_eq!(reasons, ["kiểm lại phiếu", "bổ sung đề nghị"]);
    let sheet_log = store.audit_of(Kind::Sheet, sheet_id.0).expect("audit");
    assert_eq!(
        sheet_log.last().map(|e| e.reason.as_str()),
        Some("bổ sung đề nghị")
    );

    // The Academy's decision on a proposal is not the cluster's to lock.
    let mut decided = store.must_get::<Award>(award).expect("award");
    decided.status = AwardStatus::Decided;
    decided.decision = common::decision();
    store.update("hoc_vien", award, decided).expect("decision");
    assert_eq!(
        store
            .must_get::<ScoreSheet>(sheet_id)
            .expect("sheet")
            .amendments
            .len(),
        2
    );
}

#[test]
fn ballots_whose_votes_do_not_add_up_are_refused() {
    let (_dir, store) = demo();
    let (_, sheet) = common::practice_sheet(&store);
    let s = &sheet.schools;
    let ballot = |question: Question, valid: u32, votes: &[(usize, u32)]| Ballot {
        cluster: sheet.cluster,
        year: sheet.year,
        question,
        meeting: None,
        issued: valid,
        valid,
        invalid: 0,
        members_present: 6,
        members_total: 6,
        votes: votes
            .iter()
            .map(|(i, v)| Vote {
                candidate: s[*i],
                votes: *v,
            })
            .collect(),
        illustrative: true,
    };
    // The three tallies the issue found accepted.
    let head = ballot(Question::Head, 4, &[(0, 3), (1, 3), (2, 3)]);
    let certificates = ballot(Question::Certificate, 6, &[(0, 6), (1, 6), (2, 5), (3, 4)]);
    let flag = ballot(Question::Flag, 5, &[(0, 5), (1, 4)]);
    for b in [head, certificates, flag] {
        let err = store.insert("tester", b).expect_err("refused");
        assert!(
            matches!(
                err,
                StoreError::Ballot(TallyError::TooManyVotesInAll { .. })
            ),
            "{err:?}"
        );
    }
    // Issued must be valid + invalid; one candidate never beyond valid.
    let mut b = ballot(Question::Other("Khác".into()), 5, &[(0, 5)]);
    b.issued = 6;
    assert!(matches!(
        store.insert("tester", b),
        Err(StoreError::Ballot(TallyError::DoesNotAddUp { .. }))
    ));
    let b = ballot(Question::Other("Khác".into()), 5, &[(0, 6)]);
    assert!(matches!(
        store.insert("tester", b),
        Err(StoreError::Ballot(TallyError::TooManyVotes { .. }))
    ));
    // A ballot that adds up is kept.
    store
        .insert("tester", ballot(Question::Head, 6, &[(0, 4), (1, 2)]))
        .expect("a sound ballot");
}

#[test]
fn a_school_merged_before_a_year_cannot_join_that_years_records() {
    let (_dir, store) = demo();
    let c4 = common::cluster_id(&store, 4);
    let ha_nam = common::school_id(&store, "Trường Chính trị tỉnh Hà Nam");
    let ninh_binh = common::school_id(&store, "Trường Chính trị tỉnh Ninh Bình");
    let members_in = |year: u16| {
        store.modify::<Cluster>("tester", c4, |c| {
            c.memberships.push(Membership {
                year,
                schools: vec![ninh_binh, ha_nam],
                stated_count: None,
                complete: false,
                sources: Vec::new(),
            });
            Ok(())
        })
    };
    let err = members_in(2026).expect_err("refused");
    assert_eq!(
        err,
        StoreError::Ended {
            school: ha_nam,
            year: 2026
        }
    );
    let mut term = Term::new(c4, 2026);
    term.deputies = vec![ha_nam];
    assert!(matches!(
        store.insert("tester", term),
        Err(StoreError::Ended { .. })
    ));
    // The year of the merger itself (1/7/2025) still had the school.
    members_in(2025).expect("2025 membership");
}

#[test]
fn rotation_never_suggests_a_school_that_ends_during_the_year() {
    let (_dir, store) = demo();
    let hai_duong = common::school_id(&store, "Trường Chính trị tỉnh Hải Dương");
    let hung_yen = common::school_id(&store, "Trường Chính trị tỉnh Hưng Yên");
    let schools = store.map::<School>().expect("schools");
    let members = [hai_duong, hung_yen];
    assert_eq!(
        rotation::eligible_heads(&members, &schools, 2025),
        vec![hung_yen]
    );
    assert_eq!(
        rotation::eligible_heads(&members, &schools, 2024),
        vec![hai_duong, hung_yen]
    );
}

#[test]
fn the_year_end_meeting_is_one_answer_whatever_the_order() {
    let c = ClusterId(7);
    let mut five = Meeting::new(MeetingKind::FiveYearReview, Some(2020), "5 năm");
    five.cluster = Some(c);
    five.date = Date::new(2020, 11, 1).ok();
    let mut year_end = Meeting::new(MeetingKind::YearEndReview, Some(2020), "tổng kết");
    year_end.cluster = Some(c);
    year_end.date = Date::new(2020, 12, 1).ok();
    let mut seminar = Meeting::new(MeetingKind::Seminar, Some(2020), "tọa đàm");
    seminar.cluster = Some(c);
    let mut a = std::collections::HashMap::new();
    a.insert(MeetingId(1), five.clone());
    a.insert(MeetingId(2), year_end.clone());
    a.insert(MeetingId(3), seminar);
    let mut b = std::collections::BTreeMap::new();
    b.insert(MeetingId(9), year_end);
    b.insert(MeetingId(1), five);
    assert_eq!(
        conference::year_end_meeting(&a, c, 2020).map(|(id, _)| id),
        Some(MeetingId(2))
    );
    assert_eq!(
        conference::year_end_meeting(&b, c, 2020).map(|(id, _)| id),
        Some(MeetingId(9))
    );
    // Without a year-end review, the five-year review closes the year.
    a.remove(&MeetingId(2));
    assert_eq!(
        conference::year_end_meeting(&a, c, 2020).map(|(id, _)| id),
        Some(MeetingId(1))
    );
    assert_eq!(conference::year_end_meeting(&a, c, 2021), None);
}

#[test]
fn locking_needs_every_required_cell_self_scores_included() {
    let (_dir, store) = demo();
    let (id, sheet) = common::practice_sheet(&store);
    let school = sheet.schools[2];
    store
        .modify::<ScoreSheet>("tester", id, |s| {
            for c in s.cells.iter_mut().filter(|c| c.school == school) {
                c.self_score = None;
            }
            Ok(())
        })
        .expect("clear self-scores");
    let locking = |store: &Store| {
        store.modify::<ScoreSheet>("tester", id, |s| {
            s.lock = Some(SheetLock {
                at: Timestamp::now(),
                by: "t".into(),
            });
            Ok(())
        })
    };
    let err = locking(&store).expect_err("refused");
    let StoreError::Lock(LockRefusal::Incomplete { count, first }) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(*count, 12, "the school's 12 criteria");
    assert_eq!(
        first[0],
        ("I.1".to_string(), school, scoring::Which::SelfScore)
    );
    // A table that makes self-scores optional lets it lock.
    store
        .modify::<CriteriaTable>("tester", sheet.table, |t| {
            t.self_scores_optional = true;
            Ok(())
        })
        .expect("table");
    locking(&store).expect("locks");
}

#[test]
fn check_finds_a_dangling_reference_made_behind_the_stores_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db");
    {
        let store = Store::open(&db).expect("open");
        thidua::demo::load(&store).expect("demo");
    }
    let mut term = Term::new(ClusterId(2), 2031);
    term.head = Some(SchoolId(424_242));
    common::raw_put(
        &db,
        Kind::Term.tree(),
        &codec::id_key(900_000),
        &codec::encode(&term).expect("enc"),
    );
    let out = common::cli_en(&db, &["check"]);
    assert_ne!(out.status.code(), Some(0));
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let line = all
        .lines()
        .find(|l| l.contains("dangling"))
        .unwrap_or_else(|| panic!("no dangling line: {all}"));
    assert!(
        line.contains("`terms`") && line.contains(&codec_hex(900_000)),
        "{line}"
    );
    assert!(line.contains("schools 424242"), "{line}");
}

fn codec_hex(id: u64) -> String {
    codec::id_key(id)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn an_amendment_of_a_locked_ballot_shows_in_every_export() {
    use calamine::{Reader, Xlsx};
    let (_dir, store) = demo();
    let (_, sheet, ballot_id, mut ballot) = locked_practice(&store);
    ballot.invalid = 0;
    ballot.votes.reverse();
    store
        .update(
            with_reason("kiểm phiếu lại theo biên bản"),
            ballot_id,
            ballot,
        )
        .expect("amendment");
    let data = thidua::app::data::Data::load(&store).expect("data");
    let report =
        thidua::export::report::build(&data, sheet.cluster, sheet.year, Lang::Vi).expect("report");
    let reason = "kiểm phiếu lại theo biên bản";
    let csv = String::from_utf8(thidua::export::csv::write(&report, Lang::Vi).expect("csv"))
        .expect("utf-8");
    assert!(csv.contains(reason), "{csv}");
    assert!(thidua::export::markdown::minutes(&report, Lang::Vi).contains(reason));
    assert!(thidua::export::markdown::sheet(&report, Lang::Vi).contains(reason));
    let bytes = thidua::export::xlsx::write(&report, Lang::Vi).expect("xlsx");
    let mut wb = Xlsx::new(std::io::Cursor::new(bytes)).expect("open xlsx");
    let range = wb
        .worksheet_range(&thidua::export::xlsx::Tab::Outcomes.name(Lang::Vi))
        .expect("outcomes sheet");
    assert!(
        range
            .cells()
            .any(|(_, _, c)| c.to_string().contains(reason)),
        "the workbook lists the amendment"
    );
    // Every paper carries the audit head it was made from (issue 10).
    let (entries, hash) = store.audit_head().expect("head");
    let head: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    let line = format!("{head} ({entries} mục)");
    assert!(csv.contains(&line), "{csv}");
    assert!(thidua::export::markdown::minutes(&report, Lang::Vi).contains(&line));
    assert!(thidua::export::markdown::sheet(&report, Lang::Vi).contains(&line));
    assert!(
        range.cells().any(|(_, _, c)| c.to_string().contains(&line)),
        "the workbook carries the audit head"
    );
}

#[test]
fn a_meaningless_criteria_table_is_refused_by_the_store_itself() {
    let (_dir, store) = demo();
    let (_, sheet) = common::practice_sheet(&store);
    let mut t = store.must_get::<CriteriaTable>(sheet.table).expect("table");
    t.year = 2030;
    t.bonus_cap = Points::whole(-5);
    let err = store.insert("tester", t).expect_err("refused");
    assert!(
        matches!(err, StoreError::Table(ref p) if !p.is_empty()),
        "{err:?}"
    );
}

#[test]
fn saving_a_locked_years_ballot_unchanged_writes_nothing() {
    let (_dir, store) = demo();
    let (_, _, ballot_id, ballot) = locked_practice(&store);
    let before = store.audit_entries().expect("log").len();
    store
        .update("tester", ballot_id, ballot)
        .expect("nothing to refuse");
    assert_eq!(store.audit_entries().expect("log").len(), before);
}
