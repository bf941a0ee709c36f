//! Automatic backups (issue 13, item 1): a backup appears beside the database
//! after every lock of a score sheet and every amendment of a locked year,
//! and when `thidua serve` stops; each restores with the real binary and
//! passes `check` and `audit verify`; only the newest N are kept; a backup
//! that cannot be written never fails the write. And a writer killed with
//! SIGKILL at random moments, again and again, always leaves a newest
//! backup that restores, verifies and holds every lock and amendment it
//! reported saved: a killed backup's debris is never taken for one.
//!
//! The killed writer is this test binary re-executed (as in `tests/crash.rs`)
//! running the real `Store` with the hook the `thidua` binary installs
//! (`thidua::backup::auto::enable`); restores and checks run the release
//! binary. Set `THIDUA_AUTOBACKUP_SEED` (hex) to try other kill moments.

mod common;

use common::child::{fail, report};
use common::lock_sheet as lock;

use common::rng::Rng;
use common::server::Server;
use common::{cli_en, fixture_targets};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};
use thidua::backup::auto;
use thidua::backup::write::{Seal, unseal};
use thidua::domain::access::Role;
use thidua::domain::*;
use thidua::store::{Author, Store};

static ADMIN: Role = Role::Admin;
const REASON: &str = "Sửa số phiếu theo biên bản";

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn assert_ok(out: &Output, what: &str) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{what} failed: {}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// The automatic backups of `db`, oldest first (only complete `.zip` files).
fn backups(db: &Path) -> Vec<PathBuf> {
    auto::list(&auto::folder(db))
}

/// Restores `file` into a fresh folder under `into` with the release
/// binary, proves it with `check` and `audit verify`, and opens it.
fn restore_and_verify(file: &Path, into: &Path, what: &str) -> Store {
    let fresh = into.join("restored");
    let f = file.to_str().expect("utf-8 path");
    assert_ok(
        &cli_en(&fresh, &["restore", f]),
        &format!("{what}: restore"),
    );
    let check = assert_ok(&cli_en(&fresh, &["check"]), &format!("{what}: check"));
    assert!(!check.is_empty(), "{what}: check printed nothing");
    assert_ok(
        &cli_en(&fresh, &["audit", "verify"]),
        &format!("{what}: audit verify"),
    );
    common::reopen(&fresh)
}

/// An unlocked sheet of the fixture cluster for `year`, every cell scored,
/// so it can be locked.
fn open_sheet(year: u16) -> ScoreSheet {
    let mut s = common::sheet();
    s.year = year;
    s.lock = None;
    s.amendments.clear();
    s
}

fn amend_sheet(store: &Store, id: SheetId, n: u64) -> Result<(), thidua::store::StoreError> {
    let by = Author {
        actor: "thu_ky",
        reason: REASON,
        role: &ADMIN,
    };
    store
        .modify::<ScoreSheet>(by, id, |s| {
            if let Some(c) = s.cells.first_mut() {
                c.cluster_score = Some(Points(800 + 50 * (n % 3) as i64));
            }
            s.amendments.push(Amendment {
                at: Timestamp::now(),
                by: "thu_ky".into(),
                reason: format!("{REASON} {n}"),
            });
            Ok(())
        })
        .map(drop)
}

#[test]
fn a_lock_and_an_amendment_each_leave_a_backup_that_restores_and_holds_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("db");
    let store = Store::open(&db).expect("open");
    auto::enable(&store, 3);
    fixture_targets(&store);
    store.insert("t", common::term()).expect("term");
    let ballot = store.insert("t", common::ballot()).expect("ballot");
    let sheet = store.insert("t", open_sheet(2024)).expect("sheet");
    assert!(
        backups(&db).is_empty(),
        "a backup before any lock: {:?}",
        backups(&db)
    );

    // The lock.
    lock(&store, sheet).expect("lock");
    let after_lock = backups(&db);
    assert_eq!(after_lock.len(), 1, "one backup after the lock");
    let restored = restore_and_verify(&after_lock[0], &dir.path().join("r1"), "after the lock");
    let s = restored.must_get::<ScoreSheet>(sheet).expect("sheet");
    assert!(
        s.lock.is_some(),
        "the backup after the lock holds it unlocked"
    );
    drop(restored);

    // A plain write: no backup.
    store
        .insert("t", School::new("Trường thường", "Tỉnh"))
        .expect("school");
    assert_eq!(
        backups(&db).len(),
        1,
        "a write that locks nothing backed up"
    );

    // An amendment through another record of the locked year (the ballot).
    let by = Author {
        actor: "thu_ky",
        reason: REASON,
        role: &ADMIN,
    };
    store
        .modify::<Ballot>(by, ballot, |b| {
            b.votes[0].votes = 5;
            Ok(())
        })
        .expect("amend the ballot");
    let after_amend = backups(&db);
    assert_eq!(after_amend.len(), 2, "one more backup after the amendment");
    let newest = after_amend.last().expect("newest");
    let restored = restore_and_verify(newest, &dir.path().join("r2"), "after the amendment");
    let s = restored.must_get::<ScoreSheet>(sheet).expect("sheet");
    assert_eq!(s.amendments.len(), 1, "the amendment is in the backup");
    assert_eq!(s.amendments[0].reason, REASON);
    let b = restored.must_get::<Ballot>(ballot).expect("ballot");
    assert_eq!(b.votes[0].votes, 5, "the amended ballot is in the backup");
    assert_eq!(
        restored.audit_entries().expect("log").len(),
        store.audit_entries().expect("log").len(),
        "the newest backup holds the whole log"
    );
    drop(restored);

    // Amendments of the sheet itself; only the newest 3 are kept.
    for n in 0..4 {
        amend_sheet(&store, sheet, n).expect("amend the sheet");
    }
    let kept = backups(&db);
    assert_eq!(kept.len(), 3, "keep 3: {kept:?}");
    let all: Vec<_> = std::fs::read_dir(auto::folder(&db))
        .expect("folder")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(
        all.len(),
        3,
        "only the kept backups are in the folder: {all:?}"
    );
    let restored = restore_and_verify(&kept[2], &dir.path().join("r3"), "after 4 amendments");
    let s = restored.must_get::<ScoreSheet>(sheet).expect("sheet");
    assert_eq!(
        s.amendments.len(),
        5,
        "the newest backup holds every amendment"
    );
    drop(restored);
    // The one before holds one amendment fewer: they are the newest three.
    let restored = restore_and_verify(&kept[1], &dir.path().join("r4"), "the one before");
    let s = restored.must_get::<ScoreSheet>(sheet).expect("sheet");
    assert_eq!(s.amendments.len(), 4, "kept backups are the newest ones");
}

#[test]
fn a_backup_that_cannot_be_written_fails_no_write_and_is_logged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("db");
    let store = Store::open(&db).expect("open");
    auto::enable(&store, 3);
    fixture_targets(&store);
    let sheet = store.insert("t", open_sheet(2024)).expect("sheet");
    // A file where the backups' folder should be.
    std::fs::write(auto::folder(&db), b"not a folder").expect("block the folder");
    lock(&store, sheet).expect("the lock is saved although its backup fails");
    let s = store.must_get::<ScoreSheet>(sheet).expect("sheet");
    assert!(s.lock.is_some(), "the lock was undone");
    let log = std::fs::read_to_string(db.join("thidua.log")).expect("the database's log");
    assert!(
        log.contains("automatic backup not written"),
        "the failure is not in the log: {log}"
    );
    // Once the folder can be made, the next amendment is backed up.
    std::fs::remove_file(auto::folder(&db)).expect("unblock");
    amend_sheet(&store, sheet, 1).expect("amend");
    assert_eq!(backups(&db).len(), 1);
}

#[test]
fn serve_takes_a_backup_when_it_stops_and_keep_backups_is_honoured() {
    let mut server = Server::start(&[("lan", "role = \"admin\"")], &["--keep-backups", "2"]);
    let db = server.db.clone();
    assert!(backups(&db).is_empty(), "a backup before stopping");
    let status = server.interrupt();
    assert!(status.success(), "serve stopped badly: {}", server.log());
    let after = backups(&db);
    assert_eq!(
        after.len(),
        1,
        "no backup on stopping; log:\n{}",
        server.log()
    );
    assert!(
        server.log().contains("automatic backup"),
        "the console does not name it:\n{}",
        server.log()
    );
    let scratch = tempfile::tempdir().expect("tempdir");
    drop(restore_and_verify(
        &after[0],
        scratch.path(),
        "serve's backup",
    ));
    assert_eq!(
        assert_ok(
            &cli_en(&scratch.path().join("restored"), &["audit", "head"]),
            "head"
        ),
        assert_ok(&cli_en(&db, &["audit", "head"]), "head"),
        "serve's backup holds the whole log"
    );
    // Two more starts and stops on the same database, one stopped as a
    // service manager stops it (SIGTERM): only 2 kept.
    for signal in ["-TERM", "-INT"] {
        // A backup's name holds the second it was taken (and the log's
        // length, unchanged here): two in one second would be one file.
        std::thread::sleep(Duration::from_millis(1100));
        serve_and_stop(&server, &["--keep-backups", "2"], signal);
    }
    let kept = backups(&db);
    assert_eq!(kept.len(), 2, "--keep-backups 2 kept {kept:?}");
    assert!(
        !kept.contains(&after[0]),
        "the oldest backup was kept instead of a newer one"
    );
}

/// Runs `thidua serve` once more on the stopped test server's database and
/// files, and stops it with `signal` (`-INT`, `-TERM`) once it listens.
fn serve_and_stop(server: &Server, extra: &[&str], signal: &str) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .arg("--db")
        .arg(&server.db)
        .args(["serve", "--listen", "127.0.0.1:0", "--users"])
        .arg(server.dir.path().join("users.toml"))
        .arg("--host-key")
        .arg(server.dir.path().join("host_key"))
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start thidua serve");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    let mut log = String::new();
    for line in lines.by_ref().map_while(Result::ok) {
        log.push_str(&line);
        log.push('\n');
        if line.contains("thidua serve on ") {
            break;
        }
    }
    assert!(
        log.contains("thidua serve on "),
        "serve did not start:\n{log}"
    );
    // serve prints that line just before it starts waiting for Ctrl-C; a
    // SIGINT in between would end it as the signal's default does.
    std::thread::sleep(Duration::from_millis(300));
    let _ = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status();
    for line in lines.map_while(Result::ok) {
        log.push_str(&line);
        log.push('\n');
    }
    let status = child.wait().expect("wait for serve");
    assert!(status.success(), "serve stopped badly by {signal}:\n{log}");
    assert!(
        log.contains("automatic backup"),
        "no backup on stopping by {signal}:\n{log}"
    );
}

// ---------------------------------------------------------------------------
// A writer killed at random moments.

/// Set to the database folder in the child.
const CHILD_ENV: &str = "THIDUA_AUTOBACKUP_CHILD";
/// The round number, so the child's years never repeat.
const ROUND_ENV: &str = "THIDUA_AUTOBACKUP_ROUND";
/// Overrides the base seed of the kill moments.
const SEED_ENV: &str = "THIDUA_AUTOBACKUP_SEED";
const BASE_SEED: u64 = 0x6175_746f_6261_6b31;
const ROUNDS: u64 = 22;
/// Backups the child keeps.
const KEEP: usize = 4;
/// Locks per round at most: each takes a year of its own.
const YEARS_PER_ROUND: u64 = 40;
const READY: &str = "ready";

/// Not a test on its own: returns at once unless `THIDUA_AUTOBACKUP_CHILD`
/// names a database, in which case it types, locks and amends until killed.
#[test]
fn autobackup_child() {
    let Some((db, round)) = common::child::args(CHILD_ENV, ROUND_ENV) else {
        return;
    };
    report("");
    let db = Path::new(&db);
    let store = common::retry_locked(|| Store::open(db)).unwrap_or_else(|e| fail("open", e));
    auto::enable(&store, KEEP);
    report(READY);
    for n in 0..YEARS_PER_ROUND {
        // Typing: a few plain writes, no backup.
        for k in 0..3 {
            store
                .insert(
                    "thu_ky",
                    School::new(&format!("Trường r{round} n{n} k{k}"), "Tỉnh"),
                )
                .unwrap_or_else(|e| fail("insert school", e));
        }
        let year = 2100 + (round * YEARS_PER_ROUND + n) as u16;
        let sheet = store
            .insert("thu_ky", open_sheet(year))
            .unwrap_or_else(|e| fail("insert sheet", e));
        lock(&store, sheet).unwrap_or_else(|e| fail("lock", e));
        report(&format!("locked {}", sheet.0));
        for a in 1..=2 {
            amend_sheet(&store, sheet, a).unwrap_or_else(|e| fail("amend", e));
            report(&format!("amended {} {a}", sheet.0));
        }
    }
    // Every year used: keep the process alive for the kill.
    loop {
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_newest_backup_restores_after_every_kill() {
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("db");
    {
        let store = Store::open(&db).expect("open");
        fixture_targets(&store);
    }
    let exe = std::env::current_exe().expect("current_exe");
    let base = std::env::var(SEED_ENV)
        .ok()
        .and_then(|s| u64::from_str_radix(s.trim_start_matches("0x"), 16).ok())
        .unwrap_or(BASE_SEED);
    // Sheet id → amendments reported saved (0: locked).
    let mut reported: BTreeMap<u64, usize> = BTreeMap::new();
    let mut debris_rounds = 0;
    let mut verified = 0;
    for round in 0..ROUNDS {
        let seed = base ^ round;
        let delay = Rng::new(seed).between(0, 400);
        println!("round {round}: seed {seed:#x}, SIGKILL {delay} ms after ready");
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "autobackup_child",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, &db)
            .env(ROUND_ENV, round.to_string())
            .env_remove(SEED_ENV)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn the child");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut lines = Vec::new();
        loop {
            match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Ok(l) if l == READY => break,
                Ok(l) => lines.push(l),
                Err(_) => panic!("round {round}: the child did not open the store"),
            }
        }
        std::thread::sleep(Duration::from_millis(delay));
        assert!(
            child.try_wait().expect("try_wait").is_none(),
            "round {round}: the child stopped before the kill"
        );
        child.kill().expect("SIGKILL");
        child.wait().expect("wait");
        reader.join().expect("reader");
        // `lines()` passes a cut-off last line on too: only whole reports count.
        lines.extend(rx.try_iter());
        for line in &lines {
            let parts: Vec<&str> = line.split(' ').collect();
            let num = |s: &str| s.parse::<u64>().unwrap_or(u64::MAX);
            match parts.as_slice() {
                ["locked", id] if num(id) != u64::MAX => {
                    reported.entry(num(id)).or_insert(0);
                }
                ["amended", id, a] if num(id) != u64::MAX && num(a) != u64::MAX => {
                    let e = reported.entry(num(id)).or_insert(0);
                    *e = (*e).max(num(a) as usize);
                }
                _ => {}
            }
        }

        let folder = auto::folder(&db);
        let debris = std::fs::read_dir(&folder)
            .map(|d| {
                d.filter_map(Result::ok)
                    .filter(|e| !e.file_name().to_string_lossy().ends_with(".zip"))
                    .count()
            })
            .unwrap_or(0);
        if debris > 0 {
            debris_rounds += 1;
        }
        let kept = backups(&db);
        // One more than KEEP when the kill fell between a backup's rename
        // and the removal of the oldest: old ones go only once the new one
        // is safe. The next backup removes it.
        assert!(
            kept.len() <= KEEP + 1,
            "round {round}: {} backups kept",
            kept.len()
        );
        // Every file named as a backup is whole: none is a cut-off write.
        for k in &kept {
            let bytes = std::fs::read(k).expect("read backup");
            assert_eq!(
                unseal(&bytes),
                Seal::Whole,
                "round {round}: {} is not whole",
                k.display()
            );
        }
        if reported.is_empty() {
            println!("round {round}: nothing locked yet");
            continue;
        }
        let newest = kept
            .last()
            .unwrap_or_else(|| panic!("round {round}: locks were reported but no backup is there"));
        let scratch = tempfile::tempdir().expect("tempdir");
        let restored = restore_and_verify(newest, scratch.path(), &format!("round {round}"));
        for (id, amendments) in &reported {
            let s = restored
                .get::<ScoreSheet>(SheetId(*id))
                .expect("read sheet")
                .unwrap_or_else(|| {
                    panic!("round {round}: locked sheet {id} is not in the newest backup")
                });
            assert!(
                s.lock.is_some(),
                "round {round}: sheet {id} is unlocked in the newest backup"
            );
            assert!(
                s.amendments.len() >= *amendments,
                "round {round}: sheet {id} has {} amendments in the newest backup, {amendments} were reported",
                s.amendments.len()
            );
        }
        verified += 1;
        println!(
            "round {round}: {} kept, newest {} restores and verifies with {} locked sheets{}",
            kept.len(),
            newest
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            reported.len(),
            if debris > 0 {
                format!("; {debris} temporary file(s) of a killed backup beside it")
            } else {
                String::new()
            }
        );
    }
    println!(
        "{ROUNDS} kills, {verified} newest backups restored and verified, {} sheets locked, {} amendments, debris left in {debris_rounds} rounds, in {:.1?}",
        reported.len(),
        reported.values().sum::<usize>(),
        started.elapsed()
    );
    assert!(
        verified * 4 >= ROUNDS as usize * 3,
        "only {verified} of {ROUNDS} rounds had a backup to verify"
    );
    assert!(
        reported.len() >= 10,
        "only {} locks reported",
        reported.len()
    );
}
