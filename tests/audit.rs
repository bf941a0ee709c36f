//! The audit log: every write appends an entry in the same transaction, and
//! altering, removing or reordering entries is detected by `audit verify`.

mod common;

use thidua::domain::*;
use thidua::store::{AuditEntry, Kind, Op, Store, StoreError, codec};

/// The fixtures without their references, so the log holds exactly the
/// three writes below (a reference needs its target written first).
fn unlinked_school() -> School {
    let mut s = common::school();
    s.lineage.clear();
    s
}

fn db_with_history() -> (tempfile::TempDir, SchoolId) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = common::reopen(dir.path());
    let id = store.insert("thu_ky", unlinked_school()).expect("insert");
    let mut s = unlinked_school();
    s.name = "Trường Chính trị tỉnh Ninh Bình".into();
    store.update("thu_ky", id, s).expect("update");
    let mut p = common::person();
    p.school = None;
    store.insert("chu_tich", p).expect("insert");
    (dir, id)
}

fn verify_cli(dir: &std::path::Path) -> (Option<i32>, String) {
    let out = common::cli_en(dir, &["audit", "verify"]);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), text)
}

#[test]
fn each_write_is_logged_with_who_what_and_before_after() {
    let (dir, id) = db_with_history();
    let store = common::reopen(dir.path());
    let log = store.audit_of(Kind::School, id.0).expect("log");
    assert_eq!(
        log.iter().map(|e| e.op).collect::<Vec<_>>(),
        vec![Op::Insert, Op::Update]
    );
    assert!(log.iter().all(|e| e.actor == "thu_ky"));
    let before: School = codec::decode(log[1].before.as_deref().expect("before")).expect("decode");
    let after: School = codec::decode(log[1].after.as_deref().expect("after")).expect("decode");
    assert_eq!(before.name, "Trường Chính trị tỉnh Hải Dương");
    assert_eq!(after.name, "Trường Chính trị tỉnh Ninh Bình");
    assert!(store.verify_audit().expect("verify").is_empty());
    drop(store);
    let (code, text) = verify_cli(dir.path());
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("intact") && text.contains("3 entries"),
        "{text}"
    );
}

#[test]
fn altering_one_entry_is_detected() {
    let (dir, _) = db_with_history();
    let raw = {
        let db = common::sled_open(dir.path());
        let v = db
            .open_tree("audit")
            .expect("audit")
            .get(codec::id_key(2))
            .expect("get")
            .expect("entry 2");
        v.to_vec()
    };
    // An attacker who knows the format re-encodes a valid envelope with a new actor.
    let mut entry: AuditEntry = codec::decode(&raw).expect("decode");
    entry.actor = "someone_else".into();
    common::raw_put(
        dir.path(),
        "audit",
        &codec::id_key(2),
        &codec::encode(&entry).expect("encode"),
    );

    // A broken chain is not opened for use; `check` shows where it breaks.
    let err = common::retry_locked(|| Store::open(dir.path()))
        .err()
        .expect("a broken chain must be refused");
    assert!(matches!(err, StoreError::Mismatch { .. }), "{err:?}");
    let report = common::retry_locked(|| Store::check(dir.path())).expect("check runs");
    let chain: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| matches!(f.problem, thidua::store::verify::Problem::Chain(_)))
        .map(|f| f.key.as_str())
        .collect();
    assert_eq!(chain, vec!["0000000000000003"], "{:?}", report.findings);
    let (code, text) = verify_cli(dir.path());
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("#3") && text.contains("tampered"), "{text}");
}

#[test]
fn removing_the_last_entry_is_detected() {
    let (dir, _) = db_with_history();
    common::raw_remove(dir.path(), "audit", &codec::id_key(3));
    // The safety record knows three changes were saved: the database is
    // refused rather than opened as the older one it now is.
    let err = common::retry_locked(|| Store::open(dir.path()))
        .err()
        .expect("a log missing its last entry must be refused");
    assert_eq!(
        err,
        StoreError::Older {
            path: dir.path().to_path_buf(),
            recorded: 3,
            found: 2,
        }
    );
    let report = common::retry_locked(|| Store::check(dir.path())).expect("check runs");
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.tree == "audit" && f.key == "0000000000000003"),
        "{:?}",
        report.findings
    );
}

#[test]
fn a_refused_write_leaves_no_audit_entry() {
    let (dir, id) = db_with_history();
    let store = common::reopen(dir.path());
    let before = store.audit_entries().expect("log").len();
    assert!(
        store.update("x", TermId(id.0), common::term()).is_err(),
        "no such term"
    );
    assert_eq!(store.audit_entries().expect("log").len(), before);
}
