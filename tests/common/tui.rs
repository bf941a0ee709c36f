//! Drives the real `App` on ratatui's `TestBackend`: keys in, screen text out.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;
use thidua::app::{Action, App, Effects, Keymap, Settings, ThemeName};
use thidua::domain::access::Role;
use thidua::i18n::Lang;
use thidua::store::Store;

/// Sends one key to an app.
pub fn key(app: &mut App, code: KeyCode) -> Effects {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Sends keys to an app, one after another.
pub fn keys(app: &mut App, codes: &[KeyCode]) {
    for c in codes {
        key(app, *c);
    }
}

/// Sends Ctrl plus a character to an app.
pub fn ctrl(app: &mut App, c: char) -> Effects {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// Types text into an app one character at a time, as a keyboard would.
pub fn type_text(app: &mut App, s: &str) -> Effects {
    let mut effects = Effects::default();
    for c in s.chars() {
        effects.merge(key(app, KeyCode::Char(c)));
    }
    effects
}

/// Undoes the last change in the pane on screen: `u`, then yes to the
/// question naming it (there is none when nothing is left to undo).
pub fn undo(app: &mut App) {
    key(app, KeyCode::Char('u'));
    if app.confirm().is_some() {
        key(app, KeyCode::Char('y'));
    }
}

/// An app over a database in a temporary folder, on a test terminal.
pub struct Harness {
    /// Keeps the database folder alive.
    pub dir: tempfile::TempDir,
    /// The store shared with the app.
    pub store: Arc<Store>,
    /// The app under test.
    pub app: App,
    /// The test terminal.
    pub terminal: Terminal<TestBackend>,
    /// What the keys so far asked of the terminal (quit, clipboard).
    pub effects: Effects,
    /// Everything typed or pasted, and the actors' names: the user's words,
    /// which the scan for English in the Vietnamese screen lets through.
    pub typed: Vec<String>,
    /// Whether [`Harness::screen`] scans a Vietnamese screen for English;
    /// off only where a test types random text into the middle of words.
    pub scan: bool,
}

impl Harness {
    /// The demo data set at `w` × `h`.
    pub fn demo(w: u16, h: u16) -> Harness {
        Harness::new(w, h, true)
    }

    /// The demo data set at `w` × `h`, used by `actor` in a role. The role is
    /// chosen from the loaded store, since it names a cluster or school by
    /// id: `Harness::demo_as(80, 24, "thu_ky", |s| Role::Secretary(..))`.
    pub fn demo_as(w: u16, h: u16, actor: &str, role: impl FnOnce(&Store) -> Role) -> Harness {
        let mut harness = Harness::new(w, h, true);
        let role = role(&harness.store);
        harness.app = harness.another_app_as(actor, role);
        harness
    }

    /// A second session on the harness's store, as `thidua serve` runs one
    /// per user: its own app and snapshot, the same settings and screen
    /// size, used by `actor` in the same role.
    pub fn another_app(&self, actor: &str) -> App {
        self.another_app_as(actor, self.app.settings.role.clone())
    }

    /// Like [`Harness::another_app`], in another role.
    pub fn another_app_as(&self, actor: &str, role: Role) -> App {
        let settings = Settings {
            actor: actor.into(),
            role,
            ..self.app.settings.clone()
        };
        let area = self.terminal.backend().buffer().area;
        App::new(
            self.store.clone(),
            Arc::new(Keymap::default()),
            settings,
            (area.width, area.height),
        )
    }

    /// An empty database at `w` × `h`.
    pub fn empty(w: u16, h: u16) -> Harness {
        Harness::new(w, h, false)
    }

    fn new(w: u16, h: u16, demo: bool) -> Harness {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Arc::new(Store::open(&dir.path().join("db")).expect("open"));
        if demo {
            thidua::demo::load(&store).expect("demo");
        }
        let settings = Settings {
            lang: Lang::Vi,
            theme: ThemeName::Dark,
            actor: "tester".into(),
            db_label: "test.db".into(),
            role: Default::default(),
        };
        let app = App::new(store.clone(), Arc::new(Keymap::default()), settings, (w, h));
        let terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        Harness {
            dir,
            store,
            app,
            terminal,
            effects: Effects::default(),
            typed: vec!["tester".into()],
            scan: true,
        }
    }

    /// Sends one key.
    pub fn key(&mut self, code: KeyCode) -> &mut Self {
        self.effects.merge(key(&mut self.app, code));
        self
    }

    /// Closes the open form, dropping its typing: Esc, then Enter for the
    /// question a changed form asks.
    pub fn discard(&mut self) -> &mut Self {
        self.key(KeyCode::Esc);
        if self.app.confirm().is_some() {
            self.key(KeyCode::Enter);
        }
        self
    }

    /// Undoes the last change in the pane on screen, answering yes.
    pub fn undo(&mut self) -> &mut Self {
        undo(&mut self.app);
        self
    }

    /// Sends Ctrl plus a character.
    pub fn ctrl(&mut self, c: char) -> &mut Self {
        self.effects.merge(ctrl(&mut self.app, c));
        self
    }

    /// Types text one character at a time, as a keyboard would.
    pub fn type_text(&mut self, s: &str) -> &mut Self {
        self.typed.push(s.to_string());
        self.effects.merge(type_text(&mut self.app, s));
        self
    }

    /// Moves the open form's focus to the field `key` with Tab only; fails
    /// when the form has no such field.
    pub fn focus_field(&mut self, key: &str) -> &mut Self {
        let n = self.app.form().expect("a form is open").fields.len();
        for _ in 0..=n {
            if self.app.form().and_then(|f| f.current()).map(|f| f.key) == Some(key) {
                return self;
            }
            self.key(KeyCode::Tab);
        }
        panic!("no field {key}");
    }

    /// Empties the focused form field's text.
    pub fn clear_field(&mut self) -> &mut Self {
        self.key(KeyCode::End);
        let n = self
            .app
            .form()
            .and_then(|f| f.current())
            .map_or(0, |f| f.input.len());
        for _ in 0..n {
            self.key(KeyCode::Backspace);
        }
        self
    }

    /// Pastes text (bracketed paste).
    pub fn paste(&mut self, s: &str) -> &mut Self {
        self.typed.push(s.to_string());
        self.effects
            .merge(self.app.update(Action::Paste(s.to_string())));
        self
    }

    /// Sends a named action directly.
    pub fn action(&mut self, a: Action) -> &mut Self {
        self.effects.merge(self.app.update(a));
        self
    }

    /// Resizes the terminal and tells the app.
    pub fn resize(&mut self, w: u16, h: u16) -> &mut Self {
        self.terminal.backend_mut().resize(w, h);
        self.effects.merge(self.app.update(Action::Resize(w, h)));
        self
    }

    /// Draws and returns the screen as text, one line per row, trailing
    /// spaces trimmed.
    pub fn screen(&mut self) -> String {
        let app = &self.app;
        self.terminal
            .draw(|f| thidua::ui::draw(f, app))
            .expect("draw");
        let buf = self.terminal.backend().buffer().clone();
        let mut out = String::new();
        for y in 0..buf.area.height {
            let mut line = String::new();
            for x in 0..buf.area.width {
                line.push_str(buf[(x, y)].symbol());
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        if self.scan && self.app.settings.lang == Lang::Vi {
            let mut data = self.typed.clone();
            data.push(self.app.settings.actor.clone());
            super::english::assert_vietnamese_except(&out, "screen", &data);
        }
        out
    }

    /// Draws and returns the status line (second from the bottom).
    pub fn status(&mut self) -> String {
        super::status_line(&self.screen()).to_string()
    }

    /// Draws and returns the key bar (the bottom line).
    pub fn keybar(&mut self) -> String {
        self.screen().lines().last().unwrap_or_default().to_string()
    }

    /// Where the terminal's cursor was put by the last draw, if shown.
    pub fn cursor(&mut self) -> Option<(u16, u16)> {
        let app = &self.app;
        self.terminal
            .draw(|f| thidua::ui::draw(f, app))
            .expect("draw");
        let b = self.terminal.backend();
        b.cursor_visible()
            .then(|| (b.cursor_position().x, b.cursor_position().y))
    }
}
