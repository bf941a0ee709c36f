//! The schema version kept in `meta`: read, written, and brought up to
//! date when a database is opened.

use super::{META, SCHEMA_VERSION, Store, StoreError, codec, migrate};

/// The key in `meta` holding the schema version.
const SCHEMA_KEY: &[u8] = b"schema_version";

impl Store {
    /// Migrates an older schema, refuses a newer one, and records the
    /// version of a new database.
    pub(super) fn bring_schema_up_to_date(&self) -> Result<(), StoreError> {
        let found = self.schema_version()?;
        match found {
            Some(v) if v == SCHEMA_VERSION => {}
            Some(v) if v > SCHEMA_VERSION => {
                return Err(StoreError::NewerSchema {
                    path: self.path.clone(),
                    found: v,
                    supported: SCHEMA_VERSION,
                });
            }
            Some(v) => migrate::run(self, v)?,
            None if self.is_empty()? => self.set_schema_version(SCHEMA_VERSION)?,
            // Records without a version: written before versions were kept.
            None => migrate::run(self, 0)?,
        }
        Ok(())
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
