//! The lock of a cluster-year. Once a cluster's sheet for a year is locked,
//! that year's sheet, ballots, proposals and next year's term change only by
//! an amendment that carries a reason. Pure rules: the store applies them
//! inside the transaction of every write, so undo, forms, SSH sessions and
//! the command line all meet the same lock.

use super::scoring::Which;
use super::*;

/// The cluster-year whose lock covers a record.
pub trait LockScoped {
    /// The cluster and year of the sheet whose lock covers this record, if any.
    fn lock_scope(&self) -> Option<(ClusterId, u16)>;

    /// Whether `after` differs from `self` only in what the Academy decides
    /// after the conference (a decision number, a recognition), which the
    /// cluster's lock does not cover.
    fn academy_change_only(&self, _after: &Self) -> bool {
        false
    }
}

/// Why a change was refused by the lock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockRefusal {
    /// The year is locked and the change carries no reason.
    Locked {
        /// The cluster.
        cluster: ClusterId,
        /// The year.
        year: u16,
    },
    /// A locked sheet cannot be unlocked, deleted, or have its lock or its
    /// earlier amendments rewritten.
    Final {
        /// The cluster.
        cluster: ClusterId,
        /// The year.
        year: u16,
    },
    /// A change to a locked sheet must add an amendment with a reason.
    NoAmendment,
    /// Locking needs every required cell filled; the first empty ones.
    Incomplete {
        /// How many required cells are empty.
        count: usize,
        /// The first few: item code, school, which score.
        first: Vec<(String, SchoolId, Which)>,
    },
}

/// What the lock asks of an allowed change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockVerdict {
    /// Nothing: the year is not locked, or the change is the Academy's.
    Free,
    /// An amendment: the change is kept, and the reason is added to the
    /// locked sheet's amendments so that every export shows it.
    Amendment,
}

/// The required cells of a sheet that are empty, in grid order (items down,
/// schools across). Required: every criterion of the table's groups, for
/// the cluster's score and, unless the table makes them optional, the
/// self-score. Bonus and penalty items may stay empty (they count as 0).
pub fn missing_cells(sheet: &ScoreSheet, table: &CriteriaTable) -> Vec<(String, SchoolId, Which)> {
    let mut whiches = vec![Which::Cluster];
    if !table.self_scores_optional {
        whiches.push(Which::SelfScore);
    }
    let mut out = Vec::new();
    for c in table.criteria() {
        for s in &sheet.schools {
            for w in &whiches {
                if sheet.score(*s, &c.code, *w).is_none() {
                    out.push((c.code.clone(), *s, *w));
                }
            }
        }
    }
    out
}

/// How many empty cells a refusal lists.
const FIRST_EMPTY: usize = 5;

/// Checks a change of a score sheet against its lock. `table` is the
/// sheet's criteria table as stored; `reason` the writer's reason.
pub fn check_sheet(
    before: Option<&ScoreSheet>,
    after: Option<&ScoreSheet>,
    table: Option<&CriteriaTable>,
    reason: &str,
) -> Result<(), LockRefusal> {
    if let Some(old) = before.filter(|s| s.lock.is_some()) {
        let final_ = LockRefusal::Final {
            cluster: old.cluster,
            year: old.year,
        };
        let Some(new) = after else {
            return Err(final_);
        };
        if new.lock != old.lock
            || new.cluster != old.cluster
            || new.year != old.year
            || !new.amendments.starts_with(&old.amendments)
        {
            return Err(final_);
        }
        if new == old {
            return Ok(());
        }
        let added = new.amendments.get(old.amendments.len()..).unwrap_or(&[]);
        if reason.trim().is_empty()
            || added.is_empty()
            || added.iter().any(|a| a.reason.trim().is_empty())
        {
            return Err(LockRefusal::NoAmendment);
        }
        return Ok(());
    }
    if let Some(new) = after.filter(|s| s.lock.is_some()) {
        let missing = match table {
            Some(t) => missing_cells(new, t),
            None => Vec::new(),
        };
        if !missing.is_empty() {
            return Err(LockRefusal::Incomplete {
                count: missing.len(),
                first: missing.into_iter().take(FIRST_EMPTY).collect(),
            });
        }
    }
    Ok(())
}

/// Checks a change of a record the lock covers (a ballot, a proposal, a
/// term). `locked` says whether a cluster-year's sheet is locked. The scopes
/// before and after are both checked, so a record cannot be moved out of a
/// locked year or into one without an amendment.
pub fn check_scoped<T: LockScoped + PartialEq>(
    before: Option<&T>,
    after: Option<&T>,
    locked: impl Fn(ClusterId, u16) -> bool,
    reason: &str,
) -> Result<LockVerdict, LockRefusal> {
    if before == after {
        return Ok(LockVerdict::Free);
    }
    if let (Some(b), Some(a)) = (before, after)
        && b.academy_change_only(a)
    {
        return Ok(LockVerdict::Free);
    }
    let scope = before
        .and_then(LockScoped::lock_scope)
        .filter(|(c, y)| locked(*c, *y))
        .or_else(|| {
            after
                .and_then(LockScoped::lock_scope)
                .filter(|(c, y)| locked(*c, *y))
        });
    match scope {
        None => Ok(LockVerdict::Free),
        Some(_) if !reason.trim().is_empty() => Ok(LockVerdict::Amendment),
        Some((cluster, year)) => Err(LockRefusal::Locked { cluster, year }),
    }
}

impl LockScoped for ScoreSheet {
    fn lock_scope(&self) -> Option<(ClusterId, u16)> {
        Some((self.cluster, self.year))
    }
}

impl LockScoped for Ballot {
    fn lock_scope(&self) -> Option<(ClusterId, u16)> {
        Some((self.cluster, self.year))
    }
}

impl LockScoped for Award {
    fn lock_scope(&self) -> Option<(ClusterId, u16)> {
        self.cluster.map(|c| (c, self.year))
    }

    fn academy_change_only(&self, after: &Award) -> bool {
        let mut same = after.clone();
        same.status = self.status;
        same.decision = self.decision.clone();
        same == *self
    }
}

impl LockScoped for Term {
    /// A term is elected at the previous year's conference.
    fn lock_scope(&self) -> Option<(ClusterId, u16)> {
        Some((self.cluster, self.year.checked_sub(1)?))
    }

    fn academy_change_only(&self, after: &Term) -> bool {
        let mut same = after.clone();
        same.recognition = self.recognition.clone();
        same == *self
    }
}
