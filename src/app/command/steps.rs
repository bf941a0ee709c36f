//! Undo and redo as commands: the step is applied through the store like
//! any change, and the step that reverses it goes on the other stack.

use super::Outcome;
use super::undo::{self, Revert, UndoStep};
use crate::app::{App, Pane, SaveState};
use crate::i18n::Msg;
use crate::store::StoreError;

/// Which way a step goes: back (undo) or forward again (redo).
#[derive(Clone, Copy)]
pub(super) enum Way {
    Undo,
    Redo,
}

impl App {
    /// Undoes the last change made in a pane, or redoes the last undo. A
    /// refusal (the sheet was locked meanwhile, someone changed the record
    /// since) is shown and the step stays where it was, to be tried again.
    pub(super) fn run_step(&mut self, pane: Pane, way: Way) -> Outcome {
        let step = match way {
            Way::Undo => self.undo.pop_undo(pane),
            Way::Redo => self.undo.pop_redo(pane),
        };
        let Some(step) = step else {
            return Outcome::Done;
        };
        let (done, refused) = match way {
            Way::Undo => (Msg::Undone, Msg::UndoRefused),
            Way::Redo => (Msg::Redone, Msg::RedoRefused),
        };
        match undo::apply(&self.store, self.who().author(""), &step.revert) {
            Ok(inverse) => {
                self.save_state = SaveState::Saved;
                self.info(format!("{} · {}", self.t(done), step.label));
                self.reload();
                self.select_reverted(&step.revert);
                let back = UndoStep {
                    label: step.label,
                    revert: inverse,
                };
                match way {
                    Way::Undo => self.undo.push_redo(pane, back),
                    Way::Redo => self.undo.push_undo(pane, back),
                }
                Outcome::Done
            }
            Err(e) => {
                self.step_refused(refused, &e);
                match way {
                    Way::Undo => self.undo.push_undo(pane, step),
                    Way::Redo => self.undo.push_redo(pane, step),
                }
                Outcome::Failed
            }
        }
    }

    /// Says that an undo or redo was refused, why, and that the step stays.
    fn step_refused(&mut self, what: Msg, e: &StoreError) {
        self.save_state = SaveState::Failed;
        let why = match e {
            StoreError::ScoreChanged { seen, stored } => self.score_changed(seen, stored),
            other => self.explain(other),
        };
        self.error(format!(
            "{} ({}): {why}",
            self.t(what),
            self.t(Msg::StepKept)
        ));
    }

    /// Selects the record an undo or redo put back, when the pane lists it.
    fn select_reverted(&mut self, revert: &Revert) {
        if let Revert::Restore { id, record, .. } = revert
            && self.pane.kind() == record.kind()
            && self.pane != Pane::Sheets
        {
            self.list_mut().select_id(*id);
        }
    }
}
