//! A yes/no question, and what yes does.

use crate::app::command::{Command, Outcome};
use crate::app::overlays::Overlay;
use crate::app::{Action, App, Pane, SaveState};
use crate::domain::SheetId;
use crate::domain::outcomes::OutcomePlan;
use crate::i18n::Msg;
use crate::store::Kind;

/// A question waiting for yes or no.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    /// The question.
    pub question: String,
    /// What yes does.
    pub on_yes: OnYes,
}

impl Confirm {
    /// Whether the question stands over typing that yes would throw away
    /// (a form, a cell, a prompt): then it is answered only with keys that
    /// are never text, so a word typed on cannot answer it.
    pub fn over_typing(&self) -> bool {
        matches!(self.on_yes, OnYes::DiscardForm | OnYes::Quit)
    }
}

/// What a confirmed question does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OnYes {
    /// Delete a record.
    Delete(Kind, u64),
    /// Close the form without saving.
    DiscardForm,
    /// Leave the program, dropping the open form, cell or prompt.
    Quit,
    /// Undo the last change made in a pane.
    Undo(Pane),
    /// Lock a score sheet.
    Lock(SheetId),
    /// Create the outcomes of a conference.
    Outcomes(Box<OutcomePlan>),
    /// Write an export over an existing file: the file as typed and the
    /// kind chosen; the export question stays open under it.
    Export(String, usize),
}

impl App {
    /// Yes runs the answer, no or Esc closes the question.
    pub(super) fn update_confirm(&mut self, c: Confirm, action: Action) -> Option<Confirm> {
        match action {
            Action::Yes => {
                match c.on_yes {
                    OnYes::Delete(kind, id) => {
                        self.run(Command::Delete(kind, id));
                    }
                    OnYes::DiscardForm => {
                        self.close_forms();
                        // The failure belonged to the discarded typing.
                        if self.save_state == SaveState::Failed {
                            self.save_state = SaveState::Clean;
                        }
                        self.info(self.t(Msg::Discarded).to_string());
                    }
                    OnYes::Lock(id) => {
                        self.run(Command::Lock(id));
                    }
                    OnYes::Outcomes(plan) => {
                        self.run(Command::Outcomes(plan));
                    }
                    OnYes::Export(file, choice) => match self.run(Command::Export(file, choice)) {
                        Outcome::Refused(why) => {
                            if let Some(Overlay::Prompt(p)) = self.overlays.top_mut() {
                                p.error = Some(why);
                            }
                        }
                        _ => self.overlays.0.retain(|o| !matches!(o, Overlay::Prompt(_))),
                    },
                    OnYes::Quit => self.effects.quit = true,
                    OnYes::Undo(pane) => {
                        self.run(Command::Undo(pane));
                    }
                }
                None
            }
            Action::No | Action::Back => None,
            _ => Some(c),
        }
    }
}
