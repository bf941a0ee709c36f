//! Non-interactive commands. Output goes to stdout; errors go to stderr as
//! one line, with exit code 1 (2 when the database is held by another process).

mod backup;
mod check;
mod criteria;
mod export;

pub use export::FormatArg;
mod history;
mod init;
mod lookup;
mod names;

use crate::i18n::Lang;
use crate::serve::gate::{Limits, Startups};
use crate::store::{Store, StoreError};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Records of the political schools' emulation clusters (cụm thi đua).
#[derive(Debug, Parser)]
#[command(name = "thidua", version, about, long_about = None)]
pub struct Cli {
    /// The database folder. Default: $THIDUA_DB, else the platform's data folder.
    #[arg(long, global = true, env = "THIDUA_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Language of the output: vi (default) or en.
    #[arg(long, global = true, value_name = "vi|en", default_value = "vi", value_parser = parse_lang)]
    pub lang: Lang,

    /// Open the interactive program on a fresh copy of the demo data, in a
    /// temporary folder; your own database is not touched.
    #[arg(long)]
    pub demo: bool,

    /// Colour theme of the interactive program: dark, light or contrast.
    #[arg(long, value_name = "dark|light|contrast", default_value = "dark", value_parser = parse_theme)]
    pub theme: crate::app::ThemeName,

    /// A keymap file to use instead of the one in the config folder.
    #[arg(long, value_name = "FILE")]
    pub keymap: Option<PathBuf>,

    /// How many automatic backups to keep in DB.backups/ beside the
    /// database: one is written after every lock of a score sheet, every
    /// amendment of a locked year, and when `serve` stops; 0 writes none
    /// (docs/backup.md).
    #[arg(long, global = true, value_name = "N", default_value_t = crate::backup::auto::DEFAULT_KEEP)]
    pub keep_backups: usize,

    /// What to do; without one, the interactive program opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a database, optionally with the demo data from the source articles.
    Init {
        /// Load the demo data set.
        #[arg(long)]
        demo: bool,
    },
    /// Each cluster's heads, deputies, flag holders and awards, year by year.
    History {
        /// Only this cluster: its number (4) or part of its name, accents optional.
        #[arg(long, value_name = "NUMBER|NAME")]
        cluster: Option<String>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Find schools (by any name, past or honorific), clusters, meetings and people.
    Lookup {
        /// What to look for; accents are optional (`ha nam` finds Hà Nam).
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// The audit log of every change.
    Audit {
        /// What to do with it.
        #[command(subcommand)]
        action: AuditAction,
    },
    /// Prove the database whole: every page readable, the audit log unbroken
    /// and as long as last saved, every record equal to its last copy in the
    /// log, the indexes equal to the records (docs/integrity.md).
    Check,
    /// The year's criteria table as CSV (columns in docs/criteria-csv.md).
    Criteria {
        /// Import or export.
        #[command(subcommand)]
        action: CriteriaAction,
    },
    /// Serve the interactive program to several users over SSH, from this one
    /// process that holds the database (see docs/serve.md).
    Serve {
        /// Address and port to listen on. Loopback unless you name another
        /// address, e.g. 0.0.0.0:2222 to let the delegates' laptops connect.
        #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:2222")]
        listen: std::net::SocketAddr,
        /// The users file: keys, names and roles (docs/users-file.md).
        /// Default: users.toml beside the database folder.
        #[arg(long, value_name = "FILE")]
        users: Option<PathBuf>,
        /// The server's host key, created on first start and kept.
        /// Default: ssh_host_ed25519_key beside the database folder.
        #[arg(long, value_name = "FILE")]
        host_key: Option<PathBuf>,
        /// The most sessions at once.
        #[arg(long, value_name = "N", default_value_t = 100)]
        max_sessions: usize,
        /// Disconnect a session after this many minutes without a key; 0 never.
        #[arg(long, value_name = "MINUTES", default_value_t = 120)]
        idle_minutes: u64,
        /// The idle timeout in seconds, overriding --idle-minutes (for tests).
        #[arg(long, value_name = "SECONDS", hide = true)]
        idle_seconds: Option<u64>,
        /// Close a connection that has not logged in and asked for its
        /// session within this many seconds.
        #[arg(long, value_name = "SECONDS", default_value_t = Limits::default().grace.as_secs(),
              value_parser = clap::value_parser!(u64).range(1..))]
        login_grace_seconds: u64,
        /// Connections not logged in yet, as OpenSSH's MaxStartups: from START
        /// on, new ones are dropped at random (RATE %, rising to 100 % at FULL).
        #[arg(long, value_name = "START:RATE:FULL", default_value_t = Limits::default().startups)]
        max_startups: Startups,
        /// Connections not logged in yet from one address.
        #[arg(long, value_name = "N", default_value_t = Limits::default().per_source as u64,
              value_parser = clap::value_parser!(u64).range(1..))]
        per_source_max_startups: u64,
        /// Refuse an address's connections for a while after this many failed
        /// logins from it; 0 never.
        #[arg(long, value_name = "N", default_value_t = Limits::default().block_after)]
        block_after_failures: u32,
        /// How long the first such block lasts; each further one lasts twice
        /// as long, up to 10 minutes.
        #[arg(long, value_name = "SECONDS", default_value_t = Limits::default().block_for.as_secs(),
              value_parser = clap::value_parser!(u64).range(1..))]
        block_seconds: u64,
        /// A session's input queue in KiB (for tests).
        #[arg(long, value_name = "KIB", hide = true,
              default_value_t = (crate::serve::inbox::DEFAULT_BUDGET / 1024) as u64,
              value_parser = clap::value_parser!(u64).range(1..))]
        input_queue_kib: u64,
    },
    /// Write the whole database to one backup file: a zip of JSON with a
    /// checksum manifest, consistent to one moment (docs/backup.md).
    Backup {
        /// The file to write, or - for standard output.
        #[arg(long, value_name = "FILE|-")]
        out: PathBuf,
    },
    /// Recreate a database from a backup, into a new or empty --db folder,
    /// after checking the whole backup; a damaged one writes nothing.
    Restore {
        /// The backup file.
        file: PathBuf,
    },
    /// Every record as JSON, one array per kind (format in docs/backup.md).
    Dump {
        /// Write JSON (the only format).
        #[arg(long, required = true)]
        json: bool,
        /// The file to write, or - for standard output (the default).
        #[arg(long, value_name = "FILE|-")]
        out: Option<PathBuf>,
    },
    /// Write a cluster's score sheet, ballots and outcomes to a file.
    Export {
        /// What to export.
        #[command(subcommand)]
        what: ExportWhat,
    },
}

/// `thidua criteria …`
#[derive(Debug, Subcommand)]
pub enum CriteriaAction {
    /// Read a criteria table from a CSV file.
    Import {
        /// The year it applies to.
        #[arg(long)]
        year: u16,
        /// Only for this cluster (number or name); otherwise Academy-wide.
        #[arg(long, value_name = "NUMBER|NAME")]
        cluster: Option<String>,
        /// Replace the year's existing table (refused if a locked sheet uses it).
        #[arg(long)]
        replace: bool,
        /// The CSV file.
        file: PathBuf,
    },
    /// Write a year's criteria table to a CSV file, to edit and import for another year.
    Export {
        /// The year.
        #[arg(long)]
        year: u16,
        /// The cluster (number or name); its own table, else the Academy-wide one.
        #[arg(long, value_name = "NUMBER|NAME")]
        cluster: Option<String>,
        /// The file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

/// `thidua export …`
#[derive(Debug, Subcommand)]
pub enum ExportWhat {
    /// The score sheet of a cluster and year, with its ballots and outcomes.
    Sheet {
        /// The cluster: its number or part of its name.
        #[arg(long, value_name = "NUMBER|NAME")]
        cluster: String,
        /// The year scored.
        #[arg(long)]
        year: u16,
        /// csv, xlsx, md (sheet) or minutes (the conference's biên bản, Markdown).
        #[arg(long, value_enum)]
        format: export::FormatArg,
        /// The file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

/// `thidua audit …`
#[derive(Debug, Subcommand)]
pub enum AuditAction {
    /// Verify the hash chain: an edited, removed or reordered entry is reported.
    Verify,
    /// Print the chain's head: the hash of its last entry and its length.
    Head,
}

fn parse_theme(s: &str) -> Result<crate::app::ThemeName, String> {
    crate::app::ThemeName::parse(s)
        .ok_or_else(|| format!("`{s}` is not a theme; use dark, light or contrast"))
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("`{s}` is not a language; use vi or en"))
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
        Command::Export {
            what:
                ExportWhat::Sheet {
                    cluster,
                    year,
                    format,
                    out: path,
                },
        } => export::run(&store, cluster, *year, *format, path, lang, out),
    }
}
