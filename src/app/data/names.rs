//! The folded names of a snapshot, for the palette and the pickers: folded
//! once when first asked for and shared by every session, so a keystroke
//! only compares strings, and the first letter of a search compares none.

use super::Data;
use crate::app::form::RefKind;
use crate::domain::search::{
    MatchQuality, match_quality, match_span, single_char_matches, whole_phrase,
};
use crate::domain::search_names;
use crate::store::Kind;
use crate::text;
use std::borrow::Cow;
use std::collections::BTreeMap;

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

/// How well a record matched: as the store's lookup ranks its hits, not
/// whole words (partial matches after whole ones), the match quality, how
/// many words the query spanned, the length of the name matched, then kind
/// and id so the order is total.
type Rank = (bool, MatchQuality, usize, usize, Kind, u64);

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
                Some((
                    !whole_phrase(self.folded, name),
                    q,
                    match_span(self.folded, name),
                    name.len(),
                    n.kind,
                    n.id,
                ))
            })
            .min()
    }
}

/// Every school, cluster, meeting and person by its folded names: what the
/// palette searches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameIndex {
    /// In kind and id order, so a position orders records as their rank's
    /// last two terms do.
    records: Vec<Named>,
    /// For each character of any name (but the space), the positions of the
    /// records whose names hold it, best first as the query of that one
    /// character ranks them. A first letter would otherwise rank every name
    /// (2.9 ms for 10,000 records); this reads its best off the front.
    by_char: BTreeMap<char, Box<[u32]>>,
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
        NameIndex::of(records)
    }

    /// The index of records already folded.
    fn of(mut records: Vec<Named>) -> NameIndex {
        records.sort_unstable_by_key(|n| (n.kind, n.id));
        let by_char = by_char(&records);
        NameIndex { records, by_char }
    }

    /// The records a query finds, best first, at most `limit`: accents,
    /// case and punctuation ignored, ranked as the store's lookup ranks.
    pub fn search(&self, query: &str, limit: usize) -> Vec<(Kind, u64)> {
        let folded = crate::domain::search_query::normalize(&text::fold(query));
        self.find(&folded, None, limit).best
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
        let mut chars = folded.chars();
        if let (Some(c), None) = (chars.next(), chars.next())
            && c != ' '
        {
            let ranked = self.by_char.get(&c).map_or(&[][..], |r| &r[..]);
            found.matched = ranked.to_vec();
            found.best = ranked
                .iter()
                .take(limit)
                .filter_map(|i| self.records.get(*i as usize))
                .map(|n| (n.kind, n.id))
                .collect();
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
        found.best = hits
            .into_iter()
            .map(|(_, _, _, _, k, id)| (k, id))
            .collect();
        found
    }
}

/// For each character of the records' names, the records holding it ranked
/// as [`Query::rank`] ranks them for the query of that character. Each name
/// is read once ([`single_char_matches`]); a record's rank for a character
/// is packed in one integer, ordered as [`Rank`] is (quality, span, length
/// of the name, then position, which is kind and id order).
fn by_char(records: &[Named]) -> BTreeMap<char, Box<[u32]>> {
    const NONE: u128 = u128::MAX;
    let key = |q: MatchQuality, span: usize, len: usize, pos: u32| {
        (q as u128) << 98 | u128::from(span != 1) << 97 | (len as u128) << 32 | u128::from(pos)
    };
    // ASCII, nearly every character of a folded name, in arrays; the rest
    // in a short list per record.
    let mut ascii: Vec<Vec<u128>> = vec![Vec::new(); 128];
    let mut other: BTreeMap<char, Vec<u128>> = BTreeMap::new();
    let mut best = [NONE; 128];
    let mut seen: Vec<usize> = Vec::new();
    let mut best_other: Vec<(char, u128)> = Vec::new();
    for (pos, n) in records.iter().enumerate() {
        let Ok(pos) = u32::try_from(pos) else { break };
        for name in &n.names {
            for (c, q, span) in single_char_matches(name) {
                if c == ' ' {
                    continue;
                }
                let k = key(q, span, name.len(), pos);
                match best.get_mut(c as usize) {
                    Some(slot) => {
                        if *slot == NONE {
                            seen.push(c as usize);
                        }
                        *slot = (*slot).min(k);
                    }
                    None => match best_other.iter_mut().find(|(o, _)| *o == c) {
                        Some((_, slot)) => *slot = (*slot).min(k),
                        None => best_other.push((c, k)),
                    },
                }
            }
        }
        for c in seen.drain(..) {
            if let (Some(slot), Some(list)) = (best.get_mut(c), ascii.get_mut(c)) {
                list.push(*slot);
                *slot = NONE;
            }
        }
        for (c, k) in best_other.drain(..) {
            other.entry(c).or_default().push(k);
        }
    }
    let ranked = |mut keys: Vec<u128>| -> Box<[u32]> {
        keys.sort_unstable();
        // The low 32 bits are the position.
        keys.into_iter().map(|k| k as u32).collect()
    };
    let mut out: BTreeMap<char, Box<[u32]>> = ascii
        .into_iter()
        .enumerate()
        .filter(|(_, keys)| !keys.is_empty())
        .filter_map(|(c, keys)| Some((char::from(u8::try_from(c).ok()?), ranked(keys))))
        .collect();
    out.extend(other.into_iter().map(|(c, keys)| (c, ranked(keys))));
    out
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
        let folded = crate::domain::search_query::normalize(&text::fold(query));
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The plain ranking: every record tried, as a search did before the
    /// first letter was read off `by_char`.
    fn ranked_plainly(index: &NameIndex, folded: &str, limit: usize) -> Vec<(Kind, u64)> {
        let q = Query::new(folded);
        let mut hits: Vec<Rank> = index.records.iter().filter_map(|n| q.rank(n)).collect();
        hits.sort();
        hits.truncate(limit);
        hits.into_iter()
            .map(|(_, _, _, _, k, id)| (k, id))
            .collect()
    }

    /// Records of two kinds with names from a few letters (one of them
    /// accented, one outside ASCII once folded) and separators, so that
    /// names share letters, words and lengths and ties are common.
    fn records() -> impl Strategy<Value = Vec<Named>> {
        let name = "[abnđưé1 .]{0,9}";
        proptest::collection::vec(
            (
                any::<bool>(),
                0u64..40,
                proptest::collection::vec(name, 1..4),
            ),
            0..40,
        )
        .prop_map(|rs| {
            let mut seen = std::collections::HashSet::new();
            rs.into_iter()
                .filter(|(person, id, _)| seen.insert((*person, *id)))
                .map(|(person, id, names)| {
                    let kind = if person { Kind::Person } else { Kind::School };
                    named(
                        kind,
                        id,
                        names.iter().map(|n| Cow::from(n.as_str())).collect(),
                    )
                })
                .collect()
        })
    }

    proptest! {
        /// Typed one character at a time, each search (the first letter
        /// read off the index, the next ones narrowing the one before) finds
        /// what ranking every record finds, in the same order.
        #[test]
        fn every_keystroke_finds_what_the_plain_ranking_finds(
            records in records(),
            typed in "[abnđưé1 ]{1,5}",
            limit in 1usize..12,
        ) {
            let index = NameIndex::of(records);
            let mut before: Option<Found> = None;
            let mut text = String::new();
            for c in typed.chars() {
                text.push(c);
                let folded = text::fold(&text);
                let found = index.find(&folded, before.as_ref(), limit);
                prop_assert_eq!(&found.best, &ranked_plainly(&index, &folded, limit), "{:?}", folded);
                prop_assert_eq!(index.search(&text, limit), found.best.clone());
                before = Some(found);
            }
        }

        /// Every one-character query the names hold, searched cold.
        #[test]
        fn each_first_letter_finds_what_the_plain_ranking_finds(records in records(), limit in 1usize..50) {
            let index = NameIndex::of(records);
            for c in index.by_char.keys().copied().chain(['z', 'a']) {
                let folded = c.to_string();
                prop_assert_eq!(
                    index.find(&folded, None, limit).best,
                    ranked_plainly(&index, &folded, limit),
                    "{:?}", folded
                );
            }
        }
    }
}
