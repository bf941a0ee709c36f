//! The Vietnamese interface speaks Vietnamese: the scan that every TUI and
//! CLI test runs (tests/common/english.rs) is itself checked here, and the
//! messages for I/O and parse errors are checked in both languages.

mod common;

use common::english::english_words;

#[test]
fn the_scan_finds_english_and_passes_vietnamese() {
    assert_eq!(english_words("Chưa lưu: not a number"), ["not", "number"]);
    assert_eq!(
        english_words("No such file or directory (os error 2)"),
        ["such", "file", "or", "directory", "os", "error"]
    );
    assert!(english_words("Trường Chính trị Tô Hiệu · Cụm 4 · Đắk Lắk").is_empty());
    assert!(english_words("Đã lưu /tmp/x/biên-bản.docx · Ctrl+S").is_empty());
}

/// The demo database with the practice sheet locked at a known moment:
/// 01/12/2025 00:00:00 UTC. Returns the folder, the cluster's name and
/// the year.
fn locked_practice() -> (tempfile::TempDir, String, u16) {
    use thidua::domain::{Cluster, ScoreSheet, SheetLock, Timestamp};
    let dir = tempfile::tempdir().expect("temp dir");
    let store = thidua::store::Store::open(&dir.path().join("db")).expect("open");
    thidua::demo::load(&store).expect("demo");
    let (id, sheet) = common::practice_sheet(&store);
    store
        .modify::<ScoreSheet>("thu_ky", id, |s| {
            s.lock = Some(SheetLock {
                at: Timestamp(1_764_547_200),
                by: "thu_ky".into(),
            });
            Ok(())
        })
        .expect("lock");
    let cluster: Cluster = store.get(sheet.cluster).expect("read").expect("cluster");
    drop(store);
    (dir, cluster.name, sheet.year)
}

/// The minutes of the practice conference, written with `TZ` set.
fn minutes_in(dir: &std::path::Path, cluster: &str, year: u16, tz: &str) -> String {
    let out_file = dir.join(format!("minutes-{}.md", tz.replace('/', "-")));
    let out = common::run_after_close(|| {
        std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
            .arg("--db")
            .arg(dir.join("db"))
            .args(["export", "sheet", "--cluster", cluster])
            .args(["--year", &year.to_string(), "--format", "minutes", "--out"])
            .arg(&out_file)
            .env("TZ", tz)
            .output()
            .expect("run thidua")
    });
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(&out_file).expect("minutes written")
}

#[test]
fn times_are_shown_in_the_local_time_zone() {
    let (dir, cluster, year) = locked_practice();
    let lock_line = |text: &str| {
        text.lines()
            .find(|l| l.contains("thu_ky"))
            .unwrap_or_else(|| panic!("no lock line: {text}"))
            .to_string()
    };
    let utc = minutes_in(dir.path(), &cluster, year, "UTC");
    assert!(
        lock_line(&utc).contains("01/12/2025 00:00:00"),
        "{}",
        lock_line(&utc)
    );
    // A POSIX rule needs no time zone database; a zone name uses the system's.
    for tz in ["ICT-7", "Asia/Ho_Chi_Minh"] {
        let local = minutes_in(dir.path(), &cluster, year, tz);
        let line = lock_line(&local);
        assert!(line.contains("01/12/2025 07:00:00"), "{tz}: {line}");
        assert!(!line.contains("UTC"), "{tz}: {line}");
    }
}

#[test]
fn the_local_actor_is_the_os_users_name_even_without_user_in_the_environment() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db");
    let csv = dir.path().join("table.csv");
    let store = thidua::store::Store::open(&db).expect("open");
    thidua::demo::load(&store).expect("demo");
    let (_, sheet) = common::practice_sheet(&store);
    let cluster: thidua::domain::Cluster =
        store.get(sheet.cluster).expect("read").expect("cluster");
    let cluster_name = cluster.name;
    drop(store);
    let uid_name = {
        let out = std::process::Command::new("id")
            .arg("-un")
            .output()
            .expect("id -un");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    let run = |args: &[&str], env_user: Option<&str>| {
        common::run_after_close(|| {
            let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"));
            cmd.env_clear()
                .env("PATH", std::env::var("PATH").unwrap_or_default());
            if let Some(u) = env_user {
                cmd.env("USER", u);
            }
            cmd.arg("--db")
                .arg(&db)
                .args(args)
                .output()
                .expect("run thidua")
        })
    };
    let csv_path = csv.to_str().expect("utf-8 path");
    let (year, next) = (sheet.year.to_string(), (sheet.year + 1).to_string());
    let out = run(
        &[
            "criteria",
            "export",
            "--year",
            &year,
            "--cluster",
            &cluster_name,
            "--out",
            csv_path,
        ],
        Some("ignored"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(
        &[
            "criteria",
            "import",
            "--year",
            &next,
            "--cluster",
            &cluster_name,
            csv_path,
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let store = common::reopen(&db);
    let last = store
        .audit_entries()
        .expect("audit")
        .pop()
        .expect("an entry");
    assert_eq!(
        last.actor, uid_name,
        "with no USER the actor is the account's name"
    );
    assert_ne!(last.actor, "local");
}
