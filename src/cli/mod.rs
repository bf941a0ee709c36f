//! Non-interactive commands. Output goes to stdout; errors go to stderr as
//! one line, with exit code 1 (2 when the database is held by another
//! process, or the command line is wrong).
//!
//! Every command on an open database runs through [`execute`], from the
//! local command line and over SSH (`thidua serve`, `serve::exec`) alike.

mod args;
mod backup;
mod bundle;
mod check;
mod criteria;
mod export;

pub use args::{AuditAction, BundleAction, Cli, Command, CriteriaAction, ExportWhat, ImportWhat};
pub use export::FormatArg;
mod history;
mod inherited;
mod init;
mod lookup;
mod names;
pub mod remote;
mod score_forms;
mod stats;
mod year;

use crate::domain::access::Role;
use crate::i18n::{Lang, Msg, tr, trf};
use crate::serve::gate::Limits;
use crate::store::{Store, StoreError};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The exit code of a database held by another process, and of a command
/// line that cannot run (clap's own code for a usage error).
pub const HELD_OR_USAGE: u8 = 2;

/// Who runs a command, and where its standard input comes from.
pub struct Caller<'a> {
    /// The name the audit log records for the command's writes.
    pub actor: &'a str,
    /// What they may change; the store checks it inside every write.
    pub role: &'a Role,
    /// Standard input, read for a file given as `-`.
    pub stdin: &'a mut dyn Read,
}

/// Whether a file argument names standard input or output.
pub fn is_std(path: &Path) -> bool {
    path.as_os_str() == "-"
}

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
    /// The error it came from, when `?` made it: said again in the user's
    /// language by [`Failure::in_language`], since its own text is English.
    pub cause: Option<Cause>,
}

/// An error a command met that has English text of its own.
#[derive(Debug)]
pub enum Cause {
    /// The store refused or failed.
    Store(StoreError),
    /// Reading or writing a file or stream failed.
    Io(std::io::ErrorKind, Option<i32>),
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Failure {
        let code = if matches!(e, StoreError::Locked { .. }) {
            HELD_OR_USAGE
        } else {
            1
        };
        Failure {
            message: e.to_string(),
            code,
            cause: Some(Cause::Store(e)),
        }
    }
}

impl Failure {
    /// A refusal already put into words, with exit status 1.
    pub fn plain(message: String) -> Failure {
        Failure {
            message,
            code: 1,
            cause: None,
        }
    }

    /// The refusal of a `--cluster` that names no cluster.
    fn no_cluster(lang: Lang, cluster: &str) -> Failure {
        Failure::plain(format!("{}: {cluster}", tr(lang, Msg::NoCluster)))
    }

    /// The failure in the user's language: a store or I/O error met through
    /// `?` is put into words again; a message already written is kept.
    pub fn in_language(self, lang: Lang, db: &Path) -> Failure {
        let message = match &self.cause {
            Some(Cause::Store(e)) => crate::explain::integrity::store_error(lang, db, e),
            Some(Cause::Io(kind, code)) => {
                let e = code.map_or_else(
                    || std::io::Error::from(*kind),
                    std::io::Error::from_raw_os_error,
                );
                crate::i18n::errors::io(lang, &e)
            }
            None => return self,
        };
        Failure { message, ..self }
    }

    /// A store error as one plain line in the user's language; sled's raw
    /// text, when there is one, goes to the database's log instead.
    pub fn store(lang: Lang, db: &std::path::Path, e: StoreError) -> Failure {
        let code = if matches!(e, StoreError::Locked { .. }) {
            HELD_OR_USAGE
        } else {
            1
        };
        Failure {
            message: crate::explain::integrity::store_error(lang, db, &e),
            code,
            cause: None,
        }
    }
}

/// A value printed as indented JSON, for another program to read.
fn print_json(out: &mut dyn Write, v: &impl serde::Serialize) -> Result<(), Failure> {
    let s = serde_json::to_string_pretty(v).map_err(|e| Failure::plain(e.to_string()))?;
    writeln!(out, "{s}")?;
    Ok(())
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure {
            message: e.to_string(),
            code: 1,
            cause: Some(Cause::Io(e.kind(), e.raw_os_error())),
        }
    }
}

/// The keymap: defaults plus the user's file. A broken file is reported
/// (file and line) and the defaults are used, so the program still opens.
pub fn load_keymap(
    file: Option<&std::path::Path>,
    lang: Lang,
) -> (crate::app::Keymap, Option<String>) {
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
        Err(e) => return (keymap, Some(crate::i18n::errors::io_at(lang, &path, &e))),
    };
    match keymap.apply_file(&path.display().to_string(), &text) {
        Ok(()) => (keymap, None),
        Err(e) => (crate::app::Keymap::default(), Some(e.explain(lang))),
    }
}

fn interactive(cli: &Cli) -> Result<(), Failure> {
    let (keymap, keymap_error) = load_keymap(cli.keymap.as_deref(), cli.lang);
    // The demo copy lives as long as this function: dropped (deleted) on exit.
    let (store, label, _demo_dir) = if cli.demo {
        let dir = tempfile::tempdir()?;
        let store = Store::open(&dir.path().join("db"))?;
        crate::demo::load(&store)?;
        let label = format!("{} (demo)", dir.path().join("db").display());
        (store, label, Some(dir))
    } else {
        let path = db_path(cli).map_err(|message| Failure {
            message,
            code: 1,
            cause: None,
        })?;
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
    let (keymap, keymap_error) = load_keymap(cli.keymap.as_deref(), cli.lang);
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
    crate::serve::run(store, std::sync::Arc::new(keymap), options).map_err(|message| Failure {
        message,
        code: 1,
        cause: None,
    })
}

/// Opens the database named on the command line, with automatic backups
/// after every lock and amendment (`--keep-backups`), whichever command
/// or session writes.
pub fn open_store(cli: &Cli) -> Result<Store, Failure> {
    let path = db_path(cli).map_err(|message| Failure {
        message,
        code: 1,
        cause: None,
    })?;
    let store = Store::open(&path).map_err(|e| Failure::store(cli.lang, &path, e))?;
    crate::backup::auto::enable(&store, cli.keep_backups);
    Ok(store)
}

/// Runs the command line and returns the exit code.
pub fn run(cli: Cli) -> ExitCode {
    // Not locked for the whole run: `serve`'s threads print to the console.
    let mut out = std::io::stdout();
    let mut err = std::io::stderr();
    ExitCode::from(dispatch(&cli, &mut out, &mut err))
}

/// Writes a failure to `err` as one line and gives its exit code.
fn report(f: &Failure, err: &mut dyn Write) -> u8 {
    // A closed pipe (`thidua history | head`) is not an error to report.
    if !f.message.contains("Broken pipe") {
        let _ = writeln!(err, "thidua: {}", f.message);
        let _ = err.flush();
    }
    f.code
}

fn finish(result: Result<(), Failure>, err: &mut dyn Write) -> u8 {
    match result {
        Ok(()) => 0,
        Err(f) => report(&f, err),
    }
}

/// The options of `thidua serve`, from its command line.
fn serve_options(cli: &Cli, command: &Command) -> Result<crate::serve::Options, Failure> {
    let Command::Serve {
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
    else {
        return Err(Failure {
            message: "not the serve command".into(),
            code: 1,
            cause: None,
        });
    };
    let beside = |name: &str| -> Result<PathBuf, Failure> {
        let db = db_path(cli).map_err(|message| Failure {
            message,
            code: 1,
            cause: None,
        })?;
        Ok(db.with_file_name(name))
    };
    Ok(crate::serve::Options {
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
        input_budget: usize::try_from(input_queue_kib.saturating_mul(1024)).unwrap_or(usize::MAX),
        lang: cli.lang,
        theme: cli.theme,
    })
}

/// The local command line: what opens the database its own way (the
/// interactive program, `serve`, `init`, `restore`, `check`) here, the rest
/// through [`execute`] as the local user, who owns the database.
fn dispatch(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let held = |f: Failure| remote::held_by_serve(cli, f);
    let Some(command) = &cli.command else {
        return finish(interactive(cli).map_err(held), err);
    };
    if let Command::Serve { .. } = command {
        let run = serve_options(cli, command).and_then(|options| serve(cli, options));
        return finish(run.map_err(held), err);
    }
    let path = match db_path(cli) {
        Ok(p) => p,
        Err(message) => {
            return report(
                &Failure {
                    message,
                    code: 1,
                    cause: None,
                },
                err,
            );
        }
    };
    // Only `init`, `restore`, `serve` and the interactive program may
    // create a database; anything else on a missing one would answer from
    // an empty database it had just made.
    if !matches!(command, Command::Init { .. } | Command::Restore { .. }) && !Store::exists(&path) {
        let shown = path.display();
        let message = trf(cli.lang, Msg::NoDatabase, &[&shown, &shown]);
        return report(
            &Failure {
                message,
                code: 1,
                cause: None,
            },
            err,
        );
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
    let done = match (command, checking) {
        (Command::Restore { file }, _) => Some(backup::restore(&path, file, cli.lang, out)),
        (_, Some(only_audit)) => Some(check::run(&path, only_audit, cli.lang, out)),
        _ => None,
    };
    if let Some(result) = done {
        return finish(result.map_err(held), err);
    }
    let store = match open_store(cli) {
        Ok(s) => s,
        Err(f) => return report(&held(f), err),
    };
    if let Command::Init { demo, registry } = command {
        return finish(init::run(&store, *demo, *registry, cli.lang, out), err);
    }
    let actor = crate::term::os_user();
    let mut stdin = std::io::stdin().lock();
    let mut caller = Caller {
        actor: &actor,
        role: &Role::Admin,
        stdin: &mut stdin,
    };
    execute(&store, cli.lang, &mut caller, command, out, err)
}

/// Runs a command on an open database for `caller`: one path for the local
/// command line and for commands over SSH. What it prints goes to `out`
/// (flushed before it returns); a failure goes to `err` as one line.
/// Returns the exit code.
pub fn execute(
    store: &Store,
    lang: Lang,
    caller: &mut Caller<'_>,
    command: &Command,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let ran = run_on(store, lang, caller, command, out);
    let flushed = out.flush().map_err(Failure::from);
    finish(
        ran.and(flushed)
            .map_err(|f| f.in_language(lang, store.path())),
        err,
    )
}

fn run_on(
    store: &Store,
    lang: Lang,
    caller: &mut Caller<'_>,
    command: &Command,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    match command {
        // These open a database of their own: never on an open one.
        Command::Serve { .. } | Command::Init { .. } | Command::Restore { .. } => Err(Failure {
            message: remote::local_only(command)
                .map_or_else(String::new, |m| tr(lang, m).to_string()),
            code: HELD_OR_USAGE,
            cause: None,
        }),
        Command::Backup { out: path } => backup::backup(store, path, lang, out),
        Command::Dump { json: _, out: path } => backup::dump(store, path.as_deref(), lang, out),
        Command::History {
            cluster,
            year: Some(year),
            json,
        } => year::run(store, cluster.as_deref(), *year, *json, lang, out),
        Command::History {
            cluster,
            year: None,
            json,
        } => history::run(store, cluster.as_deref(), *json, lang, out),
        Command::Decide {
            year,
            number,
            date,
            awards,
        } => year::decide(store, *year, number, date, awards, lang, caller, out),
        Command::Stats {
            school,
            cluster,
            json,
        } => stats::run(
            store,
            school.as_deref(),
            cluster.as_deref(),
            *json,
            lang,
            out,
        ),
        Command::Lookup { text, json } => lookup::run(store, &text.join(" "), *json, lang, out),
        Command::Check => check::live(store, false, lang, out),
        Command::Audit {
            action: AuditAction::Verify,
        } => check::live(store, true, lang, out),
        Command::Audit {
            action: AuditAction::Head,
        } => check::audit_head(store, lang, out),
        Command::Criteria {
            action:
                CriteriaAction::Import {
                    year,
                    cluster,
                    replace,
                    file,
                },
        } => criteria::import(
            store,
            cluster.as_deref(),
            *year,
            file,
            *replace,
            lang,
            caller,
            out,
        ),
        Command::Criteria {
            action:
                CriteriaAction::Export {
                    year,
                    cluster,
                    out: path,
                },
        } => criteria::export(store, cluster.as_deref(), *year, path, lang, out),
        Command::Export { what } => export::run(store, what, lang, out),
        Command::Import {
            what: ImportWhat::Scores { files, yes },
        } => score_forms::import(store, files, *yes, lang, out),
        Command::Bundle {
            action:
                BundleAction::Export {
                    cluster,
                    year,
                    out: path,
                },
        } => bundle::export(store, cluster, *year, path, lang, out),
        Command::Bundle {
            action: BundleAction::Import { file, yes },
        } => bundle::import(store, file, *yes, lang, caller, out),
    }
}
