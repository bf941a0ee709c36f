//! Starting a change from a pane: the form for a new or selected record,
//! the questions before deleting, undoing and leaving. The change itself is
//! a command (`command/`).

use crate::app::command::Command;
use crate::app::form::{Form, Target};
use crate::app::overlays::{OnYes, Overlay};
use crate::app::{App, Focus, Pane};
use crate::domain::access::{Intent, Role};
use crate::domain::*;
use crate::i18n::Msg;
use crate::store::Kind;

impl App {
    /// Opens the form for a new record of the pane (or of the detail: a
    /// term of the cluster, an award of the school).
    pub(super) fn open_new(&mut self) {
        let selected = self.selected_id();
        let target = match (self.pane, self.focus) {
            (Pane::Schools, Focus::Detail) => Target::Award(None),
            (Pane::Schools, _) => Target::School(None),
            (Pane::Clusters, Focus::Detail) => match selected {
                Some(c) => Target::Term(None, ClusterId(c)),
                None => return,
            },
            (Pane::Clusters, _) => Target::Cluster(None),
            (Pane::Meetings, _) => Target::Meeting(None),
            (Pane::People, _) => Target::Person(None),
            (Pane::Sheets, _) => Target::Sheet,
        };
        let term_cluster = match &target {
            Target::Term(_, c) => Some(*c),
            _ => None,
        };
        let owner = self.new_record_owner(term_cluster);
        if !self.allowed(Intent::Add(owner)) {
            return;
        }
        let mut form = Form::open(target.clone(), &self.data);
        // A new award starts on the school it was created from.
        if let (Target::Award(None), Some(school)) = (&target, selected) {
            form.preset("recipient", school);
        }
        // A secretary's new meeting, award or sheet is for their cluster.
        if let Role::Secretary(c) = self.settings.role
            && matches!(
                target,
                Target::Meeting(None) | Target::Award(None) | Target::Sheet
            )
        {
            form.preset_if_empty("cluster", c.0);
        }
        self.open(Overlay::Form(Box::new(form)));
    }

    /// Opens the form of the selected record.
    pub(super) fn open_edit(&mut self) {
        let Some((kind, id)) = self.target_record() else {
            return;
        };
        if !self.may_change_record(kind, id) {
            return;
        }
        let target = match kind {
            Kind::School => Target::School(Some(SchoolId(id))),
            Kind::Cluster => Target::Cluster(Some(ClusterId(id))),
            Kind::Term => match self.data.terms.get(&TermId(id)) {
                Some(t) => Target::Term(Some(TermId(id)), t.cluster),
                None => return,
            },
            Kind::Meeting => Target::Meeting(Some(MeetingId(id))),
            Kind::Person => Target::Person(Some(PersonId(id))),
            Kind::Award => Target::Award(Some(AwardId(id))),
            Kind::Sheet | Kind::Table | Kind::Ballot => {
                self.info(self.t(Msg::SheetsComeWithConference).to_string());
                return;
            }
        };
        self.open(Overlay::Form(Box::new(Form::open(target, &self.data))));
    }

    /// Asks before deleting the selected record, naming it.
    pub(super) fn ask_delete(&mut self) {
        let Some((kind, id)) = self.target_record() else {
            return;
        };
        if matches!(kind, Kind::Sheet | Kind::Table | Kind::Ballot) {
            self.info(self.t(Msg::SheetsComeWithConference).to_string());
            return;
        }
        if !self.may_change_record(kind, id) {
            return;
        }
        let name = self.data.record_name(kind, id, self.settings.lang);
        self.ask(
            format!("{} {name}?", self.t(Msg::AskDelete)),
            OnYes::Delete(kind, id),
        );
    }

    /// Leaves at once, or asks first when a form, a cell or a prompt is
    /// open: leaving would drop it unsaved.
    pub(crate) fn ask_quit(&mut self) {
        let loses = if self.form().is_some() {
            Some(Msg::QuitLosesForm)
        } else if self.sheet_ui.edit.is_some() {
            Some(Msg::QuitLosesCell)
        } else if self.prompt().is_some() {
            Some(Msg::QuitLosesPrompt)
        } else {
            None
        };
        match loses {
            None => self.effects.quit = true,
            Some(what) => self.ask_quit_losing(what),
        }
    }

    /// Asks before leaving, saying what leaving would drop.
    pub(crate) fn ask_quit_losing(&mut self, what: Msg) {
        self.ask(
            format!("{}\n{}", self.t(Msg::AskQuit), self.t(what)),
            OnYes::Quit,
        );
    }

    /// Asks before undoing the last change made in the pane on screen,
    /// naming it.
    pub(super) fn ask_undo(&mut self) {
        let pane = self.pane;
        match self.undo.next_undo(pane) {
            Some(step) => {
                let question = format!("{}\n{}", self.t(Msg::AskUndo), step.label);
                self.ask(question, OnYes::Undo(pane));
            }
            None => self.info(format!(
                "{} {}",
                self.t(Msg::NothingToUndoIn),
                self.t(pane.title())
            )),
        }
    }

    /// Redoes what the last undo in the pane on screen took back.
    pub(super) fn redo_last(&mut self) {
        let pane = self.pane;
        if self.undo.next_redo(pane).is_some() {
            self.run(Command::Redo(pane));
        } else {
            self.info(format!(
                "{} {}",
                self.t(Msg::NothingToRedoIn),
                self.t(pane.title())
            ));
        }
    }
}
