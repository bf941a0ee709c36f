//! `ssh host history --cluster 4`: one command of the command line, run
//! inside the server on its open store for the user the key belongs to,
//! within that user's role.
//!
//! The line is read by `cli::remote::plan` (words split as a shell does,
//! parsed by the same clap as the local command line) and run by
//! `cli::execute`, the local command line's own code. It runs on tokio's
//! blocking pool, never on the event loops, so a long export holds up no
//! one; at most [`AT_ONCE`] run together, the rest wait their turn (up to
//! [`ADMITTED`] in all). Its
//! output goes down the channel as it is written (stdout as data, stderr
//! as extended data 1), waiting while the client is slow to read; then the
//! exit status, EOF and close, as OpenSSH's server does.

use super::{Shared, log};
use crate::cli::remote::{self, Plan};
use crate::cli::{Caller, Command};
use crate::domain::access::Role;
use crate::i18n::{Lang, Msg, tr, trf};
use russh::ChannelId;
use russh::server::Handle;
use std::io::{self, Read, Write};
use std::sync::Arc;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc};

/// Commands run at once; more wait their turn.
pub const AT_ONCE: usize = 4;

/// Commands let in, running or waiting; the next is told to try later, so
/// connections waiting with a command cannot pile up without end.
pub const ADMITTED: usize = 64;

/// Turns to run a command.
pub struct Turns {
    running: Arc<Semaphore>,
    admitted: Arc<Semaphore>,
}

impl Turns {
    /// [`AT_ONCE`] at once, [`ADMITTED`] in all.
    pub fn new() -> Turns {
        Turns {
            running: Arc::new(Semaphore::new(AT_ONCE)),
            admitted: Arc::new(Semaphore::new(ADMITTED)),
        }
    }
}

impl Default for Turns {
    fn default() -> Turns {
        Turns::new()
    }
}

/// The most a command may write to its standard output: the largest
/// backup a restore reads. A command that goes past it is stopped.
pub const MAX_OUTPUT: u64 = crate::backup::MAX_FILE;

/// The most a command may write to its standard error.
const MAX_ERRORS: u64 = 1 << 20;

/// Output is sent in pieces of at most this many bytes, so a slow client
/// holds back the command rather than letting its output pile up.
const PIECE: usize = 32 * 1024;

/// Pieces of standard input queued for the command.
const STDIN_QUEUE: usize = 16;

/// The command's input, as the connection receives it; dropping it is EOF.
pub type StdinSender = mpsc::Sender<Vec<u8>>;

/// One command to run.
pub struct Exec {
    /// What every connection shares: the store, the server's language.
    pub shared: Arc<Shared>,
    /// The users-file name: the audit log's actor for its writes.
    pub actor: String,
    /// The user's role.
    pub role: Role,
    /// The connection.
    pub handle: Handle,
    /// The session channel.
    pub channel: ChannelId,
    /// A pty was asked for: line ends go out as CR LF, as a pty would send.
    pub crlf: bool,
    /// The client's address, for the console.
    pub peer: String,
}

/// Starts the command of `line`; returns where its standard input goes
/// when it reads any. Must be called on the server's runtime.
pub fn start(exec: Exec, line: &[u8]) -> Option<StdinSender> {
    let mut plan = remote::plan(line, &exec.role, exec.shared.lang);
    let admitted = match &plan {
        Plan::Run { lang, .. } => {
            let ticket = Arc::clone(&exec.shared.execs.admitted).try_acquire_owned();
            if ticket.is_err() {
                plan = Plan::Answer {
                    text: format!("thidua: {}\n", tr(*lang, Msg::ExecBusy)),
                    stdout: false,
                    code: 1,
                };
            }
            ticket.ok()
        }
        Plan::Answer { .. } => None,
    };
    // For the console: what was sent, with control characters made visible.
    let shown: String = String::from_utf8_lossy(line)
        .chars()
        .take(200)
        .flat_map(|c| match c {
            c if c.is_control() => c.escape_debug().collect::<Vec<_>>(),
            '"' => vec!['\\', '"'],
            c => vec![c],
        })
        .collect();
    let (tx, rx) = match &plan {
        Plan::Run { stdin: true, .. } => {
            let (tx, rx) = mpsc::channel(STDIN_QUEUE);
            (Some(tx), Some(rx))
        }
        _ => (None, None),
    };
    tokio::spawn(async move {
        let (handle, channel) = (exec.handle.clone(), exec.channel);
        let code = match plan {
            Plan::Answer { text, stdout, code } => {
                let ext = (!stdout).then_some(1);
                let bytes = if exec.crlf {
                    crlf(text.as_bytes())
                } else {
                    text.into_bytes()
                };
                let _ = send(&handle, channel, ext, bytes).await;
                code
            }
            Plan::Run { command, lang, .. } => run(&exec, command, lang, rx, admitted).await,
        };
        log(&format!(
            "{} ({:?}) ran \"{shown}\" from {}: exit status {code}",
            exec.actor, exec.role, exec.peer
        ));
        let _ = handle.exit_status_request(channel, u32::from(code)).await;
        let _ = handle.eof(channel).await;
        let _ = handle.close(channel).await;
    });
    tx
}

/// Runs the command on the blocking pool, once there is room.
async fn run(
    exec: &Exec,
    command: Command,
    lang: Lang,
    stdin: Option<mpsc::Receiver<Vec<u8>>>,
    _admitted: Option<OwnedSemaphorePermit>,
) -> u8 {
    let Ok(_turn) = Arc::clone(&exec.shared.execs.running).acquire_owned().await else {
        return 1;
    };
    let store = Arc::clone(&exec.shared.store);
    let rt = exec.shared.rt.clone();
    let (actor, role) = (exec.actor.clone(), exec.role.clone());
    let (handle, channel, crlf) = (exec.handle.clone(), exec.channel, exec.crlf);
    let out = Channel::new(&rt, &handle, channel, None, crlf, MAX_OUTPUT, lang);
    let err = Channel::new(&rt, &handle, channel, Some(1), crlf, MAX_ERRORS, lang);
    let ran = tokio::task::spawn_blocking(move || {
        let (mut out, mut err) = (out, err);
        let mut stdin = Stdin {
            rx: stdin,
            piece: Vec::new(),
            at: 0,
        };
        let mut caller = Caller {
            actor: &actor,
            role: &role,
            stdin: &mut stdin,
        };
        let code = crate::cli::execute(&store, lang, &mut caller, &command, &mut out, &mut err);
        let _ = err.flush();
        code
    })
    .await;
    match ran {
        Ok(code) => code,
        Err(_) => {
            // A bug in the command: the user gets a line, the server goes on.
            let line = format!("thidua: {}\n", tr(lang, Msg::ExecFailed));
            let _ = send(&handle, channel, Some(1), line.into_bytes()).await;
            1
        }
    }
}

/// Sends bytes as data (`ext` None) or extended data; false when the
/// client is gone.
async fn send(handle: &Handle, channel: ChannelId, ext: Option<u32>, bytes: Vec<u8>) -> bool {
    match ext {
        None => handle.data(channel, bytes).await.is_ok(),
        Some(e) => handle.extended_data(channel, e, bytes).await.is_ok(),
    }
}

/// `\n` as `\r\n`, as a pty's output processing does.
fn crlf(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 16);
    for &b in bytes {
        if b == b'\n' {
            out.push(b'\r');
        }
        out.push(b);
    }
    out
}

/// A command's standard output or error: its bytes down the channel, in
/// pieces, from the blocking thread.
struct Channel {
    rt: tokio::runtime::Handle,
    handle: Handle,
    channel: ChannelId,
    ext: Option<u32>,
    crlf: bool,
    buf: Vec<u8>,
    written: u64,
    limit: u64,
    lang: Lang,
}

impl Channel {
    fn new(
        rt: &tokio::runtime::Handle,
        handle: &Handle,
        channel: ChannelId,
        ext: Option<u32>,
        crlf: bool,
        limit: u64,
        lang: Lang,
    ) -> Channel {
        Channel {
            rt: rt.clone(),
            handle: handle.clone(),
            channel,
            ext,
            crlf,
            buf: Vec::new(),
            written: 0,
            limit,
            lang,
        }
    }

    fn send_buffered(&mut self) -> io::Result<()> {
        while !self.buf.is_empty() {
            let n = self.buf.len().min(PIECE);
            let piece: Vec<u8> = self.buf.drain(..n).collect();
            let piece = if self.crlf { crlf(&piece) } else { piece };
            let sent = self
                .rt
                .block_on(send(&self.handle, self.channel, self.ext, piece));
            if !sent {
                self.buf.clear();
                return Err(io::ErrorKind::BrokenPipe.into());
            }
        }
        Ok(())
    }
}

impl Write for Channel {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let total = self.written.saturating_add(bytes.len() as u64);
        if total > self.limit {
            return Err(io::Error::other(trf(
                self.lang,
                Msg::ExecOutputLimit,
                &[&self.limit],
            )));
        }
        self.written = total;
        self.buf.extend_from_slice(bytes);
        if self.buf.len() >= PIECE {
            self.send_buffered()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send_buffered()
    }
}

impl Drop for Channel {
    fn drop(&mut self) {
        let _ = self.send_buffered();
    }
}

/// A command's standard input: what the client sends until its EOF.
struct Stdin {
    /// `None` for a command that reads none: it reads an empty input.
    rx: Option<mpsc::Receiver<Vec<u8>>>,
    piece: Vec<u8>,
    at: usize,
}

impl Read for Stdin {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at >= self.piece.len() {
            let Some(rx) = self.rx.as_mut() else {
                return Ok(0);
            };
            match rx.blocking_recv() {
                Some(piece) => {
                    self.piece = piece;
                    self.at = 0;
                }
                None => {
                    self.rx = None;
                    return Ok(0);
                }
            }
        }
        let rest = self.piece.get(self.at..).unwrap_or_default();
        let n = rest.len().min(buf.len());
        if let (Some(to), Some(from)) = (buf.get_mut(..n), rest.get(..n)) {
            to.copy_from_slice(from);
        }
        self.at += n;
        Ok(n)
    }
}
