//! Score forms: writing one per member school of the selected sheet, and
//! writing the self-scores of confirmed filled forms, each school in one
//! transaction, all of it one undo step.

use super::Outcome;
use super::undo::{self, AnyRecord, Revert, UndoStep};
use crate::app::{App, SaveState};
use crate::domain::scoring::Which;
use crate::i18n::{Msg, score_forms, trf};
use crate::import::score_forms::SchoolPlan;
use std::path::Path;

impl App {
    /// Writes the selected sheet's forms into a folder and says where; or why not.
    pub(super) fn export_forms_to(&self, dir: &str) -> Result<String, String> {
        let Some((sheet, _, _)) = self.current_sheet() else {
            return Err(self.t(Msg::NoSheetSelected).to_string());
        };
        let lang = self.settings.lang;
        let written =
            crate::export::score_forms::write_all(&self.data, sheet, Path::new(dir), lang)
                .map_err(|e| score_forms::forms_error(lang, &e, &*self.data))?;
        Ok(trf(lang, Msg::SfExported, &[&written.len(), &dir]))
    }

    /// Writes each school's confirmed changes in one transaction, with the
    /// form's file name in the audit entry. A school refused (locked since,
    /// a score saved by someone else meanwhile) is reported and leaves the
    /// others written; one undo step takes back those written.
    pub(super) fn run_import(&mut self, plans: Vec<SchoolPlan>) -> Outcome {
        let who = self.who();
        let lang = self.settings.lang;
        let mut done = Vec::new();
        let mut failed = None;
        for p in plans.iter().filter(|p| !p.changes.is_empty()) {
            let reason = trf(lang, Msg::SfAuditReason, &[&p.file_name()]);
            let result = self.store.set_scores(
                who.author(&reason),
                p.sheet,
                p.school,
                Which::SelfScore,
                &p.changes,
            );
            match result {
                Ok((before, after)) => done.push(Revert::Restore {
                    id: p.sheet.0,
                    record: Box::new(AnyRecord::Sheet(before)),
                    expect: Some(undo::as_stored(&after, AnyRecord::Sheet)),
                }),
                Err(e) => {
                    let why = self.explain(&e);
                    let school = self.data.school_short(p.school);
                    failed.get_or_insert(trf(lang, Msg::SfFailed, &[&school, &why]));
                }
            }
        }
        let written = done.len();
        if written > 0 {
            // Undone newest first, each checked against what it left.
            done.reverse();
            let label = trf(lang, Msg::SfUndoLabel, &[&written]);
            self.undo.record(
                self.pane,
                UndoStep {
                    label,
                    revert: Revert::All(done),
                },
            );
        }
        self.reload();
        match failed {
            Some(why) => {
                self.save_state = SaveState::Failed;
                self.error(why);
                Outcome::Failed
            }
            None => {
                self.save_state = SaveState::Saved;
                let done = trf(lang, Msg::SfImportDone, &[&written]);
                self.info(format!("{} · {done}", self.t(Msg::Saved)));
                Outcome::Done
            }
        }
    }
}
