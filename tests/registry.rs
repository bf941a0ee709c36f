//! The reference registry (issue 15, item 1): every provincial school before
//! the 1 July 2025 merger, the mergers that left 34, their date and source,
//! the honorific names; loaded alone, over the demo, or twice, it never
//! duplicates or overwrites. And history follows lineage (item 2): a
//! successor's lookup and history carry its predecessors' seats.

mod common;

use common::cli::ok_at as ok;

use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use thidua::domain::*;
use thidua::store::Store;
use thidua::text::fold;

fn lookup(db: &Path, query: &str) -> Vec<Value> {
    let mut args = vec!["lookup"];
    args.extend(query.split_whitespace());
    args.push("--json");
    let text = ok(db, &args);
    serde_json::from_str::<Value>(&text)
        .expect("JSON")
        .as_array()
        .expect("array")
        .clone()
}

fn details(v: &Value) -> Vec<String> {
    v["details"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|d| d.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

fn real_schools(store: &Store) -> Vec<(SchoolId, School)> {
    let mut v = store.all::<School>().expect("schools");
    v.retain(|(_, s)| !s.illustrative);
    v
}

fn by_province<'a>(schools: &'a [(SchoolId, School)], province: &str) -> &'a (SchoolId, School) {
    let f = fold(province);
    let found: Vec<_> = schools
        .iter()
        .filter(|(_, s)| fold(&s.province) == f)
        .collect();
    assert_eq!(found.len(), 1, "one school for {province}: {found:?}");
    found[0]
}

/// The 63 → 34 facts the issue lists, checked on a freshly loaded registry.
fn assert_registry(store: &Store) {
    let schools = real_schools(store);
    assert_eq!(schools.len(), 63, "one school per pre-merger province");
    let provinces: HashSet<String> = schools.iter().map(|(_, s)| fold(&s.province)).collect();
    assert_eq!(provinces.len(), 63, "no province twice");
    let active: Vec<&School> = schools
        .iter()
        .map(|(_, s)| s)
        .filter(|s| s.status() == SchoolStatus::Active)
        .collect();
    assert_eq!(active.len(), 34, "34 after the merger");
    let map: HashMap<SchoolId, School> = schools.iter().cloned().collect();
    let effective = Date::new(2025, 7, 1).expect("date");
    for (_, s) in &schools {
        let mergers: Vec<&LineageEvent> = s
            .lineage
            .iter()
            .filter(|e| e.kind == LineageKind::MergedInto)
            .collect();
        assert!(mergers.len() <= 1, "{}: one merger event at most", s.name);
        for e in mergers {
            assert_eq!(e.date, Some(effective), "{}", s.name);
            assert!(
                e.sources
                    .iter()
                    .any(|src| src.doc == "202/2025/QH15" && src.note.contains("12/6/2025")),
                "{}: the resolution is the source: {:?}",
                s.name,
                e.sources
            );
            let to = e.other.and_then(|o| map.get(&o)).expect("successor");
            assert_eq!(
                to.status(),
                SchoolStatus::Active,
                "{} → {}",
                s.name,
                to.name
            );
        }
    }
    // Facts from the issue, one by one.
    for (from, into) in [
        ("Hà Giang", "Tuyên Quang"),
        ("Hòa Bình", "Phú Thọ"),
        ("Hà Nam", "Ninh Bình"),
        ("Nam Định", "Ninh Bình"),
        ("Quảng Bình", "Quảng Trị"),
        ("Bà Rịa – Vũng Tàu", "Hồ Chí Minh"),
        ("Bình Dương", "Hồ Chí Minh"),
        ("Kiên Giang", "An Giang"),
        ("Bạc Liêu", "Cà Mau"),
        ("Hậu Giang", "Cần Thơ"),
    ] {
        let (_, s) = by_province(&schools, from);
        let (to_id, _) = by_province(&schools, into);
        assert!(
            matches!(s.status(), SchoolStatus::MergedInto(t, _) if t == *to_id),
            "{from} merged into {into}"
        );
    }
    for unchanged in ["Hà Nội", "Huế", "Cao Bằng", "Hà Tĩnh", "Lai Châu"] {
        assert_eq!(
            by_province(&schools, unchanged).1.status(),
            SchoolStatus::Active
        );
    }
    let (_, qb) = by_province(&schools, "Quảng Bình");
    assert!(
        qb.lineage
            .iter()
            .flat_map(|e| &e.sources)
            .any(|s| s.doc == "07-QĐ/TU" && s.note.contains("01/7/2025")),
        "Quảng Bình cites Decision 07-QĐ/TU: {:?}",
        qb.lineage
    );
    for (province, honorific) in [
        ("Cao Bằng", "Trường Chính trị Hoàng Đình Giong"),
        ("Quảng Trị", "Trường Chính trị Lê Duẩn"),
        ("Huế", "Trường Chính trị Nguyễn Chí Thanh"),
        ("Nam Định", "Trường Chính trị Trường Chinh"),
        ("Bạc Liêu", "Trường Chính trị Châu Văn Đặng"),
    ] {
        let (_, s) = by_province(&schools, province);
        assert!(
            s.honorifics.iter().any(|h| h == honorific),
            "{province}: {s:?}"
        );
    }
    // A school no source names honorifically has no honorific.
    assert!(by_province(&schools, "Kiên Giang").1.honorifics.is_empty());
    assert!(by_province(&schools, "Quảng Bình").1.honorifics.is_empty());
    assert!(
        schools
            .iter()
            .all(|(_, s)| s.all_names().all(|n| !fold(n).contains("gioong"))),
        "the misspelling is not stored"
    );
    assert_eq!(
        by_province(&schools, "Hồ Chí Minh").1.name,
        "Trường Cán bộ Thành phố Hồ Chí Minh"
    );
}

#[test]
fn the_registry_alone_has_63_schools_before_and_34_after_with_dated_sourced_mergers() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("db");
    let said = ok(&db, &["init", "--registry"]);
    assert!(said.contains("thêm 63 trường"), "{said}");
    let store = common::reopen(&db);
    assert_registry(&store);
    assert_eq!(
        by_province(&real_schools(&store), "Hà Nội").1.name,
        "Trường Đào tạo cán bộ Lê Hồng Phong"
    );
}

#[test]
fn loading_the_registry_twice_changes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("db");
    ok(&db, &["init", "--demo", "--registry"]);
    let (audit, schools) = {
        let store = common::reopen(&db);
        (
            store.audit_entries().expect("audit").len(),
            store.all::<School>().expect("schools"),
        )
    };
    let said = ok(&db, &["init", "--registry"]);
    assert!(said.contains("thêm 0 trường"), "{said}");
    let store = common::reopen(&db);
    assert_eq!(store.audit_entries().expect("audit").len(), audit);
    assert_eq!(store.all::<School>().expect("schools"), schools);
    // And straight through the library too.
    let outcome = thidua::registry::load(&store).expect("load");
    assert_eq!(outcome.schools_added + outcome.schools_completed, 0);
    assert_eq!(store.audit_entries().expect("audit").len(), audit);
}

#[test]
fn over_the_demo_no_school_or_merger_is_duplicated_and_ids_are_kept() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("db");
    ok(&db, &["init", "--demo"]);
    let before: HashMap<String, SchoolId> = {
        let store = common::reopen(&db);
        real_schools(&store)
            .into_iter()
            .map(|(id, s)| (s.name, id))
            .collect()
    };
    assert_eq!(before.len(), 21);
    let said = ok(&db, &["init", "--registry"]);
    // Kept as recorded, and said so.
    assert!(
        said.contains("Hà Nội: tên đã ghi «Trường Chính trị thành phố Hà Nội»"),
        "{said}"
    );
    let store = common::reopen(&db);
    assert_registry(&store);
    let after = real_schools(&store);
    for (name, id) in &before {
        let (_, s) = after
            .iter()
            .find(|(i, _)| i == id)
            .unwrap_or_else(|| panic!("{name} kept its id"));
        assert_eq!(&s.name, name, "not renamed");
    }
    // The same as both at once.
    let dir2 = tempfile::tempdir().expect("dir");
    let db2 = dir2.path().join("db");
    ok(&db2, &["init", "--demo", "--registry"]);
    let both = common::reopen(&db2);
    assert_registry(&both);
    let names = |v: Vec<(SchoolId, School)>| -> Vec<(String, Vec<String>, usize)> {
        let mut v: Vec<_> = v
            .into_iter()
            .map(|(_, s)| (s.name.clone(), s.honorifics.clone(), s.lineage.len()))
            .collect();
        v.sort();
        v
    };
    assert_eq!(names(real_schools(&both)), names(after));
}

#[test]
fn a_stored_fact_that_differs_is_reported_and_kept() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("db")).expect("open");
    // Hà Nam recorded, by someone, as merged into another school.
    let other = store
        .insert("test", School::new("Trường Chính trị X", "Tỉnh X"))
        .expect("insert");
    let mut ha_nam = School::new("Trường Chính trị tỉnh Hà Nam", "Hà Nam");
    ha_nam.lineage.push(LineageEvent {
        date: Date::new(2025, 7, 1).ok(),
        kind: LineageKind::MergedInto,
        other: Some(other),
        note: String::new(),
        sources: Vec::new(),
    });
    let id = store.insert("test", ha_nam.clone()).expect("insert");
    let outcome = thidua::registry::load(&store).expect("load");
    assert!(
        outcome.differences.iter().any(|d| matches!(
            d,
            thidua::registry::Difference::Successor { province, registry, .. }
                if province == "Hà Nam" && registry == "Trường Chính trị tỉnh Ninh Bình"
        )),
        "{:?}",
        outcome.differences
    );
    assert_eq!(store.get::<School>(id).expect("get"), Some(ha_nam));
    assert_eq!(
        outcome.schools_added, 62,
        "Hà Nam's school is the one recorded"
    );
}

#[test]
fn lookups_name_the_successor_and_accept_the_misspelling() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("db");
    ok(&db, &["init", "--demo", "--registry"]);
    let found = lookup(&db, "ba ria");
    assert_eq!(found[0]["title"], "Trường Chính trị tỉnh Bà Rịa – Vũng Tàu");
    assert!(
        details(&found[0])
            .contains(&"sáp nhập vào Trường Cán bộ Thành phố Hồ Chí Minh từ 01/07/2025".into()),
        "{found:#?}"
    );
    let found = lookup(&db, "kien giang");
    assert_eq!(found[0]["title"], "Trường Chính trị tỉnh Kiên Giang");
    assert!(
        details(&found[0])
            .iter()
            .any(|d| d.contains("sáp nhập vào Trường Chính trị tỉnh An Giang")),
        "{found:#?}"
    );
    let found = lookup(&db, "hoang dinh gioong");
    assert_eq!(
        found[0]["title"], "Trường Chính trị tỉnh Cao Bằng",
        "{found:#?}"
    );
    assert_eq!(
        lookup(&db, "hoang dinh giong")[0]["title"],
        found[0]["title"]
    );
}

#[test]
fn ninh_binh_carries_ha_nam_s_2021_term_as_inherited() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("db");
    ok(&db, &["init", "--demo"]);
    let found = lookup(&db, "ninh binh");
    let nb = found
        .iter()
        .find(|f| f["title"] == "Trường Chính trị tỉnh Ninh Bình")
        .expect("Ninh Bình");
    let d = details(nb);
    assert!(
        d.contains(&"kế thừa từ Trường Chính trị tỉnh Hà Nam: Cụm trưởng Cụm 4 năm 2021".into()),
        "{d:#?}"
    );
    // Its own seat is its own.
    assert!(d.contains(&"Cụm trưởng Cụm 4 năm 2022".into()), "{d:#?}");
    // Hà Nam, which has no predecessor, inherits nothing.
    let ha_nam = lookup(&db, "ha nam");
    assert!(
        !details(&ha_nam[0])
            .iter()
            .any(|l| l.starts_with("kế thừa từ"))
    );

    let history = ok(&db, &["history", "--cluster", "4"]);
    assert!(
        history.contains(
            "* Trường Chính trị tỉnh Ninh Bình kế thừa từ Trường Chính trị tỉnh Hà Nam: Cụm trưởng Cụm 4 năm 2021"
        ),
        "{history}"
    );
    let en = String::from_utf8(common::cli_en(&db, &["history", "--cluster", "4"]).stdout)
        .expect("UTF-8");
    assert!(
        en.contains(
            "Ninh Bình inherited from Trường Chính trị tỉnh Hà Nam: head of Cluster 4 in 2021"
        ),
        "{en}"
    );
}
