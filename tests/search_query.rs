//! Search that understands the question (issue 15, item 5): years, cluster
//! numbers and seats read in the query, whole words above partial ones, a
//! common misspelling accepted; and every query the CLI tests use still
//! finds what it found.

mod common;

use common::tui::Harness;
use crossterm::event::KeyCode;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use thidua::app::data::Data;
use thidua::domain::search::whole_phrase;
use thidua::store::Kind;
use thidua::text::fold;

const HA_NAM: &str = "Trường Chính trị tỉnh Hà Nam";
const CONF_2019: &str =
    "Hội nghị tổng kết phong trào thi đua năm 2019, phương hướng, nhiệm vụ năm 2020";
const CONF_2022: &str =
    "Hội nghị Tổng kết hoạt động thi đua năm 2022, phương hướng, nhiệm vụ năm 2023";

struct Db {
    _dir: tempfile::TempDir,
    db: PathBuf,
}

fn db(args: &[&str]) -> Db {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("db");
    let out = run(&db, &[&["init"], args].concat());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Db { _dir: dir, db }
}

fn run(db: &Path, args: &[&str]) -> std::process::Output {
    common::run_after_close(|| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_thidua"));
        cmd.arg("--db").arg(db).args(args).env_remove("THIDUA_DB");
        common::cli::output(&mut cmd)
    })
}

fn lookup(db: &Path, query: &str) -> Vec<Value> {
    let mut args = vec!["lookup"];
    args.extend(query.split_whitespace());
    args.push("--json");
    let out = run(db, &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Value>(&out.stdout)
        .expect("JSON")
        .as_array()
        .expect("array")
        .clone()
}

fn titles(found: &[Value]) -> Vec<String> {
    found
        .iter()
        .filter_map(|f| f["title"].as_str().map(String::from))
        .collect()
}

#[test]
fn a_cluster_and_a_year_find_that_conference_first() {
    let d = db(&["--demo"]);
    for q in ["cum 8 2019", "2019 cum 8", "cụm thi đua số 8 năm 2019"] {
        let found = lookup(&d.db, q);
        assert_eq!(found[0]["kind"], "meeting", "{q}: {found:#?}");
        assert_eq!(found[0]["title"], CONF_2019, "{q}");
    }
    // Another cluster's year is another conference.
    let found = lookup(&d.db, "cum 4 2022");
    assert_eq!(found[0]["kind"], "meeting");
    let first: Vec<String> = titles(&found).into_iter().take(2).collect();
    assert!(first.contains(&CONF_2022.to_string()), "{first:?}");
}

#[test]
fn the_head_of_a_cluster_in_a_year_is_answered() {
    let d = db(&["--demo"]);
    let found = lookup(&d.db, "cum truong 2021 cum 4");
    assert_eq!(found[0]["title"], HA_NAM, "{found:#?}");
    let found = lookup(&d.db, "cum truong cum 4 2023");
    assert_eq!(
        found[0]["title"], "Trường Chính trị tỉnh Hưng Yên",
        "{found:#?}"
    );
    // Deputies of 2023: Hải Phòng and Hà Nội, both first.
    let found = lookup(&d.db, "cum pho cum 4 2023");
    let first: Vec<String> = titles(&found).into_iter().take(2).collect();
    assert!(
        first.contains(&"Trường Chính trị thành phố Hải Phòng".to_string()),
        "{first:?}"
    );
}

#[test]
fn ha_nam_no_longer_brings_up_meetings_that_merely_contain_nam() {
    let d = db(&["--demo"]);
    let found = lookup(&d.db, "ha nam");
    assert_eq!(found[0]["title"], HA_NAM);
    let t = titles(&found);
    assert!(!t.contains(&CONF_2022.to_string()), "{t:#?}");
    for f in &found {
        let matched = f["matched"].as_str().unwrap_or_default();
        assert!(whole_phrase("ha nam", matched), "{matched:?} in {t:#?}");
    }
    // The meeting that elected Hà Nam is still found: it names Hà Nam.
    assert!(
        t.iter().any(|x| x.starts_with("Hội nghị tổng kết 5 năm")),
        "{t:#?}"
    );
}

#[test]
fn whole_words_are_told_from_partial_ones() {
    assert!(whole_phrase("ha nam", "truong chinh tri tinh ha nam"));
    assert!(whole_phrase("ha nam", "bau ha nam lam cum truong"));
    assert!(!whole_phrase("ha nam", "hai duong nam 2022"));
    assert!(!whole_phrase("ha nam", "cha nam"));
    assert!(!whole_phrase("ha na", "tinh ha nam"));
    assert!(!whole_phrase("h", "h"), "one letter is a start, not a word");
}

#[test]
fn the_misspelt_honorific_finds_cao_bang_in_lookup_and_palette() {
    let d = db(&["--registry"]);
    let found = lookup(&d.db, "hoang dinh gioong");
    assert_eq!(
        found[0]["title"], "Trường Chính trị tỉnh Cao Bằng",
        "{found:#?}"
    );
    let store = common::reopen(&d.db);
    let data = Data::load(&store).expect("data");
    let hits = data.names().search("Hoàng Đình Gioong", 5);
    let (kind, id) = hits.first().copied().expect("a hit");
    assert_eq!(kind, Kind::School);
    let school = data
        .schools
        .get(&thidua::domain::SchoolId(id))
        .expect("school");
    assert_eq!(fold(&school.province), "cao bang");
}

/// The palette's hits for a query, as titles.
fn palette(h: &mut Harness, query: &str) -> Vec<String> {
    h.key(KeyCode::Char(':')).type_text(query);
    let hits = h
        .app
        .palette()
        .expect("palette open")
        .hits
        .iter()
        .map(|x| x.title.clone())
        .collect();
    h.key(KeyCode::Esc);
    hits
}

#[test]
fn the_palette_reads_the_question_too() {
    let mut h = Harness::demo(100, 30);
    let hits = palette(&mut h, "cum truong 2021 cum 4");
    assert_eq!(hits[0], "Trường Chính trị tỉnh Hà Nam", "{hits:#?}");
    let hits = palette(&mut h, "cum 8 2019");
    assert!(hits[0].ends_with(CONF_2019), "{hits:#?}");
    // Whole words first: the meeting naming Hà Nam before those that only
    // hold `ha…` and `nam`.
    let hits = palette(&mut h, "ha nam");
    let at = |t: &str| hits.iter().position(|x| x.contains(t));
    let elected = at("Hội nghị tổng kết 5 năm").expect("the 2020 review");
    if let Some(partial) = at(CONF_2022) {
        assert!(elected < partial, "{hits:#?}");
    }
}

/// Every query the CLI tests look up, with a record it must still find.
#[test]
fn every_query_of_the_cli_tests_still_finds_what_it_found() {
    let d = db(&["--demo"]);
    let cases: [(&str, &str, &str); 18] = [
        (
            "ba ria vung tau",
            "school",
            "Trường Chính trị tỉnh Bà Rịa – Vũng Tàu",
        ),
        (
            "Bà Rịa-Vũng Tàu",
            "school",
            "Trường Chính trị tỉnh Bà Rịa – Vũng Tàu",
        ),
        ("tong ket phong trao thi dua nam 2019", "meeting", CONF_2019),
        ("binh duong", "school", "Trường Chính trị tỉnh Bình Dương"),
        ("ninh thuan", "school", "Trường Chính trị tỉnh Ninh Thuận"),
        ("ha nam", "school", HA_NAM),
        ("ninh binh", "school", "Trường Chính trị tỉnh Ninh Bình"),
        (
            "tong ket 5 nam",
            "meeting",
            "Hội nghị tổng kết 5 năm tổ chức và hoạt động (giai đoạn 2015–2020) và phong trào thi đua năm 2020",
        ),
        (
            "quy dinh 09",
            "meeting",
            "Hội thảo: Kết quả và những kinh nghiệm trong triển khai thực hiện Quy định số 09",
        ),
        ("to hieu", "school", "Trường Chính trị thành phố Hải Phòng"),
        (
            "le hong phong",
            "school",
            "Trường Chính trị thành phố Hà Nội",
        ),
        (
            "nguyen van linh",
            "school",
            "Trường Chính trị tỉnh Hưng Yên",
        ),
        ("tong ket hoat dong thi dua nam 2022", "meeting", CONF_2022),
        (
            "dien bien",
            "meeting",
            "Hội nghị tổng kết cụm thi đua các Trường Chính trị khu vực miền núi biên giới phía Bắc năm 2023",
        ),
        ("quang ninh", "school", "Trường Chính trị tỉnh Quảng Ninh"),
        ("ha giang", "school", "Trường Chính trị tỉnh Hà Giang"),
        ("hai duong", "school", "Trường Chính trị tỉnh Hải Dương"),
        ("ngo thi lien", "person", ""),
    ];
    for (q, kind, title) in cases {
        let found = lookup(&d.db, q);
        assert!(
            found
                .iter()
                .any(|f| f["kind"] == kind && (title.is_empty() || f["title"] == title)),
            "`{q}` no longer finds {kind} {title:?}: {:#?}",
            titles(&found)
        );
    }
    assert!(!lookup(&d.db, "minh hoa").is_empty());
    assert!(lookup(&d.db, "xyzzy").is_empty());
}
