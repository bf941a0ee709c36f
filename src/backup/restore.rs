//! Reading a backup back. Everything is checked before anything is
//! written: the seal over the whole file, the manifest (format and schema
//! versions, every member present with its SHA-256, nothing else), the
//! JSON, the audit chain entry by entry, every record against its last
//! copy in the log, unique keys and references. Only a backup that passes
//! all of it is written, into an empty database, in one transaction.

use super::dump::{AuditLog, Dump, unhex};
use super::manifest::{Manifest, Member};
use super::write::{Seal, Summary, unseal};
use super::{BackupError, FORMAT, FORMAT_VERSION, MANIFEST, MAX_FILE, MEMBERS};
use crate::store::restore::{Image, RestoreError};
use crate::store::{SCHEMA_VERSION, Store};
use std::collections::BTreeMap;

/// The schema that added global ids.
const GIDS_ADDED: u32 = 4;
use std::io::Read;
use std::path::Path;

/// A backup read and proved whole, ready to be written.
#[derive(Debug)]
pub struct Proved {
    image: Image,
    /// What it holds.
    pub summary: Summary,
}

/// Reads a backup file whole (up to [`MAX_FILE`]).
pub fn read_file(path: &Path) -> Result<Vec<u8>, BackupError> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| BackupError::Io(name.clone(), e))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| BackupError::Io(name.clone(), e))?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(BackupError::NotBackup(name));
    }
    Ok(bytes)
}

fn json_error(file: &str, member: &str, e: &serde_json::Error) -> BackupError {
    BackupError::Content(file.into(), member.into(), e.line())
}

/// Checks a backup's bytes (`file` names it in messages) and builds the
/// database it holds in memory. Nothing is written.
/// The members of a sealed zip (a backup or a bundle) and its manifest,
/// after the seal over the whole file, every member's size and SHA-256
/// against the manifest, and no member the manifest does not list.
pub fn sealed_members(
    file: &str,
    bytes: &[u8],
) -> Result<(Manifest, BTreeMap<String, Vec<u8>>), BackupError> {
    match unseal(bytes) {
        Seal::Whole => {}
        Seal::Absent => return Err(BackupError::NotBackup(file.into())),
        Seal::Broken => return Err(BackupError::Damaged(file.into())),
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| BackupError::NotBackup(file.into()))?;
    let mut members: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for i in 0..zip.len() {
        let mut m = zip
            .by_index(i)
            .map_err(|_| BackupError::NotBackup(file.into()))?;
        let name = m
            .name()
            .map_err(|_| BackupError::NotBackup(file.into()))?
            .to_string();
        let mut data = Vec::new();
        // The zip's own CRC is checked at the end of each member.
        m.by_ref()
            .take(MAX_FILE)
            .read_to_end(&mut data)
            .map_err(|_| BackupError::MemberHash(file.into(), name.clone()))?;
        if members.insert(name.clone(), data).is_some() {
            return Err(BackupError::MemberExtra(file.into(), name));
        }
    }
    let manifest_bytes = members
        .remove(MANIFEST)
        .ok_or_else(|| BackupError::MemberMissing(file.into(), MANIFEST.into()))?;
    let manifest: Manifest =
        serde_json::from_slice(&manifest_bytes).map_err(|e| json_error(file, MANIFEST, &e))?;
    for listed in &manifest.members {
        let data = members
            .get(&listed.name)
            .ok_or_else(|| BackupError::MemberMissing(file.into(), listed.name.clone()))?;
        if Member::of(&listed.name, data) != *listed {
            return Err(BackupError::MemberHash(file.into(), listed.name.clone()));
        }
    }
    if let Some(extra) = members
        .keys()
        .find(|name| !manifest.members.iter().any(|m| &m.name == *name))
    {
        return Err(BackupError::MemberExtra(file.into(), extra.clone()));
    }
    Ok((manifest, members))
}

/// Proves a backup whole (docs/backup.md, "What restore checks").
pub fn prove(file: &str, bytes: &[u8]) -> Result<Proved, BackupError> {
    let (manifest, members) = sealed_members(file, bytes)?;
    if manifest.format != FORMAT {
        return Err(BackupError::NotBackup(file.into()));
    }
    if manifest.format_version != FORMAT_VERSION {
        return Err(BackupError::Version(file.into(), manifest.format_version));
    }
    // Schema 4 only added the global ids beside the records: a schema-3
    // backup's records read as they are, and get new ids as a migration
    // would give them.
    let readable = |v: u32| v == SCHEMA_VERSION || v == GIDS_ADDED - 1;
    if !readable(manifest.schema_version) {
        return Err(BackupError::Schema(file.into(), manifest.schema_version));
    }
    for needed in MEMBERS {
        if !manifest.members.iter().any(|m| m.name == needed) {
            return Err(BackupError::MemberMissing(file.into(), needed.into()));
        }
    }
    let member = |name: &str| members.get(name).map_or(&[][..], Vec::as_slice);
    let dump: Dump = serde_json::from_slice(member(super::RECORDS))
        .map_err(|e| json_error(file, super::RECORDS, &e))?;
    let log: AuditLog = serde_json::from_slice(member(super::AUDIT))
        .map_err(|e| json_error(file, super::AUDIT, &e))?;
    if !readable(dump.schema_version) || dump.schema_version != manifest.schema_version {
        return Err(BackupError::Schema(file.into(), dump.schema_version));
    }
    let mut image = Image::new();
    dump.add_to(&mut image)?;
    log.add_to(&mut image, file)?;
    if dump.schema_version < GIDS_ADDED {
        image.give_missing_gids();
    }
    if let Some(p) = image.problems(SCHEMA_VERSION).into_iter().next() {
        return Err(BackupError::Inconsistent(file.into(), p));
    }
    let (entries, head) = image.head();
    if entries != manifest.audit_entries
        || unhex(&manifest.audit_head) != Some(head)
        || dump.len() as u64 != manifest.records
    {
        return Err(BackupError::Head(file.into()));
    }
    Ok(Proved {
        image,
        summary: Summary {
            records: manifest.records,
            entries,
        },
    })
}

/// Why a restore did not happen.
#[derive(Debug)]
pub enum Refusal {
    /// The backup is not whole.
    Backup(BackupError),
    /// The database is not empty.
    NotEmpty,
    /// The store failed.
    Store(crate::store::StoreError),
}

/// Writes a proved backup into `store`, which must hold nothing.
pub fn write(store: &Store, proved: &Proved) -> Result<(), Refusal> {
    match store.restore(&proved.image) {
        Ok(()) => Ok(()),
        Err(RestoreError::NotEmpty) => Err(Refusal::NotEmpty),
        Err(RestoreError::Store(e)) => Err(Refusal::Store(e)),
        Err(RestoreError::Image(problems)) => Err(Refusal::Backup(match problems.first() {
            Some(p) => BackupError::Inconsistent(store.path().display().to_string(), p.clone()),
            None => BackupError::Head(store.path().display().to_string()),
        })),
    }
}
