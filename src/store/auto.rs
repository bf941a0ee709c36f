//! The hook behind automatic backups. The store knows when a write locked a
//! score sheet or amended a locked cluster-year (its guard says so inside the
//! transaction); what a backup is, and where it goes, is `crate::backup`'s
//! business, installed here by whoever opened the store.

use super::Store;
use std::path::PathBuf;
use std::sync::Arc;

/// Takes an automatic backup of the store; `None` when none was written
/// (the hook logs why). It must not fail the write that called it.
pub type BackupHook = Arc<dyn Fn(&Store) -> Option<PathBuf> + Send + Sync>;

impl Store {
    /// Runs `hook` after every write that locks a score sheet or amends a
    /// locked cluster-year, once the write is flushed and the safety record
    /// written, whatever the path (form, SSH session, command line); and on
    /// [`Store::auto_backup`]. Replaces an earlier hook.
    pub fn on_lock(&self, hook: BackupHook) {
        if let Ok(mut slot) = self.backup_hook.lock() {
            *slot = Some(hook);
        }
    }

    /// Takes an automatic backup now, if a hook is installed (the server
    /// does on stopping). Returns the file written.
    pub fn auto_backup(&self) -> Option<PathBuf> {
        // Cloned out, so the hook runs without the slot's lock held.
        let hook = self.backup_hook.lock().ok()?.clone()?;
        hook(self)
    }
}
