//! Locking a sheet once every cell is filled, and amending a locked one
//! with a reason.

use crate::app::App;
use crate::app::overlays::{OnYes, Overlay, Prompt, PromptFor};
use crate::domain::lock::{LockRefusal, missing_cells};
use crate::i18n::Msg;

impl App {
    /// Asks before locking the sheet; an incomplete sheet is refused at
    /// once, naming the first empty cells.
    pub(super) fn ask_lock(&mut self) {
        if !self.may_run_sheet() {
            return;
        }
        let Some((id, sheet, table)) = self.current_sheet() else {
            return;
        };
        if sheet.lock.is_some() {
            self.info(self.t(Msg::SheetLocked).to_string());
            return;
        }
        let missing = missing_cells(sheet, table);
        if !missing.is_empty() {
            let refusal = LockRefusal::Incomplete {
                count: missing.len(),
                first: missing.into_iter().take(5).collect(),
            };
            let why = crate::i18n::errors::lock(self.settings.lang, &refusal, &*self.data);
            return self.error(why);
        }
        self.ask(self.t(Msg::AskLock).to_string(), OnYes::Lock(id));
    }

    /// Asks for the reason of an amendment to a locked sheet.
    pub(super) fn ask_amend(&mut self) {
        if !self.may_run_sheet() {
            return;
        }
        if self
            .current_sheet()
            .is_some_and(|(_, sheet, _)| sheet.lock.is_some())
        {
            let p = Prompt::new(Msg::AmendReason, PromptFor::AmendReason, "");
            self.open(Overlay::Prompt(p));
        }
    }
}
