//! Named actions. Every key reaches `App::update` as one of these, through
//! the keymap; tests and the SSH server send them the same way.

use super::Pane;

/// Something the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Leave the program.
    Quit,
    /// The next pane.
    NextPane,
    /// The previous pane.
    PrevPane,
    /// A pane by number.
    GoPane(Pane),
    /// Move up one row.
    Up,
    /// Move down one row.
    Down,
    /// Move left (columns, choices).
    Left,
    /// Move right.
    Right,
    /// Up one page.
    PageUp,
    /// Down one page.
    PageDown,
    /// First row.
    Home,
    /// Last row.
    End,
    /// Open the selection (focus the detail, pick, accept).
    Open,
    /// Go back (close, cancel, leave the detail).
    Back,
    /// Filter the current list as you type.
    Filter,
    /// The search-everything palette.
    Palette,
    /// Create a record.
    New,
    /// Edit the selected record.
    Edit,
    /// Delete the selected record (asks first).
    Delete,
    /// Undo the last change made in the pane on screen (asks first).
    Undo,
    /// Reapply what undo took back in the pane on screen.
    Redo,
    /// Change the list's sort order.
    Sort,
    /// Show or hide help.
    Help,
    /// Switch between Vietnamese and English.
    ToggleLang,
    /// Next colour theme.
    CycleTheme,
    /// Next form field.
    NextField,
    /// Previous form field.
    PrevField,
    /// Save the form.
    Save,
    /// Answer yes in a confirmation.
    Yes,
    /// Answer no in a confirmation.
    No,
    /// Score grid: switch between cluster score, self score and difference.
    CycleView,
    /// Score grid: empty the current cell.
    ClearCell,
    /// Lock the score sheet (asks first).
    Lock,
    /// Amend a locked sheet: asks for the reason first.
    Amend,
    /// Ballots of the sheet's cluster and year.
    Ballots,
    /// Create the outcomes: proposals and next year's term.
    Outcomes,
    /// The audit history of the selected record.
    History,
    /// Export the sheet (CSV, XLSX, Markdown, minutes).
    Export,
    /// Write the sheet's score forms, one per member school, into a folder.
    ExportForms,
    /// Read filled score forms into the sheet (shows the changes first).
    ImportForms,
    /// Copy the detail shown to the user's own clipboard (OSC 52).
    Copy,
    /// Criteria form: add a row after the focused one.
    AddRow,
    /// Criteria form: delete the focused row.
    DeleteRow,
    /// Criteria form: move the focused row up.
    RowUp,
    /// Criteria form: move the focused row down.
    RowDown,
    /// Criteria form: change the focused row's kind.
    RowKind,
    /// Criteria form: fill it from the latest earlier table.
    CopyTable,
    /// Criteria form: fill it from a CSV file (asks for the path).
    ImportTable,
    /// The criteria table of the selected sheet, in its form.
    Criteria,
    /// A new criteria table (for the year after the selected sheet's).
    NewCriteria,
    /// Correct the selected sheet's member schools.
    Members,
    /// The Academy's year: every cluster's year, where proposals are decided.
    AcademyYear,
    /// Mark or unmark the proposal under the cursor.
    Mark,
    /// Record one decision on the marked proposals (or the one under the cursor).
    Decide,
    /// Type a character.
    Insert(char),
    /// Paste text.
    Paste(String),
    /// Delete the grapheme before the caret.
    Backspace,
    /// Delete the grapheme after the caret.
    DeleteForward,
    /// The terminal changed size.
    Resize(u16, u16),
    /// Data changed elsewhere (another session): reload.
    Refresh,
}

impl Action {
    /// The name used in keymap files, for actions a key can be bound to.
    pub fn name(&self) -> Option<&'static str> {
        Some(match self {
            Action::Quit => "quit",
            Action::NextPane => "next_pane",
            Action::PrevPane => "prev_pane",
            Action::GoPane(Pane::Schools) => "pane_schools",
            Action::GoPane(Pane::Clusters) => "pane_clusters",
            Action::GoPane(Pane::Meetings) => "pane_meetings",
            Action::GoPane(Pane::Sheets) => "pane_sheets",
            Action::GoPane(Pane::People) => "pane_people",
            Action::Up => "up",
            Action::Down => "down",
            Action::Left => "left",
            Action::Right => "right",
            Action::PageUp => "page_up",
            Action::PageDown => "page_down",
            Action::Home => "home",
            Action::End => "end",
            Action::Open => "open",
            Action::Back => "back",
            Action::Filter => "filter",
            Action::Palette => "palette",
            Action::New => "new",
            Action::Edit => "edit",
            Action::Delete => "delete",
            Action::Undo => "undo",
            Action::Redo => "redo",
            Action::Sort => "sort",
            Action::Help => "help",
            Action::ToggleLang => "toggle_lang",
            Action::CycleTheme => "cycle_theme",
            Action::NextField => "next_field",
            Action::PrevField => "prev_field",
            Action::Save => "save",
            Action::Yes => "yes",
            Action::No => "no",
            Action::Backspace => "backspace",
            Action::DeleteForward => "delete_forward",
            Action::CycleView => "cycle_view",
            Action::ClearCell => "clear_cell",
            Action::Lock => "lock",
            Action::Amend => "amend",
            Action::Ballots => "ballots",
            Action::Outcomes => "outcomes",
            Action::History => "history",
            Action::Export => "export",
            Action::ExportForms => "export_forms",
            Action::ImportForms => "import_forms",
            Action::Copy => "copy",
            Action::AddRow => "add_row",
            Action::DeleteRow => "delete_row",
            Action::RowUp => "row_up",
            Action::RowDown => "row_down",
            Action::RowKind => "row_kind",
            Action::CopyTable => "copy_table",
            Action::ImportTable => "import_table",
            Action::Criteria => "criteria",
            Action::NewCriteria => "new_criteria",
            Action::Members => "members",
            Action::AcademyYear => "academy_year",
            Action::Mark => "mark",
            Action::Decide => "decide",
            Action::Insert(_) | Action::Paste(_) | Action::Resize(..) | Action::Refresh => {
                return None;
            }
        })
    }

    /// The bindable action with a keymap-file name.
    pub fn from_name(name: &str) -> Option<Action> {
        BINDABLE.iter().find(|a| a.name() == Some(name)).cloned()
    }
}

/// Every action a key can be bound to.
pub const BINDABLE: [Action; 60] = [
    Action::Quit,
    Action::NextPane,
    Action::PrevPane,
    Action::GoPane(Pane::Schools),
    Action::GoPane(Pane::Clusters),
    Action::GoPane(Pane::Meetings),
    Action::GoPane(Pane::Sheets),
    Action::GoPane(Pane::People),
    Action::Up,
    Action::Down,
    Action::Left,
    Action::Right,
    Action::PageUp,
    Action::PageDown,
    Action::Home,
    Action::End,
    Action::Open,
    Action::Back,
    Action::Filter,
    Action::Palette,
    Action::New,
    Action::Edit,
    Action::Delete,
    Action::Undo,
    Action::Redo,
    Action::Sort,
    Action::Help,
    Action::ToggleLang,
    Action::CycleTheme,
    Action::NextField,
    Action::PrevField,
    Action::Save,
    Action::Yes,
    Action::No,
    Action::Backspace,
    Action::DeleteForward,
    Action::CycleView,
    Action::ClearCell,
    Action::Lock,
    Action::Amend,
    Action::Ballots,
    Action::Outcomes,
    Action::History,
    Action::Export,
    Action::ExportForms,
    Action::ImportForms,
    Action::Copy,
    Action::AddRow,
    Action::DeleteRow,
    Action::RowUp,
    Action::RowDown,
    Action::RowKind,
    Action::CopyTable,
    Action::ImportTable,
    Action::Criteria,
    Action::NewCriteria,
    Action::Members,
    Action::AcademyYear,
    Action::Mark,
    Action::Decide,
];
