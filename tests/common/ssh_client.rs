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
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroU16;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpSocket, TcpStream};
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
        Client::connect_from(LOOPBACK, addr, user, key, None).await
    }

    /// [`Client::connect`] from the loopback address `from` (another address
    /// of 127.0.0.0/8 acts as another machine), with `cut` able to break the
    /// connection at once, as a crashed client would.
    pub async fn connect_from(
        from: IpAddr,
        addr: SocketAddr,
        user: &str,
        key: Arc<PrivateKey>,
        cut: Option<&Cut>,
    ) -> Result<Client, String> {
        let mut handle = handshake(from, addr, cut)
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

    /// Waits up to 10 s for the program's first screen (the schools list).
    pub async fn first_screen(&self) -> Result<Duration, String> {
        self.wait_for(Duration::from_secs(10), |s| {
            s.contents().contains("Trường (")
        })
        .await
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

    /// Hangs up, as closing the terminal window does.
    pub async fn hang_up(&self) {
        let _ = self
            .handle
            .disconnect(Disconnect::ByApplication, "", "")
            .await;
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

/// The test machine's usual loopback address.
pub const LOOPBACK: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

/// A TCP connection to `addr` from the loopback address `from`.
pub async fn dial(from: IpAddr, addr: SocketAddr) -> std::io::Result<TcpStream> {
    let socket = TcpSocket::new_v4()?;
    socket.bind(SocketAddr::new(from, 0))?;
    let stream = socket.connect(addr).await?;
    stream.set_nodelay(true)?;
    Ok(stream)
}

/// Dials from `from` and runs the SSH handshake, up to authentication.
async fn handshake(
    from: IpAddr,
    addr: SocketAddr,
    cut: Option<&Cut>,
) -> Result<Handle<TrustAll>, String> {
    let config = Arc::new(client::Config {
        nodelay: true,
        ..Default::default()
    });
    let stream = dial(from, addr).await.map_err(|e| e.to_string())?;
    match cut {
        Some(cut) => client::connect_stream(config, cut.wrap(stream), TrustAll).await,
        None => client::connect_stream(config, stream, TrustAll).await,
    }
    .map_err(|e| e.to_string())
}

/// How one login attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    /// The key was accepted.
    LoggedIn,
    /// The server answered, and refused the key.
    KeyRefused,
    /// The connection was closed or failed before the server judged the key.
    Closed(String),
}

/// Connects from `from`, offers `key`, and hangs up: one login attempt,
/// with no session.
pub async fn try_login(from: IpAddr, addr: SocketAddr, key: Arc<PrivateKey>) -> Attempt {
    let mut handle = match handshake(from, addr, None).await {
        Ok(h) => h,
        Err(e) => return Attempt::Closed(e),
    };
    let attempt = match handle
        .authenticate_publickey("whatever", PrivateKeyWithHashAlg::new(key, None))
        .await
    {
        Ok(auth) if auth.success() => Attempt::LoggedIn,
        Ok(_) => Attempt::KeyRefused,
        Err(e) => Attempt::Closed(e.to_string()),
    };
    let _ = handle.disconnect(Disconnect::ByApplication, "", "").await;
    attempt
}

/// A switch that breaks a client's connection the way a crash or a pulled
/// cable does, seen from the server: the socket is reset at once, with
/// whatever the client had not sent yet thrown away.
#[derive(Clone, Default)]
pub struct Cut(Arc<Mutex<CutState>>);

#[derive(Default)]
struct CutState {
    stream: Option<TcpStream>,
    wakers: Vec<Waker>,
}

/// The client's side of a [`Cut`] connection, as russh uses it.
struct CutStream(Arc<Mutex<CutState>>);

impl Cut {
    fn wrap(&self, stream: TcpStream) -> CutStream {
        let mut s = self.0.lock().unwrap_or_else(|e| e.into_inner());
        s.stream = Some(stream);
        CutStream(Arc::clone(&self.0))
    }

    /// Resets the connection now (`SO_LINGER` 0, then close).
    pub fn now(&self) {
        let mut s = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(stream) = s.stream.take() {
            let _ = stream.set_zero_linger();
            drop(stream);
        }
        for w in s.wakers.drain(..) {
            w.wake();
        }
    }
}

impl CutStream {
    fn with<T>(
        &self,
        cx: &mut Context<'_>,
        f: impl FnOnce(Pin<&mut TcpStream>, &mut Context<'_>) -> Poll<std::io::Result<T>>,
    ) -> Poll<std::io::Result<T>> {
        let mut s = self.0.lock().unwrap_or_else(|e| e.into_inner());
        match s.stream.as_mut() {
            Some(stream) => {
                let polled = f(Pin::new(stream), cx);
                if polled.is_pending() {
                    s.wakers.push(cx.waker().clone());
                    if s.wakers.len() > 16 {
                        s.wakers.drain(..8);
                    }
                }
                polled
            }
            None => Poll::Ready(Err(std::io::ErrorKind::ConnectionReset.into())),
        }
    }
}

impl AsyncRead for CutStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        self.with(cx, |s, cx| s.poll_read(cx, buf))
    }
}

impl AsyncWrite for CutStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        self.with(cx, |s, cx| s.poll_write(cx, buf))
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        self.with(cx, |s, cx| s.poll_flush(cx))
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        self.with(cx, |s, cx| s.poll_shutdown(cx))
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
