//! The accept loop: each new connection passes the [`Gate`] or is closed at
//! once, before its handshake; each one let in gets a task of its own that
//! runs russh and closes the connection when its login grace time runs out.

use super::gate::{Gate, Pass, Verdict};
use super::handler::{self, Stage};
use super::peer::Peer;
use super::{Shared, log};
use russh::server::Config;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};
use tokio::net::TcpStream;
use tokio::sync::watch;
use tokio::task::JoinSet;

/// Lines about refused or timed-out connections are printed at most this
/// often, each kind, with a count of the ones in between: a flood of
/// connections must not flood the console too.
const REPORT_EVERY: Duration = Duration::from_secs(10);

/// How long a connection cut at the end of its grace time gets to wind down
/// before its task stops waiting for it.
const CUT_WAIT: Duration = Duration::from_secs(5);

/// Accepts connections until `stop` (see [`stop_signal`]); returns the
/// connections still open.
pub async fn accept_loop(
    listener: tokio::net::TcpListener,
    shared: Arc<Shared>,
    config: Arc<Config>,
    gate: Arc<Gate>,
    stop: impl std::future::Future<Output = ()>,
) -> JoinSet<()> {
    let mut connections = JoinSet::new();
    let refused = Arc::new(Tally::default());
    let timed_out = Arc::new(Tally::default());
    tokio::pin!(stop);
    loop {
        tokio::select! {
            _ = &mut stop => break,
            accepted = listener.accept() => {
                let (stream, peer) = match accepted {
                    Ok(v) => v,
                    Err(e) => {
                        log(&format!("accept failed: {e}"));
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                };
                // Reap finished connections, so the set does not grow.
                while connections.try_join_next().is_some() {}
                let roll = rand::random_range(0..100);
                let pass = match gate.admit(peer.ip(), Instant::now(), roll) {
                    Ok(pass) => pass,
                    Err(why) => {
                        // Dropping the stream closes it before the handshake.
                        refused.note(&format!("refused {peer}: {why}"));
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                connections.spawn(connection(
                    Arc::clone(&shared),
                    Arc::clone(&config),
                    stream,
                    peer,
                    pass,
                    Arc::clone(&timed_out),
                ));
            }
        }
    }
    drop(listener);
    connections
}

/// One connection, from its handshake to its end. The grace time runs from
/// the accept until the session channel got its answer: a stranger who
/// never authenticates, and a key holder who never asks for a session, are
/// both closed then. The connection counts against the gate until it logs in.
async fn connection(
    shared: Arc<Shared>,
    config: Arc<Config>,
    stream: TcpStream,
    peer: SocketAddr,
    pass: Pass,
    timed_out: Arc<Tally>,
) {
    let grace = shared.grace;
    let deadline = tokio::time::Instant::now() + grace;
    let (stream, socket) = match Peer::split(stream) {
        Ok((stream, socket)) => (stream, Arc::new(socket)),
        Err(e) => {
            log(&format!("connection from {peer} dropped: {e}"));
            return;
        }
    };
    let (stage_tx, mut stage) = watch::channel(Stage::Handshake);
    let handler = handler::Connection::new(shared, Some(peer), Arc::clone(&socket), stage_tx);
    // `run_stream` itself waits for the client's version line, so the whole
    // of it is what the grace time bounds.
    let run = async move {
        if let Ok(running) = russh::server::run_stream(config, stream, handler).await {
            let _ = running.await;
        }
    };
    tokio::pin!(run);
    let mut pass = Some(pass);
    let mut expired = false;
    loop {
        tokio::select! {
            () = &mut run => break,
            changed = stage.changed() => {
                let now = *stage.borrow_and_update();
                if now >= Stage::LoggedIn
                    && let Some(p) = pass.take()
                {
                    p.logged_in(Instant::now());
                }
                if changed.is_err() || now == Stage::Settled {
                    // Settled, or the handler is gone: no grace left to keep.
                    run.await;
                    break;
                }
            }
            () = tokio::time::sleep_until(deadline) => {
                expired = true;
                let what = if pass.is_some() { "log in" } else { "start a session" };
                timed_out.note(&format!(
                    "closed the connection from {peer}: it did not {what} within {} s",
                    grace.as_secs()
                ));
                socket.cut();
                let _ = tokio::time::timeout(CUT_WAIT, &mut run).await;
                break;
            }
        }
    }
    let Some(pass) = pass else { return };
    let refused = *stage.borrow() == Stage::Refused;
    if (expired || refused)
        && let Verdict::Blocked(block, failures) = pass.failed(Instant::now())
    {
        log(&format!(
            "{}: {failures} failed logins; new connections from it are refused for {} s",
            peer.ip(),
            block.as_secs()
        ));
    }
}

/// A kind of console line printed at most once per [`REPORT_EVERY`].
#[derive(Default)]
struct Tally {
    state: Mutex<(Option<Instant>, u64)>,
}

impl Tally {
    /// Prints `line` now if none of its kind was printed lately, with the
    /// count of those not printed since; otherwise counts it.
    fn note(&self, line: &str) {
        let now = Instant::now();
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let (last, unprinted) = &mut *state;
        if last.is_some_and(|t| now.duration_since(t) < REPORT_EVERY) {
            *unprinted += 1;
            return;
        }
        if *unprinted > 0 {
            log(&format!("{line} (and {unprinted} more like it before)"));
        } else {
            log(line);
        }
        *last = Some(now);
        *unprinted = 0;
    }
}

/// Ctrl-C (SIGINT), or SIGTERM as a service manager sends it: either one
/// stops the server the same orderly way (sessions told, database flushed,
/// a last automatic backup).
///
/// The handlers are installed when this is called, not when the future is
/// first polled: a signal sent as soon as the server says it is up must
/// find them in place. Call it inside the runtime (`Runtime::enter`).
pub fn stop_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let int = signal(SignalKind::interrupt());
        let term = signal(SignalKind::terminate());
        async move {
            match (int, term) {
                (Ok(mut int), Ok(mut term)) => {
                    tokio::select! {
                        _ = int.recv() => {}
                        _ = term.recv() => {}
                    }
                }
                _ => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        }
    }
    #[cfg(not(unix))]
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}
