//! Opening a database: the lock, the cache size, the schema check.

use super::{CACHE_BYTES, META, SCHEMA_VERSION, Store, StoreError, codec, migrate, tree_names};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The key in `meta` holding the schema version.
pub(super) const SCHEMA_KEY: &[u8] = b"schema_version";

impl Store {
    /// Opens (or creates) the database in `path`, migrating an older schema.
    ///
    /// Another process holding the database gives [`StoreError::Locked`]; a
    /// folder sled cannot read gives [`StoreError::Open`]; both are one line.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let config = sled::Config::new()
            .path(path)
            .cache_capacity(CACHE_BYTES)
            // Every write is flushed before it returns, so sled's background
            // flusher is not needed; without it, dropping the store releases
            // the file lock at once instead of up to half a second later.
            .flush_every_ms(None);
        // sled 0.34 treats a data file it cannot read as a new, empty
        // database and overwrites it while opening. Keep a copy of the files
        // first, and put them back if sled recovered nothing from them.
        let had_data = std::fs::metadata(path.join("db")).is_ok_and(|m| m.len() > 0);
        let copy = if had_data {
            Some(OpeningCopy::take(path).map_err(|e| StoreError::Open {
                path: path.to_path_buf(),
                reason: format!("cannot keep a safety copy before opening: {e}"),
            })?)
        } else {
            None
        };
        // sled asserts on some damaged files instead of returning an error;
        // a damaged file must still be one clear line, not a backtrace.
        let opened = quiet_catch_unwind(|| config.open());
        let db = match opened {
            Ok(Ok(db)) if had_data && !db.was_recovered() => {
                drop(db);
                let reason = match copy {
                    Some(c) => match c.restore() {
                        Ok(()) => {
                            c.discard();
                            "the data file is damaged and could not be read; it was left as it was"
                                .to_string()
                        }
                        Err(e) => format!(
                            "the data file is damaged and could not be read; putting it back failed ({e}); a copy is in {}",
                            c.dir.display()
                        ),
                    },
                    None => "the data file is damaged and could not be read".to_string(),
                };
                return Err(StoreError::Open {
                    path: path.to_path_buf(),
                    reason,
                });
            }
            Ok(Ok(db)) => db,
            Ok(Err(e)) => return Err(open_error(path, &e)),
            Err(reason) => {
                return Err(StoreError::Open {
                    path: path.to_path_buf(),
                    reason,
                });
            }
        };
        if let Some(c) = copy {
            c.discard();
        }
        let mut trees = Vec::new();
        for name in tree_names() {
            trees.push(db.open_tree(name).map_err(|e| open_error(path, &e))?);
        }
        let store = Store {
            db,
            path: path.to_path_buf(),
            trees,
            subscribers: Mutex::new(Vec::new()),
            generation: std::sync::atomic::AtomicU64::new(0),
            derived: Mutex::new(None),
        };
        let found = store.schema_version()?;
        match found {
            Some(v) if v == SCHEMA_VERSION => {}
            Some(v) if v > SCHEMA_VERSION => {
                return Err(StoreError::NewerSchema {
                    path: path.to_path_buf(),
                    found: v,
                    supported: SCHEMA_VERSION,
                });
            }
            Some(v) => migrate::run(&store, v)?,
            None if store.is_empty()? => store.set_schema_version(SCHEMA_VERSION)?,
            // Records without a version: written before versions were kept.
            None => migrate::run(&store, 0)?,
        }
        Ok(store)
    }

    /// The schema version recorded in `meta`, if any.
    pub(super) fn schema_version(&self) -> Result<Option<u32>, StoreError> {
        let meta = self.db.open_tree(META)?;
        let Some(bytes) = meta.get(SCHEMA_KEY)? else {
            return Ok(None);
        };
        codec::decode::<u32>(&bytes)
            .map(Some)
            .map_err(|e| StoreError::UnknownSchema {
                path: self.path.clone(),
                reason: e.to_string(),
            })
    }

    pub(super) fn set_schema_version(&self, v: u32) -> Result<(), StoreError> {
        let meta = self.db.open_tree(META)?;
        let bytes = codec::encode(&v).map_err(|e| StoreError::Io(e.to_string()))?;
        meta.insert(SCHEMA_KEY, bytes)?;
        self.db.flush()?;
        Ok(())
    }

    fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.trees.iter().all(|t| t.is_empty()))
    }
}

fn open_error(path: &Path, e: &sled::Error) -> StoreError {
    let text = e.to_string();
    if text.contains("could not acquire lock") {
        return StoreError::Locked {
            path: path.to_path_buf(),
        };
    }
    let reason = match e {
        sled::Error::Corruption { .. } => "the database files are damaged".to_string(),
        sled::Error::Unsupported(_) => {
            format!("the folder does not hold a database this program can read ({text})")
        }
        _ => text,
    };
    StoreError::Open {
        path: path.to_path_buf(),
        reason,
    }
}

/// A copy of a database folder's files, taken before sled opens it.
struct OpeningCopy {
    from: PathBuf,
    dir: PathBuf,
    files: Vec<String>,
}

impl OpeningCopy {
    fn take(from: &Path) -> std::io::Result<OpeningCopy> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let dir = std::env::temp_dir().join(format!("thidua-open-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let mut files = Vec::new();
        for entry in std::fs::read_dir(from)? {
            let entry = entry?;
            if entry.file_type()?.is_file() {
                let name = entry.file_name().to_string_lossy().into_owned();
                std::fs::copy(entry.path(), dir.join(&name))?;
                files.push(name);
            }
        }
        Ok(OpeningCopy {
            from: from.to_path_buf(),
            dir,
            files,
        })
    }

    fn restore(&self) -> std::io::Result<()> {
        for name in &self.files {
            std::fs::copy(self.dir.join(name), self.from.join(name))?;
        }
        Ok(())
    }

    fn discard(self) {
        // Best effort: a leftover copy in the temp folder harms nothing.
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

thread_local! {
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, turning a panic into its message without printing a backtrace.
/// The panic hook is installed once for the process and stays silent only on
/// the thread that asked, so sessions opening stores in parallel cannot
/// swallow each other's panic messages.
fn quiet_catch_unwind<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result.map_err(|p| {
        p.downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "the database files are damaged".to_string())
    })
}
