//! Global ids: a random 128-bit id given to every record once, when it is
//! first written, and kept through updates, deletes (so undo brings a record
//! back under the same identity), backups, restores and migrations. Local
//! ids are sled counters and differ from one database to the next; a global
//! id names the same record in every database a year's bundle travels to.
//!
//! Two trees of raw bytes (no bincode), changed in the same transaction as
//! the record: `gids` maps kind byte ‖ id (big-endian) to the gid, and
//! `gid_index` maps the gid back to kind byte ‖ id.

use super::guard::{TxResult, abort};
use super::refs::{RecordRef, ref_key};
use super::{GID_INDEX_POS, GIDS_POS, Kind, Store, StoreError, codec, kind_pos};
use sled::transaction::TransactionalTree;
use std::collections::BTreeMap;

/// A global id: 16 random bytes.
pub type Gid = [u8; 16];

/// A new random global id (never all zeros).
pub fn new_gid() -> Gid {
    loop {
        let g: Gid = rand::random();
        if g != [0; 16] {
            return g;
        }
    }
}

/// A gid as 32 lower-case hex digits.
pub fn gid_hex(g: &Gid) -> String {
    super::error::hex(g)
}

/// Reads 32 hex digits back into a gid.
pub fn parse_gid(s: &str) -> Option<Gid> {
    let mut out = [0u8; 16];
    if s.len() != 32 {
        return None;
    }
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(s.get(i * 2..i * 2 + 2)?, 16).ok()?;
    }
    Some(out)
}

/// The record a `gid_index` value or `gids` key names.
pub(super) fn parse_ref(b: &[u8]) -> Option<RecordRef> {
    if b.len() != 9 {
        return None;
    }
    let kind = Kind::from_byte(*b.first()?)?;
    Some((kind, codec::read_u64(b.get(1..)?)?))
}

fn as_gid(b: &[u8]) -> Option<Gid> {
    b.try_into().ok()
}

/// Gives a record its gid inside a write's transaction, unless it has one:
/// `wanted` (a gid a bundle brings) or a new random one. A record that has
/// another gid than `wanted`, or a `wanted` gid that names another record,
/// is refused, so one record never has two identities nor two records one.
pub(super) fn assign_in(
    tx: &[TransactionalTree],
    record: RecordRef,
    wanted: Option<Gid>,
) -> TxResult<()> {
    let (Some(forward), Some(back)) = (tx.get(GIDS_POS), tx.get(GID_INDEX_POS)) else {
        return abort(StoreError::Io("transaction lost the gid trees".into()));
    };
    let key = ref_key(record);
    if let Some(have) = forward.get(key)? {
        return match wanted {
            Some(w) if have.as_ref() != w => abort(StoreError::Conflict(format!(
                "{:?} {} has global id {}, not {}",
                record.0,
                record.1,
                super::error::hex(&have),
                gid_hex(&w)
            ))),
            _ => Ok(()),
        };
    }
    let gid = wanted.unwrap_or_else(new_gid);
    if let Some(holder) = back.get(gid)?
        && holder.as_ref() != key
    {
        return abort(StoreError::Conflict(format!(
            "global id {} already names another record",
            gid_hex(&gid)
        )));
    }
    forward.insert(&key, &gid)?;
    back.insert(&gid, &key)?;
    Ok(())
}

impl Store {
    /// The global id of a record, if it has one.
    pub fn gid_of(&self, kind: Kind, id: u64) -> Result<Option<Gid>, StoreError> {
        Ok(self
            .tree(GIDS_POS)?
            .get(ref_key((kind, id)))?
            .and_then(|v| as_gid(&v)))
    }

    /// The record a global id names, if any in this database.
    pub fn by_gid(&self, gid: &Gid) -> Result<Option<RecordRef>, StoreError> {
        Ok(self
            .tree(GID_INDEX_POS)?
            .get(gid)?
            .and_then(|v| parse_ref(&v)))
    }

    /// Every record's global id (records deleted keep theirs).
    pub fn gids(&self) -> Result<BTreeMap<RecordRef, Gid>, StoreError> {
        let mut out = BTreeMap::new();
        for item in self.tree(GIDS_POS)?.iter() {
            let (k, v) = item?;
            if let (Some(r), Some(g)) = (parse_ref(&k), as_gid(&v)) {
                out.insert(r, g);
            }
        }
        Ok(out)
    }

    /// Schema 3 → 4: every record without a global id gets a new one, in
    /// one transaction per record with its reverse entry.
    pub(super) fn assign_missing_gids(&self) -> Result<(), StoreError> {
        use sled::Transactional;
        for kind in Kind::ALL {
            let ids: Vec<u64> = self
                .tree(kind_pos(kind))?
                .iter()
                .keys()
                .filter_map(|k| k.ok().and_then(|k| codec::read_u64(&k)))
                .collect();
            for id in ids {
                let (forward, back) = (self.tree(GIDS_POS)?, self.tree(GID_INDEX_POS)?);
                (forward, back)
                    .transaction(|(f, b)| {
                        let key = ref_key((kind, id));
                        if f.get(key)?.is_none() {
                            let gid = new_gid();
                            f.insert(&key, &gid)?;
                            b.insert(&gid, &key)?;
                        }
                        Ok::<(), sled::transaction::ConflictableTransactionError<StoreError>>(())
                    })
                    .map_err(StoreError::from)?;
            }
        }
        self.db.flush()?;
        Ok(())
    }

    /// What is wrong with the global ids: a record without one, a gid that
    /// is not 16 bytes, or the two trees out of step. Empty when whole.
    pub fn check_gids(&self) -> Result<Vec<String>, StoreError> {
        let mut out = Vec::new();
        let forward = self.tree(GIDS_POS)?;
        let back = self.tree(GID_INDEX_POS)?;
        for kind in Kind::ALL {
            for key in self.tree(kind_pos(kind))?.iter().keys() {
                let key = key?;
                let Some(id) = codec::read_u64(&key) else {
                    continue;
                };
                if forward.get(ref_key((kind, id)))?.is_none() {
                    out.push(format!("{} {}: no global id", kind.tree(), hex8(id)));
                }
            }
        }
        for item in forward.iter() {
            let (k, v) = item?;
            let ok = parse_ref(&k).is_some()
                && as_gid(&v).is_some()
                && back.get(&v)?.is_some_and(|r| r.as_ref() == k.as_ref());
            if !ok {
                out.push(format!(
                    "gids {}: not matched in gid_index",
                    super::error::hex(&k)
                ));
            }
        }
        for item in back.iter() {
            let (g, k) = item?;
            let ok =
                as_gid(&g).is_some() && forward.get(&k)?.is_some_and(|v| v.as_ref() == g.as_ref());
            if !ok {
                out.push(format!(
                    "gid_index {}: not matched in gids",
                    super::error::hex(&g)
                ));
            }
        }
        Ok(out)
    }
}

fn hex8(id: u64) -> String {
    super::error::hex(&codec::id_key(id))
}
