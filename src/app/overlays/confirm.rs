//! A yes/no question, and what yes does.

use crate::app::command::{Command, Outcome};
use crate::app::overlays::Overlay;
use crate::app::{Action, App, Pane, SaveState};
use crate::domain::SheetId;
use crate::domain::outcomes::OutcomePlan;
use crate::i18n::Msg;
use crate::import::score_forms::SchoolPlan;
use crate::store::Kind;

/// A question waiting for yes or no.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    /// The question.
    pub question: String,
    /// What yes does.
    pub on_yes: OnYes,
    /// The first line of the question shown, when it is longer than the
    /// screen (the changes of an import).
    pub scroll: usize,
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
    /// Write the self-scores of filled score forms, school by school.
    ImportScores(Box<Vec<SchoolPlan>>),
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
                    OnYes::ImportScores(plans) => {
                        self.run(Command::ImportScores(plans));
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
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                let mut c = c;
                let last = c.question.lines().count().saturating_sub(1);
                c.scroll = match action {
                    Action::Up => c.scroll.saturating_sub(1),
                    Action::Down => c.scroll.saturating_add(1),
                    Action::PageUp => c.scroll.saturating_sub(10),
                    _ => c.scroll.saturating_add(10),
                }
                .min(last);
                Some(c)
            }
            _ => Some(c),
        }
    }
}
