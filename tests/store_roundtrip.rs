//! Every record type round-trips through the store and survives closing and
//! reopening the database.

mod common;

use thidua::domain::*;
use thidua::store::{Kind, Record, Store, StoreError};

fn roundtrip<R: Record>(value: R) {
    let dir = tempfile::tempdir().expect("temp dir");
    let id = {
        let store = Store::open(dir.path()).expect("open");
        common::fixture_targets(&store);
        let id = store.insert("test", value.clone()).expect("insert");
        assert_eq!(store.get::<R>(id).expect("get").as_ref(), Some(&value));
        id
    };
    let store = common::reopen(dir.path());
    assert_eq!(
        store.get::<R>(id).expect("get after reopen"),
        Some(value.clone())
    );
    let made: Vec<(R::Id, R)> = store
        .all::<R>()
        .expect("all")
        .into_iter()
        .filter(|(i, _)| (*i).into() > common::FIXTURE_TARGETS)
        .collect();
    assert_eq!(made, vec![(id, value)]);
    assert!(store.check_indexes().expect("check").is_empty());
    assert!(store.check_references().expect("refs").is_empty());
}

#[test]
fn school_round_trips() {
    roundtrip(common::school());
}

#[test]
fn cluster_round_trips() {
    roundtrip(common::cluster());
}

#[test]
fn term_round_trips() {
    roundtrip(common::term());
}

#[test]
fn meeting_round_trips() {
    roundtrip(common::meeting());
}

#[test]
fn person_round_trips() {
    roundtrip(common::person());
}

#[test]
fn criteria_table_round_trips() {
    roundtrip(common::table());
}

#[test]
fn score_sheet_round_trips() {
    roundtrip(common::sheet());
}

#[test]
fn ballot_round_trips() {
    roundtrip(common::ballot());
}

#[test]
fn award_round_trips() {
    roundtrip(common::award());
}

#[test]
fn updates_and_deletes_survive_reopen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (kept, gone) = {
        let store = Store::open(dir.path()).expect("open");
        common::fixture_targets(&store);
        let kept = store.insert("test", common::school()).expect("insert");
        let gone = store.insert("test", common::person()).expect("insert");
        let mut s = common::school();
        s.name = "Trường Chính trị tỉnh Ninh Bình".into();
        store.update("test", kept, s).expect("update");
        let old = store.delete::<Person>("test", gone).expect("delete");
        assert_eq!(old, common::person());
        (kept, gone)
    };
    let store = common::reopen(dir.path());
    assert_eq!(
        store.must_get::<School>(kept).expect("get").name,
        "Trường Chính trị tỉnh Ninh Bình"
    );
    assert_eq!(store.get::<Person>(gone).expect("get"), None);
    let log = store.audit_entries().expect("audit");
    assert_eq!(
        log.len() as u64,
        common::FIXTURE_TARGETS + 4,
        "the fixtures, then insert, insert, update, delete"
    );
    assert!(store.verify_audit().expect("verify").is_empty());
    assert!(store.check_indexes().expect("check").is_empty());
    assert_eq!(
        store.count(Kind::Person).expect("count"),
        1,
        "the fixture's"
    );
}

#[test]
fn text_is_cleaned_before_it_is_stored() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path()).expect("open");
    // NFD Vietnamese, an escape sequence and a bidi override.
    let mut s = School::new(
        "Tru\u{031B}o\u{031B}\u{0300}ng \x1b[31mHa\u{0309}i\u{202E} Du\u{031B}o\u{031B}ng",
        "x",
    );
    s.notes = "a\r\nb\x07".into();
    let id = store.insert("test", s).expect("insert");
    let got = store.must_get::<School>(id).expect("get");
    assert_eq!(got.name, "Trường Hải Dương");
    assert_eq!(got.notes, "a\nb");
}

#[test]
fn second_term_for_the_same_cluster_and_year_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path()).expect("open");
    common::fixture_targets(&store);
    let first = store.insert("test", common::term()).expect("insert");
    let before = store.audit_entries().expect("audit").len();
    let err = store
        .insert("test", common::term())
        .expect_err("must conflict");
    assert!(
        matches!(
            err,
            StoreError::Taken {
                kind: Kind::Term,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(store.all::<Term>().expect("all").len(), 1);
    assert_eq!(store.audit_entries().expect("audit").len(), before);
    assert_eq!(
        store
            .term_of(ClusterId(3), 2023)
            .expect("term")
            .map(|(id, _)| id),
        Some(first)
    );
    assert!(store.check_indexes().expect("check").is_empty());
}
