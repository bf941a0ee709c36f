//! Commands: every change to the record the app makes, run in one place.
//! This module is the only caller of the [`Store`](crate::store::Store)'s
//! writes in the app: each command writes, records its undo step, reloads
//! the snapshot and says what happened, in the session's language.

mod criteria;
mod decide;
mod errors;
mod export;
mod forms;
mod lock;
mod outcomes;
mod save;
mod score;
mod sheet;
mod steps;
pub mod undo;

pub use export::{EXPORTS, ExportKind, full_path};

use super::form::Form;
use super::{App, Pane, SaveState};
use crate::domain::outcomes::OutcomePlan;
use crate::domain::{Points, SheetId};
use crate::i18n::Msg;
use crate::store::{Kind, StoreError};
use undo::UndoStep;

/// A change the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Save a form's record, new or changed (a sheet is created with its
    /// table; a ballot is tallied first).
    Save(Box<Form>),
    /// Delete a record.
    Delete(Kind, u64),
    /// Save a score into the grid cursor's cell in the grid's view (`None`
    /// empties it), on the sheet as stored now.
    SetScore(Option<Points>),
    /// Lock a sheet.
    Lock(SheetId),
    /// Write the outcomes of a conference.
    Outcomes(Box<OutcomePlan>),
    /// Undo the last change made in a pane.
    Undo(Pane),
    /// Redo the last undo in a pane.
    Redo(Pane),
    /// Export the current sheet's cluster-year to a file: the file as
    /// typed and the kind chosen (an index into [`EXPORTS`]).
    Export(String, usize),
    /// Write the current sheet's score forms into a folder.
    ExportForms(String),
    /// Write the self-scores of confirmed score forms.
    ImportScores(Box<Vec<crate::import::score_forms::SchoolPlan>>),
    /// Record one decision of the Academy on several proposals at once.
    Decide(Vec<crate::domain::AwardId>, crate::domain::Decision),
}

/// How a command ended.
#[derive(Debug)]
pub enum Outcome {
    /// Done (or nothing to do); the status line says so.
    Done,
    /// Refused or failed; nothing changed, and the status line says why.
    Failed,
    /// A form's save was refused: the form, with everything typed and the
    /// reason on it, to stay open.
    KeepForm(Box<Form>),
    /// Refused before anything was written, with the reason for the
    /// question that asked (a prompt shows it under the answer).
    Refused(String),
}

impl App {
    /// Runs a command.
    pub(crate) fn run(&mut self, cmd: Command) -> Outcome {
        match cmd {
            Command::Save(form) => self.run_save(*form),
            Command::Delete(kind, id) => self.run_delete(kind, id),
            Command::SetScore(value) => self.run_score(value),
            Command::Lock(id) => self.run_lock(id),
            Command::Outcomes(plan) => self.run_outcomes(*plan),
            Command::Undo(pane) => self.run_step(pane, steps::Way::Undo),
            Command::Redo(pane) => self.run_step(pane, steps::Way::Redo),
            Command::Export(file, choice) => match self.export_to(&file, choice) {
                Ok(msg) => {
                    self.info(msg);
                    Outcome::Done
                }
                Err(why) => Outcome::Refused(why),
            },
            Command::ExportForms(dir) => match self.export_forms_to(&dir) {
                Ok(msg) => {
                    self.info(msg);
                    Outcome::Done
                }
                Err(why) => Outcome::Refused(why),
            },
            Command::ImportScores(plans) => self.run_import(*plans),
            Command::Decide(ids, decision) => self.run_decide(&ids, &decision),
        }
    }

    /// After a write: says it is saved (it is flushed by then), records
    /// the undo step, reloads, and selects what was written.
    fn after_write(&mut self, step: UndoStep, select: Option<(Kind, u64)>) -> Outcome {
        self.save_state = SaveState::Saved;
        self.info(format!("{} · {}", self.t(Msg::Saved), step.label));
        self.undo.record(self.pane, step);
        self.reload();
        if let Some((kind, id)) = select {
            self.select_written(kind, id);
        }
        Outcome::Done
    }

    /// Selects a record just written: in the detail for a term or an
    /// award, else in the list.
    fn select_written(&mut self, kind: Kind, id: u64) {
        if matches!(kind, Kind::Term | Kind::Award) {
            if let Some(p) = self.detail_items().iter().position(|i| *i == (kind, id)) {
                self.detail_mut().selected = p;
            }
        } else {
            let rows = super::layout::list_rows(self.size);
            let l = self.list_mut();
            if l.select_id(id) {
                l.scroll_into_view(rows);
            }
        }
    }

    /// After a refused or failed write: says why; nothing changed.
    fn write_failed(&mut self, e: &StoreError) -> Outcome {
        self.save_state = SaveState::Failed;
        let why = self.explain(e);
        self.error(format!("{}: {why}", self.t(Msg::NotSaved)));
        Outcome::Failed
    }
}
