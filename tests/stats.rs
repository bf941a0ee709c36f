//! History at a glance (issue 15, item 4): `thidua stats` for a school
//! carries its predecessors' terms marked inherited (Hà Nam merged into
//! Ninh Bình on 1/7/2025 in the demo), for a cluster counts each member's
//! years as head; the detail shows the same, and the rank and total come
//! from the year's score sheet.

mod common;

use common::cli::{ok_at as ok, run_at};

use common::tui::Harness;
use crossterm::event::KeyCode;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tempfile::TempDir;
use thidua::domain::scoring::rank;
use thidua::domain::stats::{Records, school_stats};
use thidua::domain::*;
use thidua::store::Store;

fn json(db: &Path, args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.push("--json");
    let text = ok(db, &args);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

fn demo_db() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db");
    ok(&db, &["init", "--demo"]);
    (dir, db)
}

#[test]
fn ninh_binhs_stats_show_ha_nams_2021_term_as_inherited() {
    let (_dir, db) = demo_db();
    let text = ok(&db, &["stats", "--school", "ninh binh"]);
    assert!(
        text.starts_with("Trường Chính trị tỉnh Ninh Bình"),
        "{text}"
    );
    let row = common::line_with(&text, "2021").unwrap_or_else(|| panic!("no 2021: {text}"));
    assert!(row.contains("Hà Nam (kế thừa)"), "{row}");
    assert!(row.contains("Cụm trưởng Cụm 4"), "{row}");
    let own = common::line_with(&text, "2022").expect("2022");
    assert!(
        !own.contains("kế thừa") && own.contains("Ninh Bình"),
        "{own}"
    );

    let v = json(&db, &["stats", "--school", "ninh binh"]);
    assert_eq!(v["school"]["short_name"], "Ninh Bình");
    let years = v["years"].as_array().expect("years");
    let y2021 = years
        .iter()
        .find(|y| y["year"] == 2021)
        .expect("2021 is there");
    assert_eq!(y2021["inherited"], true);
    assert_eq!(y2021["school"]["short_name"], "Hà Nam");
    assert_eq!(y2021["head"], serde_json::json!(["Cụm 4"]));
    let y2022 = years.iter().find(|y| y["year"] == 2022).expect("2022");
    assert_eq!(y2022["inherited"], false);
    assert_eq!(v["head_years"]["own"], 1);
    assert_eq!(v["head_years"]["inherited"], 1);

    // Hà Nam itself has the term as its own, nothing inherited.
    let h = json(&db, &["stats", "--school", "ha nam"]);
    assert_eq!(h["head_years"]["own"], 1);
    assert_eq!(h["head_years"]["inherited"], 0);
    // An unknown school is refused with a message, not a panic.
    let none = run_at(&db, &["stats", "--school", "khong co truong nay"]);
    assert!(!none.status.success());
    assert!(String::from_utf8_lossy(&none.stderr).contains("Không tìm thấy trường"));
}

#[test]
fn ninh_binhs_detail_marks_ha_nams_term_inherited_in_the_glance() {
    let mut h = Harness::demo(100, 40);
    h.key(KeyCode::Char(':'))
        .type_text("truong chinh tri tinh ninh binh")
        .key(KeyCode::Enter);
    let screen = h.screen();
    assert!(screen.contains("Lịch sử trong một cái nhìn"), "{screen}");
    assert!(screen.contains("Cụm trưởng: 1 (+1 kế thừa)"), "{screen}");
    // The chart's years and, under 2021, Hà Nam's term marked inherited.
    let years = common::line_with(&screen, "2021 ").expect("years row");
    let marks_row = screen
        .lines()
        .skip_while(|l| !std::ptr::eq(*l, years))
        .nth(1)
        .expect("marks row");
    // By character, not byte: the frame's lines are three bytes each.
    let col = |needle: &str| years[..years.find(needle).expect("year")].chars().count();
    let under = |c: usize| marks_row.chars().skip(c).take(2).collect::<String>();
    assert_eq!(under(col("2021")), "~T", "{screen}");
    assert_eq!(under(col("2022")), "T*", "{screen}");
}

#[test]
fn cluster_stats_count_each_members_years_as_head() {
    let (_dir, db) = demo_db();
    let v = json(&db, &["stats", "--cluster", "4"]);
    let text = ok(&db, &["stats", "--cluster", "4"]);
    assert!(text.contains("Gợi ý Cụm trưởng năm 2024"), "{text}");
    let store = Store::open(&db).expect("open");
    let c4 = common::cluster_id(&store, 4);
    let terms = store.terms_of_cluster(c4).expect("terms");
    let schools = store.map::<School>().expect("schools");
    let mut want: HashMap<String, u64> = HashMap::new();
    for (_, t) in &terms {
        if let Some(head) = t.head {
            *want.entry(schools[&head].short_name()).or_default() += 1;
        }
    }
    assert_eq!(want.len(), 3, "the demo's Cụm 4 has three heads");
    let counts = v["counts"].as_array().expect("counts");
    for (name, n) in &want {
        let row = counts
            .iter()
            .find(|c| c["school"]["short_name"] == name.as_str())
            .unwrap_or_else(|| panic!("{name} not counted: {v:#}"));
        assert_eq!(row["head"].as_u64(), Some(*n), "{name}");
    }
    let total: u64 = counts.iter().map(|c| c["head"].as_u64().unwrap_or(0)).sum();
    assert_eq!(
        total,
        terms.iter().filter(|(_, t)| t.head.is_some()).count() as u64
    );
    let heads: Vec<(u64, &str)> = v["heads"]
        .as_array()
        .expect("heads")
        .iter()
        .map(|h| {
            (
                h["year"].as_u64().expect("year"),
                h["school"]["short_name"].as_str().unwrap_or("—"),
            )
        })
        .collect();
    assert_eq!(
        heads,
        vec![
            (2021, "Hà Nam"),
            (2022, "Ninh Bình"),
            (2023, "Nguyễn Văn Linh Hưng Yên")
        ]
    );
    // The next candidates: never the last head, the never-heads first.
    assert_eq!(v["next_year"], 2024);
    let next = v["next"].as_array().expect("next");
    assert!(!next.is_empty());
    assert!(
        next.iter()
            .all(|c| c["school"]["short_name"] != "Nguyễn Văn Linh Hưng Yên")
    );
    assert!(next[0]["last_head"].is_null(), "{next:?}");
}

#[test]
fn a_schools_rank_and_total_come_from_the_years_sheet() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("db")).expect("open");
    thidua::demo::load(&store).expect("demo");
    let (_, sheet) = common::practice_sheet(&store);
    let tables = store.map::<CriteriaTable>().expect("tables");
    let ranked = rank(&sheet, &tables[&sheet.table]);
    let schools = store.map::<School>().expect("schools");
    let terms = store.map::<Term>().expect("terms");
    let awards = store.map::<Award>().expect("awards");
    let sheets = store.map::<ScoreSheet>().expect("sheets");
    let records = Records {
        schools: &schools,
        terms: &terms,
        awards: &awards,
        sheets: &sheets,
        tables: &tables,
    };
    for r in &ranked {
        let stats = school_stats(&records, r.totals.school);
        let year = stats
            .years
            .iter()
            .find(|y| y.year == sheet.year)
            .expect("the sheet's year");
        let s = year.standing.expect("ranked");
        assert_eq!(
            (s.rank, s.total, s.of),
            (r.rank, r.totals.total, ranked.len())
        );
        assert!(!s.locked, "the practice sheet is open");
    }
}
