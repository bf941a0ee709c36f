//! The real `thidua serve` killed with SIGKILL at random moments while a
//! session types scores, locks the practice sheet and amends it (issue 13,
//! Done when: "at least 20 times; after each, the newest automatic backup
//! restores and verifies").
//!
//! Every round starts the server again on the database the last kill left,
//! so each start is also a reopen after a crash. After each kill: the killed
//! database passes `check` and `audit verify`; the newest file in
//! `DB.backups/` restores with the real binary into a fresh folder, passes
//! `check` and `audit verify`, and holds the lock and every amendment the
//! session saw saved (the backup is written before the screen says so).
//! `tests/autobackup.rs` does the same with a re-executed writer; this is the
//! whole server, SSH session and all. Set `THIDUA_SERVE_KILL_SEED` (hex) to
//! try other kill moments.

mod common;

use common::rng::Rng;
use common::server::Server;
use common::ssh_client::Client;
use common::{cli_en, status_line};
use std::path::Path;
use std::process::Output;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use thidua::backup::auto;
use thidua::domain::ScoreSheet;

const SEED_ENV: &str = "THIDUA_SERVE_KILL_SEED";
const BASE_SEED: u64 = 0x7365_7276_656b_696c;
const ROUNDS: usize = 22;
/// The kill falls this long after the server listens, at most: long enough
/// for the session to reach the grid and save several amendments.
const KILL_WITHIN_MS: u64 = 2500;
/// Backups the server keeps: a few, so the folder stays small.
const KEEP: &str = "4";
const USER: &str = "lan";
const REASON: &str = "Sửa theo biên bản";
/// Each step the session waits for; a slow, shared machine gets room.
const STEP: Duration = Duration::from_secs(15);

/// What the sessions saw saved, over all rounds.
#[derive(Default)]
struct Seen {
    /// The screen said the sheet was locked.
    locked: AtomicBool,
    /// Scores saved before the lock.
    scores: AtomicUsize,
    /// Amendments the screen said were saved.
    amendments: AtomicUsize,
    /// The last value the screen said was saved in the cursor's cell, and
    /// the last one sent with Enter: after a kill the cell holds one of
    /// them, and typing the value a cell holds saves nothing.
    confirmed: AtomicU64,
    sent: AtomicU64,
    /// A session failed before its server was killed: the script is wrong,
    /// or the server is.
    failure: std::sync::Mutex<Option<String>>,
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn assert_ok(out: &Output, what: &str) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{what} failed: {}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
}

/// `check` and `audit verify` with the real binary.
fn check_and_verify(db: &Path, what: &str) {
    assert_ok(&cli_en(db, &["check"]), &format!("{what}: check"));
    assert_ok(
        &cli_en(db, &["audit", "verify"]),
        &format!("{what}: audit verify"),
    );
}

fn is_grid(screen: &str) -> bool {
    screen.contains("Tiêu chí") && screen.contains("Tổng")
}

/// Types into the grid's first cell (I.1 of the first school), one key at a
/// time, a value it does not hold, and Enter; waits until the status line
/// says it was saved (or refused: an error), and goes back up to the cell.
async fn score(c: &Client, seen: &Seen) -> Result<(), String> {
    let (confirmed, sent) = (
        seen.confirmed.load(Ordering::SeqCst),
        seen.sent.load(Ordering::SeqCst),
    );
    // The demo's cell holds none of these (0 stands for it until a save).
    let value = [2, 3, 1]
        .into_iter()
        .find(|v| *v != confirmed && *v != sent)
        .unwrap_or(2);
    let before = status_line(&c.screen()).to_string();
    for digit in value.to_string().bytes() {
        c.send(&[digit]).await?;
    }
    seen.sent.store(value, Ordering::SeqCst);
    let saved = format!("→ {value}");
    c.key(b"\r", STEP, |s| {
        let screen = s.contents();
        let status = status_line(&screen);
        status != before && (status.contains(&saved) || status.contains("Chưa lưu"))
    })
    .await?;
    let status = status_line(&c.screen()).to_string();
    if !status.contains("Đã lưu ·") || !status.contains(&saved) {
        return Err(format!("{value} was not saved: {status}"));
    }
    // Enter moved the cursor down: back to the cell whose value is known.
    c.send(b"\x1b[A").await?;
    seen.confirmed.store(value, Ordering::SeqCst);
    Ok(())
}

/// One session's script, until the server dies: scores and the lock while
/// the sheet is open, then amendments.
async fn type_until_killed(
    server: std::net::SocketAddr,
    key: Arc<russh::keys::PrivateKey>,
    seen: Arc<Seen>,
) -> Result<(), String> {
    let c = Client::connect(server, USER, key).await?;
    c.first_screen().await?;
    c.key(b"4", STEP, |s| s.contents().contains("Bảng điểm ("))
        .await?;
    c.key(b"\r", STEP, |s| is_grid(&s.contents())).await?;
    // A lock saved just before a kill, before the screen said so.
    if c.screen().contains("└ Đã khóa") {
        seen.locked.store(true, Ordering::SeqCst);
    }
    let mut amending = false;
    loop {
        if !seen.locked.load(Ordering::SeqCst) {
            score(&c, &seen).await?;
            seen.scores.fetch_add(1, Ordering::SeqCst);
            c.key(b"L", STEP, |s| s.contents().contains("Khóa bảng điểm?"))
                .await?;
            c.key(b"y", STEP, |s| {
                status_line(&s.contents()).contains("Đã khóa bảng điểm")
            })
            .await?;
            seen.locked.store(true, Ordering::SeqCst);
        } else {
            if !amending {
                c.key(b"a", STEP, |s| s.contents().contains("Lý do sửa đổi"))
                    .await?;
                c.send(REASON.as_bytes()).await?;
                c.key(b"\r", STEP, |s| s.contents().contains("Đang sửa đổi"))
                    .await?;
                amending = true;
            }
            score(&c, &seen).await?;
            seen.amendments.fetch_add(1, Ordering::SeqCst);
        }
    }
}

#[test]
fn the_newest_backup_restores_after_every_kill_of_the_server() {
    let started = Instant::now();
    let seed = std::env::var(SEED_ENV)
        .ok()
        .and_then(|s| u64::from_str_radix(s.trim_start_matches("0x"), 16).ok())
        .unwrap_or(BASE_SEED);
    eprintln!("seed {seed:#x} (set {SEED_ENV} to change it)");
    let mut rng = Rng::new(seed);
    let rt = common::rt();
    let serve_args = ["--keep-backups", KEEP];
    let mut server = Server::start(&[(USER, "role = \"admin\"")], &serve_args);
    let db = server.db.clone();
    let key = Arc::clone(&server.user(USER).key);
    let seen = Arc::new(Seen::default());
    let mut verified = 0;
    for round in 0..ROUNDS {
        if round > 0 {
            server.restart(&serve_args);
        }
        let delay = rng.between(0, KILL_WITHIN_MS);
        let alive = Arc::new(AtomicBool::new(true));
        let session = {
            let (seen, alive, key, addr) = (
                Arc::clone(&seen),
                Arc::clone(&alive),
                Arc::clone(&key),
                server.addr,
            );
            rt.spawn(async move {
                if let Err(e) = type_until_killed(addr, key, Arc::clone(&seen)).await
                    && alive.load(Ordering::SeqCst)
                {
                    *seen.failure.lock().unwrap_or_else(|p| p.into_inner()) = Some(e);
                }
            })
        };
        std::thread::sleep(Duration::from_millis(delay));
        // Whatever the session is doing now fails because of the kill.
        alive.store(false, Ordering::SeqCst);
        if let Some(e) = seen
            .failure
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
        {
            panic!("round {round}: the session failed before the kill: {e}");
        }
        let status = server.kill9();
        assert!(
            !status.success(),
            "round {round}: the server was not killed"
        );
        // The session ends on the closed connection (or its next wait).
        rt.block_on(async {
            let _ = tokio::time::timeout(STEP + STEP, session).await;
        });

        check_and_verify(&db, &format!("round {round}: the killed database"));
        let locked = seen.locked.load(Ordering::SeqCst);
        let amendments = seen.amendments.load(Ordering::SeqCst);
        let Some(newest) = auto::newest(&db) else {
            assert!(
                !locked,
                "round {round}: the lock was saved but no backup is there"
            );
            eprintln!("round {round}: killed after {delay} ms, no backup yet");
            continue;
        };
        let scratch = tempfile::tempdir().expect("tempdir");
        let fresh = scratch.path().join("restored");
        let file = newest.to_str().expect("utf-8 path");
        assert_ok(
            &cli_en(&fresh, &["restore", file]),
            &format!("round {round}: restore {file}"),
        );
        check_and_verify(&fresh, &format!("round {round}: the restored backup"));
        let restored = common::reopen(&fresh);
        let (_, sheet): (_, ScoreSheet) = common::practice_sheet(&restored);
        drop(restored);
        // Only a lock or an amendment writes a backup while serve runs.
        assert!(
            sheet.lock.is_some(),
            "round {round}: the newest backup holds the sheet unlocked"
        );
        assert!(
            sheet.amendments.len() >= amendments,
            "round {round}: the newest backup holds {} amendments, the screen said {amendments} were saved",
            sheet.amendments.len()
        );
        verified += 1;
        eprintln!(
            "round {round}: killed after {delay} ms; newest backup {} restores and verifies ({} amendments in it, {amendments} seen saved)",
            newest
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            sheet.amendments.len()
        );
    }
    // The last kill's database starts once more, as a user's next day would.
    server.restart(&serve_args);
    server.interrupt();
    check_and_verify(&db, "the database after the last restart");
    eprintln!(
        "{ROUNDS} kills, {verified} newest backups restored and verified, {} scores and {} amendments seen saved, lock seen: {}, in {:.1?}",
        seen.scores.load(Ordering::SeqCst),
        seen.amendments.load(Ordering::SeqCst),
        seen.locked.load(Ordering::SeqCst),
        started.elapsed()
    );
    assert!(
        verified * 2 >= ROUNDS,
        "only {verified} of {ROUNDS} rounds had a backup to verify"
    );
    assert!(
        seen.amendments.load(Ordering::SeqCst) >= ROUNDS,
        "the sessions saved only {} amendments: the kills hit too early to test much",
        seen.amendments.load(Ordering::SeqCst)
    );
}
