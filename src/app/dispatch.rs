//! `App::update`: every action goes to the overlay on top, else to the
//! pane on screen. Nothing else changes the app's state.

use super::data::Data;
use super::{Action, App, Effects, Level, layout};

impl App {
    /// Applies one action and returns what it asks of the terminal.
    pub fn update(&mut self, action: Action) -> Effects {
        match action {
            Action::Resize(w, h) => {
                self.size = (w, h);
                let rows = layout::list_rows(self.size);
                for pane in &mut self.panes {
                    pane.list.scroll_into_view(rows);
                }
            }
            Action::Refresh => self.reload(),
            action => {
                if !self.update_overlay(action.clone()) {
                    self.update_pane(action);
                }
                self.note_input_limit();
            }
        }
        std::mem::take(&mut self.effects)
    }

    /// Says something on the status line.
    pub(crate) fn info(&mut self, msg: String) {
        self.message = Some((Level::Info, msg));
    }

    /// Says that something was refused or failed.
    pub(crate) fn error(&mut self, msg: String) {
        self.message = Some((Level::Error, msg));
    }

    /// Takes the snapshot of the latest committed change, keeping
    /// selections.
    pub fn reload(&mut self) {
        match Data::shared(&self.store) {
            // Already showing this snapshot (a session told of its own
            // save): nothing to rebuild.
            Ok(d) if std::sync::Arc::ptr_eq(&d, &self.data) => {}
            Ok(d) => {
                self.data = d;
                self.refresh_rows();
            }
            Err(e) => self.error(self.explain(&e)),
        }
        self.clamp_detail();
    }
}
