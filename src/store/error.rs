//! Store errors, each one line a user can act on.

use super::Kind;
use std::path::PathBuf;

/// Everything that can go wrong in the store.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The user's role does not allow this change; nothing was written.
    #[error("not allowed: {0:?}")]
    Refused(crate::domain::access::Refusal),
    /// Another process holds the database.
    #[error(
        "the database {path} is in use by another thidua process; to let several people work on one database, run `thidua serve` once and connect over SSH"
    )]
    Locked {
        /// The database folder.
        path: PathBuf,
    },
    /// sled could not open the folder.
    #[error("cannot open the database {path}: {reason}")]
    Open {
        /// The database folder.
        path: PathBuf,
        /// sled's reason.
        reason: String,
    },
    /// Written by a newer thidua.
    #[error(
        "the database {path} has schema version {found}, newer than this thidua supports ({supported}); use a newer thidua"
    )]
    NewerSchema {
        /// The database folder.
        path: PathBuf,
        /// The version found.
        found: u32,
        /// The newest this build reads.
        supported: u32,
    },
    /// The schema marker is unreadable.
    #[error("the database {path} has an unreadable schema version: {reason}")]
    UnknownSchema {
        /// The database folder.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// A stored value could not be decoded.
    #[error("corrupt record in tree `{tree}` at key {key}: {reason}")]
    Corrupt {
        /// The sled tree.
        tree: String,
        /// The key, in hex.
        key: String,
        /// What is wrong.
        reason: String,
    },
    /// No record with that id.
    #[error("no {kind:?} with id {id}")]
    NotFound {
        /// The record kind.
        kind: Kind,
        /// The id.
        id: u64,
    },
    /// A record with this id already exists.
    #[error("{0}")]
    Conflict(String),
    /// A unique index already holds the key for another record: a second
    /// term, sheet or criteria table for the same cluster and year.
    #[error("{}", taken_message(*kind, *holder))]
    Taken {
        /// The kind of record refused.
        kind: Kind,
        /// The record already holding the key.
        holder: u64,
    },
    /// Someone else changed the record since the user opened it.
    #[error("{kind:?} {id} was changed by someone else since it was opened")]
    Changed {
        /// The record kind.
        kind: Kind,
        /// The id.
        id: u64,
    },
    /// The record breaks a rule.
    #[error("{0}")]
    Invalid(String),
    /// An I/O or sled error while working.
    #[error("storage error: {0}")]
    Io(String),
    /// A record others refer to cannot be deleted.
    #[error("{kind:?} {id} is referred to by {} other records ({by:?}); a school that closed or merged gets a lineage event instead", by.len())]
    Referenced {
        /// The record's kind.
        kind: Kind,
        /// Its id.
        id: u64,
        /// Who refers to it.
        by: Vec<(Kind, u64)>,
    },
    /// A record refers to one that does not exist.
    #[error("{kind:?} refers to {target:?}, which does not exist")]
    Dangling {
        /// The kind written.
        kind: Kind,
        /// The missing record.
        target: (Kind, u64),
    },
    /// Refused by the lock of a cluster-year.
    #[error("refused by the lock: {0:?}")]
    Lock(crate::domain::lock::LockRefusal),
    /// A ballot whose numbers do not add up.
    #[error("the ballot does not add up: {0}")]
    Ballot(crate::domain::tally::TallyError),
    /// A school that had merged or closed before the year.
    #[error("school {} no longer existed in {year}", school.0)]
    Ended {
        /// The school.
        school: crate::domain::SchoolId,
        /// The year.
        year: u16,
    },
    /// A score outside its item's range or step, or for an unknown item.
    #[error("{0}")]
    Score(crate::domain::scoring::ScoreError),
    /// A score was changed by someone else since the user began typing it:
    /// what the user saw and what is stored now (`None`: an empty cell).
    #[error(
        "the score was changed by someone else: you saw {}, it is now {}",
        seen.map_or_else(|| "-".to_string(), |p| p.to_string()),
        stored.map_or_else(|| "-".to_string(), |p| p.to_string())
    )]
    ScoreChanged {
        /// The value when typing began.
        seen: Option<crate::domain::Points>,
        /// The value stored now.
        stored: Option<crate::domain::Points>,
    },
    /// A change of a score sheet's members that the rule does not allow.
    #[error("{0}")]
    Members(crate::domain::sheet_members::MemberRefusal),
    /// A criteria table that breaks the rules of what a table must be.
    #[error("the criteria table is not valid: {}", .0.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("; "))]
    Table(Vec<crate::domain::criteria_rules::TableProblem>),
    /// The audit log holds fewer entries than the safety record says were
    /// acknowledged: the database came back older than it was.
    #[error(
        "the database {path} is older than its last saved change: {} of the {recorded} saved changes are missing; nothing was changed; restore a backup",
        recorded.saturating_sub(*found)
    )]
    Older {
        /// The database folder.
        path: PathBuf,
        /// Audit entries acknowledged.
        recorded: u64,
        /// Audit entries present.
        found: u64,
    },
    /// The audit entry the safety record names is not the one it saved:
    /// another database, or an older one with other changes since.
    #[error(
        "the database {path} is not the one last saved: its change #{seq} differs from the one recorded in {}; nothing was changed; restore a backup",
        path.join(super::safety::FILE).display()
    )]
    Replaced {
        /// The database folder.
        path: PathBuf,
        /// The audit entry that differs.
        seq: u64,
    },
    /// sled cannot read part of the database's files.
    #[error("{}", damaged_message(path, file, *at))]
    Damaged {
        /// The database folder.
        path: PathBuf,
        /// The file that cannot be read.
        file: PathBuf,
        /// The byte where sled found the damage, when it says.
        at: Option<u64>,
    },
    /// Records or audit entries do not agree with the audit log: changes it
    /// acknowledged are not all there.
    #[error(
        "the database {path} does not match its audit log: {tree} {key} and {others} more; nothing was changed; run `thidua check` for details, and restore a backup"
    )]
    Mismatch {
        /// The database folder.
        path: PathBuf,
        /// The tree of the first problem.
        tree: String,
        /// Its key, in hex.
        key: String,
        /// How many other problems there are.
        others: usize,
    },
    /// Records are damaged, so every write is refused until an open finds
    /// none (after `thidua check` passes or a backup is restored).
    #[error(
        "changes are refused: {damaged} damaged records or audit entries were found when the database was opened; run `thidua check`, and restore them from a backup"
    )]
    WritesRefused {
        /// How many problems the open found.
        damaged: u64,
    },
    /// A batch of the Academy's decisions that cannot be recorded; nothing
    /// of it was written.
    #[error("the decision cannot be recorded: {0:?}")]
    Decide(crate::domain::deciding::DecideRefusal),
}

fn damaged_message(path: &std::path::Path, file: &std::path::Path, at: Option<u64>) -> String {
    let at = at.map(|b| format!(" near byte {b}")).unwrap_or_default();
    format!(
        "the database {} is damaged: {} cannot be read{at}; nothing was changed; restore a backup (details in {})",
        path.display(),
        file.display(),
        path.join(super::safety::LOG).display()
    )
}

/// A failed sled transaction: the refusal it aborted with, or sled's error.
impl From<sled::transaction::TransactionError<StoreError>> for StoreError {
    fn from(e: sled::transaction::TransactionError<StoreError>) -> StoreError {
        match e {
            sled::transaction::TransactionError::Abort(e) => e,
            sled::transaction::TransactionError::Storage(e) => e.into(),
        }
    }
}

impl From<sled::Error> for StoreError {
    fn from(e: sled::Error) -> Self {
        StoreError::Io(e.to_string())
    }
}

/// Renders key bytes for messages.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn taken_message(kind: Kind, holder: u64) -> String {
    match kind {
        Kind::Term => format!("this cluster already has a term for that year (term {holder})"),
        Kind::Sheet => {
            format!("this cluster already has a score sheet for that year (sheet {holder})")
        }
        Kind::Table => format!("there is already a criteria table for that year (table {holder})"),
        _ => format!("{kind:?} conflicts with record {holder}"),
    }
}
