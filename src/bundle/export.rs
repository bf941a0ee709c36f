//! Writing a cluster-year's bundle from one snapshot of the database.

use super::{AUDIT, Anchor, BundleError, Contents, Entry, FORMAT, FORMAT_VERSION, RECORDS};
use crate::backup::dump::AuditLog;
use crate::backup::manifest::{Manifest, Member};
use crate::backup::write::archive;
use crate::domain::*;
use crate::store::gid::{Gid, gid_hex};
use crate::store::refs::Refers;
use crate::store::snapshot::Snapshot;
use crate::store::verify::hex;
use crate::store::{Kind, Record, Store};
use std::collections::{BTreeMap, BTreeSet};

/// What goes in, by kind and source id.
type Chosen = BTreeSet<(Kind, u64)>;

fn pick<R: Record>(
    snap: &Snapshot,
    chosen: &mut Chosen,
    keep: impl Fn(&R) -> bool,
) -> Result<(), BundleError> {
    for (id, r) in snap.records::<R>()? {
        if keep(&r) {
            chosen.insert((R::KIND, id));
        }
    }
    Ok(())
}

/// Every record of a type that was chosen, with its global id.
fn entries<R: Record>(
    snap: &Snapshot,
    chosen: &Chosen,
    gids: &BTreeMap<(Kind, u64), Gid>,
) -> Result<Vec<Entry<R>>, BundleError> {
    let mut out = Vec::new();
    for (id, record) in snap.records::<R>()? {
        if chosen.contains(&(R::KIND, id)) {
            out.push(Entry {
                id,
                gid: gids.get(&(R::KIND, id)).map(gid_hex).unwrap_or_default(),
                record,
            });
        }
    }
    Ok(out)
}

/// Adds what the chosen records refer to: schools and clusters become
/// anchors, anything else (a meeting a ballot names, a meeting's people,
/// the sheet's table) is carried too, until nothing new turns up.
fn close(snap: &Snapshot, chosen: &mut Chosen, anchors: &mut Chosen) -> Result<(), BundleError> {
    loop {
        let mut found: Vec<(Kind, u64)> = Vec::new();
        let mut refs_of = |kind: Kind, id: u64, refs: Vec<(Kind, u64)>| {
            if chosen.contains(&(kind, id)) {
                found.extend(refs);
            }
        };
        for (id, r) in snap.records::<Term>()? {
            refs_of(Kind::Term, id, r.references());
        }
        for (id, r) in snap.records::<Meeting>()? {
            refs_of(Kind::Meeting, id, r.references());
        }
        for (id, r) in snap.records::<Person>()? {
            refs_of(Kind::Person, id, r.references());
        }
        for (id, r) in snap.records::<CriteriaTable>()? {
            refs_of(Kind::Table, id, r.references());
        }
        for (id, r) in snap.records::<ScoreSheet>()? {
            refs_of(Kind::Sheet, id, r.references());
        }
        for (id, r) in snap.records::<Ballot>()? {
            refs_of(Kind::Ballot, id, r.references());
        }
        for (id, r) in snap.records::<Award>()? {
            refs_of(Kind::Award, id, r.references());
        }
        let mut grew = false;
        for r in found {
            let set = match r.0 {
                Kind::School | Kind::Cluster => &mut *anchors,
                _ => &mut *chosen,
            };
            grew |= set.insert(r);
        }
        if !grew {
            return Ok(());
        }
    }
}

fn anchor(
    snap: &Snapshot,
    r: (Kind, u64),
    gids: &BTreeMap<(Kind, u64), Gid>,
) -> Result<Option<Anchor>, BundleError> {
    let gid = gids.get(&r).map(gid_hex).unwrap_or_default();
    let found = match r.0 {
        Kind::School => snap
            .records::<School>()?
            .into_iter()
            .find(|(id, _)| *id == r.1)
            .map(|(_, s)| (s.all_names().map(str::to_string).collect(), None)),
        Kind::Cluster => snap
            .records::<Cluster>()?
            .into_iter()
            .find(|(id, _)| *id == r.1)
            .map(|(_, c)| {
                let names = std::iter::once(c.name.clone())
                    .chain(c.aliases.iter().cloned())
                    .collect();
                (names, c.number)
            }),
        _ => None,
    };
    Ok(found.map(|(names, number)| Anchor {
        kind: r.0,
        id: r.1,
        gid,
        names,
        number,
    }))
}

/// The records of a cluster's year, chosen from one snapshot.
pub fn contents(snap: &Snapshot, cluster: ClusterId, year: u16) -> Result<Contents, BundleError> {
    let c = cluster;
    let mut chosen = Chosen::new();
    pick::<ScoreSheet>(snap, &mut chosen, |s| s.cluster == c && s.year == year)?;
    pick::<CriteriaTable>(snap, &mut chosen, |t| {
        t.cluster == Some(c) && t.year == year
    })?;
    pick::<Ballot>(snap, &mut chosen, |b| b.cluster == c && b.year == year)?;
    pick::<Award>(snap, &mut chosen, |a| {
        a.cluster == Some(c) && a.year == year
    })?;
    pick::<Term>(snap, &mut chosen, |t| {
        t.cluster == c && u32::from(t.year) == u32::from(year) + 1
    })?;
    pick::<Meeting>(snap, &mut chosen, |m| {
        m.cluster == Some(c) && m.year == Some(year)
    })?;
    if chosen.is_empty() {
        return Err(BundleError::Empty);
    }
    let mut anchors = Chosen::new();
    anchors.insert((Kind::Cluster, c.0));
    close(snap, &mut chosen, &mut anchors)?;
    let gids: BTreeMap<(Kind, u64), Gid> = snap
        .gids()
        .into_iter()
        .map(|(k, id, g)| ((k, id), g))
        .collect();
    let mut list = Vec::new();
    for r in &anchors {
        list.extend(anchor(snap, *r, &gids)?);
    }
    let cluster_anchor = list
        .iter()
        .find(|a| a.kind == Kind::Cluster && a.id == c.0)
        .cloned()
        .ok_or(BundleError::Empty)?;
    Ok(Contents {
        cluster: cluster_anchor,
        year,
        anchors: list,
        people: entries(snap, &chosen, &gids)?,
        meetings: entries(snap, &chosen, &gids)?,
        criteria_tables: entries(snap, &chosen, &gids)?,
        ballots: entries(snap, &chosen, &gids)?,
        awards: entries(snap, &chosen, &gids)?,
        terms: entries(snap, &chosen, &gids)?,
        score_sheets: entries(snap, &chosen, &gids)?,
    })
}

fn to_json<T: serde::Serialize>(name: &str, value: &T) -> Result<Vec<u8>, BundleError> {
    serde_json::to_vec(value).map_err(|e| BundleError::Io(name.into(), std::io::Error::other(e)))
}

/// The bundle file of a cluster's year: the manifest, the records and the
/// source's audit log (its whole chain, so it can be checked entry by
/// entry up to the head the minutes print), sealed with the SHA-256 of the
/// whole file. Returns the bytes and how many records it carries.
pub fn bundle_bytes(
    store: &Store,
    cluster: ClusterId,
    year: u16,
) -> Result<(Vec<u8>, usize), BundleError> {
    let snap = store.snapshot()?;
    let contents = contents(&snap, cluster, year)?;
    let mut log = AuditLog::of(&snap)?;
    log.attached.clear();
    let records = to_json(RECORDS, &contents)?;
    let audit = to_json(AUDIT, &log)?;
    let manifest = Manifest {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        schema_version: snap.schema_version,
        thidua_version: env!("CARGO_PKG_VERSION").into(),
        created: Timestamp::now().0,
        records: contents.len() as u64,
        audit_entries: log.entries.len() as u64,
        audit_head: log
            .entries
            .last()
            .map_or_else(|| hex(&[0; 32]), |e| e.hash.clone()),
        members: vec![Member::of(RECORDS, &records), Member::of(AUDIT, &audit)],
    };
    let manifest = to_json(crate::backup::MANIFEST, &manifest)?;
    let bytes = archive(&[
        (crate::backup::MANIFEST, &manifest),
        (RECORDS, &records),
        (AUDIT, &audit),
    ])?;
    Ok((bytes, contents.len()))
}
