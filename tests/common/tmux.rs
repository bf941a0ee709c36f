//! A real terminal for the end-to-end tests: a private tmux server whose
//! 80×24 panes run a program (the binary itself, or `ssh` to `thidua serve`),
//! driven by keys and read back with `capture-pane`.
//!
//! Each harness has its own tmux server (a unique `-L` socket) that `Drop`
//! kills however the test ends. Waits poll the screen until the expected
//! text shows, with a timeout; there are no fixed sleeps.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How long a wait polls before it fails.
pub const TIMEOUT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(25);

/// Whether tmux is installed; see [`super::available`].
pub fn tmux_available() -> bool {
    super::available("tmux", "-V", "tmux")
}

/// A private tmux server; dropping it kills the server and what runs in it.
pub struct Tmux {
    socket: String,
    config: PathBuf,
    /// Where each session's exit status is written.
    dir: PathBuf,
}

impl Tmux {
    /// A server with its own socket and a config that leaves the whole
    /// 80×24 to the program (no status line) and keeps a pane after its
    /// program exits, so the exit can be seen.
    pub fn new(dir: &Path, label: &str) -> Tmux {
        static N: AtomicUsize = AtomicUsize::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let socket = format!(
            "thidua-e2e-{}-{}-{label}-{nanos}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        );
        let config = dir.join("tmux.conf");
        std::fs::write(
            &config,
            "set -g status off\n\
             set -g remain-on-exit on\n\
             set -g default-terminal xterm-256color\n\
             set -g escape-time 0\n",
        )
        .expect("tmux config");
        Tmux {
            socket,
            config,
            dir: dir.to_path_buf(),
        }
    }

    fn command(&self) -> Command {
        let mut c = Command::new("tmux");
        // Not the tmux this test may itself run in; UTF-8 in and out.
        c.env_remove("TMUX")
            .env("LANG", "C.UTF-8")
            .arg("-u")
            .arg("-L")
            .arg(&self.socket)
            .arg("-f")
            .arg(&self.config);
        c
    }

    fn output(&self, args: &[&str]) -> Output {
        self.command().args(args).output().expect("run tmux")
    }

    /// Runs a tmux command that must succeed; returns its output.
    pub fn run(&self, args: &[&str]) -> String {
        let o = self.output(args);
        assert!(
            o.status.success(),
            "tmux {args:?} failed: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).expect("tmux output is UTF-8")
    }

    /// The file the session's exit status is written to.
    fn exit_file(&self, session: &str) -> PathBuf {
        self.dir.join(format!("{session}.exit"))
    }

    /// Starts `program` with `args` in a new 80×24 session, under a shell
    /// that writes its exit status to a file when it ends. (tmux's own
    /// `pane_dead_status` is not reliable: a multi-threaded program can stay
    /// unreaped after its terminal closes.) The shell then keeps the pane's
    /// terminal open until the tmux server is killed: when the pane dies at
    /// once, tmux may drop the program's last output unread, such as what it
    /// prints when it restores the screen.
    pub fn start(&self, session: &str, program: &str, args: &[&str]) {
        let exit = format!("E2E_EXIT={}", self.exit_file(session).display());
        let mut cmd = vec![
            "new-session",
            "-d",
            "-s",
            session,
            "-x",
            "80",
            "-y",
            "24",
            "env",
            "TERM=xterm-256color",
            &exit,
            "sh",
            "-c",
            r#""$0" "$@"; echo $? > "$E2E_EXIT.tmp"; mv "$E2E_EXIT.tmp" "$E2E_EXIT"; exec sleep 3600"#,
            program,
        ];
        cmd.extend_from_slice(args);
        self.run(&cmd);
        assert_eq!(self.size(session), (80, 24), "the pane must be 80×24");
    }

    /// The pane's size (columns, rows).
    pub fn size(&self, session: &str) -> (u16, u16) {
        let size = self.format(session, "#{pane_width}x#{pane_height}");
        let parse = |s: Option<&str>| s.and_then(|n| n.parse().ok()).unwrap_or(0);
        let mut parts = size.split('x');
        (parse(parts.next()), parse(parts.next()))
    }

    /// A tmux format (`#{...}`) evaluated for the session's pane.
    pub fn format(&self, session: &str, format: &str) -> String {
        self.run(&["display-message", "-p", "-t", session, format])
            .trim()
            .to_string()
    }

    /// The screen as text, one line per row.
    pub fn screen(&self, session: &str) -> String {
        self.run(&["capture-pane", "-p", "-t", session])
    }

    /// The screen with its colours and attributes as SGR sequences.
    pub fn screen_with_escapes(&self, session: &str) -> String {
        self.run(&["capture-pane", "-e", "-p", "-t", session])
    }

    /// Polls the screen until `ok` holds; fails with the last screen after
    /// the timeout, or at once when the program exits.
    pub fn wait_for(&self, session: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
        self.poll(session, what, ok, true)
    }

    /// Polls the screen of a program that has exited until `ok` holds: the
    /// last of its output may still be on its way through tmux.
    pub fn wait_after_exit(&self, session: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
        self.poll(session, what, ok, false)
    }

    fn poll(&self, session: &str, what: &str, ok: impl Fn(&str) -> bool, alive: bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen(session);
            if ok(&screen) {
                return screen;
            }
            if alive && self.dead(session).is_some() {
                panic!("the program exited while waiting for {what}; screen:\n{screen}");
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out after {TIMEOUT:?} waiting for {what}; screen:\n{screen}");
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until the screen contains `text`.
    pub fn wait_text(&self, session: &str, text: &str) -> String {
        self.wait_for(session, &format!("{text:?}"), |s| s.contains(text))
    }

    /// The exit status once the program in the session has exited.
    pub fn dead(&self, session: &str) -> Option<i32> {
        let text = std::fs::read_to_string(self.exit_file(session)).ok()?;
        Some(text.trim().parse().unwrap_or(-1))
    }

    /// Waits until the program exits and returns its status.
    pub fn wait_exit(&self, session: &str) -> i32 {
        let start = Instant::now();
        loop {
            if let Some(code) = self.dead(session) {
                return code;
            }
            if start.elapsed() > TIMEOUT {
                panic!(
                    "the program did not exit within {TIMEOUT:?}; screen:\n{}",
                    self.screen(session)
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Sends named keys (`Tab`, `C-s`, `Enter`, or a single character).
    pub fn keys(&self, session: &str, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", session];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    /// Types text literally, as UTF-8 key presses.
    pub fn type_text(&self, session: &str, text: &str) {
        self.run(&["send-keys", "-t", session, "-l", text]);
    }

    /// Pastes text as a bracketed paste (the program asked for it).
    pub fn paste(&self, session: &str, text: &str) {
        self.run(&["set-buffer", "-b", "e2e", "--", text]);
        self.run(&["paste-buffer", "-p", "-r", "-d", "-b", "e2e", "-t", session]);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let socket = self
            .command()
            .args(["display-message", "-p", "#{socket_path}"])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
        let _ = self.command().arg("kill-server").output();
        if let Some(path) = socket.filter(|p| !p.is_empty()) {
            let _ = std::fs::remove_file(path);
        }
    }
}
