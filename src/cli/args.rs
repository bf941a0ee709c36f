//! The command line's arguments, as clap parses them.

use super::FormatArg;
use crate::i18n::Lang;
use crate::serve::gate::{Limits, Startups};
use clap::{Parser, Subcommand};
use std::path::PathBuf;

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
        /// Load the reference registry: every provincial school before and
        /// after the 1 July 2025 merger, with the mergers and honorific
        /// names. On an existing database it adds what is missing and
        /// reports what differs, never overwriting.
        #[arg(long)]
        registry: bool,
    },
    /// Each cluster's heads, deputies, flag holders and awards, year by year.
    History {
        /// Only this cluster: its number (4) or part of its name, accents optional.
        #[arg(long, value_name = "NUMBER|NAME")]
        cluster: Option<String>,
        /// The Academy's year: every cluster's head and deputies, proposals
        /// (with their ids, for `decide`), decisions, meetings and sheet.
        #[arg(long, value_name = "YEAR")]
        year: Option<u16>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Record one decision of the Academy (number and date) on several
    /// proposals of a year at once; all or none are written.
    Decide {
        /// The year of the proposals.
        #[arg(long, value_name = "YEAR")]
        year: u16,
        /// The decision's number, e.g. 123-QĐ/HVCTQG.
        #[arg(long, value_name = "NUMBER")]
        number: String,
        /// The decision's date, dd/mm/yyyy.
        #[arg(long, value_name = "DD/MM/YYYY")]
        date: String,
        /// The proposals' ids, as `history --year` lists them.
        #[arg(required = true, num_args = 1.., value_name = "AWARD")]
        awards: Vec<u64>,
    },
    /// History at a glance: a school's years as head and deputy, awards,
    /// rank and total (with its predecessors', marked inherited), or a
    /// cluster's heads year by year, counts and next candidates.
    #[command(group(clap::ArgGroup::new("whose").required(true).args(["school", "cluster"])))]
    Stats {
        /// A school: any of its names, accents optional.
        #[arg(long, value_name = "NAME")]
        school: Option<String>,
        /// A cluster: its number (4) or part of its name.
        #[arg(long, value_name = "NUMBER|NAME")]
        cluster: Option<String>,
        /// Print JSON instead of text.
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
    /// Write a cluster's year to a file: the score sheet with its ballots and
    /// outcomes, or one of the conference's Word documents (minutes, tally,
    /// proposal, ballot papers).
    Export {
        /// What to export.
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// A cluster's year as one file for the Academy, and its import
    /// (docs/bundle.md).
    Bundle {
        /// Export or import.
        #[command(subcommand)]
        action: BundleAction,
    },
    /// Read files back in: filled score forms.
    Import {
        /// What to import.
        #[command(subcommand)]
        what: ImportWhat,
    },
}

/// `thidua bundle …`
#[derive(Debug, Subcommand)]
pub enum BundleAction {
    /// Write a cluster's year (sheet, criteria table, ballots, proposals,
    /// next year's term, meetings and their people, the audit log) to one
    /// sealed file.
    Export {
        /// The cluster: its number or part of its name.
        #[arg(long, value_name = "NUMBER|NAME")]
        cluster: String,
        /// The year.
        #[arg(long)]
        year: u16,
        /// The file to write, or - for standard output.
        #[arg(long, value_name = "FILE|-")]
        out: PathBuf,
    },
    /// Read a bundle: shows what is new, the same and conflicting, and
    /// writes it in one transaction once confirmed.
    Import {
        /// The bundle file, or - for standard input.
        file: PathBuf,
        /// Write without asking (needed when standard input is not a terminal).
        #[arg(long)]
        yes: bool,
    },
}

/// `thidua import …`
#[derive(Debug, Subcommand)]
pub enum ImportWhat {
    /// Self-scores from filled score forms (.xlsx, or folders of them):
    /// every value is checked, the changes are shown, and each school's
    /// scores are written in one transaction once confirmed (docs/score-forms.md).
    Scores {
        /// The forms, or folders holding them.
        #[arg(required = true, num_args = 1.., value_name = "FILE|DIR")]
        files: Vec<PathBuf>,
        /// Write without asking (needed when standard input is not a terminal).
        #[arg(long)]
        yes: bool,
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
        /// The CSV file, or - for standard input.
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
        /// The file to write, or - for standard output.
        #[arg(long, value_name = "FILE|-")]
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
        format: FormatArg,
        /// The file to write, or - for standard output.
        #[arg(long, value_name = "FILE|-")]
        out: PathBuf,
    },
    /// One score form (.xlsx) per member school of the sheet, for each
    /// school to fill in its self-scores (docs/score-forms.md).
    ScoreForms {
        /// The cluster: its number or part of its name.
        #[arg(long, value_name = "NUMBER|NAME")]
        cluster: String,
        /// The year scored.
        #[arg(long)]
        year: u16,
        /// The folder to write the forms into (made if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// The minutes of the year-end conference (biên bản), as a Word document.
    Minutes(DocumentArgs),
    /// The ballot-count minutes (biên bản kiểm phiếu), one per vote, as a Word document.
    Tally(DocumentArgs),
    /// The proposal to the Academy (tờ trình): awards and next year's head and deputies.
    Proposal(DocumentArgs),
    /// Blank ballot papers (phiếu bầu) for every question, to print before the vote.
    Ballots(DocumentArgs),
}

/// Which cluster-year a document is for, and where it goes.
#[derive(Debug, clap::Args)]
pub struct DocumentArgs {
    /// The cluster: its number or part of its name.
    #[arg(long, value_name = "NUMBER|NAME")]
    pub cluster: String,
    /// The year of the conference.
    #[arg(long)]
    pub year: u16,
    /// The .docx file to write.
    #[arg(long, value_name = "FILE.docx")]
    pub out: PathBuf,
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
