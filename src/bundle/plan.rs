//! What a proved bundle would change in this database, and the one
//! transaction that applies it.
//!
//! Schools and clusters the bundle refers to are found here by global id,
//! else by one of their names (folded: no tone marks, any case), which the
//! user must confirm. Every record the bundle carries is found by global id:
//! absent here it is new (a fresh local id, its global id kept), equal
//! once its references are moved to this database's ids it is the same,
//! otherwise it conflicts and the bundle's value replaces it. A locked year
//! changes only when the bundle's sheet carries the amendment.

use super::read::Proved;
use super::remap::{IdMap, Remap};
use super::{Anchor, BundleError, Entry};
use crate::domain::*;
use crate::i18n::Lang;
use crate::store::batch::Batch;
use crate::store::gid::{Gid, parse_gid};
use crate::store::{Kind, Record, Store, codec};
use std::collections::BTreeSet;

/// How a record of the bundle stands against this database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Not here: it will be added.
    New,
    /// Here with the same value: nothing to do.
    Same,
    /// Here with another value: the bundle's replaces it.
    Conflict,
}

/// One record of the bundle and its standing.
#[derive(Debug, Clone)]
pub struct Row {
    /// Its kind.
    pub kind: Kind,
    /// What it is, in words.
    pub label: String,
    /// New, same or conflicting.
    pub status: Status,
}

/// How a school or cluster of the bundle was found here.
#[derive(Debug, Clone)]
pub struct Found {
    /// As the bundle names it.
    pub anchor: Anchor,
    /// Its name here.
    pub here: String,
    /// Found by name rather than by global id: to be confirmed.
    pub by_name: bool,
}

/// What an import would do.
pub struct Plan {
    /// The bundle's records.
    pub rows: Vec<Row>,
    /// Schools and clusters found.
    pub found: Vec<Found>,
    /// Schools and clusters not found (or found twice by name).
    pub missing: Vec<Anchor>,
    /// The year here is locked and the bundle changes it without an
    /// amendment: (cluster here, year).
    pub locked: Option<(String, u16)>,
    /// The source's audit entries not attached here yet.
    pub attach: usize,
    /// The reason the changes are written with: the amendments' own when
    /// the bundle amends a locked year.
    pub amendment: Option<String>,
    /// The transaction.
    pub batch: Batch,
}

impl Plan {
    /// How many records it would write.
    pub fn writes(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.status != Status::Same)
            .count()
    }

    /// Whether applying it changes nothing.
    pub fn is_noop(&self) -> bool {
        self.writes() == 0 && self.attach == 0
    }
}

fn folded(names: &[String]) -> BTreeSet<String> {
    names
        .iter()
        .map(|n| crate::text::fold(n))
        .filter(|f| !f.is_empty())
        .collect()
}

/// Finds an anchor here: by global id, else by exactly one name match.
fn find_anchor(store: &Store, a: &Anchor) -> Result<Option<(u64, String, bool)>, BundleError> {
    if let Some(gid) = parse_gid(&a.gid)
        && let Some((kind, id)) = store.by_gid(&gid)?
        && kind == a.kind
    {
        let here = match kind {
            Kind::School => store.get::<School>(SchoolId(id))?.map(|s| s.name),
            _ => store.get::<Cluster>(ClusterId(id))?.map(|c| c.label()),
        };
        if let Some(here) = here {
            return Ok(Some((id, here, false)));
        }
    }
    let wanted = folded(&a.names);
    let hits: Vec<(u64, String)> = match a.kind {
        Kind::School => store
            .all::<School>()?
            .into_iter()
            .filter(|(_, s)| {
                let names: Vec<String> = s.all_names().map(str::to_string).collect();
                !folded(&names).is_disjoint(&wanted)
            })
            .map(|(id, s)| (id.0, s.name))
            .collect(),
        _ => store
            .all::<Cluster>()?
            .into_iter()
            .filter(|(_, c)| {
                let names: Vec<String> = std::iter::once(c.name.clone())
                    .chain(c.aliases.iter().cloned())
                    .collect();
                !folded(&names).is_disjoint(&wanted) || (a.number.is_some() && c.number == a.number)
            })
            .map(|(id, c)| (id.0, c.label()))
            .collect(),
    };
    Ok(match hits.as_slice() {
        [(id, here)] => Some((*id, here.clone(), true)),
        _ => None,
    })
}

/// Gives every carried record its id here: the one its global id names,
/// else a fresh one.
fn place<R: Record>(store: &Store, list: &[Entry<R>], map: &mut IdMap) -> Result<(), BundleError> {
    for e in list {
        let gid = parse_gid(&e.gid).unwrap_or_default();
        let id = match store.by_gid(&gid)? {
            Some((kind, id)) if kind == R::KIND => id,
            Some(_) => {
                return Err(BundleError::Unproved(
                    String::new(),
                    format!("global id {} names another kind here", e.gid),
                ));
            }
            None => store.new_id()?,
        };
        map.insert((R::KIND, e.id), id);
    }
    Ok(())
}

/// A record in words, for the plan.
fn label<R: Record + Describe>(lang: Lang, r: &R) -> String {
    format!(
        "{} {}",
        crate::i18n::names::kind(lang, R::KIND),
        r.describe(lang)
    )
}

/// A short description of a record, for the plan.
trait Describe {
    fn describe(&self, lang: Lang) -> String;
}

impl Describe for Person {
    fn describe(&self, _: Lang) -> String {
        self.name.clone()
    }
}
impl Describe for Meeting {
    fn describe(&self, lang: Lang) -> String {
        let kind = crate::i18n::names::meeting(lang, self.kind);
        match &self.date {
            Some(d) => format!("{kind} {d}"),
            None => kind.to_string(),
        }
    }
}
impl Describe for CriteriaTable {
    fn describe(&self, _: Lang) -> String {
        self.title.clone()
    }
}
impl Describe for Ballot {
    fn describe(&self, lang: Lang) -> String {
        format!(
            "{} {}",
            crate::i18n::names::question(lang, &self.question),
            self.year
        )
    }
}
impl Describe for Award {
    fn describe(&self, lang: Lang) -> String {
        format!(
            "{} {}",
            crate::i18n::names::award(lang, &self.kind),
            self.year
        )
    }
}
impl Describe for Term {
    fn describe(&self, _: Lang) -> String {
        self.year.to_string()
    }
}
impl Describe for ScoreSheet {
    fn describe(&self, _: Lang) -> String {
        self.year.to_string()
    }
}

/// Compares each carried record with this database's and adds the writes.
fn rows<R: Record + Remap + Describe + 'static>(
    store: &Store,
    lang: Lang,
    list: &[Entry<R>],
    map: &IdMap,
    plan: &mut Plan,
) -> Result<Vec<(u64, R, Status)>, BundleError> {
    let mut out = Vec::new();
    for e in list {
        let gid: Gid = parse_gid(&e.gid).unwrap_or_default();
        let id = map.get(&(R::KIND, e.id)).copied().unwrap_or(0);
        let mut record = e.record.clone();
        record.remap(map).map_err(|(kind, from)| {
            BundleError::Unproved(
                String::new(),
                format!("{kind:?} {from} is not in the bundle"),
            )
        })?;
        let old = store.get::<R>(R::Id::from(id))?;
        let status = match &old {
            None => Status::New,
            Some(o) if *o == record => Status::Same,
            Some(_) => Status::Conflict,
        };
        plan.rows.push(Row {
            kind: R::KIND,
            label: label(lang, &record),
            status,
        });
        if status != Status::Same {
            let seen = match &old {
                Some(o) => Some(
                    codec::encode(o)
                        .map_err(|e| BundleError::Unproved(String::new(), e.to_string()))?,
                ),
                None => None,
            };
            plan.batch.put(id, gid, seen, record.clone());
        }
        out.push((id, record, status));
    }
    Ok(out)
}

/// What importing `proved` into `store` would do, and its transaction.
pub fn plan(store: &Store, proved: &Proved, lang: Lang) -> Result<Plan, BundleError> {
    let c = &proved.contents;
    let mut plan = Plan {
        rows: Vec::new(),
        found: Vec::new(),
        missing: Vec::new(),
        locked: None,
        attach: 0,
        amendment: None,
        batch: Batch::new(),
    };
    let mut map = IdMap::new();
    for a in &c.anchors {
        match find_anchor(store, a)? {
            Some((id, here, by_name)) => {
                map.insert((a.kind, a.id), id);
                plan.found.push(Found {
                    anchor: a.clone(),
                    here,
                    by_name,
                });
            }
            None => plan.missing.push(a.clone()),
        }
    }
    if !plan.missing.is_empty() {
        return Ok(plan);
    }
    place(store, &c.people, &mut map)?;
    place(store, &c.meetings, &mut map)?;
    place(store, &c.criteria_tables, &mut map)?;
    place(store, &c.ballots, &mut map)?;
    place(store, &c.awards, &mut map)?;
    place(store, &c.terms, &mut map)?;
    place(store, &c.score_sheets, &mut map)?;
    // In the order their references need: people before meetings, the
    // table before its sheet, and the sheet last, so a year that arrives
    // locked is locked only once all of it is in.
    rows(store, lang, &c.people, &map, &mut plan)?;
    rows(store, lang, &c.meetings, &map, &mut plan)?;
    rows(store, lang, &c.criteria_tables, &map, &mut plan)?;
    rows(store, lang, &c.ballots, &map, &mut plan)?;
    rows(store, lang, &c.awards, &map, &mut plan)?;
    rows(store, lang, &c.terms, &map, &mut plan)?;
    let sheets = rows(store, lang, &c.score_sheets, &map, &mut plan)?;
    let cluster = ClusterId(
        map.get(&(Kind::Cluster, c.cluster.id))
            .copied()
            .unwrap_or(0),
    );
    if let Some((_, here)) = store.sheet_of(cluster, c.year)?
        && here.lock.is_some()
        && plan.writes() > 0
    {
        let amends = sheets.iter().find_map(|(_, s, _)| {
            let added = s.amendments.get(here.amendments.len()..)?;
            (s.lock == here.lock && s.amendments.starts_with(&here.amendments) && !added.is_empty())
                .then(|| {
                    added
                        .iter()
                        .map(|a| a.reason.as_str())
                        .collect::<Vec<_>>()
                        .join("; ")
                })
        });
        match amends {
            Some(reason) => {
                plan.batch.amends(cluster, c.year);
                plan.amendment = Some(reason);
            }
            None => {
                let label = store
                    .get::<Cluster>(cluster)?
                    .map(|c| c.label())
                    .unwrap_or_default();
                plan.locked = Some((label, c.year));
            }
        }
    }
    if store.own_source()? != Some(proved.source) {
        let held = store
            .attached_logs()?
            .remove(&proved.source)
            .unwrap_or_default();
        let have: BTreeSet<u64> = held.iter().map(|(s, _)| *s).collect();
        plan.attach = proved.log.iter().filter(|(s, _)| !have.contains(s)).count();
        if plan.attach > 0 {
            plan.batch.attach(proved.source, proved.log.clone());
        }
    }
    Ok(plan)
}
