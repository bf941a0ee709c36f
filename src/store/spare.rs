//! The spare copy taken before sled opens a database whose files changed
//! since this program last left them.
//!
//! sled 0.34 repairs what it cannot read while it opens: it overwrites the
//! rest of a segment after a damaged message, blanks later segments, and
//! starts an empty database over a data file it cannot read at all. When
//! the open is then refused, the files must be put back exactly as they
//! were. Files that still match the safety record's stamps were left by
//! this program after a good write, so sled finds nothing to repair and no
//! copy is taken; a copy is only needed after damage, a crash in the middle
//! of a write, or a database brought from elsewhere.
//!
//! The copy lives in the database folder's parent (`.NAME.thidua-spare-PID-N`,
//! mode 0700, files 0600), never in the shared temp folder, and is removed
//! when the open ends either way. A copy left by a process killed while it
//! opened is found by the next open, which holds the database's lock, so no
//! live process owns it: if it was complete, sled may have changed the files
//! since, so they are put back from it first; then it is removed.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Marks a copy as complete, written after every file is copied.
const COMPLETE: &str = "complete";

/// sled's folder of large values.
const BLOBS: &str = "blobs";

/// A copy of a database folder's files.
#[derive(Debug)]
pub struct Spare {
    dir: PathBuf,
    /// Paths relative to the database folder.
    files: Vec<PathBuf>,
    /// Whether the folder had sled's `blobs` folder (kept, even empty, as
    /// `blobs` in the copy).
    had_blobs: bool,
}

/// The prefix of this database's copies in its parent.
fn prefix(db: &Path) -> Option<String> {
    let name = db.file_name()?.to_string_lossy();
    Some(format!(".{name}.thidua-spare-"))
}

fn parent(db: &Path) -> &Path {
    match db.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// sled's files in the database folder, relative to it: the files at the
/// top (but the safety record and the log, which sled never touches) and
/// those in `blobs`.
fn sled_files(db: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(db)? {
        let entry = entry?;
        let name = entry.file_name();
        if name == super::safety::FILE || name == super::safety::LOG {
            continue;
        }
        let kind = entry.file_type()?;
        if kind.is_file() {
            out.push(PathBuf::from(&name));
        } else if kind.is_dir() && name == BLOBS {
            for blob in std::fs::read_dir(entry.path())? {
                let blob = blob?;
                if blob.file_type()?.is_file() {
                    out.push(Path::new(BLOBS).join(blob.file_name()));
                }
            }
        }
    }
    out.sort();
    Ok(out)
}

fn private_file(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

fn private_dir(path: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(path)
}

/// Copies `from` into a new private file `to`, fsynced.
fn copy_private(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut src = File::open(from)?;
    let mut dst = private_file(to)?;
    std::io::copy(&mut src, &mut dst)?;
    dst.sync_all()
}

/// Writes `from`'s bytes over `to` (created if missing), fsynced: the
/// file keeps its inode, as sled left it.
fn copy_over(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut src = File::open(from)?;
    let mut dst = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(to)?;
    std::io::copy(&mut src, &mut dst)?;
    dst.sync_all()
}

impl Spare {
    /// Copies sled's files of `db` into a new private folder beside it.
    pub fn take(db: &Path) -> std::io::Result<Spare> {
        let prefix = prefix(db).ok_or_else(|| std::io::Error::other("no folder name"))?;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir = parent(db).join(format!("{prefix}{}-{nanos}", std::process::id()));
        private_dir(&dir)?;
        // From here on, dropping `spare` removes the folder.
        let mut spare = Spare {
            dir,
            files: Vec::new(),
            had_blobs: db.join(BLOBS).is_dir(),
        };
        if spare.had_blobs {
            private_dir(&spare.dir.join(BLOBS))?;
        }
        spare.files = sled_files(db)?;
        for rel in &spare.files {
            copy_private(&db.join(rel), &spare.dir.join(rel))?;
        }
        private_file(&spare.dir.join(COMPLETE))?.write_all(b"1")?;
        super::safety::sync_dir(Some(&spare.dir))?;
        Ok(spare)
    }

    /// Puts the files back as they were when the copy was taken, and
    /// removes those sled added since (a new snapshot, new blobs).
    pub fn restore(&self, db: &Path) -> std::io::Result<()> {
        for rel in sled_files(db)? {
            if !self.files.contains(&rel) {
                std::fs::remove_file(db.join(&rel))?;
            }
        }
        if !self.had_blobs {
            // sled made it while opening; only if it is still empty.
            let _ = std::fs::remove_dir(db.join(BLOBS));
        }
        for rel in &self.files {
            copy_over(&self.dir.join(rel), &db.join(rel))?;
        }
        super::safety::sync_dir(Some(db))?;
        Ok(())
    }

    /// Removes copies of `db` left by processes killed while opening it.
    /// Call only while holding the database's lock. A complete copy is put
    /// back first, since sled may have changed the files after it was
    /// taken; the open that follows then sees them as they were.
    pub fn clean_stale(db: &Path) -> std::io::Result<usize> {
        let Some(prefix) = prefix(db) else {
            return Ok(0);
        };
        let mut cleaned = 0;
        let Ok(entries) = std::fs::read_dir(parent(db)) else {
            return Ok(0);
        };
        for entry in entries {
            let entry = entry?;
            if !entry.file_name().to_string_lossy().starts_with(&prefix) {
                continue;
            }
            let dir = entry.path();
            if dir.join(COMPLETE).exists() {
                let files = list_relative(&dir)?;
                let had_blobs = dir.join(BLOBS).is_dir();
                let stale = Spare {
                    dir,
                    files,
                    had_blobs,
                };
                stale.restore(db)?;
                drop(stale);
            } else {
                std::fs::remove_dir_all(&dir)?;
            }
            cleaned += 1;
        }
        Ok(cleaned)
    }
}

/// The files of a copy, relative to it, without its completion mark.
fn list_relative(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if entry.file_type()?.is_dir() {
            for inner in std::fs::read_dir(entry.path())? {
                out.push(Path::new(&name).join(inner?.file_name()));
            }
        } else if name != COMPLETE {
            out.push(PathBuf::from(name));
        }
    }
    out.sort();
    Ok(out)
}

impl Drop for Spare {
    fn drop(&mut self) {
        // Best effort: the next open removes what is left.
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
