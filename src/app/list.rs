//! A pane's list: its rows, the filter typed over them, the selection and
//! the scroll position.

use super::data::Row;
use super::input::TextInput;
use crate::domain::search::match_quality;
use crate::text;
use std::sync::Arc;

/// The state of one pane's list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListState {
    /// Every row, in the current sort order: shared with every session
    /// showing the same snapshot (see `Data::list_rows`).
    pub rows: Arc<[Row]>,
    /// Indices into `rows` that pass the filter, in order.
    pub visible: Vec<usize>,
    /// The selected position within `visible`.
    pub selected: usize,
    /// The first visible position shown (scroll).
    pub offset: usize,
    /// The filter text.
    pub filter: TextInput,
    /// Whether the filter line has the keyboard.
    pub filtering: bool,
    /// Whether the alternative sort order is on.
    pub sorted_alt: bool,
    /// The filter text `visible` was computed for, so a key that leaves
    /// the filter as it was (refused at its limit, a caret move) costs no
    /// pass over the rows.
    applied: Option<String>,
}

impl ListState {
    /// Replaces the rows (after a reload or a sort), keeping the selected
    /// record selected when it is still there.
    pub fn set_rows(&mut self, rows: impl Into<Arc<[Row]>>) {
        let rows = rows.into();
        if Arc::ptr_eq(&rows, &self.rows) {
            return;
        }
        let keep = self.selected_id();
        self.rows = rows;
        self.applied = None;
        self.apply_filter();
        if let Some(id) = keep {
            self.select_id(id);
        }
    }

    /// Recomputes which rows pass the filter (accent-insensitive).
    pub fn apply_filter(&mut self) {
        if self.applied.as_deref() == Some(self.filter.text()) {
            return;
        }
        self.applied = Some(self.filter.text().to_string());
        let keep = self.selected_id();
        let q = text::fold(self.filter.text());
        self.visible = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| q.is_empty() || match_quality(&q, &r.search).is_some())
            .map(|(i, _)| i)
            .collect();
        let rows = &self.rows;
        let still = keep.and_then(|id| {
            self.visible
                .iter()
                .position(|i| rows.get(*i).is_some_and(|r| r.id == id))
        });
        self.selected = still
            .unwrap_or(self.selected)
            .min(self.visible.len().saturating_sub(1));
        self.offset = self.offset.min(self.selected);
    }

    /// The selected row.
    pub fn selected_row(&self) -> Option<&Row> {
        self.visible
            .get(self.selected)
            .and_then(|i| self.rows.get(*i))
    }

    /// The selected record id.
    pub fn selected_id(&self) -> Option<u64> {
        self.selected_row().map(|r| r.id)
    }

    /// Selects the row of a record, clearing the filter if it hides it.
    pub fn select_id(&mut self, id: u64) -> bool {
        if !self
            .visible
            .iter()
            .any(|i| self.rows.get(*i).is_some_and(|r| r.id == id))
        {
            if !self.rows.iter().any(|r| r.id == id) {
                return false;
            }
            self.filter.set("");
            self.apply_filter();
        }
        match self
            .visible
            .iter()
            .position(|i| self.rows.get(*i).is_some_and(|r| r.id == id))
        {
            Some(p) => {
                self.selected = p;
                true
            }
            None => false,
        }
    }

    /// Moves the selection by `delta` rows, clamped, and scrolls so it stays
    /// within `height` rows.
    pub fn move_by(&mut self, delta: isize, height: usize) {
        let last = self.visible.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.scroll_into_view(height);
    }

    /// Selects the first or last row.
    pub fn jump(&mut self, to_end: bool, height: usize) {
        self.selected = if to_end {
            self.visible.len().saturating_sub(1)
        } else {
            0
        };
        self.scroll_into_view(height);
    }

    /// Keeps the selection inside the window of `height` rows. A selection
    /// that leaves the window brings it half a page along, not one row:
    /// every scroll rewrites the whole list on the terminal, so scrolling
    /// once every half page writes far fewer bytes (and over SSH, packets)
    /// than scrolling at every move, and shows more of what comes next.
    pub fn scroll_into_view(&mut self, height: usize) {
        let height = height.max(1);
        let last_top = self.visible.len().saturating_sub(height);
        if self.selected < self.offset {
            self.offset = self.selected.saturating_sub(height / 2);
        } else if self.selected >= self.offset + height {
            self.offset = (self.selected + 1 + height / 2)
                .saturating_sub(height)
                .min(last_top)
                .max(self.selected + 1 - height);
        }
    }
}
