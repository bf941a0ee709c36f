//! Commands over SSH (`ssh -p 2222 host history --cluster 4`): which
//! command lines run inside `thidua serve`, for whom, and the `ssh` line a
//! local command is pointed to when the server holds the database.
//!
//! The command runs through [`super::execute`] like a local one; only what
//! makes no sense on the server's open database is refused here (`serve`,
//! `init`, `restore`, the interactive program, `--db`), and what a role may
//! not do (the rules are in `domain::access`).

use super::{
    BundleAction, Cli, Command, CriteriaAction, ExportWhat, Failure, HELD_OR_USAGE, is_std,
};
use crate::domain::access::{self, Intent, Role};
use crate::i18n::{Lang, Msg, tr, trf};
use clap::parser::ValueSource;
use clap::{CommandFactory, FromArgMatches};
use std::ffi::OsString;
use std::path::Path;

/// The longest command line taken, in bytes.
pub const MAX_LINE: usize = 8 * 1024;

/// The options of the local command line that the server decides for
/// itself: its database, demo, theme, keymap and backups.
const SERVER_OPTIONS: [(&str, &str); 5] = [
    ("db", "--db"),
    ("demo", "--demo"),
    ("theme", "--theme"),
    ("keymap", "--keymap"),
    ("keep_backups", "--keep-backups"),
];

/// What to do with a command line received over SSH.
#[derive(Debug)]
pub enum Plan {
    /// Run the command, in this language; `stdin` when it reads its file
    /// from standard input.
    Run {
        /// The command.
        command: Command,
        /// The language of its output.
        lang: Lang,
        /// Whether it reads standard input.
        stdin: bool,
    },
    /// Answer without running anything: a refusal, clap's error or help.
    Answer {
        /// The text, ending in a newline.
        text: String,
        /// Whether it goes to standard output (help) or standard error.
        stdout: bool,
        /// The exit status.
        code: u8,
    },
}

fn refuse(text: &str, code: u8) -> Plan {
    Plan::Answer {
        text: format!("thidua: {text}\n"),
        stdout: false,
        code,
    }
}

/// The message for a command that opens a database of its own, and so
/// never runs on an open one: `serve`, `init`, `restore`.
pub fn local_only(command: &Command) -> Option<Msg> {
    match command {
        Command::Serve { .. } => Some(Msg::ExecServe),
        Command::Init { .. } => Some(Msg::ExecInit),
        Command::Restore { .. } => Some(Msg::ExecRestore),
        _ => None,
    }
}

/// What a command does that a role may not be allowed, each with the hint
/// that goes with its refusal: every command that reads the whole database
/// at one moment, and every file on the server's disk it reads or writes
/// (`-` is the SSH channel, which anyone may use).
fn intents(command: &Command) -> Vec<(Intent, Option<Msg>)> {
    let write =
        |path: &Path| (!is_std(path)).then_some((Intent::WriteFile, Some(Msg::ExecOutHint)));
    let read = |path: &Path| (!is_std(path)).then_some((Intent::ReadFile, Some(Msg::ExecInHint)));
    let whole = (Intent::Whole, None);
    match command {
        Command::Serve { .. } | Command::Init { .. } | Command::Restore { .. } => Vec::new(),
        Command::History { .. }
        | Command::Lookup { .. }
        | Command::Stats { .. }
        | Command::Decide { .. } => Vec::new(),
        Command::Audit {
            action: super::AuditAction::Head,
        } => Vec::new(),
        Command::Check
        | Command::Audit {
            action: super::AuditAction::Verify,
        } => vec![whole],
        Command::Backup { out } => [Some(whole), write(out)].into_iter().flatten().collect(),
        Command::Dump { out, .. } => [Some(whole), out.as_deref().and_then(write)]
            .into_iter()
            .flatten()
            .collect(),
        Command::Criteria {
            action: CriteriaAction::Import { file, .. },
        } => read(file).into_iter().collect(),
        Command::Criteria {
            action: CriteriaAction::Export { out, .. },
        } => write(out).into_iter().collect(),
        Command::Export {
            what: ExportWhat::Sheet { out, .. },
        } => write(out).into_iter().collect(),
        Command::Export {
            what: ExportWhat::ScoreForms { out, .. },
        } => write(out).into_iter().collect(),
        Command::Export {
            what:
                ExportWhat::Minutes(a)
                | ExportWhat::Tally(a)
                | ExportWhat::Proposal(a)
                | ExportWhat::Ballots(a),
        } => write(&a.out).into_iter().collect(),
        Command::Import {
            what: super::ImportWhat::Scores { files, .. },
        } => files.iter().filter_map(|f| read(f)).collect(),
        // The bundle carries the whole audit log, every user's name in it,
        // read at one moment: as a backup does.
        Command::Bundle {
            action: BundleAction::Export { out, .. },
        } => [Some(whole), write(out)].into_iter().flatten().collect(),
        // A write: each record's change is checked against the role inside
        // the import's transaction, as every write is.
        Command::Bundle {
            action: BundleAction::Import { file, .. },
        } => read(file).into_iter().collect(),
    }
}

/// Whether the command reads its file from standard input.
fn reads_stdin(command: &Command) -> bool {
    matches!(
        command,
        Command::Criteria {
            action: CriteriaAction::Import { file, .. },
        } | Command::Bundle {
            action: BundleAction::Import { file, .. },
        } if is_std(file)
    )
}

/// Reads a command line sent with `ssh host …` for a user with `role`:
/// split into words as a shell would (quotes, backslashes), parsed by the
/// same clap as the local command line, and checked against what runs on
/// the server and what the role may do. `lang` is the server's language,
/// used unless the line says `--lang`.
pub fn plan(line: &[u8], role: &Role, lang: Lang) -> Plan {
    if line.len() > MAX_LINE {
        return refuse(
            &trf(lang, Msg::ExecTooLong, &[&line.len(), &MAX_LINE]),
            HELD_OR_USAGE,
        );
    }
    let Ok(line) = std::str::from_utf8(line) else {
        return refuse(tr(lang, Msg::ExecNotUtf8), HELD_OR_USAGE);
    };
    let Some(words) = shlex::split(line) else {
        return refuse(tr(lang, Msg::ExecQuotes), HELD_OR_USAGE);
    };
    let argv = std::iter::once("thidua".to_string()).chain(words);
    let parsed = Cli::command()
        .try_get_matches_from(argv)
        .and_then(|m| Cli::from_arg_matches(&m).map(|cli| (m, cli)));
    let (matches, cli) = match parsed {
        Ok(p) => p,
        Err(e) => {
            return Plan::Answer {
                text: e.render().to_string(),
                stdout: !e.use_stderr(),
                code: u8::try_from(e.exit_code()).unwrap_or(HELD_OR_USAGE),
            };
        }
    };
    // Given on this line, not taken from the server's own environment
    // (`THIDUA_DB`) or defaults.
    let given = |id: &str| matches.value_source(id) == Some(ValueSource::CommandLine);
    let lang = if given("lang") { cli.lang } else { lang };
    if let Some((_, flag)) = SERVER_OPTIONS.iter().find(|(id, _)| given(id)) {
        return refuse(&trf(lang, Msg::ExecOption, &[flag]), HELD_OR_USAGE);
    }
    let Some(command) = cli.command else {
        return refuse(tr(lang, Msg::ExecInteractive), HELD_OR_USAGE);
    };
    if let Some(msg) = local_only(&command) {
        return refuse(tr(lang, msg), HELD_OR_USAGE);
    }
    for (intent, hint) in intents(&command) {
        if let Err(r) = access::allow(role, intent) {
            let why = crate::i18n::errors::refusal(lang, r);
            let text = match hint {
                Some(h) => format!("{why}; {}", tr(lang, h)),
                None => why.to_string(),
            };
            return refuse(&text, 1);
        }
    }
    let stdin = reads_stdin(&command);
    Plan::Run {
        command,
        lang,
        stdin,
    }
}

/// A failure of the local command line, pointed at the server when the
/// database is held by a running `thidua serve`: its one line gives the
/// `ssh` command that does the same through the server.
pub fn held_by_serve(cli: &Cli, f: Failure) -> Failure {
    if f.code != HELD_OR_USAGE {
        return f;
    }
    let Some(running) = super::db_path(cli)
        .ok()
        .and_then(|db| crate::serve::running::read(&db).map(|r| (db, r)))
    else {
        return f;
    };
    let (db, running) = running;
    let (shown, port) = (db.display(), running.listen.port());
    let message = match &cli.command {
        None => trf(
            cli.lang,
            Msg::ServeHoldsOpen,
            &[&shown, &port, &running.ssh(true)],
        ),
        Some(c) if local_only(c).is_some() => trf(cli.lang, Msg::ServeHoldsStop, &[&shown, &port]),
        Some(c) => {
            let args: Vec<OsString> = std::env::args_os().skip(1).collect();
            let line = format!("{} {}", running.ssh(false), remote_words(&args, c));
            trf(cli.lang, Msg::ServeHoldsRun, &[&shown, &port, &line])
        }
    };
    Failure { message, ..f }
}

/// The local arguments as a remote command for `ssh` and the shell: without the
/// options the server decides, a file written given as `--out -` with
/// `> FILE`, and a file read given as `-` with `< FILE`, so the file is
/// still the one on this side, relative to where the command was typed.
pub fn remote_words(args: &[OsString], command: &Command) -> String {
    let stdin_file = match command {
        Command::Criteria {
            action: CriteriaAction::Import { file, .. },
        }
        | Command::Bundle {
            action: BundleAction::Import { file, .. },
        } if !is_std(file) => Some(file.as_os_str().to_os_string()),
        _ => None,
    };
    let mut words: Vec<String> = Vec::new();
    let mut output: Option<String> = None;
    let mut input: Option<String> = None;
    let mut it = args.iter().map(|a| a.to_string_lossy().into_owned());
    while let Some(word) = it.next() {
        let (name, inline) = match word.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (word.clone(), None),
        };
        let server_decides = SERVER_OPTIONS.iter().any(|(_, flag)| *flag == name);
        if server_decides {
            // `--demo` takes no value; the others take the next word.
            if inline.is_none() && name != "--demo" {
                it.next();
            }
            continue;
        }
        if name == "--out" {
            let value = inline.or_else(|| it.next()).unwrap_or_default();
            words.push("--out".into());
            words.push("-".into());
            if value != "-" {
                output = Some(value);
            }
            continue;
        }
        if input.is_none() && stdin_file.as_deref() == Some(std::ffi::OsStr::new(&word)) {
            input = Some(word);
            words.push("-".into());
            continue;
        }
        words.push(word);
    }
    let plain = words.join(" ");
    let joined =
        shlex::try_join(words.iter().map(String::as_str)).unwrap_or_else(|_| plain.clone());
    let mut line = if joined == plain {
        plain
    } else {
        quote(&joined)
    };
    // OpenSSH reads options after the host too, up to the command's first
    // word: `--lang en lookup …` needs `--` before it.
    if words.first().is_some_and(|w| w.starts_with('-')) {
        line.insert_str(0, "-- ");
    }
    if let Some(file) = input {
        line.push_str(&format!(" < {}", quote(&file)));
    }
    if let Some(file) = output {
        line.push_str(&format!(" > {}", quote(&file)));
    }
    line
}

fn quote(s: &str) -> String {
    shlex::try_quote(s).map_or_else(|_| s.to_string(), |q| q.into_owned())
}
