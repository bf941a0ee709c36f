//! One SSH session: its own `App` over the shared store, drawn into a
//! fixed-size ratatui viewport whose bytes go down that session's channel.
//!
//! Each session runs on an OS thread of its own. `App::update` writes to sled
//! and flushes, which blocks; on a thread, it blocks only this user. The
//! thread sleeps until an event arrives, so an idle session costs nothing.

use super::hub::{SessionEvent, Ticket};
use super::inbox::Inbox;
use super::input::InputDecoder;
use crate::app::{Action, App, Keymap, Level, Settings};
use crate::i18n::Lang;
use crate::store::Store;
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::queue;
use crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use russh::ChannelId;
use std::io::{self, Write};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Other sessions' saves are shown at most this often per session, so a
/// burst of writes costs each session a few reloads, not one per write, and
/// still reaches every screen well within a second.
pub const REFRESH_EVERY: Duration = Duration::from_millis(250);

/// The size used when a client sends none (`ssh -tt` with piped input says 0×0).
pub const DEFAULT_SIZE: (u16, u16) = (80, 24);

/// The largest size accepted; the screen buffers grow with columns × rows.
pub const MAX_SIZE: (u16, u16) = (500, 200);

/// A terminal size from the client, made safe to allocate.
pub fn clamp_size(cols: u32, rows: u32) -> (u16, u16) {
    if cols == 0 || rows == 0 {
        return DEFAULT_SIZE;
    }
    let c = u16::try_from(cols).unwrap_or(u16::MAX).min(MAX_SIZE.0);
    let r = u16::try_from(rows).unwrap_or(u16::MAX).min(MAX_SIZE.1);
    (c, r)
}

/// Where a session's bytes go: its SSH channel.
#[derive(Clone)]
pub struct Output {
    /// The connection.
    pub handle: russh::server::Handle,
    /// The session channel.
    pub channel: ChannelId,
    /// The server's runtime, to wait on the connection from this thread.
    pub rt: tokio::runtime::Handle,
    /// The session's input queue, told while a send waits (see [`Inbox`]).
    pub inbox: Arc<Inbox>,
}

impl Output {
    /// Sends bytes, waiting while the client is slow to read (SSH flow
    /// control). False when the client is gone.
    fn send(&self, bytes: Vec<u8>) -> bool {
        if bytes.is_empty() {
            return true;
        }
        self.inbox.sending(true);
        let sent = self
            .rt
            .block_on(self.handle.data(self.channel, bytes))
            .is_ok();
        self.inbox.sending(false);
        sent
    }

    /// Ends the session the way a shell does: exit status, EOF, close.
    fn finish(&self, status: u32) {
        let (h, ch) = (&self.handle, self.channel);
        self.rt.block_on(async {
            let _ = h.exit_status_request(ch, status).await;
            let _ = h.eof(ch).await;
            let _ = h.close(ch).await;
        });
    }
}

/// What a session needs to start.
pub struct Start {
    /// The shared store.
    pub store: Arc<Store>,
    /// The keymap.
    pub keymap: Arc<Keymap>,
    /// Language, theme, user and role.
    pub settings: Settings,
    /// The client's terminal size.
    pub size: (u16, u16),
    /// The client's erase character, from its terminal modes.
    pub erase: Option<u8>,
    /// The channel to draw on.
    pub out: Output,
    /// Input, resizes, changes and shutdown.
    pub rx: Receiver<SessionEvent>,
    /// The session's place in the hub, freed when the thread ends.
    pub ticket: Ticket,
    /// Disconnect after this long without input.
    pub idle: Option<Duration>,
}

/// Starts a session's thread.
pub fn spawn(start: Start) -> io::Result<()> {
    let name = format!("session {}", start.settings.actor);
    let (out, lang) = (start.out.clone(), start.settings.lang);
    std::thread::Builder::new()
        .name(name)
        .spawn(move || {
            // A bug must not leave one user's terminal frozen in the
            // alternate screen: give it back with a line, as on any end.
            let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(start)));
            // However it ended, no more input is wanted: the connection
            // must not wait for room that nobody will make.
            out.inbox.close();
            if ran.is_err() {
                super::log("a session ended on an internal error; its saved changes are kept");
                finish(&Sink::default(), &out, lang, End::Failed, None);
            }
        })
        .map(drop)
}

/// The bytes a frame writes, collected for the channel.
#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self.0.lock() {
            Ok(mut v) => {
                v.extend_from_slice(buf);
                Ok(buf.len())
            }
            Err(_) => Err(io::Error::other("output buffer poisoned")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Sink {
    fn take(&self) -> Vec<u8> {
        self.0
            .lock()
            .map(|mut v| std::mem::take(&mut *v))
            .unwrap_or_default()
    }
}

/// Why a session ends from our side.
enum End {
    Quit,
    Idle,
    Shutdown,
    Failed,
}

fn rect((w, h): (u16, u16)) -> Rect {
    Rect::new(0, 0, w, h)
}

fn run(s: Start) {
    let Start {
        store,
        keymap,
        settings,
        size,
        erase,
        out,
        rx,
        ticket,
        idle,
    } = s;
    let sink = Sink::default();
    // A fixed viewport: ratatui never asks "the terminal" for its size or
    // cursor, which here would be the server's own tty, not the client's.
    let options = TerminalOptions {
        viewport: Viewport::Fixed(rect(size)),
    };
    let Ok(mut term) = Terminal::with_options(CrosstermBackend::new(sink.clone()), options) else {
        return;
    };
    let mut app = App::new(store, keymap, settings, size);
    let mut w = sink.clone();
    let _ = queue!(
        w,
        EnterAlternateScreen,
        EnableBracketedPaste,
        crossterm::cursor::Hide,
        Clear(ClearType::All)
    );
    if !(draw(&mut term, &app) && out.send(sink.take())) {
        return;
    }
    let mut decoder = InputDecoder::new();
    if let Some(b) = erase {
        decoder.set_erase(b);
    }
    let mut last_input = Instant::now();
    let mut last_refresh = Instant::now();
    let mut stale = false;
    loop {
        let wake = [
            decoder.deadline(),
            idle.map(|d| last_input + d),
            stale.then(|| last_refresh + REFRESH_EVERY),
        ]
        .into_iter()
        .flatten()
        .min();
        let first = match wake {
            Some(t) => match rx.recv_timeout(t.saturating_duration_since(Instant::now())) {
                Ok(ev) => Some(ev),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => return,
            },
            None => match rx.recv() {
                Ok(ev) => Some(ev),
                Err(_) => return,
            },
        };
        // Everything already queued is handled before one draw.
        let events: Vec<SessionEvent> = first.into_iter().chain(rx.try_iter()).collect();
        let mut end = None;
        let mut effects = crate::app::Effects::default();
        // Whether the screen may have changed. Another session's save only
        // marks this one stale: it wakes the thread but draws nothing until
        // the refresh below, so a burst of saves costs each session one
        // redraw per `REFRESH_EVERY`, not one per save.
        let mut dirty = false;
        for ev in events {
            // The client is gone: whatever it typed before is dropped.
            if out.inbox.is_closed() {
                return;
            }
            match ev {
                SessionEvent::Input(bytes) => {
                    last_input = Instant::now();
                    for e in decoder.feed(&bytes, last_input) {
                        // Asked between two keys, so a flood stops as soon
                        // as its sender leaves, not after all it sent.
                        if out.inbox.is_closed() {
                            return;
                        }
                        if !effects.quit {
                            effects.merge(app.handle_event(e));
                        }
                    }
                    out.inbox.done(bytes.len());
                    dirty = true;
                }
                SessionEvent::Resize(w, h) => {
                    effects.merge(app.update(Action::Resize(w, h)));
                    let _ = term.resize(rect((w, h)));
                    dirty = true;
                }
                SessionEvent::Changed => stale = true,
                // The client is gone: there is no screen left to restore.
                SessionEvent::Closed => return,
                SessionEvent::Shutdown => end = Some(End::Shutdown),
            }
        }
        for e in decoder.tick(Instant::now()) {
            effects.merge(app.handle_event(e));
            dirty = true;
        }
        if decoder.take_paste_cut() {
            let msg = app.t(crate::i18n::Msg::PasteCut).to_string();
            app.notify(Level::Error, msg);
            dirty = true;
        }
        if stale && last_refresh.elapsed() >= REFRESH_EVERY {
            // Before reading: a change committed during the read is sent.
            ticket.caught_up();
            effects.merge(app.update(Action::Refresh));
            last_refresh = Instant::now();
            stale = false;
            dirty = true;
        }
        if idle.is_some_and(|d| last_input.elapsed() >= d) {
            end = end.or(Some(End::Idle));
        }
        if effects.quit {
            end = end.or(Some(End::Quit));
        }
        if let Some(end) = end {
            out.inbox.close();
            finish(&sink, &out, app.settings.lang, end, idle);
            return;
        }
        if !dirty {
            continue;
        }
        if !draw(&mut term, &app) {
            return;
        }
        if let Some(text) = effects.clipboard.take() {
            let mut w = sink.clone();
            let _ = w.write_all(&crate::term::osc52::sequence(&text));
        }
        if !out.send(sink.take()) {
            return;
        }
    }
}

fn draw(term: &mut Terminal<CrosstermBackend<Sink>>, app: &App) -> bool {
    term.draw(|f| crate::ui::draw(f, app)).is_ok()
}

/// Puts the client's terminal back and closes the channel, with a line that
/// says why when it was not the user's own choice.
fn finish(sink: &Sink, out: &Output, lang: Lang, end: End, idle: Option<Duration>) {
    let mut w = sink.clone();
    let _ = queue!(
        w,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    use crate::i18n::{Msg, tr};
    let line = match end {
        End::Quit => String::new(),
        End::Shutdown => tr(lang, Msg::ServerStopped).to_string(),
        End::Failed => tr(lang, Msg::SessionFailed).to_string(),
        End::Idle => {
            let secs = idle.map_or(0, |d| d.as_secs());
            let span = if secs >= 60 {
                format!("{} min", secs / 60)
            } else {
                format!("{secs} s")
            };
            format!("{} ({span})", tr(lang, Msg::IdleDisconnected))
        }
    };
    if !line.is_empty() {
        let _ = write!(w, "thidua: {line}\r\n");
    }
    out.send(sink.take());
    out.finish(u32::from(matches!(end, End::Failed)));
}
