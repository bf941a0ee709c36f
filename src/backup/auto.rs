//! Automatic backups: after every write that locks a score sheet or amends a
//! locked cluster-year, and when `thidua serve` stops, a backup is written
//! beside the database, in `DB.backups/`, and only the newest N are kept.
//!
//! A backup that cannot be written is a line in the database's log
//! (`DB/thidua.log`) and nothing louder: the write that called for it is on
//! disk already and stays; the next lock tries again.

use super::BackupError;
use super::write::{backup_bytes, write_atomic};
use crate::domain::{Date, Timestamp};
use crate::store::Store;
use crate::store::auto::BackupHook;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// How many automatic backups are kept unless told otherwise.
pub const DEFAULT_KEEP: usize = 10;

/// What an automatic backup's name starts and ends with; between them the
/// time (UTC) and the audit log's length: `thidua-20250630-120000-00000066.zip`.
const PREFIX: &str = "thidua-";
const SUFFIX: &str = ".zip";

/// The temporary file [`write_atomic`] writes first starts so; it never ends
/// in `.zip`, so a killed backup's debris is never taken for a backup.
const DEBRIS: &str = ".thidua-backup-";

/// One automatic backup at a time in this process, so two locks at once do
/// not prune each other's files or remove each other's temporary file.
static TAKING: Mutex<()> = Mutex::new(());

/// The folder automatic backups of the database in `db` go to: beside it,
/// named after it (`/data/db` → `/data/db.backups`).
pub fn folder(db: &Path) -> PathBuf {
    let mut name = db
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_else(|| "thidua".into());
    name.push(".backups");
    db.with_file_name(name)
}

/// Installs automatic backups on `store`, keeping the newest `keep`; 0
/// turns them off.
pub fn enable(store: &Store, keep: usize) {
    if keep == 0 {
        return;
    }
    let hook: BackupHook = Arc::new(move |s: &Store| match take(s, keep) {
        Ok(path) => Some(path),
        Err(e) => {
            s.log_detail(&format!(
                "automatic backup not written: {}",
                e.line(crate::i18n::Lang::En)
            ));
            None
        }
    });
    store.on_lock(hook);
}

/// Writes one automatic backup of `store` and removes all but the newest
/// `keep` (at least this one). Returns the file written.
pub fn take(store: &Store, keep: usize) -> Result<PathBuf, BackupError> {
    let _one = TAKING.lock().unwrap_or_else(|p| p.into_inner());
    let dir = folder(store.path());
    let io = |e: std::io::Error| BackupError::Io(dir.display().to_string(), e);
    create_private_dir(&dir).map_err(io)?;
    // Holding the database (its lock) and `TAKING`, nothing else writes
    // here: a temporary file is what a killed backup left.
    remove_debris(&dir);
    let (bytes, summary) = backup_bytes(store)?;
    let path = dir.join(name(Timestamp::now(), summary.entries));
    write_atomic(&path, &bytes)?;
    prune(&dir, keep.max(1));
    Ok(path)
}

/// The automatic backups in `dir`, oldest first: by the audit log's length
/// they hold, then by time. Only complete files (renamed into place) count.
pub fn list(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<((u64, String), PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            Some((order(&name)?, e.path()))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, p)| p).collect()
}

/// The newest automatic backup of the database in `db`, if any.
pub fn newest(db: &Path) -> Option<PathBuf> {
    list(&folder(db)).pop()
}

/// An automatic backup's file name.
fn name(at: Timestamp, entries: u64) -> String {
    let days = at.0.div_euclid(86_400);
    let secs = at.0.rem_euclid(86_400);
    let d = Date::from_unix_days(days);
    format!(
        "{PREFIX}{:04}{:02}{:02}-{:02}{:02}{:02}-{entries:08}{SUFFIX}",
        d.year,
        d.month,
        d.day,
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// Where a file name sorts among automatic backups: (log length, time);
/// `None` for any other file, which is left alone.
fn order(name: &str) -> Option<(u64, String)> {
    let middle = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let mut parts = middle.split('-');
    let (date, time, seq) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if parts.next().is_some() || !digits(date, 8) || !digits(time, 6) || seq.is_empty() {
        return None;
    }
    Some((seq.parse().ok()?, format!("{date}{time}")))
}

/// Removes all but the newest `keep` automatic backups in `dir`. A file
/// that cannot be removed is logged by the next failure, not here: it only
/// means one more is kept.
fn prune(dir: &Path, keep: usize) {
    let all = list(dir);
    let extra = all.len().saturating_sub(keep);
    for old in all.iter().take(extra) {
        let _ = std::fs::remove_file(old);
    }
}

/// Removes the temporary files of backups killed half-way.
fn remove_debris(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.filter_map(Result::ok) {
        if e.file_name().to_string_lossy().starts_with(DEBRIS) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Creates the folder, private to its owner (it holds the whole database).
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_by_log_length_then_time_and_others_are_ignored() {
        let a = name(Timestamp(1_751_270_400), 66);
        assert_eq!(a, "thidua-20250630-080000-00000066.zip");
        assert_eq!(order(&a), Some((66, "20250630080000".into())));
        // A clock set back does not make a longer log older.
        let b = name(Timestamp(1_000_000_000), 67);
        assert!(order(&b) > order(&a));
        for other in [
            ".thidua-backup-Ab12Cd",
            "thidua-20250630-080000-00000066.zip.tmp",
            "thidua-2025063-080000-1.zip",
            "thidua-20250630-080000-.zip",
            "notes.zip",
        ] {
            assert_eq!(order(other), None, "{other}");
        }
    }

    #[test]
    fn the_folder_is_beside_the_database() {
        assert_eq!(
            folder(Path::new("/data/db")),
            PathBuf::from("/data/db.backups")
        );
    }
}
