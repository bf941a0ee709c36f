//! The corruption suite: a database is damaged in every way a disk, a
//! careless copy or a crash can damage it, and each case must either open
//! with every acknowledged record and `check` passing, or be refused in one
//! plain line that names the database, with its files left exactly as they
//! were. No case may open as an older or empty database.
//!
//! Two databases: the demo data set, and one of a few thousand writes
//! (inserts, updates and deletes). Damage, each with and without sled's
//! snapshot file:
//! - the data file truncated at every 4 KiB boundary;
//! - one bit flipped at each of 500 offsets drawn from a fixed seed;
//! - the safety record removed, emptied, overwritten or with a slot torn.
//!
//! The demo database is swept in full. For the busy one, every boundary
//! and offset would take several minutes on two cores, so a fixed, evenly
//! spread sample of 96 boundaries and 150 offsets is used; set
//! `THIDUA_CORRUPTION_FULL=1` for the full sweep.

mod common;

use common::rng::Rng;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use thidua::store::{Kind, Store, safety};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read dir") {
        let e = e.expect("entry");
        if e.file_type().expect("type").is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).expect("copy");
        }
    }
}

/// Every record of every kind, as stored, read with sled directly.
type Records = BTreeMap<(Kind, Vec<u8>), Vec<u8>>;

fn records_of(db: &Path) -> Records {
    let sled = common::sled_open(db);
    let mut out = BTreeMap::new();
    for kind in Kind::ALL {
        for item in sled.open_tree(kind.tree()).expect("tree").iter() {
            let (k, v) = item.expect("read");
            out.insert((kind, k.to_vec()), v.to_vec());
        }
    }
    out
}

/// The database's files with their bytes, but the error log.
fn files(db: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walk(db) {
        if e.file_name().is_some_and(|n| n == safety::LOG) {
            continue;
        }
        let bytes = std::fs::read(&e).expect("read");
        out.insert(e.strip_prefix(db).expect("inside").to_path_buf(), bytes);
    }
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("read dir") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// A pristine database, closed, and the records it acknowledged.
struct Pristine {
    db: PathBuf,
    want: Records,
    data_len: u64,
}

fn pristine(root: &Path, name: &str, fill: impl FnOnce(&Store)) -> Pristine {
    let db = root.join(name);
    {
        let store = Store::open(&db).expect("open");
        fill(&store);
    }
    // Opened once more, as any later use does: sled writes its snapshot.
    drop(common::reopen(&db));
    // Read from a copy: opening with sled changes sled's files.
    let probe = root.join(format!("{name}-probe"));
    copy_dir(&db, &probe);
    let want = records_of(&probe);
    std::fs::remove_dir_all(&probe).expect("remove probe");
    let data_len = std::fs::metadata(db.join("db")).expect("data file").len();
    Pristine { db, want, data_len }
}

/// A few thousand writes: schools and people added, renamed, removed.
fn busy(store: &Store) {
    thidua::demo::load(store).expect("demo");
    let mut rng = Rng(7);
    let mut schools = Vec::new();
    for i in 0..2_400u32 {
        match rng.next() % 10 {
            0..=4 => {
                let s = thidua::domain::School::new(&format!("Trường thử {i}"), "Hà Nội");
                schools.push(store.insert("bận", s).expect("insert"));
            }
            5..=7 if !schools.is_empty() => {
                let id = schools[(rng.next() % schools.len() as u64) as usize];
                store
                    .modify("bận", id, |s: &mut thidua::domain::School| {
                        s.notes = format!("lần sửa {i}");
                        Ok(())
                    })
                    .expect("modify");
            }
            8 if !schools.is_empty() => {
                let id = schools.swap_remove((rng.next() % schools.len() as u64) as usize);
                store
                    .delete::<thidua::domain::School>("bận", id)
                    .expect("delete");
            }
            _ => {
                let mut p = common::person();
                p.name = format!("Người thử {i}");
                p.school = None;
                store.insert("bận", p).expect("insert");
            }
        }
    }
}

/// How one case ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    /// Opened with every record, and `check` passed.
    Whole,
    /// Refused in one line, files untouched.
    Refused,
}

/// Opens a damaged copy and holds it to the promise.
fn judge(case: &Path, want: &Records, what: &str) -> Outcome {
    let before = files(case);
    match Store::open(case) {
        Ok(store) => {
            assert!(
                store.damage().is_empty(),
                "{what}: opened showing damage instead of refusing: {:?}",
                store.damage()
            );
            drop(store);
            let report = common::retry_locked(|| Store::check(case))
                .unwrap_or_else(|e| panic!("{what}: opened, but check could not: {e}"));
            assert!(
                report.findings.is_empty(),
                "{what}: opened, but check found {:?}",
                report.findings
            );
            let got = records_of(case);
            assert!(
                got == *want,
                "{what}: opened with {} records where {} were acknowledged, or with other values",
                got.len(),
                want.len()
            );
            Outcome::Whole
        }
        Err(e) => {
            let line = e.to_string();
            assert!(!line.contains('\n'), "{what}: not one line: {line}");
            assert!(
                line.contains(&case.display().to_string()),
                "{what}: does not name the database: {line}"
            );
            assert!(!line.to_lowercase().contains("panicked"), "{what}: {line}");
            assert!(
                files(case) == before,
                "{what}: refused, but its files were changed"
            );
            Outcome::Refused
        }
    }
}

fn remove_snapshots(case: &Path) {
    for e in std::fs::read_dir(case).expect("read dir") {
        let p = e.expect("entry").path();
        if p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("snap."))
        {
            std::fs::remove_file(p).expect("remove snapshot");
        }
    }
}

/// Runs one damage on a fresh copy of `p`, with or without the snapshot.
fn case(
    p: &Pristine,
    root: &Path,
    with_snapshot: bool,
    what: &str,
    damage: impl Fn(&Path),
    tally: &mut BTreeMap<(String, Outcome), usize>,
) {
    let dir = root.join("case");
    copy_dir(&p.db, &dir);
    if !with_snapshot {
        remove_snapshots(&dir);
    }
    damage(&dir);
    let label = format!(
        "{what} (snapshot {})",
        if with_snapshot { "kept" } else { "removed" }
    );
    let outcome = judge(&dir, &p.want, &label);
    let kind = what.split_whitespace().next().unwrap_or(what).to_string();
    *tally.entry((kind, outcome)).or_default() += 1;
    std::fs::remove_dir_all(&dir).expect("remove case");
}

fn truncate(db: &Path, len: u64) {
    std::fs::OpenOptions::new()
        .write(true)
        .open(db.join("db"))
        .expect("open data file")
        .set_len(len)
        .expect("truncate");
}

fn flip(db: &Path, at: u64, bit: u8) {
    use std::os::unix::fs::FileExt;
    let f = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(db.join("db"))
        .expect("open data file");
    let mut b = [0u8; 1];
    f.read_exact_at(&mut b, at).expect("read byte");
    b[0] ^= 1 << (bit % 8);
    f.write_all_at(&b, at).expect("write byte");
}

/// A named damage done to a copy's folder.
type Damage = (&'static str, fn(&Path));

/// Every damage to the safety record alone.
fn safety_damage() -> Vec<Damage> {
    vec![
        ("safety-removed", |d| {
            std::fs::remove_file(d.join(safety::FILE)).expect("remove")
        }),
        ("safety-emptied", |d| {
            std::fs::write(d.join(safety::FILE), b"").expect("empty")
        }),
        ("safety-overwritten", |d| {
            let mut r = Rng(99);
            let bytes: Vec<u8> = (0..8192).map(|_| r.next() as u8).collect();
            std::fs::write(d.join(safety::FILE), bytes).expect("write")
        }),
        ("safety-slot0-torn", |d| tear(d, 0)),
        ("safety-slot1-torn", |d| tear(d, 4096)),
        ("safety-cut-half", |d| {
            std::fs::OpenOptions::new()
                .write(true)
                .open(d.join(safety::FILE))
                .expect("open")
                .set_len(4096 + 100)
                .expect("cut")
        }),
    ]
}

fn tear(d: &Path, slot: usize) {
    let path = d.join(safety::FILE);
    let mut bytes = std::fs::read(&path).expect("read");
    for b in bytes.iter_mut().skip(slot + 6).take(40) {
        *b = !*b;
    }
    std::fs::write(path, bytes).expect("write");
}

/// Every 4 KiB boundary of the data file, or an even sample of `sample`.
fn boundaries(len: u64, sample: Option<usize>) -> Vec<u64> {
    let all: Vec<u64> = (0..=len / 4096).map(|i| i * 4096).collect();
    match sample {
        Some(n) if all.len() > n => (0..n).map(|i| all[i * all.len() / n]).collect(),
        _ => all,
    }
}

fn sweep(name: &str, p: &Pristine, root: &Path, sample: Option<(usize, usize)>) {
    let started = std::time::Instant::now();
    let mut tally = BTreeMap::new();
    let cuts = boundaries(p.data_len, sample.map(|s| s.0));
    let mut rng = Rng(0x7468_6964_7561 ^ name.len() as u64);
    let flips: Vec<(u64, u8)> = (0..sample.map_or(500, |s| s.1))
        .map(|_| (rng.next() % p.data_len, (rng.next() % 8) as u8))
        .collect();
    for with_snapshot in [true, false] {
        for &cut in &cuts {
            case(
                p,
                root,
                with_snapshot,
                &format!("truncate {cut}"),
                |d| truncate(d, cut),
                &mut tally,
            );
        }
        for &(at, bit) in &flips {
            case(
                p,
                root,
                with_snapshot,
                &format!("flip {at}:{bit}"),
                |d| flip(d, at, bit),
                &mut tally,
            );
        }
        for (what, damage) in safety_damage() {
            case(p, root, with_snapshot, what, damage, &mut tally);
        }
    }
    let total: usize = tally.values().sum();
    eprintln!(
        "{name}: {} data bytes, {total} cases in {:.1?}: {tally:?}",
        p.data_len,
        started.elapsed()
    );
    // The safety record's own damage must never refuse a whole database.
    for ((kind, outcome), n) in &tally {
        if kind.starts_with("safety") {
            assert_eq!(*outcome, Outcome::Whole, "{kind}: {n} refused");
        }
    }
}

/// A folder for the cases: in memory where the system has one, since
/// every case fsyncs a dozen times and sled's repairs and this program's
/// refusals do not depend on the file system.
fn scratch() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir()
        && let Ok(dir) = tempfile::Builder::new()
            .prefix("thidua-corruption")
            .tempdir_in(shm)
    {
        return dir;
    }
    tempfile::tempdir().expect("tempdir")
}

fn full_sweep() -> bool {
    std::env::var_os("THIDUA_CORRUPTION_FULL").is_some()
}

#[test]
fn the_demo_database_opens_whole_or_is_refused_in_one_line() {
    let root = scratch();
    let p = pristine(root.path(), "demo", |s| {
        thidua::demo::load(s).expect("demo");
    });
    sweep("demo", &p, root.path(), None);
}

#[test]
fn a_busy_database_opens_whole_or_is_refused_in_one_line() {
    let root = scratch();
    let p = pristine(root.path(), "busy", busy);
    let sample = (!full_sweep()).then_some((96, 150));
    sweep("busy", &p, root.path(), sample);
}
