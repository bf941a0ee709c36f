//! The member-list rule of a score sheet, applied inside the sheet's write
//! transaction ([`crate::domain::sheet_members`]), so the grid, a form,
//! undo, SSH and the command line all meet it.

use super::StoreError;
use super::guard::{TxResult, abort};
use crate::domain::ScoreSheet;
use crate::domain::sheet_members::check_members;

/// Refuses a change of the members that the rule does not allow.
pub(super) fn guard(old: Option<&ScoreSheet>, new: Option<&ScoreSheet>) -> TxResult<()> {
    match check_members(old, new) {
        Ok(()) => Ok(()),
        Err(r) => abort(StoreError::Members(r)),
    }
}
