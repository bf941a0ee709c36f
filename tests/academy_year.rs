//! The Academy's year (issue 15, item 3): `thidua history --year` lists
//! every cluster's year, proposals with their ids; several proposals are
//! decided at once, from the command line, the store and the TUI, with one
//! decision on all of them and an audit entry each; a refused batch writes
//! nothing.

mod common;

use common::cli::{ok_at as ok, run_at};

use common::tui::Harness;
use crossterm::event::KeyCode;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;
use thidua::domain::access::Role;
use thidua::domain::deciding::{ACADEMY, DecideRefusal};
use thidua::domain::*;
use thidua::store::{Kind, Op, Store, StoreError};

/// A demo database made by `thidua init --demo`.
fn demo_db() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db");
    ok(&db, &["init", "--demo"]);
    (dir, db)
}

/// The demo's 2022 proposals of Cụm 4 as the store holds them:
/// (id, recipient's short name, kind).
fn cluster4_2022(store: &Store) -> Vec<(AwardId, String, AwardKind)> {
    let c4 = common::cluster_id(store, 4);
    let schools = store.map::<School>().expect("schools");
    let mut v: Vec<(AwardId, String, AwardKind)> = store
        .awards_of_cluster(c4)
        .expect("awards")
        .into_iter()
        .filter(|(_, a)| a.year == 2022 && a.status == AwardStatus::Proposed)
        .map(|(id, a)| (id, schools[&a.recipient].short_name(), a.kind))
        .collect();
    v.sort_by_key(|(id, ..)| *id);
    v
}

fn year_json(db: &Path, year: &str) -> Value {
    let text = ok(db, &["history", "--year", year, "--json"]);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

fn cluster_of(v: &Value, number: u64) -> &Value {
    v["clusters"]
        .as_array()
        .expect("clusters")
        .iter()
        .find(|c| c["number"] == number)
        .unwrap_or_else(|| panic!("no Cụm {number} in {v:#}"))
}

#[test]
fn history_year_2022_lists_cluster_4s_proposals_in_text_and_json() {
    let (_dir, db) = demo_db();
    let expected = {
        let store = Store::open(&db).expect("open");
        cluster4_2022(&store)
    };
    assert_eq!(expected.len(), 3, "the demo's 2022 holds three proposals");

    let text = ok(&db, &["history", "--year", "2022"]);
    assert!(text.starts_with("Năm 2022 của Học viện"), "{text}");
    // Cụm 4's block runs to the blank line before the next cluster.
    let start = text.find("Cụm 4 ·").expect("Cụm 4 listed");
    let block = &text[start..];
    let block = &block[..block.find("\n\n").unwrap_or(block.len())];
    for (id, school, kind) in &expected {
        let line = format!("#{} {} · {school}", id.0, kind.name_vi());
        assert!(block.contains(&line), "{line} missing from:\n{block}");
    }
    assert!(block.contains("Ninh Bình"), "the head: {block}");
    assert!(block.contains("chưa có"), "no sheet in 2022: {block}");
    // The other clusters are there too, each with its own block.
    assert!(text.contains("Cụm 8 ·"), "{text}");

    let json = year_json(&db, "2022");
    assert_eq!(json["year"], 2022);
    let c4 = cluster_of(&json, 4);
    let mut got: Vec<(u64, String, String)> = c4["proposals"]
        .as_array()
        .expect("proposals")
        .iter()
        .map(|p| {
            assert_eq!(p["status"], "proposed");
            (
                p["id"].as_u64().expect("id"),
                p["school"]["short_name"]
                    .as_str()
                    .expect("name")
                    .to_string(),
                p["kind"].as_str().expect("kind").to_string(),
            )
        })
        .collect();
    got.sort();
    let want: Vec<(u64, String, String)> = expected
        .iter()
        .map(|(id, s, k)| (id.0, s.clone(), k.name_vi().to_string()))
        .collect();
    assert_eq!(got, want);
    assert_eq!(c4["head"]["short_name"], "Ninh Bình");
    assert_eq!(c4["sheet"], "none");
    assert_eq!(c4["meetings"].as_array().expect("meetings").len(), 2);
    assert!(c4["decisions"].as_array().expect("decisions").is_empty());
    // Another year holds none of them.
    let other = year_json(&db, "2021");
    assert!(
        cluster_of(&other, 4)["proposals"]
            .as_array()
            .expect("proposals")
            .is_empty()
    );
}

#[test]
fn decide_on_the_command_line_records_one_decision_on_both_with_audit() {
    let (_dir, db) = demo_db();
    let c4 = year_json(&db, "2022");
    let certs: Vec<u64> = cluster_of(&c4, 4)["proposals"]
        .as_array()
        .expect("proposals")
        .iter()
        .filter(|p| p["kind"] == "Bằng khen của Học viện")
        .map(|p| p["id"].as_u64().expect("id"))
        .collect();
    assert_eq!(certs.len(), 2);
    let (a, b) = (certs[0].to_string(), certs[1].to_string());
    let args = [
        "decide",
        "--year",
        "2022",
        "--number",
        "45-QĐ/HVCTQG",
        "--date",
        "20/01/2023",
        &a,
        &b,
    ];
    let said = ok(&db, &args);
    assert!(said.contains("45-QĐ/HVCTQG"), "{said}");

    let after = year_json(&db, "2022");
    let c4 = cluster_of(&after, 4);
    let decided: Vec<&Value> = c4["decisions"]
        .as_array()
        .expect("decisions")
        .iter()
        .collect();
    assert_eq!(decided.len(), 2, "{c4:#}");
    for d in &decided {
        assert!(certs.contains(&d["id"].as_u64().expect("id")));
        assert_eq!(d["status"], "decided");
        assert_eq!(d["decision"]["number"], "45-QĐ/HVCTQG");
        assert_eq!(d["decision"]["date"], "20/01/2023");
        assert_eq!(d["decision"]["issuer"], ACADEMY);
    }
    assert_eq!(c4["proposals"].as_array().expect("left").len(), 1);

    // Each award has its own audit entry for the change.
    let store = Store::open(&db).expect("open");
    for id in &certs {
        let entries = store.audit_of(Kind::Award, *id).expect("audit");
        let last = entries.last().expect("an entry");
        assert_eq!(last.op, Op::Update, "{last:?}");
    }
    drop(store);

    // Deciding them again is refused and changes nothing.
    let again = run_at(&db, &args);
    assert!(!again.status.success());
    let why = String::from_utf8_lossy(&again.stderr);
    assert!(why.contains("không còn là đề nghị"), "{why}");
    // A proposal of another year is refused before anything is written.
    let flag = cluster_of(&year_json(&db, "2022"), 4)["proposals"][0]["id"]
        .as_u64()
        .expect("flag id")
        .to_string();
    let wrong = run_at(
        &db,
        &[
            "decide", "--year", "2021", "--number", "1", "--date", "1/1/2023", &flag,
        ],
    );
    assert!(!wrong.status.success());
    let bad_date = run_at(
        &db,
        &[
            "decide",
            "--year",
            "2022",
            "--number",
            "1",
            "--date",
            "31/02/2023",
            &flag,
        ],
    );
    assert!(!bad_date.status.success());
    assert_eq!(
        cluster_of(&year_json(&db, "2022"), 4)["proposals"]
            .as_array()
            .expect("left")
            .len(),
        1,
        "the refusals wrote nothing"
    );
}

fn decision(number: &str) -> Decision {
    Decision {
        number: number.into(),
        date: Date::new(2023, 1, 20).ok(),
        issuer: ACADEMY.into(),
    }
}

#[test]
fn the_store_decides_a_batch_in_one_transaction_and_refuses_it_whole() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("db")).expect("open");
    thidua::demo::load(&store).expect("demo");
    let props = cluster4_2022(&store);
    let ids: Vec<AwardId> = props.iter().map(|(id, ..)| *id).collect();
    let (first, second, third) = (ids[0], ids[1], ids[2]);
    let before_log = store.audit_entries().expect("log").len();

    let done = store
        .decide_awards("thu_ky", &[first, second], &decision("7-QĐ/HVCTQG"))
        .expect("decided");
    assert_eq!(done.len(), 2);
    for id in [first, second] {
        let a: Award = store.must_get(id).expect("award");
        assert_eq!(a.status, AwardStatus::Decided);
        assert_eq!(a.decision, Some(decision("7-QĐ/HVCTQG")));
    }
    let log = store.audit_entries().expect("log");
    assert_eq!(log.len(), before_log + 2, "one entry per award");
    let new: Vec<_> = log[before_log..].iter().map(|e| (e.kind, e.id)).collect();
    assert!(new.contains(&(Kind::Award, first.0)) && new.contains(&(Kind::Award, second.0)));

    let untouched = |store: &Store| {
        let a: Award = store.must_get(third).expect("award");
        assert_eq!(a.status, AwardStatus::Proposed);
        assert!(a.decision.is_none());
        assert_eq!(store.audit_entries().expect("log").len(), before_log + 2);
    };
    // One already decided in the batch: the whole batch is refused.
    assert_eq!(
        store.decide_awards("thu_ky", &[third, first], &decision("8")),
        Err(StoreError::Decide(DecideRefusal::NotProposal(first)))
    );
    untouched(&store);
    assert_eq!(
        store.decide_awards("thu_ky", &[third], &decision("  ")),
        Err(StoreError::Decide(DecideRefusal::NoNumber))
    );
    let mut undated = decision("8");
    undated.date = None;
    assert_eq!(
        store.decide_awards("thu_ky", &[third], &undated),
        Err(StoreError::Decide(DecideRefusal::NoDate))
    );
    assert_eq!(
        store.decide_awards("thu_ky", &[third, third], &decision("8")),
        Err(StoreError::Decide(DecideRefusal::Twice(third)))
    );
    assert_eq!(
        store.decide_awards("thu_ky", &[], &decision("8")),
        Err(StoreError::Decide(DecideRefusal::NothingChosen))
    );
    assert!(matches!(
        store.decide_awards("thu_ky", &[third, AwardId(u64::MAX - 1)], &decision("8")),
        Err(StoreError::NotFound { .. })
    ));
    // A viewer may not decide.
    let viewer = Role::Viewer;
    let by = thidua::store::Author {
        actor: "xem",
        reason: "",
        role: &viewer,
    };
    assert!(matches!(
        store.decide_awards(by, &[third], &decision("8")),
        Err(StoreError::Refused(_))
    ));
    untouched(&store);
}

#[test]
fn deciding_two_proposals_at_once_in_the_tui() {
    let mut h = Harness::demo(80, 24);
    let props = cluster4_2022(&h.store);
    let before_log = h.store.audit_entries().expect("log").len();
    h.key(KeyCode::Char('Y'));
    let year = h.app.year_view().expect("the Academy's year is open").year;
    assert_eq!(
        year, 2022,
        "opens on the latest year with a proposal waiting"
    );
    let screen = h.screen();
    assert!(screen.contains("Năm 2022 của Học viện"), "{screen}");
    assert!(
        screen.contains("Space"),
        "marking is in the key bar: {screen}"
    );
    // The flag first, then the two certificates: mark the certificates.
    h.key(KeyCode::Down)
        .key(KeyCode::Char(' '))
        .key(KeyCode::Char(' '));
    assert_eq!(h.app.year_view().expect("open").marked.len(), 2);
    h.key(KeyCode::Char('D'));
    assert!(h.app.year_view().expect("open").deciding.is_some());
    // A date that does not exist is refused; the typing stays.
    h.type_text("45-QĐ/HVCTQG")
        .key(KeyCode::Tab)
        .type_text("31/02/2023")
        .key(KeyCode::Enter);
    let form = h
        .app
        .year_view()
        .expect("open")
        .deciding
        .clone()
        .expect("kept");
    assert!(form.error.is_some());
    assert_eq!(form.number.text(), "45-QĐ/HVCTQG");
    assert_eq!(h.store.audit_entries().expect("log").len(), before_log);
    h.key(KeyCode::End);
    for _ in 0.."31/02/2023".len() {
        h.key(KeyCode::Backspace);
    }
    h.type_text("20/01/2023").key(KeyCode::Enter);
    assert!(h.app.year_view().expect("open").deciding.is_none());

    let certs: Vec<AwardId> = props
        .iter()
        .filter(|(_, _, k)| *k == AwardKind::AcademyCertificate)
        .map(|(id, ..)| *id)
        .collect();
    for id in &certs {
        let a: Award = h.store.must_get(*id).expect("award");
        assert_eq!(a.status, AwardStatus::Decided);
        let d = a.decision.expect("decision");
        assert_eq!(d.number, "45-QĐ/HVCTQG");
        assert_eq!(d.date, Date::new(2023, 1, 20).ok());
        let audit = h.store.audit_of(Kind::Award, id.0).expect("audit");
        assert_eq!(audit.last().expect("entry").actor, "tester");
    }
    let flag = props
        .iter()
        .find(|(_, _, k)| *k == AwardKind::AcademyFlag)
        .expect("flag");
    let f: Award = h.store.must_get(flag.0).expect("flag");
    assert_eq!(f.status, AwardStatus::Proposed, "the unmarked one stays");
    assert_eq!(h.store.audit_entries().expect("log").len(), before_log + 2);
    let screen = h.screen();
    assert!(
        screen.contains("QĐ 45-QĐ/HVCTQG ngày 20/01/2023"),
        "{screen}"
    );

    // One undo takes the whole decision back.
    h.key(KeyCode::Esc).undo();
    for id in &certs {
        let a: Award = h.store.must_get(*id).expect("award");
        assert_eq!(a.status, AwardStatus::Proposed);
    }
}
