//! Typing a score into the cell under the cursor: checked as typed text
//! first (a number, not negative, within the criterion), then saved by
//! the score command, which checks it again against the stored sheet.

use crate::app::command::{Command, Outcome};
use crate::app::input::{Applied, TextInput};
use crate::app::{Action, App};
use crate::domain::Points;
use crate::domain::scoring::check_score;
use crate::i18n::Msg;

impl App {
    /// Starts typing in the cursor's cell: with the key pressed, or (Enter)
    /// with the value shown.
    pub(super) fn start_edit(&mut self, first: Option<char>) {
        if !self.may_change() {
            return;
        }
        let shown = self.cell_value(self.sheet_ui.view);
        let text = match first {
            Some(c) => c.to_string(),
            None => shown.map(|p| p.to_string()).unwrap_or_default(),
        };
        self.sheet_ui.edit = Some(TextInput::new(&text));
        self.sheet_ui.seen = shown;
    }

    /// Typing edits the score; Enter, ↓, ↑, Tab save it and move on; Esc
    /// drops it. A refused score stays typed, with the reason.
    pub(super) fn update_cell(&mut self, action: Action) {
        let Some(input) = self.sheet_ui.edit.as_mut() else {
            return;
        };
        if input.apply(&action) != Applied::Ignored {
            return;
        }
        let (dr, dc): (isize, isize) = match action {
            Action::Back => {
                self.sheet_ui.edit = None;
                self.message = None;
                return;
            }
            Action::Quit => return self.ask_quit(),
            Action::Open | Action::Down => (1, 0),
            Action::Up => (-1, 0),
            Action::NextField => (0, 1),
            Action::PrevField => (0, -1),
            _ => return,
        };
        let text = input.text().to_string();
        let value = match self.typed_score(&text) {
            Ok(v) => v,
            Err(why) => return self.error(format!("{}: {why}", self.t(Msg::NotSaved))),
        };
        if self.set_score(value) {
            self.sheet_ui.edit = None;
            let (r, c) = self.sheet_ui.cursor;
            self.sheet_ui.cursor = (r.saturating_add_signed(dr), c.saturating_add_signed(dc));
            self.clamp_sheet_cursor();
        }
    }

    /// The score typed, or why it cannot be one.
    fn typed_score(&self, text: &str) -> Result<Option<Points>, String> {
        // Refused before parsing, which would read `-2` as a number: a
        // score is never negative, and penalties are rows of their own.
        if text.contains(['-', '\u{2212}']) {
            return Err(self.t(Msg::ErrNegativeScore).to_string());
        }
        if text.trim().is_empty() {
            return Ok(None);
        }
        let v =
            Points::parse(text).map_err(|e| crate::i18n::errors::points(self.settings.lang, &e))?;
        if let (Some((item, _)), Some((_, _, table))) = (self.cursor_cell(), self.current_sheet())
            && let Err(e) = check_score(table, &item, v)
        {
            return Err(format!(
                "{item}: {}",
                crate::i18n::errors::score(self.settings.lang, &e)
            ));
        }
        Ok(Some(v))
    }

    /// Saves a value into the cursor's cell in the current view (`None`
    /// empties it); says whether it was saved.
    pub(super) fn set_score(&mut self, value: Option<Points>) -> bool {
        if !self.may_change() {
            return false;
        }
        matches!(self.run(Command::SetScore(value)), Outcome::Done)
    }
}
