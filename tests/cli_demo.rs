//! `thidua history` and `thidua lookup` on the demo data answer with the facts
//! of the five source articles (`shared/seeds/00*.txt`), with accent-free
//! queries too. Each test makes its own fresh database (sled allows one
//! process at a time), loads the demo into it, and runs the real binary.

mod common;

use common::cli::run_at;

use serde_json::Value;
use std::path::PathBuf;
use std::process::Output;
use tempfile::TempDir;

// ------------------------------------------------------------------ helpers

/// A fresh database with the demo data loaded.
struct Demo {
    _dir: TempDir,
    db: PathBuf,
}

impl Demo {
    fn new() -> Demo {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("db");
        let out = run_at(&db, &["init", "--demo"]);
        assert!(
            out.status.success(),
            "init --demo failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Demo { _dir: dir, db }
    }

    /// Runs `thidua --db DIR ARGS…`.
    fn run(&self, args: &[&str]) -> Output {
        run_at(&self.db, args)
    }

    /// Runs a command that must succeed and returns its stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "`thidua {}` failed ({:?}): {}",
            args.join(" "),
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("stdout is UTF-8")
    }

    /// Runs a command with `--json` and parses its stdout.
    fn json(&self, args: &[&str]) -> Value {
        let mut args = args.to_vec();
        args.push("--json");
        let text = self.ok(&args);
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
    }

    /// `history --cluster FILTER --json`: the one cluster it must match.
    fn cluster(&self, filter: &str) -> Value {
        let v = self.json(&["history", "--cluster", filter]);
        let list = v.as_array().expect("history JSON is an array");
        assert_eq!(
            list.len(),
            1,
            "`--cluster {filter}` should match one cluster: {v:#}"
        );
        list[0].clone()
    }

    /// `lookup WORDS… --json`: the results.
    fn lookup(&self, query: &str) -> Vec<Value> {
        let mut args = vec!["lookup"];
        args.extend(query.split_whitespace());
        self.json(&args)
            .as_array()
            .expect("lookup JSON is an array")
            .clone()
    }
}

/// The row of a year in a cluster report.
fn year(cluster: &Value, y: u64) -> &Value {
    cluster["years"]
        .as_array()
        .expect("years")
        .iter()
        .find(|r| r["year"] == y)
        .unwrap_or_else(|| panic!("no year {y} in {cluster:#}"))
}

/// The years a cluster report lists.
fn years(cluster: &Value) -> Vec<u64> {
    cluster["years"]
        .as_array()
        .expect("years")
        .iter()
        .map(|r| r["year"].as_u64().expect("year"))
        .collect()
}

/// The official name of a school reference (`null` gives `None`).
fn name(school: &Value) -> Option<&str> {
    school["name"].as_str()
}

/// The official names of a list of school references.
fn names(list: &Value) -> Vec<&str> {
    list.as_array()
        .expect("a list of schools")
        .iter()
        .map(|s| s["name"].as_str().expect("name"))
        .collect()
}

/// (school name, status) of a list of awards.
fn awards(list: &Value) -> Vec<(&str, &str)> {
    list.as_array()
        .expect("a list of awards")
        .iter()
        .map(|a| {
            (
                a["school"]["name"].as_str().expect("name"),
                a["status"].as_str().expect("status"),
            )
        })
        .collect()
}

/// The first result of a kind whose title is exactly `title`.
fn hit<'a>(results: &'a [Value], kind: &str, title: &str) -> &'a Value {
    results
        .iter()
        .find(|r| r["kind"] == kind && r["title"] == title)
        .unwrap_or_else(|| panic!("no {kind} `{title}` among {results:#?}"))
}

/// The detail lines of a result.
fn details(found: &Value) -> Vec<&str> {
    found["details"]
        .as_array()
        .expect("details")
        .iter()
        .map(|d| d.as_str().expect("detail"))
        .collect()
}

fn assert_detail(found: &Value, line: &str) {
    let d = details(found);
    assert!(
        d.contains(&line),
        "`{line}` missing from the details of {}: {d:#?}",
        found["title"]
    );
}

const BRVT: &str = "Trường Chính trị tỉnh Bà Rịa – Vũng Tàu";
const BINH_THUAN: &str = "Trường Chính trị tỉnh Bình Thuận";
const NINH_THUAN: &str = "Trường Chính trị tỉnh Ninh Thuận";
const BINH_DUONG: &str = "Trường Chính trị tỉnh Bình Dương";
const HA_NAM: &str = "Trường Chính trị tỉnh Hà Nam";
const NINH_BINH: &str = "Trường Chính trị tỉnh Ninh Bình";
const HUNG_YEN: &str = "Trường Chính trị tỉnh Hưng Yên";
const HAI_DUONG: &str = "Trường Chính trị tỉnh Hải Dương";
const HAI_PHONG: &str = "Trường Chính trị thành phố Hải Phòng";
const HA_NOI: &str = "Trường Chính trị thành phố Hà Nội";
const QUANG_NINH: &str = "Trường Chính trị tỉnh Quảng Ninh";
const HA_GIANG: &str = "Trường Chính trị tỉnh Hà Giang";
const LANG_SON: &str = "Trường Chính trị tỉnh Lạng Sơn";
const NORTHERN: &str = "Cụm thi đua các Trường Chính trị khu vực miền núi biên giới phía Bắc";
const MERGED_2025: &str = "từ 01/07/2025";

// ------------------------------------------- article 003: Cụm 8, year 2019

#[test]
fn a003_history_cluster_8_heads_deputies_and_proposals() {
    let demo = Demo::new();
    let c = demo.cluster("8");
    assert_eq!(c["number"], 8);
    assert_eq!(
        c["name"],
        "Cụm thi đua số 8 các Trường Chính trị miền Đông Nam Bộ"
    );
    assert_eq!(c["illustrative"], false);
    assert_eq!(years(&c), [2019, 2020]);

    let y2019 = year(&c, 2019);
    assert_eq!(name(&y2019["head"]), Some(BRVT));
    // The article names no deputies for 2019.
    assert_eq!(names(&y2019["deputies"]), Vec::<&str>::new());
    assert_eq!(awards(&y2019["flag"]), [(BRVT, "proposed")]);
    assert_eq!(awards(&y2019["certificates"]), [(NINH_THUAN, "proposed")]);

    let y2020 = year(&c, 2020);
    assert_eq!(name(&y2020["head"]), Some(NINH_THUAN));
    assert_eq!(names(&y2020["deputies"]), [BINH_THUAN, BINH_DUONG]);
    assert_eq!(awards(&y2020["flag"]), []);
    assert_eq!(awards(&y2020["certificates"]), []);

    // None of these schools merged in 2025: nothing starred; the only note is
    // that the 2020 leadership was nominated ("giới thiệu").
    assert_eq!(
        c["notes"],
        Value::Array(vec![Value::from(
            "2020: Hội nghị thống nhất giới thiệu đơn vị Cụm trưởng, Cụm phó năm 2020."
        )])
    );
    assert!(y2019["head"]["now"].is_null());
}

#[test]
fn a003_lookup_ba_ria_vung_tau_finds_school_and_conference() {
    let demo = Demo::new();
    let found = demo.lookup("ba ria vung tau");
    let school = hit(&found, "school", BRVT);
    assert_detail(school, "Cụm trưởng Cụm 8 năm 2019");
    assert_detail(school, "thành viên Cụm 8 (2019)");
    assert_detail(school, "Cờ thi đua của Học viện 2019 (đề nghị)");

    // The conference of 22/11/2019, by its own words.
    let found = demo.lookup("tong ket phong trao thi dua nam 2019");
    let m = hit(
        &found,
        "meeting",
        "Hội nghị tổng kết phong trào thi đua năm 2019, phương hướng, nhiệm vụ năm 2020",
    );
    assert_eq!(
        found[0]["id"], m["id"],
        "the 2019 conference should rank first"
    );
    let d = details(m);
    assert_eq!(d[0], "22/11/2019 · Hội nghị tổng kết · Cụm 8");
    assert!(d.contains(&BRVT), "held at Bà Rịa – Vũng Tàu: {d:?}");

    // The article's own spelling (hyphen, no spaces) finds the same school.
    let article_form = demo.lookup("Bà Rịa-Vũng Tàu");
    assert_eq!(article_form[0]["title"], BRVT);
}

#[test]
fn a003_lookup_members_and_chairs() {
    let demo = Demo::new();
    for province in [
        "ba ria vung tau",
        "binh thuan",
        "ninh thuan",
        "binh phuoc",
        "binh duong",
        "dong nai",
        "tay ninh",
    ] {
        let found = demo.lookup(province);
        let school = found
            .iter()
            .find(|r| r["kind"] == "school")
            .unwrap_or_else(|| panic!("no school for `{province}`"));
        assert_detail(school, "thành viên Cụm 8 (2019)");
    }
    let ninh_thuan = demo.lookup("ninh thuan");
    let s = hit(&ninh_thuan, "school", NINH_THUAN);
    assert_detail(s, "Cụm trưởng Cụm 8 năm 2020");
    assert_detail(s, "Bằng khen của Học viện 2019 (đề nghị)");
    let binh_duong = demo.lookup("binh duong");
    assert_detail(
        hit(&binh_duong, "school", BINH_DUONG),
        "Cụm phó Cụm 8 năm 2020",
    );

    for (person, school) in [
        ("ngo thi lien", BRVT),
        ("truong tien hung", NINH_THUAN),
        ("nguyen thi thuan bich", BINH_THUAN),
    ] {
        let found = demo.lookup(person);
        let p = found
            .iter()
            .find(|r| r["kind"] == "person")
            .unwrap_or_else(|| panic!("no person for `{person}`"));
        assert_detail(p, school);
    }
}

// ------------------------------------------- article 001: Cụm 4, year 2020

#[test]
fn a001_lookup_ha_nam_head_of_cluster_4_in_2021_and_merged_since() {
    let demo = Demo::new();
    let found = demo.lookup("ha nam");
    let school = hit(&found, "school", HA_NAM);
    assert_detail(school, "Cụm trưởng Cụm 4 năm 2021");
    assert_detail(
        school,
        "sáp nhập vào Trường Chính trị tỉnh Ninh Bình từ 01/07/2025",
    );
    // And Ninh Bình's record says who merged into it.
    let found = demo.lookup("ninh binh");
    assert_detail(
        hit(&found, "school", NINH_BINH),
        "Trường Chính trị tỉnh Hà Nam sáp nhập vào Trường Chính trị tỉnh Ninh Bình từ 01/07/2025",
    );
}

#[test]
fn a001_history_cluster_4_head_2021_is_ha_nam_and_nothing_is_invented() {
    let demo = Demo::new();
    let c = demo.cluster("4");
    assert_eq!(c["number"], 4);
    // The article names no head for 2020, so there is no 2020 row.
    assert_eq!(years(&c)[0], 2021, "{c:#}");

    let y2021 = year(&c, 2021);
    assert_eq!(name(&y2021["head"]), Some(HA_NAM));
    let now = y2021["head"]["now"]
        .as_str()
        .expect("Hà Nam has a `now` note");
    assert!(
        now.contains(NINH_BINH) && now.contains(MERGED_2025),
        "{now}"
    );
    // Deputies for 2021 were elected but not named: they stay blank.
    assert_eq!(names(&y2021["deputies"]), Vec::<&str>::new());
    assert!(y2021["flag_holder"].is_null());
    assert_eq!(awards(&y2021["flag"]), []);
    assert_eq!(awards(&y2021["certificates"]), []);

    let notes: Vec<&str> = c["notes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        notes.contains(&"* Trường Chính trị tỉnh Hà Nam: sáp nhập vào Trường Chính trị tỉnh Ninh Bình từ 01/07/2025"),
        "{notes:#?}"
    );
}

#[test]
fn a001_five_year_review_and_earlier_workshop() {
    let demo = Demo::new();
    let found = demo.lookup("tong ket 5 nam");
    let m = hit(
        &found,
        "meeting",
        "Hội nghị tổng kết 5 năm tổ chức và hoạt động (giai đoạn 2015–2020) và phong trào thi đua năm 2020",
    );
    let d = details(m);
    assert_eq!(d[0], "23/11/2020 · Hội nghị tổng kết 5 năm · Cụm 4");
    // "tại Trường Chính trị tỉnh" names no province: no host is made up.
    assert!(
        !d.iter().any(|l| l.starts_with("Trường Chính trị")),
        "the host is not in the article: {d:?}"
    );

    // The workshop on Quy định 09: its date is unknown; 13/11/2018 is the
    // regulation's date, not the workshop's.
    let found = demo.lookup("quy dinh 09");
    let w = hit(
        &found,
        "meeting",
        "Hội thảo: Kết quả và những kinh nghiệm trong triển khai thực hiện Quy định số 09",
    );
    let d = details(w);
    assert!(d[0].starts_with("? · "), "{d:?}");
    assert!(
        d.iter()
            .any(|l| l.contains("Quy định số 09 ngày 13/11/2018")),
        "{d:?}"
    );
}

// ------------------------------------ article 000: Đồng bằng sông Hồng, 2022

#[test]
fn a000_history_2022_proposals_and_2023_leadership() {
    let demo = Demo::new();
    let c = demo.cluster("4");

    let y2022 = year(&c, 2022);
    assert_eq!(name(&y2022["head"]), Some(NINH_BINH));
    assert_eq!(names(&y2022["deputies"]), Vec::<&str>::new());
    assert_eq!(awards(&y2022["flag"]), [(NINH_BINH, "proposed")]);
    assert_eq!(
        awards(&y2022["certificates"]),
        [(HUNG_YEN, "proposed"), (HAI_DUONG, "proposed")]
    );
    let certs = y2022["certificates"].as_array().unwrap();
    assert_eq!(certs[0]["school"]["short_name"], "Nguyễn Văn Linh Hưng Yên");
    let hd_now = certs[1]["school"]["now"]
        .as_str()
        .expect("Hải Dương merged");
    assert!(
        hd_now.contains(HAI_PHONG) && hd_now.contains(MERGED_2025),
        "{hd_now}"
    );
    assert_eq!(name(&y2022["flag_holder"]), Some(NINH_BINH));

    let y2023 = year(&c, 2023);
    assert_eq!(name(&y2023["head"]), Some(HUNG_YEN));
    assert_eq!(names(&y2023["deputies"]), [HAI_PHONG, HA_NOI]);
    let short: Vec<&str> = y2023["deputies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["short_name"].as_str().unwrap())
        .collect();
    assert_eq!(short, ["Tô Hiệu Hải Phòng", "Lê Hồng Phong Hà Nội"]);
    // The rotating flag went from Ninh Bình to the 2023 head.
    assert_eq!(name(&y2023["flag_holder"]), Some(HUNG_YEN));
    assert_eq!(awards(&y2023["flag"]), []);
    assert_eq!(years(&c), [2021, 2022, 2023]);
}

#[test]
fn a000_lookup_by_honorific_names() {
    let demo = Demo::new();
    let found = demo.lookup("to hieu");
    assert_eq!(found[0]["title"], HAI_PHONG);
    let s = hit(&found, "school", HAI_PHONG);
    assert_detail(s, "Trường Chính trị Tô Hiệu");
    assert_detail(s, "Cụm phó Cụm 4 năm 2023");
    assert_detail(
        s,
        "Trường Chính trị tỉnh Hải Dương sáp nhập vào Trường Chính trị thành phố Hải Phòng từ 01/07/2025",
    );

    let found = demo.lookup("le hong phong");
    let s = hit(&found, "school", HA_NOI);
    assert_detail(s, "Trường Chính trị Lê Hồng Phong");
    assert_detail(s, "Cụm phó Cụm 4 năm 2023");

    let found = demo.lookup("nguyen van linh");
    let s = hit(&found, "school", HUNG_YEN);
    assert_detail(s, "Cụm trưởng Cụm 4 năm 2023");
    assert_detail(s, "Bằng khen của Học viện 2022 (đề nghị)");
    assert_detail(s, "thành viên Cụm 4 (2022)");
}

#[test]
fn a000_lookup_people_and_seminar() {
    let demo = Demo::new();
    for (query, person, detail) in [
        (
            "nguyen van vien",
            "Nguyễn Văn Viên",
            "Vụ Các trường chính trị, Học viện",
        ),
        (
            "ngo thi hai anh",
            "Ngô Thị Hải Anh",
            "Vụ Tổ chức, cán bộ, Học viện",
        ),
        ("luu van hien", "Lưu Văn Hiền", NINH_BINH),
        ("do minh tri", "Đỗ Minh Trí", HUNG_YEN),
    ] {
        let found = demo.lookup(query);
        assert_detail(hit(&found, "person", person), detail);
    }

    const SEMINAR: &str = "Tọa đàm khoa học cấp Cụm năm 2022";
    for query in ["truong chinh tri chuan", "11-QĐ/TW", "11-QD/TW"] {
        let found = demo.lookup(query);
        let m = hit(&found, "meeting", SEMINAR);
        let d = details(m);
        assert_eq!(
            d[0], "11/11/2022 · Tọa đàm / hội thảo khoa học · Cụm 4",
            "{query}"
        );
        assert!(d.contains(&NINH_BINH), "{query}: {d:?}");
        assert!(
            d.iter()
                .any(|l| l.contains("xây dựng trường chính trị chuẩn theo Quy định số 11-QĐ/TW")),
            "{query}: {d:?}"
        );
    }

    let found = demo.lookup("tong ket hoat dong thi dua nam 2022");
    let m = hit(
        &found,
        "meeting",
        "Hội nghị Tổng kết hoạt động thi đua năm 2022, phương hướng, nhiệm vụ năm 2023",
    );
    let d = details(m);
    assert_eq!(d[0], "11/11/2022 · Hội nghị tổng kết · Cụm 4");
    assert!(d.contains(&NINH_BINH), "{d:?}");
}

// ------------------------- article 002: northern mountainous border cluster

#[test]
fn a002_history_northern_cluster_by_accent_free_name() {
    let demo = Demo::new();
    let c = demo.cluster("mien nui");
    assert_eq!(c["name"], NORTHERN);
    // The article gives the cluster no number.
    assert!(c["number"].is_null());
    assert_eq!(years(&c), [2024]);

    let y2024 = year(&c, 2024);
    assert_eq!(name(&y2024["head"]), Some(QUANG_NINH));
    assert!(y2024["head"]["now"].is_null());
    assert_eq!(names(&y2024["deputies"]), [HA_GIANG, LANG_SON]);
    let hg_now = y2024["deputies"][0]["now"]
        .as_str()
        .expect("Hà Giang merged");
    assert!(
        hg_now.contains("Trường Chính trị tỉnh Tuyên Quang") && hg_now.contains(MERGED_2025),
        "{hg_now}"
    );
    assert!(
        y2024["deputies"][1]["now"].is_null(),
        "Lạng Sơn did not merge"
    );
    // Proposals were voted on but the article names no school: none invented.
    assert_eq!(awards(&y2024["flag"]), []);
    assert_eq!(awards(&y2024["certificates"]), []);
    assert!(y2024["flag_holder"].is_null());

    // The accented filter gives the very same answer.
    assert_eq!(demo.cluster("Miền núi"), c);
    assert_eq!(demo.cluster("BIEN GIOI PHIA BAC"), c);
}

#[test]
fn a002_lookup_dien_bien_conference_and_elected_schools() {
    let demo = Demo::new();
    let found = demo.lookup("dien bien");
    let m = hit(
        &found,
        "meeting",
        "Hội nghị tổng kết cụm thi đua các Trường Chính trị khu vực miền núi biên giới phía Bắc năm 2023",
    );
    let d = details(m);
    assert_eq!(d[0], format!("23/11/2023 · Hội nghị tổng kết · {NORTHERN}"));
    // "Trường Chính trị tỉnh tổ chức": a place, no named host school.
    assert_eq!(d[1], "Điện Biên");

    let found = demo.lookup("quang ninh");
    assert_detail(
        hit(&found, "school", QUANG_NINH),
        &format!("Cụm trưởng {NORTHERN} năm 2024"),
    );
    let found = demo.lookup("ha giang");
    let s = hit(&found, "school", HA_GIANG);
    assert_detail(s, &format!("Cụm phó {NORTHERN} năm 2024"));
    assert_detail(
        s,
        "sáp nhập vào Trường Chính trị tỉnh Tuyên Quang từ 01/07/2025",
    );
}

// ------------------------- article 004: Hoàng Văn Thụ school, 10/02/2023

#[test]
fn a004_lookup_hoang_van_thu_finds_lang_son_school() {
    let demo = Demo::new();
    for query in ["hoang van thu", "Hoàng Văn Thụ", "HOANG VAN THU"] {
        let found = demo.lookup(query);
        assert_eq!(found[0]["title"], LANG_SON, "{query}");
        let s = hit(&found, "school", LANG_SON);
        assert_detail(s, "Trường Chính trị Hoàng Văn Thụ");
        assert_detail(s, &format!("Cụm phó {NORTHERN} năm 2024"));
    }
}

#[test]
fn a004_lookup_coordination_conference_with_its_date() {
    let demo = Demo::new();
    const TITLE: &str = "Hội nghị công tác phối hợp đào tạo, bồi dưỡng với Trung tâm Chính trị các huyện, thành phố và tương đương";
    for query in ["phoi hop dao tao", "trung tam chinh tri"] {
        let found = demo.lookup(query);
        let m = hit(&found, "meeting", TITLE);
        let d = details(m);
        // Its date, and no cluster: it is the school's own conference.
        assert_eq!(d[0], "10/02/2023 · Hội nghị phối hợp", "{query}");
        assert!(
            d.contains(&format!("{LANG_SON} · Thành phố Lạng Sơn").as_str()),
            "{query}: {d:?}"
        );
    }
}

// ------------------------------------------------------ search and filters

#[test]
fn accent_free_and_accented_queries_agree() {
    let demo = Demo::new();
    for group in [
        ["Hải Dương", "hai duong", "HAI DUONG", "Hai Duong"],
        ["Hà Nam", "ha nam", "HA NAM", "hà nam"],
        ["Tô Hiệu", "to hieu", "TO HIEU", "Tô hiệu"],
    ] {
        let first = demo.lookup(group[0]);
        assert!(!first.is_empty(), "`{}` found nothing", group[0]);
        assert_eq!(first[0]["kind"], "school");
        for q in &group[1..] {
            assert_eq!(demo.lookup(q), first, "`{q}` differs from `{}`", group[0]);
        }
    }
    let hd = demo.lookup("hai duong");
    let s = hit(&hd, "school", HAI_DUONG);
    assert_detail(
        s,
        "sáp nhập vào Trường Chính trị thành phố Hải Phòng từ 01/07/2025",
    );
    assert_detail(s, "Bằng khen của Học viện 2022 (đề nghị)");

    // Decomposed input (combining marks) is the same query too.
    let nfd = "Ha\u{0300} Nam";
    assert_eq!(demo.lookup(nfd), demo.lookup("ha nam"));

    // Text output agrees as well.
    assert_eq!(
        demo.ok(&["lookup", "Hải", "Dương"]),
        demo.ok(&["lookup", "hai", "duong"])
    );
}

#[test]
fn lookup_without_a_match_says_so() {
    let demo = Demo::new();
    assert_eq!(demo.lookup("xyzzy"), Vec::<Value>::new());
    let text = demo.ok(&["lookup", "xyzzy"]);
    assert_eq!(text.trim(), "Không tìm thấy kết quả");
}

#[test]
fn unknown_cluster_fails_with_a_message_on_stderr() {
    let demo = Demo::new();
    for filter in ["99", "khong co cum nay"] {
        for json in [false, true] {
            let mut args = vec!["history", "--cluster", filter];
            if json {
                args.push("--json");
            }
            let out = demo.run(&args);
            assert_eq!(out.status.code(), Some(1), "{args:?}");
            assert!(
                out.stdout.is_empty(),
                "{args:?}: stdout {:?}",
                String::from_utf8_lossy(&out.stdout)
            );
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                err.contains("Không tìm thấy cụm") && err.contains(filter),
                "{args:?}: stderr {err:?}"
            );
        }
    }
}

#[test]
fn history_lists_all_clusters_numbered_first_practice_last() {
    let demo = Demo::new();
    let all = demo.json(&["history"]);
    let list = all.as_array().unwrap();
    let summary: Vec<(Value, &str, bool)> = list
        .iter()
        .map(|c| {
            (
                c["number"].clone(),
                c["name"].as_str().unwrap(),
                c["illustrative"] == true,
            )
        })
        .collect();
    assert_eq!(summary.len(), 4, "{summary:#?}");
    assert_eq!(summary[0].0, 4);
    assert_eq!(summary[1].0, 8);
    assert_eq!(summary[2], (Value::Null, NORTHERN, false));
    assert!(
        summary[3].2,
        "the practice cluster comes last: {summary:#?}"
    );
    assert!(
        summary[..3].iter().all(|c| !c.2),
        "real clusters are not illustrative"
    );
}

// -------------------------------------------------------------- text output

#[test]
fn history_text_stars_merged_schools_and_explains_them() {
    let demo = Demo::new();
    let text = demo.ok(&["history", "--cluster", "4"]);
    assert!(
        text.starts_with(
            "Cụm 4 · Cụm thi đua các Trường Chính trị tỉnh khu vực Đồng bằng sông Hồng"
        ),
        "{text}"
    );
    let line = |y: &str| {
        text.lines()
            .find(|l| l.starts_with(y))
            .unwrap_or_else(|| panic!("no row {y}:\n{text}"))
    };
    assert!(line("2021").contains("Hà Nam*"), "{text}");
    assert!(line("2022").contains("Ninh Bình (đề nghị)"), "{text}");
    assert!(text.contains("Hải Dương* (đề nghị)"), "{text}");
    // Active schools carry no star.
    assert!(
        !text.contains("Ninh Bình*") && !text.contains("Hưng Yên*"),
        "{text}"
    );
    assert!(text.contains("\nGhi chú:\n"), "{text}");
    assert!(
        text.contains("  * Trường Chính trị tỉnh Hà Nam: sáp nhập vào Trường Chính trị tỉnh Ninh Bình từ 01/07/2025"),
        "{text}"
    );
    assert!(
        text.contains("  * Trường Chính trị tỉnh Hải Dương: sáp nhập vào Trường Chính trị thành phố Hải Phòng từ 01/07/2025"),
        "{text}"
    );
    // 2021 has no deputies: the cell shows a dash, not a name.
    let cells: Vec<&str> = line("2021")
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(cells, ["2021", "Hà Nam*", "—", "—", "—", "—"], "{text}");

    // Cụm 8 has no merged school, hence no note block.
    let c8 = demo.ok(&["history", "--cluster", "8"]);
    assert!(!c8.contains('*'), "{c8}");
}

#[test]
fn practice_cluster_is_labelled_illustrative() {
    let demo = Demo::new();
    let c = demo.cluster("luyen tap");
    assert_eq!(c["illustrative"], true);
    assert!(
        c["name"].as_str().unwrap().contains("ví dụ minh họa"),
        "{c:#}"
    );

    let text = demo.ok(&["history", "--cluster", "luyen tap"]);
    assert!(text.lines().any(|l| l == "(ví dụ minh họa)"), "{text}");
    let real = demo.ok(&["history", "--cluster", "8"]);
    assert!(!real.contains("ví dụ minh họa"), "{real}");

    // Every practice school found says it is illustrative.
    let found = demo.lookup("minh hoa");
    let schools: Vec<&Value> = found.iter().filter(|r| r["kind"] == "school").collect();
    assert!(!schools.is_empty(), "{found:#?}");
    for s in schools {
        assert_detail(s, "ví dụ minh họa");
    }
    // And no real school does.
    let hn = demo.lookup("ha nam");
    assert!(!details(&hn[0]).contains(&"ví dụ minh họa"));
}

#[test]
fn english_output() {
    let demo = Demo::new();
    let text = demo.ok(&["--lang", "en", "history", "--cluster", "8"]);
    let header = text.lines().nth(1).expect("a header line");
    for word in ["Year", "Head", "Deputies", "Flag", "Certificates"] {
        assert!(header.contains(word), "`{word}` missing from {header:?}");
    }
    assert!(text.starts_with("Cluster 8 · "), "{text}");
    assert!(text.contains("Bà Rịa – Vũng Tàu (proposed)"), "{text}");
    // The labels are English; notes stored with the data stay as written.
    assert!(
        !header.contains("Cụm trưởng") && !text.contains("(đề nghị)") && !text.contains("Ghi chú"),
        "{text}"
    );

    let c4 = demo.ok(&["--lang", "en", "history", "--cluster", "4"]);
    assert!(c4.contains("\nNotes:\n"), "{c4}");
    assert!(
        c4.contains("Trường Chính trị tỉnh Hà Nam: merged into Trường Chính trị tỉnh Ninh Bình from 01/07/2025"),
        "{c4}"
    );

    let found = demo.ok(&["--lang", "en", "lookup", "ha", "nam"]);
    assert!(found.starts_with("School"), "{found}");
    assert!(
        found.contains("merged into Trường Chính trị tỉnh Ninh Bình"),
        "{found}"
    );

    let out = demo.run(&["--lang", "en", "history", "--cluster", "99"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("No cluster matches: 99"));
}

#[test]
fn demo_loads_only_into_an_empty_database() {
    let demo = Demo::new();
    let out = demo.run(&["init", "--demo"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!out.stderr.is_empty());
    // The first load is intact: one Hà Nam, not two.
    let found = demo.lookup("ha nam");
    assert_eq!(found.iter().filter(|r| r["title"] == HA_NAM).count(), 1);
}
