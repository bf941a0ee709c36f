//! What the SSH side and a session's thread share about the session's input:
//! how many bytes are queued and not yet worked through, and whether the
//! session is over.
//!
//! The queue is bounded in bytes. When it is full, the russh `data`
//! callback waits for room; russh then stops reading that connection, the
//! socket fills, and the client's sends wait: input is taken only as fast as
//! the session works through it, and memory stays bounded however much a
//! client sends.
//!
//! Waiting must never close a loop: the session's thread sends its screen
//! through the same russh loop that is waiting here. The thread says while
//! it waits for its screen to go out; if that lasts, the callback stops
//! waiting and queues a little over the budget, up to twice it. A client that
//! sends more than that while it does not read its screen is disconnected.

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};
use tokio::sync::Notify;

/// How long the thread may wait for its screen to go out, while input waits
/// for room, before the input stops waiting (see the module comment).
pub const STUCK_AFTER: Duration = Duration::from_millis(100);

/// The default input budget of a session, in bytes: more than the largest
/// SSH packet (32 KiB), so a packet always fits into an empty queue.
pub const DEFAULT_BUDGET: usize = 64 * 1024;

/// A session's input queue, as both sides see it.
pub struct Inbox {
    budget: usize,
    closed: AtomicBool,
    state: Mutex<Queue>,
    changed: Notify,
}

#[derive(Default)]
struct Queue {
    /// Bytes queued or being worked through.
    queued: usize,
    /// Since when the thread waits for its screen to go out.
    sending_since: Option<Instant>,
}

/// What became of input offered to the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Room {
    /// Queued: send it to the session.
    Queued,
    /// The session is over: drop the input.
    Closed,
    /// The client hung up while the input waited: end the connection.
    Gone,
    /// The client sends far more than it reads: end the connection.
    TooMuch,
}

impl Inbox {
    /// An empty queue of `budget` bytes.
    pub fn new(budget: usize) -> Arc<Inbox> {
        Arc::new(Inbox {
            budget: budget.max(1),
            closed: AtomicBool::new(false),
            state: Mutex::new(Queue::default()),
            changed: Notify::new(),
        })
    }

    fn queue(&self) -> std::sync::MutexGuard<'_, Queue> {
        // A poisoned lock means a panic while holding it; the counters are
        // never left half-changed.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits until `len` bytes fit, then counts them as queued. An empty
    /// queue takes any packet, however large. `gone` resolves when the
    /// client hangs up.
    pub async fn reserve(&self, len: usize, gone: impl Future<Output = ()>) -> Room {
        tokio::pin!(gone);
        loop {
            let notified = self.changed.notified();
            tokio::pin!(notified);
            // Registered before looking, so a change between the look and
            // the wait still wakes it.
            notified.as_mut().enable();
            let stuck_at = {
                let mut q = self.queue();
                if self.is_closed() {
                    return Room::Closed;
                }
                let after = q.queued.saturating_add(len);
                if q.queued == 0 || after <= self.budget {
                    q.queued = after;
                    return Room::Queued;
                }
                let stuck_at = q.sending_since.map(|since| since + STUCK_AFTER);
                if stuck_at.is_some_and(|at| at <= Instant::now()) {
                    if after > self.budget.saturating_mul(2) {
                        return Room::TooMuch;
                    }
                    q.queued = after;
                    return Room::Queued;
                }
                stuck_at
            };
            let stuck = async {
                match stuck_at {
                    Some(at) => tokio::time::sleep_until(at.into()).await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                () = &mut notified => {}
                () = stuck => {}
                () = &mut gone => return Room::Gone,
            }
        }
    }

    /// The thread has worked through `len` bytes.
    pub fn done(&self, len: usize) {
        {
            let mut q = self.queue();
            q.queued = q.queued.saturating_sub(len);
        }
        self.changed.notify_waiters();
    }

    /// The thread starts or stops waiting for its screen to go out.
    pub fn sending(&self, waiting: bool) {
        self.queue().sending_since = waiting.then(Instant::now);
        self.changed.notify_waiters();
    }

    /// The session is over (the client left, or the thread ended): queued
    /// input is dropped and no more is taken.
    pub fn close(&self) {
        self.closed.store(true, Ordering::SeqCst);
        self.changed.notify_waiters();
    }

    /// Whether the session is over; the thread asks between two keys.
    pub fn is_closed(&self) -> bool {
        self.closed.load(Ordering::SeqCst)
    }

    /// Bytes queued or being worked through.
    pub fn queued(&self) -> usize {
        self.queue().queued
    }
}
