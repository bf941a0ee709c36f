//! Several records written in one transaction: a year's bundle imported
//! whole or not at all. Each record goes through the same one-record write
//! as every other change ([`super::write`]): who may write, the record's
//! rules (references, the lock, ballots, scores), its indexes, references,
//! global id and audit entry. An attached audit log, if any, is added in
//! the same transaction.

use super::attached::{RawEntry, Source, attach_in};
use super::gid::Gid;
use super::guard::{Effect, TxResult};
use super::write::{Author, Expect, WriteCtx, write_in};
use super::{Change, Kind, Record, Store, StoreError};
use crate::domain::{ClusterId, Timestamp};
use sled::Transactional;
use sled::transaction::TransactionalTree;

type Run = dyn Fn(&[TransactionalTree], &WriteCtx<'_>) -> TxResult<(u64, Effect)> + Send + Sync;

struct Item {
    kind: Kind,
    id: u64,
    run: Box<Run>,
}

/// Records to write together, in order, and a log to attach.
#[derive(Default)]
pub struct Batch {
    items: Vec<Item>,
    attach: Option<(Source, Vec<RawEntry>)>,
    amends: Option<(ClusterId, u16)>,
}

/// What a batch wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BatchOutcome {
    /// Records written (changed or new).
    pub written: usize,
    /// Entries added to the attached log.
    pub attached: usize,
}

impl Batch {
    /// An empty batch.
    pub fn new() -> Batch {
        Batch::default()
    }

    /// Writes `record` under `id`, giving it global id `gid` if it is new.
    /// `seen` is the record's stored bytes as the caller read them (`None`:
    /// absent): if it changed since, the batch writes nothing.
    pub fn put<R: Record + 'static>(
        &mut self,
        id: u64,
        gid: Gid,
        seen: Option<Vec<u8>>,
        record: R,
    ) {
        let expect = Expect::Exactly(seen);
        let run = move |tx: &[TransactionalTree], ctx: &WriteCtx<'_>| {
            let make = |_: Option<&R>| Ok(Some(record.clone()));
            let w = write_in::<R>(tx, ctx, id, &expect, &make, Some(gid))?;
            Ok((w.seq, w.effect))
        };
        self.items.push(Item {
            kind: R::KIND,
            id,
            run: Box::new(run),
        });
    }

    /// Attaches a source's audit entries (already checked as a chain).
    pub fn attach(&mut self, source: Source, entries: Vec<RawEntry>) {
        self.attach = Some((source, entries));
    }

    /// Says that the batch writes the sheet of this cluster-year with the
    /// amendments its changes call for, so none is added for them.
    pub fn amends(&mut self, cluster: ClusterId, year: u16) {
        self.amends = Some((cluster, year));
    }

    /// How many records it writes.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether it writes nothing and attaches nothing.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.attach.as_ref().is_none_or(|(_, e)| e.is_empty())
    }
}

impl Store {
    /// A fresh record id, for a record a batch will add.
    pub fn new_id(&self) -> Result<u64, StoreError> {
        Ok(self.db.generate_id()?.saturating_add(1))
    }

    /// Writes every record of the batch and attaches its log in one
    /// transaction, then flushes: all of it or, on any refusal, nothing.
    pub fn write_batch(&self, by: Author<'_>, batch: &Batch) -> Result<BatchOutcome, StoreError> {
        let actor = crate::text::clean_line(by.actor);
        let reason = crate::text::clean_block(by.reason);
        let at = Timestamp::now();
        let ctx = WriteCtx {
            actor: &actor,
            reason: &reason,
            role: by.role,
            at,
        };
        let _garbage = super::write::FreeGarbage;
        let shared = self.gate.read().unwrap_or_else(|p| p.into_inner());
        let result = self.trees.as_slice().transaction(|tx| {
            let mut changes = Vec::new();
            let mut backs_up = false;
            for item in &batch.items {
                let (seq, effect) = (item.run)(tx, &ctx)?;
                if seq == 0 {
                    continue;
                }
                changes.push(Change {
                    kind: item.kind,
                    id: item.id,
                    seq,
                });
                backs_up |= effect.backs_up();
                if batch.amends != effect.amends() {
                    changes.extend(super::write::amend_for(tx, &ctx, effect)?);
                }
            }
            let attached = match &batch.attach {
                Some((source, entries)) => attach_in(tx, source, entries)?,
                None => 0,
            };
            Ok((changes, backs_up, attached))
        });
        let (changes, backs_up, attached) = result?;
        let written = changes.len();
        self.committed(changes, backs_up, shared)?;
        Ok(BatchOutcome { written, attached })
    }
}
