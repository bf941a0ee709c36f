//! What the app is doing, which decides what keys mean: the overlay on
//! top, else where the keyboard is in the pane.

use super::form::Target;
use super::{App, Context, Overlay, Pane};

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
    /// The Academy's year.
    Year,
}

impl App {
    /// What the app is doing now.
    pub fn mode(&self) -> Mode {
        if let Some(o) = self.top_overlay() {
            return o.mode();
        }
        if self.list().filtering {
            Mode::Filter
        } else if self.focus == super::Focus::Detail && self.pane == Pane::Sheets {
            if self.sheet_ui.edit.is_some() {
                Mode::Cell
            } else {
                Mode::Grid
            }
        } else if self.focus == super::Focus::Detail {
            Mode::Detail
        } else {
            Mode::List
        }
    }

    /// The keymap contexts in force, most specific first.
    pub fn contexts(&self) -> Vec<Context> {
        match self.top_overlay() {
            Some(Overlay::Confirm(c)) if c.over_typing() => return vec![Context::Unsaved],
            Some(Overlay::Form(f)) if matches!(f.target, Target::Table(..)) => {
                // The form's own keys first: saving stays in a narrow key bar.
                return if f.current().is_some_and(|f| f.takes_text()) {
                    vec![Context::Text, Context::Form, Context::Table]
                } else {
                    vec![Context::Form, Context::Table]
                };
            }
            Some(Overlay::Form(f)) if f.current().is_some_and(|f| f.takes_text()) => {
                return vec![Context::Text, Context::Form];
            }
            // Typing the decision's number or date.
            Some(Overlay::Year(y)) if y.deciding.is_some() => {
                return vec![Context::Text, Context::Form];
            }
            _ => {}
        }
        match self.mode() {
            Mode::Help => vec![Context::Help],
            Mode::Confirm => vec![Context::Confirm],
            Mode::Form => vec![Context::Form],
            Mode::Palette => vec![Context::Palette, Context::Text],
            Mode::Filter => vec![Context::Filter, Context::Text],
            Mode::Detail => vec![Context::Detail, Context::Global],
            Mode::Grid => vec![Context::Grid, Context::Global],
            Mode::Cell => vec![Context::Cell, Context::Text],
            Mode::Prompt => vec![Context::Prompt, Context::Text],
            Mode::History => vec![Context::History],
            Mode::Year => vec![Context::Year],
            Mode::List => vec![Context::List, Context::Global],
        }
    }
}
