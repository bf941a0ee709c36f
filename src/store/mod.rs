//! The store: every read and write of the database goes through [`Store`].
//! No `sled::Tree` leaves this module.
//!
//! Trees: one per record kind (`schools`, `clusters`, …, keyed by big-endian
//! id), one per secondary index (`idx_*`), `meta` (schema version, audit
//! head) and `audit` (the hash-chained log). See `docs/data-model.md`.

pub mod attached;
pub mod audit;
mod audit_range;
pub mod auto;
pub mod batch;
pub mod codec;
mod decisions;
mod derived;
mod error;
pub mod gid;
pub mod guard;
pub mod index;
mod members;
mod migrate;
mod open;
mod read;
mod record;
pub mod refs;
pub mod restore;
pub mod safety;
mod schema;
mod scores;
pub mod snapshot;
pub mod spare;
pub mod verify;
pub mod write;

pub use crate::domain::Kind;
pub use audit::{AuditEntry, AuditProblem, Op};
pub use derived::DerivedBuilder;
pub use error::StoreError;
pub use index::{Index, IndexKey, Role};
pub use read::LookupHit;
pub use record::{Record, TextKind};
pub use write::Author;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, Sender};

/// The schema version this build writes. Older databases are migrated on open.
pub const SCHEMA_VERSION: u32 = 4;

/// sled's page cache for this program. sled's default is 1 GiB, far beyond a
/// database of a few megabytes; this leaves room for hundreds of SSH sessions.
pub const CACHE_BYTES: u64 = 32 * 1024 * 1024;

/// A committed change, sent to every subscriber after it is flushed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// The kind of record changed.
    pub kind: Kind,
    /// Its id.
    pub id: u64,
    /// The audit sequence number of the change.
    pub seq: u64,
}

/// The database of one process, shared by every session through an `Arc`.
pub struct Store {
    db: sled::Db,
    path: PathBuf,
    /// Every tree, in the order of [`tree_names`], so one transaction can
    /// span a record, its indexes, the audit log and the meta tree.
    trees: Vec<sled::Tree>,
    subscribers: Mutex<Vec<Sender<Change>>>,
    /// Counts committed writes, for [`Store::derived`].
    generation: std::sync::atomic::AtomicU64,
    /// The last value built by [`Store::derived`], and who builds the next.
    derived: derived::Slot,
    /// The safety record, and the damage found when the database opened.
    integrity: safety::Integrity,
    /// Writes hold it shared while their transaction commits; a
    /// [`Store::snapshot`] holds it alone, so it sees no write half-way.
    gate: std::sync::RwLock<()>,
    /// What to run after a write that locks or amends ([`Store::on_lock`]).
    backup_hook: Mutex<Option<auto::BackupHook>>,
}

const META: &str = "meta";
const AUDIT: &str = "audit";
const REFS: &str = "refs";
const GIDS: &str = "gids";
const GID_INDEX: &str = "gid_index";
const ATTACHED: &str = "attached_audit";

/// Names of all trees in transaction order: records, indexes, meta, audit,
/// reverse references, global ids both ways, attached audit logs.
fn tree_names() -> Vec<&'static str> {
    Kind::ALL
        .iter()
        .map(|k| k.tree())
        .chain(Index::ALL.iter().map(|i| i.tree()))
        .chain([META, AUDIT, REFS, GIDS, GID_INDEX, ATTACHED])
        .collect()
}

fn kind_pos(k: Kind) -> usize {
    Kind::ALL.iter().position(|x| *x == k).unwrap_or(0)
}

fn index_pos(i: Index) -> usize {
    Kind::ALL.len() + Index::ALL.iter().position(|x| *x == i).unwrap_or(0)
}

const META_POS: usize = Kind::ALL.len() + Index::ALL.len();
const AUDIT_POS: usize = META_POS + 1;
const REFS_POS: usize = AUDIT_POS + 1;
const GIDS_POS: usize = REFS_POS + 1;
const GID_INDEX_POS: usize = GIDS_POS + 1;
const ATTACHED_POS: usize = GID_INDEX_POS + 1;

impl Store {
    /// The database folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn tree(&self, pos: usize) -> Result<&sled::Tree, StoreError> {
        self.trees
            .get(pos)
            .ok_or_else(|| StoreError::Io(format!("tree {pos} missing")))
    }

    /// Receives every change committed from now on, after it is on disk.
    pub fn subscribe(&self) -> Receiver<Change> {
        let (tx, rx) = std::sync::mpsc::channel();
        if let Ok(mut subs) = self.subscribers.lock() {
            subs.push(tx);
        }
        rx
    }

    fn notify(&self, change: Change) {
        self.generation
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        if let Ok(mut subs) = self.subscribers.lock() {
            subs.retain(|s| s.send(change).is_ok());
        }
    }

    /// Writes everything to disk. Every write already flushes; this is for
    /// shutdown.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.db.flush()?;
        Ok(())
    }
}
