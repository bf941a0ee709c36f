//! A real `thidua serve` for the SSH tests: the release binary as a child
//! process on 127.0.0.1 with a port the system picks, over a temporary copy
//! of the demo data, with users whose keys are written as OpenSSH files.

use russh::keys::{Algorithm, PrivateKey};
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_thidua");

/// A user of the test server.
pub struct TestUser {
    /// The name in the users file (and so in the audit log).
    pub name: String,
    /// The private key, as the in-process client uses it.
    pub key: Arc<PrivateKey>,
    /// The private key file, for `ssh -i`.
    pub key_file: PathBuf,
}

/// The login name typed after `ssh`: the client's choice, which proves
/// nothing (the server knows users by key).
pub const SSH_LOGIN: &str = "whatever";

/// A key the server does not know.
pub fn stranger(dir: &Path) -> TestUser {
    make_user(dir, "stranger")
}

fn make_user(dir: &Path, name: &str) -> TestUser {
    let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).expect("generate key");
    let key_file = dir.join(format!("{name}.key"));
    key.write_openssh_file(&key_file, russh::keys::ssh_key::LineEnding::LF)
        .expect("write key");
    TestUser {
        name: name.to_string(),
        key: Arc::new(key),
        key_file,
    }
}

/// The running server; dropping it stops it.
pub struct Server {
    child: Option<Child>,
    /// Where it listens.
    pub addr: SocketAddr,
    /// The temporary folder with the database, users file and keys.
    pub dir: tempfile::TempDir,
    /// The database folder.
    pub db: PathBuf,
    /// The users, in the order given.
    pub users: Vec<TestUser>,
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Starts a server on the demo data. Each user is (name, TOML lines for
    /// the role), e.g. `("khach", "role = \"viewer\"")`.
    pub fn start(users: &[(&str, &str)], extra_args: &[&str]) -> Server {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = demo_db(dir.path());
        let mut toml = String::new();
        let mut made = Vec::new();
        for (name, role) in users {
            let u = make_user(dir.path(), name);
            let public = u.key.public_key().to_openssh().expect("public key");
            toml.push_str(&format!(
                "[[user]]\nname = \"{name}\"\n{role}\nkeys = [\"{public}\"]\n\n"
            ));
            made.push(u);
        }
        let users_file = write_users_file(dir.path(), &toml);
        let log = Arc::new(Mutex::new(Vec::new()));
        let (child, addr) = listen(dir.path(), &db, &users_file, extra_args, &log);
        Server {
            child: Some(child),
            addr,
            dir,
            db,
            users: made,
            log,
        }
    }

    /// A user by name.
    pub fn user(&self, name: &str) -> &TestUser {
        self.users
            .iter()
            .find(|u| u.name == name)
            .expect("no such test user")
    }

    /// What the server printed so far.
    pub fn log(&self) -> String {
        self.log.lock().expect("log").join("\n")
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.as_ref().map_or(0, Child::id)
    }

    /// The server's CPU time so far (user + system), in seconds.
    pub fn cpu_seconds(&self) -> f64 {
        cpu_ticks(&self.pid().to_string()) as f64 / clock_ticks_per_sec() as f64
    }

    /// The server's resident memory now, in kB (0 when it cannot be read).
    pub fn rss_kb(&self) -> u64 {
        let text = std::fs::read_to_string(format!("/proc/{}/status", self.pid()));
        status_field(&text.unwrap_or_default(), "VmRSS:")
    }

    /// `ssh host COMMAND` as `user`, without a terminal, with `stdin` piped
    /// in; its output once it ends.
    pub fn exec(&self, user: &str, command: &str, stdin: &[u8]) -> std::process::Output {
        let mut child = Command::new("ssh")
            .args(self.ssh_args(&self.user(user).key_file, &["-T"]))
            .arg(command)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run ssh");
        let mut input = child.stdin.take().expect("stdin");
        let bytes = stdin.to_vec();
        let feeder = std::thread::spawn(move || {
            use std::io::Write;
            // The command may not read it all: a closed pipe is no failure.
            let _ = input.write_all(&bytes);
        });
        let out = child.wait_with_output().expect("wait for ssh");
        feeder.join().expect("stdin feeder");
        out
    }
    /// The OpenSSH command line for `key` to this server as [`SSH_LOGIN`],
    /// with nothing from the user's own config, agent or known hosts.
    /// `extra` comes before the destination; a remote command goes after.
    pub fn ssh_args(&self, key: &Path, extra: &[&str]) -> Vec<String> {
        let mut args: Vec<String> = vec![
            "-F".into(),
            "/dev/null".into(),
            "-i".into(),
            key.display().to_string(),
            "-p".into(),
            self.addr.port().to_string(),
        ];
        for o in [
            "StrictHostKeyChecking=no",
            "UserKnownHostsFile=/dev/null",
            "BatchMode=yes",
            "IdentitiesOnly=yes",
            "LogLevel=ERROR",
            "ConnectTimeout=10",
        ] {
            args.push("-o".into());
            args.push(o.into());
        }
        args.extend(extra.iter().map(|s| s.to_string()));
        args.push(format!("{SSH_LOGIN}@{}", self.addr.ip()));
        args
    }

    /// Stops the server as Ctrl-C does and returns its exit status.
    pub fn interrupt(&mut self) -> ExitStatus {
        let mut child = self.child.take().expect("server already stopped");
        let _ = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = child.try_wait().expect("wait for server") {
                return status;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                panic!("the server did not stop on SIGINT; log:\n{}", self.log());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Starts `thidua serve` again on this server's database, users, host
    /// key and log, once the last one has ended (stopped, or killed and
    /// reaped by [`Server::kill9`]): the next life of the same server.
    pub fn restart(&mut self, extra_args: &[&str]) {
        assert!(self.child.is_none(), "the server is still running");
        let users_file = self.dir.path().join("users.toml");
        let (child, addr) = listen(
            self.dir.path(),
            &self.db,
            &users_file,
            extra_args,
            &self.log,
        );
        self.child = Some(child);
        self.addr = addr;
    }

    /// Kills the server with SIGKILL (`kill -9 PID`), as a power cut or
    /// the OOM killer would, and reaps it.
    pub fn kill9(&mut self) -> ExitStatus {
        let mut child = self.child.take().expect("server already stopped");
        let sent = Command::new("kill")
            .args(["-9", &child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(sent.success(), "kill -9 {} failed", child.id());
        child.wait().expect("reap the killed server")
    }
}

/// Spawns `thidua serve` and waits (up to 20 s) for the line naming the
/// address it listens on; its console lines go to `log`.
fn listen(
    dir: &Path,
    db: &Path,
    users_file: &Path,
    extra_args: &[&str],
    log: &Arc<Mutex<Vec<String>>>,
) -> (Child, SocketAddr) {
    let mut child = spawn_serve(dir, db, users_file, extra_args);
    let (tx, rx) = std::sync::mpsc::channel();
    if let Some(stderr) = child.stderr.take() {
        let log = Arc::clone(log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(addr) = line
                    .split("thidua serve on ")
                    .nth(1)
                    .and_then(|rest| rest.split(';').next())
                    .and_then(|a| a.parse::<SocketAddr>().ok())
                {
                    let _ = tx.send(addr);
                }
                log.lock().expect("log").push(line);
            }
        });
    }
    match rx.recv_timeout(Duration::from_secs(20)) {
        Ok(addr) => (child, addr),
        Err(_) => {
            let _ = child.kill();
            panic!(
                "the server did not start; its log:\n{}",
                log.lock().expect("log").join("\n")
            );
        }
    }
}

/// Starts a server on the demo data with `users_toml` as its users file,
/// expecting it to refuse to start, and returns what it printed. Panics if it
/// starts (or hangs) instead.
pub fn refused_start(users_toml: &str, extra_args: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = demo_db(dir.path());
    let users_file = write_users_file(dir.path(), users_toml);
    let mut child = spawn_serve(dir.path(), &db, &users_file, extra_args);
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for server") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the server started (or hung) on a users file it should refuse");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut err = String::new();
    if let Some(mut stderr) = child.stderr.take() {
        std::io::Read::read_to_string(&mut stderr, &mut err).expect("read stderr");
    }
    assert!(!status.success(), "the server exited 0: {err}");
    err
}

/// A demo database in `dir`, made by `thidua init --demo`.
fn demo_db(dir: &Path) -> PathBuf {
    let db = dir.join("db");
    let init = Command::new(BIN)
        .args(["--db"])
        .arg(&db)
        .args(["init", "--demo"])
        .output()
        .expect("run thidua init");
    assert!(
        init.status.success(),
        "init --demo failed: {}",
        String::from_utf8_lossy(&init.stderr)
    );
    db
}

/// Writes `users.toml` in `dir`, private to its owner, and returns its path.
fn write_users_file(dir: &Path, toml: &str) -> PathBuf {
    let users_file = dir.join("users.toml");
    std::fs::write(&users_file, toml).expect("write users file");
    // The server refuses a users file others could write; the umask of
    // the machine running the tests must not decide that.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&users_file, std::fs::Permissions::from_mode(0o600))
            .expect("chmod users file");
    }
    users_file
}

/// Starts `thidua serve` with its console (stderr) piped to the test.
fn spawn_serve(
    dir: &Path,
    db: &Path,
    users_file: &Path,
    extra_args: &[&str],
) -> std::process::Child {
    serve_command(dir, db, users_file, extra_args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start thidua serve")
}

/// `thidua serve` on loopback with the files in `dir`.
fn serve_command(dir: &Path, db: &Path, users_file: &Path, extra_args: &[&str]) -> Command {
    let mut command = Command::new(BIN);
    command
        .args(["--db"])
        .arg(db)
        .args(["serve", "--listen", "127.0.0.1:0", "--users"])
        .arg(users_file)
        .arg("--host-key")
        .arg(dir.join("host_key"))
        .args(extra_args);
    command
}

/// A number field of `/proc/PID/status` (`"VmRSS:"` → kB); 0 when absent.
pub fn status_field(text: &str, name: &str) -> u64 {
    text.lines()
        .find_map(|l| l.strip_prefix(name))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// utime + stime of a process (`pid` is a number, `self`, or
/// `N/task/T` for one thread), in clock ticks; 0 when it cannot be read.
pub fn cpu_ticks(pid: &str) -> u64 {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return 0;
    };
    // Fields after the command name, which is in parentheses: state is
    // field 3, utime 14, stime 15.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let get = |i: usize| f.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    get(11) + get(12)
}

/// The kernel's clock ticks per second (`getconf CLK_TCK`; 100 if unknown).
pub fn clock_ticks_per_sec() -> u64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100)
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
