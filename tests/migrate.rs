//! Schema versions: an older database is migrated on open, a newer or
//! unreadable marker is refused with a clear message.

mod common;

use sha2::Digest;
use thidua::domain::*;
use thidua::store::{AuditEntry, Kind, SCHEMA_VERSION, Store, StoreError, codec};

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

    let out = common::cli::output(
        std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
            .arg("--db")
            .arg(dir.path())
            .arg("history"),
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("phiên bản lược đồ"), "{stderr}");
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

/// Seals a payload in an envelope as schema 1 wrote it.
fn envelope(payload: &[u8]) -> Vec<u8> {
    let mut out = vec![codec::ENVELOPE_VERSION];
    out.extend_from_slice(&crc32fast::hash(payload).to_be_bytes());
    out.extend_from_slice(payload);
    out
}

#[test]
fn schema_1_gains_the_tables_new_field_and_the_reverse_references() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db");
    let tables = {
        let store = Store::open(&db).expect("open");
        thidua::demo::load(&store).expect("demo");
        store.all::<CriteriaTable>().expect("tables")
    };
    assert!(!tables.is_empty());
    // Back to schema 1 as a real version-1 database would be: tables
    // without their last field (a bool, one byte) in the tree and in the
    // audit log (re-chained), no refs tree, version 1, no safety record.
    let v1 = |bytes: &[u8]| {
        let payload = codec::payload(bytes).expect("payload");
        envelope(&payload[..payload.len() - 1])
    };
    {
        let raw = common::sled_open(&db);
        let tree = raw.open_tree(Kind::Table.tree()).expect("tree");
        for (id, t) in &tables {
            let old = v1(&codec::encode(t).expect("enc"));
            assert!(codec::decode::<CriteriaTable>(&old).is_err());
            tree.insert(codec::id_key(id.0), old).expect("put");
        }
        let log = raw.open_tree("audit").expect("audit");
        let mut prev = [0u8; 32];
        let mut last = 0u64;
        let entries: Vec<_> = log.iter().map(|r| r.expect("entry")).collect();
        for (k, v) in entries {
            let mut e: AuditEntry = codec::decode(&v).expect("entry");
            if e.kind == Kind::Table {
                e.before = e.before.as_deref().map(v1);
                e.after = e.after.as_deref().map(v1);
            }
            e.prev_hash = prev;
            let bytes = codec::encode(&e).expect("enc");
            prev = sha2::Sha256::digest(&bytes).into();
            last = e.seq;
            log.insert(k, bytes).expect("put");
        }
        let meta = raw.open_tree("meta").expect("meta");
        meta.insert(b"audit_head", codec::encode(&(last, prev)).expect("enc"))
            .expect("head");
        raw.drop_tree("refs").expect("drop refs");
        meta.insert(b"schema_version", codec::encode(&1u32).expect("enc"))
            .expect("version");
        raw.flush().expect("flush");
    }
    std::fs::remove_file(db.join("thidua.safety")).expect("no safety record in version 1");
    let store = common::reopen(&db);
    let migrated = store.all::<CriteriaTable>().expect("tables decode again");
    assert_eq!(migrated, tables);
    assert!(migrated.iter().all(|(_, t)| !t.self_scores_optional));
    assert!(store.check_references().expect("refs").is_empty());
    // Each rewrite is in the log, so the records still match it.
    let rewrites = store
        .audit_entries()
        .expect("log")
        .into_iter()
        .filter(|e| e.kind == Kind::Table && e.actor == "thidua")
        .count();
    assert_eq!(rewrites, tables.len());
    assert!(store.verify_audit().expect("verify").is_empty());
    // And the references work: a referenced school cannot go.
    let hn = common::school_id(&store, "Trường Chính trị tỉnh Hà Nam");
    assert!(matches!(
        store.delete::<School>("t", hn),
        Err(StoreError::Referenced { .. })
    ));
    drop(store);
    let out = common::cli_en(&db, &["check"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
