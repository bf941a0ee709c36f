//! The keys of a pane's list and detail, and of the filter typed over the
//! list: moving, opening, switching panes, and the keys every pane shares.

use super::DetailState;
use crate::app::input::Applied;
use crate::app::overlays::{Help, Overlay, Palette};
use crate::app::widgets::detail::text_of;
use crate::app::{Action, App, Focus, Pane, layout};
use crate::i18n::Msg;

impl App {
    /// Hands an action to the pane on screen: the grid or a cell when the
    /// score sheet has the keyboard, the filter while it is typed, else the
    /// list or the detail.
    pub(crate) fn update_pane(&mut self, action: Action) {
        if self.pane == Pane::Sheets && self.focus == Focus::Detail {
            self.update_sheet(action);
        } else if self.list().filtering {
            self.update_filter(action);
        } else {
            self.update_browse(action);
        }
    }

    /// The keys of a list or a detail, and those every pane shares.
    pub(crate) fn update_browse(&mut self, action: Action) {
        let rows = layout::list_rows(self.size);
        let detail = self.focus == Focus::Detail;
        match action {
            Action::Quit => self.ask_quit(),
            Action::Help => self.open(Overlay::Help(Help::default())),
            Action::ToggleLang => {
                self.settings.lang = self.settings.lang.toggled();
                // Some list cells are words (a meeting's kind).
                self.refresh_rows();
            }
            Action::CycleTheme => self.settings.theme = self.settings.theme.next(),
            Action::NextPane => self.go_pane(self.pane.next()),
            Action::PrevPane => self.go_pane(self.pane.prev()),
            Action::GoPane(p) => self.go_pane(p),
            Action::Palette => self.open(Overlay::Palette(Palette::default())),
            Action::Filter if !detail => self.list_mut().filtering = true,
            Action::Undo => self.ask_undo(),
            Action::Redo => self.redo_last(),
            Action::Sort if !detail => {
                let l = self.list_mut();
                l.sorted_alt = !l.sorted_alt;
                self.refresh_rows();
            }
            Action::Open if !detail && self.selected_id().is_some() => {
                self.focus = Focus::Detail;
                *self.detail_mut() = DetailState::default();
                self.sheet_ui.cursor = (0, 0);
            }
            Action::Back if detail => self.focus = Focus::List,
            Action::Back => {
                // Esc in a list clears a kept filter.
                let l = self.list_mut();
                if !l.filter.is_empty() {
                    l.filter.set("");
                    l.apply_filter();
                }
            }
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Home
            | Action::End
            | Action::Left
            | Action::Right
                if detail =>
            {
                self.move_detail(&action);
            }
            Action::Up => self.move_list(-1, rows),
            Action::Down => self.move_list(1, rows),
            Action::PageUp => self.move_list(-(rows as isize), rows),
            Action::PageDown => self.move_list(rows as isize, rows),
            Action::Home => self.list_mut().jump(false, rows),
            Action::End => self.list_mut().jump(true, rows),
            Action::History => self.open_history(),
            Action::AcademyYear => self.open_year(),
            Action::Copy => self.copy_detail(),
            Action::New => self.open_new(),
            Action::Edit => self.open_edit(),
            Action::Delete => self.ask_delete(),
            _ => {}
        }
    }

    /// Puts the selected record's name and detail on the clipboard.
    fn copy_detail(&mut self) {
        match (self.selected_id(), text_of(self)) {
            (Some(id), Some(body)) => {
                let title = self
                    .data
                    .record_name(self.pane.kind(), id, self.settings.lang);
                let text = format!("{title}\n{body}");
                let lines = text.lines().count();
                self.info(format!("{} ({lines})", self.t(Msg::Copied)));
                self.effects.clipboard = Some(text);
            }
            _ => self.info(self.t(Msg::NothingToCopy).to_string()),
        }
    }

    fn move_list(&mut self, delta: isize, rows: usize) {
        self.list_mut().move_by(delta, rows);
        *self.detail_mut() = DetailState::default();
        self.sheet_ui.cursor = (0, 0);
    }

    /// Typing the filter narrows the list at once; Enter keeps it, Esc
    /// clears it.
    fn update_filter(&mut self, action: Action) {
        let rows = layout::list_rows(self.size);
        let l = self.list_mut();
        match l.filter.apply(&action) {
            Applied::Edited => {}
            Applied::Moved => return,
            Applied::Ignored => match action {
                Action::Up => return l.move_by(-1, rows),
                Action::Down => return l.move_by(1, rows),
                Action::Open => {
                    l.filtering = false;
                    return;
                }
                Action::Back => {
                    l.filtering = false;
                    l.filter.set("");
                }
                _ => return,
            },
        }
        l.apply_filter();
        l.scroll_into_view(rows);
    }
}
