//! The reference registry: every provincial political school before the
//! 1 July 2025 merger (63), the mergers that left 34, and the honorific
//! names public sources confirm. Separate from the article demo (`demo`),
//! whose schools are the same records: a school is matched by its province
//! (accents ignored), else by any of its names.
//!
//! Loading adds what is missing and reports what differs, never
//! overwriting; loading it again writes nothing.

pub mod provinces;

use crate::domain::{Date, LineageEvent, LineageKind, School, SchoolId, Source};
use crate::store::{Store, StoreError};
use crate::text::fold;
use provinces::{MERGER_SOURCES, MERGERS, PROVINCES, Province};
use std::collections::HashMap;

/// The author recorded in the audit log for registry records.
pub const ACTOR: &str = "registry";

/// What a stored record says that the registry says otherwise; the stored
/// record is kept as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// The school's names do not include the registry's official name.
    Name {
        /// The province.
        province: String,
        /// The stored official name.
        stored: String,
        /// The registry's.
        registry: String,
    },
    /// The school is recorded as merged into another school.
    Successor {
        /// The province.
        province: String,
        /// The stored successor's name.
        stored: String,
        /// The registry's.
        registry: String,
    },
    /// The merger is recorded with another date.
    MergerDate {
        /// The province.
        province: String,
        /// The stored date, if any.
        stored: Option<Date>,
        /// The registry's.
        registry: Date,
    },
}

/// What a load did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Schools added.
    pub schools_added: usize,
    /// Schools already there that gained a name or a merger.
    pub schools_completed: usize,
    /// Merger events added.
    pub mergers_added: usize,
    /// Honorific names added.
    pub names_added: usize,
    /// Schools found already recorded (matched, whether completed or not).
    pub matched: usize,
    /// What differs, kept as stored.
    pub differences: Vec<Difference>,
}

/// The source every registry school carries.
pub fn school_source() -> Source {
    Source::new(provinces::RESOLUTION, provinces::SCHOOL_NOTE)
}

/// The date the mergers took effect.
pub fn effective() -> Result<Date, StoreError> {
    let (d, m, y) = provinces::EFFECTIVE;
    Date::new(y, m, d).map_err(|e| StoreError::Invalid(format!("registry: {e}")))
}

/// The merger event of the school of `province` into `successor`: the one
/// event the demo and the registry both record.
pub fn merger_event(
    province: &str,
    successor: SchoolId,
    successor_name: &str,
) -> Result<LineageEvent, StoreError> {
    let mut sources = vec![Source::new(
        provinces::RESOLUTION,
        provinces::RESOLUTION_NOTE,
    )];
    let key = fold(province);
    sources.extend(
        MERGER_SOURCES
            .iter()
            .filter(|(p, _, _)| fold(p) == key)
            .map(|(_, doc, note)| Source::new(doc, note)),
    );
    Ok(LineageEvent {
        date: Some(effective()?),
        kind: LineageKind::MergedInto,
        other: Some(successor),
        note: format!("Sáp nhập vào {successor_name} khi hợp nhất tỉnh"),
        sources,
    })
}

/// The province a merged province joined, if it was merged.
pub fn successor_province(province: &str) -> Option<&'static str> {
    let key = fold(province);
    MERGERS
        .iter()
        .find(|(from, _)| fold(from) == key)
        .map(|(_, into)| *into)
}

/// The registry's record of a province's school, without its merger.
fn record(p: &Province) -> School {
    let mut s = School::new(&p.school_name(), p.name);
    s.sources.push(school_source());
    if let Some(h) = p.honorific {
        s.honorifics.push(h.to_string());
        s.sources.push(Source::new(
            provinces::HONORIFIC_SOURCE,
            provinces::HONORIFIC_NOTE,
        ));
    }
    s
}

/// The stored school that is this province's: the one of that province,
/// else one that carries the registry's official name or honorific.
fn find_school(stored: &[(SchoolId, School)], p: &Province) -> Option<SchoolId> {
    let province = fold(p.name);
    let names: Vec<String> = std::iter::once(p.school_name())
        .chain(p.honorific.map(str::to_string))
        .map(|n| fold(&n))
        .collect();
    let real = || stored.iter().filter(|(_, s)| !s.illustrative);
    real()
        .find(|(_, s)| fold(&s.province) == province)
        .or_else(|| real().find(|(_, s)| s.all_names().any(|n| names.contains(&fold(n)))))
        .map(|(id, _)| *id)
}

/// Whether a school is already known by a name (accents ignored).
fn has_name(s: &School, name: &str) -> bool {
    let n = fold(name);
    s.all_names().any(|x| fold(x) == n)
}

/// Loads the registry into a store: adds the schools, names and mergers
/// that are missing, one write per school, and reports what differs.
pub fn load(store: &Store) -> Result<Outcome, StoreError> {
    let stored = store.all::<School>()?;
    let mut out = Outcome::default();
    let mut ids: HashMap<String, (SchoolId, String)> = HashMap::new();
    // Schools that carry on first, so a merged school's successor has an id
    // when its record is written (mergers are never chained).
    let (carrying, merged): (Vec<&Province>, Vec<&Province>) = PROVINCES
        .iter()
        .partition(|p| successor_province(p.name).is_none());
    for p in carrying.into_iter().chain(merged) {
        let mut wanted = record(p);
        let mut successor_name = String::new();
        if let Some(into) = successor_province(p.name) {
            let Some((into_id, into_name)) = ids.get(&fold(into)).cloned() else {
                return Err(StoreError::Invalid(format!(
                    "registry: no school for {into}"
                )));
            };
            wanted
                .lineage
                .push(merger_event(p.name, into_id, &into_name)?);
            successor_name = into_name;
        }
        let id = match find_school(&stored, p) {
            None => {
                let name = wanted.name.clone();
                let merged = !wanted.lineage.is_empty();
                let id = store.insert(ACTOR, wanted)?;
                out.schools_added += 1;
                out.mergers_added += usize::from(merged);
                ids.insert(fold(p.name), (id, name));
                continue;
            }
            Some(id) => id,
        };
        out.matched += 1;
        let Some(mut s) = store.get::<School>(id)? else {
            continue;
        };
        ids.insert(fold(p.name), (id, s.name.clone()));
        let before = s.clone();
        complete(&mut s, &wanted, p, &successor_name, &mut out, &stored);
        if s != before {
            store.update(ACTOR, id, s)?;
            out.schools_completed += 1;
        }
    }
    Ok(out)
}

/// Adds to a stored school what the registry has and it lacks, and notes
/// what the two say differently.
fn complete(
    s: &mut School,
    wanted: &School,
    p: &Province,
    successor_name: &str,
    out: &mut Outcome,
    stored: &[(SchoolId, School)],
) {
    if !has_name(s, &wanted.name) {
        out.differences.push(Difference::Name {
            province: p.name.to_string(),
            stored: s.name.clone(),
            registry: wanted.name.clone(),
        });
    }
    let mut added_name = false;
    for h in &wanted.honorifics {
        if !has_name(s, h) {
            s.honorifics.push(h.clone());
            out.names_added += 1;
            added_name = true;
        }
    }
    let source = Source::new(provinces::HONORIFIC_SOURCE, provinces::HONORIFIC_NOTE);
    if added_name && !s.sources.contains(&source) {
        s.sources.push(source);
    }
    let Some(event) = wanted.lineage.first() else {
        return;
    };
    let name_of = |id: Option<SchoolId>| {
        stored.iter().find(|(x, _)| Some(*x) == id).map_or_else(
            || format!("#{}", id.map_or(0, |i| i.0)),
            |(_, s)| s.name.clone(),
        )
    };
    match s.lineage.iter().find(|e| e.kind == LineageKind::MergedInto) {
        None => {
            s.lineage.push(event.clone());
            out.mergers_added += 1;
        }
        Some(e) if e.other != event.other => out.differences.push(Difference::Successor {
            province: p.name.to_string(),
            stored: name_of(e.other),
            registry: successor_name.to_string(),
        }),
        Some(e) if e.date != event.date => {
            if let Some(registry) = event.date {
                out.differences.push(Difference::MergerDate {
                    province: p.name.to_string(),
                    stored: e.date,
                    registry,
                });
            }
        }
        Some(_) => {}
    }
}
