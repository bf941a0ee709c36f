//! The users file as the server holds it: loaded once at start, then
//! re-read on a thread of its own whenever the file changes.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, RwLock, Weak};
use std::time::{Duration, SystemTime};

use super::{ReadProblem, Users, UsersError};
use crate::store::Store;
/// The users file, re-read when its modification time or size changes, so
/// keys can be added while the server runs.
///
/// Logins only read the users last loaded ([`UsersFile::users`]): the file is
/// checked and re-read by [`UsersFile::refresh`], which the server calls from
/// a thread of its own ([`UsersFile::watch`]), so a large or slow file never
/// holds up a login or holds a lock one waits on.
pub struct UsersFile {
    path: PathBuf,
    store: Arc<Store>,
    users: RwLock<Arc<Users>>,
    /// The stamp of the file as last read (or last found unreadable: `None`
    /// when it could not even be stat'ed), so each change is tried, and each
    /// error reported, once. Held for the whole of a refresh, so two refreshes
    /// never read the file at once.
    stamp: Mutex<Option<Stamp>>,
}

/// What tells that the file changed. The change time and inode are included
/// on unix because an editor can save a same-sized file within the mtime's
/// resolution, or restore the old mtime; neither can fake the ctime, and a
/// save-by-rename gives a new inode. A `chmod` changes the ctime too, so a
/// file made unsafe, or made safe again, is checked again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
    #[cfg(unix)]
    inode: (u64, u64, i64, i64),
}

impl Stamp {
    fn of(path: &Path) -> std::io::Result<Stamp> {
        let meta = std::fs::metadata(path)?;
        Ok(Stamp {
            modified: meta.modified().ok(),
            len: meta.len(),
            #[cfg(unix)]
            inode: {
                use std::os::unix::fs::MetadataExt;
                (meta.dev(), meta.ino(), meta.ctime(), meta.ctime_nsec())
            },
        })
    }
}

impl UsersFile {
    /// Reads the file for the first time; unlike later re-reads, this must
    /// succeed, since there are no previous users to fall back on.
    pub fn open(path: PathBuf, store: Arc<Store>) -> Result<UsersFile, UsersError> {
        // Stat before reading: if the file changes in between, the next
        // refresh sees a newer stamp and reads it again, rather than missing
        // the change.
        let stamp = Stamp::of(&path).map_err(|e| UsersError::Read {
            file: path.clone(),
            reason: ReadProblem::io(&e),
        })?;
        let users = Users::load(&path, &store)?;
        Ok(UsersFile {
            path,
            store,
            users: RwLock::new(Arc::new(users)),
            stamp: Mutex::new(Some(stamp)),
        })
    }

    /// The path the users are read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The users as last loaded. No file access: this is what a login asks.
    pub fn users(&self) -> Arc<Users> {
        // A poisoned lock only means a panic elsewhere while holding it; the
        // value is replaced whole, never left half-updated.
        Arc::clone(&self.users.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// Re-reads the file if it changed since the last look. When it no longer
    /// loads (a mistake, unsafe permissions, removed), the previous users
    /// stay and the error is returned, so the server can log it.
    ///
    /// The error is returned only by the call that noticed the change; later
    /// calls return `None` until the file changes again.
    pub fn refresh(&self) -> Option<UsersError> {
        let mut last = self.stamp.lock().unwrap_or_else(PoisonError::into_inner);
        match Stamp::of(&self.path) {
            Ok(stamp) if *last == Some(stamp) => None,
            Ok(stamp) => {
                *last = Some(stamp);
                // Parsed outside the lock logins read, which is taken only
                // to swap the result in.
                match Users::load(&self.path, &self.store) {
                    Ok(users) => {
                        *self.users.write().unwrap_or_else(PoisonError::into_inner) =
                            Arc::new(users);
                        None
                    }
                    Err(e) => Some(e),
                }
            }
            Err(_) if last.is_none() => None,
            Err(e) => {
                *last = None;
                Some(UsersError::Read {
                    file: self.path.clone(),
                    reason: ReadProblem::io(&e),
                })
            }
        }
    }

    /// Refreshes every `every` on a thread of its own, passing each error to
    /// `report`, until the last other handle to the file is dropped.
    pub fn watch(
        self: &Arc<Self>,
        every: Duration,
        report: impl Fn(UsersError) + Send + 'static,
    ) -> std::io::Result<()> {
        let file: Weak<UsersFile> = Arc::downgrade(self);
        std::thread::Builder::new()
            .name("users-file".into())
            .spawn(move || {
                loop {
                    std::thread::sleep(every);
                    let Some(file) = file.upgrade() else { return };
                    if let Some(e) = file.refresh() {
                        report(e);
                    }
                }
            })
            .map(drop)
    }
}
