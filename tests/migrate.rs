//! Schema versions: an older database is migrated on open, a newer or
//! unreadable marker is refused with a clear message.

mod common;

use thidua::domain::*;
use thidua::store::{Kind, SCHEMA_VERSION, Store, StoreError, codec};

#[test]
fn a_database_without_a_schema_version_gets_its_indexes_rebuilt() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Records as a pre-versioning build left them: present, but no meta and no indexes.
    common::raw_put(
        dir.path(),
        Kind::School.tree(),
        &codec::id_key(5),
        &codec::encode(&common::school()).expect("enc"),
    );
    let mut term = common::term();
    term.head = Some(SchoolId(5));
    common::raw_put(
        dir.path(),
        Kind::Term.tree(),
        &codec::id_key(6),
        &codec::encode(&term).expect("enc"),
    );

    let store = common::reopen(dir.path());
    assert!(store.check_indexes().expect("check").is_empty());
    assert_eq!(
        store
            .term_of(term.cluster, term.year)
            .expect("term")
            .map(|(id, _)| id),
        Some(TermId(6))
    );
    assert_eq!(
        store
            .lookup("hai duong")
            .expect("lookup")
            .first()
            .map(|h| h.id),
        Some(5)
    );
    drop(store);
    // The version is now recorded, so the next open does not migrate again.
    let db = common::sled_open(dir.path());
    let v = db
        .open_tree("meta")
        .expect("meta")
        .get(b"schema_version")
        .expect("get")
        .expect("present");
    assert_eq!(codec::decode::<u32>(&v), Ok(SCHEMA_VERSION));
}

#[test]
fn a_newer_database_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    drop(Store::open(dir.path()).expect("create"));
    common::raw_put(
        dir.path(),
        "meta",
        b"schema_version",
        &codec::encode(&(SCHEMA_VERSION + 1)).expect("enc"),
    );
    let err = common::retry_locked(|| Store::open(dir.path()))
        .err()
        .expect("must refuse");
    assert!(
        matches!(err, StoreError::NewerSchema { found, .. } if found == SCHEMA_VERSION + 1),
        "{err:?}"
    );
    assert!(err.to_string().contains("newer"), "{err}");

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
        .arg("--db")
        .arg(dir.path())
        .arg("history")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("schema version"), "{stderr}");
}

#[test]
fn an_unreadable_schema_marker_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    drop(Store::open(dir.path()).expect("create"));
    common::raw_put(dir.path(), "meta", b"schema_version", b"junk");
    let err = common::retry_locked(|| Store::open(dir.path()))
        .err()
        .expect("must refuse");
    assert!(matches!(err, StoreError::UnknownSchema { .. }), "{err:?}");
}
