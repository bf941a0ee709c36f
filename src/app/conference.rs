//! State of the conference workflow in the Bảng điểm pane: which score the
//! grid shows, the score being typed, an amendment in progress, one-line
//! prompts and the history overlay.

use super::input::TextInput;
use crate::i18n::Msg;

/// Which score the grid shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SheetView {
    /// The cluster's agreed score (cụm chấm), which decides the ranking.
    #[default]
    Cluster,
    /// The school's own score (tự chấm).
    SelfScore,
    /// Self minus cluster, read-only: where a dispute will be.
    Diff,
}

impl SheetView {
    /// The next view.
    pub fn next(self) -> SheetView {
        match self {
            SheetView::Cluster => SheetView::SelfScore,
            SheetView::SelfScore => SheetView::Diff,
            SheetView::Diff => SheetView::Cluster,
        }
    }

    /// The score a view enters; the difference view shows the cluster's.
    pub fn which(self) -> crate::domain::scoring::Which {
        match self {
            SheetView::SelfScore => crate::domain::scoring::Which::SelfScore,
            _ => crate::domain::scoring::Which::Cluster,
        }
    }

    /// Its name.
    pub fn label(self) -> Msg {
        match self {
            SheetView::Cluster => Msg::ViewCluster,
            SheetView::SelfScore => Msg::ViewSelf,
            SheetView::Diff => Msg::ViewDiff,
        }
    }
}

/// The grid's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SheetUi {
    /// The score shown.
    pub view: SheetView,
    /// The score being typed into the cursor's cell.
    pub edit: Option<TextInput>,
    /// The cell's value when typing began: the save is refused if the
    /// stored value is no longer this one (someone else saved meanwhile).
    pub seen: Option<crate::domain::Points>,
    /// The reason of the amendment in progress on a locked sheet.
    pub amending: Option<String>,
}

/// What a prompt's answer is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptFor {
    /// The reason for amending a locked sheet.
    AmendReason,
    /// The file to export the sheet to.
    ExportFile,
}

/// A one-line question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    /// The question.
    pub title: Msg,
    /// The answer being typed.
    pub input: TextInput,
    /// What the answer is for.
    pub purpose: PromptFor,
    /// Why the last answer was refused.
    pub error: Option<String>,
}

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
