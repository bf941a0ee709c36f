//! The application state of one terminal, independent of any terminal.
//!
//! Keys become named [`Action`]s through the [`Keymap`]; [`App::update`] is the
//! only place state changes, and the only caller of the [`Store`]. The view
//! (`ui::draw`) reads an `App` and never writes it. The same `App` runs on a
//! local terminal, on ratatui's `TestBackend`, and once per SSH session.

mod access;
mod action;
pub mod conference;
pub mod data;
pub mod form;
pub mod history;
pub mod input;
mod input_limit;
pub mod keymap;
pub mod layout;
pub mod list;
mod namer;
pub mod palette;
mod pane;
pub mod undo;
mod update;
mod update_sheet;

pub use action::{Action, BINDABLE};
pub use keymap::{Binding, Context, Key, Keymap, KeymapError};
pub use pane::Pane;

use crate::domain::access::Role;
use crate::domain::*;
use crate::i18n::{Lang, Msg, tr};
use crate::store::{Kind, Store};
use crossterm::event::KeyEvent;
use data::Data;
use form::Form;
use list::ListState;
use palette::Palette;
use std::sync::Arc;

/// The colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    /// For dark terminals (the default): terminal colours plus 16-colour accents.
    #[default]
    Dark,
    /// For light backgrounds.
    Light,
    /// Black and white with bold, for projectors.
    HighContrast,
}

impl ThemeName {
    /// The next theme, for the switch key.
    pub fn next(self) -> ThemeName {
        match self {
            ThemeName::Dark => ThemeName::Light,
            ThemeName::Light => ThemeName::HighContrast,
            ThemeName::HighContrast => ThemeName::Dark,
        }
    }

    /// Parses `dark`, `light` or `contrast`.
    pub fn parse(s: &str) -> Option<ThemeName> {
        match s {
            "dark" => Some(ThemeName::Dark),
            "light" => Some(ThemeName::Light),
            "contrast" | "high-contrast" => Some(ThemeName::HighContrast),
            _ => None,
        }
    }
}

/// Whether the last change reached the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SaveState {
    /// Nothing changed in this session yet.
    #[default]
    Clean,
    /// The last write was flushed to disk.
    Saved,
    /// The last write failed; nothing was changed.
    Failed,
}

/// How serious a status message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Information.
    Info,
    /// Something was refused or failed.
    Error,
}

/// Where the keyboard is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    /// The pane's list.
    #[default]
    List,
    /// The pane's detail.
    Detail,
}

/// What the app is doing, which decides what keys mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Browsing a list.
    List,
    /// Reading (and moving through) a detail.
    Detail,
    /// Typing a filter.
    Filter,
    /// Searching in the palette.
    Palette,
    /// Filling in a form.
    Form,
    /// Answering a question.
    Confirm,
    /// Reading help.
    Help,
    /// Moving through the score grid.
    Grid,
    /// Typing a score into a cell.
    Cell,
    /// Answering a one-line question.
    Prompt,
    /// Reading a record's history.
    History,
}

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
    Outcomes(Box<update_sheet::OutcomePlan>),
}

/// Settings of one session.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The language.
    pub lang: Lang,
    /// The theme.
    pub theme: ThemeName,
    /// Who is writing, for the audit log.
    pub actor: String,
    /// What this user may change; checked by the store on every write.
    pub role: Role,
    /// The database, as the status bar shows it.
    pub db_label: String,
}

/// The user behind a session's writes, owned so that a write can be made
/// while the app itself is borrowed mutably.
#[derive(Debug, Clone)]
pub struct Who {
    actor: String,
    role: Role,
}

impl Who {
    /// The author of a write, with a reason for the audit log.
    pub fn author<'a>(&'a self, reason: &'a str) -> crate::store::Author<'a> {
        crate::store::Author {
            actor: &self.actor,
            reason,
            role: &self.role,
        }
    }
}

/// One user's application state.
pub struct App {
    store: Arc<Store>,
    /// The keymap in force.
    pub keymap: Arc<Keymap>,
    /// Language, theme, user, database.
    pub settings: Settings,
    /// The records shown.
    pub data: Arc<Data>,
    /// The current pane.
    pub pane: Pane,
    /// Each pane's list, in `Pane::ALL` order.
    pub lists: [ListState; 5],
    /// List or detail.
    pub focus: Focus,
    /// The selected item within the detail (terms of a cluster, awards of a school).
    pub detail_selected: usize,
    /// The detail's scroll, in rows, when scrolled freely.
    pub detail_scroll: usize,
    /// Whether the detail follows the selected item (↑/↓) rather than the
    /// free scroll (PgUp/PgDn), so everything in it can be reached.
    pub detail_follow: bool,
    /// The score-sheet cursor: (row, column).
    pub sheet_cursor: (usize, usize),
    /// The open form.
    pub form: Option<Form>,
    /// The open palette.
    pub palette: Option<Palette>,
    /// The open question.
    pub confirm: Option<Confirm>,
    /// The help overlay's scroll, when it is open.
    pub help: Option<usize>,
    /// The score grid's view, typing and amendment.
    pub sheet_ui: conference::SheetUi,
    /// The open one-line question.
    pub prompt: Option<conference::Prompt>,
    /// The open history overlay.
    pub history: Option<conference::HistoryView>,
    /// The status message.
    pub message: Option<(Level, String)>,
    /// Whether the last change is on disk.
    pub save_state: SaveState,
    /// Changes that `u` can reverse and redo can reapply, per pane.
    pub undo: undo::Stacks,
    /// The terminal size (columns, rows).
    pub size: (u16, u16),
    /// Set when the user quits.
    pub quit: bool,
    /// Text for the terminal to put on the user's clipboard (OSC 52); the
    /// terminal loop takes it after drawing.
    pub clipboard: Option<String>,
}

impl App {
    /// An app over a store, with its data loaded. A damaged record does not
    /// stop it: the damage banner lists it (`ui::damage`).
    pub fn new(
        store: Arc<Store>,
        keymap: Arc<Keymap>,
        settings: Settings,
        size: (u16, u16),
    ) -> App {
        let (data, message) = match Data::shared(&store) {
            Ok(d) => (d, None),
            Err(e) => (Arc::default(), Some((Level::Error, e.to_string()))),
        };
        let mut app = App {
            store,
            keymap,
            settings,
            data,
            pane: Pane::Schools,
            lists: Default::default(),
            focus: Focus::List,
            detail_selected: 0,
            detail_scroll: 0,
            detail_follow: true,
            sheet_cursor: (0, 0),
            form: None,
            palette: None,
            confirm: None,
            help: None,
            sheet_ui: conference::SheetUi::default(),
            prompt: None,
            history: None,
            message,
            save_state: SaveState::Clean,
            undo: undo::Stacks::default(),
            size,
            quit: false,
            clipboard: None,
        };
        app.refresh_rows();
        app
    }

    /// The user behind this session's writes.
    pub fn who(&self) -> Who {
        Who {
            actor: self.settings.actor.clone(),
            role: self.settings.role.clone(),
        }
    }

    /// The store, for views that need nothing else.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// A message in the session's language.
    pub fn t(&self, msg: Msg) -> &'static str {
        tr(self.settings.lang, msg)
    }

    /// What the app is doing now.
    pub fn mode(&self) -> Mode {
        if self.help.is_some() {
            Mode::Help
        } else if self.confirm.is_some() {
            Mode::Confirm
        } else if self.form.is_some() {
            Mode::Form
        } else if self.prompt.is_some() {
            Mode::Prompt
        } else if self.history.is_some() {
            Mode::History
        } else if self.palette.is_some() {
            Mode::Palette
        } else if self.list().filtering {
            Mode::Filter
        } else if self.focus == Focus::Detail && self.pane == Pane::Sheets {
            if self.sheet_ui.edit.is_some() {
                Mode::Cell
            } else {
                Mode::Grid
            }
        } else if self.focus == Focus::Detail {
            Mode::Detail
        } else {
            Mode::List
        }
    }

    /// The keymap contexts in force, most specific first.
    pub fn contexts(&self) -> Vec<Context> {
        match self.mode() {
            Mode::Help => vec![Context::Help],
            Mode::Confirm if self.confirm.as_ref().is_some_and(Confirm::over_typing) => {
                vec![Context::Unsaved]
            }
            Mode::Confirm => vec![Context::Confirm],
            Mode::Form => {
                let text = self
                    .form
                    .as_ref()
                    .and_then(Form::current)
                    .is_some_and(|f| f.takes_text());
                if text {
                    vec![Context::Text, Context::Form]
                } else {
                    vec![Context::Form]
                }
            }
            Mode::Palette => vec![Context::Palette, Context::Text],
            Mode::Filter => vec![Context::Filter, Context::Text],
            Mode::Detail => vec![Context::Detail, Context::Global],
            Mode::Grid => vec![Context::Grid, Context::Global],
            Mode::Cell => vec![Context::Cell, Context::Text],
            Mode::Prompt => vec![Context::Prompt, Context::Text],
            Mode::History => vec![Context::History],
            Mode::List => vec![Context::List, Context::Global],
        }
    }

    /// Handles a key from the terminal: the keymap names the action.
    pub fn handle_key(&mut self, ev: KeyEvent) {
        use crossterm::event::{KeyCode, KeyModifiers};
        let contexts = self.contexts();
        let mode = self.mode();
        // Space toggles a yes/no field, which takes no text.
        if mode == Mode::Form && ev.code == KeyCode::Char(' ') {
            self.update(Action::Insert(' '));
            return;
        }
        let action = self.keymap.resolve(&contexts, ev);
        // In the grid the cursor stands on a cell: a printable key that is
        // not a grid command starts typing there, and from then on every
        // printable key is text, so a word typed into a cell never runs a
        // command.
        if mode == Mode::Grid
            && let KeyCode::Char(c) = ev.code
            && ev.modifiers.difference(KeyModifiers::SHIFT).is_empty()
            && self.grid_types(c, action.as_ref())
        {
            self.update(Action::Insert(c));
            return;
        }
        match action {
            Some(action) => self.update(action),
            // A question over typing ignores letters; say how to answer it.
            None if mode == Mode::Confirm && matches!(ev.code, KeyCode::Char(_)) => {
                self.message = Some((Level::Info, self.t(Msg::AnswerFirst).to_string()));
            }
            None => {}
        }
    }

    /// Whether a printable key pressed in the grid is the start of a score
    /// rather than a command: digits and signs always (the digits 1–5
    /// switch panes elsewhere), any key the grid does not bind, and a
    /// command with nothing to do on this sheet (amending an open sheet).
    fn grid_types(&self, c: char, action: Option<&Action>) -> bool {
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

    /// Handles an event from a terminal, local or remote, the same way.
    pub fn handle_event(&mut self, ev: crossterm::event::Event) {
        use crossterm::event::{Event, KeyEventKind};
        match ev {
            Event::Key(k) if k.kind != KeyEventKind::Release => self.handle_key(k),
            Event::Paste(s) => self.update(Action::Paste(s)),
            _ => {}
        }
    }

    /// The current pane's list.
    pub fn list(&self) -> &ListState {
        let i = Pane::ALL.iter().position(|p| *p == self.pane).unwrap_or(0);
        &self.lists[i.min(4)]
    }

    fn list_mut(&mut self) -> &mut ListState {
        let i = Pane::ALL.iter().position(|p| *p == self.pane).unwrap_or(0);
        &mut self.lists[i.min(4)]
    }

    /// The list of a pane.
    pub fn list_of(&self, pane: Pane) -> &ListState {
        let i = Pane::ALL.iter().position(|p| *p == pane).unwrap_or(0);
        &self.lists[i.min(4)]
    }

    pub(crate) fn refresh_rows(&mut self) {
        for (i, pane) in Pane::ALL.into_iter().enumerate() {
            let list = &mut self.lists[i.min(4)];
            // Collated once per snapshot, shared by every session.
            list.set_rows(
                self.data
                    .list_rows(pane, self.settings.lang, list.sorted_alt),
            );
        }
    }

    /// The record selected in the current pane's list.
    pub fn selected_id(&self) -> Option<u64> {
        self.list().selected_id()
    }

    /// The items the detail of the current pane lets the user pick: the
    /// terms of a cluster, the awards of a school.
    pub fn detail_items(&self) -> Vec<(Kind, u64)> {
        let Some(id) = self.selected_id() else {
            return Vec::new();
        };
        match self.pane {
            Pane::Clusters => self
                .data
                .terms_of(ClusterId(id))
                .into_iter()
                .map(|(t, _)| (Kind::Term, t.0))
                .collect(),
            Pane::Schools => self
                .data
                .awards_of_school(SchoolId(id))
                .into_iter()
                .map(|(a, _)| (Kind::Award, a.0))
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// The alternative order of a pane (see [`data::sort_alt`]).
fn sort_alt(pane: Pane, rows: &mut [data::Row]) {
    data::sort_alt(pane, rows);
}
