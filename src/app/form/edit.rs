//! Editing a form with named actions: text goes to the focused field's
//! input through the one text dispatch (`TextInput::apply`), ←/→ turn a
//! choice, ↑/↓ move through a picker's candidates or between fields,
//! Enter picks.

use super::{FieldKind, Form, Target};
use crate::app::Action;
use crate::app::data::Data;
use crate::app::input::Applied;

impl Form {
    /// Applies an editing action to the form; says whether it was one
    /// (save, Esc and quit are the caller's).
    pub fn apply(&mut self, action: &Action, data: &Data) -> bool {
        let Some(f) = self.current_mut() else {
            return false;
        };
        let choice = match &f.kind {
            FieldKind::Choice(opts) => Some(opts.len().max(1)),
            FieldKind::Check => Some(2),
            _ => None,
        };
        match (action, choice) {
            (Action::AddRow, _) => self.add_row(),
            (Action::DeleteRow, _) => self.delete_row(),
            (Action::RowUp, _) => self.move_row(true),
            (Action::RowDown, _) => self.move_row(false),
            (Action::RowKind, _) => self.cycle_row(),
            (Action::Up, _) => self.up(),
            (Action::Down, _) => self.down(),
            (Action::Open, _) => self.enter(),
            (Action::NextField, _) => self.next_field(),
            (Action::PrevField, _) => self.prev_field(),
            // Space ticks a yes/no field; other text has no place in a choice.
            (Action::Insert(' '), Some(2)) if f.kind == FieldKind::Check => self.turn(1),
            (Action::Insert(_) | Action::Paste(_), Some(_)) => {}
            (Action::Backspace | Action::DeleteForward | Action::Home | Action::End, Some(_)) => {}
            (Action::Left, Some(n)) => self.turn(n - 1),
            (Action::Right, Some(_)) => self.turn(1),
            // An empty picker's backspace takes back the last pick.
            (Action::Backspace, None) if f.ref_kind().is_some() && f.input.is_empty() => {
                if f.picked.pop().is_some() {
                    self.dirty = true;
                }
            }
            _ => match f.input.apply(action) {
                Applied::Edited => {
                    f.error = None;
                    self.dirty = true;
                    self.refresh_candidates(data);
                }
                Applied::Moved => {}
                Applied::Ignored => return false,
            },
        }
        // A meeting's rows follow its people, cluster and year.
        super::reshape(self, data);
        // Switching a ballot's question shows that question's counts.
        if matches!(action, Action::Left | Action::Right)
            && matches!(self.target, Target::Ballot(..))
            && self.current().is_some_and(|f| f.key == "question")
        {
            super::refill_ballot(self, data);
        }
        true
    }

    /// Turns the focused choice by `by` options (a yes/no field flips).
    fn turn(&mut self, by: usize) {
        let Some(f) = self.current_mut() else { return };
        let n = match &f.kind {
            FieldKind::Choice(opts) => opts.len().max(1),
            _ => 2,
        };
        f.choice = (f.choice.min(n - 1) + by) % n;
        self.dirty = true;
    }

    /// ↑ moves through a picker's candidates; elsewhere to the field before.
    fn up(&mut self) {
        match self.current_mut() {
            Some(f) if !f.candidates.is_empty() => f.candidate = f.candidate.saturating_sub(1),
            _ => self.prev_field(),
        }
    }

    /// ↓ moves through a picker's candidates; elsewhere to the next field.
    fn down(&mut self) {
        match self.current_mut() {
            Some(f) if !f.candidates.is_empty() => {
                f.candidate = (f.candidate + 1).min(f.candidates.len() - 1);
            }
            _ => self.next_field(),
        }
    }

    /// Enter: picks the highlighted candidate; elsewhere goes to the next field.
    fn enter(&mut self) {
        let Some(f) = self.current_mut() else { return };
        if let Some((id, _)) = f.candidates.get(f.candidate).cloned() {
            match f.kind {
                FieldKind::Ref(_) => f.picked = vec![id],
                _ => {
                    if !f.picked.contains(&id) {
                        f.picked.push(id);
                    }
                }
            }
            f.input.set("");
            f.candidates.clear();
            f.candidate = 0;
            f.error = None;
            self.dirty = true;
            return;
        }
        self.next_field();
    }

    /// Closes the focused picker's list of candidates, keeping its search
    /// text; says whether there was a list to close.
    pub fn close_candidates(&mut self) -> bool {
        match self.current_mut() {
            Some(f) if !f.candidates.is_empty() => {
                f.candidates.clear();
                f.candidate = 0;
                true
            }
            _ => false,
        }
    }

    /// Picks a record in a picker before the user types (a new award's
    /// school).
    pub fn preset(&mut self, key: &str, id: u64) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.key == key) {
            f.picked = vec![id];
        }
    }

    /// Picks a record in a picker that has none picked.
    pub fn preset_if_empty(&mut self, key: &str, id: u64) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.key == key)
            && f.picked.is_empty()
        {
            f.picked = vec![id];
        }
    }

    /// Marks the field a refusal concerns (for a ballot's votes, the row
    /// of the candidate `about`), so the reason shows beside it.
    pub fn mark(&mut self, key: &str, about: Option<u64>, why: String) {
        if let Some(f) = self
            .fields
            .iter_mut()
            .find(|f| f.key == key && (about.is_none() || f.about == about))
        {
            f.error = Some(why);
        }
    }
}
