//! The Academy's decision recorded on several proposals at once: one
//! transaction over every award of the batch, each with its own audit
//! entry, so the whole batch lands or none of it.

use super::guard::abort;
use super::write::{Expect, FreeGarbage, WriteCtx, amend_for, write_in};
use super::{Author, Change, Kind, Store, StoreError};
use crate::domain::deciding::{self, DecideRefusal};
use crate::domain::{Award, AwardId, Decision, Timestamp};
use sled::Transactional;

/// One award of a decided batch: its id, and the award before and after.
pub type Decided = (AwardId, Award, Award);

impl Store {
    /// Records `decision` on every award of `ids`, in one transaction:
    /// each must still be a proposal ([`deciding::decide`]), under the same
    /// role, lock and reference checks as any write, with one audit entry
    /// per award. Refused as a whole, with nothing written, when the batch
    /// is empty or names an award twice, the decision has no number or
    /// date, or any award is missing or no longer a proposal.
    pub fn decide_awards<'a>(
        &self,
        by: impl Into<Author<'a>>,
        ids: &[AwardId],
        decision: &Decision,
    ) -> Result<Vec<Decided>, StoreError> {
        let author = by.into();
        let mut decision = decision.clone();
        decision.number = crate::text::clean_line(&decision.number);
        decision.issuer = crate::text::clean_line(&decision.issuer);
        deciding::check_batch(ids, &decision).map_err(StoreError::Decide)?;
        let actor = crate::text::clean_line(author.actor);
        let reason = crate::text::clean_block(author.reason);
        let ctx = WriteCtx {
            actor: &actor,
            reason: &reason,
            role: author.role,
            at: Timestamp::now(),
        };

        let _garbage = FreeGarbage;
        let shared = self.gate.read().unwrap_or_else(|p| p.into_inner());
        let result = self.trees.as_slice().transaction(|tx| {
            let mut out = Vec::with_capacity(ids.len());
            let (mut changes, mut backs_up) = (Vec::new(), false);
            for id in ids {
                let make = |old: Option<&Award>| match old {
                    Some(a) => deciding::decide(*id, a, &decision)
                        .map(Some)
                        .map_err(StoreError::Decide),
                    None => Err(StoreError::NotFound {
                        kind: Kind::Award,
                        id: id.0,
                    }),
                };
                let w = write_in::<Award>(tx, &ctx, id.0, &Expect::Present, &make, None)?;
                let (Some(old), Some(new)) = (w.old, w.new) else {
                    return abort(StoreError::Decide(DecideRefusal::NotProposal(*id)));
                };
                if w.seq > 0 {
                    changes.push(Change {
                        kind: Kind::Award,
                        id: id.0,
                        seq: w.seq,
                    });
                    changes.extend(amend_for(tx, &ctx, w.effect)?);
                    backs_up |= w.effect.backs_up();
                }
                out.push((*id, old, new));
            }
            Ok((out, changes, backs_up))
        });
        let (done, changes, backs_up) = result?;
        self.committed(changes, backs_up, shared)?;
        Ok(done)
    }
}
