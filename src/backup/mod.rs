//! Backups: one portable zip of the whole database, consistent to one
//! moment, that restores byte for byte; and the JSON dump of every record.
//! The format is described in `docs/backup.md`.
//!
//! - [`dump`]: every record as JSON, one array per kind (the `records.json`
//!   member of a backup, and `thidua dump --json`);
//! - [`manifest`]: the backup's table of contents, with each member's SHA-256;
//! - [`write`]: the zip, sealed with the SHA-256 of the whole file;
//! - [`restore`]: reading a backup back, every check before any write;
//! - [`auto`]: automatic backups after every lock and amendment, the newest
//!   N kept beside the database.

pub mod auto;
pub mod dump;
pub mod manifest;
pub mod restore;
pub mod write;

use crate::i18n::{Lang, Msg, trf};
use crate::store::restore::ImageProblem;

/// The name a backup's manifest goes by inside the zip.
pub const MANIFEST: &str = "manifest.json";
/// The records, as [`dump::Dump`].
pub const RECORDS: &str = "records.json";
/// The audit log, as [`dump::AuditLog`].
pub const AUDIT: &str = "audit.json";
/// The members a backup of this format version holds besides the manifest.
pub const MEMBERS: [&str; 2] = [RECORDS, AUDIT];
/// The `format` field of a manifest.
pub const FORMAT: &str = "thidua-backup";
/// The backup format this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;
/// The largest backup file read, so a wrong file cannot exhaust memory.
pub const MAX_FILE: u64 = 1 << 30;

/// Why a backup could not be read or written, each one line for the user.
#[derive(Debug)]
pub enum BackupError {
    /// The file could not be read or written.
    Io(String, std::io::Error),
    /// Not a thidua backup (not a zip, no seal), or cut short.
    NotBackup(String),
    /// The seal (the whole file's SHA-256) does not match: damaged.
    Damaged(String),
    /// A member the manifest lists, or the format needs, is absent.
    MemberMissing(String, String),
    /// A member the manifest does not list.
    MemberExtra(String, String),
    /// A member whose bytes do not match the manifest.
    MemberHash(String, String),
    /// A member that is not the JSON it should be (member, line).
    Content(String, String, usize),
    /// A format version this build does not know.
    Version(String, u32),
    /// A schema version this build does not write.
    Schema(String, u32),
    /// The records and the audit log disagree, or the chain is broken.
    Inconsistent(String, ImageProblem),
    /// The audit head the manifest records is not the log's.
    Head(String),
    /// The store failed while reading or writing.
    Store(crate::store::StoreError),
}

impl From<crate::store::StoreError> for BackupError {
    fn from(e: crate::store::StoreError) -> BackupError {
        BackupError::Store(e)
    }
}

impl BackupError {
    /// The one line a user reads, in their language.
    pub fn line(&self, lang: Lang) -> String {
        use BackupError as E;
        match self {
            E::Io(file, e) => trf(lang, Msg::BackupIo, &[file, e]),
            E::NotBackup(file) => trf(lang, Msg::BackupNotBackup, &[file]),
            E::Damaged(file) => trf(lang, Msg::BackupDamaged, &[file]),
            E::MemberMissing(file, m) => trf(lang, Msg::BackupMemberMissing, &[file, m]),
            E::MemberExtra(file, m) => trf(lang, Msg::BackupMemberExtra, &[file, m]),
            E::MemberHash(file, m) => trf(lang, Msg::BackupMemberHash, &[file, m]),
            E::Content(file, m, line) => trf(lang, Msg::BackupContent, &[file, m, line]),
            E::Version(file, v) => trf(lang, Msg::BackupVersion, &[file, v, &FORMAT_VERSION]),
            E::Schema(file, v) => trf(
                lang,
                Msg::BackupSchema,
                &[file, v, &crate::store::SCHEMA_VERSION],
            ),
            E::Inconsistent(file, p) => {
                trf(lang, Msg::BackupInconsistent, &[file, &problem(lang, p)])
            }
            E::Head(file) => trf(lang, Msg::BackupHead, &[file]),
            E::Store(e) => e.to_string(),
        }
    }
}

/// What is wrong inside a backup, in the user's language.
fn problem(lang: Lang, p: &ImageProblem) -> String {
    use ImageProblem as P;
    let kind = |k: &crate::store::Kind| crate::i18n::names::kind(lang, *k);
    match p {
        P::Sequence(seq) | P::Link(seq) | P::EntryHash(seq) | P::Before(seq) => {
            trf(lang, Msg::BackupChainAt, &[seq])
        }
        P::Duplicate(k, id)
        | P::BadId(k, id)
        | P::Taken(_, k, id)
        | P::Dangling(k, id)
        | P::Differs(k, id)
        | P::NoEntry(k, id)
        | P::Missing(k, id)
        | P::Deleted(k, id)
        | P::NoGid(k, id)
        | P::BadGid(k, id) => trf(lang, Msg::BackupRecordAt, &[&kind(k), id]),
        P::Attached(seq) => trf(lang, Msg::BundleAttachedAt, &[seq]),
        P::Schema(v) => trf(lang, Msg::BackupSchemaIs, &[v]),
    }
}
