//! The keymap as data: one table of (context, key, action). The key bar and
//! the help overlay are generated from the same table, so they cannot
//! disagree with what the keys do. A user file can add or replace bindings.

use super::{Action, Pane};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::fmt;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Lists and details, anywhere no text is being typed.
    Global,
    /// A pane's list.
    List,
    /// A pane's detail, focused.
    Detail,
    /// Any text field (filter, palette, form fields).
    Text,
    /// The filter line.
    Filter,
    /// The palette.
    Palette,
    /// A form.
    Form,
    /// A yes/no question.
    Confirm,
    /// A question that would drop unsaved typing (leave, discard a form):
    /// answered only with keys that are never text.
    Unsaved,
    /// The help overlay.
    Help,
    /// The score grid, focused.
    Grid,
    /// Typing a score into a cell.
    Cell,
    /// A one-line question (a reason, a file name).
    Prompt,
    /// A record's audit history.
    History,
}

impl Context {
    /// Every context, in help order.
    pub const ALL: [Context; 14] = [
        Context::Global,
        Context::List,
        Context::Detail,
        Context::Grid,
        Context::Cell,
        Context::Prompt,
        Context::History,
        Context::Filter,
        Context::Palette,
        Context::Form,
        Context::Text,
        Context::Confirm,
        Context::Unsaved,
        Context::Help,
    ];

    /// The name used in keymap files.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::List => "list",
            Context::Detail => "detail",
            Context::Text => "text",
            Context::Filter => "filter",
            Context::Palette => "palette",
            Context::Form => "form",
            Context::Confirm => "confirm",
            Context::Unsaved => "unsaved",
            Context::Help => "help",
            Context::Grid => "grid",
            Context::Cell => "cell",
            Context::Prompt => "prompt",
            Context::History => "history",
        }
    }

    fn from_name(s: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == s)
    }
}

/// A key with its modifiers, as bindings name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl and Alt (Shift is part of the character, or of BackTab).
    pub mods: KeyModifiers,
}

impl Key {
    /// A key without modifiers.
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            mods: KeyModifiers::NONE,
        }
    }

    /// A character key.
    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    /// Ctrl plus a character.
    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }

    /// The binding form of a terminal key event: Shift is dropped from
    /// characters (`?` is already shifted) and Shift-Tab is BackTab.
    pub fn from_event(ev: KeyEvent) -> Key {
        let mut mods = ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        let code = match ev.code {
            KeyCode::Tab if ev.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            other => other,
        };
        if code == KeyCode::BackTab {
            mods = KeyModifiers::NONE;
        }
        Key { code, mods }
    }

    /// Parses a key as written in keymap files: `q`, `?`, `ctrl-s`, `alt-x`,
    /// `enter`, `esc`, `tab`, `backtab`, `up`, `pgdn`, `f2`, `space`.
    pub fn parse(s: &str) -> Option<Key> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                mods |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                mods |= KeyModifiers::ALT;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" | "shift-tab" => KeyCode::BackTab,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgup" => KeyCode::PageUp,
            "pgdn" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "backspace" => KeyCode::Backspace,
            "delete" => KeyCode::Delete,
            "space" => KeyCode::Char(' '),
            f if f.len() > 1 && f.starts_with('f') => KeyCode::F(f.get(1..)?.parse().ok()?),
            c => {
                let mut chars = c.chars();
                let ch = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                KeyCode::Char(if mods.contains(KeyModifiers::CONTROL) {
                    ch.to_ascii_lowercase()
                } else {
                    ch
                })
            }
        };
        Some(Key { code, mods })
    }
}

impl fmt::Display for Key {
    /// How the key bar and help show a key: `Ctrl-S`, `Enter`, `q`, `↑`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => {
                write!(f, "{}", c.to_ascii_uppercase())
            }
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::F(n) => write!(f, "F{n}"),
            _ => f.write_str("?"),
        }
    }
}

/// One binding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// Where it applies.
    pub context: Context,
    /// The key.
    pub key: Key,
    /// What it does.
    pub action: Action,
    /// Whether the bottom key bar shows it.
    pub in_bar: bool,
}

/// The keymap: the default table, with any user overrides applied.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

fn b(context: Context, key: Key, action: Action, in_bar: bool) -> Binding {
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
            b(Grid, c('H'), Action::History, false),
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

/// A keymap file line that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}, line {line}: {message}")]
pub struct KeymapError {
    /// The file.
    pub path: String,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl Keymap {
    /// Every binding, in table order.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The action of a key in the first of `contexts` that binds it.
    pub fn lookup(&self, contexts: &[Context], key: Key) -> Option<&Action> {
        contexts.iter().find_map(|ctx| {
            self.bindings
                .iter()
                .find(|b| b.context == *ctx && b.key == key)
                .map(|b| &b.action)
        })
    }

    /// Resolves a terminal key event in the given contexts. Key releases are
    /// ignored; an unbound printable character becomes `Insert` where text is
    /// being typed.
    pub fn resolve(&self, contexts: &[Context], ev: KeyEvent) -> Option<Action> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        let key = Key::from_event(ev);
        if let Some(a) = self.lookup(contexts, key) {
            return Some(a.clone());
        }
        match key.code {
            KeyCode::Char(c)
                if contexts.contains(&Context::Text)
                    && !key.mods.contains(KeyModifiers::CONTROL) =>
            {
                Some(Action::Insert(c))
            }
            _ => None,
        }
    }

    /// The bindings the key bar shows for the given contexts.
    pub fn bar(&self, contexts: &[Context]) -> Vec<&Binding> {
        contexts
            .iter()
            .flat_map(|ctx| {
                self.bindings
                    .iter()
                    .filter(move |b| b.context == *ctx && b.in_bar)
            })
            .collect()
    }

    /// Applies a keymap file. Each non-blank line not starting with `#` is
    /// `CONTEXT KEY ACTION`, e.g. `list x delete` or `global ctrl-q quit`;
    /// `ACTION` may be `none` to remove a binding. A line that cannot be
    /// used is reported with its number and nothing of the file is applied.
    pub fn apply_file(&mut self, path: &str, text: &str) -> Result<(), KeymapError> {
        let mut next = self.bindings.clone();
        for (i, raw) in text.lines().enumerate() {
            let err = |message: String| KeymapError {
                path: path.to_string(),
                line: i + 1,
                message,
            };
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let parts: Vec<&str> = line.split_whitespace().collect();
            let [ctx, key, action] = parts.as_slice() else {
                return Err(err(format!(
                    "expected `CONTEXT KEY ACTION`, found `{line}`"
                )));
            };
            let context = Context::from_name(ctx).ok_or_else(|| {
                err(format!(
                    "unknown context `{ctx}` (one of: {})",
                    Context::ALL.map(Context::name).join(", ")
                ))
            })?;
            let key = Key::parse(key).ok_or_else(|| err(format!("unknown key `{key}`")))?;
            next.retain(|b| !(b.context == context && b.key == key));
            if *action == "none" {
                continue;
            }
            let action = Action::from_name(action)
                .ok_or_else(|| err(format!("unknown action `{action}`")))?;
            // Shown in the bar if the action is shown there by default or
            // was before this file, whatever order its lines come in.
            let in_bar = self
                .bindings
                .iter()
                .chain(next.iter())
                .any(|b| b.context == context && b.action == action && b.in_bar);
            next.push(b(context, key, action, in_bar));
        }
        self.bindings = next;
        Ok(())
    }

    /// The user's keymap file: `keymap.txt` in the config folder.
    pub fn user_file() -> Option<std::path::PathBuf> {
        directories::ProjectDirs::from("vn", "thidua", "thidua")
            .map(|d| d.config_dir().join("keymap.txt"))
    }
}
