//! The value built from the whole store and shared by every session (the
//! app's snapshot of every record, `Data`), and which thread builds it.
//!
//! Under `thidua serve` this is most of the server's memory. Each session
//! keeps the value it last took until its next refresh, so every value built
//! while the sessions refresh at different moments is alive at once: 200
//! sessions can hold 200 copies of the database. Two rules keep that down:
//!
//! - one value per change: a value at least as new as a caller needs is
//!   reused, however new, instead of being built again for the caller's
//!   older generation;
//! - one builder: once a thread has taken the job
//!   ([`Store::build_derived_here`], the server's change feed), other
//!   threads wait for its build instead of building their own. Its builds
//!   cover every change that arrived meanwhile, and the allocations stay on
//!   one thread instead of spreading over every session's.
//!
//! Without a builder (the local terminal, the command line) the caller
//! builds, as before.

use super::{Store, StoreError};
use std::any::Any;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::ThreadId;
use std::time::{Duration, Instant};

/// How long a caller waits for the builder before building the value
/// itself. A build takes milliseconds; this is only reached if the builder
/// is stuck, and then the caller must not be.
const WAIT_FOR_BUILDER: Duration = Duration::from_secs(5);

type Shared = Arc<dyn Any + Send + Sync>;

/// The last value built, and who builds the next one.
#[derive(Default)]
pub(super) struct Slot {
    state: Mutex<State>,
    /// Signalled after every build, and when the builder leaves.
    built: Condvar,
}

#[derive(Default)]
struct State {
    /// The last value built, with the generation it holds every change of.
    value: Option<(u64, Shared)>,
    /// The last generation the builder tried to build, whether it succeeded
    /// or not: a caller that needs no newer one and finds no value builds
    /// it itself (and gets the error itself).
    tried: u64,
    /// The thread that builds every value, if one has taken the job.
    builder: Option<ThreadId>,
}

impl State {
    /// The value, if it holds every change up to `need`.
    fn fresh<T: Any + Send + Sync>(&self, need: u64) -> Option<Arc<T>> {
        let (generation, value) = self.value.as_ref()?;
        if *generation < need {
            return None;
        }
        Arc::clone(value).downcast::<T>().ok()
    }

    /// Whether the caller should wait for another thread's build.
    fn wait_for_builder(&self, need: u64, me: ThreadId) -> bool {
        self.builder.is_some_and(|b| b != me) && self.tried < need
    }
}

/// While alive, the thread that took it builds every value of
/// [`Store::derived`]; dropping it hands building back to the callers.
pub struct DerivedBuilder<'a> {
    store: &'a Store,
}

impl Drop for DerivedBuilder<'_> {
    fn drop(&mut self) {
        let slot = &self.store.derived;
        let me = std::thread::current().id();
        let mut state = slot.state.lock().unwrap_or_else(PoisonError::into_inner);
        if state.builder == Some(me) {
            state.builder = None;
        }
        drop(state);
        // Whoever waits for this thread builds for itself now.
        slot.built.notify_all();
    }
}

fn poisoned<T>(_: PoisonError<T>) -> StoreError {
    StoreError::Io("the shared snapshot's lock is poisoned".into())
}

impl Store {
    /// A value built from the whole store, such as the app's snapshot of
    /// every record: built once after each committed change and shared by
    /// every session that asks, instead of each session reading everything
    /// again. The value is at least as new as the last change notified.
    ///
    /// When a thread has taken the job ([`Store::build_derived_here`]),
    /// another caller waits for that thread's next build rather than
    /// running `build` itself (see the module comment).
    pub fn derived<T: Any + Send + Sync>(
        &self,
        build: impl FnOnce(&Store) -> Result<T, StoreError>,
    ) -> Result<Arc<T>, StoreError> {
        // Every change notified before this call must be in the value.
        let need = self.generation.load(Ordering::SeqCst);
        let me = std::thread::current().id();
        let deadline = Instant::now() + WAIT_FOR_BUILDER;
        // Held while building, so callers told of the same change wait for
        // one build rather than each doing its own.
        let mut state = self.derived.state.lock().map_err(poisoned)?;
        loop {
            if let Some(value) = state.fresh::<T>(need) {
                return Ok(value);
            }
            let now = Instant::now();
            if !state.wait_for_builder(need, me) || now >= deadline {
                break;
            }
            state = self
                .derived
                .built
                .wait_timeout(state, deadline - now)
                .map_err(poisoned)?
                .0;
        }
        self.build_derived(state, me, build)
    }

    /// Builds the value under the slot's lock and shares it.
    fn build_derived<T: Any + Send + Sync>(
        &self,
        mut state: MutexGuard<'_, State>,
        me: ThreadId,
        build: impl FnOnce(&Store) -> Result<T, StoreError>,
    ) -> Result<Arc<T>, StoreError> {
        // Read under the lock, before reading the store: the value holds at
        // least every change notified up to here, maybe more.
        let generation = self.generation.load(Ordering::SeqCst);
        let built = build(self).map(Arc::new);
        if state.builder == Some(me) {
            state.tried = state.tried.max(generation);
        }
        if let Ok(value) = &built {
            let shared: Shared = value.clone();
            state.value = Some((generation, shared));
        }
        drop(state);
        self.derived.built.notify_all();
        built
    }

    /// Makes the calling thread the one that builds every value of
    /// [`Store::derived`] until the returned guard is dropped. The server's
    /// change feed takes it, and builds after each change.
    pub fn build_derived_here(&self) -> DerivedBuilder<'_> {
        let mut state = self
            .derived
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        state.builder = Some(std::thread::current().id());
        DerivedBuilder { store: self }
    }
}
