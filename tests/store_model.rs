//! Index entries stay consistent through create, update and delete: random
//! operation sequences run against the store and against a plain in-memory
//! model, with the database closed and reopened in the middle. After every
//! step the index-backed queries must answer exactly what the model says.
//! References are part of the model: a write naming a school that does not
//! exist, and the deletion of a school that something names, must be refused
//! exactly when the model says so.

mod common;

use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use thidua::domain::*;
use thidua::store::{Role, Store, StoreError};

const NAMES: [&str; 6] = [
    "Trường Chính trị tỉnh Hải Dương",
    "Trường Chính trị tỉnh Hai Duong",
    "Trường Chính trị Tô Hiệu",
    "Trường Chính trị tỉnh Hà Nam",
    "Trường Chính trị tỉnh Hà Nội",
    "Trường Chính trị Nguyễn Văn Linh",
];
const YEARS: [u16; 3] = [2020, 2021, 2022];

#[derive(Debug, Clone)]
enum Op {
    InsertSchool {
        name: usize,
        merged_into: Option<usize>,
    },
    RenameSchool {
        slot: usize,
        name: usize,
    },
    DeleteSchool {
        slot: usize,
    },
    InsertTerm {
        cluster: usize,
        year: usize,
        head: Option<usize>,
        deputies: Vec<usize>,
    },
    UpdateTerm {
        slot: usize,
        year: usize,
        head: Option<usize>,
    },
    DeleteTerm {
        slot: usize,
    },
    InsertCluster {
        name: usize,
        members: Vec<usize>,
    },
    UpdateCluster {
        slot: usize,
        members: Vec<usize>,
    },
    InsertAward {
        recipient: usize,
        year: usize,
    },
    DeleteAward {
        slot: usize,
    },
    Reopen,
}

fn op() -> impl Strategy<Value = Op> {
    let slot = 0usize..8;
    prop_oneof![
        3 => (0..NAMES.len(), proptest::option::of(slot.clone()))
            .prop_map(|(name, merged_into)| Op::InsertSchool { name, merged_into }),
        2 => (slot.clone(), 0..NAMES.len()).prop_map(|(slot, name)| Op::RenameSchool { slot, name }),
        1 => slot.clone().prop_map(|slot| Op::DeleteSchool { slot }),
        3 => (0..2usize, 0..YEARS.len(), proptest::option::of(slot.clone()), proptest::collection::vec(slot.clone(), 0..3))
            .prop_map(|(cluster, year, head, deputies)| Op::InsertTerm { cluster, year, head, deputies }),
        2 => (slot.clone(), 0..YEARS.len(), proptest::option::of(slot.clone()))
            .prop_map(|(slot, year, head)| Op::UpdateTerm { slot, year, head }),
        1 => slot.clone().prop_map(|slot| Op::DeleteTerm { slot }),
        1 => (0..NAMES.len(), proptest::collection::vec(slot.clone(), 0..4))
            .prop_map(|(name, members)| Op::InsertCluster { name, members }),
        1 => (slot.clone(), proptest::collection::vec(slot.clone(), 0..4))
            .prop_map(|(slot, members)| Op::UpdateCluster { slot, members }),
        2 => (slot.clone(), 0..YEARS.len()).prop_map(|(recipient, year)| Op::InsertAward { recipient, year }),
        1 => slot.prop_map(|slot| Op::DeleteAward { slot }),
        1 => Just(Op::Reopen),
    ]
}

#[derive(Default)]
struct Model {
    /// The two clusters terms are written for, made before the operations.
    fixed: [ClusterId; 2],
    schools: BTreeMap<SchoolId, School>,
    terms: BTreeMap<TermId, Term>,
    clusters: BTreeMap<ClusterId, Cluster>,
    awards: BTreeMap<AwardId, Award>,
}

fn pick<K: Copy + Ord, V>(map: &BTreeMap<K, V>, slot: usize) -> Option<K> {
    if map.is_empty() {
        return None;
    }
    map.keys().nth(slot % map.len()).copied()
}

/// A school id, or one that never existed, made up from the slot, when
/// there is no school yet: the store must refuse to refer to it.
fn school_ref(m: &Model, slot: usize) -> SchoolId {
    pick(&m.schools, slot).unwrap_or(SchoolId(900_000 + slot as u64))
}

/// Whether any of `added` names a school the model does not have.
fn dangles<'a>(m: &Model, added: impl IntoIterator<Item = &'a SchoolId>) -> bool {
    added.into_iter().any(|s| !m.schools.contains_key(s))
}

/// Whether anything in the model names a school.
fn referenced(m: &Model, school: SchoolId) -> bool {
    m.schools
        .iter()
        .any(|(id, x)| *id != school && x.lineage.iter().any(|l| l.other == Some(school)))
        || m.terms
            .values()
            .any(|t| t.head == Some(school) || t.deputies.contains(&school))
        || m.clusters
            .values()
            .any(|c| c.memberships.iter().any(|ms| ms.schools.contains(&school)))
        || m.awards.values().any(|a| a.recipient == school)
}

/// Applies the model's verdict on references: `Ok(true)` when the write
/// went through as the model expected, `Ok(false)` when it was refused as
/// expected, a failure otherwise.
fn expect<T>(
    result: Result<T, StoreError>,
    refused: bool,
    op: &Op,
) -> Result<Option<T>, TestCaseError> {
    match (result, refused) {
        (Ok(v), false) => Ok(Some(v)),
        (Err(StoreError::Dangling { .. } | StoreError::Referenced { .. }), true) => Ok(None),
        (Ok(_), true) => Err(TestCaseError::fail(format!(
            "{op:?}: accepted a broken reference"
        ))),
        (Err(e), _) => Err(TestCaseError::fail(format!("{op:?}: {e}"))),
    }
}

fn apply(
    store: &mut Option<Store>,
    path: &Path,
    m: &mut Model,
    op: &Op,
) -> Result<(), TestCaseError> {
    let s = store
        .as_ref()
        .ok_or_else(|| TestCaseError::fail("store closed"))?;
    let fail = |e: StoreError| TestCaseError::fail(format!("{op:?}: {e}"));
    match op {
        Op::InsertSchool { name, merged_into } => {
            let mut school = School::new(NAMES[*name], "Tỉnh");
            if let Some(slot) = merged_into {
                school.lineage.push(LineageEvent {
                    date: Date::new(2025, 7, 1).ok(),
                    kind: LineageKind::MergedInto,
                    other: Some(school_ref(m, *slot)),
                    note: String::new(),
                    sources: Vec::new(),
                });
            }
            let other: Vec<SchoolId> = school.lineage.iter().filter_map(|l| l.other).collect();
            if let Some(id) = expect(s.insert("t", school.clone()), dangles(m, &other), op)? {
                m.schools.insert(id, school);
            }
        }
        Op::RenameSchool { slot, name } => {
            if let Some(id) = pick(&m.schools, *slot) {
                let mut school = m.schools[&id].clone();
                school.name = NAMES[*name].to_string();
                s.update("t", id, school.clone()).map_err(fail)?;
                m.schools.insert(id, school);
            }
        }
        Op::DeleteSchool { slot } => {
            if let Some(id) = pick(&m.schools, *slot)
                && let Some(old) = expect(s.delete::<School>("t", id), referenced(m, id), op)?
            {
                prop_assert_eq!(Some(old), m.schools.remove(&id));
            }
        }
        Op::InsertTerm {
            cluster,
            year,
            head,
            deputies,
        } => {
            let mut t = Term::new(m.fixed[*cluster], YEARS[*year]);
            t.head = head.map(|h| school_ref(m, h));
            t.deputies = deputies.iter().map(|d| school_ref(m, *d)).collect();
            let taken = m
                .terms
                .values()
                .any(|o| o.cluster == t.cluster && o.year == t.year);
            if dangles(m, t.head.iter().chain(&t.deputies)) {
                expect(s.insert("t", t.clone()), true, op)?;
                return Ok(());
            }
            match s.insert("t", t.clone()) {
                Ok(id) => {
                    prop_assert!(
                        !taken,
                        "a second term for the same cluster and year was accepted"
                    );
                    m.terms.insert(id, t);
                }
                Err(StoreError::Taken { .. }) => {
                    prop_assert!(taken, "refused a term that did not conflict")
                }
                Err(e) => return Err(fail(e)),
            }
        }
        Op::UpdateTerm { slot, year, head } => {
            if let Some(id) = pick(&m.terms, *slot) {
                let mut t = m.terms[&id].clone();
                t.year = YEARS[*year];
                t.head = head.map(|h| school_ref(m, h));
                let taken = m
                    .terms
                    .iter()
                    .any(|(k, o)| *k != id && o.cluster == t.cluster && o.year == t.year);
                let was = &m.terms[&id];
                if t.head != was.head && dangles(m, t.head.iter()) {
                    expect(s.update("t", id, t.clone()), true, op)?;
                    return Ok(());
                }
                match s.update("t", id, t.clone()) {
                    Ok(()) => {
                        prop_assert!(!taken);
                        m.terms.insert(id, t);
                    }
                    Err(StoreError::Taken { .. }) => prop_assert!(taken),
                    Err(e) => return Err(fail(e)),
                }
            }
        }
        Op::DeleteTerm { slot } => {
            if let Some(id) = pick(&m.terms, *slot) {
                s.delete::<Term>("t", id).map_err(fail)?;
                m.terms.remove(&id);
            }
        }
        Op::InsertCluster { name, members } => {
            let mut c = Cluster::new(Some(*name as u16), NAMES[*name], "Vùng");
            c.memberships.push(Membership {
                year: 2022,
                schools: members.iter().map(|x| school_ref(m, *x)).collect(),
                stated_count: None,
                complete: false,
                sources: Vec::new(),
            });
            let names = c.memberships.iter().flat_map(|ms| &ms.schools);
            if let Some(id) = expect(s.insert("t", c.clone()), dangles(m, names), op)? {
                m.clusters.insert(id, c);
            }
        }
        Op::UpdateCluster { slot, members } => {
            if let Some(id) = pick(&m.clusters, *slot) {
                let mut c = m.clusters[&id].clone();
                c.memberships.push(Membership {
                    year: 2023,
                    schools: members.iter().map(|x| school_ref(m, *x)).collect(),
                    stated_count: None,
                    complete: true,
                    sources: Vec::new(),
                });
                let was: BTreeSet<SchoolId> = m.clusters[&id]
                    .memberships
                    .iter()
                    .flat_map(|ms| ms.schools.iter().copied())
                    .collect();
                let added: Vec<SchoolId> = c
                    .memberships
                    .iter()
                    .flat_map(|ms| ms.schools.iter().copied())
                    .filter(|x| !was.contains(x))
                    .collect();
                if expect(s.update("t", id, c.clone()), dangles(m, &added), op)?.is_some() {
                    m.clusters.insert(id, c);
                }
            }
        }
        Op::InsertAward { recipient, year } => {
            let a = Award {
                kind: AwardKind::AcademyFlag,
                recipient: school_ref(m, *recipient),
                year: YEARS[*year],
                cluster: Some(m.fixed[0]),
                status: AwardStatus::Proposed,
                proposed_at: None,
                decision: None,
                illustrative: false,
                sources: Vec::new(),
            };
            let refused = dangles(m, [&a.recipient]);
            if let Some(id) = expect(s.insert("t", a.clone()), refused, op)? {
                m.awards.insert(id, a);
            }
        }
        Op::DeleteAward { slot } => {
            if let Some(id) = pick(&m.awards, *slot) {
                s.delete::<Award>("t", id).map_err(fail)?;
                m.awards.remove(&id);
            }
        }
        Op::Reopen => {
            *store = None;
            *store = Some(
                common::retry_locked(|| Store::open(path))
                    .map_err(|e| TestCaseError::fail(format!("reopen: {e}")))?,
            );
        }
    }
    Ok(())
}

/// Every index-backed query must agree with the model, computed here from the
/// model alone (not from the store's own index-key function).
fn check(s: &Store, m: &Model) -> Result<(), TestCaseError> {
    let e = |e: StoreError| TestCaseError::fail(e.to_string());
    prop_assert_eq!(
        s.all::<School>().map_err(e)?,
        m.schools.clone().into_iter().collect::<Vec<_>>()
    );
    prop_assert!(s.check_indexes().map_err(e)?.is_empty());

    for c in m.fixed {
        for y in YEARS {
            let want = m
                .terms
                .iter()
                .find(|(_, t)| t.cluster == c && t.year == y)
                .map(|(id, t)| (*id, t.clone()));
            prop_assert_eq!(s.term_of(c, y).map_err(e)?, want);
        }
    }

    let mut schools: BTreeSet<SchoolId> = m.schools.keys().copied().collect();
    for t in m.terms.values() {
        schools.extend(t.head.iter().chain(&t.deputies));
    }
    for school in schools {
        let mut want_roles: Vec<(u16, u8, TermId)> = Vec::new();
        for (id, t) in &m.terms {
            if t.head == Some(school) {
                want_roles.push((t.year, 1, *id));
            }
            if t.deputies.contains(&school) {
                want_roles.push((t.year, 2, *id));
            }
        }
        want_roles.sort();
        let got: Vec<(u16, u8, TermId)> = s
            .roles_of_school(school)
            .map_err(e)?
            .into_iter()
            .map(|(y, r, id)| (y, if r == Role::Head { 1 } else { 2 }, id))
            .collect();
        prop_assert_eq!(got, want_roles, "roles of {:?}", school);

        let mut want_members: Vec<(u16, ClusterId)> = m
            .clusters
            .iter()
            .flat_map(|(id, c)| {
                c.memberships
                    .iter()
                    .filter(|ms| ms.schools.contains(&school))
                    .map(move |ms| (ms.year, *id))
            })
            .collect();
        want_members.sort();
        want_members.dedup();
        prop_assert_eq!(s.memberships_of_school(school).map_err(e)?, want_members);

        let want_awards: BTreeSet<AwardId> = m
            .awards
            .iter()
            .filter(|(_, a)| a.recipient == school)
            .map(|(id, _)| *id)
            .collect();
        let got_awards: BTreeSet<AwardId> = s
            .awards_of_school(school)
            .map_err(e)?
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        prop_assert_eq!(got_awards, want_awards);

        let want_preds: BTreeSet<SchoolId> = m
            .schools
            .iter()
            .filter(|(_, x)| x.lineage.iter().any(|l| l.other == Some(school)))
            .map(|(id, _)| *id)
            .collect();
        let got_preds: BTreeSet<SchoolId> = s
            .lineage_referrers(school)
            .map_err(e)?
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        prop_assert_eq!(got_preds, want_preds);
    }

    // Every school is found by an accent-free spelling of its name, and a
    // deleted one is not.
    for name in NAMES {
        let folded = thidua::text::fold(name);
        let got: BTreeSet<u64> = s
            .lookup(&folded)
            .map_err(e)?
            .into_iter()
            .filter(|h| h.kind == thidua::store::Kind::School && h.matched == folded)
            .map(|h| h.id)
            .collect();
        let want: BTreeSet<u64> = m
            .schools
            .iter()
            .filter(|(_, x)| thidua::text::fold(&x.name) == folded)
            .map(|(id, _)| id.0)
            .collect();
        prop_assert_eq!(got, want, "lookup {}", folded);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn indexes_follow_the_model(ops in proptest::collection::vec(op(), 1..40)) {
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut store = Some(Store::open(dir.path()).map_err(|e| TestCaseError::fail(e.to_string()))?);
        let mut model = Model::default();
        for (i, slot) in model.fixed.iter_mut().enumerate() {
            let s = store.as_ref().ok_or_else(|| TestCaseError::fail("closed"))?;
            *slot = s
                .insert("t", Cluster::new(None, &format!("Cụm mẫu {i}"), "Vùng"))
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
        for op in &ops {
            apply(&mut store, dir.path(), &mut model, op)?;
            let s = store.as_ref().ok_or_else(|| TestCaseError::fail("closed"))?;
            check(s, &model)?;
        }
        // And once more from a cold start.
        store = None;
        let s = common::retry_locked(|| Store::open(dir.path())).map_err(|e| TestCaseError::fail(e.to_string()))?;
        check(&s, &model)?;
        prop_assert!(s.verify_audit().map_err(|e| TestCaseError::fail(e.to_string()))?.is_empty());
        prop_assert!(s.check_references().map_err(|e| TestCaseError::fail(e.to_string()))?.is_empty());
        drop(store);
    }
}
