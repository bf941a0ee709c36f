//! Every form driven by keys on ratatui's `TestBackend`: create, check the
//! stored record field by field, edit, delete with confirmation, undo; and
//! validation, discarding, the accent-free picker and a refused save.

mod common;

use common::tui::Harness;
use common::{cluster_id, school_id};
use crossterm::event::KeyCode;
use std::collections::BTreeMap;
use thidua::app::{Focus, Pane};
use thidua::domain::*;
use thidua::store::{Op, Record};

const ISSUER: &str = "Học viện Chính trị quốc gia Hồ Chí Minh";

// ---------------------------------------------------------------- helpers

/// Every stored record of a kind, by id.
fn records<R: Record>(h: &Harness) -> BTreeMap<u64, R> {
    h.store
        .all::<R>()
        .unwrap()
        .into_iter()
        .map(|(id, r)| (id.into(), r))
        .collect()
}

/// The one id in `after` that is not in `before`.
fn new_id<R>(before: &BTreeMap<u64, R>, after: &BTreeMap<u64, R>) -> u64 {
    let new: Vec<u64> = after
        .keys()
        .filter(|k| !before.contains_key(k))
        .copied()
        .collect();
    assert_eq!(new.len(), 1, "exactly one new record: {new:?}");
    new[0]
}

fn person(h: &Harness, name: &str) -> PersonId {
    PersonId(
        records::<Person>(h)
            .into_iter()
            .find(|(_, p)| p.name == name)
            .unwrap_or_else(|| panic!("no person {name}"))
            .0,
    )
}

fn date(d: u8, m: u8, y: u16) -> Date {
    Date::new(y, m, d).unwrap()
}

/// Types into a field, found by Tab.
fn fill(h: &mut Harness, key: &str, text: &str) {
    h.focus_field(key);
    h.type_text(text);
}

/// Types into a picker and takes the highlighted (first) candidate, checking
/// it is the one expected.
fn pick(h: &mut Harness, key: &str, query: &str, expect: &str) {
    h.focus_field(key);
    h.type_text(query);
    let f = h.app.form().unwrap().current().unwrap();
    assert_eq!(
        f.candidates.first().map(|c| c.1.as_str()),
        Some(expect),
        "candidates for {query}: {:?}",
        f.candidates
    );
    let shown: String = expect.chars().take(40).collect();
    assert!(h.screen().contains(&shown), "{}", h.screen());
    h.key(KeyCode::Enter);
    let f = h.app.form().unwrap().current().unwrap();
    assert!(f.input.is_empty() && f.candidates.is_empty());
}

fn field_text(h: &Harness, key: &str) -> String {
    h.app
        .form()
        .unwrap()
        .field(key)
        .unwrap()
        .input
        .text()
        .to_string()
}

fn field_error(h: &Harness, key: &str) -> Option<String> {
    h.app.form().unwrap().field(key).unwrap().error.clone()
}

/// The last audit entry: who did what to which record.
fn last_audit(h: &Harness) -> (String, Op, u64) {
    let e = h.store.audit_entries().unwrap().pop().unwrap();
    (e.actor, e.op, e.id)
}

/// Saves with Ctrl-S; checks "Đã lưu" is not claimed before and is after.
fn save_and_see_saved(h: &mut Harness) {
    assert!(h.app.form().is_some());
    let before = h.status();
    assert!(!before.contains("Đã lưu"), "nothing is saved yet: {before}");
    h.ctrl('s');
    assert!(h.app.form().is_none(), "the form closed: {}", h.screen());
    let after = h.status();
    assert!(after.contains("│ Đã lưu │"), "{after}");
}

/// Asks to delete the selected record and answers with `yes`; checks
/// nothing is deleted before the answer.
fn delete_with(
    h: &mut Harness,
    yes: KeyCode,
    count_before: usize,
    count: impl Fn(&Harness) -> usize,
) {
    h.key(KeyCode::Char('d'));
    let s = h.screen();
    assert!(h.app.confirm().is_some(), "d asks first: {s}");
    assert!(s.contains("Câu hỏi xác nhận"), "{s}");
    assert!(s.contains("y/c/Enter Có   n/k/Esc Không"), "{s}");
    assert_eq!(count(h), count_before, "nothing deleted before the answer");
    h.key(yes);
    assert!(h.app.confirm().is_none());
    assert_eq!(count(h), count_before - 1);
}

// ---------------------------------------------------------------- school

#[test]
fn school_form_create_edit_delete_and_undo() {
    let mut h = Harness::demo(80, 24);
    let ninhbinh = school_id(&h.store, "Trường Chính trị tỉnh Ninh Bình");
    let before = records::<School>(&h);

    h.key(KeyCode::Char('n'));
    assert!(h.screen().contains("┌Thêm trường"));
    h.type_text("Trường Chính trị tỉnh Điện Biên");
    fill(
        &mut h,
        "honorifics",
        "Trường Chính trị Điện Biên Phủ; Trường Điện Biên",
    );
    fill(&mut h, "province", "Điện Biên");
    fill(&mut h, "former", "Trường Đảng tỉnh Lai Châu");
    pick(
        &mut h,
        "merged_into",
        "ninh b",
        "Trường Chính trị tỉnh Ninh Bình",
    );
    fill(&mut h, "merged_on", "01/07/2025");
    fill(&mut h, "notes", "Thêm để thử");
    assert_eq!(records::<School>(&h), before, "nothing stored while typing");
    save_and_see_saved(&mut h);

    let after = records::<School>(&h);
    let id = new_id(&before, &after);
    let created = School {
        name: "Trường Chính trị tỉnh Điện Biên".into(),
        honorifics: vec![
            "Trường Chính trị Điện Biên Phủ".into(),
            "Trường Điện Biên".into(),
        ],
        former_names: vec![FormerName {
            name: "Trường Đảng tỉnh Lai Châu".into(),
            until: None,
        }],
        province: "Điện Biên".into(),
        lineage: vec![LineageEvent {
            date: Some(date(1, 7, 2025)),
            kind: LineageKind::MergedInto,
            other: Some(ninhbinh),
            note: String::new(),
            sources: vec![],
        }],
        notes: "Thêm để thử".into(),
        illustrative: false,
        sources: vec![],
    };
    assert_eq!(after[&id], created);
    assert_eq!(last_audit(&h), ("tester".into(), Op::Insert, id));
    assert!(
        h.status()
            .contains("đã thêm Trường Chính trị tỉnh Điện Biên")
    );
    assert_eq!(h.app.selected_id(), Some(id), "the new school is selected");
    let s = h.screen();
    assert!(s.contains("┌Trường (28)"), "{s}");
    assert!(s.contains("┌Trường Chính trị tỉnh Điện Biên─"), "{s}");

    // Edit: the form opens filled in; change the province, drop the merger.
    h.key(KeyCode::Char('e'));
    assert!(h.screen().contains("┌Sửa trường"));
    assert_eq!(field_text(&h, "name"), created.name);
    assert_eq!(field_text(&h, "merged_on"), "01/07/2025");
    h.focus_field("province");
    h.clear_field();
    h.type_text("Lai Châu");
    h.focus_field("merged_into");
    h.key(KeyCode::Backspace); // an empty picker loses its last pick
    assert!(h.app.form().unwrap().current().unwrap().picked.is_empty());
    h.focus_field("merged_on");
    h.clear_field();
    h.ctrl('s');
    assert!(h.app.form().is_none(), "{}", h.screen());
    let mut edited = created.clone();
    edited.province = "Lai Châu".into();
    edited.lineage.clear();
    assert_eq!(records::<School>(&h)[&id], edited);
    assert_eq!(last_audit(&h), ("tester".into(), Op::Update, id));
    assert!(
        h.status()
            .contains("Đã lưu · đã sửa Trường Chính trị tỉnh Điện Biên")
    );

    // Undo the edit.
    h.undo();
    assert_eq!(records::<School>(&h)[&id], created);
    assert!(h.status().contains("Đã hoàn tác · đã sửa"));

    // Delete, confirmed with y.
    let n = records::<School>(&h).len();
    assert_eq!(h.app.selected_id(), Some(id));
    h.key(KeyCode::Char('d'));
    assert!(
        h.screen().contains("Xóa Trường Chính trị tỉnh Điện Biên?"),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Char('n')); // no: nothing happens
    assert_eq!(records::<School>(&h).len(), n);
    delete_with(&mut h, KeyCode::Char('y'), n, |h| {
        records::<School>(h).len()
    });
    assert!(!records::<School>(&h).contains_key(&id));
    assert_eq!(last_audit(&h), ("tester".into(), Op::Delete, id));
    assert!(
        h.status()
            .contains("Đã lưu · đã xóa Trường Chính trị tỉnh Điện Biên")
    );
    assert!(!h.screen().contains("Điện Biên─"));

    // Undo the delete: back under the same id, selected.
    h.undo();
    assert_eq!(records::<School>(&h).get(&id), Some(&created));
    assert_eq!(h.app.selected_id(), Some(id));
    assert!(h.screen().contains("┌Trường Chính trị tỉnh Điện Biên─"));
    // Then undo the creation: the store is as the demo left it.
    h.undo();
    assert_eq!(records::<School>(&h), before);
    h.undo();
    assert!(h.status().contains("Không có gì để hoàn tác"));
}

// ---------------------------------------------------------------- cluster

#[test]
fn cluster_form_with_membership_create_edit_delete_and_undo() {
    let mut h = Harness::demo(80, 24);
    let hagiang = school_id(&h.store, "Trường Chính trị tỉnh Hà Giang");
    let langson = school_id(&h.store, "Trường Chính trị tỉnh Lạng Sơn");
    let quangninh = school_id(&h.store, "Trường Chính trị tỉnh Quảng Ninh");
    let before = records::<Cluster>(&h);

    h.key(KeyCode::Char('2')).key(KeyCode::Char('n'));
    assert!(h.screen().contains("┌Thêm cụm"));
    fill(&mut h, "number", "9");
    fill(
        &mut h,
        "name",
        "Cụm thi đua số 9 các Trường Chính trị khu vực Tây Bắc",
    );
    fill(&mut h, "aliases", "Cụm 9; Cụm Tây Bắc");
    fill(&mut h, "region", "Tây Bắc");
    fill(&mut h, "member_year", "2024");
    pick(
        &mut h,
        "members",
        "ha giang",
        "Trường Chính trị tỉnh Hà Giang",
    );
    // The same field takes a second pick.
    h.type_text("lang son");
    h.key(KeyCode::Enter);
    assert_eq!(
        h.app.form().unwrap().field("members").unwrap().picked,
        vec![hagiang.0, langson.0]
    );
    fill(&mut h, "stated", "8");
    h.focus_field("complete");
    assert!(h.screen().contains("Danh sách đầy đủ               [ ]"));
    h.key(KeyCode::Char(' '));
    assert!(h.screen().contains("Danh sách đầy đủ               [x]"));
    fill(&mut h, "notes", "Thêm để thử");
    save_and_see_saved(&mut h);

    let after = records::<Cluster>(&h);
    let id = new_id(&before, &after);
    let created = Cluster {
        number: Some(9),
        name: "Cụm thi đua số 9 các Trường Chính trị khu vực Tây Bắc".into(),
        aliases: vec!["Cụm 9".into(), "Cụm Tây Bắc".into()],
        region: "Tây Bắc".into(),
        memberships: vec![Membership {
            year: 2024,
            schools: vec![hagiang, langson],
            stated_count: Some(8),
            complete: true,
            sources: vec![],
        }],
        notes: "Thêm để thử".into(),
        illustrative: false,
        sources: vec![],
        heading: HeadingStyle::Party,
    };
    assert_eq!(after[&id], created);
    assert_eq!(h.app.selected_id(), Some(id));
    let s = h.screen();
    assert!(s.contains("│Cụm 9       "), "{s}");
    assert!(s.contains("Khu vực: Tây Bắc"), "{s}");
    assert!(s.contains("2024 · 8 theo nguồn"), "{s}");
    assert!(s.contains("Hà Giang, Hoàng Văn Thụ Lạng Sơn"), "{s}");

    // Edit: swap a member, untick complete.
    h.key(KeyCode::Char('e'));
    assert!(h.screen().contains("┌Sửa cụm"));
    h.focus_field("members");
    h.key(KeyCode::Backspace);
    h.type_text("quang ninh").key(KeyCode::Enter);
    h.focus_field("complete");
    h.key(KeyCode::Char(' '));
    h.ctrl('s');
    assert!(h.app.form().is_none(), "{}", h.screen());
    let mut edited = created.clone();
    edited.memberships[0].schools = vec![hagiang, quangninh];
    edited.memberships[0].complete = false;
    assert_eq!(records::<Cluster>(&h)[&id], edited);
    assert!(h.screen().contains("2024 · 8 theo nguồn · chưa đầy đủ"));

    h.undo();
    assert_eq!(records::<Cluster>(&h)[&id], created);

    let n = records::<Cluster>(&h).len();
    delete_with(&mut h, KeyCode::Enter, n, |h| records::<Cluster>(h).len());
    assert!(!records::<Cluster>(&h).contains_key(&id));
    assert!(!h.screen().contains("Cụm 9 "));
    h.undo();
    assert_eq!(records::<Cluster>(&h).get(&id), Some(&created));
    assert_eq!(h.app.selected_id(), Some(id));
}

// ---------------------------------------------------------------- term

#[test]
fn term_form_from_the_cluster_timeline_create_edit_delete_and_undo() {
    let mut h = Harness::demo(80, 24);
    let c4 = cluster_id(&h.store, 4);
    let ninhbinh = school_id(&h.store, "Trường Chính trị tỉnh Ninh Bình");
    let hungyen = school_id(&h.store, "Trường Chính trị tỉnh Hưng Yên");
    let hanoi = school_id(&h.store, "Trường Chính trị thành phố Hà Nội");
    let before = records::<Term>(&h);

    h.key(KeyCode::Char('2'));
    assert_eq!(h.app.selected_id(), Some(c4.0));
    h.key(KeyCode::Enter);
    assert_eq!(h.app.focus, Focus::Detail);
    h.key(KeyCode::Char('n'));
    assert!(h.screen().contains("┌Thêm nhiệm kỳ"));
    h.type_text("2024");
    pick(
        &mut h,
        "head",
        "ninh binh",
        "Trường Chính trị tỉnh Ninh Bình",
    );
    pick(
        &mut h,
        "deputies",
        "hung yen",
        "Trường Chính trị Nguyễn Văn Linh (Hưng Yên)",
    );
    h.type_text("ha noi");
    assert_eq!(
        h.app.form().unwrap().current().unwrap().candidates[0].1,
        "Trường Chính trị Lê Hồng Phong (Hà Nội)"
    );
    h.key(KeyCode::Enter);
    pick(
        &mut h,
        "flag_holder",
        "ninh binh",
        "Trường Chính trị tỉnh Ninh Bình",
    );
    fill(&mut h, "decision", "123-QĐ/HVCTQG");
    fill(&mut h, "decision_date", "15/03/2025");
    fill(&mut h, "notes", "Nhiệm kỳ thêm để thử");
    save_and_see_saved(&mut h);

    let after = records::<Term>(&h);
    let id = new_id(&before, &after);
    let created = Term {
        cluster: c4,
        year: 2024,
        head: Some(ninhbinh),
        deputies: vec![hungyen, hanoi],
        elected_at: None,
        recognition: Some(Decision {
            number: "123-QĐ/HVCTQG".into(),
            date: Some(date(15, 3, 2025)),
            issuer: ISSUER.into(),
        }),
        flag_holder: Some(ninhbinh),
        notes: "Nhiệm kỳ thêm để thử".into(),
        sources: vec![],
    };
    assert_eq!(after[&id], created);
    // The new year is the selected item of the timeline.
    assert_eq!(h.app.focus, Focus::Detail);
    let items = h.app.detail_items();
    assert_eq!(items.get(h.app.detail().selected).map(|i| i.1), Some(id));

    // Edit the selected year: drop a deputy, change the notes.
    h.key(KeyCode::Char('e'));
    assert!(h.screen().contains("┌Sửa nhiệm kỳ"));
    assert_eq!(field_text(&h, "year"), "2024");
    h.focus_field("deputies");
    h.key(KeyCode::Backspace);
    h.focus_field("notes");
    h.clear_field();
    h.type_text("Đã sửa");
    h.ctrl('s');
    assert!(h.app.form().is_none(), "{}", h.screen());
    let mut edited = created.clone();
    edited.deputies = vec![hungyen];
    edited.notes = "Đã sửa".into();
    assert_eq!(records::<Term>(&h)[&id], edited);

    h.undo();
    assert_eq!(records::<Term>(&h)[&id], created);

    // Delete the selected year (c is Vietnamese yes).
    let p = h.app.detail_items().iter().position(|i| i.1 == id).unwrap();
    h.key(KeyCode::Home);
    for _ in 0..p {
        h.key(KeyCode::Down);
    }
    let n = records::<Term>(&h).len();
    h.key(KeyCode::Char('d'));
    assert!(h.screen().contains("Xóa Cụm 4 2024?"), "{}", h.screen());
    h.key(KeyCode::Esc);
    delete_with(&mut h, KeyCode::Char('c'), n, |h| records::<Term>(h).len());
    assert!(!records::<Term>(&h).contains_key(&id));
    h.undo();
    assert_eq!(records::<Term>(&h).get(&id), Some(&created));
}

#[test]
fn a_second_term_for_the_same_cluster_and_year_is_refused_and_the_form_stays() {
    let mut h = Harness::demo(80, 24);
    let hanam = school_id(&h.store, "Trường Chính trị tỉnh Hà Nam");
    let before = records::<Term>(&h);
    assert!(
        before
            .values()
            .any(|t| t.cluster == cluster_id(&h.store, 4) && t.year == 2022)
    );

    h.key(KeyCode::Char('2'))
        .key(KeyCode::Enter)
        .key(KeyCode::Char('n'));
    h.type_text("2022");
    pick(&mut h, "head", "ha nam", "Trường Chính trị tỉnh Hà Nam");
    fill(&mut h, "notes", "Trùng năm");
    h.ctrl('s');

    assert!(h.app.form().is_some(), "the form stays open");
    assert_eq!(records::<Term>(&h), before, "nothing stored");
    let s = h.screen();
    assert!(
        s.contains("Chưa lưu: Cụm đã có nhiệm kỳ của năm này"),
        "{s}"
    );
    let st = h.status();
    // The error says it was not saved; "save failed" gives way to it.
    assert!(st.contains("Chưa lưu:"), "{st}");
    assert!(!st.contains("Đã lưu"), "{st}");
    assert_eq!(field_text(&h, "year"), "2022");
    assert_eq!(field_text(&h, "notes"), "Trùng năm");
    assert_eq!(
        h.app.form().unwrap().field("head").unwrap().picked,
        vec![hanam.0]
    );
    assert!(s.contains("[Trường Chính trị tỉnh Hà Nam]"), "{s}");

    // Another year goes through.
    h.focus_field("year");
    h.clear_field();
    h.type_text("2025");
    h.ctrl('s');
    assert!(h.app.form().is_none(), "{}", h.screen());
    let after = records::<Term>(&h);
    let id = new_id(&before, &after);
    assert_eq!(after[&id].year, 2025);
    assert_eq!(after[&id].head, Some(hanam));
    assert!(h.status().contains("│ Đã lưu │"));
}

// ---------------------------------------------------------------- meeting

#[test]
fn meeting_form_with_chairs_picker_create_edit_delete_and_undo() {
    let mut h = Harness::demo(80, 24);
    let c4 = cluster_id(&h.store, 4);
    let hungyen = school_id(&h.store, "Trường Chính trị tỉnh Hưng Yên");
    let hien = person(&h, "Lưu Văn Hiền");
    let hai_anh = person(&h, "Ngô Thị Hải Anh");
    let vien = person(&h, "Nguyễn Văn Viên");
    let before = records::<Meeting>(&h);

    h.key(KeyCode::Char('3')).key(KeyCode::Char('n'));
    assert!(h.screen().contains("┌Thêm hội nghị"));
    fill(&mut h, "title", "Hội nghị ký kết giao ước thi đua năm 2025");
    pick(
        &mut h,
        "cluster",
        "cum 4",
        "Cụm 4 · Cụm thi đua các Trường Chính trị tỉnh khu vực Đồng bằng sông Hồng",
    );
    fill(&mut h, "year", "2025");
    fill(&mut h, "date", "15/03/2025");
    pick(
        &mut h,
        "host",
        "hung yen",
        "Trường Chính trị Nguyễn Văn Linh (Hưng Yên)",
    );
    fill(
        &mut h,
        "place",
        "Trường Chính trị Nguyễn Văn Linh tỉnh Hưng Yên",
    );
    fill(&mut h, "topic", "Giao ước thi đua năm 2025");
    fill(&mut h, "papers", "3");
    fill(&mut h, "speeches", "7");
    pick(&mut h, "chairs", "luu van", "Lưu Văn Hiền");
    h.type_text("ngo thi hai");
    assert_eq!(
        h.app.form().unwrap().current().unwrap().candidates[0].1,
        "Ngô Thị Hải Anh"
    );
    h.key(KeyCode::Enter);
    assert!(
        h.screen().contains("[Lưu Văn Hiền] [Ngô Thị Hải Anh]"),
        "{}",
        h.screen()
    );
    pick(&mut h, "guests", "nguyen van vien", "Nguyễn Văn Viên");
    fill(
        &mut h,
        "decisions",
        "Ký giao ước thi đua; Thống nhất chủ đề năm 2025",
    );
    fill(&mut h, "notes", "Thêm để thử");
    save_and_see_saved(&mut h);

    let after = records::<Meeting>(&h);
    let id = new_id(&before, &after);
    let mut created = Meeting::new(
        MeetingKind::PledgeSigning,
        Some(2025),
        "Hội nghị ký kết giao ước thi đua năm 2025",
    );
    created.cluster = Some(c4);
    created.date = Some(date(15, 3, 2025));
    created.host = Some(hungyen);
    created.place = "Trường Chính trị Nguyễn Văn Linh tỉnh Hưng Yên".into();
    created.topic = "Giao ước thi đua năm 2025".into();
    created.papers = Some(3);
    created.speeches = Some(7);
    created.chairs = vec![
        Participant {
            person: Some(hien),
            title: String::new(),
            organisation: "Trường Chính trị tỉnh Ninh Bình".into(),
        },
        Participant {
            person: Some(hai_anh),
            title: String::new(),
            organisation: "Vụ Tổ chức, cán bộ, Học viện".into(),
        },
    ];
    created.guests = vec![Participant {
        person: Some(vien),
        title: String::new(),
        organisation: "Vụ Các trường chính trị, Học viện".into(),
    }];
    created.decisions = vec![
        "Ký giao ước thi đua".into(),
        "Thống nhất chủ đề năm 2025".into(),
    ];
    created.notes = "Thêm để thử".into();
    assert_eq!(after[&id], created);
    assert_eq!(h.app.selected_id(), Some(id));
    let s = h.screen();
    assert!(
        s.contains("15/03/2025 Giao ước · Cụm 4"),
        "newest first: {s}"
    );
    assert!(s.contains("Loại: Hội nghị ký giao ước thi đua"), "{s}");

    // Edit: drop the second chair, change the papers.
    h.key(KeyCode::Char('e'));
    assert!(h.screen().contains("┌Sửa hội nghị"));
    h.focus_field("chairs");
    h.key(KeyCode::Backspace);
    h.focus_field("papers");
    h.clear_field();
    h.type_text("4");
    h.ctrl('s');
    assert!(h.app.form().is_none(), "{}", h.screen());
    let mut edited = created.clone();
    edited.chairs.truncate(1);
    edited.papers = Some(4);
    assert_eq!(records::<Meeting>(&h)[&id], edited);

    h.undo();
    assert_eq!(records::<Meeting>(&h)[&id], created);

    let n = records::<Meeting>(&h).len();
    delete_with(&mut h, KeyCode::Char('y'), n, |h| {
        records::<Meeting>(h).len()
    });
    assert!(!records::<Meeting>(&h).contains_key(&id));
    h.undo();
    assert_eq!(records::<Meeting>(&h).get(&id), Some(&created));
    assert_eq!(h.app.selected_id(), Some(id));
}

// ---------------------------------------------------------------- person

#[test]
fn person_form_create_edit_delete_and_undo() {
    let mut h = Harness::demo(80, 24);
    let hanam = school_id(&h.store, "Trường Chính trị tỉnh Hà Nam");
    let before = records::<Person>(&h);

    h.key(KeyCode::Char('5')).key(KeyCode::Char('n'));
    assert!(h.screen().contains("┌Thêm người"));
    h.type_text("Trần Thị Thử Nghiệm");
    pick(&mut h, "school", "ha nam", "Trường Chính trị tỉnh Hà Nam");
    fill(&mut h, "organisation", "Phòng Đào tạo");
    fill(&mut h, "notes", "Thêm để thử");
    save_and_see_saved(&mut h);

    let after = records::<Person>(&h);
    let id = new_id(&before, &after);
    let created = Person {
        name: "Trần Thị Thử Nghiệm".into(),
        school: Some(hanam),
        organisation: "Phòng Đào tạo".into(),
        notes: "Thêm để thử".into(),
        sources: vec![],
    };
    assert_eq!(after[&id], created);
    assert_eq!(h.app.selected_id(), Some(id));
    assert!(h.screen().contains("┌Trần Thị Thử Nghiệm─"));

    h.key(KeyCode::Char('e'));
    assert!(h.screen().contains("┌Sửa thông tin người"));
    h.focus_field("school");
    h.key(KeyCode::Backspace);
    h.focus_field("organisation");
    h.clear_field();
    h.type_text("Vụ Các trường chính trị");
    h.ctrl('s');
    assert!(h.app.form().is_none(), "{}", h.screen());
    let mut edited = created.clone();
    edited.school = None;
    edited.organisation = "Vụ Các trường chính trị".into();
    assert_eq!(records::<Person>(&h)[&id], edited);

    h.undo();
    assert_eq!(records::<Person>(&h)[&id], created);

    let n = records::<Person>(&h).len();
    delete_with(&mut h, KeyCode::Char('y'), n, |h| {
        records::<Person>(h).len()
    });
    assert!(!records::<Person>(&h).contains_key(&id));
    assert!(!h.screen().contains("┌Trần Thị Thử"));
    assert!(!h.screen().contains("│Trần Thị Thử"));
    h.undo();
    assert_eq!(records::<Person>(&h).get(&id), Some(&created));
    assert_eq!(h.app.selected_id(), Some(id));
}

// ---------------------------------------------------------------- award

#[test]
fn award_form_from_the_school_detail_create_edit_delete_and_undo() {
    let mut h = Harness::demo(80, 24);
    let c4 = cluster_id(&h.store, 4);
    let haiduong = school_id(&h.store, "Trường Chính trị tỉnh Hải Dương");
    let before = records::<Award>(&h);

    h.key(KeyCode::Char(':'))
        .type_text("hai duong")
        .key(KeyCode::Enter);
    assert_eq!(h.app.pane, Pane::Schools);
    assert_eq!(h.app.selected_id(), Some(haiduong.0));
    h.key(KeyCode::Enter).key(KeyCode::Char('n'));
    let s = h.screen();
    assert!(s.contains("┌Thêm khen thưởng"), "{s}");
    assert!(
        s.lines()
            .any(|l| l.contains("Đơn vị nhận*") && l.contains("[Trường Chính trị tỉnh Hải Dương]")),
        "the school it came from is the recipient: {s}"
    );
    fill(&mut h, "year", "2023");
    pick(
        &mut h,
        "cluster",
        "cum 4",
        "Cụm 4 · Cụm thi đua các Trường Chính trị tỉnh khu vực Đồng bằng sông Hồng",
    );
    fill(&mut h, "decision", "45-QĐ/HVCTQG");
    fill(&mut h, "decision_date", "20/12/2023");
    save_and_see_saved(&mut h);

    let after = records::<Award>(&h);
    let id = new_id(&before, &after);
    let created = Award {
        kind: AwardKind::AcademyFlag,
        recipient: haiduong,
        year: 2023,
        cluster: Some(c4),
        status: AwardStatus::Proposed,
        proposed_at: None,
        decision: Some(Decision {
            number: "45-QĐ/HVCTQG".into(),
            date: Some(date(20, 12, 2023)),
            issuer: ISSUER.into(),
        }),
        illustrative: false,
        sources: vec![],
    };
    assert_eq!(after[&id], created);
    assert_eq!(h.app.focus, Focus::Detail);
    let items = h.app.detail_items();
    assert_eq!(items.get(h.app.detail().selected).map(|i| i.1), Some(id));
    // The detail column, wrapped lines joined.
    let s = h.screen();
    let detail: Vec<String> = s
        .lines()
        .map(|l| {
            l.chars()
                .skip(33)
                .collect::<String>()
                .trim_end_matches('│')
                .to_string()
        })
        .collect();
    let detail = detail
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        detail.contains("2023 · Cờ thi đua của Học viện (đề nghị) · 45-QĐ/HVCTQG"),
        "{s}"
    );

    // Edit the selected award.
    h.key(KeyCode::Char('e'));
    assert!(h.screen().contains("┌Sửa khen thưởng"));
    h.focus_field("year");
    h.clear_field();
    h.type_text("2024");
    h.focus_field("decision");
    h.clear_field();
    h.focus_field("decision_date");
    h.clear_field();
    h.ctrl('s');
    assert!(h.app.form().is_none(), "{}", h.screen());
    let mut edited = created.clone();
    edited.year = 2024;
    edited.decision = None;
    assert_eq!(records::<Award>(&h)[&id], edited);

    h.undo();
    assert_eq!(records::<Award>(&h)[&id], created);

    // Delete the selected award from the detail.
    let p = h.app.detail_items().iter().position(|i| i.1 == id).unwrap();
    h.key(KeyCode::Home);
    for _ in 0..p {
        h.key(KeyCode::Down);
    }
    let n = records::<Award>(&h).len();
    h.key(KeyCode::Char('d'));
    assert!(
        h.screen()
            .contains("Xóa Cờ thi đua của Học viện 2023 · Hải Dương?"),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Char('k')); // Vietnamese no
    delete_with(&mut h, KeyCode::Char('y'), n, |h| records::<Award>(h).len());
    assert!(!records::<Award>(&h).contains_key(&id));
    assert_eq!(records::<School>(&h).len(), 27, "the school stays");
    h.undo();
    assert_eq!(records::<Award>(&h).get(&id), Some(&created));
}

#[test]
fn left_right_change_a_choice_and_a_check() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Enter).key(KeyCode::Char('n'));
    h.focus_field("kind");
    h.key(KeyCode::Right);
    assert!(
        h.screen().contains("◀ Bằng khen của Học viện ▶"),
        "{}",
        h.screen()
    );
    h.focus_field("status");
    h.key(KeyCode::Left);
    assert!(h.screen().contains("◀ Đã quyết định ▶"), "{}", h.screen());
    h.discard();

    h.key(KeyCode::Char('3')).key(KeyCode::Char('n'));
    h.key(KeyCode::Right);
    assert!(h.screen().contains("◀ Hội nghị sơ kết ▶"), "{}", h.screen());
    h.discard();

    h.key(KeyCode::Char('2')).key(KeyCode::Char('n'));
    h.focus_field("complete");
    h.key(KeyCode::Right);
    assert!(h.screen().contains("[x]"), "{}", h.screen());
}

// ---------------------------------------------------------------- validation

#[test]
fn an_impossible_date_is_shown_beside_its_field_and_nothing_is_stored() {
    let mut h = Harness::demo(80, 24);
    let before = records::<School>(&h);
    h.key(KeyCode::Char('n'));
    h.type_text("Trường Chính trị tỉnh Thử Ngày");
    pick(
        &mut h,
        "merged_into",
        "ninh b",
        "Trường Chính trị tỉnh Ninh Bình",
    );
    fill(&mut h, "merged_on", "31/02/2024");
    h.ctrl('s');

    assert!(h.app.form().is_some(), "the form stays open");
    assert_eq!(records::<School>(&h), before, "nothing stored");
    assert_eq!(
        field_error(&h, "merged_on").as_deref(),
        Some("Không có ngày này: 31/02/2024")
    );
    assert_eq!(
        field_text(&h, "merged_on"),
        "31/02/2024",
        "the typing stays"
    );
    assert_eq!(field_text(&h, "name"), "Trường Chính trị tỉnh Thử Ngày");
    let s = h.screen();
    let lines: Vec<&str> = s.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("Ngày sáp nhập"))
        .unwrap();
    assert!(lines[at].contains("31/02/2024"), "{s}");
    assert!(
        lines[at + 1].contains("↳ Không có ngày này: 31/02/2024"),
        "the message sits right under its field: {s}"
    );
    assert!(s.contains("Chưa lưu: hãy sửa các ô báo lỗi"), "{s}");
    let st = h.status();
    assert!(!st.contains("Đã lưu"), "{st}");
    // The caret is still in the date field, after the text.
    let (x, y) = h.cursor().unwrap();
    assert_eq!(y as usize, at);
    assert_eq!(x, 1 + 30 + 1 + 10);

    // A malformed date says how to write it.
    h.clear_field();
    h.type_text("2024-02-31");
    h.ctrl('s');
    assert_eq!(
        field_error(&h, "merged_on").as_deref(),
        Some("Ngày phải theo dạng dd/mm/yyyy")
    );
    // Typing clears the message; a real date saves.
    h.clear_field();
    h.type_text("2");
    assert_eq!(field_error(&h, "merged_on"), None);
    h.type_text("9/02/2024");
    h.ctrl('s');
    assert!(h.app.form().is_none(), "{}", h.screen());
    let after = records::<School>(&h);
    let id = new_id(&before, &after);
    assert_eq!(after[&id].lineage[0].date, Some(date(29, 2, 2024)));
}

#[test]
fn required_fields_and_bad_numbers_are_refused_with_messages() {
    let mut h = Harness::demo(80, 24);
    let schools = records::<School>(&h);
    h.key(KeyCode::Char('n')).ctrl('s');
    assert!(h.app.form().is_some());
    assert_eq!(field_error(&h, "name").as_deref(), Some("Bắt buộc"));
    let s = h.screen();
    let lines: Vec<&str> = s.lines().collect();
    let at = lines.iter().position(|l| l.contains("Tên*")).unwrap();
    assert!(lines[at + 1].contains("↳ Bắt buộc"), "{s}");
    assert_eq!(records::<School>(&h), schools);

    // A merger date needs the school merged into.
    h.type_text("Trường thử");
    fill(&mut h, "merged_on", "01/07/2025");
    h.ctrl('s');
    assert_eq!(
        field_error(&h, "merged_into").as_deref(),
        Some("Chọn trường tiếp nhận")
    );
    assert_eq!(records::<School>(&h), schools);
    h.discard();
    assert!(h.app.form().is_none());

    // Numbers and years.
    let clusters = records::<Cluster>(&h);
    h.key(KeyCode::Char('2')).key(KeyCode::Char('n'));
    h.type_text("chín");
    fill(&mut h, "name", "Cụm thử");
    fill(&mut h, "member_year", "1800");
    h.ctrl('s');
    assert_eq!(
        field_error(&h, "number").as_deref(),
        Some("Phải là số nguyên")
    );
    assert_eq!(
        field_error(&h, "member_year").as_deref(),
        Some("Năm phải từ 1900 đến 2999")
    );
    let s = h.screen();
    assert!(s.contains("↳ Phải là số nguyên"), "{s}");
    assert!(s.contains("↳ Năm phải từ 1900 đến 2999"), "{s}");
    // Members without a year.
    h.focus_field("member_year");
    h.clear_field();
    h.focus_field("number");
    h.clear_field();
    pick(&mut h, "members", "ha nam", "Trường Chính trị tỉnh Hà Nam");
    h.ctrl('s');
    assert_eq!(
        field_error(&h, "member_year").as_deref(),
        Some("Nhập năm của danh sách thành viên")
    );
    assert_eq!(records::<Cluster>(&h), clusters);
    h.discard();

    // A term needs its year; the head cannot also be a deputy.
    let terms = records::<Term>(&h);
    h.key(KeyCode::Enter).key(KeyCode::Char('n')).ctrl('s');
    assert_eq!(field_error(&h, "year").as_deref(), Some("Bắt buộc"));
    // (2024: Hà Nam merged in 2025 and is not offered for 2026.)
    h.type_text("2024");
    pick(&mut h, "head", "ha nam", "Trường Chính trị tỉnh Hà Nam");
    pick(&mut h, "deputies", "ha nam", "Trường Chính trị tỉnh Hà Nam");
    h.ctrl('s');
    assert_eq!(
        field_error(&h, "deputies").as_deref(),
        Some("Cụm trưởng không thể đồng thời là Cụm phó")
    );
    assert_eq!(records::<Term>(&h), terms);

    // A person needs a name.
    h.discard();
    let people = records::<Person>(&h);
    h.key(KeyCode::Char('5')).key(KeyCode::Char('n'));
    fill(&mut h, "organisation", "Phòng thử");
    h.ctrl('s');
    assert_eq!(field_error(&h, "name").as_deref(), Some("Bắt buộc"));
    assert_eq!(records::<Person>(&h), people);
}

#[test]
fn esc_on_a_changed_form_asks_and_esc_keeps_the_typing() {
    let mut h = Harness::demo(80, 24);
    let before = records::<School>(&h);

    // An untouched form closes at once.
    h.key(KeyCode::Char('n')).key(KeyCode::Esc);
    assert!(h.app.form().is_none() && h.app.confirm().is_none());

    h.key(KeyCode::Char('n')).type_text("Trường đang gõ");
    h.key(KeyCode::Esc);
    let s = h.screen();
    assert!(h.app.confirm().is_some(), "{s}");
    assert!(s.contains("Bỏ các thay đổi chưa lưu?"), "{s}");
    // Esc is no: back to the form.
    h.key(KeyCode::Esc);
    assert!(h.app.confirm().is_none());
    assert!(h.app.form().is_some());
    assert_eq!(field_text(&h, "name"), "Trường đang gõ");
    // Typing goes on where it was.
    h.type_text(" dở");
    assert_eq!(field_text(&h, "name"), "Trường đang gõ dở");
    assert!(h.screen().contains("Trường đang gõ dở"));

    // Enter discards (letters do not answer this question: tui_typing.rs).
    h.key(KeyCode::Esc).key(KeyCode::Enter);
    assert!(h.app.form().is_none());
    assert!(h.status().contains("Đã bỏ các thay đổi"));
    assert_eq!(records::<School>(&h), before);
    assert!(!h.status().contains("Đã lưu"));
}

#[test]
fn the_picker_offers_ninh_binh_first_for_ninh_b() {
    let mut h = Harness::demo(80, 24);
    let ninhbinh = school_id(&h.store, "Trường Chính trị tỉnh Ninh Bình");
    let bacninh = school_id(&h.store, "Trường Chính trị tỉnh Bắc Ninh");
    h.key(KeyCode::Char('n'));
    h.focus_field("merged_into");
    h.type_text("ninh b");
    let f = h.app.form().unwrap().current().unwrap();
    assert_eq!(
        f.candidates.first(),
        Some(&(ninhbinh.0, "Trường Chính trị tỉnh Ninh Bình".to_string()))
    );
    assert!(
        f.candidates.iter().all(|(id, _)| *id != 0),
        "{:?}",
        f.candidates
    );
    // On screen, the first candidate is on the line right under the field.
    let s = h.screen();
    let lines: Vec<&str> = s.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("Sáp nhập vào"))
        .unwrap();
    assert!(lines[at].contains("ninh b"), "{s}");
    assert!(
        lines[at + 1].contains("Trường Chính trị tỉnh Ninh Bình"),
        "{s}"
    );
    assert!(
        s.contains("Trường Chính trị Nguyễn Văn Cừ (Bắc Ninh)"),
        "Bắc Ninh (province matches both words) comes after: {s}"
    );
    // Accents typed the Vietnamese way give the same first candidate.
    h.key(KeyCode::Backspace).type_text("B");
    let f = h.app.form().unwrap().current().unwrap();
    assert_eq!(f.candidates[0].0, ninhbinh.0);
    for _ in 0..6 {
        h.key(KeyCode::Backspace);
    }
    h.type_text("Ninh Bì");
    let f = h.app.form().unwrap().current().unwrap();
    assert_eq!(f.candidates[0].0, ninhbinh.0);
    assert_eq!(f.candidates.len(), 1);
    for _ in 0..7 {
        h.key(KeyCode::Backspace);
    }
    // ↓ moves to the second candidate; Enter picks it.
    h.type_text("ninh b").key(KeyCode::Down).key(KeyCode::Enter);
    let f = h.app.form().unwrap().current().unwrap();
    assert_eq!(f.picked, vec![bacninh.0]);
    assert!(
        h.screen()
            .contains("[Trường Chính trị Nguyễn Văn Cừ (Bắc Ninh)]")
    );
    // A single pick is replaced by the next one.
    h.type_text("ninh b").key(KeyCode::Enter);
    let f = h.app.form().unwrap().current().unwrap();
    assert_eq!(f.picked, vec![ninhbinh.0]);
    // Backspace in the empty picker removes it.
    h.key(KeyCode::Backspace);
    let f = h.app.form().unwrap().current().unwrap();
    assert!(f.picked.is_empty());
}

#[test]
fn pasted_text_lands_in_the_field_cleaned() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('5')).key(KeyCode::Char('n'));
    h.paste("Nguyễn Thị\nDán");
    assert_eq!(field_text(&h, "name"), "Nguyễn Thị Dán");
    // Decomposed (NFD) input is kept as NFC.
    h.key(KeyCode::Tab).key(KeyCode::Tab);
    h.paste("Vu\u{0323} Đa\u{0300}o ta\u{0323}o");
    assert_eq!(field_text(&h, "organisation"), "Vụ Đào tạo");
    h.ctrl('s');
    let p = records::<Person>(&h)
        .into_values()
        .find(|p| p.name == "Nguyễn Thị Dán")
        .expect("stored");
    assert_eq!(p.organisation, "Vụ Đào tạo");
}

#[test]
fn an_unfocused_picker_shows_its_first_pick() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('2')).key(KeyCode::Char('n'));
    fill(&mut h, "member_year", "2024");
    pick(
        &mut h,
        "members",
        "ha giang",
        "Trường Chính trị tỉnh Hà Giang",
    );
    h.type_text("lang son").key(KeyCode::Enter);
    h.key(KeyCode::Tab);
    let s = h.screen();
    assert!(
        s.contains("Thành viên                     [Trường Chính trị tỉnh Hà Giang]"),
        "{s}"
    );
}

#[test]
fn text_typed_after_a_pick_must_be_picked_too() {
    let mut h = Harness::demo(80, 24);
    let before = records::<Cluster>(&h);
    h.key(KeyCode::Char('2')).key(KeyCode::Char('n'));
    fill(&mut h, "name", "Cụm thử");
    fill(&mut h, "member_year", "2024");
    pick(&mut h, "members", "ha nam", "Trường Chính trị tỉnh Hà Nam");
    h.type_text("ninh b");
    h.ctrl('s');
    assert_eq!(
        field_error(&h, "members").as_deref(),
        Some("Chọn một mục trong danh sách (Enter)")
    );
    assert!(
        h.screen()
            .contains("↳ Chọn một mục trong danh sách (Enter)")
    );
    assert_eq!(records::<Cluster>(&h), before);
}

#[test]
fn text_typed_into_an_empty_picker_is_not_silently_dropped() {
    let mut h = Harness::demo(80, 24);
    let before = records::<Person>(&h);
    h.key(KeyCode::Char('5')).key(KeyCode::Char('n'));
    h.type_text("Người Thử Chọn");
    fill(&mut h, "school", "ha nam"); // typed, not picked with Enter
    h.ctrl('s');
    assert_eq!(
        records::<Person>(&h),
        before,
        "saved a person without the school typed: {:?}",
        records::<Person>(&h)
            .into_values()
            .find(|p| p.name == "Người Thử Chọn")
    );
    assert_eq!(
        field_error(&h, "school").as_deref(),
        Some("Chọn một mục trong danh sách (Enter)")
    );
}

#[test]
fn the_selected_year_of_the_timeline_is_on_screen_with_its_details() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('2'))
        .key(KeyCode::Enter)
        .key(KeyCode::Char('n'));
    h.type_text("2024");
    pick(
        &mut h,
        "head",
        "ninh binh",
        "Trường Chính trị tỉnh Ninh Bình",
    );
    fill(&mut h, "decision", "123-QĐ/HVCTQG");
    h.ctrl('s');
    assert!(h.app.form().is_none());
    let s = h.screen();
    assert!(s.contains("│2024"), "the new, selected year is shown: {s}");
    assert!(s.contains("Số quyết định: 123-QĐ/HVCTQG"), "{s}");
}
