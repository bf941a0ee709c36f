//! Score forms from the grid: `f` asks for a folder and writes one form
//! per member school into it; `i` asks for a file or folder of filled
//! forms, checks them against the selected sheet, and shows the changes
//! per school for confirmation, or every problem with its cell.

use crate::app::App;
use crate::app::overlays::{HistoryView, OnYes, Overlay, Prompt, PromptFor};
use crate::domain::access::Intent;
use crate::export::score_forms::default_folder;
use crate::i18n::{Msg, score_forms};
use crate::import::score_forms::prepare;
use std::path::PathBuf;

impl App {
    /// The folder suggested for the selected sheet's forms.
    fn forms_folder(&self) -> Option<String> {
        let (_, sheet, _) = self.current_sheet()?;
        Some(default_folder(
            &self.data.cluster_label(sheet.cluster),
            sheet.year,
        ))
    }

    /// Asks which folder to write the selected sheet's forms into. Files
    /// are written where the program runs, so only an admin may.
    pub(super) fn ask_export_forms(&mut self) {
        if !self.allowed(Intent::WriteFile) {
            return;
        }
        let Some(folder) = self.forms_folder() else {
            self.info(self.t(Msg::NoSheetSelected).to_string());
            return;
        };
        let p = Prompt::new(Msg::SfPromptExport, PromptFor::ExportForms, &folder);
        self.open(Overlay::Prompt(p));
    }

    /// Asks for a filled form, or a folder of them, suggesting the folder
    /// the forms were written to. Reading files where the program runs is
    /// for an admin, as writing them is.
    pub(super) fn ask_import_forms(&mut self) {
        if !self.allowed(Intent::WriteFile) || !self.may_run_sheet() {
            return;
        }
        let Some(folder) = self.forms_folder() else {
            self.info(self.t(Msg::NoSheetSelected).to_string());
            return;
        };
        let p = Prompt::new(Msg::SfPromptImport, PromptFor::ImportForms, &folder);
        self.open(Overlay::Prompt(p));
    }

    /// Reads and checks the forms at `path` for the selected sheet. With
    /// no problem, opens the question listing each school's changes (or
    /// says there are none) and returns `Ok`. Otherwise opens the list of
    /// every problem and returns a one-line summary for the prompt, which
    /// stays open with the path typed.
    pub(in crate::app) fn review_import(&mut self, path: &str) -> Result<(), String> {
        let Some((sheet, _, _)) = self.current_sheet() else {
            return Err(self.t(Msg::NoSheetSelected).to_string());
        };
        let lang = self.settings.lang;
        match prepare(&self.data, &[PathBuf::from(path)], Some(sheet)) {
            Err(refused) => {
                let lines = score_forms::problem_lines(lang, &refused, &*self.data);
                let count = refused.iter().map(|f| f.problems.len()).sum::<usize>();
                let title = self.t(Msg::SfProblemsTitle).to_string();
                self.open(Overlay::History(HistoryView {
                    title: title.clone(),
                    lines,
                    scroll: 0,
                }));
                Err(format!("{title} ({count})"))
            }
            Ok(plans) if plans.iter().all(|p| p.changes.is_empty()) => {
                self.info(self.t(Msg::SfNothingToWrite).to_string());
                Ok(())
            }
            Ok(plans) => {
                let mut lines = score_forms::plan_lines(lang, &plans, &*self.data);
                lines.push(String::new());
                lines.push(self.t(Msg::SfConfirm).to_string());
                self.ask(lines.join("\n"), OnYes::ImportScores(Box::new(plans)));
                Ok(())
            }
        }
    }
}
