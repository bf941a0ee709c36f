//! The sessions alive on the server: counted against the limit, told of
//! every change to the store, and told when the server stops.

use crate::app::data::Data;
use crate::i18n::Lang;
use crate::store::Store;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// What reaches a session's thread. Sending never blocks, so neither the
/// SSH connection's event loop nor the change feed waits for a slow session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionEvent {
    /// Bytes typed or pasted by the client.
    Input(Vec<u8>),
    /// The client's terminal changed size (columns, rows).
    Resize(u16, u16),
    /// Something in the store changed.
    Changed,
    /// The client went away.
    Closed,
    /// The server is stopping.
    Shutdown,
}

/// The registry of live sessions.
pub struct Hub {
    max: usize,
    closed: std::sync::atomic::AtomicBool,
    next: AtomicU64,
    sessions: Mutex<HashMap<u64, Member>>,
    /// Signalled whenever a session leaves, for shutdown to wait on.
    left: Condvar,
}

/// A session as the hub sees it.
struct Member {
    tx: Sender<SessionEvent>,
    /// Set when the session is told of a change, cleared when it has
    /// caught up ([`Ticket::caught_up`]): one message covers every change
    /// until then, so a burst of saves wakes each session once, not once
    /// per save.
    told: Arc<AtomicBool>,
}

/// A place in the hub; dropping it (when the session's thread ends) frees it.
pub struct Ticket {
    hub: Arc<Hub>,
    id: u64,
    told: Arc<AtomicBool>,
}

impl Ticket {
    /// The session is about to read the store again: the next change is
    /// news, and is sent.
    pub fn caught_up(&self) {
        self.told.store(false, Ordering::SeqCst);
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        if let Ok(mut s) = self.hub.sessions.lock() {
            s.remove(&self.id);
        }
        self.hub.left.notify_all();
    }
}

impl Hub {
    /// A hub that admits at most `max` sessions.
    pub fn new(max: usize) -> Arc<Hub> {
        Arc::new(Hub {
            max,
            closed: std::sync::atomic::AtomicBool::new(false),
            next: AtomicU64::new(1),
            sessions: Mutex::new(HashMap::new()),
            left: Condvar::new(),
        })
    }

    /// Admits a session, or `None` when the server is full or stopping.
    pub fn join(self: &Arc<Hub>, tx: Sender<SessionEvent>) -> Option<Ticket> {
        let mut s = self.sessions.lock().ok()?;
        if s.len() >= self.max || self.closed.load(Ordering::SeqCst) {
            return None;
        }
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let told = Arc::new(AtomicBool::new(false));
        s.insert(
            id,
            Member {
                tx,
                told: Arc::clone(&told),
            },
        );
        Some(Ticket {
            hub: Arc::clone(self),
            id,
            told,
        })
    }

    /// The number of live sessions.
    pub fn count(&self) -> usize {
        self.sessions.lock().map_or(0, |s| s.len())
    }

    /// Admits no more sessions and tells every live one to end.
    pub fn close(&self) {
        // Set under the lock, so no session joins between the flag and the
        // broadcast and misses both.
        if let Ok(_s) = self.sessions.lock() {
            self.closed.store(true, Ordering::SeqCst);
        }
        self.broadcast(&SessionEvent::Shutdown);
    }

    /// Sends an event to every live session.
    pub fn broadcast(&self, ev: &SessionEvent) {
        if let Ok(s) = self.sessions.lock() {
            for m in s.values() {
                // A session whose thread has ended is removed by its ticket.
                let _ = m.tx.send(ev.clone());
            }
        }
    }

    /// Tells every session that has caught up since it was last told that
    /// the store changed.
    pub fn changed(&self) {
        if let Ok(s) = self.sessions.lock() {
            for m in s.values() {
                if !m.told.swap(true, Ordering::SeqCst) {
                    let _ = m.tx.send(SessionEvent::Changed);
                }
            }
        }
    }

    /// Waits until every session has left, or the timeout passes; returns
    /// how many are still there.
    pub fn wait_empty(&self, timeout: Duration) -> usize {
        let deadline = Instant::now() + timeout;
        let Ok(mut s) = self.sessions.lock() else {
            return 0;
        };
        while !s.is_empty() {
            let now = Instant::now();
            if now >= deadline {
                break;
            }
            match self.left.wait_timeout(s, deadline - now) {
                Ok((guard, _)) => s = guard,
                Err(_) => return 0,
            }
        }
        s.len()
    }
}

/// Passes every committed change on to every session, from a thread of its
/// own that sleeps until the store sends something: idle costs nothing.
/// Before telling them, it reads the new snapshot and its lists in `lang`
/// once (`Data::prepare`), so the sessions find them ready.
///
/// It is the only thread that builds snapshots (`Store::build_derived_here`):
/// a session that needs a newer one, such as right after its own save,
/// waits for this thread's next build. So a burst of changes makes one
/// snapshot, not one per session refreshing at a different moment (each
/// session keeps the one it took until its next refresh, so all those
/// copies of the database were alive at once), and the building is done on
/// one thread, not scattered over every session's.
pub fn forward_changes(store: &Arc<Store>, hub: Arc<Hub>, lang: Lang) -> std::io::Result<()> {
    let rx = store.subscribe();
    let store = Arc::clone(store);
    std::thread::Builder::new()
        .name("changes".into())
        .spawn(move || {
            let _builder = store.build_derived_here();
            while rx.recv().is_ok() {
                // Changes that arrived meanwhile are in the same snapshot.
                while rx.try_recv().is_ok() {}
                if let Ok(data) = Data::shared(&store) {
                    data.prepare(lang);
                }
                hub.changed();
            }
        })
        .map(drop)
}
