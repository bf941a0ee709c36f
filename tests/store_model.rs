//! Index entries stay consistent through create, update and delete: random
//! operation sequences run against the store and against a plain in-memory
//! model, with the database closed and reopened in the middle. After every
//! step the index-backed queries must answer exactly what the model says.

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
const CLUSTERS: [ClusterId; 2] = [ClusterId(1_000_001), ClusterId(1_000_002)];
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
        3 => (0..CLUSTERS.len(), 0..YEARS.len(), proptest::option::of(slot.clone()), proptest::collection::vec(slot.clone(), 0..3))
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

/// A school id that may be dangling (deleted schools are still referenced by
/// terms in real data too); ids that never existed are made up from the slot.
fn school_ref(m: &Model, slot: usize) -> SchoolId {
    pick(&m.schools, slot).unwrap_or(SchoolId(900_000 + slot as u64))
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
            let id = s.insert("t", school.clone()).map_err(fail)?;
            m.schools.insert(id, school);
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
            if let Some(id) = pick(&m.schools, *slot) {
                let old = s.delete::<School>("t", id).map_err(fail)?;
                prop_assert_eq!(Some(old), m.schools.remove(&id));
            }
        }
        Op::InsertTerm {
            cluster,
            year,
            head,
            deputies,
        } => {
            let mut t = Term::new(CLUSTERS[*cluster], YEARS[*year]);
            t.head = head.map(|h| school_ref(m, h));
            t.deputies = deputies.iter().map(|d| school_ref(m, *d)).collect();
            let taken = m
                .terms
                .values()
                .any(|o| o.cluster == t.cluster && o.year == t.year);
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
            let id = s.insert("t", c.clone()).map_err(fail)?;
            m.clusters.insert(id, c);
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
                s.update("t", id, c.clone()).map_err(fail)?;
                m.clusters.insert(id, c);
            }
        }
        Op::InsertAward { recipient, year } => {
            let a = Award {
                kind: AwardKind::AcademyFlag,
                recipient: school_ref(m, *recipient),
                year: YEARS[*year],
                cluster: Some(CLUSTERS[0]),
                status: AwardStatus::Proposed,
                proposed_at: None,
                decision: None,
                illustrative: false,
                sources: Vec::new(),
            };
            let id = s.insert("t", a.clone()).map_err(fail)?;
            m.awards.insert(id, a);
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

    for c in CLUSTERS {
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
        drop(store);
    }
}
