//! Pane 4, Bảng điểm: the score grid of the selected sheet. Its state
//! ([`SheetUi`]) and the grid's keys are here; typing a score is in
//! `cell.rs`, locking and amending in `lock.rs`, the ballots in
//! `ballots.rs`, the outcomes in `outcomes.rs`, the export in `export.rs`,
//! the score forms out and back in in `forms.rs`.

mod ballots;
mod cell;
mod criteria;
mod export;
mod forms;
mod lock;
mod outcomes;

use crate::app::input::TextInput;
use crate::app::{Action, App, Focus};
use crate::domain::access::{Intent, Owner};
use crate::domain::*;
use crate::i18n::Msg;

/// Which score the grid shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SheetView {
    /// The cluster's agreed score (cụm chấm), which decides the ranking.
    #[default]
    Cluster,
    /// The school's own score (tự chấm).
    SelfScore,
    /// Self minus cluster, read-only: where a dispute will be.
    Diff,
}

impl SheetView {
    /// The next view.
    pub fn next(self) -> SheetView {
        match self {
            SheetView::Cluster => SheetView::SelfScore,
            SheetView::SelfScore => SheetView::Diff,
            SheetView::Diff => SheetView::Cluster,
        }
    }

    /// The score a view enters; the difference view shows the cluster's.
    pub fn which(self) -> crate::domain::scoring::Which {
        match self {
            SheetView::SelfScore => crate::domain::scoring::Which::SelfScore,
            _ => crate::domain::scoring::Which::Cluster,
        }
    }

    /// Its name.
    pub fn label(self) -> Msg {
        match self {
            SheetView::Cluster => Msg::ViewCluster,
            SheetView::SelfScore => Msg::ViewSelf,
            SheetView::Diff => Msg::ViewDiff,
        }
    }
}

/// The grid's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SheetUi {
    /// The cursor: (row, column) = (criterion, school).
    pub cursor: (usize, usize),
    /// The score shown.
    pub view: SheetView,
    /// The score being typed into the cursor's cell.
    pub edit: Option<TextInput>,
    /// The cell's value when typing began: the save is refused if the
    /// stored value is no longer this one (someone else saved meanwhile).
    pub seen: Option<Points>,
    /// The reason of the amendment in progress on a locked sheet.
    pub amending: Option<String>,
}

impl App {
    /// The selected sheet with its id and table.
    pub fn current_sheet(&self) -> Option<(SheetId, &ScoreSheet, &CriteriaTable)> {
        let id = SheetId(self.selected_id()?);
        let sheet = self.data.sheets.get(&id)?;
        let table = self.data.tables.get(&sheet.table)?;
        Some((id, sheet, table))
    }

    /// The item code and school under the grid cursor.
    pub fn cursor_cell(&self) -> Option<(String, SchoolId)> {
        let (_, sheet, table) = self.current_sheet()?;
        let (r, c) = self.sheet_ui.cursor;
        let item = table.items().nth(r)?.1.code.clone();
        Some((item, *sheet.schools.get(c)?))
    }

    /// The value under the cursor in a view.
    pub fn cell_value(&self, view: SheetView) -> Option<Points> {
        let (_, sheet, _) = self.current_sheet()?;
        let (item, school) = self.cursor_cell()?;
        sheet.score(school, &item, view.which())
    }

    /// The keys of the grid, or of the cell being typed into.
    pub(in crate::app) fn update_sheet(&mut self, action: Action) {
        if self.sheet_ui.edit.is_some() {
            self.update_cell(action);
        } else {
            self.update_grid(action);
        }
    }

    fn update_grid(&mut self, action: Action) {
        match action {
            Action::Up
            | Action::Down
            | Action::Left
            | Action::Right
            | Action::PageUp
            | Action::PageDown
            | Action::Home
            | Action::End => {
                let (r, c) = self.sheet_ui.cursor;
                self.sheet_ui.cursor = match action {
                    Action::Up => (r.saturating_sub(1), c),
                    Action::Down => (r + 1, c),
                    Action::Left => (r, c.saturating_sub(1)),
                    Action::Right => (r, c + 1),
                    Action::PageUp => (r.saturating_sub(10), c),
                    Action::PageDown => (r + 10, c),
                    Action::Home => (0, 0),
                    _ => (usize::MAX, usize::MAX),
                };
                self.clamp_sheet_cursor();
            }
            Action::Back => {
                self.focus = Focus::List;
                self.sheet_ui.amending = None;
            }
            Action::Insert(c) => self.start_edit(Some(c)),
            Action::Open => self.start_edit(None),
            Action::ClearCell => {
                // Cleared as shown: refused if someone changed it meanwhile.
                self.sheet_ui.seen = self.cell_value(self.sheet_ui.view);
                self.set_score(None);
            }
            Action::CycleView => self.sheet_ui.view = self.sheet_ui.view.next(),
            Action::Lock => self.ask_lock(),
            Action::Amend => self.ask_amend(),
            Action::Ballots => self.open_ballots(),
            Action::Outcomes => self.ask_outcomes(),
            Action::Export => self.ask_export(),
            Action::ExportForms => self.ask_export_forms(),
            Action::ImportForms => self.ask_import_forms(),
            Action::History => self.open_history(),
            Action::Criteria => self.open_criteria(),
            Action::NewCriteria => self.open_new_criteria(),
            Action::Members => self.open_members(),
            other => self.update_browse(other),
        }
    }

    /// Keeps the grid cursor inside the grid of the selected sheet.
    pub(crate) fn clamp_sheet_cursor(&mut self) {
        let size = self
            .current_sheet()
            .map(|(_, sheet, table)| (table.items().count(), sheet.schools.len()));
        let (r, c) = self.sheet_ui.cursor;
        self.sheet_ui.cursor = match size {
            Some((items, schools)) => (
                r.min(items.saturating_sub(1)),
                c.min(schools.saturating_sub(1)),
            ),
            None => (0, 0),
        };
    }

    /// Whether a printable key pressed in the grid is the start of a score
    /// rather than a command: digits and signs always (the digits 1–5
    /// switch panes elsewhere), any key the grid does not bind, and a
    /// command with nothing to do on this sheet (amending an open sheet).
    pub(in crate::app) fn grid_types(&self, c: char, action: Option<&Action>) -> bool {
        if c.is_whitespace() {
            return false;
        }
        if c.is_ascii_digit() || matches!(c, ',' | '.' | '-') {
            return true;
        }
        match action {
            None => true,
            Some(Action::Amend) => self
                .current_sheet()
                .is_none_or(|(_, sheet, _)| sheet.lock.is_none()),
            Some(_) => false,
        }
    }

    /// Whether the current sheet may be changed now: not locked, or an
    /// amendment with a reason is under way. Says why not.
    fn may_change(&mut self) -> bool {
        let Some((_, sheet, _)) = self.current_sheet() else {
            self.info(self.t(Msg::NoSheetSelected).to_string());
            return false;
        };
        if sheet.lock.is_some() && self.sheet_ui.amending.is_none() {
            self.error(self.t(Msg::SheetLocked).to_string());
            return false;
        }
        if self.sheet_ui.view == SheetView::Diff {
            self.info(self.t(Msg::DiffReadOnly).to_string());
            return false;
        }
        let cluster = sheet.cluster;
        let intent = match (self.sheet_ui.view, self.cursor_cell()) {
            (SheetView::SelfScore, Some((_, school))) => Intent::SelfScore { cluster, school },
            _ => Intent::Change(Owner::Cluster(cluster)),
        };
        self.allowed(intent)
    }

    /// Whether the role may change the current sheet as a whole (lock, amend,
    /// ballots, outcomes); says why not.
    fn may_run_sheet(&mut self) -> bool {
        match self.current_sheet() {
            Some((_, sheet, _)) => {
                let owner = Owner::Cluster(sheet.cluster);
                self.allowed(Intent::Change(owner))
            }
            None => false,
        }
    }
}
