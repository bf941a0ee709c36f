//! An SSH client inside the test process, for driving `thidua serve` the way
//! a delegate's terminal does: russh for the connection, a `vt100` screen for
//! what the server draws.
//!
//! A reader task drains the channel for the whole life of the session,
//! whether or not the test is waiting for anything. That matters: the server
//! pushes frames whenever another session saves, and an unread client
//! channel (100 messages) stalls the connection, then TCP, then the server's
//! send to this session (docs/ssh-server-notes.md, section 4).
//!
//! ```ignore
//! let rt = tokio::runtime::Runtime::new()?;
//! rt.block_on(async {
//!     let c = Client::connect(addr, "u", key).await?;
//!     c.wait_for(Duration::from_secs(10), |s| s.contents().contains("Trường (")).await?;
//!     c.key(b"5", Duration::from_secs(5), |s| s.contents().contains("Người (")).await?;
//!     c.wait_closed(Duration::from_secs(10)).await?;
//! })
//! ```

use russh::client::{self, Handle, Msg};
use russh::keys::{PrivateKey, PrivateKeyWithHashAlg, PublicKeyOrCertificate};
use russh::{ChannelMsg, ChannelWriteHalf, Disconnect};
use std::net::SocketAddr;
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// The terminal size the client asks for.
pub const COLS: u16 = 80;
/// The terminal size the client asks for.
pub const ROWS: u16 = 24;

/// Trusts any host key: the tests start the server themselves.
struct TrustAll;

impl client::Handler for TrustAll {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        _key: &PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// What the reader task keeps up to date.
struct State {
    parser: vt100::Parser,
    /// Bytes of screen output received.
    bytes: u64,
    /// Data packets received.
    packets: u64,
    /// The exit status the server sent, if it did.
    exit_status: Option<u32>,
    /// The server sent EOF.
    eof: bool,
    /// The channel is closed (the reader has stopped).
    closed: bool,
}

/// One interactive session: a connection with a pty and a shell.
pub struct Client {
    /// The user name it logged in with.
    pub user: String,
    handle: Arc<Handle<TrustAll>>,
    writer: ChannelWriteHalf<Msg>,
    state: Arc<Mutex<State>>,
    /// Bumped by the reader after every change to `state`.
    changed: watch::Receiver<u64>,
}

fn size(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("non-zero terminal size")
}

impl Client {
    /// Connects, logs in with the key, asks for an 80×24 `xterm-256color`
    /// pty and a shell. The screen starts filling in the background; use
    /// [`Client::wait_for`] to see the first frame.
    pub async fn connect(
        addr: SocketAddr,
        user: &str,
        key: Arc<PrivateKey>,
    ) -> Result<Client, String> {
        let config = Arc::new(client::Config {
            nodelay: true,
            ..Default::default()
        });
        let mut handle = client::connect(config, addr, TrustAll)
            .await
            .map_err(|e| format!("{user}: connect: {e}"))?;
        let auth = handle
            .authenticate_publickey(user, PrivateKeyWithHashAlg::new(key, None))
            .await
            .map_err(|e| format!("{user}: authenticate: {e}"))?;
        if !auth.success() {
            return Err(format!("{user}: the server refused the key: {auth:?}"));
        }
        let channel = handle
            .channel_open_session()
            .await
            .map_err(|e| format!("{user}: open session: {e}"))?;
        let (mut reader, writer) = channel.split();
        let state = Arc::new(Mutex::new(State {
            parser: vt100::Parser::new(size(ROWS), size(COLS), 0),
            bytes: 0,
            packets: 0,
            exit_status: None,
            eof: false,
            closed: false,
        }));
        let (tx, changed) = watch::channel(0u64);
        let shared = Arc::clone(&state);
        let handle = Arc::new(handle);
        let conn = Arc::clone(&handle);
        // The reader runs from before the pty request until the channel
        // ends; then it hangs up, as OpenSSH does when its session closes.
        tokio::spawn(async move {
            let bump = || tx.send_modify(|n| *n += 1);
            while let Some(msg) = reader.wait().await {
                {
                    let mut s = lock(&shared);
                    match msg {
                        ChannelMsg::Data { data } => {
                            s.parser.process(&data);
                            s.bytes += data.len() as u64;
                            s.packets += 1;
                        }
                        ChannelMsg::ExitStatus { exit_status } => s.exit_status = Some(exit_status),
                        ChannelMsg::Eof => s.eof = true,
                        ChannelMsg::Close => break,
                        _ => continue,
                    }
                }
                bump();
            }
            lock(&shared).closed = true;
            bump();
            let _ = conn.disconnect(Disconnect::ByApplication, "", "").await;
        });
        writer
            .request_pty(
                true,
                "xterm-256color",
                u32::from(COLS),
                u32::from(ROWS),
                0,
                0,
                &[],
            )
            .await
            .map_err(|e| format!("{user}: pty request: {e}"))?;
        writer
            .request_shell(true)
            .await
            .map_err(|e| format!("{user}: shell request: {e}"))?;
        Ok(Client {
            user: user.to_string(),
            handle,
            writer,
            state,
            changed,
        })
    }

    /// Sends bytes as typed (one key, or several).
    pub async fn send(&self, bytes: &[u8]) -> Result<(), String> {
        self.writer
            .data_bytes(bytes.to_vec())
            .await
            .map_err(|e| format!("{}: send {bytes:?}: {e}", self.user))
    }

    /// Waits until `pred` holds for the screen, re-checking after every
    /// packet; returns how long it waited, or the screen when it timed out.
    pub async fn wait_for(
        &self,
        timeout: Duration,
        mut pred: impl FnMut(&vt100::Screen) -> bool,
    ) -> Result<Duration, String> {
        let start = Instant::now();
        let deadline = start + timeout;
        let mut changed = self.changed.clone();
        loop {
            // Mark the current version seen *before* looking, so a packet
            // that lands between the look and the wait still wakes us.
            changed.borrow_and_update();
            {
                let s = lock(&self.state);
                if pred(s.parser.screen()) {
                    return Ok(start.elapsed());
                }
                if s.closed {
                    return Err(format!(
                        "{}: the channel closed while waiting; screen:\n{}",
                        self.user,
                        s.parser.screen().contents()
                    ));
                }
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || tokio::time::timeout(left, changed.changed()).await.is_err() {
                return Err(format!(
                    "{}: timed out after {:?}; screen:\n{}",
                    self.user,
                    timeout,
                    self.screen()
                ));
            }
        }
    }

    /// Sends a key and waits until `pred` holds; the time is from just
    /// before the send until the screen showed the change.
    pub async fn key(
        &self,
        bytes: &[u8],
        timeout: Duration,
        pred: impl FnMut(&vt100::Screen) -> bool,
    ) -> Result<Duration, String> {
        let start = Instant::now();
        self.send(bytes).await?;
        self.wait_for(timeout, pred).await?;
        Ok(start.elapsed())
    }

    /// The screen as text, rows separated by newlines.
    pub fn screen(&self) -> String {
        lock(&self.state).parser.screen().contents()
    }

    /// Runs `f` on the screen.
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(lock(&self.state).parser.screen())
    }

    /// Screen bytes and data packets received so far.
    pub fn received(&self) -> (u64, u64) {
        let s = lock(&self.state);
        (s.bytes, s.packets)
    }

    /// Waits until the server closes the channel; returns the exit status.
    pub async fn wait_closed(&self, timeout: Duration) -> Result<Option<u32>, String> {
        self.wait_for(timeout, |_| false).await.ok();
        let s = lock(&self.state);
        if s.closed {
            Ok(s.exit_status)
        } else {
            Err(format!(
                "{}: the server did not close the session",
                self.user
            ))
        }
    }
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    // A panic in a waiter's predicate must not hide every later screen.
    state.lock().unwrap_or_else(|e| e.into_inner())
}

/// The text of one screen row (0-based), trailing spaces kept.
pub fn row(screen: &vt100::Screen, r: u16) -> String {
    screen.rows(0, COLS).nth(usize::from(r)).unwrap_or_default()
}

/// Whether a cell is drawn highlighted (reversed or on a coloured
/// background), which is how the program marks the selection and cursor.
pub fn highlighted(screen: &vt100::Screen, r: u16, c: u16) -> bool {
    screen
        .cell(r, c)
        .is_some_and(|cell| cell.inverse() || cell.bgcolor() != vt100::Color::Default)
}
