//! End to end over SSH: the real `thidua serve` (release binary, demo data,
//! port chosen by the system) and the real OpenSSH client, each client in
//! its own 80×24 tmux pane (`TERM=xterm-256color`), driven by keys and read
//! back from the screen. After the server stops, the store is opened to see
//! what was written and by whom.
//!
//! Waits poll the screen with a timeout. The only fixed waits are where
//! something must *not* happen; each says why it is long enough.
//!
//! Without tmux or ssh the tests are skipped with a loud message, unless
//! `CI` is set: CI installs both (`.ci/run`), so a missing one there fails.

mod common;

use common::server::{SSH_LOGIN, Server, stranger};
use common::tmux::{Tmux, tmux_available};
use common::{available, line_with, status_line};
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};
use thidua::demo::ACTOR;
use thidua::domain::{Points, School};
use thidua::store::{AuditEntry, Kind, Op, Store};
use unicode_normalization::UnicodeNormalization;

const BIN: &str = env!("CARGO_BIN_EXE_thidua");

/// The admin's name in the users file: what the audit log must record.
const ADMIN: &str = "Nguyễn Thị Lan";
const VIEWER: &str = "khach";
/// The login name typed after `ssh`: the client's choice, which proves nothing.
const LOGIN: &str = SSH_LOGIN;

const NEW_SCHOOL: &str = "Trường Chính trị tỉnh Thử Nghiệm";

/// How long to watch for something that must not happen. Every session
/// redraws within a few milliseconds of a key (and other sessions' saves
/// show within 250 ms), so 1.5 s is ample.
const QUIET: Duration = Duration::from_millis(1500);

/// Whether ssh and tmux are both installed; see `common::available`.
fn tools() -> bool {
    tmux_available() && available("ssh", "-V", "openssh-client")
}

fn admin_and_viewer() -> Server {
    Server::start(
        &[(ADMIN, "role = \"admin\""), (VIEWER, "role = \"viewer\"")],
        &[],
    )
}

/// Opens a session for `user` (by users-file name) in a new tmux session
/// and waits for the first screen: the status line names the user.
fn connect(t: &Tmux, server: &Server, session: &str, user: &str) -> String {
    let args = server.ssh_args(&server.user(user).key_file, &["-tt"]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    t.start(session, "ssh", &args);
    t.wait_for(session, &format!("{user}'s first screen"), |s| {
        status_line(s).contains(user) && s.contains("Trường (")
    })
}

/// Runs `ssh` without a terminal of its own (stdin from /dev/null).
fn ssh_output(server: &Server, key: &Path, extra: &[&str], command: &[&str]) -> Output {
    Command::new("ssh")
        .args(server.ssh_args(key, extra))
        .args(command)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run ssh")
}

/// The number in the schools list's title, "Trường (N)".
fn school_count(screen: &str) -> Option<usize> {
    let rest = screen.split("Trường (").nth(1)?;
    rest.split(')').next()?.parse().ok()
}

/// Adds a school by keys in the schools list and waits for "Đã lưu".
fn add_school(t: &Tmux, session: &str, name: &str) {
    t.keys(session, &["n"]);
    t.wait_text(session, "Thêm trường");
    t.type_text(session, name);
    t.wait_for(session, "the typed name", |s| {
        line_with(s, "Tên*").is_some_and(|l| l.contains(name))
    });
    t.keys(session, &["C-s"]);
    t.wait_for(session, "Đã lưu on the status line", |s| {
        status_line(s).contains("Đã lưu")
    });
}

/// Opens the score grid of the selected (demo: the only) sheet.
fn open_grid(t: &Tmux, session: &str) -> String {
    t.keys(session, &["4"]);
    t.wait_text(session, "Bảng điểm (");
    t.keys(session, &["Enter"]);
    t.wait_for(session, "the score grid", is_grid)
}

fn is_grid(screen: &str) -> bool {
    screen.contains("Tiêu chí") && line_with(screen, "Tổng").is_some() && screen.contains("v Xem")
}

/// The first school's (Minh họa A) value in the grid row that starts with
/// `label`, e.g. "I.1" or "Tổng".
fn first_cell(screen: &str, label: &str) -> Option<Points> {
    let header = line_with(screen, "Tiêu chí")?;
    let columns = header.matches("Minh họa").count();
    let row = screen
        .lines()
        .map(|l| l.trim_matches('│').trim_start())
        .find(|l| l.starts_with(&format!("{label} ")))?;
    let cells: Vec<&str> = row.split_whitespace().collect();
    let first = cells.len().checked_sub(columns)?;
    Points::parse(cells.get(first)?).ok()
}

/// Watches the sessions for a bounded time during which `bad` must never hold.
fn never(t: &Tmux, sessions: &[&str], what: &str, bad: impl Fn(&str, &str) -> bool) {
    let start = Instant::now();
    while start.elapsed() < QUIET {
        for session in sessions {
            let screen = t.screen(session);
            assert!(!bad(session, &screen), "{what} ({session}):\n{screen}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Stops the server as Ctrl-C does, expects a clean exit, opens the store.
fn stop(server: &mut Server) -> Store {
    let status = server.interrupt();
    assert!(
        status.success(),
        "the server exits cleanly on SIGINT: {status}; log:\n{}",
        server.log()
    );
    common::reopen(&server.db)
}

fn audit(store: &Store) -> Vec<AuditEntry> {
    store.audit_entries().expect("read the audit log")
}

/// The distinct actors of the audit log, in order of first appearance.
fn actors(store: &Store) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for e in audit(store) {
        if !found.contains(&e.actor) {
            found.push(e.actor);
        }
    }
    found
}

/// The demo data's sheet and its first school (Minh họa A).
fn practice_cell(store: &Store, item: &str) -> Option<Points> {
    let (_, sheet) = common::practice_sheet(store);
    let school = *sheet.schools.first().expect("a school");
    sheet.cell(school, item).and_then(|c| c.cluster_score)
}

fn school_named(store: &Store, name: &str) -> Option<School> {
    store
        .all::<School>()
        .expect("schools")
        .into_iter()
        .map(|(_, s)| s)
        .find(|s| s.name == name)
}

/// A saves a school and a score; B, watching without a key, sees both.
#[test]
fn session_b_sees_what_session_a_saves() {
    if !tools() {
        return;
    }
    let mut server = admin_and_viewer();
    let t = Tmux::new(server.dir.path(), "live");
    connect(&t, &server, "a", ADMIN);
    let b_first = connect(&t, &server, "b", VIEWER);
    let before = school_count(&b_first).expect("B's list title counts the schools");

    // A new school: B's list grows by itself.
    add_school(&t, "a", NEW_SCHOOL);
    let want = format!("Trường ({})", before + 1);
    t.wait_text("b", &want);

    // The conference: both open the same sheet; A types a score.
    let a_grid = open_grid(&t, "a");
    let b_grid = open_grid(&t, "b");
    let old = first_cell(&b_grid, "I.1").expect("B's grid has I.1 for Minh họa A");
    let old_total = first_cell(&b_grid, "Tổng").expect("B's grid has a total");
    assert_eq!(first_cell(&a_grid, "I.1"), Some(old), "{a_grid}");
    let new = if old == Points::whole(7) {
        Points::whole(6)
    } else {
        Points::whole(7)
    };
    // The cursor starts on I.1 × Minh họa A.
    t.type_text("a", &new.to_string());
    t.keys("a", &["Enter"]);
    t.wait_for("a", "A's save of the score", |s| {
        status_line(s).contains("Đã lưu") && first_cell(s, "I.1") == Some(new)
    });
    let new_total = Points(old_total.0 - old.0 + new.0);
    let b_grid = t.wait_for("b", "the new score in B's grid", |s| {
        first_cell(s, "I.1") == Some(new)
    });
    assert_eq!(
        first_cell(&b_grid, "Tổng"),
        Some(new_total),
        "B's total follows:\n{b_grid}"
    );

    // B finds the new school by an accent-free filter.
    t.keys("b", &["Escape"]);
    t.wait_for("b", "the sheets list", |s| !is_grid(s));
    t.keys("b", &["1"]);
    t.wait_text("b", "Trường (");
    t.keys("b", &["/"]);
    t.type_text("b", "thu nghiem");
    let screen = t.wait_text("b", "Trường (1)");
    assert!(screen.contains(NEW_SCHOOL), "B sees the name:\n{screen}");

    let store = stop(&mut server);
    assert!(school_named(&store, NEW_SCHOOL).is_some());
    assert_eq!(practice_cell(&store, "I.1"), Some(new));
}

/// A viewer's `e`, `n` and typing in the grid are refused on the status
/// line; nothing opens and nothing is written.
#[test]
fn a_viewer_cannot_edit() {
    if !tools() {
        return;
    }
    let mut server = admin_and_viewer();
    let t = Tmux::new(server.dir.path(), "viewer");
    let first = connect(&t, &server, "v", VIEWER);
    assert!(
        status_line(&first).contains("chỉ xem"),
        "the status line shows the role:\n{first}"
    );
    let refused = |s: &str| status_line(s).contains("Không được phép");
    let form_open = |s: &str| s.contains("Ctrl-S Lưu") || s.contains("Thêm trường");

    t.keys("v", &["e"]);
    let screen = t.wait_for("v", "the refusal of e", refused);
    assert!(!form_open(&screen), "no form opens:\n{screen}");

    // `n`, then `2`: once the clusters pane shows, `n` has been handled.
    t.keys("v", &["n", "2"]);
    let screen = t.wait_text("v", "Cụm & lịch sử (");
    assert!(!form_open(&screen), "no form opens:\n{screen}");
    assert!(refused(&screen), "still refused:\n{screen}");

    // In the grid: a digit would start typing a score, Enter would save it.
    let grid = open_grid(&t, "v");
    let old = first_cell(&grid, "I.1").expect("I.1");
    t.keys("v", &["7", "Enter"]);
    never(&t, &["v"], "a viewer's score must not be saved", |_, s| {
        status_line(s).contains("Đã lưu") || first_cell(s, "I.1") != Some(old)
    });
    assert!(refused(&t.screen("v")), "{}", t.screen("v"));

    // Only the demo's own entries: nothing was written, by the viewer or
    // anyone else.
    let store = stop(&mut server);
    assert_eq!(actors(&store), [ACTOR]);
    assert_eq!(practice_cell(&store, "I.1"), Some(old));
    drop(store);
    // And the chain is intact.
    let verify = common::run_after_close(|| {
        Command::new(BIN)
            .args(["--lang", "en", "--db"])
            .arg(&server.db)
            .args(["audit", "verify"])
            .output()
            .expect("audit verify")
    });
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
}

/// A key that is not in the users file gets OpenSSH's usual refusal, after
/// the server's delay.
#[test]
fn an_unknown_key_is_rejected() {
    if !available("ssh", "-V", "openssh-client") {
        return;
    }
    let server = admin_and_viewer();
    let who = stranger(server.dir.path());
    let start = Instant::now();
    let out = ssh_output(&server, &who.key_file, &["-tt"], &[]);
    let took = start.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(255), "{stderr}");
    assert!(stderr.contains("Permission denied (publickey)"), "{stderr}");
    // The rejection waits 1 s (less a little for timer granularity).
    assert!(
        took >= Duration::from_millis(950),
        "rejected after only {took:?}"
    );
    assert!(
        !server.log().contains("started a session"),
        "{}",
        server.log()
    );
}

/// The console shows the fingerprint of a key that was turned away, so
/// the person running the server can add it to the users file.
#[test]
fn an_unknown_key_is_logged() {
    if !available("ssh", "-V", "openssh-client") {
        return;
    }
    let server = admin_and_viewer();
    let who = stranger(server.dir.path());
    let out = ssh_output(&server, &who.key_file, &["-tt"], &[]);
    assert_eq!(out.status.code(), Some(255));
    let fp = who
        .key
        .public_key()
        .fingerprint(russh::keys::HashAlg::Sha256)
        .to_string();
    // The server's stderr is read by a thread: give it a moment.
    let start = Instant::now();
    while !server.log().contains(&fp) && start.elapsed() < QUIET {
        std::thread::sleep(Duration::from_millis(20));
    }
    let log = server.log();
    assert!(
        log.contains("unknown key") && log.contains(&fp),
        "the log names the key {fp}:\n{log}"
    );
}

/// The audit log records the users-file name of the key, not the login
/// name the client typed.
#[test]
fn the_audit_log_names_the_ssh_user() {
    if !tools() {
        return;
    }
    let mut server = admin_and_viewer();
    let t = Tmux::new(server.dir.path(), "audit");
    let screen = connect(&t, &server, "a", ADMIN);
    assert!(!status_line(&screen).contains(LOGIN), "{screen}");
    add_school(&t, "a", NEW_SCHOOL);

    let store = stop(&mut server);
    let entries = audit(&store);
    let newest = entries.iter().max_by_key(|e| e.seq).expect("an entry");
    assert_eq!(newest.actor, ADMIN, "{newest:?}");
    assert_eq!((newest.op, newest.kind), (Op::Insert, Kind::School));
    assert!(entries.iter().all(|e| e.actor != LOGIN));
}

/// Ctrl-C on the server: every client gets its terminal back with a line
/// saying why, ssh exits 0, and what was saved is in the store.
#[test]
fn ctrl_c_on_the_server_restores_clients_and_flushes() {
    if !tools() {
        return;
    }
    let mut server = admin_and_viewer();
    let t = Tmux::new(server.dir.path(), "stop");
    connect(&t, &server, "a", ADMIN);
    connect(&t, &server, "b", VIEWER);
    for s in ["a", "b"] {
        assert_eq!(
            t.format(s, "#{alternate_on}"),
            "1",
            "in the alternate screen"
        );
    }
    add_school(&t, "a", NEW_SCHOOL);

    let store = stop(&mut server);
    for s in ["a", "b"] {
        assert_eq!(t.wait_exit(s), 0, "ssh exits 0:\n{}", t.screen(s));
        // The line comes after the sequences that restore the terminal.
        t.wait_after_exit(s, "the reason on the restored screen", |screen| {
            screen
                .lines()
                .any(|l| l.starts_with("thidua: máy chủ đã dừng"))
        });
        assert_eq!(
            t.format(s, "#{alternate_on}"),
            "0",
            "left the alternate screen"
        );
        assert_eq!(t.format(s, "#{cursor_flag}"), "1", "the cursor shows again");
    }
    assert!(
        server.log().contains("the database is flushed"),
        "{}",
        server.log()
    );
    assert!(school_named(&store, NEW_SCHOOL).is_some());
}

/// The server draws at the client's size, and asks for a larger window
/// when it is too small.
#[test]
fn resize_follows_the_client() {
    if !tools() {
        return;
    }
    let server = admin_and_viewer();
    let t = Tmux::new(server.dir.path(), "resize");
    connect(&t, &server, "a", ADMIN);
    let laid_out = |s: &str, w: usize, h: usize| {
        let lines: Vec<&str> = s.lines().collect();
        lines.len() == h
            && lines
                .get(1)
                .is_some_and(|l| l.chars().count() == w && l.starts_with('┌') && l.ends_with('┐'))
            && lines[h - 2].contains(ADMIN)
            && lines[h - 1].contains("q Thoát")
    };

    t.run(&["resize-window", "-t", "a", "-x", "100", "-y", "30"]);
    assert_eq!(t.size("a"), (100, 30));
    t.wait_for("a", "the screen laid out at 100×30", |s| {
        laid_out(s, 100, 30)
    });

    t.run(&["resize-window", "-t", "a", "-x", "60", "-y", "20"]);
    let screen = t.wait_text("a", "Vui lòng phóng to cửa sổ dòng lệnh");
    assert!(screen.contains("60×20 → tối thiểu 80×24"), "{screen}");

    t.run(&["resize-window", "-t", "a", "-x", "80", "-y", "24"]);
    t.wait_for("a", "the screen laid out at 80×24", |s| {
        laid_out(s, 80, 24)
    });
}

/// A name pasted in NFD and a province typed in NFD (as some input methods
/// send it) arrive over SSH and are stored in NFC.
#[test]
fn pasted_and_typed_vietnamese_arrive_intact() {
    if !tools() {
        return;
    }
    let mut server = admin_and_viewer();
    let t = Tmux::new(server.dir.path(), "text");
    connect(&t, &server, "a", ADMIN);
    let name = "Trường Chính trị tỉnh Hà Tĩnh Mới";
    let province = "Điện Biên Phủ, Quảng Trị";
    let nfd = |s: &str| s.nfd().collect::<String>();
    assert_ne!(nfd(name), name);
    assert_ne!(nfd(province), province);

    t.keys("a", &["n"]);
    t.wait_text("a", "Thêm trường");
    t.paste("a", &nfd(name));
    t.wait_for("a", "the pasted name", |s| {
        line_with(s, "Tên*").is_some_and(|l| l.nfc().collect::<String>().contains(name))
    });
    // Name, honorific names, province.
    t.keys("a", &["Tab", "Tab"]);
    t.type_text("a", &nfd(province));
    t.wait_for("a", "the typed province", |s| {
        line_with(s, "Tỉnh/thành phố")
            .is_some_and(|l| l.nfc().collect::<String>().contains(province))
    });
    t.keys("a", &["C-s"]);
    t.wait_for("a", "Đã lưu on the status line", |s| {
        status_line(s).contains("Đã lưu")
    });

    let store = stop(&mut server);
    let school = school_named(&store, name).unwrap_or_else(|| {
        let names: Vec<String> = store
            .all::<School>()
            .expect("schools")
            .into_iter()
            .map(|(_, s)| format!("{:?}", s.name))
            .collect();
        panic!("no school named {name:?} (NFC); schools: {names:?}")
    });
    assert_eq!(school.province.as_bytes(), province.as_bytes());
}

/// A secretary of another cluster and a delegate of another school are
/// refused in the practice sheet's grid, over SSH as in-process.
#[test]
fn a_secretary_and_a_delegate_are_refused_elsewhere() {
    if !tools() {
        return;
    }
    let mut server = Server::start(
        &[
            ("thuky", "role = \"secretary\"\ncluster = \"Cụm 4\""),
            ("tohieu", "role = \"delegate\"\nschool = \"to hieu\""),
        ],
        &[],
    );
    let t = Tmux::new(server.dir.path(), "roles");
    connect(&t, &server, "s", "thuky");
    let s_grid = open_grid(&t, "s");
    connect(&t, &server, "d", "tohieu");
    open_grid(&t, "d");
    // A delegate types self-scores: the view for them.
    t.keys("d", &["v"]);
    let d_grid = t.wait_text("d", "tự chấm");
    let old = [&s_grid, &d_grid].map(|g| first_cell(g, "I.1").expect("I.1"));
    for session in ["s", "d"] {
        t.keys(session, &["7", "Enter"]);
        t.wait_for(session, "the refusal", |s| {
            status_line(s).contains("Không được phép")
        });
    }
    never(
        &t,
        &["s", "d"],
        "the score must not be saved",
        |session, s| {
            let unchanged = first_cell(s, "I.1") == Some(old[usize::from(session == "d")]);
            status_line(s).contains("Đã lưu") || !unchanged
        },
    );
    let store = stop(&mut server);
    assert_eq!(actors(&store), [ACTOR], "only the demo's own entries");
}

/// A shell without a terminal (`ssh -T`) gets one line saying how to
/// connect, and a failing exit status. (`ssh host command` runs the
/// command instead: tests/serve_exec.rs.)
#[test]
fn a_shell_without_a_terminal_is_refused_in_one_line() {
    if !available("ssh", "-V", "openssh-client") {
        return;
    }
    let server = admin_and_viewer();
    let out = ssh_output(&server, &server.user(ADMIN).key_file, &["-T"], &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {stdout:?}");
    assert!(
        lines[0].starts_with("thidua cần một terminal") && lines[0].contains("ssh -t"),
        "{stdout:?}"
    );
    assert!(
        !server.log().contains("started a session"),
        "{}",
        server.log()
    );
}
