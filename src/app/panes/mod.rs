//! The panes, switched with 1–5 and Tab. Each pane owns its list and
//! detail state ([`PaneState`]); the keys of a list and a detail are in
//! `browse.rs`, the detail views of each pane in a file named for it, and
//! the score grid in `sheet/`.

mod browse;
pub mod clusters;
mod detail;
pub mod meetings;
pub mod people;
mod records;
pub mod schools;
pub mod sheet;

pub use detail::DetailState;

use super::list::ListState;
use super::{App, Focus, layout};
use crate::i18n::Msg;
use crate::store::Kind;

/// What one pane keeps while the user is elsewhere: its list (rows,
/// filter, selection, scroll) and its detail (selected item, scroll).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaneState {
    /// The list.
    pub list: ListState,
    /// The detail.
    pub detail: DetailState,
}

/// A pane of the main screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Pane {
    /// Trường: schools.
    #[default]
    Schools,
    /// Cụm & lịch sử: clusters and their history.
    Clusters,
    /// Hội nghị: meetings.
    Meetings,
    /// Bảng điểm: score sheets.
    Sheets,
    /// Người: people.
    People,
}

impl Pane {
    /// Every pane in tab order.
    pub const ALL: [Pane; 5] = [
        Pane::Schools,
        Pane::Clusters,
        Pane::Meetings,
        Pane::Sheets,
        Pane::People,
    ];

    /// Its place in [`Pane::ALL`].
    pub fn index(self) -> usize {
        match self {
            Pane::Schools => 0,
            Pane::Clusters => 1,
            Pane::Meetings => 2,
            Pane::Sheets => 3,
            Pane::People => 4,
        }
    }

    /// The kind of record the pane lists.
    pub fn kind(self) -> Kind {
        match self {
            Pane::Schools => Kind::School,
            Pane::Clusters => Kind::Cluster,
            Pane::Meetings => Kind::Meeting,
            Pane::Sheets => Kind::Sheet,
            Pane::People => Kind::Person,
        }
    }

    /// The pane that shows a kind of record: in its list, or in the detail
    /// of the record it belongs to (a term in its cluster, an award in its
    /// school, a ballot or table with the sheets).
    pub fn showing(kind: Kind) -> Pane {
        match kind {
            Kind::School | Kind::Award => Pane::Schools,
            Kind::Cluster | Kind::Term => Pane::Clusters,
            Kind::Meeting => Pane::Meetings,
            Kind::Sheet | Kind::Table | Kind::Ballot => Pane::Sheets,
            Kind::Person => Pane::People,
        }
    }

    /// The tab title.
    pub fn title(self) -> Msg {
        match self {
            Pane::Schools => Msg::PaneSchools,
            Pane::Clusters => Msg::PaneClusters,
            Pane::Meetings => Msg::PaneMeetings,
            Pane::Sheets => Msg::PaneSheets,
            Pane::People => Msg::PanePeople,
        }
    }

    /// The pane after this one, wrapping.
    pub fn next(self) -> Pane {
        let i = Pane::ALL.iter().position(|p| *p == self).unwrap_or(0);
        Pane::ALL.get(i + 1).copied().unwrap_or(Pane::Schools)
    }

    /// The pane before this one, wrapping.
    pub fn prev(self) -> Pane {
        let i = Pane::ALL.iter().position(|p| *p == self).unwrap_or(0);
        match i.checked_sub(1) {
            Some(j) => Pane::ALL.get(j).copied().unwrap_or(Pane::People),
            None => Pane::People,
        }
    }
}

impl App {
    /// Shows another pane, as it was left.
    pub(crate) fn go_pane(&mut self, pane: Pane) {
        self.pane = pane;
        self.focus = Focus::List;
        *self.detail_mut() = DetailState::default();
    }

    /// Shows a record in its pane.
    pub fn jump_to(&mut self, kind: Kind, id: u64) {
        self.go_pane(Pane::showing(kind));
        let rows = layout::list_rows(self.size);
        let l = self.list_mut();
        l.filtering = false;
        if l.select_id(id) {
            l.scroll_into_view(rows);
        }
    }
}
