//! Reads: records by id, whole trees, and the index-backed queries the CLI
//! and the panes need.

use super::error::hex;
use super::index::{Index, Role, pair_key, u64_part, year_part};
use super::verify::{Finding, Problem};
use super::{Kind, Record, Store, StoreError, codec, index_pos, kind_pos};
use crate::domain::search::{MatchQuality, match_quality, match_span, whole_phrase};
use crate::domain::*;
use std::collections::HashMap;

/// Records that read, and what is wrong with those that did not.
pub type Lenient<R> = (Vec<(<R as Record>::Id, R)>, Vec<Finding>);

/// A raw index entry: key and value bytes.
pub type KeyValue = (Vec<u8>, Vec<u8>);

/// One lookup result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookupHit {
    /// The record kind.
    pub kind: Kind,
    /// Its id.
    pub id: u64,
    /// How well it matched.
    pub quality: MatchQuality,
    /// The folded name that matched.
    pub matched: String,
    /// How many words the match spans (tighter is better).
    pub span: usize,
    /// The query stands in the name as whole words, side by side
    /// ([`whole_phrase`]): such hits come before partial ones.
    pub whole: bool,
}

impl LookupHit {
    /// The sort key: whole words first, then quality, then tightness, then
    /// shorter names, then kind (schools before clusters before meetings
    /// before people), then id.
    fn rank(&self) -> (bool, MatchQuality, usize, usize, Kind, u64) {
        (
            !self.whole,
            self.quality,
            self.span,
            self.matched.len(),
            self.kind,
            self.id,
        )
    }
}

impl Store {
    fn decode_at<R: Record>(&self, key: &[u8], bytes: &[u8]) -> Result<R, StoreError> {
        codec::decode(bytes).map_err(|e| StoreError::Corrupt {
            tree: R::KIND.tree().into(),
            key: hex(key),
            reason: e.to_string(),
        })
    }

    /// A record by id.
    pub fn get<R: Record>(&self, id: R::Id) -> Result<Option<R>, StoreError> {
        let key = codec::id_key(id.into());
        match self.tree(kind_pos(R::KIND))?.get(key)? {
            Some(b) => Ok(Some(self.decode_at::<R>(&key, &b)?)),
            None => Ok(None),
        }
    }

    /// A record by id that must exist.
    pub fn must_get<R: Record>(&self, id: R::Id) -> Result<R, StoreError> {
        self.get::<R>(id)?.ok_or(StoreError::NotFound {
            kind: R::KIND,
            id: id.into(),
        })
    }

    /// Every record of a kind, in id order. A corrupt one is an error naming
    /// its tree and key.
    pub fn all<R: Record>(&self) -> Result<Vec<(R::Id, R)>, StoreError> {
        let mut out = Vec::new();
        for item in self.tree(kind_pos(R::KIND))?.iter() {
            let (k, v) = item?;
            let id = codec::read_u64(&k).ok_or_else(|| StoreError::Corrupt {
                tree: R::KIND.tree().into(),
                key: hex(&k),
                reason: "key is not an 8-byte id".into(),
            })?;
            out.push((R::Id::from(id), self.decode_at::<R>(&k, &v)?));
        }
        Ok(out)
    }

    /// Every readable record of a kind, and a finding for each one that is
    /// not: the interface shows the rest and reports the damaged ones. A
    /// tree sled cannot read to its end gives what it read before, and one
    /// finding from there on.
    pub fn all_lenient<R: Record>(&self) -> Result<Lenient<R>, StoreError> {
        let mut good = Vec::new();
        let mut bad = Vec::new();
        let tree = R::KIND.tree();
        let mut last = sled::IVec::default();
        for item in self.tree(kind_pos(R::KIND))?.iter() {
            let (k, v) = match item {
                Ok(kv) => kv,
                Err(e) => {
                    self.log_detail(&format!(
                        "cannot read tree {tree} after key {}: {e}",
                        hex(&last)
                    ));
                    bad.push(Finding::new(
                        tree,
                        &last,
                        Problem::Unreadable(e.to_string()),
                    ));
                    break;
                }
            };
            match (codec::read_u64(&k), codec::decode::<R>(&v)) {
                (Some(id), Ok(r)) => good.push((R::Id::from(id), r)),
                (_, Err(e)) => {
                    bad.push(Finding::new(tree, &k, Problem::Undecodable(e.to_string())))
                }
                (None, Ok(_)) => bad.push(Finding::new(
                    tree,
                    &k,
                    Problem::Undecodable("key is not an 8-byte id".into()),
                )),
            }
            last = k;
        }
        Ok((good, bad))
    }

    /// Every record of a kind in a map by id.
    pub fn map<R: Record>(&self) -> Result<HashMap<R::Id, R>, StoreError> {
        Ok(self.all::<R>()?.into_iter().collect())
    }

    /// How many records of a kind there are.
    pub fn count(&self, kind: Kind) -> Result<usize, StoreError> {
        Ok(self.tree(kind_pos(kind))?.len())
    }

    /// Raw index entries under a prefix: (key, value).
    pub fn index_scan(&self, index: Index, prefix: &[u8]) -> Result<Vec<KeyValue>, StoreError> {
        let mut out = Vec::new();
        for item in self.tree(index_pos(index))?.scan_prefix(prefix) {
            let (k, v) = item?;
            out.push((k.to_vec(), v.to_vec()));
        }
        Ok(out)
    }

    /// The ids at the end of the keys under a prefix.
    fn trailing_ids(&self, index: Index, prefix: &[u8]) -> Result<Vec<u64>, StoreError> {
        Ok(self
            .index_scan(index, prefix)?
            .iter()
            .filter_map(|(k, _)| {
                k.len()
                    .checked_sub(8)
                    .and_then(|at| k.get(at..))
                    .and_then(codec::read_u64)
            })
            .collect())
    }

    fn by_ids<R: Record>(&self, ids: Vec<u64>) -> Result<Vec<(R::Id, R)>, StoreError> {
        let mut out = Vec::new();
        for id in ids {
            if let Some(r) = self.get::<R>(R::Id::from(id))? {
                out.push((R::Id::from(id), r));
            }
        }
        Ok(out)
    }

    /// The term of a cluster in a year.
    pub fn term_of(
        &self,
        cluster: ClusterId,
        year: u16,
    ) -> Result<Option<(TermId, Term)>, StoreError> {
        let hits = self.index_scan(Index::TermYear, &pair_key(cluster.0, year))?;
        let Some((_, v)) = hits.into_iter().next() else {
            return Ok(None);
        };
        let id = TermId(codec::read_u64(&v).unwrap_or(0));
        Ok(self.get::<Term>(id)?.map(|t| (id, t)))
    }

    /// Every term of a cluster, oldest first.
    pub fn terms_of_cluster(&self, cluster: ClusterId) -> Result<Vec<(TermId, Term)>, StoreError> {
        let ids: Vec<u64> = self
            .index_scan(Index::TermYear, &u64_part(cluster.0))?
            .iter()
            .filter_map(|(_, v)| codec::read_u64(v))
            .collect();
        self.by_ids(ids)
    }

    /// A school's roles (head, deputy, flag holder) by year: (year, role, term).
    pub fn roles_of_school(
        &self,
        school: SchoolId,
    ) -> Result<Vec<(u16, Role, TermId)>, StoreError> {
        let mut out = Vec::new();
        for (k, _) in self.index_scan(Index::SchoolRole, &u64_part(school.0))? {
            let (Some(y), Some(&r), Some(id)) = (
                k.get(8..10),
                k.get(10),
                k.get(11..).and_then(codec::read_u64),
            ) else {
                continue;
            };
            let Ok(year) = <[u8; 2]>::try_from(y).map(u16::from_be_bytes) else {
                continue;
            };
            let role = match r {
                1 => Role::Head,
                2 => Role::Deputy,
                _ => Role::FlagHolder,
            };
            out.push((year, role, TermId(id)));
        }
        Ok(out)
    }

    /// The clusters a school belonged to, by year: (year, cluster).
    pub fn memberships_of_school(
        &self,
        school: SchoolId,
    ) -> Result<Vec<(u16, ClusterId)>, StoreError> {
        let mut out = Vec::new();
        for (k, _) in self.index_scan(Index::Member, &u64_part(school.0))? {
            let y = k.get(8..10).and_then(|y| <[u8; 2]>::try_from(y).ok());
            if let (Some(y), Some(c)) = (y, k.get(10..).and_then(codec::read_u64)) {
                out.push((u16::from_be_bytes(y), ClusterId(c)));
            }
        }
        Ok(out)
    }

    /// A cluster's meetings by date (unknown dates first); `None` for meetings
    /// outside any cluster.
    pub fn meetings_of_cluster(
        &self,
        cluster: Option<ClusterId>,
    ) -> Result<Vec<(MeetingId, Meeting)>, StoreError> {
        let ids =
            self.trailing_ids(Index::ClusterMeeting, &u64_part(cluster.map_or(0, |c| c.0)))?;
        self.by_ids(ids)
    }

    /// A cluster's awards, by year.
    pub fn awards_of_cluster(
        &self,
        cluster: ClusterId,
    ) -> Result<Vec<(AwardId, Award)>, StoreError> {
        let ids = self.trailing_ids(Index::ClusterAward, &u64_part(cluster.0))?;
        self.by_ids(ids)
    }

    /// A school's awards, by year.
    pub fn awards_of_school(&self, school: SchoolId) -> Result<Vec<(AwardId, Award)>, StoreError> {
        let ids = self.trailing_ids(Index::SchoolAward, &u64_part(school.0))?;
        self.by_ids(ids)
    }

    /// A cluster's ballots of a year.
    pub fn ballots_of(
        &self,
        cluster: ClusterId,
        year: u16,
    ) -> Result<Vec<(BallotId, Ballot)>, StoreError> {
        let prefix = [u64_part(cluster.0).as_slice(), &year_part(year)].concat();
        let ids = self.trailing_ids(Index::ClusterBallot, &prefix)?;
        self.by_ids(ids)
    }

    /// The score sheet of a cluster and year.
    pub fn sheet_of(
        &self,
        cluster: ClusterId,
        year: u16,
    ) -> Result<Option<(SheetId, ScoreSheet)>, StoreError> {
        let hits = self.index_scan(Index::SheetYear, &pair_key(cluster.0, year))?;
        let Some((_, v)) = hits.into_iter().next() else {
            return Ok(None);
        };
        let id = SheetId(codec::read_u64(&v).unwrap_or(0));
        Ok(self.get::<ScoreSheet>(id)?.map(|s| (id, s)))
    }

    /// The criteria table of a year: the cluster's own, else the Academy-wide one.
    pub fn table_for(
        &self,
        cluster: Option<ClusterId>,
        year: u16,
    ) -> Result<Option<(TableId, CriteriaTable)>, StoreError> {
        let mut owners = vec![0];
        if let Some(c) = cluster {
            owners.insert(0, c.0);
        }
        for owner in owners {
            if let Some((_, v)) = self
                .index_scan(Index::TableYear, &pair_key(owner, year))?
                .into_iter()
                .next()
            {
                let id = TableId(codec::read_u64(&v).unwrap_or(0));
                if let Some(t) = self.get::<CriteriaTable>(id)? {
                    return Ok(Some((id, t)));
                }
            }
        }
        Ok(None)
    }

    /// Schools whose lineage names this school (predecessors merged into it,
    /// schools split from it).
    pub fn lineage_referrers(
        &self,
        school: SchoolId,
    ) -> Result<Vec<(SchoolId, School)>, StoreError> {
        let ids = self.trailing_ids(Index::Lineage, &u64_part(school.0))?;
        self.by_ids(ids)
    }

    /// Accent-insensitive search over every indexed name (schools with all
    /// their names, clusters, meetings, people). Best matches first; one hit
    /// per record.
    pub fn lookup(&self, query: &str) -> Result<Vec<LookupHit>, StoreError> {
        let q = crate::domain::search_query::normalize(&crate::text::fold(query));
        let mut best: HashMap<(Kind, u64), LookupHit> = HashMap::new();
        if q.is_empty() {
            return Ok(Vec::new());
        }
        for item in self.tree(index_pos(Index::Name))?.iter() {
            let (k, _) = item?;
            let Some(sep) = k.iter().position(|b| *b == 0) else {
                continue;
            };
            let (Some(name), Some(kind), Some(id)) = (
                k.get(..sep).and_then(|n| std::str::from_utf8(n).ok()),
                k.get(sep + 1).copied().and_then(Kind::from_byte),
                k.get(sep + 2..).and_then(codec::read_u64),
            ) else {
                continue;
            };
            let Some(quality) = match_quality(&q, name) else {
                continue;
            };
            let hit = LookupHit {
                kind,
                id,
                quality,
                matched: name.to_string(),
                span: match_span(&q, name),
                whole: whole_phrase(&q, name),
            };
            best.entry((kind, id))
                .and_modify(|h| {
                    if hit.rank() < h.rank() {
                        *h = hit.clone();
                    }
                })
                .or_insert(hit);
        }
        let mut hits: Vec<LookupHit> = best.into_values().collect();
        hits.sort_by_key(LookupHit::rank);
        Ok(hits)
    }
}
