//! Non-interactive commands. Output goes to stdout; errors go to stderr as
//! one line, with exit code 1 (2 when the database is held by another process).

mod args;
mod backup;
mod check;
mod criteria;
mod export;

pub use args::{AuditAction, Cli, Command, CriteriaAction, ExportWhat};
pub use export::FormatArg;
mod history;
mod init;
mod lookup;
mod names;

use crate::i18n::Lang;
use crate::serve::gate::Limits;
use crate::store::{Store, StoreError};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// The database folder: `--db`, else `$THIDUA_DB` (both via clap), else the
/// platform's data folder.
pub fn db_path(cli: &Cli) -> Result<PathBuf, String> {
    if let Some(p) = &cli.db {
        return Ok(p.clone());
    }
    directories::ProjectDirs::from("vn", "thidua", "thidua")
        .map(|d| d.data_dir().join("db"))
        .ok_or_else(|| "no home folder found; give the database with --db PATH".to_string())
}

/// Why a command failed, and the exit code that goes with it.
#[derive(Debug)]
pub struct Failure {
    /// One line for stderr.
    pub message: String,
    /// The process exit code.
    pub code: u8,
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Failure {
        let code = if matches!(e, StoreError::Locked { .. }) {
            2
        } else {
            1
        };
        Failure {
            message: e.to_string(),
            code,
        }
    }
}

impl Failure {
    /// A store error as one plain line in the user's language; sled's raw
    /// text, when there is one, goes to the database's log instead.
    pub fn store(lang: Lang, db: &std::path::Path, e: StoreError) -> Failure {
        if let StoreError::Io(raw) = &e {
            crate::store::safety::log_detail(db, raw);
        }
        let code = if matches!(e, StoreError::Locked { .. }) {
            2
        } else {
            1
        };
        Failure {
            message: crate::explain::integrity::store_error(lang, db, &e),
            code,
        }
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure {
            message: e.to_string(),
            code: 1,
        }
    }
}

/// The keymap: defaults plus the user's file. A broken file is reported
/// (file and line) and the defaults are used, so the program still opens.
pub fn load_keymap(file: Option<&std::path::Path>) -> (crate::app::Keymap, Option<String>) {
    let mut keymap = crate::app::Keymap::default();
    let path = file
        .map(std::path::Path::to_path_buf)
        .or_else(crate::app::Keymap::user_file);
    let Some(path) = path else {
        return (keymap, None);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && file.is_none() => {
            return (keymap, None);
        }
        Err(e) => return (keymap, Some(format!("{}: {e}", path.display()))),
    };
    match keymap.apply_file(&path.display().to_string(), &text) {
        Ok(()) => (keymap, None),
        Err(e) => (crate::app::Keymap::default(), Some(e.to_string())),
    }
}

fn interactive(cli: &Cli) -> Result<(), Failure> {
    let (keymap, keymap_error) = load_keymap(cli.keymap.as_deref());
    // The demo copy lives as long as this function: dropped (deleted) on exit.
    let (store, label, _demo_dir) = if cli.demo {
        let dir = tempfile::tempdir()?;
        let store = Store::open(&dir.path().join("db"))?;
        crate::demo::load(&store)?;
        let label = format!("{} (demo)", dir.path().join("db").display());
        (store, label, Some(dir))
    } else {
        let path = db_path(cli).map_err(|message| Failure { message, code: 1 })?;
        let store = open_store(cli)?;
        (store, path.display().to_string(), None)
    };
    let settings = crate::app::Settings {
        lang: cli.lang,
        theme: cli.theme,
        actor: crate::term::os_user(),
        db_label: label,
        role: Default::default(),
    };
    let store = std::sync::Arc::new(store);
    crate::term::run(
        store.clone(),
        std::sync::Arc::new(keymap),
        settings,
        keymap_error,
    )?;
    store.flush()?;
    Ok(())
}

/// `thidua serve`, on the database or (with `--demo`) a temporary demo copy.
fn serve(cli: &Cli, options: crate::serve::Options) -> Result<(), Failure> {
    let (keymap, keymap_error) = load_keymap(cli.keymap.as_deref());
    if let Some(e) = keymap_error {
        crate::serve::log(&format!("keymap not used: {e}"));
    }
    let (store, _demo_dir) = if cli.demo {
        let dir = tempfile::tempdir()?;
        let store = Store::open(&dir.path().join("db"))?;
        crate::demo::load(&store)?;
        (store, Some(dir))
    } else {
        (open_store(cli)?, None)
    };
    let store = std::sync::Arc::new(store);
    crate::serve::run(store, std::sync::Arc::new(keymap), options)
        .map_err(|message| Failure { message, code: 1 })
}

/// Opens the database named on the command line, with automatic backups
/// after every lock and amendment (`--keep-backups`), whichever command
/// or session writes.
pub fn open_store(cli: &Cli) -> Result<Store, Failure> {
    let path = db_path(cli).map_err(|message| Failure { message, code: 1 })?;
    let store = Store::open(&path).map_err(|e| Failure::store(cli.lang, &path, e))?;
    crate::backup::auto::enable(&store, cli.keep_backups);
    Ok(store)
}

/// Runs the command line and returns the exit code.
pub fn run(cli: Cli) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match dispatch(&cli, &mut out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            // A closed pipe (`thidua history | head`) is not an error to report.
            if !f.message.contains("Broken pipe") {
                eprintln!("thidua: {}", f.message);
            }
            ExitCode::from(f.code)
        }
    }
}

fn dispatch(cli: &Cli, out: &mut dyn Write) -> Result<(), Failure> {
    let Some(command) = &cli.command else {
        return interactive(cli);
    };
    if let Command::Serve {
        listen,
        users,
        host_key,
        max_sessions,
        idle_minutes,
        idle_seconds,
        login_grace_seconds,
        max_startups,
        per_source_max_startups,
        block_after_failures,
        block_seconds,
        input_queue_kib,
    } = command
    {
        let beside = |name: &str| -> Result<PathBuf, Failure> {
            let db = db_path(cli).map_err(|message| Failure { message, code: 1 })?;
            Ok(db.with_file_name(name))
        };
        let options = crate::serve::Options {
            listen: *listen,
            users: match users {
                Some(p) => p.clone(),
                None => beside("users.toml")?,
            },
            host_key: match host_key {
                Some(p) => p.clone(),
                None => beside("ssh_host_ed25519_key")?,
            },
            max_sessions: *max_sessions,
            idle: Some(idle_seconds.unwrap_or(idle_minutes.saturating_mul(60)))
                .filter(|s| *s > 0)
                .map(std::time::Duration::from_secs),
            auth_delay: std::time::Duration::from_secs(1),
            limits: Limits {
                grace: std::time::Duration::from_secs(*login_grace_seconds),
                startups: *max_startups,
                per_source: usize::try_from(*per_source_max_startups).unwrap_or(usize::MAX),
                block_after: *block_after_failures,
                block_for: std::time::Duration::from_secs(*block_seconds),
            },
            input_budget: usize::try_from(input_queue_kib.saturating_mul(1024))
                .unwrap_or(usize::MAX),
            lang: cli.lang,
            theme: cli.theme,
        };
        return serve(cli, options);
    }
    // Only `init`, `restore`, `serve` and the interactive program may
    // create a database; anything else on a missing one would answer from
    // an empty database it had just made.
    if !matches!(
        command,
        Command::Init { .. } | Command::Restore { .. } | Command::Serve { .. }
    ) {
        let path = db_path(cli).map_err(|message| Failure { message, code: 1 })?;
        if !Store::exists(&path) {
            let shown = path.display();
            return Err(Failure {
                message: crate::i18n::trf(
                    cli.lang,
                    crate::i18n::Msg::NoDatabase,
                    &[&shown, &shown],
                ),
                code: 1,
            });
        }
    }
    if let Command::Restore { file } = command {
        let path = db_path(cli).map_err(|message| Failure { message, code: 1 })?;
        return backup::restore(&path, file, cli.lang, out);
    }
    // Checking opens the database its own way: it reports a database that
    // could not be used instead of refusing it.
    let checking = match command {
        Command::Check => Some(false),
        Command::Audit {
            action: AuditAction::Verify,
        } => Some(true),
        _ => None,
    };
    if let Some(only_audit) = checking {
        let path = db_path(cli).map_err(|message| Failure { message, code: 1 })?;
        return check::run(&path, only_audit, cli.lang, out);
    }
    let store = open_store(cli)?;
    let lang = cli.lang;
    match command {
        // Handled above: the server and a restore open the store themselves.
        Command::Serve { .. } | Command::Restore { .. } => Ok(()),
        Command::Backup { out: path } => backup::backup(&store, path, lang, out),
        Command::Dump { json: _, out: path } => backup::dump(&store, path.as_deref(), lang, out),
        Command::Init { demo } => init::run(&store, *demo, lang, out),
        Command::History { cluster, json } => {
            history::run(&store, cluster.as_deref(), *json, lang, out)
        }
        Command::Lookup { text, json } => lookup::run(&store, &text.join(" "), *json, lang, out),
        // Handled above: checking opens the store itself.
        Command::Check
        | Command::Audit {
            action: AuditAction::Verify,
        } => Ok(()),
        Command::Audit {
            action: AuditAction::Head,
        } => check::audit_head(&store, lang, out),
        Command::Criteria {
            action:
                CriteriaAction::Import {
                    year,
                    cluster,
                    replace,
                    file,
                },
        } => criteria::import(&store, cluster.as_deref(), *year, file, *replace, lang, out),
        Command::Criteria {
            action:
                CriteriaAction::Export {
                    year,
                    cluster,
                    out: path,
                },
        } => criteria::export(&store, cluster.as_deref(), *year, path, lang, out),
        Command::Export { what } => export::run(&store, what, lang, out),
    }
}
