//! The Academy's decision recorded on several proposals at once: one
//! transaction over every award of the batch, each with its own audit
//! entry, so the whole batch lands or none of it.

use super::guard::abort;
use super::write::{Expect, FreeGarbage, Written, write_in};
use super::{Author, Kind, Store, StoreError};
use crate::domain::deciding::{self, DecideRefusal};
use crate::domain::{Award, AwardId, Decision, Timestamp};
use sled::Transactional;
use sled::transaction::TransactionError;

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
        let w = Written::at(Timestamp::now(), &actor, &reason, author.role);

        let _garbage = FreeGarbage;
        let shared = self.gate.read().unwrap_or_else(|p| p.into_inner());
        let result = self.trees.as_slice().transaction(|tx| {
            let mut out = Vec::with_capacity(ids.len());
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
                let (old, new, seq, amended, backs_up) =
                    write_in::<Award>(tx, &w, id.0, &Expect::Present, &make)?;
                let (Some(old), Some(new)) = (old, new) else {
                    return abort(StoreError::Decide(DecideRefusal::NotProposal(*id)));
                };
                out.push(((*id, old, new), seq, amended, backs_up));
            }
            Ok(out)
        });
        let done = match result {
            Ok(v) => v,
            Err(TransactionError::Abort(e)) => return Err(e),
            Err(TransactionError::Storage(e)) => return Err(e.into()),
        };
        let changes: Vec<(Kind, u64, u64, Option<u64>)> = done
            .iter()
            .map(|((id, _, _), seq, amended, _)| (Kind::Award, id.0, *seq, *amended))
            .collect();
        let backs_up = done.iter().any(|(_, _, _, b)| *b);
        self.committed(&changes, backs_up, shared)?;
        Ok(done.into_iter().map(|(d, ..)| d).collect())
    }
}
