//! The form overlay's keys: editing goes to the form, Ctrl-S saves through
//! a command, Esc asks before dropping typing.

use crate::app::command::{Command, Outcome};
use crate::app::form::{Form, Target};
use crate::app::{Action, App, OnYes};
use crate::i18n::Msg;

impl App {
    pub(super) fn update_form(&mut self, mut form: Box<Form>, action: Action) -> Option<Box<Form>> {
        if form.apply(&action, &self.data) {
            return Some(form);
        }
        match action {
            // Esc first closes a picker's list of candidates, so dismissing
            // it never raises the question that drops the whole form.
            Action::Back if form.close_candidates() => {}
            Action::CopyTable if matches!(form.target, Target::Table(..)) => {
                self.copy_table(&mut form);
            }
            Action::ImportTable if matches!(form.target, Target::Table(..)) => {
                self.ask_table_csv(&form);
            }
            // Popped while it is updated: the question names it itself.
            Action::Quit => self.ask_quit_losing(Msg::QuitLosesForm),
            Action::Back if form.dirty => {
                self.ask(self.t(Msg::AskDiscard).to_string(), OnYes::DiscardForm);
            }
            Action::Back => {
                self.message = None;
                return None;
            }
            // The command closes the form when it is saved, and keeps it
            // with the reason when not.
            Action::Save => {
                return match self.run(Command::Save(form)) {
                    Outcome::KeepForm(form) => Some(form),
                    _ => None,
                };
            }
            _ => {}
        }
        Some(form)
    }
}
