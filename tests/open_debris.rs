//! Opening leaves nothing behind: not while another process holds the
//! database, not after a process is killed (holding it, or in the middle
//! of opening it), not in the temp folder and not beside the database. The
//! spare copy an open may take lives beside the folder, private to its
//! owner, and only as long as the open.

mod common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;
use thidua::store::Store;
use thidua::store::spare::Spare;

/// Makes the `holder_child` test hold the database at this path.
const HOLD_ENV: &str = "THIDUA_TEST_HOLD";
/// `store` to hold it as thidua does, `sled` as another program would.
const HOW_ENV: &str = "THIDUA_TEST_HOLD_HOW";
const HELD: &str = "held";

/// Not a test on its own: returns at once unless `THIDUA_TEST_HOLD` names
/// a database, which it then holds until it is killed.
#[test]
fn holder_child() {
    let Some(db) = std::env::var_os(HOLD_ENV) else {
        return;
    };
    let db = PathBuf::from(db);
    let how = std::env::var(HOW_ENV).unwrap_or_default();
    let _held: Box<dyn std::any::Any> = if how == "sled" {
        Box::new(common::sled_open(&db))
    } else {
        Box::new(common::reopen(&db))
    };
    println!("\n{HELD}");
    loop {
        std::thread::sleep(Duration::from_secs(1));
    }
}

/// A child process holding `db`, once it says so.
fn hold(db: &Path, how: &str, tmp: &Path) -> Child {
    let mut child = Command::new(std::env::current_exe().expect("current exe"))
        .args(["--exact", "holder_child", "--nocapture", "--test-threads=1"])
        .env(HOLD_ENV, db)
        .env(HOW_ENV, how)
        .env("TMPDIR", tmp)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn the holder");
    let out = child.stdout.take().expect("stdout");
    let held = BufReader::new(out)
        .lines()
        .map_while(Result::ok)
        .any(|l| l == HELD);
    assert!(held, "the holder did not hold the database");
    child
}

/// The real binary, its temp folder pointed at `tmp`.
fn thidua(db: &Path, tmp: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thidua"))
        .arg("--db")
        .arg(db)
        .args(["--lang", "en"])
        .args(args)
        .env("TMPDIR", tmp)
        .env_remove("THIDUA_DB")
        .output()
        .expect("run thidua")
}

fn names(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect()
}

/// A database `root/db` beside a private temp folder `root/tmp`, and
/// nothing else in `root`.
struct Place {
    root: tempfile::TempDir,
    db: PathBuf,
    tmp: PathBuf,
}

fn place(writes: u32) -> Place {
    let root = tempfile::tempdir().expect("tempdir");
    let db = root.path().join("db");
    let tmp = root.path().join("tmp");
    std::fs::create_dir(&tmp).expect("tmp");
    let store = Store::open(&db).expect("open");
    thidua::demo::load(&store).expect("demo");
    for i in 0..writes {
        let s = thidua::domain::School::new(&format!("Trường thử {i}"), "Hà Nội");
        store.insert("thử", s).expect("insert");
    }
    Place { root, db, tmp }
}

/// Nothing in the temp folder, nothing beside the database but itself, and
/// inside it only sled's files and this program's two.
fn assert_no_debris(p: &Place, when: &str) {
    assert!(
        names(&p.tmp).is_empty(),
        "{when}: left in the temp folder: {:?}",
        names(&p.tmp)
    );
    let beside: BTreeSet<String> = ["db", "tmp"].map(String::from).into();
    assert_eq!(
        names(p.root.path()),
        beside,
        "{when}: left beside the database"
    );
    for name in names(&p.db) {
        let known = ["db", "conf", "blobs", "thidua.safety", "thidua.log"].contains(&name.as_str())
            || name.starts_with("snap.") && !name.ends_with(".generating");
        assert!(known, "{when}: left inside the database: {name}");
    }
}

#[test]
fn twenty_opens_while_held_and_twenty_after_a_kill_leave_nothing_behind() {
    let p = place(0);
    for how in ["store", "sled"] {
        let mut holder = hold(&p.db, how, &p.tmp);
        for i in 0..20 {
            let out = thidua(&p.db, &p.tmp, &["history"]);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(
                out.status.code(),
                Some(2),
                "open {i} held by {how}: {stderr}"
            );
            assert_eq!(stderr.lines().count(), 1, "{stderr}");
            assert!(stderr.contains("in use"), "{stderr}");
        }
        assert_no_debris(&p, &format!("20 opens held by {how}"));
        holder.kill().expect("SIGKILL the holder");
        holder.wait().expect("wait");
        for i in 0..20 {
            let out = thidua(&p.db, &p.tmp, &["history"]);
            assert_eq!(
                out.status.code(),
                Some(0),
                "open {i} after the {how} holder was killed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert_no_debris(&p, &format!("20 opens after the {how} holder was killed"));
    }
    let out = thidua(&p.db, &p.tmp, &["check"]);
    assert_eq!(out.status.code(), Some(0), "{:?}", out);
}

/// Changes the data file's change time, as a copy or a crash would, so
/// the next open takes the spare copy and verifies everything.
fn touch(db: &Path) {
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(db.join("db"))
        .expect("open data file");
    f.set_modified(std::time::SystemTime::now())
        .expect("set the time");
}

#[test]
fn opens_killed_midway_are_cleaned_up_by_the_next_open() {
    let p = place(600);
    let mut caught = 0;
    for round in 0u64..12 {
        touch(&p.db);
        let mut child = Command::new(env!("CARGO_BIN_EXE_thidua"))
            .arg("--db")
            .arg(&p.db)
            .arg("check")
            .env("TMPDIR", &p.tmp)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        // Kill moments spread over the open: the copy, sled, the checks.
        std::thread::sleep(Duration::from_millis(2 + round * 7));
        child.kill().expect("SIGKILL");
        child.wait().expect("wait");
        if names(p.root.path()).len() > 2 {
            caught += 1;
        }
        let out = thidua(&p.db, &p.tmp, &["check"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "round {round}: the next open after the kill: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_no_debris(&p, &format!("round {round}"));
    }
    eprintln!("{caught} of 12 kills left a spare copy for the next open to clean");
}

#[test]
fn a_stale_copy_is_put_back_when_complete_and_removed_either_way() {
    let p = place(0);
    let want = {
        let store = common::reopen(&p.db);
        store.audit_head().expect("head")
    };
    // What a killed open leaves: a complete copy, and files sled went on
    // to change (here, the data file cut short).
    let spare = Spare::take(&p.db).expect("take");
    let copy = names(p.root.path())
        .into_iter()
        .find(|n| n.starts_with(".db.thidua-spare-"))
        .expect("the copy lives beside the database");
    let kept = p.root.path().join(&copy);
    std::fs::rename(&kept, p.root.path().join(".db.thidua-spare-4242-1")).expect("rename");
    drop(spare);
    std::fs::OpenOptions::new()
        .write(true)
        .open(p.db.join("db"))
        .expect("data file")
        .set_len(10_000)
        .expect("cut");
    // And an incomplete one, from a kill while copying.
    std::fs::create_dir(p.root.path().join(".db.thidua-spare-4243-2")).expect("mkdir");

    let store = common::reopen(&p.db);
    assert_eq!(store.audit_head().expect("head"), want);
    assert!(store.damage().is_empty(), "{:?}", store.damage());
    drop(store);
    assert_no_debris(&p, "after cleaning stale copies");
}

#[cfg(unix)]
#[test]
fn the_spare_copy_is_private_and_beside_the_folder_and_goes_with_the_open() {
    use std::os::unix::fs::PermissionsExt;
    let p = place(0);
    let spare = Spare::take(&p.db).expect("take");
    let copies: Vec<String> = names(p.root.path())
        .into_iter()
        .filter(|n| n.starts_with(".db.thidua-spare-"))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    let dir = p.root.path().join(&copies[0]);
    let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    let mut files = 0;
    for name in names(&dir) {
        let path = dir.join(&name);
        if path.is_file() {
            assert_eq!(mode(&path), 0o600, "{name}");
            files += 1;
        }
    }
    assert!(
        files >= 3,
        "db, conf and the completion mark: {:?}",
        names(&dir)
    );
    assert!(names(&p.tmp).is_empty());
    drop(spare);
    assert_no_debris(&p, "after the copy is dropped");
}
