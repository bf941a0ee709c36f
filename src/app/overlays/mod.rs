//! The overlays, kept as a stack: the top one has the keys and is drawn
//! last. One enum instead of an `Option` per overlay, so "a question over a
//! form" is a stack of two, and two questions at once cannot be written.

mod confirm;
mod form;
mod help;
mod history;
pub mod history_lines;
pub mod palette;
mod prompt;
mod table;
mod year;
pub mod year_lines;

pub use confirm::{Confirm, OnYes};
pub use help::{Help, HelpRow, rows as help_rows};
pub use history::HistoryView;
pub use palette::Palette;
pub use prompt::{Prompt, PromptFor};
pub use year::{DecideForm, YearView};

use super::form::Form;
use super::{Action, App, Mode};

/// Something drawn over the panes that takes the keys while it is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// Search everything by name.
    Palette(Palette),
    /// A record's history.
    History(HistoryView),
    /// A form.
    Form(Box<Form>),
    /// A one-line question.
    Prompt(Prompt),
    /// A yes/no question.
    Confirm(Confirm),
    /// The keys.
    Help(Help),
    /// The Academy's year.
    Year(YearView),
}

impl Overlay {
    /// What the app is doing while this overlay is on top.
    pub fn mode(&self) -> Mode {
        match self {
            Overlay::Palette(_) => Mode::Palette,
            Overlay::History(_) => Mode::History,
            Overlay::Form(_) => Mode::Form,
            Overlay::Prompt(_) => Mode::Prompt,
            Overlay::Confirm(_) => Mode::Confirm,
            Overlay::Help(_) => Mode::Help,
            Overlay::Year(_) => Mode::Year,
        }
    }
}

/// The open overlays, bottom first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stack(Vec<Overlay>);

impl Stack {
    /// Every overlay, bottom first.
    pub fn all(&self) -> &[Overlay] {
        &self.0
    }

    /// The overlay on top.
    pub fn top(&self) -> Option<&Overlay> {
        self.0.last()
    }

    /// The overlay on top, to change it.
    pub fn top_mut(&mut self) -> Option<&mut Overlay> {
        self.0.last_mut()
    }

    /// Opens an overlay on top.
    pub fn push(&mut self, o: Overlay) {
        self.0.push(o);
    }

    /// Closes the overlay on top.
    pub fn pop(&mut self) -> Option<Overlay> {
        self.0.pop()
    }
}

/// Finds the top-most overlay of one kind.
macro_rules! find {
    ($stack:expr, $variant:ident) => {
        $stack.iter().rev().find_map(|o| match o {
            Overlay::$variant(x) => Some(x),
            _ => None,
        })
    };
}

impl App {
    /// The open form, if any.
    pub fn form(&self) -> Option<&Form> {
        find!(self.overlays.0, Form).map(|f| &**f)
    }

    /// The open question, if any.
    pub fn confirm(&self) -> Option<&Confirm> {
        find!(self.overlays.0, Confirm)
    }

    /// The open palette, if any.
    pub fn palette(&self) -> Option<&Palette> {
        find!(self.overlays.0, Palette)
    }

    /// The open one-line question, if any.
    pub fn prompt(&self) -> Option<&Prompt> {
        find!(self.overlays.0, Prompt)
    }

    /// The open history, if any.
    pub fn history(&self) -> Option<&HistoryView> {
        find!(self.overlays.0, History)
    }

    /// The open Academy's year, if any.
    pub fn year_view(&self) -> Option<&YearView> {
        find!(self.overlays.0, Year)
    }

    /// The open help, if any.
    pub fn help(&self) -> Option<&Help> {
        find!(self.overlays.0, Help)
    }

    /// Opens an overlay on top of whatever is open.
    pub(crate) fn open(&mut self, o: Overlay) {
        self.overlays.push(o);
    }

    /// Asks a yes/no question over whatever is open.
    pub(crate) fn ask(&mut self, question: String, on_yes: OnYes) {
        self.open(Overlay::Confirm(Confirm {
            question,
            on_yes,
            scroll: 0,
        }));
    }

    /// Closes every form on the stack (after it was saved or discarded).
    pub(crate) fn close_forms(&mut self) {
        self.overlays.0.retain(|o| !matches!(o, Overlay::Form(_)));
    }

    /// The overlay on top, if any.
    pub fn top_overlay(&self) -> Option<&Overlay> {
        self.overlays.top()
    }

    /// Hands an action to the overlay on top: it is taken off the stack,
    /// updated, and put back unless the update closed it. Returns false
    /// when nothing is open.
    pub(crate) fn update_overlay(&mut self, action: Action) -> bool {
        let Some(top) = self.overlays.pop() else {
            return false;
        };
        let below = self.overlays.0.len();
        let keep = match top {
            Overlay::Help(h) => self.update_help(h, action).map(Overlay::Help),
            Overlay::Confirm(c) => self.update_confirm(c, action).map(Overlay::Confirm),
            Overlay::Form(f) => self.update_form(f, action).map(Overlay::Form),
            Overlay::Palette(p) => self.update_palette(p, action).map(Overlay::Palette),
            Overlay::Prompt(p) => self.update_prompt(p, action).map(Overlay::Prompt),
            Overlay::History(h) => self.update_history(h, action).map(Overlay::History),
            Overlay::Year(v) => self.update_year(v, action).map(Overlay::Year),
        };
        if let Some(o) = keep {
            // Back where it was: under anything its update opened (a question).
            let at = below.min(self.overlays.0.len());
            self.overlays.0.insert(at, o);
        }
        true
    }
}
