//! The local terminal: crossterm events in, ratatui frames out. It draws
//! only after an event, never in a loop, and never clears the whole screen
//! per frame, so only changed cells are sent.

pub mod osc52;

use crate::app::{Action, App, Keymap, Settings};
use crate::store::Store;
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, Stdout, Write};
use std::sync::Arc;

/// Puts the terminal back however the program ends, panics included.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        restore();
    }
}

fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

/// Runs the interactive program on this terminal until the user quits.
pub fn run(
    store: Arc<Store>,
    keymap: Arc<Keymap>,
    settings: Settings,
    startup_message: Option<String>,
) -> io::Result<()> {
    enable_raw_mode()?;
    let _restore = Restore;
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    // Cleared with crossterm directly: ratatui's `Terminal::clear` first asks
    // the terminal where the cursor is, and gives up after two seconds when
    // a terminal (or an SSH client) does not answer.
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
    )?;
    let mut terminal: Terminal<CrosstermBackend<Stdout>> =
        Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let size = terminal.size()?;
    let mut app = App::new(store, keymap, settings, (size.width, size.height));
    if let Some(m) = startup_message {
        app.notify(crate::app::Level::Error, m);
    }
    terminal.draw(|f| crate::ui::draw(f, &app))?;
    loop {
        let effects = match event::read()? {
            Event::Resize(w, h) => {
                let effects = app.update(Action::Resize(w, h));
                terminal.autoresize()?;
                effects
            }
            ev @ (Event::Key(_) | Event::Paste(_)) => app.handle_event(ev),
            _ => continue,
        };
        if effects.quit {
            break;
        }
        terminal.draw(|f| crate::ui::draw(f, &app))?;
        if let Some(text) = effects.clipboard {
            let mut out = io::stdout();
            out.write_all(&osc52::sequence(&text))?;
            out.flush()?;
        }
    }
    Ok(())
}

/// The user name recorded in the audit log for local changes: the login
/// name the environment gives, else the account's name in the system's user
/// database (cron, systemd and `env -i` start programs without `USER`), and
/// only when neither names anyone, `local`.
pub fn os_user() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .or_else(account_name)
        .map(|s| crate::text::clean_line(&s))
        .unwrap_or_else(|| "local".to_string())
}

/// The name of this process's real user in `/etc/passwd`.
#[cfg(unix)]
fn account_name() -> Option<String> {
    let uid = rustix::process::getuid().as_raw().to_string();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        (fields.nth(1)? == uid && !name.is_empty()).then(|| name.to_string())
    })
}

/// No user database to ask off Unix.
#[cfg(not(unix))]
fn account_name() -> Option<String> {
    None
}
