//! The SSH side of one connection: who it is, and where its bytes go.
//!
//! russh calls these methods inside the connection's own event loop, so
//! they never touch the store: they pass events to the session's thread.

use super::exec::{self, Exec, StdinSender};
use super::hub::SessionEvent;
use super::inbox::{Inbox, Room};
use super::peer::Peer;
use super::session::{self, Output, Start, clamp_size};
use super::{Shared, log};
use crate::app::Settings;
use crate::domain::access::Role;
use crate::i18n::{Msg, tr};
use russh::keys::PublicKey;
use russh::server::{Auth, ChannelOpenHandle, Msg as SshMsg, Session};
use russh::{Channel, ChannelId, ChannelOpenFailure, Pty};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::mpsc::Sender;
use tokio::sync::watch;

/// The user a key belongs to, as the users file said when they logged in.
#[derive(Debug, Clone)]
struct Who {
    name: String,
    role: Role,
}

/// How far a connection got, for the login grace time and the penalties
/// of its address (`accept`). Only ever moves forward.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// Handshake and authentication, nothing refused yet.
    Handshake,
    /// A key was refused, and none accepted yet.
    Refused,
    /// Logged in.
    LoggedIn,
    /// The session channel got its answer: a session, or a refusal.
    Settled,
}

/// One connection.
pub struct Connection {
    shared: Arc<Shared>,
    peer: Option<SocketAddr>,
    /// The other handle on the socket, to notice a hang-up while waiting.
    socket: Arc<Peer>,
    stage: watch::Sender<Stage>,
    who: Option<Who>,
    channel: Option<ChannelId>,
    size: Option<(u16, u16)>,
    erase: Option<u8>,
    tx: Option<Sender<SessionEvent>>,
    inbox: Option<Arc<Inbox>>,
    /// A command (`ssh host command`) was started on the channel.
    exec_started: bool,
    /// Where the client's input goes while that command reads it.
    exec_stdin: Option<StdinSender>,
}

impl Connection {
    /// A connection from `peer`, not yet authenticated; `stage` tells the
    /// accept loop how far it got.
    pub fn new(
        shared: Arc<Shared>,
        peer: Option<SocketAddr>,
        socket: Arc<Peer>,
        stage: watch::Sender<Stage>,
    ) -> Connection {
        Connection {
            shared,
            peer,
            socket,
            stage,
            who: None,
            channel: None,
            size: None,
            erase: None,
            tx: None,
            inbox: None,
            exec_started: false,
            exec_stdin: None,
        }
    }

    /// Moves the stage forward to `to` (never back).
    fn reach(&self, to: Stage) {
        self.stage.send_if_modified(|s| {
            let forward = to > *s;
            if forward {
                *s = to;
            }
            forward
        });
    }

    fn peer(&self) -> String {
        self.peer.map_or_else(|| "?".to_string(), |p| p.to_string())
    }

    /// The user the key belongs to, as the users file last read says (it is
    /// re-read by a thread of its own, never here).
    fn user_of(&self, key: &PublicKey) -> Option<Who> {
        self.shared.users.users().find(key).map(|u| Who {
            name: u.name.clone(),
            role: u.role.clone(),
        })
    }

    /// The console line for a key nobody in the users file has, so the
    /// person running the server can add it if it is a delegate's.
    fn log_unknown(&self, key: &PublicKey) {
        self.reach(Stage::Refused);
        let fp = key.fingerprint(russh::keys::HashAlg::Sha256);
        log(&format!("unknown key {fp} from {}", self.peer()));
    }

    fn send(&self, ev: SessionEvent) {
        if let Some(tx) = &self.tx {
            // The thread may have ended (the user quit); nothing to do then.
            let _ = tx.send(ev);
        }
    }

    /// The client is gone: the session stops at once, before any input it
    /// sent earlier and the thread has not worked through yet.
    fn closed(&self) {
        if let Some(inbox) = &self.inbox {
            inbox.close();
        }
        self.send(SessionEvent::Closed);
    }

    /// Writes one line to the client and closes the channel.
    fn refuse(&self, channel: ChannelId, msg: Msg, session: &mut Session) {
        let text = tr(self.shared.lang, msg);
        let line = if text.starts_with("thidua") {
            format!("{text}\r\n")
        } else {
            format!("thidua: {text}\r\n")
        };
        let _ = session.data(channel, line.into_bytes());
        let _ = session.exit_status_request(channel, 1);
        let _ = session.eof(channel);
        let _ = session.close(channel);
    }

    fn start_session(&mut self, channel: ChannelId, session: &mut Session) -> Result<(), Msg> {
        let (Some(who), Some(size)) = (self.who.clone(), self.size) else {
            return Err(Msg::NeedsTerminal);
        };
        let (tx, rx) = std::sync::mpsc::channel();
        let Some(ticket) = self.shared.hub.join(tx.clone()) else {
            log(&format!("{} refused: server full", who.name));
            return Err(Msg::ServerFull);
        };
        let sh = &self.shared;
        let inbox = Inbox::new(sh.input_budget);
        let start = Start {
            store: Arc::clone(&sh.store),
            keymap: Arc::clone(&sh.keymap),
            settings: Settings {
                lang: sh.lang,
                theme: sh.theme,
                actor: who.name.clone(),
                role: who.role.clone(),
                db_label: who.name.clone(),
            },
            size,
            erase: self.erase,
            out: Output {
                handle: session.handle(),
                channel,
                rt: sh.rt.clone(),
                inbox: Arc::clone(&inbox),
            },
            rx,
            ticket,
            idle: sh.idle,
        };
        if session::spawn(start).is_err() {
            return Err(Msg::ServerFull);
        }
        log(&format!(
            "{} ({:?}) started a session from {}",
            who.name,
            who.role,
            self.peer()
        ));
        self.tx = Some(tx);
        self.inbox = Some(inbox);
        Ok(())
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        // However the connection ended, the session's thread ends too.
        self.closed();
    }
}

impl russh::server::Handler for Connection {
    type Error = russh::Error;

    async fn auth_publickey_offered(
        &mut self,
        _user: &str,
        offer: russh::server::PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        // Unknown keys are turned away before the client proves it owns them.
        Ok(match self.user_of(offer.public_key) {
            Some(_) => Auth::Accept,
            None => {
                self.log_unknown(offer.public_key);
                Auth::reject()
            }
        })
    }

    async fn auth_publickey(
        &mut self,
        _user: &str,
        key: russh::server::VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        // The login name the client sends is its own choice; the key decides.
        match self.user_of(key.public_key) {
            Some(who) => {
                self.who = Some(who);
                self.reach(Stage::LoggedIn);
                Ok(Auth::Accept)
            }
            None => {
                self.log_unknown(key.public_key);
                Ok(Auth::reject())
            }
        }
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<SshMsg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // One screen per connection. The channel object is not kept: what
        // arrives on it also arrives through the callbacks below, and an
        // unread channel would stall the connection once its queue fills.
        if self.channel.is_some() {
            reply
                .reject(ChannelOpenFailure::AdministrativelyProhibited)
                .await;
            return Ok(());
        }
        self.channel = Some(channel.id());
        drop(channel);
        reply.accept().await;
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        _term: &str,
        cols: u32,
        rows: u32,
        _pix_w: u32,
        _pix_h: u32,
        modes: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.size = Some(clamp_size(cols, rows));
        self.erase = modes
            .iter()
            .find(|(m, _)| *m == Pty::VERASE)
            .and_then(|(_, v)| u8::try_from(*v).ok());
        session.channel_success(channel)?;
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.tx.is_some() || self.exec_started {
            session.channel_failure(channel)?;
            return Ok(());
        }
        session.channel_success(channel)?;
        if let Err(msg) = self.start_session(channel, session) {
            self.refuse(channel, msg, session);
        }
        self.reach(Stage::Settled);
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        // `ssh host history --cluster 4`: one command, then the channel closes.
        let Some(who) = self.who.clone() else {
            session.channel_failure(channel)?;
            return Ok(());
        };
        if self.tx.is_some() || self.exec_started {
            session.channel_failure(channel)?;
            return Ok(());
        }
        session.channel_success(channel)?;
        self.exec_started = true;
        let run = Exec {
            shared: Arc::clone(&self.shared),
            actor: who.name,
            role: who.role,
            handle: session.handle(),
            channel,
            crlf: self.size.is_some(),
            peer: self.peer(),
        };
        self.exec_stdin = exec::start(run, data);
        self.reach(Stage::Settled);
        Ok(())
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        _channel: ChannelId,
        cols: u32,
        rows: u32,
        _pix_w: u32,
        _pix_h: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        let (w, h) = clamp_size(cols, rows);
        self.size = Some((w, h));
        self.send(SessionEvent::Resize(w, h));
        Ok(())
    }

    async fn data(
        &mut self,
        _channel: ChannelId,
        data: &[u8],
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if let Some(stdin) = &self.exec_stdin {
            // Waits while the command has not read what came before; once
            // it has finished, its input goes nowhere.
            if stdin.send(data.to_vec()).await.is_err() {
                self.exec_stdin = None;
            }
            return Ok(());
        }
        // Input before a session, or after it, goes nowhere.
        let (Some(tx), Some(inbox)) = (&self.tx, &self.inbox) else {
            return Ok(());
        };
        // Waiting here stops russh reading this connection: the client's
        // input waits in its own socket until the session catches up.
        match inbox.reserve(data.len(), self.socket.gone()).await {
            Room::Queued => {
                if tx.send(SessionEvent::Input(data.to_vec())).is_err() {
                    inbox.done(data.len());
                }
                Ok(())
            }
            Room::Closed => Ok(()),
            Room::Gone => {
                self.closed();
                Err(russh::Error::Disconnect)
            }
            Room::TooMuch => {
                let name = self.who.as_ref().map_or("?", |w| w.name.as_str());
                log(&format!(
                    "{name} disconnected from {}: sends input far faster than it reads its screen",
                    self.peer()
                ));
                self.closed();
                Err(russh::Error::Disconnect)
            }
        }
    }

    async fn channel_eof(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // A command reading its input has all of it.
        self.exec_stdin = None;
        self.closed();
        Ok(())
    }

    async fn channel_close(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.exec_stdin = None;
        self.closed();
        Ok(())
    }
}
