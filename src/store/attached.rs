//! Audit logs attached from other databases: the log a year's bundle
//! brings (its source database's entries, as that database stored them),
//! kept apart from this database's own chain in the `attached_audit` tree,
//! keyed by the source ‖ sequence number. The source is named by the
//! SHA-256 of its first entry's stored bytes, which no other log shares and
//! which a backup and restore keep. The entries are stored byte for byte, so
//! their hash chain can be checked here as it was there.

use super::guard::{TxResult, abort};
use super::{ATTACHED_POS, AuditEntry, Store, StoreError, codec};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// The name of a source log: the SHA-256 of its first entry's stored bytes.
pub type Source = [u8; 32];

/// One entry of a log as stored: its sequence number and stored bytes.
pub type RawEntry = (u64, Vec<u8>);

/// Why an attached log does not hold together.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainError {
    /// The log is empty.
    #[error("the log is empty")]
    Empty,
    /// An entry cannot be decoded.
    #[error("entry {0} cannot be decoded")]
    Unreadable(u64),
    /// An entry's number is not its place (the place).
    #[error("entry {0} is out of sequence")]
    Sequence(u64),
    /// An entry does not hold the hash of the one before it.
    #[error("entry {0} does not chain to the one before it")]
    Link(u64),
    /// The source named is not the hash of the first entry.
    #[error("the log's first entry is not its source's")]
    Source,
}

/// Checks a log's chain from its first entry: numbered 1, 2, 3… and each
/// entry holding the SHA-256 of the one before. Returns the source (hash
/// of entry 1), the length and the hash of the last entry.
pub fn verify_chain(entries: &[RawEntry]) -> Result<(Source, u64, [u8; 32]), ChainError> {
    let first = entries.first().ok_or(ChainError::Empty)?;
    let source: Source = Sha256::digest(&first.1).into();
    let mut prev = [0u8; 32];
    for (place, (seq, bytes)) in (1u64..).zip(entries) {
        let e: AuditEntry = codec::decode(bytes).map_err(|_| ChainError::Unreadable(*seq))?;
        if e.seq != place || *seq != place {
            return Err(ChainError::Sequence(place));
        }
        if e.prev_hash != prev {
            return Err(ChainError::Link(place));
        }
        prev = Sha256::digest(bytes).into();
    }
    Ok((source, entries.len() as u64, prev))
}

/// Decodes one attached entry, to show it.
pub fn decode_entry(bytes: &[u8]) -> Result<AuditEntry, StoreError> {
    codec::decode(bytes).map_err(|e| StoreError::Invalid(e.to_string()))
}

fn key(source: &Source, seq: u64) -> Vec<u8> {
    let mut k = source.to_vec();
    k.extend_from_slice(&codec::id_key(seq));
    k
}

/// Attaches a source's entries inside a transaction: those not held yet
/// are added; one held with other bytes aborts (the source's log was
/// rewritten). Returns how many were added.
pub(super) fn attach_in(
    tx: &[sled::transaction::TransactionalTree],
    source: &Source,
    entries: &[RawEntry],
) -> TxResult<usize> {
    let Some(tree) = tx.get(ATTACHED_POS) else {
        return abort(StoreError::Io("transaction lost the attached log".into()));
    };
    let mut added = 0;
    for (seq, bytes) in entries {
        let k = key(source, *seq);
        match tree.get(&k)? {
            Some(have) if have.as_ref() == bytes.as_slice() => {}
            Some(_) => {
                return abort(StoreError::Conflict(format!(
                    "attached log {}: entry {seq} differs from the one attached before",
                    super::error::hex(source)
                )));
            }
            None => {
                tree.insert(k, bytes.as_slice())?;
                added += 1;
            }
        }
    }
    Ok(added)
}

impl Store {
    /// Every attached log, by source, oldest entry first.
    pub fn attached_logs(&self) -> Result<BTreeMap<Source, Vec<RawEntry>>, StoreError> {
        let mut out: BTreeMap<Source, Vec<RawEntry>> = BTreeMap::new();
        for item in self.tree(ATTACHED_POS)?.iter() {
            let (k, v) = item?;
            let (Some(src), Some(seq)) = (
                k.get(..32).and_then(|s| <Source>::try_from(s).ok()),
                k.get(32..).and_then(codec::read_u64),
            ) else {
                return Err(StoreError::Corrupt {
                    tree: "attached_audit".into(),
                    key: super::error::hex(&k),
                    reason: "the key is not a source and a number".into(),
                });
            };
            out.entry(src).or_default().push((seq, v.to_vec()));
        }
        Ok(out)
    }

    /// The source name of this database's own log (the SHA-256 of its
    /// first entry), if it has one.
    pub fn own_source(&self) -> Result<Option<Source>, StoreError> {
        Ok(self
            .tree(super::AUDIT_POS)?
            .get(codec::id_key(1))?
            .map(|v| Sha256::digest(&v).into()))
    }

    /// Checks every attached log's chain; one line per broken log.
    pub fn check_attached(&self) -> Result<Vec<String>, StoreError> {
        let mut out = Vec::new();
        for (source, entries) in self.attached_logs()? {
            match verify_chain(&entries) {
                Ok((s, _, _)) if s == source => {}
                Ok(_) => out.push(format!(
                    "attached log {}: {}",
                    super::error::hex(&source),
                    ChainError::Source
                )),
                Err(e) => out.push(format!("attached log {}: {e}", super::error::hex(&source))),
            }
        }
        Ok(out)
    }
}
