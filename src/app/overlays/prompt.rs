//! A one-line question: the reason for an amendment, the file to export
//! to, the folder of score forms out or in.

use crate::app::command::{Command, Outcome};
use crate::app::input::{Applied, TextInput};
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
}

impl Prompt {
    /// A question with a suggested answer.
    pub fn new(title: Msg, purpose: PromptFor, answer: &str) -> Prompt {
        Prompt {
            title,
            input: TextInput::new(answer),
            purpose,
            error: None,
        }
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
                    PromptFor::ExportFile => match self.run(Command::Export(answer)) {
                        Outcome::Refused(why) => p.error = Some(why),
                        _ => return None,
                    },
                    PromptFor::ExportForms => match self.run(Command::ExportForms(answer)) {
                        Outcome::Refused(why) => p.error = Some(why),
                        _ => return None,
                    },
                    // The problems are listed over the prompt, which stays
                    // open under them with the path as typed.
                    PromptFor::ImportForms => match self.review_import(&answer) {
                        Err(why) => p.error = Some(why),
                        Ok(()) => return None,
                    },
                }
            }
            _ => {}
        }
        Some(p)
    }
}
