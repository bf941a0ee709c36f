//! A snapshot's records of each cluster and year: its sheet, its term, its
//! ballots. Grouped once per snapshot, so a pane asking for them does not
//! scan every record of the kind on every frame.

use super::Data;
use crate::domain::conference;
use crate::domain::*;
use std::collections::HashMap;

type Key = (ClusterId, u16);

/// The ids of each cluster and year's records.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YearIndex {
    ballots: HashMap<Key, Vec<BallotId>>,
    sheets: HashMap<Key, SheetId>,
    terms: HashMap<Key, TermId>,
}

/// Groups records by cluster and year, then lets `pick` order each group
/// with the domain's own rule.
fn grouped<'a, Id: Copy + 'a, R: 'a, Out>(
    records: &'a HashMap<Id, R>,
    key: impl Fn(&R) -> Key,
    pick: impl Fn(Vec<(&'a Id, &'a R)>, Key) -> Option<Out>,
) -> HashMap<Key, Out> {
    let mut groups: HashMap<Key, Vec<(&Id, &R)>> = HashMap::new();
    for (id, r) in records {
        groups.entry(key(r)).or_default().push((id, r));
    }
    groups
        .into_iter()
        .filter_map(|(k, v)| pick(v, k).map(|out| (k, out)))
        .collect()
}

impl YearIndex {
    /// Groups the snapshot's ballots, sheets and terms.
    pub fn build(data: &Data) -> YearIndex {
        YearIndex {
            ballots: grouped(
                &data.ballots,
                |b| (b.cluster, b.year),
                |v, (c, y)| {
                    let ids = conference::ballots_of(v, c, y);
                    Some(ids.into_iter().map(|(id, _)| id).collect())
                },
            ),
            sheets: grouped(
                &data.sheets,
                |s| (s.cluster, s.year),
                |v, (c, y)| conference::sheet_of(v, c, y).map(|(id, _)| id),
            ),
            terms: grouped(
                &data.terms,
                |t| (t.cluster, t.year),
                |v, (c, y)| conference::term_of(v, c, y).map(|(id, _)| id),
            ),
        }
    }

    /// The ballot ids of a cluster and year, in question order.
    pub fn ballots(&self, cluster: ClusterId, year: u16) -> &[BallotId] {
        self.ballots
            .get(&(cluster, year))
            .map_or(&[], Vec::as_slice)
    }

    /// The sheet of a cluster and year.
    pub fn sheet(&self, cluster: ClusterId, year: u16) -> Option<SheetId> {
        self.sheets.get(&(cluster, year)).copied()
    }

    /// The term of a cluster and year.
    pub fn term(&self, cluster: ClusterId, year: u16) -> Option<TermId> {
        self.terms.get(&(cluster, year)).copied()
    }
}
