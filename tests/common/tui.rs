//! Drives the real `App` on ratatui's `TestBackend`: keys in, screen text out.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;
use thidua::app::{Action, App, Keymap, Settings, ThemeName};
use thidua::domain::access::Role;
use thidua::i18n::Lang;
use thidua::store::Store;

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
        let settings = Settings {
            actor: actor.into(),
            role: role(&harness.store),
            ..harness.app.settings.clone()
        };
        harness.app = App::new(
            harness.store.clone(),
            Arc::new(Keymap::default()),
            settings,
            (w, h),
        );
        harness
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
        }
    }

    /// Sends one key.
    pub fn key(&mut self, code: KeyCode) -> &mut Self {
        self.app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        self
    }

    /// Sends Ctrl plus a character.
    pub fn ctrl(&mut self, c: char) -> &mut Self {
        self.app
            .handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
        self
    }

    /// Types text one character at a time, as a keyboard would.
    pub fn type_text(&mut self, s: &str) -> &mut Self {
        for c in s.chars() {
            self.app
                .handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        self
    }

    /// Pastes text (bracketed paste).
    pub fn paste(&mut self, s: &str) -> &mut Self {
        self.app.update(Action::Paste(s.to_string()));
        self
    }

    /// Sends a named action directly.
    pub fn action(&mut self, a: Action) -> &mut Self {
        self.app.update(a);
        self
    }

    /// Resizes the terminal and tells the app.
    pub fn resize(&mut self, w: u16, h: u16) -> &mut Self {
        self.terminal.backend_mut().resize(w, h);
        self.app.update(Action::Resize(w, h));
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
        out
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
