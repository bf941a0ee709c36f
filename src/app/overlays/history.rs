//! The history overlay: one record's changes from the audit log.

use crate::app::{Action, App};
use crate::i18n::Msg;

/// The history overlay: lines already rendered as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryView {
    /// Whose history.
    pub title: String,
    /// One line per change and per changed field.
    pub lines: Vec<String>,
    /// Scroll.
    pub scroll: usize,
}

impl App {
    /// Opens the history of the record under the selection.
    pub(crate) fn open_history(&mut self) {
        let Some((kind, id)) = self.target_record() else {
            return;
        };
        match self.store.audit_of(kind, id) {
            Ok(entries) => {
                let mut lines = super::history_lines::lines(&entries, &self.data);
                if lines.is_empty() {
                    lines.push(self.t(Msg::NoHistoryEntries).to_string());
                }
                let title = format!(
                    "{} · {}",
                    self.t(Msg::HistoryTitle),
                    self.data.record_name(kind, id, self.settings.lang)
                );
                self.open(super::Overlay::History(HistoryView {
                    title,
                    lines,
                    scroll: 0,
                }));
            }
            Err(e) => self.error(self.explain(&e)),
        }
    }

    pub(super) fn update_history(
        &mut self,
        mut h: HistoryView,
        action: Action,
    ) -> Option<HistoryView> {
        let last = h.lines.len().saturating_sub(1);
        match action {
            Action::Back => return None,
            Action::Up => h.scroll = h.scroll.saturating_sub(1),
            Action::Down => h.scroll = (h.scroll + 1).min(last),
            Action::PageUp => h.scroll = h.scroll.saturating_sub(10),
            Action::PageDown => h.scroll = (h.scroll + 10).min(last),
            _ => {}
        }
        Some(h)
    }
}
