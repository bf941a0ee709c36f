//! The application state of one terminal, independent of any terminal.
//!
//! Keys become named [`Action`]s through the [`Keymap`]; [`App::update`]
//! routes each to the overlay on top (`overlays/`) or else to the pane on
//! screen (`panes/`). Whatever changes the record becomes a
//! [`command::Command`], run in one place (`command/`), the only caller of
//! the [`Store`]'s writes. `update` returns [`Effects`] (quit, clipboard)
//! for the terminal loop to carry out. The view (`ui::draw`) reads an `App`
//! and never writes it. The same `App` runs on a local terminal, on
//! ratatui's `TestBackend`, and once per SSH session.

mod access;
mod action;
pub mod command;
pub mod data;
mod dispatch;
mod event;
pub mod form;
pub mod keymap;
pub mod labels;
pub mod layout;
pub mod list;
mod mode;
mod namer;
mod names;
pub mod overlays;
pub mod panes;
mod settings;
pub mod theme;
pub mod widgets;

pub use action::{Action, BINDABLE};
pub use command::undo;
pub use keymap::{Binding, Context, Key, Keymap, KeymapError, KeymapProblem};
pub use mode::{Focus, Mode};
pub use overlays::{Confirm, OnYes, Overlay};
pub use panes::Pane;
pub use panes::sheet::{SheetUi, SheetView};
pub use settings::{Effects, Level, SaveState, Settings, ThemeName, Who};
pub use widgets::text_input as input;

use crate::i18n::{Msg, tr};
use crate::store::Store;
use data::Data;
use list::ListState;
use panes::{DetailState, PaneState};
use std::sync::Arc;

/// One user's application state.
pub struct App {
    store: Arc<Store>,
    /// The keymap in force.
    pub keymap: Arc<Keymap>,
    /// Language, theme, user, database.
    pub settings: Settings,
    /// The records shown: the snapshot shared by every session.
    pub data: Arc<Data>,
    /// The current pane.
    pub pane: Pane,
    /// Each pane's list and detail, in `Pane::ALL` order.
    panes: [PaneState; 5],
    /// List or detail.
    pub focus: Focus,
    /// The score grid's cursor, view, typing and amendment.
    pub sheet_ui: SheetUi,
    /// The overlays, the top one taking the keys.
    overlays: overlays::Stack,
    /// The status message.
    pub message: Option<(Level, String)>,
    /// Whether the last change is on disk.
    pub save_state: SaveState,
    /// Changes that `u` can reverse and redo can reapply, per pane.
    pub undo: undo::Stacks,
    /// The terminal size (columns, rows).
    pub size: (u16, u16),
    /// What the action being handled asks of the terminal.
    effects: Effects,
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
            Err(e) => {
                let why = crate::explain::integrity::store_error(settings.lang, store.path(), &e);
                (Arc::default(), Some((Level::Error, why)))
            }
        };
        let mut app = App {
            store,
            keymap,
            settings,
            data,
            pane: Pane::Schools,
            panes: Default::default(),
            focus: Focus::List,
            sheet_ui: SheetUi::default(),
            overlays: overlays::Stack::default(),
            message,
            save_state: SaveState::Clean,
            undo: undo::Stacks::default(),
            size,
            effects: Effects::default(),
        };
        app.refresh_rows();
        app
    }

    /// The user behind this session's writes.
    pub fn who(&self) -> Who {
        Who::of(&self.settings)
    }

    /// The store, for views that need nothing else.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// A message in the session's language.
    pub fn t(&self, msg: Msg) -> &'static str {
        tr(self.settings.lang, msg)
    }

    /// Puts a message on the status line: how a terminal loop tells the
    /// user something (the server stopping) without writing the app.
    pub fn notify(&mut self, level: Level, text: String) {
        self.message = Some((level, text));
    }

    /// The overlays, bottom first, as the view draws them.
    pub fn overlays(&self) -> &[Overlay] {
        self.overlays.all()
    }

    /// The current pane's list.
    pub fn list(&self) -> &ListState {
        self.list_of(self.pane)
    }

    fn list_mut(&mut self) -> &mut ListState {
        &mut self.pane_mut().list
    }

    /// The list of a pane.
    pub fn list_of(&self, pane: Pane) -> &ListState {
        &self.panes[pane.index()].list
    }

    /// The current pane's detail state.
    pub fn detail(&self) -> &DetailState {
        &self.panes[self.pane.index()].detail
    }

    fn detail_mut(&mut self) -> &mut DetailState {
        &mut self.pane_mut().detail
    }

    fn pane_mut(&mut self) -> &mut PaneState {
        &mut self.panes[self.pane.index()]
    }

    /// Rebuilds every pane's rows from the snapshot, keeping selections.
    pub(crate) fn refresh_rows(&mut self) {
        for pane in Pane::ALL {
            let list = &mut self.panes[pane.index()].list;
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
}
