//! The append-only audit log. Every write appends an entry in the same
//! transaction as the change. Entries are hash-chained: each holds the
//! SHA-256 of the previous entry's stored bytes, and `meta` holds the hash of
//! the last one, so editing, removing or reordering an entry is detected by
//! [`Store::verify_audit`].

use super::{AUDIT_POS, Kind, META_POS, Store, StoreError, codec, error::hex};
use crate::domain::Timestamp;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sled::transaction::{ConflictableTransactionError, TransactionalTree};

/// The key in `meta` holding the chain head.
pub(super) const HEAD_KEY: &[u8] = b"audit_head";

/// The key in `meta` present while the last open found damaged records:
/// it holds how many, and every write is refused until an open finds none.
/// It lives in the database, not in memory, so that every write, through
/// any path or process, meets it inside its own transaction.
pub(super) const REFUSE_KEY: &[u8] = b"writes_refused";

/// What a change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    /// A new record.
    Insert,
    /// A record replaced.
    Update,
    /// A record removed.
    Delete,
}

/// One audit entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Position in the log, from 1.
    pub seq: u64,
    /// When.
    pub at: Timestamp,
    /// Who: the OS user locally, the SSH user on the server.
    pub actor: String,
    /// What.
    pub op: Op,
    /// The record kind.
    pub kind: Kind,
    /// The record id.
    pub id: u64,
    /// Why, when a reason was given (amendments of locked sheets need one).
    pub reason: String,
    /// The record before, as stored (envelope bytes).
    pub before: Option<Vec<u8>>,
    /// The record after, as stored (envelope bytes).
    pub after: Option<Vec<u8>>,
    /// SHA-256 of the previous entry's stored bytes; zeros for the first.
    pub prev_hash: [u8; 32],
}

/// The chain head kept in `meta`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Head {
    seq: u64,
    hash: [u8; 32],
}

/// A break in the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditProblem {
    /// The entry's sequence number (or the head's).
    pub seq: u64,
    /// What is wrong.
    pub what: Break,
}

/// How the chain is broken at an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Break {
    /// The entry holds another sequence number than its place.
    Sequence {
        /// The number it holds.
        found: u64,
        /// The number its place calls for.
        expected: u64,
    },
    /// The entry does not hold the hash of the one before it: an entry was
    /// altered or removed.
    Link,
    /// The entry cannot be decoded.
    Unreadable(String),
    /// The head in `meta` does not name the last entry: an entry was
    /// altered, added or removed.
    Head,
    /// The head in `meta` cannot be decoded.
    HeadUnreadable,
}

impl std::fmt::Display for Break {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Break::Sequence { found, expected } => {
                write!(f, "sequence {found} where {expected} was expected")
            }
            Break::Link => write!(
                f,
                "does not chain to the entry before it (an entry was altered or removed)"
            ),
            Break::Unreadable(e) => write!(f, "unreadable: {e}"),
            Break::Head => write!(
                f,
                "the last entry does not match the recorded head (an entry was altered, added or removed)"
            ),
            Break::HeadUnreadable => write!(f, "the recorded head is unreadable"),
        }
    }
}

/// What the transaction needs to append one entry.
pub(super) struct Pending<'a> {
    pub at: Timestamp,
    pub actor: &'a str,
    pub op: Op,
    pub kind: Kind,
    pub id: u64,
    pub reason: &'a str,
    pub before: Option<Vec<u8>>,
    pub after: Option<Vec<u8>>,
}

type TxResult<T> = Result<T, ConflictableTransactionError<StoreError>>;

fn abort<T>(e: StoreError) -> TxResult<T> {
    Err(ConflictableTransactionError::Abort(e))
}

/// Appends an entry inside a transaction and moves the head; returns its seq.
pub(super) fn append(
    meta: &TransactionalTree,
    log: &TransactionalTree,
    p: Pending<'_>,
) -> TxResult<u64> {
    if let Some(b) = meta.get(REFUSE_KEY)? {
        return abort(StoreError::WritesRefused {
            damaged: codec::decode::<u64>(&b).unwrap_or(0),
        });
    }
    append_unchecked(meta, log, p)
}

/// [`append`] without the refusal a damaged database puts on writes: for
/// a schema migration, which must finish whatever else is damaged.
fn append_unchecked(
    meta: &TransactionalTree,
    log: &TransactionalTree,
    p: Pending<'_>,
) -> TxResult<u64> {
    let head = match meta.get(HEAD_KEY)? {
        Some(b) => match codec::decode::<Head>(&b) {
            Ok(h) => h,
            Err(e) => {
                return abort(StoreError::Corrupt {
                    tree: "meta".into(),
                    key: hex(HEAD_KEY),
                    reason: e.to_string(),
                });
            }
        },
        None => Head {
            seq: 0,
            hash: [0; 32],
        },
    };
    let entry = AuditEntry {
        seq: head.seq + 1,
        at: p.at,
        actor: p.actor.to_string(),
        op: p.op,
        kind: p.kind,
        id: p.id,
        reason: p.reason.to_string(),
        before: p.before,
        after: p.after,
        prev_hash: head.hash,
    };
    let (bytes, head_bytes) = match encode_entry(&entry) {
        Ok(v) => v,
        Err(e) => return abort(e),
    };
    log.insert(&codec::id_key(entry.seq), bytes)?;
    meta.insert(HEAD_KEY, head_bytes)?;
    Ok(entry.seq)
}

/// An entry's stored bytes, and the head that names it.
pub(super) fn encode_entry(entry: &AuditEntry) -> Result<(Vec<u8>, Vec<u8>), StoreError> {
    let bytes = codec::encode(entry).map_err(|e| StoreError::Io(e.to_string()))?;
    let head = Head {
        seq: entry.seq,
        hash: Sha256::digest(&bytes).into(),
    };
    let head_bytes = codec::encode(&head).map_err(|e| StoreError::Io(e.to_string()))?;
    Ok((bytes, head_bytes))
}

impl Store {
    /// Every audit entry, oldest first; a corrupt entry is an error with its key.
    pub fn audit_entries(&self) -> Result<Vec<AuditEntry>, StoreError> {
        self.audit_since(0)
    }

    /// The audit entries of one record, oldest first.
    pub fn audit_of(&self, kind: Kind, id: u64) -> Result<Vec<AuditEntry>, StoreError> {
        Ok(self
            .audit_entries()?
            .into_iter()
            .filter(|e| e.kind == kind && e.id == id)
            .collect())
    }

    /// Checks the whole chain; an empty list means it is intact.
    pub fn verify_audit(&self) -> Result<Vec<AuditProblem>, StoreError> {
        self.walk_audit(|_, _, _| {})
    }

    /// Walks the chain from its first entry, checking sequence numbers, the
    /// links between entries and the recorded head, and shows `visit` each
    /// entry: its key's sequence number, the entry if it decodes, and the
    /// SHA-256 of its stored bytes. Returns the breaks found.
    pub(super) fn walk_audit(
        &self,
        mut visit: impl FnMut(u64, Option<&AuditEntry>, &[u8; 32]),
    ) -> Result<Vec<AuditProblem>, StoreError> {
        let mut problems = Vec::new();
        let mut expect_seq = 1u64;
        let mut hash = [0u8; 32];
        for item in self.tree(AUDIT_POS)?.iter() {
            let (k, v) = item?;
            let key_seq = codec::read_u64(&k).unwrap_or(0);
            let entry = codec::decode::<AuditEntry>(&v);
            match &entry {
                Ok(e) => {
                    if e.seq != key_seq || e.seq != expect_seq {
                        problems.push(AuditProblem {
                            seq: key_seq,
                            what: Break::Sequence {
                                found: e.seq,
                                expected: expect_seq,
                            },
                        });
                    }
                    if e.prev_hash != hash {
                        problems.push(AuditProblem {
                            seq: key_seq,
                            what: Break::Link,
                        });
                    }
                }
                Err(err) => problems.push(AuditProblem {
                    seq: key_seq,
                    what: Break::Unreadable(err.to_string()),
                }),
            }
            hash = Sha256::digest(&v).into();
            visit(key_seq, entry.as_ref().ok(), &hash);
            expect_seq = key_seq.saturating_add(1);
        }
        match self.audit_head() {
            Ok(h) if h == (expect_seq - 1, hash) => {}
            Ok((seq, _)) => problems.push(AuditProblem {
                seq,
                what: Break::Head,
            }),
            Err(_) => problems.push(AuditProblem {
                seq: 0,
                what: Break::HeadUnreadable,
            }),
        }
        Ok(problems)
    }

    /// The chain's head as recorded in `meta`: the last entry's sequence
    /// number (the log's length) and the SHA-256 of its stored bytes.
    pub fn audit_head(&self) -> Result<(u64, [u8; 32]), StoreError> {
        match self.tree(META_POS)?.get(HEAD_KEY)? {
            Some(b) => codec::decode::<Head>(&b)
                .map(|h| (h.seq, h.hash))
                .map_err(|e| StoreError::Corrupt {
                    tree: "meta".into(),
                    key: hex(HEAD_KEY),
                    reason: e.to_string(),
                }),
            None => Ok((0, [0; 32])),
        }
    }

    /// The SHA-256 of the stored bytes of entry `seq`, if it is there.
    pub(super) fn audit_entry_hash(&self, seq: u64) -> Result<Option<[u8; 32]>, StoreError> {
        Ok(self
            .tree(AUDIT_POS)?
            .get(codec::id_key(seq))?
            .map(|v| Sha256::digest(&v).into()))
    }
}

/// An entry's stored bytes, as the log holds them (what its hash is of).
pub fn stored_bytes(entry: &AuditEntry) -> Result<Vec<u8>, StoreError> {
    encode_entry(entry).map(|(bytes, _)| bytes)
}
