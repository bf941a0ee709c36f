//! Many scores of one school written as one change: a filled score form
//! read in. One transaction over the sheet as stored now, under the same
//! rules as a score typed in the grid, so the whole form lands or none of it.

use super::{Author, Store, StoreError};
use crate::domain::lock::LockRefusal;
use crate::domain::score_form::{ApplyRefusal, ScoreChange, apply};
use crate::domain::scoring::{ScoreError, Which};
use crate::domain::{CriteriaTable, SchoolId, ScoreSheet, SheetId};

impl Store {
    /// Writes one school's scores (`which`: self or cluster) on a sheet in
    /// one transaction, and returns the sheet before and after. Refused as
    /// a whole, with nothing written, when the sheet is locked, the school
    /// is not one of its members, a value breaks the criteria table (code,
    /// range, step), or a score is no longer the `old` value the change
    /// was planned from (someone saved meanwhile). The author's reason
    /// (the form's file name) goes into the audit entry. The table is read
    /// inside the transaction too, by the sheet's guard
    /// ([`super::guard`]), which checks every changed score again.
    pub fn set_scores<'a>(
        &self,
        by: impl Into<Author<'a>>,
        sheet: SheetId,
        school: SchoolId,
        which: Which,
        changes: &[ScoreChange],
    ) -> Result<(ScoreSheet, ScoreSheet), StoreError> {
        self.modify::<ScoreSheet>(by, sheet, |s| {
            let (cluster, year) = (s.cluster, s.year);
            // The range and step are checked by the guard against the table
            // as stored in this transaction; here the refusal is the same
            // for the whole batch before anything is set.
            apply(s, None::<&CriteriaTable>, school, which, changes).map_err(|r| match r {
                ApplyRefusal::Locked => StoreError::Lock(LockRefusal::Locked { cluster, year }),
                ApplyRefusal::NotMember(school) => StoreError::Score(ScoreError::NotMember(school)),
                ApplyRefusal::Changed { seen, stored, .. } => {
                    StoreError::ScoreChanged { seen, stored }
                }
                ApplyRefusal::Score(e) => StoreError::Score(e),
            })
        })
    }
}
