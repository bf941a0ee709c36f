//! Shared builders for the integration tests: one fully populated record of
//! every type, so a round trip exercises every field.

#![allow(dead_code)]

pub mod child;
pub mod cli;
pub mod docx;
pub mod english;
pub mod forms;
pub mod formula;
pub mod many_users;
pub mod office;
pub mod rng;
pub mod roles;
pub mod server;
pub mod ssh_client;
pub mod tmux;
pub mod tui;

use std::io::Write;
use std::path::Path;
use std::process::Command;
use thidua::domain::*;
use thidua::store::{Kind, Store};

/// Retries an open while the file lock is still held. sled's background
/// I/O threads can keep the lock a moment after the last handle to a
/// database is dropped, so a test that closes and at once reopens in the
/// same process must wait for it; separate processes are unaffected.
pub fn retry_locked<T, E: std::fmt::Debug>(mut open: impl FnMut() -> Result<T, E>) -> Result<T, E> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        match open() {
            Err(e)
                if format!("{e:?}").to_lowercase().contains("lock")
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            other => return other,
        }
    }
}

/// Opens the store, waiting for a lock a just-closed handle still holds.
pub fn reopen(path: &Path) -> Store {
    retry_locked(|| Store::open(path)).expect("reopen")
}

/// Opens the database with sled directly, waiting likewise.
pub fn sled_open(path: &Path) -> sled::Db {
    retry_locked(|| sled::open(path)).expect("open sled")
}

/// Runs the binary, retrying while it reports the database in use because
/// this test process closed it a moment ago.
pub fn run_after_close(cmd: impl Fn() -> std::process::Output) -> std::process::Output {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let out = cmd();
        if out.status.code() != Some(2) || std::time::Instant::now() >= deadline {
            return out;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// A small multi-threaded runtime for the SSH client tests.
pub fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

/// Runs the real binary in English on a database this process may have
/// just closed (waiting for its lock as [`run_after_close`] does).
pub fn cli_en(db: &Path, args: &[&str]) -> std::process::Output {
    run_after_close(|| {
        Command::new(env!("CARGO_BIN_EXE_thidua"))
            .args(["--lang", "en", "--db"])
            .arg(db)
            .args(args)
            .output()
            .expect("run thidua")
    })
}

/// Writes raw bytes into a tree of a closed database, as damage or an older
/// program would leave them, bypassing the store.
pub fn raw_put(db: &Path, tree: &str, key: &[u8], value: &[u8]) {
    let db = sled_open(db);
    db.open_tree(tree)
        .expect("tree")
        .insert(key, value)
        .expect("insert");
    db.flush().expect("flush");
}

/// Removes a key from a tree of a closed database.
pub fn raw_remove(db: &Path, tree: &str, key: &[u8]) {
    let db = sled_open(db);
    db.open_tree(tree)
        .expect("tree")
        .remove(key)
        .expect("remove");
    db.flush().expect("flush");
}

/// Whether `program` (run with `version_arg`) is installed. Without it the
/// caller skips with a loud message, or fails when `CI` is set: CI installs
/// the tools (`.ci/run`). A tool that is installed but broken always fails.
pub fn available(program: &str, version_arg: &str, package: &str) -> bool {
    match Command::new(program).arg(version_arg).output() {
        Ok(o) => {
            assert!(
                o.status.success(),
                "`{program} {version_arg}` failed: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            true
        }
        Err(e) => {
            let why = format!("{program} not found: {e}");
            if e.kind() != std::io::ErrorKind::NotFound || std::env::var_os("CI").is_some() {
                panic!("{why}; CI must have {program} (.ci/run installs {package})");
            }
            // Straight to stderr: libtest would capture `eprintln!` and hide
            // the message of a passing test.
            let bar = "!".repeat(72);
            let _ = writeln!(
                std::io::stderr(),
                "\n{bar}\n!!! SKIPPED: this end-to-end terminal test needs {program} ({why}).\n\
                 !!! Install it (apt-get install {package}) to run it.\n{bar}"
            );
            false
        }
    }
}

/// The line of the screen that contains `needle`.
pub fn line_with<'a>(screen: &'a str, needle: &str) -> Option<&'a str> {
    screen.lines().find(|l| l.contains(needle))
}

/// The status line: the second line from the bottom.
pub fn status_line(screen: &str) -> &str {
    let lines: Vec<&str> = screen.lines().collect();
    lines.len().checked_sub(2).map_or("", |i| lines[i])
}

/// The id of the cluster numbered `number` ("Cụm 4").
pub fn cluster_id(store: &Store, number: u16) -> ClusterId {
    store
        .all::<Cluster>()
        .expect("clusters")
        .into_iter()
        .find(|(_, c)| c.number == Some(number))
        .unwrap_or_else(|| panic!("no Cụm {number}"))
        .0
}

/// The id of the school named `name`.
pub fn school_id(store: &Store, name: &str) -> SchoolId {
    store
        .all::<School>()
        .expect("schools")
        .into_iter()
        .find(|(_, s)| s.name == name)
        .unwrap_or_else(|| panic!("no school {name}"))
        .0
}

/// The demo's one score sheet (the practice exercise).
pub fn practice_sheet(store: &Store) -> (SheetId, ScoreSheet) {
    let mut all = store.all::<ScoreSheet>().expect("sheets");
    assert_eq!(all.len(), 1, "the demo has one sheet");
    all.remove(0)
}

pub fn src() -> Vec<Source> {
    vec![Source::new(
        "000",
        "Ngày 11/11/2022, tại Trường Chính trị tỉnh Ninh Bình",
    )]
}

pub fn decision() -> Option<Decision> {
    Some(Decision {
        number: "550-QĐ/HVCTQG".into(),
        date: Date::new(2021, 3, 15).ok(),
        issuer: "Học viện Chính trị quốc gia Hồ Chí Minh".into(),
    })
}

pub fn school() -> School {
    School {
        name: "Trường Chính trị tỉnh Hải Dương".into(),
        honorifics: vec!["Trường Chính trị Tô Hiệu".into()],
        former_names: vec![FormerName {
            name: "Trường Đảng tỉnh Hải Hưng".into(),
            until: Date::new(1996, 12, 31).ok(),
        }],
        province: "Hải Dương".into(),
        lineage: vec![LineageEvent {
            date: Date::new(2025, 7, 1).ok(),
            kind: LineageKind::MergedInto,
            other: Some(SchoolId(77)),
            note: "Sáp nhập".into(),
            sources: src(),
        }],
        notes: "Dòng một\nDòng hai".into(),
        illustrative: false,
        sources: src(),
    }
}

pub fn cluster() -> Cluster {
    Cluster {
        number: Some(4),
        name: "Cụm thi đua các Trường Chính trị tỉnh khu vực Đồng bằng sông Hồng".into(),
        aliases: vec!["Cụm Đồng bằng sông Hồng".into()],
        region: "Đồng bằng sông Hồng".into(),
        memberships: vec![Membership {
            year: 2022,
            schools: vec![SchoolId(1), SchoolId(2)],
            stated_count: Some(10),
            complete: false,
            sources: src(),
        }],
        notes: String::new(),
        illustrative: false,
        sources: src(),
        heading: HeadingStyle::State,
    }
}

pub fn term() -> Term {
    Term {
        cluster: ClusterId(3),
        year: 2023,
        head: Some(SchoolId(1)),
        deputies: vec![SchoolId(2), SchoolId(5)],
        elected_at: Some(MeetingId(9)),
        recognition: decision(),
        flag_holder: Some(SchoolId(1)),
        notes: "Đề nghị Học viện công nhận".into(),
        sources: src(),
    }
}

pub fn meeting() -> Meeting {
    Meeting {
        kind: MeetingKind::Seminar,
        cluster: Some(ClusterId(3)),
        year: Some(2022),
        date: Date::new(2022, 11, 11).ok(),
        host: Some(SchoolId(1)),
        place: "Ninh Bình".into(),
        title: "Tọa đàm khoa học cấp Cụm năm 2022".into(),
        topic: "Nâng cao chất lượng đội ngũ".into(),
        papers: Some(13),
        speeches: Some(5),
        chairs: vec![Participant {
            person: Some(PersonId(4)),
            title: "Phó Vụ trưởng".into(),
            organisation: "Vụ Các trường chính trị".into(),
        }],
        guests: vec![Participant {
            person: None,
            title: "Đại diện".into(),
            organisation: "Ban Tuyên giáo".into(),
        }],
        decisions: vec!["Đề nghị Cờ thi đua".into()],
        figures: vec![Figure {
            label: "Học viên".into(),
            value: "hơn 22 nghìn".into(),
        }],
        notes: "Ghi chú".into(),
        illustrative: false,
        sources: src(),
        proceedings: Box::new(Proceedings {
            start: Clock::new(8, 0),
            end: Clock::new(11, 30),
            secretaries: vec![Participant {
                person: Some(PersonId(4)),
                title: "Chánh Văn phòng".into(),
                organisation: "Trường Chính trị tỉnh Ninh Bình".into(),
            }],
            counting_head: Some(Participant {
                person: None,
                title: "Trưởng ban kiểm phiếu".into(),
                organisation: "Trường Chính trị tỉnh Hà Nam".into(),
            }),
            counting_members: Vec::new(),
            delegations: vec![Delegation {
                school: SchoolId(1),
                delegates: 3,
            }],
            minutes: Paper {
                parent: "Tỉnh ủy Ninh Bình".into(),
                issuer: "Trường Chính trị tỉnh Ninh Bình".into(),
                number: "12-BB/TCT".into(),
            },
            tally: Paper::default(),
            tally_numbers: vec![TallyNumber {
                question: Question::Other("Bầu Tổ thư ký".into()),
                number: "13-BB/TCT".into(),
            }],
            proposal: Paper::default(),
            proposal_date: Date::new(2022, 11, 15).ok(),
        }),
    }
}

pub fn person() -> Person {
    Person {
        name: "Nguyễn Văn Viên".into(),
        school: Some(SchoolId(1)),
        organisation: "Vụ Các trường chính trị".into(),
        notes: String::new(),
        sources: src(),
    }
}

pub fn table() -> CriteriaTable {
    let c = |code: &str, max: i64| Criterion {
        code: code.into(),
        name: format!("Tiêu chí {code}"),
        max: Points::whole(max),
        step: Points(50),
    };
    CriteriaTable {
        year: 2024,
        cluster: Some(ClusterId(3)),
        title: "Bảng tiêu chí 2024".into(),
        groups: vec![CriteriaGroup {
            code: "I".into(),
            name: "Đào tạo".into(),
            criteria: vec![c("1.1", 10), c("1.2", 5)],
        }],
        bonus: vec![c("T.1", 2)],
        bonus_cap: Points::whole(3),
        penalties: vec![c("TR.1", 2)],
        tie_break: vec![
            TieBreak::GroupScore("I".into()),
            TieBreak::CriterionScore("1.1".into()),
            TieBreak::MoreBonus,
            TieBreak::FewerPenalties,
            TieBreak::SelfTotal,
        ],
        vote_rule: VoteRule {
            share_num: 2,
            share_den: 3,
            strictly_more: false,
            base: VoteBase::AllMembers,
            quorum_num: 1,
            quorum_den: 2,
        },
        award_quotas: vec![
            AwardQuota {
                kind: AwardKind::AcademyFlag,
                max: 1,
            },
            AwardQuota {
                kind: AwardKind::Other("Giấy khen".into()),
                max: 3,
            },
        ],
        legal_basis: "Nghị định 152/2025/NĐ-CP".into(),
        self_scores_optional: false,
        illustrative: true,
        sources: src(),
    }
}

pub fn sheet() -> ScoreSheet {
    ScoreSheet {
        cluster: ClusterId(3),
        year: 2024,
        table: TableId(8),
        schools: vec![SchoolId(1), SchoolId(2)],
        // Locked, so every criterion is scored for both schools.
        cells: [
            (1, "1.1", 950, 900),
            (2, "1.1", 800, 850),
            (1, "1.2", 500, 450),
            (2, "1.2", 400, 400),
        ]
        .into_iter()
        .map(|(school, item, own, cluster)| ScoreCell {
            school: SchoolId(school),
            item: item.into(),
            self_score: Some(Points(own)),
            cluster_score: Some(Points(cluster)),
        })
        .collect(),
        lock: Some(SheetLock {
            at: Timestamp(1_700_000_000),
            by: "thu_ky".into(),
        }),
        amendments: vec![Amendment {
            at: Timestamp(1_700_000_100),
            by: "thu_ky".into(),
            reason: "Sửa lỗi nhập".into(),
        }],
        illustrative: true,
    }
}

pub fn ballot() -> Ballot {
    Ballot {
        cluster: ClusterId(3),
        year: 2024,
        question: Question::Other("Chiến sĩ thi đua".into()),
        meeting: Some(MeetingId(9)),
        issued: 10,
        valid: 9,
        invalid: 1,
        members_present: 10,
        members_total: 10,
        votes: vec![Vote {
            candidate: SchoolId(1),
            votes: 7,
        }],
        illustrative: true,
    }
}

pub fn award() -> Award {
    Award {
        kind: AwardKind::AcademyCertificate,
        recipient: SchoolId(2),
        year: 2022,
        cluster: Some(ClusterId(3)),
        status: AwardStatus::Decided,
        proposed_at: Some(MeetingId(9)),
        decision: decision(),
        illustrative: false,
        sources: src(),
    }
}

/// The ids the fixtures above refer to, and the kind each must be: the store
/// refuses a reference to a record that does not exist.
fn fixture_target_kind(id: u64) -> Kind {
    match id {
        3 => Kind::Cluster,
        4 => Kind::Person,
        8 => Kind::Table,
        9 => Kind::Meeting,
        _ => Kind::School,
    }
}

/// How many records [`fixture_targets`] makes: ids 1 to 77.
pub const FIXTURE_TARGETS: u64 = 77;

/// Makes, in an empty store, the records the fixtures refer to (schools 1,
/// 2, 5 and 77, cluster 3, person 4, table 8, meeting 9), so the fixtures
/// can be written as they are. Ids come from the store in order, so filler
/// schools take the ids between.
pub fn fixture_targets(store: &Store) {
    for want in 1..=FIXTURE_TARGETS {
        let got = match fixture_target_kind(want) {
            Kind::Cluster => store
                .insert("fixture", Cluster::new(Some(3), "Cụm mẫu", "Vùng mẫu"))
                .map(|i| i.0),
            Kind::Person => store
                .insert("fixture", Person::new("Người mẫu"))
                .map(|i| i.0),
            Kind::Table => {
                let mut t = table();
                t.year = 1999;
                store.insert("fixture", t).map(|i| i.0)
            }
            Kind::Meeting => store
                .insert("fixture", Meeting::new(MeetingKind::Other, None, "Họp mẫu"))
                .map(|i| i.0),
            _ => store
                .insert(
                    "fixture",
                    School::new(&format!("Trường mẫu {want}"), "Tỉnh mẫu"),
                )
                .map(|i| i.0),
        }
        .expect("fixture target");
        assert_eq!(got, want, "fixture targets need an empty store");
    }
}

/// Locks a sheet as the secretary `thu_ky` (the store refuses an
/// incomplete one).
pub fn lock_sheet(store: &Store, id: SheetId) -> Result<(), thidua::store::StoreError> {
    store
        .modify::<ScoreSheet>("thu_ky", id, |s| {
            s.lock = Some(SheetLock {
                at: Timestamp::now(),
                by: "thu_ky".into(),
            });
            Ok(())
        })
        .map(drop)
}
