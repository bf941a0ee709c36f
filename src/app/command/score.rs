//! Saving one score into the grid cursor's cell.

use super::Outcome;
use super::undo::{self, AnyRecord, Revert, UndoStep};
use crate::app::App;
use crate::domain::*;
use crate::i18n::Msg;
use crate::store::StoreError;

impl App {
    /// Writes a value into the cursor's cell in the grid's view. Only this
    /// one score is changed, on the sheet as stored now, so scores other
    /// sessions saved since this screen was drawn are kept; and only if the
    /// cell still holds what the user saw. On a locked sheet, only as an
    /// amendment with its reason, which stays recorded.
    pub(super) fn run_score(&mut self, value: Option<Points>) -> Outcome {
        let (Some((id, sheet, _)), Some((item, school))) =
            (self.current_sheet(), self.cursor_cell())
        else {
            return Outcome::Failed;
        };
        let locked = sheet.lock.is_some();
        let view = self.sheet_ui.view;
        let which = view.which();
        let old = self.sheet_ui.seen;
        if old == value {
            return Outcome::Done;
        }
        let fmt = super::errors::show_points;
        let what = format!(
            "{item} · {} · {}: {} → {}",
            self.data.school_short(school),
            self.t(view.label()),
            fmt(&old),
            fmt(&value)
        );
        let amendment = match (&self.sheet_ui.amending, locked) {
            (Some(reason), true) => Some(Amendment {
                at: Timestamp::now(),
                by: self.settings.actor.clone(),
                reason: format!("{reason} ({what})"),
            }),
            _ => None,
        };
        let who = self.who();
        let reason = self.sheet_ui.amending.clone().unwrap_or_default();
        let author = who.author(if amendment.is_some() { &reason } else { "" });
        let locked_now = self.t(Msg::SheetLocked).to_string();
        let result = self.store.modify::<ScoreSheet>(author, id, |s| {
            // Locked by another session since this screen was drawn.
            if s.lock.is_some() && amendment.is_none() {
                return Err(StoreError::Invalid(locked_now.clone()));
            }
            // Saved by someone else since typing began: refused, so that
            // their score is not overwritten unseen.
            let stored = s.score(school, &item, which);
            if stored != old {
                return Err(StoreError::ScoreChanged { seen: old, stored });
            }
            s.set_score(school, &item, which, value);
            if let Some(a) = &amendment {
                s.amendments.push(a.clone());
            }
            Ok(())
        });
        match result {
            Ok((before, after)) => {
                // A cell is undone on its own; an amendment stays recorded.
                let revert = match amendment {
                    None => Revert::Score {
                        sheet: id,
                        school,
                        item: item.clone(),
                        which,
                        value: before.score(school, &item, which),
                        expect: value,
                    },
                    Some(_) => Revert::Restore {
                        id: id.0,
                        record: Box::new(AnyRecord::Sheet(before)),
                        expect: Some(undo::as_stored(&after, AnyRecord::Sheet)),
                    },
                };
                let step = UndoStep {
                    label: what,
                    revert,
                };
                self.after_write(step, None)
            }
            Err(e) => {
                if let StoreError::ScoreChanged { stored, .. } = &e {
                    // Both values are on the status line now: a second
                    // Enter saves the typing over the stored value knowingly.
                    self.sheet_ui.seen = *stored;
                    self.reload();
                }
                self.write_failed(&e)
            }
        }
    }
}
