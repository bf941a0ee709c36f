//! A year's results as one file, and its import (issue 14, docs/bundle.md).
//!
//! - [`export`]: a cluster-year's sheet, criteria table, ballots, proposals,
//!   next year's term, meetings with their people, read from one snapshot,
//!   with the source's audit log, in a sealed zip;
//! - [`read`]: a bundle file proved whole before anything is read from it
//!   (seal, manifest, member hashes, the audit chain, every record equal to
//!   its last copy in the log);
//! - [`plan`]: what the bundle would change here (new, same, conflicting),
//!   schools and the cluster matched by global id or by name, and the one
//!   transaction that applies it;
//! - [`remap`]: a record moved from the source's ids to this database's.

pub mod export;
pub mod plan;
pub mod read;
pub mod remap;

use crate::domain::*;
use crate::store::Kind;
use serde::{Deserialize, Serialize};

/// The manifest's `format`.
pub const FORMAT: &str = "thidua-bundle";
/// The bundle layout this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;
/// The member holding the records.
pub const RECORDS: &str = "records.json";
/// The member holding the source's audit log.
pub const AUDIT: &str = "audit.json";
/// The largest bundle read, in bytes.
pub const MAX_FILE: u64 = 256 << 20;

/// A record in a bundle: its id in the source database, its global id, and
/// the record as the source stores it (references are source ids).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry<R> {
    /// Its id in the source database.
    pub id: u64,
    /// Its global id, 32 hex digits.
    pub gid: String,
    /// The record.
    pub record: R,
}

/// A school or cluster the bundle refers to but does not carry: matched
/// here by global id, else by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// School or cluster.
    pub kind: Kind,
    /// Its id in the source database.
    pub id: u64,
    /// Its global id, 32 hex digits.
    pub gid: String,
    /// Its names there: official first, then honorific and former names
    /// (a cluster: its name and other names).
    pub names: Vec<String>,
    /// A cluster's number, if it has one.
    pub number: Option<u16>,
}

/// The `records.json` member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contents {
    /// The cluster whose year this is (also among `anchors`).
    pub cluster: Anchor,
    /// The year.
    pub year: u16,
    /// Every school and cluster referred to.
    pub anchors: Vec<Anchor>,
    /// People named in the meetings.
    pub people: Vec<Entry<Person>>,
    /// The year's meetings.
    pub meetings: Vec<Entry<Meeting>>,
    /// The criteria table(s) the year is counted by.
    pub criteria_tables: Vec<Entry<CriteriaTable>>,
    /// The year's ballots.
    pub ballots: Vec<Entry<Ballot>>,
    /// The year's proposals and awards.
    pub awards: Vec<Entry<Award>>,
    /// Next year's term (head, deputies).
    pub terms: Vec<Entry<Term>>,
    /// The year's score sheet.
    pub score_sheets: Vec<Entry<ScoreSheet>>,
}

impl Contents {
    /// How many records it carries.
    pub fn len(&self) -> usize {
        self.people.len()
            + self.meetings.len()
            + self.criteria_tables.len()
            + self.ballots.len()
            + self.awards.len()
            + self.terms.len()
            + self.score_sheets.len()
    }

    /// Whether it carries none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Why a bundle cannot be exported or read.
#[derive(Debug)]
pub enum BundleError {
    /// Reading or writing a file failed.
    Io(String, std::io::Error),
    /// Not a bundle (no seal, not a zip, another format).
    NotBundle(String),
    /// The seal does not match: a changed byte.
    Damaged(String),
    /// A member is missing, extra, or unlike the manifest.
    Member(String, String),
    /// A member's JSON cannot be read (member, line).
    Content(String, String, usize),
    /// Another bundle layout or schema version (found).
    Version(String, u32),
    /// The audit log does not hold together, or a record is not its last
    /// copy in the log (what).
    Unproved(String, String),
    /// The cluster has no record for the year.
    Empty,
    /// The store failed.
    Store(crate::store::StoreError),
}

impl From<crate::store::StoreError> for BundleError {
    fn from(e: crate::store::StoreError) -> BundleError {
        BundleError::Store(e)
    }
}

impl From<crate::backup::BackupError> for BundleError {
    fn from(e: crate::backup::BackupError) -> BundleError {
        match e {
            crate::backup::BackupError::Store(e) => BundleError::Store(e),
            crate::backup::BackupError::Io(f, e) => BundleError::Io(f, e),
            other => BundleError::Io(
                String::new(),
                std::io::Error::other(other.line(crate::i18n::Lang::En)),
            ),
        }
    }
}

impl BundleError {
    /// One line in the user's language.
    pub fn line(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::{Msg, tr, trf};
        match self {
            BundleError::Io(file, e) => trf(lang, Msg::BackupIo, &[file, e]),
            BundleError::NotBundle(file) => trf(lang, Msg::BundleNotBundle, &[file]),
            BundleError::Damaged(file) => trf(lang, Msg::BundleDamaged, &[file]),
            BundleError::Member(file, m) => trf(lang, Msg::BundleMember, &[file, m]),
            BundleError::Content(file, m, line) => trf(lang, Msg::BackupContent, &[file, m, line]),
            BundleError::Version(file, v) => trf(lang, Msg::BundleVersion, &[file, v]),
            BundleError::Unproved(file, what) => trf(lang, Msg::BundleUnproved, &[file, what]),
            BundleError::Empty => tr(lang, Msg::BundleEmpty).to_string(),
            BundleError::Store(e) => e.to_string(),
        }
    }
}
