//! Writes. Each one is a single sled transaction over the record tree, the
//! index trees, the audit log and the meta tree, and is flushed to disk
//! before it returns: a write that returned `Ok` survives a crash.

use super::audit::{self, Op, Pending};
use super::error::hex;
use super::guard::{Effect, Guard, TxResult, abort};
use super::{
    AUDIT_POS, Change, Index, Kind, META_POS, Record, Store, StoreError, codec, index_pos,
    kind_pos, refs,
};
use crate::domain::access::{self, Role};
use crate::domain::{Amendment, ClusterId, Timestamp};
use sled::Transactional;
use sled::transaction::TransactionalTree;

/// Who is writing, with what role, and why: the role is checked against the
/// record inside the write's transaction, and the rest goes to the audit log.
#[derive(Debug, Clone, Copy)]
pub struct Author<'a> {
    /// The user name.
    pub actor: &'a str,
    /// The reason, if one is required or given.
    pub reason: &'a str,
    /// What the user may change.
    pub role: &'a Role,
}

/// The role of writes made by the command line and the local terminal: whoever
/// can open the database file already owns it.
static OWNER: Role = Role::Admin;

impl<'a> From<&'a str> for Author<'a> {
    fn from(actor: &'a str) -> Author<'a> {
        Author {
            actor,
            reason: "",
            role: &OWNER,
        }
    }
}

impl<'a> From<&'a String> for Author<'a> {
    fn from(actor: &'a String) -> Author<'a> {
        Author::from(actor.as_str())
    }
}

/// How a write makes the new value (`None` deletes) from the stored one.
pub(super) type Make<'f, R> = dyn Fn(Option<&R>) -> Result<Option<R>, StoreError> + 'f;

pub(super) enum Expect {
    Absent,
    Present,
    Any,
    /// Stored as these bytes (`None`: absent), as the caller last read it.
    Exactly(Option<Vec<u8>>),
}

impl Store {
    /// Adds a new record and returns its id.
    pub fn insert<'a, R: Record>(
        &self,
        by: impl Into<Author<'a>>,
        record: R,
    ) -> Result<R::Id, StoreError> {
        // sled counts from 0; ids start at 1 so that 0 can mean "none" in index keys.
        let id = self.db.generate_id()?.saturating_add(1);
        self.write_value(by.into(), id, Expect::Absent, record)?;
        Ok(R::Id::from(id))
    }

    /// Replaces an existing record.
    pub fn update<'a, R: Record>(
        &self,
        by: impl Into<Author<'a>>,
        id: R::Id,
        record: R,
    ) -> Result<(), StoreError> {
        self.write_value(by.into(), id.into(), Expect::Present, record)
    }

    /// Replaces an existing record only if it is still as the user last saw
    /// it (`seen` says so of the stored one, inside the transaction); else
    /// [`StoreError::Changed`] and nothing is written. A form saved over
    /// someone else's change made since it opened would silently undo it.
    pub fn update_if_seen<'a, R: Record>(
        &self,
        by: impl Into<Author<'a>>,
        id: R::Id,
        record: R,
        seen: impl Fn(&R) -> bool,
    ) -> Result<(), StoreError> {
        self.write::<R>(by.into(), id.into(), Expect::Present, &|old| match old {
            Some(stored) if !seen(stored) => Err(StoreError::Changed {
                kind: R::KIND,
                id: id.into(),
            }),
            _ => Ok(Some(record.clone())),
        })
        .map(|_| ())
    }

    /// Writes a record under a given id whether or not it exists; undo uses
    /// this to bring a deleted record back under its old id.
    pub fn put<'a, R: Record>(
        &self,
        by: impl Into<Author<'a>>,
        id: R::Id,
        record: R,
    ) -> Result<(), StoreError> {
        self.write_value(by.into(), id.into(), Expect::Any, record)
    }

    /// Writes `record` whatever is stored now (within `expect`).
    fn write_value<R: Record>(
        &self,
        by: Author<'_>,
        id: u64,
        expect: Expect,
        record: R,
    ) -> Result<(), StoreError> {
        self.write::<R>(by, id, expect, &|_| Ok(Some(record.clone())))
            .map(drop)
    }

    /// Removes a record and returns it, so the caller can offer undo.
    pub fn delete<'a, R: Record>(
        &self,
        by: impl Into<Author<'a>>,
        id: R::Id,
    ) -> Result<R, StoreError> {
        let (old, _) = self.write::<R>(by.into(), id.into(), Expect::Present, &|_| Ok(None))?;
        old.ok_or(StoreError::NotFound {
            kind: R::KIND,
            id: id.into(),
        })
    }

    /// Changes a record as it is stored now, inside the write's transaction,
    /// and returns it before and after. A change another session saved
    /// meanwhile is kept, where writing back a copy read earlier would undo
    /// it. `change` may run more than once (sled retries on conflict), so it
    /// must only change the record it is given.
    pub fn modify<'a, R: Record>(
        &self,
        by: impl Into<Author<'a>>,
        id: R::Id,
        change: impl Fn(&mut R) -> Result<(), StoreError>,
    ) -> Result<(R, R), StoreError> {
        let (old, new) = self.write::<R>(by.into(), id.into(), Expect::Present, &|old| {
            let mut r = old.cloned().ok_or(StoreError::NotFound {
                kind: R::KIND,
                id: id.into(),
            })?;
            change(&mut r)?;
            Ok(Some(r))
        })?;
        match (old, new) {
            (Some(old), Some(new)) => Ok((old, new)),
            _ => Err(StoreError::NotFound {
                kind: R::KIND,
                id: id.into(),
            }),
        }
    }

    /// The one write: `make` gives the new value (or `None` to delete) from
    /// the stored one, inside the transaction. Returns (before, after).
    fn write<R: Record>(
        &self,
        author: Author<'_>,
        id: u64,
        expect: Expect,
        make: &Make<'_, R>,
    ) -> Result<(Option<R>, Option<R>), StoreError> {
        let actor = crate::text::clean_line(author.actor);
        let reason = crate::text::clean_block(author.reason);
        let at = Timestamp::now();

        // Declared first so it runs last, on every way out.
        let _garbage = FreeGarbage;
        // Held to the end of the write, but for its backup: a snapshot
        // waits for it.
        let shared = self.gate.read().unwrap_or_else(|p| p.into_inner());
        let ctx = WriteCtx {
            actor: &actor,
            reason: &reason,
            role: author.role,
            at,
        };
        let result = self.trees.as_slice().transaction(|tx| {
            let w = write_in::<R>(tx, &ctx, id, &expect, make, None)?;
            if w.seq == 0 {
                return Ok((w.old, w.new, Vec::new(), false));
            }
            let mut changes = vec![Change {
                kind: R::KIND,
                id,
                seq: w.seq,
            }];
            changes.extend(amend_for(tx, &ctx, w.effect)?);
            Ok((w.old, w.new, changes, w.effect.backs_up()))
        });
        let (old, new, changes, backs_up) = result?;
        self.committed(changes, backs_up, shared)?;
        Ok((old, new))
    }

    /// After a write's transaction: flushed to disk, then announced, then
    /// (with the gate released, as a backup's snapshot needs it alone) the
    /// automatic backup it calls for. A backup that fails is logged by the
    /// hook and never undoes or fails the write.
    pub(super) fn committed(
        &self,
        changes: Vec<Change>,
        backs_up: bool,
        shared: std::sync::RwLockReadGuard<'_, ()>,
    ) -> Result<(), StoreError> {
        self.db.flush()?;
        self.safety_after_write();
        for c in changes {
            self.notify(c);
        }
        drop(shared);
        if backs_up {
            self.auto_backup();
        }
        Ok(())
    }
}

/// The amendment a write's effect calls for, recorded in the same
/// transaction: the locked sheet's change, if any.
pub(super) fn amend_for(
    tx: &[TransactionalTree],
    ctx: &WriteCtx<'_>,
    effect: Effect,
) -> TxResult<Option<Change>> {
    let Effect::Amend(cluster, year) = effect else {
        return Ok(None);
    };
    let guard = Guard {
        tx,
        reason: ctx.reason,
    };
    let (sheet, seq) = amend_sheet(&guard, cluster, year, ctx.at, ctx.actor, ctx.reason)?;
    Ok(Some(Change {
        kind: Kind::Sheet,
        id: sheet,
        seq,
    }))
}

/// Who writes, why and when: the same for every record of one transaction.
pub(super) struct WriteCtx<'a> {
    pub actor: &'a str,
    pub reason: &'a str,
    pub role: &'a Role,
    pub at: Timestamp,
}

/// What one record's write did inside a transaction.
pub(super) struct Wrote<R> {
    pub old: Option<R>,
    pub new: Option<R>,
    /// Its audit entry's number; 0 when nothing changed.
    pub seq: u64,
    /// What else the write calls for (an amendment, a backup).
    pub effect: Effect,
}

/// One record's write inside a transaction: the old value read, the new one
/// made, who may write and the record's rules checked, its indexes,
/// references and global id (`gid`, or a new one, when the record is new)
/// changed, and its audit entry appended. An amendment it calls for is
/// the caller's to record.
pub(super) fn write_in<R: Record>(
    tx: &[TransactionalTree],
    ctx: &WriteCtx<'_>,
    id: u64,
    expect: &Expect,
    make: &Make<'_, R>,
    gid: Option<super::gid::Gid>,
) -> TxResult<Wrote<R>> {
    let key = codec::id_key(id);
    let (Some(records), Some(meta), Some(log)) = (
        tx.get(kind_pos(R::KIND)),
        tx.get(META_POS),
        tx.get(AUDIT_POS),
    ) else {
        return abort(StoreError::Io("transaction lost a tree".into()));
    };
    let old_bytes = records.get(key)?;
    let old: Option<R> = match &old_bytes {
        Some(b) => match codec::decode(b) {
            Ok(r) => Some(r),
            Err(e) => {
                return abort(StoreError::Corrupt {
                    tree: R::KIND.tree().into(),
                    key: hex(&key),
                    reason: e.to_string(),
                });
            }
        },
        None => None,
    };
    if let Expect::Exactly(seen) = expect
        && seen.as_deref() != old_bytes.as_deref()
    {
        return abort(StoreError::Changed { kind: R::KIND, id });
    }
    match (expect, &old) {
        (Expect::Absent, Some(_)) => {
            return abort(StoreError::Conflict(format!(
                "{:?} {id} already exists",
                R::KIND
            )));
        }
        (Expect::Present, None) => {
            return abort(StoreError::NotFound { kind: R::KIND, id });
        }
        _ => {}
    }
    let new = match make(old.as_ref()) {
        Ok(n) => n.map(|mut r| {
            r.clean_text();
            r
        }),
        Err(e) => return abort(e),
    };
    let new_bytes = match &new {
        Some(r) => match codec::encode(r) {
            Ok(b) => Some(b),
            Err(e) => return abort(StoreError::Invalid(e.to_string())),
        },
        None => None,
    };
    let new_keys = new.as_ref().map(|r| r.index_keys(id)).unwrap_or_default();
    // Checked against the record as it is now, inside the
    // transaction, so no change by another session slips between.
    if let Err(refusal) = access::permit(ctx.role, id, old.as_ref(), new.as_ref()) {
        return abort(StoreError::Refused(refusal));
    }
    // Nothing changes (both absent, or the same bytes): nothing is
    // written or logged, so a form saved unchanged on a locked year
    // is no amendment, and the log holds only real changes.
    if old_bytes.as_deref() == new_bytes.as_deref() {
        return Ok(Wrote {
            old,
            new,
            seq: 0,
            effect: Effect::None,
        });
    }
    let guard = Guard {
        tx,
        reason: ctx.reason,
    };
    let effect = R::guard(&guard, id, old.as_ref(), new.as_ref())?;
    guard.update_refs(
        (R::KIND, id),
        &refs::targets(old.as_ref(), id),
        &refs::targets(new.as_ref(), id),
        new.is_none(),
    )?;
    let old_keys = old.as_ref().map(|r| r.index_keys(id)).unwrap_or_default();
    for k in &old_keys {
        index_tree(tx, k.index)?.remove(k.key.as_slice())?;
    }
    for k in &new_keys {
        let tree = index_tree(tx, k.index)?;
        if k.unique
            && let Some(holder) = tree.get(k.key.as_slice())?
            && holder.as_ref() != key
        {
            return abort(StoreError::Taken {
                kind: R::KIND,
                holder: codec::read_u64(&holder).unwrap_or(0),
            });
        }
        let value: &[u8] = if k.unique { &key } else { &[] };
        tree.insert(k.key.as_slice(), value)?;
    }
    if old_bytes.is_none() && new_bytes.is_some() {
        super::gid::assign_in(tx, (R::KIND, id), gid)?;
    }
    match &new_bytes {
        Some(b) => records.insert(&key, b.as_slice())?,
        None => records.remove(&key)?,
    };
    let op = match (&old_bytes, &new_bytes) {
        (None, _) => Op::Insert,
        (Some(_), Some(_)) => Op::Update,
        (Some(_), None) => Op::Delete,
    };
    let seq = audit::append(
        meta,
        log,
        Pending {
            at: ctx.at,
            actor: ctx.actor,
            op,
            kind: R::KIND,
            id,
            reason: ctx.reason,
            before: old_bytes.as_ref().map(|b| b.to_vec()),
            after: new_bytes.clone(),
        },
    )?;
    Ok(Wrote {
        old,
        new,
        seq,
        effect,
    })
}

/// When dropped, hands what sled put aside during a write (the versions of
/// the pages it replaced) to be freed at once.
///
/// sled frees a replaced page only once no thread can still be reading it.
/// Until then the page waits in a queue of the thread that replaced it,
/// and that queue is handed on only when it holds 64 of them. Under
/// `thidua serve` every session's thread writes, so each of 200 threads
/// kept up to 63 old pages of the records, indexes and audit log it had
/// written: memory that grew with the saves (docs/load-test.md). Flushing
/// the queue after each write lets them be freed as soon as no reader
/// needs them.
pub(super) struct FreeGarbage;

impl Drop for FreeGarbage {
    fn drop(&mut self) {
        // sled's pages are deferred on crossbeam-epoch's default collector,
        // the one `pin` joins.
        crossbeam_epoch::pin().flush();
    }
}

/// Records a change to a locked year's ballot, proposal, term or table as
/// an amendment on that year's sheet, in the same transaction and with its
/// own audit entry, so the minutes and every export list it with its reason.
pub(super) fn amend_sheet(
    guard: &Guard<'_>,
    cluster: ClusterId,
    year: u16,
    at: Timestamp,
    actor: &str,
    reason: &str,
) -> TxResult<(u64, u64)> {
    let Some((id, mut sheet)) = guard.sheet_of(cluster, year)? else {
        return abort(StoreError::Io(
            "the locked sheet vanished in a transaction".into(),
        ));
    };
    let before = codec::encode(&sheet).map_err(|e| StoreError::Invalid(e.to_string()));
    sheet.amendments.push(Amendment {
        at,
        by: actor.to_string(),
        reason: reason.to_string(),
    });
    let after = codec::encode(&sheet).map_err(|e| StoreError::Invalid(e.to_string()));
    let (before, after) = match (before, after) {
        (Ok(b), Ok(a)) => (b, a),
        (Err(e), _) | (_, Err(e)) => return abort(e),
    };
    let (Some(sheets), Some(meta), Some(log)) = (
        guard.tx.get(kind_pos(Kind::Sheet)),
        guard.tx.get(META_POS),
        guard.tx.get(AUDIT_POS),
    ) else {
        return abort(StoreError::Io("transaction lost a tree".into()));
    };
    sheets.insert(&codec::id_key(id.0), after.as_slice())?;
    let seq = audit::append(
        meta,
        log,
        Pending {
            at,
            actor,
            op: Op::Update,
            kind: Kind::Sheet,
            id: id.0,
            reason,
            before: Some(before),
            after: Some(after),
        },
    )?;
    Ok((id.0, seq))
}

fn index_tree(tx: &[TransactionalTree], index: Index) -> TxResult<&TransactionalTree> {
    match tx.get(index_pos(index)) {
        Some(t) => Ok(t),
        None => abort(StoreError::Io(format!("index {} missing", index.tree()))),
    }
}
