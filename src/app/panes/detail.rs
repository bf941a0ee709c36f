//! A pane's detail: which item in it is selected (a cluster's terms, a
//! school's awards), how far it is scrolled, and moving through it.

use crate::app::widgets::detail::max_scroll_of;
use crate::app::{Action, App, Focus, Pane, layout};
use crate::domain::{ClusterId, SchoolId};
use crate::store::Kind;

/// The state of one pane's detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DetailState {
    /// The selected item (terms of a cluster, awards of a school).
    pub selected: usize,
    /// The scroll, in rows, when scrolled freely.
    pub scroll: usize,
    /// Whether the detail follows the selected item (↑/↓) rather than the
    /// free scroll (PgUp/PgDn), so everything in it can be reached.
    pub follow: bool,
}

impl Default for DetailState {
    fn default() -> DetailState {
        DetailState {
            selected: 0,
            scroll: 0,
            follow: true,
        }
    }
}

impl App {
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

    /// Keeps the detail's selection on an item that exists.
    pub(crate) fn clamp_detail(&mut self) {
        let n = self.detail_items().len();
        let d = self.detail_mut();
        d.selected = d.selected.min(n.saturating_sub(1));
    }

    /// The record `e`, `d` and `H` act on: a detail item when the detail
    /// has the keyboard, else the list's selection.
    pub(crate) fn target_record(&self) -> Option<(Kind, u64)> {
        if self.focus == Focus::Detail {
            if let Some(item) = self.detail_items().get(self.detail().selected) {
                return Some(*item);
            }
            if matches!(self.pane, Pane::Clusters | Pane::Schools) {
                return None;
            }
        }
        Some((self.pane.kind(), self.selected_id()?))
    }

    /// Moves within a detail (the score grid has its own keys, `sheet/`).
    pub(super) fn move_detail(&mut self, action: &Action) {
        let n = self.detail_items().len();
        let page = layout::detail_rows(self.size);
        // Measured only for the keys that scroll, and once.
        let end = match action {
            Action::Up | Action::Down if n > 0 => 0,
            Action::Down | Action::PageDown => max_scroll_of(self),
            _ => 0,
        };
        let d = self.detail_mut();
        match action {
            Action::Up | Action::Down if n > 0 => {
                d.follow = true;
                d.selected = match action {
                    Action::Up => d.selected.saturating_sub(1),
                    _ => (d.selected + 1).min(n - 1),
                };
            }
            Action::Up => d.scroll = d.scroll.saturating_sub(1),
            Action::Down => d.scroll = (d.scroll + 1).min(end),
            // Paging scrolls freely, so what lies past the items can be read.
            Action::PageUp | Action::PageDown | Action::Home => {
                if d.follow {
                    d.follow = false;
                    d.scroll = 0;
                }
                // Clamped to the end the view shows, so PgUp moves at once.
                d.scroll = match action {
                    Action::PageUp => d.scroll.saturating_sub(page),
                    Action::PageDown => (d.scroll + page).min(end),
                    _ => 0,
                };
            }
            _ => {}
        }
    }
}
