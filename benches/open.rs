//! Opening a database (see `docs/benchmarks.md` and `docs/integrity.md`):
//! the guard against sled's repairs must cost a few milliseconds whatever
//! the size. Files as this program left them are opened directly; files
//! changed since (a crash in a write, a copy from elsewhere, damage) are
//! copied aside and verified in full, which grows with the size.
//!
//! Run with `cargo bench --bench open`.

use criterion::{BatchSize, Criterion as Bench, criterion_group, criterion_main};
use std::path::{Path, PathBuf};
use std::time::Duration;
use thidua::store::{Store, StoreError};

/// The demo data and `writes` more schools, closed.
fn database(root: &Path, writes: u32) -> PathBuf {
    let db = root.join(format!("db-{writes}"));
    let store = Store::open(&db).expect("open");
    thidua::demo::load(&store).expect("demo");
    for i in 0..writes {
        let s = thidua::domain::School::new(&format!("Trường thử {i}"), "Hà Nội");
        store.insert("bench", s).expect("insert");
    }
    db
}

/// Opens, waiting out the moment sled's threads keep the lock after the
/// previous close in this process.
fn open(db: &Path) -> Store {
    loop {
        match Store::open(db) {
            Err(StoreError::Locked { .. }) => std::thread::sleep(Duration::from_micros(200)),
            other => return other.expect("open"),
        }
    }
}

/// Makes the files look changed since this program left them.
fn touch(db: &Path) {
    std::fs::OpenOptions::new()
        .write(true)
        .open(db.join("db"))
        .expect("data file")
        .set_modified(std::time::SystemTime::now())
        .expect("set time");
}

fn opening(c: &mut Bench) {
    let root = tempfile::tempdir().expect("temp dir");
    for writes in [0, 3000] {
        let db = database(root.path(), writes);
        let size = std::fs::metadata(db.join("db")).map_or(0, |m| m.len());
        eprintln!("db-{writes}: data file {size} bytes");
        c.bench_function(&format!("open_unchanged_demo+{writes}"), |b| {
            b.iter(|| drop(open(&db)))
        });
        c.bench_function(&format!("open_changed_demo+{writes}"), |b| {
            b.iter_batched(|| touch(&db), |()| drop(open(&db)), BatchSize::PerIteration)
        });
        c.bench_function(&format!("sled_alone_demo+{writes}"), |b| {
            b.iter(|| {
                loop {
                    let config = sled::Config::new().path(&db).flush_every_ms(None);
                    match config.open() {
                        Ok(sled) => break drop(sled),
                        Err(e) if e.to_string().contains("lock") => {
                            std::thread::sleep(Duration::from_micros(200))
                        }
                        Err(e) => panic!("sled: {e}"),
                    }
                }
            })
        });
    }
}

criterion_group! {
    name = benches;
    config = Bench::default().measurement_time(Duration::from_secs(4)).sample_size(20);
    targets = opening
}
criterion_main!(benches);
