//! One consistent copy of the whole database, for a backup: every tree read
//! while no write can commit, so the records, the indexes and the audit log
//! are all of the same moment.

use super::error::hex;
use super::{AUDIT_POS, AuditEntry, Kind, Record, SCHEMA_VERSION, Store, StoreError, codec};
use super::{kind_pos, tree_names};
use sha2::{Digest, Sha256};

/// A tree's keys and values, in key order.
pub type RawTree = Vec<(Vec<u8>, Vec<u8>)>;

/// Every tree of the database at one moment, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// The schema version the records are written in.
    pub schema_version: u32,
    /// Every tree (records, indexes, meta, audit, refs), by name, in the
    /// store's tree order.
    pub trees: Vec<(&'static str, RawTree)>,
}

/// An audit entry as stored, with the SHA-256 of its stored bytes (the
/// value the next entry's `prev_hash` holds).
pub type HashedEntry = (AuditEntry, [u8; 32]);

impl Store {
    /// Reads every tree while holding every write back, so nothing
    /// committed half-way is seen. Writes wait for the copy (milliseconds
    /// for a database of a few megabytes), none is refused.
    pub fn snapshot(&self) -> Result<Snapshot, StoreError> {
        let _alone = self.gate.write().unwrap_or_else(|p| p.into_inner());
        let mut trees = Vec::new();
        for (pos, name) in tree_names().into_iter().enumerate() {
            let mut entries = Vec::new();
            for item in self.tree(pos)?.iter() {
                let (k, v) = item?;
                entries.push((k.to_vec(), v.to_vec()));
            }
            trees.push((name, entries));
        }
        Ok(Snapshot {
            schema_version: self.schema_version()?.unwrap_or(SCHEMA_VERSION),
            trees,
        })
    }
}

impl Snapshot {
    fn tree_at(&self, pos: usize) -> &[(Vec<u8>, Vec<u8>)] {
        self.trees.get(pos).map_or(&[], |(_, t)| t.as_slice())
    }

    /// The named tree, empty if there is none.
    pub fn tree(&self, name: &str) -> &[(Vec<u8>, Vec<u8>)] {
        self.trees
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(&[], |(_, t)| t.as_slice())
    }

    /// Every record of a type, in id order; one that cannot be read is an
    /// error naming its tree and key.
    pub fn records<R: Record>(&self) -> Result<Vec<(u64, R)>, StoreError> {
        let mut out = Vec::new();
        for (k, v) in self.tree_at(kind_pos(R::KIND)) {
            let corrupt = |reason: String| StoreError::Corrupt {
                tree: R::KIND.tree().into(),
                key: hex(k),
                reason,
            };
            let id = codec::read_u64(k)
                .filter(|_| k.len() == 8)
                .ok_or_else(|| corrupt("the key is not an 8-byte id".into()))?;
            let record = codec::decode::<R>(v).map_err(|e| corrupt(e.to_string()))?;
            out.push((id, record));
        }
        Ok(out)
    }

    /// How many records of a kind.
    pub fn count(&self, kind: Kind) -> usize {
        self.tree_at(kind_pos(kind)).len()
    }

    /// Every audit entry, oldest first, with the hash of its stored bytes.
    pub fn audit(&self) -> Result<Vec<HashedEntry>, StoreError> {
        let mut out = Vec::new();
        for (k, v) in self.tree_at(AUDIT_POS) {
            let entry = codec::decode::<AuditEntry>(v).map_err(|e| StoreError::Corrupt {
                tree: "audit".into(),
                key: hex(k),
                reason: e.to_string(),
            })?;
            out.push((entry, Sha256::digest(v).into()));
        }
        Ok(out)
    }

    /// Every global id, by record (records deleted keep theirs).
    pub fn gids(&self) -> Vec<(Kind, u64, super::gid::Gid)> {
        self.tree_at(super::GIDS_POS)
            .iter()
            .filter_map(|(k, v)| {
                let (kind, id) = super::gid::parse_ref(k)?;
                Some((kind, id, <super::gid::Gid>::try_from(v.as_slice()).ok()?))
            })
            .collect()
    }

    /// Every attached audit entry: source, number, stored bytes.
    pub fn attached(&self) -> Vec<(super::attached::Source, u64, Vec<u8>)> {
        self.tree_at(super::ATTACHED_POS)
            .iter()
            .filter_map(|(k, v)| {
                let source = <super::attached::Source>::try_from(k.get(..32)?).ok()?;
                let seq = codec::read_u64(k.get(32..)?)?;
                Some((source, seq, v.clone()))
            })
            .collect()
    }
}
