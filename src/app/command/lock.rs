//! Locking a sheet.

use super::Outcome;
use crate::app::{App, SaveState};
use crate::domain::*;
use crate::i18n::Msg;

impl App {
    /// Locks the sheet as stored, with every score saved up to now. The
    /// store refuses an incomplete sheet. A lock is not undone with `u`:
    /// reopening a final sheet is an amendment.
    pub(super) fn run_lock(&mut self, id: SheetId) -> Outcome {
        let lock = SheetLock {
            at: Timestamp::now(),
            by: self.settings.actor.clone(),
        };
        let who = self.who();
        let reason = self.t(Msg::LockedDone).to_string();
        let result = self
            .store
            .modify::<ScoreSheet>(who.author(&reason), id, |s| {
                s.lock = Some(lock.clone());
                Ok(())
            });
        match result {
            Ok(_) => {
                self.save_state = SaveState::Saved;
                self.sheet_ui.amending = None;
                self.info(format!("{} · {reason}", self.t(Msg::Saved)));
                self.reload();
                Outcome::Done
            }
            Err(e) => self.write_failed(&e),
        }
    }
}
