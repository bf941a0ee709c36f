//! Commands over SSH (issue 13, item 3): `ssh -p PORT host history …` runs
//! the command inside the real `thidua serve` (release binary, demo data)
//! for the key's user, within their role, through the real OpenSSH client;
//! and a local command on the database the server holds prints the `ssh`
//! line to use instead.
//!
//! While the commands run, another user types in the program over SSH (an
//! in-process russh client with a vt100 screen): every key must show on
//! their screen, and what they save must be saved.
//!
//! What the server answered is compared with what the same command prints
//! locally once the server has stopped: one code path for both.
//!
//! Without `ssh` the tests are skipped loudly, unless `CI` is set.

mod common;

use calamine::{Data, Reader, Xlsx};
use common::server::Server;
use common::ssh_client::{Client, row};
use common::{available, rt, run_after_close};
use std::io::Cursor;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use thidua::cli::remote::{Plan, plan, remote_words};
use thidua::domain::access::Role;
use thidua::domain::{CriteriaTable, Person};
use thidua::i18n::{Lang, Msg, tr};
use thidua::store::{Kind, Op, Store};

const BIN: &str = env!("CARGO_BIN_EXE_thidua");

const ADMIN: &str = "Nguyễn Thị Lan";
const VIEWER: &str = "khach";
/// The user typing in the program meanwhile: Cụm 4's secretary, who keeps
/// the people directory.
const TYPIST: &str = "thuky-cum4";

/// The practice cluster of the demo data, as a remote word (quoted for the
/// server's word splitting).
const PRACTICE: &str = "'luyen tap'";

fn three_users() -> Server {
    Server::start(
        &[
            (ADMIN, "role = \"admin\""),
            (VIEWER, "role = \"viewer\""),
            (TYPIST, "role = \"secretary\"\ncluster = \"4\""),
        ],
        &[],
    )
}

/// The local binary on `db` (in Vietnamese, the default), once the server
/// has let go of it.
fn local(db: &Path, args: &[&str]) -> Output {
    run_after_close(|| {
        Command::new(BIN)
            .arg("--db")
            .arg(db)
            .args(args)
            .env_remove("THIDUA_DB")
            .output()
            .expect("run thidua")
    })
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Every cell of every sheet of a workbook, as text.
fn cells(bytes: &[u8]) -> Vec<Vec<Vec<String>>> {
    let mut wb = Xlsx::new(Cursor::new(bytes.to_vec())).expect("the bytes open as XLSX");
    let names = wb.sheet_names();
    assert!(!names.is_empty(), "a workbook with no sheets");
    names
        .iter()
        .map(|name| {
            let range = wb.worksheet_range(name).expect("a sheet");
            range
                .rows()
                .map(|r| {
                    r.iter()
                        .map(|d| match d {
                            Data::Empty => String::new(),
                            d => d.to_string(),
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// A workbook's cells without the row that names the audit chain's head.
fn without_head(book: Vec<Vec<Vec<String>>>) -> Vec<Vec<Vec<String>>> {
    let head = tr(Lang::Vi, Msg::AuditHead);
    let had = book.iter().flatten().flatten().any(|c| c.contains(head));
    assert!(had, "the workbook names the audit head");
    book.into_iter()
        .map(|sheet| {
            sheet
                .into_iter()
                .filter(|r| !r.iter().any(|c| c.contains(head)))
                .collect()
        })
        .collect()
}

// --------------------------------------------------------------- the typist

/// What the typing session did.
#[derive(Default)]
struct Typed {
    /// When each typed key showed on the screen.
    echoes: Vec<Instant>,
    /// The people saved ("đã thêm …" on the status line).
    saved: Vec<String>,
}

const CTRL_S: &[u8] = b"\x13";
const KEY_TIMEOUT: Duration = Duration::from_secs(10);

/// What the person form's name field holds.
fn name_field(s: &vt100::Screen) -> String {
    row(s, 2)
        .trim_end()
        .trim_end_matches('│')
        .trim_end()
        .strip_prefix("│Tên*")
        .unwrap_or("")
        .trim_start()
        .to_string()
}

/// Adds people in the people pane, a character at a time, each key
/// waiting until it shows, until `stop`; tells `started` after the first
/// key shows.
async fn type_people(
    c: &Client,
    stop: &AtomicBool,
    typed: &Mutex<Typed>,
    started: std::sync::mpsc::Sender<()>,
) -> Result<(), String> {
    c.first_screen().await?;
    c.key(b"5", KEY_TIMEOUT, |s| row(s, 1).contains("Người ("))
        .await?;
    let mut n = 0;
    while !stop.load(Ordering::SeqCst) {
        n += 1;
        c.key(b"n", KEY_TIMEOUT, |s| row(s, 1).starts_with("┌Thêm người"))
            .await?;
        let name = format!("Người gõ số {n:03}");
        let mut shown = String::new();
        for ch in name.chars() {
            shown.push(ch);
            // The field is read back trimmed: a space shows with what follows.
            let want = shown.trim_end().to_string();
            let mut buf = [0u8; 4];
            c.key(ch.encode_utf8(&mut buf).as_bytes(), KEY_TIMEOUT, |s| {
                name_field(s) == want
            })
            .await?;
            typed.lock().expect("typed").echoes.push(Instant::now());
            let _ = started.send(());
        }
        let ack = format!("đã thêm {name}");
        c.key(CTRL_S, KEY_TIMEOUT, |s| row(s, 22).contains(&ack))
            .await?;
        typed.lock().expect("typed").saved.push(name);
    }
    Ok(())
}

/// Starts the typing session on a thread of its own.
fn start_typist(
    server: &Server,
    stop: Arc<AtomicBool>,
    typed: Arc<Mutex<Typed>>,
) -> std::thread::JoinHandle<Result<(), String>> {
    let (addr, key) = (server.addr, Arc::clone(&server.user(TYPIST).key));
    let (tx, rx) = std::sync::mpsc::channel();
    let handle = std::thread::spawn(move || {
        rt().block_on(async {
            let c = Client::connect(addr, TYPIST, key).await?;
            let result = type_people(&c, &stop, &typed, tx).await;
            c.hang_up().await;
            result
        })
    });
    rx.recv_timeout(Duration::from_secs(30))
        .expect("the typing session's first key shows");
    handle
}

// -------------------------------------------------------------------- tests

/// history, lookup --json, an XLSX export and a backup through OpenSSH; a
/// viewer's backup and write refused; an admin's write recorded under the
/// admin's name; all while another user types, whose keys keep showing.
#[test]
fn commands_run_inside_the_server_while_another_session_types() {
    if !available("ssh", "-V", "openssh-client") {
        return;
    }
    let mut server = three_users();
    let stop = Arc::new(AtomicBool::new(false));
    let typed = Arc::new(Mutex::new(Typed::default()));
    let typist = start_typist(&server, Arc::clone(&stop), Arc::clone(&typed));
    let began = Instant::now();

    let history = server.exec(VIEWER, "history --cluster 4", b"");
    assert_eq!(history.status.code(), Some(0), "{}", text(&history.stderr));
    assert!(
        text(&history.stdout).contains("Cụm 4 · "),
        "{}",
        text(&history.stdout)
    );

    let lookup = server.exec(VIEWER, "lookup ha nam --json", b"");
    assert_eq!(lookup.status.code(), Some(0), "{}", text(&lookup.stderr));
    let found: serde_json::Value =
        serde_json::from_slice(&lookup.stdout).expect("lookup --json prints JSON");
    let hits = found.as_array().expect("a JSON array");
    assert!(
        hits.iter()
            .any(|h| h["kind"] == "school" && h["title"] == "Trường Chính trị tỉnh Hà Nam"),
        "{found:#}"
    );

    let xlsx_command =
        format!("export sheet --cluster {PRACTICE} --year 2024 --format xlsx --out -");
    let xlsx = server.exec(VIEWER, &xlsx_command, b"");
    assert_eq!(xlsx.status.code(), Some(0), "{}", text(&xlsx.stderr));
    let sheet = cells(&xlsx.stdout);
    assert!(
        sheet
            .iter()
            .flatten()
            .flatten()
            .any(|c| c.contains("Minh họa A")),
        "{sheet:?}"
    );

    let backup = server.exec(ADMIN, "backup --out -", b"");
    assert_eq!(backup.status.code(), Some(0), "{}", text(&backup.stderr));
    assert!(backup.stderr.is_empty(), "{}", text(&backup.stderr));

    // A viewer reads, and nothing more.
    let refused = server.exec(VIEWER, "backup --out -", b"");
    assert_eq!(refused.status.code(), Some(1));
    assert!(refused.stdout.is_empty(), "a viewer got a backup");
    assert!(
        text(&refused.stderr).contains(tr(Lang::Vi, Msg::RefusedWholeDatabase)),
        "{}",
        text(&refused.stderr)
    );
    let csv = server.exec(
        VIEWER,
        &format!("criteria export --cluster {PRACTICE} --year 2024 --out -"),
        b"",
    );
    assert_eq!(csv.status.code(), Some(0), "{}", text(&csv.stderr));
    let import = format!("criteria import --cluster {PRACTICE} --year 2031 -");
    let write = server.exec(VIEWER, &import, &csv.stdout);
    assert_eq!(write.status.code(), Some(1), "{}", text(&write.stdout));
    assert!(
        text(&write.stderr).contains(tr(Lang::Vi, Msg::RefusedReadOnly)),
        "{}",
        text(&write.stderr)
    );
    // The admin's write goes through, under the admin's name.
    let write = server.exec(ADMIN, &import, &csv.stdout);
    assert_eq!(write.status.code(), Some(0), "{}", text(&write.stderr));

    let ended = Instant::now();
    stop.store(true, Ordering::SeqCst);
    typist
        .join()
        .expect("the typing thread")
        .expect("every key typed showed within 10 s");
    let typed = typed.lock().expect("typed");
    let during = typed
        .echoes
        .iter()
        .filter(|t| **t > began && **t < ended)
        .count();
    assert!(
        during >= 10,
        "only {during} keys showed while the commands ran"
    );
    assert!(!typed.saved.is_empty(), "the typist saved nobody");

    let status = server.interrupt();
    assert!(status.success(), "{}", server.log());

    // The same commands locally print the same.
    let same = local(&server.db, &["history", "--cluster", "4"]);
    assert_eq!(text(&same.stdout), text(&history.stdout));
    let same = local(&server.db, &["lookup", "ha", "nam", "--json"]);
    assert_eq!(text(&same.stdout), text(&lookup.stdout));
    let file = server.dir.path().join("local.xlsx");
    let file_arg = file.display().to_string();
    let same = local(
        &server.db,
        &[
            "export",
            "sheet",
            "--cluster",
            "luyen tap",
            "--year",
            "2024",
            "--format",
            "xlsx",
            "--out",
            &file_arg,
        ],
    );
    assert_eq!(same.status.code(), Some(0), "{}", text(&same.stderr));
    // The same but for the audit head it names, which the typing moved on.
    let local_sheet = cells(&std::fs::read(&file).expect("local xlsx"));
    assert_eq!(without_head(local_sheet), without_head(sheet));

    // The backup restores into a new folder, and the copy checks whole.
    let zip = server.dir.path().join("over-ssh.zip");
    std::fs::write(&zip, &backup.stdout).expect("write the backup");
    let copy = server.dir.path().join("copy");
    let restored = local(&copy, &["restore", &zip.display().to_string()]);
    assert_eq!(
        restored.status.code(),
        Some(0),
        "{}",
        text(&restored.stderr)
    );
    let check = local(&copy, &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stdout));
    let again = local(&copy, &["history", "--cluster", "4"]);
    assert_eq!(text(&again.stdout), text(&history.stdout));

    // In the store: the admin's table, no trace of the viewer, and the
    // typist's people under the typist's name.
    let store = common::reopen(&server.db);
    let practice = store
        .all::<thidua::domain::Cluster>()
        .expect("clusters")
        .into_iter()
        .find(|(_, c)| c.name.contains("luyện tập"))
        .expect("the practice cluster")
        .0;
    let tables: Vec<_> = store
        .all::<CriteriaTable>()
        .expect("tables")
        .into_iter()
        .filter(|(_, t)| t.year == 2031 && t.cluster == Some(practice))
        .collect();
    assert_eq!(tables.len(), 1, "one table for 2031");
    let entries = store.audit_entries().expect("audit");
    let table_entry = entries
        .iter()
        .find(|e| e.kind == Kind::Table && e.id == tables[0].0.0)
        .expect("the table's audit entry");
    assert_eq!(
        (table_entry.op, table_entry.actor.as_str()),
        (Op::Insert, ADMIN)
    );
    assert!(entries.iter().all(|e| e.actor != VIEWER));
    let people: Vec<String> = store
        .all::<Person>()
        .expect("people")
        .into_iter()
        .map(|(_, p)| p.name)
        .collect();
    for name in &typed.saved {
        assert!(
            people.contains(name),
            "{name} was acknowledged but not saved"
        );
    }
}

/// The local command line on a database held by `serve` prints, in its one
/// line, the `ssh` command to run instead; run as printed, it works. A note
/// left by a server that is gone is not believed.
#[test]
fn a_local_command_on_the_held_database_prints_the_ssh_line() {
    if !available("ssh", "-V", "openssh-client") {
        return;
    }
    let server = three_users();
    let port = server.addr.port();
    let ssh_line = format!("ssh -p {port} thidua@127.0.0.1 ");

    let out = local(&server.db, &["history", "--cluster", "4"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("thidua serve"), "{stderr}");
    let hint = format!("{ssh_line}history --cluster 4");
    assert!(stderr.trim_end().ends_with(&hint), "{stderr}");
    // As printed, with the test's key.
    let remote = server.exec(ADMIN, "history --cluster 4", b"");
    assert_eq!(remote.status.code(), Some(0), "{}", text(&remote.stderr));
    assert!(text(&remote.stdout).contains("Cụm 4 · "));

    // A file written goes to `--out -` and a redirect on this side; the
    // printed line, run by the shell from here, writes the workbook here.
    let out = local(
        &server.db,
        &[
            "export",
            "sheet",
            "--cluster",
            "luyen tap",
            "--year",
            "2024",
            "--format",
            "xlsx",
            "--out",
            "bảng điểm.xlsx",
        ],
    );
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let printed = stderr
        .split(": ssh ")
        .nth(1)
        .map(|rest| format!("ssh {}", rest.trim_end()))
        .expect("an ssh line");
    assert_eq!(
        printed,
        format!(
            "{ssh_line}\"export sheet --cluster 'luyen tap' --year 2024 --format xlsx --out -\" > 'bảng điểm.xlsx'"
        )
    );
    let mut options = server.ssh_args(&server.user(ADMIN).key_file, &["-T"]);
    options.pop(); // the test's destination: the printed line has its own
    let options = shlex::try_join(options.iter().map(String::as_str)).expect("quote");
    let here = tempfile::tempdir().expect("temp dir");
    let ran = Command::new("sh")
        .arg("-c")
        .arg(printed.replacen("ssh ", &format!("ssh {options} "), 1))
        .current_dir(here.path())
        .stdin(Stdio::null())
        .output()
        .expect("run the printed line");
    assert!(ran.status.success(), "{}", text(&ran.stderr));
    let bytes = std::fs::read(here.path().join("bảng điểm.xlsx")).expect("the workbook");
    assert!(
        cells(&bytes)
            .iter()
            .flatten()
            .flatten()
            .any(|c| c.contains("Minh họa A")),
        "not the practice sheet"
    );

    // The interactive program: ssh -t, no command. A restore: stop first.
    let out = local(&server.db, &[]);
    assert!(
        text(&out.stderr).contains(&format!("ssh -t -p {port} thidua@127.0.0.1")),
        "{}",
        text(&out.stderr)
    );
    let backup = server.exec(ADMIN, "backup --out -", b"");
    let zip = server.dir.path().join("b.zip");
    std::fs::write(&zip, &backup.stdout).expect("write the backup");
    let out = local(&server.db, &["restore", &zip.display().to_string()]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("Ctrl-C"),
        "{}",
        text(&out.stderr)
    );
}

/// A note beside a database whose server was killed names a process that
/// is gone: the message is the plain "in use" one, with no ssh line.
#[test]
fn a_note_from_a_server_that_is_gone_is_not_believed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db");
    let store = Store::open(&db).expect("open");
    let mut gone = Command::new("true").spawn().expect("spawn true");
    let pid = gone.id();
    gone.wait().expect("wait");
    std::fs::write(
        thidua::serve::running::path(&db),
        format!("{{\"listen\":\"127.0.0.1:2222\",\"pid\":{pid}}}\n"),
    )
    .expect("write the note");
    let out = Command::new(BIN)
        .args(["--lang", "en", "--db"])
        .arg(&db)
        .arg("history")
        .output()
        .expect("run thidua");
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("in use by another thidua process"),
        "{stderr}"
    );
    assert!(!stderr.contains("ssh -p"), "{stderr}");
    drop(store);
}

// ------------------------------------------------ the command line, parsed

fn answer(line: &str, role: &Role) -> (String, bool, u8) {
    match plan(line.as_bytes(), role, Lang::En) {
        Plan::Answer { text, stdout, code } => (text, stdout, code),
        Plan::Run { command, .. } => panic!("`{line}` runs: {command:?}"),
    }
}

/// What makes no sense on the server's open database is refused with a
/// line saying why and exit status 2, before anything runs.
#[test]
fn commands_that_open_a_database_of_their_own_are_refused() {
    for (line, says) in [
        ("serve", "serve"),
        ("init --demo", "init"),
        ("restore backup.zip", "restore"),
        ("", "interactive"),
        ("--demo", "--demo"),
        ("history --db /tmp/other", "--db"),
        ("--keep-backups 0 history", "--keep-backups"),
        ("--theme light lookup x", "--theme"),
        ("history --cluster 'dong bang", "quote"),
    ] {
        let (text, stdout, code) = answer(line, &Role::Admin);
        assert_eq!((stdout, code), (false, 2), "{line}: {text}");
        assert!(
            text.starts_with("thidua: ") && text.contains(says),
            "{line}: {text}"
        );
    }
    // clap's own: help on stdout (0), an unknown command on stderr (2).
    let (text, stdout, code) = answer("--help", &Role::Viewer);
    assert_eq!((stdout, code), (true, 0));
    assert!(text.contains("Usage: thidua"), "{text}");
    let (text, stdout, code) = answer("ls /", &Role::Admin);
    assert_eq!((stdout, code), (false, 2));
    assert!(text.contains("unrecognized subcommand 'ls'"), "{text}");
    let (text, _, code) = answer(&"x".repeat(9000), &Role::Admin);
    assert_eq!(code, 2, "{text}");
    match plan(b"lookup \xff", &Role::Admin, Lang::En) {
        Plan::Answer { code, .. } => assert_eq!(code, 2),
        Plan::Run { .. } => panic!("a line that is not UTF-8 ran"),
    }
}

/// Words are split as a shell splits them; the line's `--lang` wins over
/// the server's language; `-` reads standard input.
#[test]
fn the_line_is_split_as_a_shell_would_and_parsed_by_the_same_clap() {
    match plan(
        br#"history --cluster "dong bang song hong" --json --lang vi"#,
        &Role::Viewer,
        Lang::En,
    ) {
        Plan::Run {
            command:
                thidua::cli::Command::History {
                    cluster,
                    year: None,
                    json,
                },
            lang,
            stdin,
        } => {
            assert_eq!(cluster.as_deref(), Some("dong bang song hong"));
            assert!(json && !stdin);
            assert_eq!(lang, Lang::Vi);
        }
        other => panic!("{other:?}"),
    }
    match plan(b"criteria import --year 2030 -", &Role::Viewer, Lang::En) {
        Plan::Run { stdin, lang, .. } => assert!(stdin && lang == Lang::En),
        other => panic!("{other:?}"),
    }
}

/// A role reaches only its own: files on the server's disk and copies of
/// the whole database are an admin's; `-` (the channel) is anyone's.
#[test]
fn files_on_the_server_and_whole_copies_are_an_admins() {
    common::roles::assert_reached(&[
        ("backup --out -", Some(Msg::RefusedWholeDatabase)),
        ("dump --json", Some(Msg::RefusedWholeDatabase)),
        ("check", Some(Msg::RefusedWholeDatabase)),
        ("audit verify", Some(Msg::RefusedWholeDatabase)),
        ("audit head", None),
        ("history", None),
        (
            "export sheet --cluster 4 --year 2024 --format csv --out -",
            None,
        ),
        (
            "export sheet --cluster 4 --year 2024 --format csv --out /tmp/x.csv",
            Some(Msg::RefusedServerFiles),
        ),
        (
            "criteria export --year 2024 --out x.csv",
            Some(Msg::RefusedServerFiles),
        ),
        (
            "criteria import --year 2024 /etc/passwd",
            Some(Msg::RefusedReadServerFiles),
        ),
        ("criteria import --year 2024 -", None),
    ]);
}

/// The remote words of a local command line: the server's options
/// dropped, files written and read on this side through redirections.
#[test]
fn the_printed_line_keeps_files_on_this_side() {
    use clap::Parser;
    let cases: [(&[&str], &str); 5] = [
        (
            &["--db", "x", "history", "--cluster", "4"],
            "history --cluster 4",
        ),
        (
            &["--lang", "en", "lookup", "ha", "nam"],
            "-- --lang en lookup ha nam",
        ),
        (
            &["backup", "--out=b 1.zip", "--keep-backups", "3"],
            "backup --out - > 'b 1.zip'",
        ),
        (
            &["criteria", "import", "--year", "2030", "bảng.csv"],
            "criteria import --year 2030 - < 'bảng.csv'",
        ),
        (
            &["history", "--cluster", "dong bang"],
            "\"history --cluster 'dong bang'\"",
        ),
    ];
    for (args, want) in cases {
        let cli =
            thidua::cli::Cli::try_parse_from(std::iter::once("thidua").chain(args.iter().copied()))
                .expect("parse");
        let command = cli.command.expect("a command");
        let args: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
        assert_eq!(remote_words(&args, &command), want, "{args:?}");
    }
}
