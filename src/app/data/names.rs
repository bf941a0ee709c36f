//! The folded names of a snapshot, for the palette and the pickers: folded
//! once when first asked for and shared by every session, so a keystroke
//! only compares strings.

use super::Data;
use crate::app::form::RefKind;
use crate::domain::search::{MatchQuality, match_quality, match_span};
use crate::domain::search_names;
use crate::store::Kind;
use crate::text;
use std::borrow::Cow;

/// One record's folded names: distinct, none empty.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Named {
    kind: Kind,
    id: u64,
    names: Vec<String>,
}

fn named(kind: Kind, id: u64, names: Vec<Cow<'_, str>>) -> Named {
    let mut folded: Vec<String> = names
        .iter()
        .map(|n| text::fold(n))
        .filter(|f| !f.is_empty())
        .collect();
    folded.sort_unstable();
    folded.dedup();
    Named {
        kind,
        id,
        names: folded,
    }
}

/// How well a record matched: as the store's lookup ranks its hits, the
/// match quality, how many words the query spanned, the length of the
/// name matched, then kind and id so the order is total.
type Rank = (MatchQuality, usize, usize, Kind, u64);

/// A folded query split into its words, for the cheap test that comes
/// before ranking.
struct Query<'a> {
    folded: &'a str,
    words: Vec<&'a str>,
}

impl<'a> Query<'a> {
    fn new(folded: &'a str) -> Query<'a> {
        Query {
            folded,
            words: folded.split(' ').filter(|w| !w.is_empty()).collect(),
        }
    }

    /// How well a folded name matches. Every way of matching needs every
    /// query word inside the name, a test far cheaper than ranking that
    /// turns most names away first.
    fn quality(&self, name: &str) -> Option<MatchQuality> {
        if !self.words.iter().all(|w| name.contains(w)) {
            return None;
        }
        match_quality(self.folded, name)
    }

    /// The best rank of a record's names, if any matches.
    fn rank(&self, n: &Named) -> Option<Rank> {
        n.names
            .iter()
            .filter_map(|name| {
                let q = self.quality(name)?;
                Some((q, match_span(self.folded, name), name.len(), n.kind, n.id))
            })
            .min()
    }
}

/// Every school, cluster, meeting and person by its folded names: what the
/// palette searches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameIndex {
    records: Vec<Named>,
}

impl NameIndex {
    /// Folds every name of the snapshot's records.
    pub fn build(data: &Data) -> NameIndex {
        let mut records = Vec::new();
        records.extend(
            data.schools
                .iter()
                .map(|(id, s)| named(Kind::School, id.0, search_names::school(s))),
        );
        records.extend(
            data.clusters
                .iter()
                .map(|(id, c)| named(Kind::Cluster, id.0, search_names::cluster(c))),
        );
        records.extend(
            data.meetings
                .iter()
                .map(|(id, m)| named(Kind::Meeting, id.0, search_names::meeting(m))),
        );
        records.extend(
            data.people
                .iter()
                .map(|(id, p)| named(Kind::Person, id.0, search_names::person(p))),
        );
        NameIndex { records }
    }

    /// The records a query finds, best first, at most `limit`: accents,
    /// case and punctuation ignored, ranked as the store's lookup ranks.
    pub fn search(&self, query: &str, limit: usize) -> Vec<(Kind, u64)> {
        self.find(&text::fold(query), None, limit).best
    }

    /// Searches a folded query. Given what a query it extends found (the
    /// same text with characters added at the end), only the records that
    /// one matched are tried: a record that matches a query matches every
    /// query the first one starts with (each of its words is a substring of
    /// the name, or starts a word of it, whichever the longer one did).
    pub fn find(&self, folded: &str, within: Option<&Found>, limit: usize) -> Found {
        let mut found = Found {
            query: folded.to_string(),
            matched: Vec::new(),
            best: Vec::new(),
        };
        if folded.is_empty() || limit == 0 {
            return found;
        }
        let q = Query::new(folded);
        let mut hits: Vec<Rank> = Vec::new();
        let mut try_one = |i: u32| {
            if let Some(rank) = self.records.get(i as usize).and_then(|n| q.rank(n)) {
                found.matched.push(i);
                hits.push(rank);
            }
        };
        // An empty query matched nothing, and narrows nothing.
        match within.filter(|w| !w.query.is_empty() && folded.starts_with(w.query.as_str())) {
            Some(w) => w.matched.iter().for_each(|i| try_one(*i)),
            None => (0..self.records.len())
                .filter_map(|i| u32::try_from(i).ok())
                .for_each(&mut try_one),
        }
        best_first(&mut hits, limit, |a, b| a.cmp(b));
        found.best = hits.into_iter().map(|(_, _, _, k, id)| (k, id)).collect();
        found
    }
}

/// What one folded query found: every record it matched, to narrow a
/// longer query to, and the best of them, best first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// The folded query.
    pub query: String,
    /// Positions in the index of every record matched.
    matched: Vec<u32>,
    /// The best records, best first.
    pub best: Vec<(Kind, u64)>,
}

/// Sorts the best `limit` items to the front and drops the rest, without
/// sorting everything a short query matched.
fn best_first<T>(v: &mut Vec<T>, limit: usize, cmp: impl Fn(&T, &T) -> std::cmp::Ordering) {
    if v.len() > limit {
        v.select_nth_unstable_by(limit, &cmp);
        v.truncate(limit);
    }
    v.sort_by(cmp);
}

/// One record a picker offers.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pick {
    named: Named,
    /// The name shown in the list of candidates.
    shown: String,
    /// Its Vietnamese sort key: candidates that match equally well are
    /// listed alphabetically.
    key: text::SortKey,
}

/// The records of one kind a picker offers, with their folded names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PickIndex {
    picks: Vec<Pick>,
}

impl PickIndex {
    /// Folds the names of every record of a kind once.
    pub fn build(data: &Data, kind: RefKind) -> PickIndex {
        let pick = |named: Named, shown: String| Pick {
            key: text::sort_key(&shown),
            named,
            shown,
        };
        let picks = match kind {
            RefKind::School => data
                .schools
                .iter()
                .map(|(id, s)| {
                    let n = named(Kind::School, id.0, search_names::school(s));
                    pick(n, s.display_name())
                })
                .collect(),
            RefKind::Cluster => data
                .clusters
                .iter()
                .map(|(id, c)| {
                    let n = named(Kind::Cluster, id.0, search_names::cluster(c));
                    pick(n, format!("{} · {}", c.label(), c.name))
                })
                .collect(),
            RefKind::Person => data
                .people
                .iter()
                .map(|(id, p)| {
                    pick(
                        named(Kind::Person, id.0, search_names::person(p)),
                        p.name.clone(),
                    )
                })
                .collect(),
        };
        PickIndex { picks }
    }

    /// The candidates for a search text, `(id, name shown)`: best matches
    /// first, then alphabetically; only records `offer` accepts; at most
    /// `limit`.
    pub fn candidates(
        &self,
        query: &str,
        offer: impl Fn(u64) -> bool,
        limit: usize,
    ) -> Vec<(u64, String)> {
        let folded = text::fold(query);
        if folded.is_empty() || limit == 0 {
            return Vec::new();
        }
        let q = Query::new(&folded);
        let mut hits: Vec<(MatchQuality, &Pick)> = self
            .picks
            .iter()
            .filter(|p| offer(p.named.id))
            .filter_map(|p| {
                let best = p.named.names.iter().filter_map(|n| q.quality(n)).min()?;
                Some((best, p))
            })
            .collect();
        best_first(&mut hits, limit, |a, b| {
            a.0.cmp(&b.0)
                .then_with(|| a.1.key.cmp(&b.1.key))
                .then(a.1.named.id.cmp(&b.1.named.id))
        });
        hits.into_iter()
            .map(|(_, p)| (p.named.id, p.shown.clone()))
            .collect()
    }
}
