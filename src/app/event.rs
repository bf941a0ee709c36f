//! Terminal events to actions: the keymap names the action; a few keys are
//! read as text where the cursor stands on something typed into.

use super::{Action, App, Effects, Level, Mode};
use crate::i18n::Msg;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

impl App {
    /// Handles a key from the terminal: the keymap names the action.
    pub fn handle_key(&mut self, ev: KeyEvent) -> Effects {
        let contexts = self.contexts();
        let mode = self.mode();
        // Space toggles a yes/no field, which takes no text.
        if mode == Mode::Form && ev.code == KeyCode::Char(' ') {
            return self.update(Action::Insert(' '));
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
            return self.update(Action::Insert(c));
        }
        match action {
            Some(action) => self.update(action),
            // A question over typing ignores letters; say how to answer it.
            None if mode == Mode::Confirm && matches!(ev.code, KeyCode::Char(_)) => {
                self.notify(Level::Info, self.t(Msg::AnswerFirst).to_string());
                Effects::default()
            }
            None => Effects::default(),
        }
    }

    /// Handles an event from a terminal, local or remote, the same way.
    pub fn handle_event(&mut self, ev: Event) -> Effects {
        match ev {
            Event::Key(k) if k.kind != KeyEventKind::Release => self.handle_key(k),
            Event::Paste(s) => self.update(Action::Paste(s)),
            _ => Effects::default(),
        }
    }
}
