//! Roles: who may change what. Three layers, each tested on its own so that
//! a broken rule fails here whichever layer it breaks in:
//!
//! 1. the pure rules (`allow`, `permit`), as tables of role × intent;
//! 2. the store, which checks the rules inside every write's transaction and
//!    leaves no record, index entry or audit entry behind a refusal;
//! 3. the app, which refuses before a form opens or a score is typed, and
//!    says why on the status line.

mod common;

use common::tui::Harness;
use common::{cluster_id, practice_sheet};
use crossterm::event::KeyCode;
use thidua::domain::access::{Intent, Owner, Refusal, Role, allow, permit};
use thidua::domain::*;
use thidua::store::{Author, Kind, Op, Store, StoreError};

// ================================================================ 1. rules

const MINE: ClusterId = ClusterId(1);
const OTHER: ClusterId = ClusterId(2);
const OURS: SchoolId = SchoolId(10);
const THEIRS: SchoolId = SchoolId(11);

const OK: Result<(), Refusal> = Ok(());

fn no(r: Refusal) -> Result<(), Refusal> {
    Err(r)
}

/// The four roles in the order of the table's columns.
fn roles() -> [Role; 4] {
    [
        Role::Admin,
        Role::Secretary(MINE),
        Role::Delegate(OURS),
        Role::Viewer,
    ]
}

#[test]
fn allow_every_role_and_intent() {
    use Owner::*;
    use Refusal::*;
    let score = |cluster, school| Intent::SelfScore { cluster, school };
    #[rustfmt::skip]
    let table: Vec<(Intent, [Result<(), Refusal>; 4])> = vec![
        //                                admin secretary(MINE)     delegate(OURS)         viewer
        (Intent::Change(Shared),           [OK, no(AdminOnly),    no(SelfScoresOnly), no(ReadOnly)]),
        (Intent::Add(Shared),              [OK, no(AdminOnly),    no(SelfScoresOnly), no(ReadOnly)]),
        // Secretaries keep the people directory (meeting chairs and guests).
        (Intent::Add(Directory),           [OK, OK,               no(SelfScoresOnly), no(ReadOnly)]),
        (Intent::Change(Directory),        [OK, OK,               no(SelfScoresOnly), no(ReadOnly)]),
        (Intent::Add(Cluster(MINE)),       [OK, OK,               no(SelfScoresOnly), no(ReadOnly)]),
        (Intent::Change(Cluster(MINE)),    [OK, OK,               no(SelfScoresOnly), no(ReadOnly)]),
        (Intent::Add(Cluster(OTHER)),      [OK, no(OtherCluster), no(SelfScoresOnly), no(ReadOnly)]),
        (Intent::Change(Cluster(OTHER)),   [OK, no(OtherCluster), no(SelfScoresOnly), no(ReadOnly)]),
        (score(MINE, OURS),                [OK, OK,               OK,                 no(ReadOnly)]),
        (score(MINE, THEIRS),              [OK, OK,               no(OtherSchool),    no(ReadOnly)]),
        // The delegate's school on another cluster's sheet is still theirs.
        (score(OTHER, OURS),               [OK, no(OtherCluster), OK,                 no(ReadOnly)]),
        (score(OTHER, THEIRS),             [OK, no(OtherCluster), no(OtherSchool),    no(ReadOnly)]),
        // Files go on the server's disk: admin only, whatever else one may do.
        (Intent::WriteFile,                [OK, no(ServerFiles),  no(ServerFiles),    no(ServerFiles)]),
        (Intent::ReadFile,                 [OK, no(ReadServerFiles), no(ReadServerFiles), no(ReadServerFiles)]),
        // A backup holds every user's name and every record: an admin's.
        (Intent::Whole,                    [OK, no(WholeDatabase), no(WholeDatabase),  no(WholeDatabase)]),
    ];
    for (intent, expected) in table {
        for (role, want) in roles().iter().zip(expected) {
            assert_eq!(allow(role, intent), want, "{role:?} × {intent:?}");
        }
    }
}

#[test]
fn a_viewer_and_a_delegate_may_change_no_owner_at_all() {
    // Whatever the cluster id, including the 0 the app uses for "unknown".
    for c in [ClusterId(0), MINE, OTHER, ClusterId(u64::MAX)] {
        for owner in [Owner::Shared, Owner::Directory, Owner::Cluster(c)] {
            for intent in [Intent::Change(owner), Intent::Add(owner)] {
                assert_eq!(allow(&Role::Viewer, intent), Err(Refusal::ReadOnly));
                assert_eq!(
                    allow(&Role::Delegate(OURS), intent),
                    Err(Refusal::SelfScoresOnly),
                    "{intent:?}"
                );
            }
        }
    }
}

// ---------------------------------------------------------------- permit: sheets

fn cell(school: SchoolId, item: &str, own: i64, cluster: i64) -> ScoreCell {
    ScoreCell {
        school,
        item: item.into(),
        self_score: Some(Points(own)),
        cluster_score: Some(Points(cluster)),
    }
}

/// A sheet of cluster MINE with both schools scored on item 1.1 and only
/// THEIRS on 1.2.
fn sheet() -> ScoreSheet {
    ScoreSheet {
        cluster: MINE,
        year: 2024,
        table: TableId(5),
        schools: vec![OURS, THEIRS],
        cells: vec![
            cell(OURS, "1.1", 1000, 900),
            cell(THEIRS, "1.1", 950, 900),
            cell(THEIRS, "1.2", 500, 450),
        ],
        lock: None,
        amendments: Vec::new(),
        illustrative: false,
    }
}

/// The sheet with one cell's scores changed by `f` (the cell is added empty
/// first when missing).
fn edited(school: SchoolId, item: &str, f: impl FnOnce(&mut ScoreCell)) -> ScoreSheet {
    let mut s = sheet();
    if s.cell(school, item).is_none() {
        s.cells.push(ScoreCell {
            school,
            item: item.into(),
            self_score: None,
            cluster_score: None,
        });
    }
    let c = s
        .cells
        .iter_mut()
        .find(|c| c.school == school && c.item == item)
        .expect("cell");
    f(c);
    s
}

fn update(role: &Role, after: &ScoreSheet) -> Result<(), Refusal> {
    permit(role, 7, Some(&sheet()), Some(after))
}

#[test]
fn permit_a_delegate_only_their_own_schools_self_scores() {
    let me = Role::Delegate(OURS);
    let own_self = edited(OURS, "1.1", |c| c.self_score = Some(Points(800)));
    let own_new_cell = edited(OURS, "1.2", |c| c.self_score = Some(Points(500)));
    let own_cleared = edited(OURS, "1.1", |c| c.self_score = None);
    let own_cluster = edited(OURS, "1.1", |c| c.cluster_score = Some(Points(1000)));
    let own_cluster_cleared = edited(OURS, "1.1", |c| c.cluster_score = None);
    let own_both = edited(OURS, "1.1", |c| {
        c.self_score = Some(Points(800));
        c.cluster_score = Some(Points(800));
    });
    let their_self = edited(THEIRS, "1.1", |c| c.self_score = Some(Points(100)));
    let mut own_and_theirs = own_self.clone();
    own_and_theirs.cells[1].self_score = Some(Points(100));
    let mut locked = sheet();
    locked.lock = Some(SheetLock {
        at: Timestamp(1_700_000_000),
        by: "dai_bieu".into(),
    });
    let mut locked_with_own_self = own_self.clone();
    locked_with_own_self.lock = locked.lock.clone();
    let mut amended = sheet();
    amended.amendments.push(Amendment {
        at: Timestamp(1_700_000_000),
        by: "dai_bieu".into(),
        reason: "Sửa".into(),
    });
    let mut reordered = own_self.clone();
    reordered.schools.reverse();
    let mut moved = own_self.clone();
    moved.cluster = OTHER;
    let unchanged = sheet();

    let cases: Vec<(&str, &ScoreSheet, Result<(), Refusal>)> = vec![
        ("own self-score changed", &own_self, OK),
        ("own self-score in a new cell", &own_new_cell, OK),
        ("own self-score cleared", &own_cleared, OK),
        (
            "own cluster score",
            &own_cluster,
            no(Refusal::SelfScoresOnly),
        ),
        (
            "own cluster score cleared",
            &own_cluster_cleared,
            no(Refusal::SelfScoresOnly),
        ),
        (
            "own self and cluster score together",
            &own_both,
            no(Refusal::SelfScoresOnly),
        ),
        (
            "another school's self-score",
            &their_self,
            no(Refusal::OtherSchool),
        ),
        (
            "own and another's self-score",
            &own_and_theirs,
            no(Refusal::OtherSchool),
        ),
        ("the lock", &locked, no(Refusal::SelfScoresOnly)),
        (
            "the lock with an own self-score",
            &locked_with_own_self,
            no(Refusal::SelfScoresOnly),
        ),
        ("an amendment", &amended, no(Refusal::SelfScoresOnly)),
        ("the column order", &reordered, no(Refusal::SelfScoresOnly)),
        ("the cluster", &moved, no(Refusal::SelfScoresOnly)),
        ("nothing", &unchanged, no(Refusal::SelfScoresOnly)),
    ];
    for (what, after, want) in cases {
        assert_eq!(update(&me, after), want, "delegate changing {what}");
    }

    // A delegate neither creates nor deletes a sheet.
    assert_eq!(
        permit(&me, 7, None, Some(&sheet())),
        Err(Refusal::SelfScoresOnly)
    );
    assert_eq!(
        permit(&me, 7, Some(&sheet()), None),
        Err(Refusal::SelfScoresOnly)
    );
}

#[test]
fn permit_a_viewer_nothing_on_a_sheet_not_even_a_no_op() {
    let viewer = Role::Viewer;
    let own_self = edited(OURS, "1.1", |c| c.self_score = Some(Points(800)));
    assert_eq!(update(&viewer, &sheet()), Err(Refusal::ReadOnly), "no-op");
    assert_eq!(update(&viewer, &own_self), Err(Refusal::ReadOnly));
    assert_eq!(
        permit(&viewer, 7, None, Some(&sheet())),
        Err(Refusal::ReadOnly)
    );
    assert_eq!(
        permit(&viewer, 7, Some(&sheet()), None),
        Err(Refusal::ReadOnly)
    );
}

#[test]
fn permit_the_secretary_their_clusters_sheet_and_no_other() {
    let theirs = edited(THEIRS, "1.1", |c| c.self_score = Some(Points(100)));
    let cluster = edited(THEIRS, "1.1", |c| c.cluster_score = Some(Points(100)));
    let mut locked = sheet();
    locked.lock = Some(SheetLock {
        at: Timestamp(1),
        by: "thu_ky".into(),
    });
    for after in [&theirs, &cluster, &locked] {
        assert_eq!(update(&Role::Secretary(MINE), after), OK);
        assert_eq!(update(&Role::Admin, after), OK);
        assert_eq!(
            update(&Role::Secretary(OTHER), after),
            Err(Refusal::OtherCluster)
        );
    }
}

/// A delegate's write that only *adds* a copy of a cell ahead of the real
/// one, with the same self-score and no cluster score, plus a change to
/// their own self-score. `permit` compares self-scores through
/// `ScoreSheet::cell` (the first match) and cluster scores as a multiset,
/// so it sees only the own self-score change; but `scoring` also reads the
/// first match, so another school's cluster score is gone from its total.
#[test]
fn permit_refuses_a_duplicate_cell_that_hides_a_cluster_score() {
    let before = sheet();
    let mut after = edited(OURS, "1.1", |c| c.self_score = Some(Points(800)));
    after.cells.insert(
        0,
        ScoreCell {
            school: THEIRS,
            item: "1.1".into(),
            self_score: Some(Points(950)),
            cluster_score: None,
        },
    );
    // What every reader sees: THEIRS lost its cluster score on 1.1.
    assert_eq!(
        before.cell(THEIRS, "1.1").and_then(|c| c.cluster_score),
        Some(Points(900))
    );
    assert_eq!(
        after.cell(THEIRS, "1.1").and_then(|c| c.cluster_score),
        None
    );
    assert!(
        permit(&Role::Delegate(OURS), 7, Some(&before), Some(&after)).is_err(),
        "a delegate changed another school's cluster score"
    );
}

// ---------------------------------------------------------------- permit: other records

fn meeting_of(cluster: Option<ClusterId>) -> Meeting {
    let mut m = common::meeting();
    m.cluster = cluster;
    m
}

#[test]
fn permit_checks_both_owners_so_nothing_moves_out_of_or_into_reach() {
    let sec = Role::Secretary(MINE);
    let ours = meeting_of(Some(MINE));
    let theirs = meeting_of(Some(OTHER));
    let shared = meeting_of(None);
    let mut retitled = ours.clone();
    retitled.title = "Hội nghị đã sửa".into();
    let cases: Vec<(&str, &Meeting, &Meeting, Result<(), Refusal>)> = vec![
        ("within own cluster", &ours, &retitled, OK),
        (
            "own → other cluster",
            &ours,
            &theirs,
            no(Refusal::OtherCluster),
        ),
        (
            "other → own cluster",
            &theirs,
            &ours,
            no(Refusal::OtherCluster),
        ),
        ("own → shared", &ours, &shared, no(Refusal::AdminOnly)),
        ("shared → own", &shared, &ours, no(Refusal::AdminOnly)),
    ];
    for (what, before, after, want) in cases {
        assert_eq!(
            permit(&sec, 3, Some(before), Some(after)),
            want,
            "secretary moving a meeting {what}"
        );
        assert_eq!(permit(&Role::Admin, 3, Some(before), Some(after)), OK);
    }

    // A term belongs to its cluster too.
    let mut term = common::term();
    term.cluster = MINE;
    let mut moved = term.clone();
    moved.cluster = OTHER;
    assert_eq!(permit(&sec, 4, Some(&term), Some(&term)), OK);
    assert_eq!(
        permit(&sec, 4, Some(&term), Some(&moved)),
        Err(Refusal::OtherCluster)
    );
    assert_eq!(
        permit(&sec, 4, None, Some(&moved)),
        Err(Refusal::OtherCluster)
    );
    assert_eq!(
        permit(&sec, 4, Some(&moved), None),
        Err(Refusal::OtherCluster)
    );
    // A cluster record is owned by itself, under its own id.
    let c = common::cluster();
    assert_eq!(permit(&sec, MINE.0, Some(&c), Some(&c)), OK);
    assert_eq!(
        permit(&sec, OTHER.0, Some(&c), Some(&c)),
        Err(Refusal::OtherCluster)
    );
}

#[test]
fn permit_a_secretary_to_keep_people_but_not_schools() {
    let sec = Role::Secretary(MINE);
    let p = common::person();
    let mut renamed = p.clone();
    renamed.name = "Nguyễn Văn Khác".into();
    assert_eq!(permit(&sec, 9, None, Some(&p)), OK);
    assert_eq!(permit(&sec, 9, Some(&p), Some(&renamed)), OK);
    assert_eq!(permit(&sec, 9, Some(&p), None), OK);
    let delegate = Role::Delegate(SchoolId(1));
    assert_eq!(
        permit(&delegate, 9, Some(&p), Some(&renamed)),
        Err(Refusal::SelfScoresOnly)
    );
    // Schools are shared: admin only.
    let s = common::school();
    assert_eq!(permit(&sec, 9, None, Some(&s)), Err(Refusal::AdminOnly));
    assert_eq!(permit(&Role::Admin, 9, Some(&s), None), OK);
}

// ================================================================ 2. store

fn as_role<'a>(actor: &'a str, role: &'a Role) -> Author<'a> {
    Author {
        actor,
        reason: "",
        role,
    }
}

/// A fresh store with two clusters, for the store-level tests.
fn store() -> (tempfile::TempDir, Store, ClusterId, ClusterId) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = common::reopen(&dir.path().join("db"));
    // What the fixtures refer to (a school, a person, a meeting) must exist.
    common::fixture_targets(&store);
    let mine = store
        .insert("setup", Cluster::new(Some(4), "Cụm bốn", "Đồng bằng"))
        .expect("cluster");
    let other = store
        .insert("setup", Cluster::new(Some(8), "Cụm tám", "Đông Nam Bộ"))
        .expect("cluster");
    (dir, store, mine, other)
}

/// Whether a name search finds a school with exactly this name.
fn finds_school(store: &Store, name: &str) -> bool {
    let folded = thidua::text::fold(name);
    store
        .lookup(name)
        .expect("lookup")
        .iter()
        .any(|h| h.kind == Kind::School && h.matched == folded)
}

fn audit_len(store: &Store) -> usize {
    store.audit_entries().expect("audit").len()
}

#[test]
fn store_refuses_a_viewers_insert_and_leaves_no_trace() {
    let (_dir, store, ..) = store();
    let feed = store.subscribe();
    let (schools, log) = (store.count(Kind::School).expect("count"), audit_len(&store));

    let r = store.insert(as_role("khach", &Role::Viewer), common::school());
    assert_eq!(r, Err(StoreError::Refused(Refusal::ReadOnly)));
    assert_eq!(store.count(Kind::School).expect("count"), schools);
    assert!(!finds_school(&store, "Trường Chính trị tỉnh Hải Dương"));
    assert!(
        store.lookup("to hieu").expect("lookup").is_empty(),
        "no honorific indexed"
    );
    assert_eq!(audit_len(&store), log);
    assert!(feed.try_recv().is_err(), "no change announced");
}

#[test]
fn store_refuses_a_viewers_update_and_delete_and_keeps_record_index_and_log() {
    let (_dir, store, ..) = store();
    let id = store
        .insert("quan_tri", common::school())
        .expect("admin insert");
    let original = store.must_get::<School>(id).expect("get");
    let log = audit_len(&store);
    let feed = store.subscribe();

    let mut renamed = original.clone();
    renamed.name = "Trường Chính trị tỉnh Khác".into();
    assert_eq!(
        store.update(as_role("khach", &Role::Viewer), id, renamed.clone()),
        Err(StoreError::Refused(Refusal::ReadOnly))
    );
    assert_eq!(
        store.delete::<School>(as_role("khach", &Role::Viewer), id),
        Err(StoreError::Refused(Refusal::ReadOnly))
    );
    assert_eq!(
        store.put(as_role("khach", &Role::Viewer), id, renamed),
        Err(StoreError::Refused(Refusal::ReadOnly))
    );

    assert_eq!(store.must_get::<School>(id).expect("get"), original);
    assert!(finds_school(&store, "Trường Chính trị tỉnh Hải Dương"));
    assert!(!finds_school(&store, "Trường Chính trị tỉnh Khác"));
    assert_eq!(audit_len(&store), log);
    assert_eq!(store.audit_of(Kind::School, id.0).expect("audit").len(), 1);
    assert!(feed.try_recv().is_err(), "no change announced");
}

#[test]
fn store_writes_an_admins_change_with_the_actor_and_reason_given() {
    let (_dir, store, ..) = store();
    let admin = Role::Admin;
    let id = store
        .insert(as_role("quan_tri", &admin), common::school())
        .expect("insert");
    let mut renamed = common::school();
    renamed.name = "Trường Chính trị tỉnh Khác".into();
    store
        .update(
            Author {
                actor: "quan_tri",
                reason: "Đổi tên",
                role: &admin,
            },
            id,
            renamed.clone(),
        )
        .expect("update");
    assert_eq!(
        store.must_get::<School>(id).expect("get").name,
        renamed.name
    );
    assert!(finds_school(&store, "Trường Chính trị tỉnh Khác"));
    assert!(!finds_school(&store, "Trường Chính trị tỉnh Hải Dương"));

    store
        .delete::<School>(as_role("quan_tri", &admin), id)
        .expect("delete");
    assert_eq!(store.get::<School>(id).expect("get"), None);
    assert!(!finds_school(&store, "Trường Chính trị tỉnh Khác"));

    let log = store.audit_of(Kind::School, id.0).expect("audit");
    let seen: Vec<(&str, Op, &str)> = log
        .iter()
        .map(|e| (e.actor.as_str(), e.op, e.reason.as_str()))
        .collect();
    assert_eq!(
        seen,
        vec![
            ("quan_tri", Op::Insert, ""),
            ("quan_tri", Op::Update, "Đổi tên"),
            ("quan_tri", Op::Delete, ""),
        ]
    );
    assert!(store.verify_audit().expect("verify").is_empty());
}

#[test]
fn store_lets_a_secretary_write_their_cluster_only_and_logs_them() {
    let (_dir, store, mine, other) = store();
    let sec = Role::Secretary(mine);
    let by = || as_role("thu_ky", &sec);
    let term = |cluster| Term::new(cluster, 2024);

    let log = audit_len(&store);
    assert_eq!(
        store.insert(by(), term(other)),
        Err(StoreError::Refused(Refusal::OtherCluster))
    );
    assert_eq!(
        store.term_of(other, 2024).expect("read"),
        None,
        "no index entry"
    );
    assert_eq!(audit_len(&store), log);

    let id = store.insert(by(), term(mine)).expect("own cluster");
    assert_eq!(
        store.term_of(mine, 2024).expect("read").map(|t| t.0),
        Some(id)
    );
    let entry = store.audit_entries().expect("audit").pop().expect("entry");
    assert_eq!(
        (entry.actor.as_str(), entry.op, entry.kind, entry.id),
        ("thu_ky", Op::Insert, Kind::Term, id.0)
    );

    // Moving it to the other cluster is refused: the indexes still say mine.
    assert_eq!(
        store.update(by(), id, term(other)),
        Err(StoreError::Refused(Refusal::OtherCluster))
    );
    assert!(store.term_of(mine, 2024).expect("read").is_some());
    assert_eq!(store.term_of(other, 2024).expect("read"), None);

    // A meeting likewise, found by cluster through its index.
    let m = store
        .insert(by(), meeting_of(Some(mine)))
        .expect("own meeting");
    assert_eq!(
        store.update(by(), m, meeting_of(Some(other))),
        Err(StoreError::Refused(Refusal::OtherCluster))
    );
    let ids = |c| -> Vec<MeetingId> {
        store
            .meetings_of_cluster(c)
            .expect("meetings")
            .into_iter()
            .map(|(id, _)| id)
            .collect()
    };
    assert_eq!(ids(Some(mine)), vec![m]);
    assert!(ids(Some(other)).is_empty());

    // People: the secretary keeps the directory.
    let p = store.insert(by(), common::person()).expect("add a person");
    let mut renamed = common::person();
    renamed.name = "Nguyễn Văn Khác".into();
    store
        .update(by(), p, renamed)
        .expect("a secretary corrects a person");
    assert_eq!(
        store.must_get::<Person>(p).expect("get").name,
        "Nguyễn Văn Khác"
    );
}

#[test]
fn store_lets_a_delegate_write_only_their_own_self_scores() {
    let (_dir, store, mine, _) = store();
    let ours = store
        .insert("setup", School::new("Trường Chính trị tỉnh A", "A"))
        .expect("school");
    let theirs = store
        .insert("setup", School::new("Trường Chính trị tỉnh B", "B"))
        .expect("school");
    let mut s = sheet();
    s.cluster = mine;
    s.table = TableId(8);
    s.schools = vec![ours, theirs];
    for c in &mut s.cells {
        c.school = if c.school == OURS { ours } else { theirs };
    }
    let id = store.insert("setup", s.clone()).expect("sheet");
    let del = Role::Delegate(ours);
    let by = || as_role("dai_bieu", &del);
    let with = |school: SchoolId, f: &dyn Fn(&mut ScoreCell)| {
        let mut after = store.must_get::<ScoreSheet>(id).expect("sheet");
        if let Some(c) = after
            .cells
            .iter_mut()
            .find(|c| c.school == school && c.item == "1.1")
        {
            f(c);
        }
        after
    };

    let log = audit_len(&store);
    let refused: Vec<(ScoreSheet, Refusal)> = vec![
        (
            with(ours, &|c| c.cluster_score = Some(Points(1000))),
            Refusal::SelfScoresOnly,
        ),
        (
            with(theirs, &|c| c.self_score = Some(Points(100))),
            Refusal::OtherSchool,
        ),
    ];
    for (after, why) in refused {
        assert_eq!(store.update(by(), id, after), Err(StoreError::Refused(why)));
    }
    assert_eq!(store.must_get::<ScoreSheet>(id).expect("sheet"), s);
    assert_eq!(audit_len(&store), log);

    let mine_scored = with(ours, &|c| c.self_score = Some(Points(850)));
    store
        .update(by(), id, mine_scored.clone())
        .expect("own self-score");
    assert_eq!(
        store.must_get::<ScoreSheet>(id).expect("sheet"),
        mine_scored
    );
    let entry = store.audit_entries().expect("audit").pop().expect("entry");
    assert_eq!(
        (entry.actor.as_str(), entry.op, entry.kind),
        ("dai_bieu", Op::Update, Kind::Sheet)
    );
}

// ================================================================ 3. app

/// Wide enough that the status line is never cut.
const W: u16 = 160;
const H: u16 = 40;

/// Asserts the status line says "not allowed" with this reason.
fn assert_refused(h: &mut Harness, why: &str) {
    let st = h.status();
    assert!(
        st.contains(&format!("Không được phép: {why}")),
        "expected a refusal ({why}): {st}"
    );
}

fn cluster_other_than(store: &Store, not: ClusterId) -> ClusterId {
    store
        .all::<Term>()
        .expect("terms")
        .into_iter()
        .map(|(_, t)| t.cluster)
        .find(|c| *c != not)
        .expect("a cluster with terms other than Cụm 4")
}

fn sheet_now(h: &Harness) -> ScoreSheet {
    practice_sheet(&h.store).1
}

/// Moves the list selection down to a record.
fn select(h: &mut Harness, id: u64) {
    h.key(KeyCode::Home);
    for _ in 0..h.app.list().visible.len() {
        if h.app.selected_id() == Some(id) {
            return;
        }
        h.key(KeyCode::Down);
    }
    assert_eq!(h.app.selected_id(), Some(id), "{}", h.screen());
}

/// Opens the practice sheet's grid with the cursor on a school's column,
/// first row, in the cluster view.
fn grid_at(h: &mut Harness, column: usize) {
    h.key(KeyCode::Char('4')).key(KeyCode::Enter);
    h.key(KeyCode::Home);
    for _ in 0..column {
        h.key(KeyCode::Right);
    }
    assert_eq!(h.app.sheet_ui.cursor, (0, column));
    assert!(grid_title(h).contains("· cụm chấm"), "{}", h.screen());
}

/// The grid's title line, which names the view.
fn grid_title(h: &mut Harness) -> String {
    h.screen().lines().nth(1).unwrap_or_default().to_string()
}

/// Switches the grid to the self-score view (`v`: cluster → self).
fn self_view(h: &mut Harness) {
    h.key(KeyCode::Char('v'));
    assert!(grid_title(h).contains("· tự chấm"), "{}", h.screen());
}

fn viewer() -> Harness {
    Harness::demo_as(W, H, "khach", |_| Role::Viewer)
}

/// A delegate of the practice sheet's first school (column 0).
fn delegate() -> (Harness, SchoolId) {
    let h = Harness::demo_as(W, H, "dai_bieu", |s| {
        Role::Delegate(practice_sheet(s).1.schools[0])
    });
    let school = sheet_now(&h).schools[0];
    (h, school)
}

fn secretary_of_cluster_4() -> (Harness, ClusterId) {
    let h = Harness::demo_as(W, H, "thu_ky", |s| Role::Secretary(cluster_id(s, 4)));
    let c4 = cluster_id(&h.store, 4);
    (h, c4)
}

/// The term under the cluster detail's selection.
fn selected_term(h: &Harness) -> (TermId, Term) {
    let (kind, id) = h.app.detail_items()[h.app.detail().selected];
    assert_eq!(kind, Kind::Term);
    (
        TermId(id),
        h.store.must_get::<Term>(TermId(id)).expect("term"),
    )
}

#[test]
fn a_viewer_cannot_open_a_form_or_delete_and_is_told_why() {
    let mut h = viewer();
    let schools = h.store.all::<School>().expect("schools");
    let log = audit_len(&h.store);
    assert!(h.status().contains("│ chỉ xem │"), "role shown");

    h.key(KeyCode::Char('e'));
    assert!(h.app.form().is_none());
    let s = h.screen();
    assert!(!s.contains("┌Sửa trường"), "{s}");
    assert_refused(&mut h, "tài khoản này chỉ được xem");

    h.key(KeyCode::Char('n'));
    assert!(h.app.form().is_none());
    assert!(!h.screen().contains("┌Thêm trường"));
    assert_refused(&mut h, "tài khoản này chỉ được xem");

    h.key(KeyCode::Char('d'));
    assert!(h.app.confirm().is_none(), "no question asked");
    assert!(!h.screen().contains("Câu hỏi xác nhận"));
    assert_refused(&mut h, "tài khoản này chỉ được xem");

    // Nor in the other panes.
    for pane in ['2', '3', '5'] {
        h.key(KeyCode::Char(pane)).key(KeyCode::Char('e'));
        assert!(h.app.form().is_none(), "pane {pane}: {}", h.screen());
        assert_refused(&mut h, "tài khoản này chỉ được xem");
    }

    assert_eq!(h.store.all::<School>().expect("schools"), schools);
    assert_eq!(audit_len(&h.store), log);
}

#[test]
fn a_viewer_in_the_grid_cannot_type_clear_or_run_the_conference() {
    let mut h = viewer();
    let before = sheet_now(&h);
    let log = audit_len(&h.store);
    grid_at(&mut h, 0);

    h.type_text("9");
    assert!(h.app.sheet_ui.edit.is_none(), "no cell editor opened");
    assert_refused(&mut h, "tài khoản này chỉ được xem");
    h.key(KeyCode::Enter);
    assert!(h.app.sheet_ui.edit.is_none());
    h.key(KeyCode::Delete);
    assert_refused(&mut h, "tài khoản này chỉ được xem");
    self_view(&mut h);
    h.type_text("9");
    assert!(h.app.sheet_ui.edit.is_none());
    assert_refused(&mut h, "tài khoản này chỉ được xem");

    for key in ['L', 'b', 'o'] {
        h.key(KeyCode::Char(key));
        assert!(
            h.app.confirm().is_none() && h.app.form().is_none(),
            "{key}: {}",
            h.screen()
        );
        assert_refused(&mut h, "tài khoản này chỉ được xem");
    }
    h.key(KeyCode::Char('x'));
    assert!(h.app.prompt().is_none(), "no export prompt");
    assert_refused(&mut h, "chỉ quản trị viên được ghi tệp trên máy chủ");

    assert_eq!(sheet_now(&h), before);
    assert_eq!(audit_len(&h.store), log);
}

#[test]
fn a_delegate_enters_their_own_self_score_and_it_is_saved() {
    let (mut h, ours) = delegate();
    assert!(h.status().contains("│ đại biểu "), "{}", h.status());
    let item = "I.1";
    assert_eq!(
        sheet_now(&h).cell(ours, item).and_then(|c| c.self_score),
        Some(Points::whole(10)),
        "the demo's self-score is the maximum"
    );
    grid_at(&mut h, 0);
    self_view(&mut h);
    h.type_text("9").key(KeyCode::Enter);

    let after = sheet_now(&h);
    let c = after.cell(ours, item).expect("cell");
    assert_eq!(c.self_score, Some(Points::whole(9)), "{}", h.screen());
    assert!(h.status().contains("Đã lưu"), "{}", h.status());
    let entry = h
        .store
        .audit_entries()
        .expect("audit")
        .pop()
        .expect("entry");
    assert_eq!(
        (entry.actor.as_str(), entry.op, entry.kind),
        ("dai_bieu", Op::Update, Kind::Sheet)
    );

    // Their own undo is theirs too.
    h.key(KeyCode::Esc).undo();
    assert_eq!(
        sheet_now(&h).cell(ours, item).and_then(|c| c.self_score),
        Some(Points::whole(10)),
        "{}",
        h.screen()
    );
}

#[test]
fn a_delegate_cannot_type_a_cluster_score_even_in_their_own_column() {
    let (mut h, _) = delegate();
    let before = sheet_now(&h);
    grid_at(&mut h, 0);
    h.type_text("9");
    assert!(h.app.sheet_ui.edit.is_none(), "no cell editor opened");
    assert_refused(&mut h, "đại biểu trường chỉ được nhập điểm tự chấm");
    h.key(KeyCode::Delete);
    assert_refused(&mut h, "đại biểu trường chỉ được nhập điểm tự chấm");
    // Nor run the conference.
    for key in ['L', 'b', 'o'] {
        h.key(KeyCode::Char(key));
        assert!(h.app.confirm().is_none() && h.app.form().is_none(), "{key}");
        assert_refused(&mut h, "đại biểu trường chỉ được nhập điểm tự chấm");
    }
    assert_eq!(sheet_now(&h), before);
}

#[test]
fn a_delegate_cannot_type_another_schools_self_score() {
    let (mut h, _) = delegate();
    let before = sheet_now(&h);
    grid_at(&mut h, 1);
    self_view(&mut h);
    h.type_text("9");
    assert!(h.app.sheet_ui.edit.is_none(), "no cell editor opened");
    assert_refused(&mut h, "chỉ được nhập điểm tự chấm của trường mình");
    h.key(KeyCode::Delete);
    assert_refused(&mut h, "chỉ được nhập điểm tự chấm của trường mình");

    // Typing starts in their own column, then Tab moves into the next
    // school's: that one is refused when typed into.
    h.key(KeyCode::Home);
    h.type_text("9").key(KeyCode::Tab);
    assert_eq!(h.app.sheet_ui.cursor, (0, 1));
    h.type_text("8");
    assert!(h.app.sheet_ui.edit.is_none());
    assert_refused(&mut h, "chỉ được nhập điểm tự chấm của trường mình");
    let after = sheet_now(&h);
    let (ours, theirs) = (before.schools[0], before.schools[1]);
    assert_eq!(
        after.cell(ours, "I.1").and_then(|c| c.self_score),
        Some(Points::whole(9))
    );
    assert_eq!(after.cell(theirs, "I.1"), before.cell(theirs, "I.1"));
    let mut expected = before.clone();
    expected.cells = after.cells.clone();
    assert_eq!(after, expected, "nothing but the cells changed");
    let changed: Vec<&ScoreCell> = after
        .cells
        .iter()
        .filter(|c| before.cell(c.school, &c.item) != Some(*c))
        .collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
}

#[test]
fn a_delegate_cannot_edit_records() {
    let (mut h, _) = delegate();
    h.key(KeyCode::Char('e'));
    assert!(h.app.form().is_none());
    assert_refused(&mut h, "đại biểu trường chỉ được nhập điểm tự chấm");
    h.key(KeyCode::Char('5')).key(KeyCode::Char('n'));
    assert!(h.app.form().is_none(), "{}", h.screen());
    assert_refused(&mut h, "đại biểu trường chỉ được nhập điểm tự chấm");
}

#[test]
fn a_secretary_cannot_edit_another_clusters_term() {
    let (mut h, c4) = secretary_of_cluster_4();
    assert!(h.status().contains("│ thư ký Cụm 4 │"), "{}", h.status());
    let other = cluster_other_than(&h.store, c4);
    let log = audit_len(&h.store);

    h.key(KeyCode::Char('2'));
    select(&mut h, other.0);
    h.key(KeyCode::Enter);
    let (_, term) = selected_term(&h);
    assert_eq!(term.cluster, other);
    h.key(KeyCode::Char('e'));
    assert!(h.app.form().is_none());
    assert!(!h.screen().contains("┌Sửa nhiệm kỳ"), "{}", h.screen());
    assert_refused(&mut h, "chỉ được sửa dữ liệu của cụm mình");
    h.key(KeyCode::Char('n'));
    assert!(!h.screen().contains("┌Thêm nhiệm kỳ"), "{}", h.screen());
    assert_refused(&mut h, "chỉ được sửa dữ liệu của cụm mình");
    h.key(KeyCode::Char('d'));
    assert!(h.app.confirm().is_none());
    assert_refused(&mut h, "chỉ được sửa dữ liệu của cụm mình");
    assert_eq!(audit_len(&h.store), log);
}

#[test]
fn a_secretary_cannot_type_on_another_clusters_sheet() {
    let (mut h, _) = secretary_of_cluster_4();
    let before = sheet_now(&h);
    grid_at(&mut h, 0);
    h.type_text("9");
    assert!(h.app.sheet_ui.edit.is_none());
    assert_refused(&mut h, "chỉ được sửa dữ liệu của cụm mình");
    self_view(&mut h);
    h.type_text("9");
    assert!(h.app.sheet_ui.edit.is_none());
    assert_refused(&mut h, "chỉ được sửa dữ liệu của cụm mình");
    assert_eq!(sheet_now(&h), before);
}

#[test]
fn a_secretary_edits_their_clusters_term_and_undoes_it() {
    let (mut h, c4) = secretary_of_cluster_4();
    h.key(KeyCode::Char('2'));
    select(&mut h, c4.0);
    h.key(KeyCode::Enter);
    let (id, before) = selected_term(&h);
    assert_eq!(before.cluster, c4);

    h.key(KeyCode::Char('e'));
    assert!(h.screen().contains("┌Sửa nhiệm kỳ"), "{}", h.screen());
    h.focus_field("notes");
    h.type_text(" Thư ký ghi thêm.");
    h.ctrl('s');
    assert!(h.app.form().is_none(), "{}", h.screen());
    assert!(h.status().contains("Đã lưu"), "{}", h.status());
    let saved = h.store.must_get::<Term>(id).expect("term");
    assert!(saved.notes.ends_with("Thư ký ghi thêm."), "{saved:?}");
    let entry = h
        .store
        .audit_entries()
        .expect("audit")
        .pop()
        .expect("entry");
    assert_eq!(
        (entry.actor.as_str(), entry.op, entry.kind, entry.id),
        ("thu_ky", Op::Update, Kind::Term, id.0)
    );

    h.undo();
    assert!(h.status().contains("Đã hoàn tác"), "{}", h.status());
    assert_eq!(h.store.must_get::<Term>(id).expect("term"), before);
    assert_eq!(
        h.store
            .audit_entries()
            .expect("audit")
            .pop()
            .map(|e| e.actor),
        Some("thu_ky".to_string())
    );
}

#[test]
fn a_secretary_keeps_people_but_not_schools() {
    let (mut h, _) = secretary_of_cluster_4();
    let people = h.store.count(Kind::Person).expect("count");
    h.key(KeyCode::Char('5')).key(KeyCode::Char('e'));
    assert!(h.app.form().is_some(), "{}", h.screen());
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('d'));
    assert!(h.app.confirm().is_some(), "{}", h.screen());
    h.key(KeyCode::Char('n'));

    h.key(KeyCode::Char('n'));
    assert!(h.screen().contains("┌Thêm người"), "{}", h.screen());
    h.type_text("Trần Văn Khách").ctrl('s');
    assert!(h.app.form().is_none(), "{}", h.screen());
    assert_eq!(h.store.count(Kind::Person).expect("count"), people + 1);
    let entry = h
        .store
        .audit_entries()
        .expect("audit")
        .pop()
        .expect("entry");
    assert_eq!(
        (entry.actor.as_str(), entry.op, entry.kind),
        ("thu_ky", Op::Insert, Kind::Person)
    );

    // Schools are shared: not even a new one.
    h.key(KeyCode::Char('1')).key(KeyCode::Char('n'));
    assert!(h.app.form().is_none());
    assert_refused(&mut h, "chỉ quản trị viên được sửa dữ liệu dùng chung");
}

#[test]
fn refusals_are_in_english_after_f2() {
    let mut h = viewer();
    h.key(KeyCode::F(2));
    assert!(h.status().contains("│ viewer │"), "{}", h.status());
    h.key(KeyCode::Char('e'));
    assert!(h.app.form().is_none());
    let st = h.status();
    assert!(
        st.contains("Not allowed: this account may only read"),
        "{st}"
    );
    assert!(!st.contains("Không được phép"), "{st}");

    let (mut h, _) = delegate();
    h.key(KeyCode::F(2));
    grid_at_en(&mut h, 1);
    h.key(KeyCode::Char('v')).type_text("9");
    let st = h.status();
    assert!(
        st.contains("Not allowed: you may only enter your own school's self-scores"),
        "{st}"
    );
}

/// `grid_at` for an English session.
fn grid_at_en(h: &mut Harness, column: usize) {
    h.key(KeyCode::Char('4'))
        .key(KeyCode::Enter)
        .key(KeyCode::Home);
    for _ in 0..column {
        h.key(KeyCode::Right);
    }
    assert_eq!(h.app.sheet_ui.cursor, (0, column));
}

#[test]
fn a_secretarys_new_meeting_starts_on_their_cluster_and_the_store_checks_the_real_one() {
    let (mut h, c4) = secretary_of_cluster_4();
    let meetings = h.store.count(Kind::Meeting).expect("count");
    h.key(KeyCode::Char('3')).key(KeyCode::Char('n'));
    assert!(h.screen().contains("┌Thêm hội nghị"), "{}", h.screen());
    // The form starts on the secretary's own cluster.
    let picked = |h: &Harness| {
        h.app.form().and_then(|f| {
            f.fields
                .iter()
                .find(|f| f.key == "cluster")
                .map(|f| f.picked.clone())
        })
    };
    assert_eq!(picked(&h), Some(vec![c4.0]));
    h.focus_field("title");
    h.type_text("Hội nghị thư ký thêm");

    // Moved to another cluster, the store refuses it; the form stays open
    // with the typing, nothing is written.
    h.focus_field("cluster");
    h.type_text("cum 8").key(KeyCode::Enter);
    assert_ne!(picked(&h), Some(vec![c4.0]), "{}", h.screen());
    h.ctrl('s');
    assert!(h.app.form().is_some(), "{}", h.screen());
    let st = h.status();
    assert!(st.contains("chỉ được sửa dữ liệu của cụm mình"), "{st}");
    assert_eq!(h.store.count(Kind::Meeting).expect("count"), meetings);

    // Back on their cluster it is saved.
    h.focus_field("cluster");
    h.type_text("cum 4").key(KeyCode::Enter);
    assert_eq!(picked(&h), Some(vec![c4.0]), "{}", h.screen());
    h.ctrl('s');
    assert!(h.app.form().is_none(), "{}", h.screen());
    let ours = h.store.meetings_of_cluster(Some(c4)).expect("meetings");
    assert!(
        ours.iter().any(|(_, m)| m.title == "Hội nghị thư ký thêm"),
        "{ours:?}"
    );
    assert_eq!(h.store.count(Kind::Meeting).expect("count"), meetings + 1);
}

/// Undoing an addition is a removal, which a secretary may do in the
/// people directory.
#[test]
fn a_secretary_undoes_adding_a_person() {
    let (mut h, _) = secretary_of_cluster_4();
    let people = h.store.count(Kind::Person).expect("count");
    h.key(KeyCode::Char('5')).key(KeyCode::Char('n'));
    h.type_text("Trần Văn Khách").ctrl('s');
    assert_eq!(h.store.count(Kind::Person).expect("count"), people + 1);
    h.undo();
    let st = h.status();
    assert_eq!(h.store.count(Kind::Person).expect("count"), people, "{st}");
}

/// A locked sheet changes only by amendment: a delegate's self-score is
/// refused there by the store too, not only by the app.
#[test]
fn permit_refuses_a_delegate_self_score_on_a_locked_sheet() {
    let lock = SheetLock {
        at: Timestamp(1),
        by: "thu_ky".into(),
    };
    let mut before = sheet();
    before.lock = Some(lock.clone());
    let mut after = edited(OURS, "1.1", |c| c.self_score = Some(Points(800)));
    after.lock = Some(lock);
    assert_eq!(
        permit(&Role::Delegate(OURS), 7, Some(&before), Some(&after)),
        Err(Refusal::SelfScoresOnly)
    );
}

/// A cell for a school that is not on the sheet is no self-score entry.
#[test]
fn permit_refuses_a_cell_for_a_school_off_the_sheet() {
    let mut after = sheet();
    after.cells.push(ScoreCell {
        school: SchoolId(999),
        item: "1.1".into(),
        self_score: Some(Points(100)),
        cluster_score: None,
    });
    assert_eq!(
        update(&Role::Delegate(OURS), &after),
        Err(Refusal::SelfScoresOnly)
    );
}
