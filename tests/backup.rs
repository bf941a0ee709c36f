//! Backups restore byte for byte, damaged ones write nothing, and commands
//! that read refuse a path with no database instead of creating one
//! (issue 13, items 1 and 2; format in docs/backup.md).

mod common;

use common::{cli_en, fixture_targets};
use proptest::prelude::*;
use std::path::Path;
use std::process::Output;
use thidua::backup::write::{archive, backup_bytes};
use thidua::domain::access::Role;
use thidua::domain::*;
use thidua::store::{Author, Store};

static ADMIN: Role = Role::Admin;

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Exactly one line on stderr, no panic, and a failing exit code.
fn assert_refused(out: &Output, what: &str) -> String {
    let err = text(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{what}: not refused: {err}");
    assert!(
        err.ends_with('\n') && err.matches('\n').count() == 1,
        "{what}: stderr is not one line: {err:?}"
    );
    assert!(!err.contains("panicked"), "{what}: panic: {err}");
    err
}

fn assert_ok(out: &Output, what: &str) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{what} failed: {}",
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// One random change, kept small so a case stays fast.
#[derive(Debug, Clone)]
enum Op {
    School(u8),
    Rename(u8, u8),
    DeleteLast,
    Term(u16),
    Ballot(u16, u8),
    Award(u16),
    Amend(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        any::<u8>().prop_map(Op::School),
        (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::Rename(a, b)),
        Just(Op::DeleteLast),
        (2019u16..2026).prop_map(Op::Term),
        ((2023u16..2026), any::<u8>()).prop_map(|(y, v)| Op::Ballot(y, v)),
        (2019u16..2026).prop_map(Op::Award),
        any::<u8>().prop_map(Op::Amend),
    ]
}

/// A database with every kind of record (the fixtures, a locked sheet),
/// then the random changes; refused ones (a locked year without a reason,
/// a unique key taken) are part of the randomness and change nothing.
fn build(store: &Store, ops: &[Op]) {
    fixture_targets(store);
    store.insert("t", common::term()).expect("term");
    // The ballot first: once the sheet is locked, its year takes changes
    // only with a reason.
    let ballot = store.insert("t", common::ballot()).ok();
    store.insert("t", common::sheet()).expect("locked sheet");
    store.insert("t", common::award()).expect("award");
    let mut schools = Vec::new();
    for op in ops {
        match op {
            Op::School(n) => {
                if let Ok(id) = store.insert("t", School::new(&format!("Trường {n}"), "Tỉnh"))
                {
                    schools.push(id);
                }
            }
            Op::Rename(slot, n) => {
                if let Some(id) = schools.get(usize::from(*slot) % schools.len().max(1)) {
                    let _ = store.modify::<School>("t", *id, |s| {
                        s.name = format!("Trường đổi {n}");
                        Ok(())
                    });
                }
            }
            Op::DeleteLast => {
                if let Some(id) = schools.pop() {
                    let _ = store.delete::<School>("t", id);
                }
            }
            Op::Term(year) => {
                let mut t = common::term();
                t.year = *year;
                let _ = store.insert("t", t);
            }
            Op::Ballot(year, valid) => {
                let mut b = common::ballot();
                b.year = *year;
                b.question = Question::Other(format!("Câu {valid}"));
                let _ = store.insert("t", b);
            }
            Op::Award(year) => {
                let mut a = common::award();
                a.year = *year;
                let _ = store.insert("t", a);
            }
            Op::Amend(v) => {
                // A change to the locked year, with a reason: an amendment
                // on the sheet, with its own audit entry.
                if let Some(id) = ballot {
                    let by = Author {
                        actor: "thu_ky",
                        reason: "Sửa số phiếu",
                        role: &ADMIN,
                    };
                    let _ = store.modify::<Ballot>(by, id, |b| {
                        b.votes[0].votes = u32::from(*v % 9);
                        Ok(())
                    });
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// Random database → backup → restore into a fresh folder: every tree
    /// (records, indexes, refs, meta, audit) equal byte for byte, and
    /// `check` and `audit verify` pass on the copy.
    #[test]
    fn a_backup_restores_every_record_index_and_audit_entry(
        ops in proptest::collection::vec(op(), 0..8)
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let (src, dst, file) = (dir.path().join("src"), dir.path().join("dst"), dir.path().join("b.zip"));
        let store = Store::open(&src).expect("open");
        build(&store, &ops);
        let (bytes, summary) = backup_bytes(&store).expect("backup");
        prop_assert!(summary.entries > 0);
        std::fs::write(&file, &bytes).expect("write backup");
        let before = store.snapshot().expect("snapshot");
        drop(store);

        let out = cli_en(&dst, &["restore", &file.display().to_string()]);
        assert_ok(&out, "restore");
        let copy = common::reopen(&dst);
        let after = copy.snapshot().expect("snapshot of the copy");
        prop_assert_eq!(before.trees.len(), after.trees.len());
        for ((name, a), (_, b)) in before.trees.iter().zip(&after.trees) {
            prop_assert!(a == b, "tree {} differs after restore", name);
        }
        prop_assert_eq!(&before, &after);
        drop(copy);
        assert_ok(&cli_en(&dst, &["check"]), "check");
        assert_ok(&cli_en(&dst, &["audit", "verify"]), "audit verify");
    }
}

/// The demo database, made by the binary, and its backup through `--out -`.
fn demo_backup(dir: &Path) -> (std::path::PathBuf, Vec<u8>) {
    let db = dir.join("demo");
    assert_ok(&cli_en(&db, &["init", "--demo"]), "init --demo");
    let out = cli_en(&db, &["backup", "--out", "-"]);
    let bytes = out.stdout.clone();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    (db, bytes)
}

/// Restores `bytes` into a folder that does not exist; the refusal must be
/// one line and leave no folder behind. Returns the line.
fn refused_restore(dir: &Path, bytes: &[u8], what: &str) -> String {
    let file = dir.join("damaged.zip");
    std::fs::write(&file, bytes).expect("write");
    let target = dir.join("target");
    let out = cli_en(&target, &["restore", &file.display().to_string()]);
    let line = assert_refused(&out, what);
    assert!(!target.exists(), "{what}: the target database was created");
    line
}

#[test]
fn the_demo_backup_from_stdout_restores_and_takes_new_records() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, bytes) = demo_backup(dir.path());
    let file = dir.path().join("b.zip");
    std::fs::write(&file, &bytes).expect("write");
    let copy = dir.path().join("copy");
    let said = assert_ok(
        &cli_en(&copy, &["restore", &file.display().to_string()]),
        "restore",
    );
    assert!(said.contains("Restored"), "{said}");
    let head = |p: &Path| assert_ok(&cli_en(p, &["audit", "head"]), "audit head");
    assert_eq!(head(&db), head(&copy));
    let dump = |p: &Path| assert_ok(&cli_en(p, &["dump", "--json"]), "dump");
    assert_eq!(dump(&db), dump(&copy));
    // sled's id counter was wound past the backup's ids: a new record
    // gets a fresh id instead of colliding with a restored one.
    let store = common::reopen(&copy);
    let most = store
        .snapshot()
        .expect("snapshot")
        .records::<School>()
        .expect("schools")
        .into_iter()
        .map(|(id, _)| id)
        .max()
        .unwrap_or(0);
    let new = store
        .insert("t", School::new("Trường mới", "Tỉnh"))
        .expect("insert after restore");
    assert!(new.0 > most, "id {} reused", new.0);
    drop(store);
    assert_ok(&cli_en(&copy, &["check"]), "check after a new record");
}

#[test]
fn restore_refuses_a_database_that_holds_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, bytes) = demo_backup(dir.path());
    let file = dir.path().join("b.zip");
    std::fs::write(&file, &bytes).expect("write");
    let head = assert_ok(&cli_en(&db, &["audit", "head"]), "head");
    let line = assert_refused(
        &cli_en(&db, &["restore", &file.display().to_string()]),
        "restore over data",
    );
    assert!(line.contains("already holds data"), "{line}");
    assert_eq!(head, assert_ok(&cli_en(&db, &["audit", "head"]), "head"));
}

#[test]
fn a_flipped_byte_anywhere_is_refused_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, bytes) = demo_backup(dir.path());
    let mut rng = common::rng::Rng::new(13);
    let mut positions: Vec<usize> = vec![0, 30, bytes.len() / 2, bytes.len() - 70, bytes.len() - 1];
    positions.extend((0..15).map(|_| rng.between(0, bytes.len() as u64 - 1) as usize));
    for at in positions {
        let mut bad = bytes.clone();
        bad[at] ^= 1 << rng.between(0, 7);
        let line = refused_restore(dir.path(), &bad, &format!("flip at {at}"));
        assert!(
            line.contains("damaged") || line.contains("not a thidua backup"),
            "flip at {at}: {line}"
        );
    }
}

#[test]
fn a_truncated_backup_is_refused_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, bytes) = demo_backup(dir.path());
    for len in [
        0,
        1,
        100,
        bytes.len() / 2,
        bytes.len() - 22,
        bytes.len() - 1,
    ] {
        let line = refused_restore(dir.path(), &bytes[..len], &format!("cut to {len}"));
        assert!(line.contains("cut short"), "cut to {len}: {line}");
    }
}

/// The backup's members, by name, read with the zip crate.
fn members(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    (0..zip.len())
        .map(|i| {
            let mut m = zip.by_index(i).expect("member");
            let mut data = Vec::new();
            m.read_to_end(&mut data).expect("read");
            (m.name().expect("name").to_string(), data)
        })
        .collect()
}

fn rezip(members: &[(String, Vec<u8>)]) -> Vec<u8> {
    let list: Vec<(&str, &[u8])> = members
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    archive(&list).expect("archive")
}

#[test]
fn a_missing_extra_or_changed_member_is_refused_even_when_resealed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, bytes) = demo_backup(dir.path());
    let all = members(&bytes);
    assert_eq!(all.len(), 3);
    // Resealed as it is, the backup still restores: the checks below are
    // about the members, not about the reseal.
    let file = dir.path().join("same.zip");
    std::fs::write(&file, rezip(&all)).expect("write");
    assert_ok(
        &cli_en(
            &dir.path().join("ok"),
            &["restore", &file.display().to_string()],
        ),
        "resealed restore",
    );
    for (name, _) in &all {
        let fewer: Vec<_> = all.iter().filter(|(n, _)| n != name).cloned().collect();
        let line = refused_restore(dir.path(), &rezip(&fewer), &format!("without {name}"));
        assert!(line.contains(&format!("lacks its member {name}")), "{line}");
    }
    let mut more = all.clone();
    more.push(("notes.txt".into(), b"x".to_vec()));
    let line = refused_restore(dir.path(), &rezip(&more), "extra member");
    assert!(line.contains("notes.txt"), "{line}");
    // A record renamed in records.json: its SHA-256 no longer matches.
    let renamed: Vec<_> = all
        .iter()
        .map(|(n, d)| {
            let d = if n == "records.json" {
                text(d).replacen("Trường", "Truong", 1).into_bytes()
            } else {
                d.clone()
            };
            (n.clone(), d)
        })
        .collect();
    let line = refused_restore(dir.path(), &rezip(&renamed), "changed member");
    assert!(line.contains("records.json"), "{line}");
    // The same change with the manifest's hash made to match: the record
    // no longer equals its last copy in the audit log.
    let new_hash = thidua::backup::manifest::Member::of("records.json", &renamed[1].1);
    let mut manifest: thidua::backup::manifest::Manifest =
        serde_json::from_slice(&all[0].1).expect("manifest");
    for m in &mut manifest.members {
        if m.name == "records.json" {
            *m = new_hash.clone();
        }
    }
    let mut forged = renamed.clone();
    forged[0].1 = serde_json::to_vec(&manifest).expect("json");
    assert_eq!(forged[0].0, "manifest.json");
    let line = refused_restore(dir.path(), &rezip(&forged), "forged records");
    assert!(line.contains("does not match the audit log"), "{line}");
}

#[test]
fn read_commands_on_a_missing_database_say_so_and_create_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("nothing-here");
    let out_file = dir.path().join("out.file");
    let out = out_file.display().to_string();
    let commands: Vec<Vec<&str>> = vec![
        vec!["history"],
        vec!["history", "--cluster", "8"],
        vec!["lookup", "ha", "nam"],
        vec!["check"],
        vec!["audit", "verify"],
        vec!["audit", "head"],
        vec![
            "export",
            "sheet",
            "--cluster",
            "4",
            "--year",
            "2024",
            "--format",
            "csv",
            "--out",
            &out,
        ],
        vec!["dump", "--json"],
        vec!["backup", "--out", &out],
        vec!["criteria", "export", "--year", "2024", "--out", &out],
    ];
    for args in &commands {
        let o = cli_en(&db, args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let line = assert_refused(&o, &format!("{args:?}"));
        assert!(line.contains("No database at"), "{args:?}: {line}");
        assert!(!db.exists(), "{args:?} created the database");
        assert!(!out_file.exists(), "{args:?} wrote its output");
    }
    // Vietnamese by default.
    let o = common::cli::output(
        std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
            .arg("--db")
            .arg(&db)
            .arg("history"),
    );
    let line = assert_refused(&o, "history in Vietnamese");
    assert!(line.contains("Không có cơ sở dữ liệu"), "{line}");
    assert!(!db.exists());
    // `init` still creates one, and then the read commands answer.
    assert_ok(&cli_en(&db, &["init"]), "init");
    assert_ok(&cli_en(&db, &["check"]), "check after init");
}

/// Backups taken while another thread writes are each of one moment: every
/// one proves whole (each record equal to its last audit entry, the chain
/// and head agreeing). Without the store's gate, a write committed between
/// reading the records and reading the log would leave an entry without
/// its record.
#[test]
fn backups_taken_during_writes_are_each_consistent() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = std::sync::Arc::new(Store::open(&dir.path().join("db")).expect("open"));
    fixture_targets(&store);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (store, stop) = (store.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut n = 0u32;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                let id = store
                    .insert("w", School::new(&format!("Trường {n}"), "Tỉnh"))
                    .expect("insert");
                store
                    .modify::<School>("w", id, |s| {
                        s.province = format!("Tỉnh {n}");
                        Ok(())
                    })
                    .expect("modify");
                n += 1;
            }
            n
        })
    };
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..30 {
        let (bytes, summary) = backup_bytes(&store).expect("backup");
        thidua::backup::restore::prove("live.zip", &bytes)
            .unwrap_or_else(|e| panic!("backup during writes: {}", e.line(thidua::i18n::Lang::En)));
        seen.insert(summary.entries);
    }
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let written = writer.join().expect("writer");
    assert!(
        written > 0 && seen.len() > 1,
        "the writes did not overlap the backups"
    );
}
