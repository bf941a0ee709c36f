//! Putting a whole database back from a backup: an [`Image`] is built in
//! memory from the backup's records and audit entries, proved whole there
//! (the chain, every record equal to its last copy in the log, unique keys,
//! references), and only then written into an empty database in one
//! transaction: records, indexes, reverse references, the audit log and
//! its head, byte for byte as the backup's database held them.

use super::attached::{RawEntry, Source, verify_chain};
use super::audit::{HEAD_KEY, encode_entry};
use super::gid::Gid;
use super::index::Index;
use super::refs::{RecordRef, encode_list, ref_key, targets};
use super::{ATTACHED_POS, GID_INDEX_POS, GIDS_POS};
use super::{
    AUDIT_POS, AuditEntry, Kind, META_POS, REFS_POS, Record, SCHEMA_VERSION, Store, StoreError,
    codec, index_pos, kind_pos,
};
use sled::Transactional;
use sled::transaction::TransactionError;
use std::collections::{BTreeMap, BTreeSet};

/// The largest record id a restore accepts. sled hands out ids from a
/// counter a restore has to wind forward past every id in the backup, one
/// step at a time; a real database's ids stay far below this.
pub const MAX_ID: u64 = 1 << 40;

/// What is wrong with the contents of a backup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageProblem {
    /// A record listed twice.
    Duplicate(Kind, u64),
    /// Id 0 or beyond [`MAX_ID`].
    BadId(Kind, u64),
    /// Two records hold the same unique key (the index's tree).
    Taken(&'static str, Kind, u64),
    /// A record names one that is not in the backup.
    Dangling(Kind, u64),
    /// An entry's number is not its place in the log (the place).
    Sequence(u64),
    /// An entry does not hold the hash of the one before it.
    Link(u64),
    /// An entry is not the one whose hash the backup gives.
    EntryHash(u64),
    /// An entry's "before" is not the record's previous "after".
    Before(u64),
    /// A record unlike its last copy in the log.
    Differs(Kind, u64),
    /// A record the log never wrote.
    NoEntry(Kind, u64),
    /// A record the log wrote last but the backup lacks.
    Missing(Kind, u64),
    /// A record the log deleted last, present in the backup.
    Deleted(Kind, u64),
    /// Written in another schema version than this build's.
    Schema(u32),
    /// A record without a global id.
    NoGid(Kind, u64),
    /// A global id given to two records (the second), or one that is not
    /// 32 hex digits.
    BadGid(Kind, u64),
    /// An attached audit log that does not hold together (its first entry's
    /// number in the image, or 0).
    Attached(u64),
}

/// The last entry that wrote a record, and the bytes it left.
type LastAfter = (u64, Option<Vec<u8>>);

/// A whole database in memory, ready to be proved and written.
#[derive(Debug, Default)]
pub struct Image {
    records: BTreeMap<(Kind, u64), Vec<u8>>,
    index: BTreeMap<(Index, Vec<u8>), Vec<u8>>,
    edges: Vec<(RecordRef, RecordRef)>,
    audit: Vec<(u64, Vec<u8>, [u8; 32])>,
    /// Each record's last entry and the bytes it left (`None`: deleted).
    last: BTreeMap<RecordRef, LastAfter>,
    head: Option<Vec<u8>>,
    gids: BTreeMap<RecordRef, Gid>,
    gid_set: BTreeSet<Gid>,
    attached: BTreeMap<Source, Vec<RawEntry>>,
    max_id: u64,
    problems: Vec<ImageProblem>,
}

impl Image {
    /// An empty image.
    pub fn new() -> Image {
        Image::default()
    }

    /// Adds a record under its id, as the store would encode it.
    pub fn add_record<R: Record>(&mut self, id: u64, record: &R) -> Result<(), StoreError> {
        if id == 0 || id > MAX_ID {
            self.problems.push(ImageProblem::BadId(R::KIND, id));
            return Ok(());
        }
        let bytes = codec::encode(record).map_err(|e| StoreError::Invalid(e.to_string()))?;
        if self.records.insert((R::KIND, id), bytes).is_some() {
            self.problems.push(ImageProblem::Duplicate(R::KIND, id));
        }
        self.max_id = self.max_id.max(id);
        for k in record.index_keys(id) {
            let value = if k.unique {
                codec::id_key(id).to_vec()
            } else {
                Vec::new()
            };
            if let Some(other) = self.index.insert((k.index, k.key), value)
                && k.unique
                && other != codec::id_key(id)
            {
                self.problems
                    .push(ImageProblem::Taken(k.index.tree(), R::KIND, id));
            }
        }
        for t in targets(Some(record), id) {
            self.edges.push(((R::KIND, id), t));
        }
        Ok(())
    }

    /// Adds the next audit entry; `hash` is the SHA-256 of its stored bytes
    /// as the backup gives it, which the entry must reproduce.
    pub fn add_entry(&mut self, entry: &AuditEntry, hash: [u8; 32]) -> Result<(), StoreError> {
        let (bytes, head) = encode_entry(entry)?;
        let place = self.audit.len() as u64 + 1;
        let prev = self.audit.last().map_or([0; 32], |(_, _, h)| *h);
        let problems = &mut self.problems;
        if entry.seq != place {
            problems.push(ImageProblem::Sequence(place));
        }
        if entry.prev_hash != prev {
            problems.push(ImageProblem::Link(place));
        }
        let own: [u8; 32] = {
            use sha2::{Digest, Sha256};
            Sha256::digest(&bytes).into()
        };
        if own != hash {
            problems.push(ImageProblem::EntryHash(place));
        }
        let before = self.last.get(&(entry.kind, entry.id));
        if entry.before.as_ref() != before.and_then(|(_, a)| a.as_ref()) {
            problems.push(ImageProblem::Before(place));
        }
        self.last
            .insert((entry.kind, entry.id), (place, entry.after.clone()));
        self.max_id = self.max_id.max(entry.id);
        self.audit.push((entry.seq, bytes, own));
        self.head = Some(head);
        Ok(())
    }

    /// Gives a record (present or deleted) its global id.
    pub fn add_gid(&mut self, kind: Kind, id: u64, gid: Gid) {
        if gid == [0; 16]
            || !self.gid_set.insert(gid)
            || self.gids.insert((kind, id), gid).is_some()
        {
            self.problems.push(ImageProblem::BadGid(kind, id));
        }
    }

    /// Gives every record without a global id a new one: a backup from
    /// before schema 4, restored as its migration would have left it.
    pub fn give_missing_gids(&mut self) {
        let missing: Vec<RecordRef> = self
            .records
            .keys()
            .filter(|r| !self.gids.contains_key(r))
            .copied()
            .collect();
        for (kind, id) in missing {
            self.add_gid(kind, id, super::gid::new_gid());
        }
    }

    /// Adds an entry of an attached log, in order.
    pub fn add_attached(&mut self, source: Source, seq: u64, bytes: Vec<u8>) {
        self.attached.entry(source).or_default().push((seq, bytes));
    }

    /// The log's length and the SHA-256 of its last entry.
    pub fn head(&self) -> (u64, [u8; 32]) {
        self.audit
            .last()
            .map_or((0, [0; 32]), |(seq, _, h)| (*seq, *h))
    }

    /// Everything wrong with the image, for a backup of `schema` version:
    /// empty when it can be written. Checks what `thidua check` checks,
    /// before anything is written.
    pub fn problems(&self, schema: u32) -> Vec<ImageProblem> {
        let mut out = self.problems.clone();
        if schema != SCHEMA_VERSION {
            out.push(ImageProblem::Schema(schema));
        }
        for (kind, id) in self.records.keys() {
            if !self.gids.contains_key(&(*kind, *id)) {
                out.push(ImageProblem::NoGid(*kind, *id));
            }
        }
        for (source, entries) in &self.attached {
            if !matches!(verify_chain(entries), Ok((s, _, _)) if s == *source) {
                out.push(ImageProblem::Attached(entries.first().map_or(0, |e| e.0)));
            }
        }
        for ((kind, id), bytes) in &self.records {
            match self.last.get(&(*kind, *id)) {
                None => out.push(ImageProblem::NoEntry(*kind, *id)),
                Some((_, None)) => out.push(ImageProblem::Deleted(*kind, *id)),
                Some((_, Some(after))) if after != bytes => {
                    out.push(ImageProblem::Differs(*kind, *id))
                }
                Some(_) => {}
            }
        }
        for ((kind, id), (_, after)) in &self.last {
            if after.is_some() && !self.records.contains_key(&(*kind, *id)) {
                out.push(ImageProblem::Missing(*kind, *id));
            }
        }
        for (from, to) in &self.edges {
            if !self.records.contains_key(to) {
                out.push(ImageProblem::Dangling(from.0, from.1));
            }
        }
        if self.max_id > MAX_ID {
            out.push(ImageProblem::BadId(Kind::School, self.max_id));
        }
        out
    }

    /// The reverse references the records call for.
    fn refs(&self) -> BTreeMap<RecordRef, BTreeSet<RecordRef>> {
        let mut map: BTreeMap<RecordRef, BTreeSet<RecordRef>> = BTreeMap::new();
        for (from, to) in &self.edges {
            map.entry(*to).or_default().insert(*from);
        }
        map
    }
}

/// Why a restore did not write.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RestoreError {
    /// The database already holds records or audit entries.
    #[error("the database already holds data")]
    NotEmpty,
    /// The image is not whole; nothing was written.
    #[error("the backup is not whole ({} problems)", .0.len())]
    Image(Vec<ImageProblem>),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Store {
    /// Whether the database holds nothing but its schema version: no
    /// record, index entry, reference or audit entry.
    pub fn is_blank(&self) -> Result<bool, StoreError> {
        for (pos, tree) in self.trees.iter().enumerate() {
            if pos == META_POS {
                continue;
            }
            if !tree.is_empty() {
                return Ok(false);
            }
        }
        Ok(!self.tree(META_POS)?.contains_key(HEAD_KEY)?)
    }

    /// Writes a proved image into this empty database, in one transaction,
    /// then winds sled's id counter past every id in it (so the next new
    /// record gets a fresh id) and flushes. Refuses a database that holds
    /// anything, and an image with problems, before writing anything.
    pub fn restore(&self, image: &Image) -> Result<(), RestoreError> {
        if !self.is_blank()? {
            return Err(RestoreError::NotEmpty);
        }
        let problems = image.problems(SCHEMA_VERSION);
        if !problems.is_empty() {
            return Err(RestoreError::Image(problems));
        }
        let refs = image.refs();
        let _alone = self.gate.write().unwrap_or_else(|p| p.into_inner());
        let result = self.trees.as_slice().transaction(|tx| {
            let tree = |pos: usize| {
                tx.get(pos).ok_or_else(|| {
                    sled::transaction::ConflictableTransactionError::Abort(StoreError::Io(format!(
                        "tree {pos} missing in a transaction"
                    )))
                })
            };
            for ((kind, id), bytes) in &image.records {
                tree(kind_pos(*kind))?.insert(&codec::id_key(*id), bytes.as_slice())?;
            }
            for ((index, key), value) in &image.index {
                tree(index_pos(*index))?.insert(key.as_slice(), value.as_slice())?;
            }
            for (target, list) in &refs {
                tree(REFS_POS)?.insert(&ref_key(*target), encode_list(list))?;
            }
            for (seq, bytes, _) in &image.audit {
                tree(AUDIT_POS)?.insert(&codec::id_key(*seq), bytes.as_slice())?;
            }
            for ((kind, id), gid) in &image.gids {
                let key = ref_key((*kind, *id));
                tree(GIDS_POS)?.insert(&key, gid)?;
                tree(GID_INDEX_POS)?.insert(gid, &key)?;
            }
            for (source, entries) in &image.attached {
                for (seq, bytes) in entries {
                    let mut key = source.to_vec();
                    key.extend_from_slice(&codec::id_key(*seq));
                    tree(ATTACHED_POS)?.insert(key, bytes.as_slice())?;
                }
            }
            if let Some(head) = &image.head {
                tree(META_POS)?.insert(HEAD_KEY, head.as_slice())?;
            }
            Ok(())
        });
        match result {
            Ok(()) => {}
            Err(TransactionError::Abort(e)) => return Err(e.into()),
            Err(TransactionError::Storage(e)) => return Err(StoreError::from(e).into()),
        }
        // `insert` takes the counter's next value plus one as the new id.
        while self
            .db
            .generate_id()
            .map_err(StoreError::from)?
            .saturating_add(1)
            < image.max_id
        {}
        self.db.flush().map_err(StoreError::from)?;
        self.write_mark()?;
        Ok(())
    }
}
