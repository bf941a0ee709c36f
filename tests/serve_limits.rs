//! The server's limits, seen from a real OpenSSH client: the idle timeout,
//! the session limit, and `ssh host` with a command thidua does not have.
//! Each client runs without tmux, with its output collected, since only the
//! lines it prints matter here.
//!
//! Without `ssh` the tests are skipped loudly, unless `CI` is set: `.ci/run`
//! installs the OpenSSH client, so a missing one there is a failure.

mod common;

use common::available;
use common::server::{Server, TestUser};
use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// `ssh` to the test server as `user`, with `-tt` so a terminal is asked
/// for even though stdin is a pipe (the server then assumes 80×24).
fn ssh(server: &Server, user: &TestUser, command: Option<&str>) -> Command {
    let mut c = Command::new("ssh");
    let mode = if command.is_some() { "-T" } else { "-tt" };
    c.args(server.ssh_args(&user.key_file, &[mode]));
    if let Some(cmd) = command {
        c.arg(cmd);
    }
    c
}

/// A client kept open: its stdin stays an open pipe, its output is collected.
struct Client {
    child: Child,
    out: Arc<Mutex<Vec<u8>>>,
}

impl Client {
    fn start(mut cmd: Command) -> Client {
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start ssh");
        let out = Arc::new(Mutex::new(Vec::new()));
        let mut stdout = child.stdout.take().expect("stdout");
        let sink = Arc::clone(&out);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("out").extend_from_slice(&buf[..n]);
            }
        });
        Client { child, out }
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.out.lock().expect("out")).into_owned()
    }

    /// Waits until the output contains `needle`.
    fn wait_text(&self, needle: &str, timeout: Duration) {
        let start = Instant::now();
        while !self.text().contains(needle) {
            assert!(
                start.elapsed() < timeout,
                "no {needle:?} after {timeout:?}; output:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Waits for ssh to exit and returns its code.
    fn wait_exit(&mut self, timeout: Duration) -> i32 {
        let start = Instant::now();
        loop {
            if let Some(s) = self.child.try_wait().expect("wait") {
                return s.code().unwrap_or(-1);
            }
            assert!(
                start.elapsed() < timeout,
                "ssh still running after {timeout:?}; output:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn an_idle_session_is_disconnected_with_a_reason() {
    if !available("ssh", "-V", "openssh-client") {
        return;
    }
    let server = Server::start(&[("lan", "role = \"admin\"")], &["--idle-seconds", "2"]);
    let mut c = Client::start(ssh(&server, server.user("lan"), None));
    c.wait_text("Trường", Duration::from_secs(10));
    let connected = Instant::now();
    let code = c.wait_exit(Duration::from_secs(15));
    assert_eq!(code, 0, "{}", c.text());
    assert!(
        connected.elapsed() >= Duration::from_millis(1500),
        "disconnected too early"
    );
    assert!(
        c.text().contains("ngắt kết nối vì lâu không dùng (2 s)"),
        "{}",
        c.text()
    );
}

#[test]
fn keys_keep_a_session_from_going_idle() {
    if !available("ssh", "-V", "openssh-client") {
        return;
    }
    let server = Server::start(&[("lan", "role = \"admin\"")], &["--idle-seconds", "2"]);
    let mut c = Client::start(ssh(&server, server.user("lan"), None));
    c.wait_text("Trường", Duration::from_secs(10));
    // A key every half second for 4 s: twice the idle time, still connected.
    for _ in 0..8 {
        use std::io::Write;
        let stdin = c.child.stdin.as_mut().expect("stdin");
        stdin.write_all(b"j").expect("type");
        stdin.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(500));
        assert!(
            c.child.try_wait().expect("wait").is_none(),
            "disconnected while typing: {}",
            c.text()
        );
    }
    assert_eq!(c.wait_exit(Duration::from_secs(15)), 0);
}

#[test]
fn past_the_session_limit_the_next_user_is_told_the_server_is_full() {
    if !available("ssh", "-V", "openssh-client") {
        return;
    }
    let server = Server::start(
        &[("lan", "role = \"admin\""), ("khach", "role = \"viewer\"")],
        &["--max-sessions", "1"],
    );
    let first = Client::start(ssh(&server, server.user("lan"), None));
    first.wait_text("Trường", Duration::from_secs(10));
    let mut second = Client::start(ssh(&server, server.user("khach"), None));
    let code = second.wait_exit(Duration::from_secs(10));
    assert_eq!(code, 1, "{}", second.text());
    assert!(
        second.text().contains("máy chủ đã đủ số phiên"),
        "{}",
        second.text()
    );
    // When the first leaves, there is room again.
    drop(first);
    let start = Instant::now();
    loop {
        let mut third = Client::start(ssh(&server, server.user("khach"), None));
        std::thread::sleep(Duration::from_millis(300));
        if third.text().contains("Trường") || third.child.try_wait().expect("wait").is_none() {
            third.wait_text("Trường", Duration::from_secs(10));
            break;
        }
        let _ = third.wait_exit(Duration::from_secs(10));
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no room after the first session left: {}",
            third.text()
        );
    }
}

/// `ssh host ls /`: not a thidua command. clap's error goes to stderr with
/// exit status 2, and nothing runs (no listing of the server's disk).
#[test]
fn an_unknown_command_gets_the_usage_error_and_runs_nothing() {
    if !available("ssh", "-V", "openssh-client") {
        return;
    }
    let server = Server::start(&[("lan", "role = \"admin\"")], &[]);
    let out = ssh(&server, server.user("lan"), Some("ls /"))
        .stdin(Stdio::null())
        .output()
        .expect("run ssh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stdout}{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.contains("unrecognized subcommand 'ls'"), "{stderr}");
    assert!(!stderr.contains("bin"), "a command ran: {stderr}");
}

/// Live updates wait for changes; nothing polls. A server with sessions
/// open and nobody typing uses next to no CPU.
#[test]
fn an_idle_server_with_open_sessions_burns_no_cpu() {
    if !available("ssh", "-V", "openssh-client")
        || !std::path::Path::new("/proc/self/stat").exists()
    {
        return;
    }
    let server = Server::start(
        &[("lan", "role = \"admin\""), ("khach", "role = \"viewer\"")],
        &[],
    );
    let a = Client::start(ssh(&server, server.user("lan"), None));
    let b = Client::start(ssh(&server, server.user("khach"), None));
    a.wait_text("Trường", Duration::from_secs(10));
    b.wait_text("Trường", Duration::from_secs(10));
    std::thread::sleep(Duration::from_millis(300));
    let before = server.cpu_seconds();
    std::thread::sleep(Duration::from_secs(3));
    let used = server.cpu_seconds() - before;
    // A polling loop would spend a good part of the 3 s; waiting spends ~0.
    assert!(
        used < 0.15,
        "the idle server used {used:.2} s of CPU in 3 s"
    );
}

#[test]
fn the_server_listens_on_loopback_unless_told_otherwise() {
    use clap::Parser;
    let cli = thidua::cli::Cli::try_parse_from(["thidua", "serve"]).expect("parse");
    match cli.command {
        Some(thidua::cli::Command::Serve { listen, .. }) => {
            assert!(listen.ip().is_loopback(), "{listen}");
        }
        other => panic!("not the serve command: {other:?}"),
    }
}
