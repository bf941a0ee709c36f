//! Schema migrations, and the index rebuild and check they rely on.
//!
//! Version 0 is a database written before schema versions were recorded: its
//! records are current but its indexes cannot be trusted. Every run ends by
//! rebuilding the indexes and reverse references from the records.

use super::error::hex;
use super::{
    AUDIT_POS, Index, META_POS, Record, SCHEMA_VERSION, Store, StoreError, audit, codec, index_pos,
    kind_pos,
};
use crate::domain::*;
use std::collections::BTreeSet;

/// The reason recorded with the schema 2 rewrite of each criteria table.
const MIGRATION_2: &str = "schema 2: self_scores_optional added (false: self-scores stay required)";

/// The reasons recorded with the schema 3 rewrites.
const MIGRATION_3_MEETINGS: &str = "schema 3: proceedings added (empty: hours, secretary, vote-counting committee, delegations and document numbers not yet recorded)";
const MIGRATION_3_CLUSTERS: &str = "schema 3: document heading added (Party, the default)";

/// Brings a database at version `from` up to [`SCHEMA_VERSION`], one step at
/// a time, recording each step so an interrupted run resumes where it stopped.
/// The indexes and the reverse references are rebuilt once, at the end,
/// when every record is in the newest layout (a rebuild reads them all);
/// the newest version is recorded only after that, so a run interrupted
/// before it rebuilds again.
pub(super) fn run(store: &Store, from: u32) -> Result<(), StoreError> {
    for step in from..SCHEMA_VERSION {
        match step {
            // Version 0's records are current; only its indexes are not.
            0 => {}
            1 => store.migrate_tables_to_2()?,
            2 => store.migrate_to_3()?,
            // Schema 4 keeps every record's layout and adds the global ids.
            3 => store.assign_missing_gids()?,
            _ => {
                return Err(StoreError::UnknownSchema {
                    path: store.path.clone(),
                    reason: format!("no migration from version {step}"),
                });
            }
        }
        if step + 1 < SCHEMA_VERSION {
            store.set_schema_version(step + 1)?;
        }
    }
    store.rebuild_indexes()?;
    store.rebuild_refs()?;
    store.set_schema_version(SCHEMA_VERSION)
}

/// Calls `$f::<T>` for every record type, so whole-database work is written once.
macro_rules! for_each_record {
    ($f:ident, $($arg:expr),*) => {{
        $f::<School>($($arg),*)?;
        $f::<Cluster>($($arg),*)?;
        $f::<Term>($($arg),*)?;
        $f::<Meeting>($($arg),*)?;
        $f::<Person>($($arg),*)?;
        $f::<CriteriaTable>($($arg),*)?;
        $f::<ScoreSheet>($($arg),*)?;
        $f::<Ballot>($($arg),*)?;
        $f::<Award>($($arg),*)?;
    }};
}
pub(super) use for_each_record;

type Entry = (Index, Vec<u8>, Vec<u8>);

fn expected_of<R: Record>(store: &Store, out: &mut BTreeSet<Entry>) -> Result<(), StoreError> {
    for (id, r) in store.all::<R>()? {
        let id: u64 = id.into();
        for k in r.index_keys(id) {
            let value = if k.unique {
                codec::id_key(id).to_vec()
            } else {
                Vec::new()
            };
            out.insert((k.index, k.key, value));
        }
    }
    Ok(())
}

fn corrupt_of<R: Record>(store: &Store, out: &mut Vec<String>) -> Result<(), StoreError> {
    for item in store.tree(kind_pos(R::KIND))?.iter() {
        let (k, v) = item?;
        if let Err(e) = codec::decode::<R>(&v) {
            out.push(format!(
                "corrupt record in tree `{}` at key {}: {e}",
                R::KIND.tree(),
                hex(&k)
            ));
        }
    }
    Ok(())
}

impl Store {
    /// Schema 1 → 2: criteria tables gain `self_scores_optional` (false, so
    /// self-scores stay required as before), appended as their last field.
    fn migrate_tables_to_2(&self) -> Result<(), StoreError> {
        self.append_to_all::<CriteriaTable, _>(&false, MIGRATION_2)
    }

    /// Schema 2 → 3: meetings gain their `proceedings` (all empty: nothing
    /// is known of them yet) and clusters their document `heading` (the
    /// Party's, the default), each appended as the last field.
    fn migrate_to_3(&self) -> Result<(), StoreError> {
        self.append_to_all::<Meeting, _>(&Proceedings::default(), MIGRATION_3_MEETINGS)?;
        self.append_to_all::<Cluster, _>(&HeadingStyle::Party, MIGRATION_3_CLUSTERS)
    }

    /// Appends a new last field's encoding to every record of a kind.
    /// Each rewrite is an audited change (actor `thidua`, with its reason),
    /// in one transaction with its log entry, so `check` still finds every
    /// record equal to its last entry. A value that already decodes in the
    /// new layout is left alone, so a step interrupted half-way resumes.
    fn append_to_all<R: Record, F: serde::Serialize>(
        &self,
        field: &F,
        reason: &str,
    ) -> Result<(), StoreError> {
        use sled::Transactional;
        let records = self.tree(kind_pos(R::KIND))?;
        let (meta, log) = (self.tree(META_POS)?, self.tree(AUDIT_POS)?);
        let mut pending = Vec::new();
        for item in records.iter() {
            let (k, v) = item?;
            if codec::decode::<R>(&v).is_ok() {
                continue;
            }
            let corrupt = |reason: String| StoreError::Corrupt {
                tree: R::KIND.tree().into(),
                key: hex(&k),
                reason,
            };
            let new = codec::append_field(&v, field).map_err(|e| corrupt(e.to_string()))?;
            codec::decode::<R>(&new).map_err(|e| corrupt(e.to_string()))?;
            pending.push((k, v.to_vec(), new));
        }
        let at = Timestamp::now();
        for (key, before, after) in pending {
            let id = codec::read_u64(&key).unwrap_or(0);
            (records, meta, log)
                .transaction(|(t, m, l)| {
                    t.insert(&key, after.as_slice())?;
                    audit::append(
                        m,
                        l,
                        audit::Pending {
                            at,
                            actor: "thidua",
                            op: audit::Op::Update,
                            kind: R::KIND,
                            id,
                            reason,
                            before: Some(before.clone()),
                            after: Some(after.clone()),
                        },
                    )?;
                    Ok(())
                })
                .map_err(StoreError::from)?;
        }
        self.db.flush()?;
        Ok(())
    }

    /// Every record that cannot be decoded, one line each with tree and key.
    pub fn corrupt_records(&self) -> Result<Vec<String>, StoreError> {
        let mut out = Vec::new();
        for_each_record!(corrupt_of, self, &mut out);
        Ok(out)
    }

    /// Every index entry the records call for.
    fn expected_index(&self) -> Result<BTreeSet<Entry>, StoreError> {
        let mut out = BTreeSet::new();
        for_each_record!(expected_of, self, &mut out);
        Ok(out)
    }

    /// Every index entry on disk.
    fn actual_index(&self) -> Result<BTreeSet<Entry>, StoreError> {
        let mut out = BTreeSet::new();
        for index in Index::ALL {
            for (k, v) in self.index_scan(index, &[])? {
                out.insert((index, k, v));
            }
        }
        Ok(out)
    }

    /// Compares the indexes with the records; an empty list means they agree.
    pub fn check_indexes(&self) -> Result<Vec<String>, StoreError> {
        let expected = self.expected_index()?;
        let actual = self.actual_index()?;
        let missing = expected
            .difference(&actual)
            .map(|(i, k, _)| format!("missing in {}: {}", i.tree(), hex(k)));
        let stray = actual
            .difference(&expected)
            .map(|(i, k, _)| format!("stray in {}: {}", i.tree(), hex(k)));
        Ok(missing.chain(stray).collect())
    }

    /// Drops and rewrites every index from the records.
    pub fn rebuild_indexes(&self) -> Result<(), StoreError> {
        let expected = self.expected_index()?;
        for index in Index::ALL {
            self.tree(index_pos(index))?.clear()?;
        }
        for (index, k, v) in expected {
            self.tree(index_pos(index))?.insert(k, v)?;
        }
        self.db.flush()?;
        Ok(())
    }
}
