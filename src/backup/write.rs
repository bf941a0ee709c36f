//! Writing a backup: the snapshot's records and audit log as JSON members,
//! the manifest, and the seal — the zip's comment, which holds the SHA-256
//! of every byte of the file before it, so a flipped bit anywhere is found.

use super::dump::{AuditLog, Dump};
use super::manifest::{Manifest, Member};
use super::{AUDIT, BackupError, FORMAT, FORMAT_VERSION, MANIFEST, RECORDS};
use crate::store::Store;
use crate::store::verify::hex;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::Path;

/// What the zip's comment starts with; 64 hex digits follow.
pub const SEAL_PREFIX: &[u8] = b"thidua-backup sha256:";
const SEAL_HEX: usize = 64;

/// What a backup held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Records.
    pub records: u64,
    /// Audit entries.
    pub entries: u64,
}

fn zip_error(e: zip::result::ZipError) -> BackupError {
    BackupError::Io("zip".into(), std::io::Error::other(e.to_string()))
}

/// A sealed zip of `members`, in order, each compressed. Every member gets
/// the same fixed time, so the bytes depend only on the contents.
pub fn archive(members: &[(&str, &[u8])]) -> Result<Vec<u8>, BackupError> {
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o600);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in members {
        zip.start_file(*name, options).map_err(zip_error)?;
        zip.write_all(bytes)
            .map_err(|e| BackupError::Io((*name).into(), e))?;
    }
    let mut comment = SEAL_PREFIX.to_vec();
    comment.extend_from_slice(&[b'0'; SEAL_HEX]);
    zip.set_raw_comment(comment.into_boxed_slice())
        .map_err(zip_error)?;
    let mut bytes = zip.finish().map_err(zip_error)?.into_inner();
    let body = bytes.len() - SEAL_HEX;
    let seal = hex(&Sha256::digest(&bytes[..body]));
    bytes[body..].copy_from_slice(seal.as_bytes());
    Ok(bytes)
}

/// What the seal at the end of a file says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seal {
    /// It matches every byte before it.
    Whole,
    /// There is none: not a backup, or cut short.
    Absent,
    /// It does not match: the file changed after it was written.
    Broken,
}

/// Checks the seal at the end of a backup's bytes.
pub fn unseal(bytes: &[u8]) -> Seal {
    let Some(body) = bytes.len().checked_sub(SEAL_HEX) else {
        return Seal::Absent;
    };
    let prefix = body
        .checked_sub(SEAL_PREFIX.len())
        .and_then(|at| bytes.get(at..body));
    if prefix != Some(SEAL_PREFIX) {
        return Seal::Absent;
    }
    let (head, seal) = bytes.split_at(body);
    // Compared as written (lower-case hex), not decoded: a flipped bit that
    // only changes a letter's case is a change too.
    if seal == hex(&Sha256::digest(head)).as_bytes() {
        Seal::Whole
    } else {
        Seal::Broken
    }
}

/// The whole database as a sealed backup, from one snapshot.
pub fn backup_bytes(store: &Store) -> Result<(Vec<u8>, Summary), BackupError> {
    let snap = store.snapshot()?;
    let dump = Dump::of(&snap)?;
    let log = AuditLog::of(&snap)?;
    let records = to_json(RECORDS, &dump)?;
    let audit = to_json(AUDIT, &log)?;
    let summary = Summary {
        records: dump.len() as u64,
        entries: log.entries.len() as u64,
    };
    let manifest = Manifest {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        schema_version: snap.schema_version,
        thidua_version: env!("CARGO_PKG_VERSION").into(),
        created: crate::domain::Timestamp::now().0,
        records: summary.records,
        audit_entries: summary.entries,
        audit_head: log
            .entries
            .last()
            .map_or_else(|| hex(&[0; 32]), |e| e.hash.clone()),
        members: vec![Member::of(RECORDS, &records), Member::of(AUDIT, &audit)],
    };
    let manifest = to_json(MANIFEST, &manifest)?;
    let bytes = archive(&[(MANIFEST, &manifest), (RECORDS, &records), (AUDIT, &audit)])?;
    Ok((bytes, summary))
}

fn to_json<T: serde::Serialize>(name: &str, value: &T) -> Result<Vec<u8>, BackupError> {
    serde_json::to_vec(value).map_err(|e| BackupError::Io(name.into(), std::io::Error::other(e)))
}

/// Writes `bytes` to `path` through a temporary file beside it, flushed and
/// renamed into place, so the path holds the old file or the whole new one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), BackupError> {
    let io = |e: std::io::Error| BackupError::Io(path.display().to_string(), e);
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".thidua-backup-")
        .tempfile_in(&parent)
        .map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    crate::store::safety::sync_dir(Some(&parent)).map_err(io)
}
