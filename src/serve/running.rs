//! The note `thidua serve` leaves beside the database it holds (`DB.serve`):
//! where it listens and its process id. A local command that finds the
//! database in use reads it to print the `ssh` command that runs the same
//! thing through the server.
//!
//! The note lives beside the database folder, not in it: every file in the
//! folder is stamped as sled's (`store::safety`), and a new one would make
//! the next open verify everything.

use serde::{Deserialize, Serialize};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::{Path, PathBuf};

/// What the note says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Running {
    /// The address the server listens on, its port as bound.
    pub listen: SocketAddr,
    /// The server's process id.
    pub pid: u32,
}

/// The note's largest size; anything bigger is not one.
const MAX_BYTES: u64 = 4096;

/// The note of the database in `db`: beside it, named after it
/// (`/data/db` → `/data/db.serve`).
pub fn path(db: &Path) -> PathBuf {
    let mut name = db
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_else(|| "thidua".into());
    name.push(".serve");
    db.with_file_name(name)
}

/// Removes the note when the server stops the orderly way.
#[derive(Debug)]
pub struct Note(PathBuf);

impl Drop for Note {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Writes the note for a server holding `db` and listening on `listen`.
pub fn write(db: &Path, listen: SocketAddr) -> std::io::Result<Note> {
    let note = Running {
        listen,
        pid: std::process::id(),
    };
    let file = path(db);
    let text = serde_json::to_string(&note).map_err(std::io::Error::other)? + "\n";
    crate::export::write_atomically(&file, text.as_bytes())?;
    Ok(Note(file))
}

/// The note beside `db`, if there is one and the process that wrote it
/// still runs. A note left by a server that was killed names a process
/// that is gone, and is not believed.
pub fn read(db: &Path) -> Option<Running> {
    use std::io::Read;
    let mut text = String::new();
    std::fs::File::open(path(db))
        .ok()?
        .take(MAX_BYTES)
        .read_to_string(&mut text)
        .ok()?;
    let note: Running = serde_json::from_str(&text).ok()?;
    alive(note.pid).then_some(note)
}

#[cfg(unix)]
fn alive(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return false;
    };
    match rustix::process::test_kill_process(pid) {
        Ok(()) => true,
        // It exists, and belongs to someone else.
        Err(e) => e == rustix::io::Errno::PERM,
    }
}

#[cfg(not(unix))]
fn alive(_pid: u32) -> bool {
    true
}

impl Running {
    /// The address to reach the server from this machine: the loopback
    /// address when it listens on all of them.
    pub fn host(&self) -> IpAddr {
        match self.listen.ip() {
            IpAddr::V4(a) if a.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(a) if a.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
            ip => ip,
        }
    }

    /// The start of an `ssh` command line to this server, before the
    /// remote command (`ssh -p 2222 thidua@127.0.0.1`). The login name is
    /// any: the server knows users by their key.
    pub fn ssh(&self, terminal: bool) -> String {
        let t = if terminal { "-t " } else { "" };
        format!("ssh {t}-p {} thidua@{}", self.listen.port(), self.host())
    }
}
