//! Reading a bundle: everything proved before anything is used. The seal
//! over the whole file (a flipped byte anywhere is found), the manifest and
//! every member's SHA-256, the JSON, the source's audit chain from its first
//! entry to the head the manifest gives, and every record equal, byte for
//! byte, to its last copy in that log.

use super::{AUDIT, BundleError, Contents, FORMAT, FORMAT_VERSION, MAX_FILE, RECORDS};
use crate::backup::BackupError;
use crate::backup::dump::{AuditLog, unhex};
use crate::backup::restore::sealed_members;
use crate::store::attached::{RawEntry, Source, verify_chain};
use crate::store::audit::stored_bytes;
use crate::store::gid::parse_gid;
use crate::store::{Kind, Record, SCHEMA_VERSION, codec};
use std::collections::BTreeMap;

/// A bundle proved whole.
#[derive(Debug)]
pub struct Proved {
    /// Its records.
    pub contents: Contents,
    /// The source's audit log, as the source stored it.
    pub log: Vec<RawEntry>,
    /// The source log's name (SHA-256 of its first entry).
    pub source: Source,
    /// The source log's length and last hash.
    pub head: (u64, [u8; 32]),
}

fn member_error(file: &str, e: BackupError) -> BundleError {
    match e {
        BackupError::NotBackup(_) => BundleError::NotBundle(file.into()),
        BackupError::Damaged(_) => BundleError::Damaged(file.into()),
        BackupError::MemberMissing(_, m)
        | BackupError::MemberExtra(_, m)
        | BackupError::MemberHash(_, m) => BundleError::Member(file.into(), m),
        BackupError::Content(_, m, line) => BundleError::Content(file.into(), m, line),
        other => other.into(),
    }
}

fn unproved(file: &str, what: impl std::fmt::Display) -> BundleError {
    BundleError::Unproved(file.into(), what.to_string())
}

/// Each record equals the `after` of the last entry that wrote it.
fn check_records<R: Record>(
    file: &str,
    list: &[super::Entry<R>],
    last: &BTreeMap<(Kind, u64), Option<Vec<u8>>>,
) -> Result<(), BundleError> {
    for e in list {
        if parse_gid(&e.gid).is_none() {
            return Err(unproved(
                file,
                format!("{:?} {}: no global id", R::KIND, e.id),
            ));
        }
        let bytes = codec::encode(&e.record).map_err(|err| unproved(file, err))?;
        if last.get(&(R::KIND, e.id)).and_then(Option::as_ref) != Some(&bytes) {
            return Err(unproved(
                file,
                format!("{:?} {}: not its last copy in the log", R::KIND, e.id),
            ));
        }
    }
    Ok(())
}

/// Proves a bundle's bytes whole; `file` names it in messages.
pub fn prove(file: &str, bytes: &[u8]) -> Result<Proved, BundleError> {
    if bytes.len() as u64 > MAX_FILE {
        return Err(BundleError::NotBundle(file.into()));
    }
    let (manifest, members) = sealed_members(file, bytes).map_err(|e| member_error(file, e))?;
    if manifest.format != FORMAT {
        return Err(BundleError::NotBundle(file.into()));
    }
    if manifest.format_version != FORMAT_VERSION {
        return Err(BundleError::Version(file.into(), manifest.format_version));
    }
    if manifest.schema_version != SCHEMA_VERSION {
        return Err(BundleError::Version(file.into(), manifest.schema_version));
    }
    let member = |name: &str| {
        members
            .get(name)
            .ok_or_else(|| BundleError::Member(file.into(), name.into()))
    };
    let json =
        |name: &str, e: serde_json::Error| BundleError::Content(file.into(), name.into(), e.line());
    let contents: Contents =
        serde_json::from_slice(member(RECORDS)?).map_err(|e| json(RECORDS, e))?;
    let log: AuditLog = serde_json::from_slice(member(AUDIT)?).map_err(|e| json(AUDIT, e))?;
    let mut raw = Vec::new();
    let mut last: BTreeMap<(Kind, u64), Option<Vec<u8>>> = BTreeMap::new();
    for e in &log.entries {
        let entry = e.entry().ok_or_else(|| unproved(file, e.seq))?;
        let bytes = stored_bytes(&entry)?;
        let hash: [u8; 32] = {
            use sha2::{Digest, Sha256};
            Sha256::digest(&bytes).into()
        };
        if unhex(&e.hash) != Some(hash) {
            return Err(unproved(file, format!("audit entry {}", e.seq)));
        }
        last.insert((entry.kind, entry.id), entry.after);
        raw.push((e.seq, bytes));
    }
    let (source, len, head) = verify_chain(&raw).map_err(|e| unproved(file, e))?;
    if len != manifest.audit_entries || unhex(&manifest.audit_head) != Some(head) {
        return Err(unproved(file, "audit head"));
    }
    check_records(file, &contents.people, &last)?;
    check_records(file, &contents.meetings, &last)?;
    check_records(file, &contents.criteria_tables, &last)?;
    check_records(file, &contents.ballots, &last)?;
    check_records(file, &contents.awards, &last)?;
    check_records(file, &contents.terms, &last)?;
    check_records(file, &contents.score_sheets, &last)?;
    if contents.len() as u64 != manifest.records
        || contents.anchors.iter().any(|a| parse_gid(&a.gid).is_none())
    {
        return Err(unproved(file, "records"));
    }
    Ok(Proved {
        contents,
        log: raw,
        source,
        head: (len, head),
    })
}
