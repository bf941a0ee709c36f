//! `thidua serve`: one process owns the database and serves the TUI to every
//! SSH client, one `App` per session over the shared `Store`.
//!
//! Shape: an accept loop on tokio ([`accept`]) lets each TCP connection
//! through the [`gate`] and hands it to russh with a [`handler::Connection`];
//! a session's shell request starts an OS thread ([`session`]) that owns that
//! user's `App`; `ssh host command` runs one command of the command line
//! ([`exec`]). Store changes reach every session through the [`hub`]. See
//! `docs/serve.md`.

mod accept;
mod exec;
pub mod gate;
mod handler;
pub mod host_key;
pub mod hub;
pub mod inbox;
pub mod input;
mod peer;
pub mod running;
pub mod session;
pub mod users;

use crate::app::{Keymap, ThemeName};
use crate::i18n::{self, Lang};
use crate::store::Store;
use hub::Hub;
use russh::MethodKind;
use russh::server::Config;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// The server's settings, from the command line.
#[derive(Debug, Clone)]
pub struct Options {
    /// Where to listen.
    pub listen: SocketAddr,
    /// The users file.
    pub users: PathBuf,
    /// The host key file (created on first start).
    pub host_key: PathBuf,
    /// The most sessions at once.
    pub max_sessions: usize,
    /// Disconnect a session after this long without input; `None` never.
    pub idle: Option<Duration>,
    /// How long a failed authentication waits before it answers.
    pub auth_delay: Duration,
    /// The limits on connections not logged in yet.
    pub limits: gate::Limits,
    /// Bytes of input a session may have queued ([`inbox`]).
    pub input_budget: usize,
    /// The sessions' language.
    pub lang: Lang,
    /// The sessions' theme.
    pub theme: ThemeName,
}

/// What every connection shares.
pub struct Shared {
    store: Arc<Store>,
    users: Arc<users::UsersFile>,
    hub: Arc<Hub>,
    keymap: Arc<Keymap>,
    lang: Lang,
    theme: ThemeName,
    idle: Option<Duration>,
    input_budget: usize,
    grace: Duration,
    rt: tokio::runtime::Handle,
    /// Turns to run a command over SSH.
    execs: exec::Turns,
}

/// A line on the server's console. The server is run in a terminal at the
/// conference; what it prints is for the person who started it.
pub fn log(line: &str) {
    let now = crate::domain::Timestamp::now();
    eprintln!("[{now}] {line}");
}

/// How often the users file is checked for changes.
const USERS_FILE_CHECK: Duration = Duration::from_secs(1);

/// Runs the server until Ctrl-C: stops accepting, ends
/// every session with its screen restored, waits for them, flushes the
/// store. Returns an error line for the console when it cannot start.
pub fn run(store: Arc<Store>, keymap: Arc<Keymap>, options: Options) -> Result<(), String> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("ssh")
        .build()
        .map_err(|e| format!("cannot start the server's runtime: {e}"))?;
    let (key, created) = host_key::load_or_create(&options.host_key).map_err(|e| e.to_string())?;
    let fingerprint = host_key::fingerprint(&key);
    let lang = options.lang;
    let users = users::UsersFile::open(options.users.clone(), Arc::clone(&store))
        .map_err(|e| i18n::users::users_error(lang, &e))?;
    let users = Arc::new(users);
    let user_count = users.users().len();
    users
        .watch(USERS_FILE_CHECK, move |e| {
            log(&i18n::users::not_reloaded(lang, &e))
        })
        .map_err(|e| i18n::trf(lang, i18n::Msg::UfCannotWatch, &[&e]))?;
    let hub = Hub::new(options.max_sessions);
    hub::forward_changes(&store, Arc::clone(&hub), lang)
        .map_err(|e| format!("cannot start the change feed: {e}"))?;
    let shared = Arc::new(Shared {
        store: Arc::clone(&store),
        users,
        hub: Arc::clone(&hub),
        keymap,
        lang: options.lang,
        theme: options.theme,
        idle: options.idle,
        input_budget: options.input_budget,
        grace: options.limits.grace,
        rt: rt.handle().clone(),
        execs: exec::Turns::new(),
    });
    let config = Arc::new(Config {
        keys: vec![key],
        methods: russh::MethodSet::from(&[MethodKind::PublicKey][..]),
        auth_rejection_time: options.auth_delay,
        // OpenSSH opens with a "none" probe; answering it at once costs nothing.
        auth_rejection_time_initial: Some(Duration::ZERO),
        max_auth_attempts: 6,
        // The user's idle time is the app's business (our own screen updates
        // count as traffic); keepalives drop peers that vanished.
        inactivity_timeout: None,
        keepalive_interval: Some(Duration::from_secs(15)),
        keepalive_max: 3,
        nodelay: true,
        ..Default::default()
    });
    let listener = rt
        .block_on(tokio::net::TcpListener::bind(options.listen))
        .map_err(|e| format!("cannot listen on {}: {e}", options.listen))?;
    let local = listener
        .local_addr()
        .map_err(|e| format!("cannot listen on {}: {e}", options.listen))?;
    let stop = {
        let _inside = rt.enter();
        accept::stop_signal()
    };
    // A local command that finds the database held reads where to send it.
    // Written before the line that says the server is up: whoever stops it
    // on seeing that line must find the Ctrl-C handler in place, not a
    // write to disk still between them.
    let note = running::write(store.path(), local)
        .map_err(|e| {
            log(&format!(
                "{} not written ({e}); local commands will not be told the ssh command",
                running::path(store.path()).display()
            ))
        })
        .ok();
    log(&format!(
        "thidua serve on {local}; host key {fingerprint}{}; {user_count} users from {}; database {}",
        if created { " (new)" } else { "" },
        options.users.display(),
        store.path().display()
    ));
    let gate = gate::Gate::new(options.limits);
    let mut connections = rt.block_on(accept::accept_loop(listener, shared, config, gate, stop));
    log("stopping: closing sessions");
    hub.close();
    let left = hub.wait_empty(Duration::from_secs(5));
    if left > 0 {
        log(&format!("{left} sessions did not close in time"));
    }
    // The connections stay up until the clients have read their goodbye and
    // hung up; dropping them earlier would cut it off.
    rt.block_on(async {
        let all_done = async { while connections.join_next().await.is_some() {} };
        let _ = tokio::time::timeout(Duration::from_secs(2), all_done).await;
    });
    store
        .flush()
        .map_err(|e| format!("flushing the database failed: {e}"))?;
    // Every session has ended: this backup holds everything they saved. A
    // failure is in the database's log; stopping goes on.
    if let Some(path) = store.auto_backup() {
        log(&format!("automatic backup {}", path.display()));
    }
    rt.shutdown_timeout(Duration::from_secs(2));
    drop(note);
    log("stopped; the database is flushed");
    Ok(())
}
