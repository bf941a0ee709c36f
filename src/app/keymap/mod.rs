//! The keymap as data: one table of (context, key, action). The key bar and
//! the help overlay are generated from the same table, so they cannot
//! disagree with what the keys do. A user file can add or replace bindings.

mod defaults;
mod key;

pub use key::Key;

use super::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

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
    /// The criteria-table form (over the form's keys).
    Table,
    /// The Academy's year.
    Year,
}

impl Context {
    /// Every context, in help order.
    pub const ALL: [Context; 16] = [
        Context::Global,
        Context::List,
        Context::Detail,
        Context::Grid,
        Context::Cell,
        Context::Prompt,
        Context::History,
        Context::Year,
        Context::Filter,
        Context::Palette,
        Context::Form,
        Context::Table,
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
            Context::Table => "table",
            Context::Year => "year",
        }
    }

    fn from_name(s: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == s)
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

/// A keymap file line that could not be used. Its `Display` is English,
/// for logs; `explain::failures::keymap` says it in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}, line {line}: {problem}")]
pub struct KeymapError {
    /// The file.
    pub path: String,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub problem: KeymapProblem,
}

/// What is wrong with a keymap file line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeymapProblem {
    /// Not three words.
    #[error("expected `CONTEXT KEY ACTION`, found `{0}`")]
    Shape(String),
    /// An unknown context, with the known ones.
    #[error("unknown context `{0}` (one of: {1})")]
    Context(String, String),
    /// An unknown key.
    #[error("unknown key `{0}`")]
    Key(String),
    /// An unknown action.
    #[error("unknown action `{0}`")]
    Action(String),
}

impl KeymapError {
    /// The problem, its file and line in the user's language.
    pub fn explain(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::{Msg, trf};
        let what = match &self.problem {
            KeymapProblem::Shape(line) => trf(lang, Msg::KeymapShape, &[line]),
            KeymapProblem::Context(ctx, known) => trf(lang, Msg::KeymapContext, &[ctx, known]),
            KeymapProblem::Key(key) => trf(lang, Msg::KeymapKey, &[key]),
            KeymapProblem::Action(action) => trf(lang, Msg::KeymapAction, &[action]),
        };
        trf(lang, Msg::KeymapAt, &[&self.path, &self.line, &what])
    }
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
            let err = |problem: KeymapProblem| KeymapError {
                path: path.to_string(),
                line: i + 1,
                problem,
            };
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let parts: Vec<&str> = line.split_whitespace().collect();
            let [ctx, key, action] = parts.as_slice() else {
                return Err(err(KeymapProblem::Shape(line.to_string())));
            };
            let context = Context::from_name(ctx).ok_or_else(|| {
                err(KeymapProblem::Context(
                    ctx.to_string(),
                    Context::ALL.map(Context::name).join(", "),
                ))
            })?;
            let key = Key::parse(key).ok_or_else(|| err(KeymapProblem::Key(key.to_string())))?;
            next.retain(|b| !(b.context == context && b.key == key));
            if *action == "none" {
                continue;
            }
            let action = Action::from_name(action)
                .ok_or_else(|| err(KeymapProblem::Action(action.to_string())))?;
            // Shown in the bar if the action is shown there by default or
            // was before this file, whatever order its lines come in.
            let in_bar = self
                .bindings
                .iter()
                .chain(next.iter())
                .any(|b| b.context == context && b.action == action && b.in_bar);
            next.push(defaults::b(context, key, action, in_bar));
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
