//! The rules about the record that the store checks inside every write's
//! transaction, beyond who may write: references that point somewhere, the
//! lock of a cluster-year, ballots that add up, scores within the table,
//! schools that still existed in the year. Each reads what it needs through
//! the same transaction, so no concurrent write slips between check and
//! commit, and no path (a form, undo, SSH, the command line) goes round it.
//! The rules themselves are pure domain functions; this module only fetches
//! their inputs.

use super::error::hex;
use super::index::{Index, pair_key};
use super::{Kind, Record, StoreError, codec, index_pos, kind_pos};
use crate::domain::lock::{self, LockScoped, LockVerdict};
use crate::domain::scoring::{ScoreError, Which, check_score};
use crate::domain::tally::tally_seats;
use crate::domain::*;
use sled::transaction::{ConflictableTransactionError, TransactionalTree};
use std::collections::BTreeSet;

/// A transaction step's result.
pub(super) type TxResult<T> = Result<T, ConflictableTransactionError<StoreError>>;

/// Ends the transaction with `e`, writing nothing.
pub(super) fn abort<T>(e: StoreError) -> TxResult<T> {
    Err(ConflictableTransactionError::Abort(e))
}

/// What a write must also do, beyond its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Effect {
    /// Nothing more.
    #[default]
    None,
    /// Record the change as an amendment on the locked sheet of this
    /// cluster-year, with the writer's reason.
    Amend(ClusterId, u16),
    /// Nothing more inside the transaction, but an automatic backup once
    /// the write is on disk: it locks a score sheet, or amends a locked one.
    Backup,
}

impl Effect {
    /// Whether the write locks a sheet or amends a locked cluster-year, so
    /// an automatic backup follows it ([`super::Store::on_lock`]).
    pub fn backs_up(self) -> bool {
        matches!(self, Effect::Amend(..) | Effect::Backup)
    }

    /// The locked cluster-year it amends, if it does.
    pub fn amends(self) -> Option<(ClusterId, u16)> {
        match self {
            Effect::Amend(cluster, year) => Some((cluster, year)),
            _ => None,
        }
    }
}

/// Reads inside a write's transaction.
pub struct Guard<'t> {
    pub(super) tx: &'t [TransactionalTree],
    /// The writer's reason (an amendment's, when the year is locked).
    pub(super) reason: &'t str,
}

impl Guard<'_> {
    fn tree(&self, pos: usize) -> TxResult<&TransactionalTree> {
        match self.tx.get(pos) {
            Some(t) => Ok(t),
            None => abort(StoreError::Io(format!(
                "tree {pos} missing in a transaction"
            ))),
        }
    }

    /// A record as stored now, if present.
    pub fn read<R: Record>(&self, id: u64) -> TxResult<Option<R>> {
        let key = codec::id_key(id);
        match self.tree(kind_pos(R::KIND))?.get(key)? {
            None => Ok(None),
            Some(b) => match codec::decode(&b) {
                Ok(r) => Ok(Some(r)),
                Err(e) => abort(StoreError::Corrupt {
                    tree: R::KIND.tree().into(),
                    key: hex(&key),
                    reason: e.to_string(),
                }),
            },
        }
    }

    /// Whether a record of any kind is stored under an id.
    pub fn exists(&self, kind: Kind, id: u64) -> TxResult<bool> {
        Ok(self.tree(kind_pos(kind))?.get(codec::id_key(id))?.is_some())
    }

    fn unique(&self, index: Index, key: &[u8]) -> TxResult<Option<u64>> {
        Ok(self
            .tree(index_pos(index))?
            .get(key)?
            .and_then(|v| codec::read_u64(&v)))
    }

    /// The sheet of a cluster and year, with its id.
    pub fn sheet_of(
        &self,
        cluster: ClusterId,
        year: u16,
    ) -> TxResult<Option<(SheetId, ScoreSheet)>> {
        match self.unique(Index::SheetYear, &pair_key(cluster.0, year))? {
            Some(id) => Ok(self.read::<ScoreSheet>(id)?.map(|s| (SheetId(id), s))),
            None => Ok(None),
        }
    }

    /// Whether the sheet of a cluster and year is locked.
    pub fn locked(&self, cluster: ClusterId, year: u16) -> TxResult<bool> {
        Ok(self
            .sheet_of(cluster, year)?
            .is_some_and(|(_, s)| s.lock.is_some()))
    }

    /// The criteria table a cluster's year is counted by: its sheet's, else
    /// the cluster's table of the year, else the Academy-wide one.
    pub fn table_for(&self, cluster: ClusterId, year: u16) -> TxResult<Option<CriteriaTable>> {
        if let Some((_, s)) = self.sheet_of(cluster, year)?
            && let Some(t) = self.read::<CriteriaTable>(s.table.0)?
        {
            return Ok(Some(t));
        }
        for owner in [cluster.0, 0] {
            if let Some(id) = self.unique(Index::TableYear, &pair_key(owner, year))? {
                return self.read::<CriteriaTable>(id);
            }
        }
        Ok(None)
    }

    /// Refuses (school, year) pairs of `after` that are not in `before`
    /// where the school had merged or closed before the year began. Pairs
    /// already stored stay: the rule stops new mistakes without making old
    /// records unsaveable.
    pub fn schools_exist(
        &self,
        before: Vec<(SchoolId, u16)>,
        after: Vec<(SchoolId, u16)>,
    ) -> TxResult<()> {
        let before: BTreeSet<_> = before.into_iter().collect();
        let added: BTreeSet<_> = after.into_iter().filter(|p| !before.contains(p)).collect();
        for (school, year) in added {
            if let Some(s) = self.read::<School>(school.0)?
                && !s.exists_in(year)
            {
                return abort(StoreError::Ended { school, year });
            }
        }
        Ok(())
    }

    /// The lock's verdict on a change of a ballot, proposal or term.
    fn scoped<T: LockScoped + PartialEq>(
        &self,
        old: Option<&T>,
        new: Option<&T>,
    ) -> TxResult<Effect> {
        let scopes: Vec<(ClusterId, u16)> = old
            .and_then(LockScoped::lock_scope)
            .into_iter()
            .chain(new.and_then(LockScoped::lock_scope))
            .collect();
        let mut locked = Vec::new();
        for (c, y) in scopes {
            if self.locked(c, y)? {
                locked.push((c, y));
            }
        }
        match lock::check_scoped(old, new, |c, y| locked.contains(&(c, y)), self.reason) {
            Ok(LockVerdict::Free) => Ok(Effect::None),
            Ok(LockVerdict::Amendment) => match locked.first() {
                Some((c, y)) => Ok(Effect::Amend(*c, *y)),
                None => Ok(Effect::None),
            },
            Err(r) => abort(StoreError::Lock(r)),
        }
    }
}

/// The rules of one record type, run inside the write's transaction with
/// the record before and after (`None`: absent).
pub trait Guarded: Sized {
    /// Checks a change; says what else the write must do.
    fn guard(
        _g: &Guard<'_>,
        _id: u64,
        _old: Option<&Self>,
        _new: Option<&Self>,
    ) -> TxResult<Effect> {
        Ok(Effect::None)
    }
}

impl Guarded for School {}
impl Guarded for Meeting {}
impl Guarded for Person {}

impl Guarded for Cluster {
    fn guard(g: &Guard<'_>, _: u64, old: Option<&Self>, new: Option<&Self>) -> TxResult<Effect> {
        let pairs = |c: Option<&Cluster>| -> Vec<(SchoolId, u16)> {
            c.map(|c| {
                c.memberships
                    .iter()
                    .flat_map(|m| m.schools.iter().map(move |s| (*s, m.year)))
                    .collect()
            })
            .unwrap_or_default()
        };
        g.schools_exist(pairs(old), pairs(new))?;
        Ok(Effect::None)
    }
}

fn term_pairs(t: Option<&Term>) -> Vec<(SchoolId, u16)> {
    t.map(|t| {
        t.head
            .iter()
            .chain(&t.deputies)
            .chain(&t.flag_holder)
            .map(|s| (*s, t.year))
            .collect()
    })
    .unwrap_or_default()
}

impl Guarded for Term {
    fn guard(g: &Guard<'_>, _: u64, old: Option<&Self>, new: Option<&Self>) -> TxResult<Effect> {
        g.schools_exist(term_pairs(old), term_pairs(new))?;
        g.scoped(old, new)
    }
}

impl Guarded for Award {
    fn guard(g: &Guard<'_>, _: u64, old: Option<&Self>, new: Option<&Self>) -> TxResult<Effect> {
        g.scoped(old, new)
    }
}

impl Guarded for Ballot {
    fn guard(g: &Guard<'_>, _: u64, old: Option<&Self>, new: Option<&Self>) -> TxResult<Effect> {
        let pairs = |b: Option<&Ballot>| -> Vec<(SchoolId, u16)> {
            b.map(|b| b.votes.iter().map(|v| (v.candidate, b.year)).collect())
                .unwrap_or_default()
        };
        g.schools_exist(pairs(old), pairs(new))?;
        if let Some(b) = new
            && old != new
        {
            let table = g.table_for(b.cluster, b.year)?;
            let rule = table
                .as_ref()
                .map(|t| t.vote_rule.clone())
                .unwrap_or_default();
            let seats = conference::seats(table.as_ref(), &b.question);
            if let Err(e) = tally_seats(b, &rule, seats) {
                return abort(StoreError::Ballot(e));
            }
        }
        g.scoped(old, new)
    }
}

impl Guarded for ScoreSheet {
    fn guard(g: &Guard<'_>, _: u64, old: Option<&Self>, new: Option<&Self>) -> TxResult<Effect> {
        let pairs = |s: Option<&ScoreSheet>| -> Vec<(SchoolId, u16)> {
            s.map(|s| s.schools.iter().map(|c| (*c, s.year)).collect())
                .unwrap_or_default()
        };
        g.schools_exist(pairs(old), pairs(new))?;
        super::members::guard(old, new)?;
        let table = match new.or(old) {
            Some(s) => g.read::<CriteriaTable>(s.table.0)?,
            None => None,
        };
        if let (Some(s), Some(t)) = (new, &table) {
            // By key, so a score write costs one pass over the cells, not one
            // search of the old sheet per cell.
            let before: std::collections::HashMap<(SchoolId, &str), &ScoreCell> = old
                .map(|o| {
                    o.cells
                        .iter()
                        .map(|c| ((c.school, c.item.as_str()), c))
                        .collect()
                })
                .unwrap_or_default();
            for c in &s.cells {
                let was = before.get(&(c.school, c.item.as_str())).copied();
                // A score changed for a school the sheet does not list would
                // count in no column and no total.
                if was != Some(c) && !s.schools.contains(&c.school) {
                    return abort(StoreError::Score(ScoreError::NotMember(c.school)));
                }
                for (which, value) in [
                    (Which::SelfScore, c.self_score),
                    (Which::Cluster, c.cluster_score),
                ] {
                    let before = was.and_then(|w| match which {
                        Which::SelfScore => w.self_score,
                        Which::Cluster => w.cluster_score,
                    });
                    if let Some(v) = value
                        && Some(v) != before
                        && let Err(e) = check_score(t, &c.item, v)
                    {
                        return abort(StoreError::Score(e));
                    }
                }
            }
        }
        if let Err(r) = lock::check_sheet(old, new, table.as_ref(), g.reason) {
            return abort(StoreError::Lock(r));
        }
        // Past the check, a change that is locked after it was written is
        // the lock itself or an amendment of a locked sheet.
        if new.is_some_and(|s| s.lock.is_some()) && old != new {
            return Ok(Effect::Backup);
        }
        Ok(Effect::None)
    }
}

impl Guarded for CriteriaTable {
    fn guard(g: &Guard<'_>, id: u64, old: Option<&Self>, new: Option<&Self>) -> TxResult<Effect> {
        if old == new {
            return Ok(Effect::None);
        }
        if let Some(t) = new
            && let Err(problems) = crate::domain::criteria_rules::validate(t)
        {
            return abort(StoreError::Table(problems));
        }
        if old.is_none() {
            return Ok(Effect::None);
        }
        // A table counted by a locked sheet changes only by amendment.
        for (kind, sheet) in g.referrers(Kind::Table, id)? {
            if kind == Kind::Sheet
                && let Some(s) = g.read::<ScoreSheet>(sheet)?
                && s.lock.is_some()
            {
                if g.reason.trim().is_empty() {
                    return abort(StoreError::Lock(lock::LockRefusal::Locked {
                        cluster: s.cluster,
                        year: s.year,
                    }));
                }
                return Ok(Effect::Amend(s.cluster, s.year));
            }
        }
        Ok(Effect::None)
    }
}
