//! The value shared by every session (`Store::derived`, the app's snapshot)
//! under `thidua serve`: one thread builds it after each change
//! (`Store::build_derived_here`, the change feed) and the others wait for
//! that build instead of each building a copy of the database of its own.
//! See docs/load-test.md for what the copies cost.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Barrier};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use thidua::domain::Person;
use thidua::store::{Change, Store, StoreError};

/// Who built a value.
#[derive(Debug, PartialEq, Eq)]
struct BuiltBy(&'static str);

/// Longer than any build here, shorter than the builder's wait
/// (`WAIT_FOR_BUILDER`, 5 s): a caller that took this long waited for a
/// builder that was never going to build for it.
const NO_LONG_WAIT: Duration = Duration::from_secs(3);

fn open() -> (tempfile::TempDir, Arc<Store>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("db")).expect("open");
    (dir, Arc::new(store))
}

/// A change feed: takes the builder's job, then builds after each change
/// (with `fail`, every build fails) and counts its builds. Ends when the
/// store is dropped or when `stop` is sent.
fn feed(
    store: &Arc<Store>,
    builds: Arc<AtomicUsize>,
    fail: bool,
) -> (JoinHandle<()>, std::sync::mpsc::Sender<()>) {
    let changes: Receiver<Change> = store.subscribe();
    let (stop_tx, stop) = channel::<()>();
    let (ready_tx, ready) = channel::<()>();
    let store = Arc::clone(store);
    let handle = std::thread::spawn(move || {
        let _builder = store.build_derived_here();
        let _ = ready_tx.send(());
        loop {
            if stop.try_recv().is_ok() {
                return;
            }
            match changes.recv_timeout(Duration::from_millis(20)) {
                Ok(_) => {}
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => continue,
                Err(_) => return,
            }
            let _ = store.derived(|_| {
                builds.fetch_add(1, Ordering::SeqCst);
                if fail {
                    Err(StoreError::Io("the builder failed".into()))
                } else {
                    Ok(BuiltBy("builder"))
                }
            });
        }
    });
    ready.recv().expect("the feed started");
    (handle, stop_tx)
}

#[test]
fn after_a_change_every_session_gets_the_one_value_the_builder_built() {
    let (_dir, store) = open();
    let builds = Arc::new(AtomicUsize::new(0));
    let (feed, stop) = feed(&store, Arc::clone(&builds), false);
    store.insert("t", Person::new("Người thử")).expect("insert");

    // Eight sessions ask at once, as after a save; none builds its own.
    let sessions = 8;
    let start = Arc::new(Barrier::new(sessions));
    let own_builds = Arc::new(AtomicUsize::new(0));
    let asked: Vec<_> = (0..sessions)
        .map(|_| {
            let (store, start, own) = (
                Arc::clone(&store),
                Arc::clone(&start),
                Arc::clone(&own_builds),
            );
            std::thread::spawn(move || {
                start.wait();
                store
                    .derived(|_| {
                        own.fetch_add(1, Ordering::SeqCst);
                        Ok(BuiltBy("session"))
                    })
                    .expect("derived")
            })
        })
        .collect();
    let values: Vec<Arc<BuiltBy>> = asked
        .into_iter()
        .map(|t| t.join().expect("session thread"))
        .collect();

    assert_eq!(own_builds.load(Ordering::SeqCst), 0, "a session built");
    assert!(values.iter().all(|v| **v == BuiltBy("builder")));
    assert!(
        values.iter().all(|v| Arc::ptr_eq(v, &values[0])),
        "the sessions got different copies"
    );
    assert_eq!(builds.load(Ordering::SeqCst), 1, "one change, one build");

    // Nothing changed since: asking again reuses it.
    let again = store.derived(|_| Ok(BuiltBy("session"))).expect("derived");
    assert!(Arc::ptr_eq(&again, &values[0]));
    let _ = stop.send(());
    feed.join().expect("feed thread");
}

#[test]
fn once_the_builder_has_gone_a_caller_builds_at_once() {
    let (_dir, store) = open();
    let (feed, stop) = feed(&store, Arc::new(AtomicUsize::new(0)), false);
    let _ = stop.send(());
    feed.join().expect("feed thread");

    store.insert("t", Person::new("Người thử")).expect("insert");
    let asked = Instant::now();
    let value = store.derived(|_| Ok(BuiltBy("session"))).expect("derived");
    assert_eq!(*value, BuiltBy("session"));
    assert!(
        asked.elapsed() < NO_LONG_WAIT,
        "waited {:?} for a builder that had gone",
        asked.elapsed()
    );
}

#[test]
fn when_the_builder_fails_a_caller_builds_for_itself() {
    let (_dir, store) = open();
    let builds = Arc::new(AtomicUsize::new(0));
    let (feed, stop) = feed(&store, Arc::clone(&builds), true);
    store.insert("t", Person::new("Người thử")).expect("insert");

    let asked = Instant::now();
    let value = store
        .derived(|_| Ok(BuiltBy("session")))
        .expect("the caller's own build");
    assert_eq!(*value, BuiltBy("session"));
    assert!(
        asked.elapsed() < NO_LONG_WAIT,
        "waited {:?} after the builder had failed",
        asked.elapsed()
    );
    let _ = stop.send(());
    feed.join().expect("feed thread");
}
