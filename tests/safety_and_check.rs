//! What `check`, `audit head` and the safety record promise
//! (docs/integrity.md): a record changed or removed behind the audit log's
//! back, or the log's tail cut off, is found and named by tree and key; a
//! database that lost acknowledged changes is refused, not opened older;
//! damage found at open refuses every write until it is gone; the safety
//! record itself missing or damaged costs nothing.

mod common;

use std::path::Path;
use std::process::Output;
use thidua::domain::*;
use thidua::store::verify::Problem;
use thidua::store::{Kind, Store, StoreError, codec, safety};

fn thidua(db: &Path, lang: &str, args: &[&str]) -> Output {
    common::run_after_close(|| {
        common::cli::output(
            std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
                .arg("--db")
                .arg(db)
                .args(["--lang", lang])
                .args(args)
                .env_remove("THIDUA_DB"),
        )
    })
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A demo database, closed, in `dir/db`.
fn demo(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("db");
    let store = Store::open(&db).expect("open");
    thidua::demo::load(&store).expect("demo");
    db
}

/// Every file of the database folder, by name, with its bytes.
fn files(db: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(db)
        .expect("read dir")
        .map(|e| e.expect("entry"))
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| e.file_name() != safety::LOG)
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect();
    out.sort();
    out
}

/// A school that refers to no other record.
fn new_school() -> School {
    School::new("Trường Chính trị tỉnh Thử", "Thử")
}

/// A person of no school, so it refers to no other record.
fn unlinked_person() -> Person {
    let mut p = common::person();
    p.school = None;
    p
}

/// The first school of a closed database and its stored bytes.
fn first_school(db: &Path) -> (u64, Vec<u8>) {
    let sled = common::sled_open(db);
    let (k, v) = sled
        .open_tree(Kind::School.tree())
        .expect("tree")
        .first()
        .expect("read")
        .expect("a school");
    (codec::read_u64(&k).expect("id"), v.to_vec())
}

#[test]
fn a_record_changed_without_an_audit_entry_fails_check_by_tree_and_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    let (id, bytes) = first_school(&db);
    let mut school: School = codec::decode(&bytes).expect("decode");
    school.name = "Trường đã bị sửa lén".into();
    // A valid envelope: only the audit log can tell.
    common::raw_put(
        &db,
        Kind::School.tree(),
        &codec::id_key(id),
        &codec::encode(&school).expect("encode"),
    );
    let key = format!("{id:016x}");

    let out = thidua(&db, "en", &["check"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    let line = common::line_with(&stdout, &key).unwrap_or_default();
    assert!(
        line.contains("schools") && line.contains("differs from its last copy"),
        "check must name tree and key: {stdout}"
    );

    // Opening it would show a record older or other than acknowledged:
    // it is refused in one line, and left as it was.
    let before = files(&db);
    let err = common::retry_locked(|| Store::open(&db))
        .err()
        .expect("refused");
    assert_eq!(
        err,
        StoreError::Mismatch {
            path: db.clone(),
            tree: "schools".into(),
            key: key.clone(),
            others: 0,
        }
    );
    let out = thidua(&db, "vi", &["history"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("không khớp nhật ký kiểm toán") && stderr.contains(&key),
        "{stderr}"
    );
    assert_eq!(files(&db), before, "a refused database is left as it was");

    // Putting the record back as the log has it opens it again.
    common::raw_put(&db, Kind::School.tree(), &codec::id_key(id), &bytes);
    let store = common::reopen(&db);
    assert!(store.damage().is_empty(), "{:?}", store.damage());
    store
        .insert("x", new_school())
        .expect("writes are accepted again");
    drop(store);
    let out = thidua(&db, "en", &["check"]);
    assert_eq!(out.status.code(), Some(0), "{:?}", text(&out));
}

#[test]
fn a_record_the_log_never_wrote_is_shown_and_refuses_writes_until_removed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    common::raw_put(
        &db,
        Kind::Person.tree(),
        &codec::id_key(9999),
        &codec::encode(&unlinked_person()).expect("encode"),
    );
    let store = common::reopen(&db);
    // The record, and the name index and references that do not know it.
    assert_eq!(
        store
            .damage()
            .iter()
            .filter(|f| !matches!(f.problem, Problem::Index(_) | Problem::Reference(_)))
            .map(|f| (f.tree.as_str(), f.key.as_str(), f.problem.clone()))
            .collect::<Vec<_>>(),
        vec![("people", "000000000000270f", Problem::NoEntry)]
    );
    let damaged = store.damage().len() as u64;
    let entries = store.audit_entries().expect("log").len();
    for attempt in [
        store.insert("x", new_school()).map(drop),
        store.delete::<Person>("x", PersonId(9999)).map(drop),
    ] {
        assert!(
            attempt == Err(StoreError::WritesRefused { damaged }),
            "{attempt:?}"
        );
    }
    assert_eq!(store.audit_entries().expect("log").len(), entries);
    let line = thidua::explain::integrity::store_error(
        thidua::i18n::Lang::En,
        &db,
        &StoreError::WritesRefused { damaged: 1 },
    );
    assert!(line.starts_with("Changes are refused: 1 damaged"), "{line}");
    drop(store);

    common::raw_remove(&db, Kind::Person.tree(), &codec::id_key(9999));
    let store = common::reopen(&db);
    assert!(store.damage().is_empty(), "{:?}", store.damage());
    store
        .insert("x", new_school())
        .expect("writes are accepted again");
}

#[test]
fn a_record_removed_or_added_behind_the_log_fails_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    let (id, _) = first_school(&db);
    common::raw_remove(&db, Kind::School.tree(), &codec::id_key(id));
    common::raw_put(
        &db,
        Kind::Person.tree(),
        &codec::id_key(9999),
        &codec::encode(&unlinked_person()).expect("encode"),
    );
    let report = common::retry_locked(|| Store::check(&db)).expect("check");
    let has = |tree: &str, key: u64, p: fn(&Problem) -> bool| {
        report
            .findings
            .iter()
            .any(|f| f.tree == tree && f.key == format!("{key:016x}") && p(&f.problem))
    };
    assert!(
        has("schools", id, |p| matches!(p, Problem::Missing(_))),
        "{:?}",
        report.findings
    );
    assert!(
        has("people", 9999, |p| matches!(p, Problem::NoEntry)),
        "{:?}",
        report.findings
    );
}

#[test]
fn the_logs_tail_removed_is_refused_and_check_names_the_first_missing_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    let (entries, _) = common::reopen(&db).audit_head().expect("head");
    for seq in entries - 4..=entries {
        common::raw_remove(&db, "audit", &codec::id_key(seq));
    }
    let before = files(&db);

    for lang in ["en", "vi"] {
        let out = thidua(&db, lang, &["history"]);
        let (stdout, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
        assert!(stdout.is_empty(), "{stdout}");
        assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
        assert!(stderr.contains(&db.display().to_string()), "{stderr}");
        let wanted = if lang == "en" {
            format!("5 of the {entries} saved changes are missing")
        } else {
            format!("thiếu 5 trong {entries} thay đổi đã lưu")
        };
        assert!(stderr.contains(&wanted), "{stderr}");
    }
    let out = thidua(&db, "en", &["check"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    let first_missing = format!("audit {:016x}", entries - 4);
    assert!(
        stdout.contains(&first_missing) && stdout.contains("missing"),
        "{stdout}"
    );
    assert_eq!(files(&db), before, "a refused database is left as it was");
}

#[test]
fn a_data_file_cut_to_nothing_or_gone_is_refused_as_missing_every_change() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    let (entries, _) = common::reopen(&db).audit_head().expect("head");
    // `truncate -s 0 db`, then every file of sled's gone.
    truncate_data(&db);
    let before = files(&db);
    let err = common::retry_locked(|| Store::open(&db))
        .err()
        .expect("refused");
    // sled's snapshot points into the empty file: it cannot read it.
    assert!(
        matches!(err, StoreError::Damaged { .. } | StoreError::Older { .. }),
        "{err:?}"
    );
    assert_eq!(files(&db), before);
    for name in names(&db) {
        if name != safety::FILE && name != safety::LOG {
            let p = db.join(&name);
            if p.is_dir() {
                std::fs::remove_dir_all(p).expect("rm");
            } else {
                std::fs::remove_file(p).expect("rm");
            }
        }
    }
    let out = thidua(&db, "en", &["history"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(
        stderr.contains(&format!(
            "{entries} of the {entries} saved changes are missing"
        )),
        "{stderr}"
    );
    let left: Vec<String> = names(&db)
        .into_iter()
        .filter(|n| n != safety::FILE && n != safety::LOG)
        .collect();
    assert!(left.is_empty(), "sled's new files were left: {left:?}");
}

fn truncate_data(db: &Path) {
    std::fs::OpenOptions::new()
        .write(true)
        .open(db.join("db"))
        .expect("data file")
        .set_len(0)
        .expect("truncate");
}

fn names(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

#[test]
fn audit_head_prints_the_hash_and_length_that_move_with_each_write() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    let head = |lang: &str| {
        let out = thidua(&db, lang, &["audit", "head"]);
        assert_eq!(out.status.code(), Some(0), "{:?}", text(&out));
        text(&out).0
    };
    let first = head("en");
    let (n, hash) = common::reopen(&db).audit_head().expect("head");
    let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(
        first,
        format!("Audit head: {hex}\nAudit entries: {n}\n"),
        "{first}"
    );
    assert!(head("vi").contains(&hex));
    common::reopen(&db)
        .insert("x", new_school())
        .expect("insert");
    let second = head("en");
    assert_ne!(first, second);
    assert!(
        second.ends_with(&format!("Audit entries: {}\n", n + 1)),
        "{second}"
    );
}

#[test]
fn a_missing_or_damaged_safety_record_is_rebuilt_from_a_whole_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    let want = common::reopen(&db).audit_head().expect("head");
    let record = db.join(safety::FILE);
    let garbage: Vec<u8> = (0..8192u32).map(|i| (i * 7 + 3) as u8).collect();
    for damage in [None, Some(garbage)] {
        match &damage {
            None => std::fs::remove_file(&record).expect("remove"),
            Some(bytes) => std::fs::write(&record, bytes).expect("write"),
        }
        let store = common::reopen(&db);
        assert!(store.damage().is_empty(), "{:?}", store.damage());
        assert_eq!(store.audit_head().expect("head"), want);
        drop(store);
        let out = thidua(&db, "en", &["check"]);
        assert_eq!(out.status.code(), Some(0), "{:?}", text(&out));
    }
    // Rebuilt: cutting the log's tail is refused again.
    common::raw_remove(&db, "audit", &codec::id_key(want.0));
    let err = common::retry_locked(|| Store::open(&db))
        .err()
        .expect("refused");
    assert!(matches!(err, StoreError::Older { .. }), "{err:?}");
}

#[test]
fn a_torn_slot_of_the_safety_record_falls_back_to_the_other() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    let (n, _) = common::reopen(&db).audit_head().expect("head");
    let record = db.join(safety::FILE);
    let mut bytes = std::fs::read(&record).expect("read");
    assert_eq!(bytes.len(), 8192);
    // Spoil whichever slot is newer: the other still says at least n - 1.
    for slot in [0usize, 4096] {
        let mut spoiled = bytes.clone();
        spoiled[slot + 10] ^= 0xFF;
        std::fs::write(&record, &spoiled).expect("write");
        let store = common::reopen(&db);
        assert!(store.damage().is_empty(), "{:?}", store.damage());
        assert_eq!(store.audit_head().expect("head").0, n);
        drop(store);
        bytes = std::fs::read(&record).expect("read");
    }
}

#[test]
fn sleds_error_text_becomes_one_plain_line_in_the_users_language() {
    let db = Path::new("/srv/thidua/db");
    let raw = StoreError::Io(
        "Read corrupted data at file offset Some(Inline(1254895)) backtrace ()".into(),
    );
    for (lang, words) in [
        (thidua::i18n::Lang::En, "cannot be read (near byte 1254895)"),
        (
            thidua::i18n::Lang::Vi,
            "không đọc được tệp /srv/thidua/db/db (gần byte 1254895)",
        ),
    ] {
        let line = thidua::explain::integrity::store_error(lang, db, &raw);
        assert!(line.contains(words), "{line}");
        assert!(line.contains("/srv/thidua/db/db"), "{line}");
        assert!(line.contains("thidua check"), "{line}");
        assert!(!line.contains('\n'), "{line}");
        for raw_word in ["Inline", "backtrace", "Some("] {
            assert!(!line.contains(raw_word), "{line}");
        }
    }
}
