//! Reverse references: for every record that others point at, the list of
//! records pointing at it. Kept in the `refs` tree in the same transaction
//! as the records, so a delete can be refused with "who refers to this"
//! inside its own transaction (sled transactions cannot scan a tree).
//!
//! Key: the target's kind byte ‖ its id (big-endian). Value: the referrers,
//! each its kind byte ‖ id, sorted, with no repeats.

use super::error::hex;
use super::guard::{Guard, TxResult, abort};
use super::{Kind, REFS_POS, Record, Store, StoreError, codec};
use crate::domain::*;
use std::collections::{BTreeMap, BTreeSet};

/// A record by kind and id.
pub type RecordRef = (Kind, u64);

const ENTRY: usize = 9;

/// The refs-tree key of a record.
pub fn ref_key((kind, id): RecordRef) -> [u8; ENTRY] {
    let mut k = [0u8; ENTRY];
    k[0] = kind.byte();
    k[1..].copy_from_slice(&codec::id_key(id));
    k
}

fn parse_entry(b: &[u8]) -> Option<RecordRef> {
    let kind = Kind::from_byte(*b.first()?)?;
    Some((kind, codec::read_u64(b.get(1..)?)?))
}

/// Decodes a refs value; `None` if its length or a kind byte is wrong.
pub fn decode_list(bytes: &[u8]) -> Option<BTreeSet<RecordRef>> {
    if !bytes.len().is_multiple_of(ENTRY) {
        return None;
    }
    bytes.chunks(ENTRY).map(parse_entry).collect()
}

pub(super) fn encode_list(list: &BTreeSet<RecordRef>) -> Vec<u8> {
    list.iter().flat_map(|r| ref_key(*r)).collect()
}

/// The records a record points at, other than itself.
pub trait Refers {
    /// Every record this one refers to.
    fn references(&self) -> Vec<RecordRef>;
}

fn schools(v: impl IntoIterator<Item = SchoolId>) -> impl Iterator<Item = RecordRef> {
    v.into_iter().map(|s| (Kind::School, s.0))
}

impl Refers for School {
    fn references(&self) -> Vec<RecordRef> {
        schools(self.lineage.iter().filter_map(|e| e.other)).collect()
    }
}

impl Refers for Cluster {
    fn references(&self) -> Vec<RecordRef> {
        schools(
            self.memberships
                .iter()
                .flat_map(|m| m.schools.iter().copied()),
        )
        .collect()
    }
}

impl Refers for Term {
    fn references(&self) -> Vec<RecordRef> {
        let mut out = vec![(Kind::Cluster, self.cluster.0)];
        out.extend(schools(
            self.head
                .iter()
                .chain(&self.deputies)
                .chain(&self.flag_holder)
                .copied(),
        ));
        out.extend(self.elected_at.map(|m| (Kind::Meeting, m.0)));
        out
    }
}

impl Refers for Meeting {
    fn references(&self) -> Vec<RecordRef> {
        let mut out: Vec<RecordRef> = self
            .cluster
            .map(|c| (Kind::Cluster, c.0))
            .into_iter()
            .collect();
        out.extend(schools(self.host));
        out.extend(schools(
            self.proceedings.delegations.iter().map(|d| d.school),
        ));
        out.extend(
            self.chairs
                .iter()
                .chain(&self.guests)
                .chain(self.proceedings.participants())
                .filter_map(|p| p.person)
                .map(|p| (Kind::Person, p.0)),
        );
        out
    }
}

impl Refers for Person {
    fn references(&self) -> Vec<RecordRef> {
        schools(self.school).collect()
    }
}

impl Refers for CriteriaTable {
    fn references(&self) -> Vec<RecordRef> {
        self.cluster
            .map(|c| (Kind::Cluster, c.0))
            .into_iter()
            .collect()
    }
}

impl Refers for ScoreSheet {
    fn references(&self) -> Vec<RecordRef> {
        let mut out = vec![(Kind::Cluster, self.cluster.0), (Kind::Table, self.table.0)];
        out.extend(schools(
            self.schools
                .iter()
                .chain(self.cells.iter().map(|c| &c.school))
                .copied(),
        ));
        out
    }
}

impl Refers for Ballot {
    fn references(&self) -> Vec<RecordRef> {
        let mut out = vec![(Kind::Cluster, self.cluster.0)];
        out.extend(self.meeting.map(|m| (Kind::Meeting, m.0)));
        out.extend(schools(self.votes.iter().map(|v| v.candidate)));
        out
    }
}

impl Refers for Award {
    fn references(&self) -> Vec<RecordRef> {
        let mut out = vec![(Kind::School, self.recipient.0)];
        out.extend(self.cluster.map(|c| (Kind::Cluster, c.0)));
        out.extend(self.proposed_at.map(|m| (Kind::Meeting, m.0)));
        out
    }
}

/// The distinct targets of a record stored under `id`, less itself.
pub fn targets<R: Record>(record: Option<&R>, id: u64) -> BTreeSet<RecordRef> {
    record
        .map(|r| r.references())
        .unwrap_or_default()
        .into_iter()
        .filter(|t| *t != (R::KIND, id))
        .collect()
}

impl Guard<'_> {
    fn refs_tree(&self) -> TxResult<&sled::transaction::TransactionalTree> {
        match self.tx.get(REFS_POS) {
            Some(t) => Ok(t),
            None => abort(StoreError::Io(
                "the refs tree is missing in a transaction".into(),
            )),
        }
    }

    /// The records that refer to a record.
    pub fn referrers(&self, kind: Kind, id: u64) -> TxResult<BTreeSet<RecordRef>> {
        let key = ref_key((kind, id));
        match self.refs_tree()?.get(key)? {
            None => Ok(BTreeSet::new()),
            Some(v) => match decode_list(&v) {
                Some(l) => Ok(l),
                None => abort(StoreError::Corrupt {
                    tree: "refs".into(),
                    key: hex(&key),
                    reason: format!("{} bytes is not a list of references", v.len()),
                }),
            },
        }
    }

    /// Keeps the references of the record `me` as it changes from `old` to
    /// `new` targets: a new target must exist, and a deleted record must
    /// have no referrers left.
    pub fn update_refs(
        &self,
        me: RecordRef,
        old: &BTreeSet<RecordRef>,
        new: &BTreeSet<RecordRef>,
        deleting: bool,
    ) -> TxResult<()> {
        if deleting {
            let by = self.referrers(me.0, me.1)?;
            let by: Vec<RecordRef> = by.into_iter().filter(|r| *r != me).collect();
            if !by.is_empty() {
                return abort(StoreError::Referenced {
                    kind: me.0,
                    id: me.1,
                    by,
                });
            }
        }
        for target in new.difference(old) {
            if !self.exists(target.0, target.1)? {
                return abort(StoreError::Dangling {
                    kind: me.0,
                    target: *target,
                });
            }
            self.edit_list(*target, |l| {
                l.insert(me);
            })?;
        }
        for target in old.difference(new) {
            self.edit_list(*target, |l| {
                l.remove(&me);
            })?;
        }
        Ok(())
    }

    fn edit_list(
        &self,
        target: RecordRef,
        f: impl FnOnce(&mut BTreeSet<RecordRef>),
    ) -> TxResult<()> {
        let mut list = self.referrers(target.0, target.1)?;
        f(&mut list);
        let key = ref_key(target);
        let tree = self.refs_tree()?;
        if list.is_empty() {
            tree.remove(&key)?;
        } else {
            tree.insert(&key, encode_list(&list))?;
        }
        Ok(())
    }
}

/// One entry of the refs tree: its key and its list (`None`: unreadable).
type StoredRefs = (Vec<u8>, Option<BTreeSet<RecordRef>>);

/// Reverse references as the records call for them.
pub(super) type RefMap = BTreeMap<RecordRef, BTreeSet<RecordRef>>;

impl Store {
    /// Every reverse reference the records call for, and every reference
    /// whose target is missing (referrer, target).
    pub(super) fn expected_refs(
        &self,
    ) -> Result<(RefMap, Vec<(RecordRef, RecordRef)>), StoreError> {
        let mut map = RefMap::new();
        let mut dangling = Vec::new();
        let mut present: BTreeSet<RecordRef> = BTreeSet::new();
        let mut edges: Vec<(RecordRef, RecordRef)> = Vec::new();
        fn collect<R: Record>(
            store: &Store,
            present: &mut BTreeSet<RecordRef>,
            edges: &mut Vec<(RecordRef, RecordRef)>,
        ) -> Result<(), StoreError> {
            for (id, r) in store.all_lenient::<R>()?.0 {
                let id: u64 = id.into();
                present.insert((R::KIND, id));
                for t in targets(Some(&r), id) {
                    edges.push(((R::KIND, id), t));
                }
            }
            Ok(())
        }
        super::migrate::for_each_record!(collect, self, &mut present, &mut edges);
        for (from, to) in edges {
            if present.contains(&to) {
                map.entry(to).or_default().insert(from);
            } else {
                dangling.push((from, to));
            }
        }
        Ok((map, dangling))
    }

    /// The refs tree as stored: each key with its list (`None`: unreadable).
    fn actual_refs(&self) -> Result<Vec<StoredRefs>, StoreError> {
        let mut out = Vec::new();
        for item in self.tree(REFS_POS)?.iter() {
            let (k, v) = item?;
            out.push((k.to_vec(), decode_list(&v)));
        }
        Ok(out)
    }

    /// Every reference whose target is missing, and every disagreement of
    /// the refs tree with the records; one line each, with tree and key.
    pub fn check_references(&self) -> Result<Vec<String>, StoreError> {
        let (expected, dangling) = self.expected_refs()?;
        let mut out: Vec<String> = dangling
            .into_iter()
            .map(|((fk, fid), (tk, tid))| {
                format!(
                    "dangling reference in tree `{}` at key {}: {} {tid} does not exist",
                    fk.tree(),
                    hex(&codec::id_key(fid)),
                    tk.tree()
                )
            })
            .collect();
        let mut seen = BTreeSet::new();
        for (key, list) in self.actual_refs()? {
            let target = parse_entry(&key).filter(|_| key.len() == ENTRY);
            match (target, list) {
                (Some(t), Some(l)) if expected.get(&t) == Some(&l) => {
                    seen.insert(t);
                }
                _ => out.push(format!("stray or wrong entry in refs: {}", hex(&key))),
            }
        }
        for t in expected.keys().filter(|t| !seen.contains(t)) {
            out.push(format!("missing in refs: {}", hex(&ref_key(*t))));
        }
        Ok(out)
    }

    /// Rewrites the refs tree from the records.
    pub(super) fn rebuild_refs(&self) -> Result<(), StoreError> {
        let (expected, _) = self.expected_refs()?;
        let tree = self.tree(REFS_POS)?;
        tree.clear()?;
        for (target, list) in expected {
            tree.insert(ref_key(target), encode_list(&list))?;
        }
        self.db.flush()?;
        Ok(())
    }
}
