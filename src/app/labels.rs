//! The words for actions and contexts in help and the key bar.

use crate::app::{Action, Context, Pane};
use crate::i18n::Msg;

/// What an action is called.
pub fn action(a: &Action) -> Msg {
    match a {
        Action::Quit => Msg::ActQuit,
        Action::Help => Msg::ActHelp,
        Action::NextPane => Msg::ActNextPane,
        Action::PrevPane => Msg::ActPrevPane,
        Action::GoPane(p) => Pane::title(*p),
        Action::Up => Msg::ActUp,
        Action::Down => Msg::ActDown,
        Action::Left => Msg::ActLeft,
        Action::Right => Msg::ActRight,
        Action::PageUp => Msg::ActPageUp,
        Action::PageDown => Msg::ActPageDown,
        Action::Home => Msg::ActHome,
        Action::End => Msg::ActEnd,
        Action::Open => Msg::ActOpen,
        Action::Back => Msg::ActBack,
        Action::Filter => Msg::ActFilter,
        Action::Palette => Msg::ActPalette,
        Action::New => Msg::ActNew,
        Action::Edit => Msg::ActEdit,
        Action::Delete => Msg::ActDelete,
        Action::Undo => Msg::ActUndo,
        Action::Redo => Msg::ActRedo,
        Action::Sort => Msg::ActSort,
        Action::ToggleLang => Msg::ActLang,
        Action::CycleTheme => Msg::ActTheme,
        Action::NextField => Msg::ActNextField,
        Action::PrevField => Msg::ActPrevField,
        Action::Save => Msg::ActSave,
        Action::Yes => Msg::ActYes,
        Action::No => Msg::ActNo,
        Action::Backspace => Msg::ActBackspace,
        Action::DeleteForward => Msg::ActDeleteForward,
        Action::CycleView => Msg::ActCycleView,
        Action::ClearCell => Msg::ActClearCell,
        Action::Lock => Msg::ActLock,
        Action::Amend => Msg::ActAmend,
        Action::Ballots => Msg::ActBallots,
        Action::Outcomes => Msg::ActOutcomes,
        Action::History => Msg::ActHistory,
        Action::Copy => Msg::ActCopy,
        Action::Export => Msg::ActExport,
        Action::ExportForms => Msg::ActExportForms,
        Action::ImportForms => Msg::ActImportForms,
        Action::AcademyYear => Msg::ActAcademyYear,
        Action::Mark => Msg::ActMark,
        Action::Decide => Msg::ActDecide,
        Action::Insert(_) | Action::Paste(_) | Action::Resize(..) | Action::Refresh => Msg::ActOpen,
    }
}

/// What a context is called.
pub fn context(c: Context) -> Msg {
    match c {
        Context::Global => Msg::CtxGlobal,
        Context::List => Msg::CtxList,
        Context::Detail => Msg::CtxDetail,
        Context::Text => Msg::CtxText,
        Context::Filter => Msg::CtxFilter,
        Context::Palette => Msg::CtxPalette,
        Context::Form => Msg::CtxForm,
        Context::Confirm => Msg::CtxConfirm,
        Context::Unsaved => Msg::CtxUnsaved,
        Context::Help => Msg::CtxHelp,
        Context::Grid => Msg::CtxGrid,
        Context::Cell => Msg::CtxCell,
        Context::Prompt => Msg::CtxPrompt,
        Context::History => Msg::CtxHistory,
        Context::Year => Msg::CtxYear,
    }
}
