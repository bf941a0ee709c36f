//! The safety record: what the database must hold at least, kept beside
//! sled's files and fsynced after every acknowledged write.
//!
//! sled can come back from a damaged or truncated data file as an older or
//! empty database without any error. This record lives outside sled's
//! files and remembers, as of the last acknowledged write, the audit
//! chain's length and the hash of its last entry, so an open can tell a
//! database that lost changes from one that did not. It also stamps sled's
//! files (size, inode, change time) as this program last left them: files
//! that still match were not touched since, so opening them needs neither
//! the spare copy nor the full verification.
//!
//! The file is two 4 KiB slots. Write number `n` goes to slot `n % 2` and
//! is fsynced, so a write torn by a crash spoils one slot while the other
//! still holds the write before. A slot is a big-endian `u32` length and a
//! codec envelope (which carries its own checksum).
//!
//! The file is also the program's lock on the database: an open [`Store`]
//! holds an exclusive lock on it, so two thidua processes never open, guard
//! or repair the same folder at once.
//!
//! [`Store`]: super::Store

use super::{StoreError, codec};
use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The file's name inside the database folder.
pub const FILE: &str = "thidua.safety";

/// The log of raw error details, inside the database folder.
pub const LOG: &str = "thidua.log";

const SLOT: usize = 4096;

/// What the database held after the last acknowledged write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    /// The write counter: how many times this record was written. It picks
    /// the newer of the two slots.
    pub counter: u64,
    /// The audit chain's length: its last entry's sequence number.
    pub entries: u64,
    /// SHA-256 of that entry's stored bytes (zeros for an empty log).
    pub head: [u8; 32],
    /// sled's files as this program left them, sorted by name.
    pub files: Vec<Stamp>,
}

/// One file's identity and the time it last changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    name: String,
    len: u64,
    inode: u64,
    /// Seconds and nanoseconds of the last change of the file or its
    /// metadata; no program can set it back.
    changed: (i64, i64),
    modified: (i64, i64),
}

#[cfg(unix)]
fn stamp(name: String, m: &std::fs::Metadata) -> Stamp {
    use std::os::unix::fs::MetadataExt;
    Stamp {
        name,
        len: m.len(),
        inode: m.ino(),
        changed: (m.ctime(), m.ctime_nsec()),
        modified: (m.mtime(), m.mtime_nsec()),
    }
}

#[cfg(not(unix))]
fn stamp(name: String, m: &std::fs::Metadata) -> Stamp {
    let modified = m
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or((0, 0), |d| {
            (
                i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
                i64::from(d.subsec_nanos()),
            )
        });
    Stamp {
        name,
        len: m.len(),
        inode: 0,
        changed: modified,
        modified,
    }
}

/// Stamps of sled's files in `dir`: every entry but this module's own
/// files and spare copies. The `blobs` folder is stamped as a folder, whose
/// change time moves whenever a blob is added or removed.
pub fn stamps(dir: &Path) -> std::io::Result<Vec<Stamp>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == FILE || name == LOG {
            continue;
        }
        out.push(stamp(name, &entry.metadata()?));
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// The locked safety file of an open database.
pub struct Keeper {
    file: File,
    path: PathBuf,
    /// Whether this open created the file, so a refused open removes it.
    created: bool,
    /// The newest readable mark, as read at open or last written.
    last: Option<Mark>,
}

/// Why the safety file could not be taken.
pub enum TakeError {
    /// Another process holds it.
    Held,
    /// It could not be opened or read.
    Io(std::io::Error),
}

impl Keeper {
    /// Opens (creating if needed, mode 0600) and locks the safety file of
    /// the database folder `dir`, and reads its newest readable mark.
    pub fn take(dir: &Path) -> Result<Keeper, TakeError> {
        let path = dir.join(FILE);
        let created = !path.exists();
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&path).map_err(TakeError::Io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => return Err(TakeError::Held),
            Err(std::fs::TryLockError::Error(e)) => return Err(TakeError::Io(e)),
        }
        let mut bytes = Vec::new();
        (&mut file)
            .take(2 * SLOT as u64)
            .read_to_end(&mut bytes)
            .map_err(TakeError::Io)?;
        let last = [0, SLOT]
            .into_iter()
            .filter_map(|at| read_slot(bytes.get(at..)?))
            .max_by_key(|m| m.counter);
        Ok(Keeper {
            file,
            path,
            created,
            last,
        })
    }

    /// The newest readable mark, if any.
    pub fn last(&self) -> Option<&Mark> {
        self.last.as_ref()
    }

    /// The next write counter.
    fn next_counter(&self) -> u64 {
        self.last
            .as_ref()
            .map_or(1, |m| m.counter.saturating_add(1))
    }

    /// Writes a new mark into the slot its counter picks and fsyncs it.
    pub fn write(
        &mut self,
        entries: u64,
        head: [u8; 32],
        files: Vec<Stamp>,
    ) -> std::io::Result<()> {
        let mark = Mark {
            counter: self.next_counter(),
            entries,
            head,
            files,
        };
        let body = codec::encode(&mark).map_err(std::io::Error::other)?;
        let len = u32::try_from(body.len())
            .ok()
            .filter(|n| (*n as usize) + 4 <= SLOT)
            .ok_or_else(|| std::io::Error::other("the safety record outgrew its slot"))?;
        let mut slot = Vec::with_capacity(SLOT);
        slot.extend_from_slice(&len.to_be_bytes());
        slot.extend_from_slice(&body);
        slot.resize(SLOT, 0);
        let at = if mark.counter.is_multiple_of(2) {
            0
        } else {
            SLOT as u64
        };
        write_at(&self.file, &slot, at)?;
        self.file.sync_data()?;
        if self.created {
            // The file's name must outlive a crash too.
            sync_dir(self.path.parent())?;
            self.created = false;
        }
        self.last = Some(mark);
        Ok(())
    }

    /// Gives the file up after a refused open: a file this open created is
    /// removed, so a refusal leaves the folder as it was.
    pub fn abandon(self) {
        if self.created {
            // Best effort: an empty safety file harms nothing.
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

fn read_slot(bytes: &[u8]) -> Option<Mark> {
    let len: [u8; 4] = bytes.get(..4)?.try_into().ok()?;
    let len = u32::from_be_bytes(len) as usize;
    codec::decode(bytes.get(4..4usize.checked_add(len)?)?).ok()
}

#[cfg(unix)]
fn write_at(file: &File, bytes: &[u8], at: u64) -> std::io::Result<()> {
    use std::os::unix::fs::FileExt;
    file.write_all_at(bytes, at)
}

#[cfg(not(unix))]
fn write_at(mut file: &File, bytes: &[u8], at: u64) -> std::io::Result<()> {
    use std::io::{Seek, SeekFrom, Write};
    file.seek(SeekFrom::Start(at))?;
    file.write_all(bytes)
}

/// Fsyncs a folder, so a file created or renamed in it survives a crash.
pub fn sync_dir(dir: Option<&Path>) -> std::io::Result<()> {
    #[cfg(unix)]
    if let Some(d) = dir {
        File::open(d)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

impl std::fmt::Debug for Keeper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keeper")
            .field("path", &self.path)
            .field("last", &self.last)
            .finish()
    }
}

/// Appends a line of raw detail to the database folder's log, so the one
/// line a user reads can stay plain. Best effort; the log is started again
/// once it passes 1 MiB.
pub fn log_detail(dir: &Path, line: &str) {
    use std::io::Write;
    if !dir.is_dir() {
        return;
    }
    let path = dir.join(LOG);
    let fresh = std::fs::metadata(&path).is_ok_and(|m| m.len() > 1024 * 1024);
    let mut options = OpenOptions::new();
    options.create(true);
    if fresh {
        options.write(true).truncate(true);
    } else {
        options.append(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    if let Ok(mut f) = options.open(&path) {
        let now = crate::domain::Timestamp::now();
        let one_line = line.replace(['\n', '\r'], " ");
        let _ = writeln!(f, "[{now}] {one_line}");
    }
}

/// A store error for a safety file that cannot be used.
pub fn io_error(dir: &Path, e: &std::io::Error) -> StoreError {
    StoreError::Open {
        path: dir.to_path_buf(),
        reason: format!("cannot use {}: {e}", dir.join(FILE).display()),
    }
}

/// The safety record of an open store, and the damage its open found.
#[derive(Debug)]
pub struct Integrity {
    keeper: std::sync::Mutex<Keeper>,
    damage: Vec<super::verify::Finding>,
}

impl Integrity {
    /// The record of a store being opened.
    pub(super) fn new(keeper: Keeper) -> Integrity {
        Integrity {
            keeper: std::sync::Mutex::new(keeper),
            damage: Vec::new(),
        }
    }

    /// Records the damage the open found.
    pub(super) fn set_damage(&mut self, damage: Vec<super::verify::Finding>) {
        self.damage = damage;
    }

    /// Gives the lock up after a refused open.
    pub(super) fn abandon(self) {
        if let Ok(keeper) = self.keeper.into_inner() {
            keeper.abandon();
        }
    }
}

impl super::Store {
    /// Records what the database holds now, after a write was flushed: the
    /// audit log's last entry and sled's files. A failure is logged, not
    /// returned: the write itself is on disk, and a record left behind only
    /// makes the next open verify everything.
    pub(super) fn safety_after_write(&self) {
        if let Err(e) = self.write_mark() {
            log_detail(
                &self.path,
                &format!("the safety record was not updated: {e}"),
            );
        }
    }

    pub(super) fn write_mark(&self) -> Result<(), StoreError> {
        let mut keeper = self
            .integrity
            .keeper
            .lock()
            .map_err(|_| StoreError::Io("the safety record's lock is poisoned".into()))?;
        let (entries, head) = self.log_tip()?;
        // Flushed after reading the tip, so every entry up to it is on disk
        // even if another session committed it without flushing yet.
        self.db.flush()?;
        let files = stamps(&self.path).map_err(|e| io_error(&self.path, &e))?;
        keeper
            .write(entries, head, files)
            .map_err(|e| io_error(&self.path, &e))
    }

    /// The audit log's last entry: its number and the SHA-256 of its bytes.
    pub(super) fn log_tip(&self) -> Result<(u64, [u8; 32]), StoreError> {
        use sha2::{Digest, Sha256};
        Ok(self
            .tree(super::AUDIT_POS)?
            .last()?
            .map_or((0, [0; 32]), |(k, v)| {
                (codec::read_u64(&k).unwrap_or(0), Sha256::digest(&v).into())
            }))
    }

    /// Damage found when the database was opened: records that do not
    /// decode or do not match the audit log, breaks in the log. While there
    /// is any, every write is refused.
    pub fn damage(&self) -> &[super::verify::Finding] {
        &self.integrity.damage
    }

    /// Appends a line of raw detail to the database's log.
    pub fn log_detail(&self, line: &str) {
        log_detail(&self.path, line);
    }
}
