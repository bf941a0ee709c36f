//! A one-line question: the reason for an amendment, the file to export
//! to, the folder of score forms out or in.

use crate::app::command::{Command, EXPORTS, Outcome, full_path};
use crate::app::input::{Applied, TextInput};
use crate::app::overlays::OnYes;
use crate::app::{Action, App};
use crate::i18n::Msg;

/// What a prompt's answer is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptFor {
    /// The reason for amending a locked sheet.
    AmendReason,
    /// The file to export the sheet to.
    ExportFile,
    /// The folder to write the sheet's score forms into.
    ExportForms,
    /// The filled score form, or folder of them, to read in.
    ImportForms,
    /// The CSV file to fill the criteria-table form from.
    TableCsv,
}

/// A one-line question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    /// The question.
    pub title: Msg,
    /// The answer being typed.
    pub input: TextInput,
    /// What the answer is for.
    pub purpose: PromptFor,
    /// Why the last answer was refused.
    pub error: Option<String>,
    /// For an export: the kind chosen with ↑/↓ (an index into
    /// [`crate::app::command::EXPORTS`]) and the stem of the names suggested.
    pub export: Option<(usize, String)>,
}

impl Prompt {
    /// A question with a suggested answer.
    pub fn new(title: Msg, purpose: PromptFor, answer: &str) -> Prompt {
        Prompt {
            title,
            input: TextInput::new(answer),
            purpose,
            error: None,
            export: None,
        }
    }

    /// The export question for a cluster-year: the first kind chosen, its
    /// file name suggested from `stem`.
    pub fn export(stem: &str) -> Prompt {
        let name = EXPORTS
            .first()
            .map_or_else(String::new, |k| k.suggested(stem));
        let mut p = Prompt::new(Msg::ExportFormat, PromptFor::ExportFile, &name);
        p.export = Some((0, stem.to_string()));
        p
    }

    /// Chooses the next (`by` 1) or previous (`by` len − 1) kind of export,
    /// suggesting its file name in the folder already typed.
    fn turn(&mut self, by: usize) {
        let Some((choice, stem)) = &mut self.export else {
            return;
        };
        *choice = (*choice + by) % EXPORTS.len();
        let Some(kind) = EXPORTS.get(*choice) else {
            return;
        };
        let name = kind.suggested(stem);
        let typed = self.input.text().to_string();
        let dir = std::path::Path::new(&typed)
            .parent()
            .filter(|d| !d.as_os_str().is_empty());
        let text = match dir {
            Some(d) => d.join(&name).display().to_string(),
            None => name,
        };
        self.input.set(&text);
        self.error = None;
    }
}

impl App {
    /// Typing edits the answer; Enter gives it, Esc drops it. A refused
    /// answer stays typed, with the reason under it.
    pub(super) fn update_prompt(&mut self, mut p: Prompt, action: Action) -> Option<Prompt> {
        if p.input.apply(&action) != Applied::Ignored {
            return Some(p);
        }
        match action {
            Action::Back => return None,
            // Popped while it is updated: the question names it itself.
            Action::Quit => self.ask_quit_losing(Msg::QuitLosesPrompt),
            Action::Open => {
                let answer = crate::text::clean_line(p.input.text());
                match p.purpose {
                    PromptFor::AmendReason if answer.is_empty() => {
                        p.error = Some(self.t(Msg::ReasonRequired).to_string());
                    }
                    PromptFor::AmendReason => {
                        self.info(format!("{}: {answer}", self.t(Msg::AmendOn)));
                        self.sheet_ui.amending = Some(answer);
                        return None;
                    }
                    PromptFor::ExportFile => {
                        let choice = p.export.as_ref().map_or(0, |(c, _)| *c);
                        if let Err(why) = self.export_kind(&answer, choice) {
                            p.error = Some(why);
                            return Some(p);
                        }
                        let path = full_path(&answer);
                        if path.exists() {
                            // Kept under the question, so "no" comes back
                            // to the name as typed.
                            let q = crate::i18n::trf(
                                self.settings.lang,
                                Msg::ExpOverwrite,
                                &[&path.display()],
                            );
                            self.ask(q, OnYes::Export(answer, choice));
                            return Some(p);
                        }
                        match self.run(Command::Export(answer, choice)) {
                            Outcome::Refused(why) => p.error = Some(why),
                            _ => return None,
                        }
                    }
                    PromptFor::ExportForms => match self.run(Command::ExportForms(answer)) {
                        Outcome::Refused(why) => p.error = Some(why),
                        _ => return None,
                    },
                    // The problems are listed over the prompt, which stays
                    // open under them with the path as typed.
                    PromptFor::TableCsv => match self.read_table_csv(&answer) {
                        Err(why) => p.error = Some(why),
                        Ok(()) => return None,
                    },
                    PromptFor::ImportForms => match self.review_import(&answer) {
                        Err(why) => p.error = Some(why),
                        Ok(()) => return None,
                    },
                }
            }
            Action::Down if p.export.is_some() => p.turn(1),
            Action::Up if p.export.is_some() => p.turn(EXPORTS.len() - 1),
            _ => {}
        }
        Some(p)
    }
}
