//! Opening a database: the lock, the cache size, the schema check.

use super::{CACHE_BYTES, META, SCHEMA_VERSION, Store, StoreError, codec, migrate, tree_names};
use std::path::Path;
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
            .flush_every_ms(Some(500));
        // sled asserts on some damaged files instead of returning an error;
        // a damaged file must still be one clear line, not a backtrace.
        let opened = quiet_catch_unwind(|| config.open());
        let db = match opened {
            Ok(Ok(db)) => db,
            Ok(Err(e)) => return Err(open_error(path, &e)),
            Err(reason) => {
                return Err(StoreError::Open {
                    path: path.to_path_buf(),
                    reason,
                });
            }
        };
        let mut trees = Vec::new();
        for name in tree_names() {
            trees.push(db.open_tree(name).map_err(|e| open_error(path, &e))?);
        }
        let store = Store {
            db,
            path: path.to_path_buf(),
            trees,
            subscribers: Mutex::new(Vec::new()),
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
        StoreError::Locked {
            path: path.to_path_buf(),
        }
    } else {
        StoreError::Open {
            path: path.to_path_buf(),
            reason: text,
        }
    }
}

/// Runs `f`, turning a panic into its message without printing a backtrace.
fn quiet_catch_unwind<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    std::panic::set_hook(previous);
    result.map_err(|p| {
        p.downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "the database files are damaged".to_string())
    })
}
