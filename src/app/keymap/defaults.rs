//! The default table of bindings: every key of every context.

use super::{Binding, Context, Key, Keymap};
use crate::app::{Action, Pane};
use crossterm::event::KeyCode;

pub(super) fn b(context: Context, key: Key, action: Action, in_bar: bool) -> Binding {
    Binding {
        context,
        key,
        action,
        in_bar,
    }
}

impl Default for Keymap {
    fn default() -> Keymap {
        use Context::*;
        use KeyCode as K;
        let p = Key::plain;
        let c = Key::ch;
        let bindings = vec![
            // Anywhere outside text entry.
            b(Global, c('q'), Action::Quit, true),
            b(Global, Key::ctrl('c'), Action::Quit, false),
            b(Global, c('?'), Action::Help, true),
            b(Global, p(K::Tab), Action::NextPane, false),
            b(Global, p(K::BackTab), Action::PrevPane, false),
            b(Global, c('1'), Action::GoPane(Pane::Schools), false),
            b(Global, c('2'), Action::GoPane(Pane::Clusters), false),
            b(Global, c('3'), Action::GoPane(Pane::Meetings), false),
            b(Global, c('4'), Action::GoPane(Pane::Sheets), false),
            b(Global, c('5'), Action::GoPane(Pane::People), false),
            b(Global, c(':'), Action::Palette, true),
            b(Global, Key::ctrl('k'), Action::Palette, false),
            b(Global, c('u'), Action::Undo, false),
            b(Global, Key::ctrl('r'), Action::Redo, false),
            b(Global, p(K::F(2)), Action::ToggleLang, false),
            b(Global, p(K::F(3)), Action::CycleTheme, false),
            b(Global, p(K::Up), Action::Up, false),
            b(Global, c('k'), Action::Up, false),
            b(Global, p(K::Down), Action::Down, false),
            b(Global, c('j'), Action::Down, false),
            b(Global, p(K::Left), Action::Left, false),
            b(Global, c('h'), Action::Left, false),
            b(Global, p(K::Right), Action::Right, false),
            b(Global, c('l'), Action::Right, false),
            b(Global, p(K::PageUp), Action::PageUp, false),
            b(Global, p(K::PageDown), Action::PageDown, false),
            b(Global, p(K::Home), Action::Home, false),
            b(Global, p(K::End), Action::End, false),
            b(Global, c('y'), Action::Copy, false),
            b(Global, c('Y'), Action::AcademyYear, false),
            // A list.
            b(List, c('/'), Action::Filter, true),
            b(List, p(K::Enter), Action::Open, true),
            b(List, c('n'), Action::New, true),
            b(List, c('e'), Action::Edit, true),
            b(List, c('d'), Action::Delete, true),
            b(List, c('s'), Action::Sort, false),
            b(List, p(K::Esc), Action::Back, false),
            b(List, c('H'), Action::History, false),
            // The score grid.
            b(Grid, p(K::Enter), Action::Open, true),
            b(Grid, c('v'), Action::CycleView, true),
            b(Grid, p(K::Delete), Action::ClearCell, false),
            b(Grid, c('b'), Action::Ballots, true),
            b(Grid, c('o'), Action::Outcomes, true),
            b(Grid, c('L'), Action::Lock, true),
            b(Grid, c('a'), Action::Amend, false),
            b(Grid, c('x'), Action::Export, true),
            b(Grid, c('f'), Action::ExportForms, false),
            b(Grid, c('i'), Action::ImportForms, false),
            b(Grid, c('H'), Action::History, false),
            b(Grid, c('t'), Action::Criteria, false),
            b(Grid, c('T'), Action::NewCriteria, false),
            b(Grid, c('m'), Action::Members, false),
            b(Grid, p(K::Esc), Action::Back, true),
            // Typing a score.
            b(Cell, p(K::Enter), Action::Open, true),
            b(Cell, p(K::Tab), Action::NextField, true),
            b(Cell, p(K::BackTab), Action::PrevField, false),
            b(Cell, p(K::Esc), Action::Back, true),
            b(Cell, p(K::Up), Action::Up, false),
            b(Cell, p(K::Down), Action::Down, false),
            // A one-line question.
            b(Prompt, p(K::Enter), Action::Open, true),
            b(Prompt, p(K::Esc), Action::Back, true),
            b(Prompt, p(K::Up), Action::Up, false),
            b(Prompt, p(K::Down), Action::Down, false),
            // A record's history.
            b(History, p(K::Esc), Action::Back, true),
            b(History, c('q'), Action::Back, false),
            b(History, p(K::Up), Action::Up, false),
            b(History, p(K::Down), Action::Down, false),
            b(History, p(K::PageUp), Action::PageUp, false),
            b(History, p(K::PageDown), Action::PageDown, false),
            // The Academy's year: mark proposals, decide them at once.
            b(Year, c(' '), Action::Mark, true),
            b(Year, c('D'), Action::Decide, true),
            b(Year, p(K::Enter), Action::Decide, false),
            b(Year, p(K::Esc), Action::Back, true),
            b(Year, c('q'), Action::Back, false),
            b(Year, p(K::Up), Action::Up, false),
            b(Year, c('k'), Action::Up, false),
            b(Year, p(K::Down), Action::Down, false),
            b(Year, c('j'), Action::Down, false),
            b(Year, p(K::Left), Action::Left, false),
            b(Year, c('h'), Action::Left, false),
            b(Year, p(K::Right), Action::Right, false),
            b(Year, c('l'), Action::Right, false),
            b(Year, p(K::PageUp), Action::PageUp, false),
            b(Year, p(K::PageDown), Action::PageDown, false),
            b(Year, p(K::Home), Action::Home, false),
            b(Year, p(K::End), Action::End, false),
            // A focused detail.
            b(Detail, p(K::Esc), Action::Back, true),
            b(Detail, c('n'), Action::New, true),
            b(Detail, c('e'), Action::Edit, true),
            b(Detail, c('d'), Action::Delete, true),
            b(Detail, c('H'), Action::History, false),
            // Typing the filter.
            b(Filter, p(K::Enter), Action::Open, true),
            b(Filter, p(K::Esc), Action::Back, true),
            b(Filter, p(K::Up), Action::Up, false),
            b(Filter, p(K::Down), Action::Down, false),
            b(Filter, Key::ctrl('c'), Action::Back, false),
            // The palette.
            b(Palette, p(K::Enter), Action::Open, true),
            b(Palette, p(K::Esc), Action::Back, true),
            b(Palette, p(K::Up), Action::Up, false),
            b(Palette, p(K::Down), Action::Down, false),
            b(Palette, Key::ctrl('c'), Action::Back, false),
            // A form.
            b(Form, Key::ctrl('s'), Action::Save, true),
            b(Form, p(K::Tab), Action::NextField, true),
            b(Form, p(K::BackTab), Action::PrevField, true),
            b(Form, p(K::Esc), Action::Back, true),
            b(Form, p(K::Enter), Action::Open, false),
            b(Form, p(K::Up), Action::Up, false),
            // ←/→ change a choice; in a text field the Text context has them first.
            b(Form, p(K::Left), Action::Left, false),
            b(Form, p(K::Right), Action::Right, false),
            b(Form, p(K::Down), Action::Down, false),
            // The criteria-table form's rows and sources.
            b(Table, Key::ctrl('n'), Action::AddRow, true),
            b(Table, Key::ctrl('d'), Action::DeleteRow, false),
            b(Table, Key::ctrl('t'), Action::RowKind, false),
            b(Table, Key::alt(K::Up), Action::RowUp, false),
            b(Table, Key::alt(K::Down), Action::RowDown, false),
            b(Table, Key::ctrl('l'), Action::CopyTable, true),
            b(Table, Key::ctrl('o'), Action::ImportTable, true),
            // Leaving with a form open asks first.
            b(Form, Key::ctrl('c'), Action::Quit, false),
            // Editing text, in any field.
            b(Text, p(K::Left), Action::Left, false),
            b(Text, p(K::Right), Action::Right, false),
            b(Text, p(K::Home), Action::Home, false),
            b(Text, p(K::End), Action::End, false),
            b(Text, p(K::Backspace), Action::Backspace, false),
            b(Text, p(K::Delete), Action::DeleteForward, false),
            // Leaving while typing (a form, a cell, a prompt) asks first.
            b(Text, Key::ctrl('c'), Action::Quit, false),
            // A question.
            b(Confirm, c('y'), Action::Yes, true),
            b(Confirm, c('c'), Action::Yes, false),
            b(Confirm, p(K::Enter), Action::Yes, false),
            b(Confirm, c('n'), Action::No, true),
            b(Confirm, c('k'), Action::No, false),
            b(Confirm, p(K::Esc), Action::No, false),
            // A long question (the changes of an import) scrolls.
            b(Confirm, p(K::Up), Action::Up, false),
            b(Confirm, p(K::Down), Action::Down, false),
            b(Confirm, p(K::PageUp), Action::PageUp, false),
            b(Confirm, p(K::PageDown), Action::PageDown, false),
            // A question over unsaved typing: no letter answers it.
            b(Unsaved, p(K::Enter), Action::Yes, true),
            b(Unsaved, Key::ctrl('c'), Action::Yes, false),
            b(Unsaved, p(K::Esc), Action::No, true),
            // Help.
            b(Help, p(K::Esc), Action::Back, true),
            b(Help, c('?'), Action::Back, false),
            b(Help, c('q'), Action::Back, false),
            b(Help, p(K::Up), Action::Up, false),
            b(Help, p(K::Down), Action::Down, false),
            b(Help, p(K::PageUp), Action::PageUp, false),
            b(Help, p(K::PageDown), Action::PageDown, false),
        ];
        Keymap { bindings }
    }
}
