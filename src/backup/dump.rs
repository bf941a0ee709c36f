//! Every record as JSON, one array per kind, and the audit log as JSON:
//! what `thidua dump --json` prints and what a backup holds. Both are read
//! from one [`Snapshot`], so they are of the same moment.

use super::BackupError;
use crate::domain::*;
use crate::store::restore::Image;
use crate::store::snapshot::Snapshot;
use crate::store::verify::hex;
use crate::store::{AuditEntry, Op, Record, StoreError};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};

/// The `format` field of a dump.
pub const DUMP_FORMAT: &str = "thidua-dump";

/// One record and its id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item<R> {
    /// The record's id (its key in the database).
    pub id: u64,
    /// The record, every field.
    pub record: R,
}

/// Every record of the database, one array per kind, each in id order.
/// The arrays are named after the database's trees.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dump {
    /// Always [`DUMP_FORMAT`].
    pub format: String,
    /// The schema version the records follow (`docs/data-model.md`).
    pub schema_version: u32,
    /// Schools.
    pub schools: Vec<Item<School>>,
    /// Clusters.
    pub clusters: Vec<Item<Cluster>>,
    /// Terms.
    pub terms: Vec<Item<Term>>,
    /// Meetings.
    pub meetings: Vec<Item<Meeting>>,
    /// People.
    pub people: Vec<Item<Person>>,
    /// Criteria tables.
    pub criteria_tables: Vec<Item<CriteriaTable>>,
    /// Score sheets.
    pub score_sheets: Vec<Item<ScoreSheet>>,
    /// Ballots.
    pub ballots: Vec<Item<Ballot>>,
    /// Awards.
    pub awards: Vec<Item<Award>>,
    /// Every record's global id (schema 4), deleted records' too.
    #[serde(default)]
    pub gids: Vec<GidItem>,
}

/// One record's global id in a dump.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GidItem {
    /// The record's kind.
    pub kind: Kind,
    /// Its id in this database.
    pub id: u64,
    /// Its global id: 32 hex digits.
    pub gid: String,
}

fn items<R: Record>(snap: &Snapshot) -> Result<Vec<Item<R>>, StoreError> {
    Ok(snap
        .records::<R>()?
        .into_iter()
        .map(|(id, record)| Item { id, record })
        .collect())
}

fn add<R: Record>(image: &mut Image, list: &[Item<R>]) -> Result<(), StoreError> {
    list.iter()
        .try_for_each(|item| image.add_record(item.id, &item.record))
}

impl Dump {
    /// Every record of the snapshot.
    pub fn of(snap: &Snapshot) -> Result<Dump, StoreError> {
        Ok(Dump {
            format: DUMP_FORMAT.to_string(),
            schema_version: snap.schema_version,
            schools: items(snap)?,
            clusters: items(snap)?,
            terms: items(snap)?,
            meetings: items(snap)?,
            people: items(snap)?,
            criteria_tables: items(snap)?,
            score_sheets: items(snap)?,
            ballots: items(snap)?,
            awards: items(snap)?,
            gids: snap
                .gids()
                .into_iter()
                .map(|(kind, id, g)| GidItem {
                    kind,
                    id,
                    gid: hex(&g),
                })
                .collect(),
        })
    }

    /// How many records.
    pub fn len(&self) -> usize {
        self.schools.len()
            + self.clusters.len()
            + self.terms.len()
            + self.meetings.len()
            + self.people.len()
            + self.criteria_tables.len()
            + self.score_sheets.len()
            + self.ballots.len()
            + self.awards.len()
    }

    /// Whether there are no records.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Adds every record to an image to restore.
    pub fn add_to(&self, image: &mut Image) -> Result<(), StoreError> {
        add(image, &self.schools)?;
        add(image, &self.clusters)?;
        add(image, &self.terms)?;
        add(image, &self.meetings)?;
        add(image, &self.people)?;
        add(image, &self.criteria_tables)?;
        add(image, &self.score_sheets)?;
        add(image, &self.ballots)?;
        add(image, &self.awards)?;
        for g in &self.gids {
            match crate::store::gid::parse_gid(&g.gid) {
                Some(gid) => image.add_gid(g.kind, g.id, gid),
                None => image.add_gid(g.kind, g.id, [0; 16]),
            }
        }
        Ok(())
    }
}

/// One audit entry in JSON: every field of the stored entry, the record's
/// stored bytes before and after in base64 (they are what the chain
/// hashes), and the SHA-256 of the entry's stored bytes in hex.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditJson {
    /// Position in the log, from 1.
    pub seq: u64,
    /// When, in seconds since 1970 (UTC).
    pub at: Timestamp,
    /// Who.
    pub actor: String,
    /// Insert, Update or Delete.
    pub op: Op,
    /// The record's kind.
    pub kind: Kind,
    /// The record's id.
    pub id: u64,
    /// The reason given.
    pub reason: String,
    /// The record as stored before, base64; null for an insert.
    pub before: Option<String>,
    /// The record as stored after, base64; null for a delete.
    pub after: Option<String>,
    /// SHA-256 of the previous entry's stored bytes, hex (zeros for the first).
    pub prev_hash: String,
    /// SHA-256 of this entry's stored bytes, hex.
    pub hash: String,
}

/// The audit log in JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditLog {
    /// Every entry, oldest first.
    pub entries: Vec<AuditJson>,
    /// Audit logs attached from other databases by bundle imports.
    #[serde(default)]
    pub attached: Vec<AttachedJson>,
}

/// One entry of an attached log: its source, number and stored bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttachedJson {
    /// The source log: SHA-256 of its first entry, 64 hex digits.
    pub source: String,
    /// The entry's number in its source log.
    pub seq: u64,
    /// The entry's stored bytes, base64.
    pub entry: String,
}

impl AuditJson {
    /// The stored entry it shows; `None` when a hash or a record's bytes
    /// are not well-formed hex or base64.
    pub fn entry(&self) -> Option<AuditEntry> {
        let bytes = |s: &Option<String>| match s {
            Some(s) => STANDARD.decode(s).ok().map(Some),
            None => Some(None),
        };
        Some(AuditEntry {
            seq: self.seq,
            at: self.at,
            actor: self.actor.clone(),
            op: self.op,
            kind: self.kind,
            id: self.id,
            reason: self.reason.clone(),
            before: bytes(&self.before)?,
            after: bytes(&self.after)?,
            prev_hash: unhex(&self.prev_hash)?,
        })
    }
}

impl AuditLog {
    /// The snapshot's log.
    pub fn of(snap: &Snapshot) -> Result<AuditLog, StoreError> {
        let b64 = |b: &Option<Vec<u8>>| b.as_ref().map(|b| STANDARD.encode(b));
        let entries = snap
            .audit()?
            .into_iter()
            .map(|(e, hash)| AuditJson {
                seq: e.seq,
                at: e.at,
                before: b64(&e.before),
                after: b64(&e.after),
                prev_hash: hex(&e.prev_hash),
                hash: hex(&hash),
                actor: e.actor,
                op: e.op,
                kind: e.kind,
                id: e.id,
                reason: e.reason,
            })
            .collect();
        let attached = snap
            .attached()
            .into_iter()
            .map(|(source, seq, bytes)| AttachedJson {
                source: hex(&source),
                seq,
                entry: STANDARD.encode(bytes),
            })
            .collect();
        Ok(AuditLog { entries, attached })
    }

    /// Adds every entry to an image to restore; `file` names the backup in
    /// a refusal.
    pub fn add_to(&self, image: &mut Image, file: &str) -> Result<(), BackupError> {
        let content = || BackupError::Content(file.to_string(), super::AUDIT.to_string(), 0);
        for e in &self.entries {
            let entry = e.entry().ok_or_else(content)?;
            image.add_entry(&entry, unhex(&e.hash).ok_or_else(content)?)?;
        }
        for a in &self.attached {
            let source = unhex(&a.source).ok_or_else(content)?;
            let bytes = STANDARD.decode(&a.entry).map_err(|_| content())?;
            image.add_attached(source, a.seq, bytes);
        }
        Ok(())
    }
}

/// A 32-byte hash from 64 hex digits.
pub fn unhex(s: &str) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    if s.len() != 64 {
        return None;
    }
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(s.get(i * 2..i * 2 + 2)?, 16).ok()?;
    }
    Some(out)
}
