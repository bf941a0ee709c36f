//! The panes, switched with 1–5 and Tab.

use crate::i18n::Msg;

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
