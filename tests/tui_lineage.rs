//! Merged schools in the app (issue 9, item 8): a successor's detail lists
//! what it inherited from the schools merged into it, and the school pickers
//! of a year's membership, term and ballot do not offer schools that had
//! merged or closed before that year.

mod common;

use common::tui::Harness;
use common::{cluster_id, practice_sheet};
use crossterm::event::KeyCode;
use thidua::app::Action;
use thidua::domain::*;

/// Shows a school's detail through the palette.
fn show(h: &mut Harness, query: &str) -> String {
    h.key(KeyCode::Char('1'))
        .key(KeyCode::Char(':'))
        .type_text(query)
        .key(KeyCode::Enter);
    h.screen()
}

/// The line index of the first line containing `needle`.
fn at(screen: &str, needle: &str) -> usize {
    screen
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no {needle:?} in\n{screen}"))
}

#[test]
fn ninh_binh_lists_ha_nam_s_term_under_inherited_from() {
    let mut h = Harness::demo(110, 45);
    let s = show(&mut h, "truong chinh tri tinh ninh binh");
    assert!(s.contains("┌Trường Chính trị tỉnh Ninh Bình"), "{s}");
    let heading = at(&s, "Kế thừa từ");
    let ha_nam = at(&s, "Trường Chính trị tỉnh Hà Nam (01/07/2025)");
    let term = at(&s, "2021 · Cụm trưởng Cụm 4");
    let nam_dinh = at(&s, "Trường Chính trị tỉnh Nam Định (01/07/2025)");
    assert!(
        heading < ha_nam && ha_nam < term && term < nam_dinh,
        "Hà Nam's 2021 term sits under Hà Nam, under the heading:\n{s}"
    );
    // Ninh Bình's own terms are still its own.
    assert!(at(&s, "2022 · Cụm trưởng Cụm 4") > nam_dinh, "{s}");
    // The copied detail carries it as well.
    h.key(KeyCode::Char('y'));
    let copied = h.effects.clipboard.clone().unwrap_or_default();
    assert!(copied.contains("Kế thừa từ"), "{copied}");
    assert!(copied.contains("2021 · Cụm trưởng Cụm 4"), "{copied}");

    // In English.
    h.key(KeyCode::F(2));
    let s = h.screen();
    assert!(s.contains("Inherited from"), "{s}");
    assert!(s.contains("2021 · head of Cụm 4"), "{s}");

    // A school with no predecessor has no such heading.
    h.key(KeyCode::F(2));
    let s = show(&mut h, "truong chinh tri tinh ha nam");
    assert!(!s.contains("Kế thừa từ"), "{s}");
    // The merged school names its successor.
    assert!(
        s.contains("sáp nhập vào Trường Chính trị tỉnh Ninh Bình"),
        "{s}"
    );
}

/// The candidates the focused picker offers for a search.
fn offered(h: &mut Harness, query: &str) -> Vec<String> {
    h.type_text(query);
    let names = h
        .app
        .form()
        .and_then(|f| f.current())
        .map(|f| f.candidates.iter().map(|c| c.1.clone()).collect())
        .unwrap_or_default();
    for _ in query.chars() {
        h.key(KeyCode::Backspace);
    }
    names
}

fn offers(names: &[String], name: &str) -> bool {
    names.iter().any(|n| n.contains(name))
}

#[test]
fn pickers_of_a_year_leave_out_schools_merged_before_it() {
    let mut h = Harness::demo(110, 40);
    let cluster = cluster_id(&h.store, 4);
    h.app.jump_to(thidua::store::Kind::Cluster, cluster.0);

    // The membership of a year: the cluster form.
    h.key(KeyCode::Char('e'));
    h.focus_field("member_year").clear_field().type_text("2026");
    h.focus_field("members");
    let names = offered(&mut h, "ha nam");
    assert!(!offers(&names, "Hà Nam"), "{names:?}");
    assert!(offers(&offered(&mut h, "ninh binh"), "Ninh Bình"));
    // Merged on 01/07/2025, it was still there in 2025.
    h.focus_field("member_year").clear_field().type_text("2025");
    h.focus_field("members");
    assert!(offers(&offered(&mut h, "ha nam"), "Hà Nam"));
    h.discard();

    // A term's head and deputies: the term form of the cluster's timeline.
    h.key(KeyCode::Enter).key(KeyCode::Char('n'));
    assert!(h.app.form().is_some(), "{}", h.screen());
    h.focus_field("year").clear_field().type_text("2026");
    h.focus_field("head");
    assert!(!offers(&offered(&mut h, "hai duong"), "Hải Dương"));
    assert!(offers(&offered(&mut h, "hai phong"), "Hải Phòng"));
    h.focus_field("deputies");
    assert!(!offers(&offered(&mut h, "thai binh"), "Thái Bình"));
    h.focus_field("year").clear_field().type_text("2025");
    h.focus_field("head");
    assert!(offers(&offered(&mut h, "hai duong"), "Hải Dương"));
}

#[test]
fn a_ballot_for_next_years_head_leaves_out_a_school_merged_by_then() {
    let mut h = Harness::demo(110, 40);
    let (_, sheet) = practice_sheet(&h.store);
    assert_eq!(sheet.year, 2024);
    // One practice school merges into another in July of the sheet's year.
    let (gone, into) = (sheet.schools[2], sheet.schools[3]);
    let mut school = h.store.must_get::<School>(gone).expect("school");
    school.lineage.push(LineageEvent {
        date: Date::new(2024, 7, 1).ok(),
        kind: LineageKind::MergedInto,
        other: Some(into),
        note: String::new(),
        sources: Vec::new(),
    });
    h.store.update("setup", gone, school).expect("merge");
    h.action(Action::Refresh);

    h.key(KeyCode::Char('4'))
        .key(KeyCode::Enter)
        .key(KeyCode::Char('b'));
    let candidates = |h: &Harness| -> Vec<u64> {
        h.app
            .form()
            .map(|f| f.fields.iter().filter_map(|f| f.about).collect())
            .unwrap_or_default()
    };
    // The flag of 2024: the school merged in July took part.
    assert!(candidates(&h).contains(&gone.0), "{}", h.screen());
    // Next year's head: it is gone by 2025.
    h.focus_field("question");
    h.key(KeyCode::Right).key(KeyCode::Right);
    let head = candidates(&h);
    assert_eq!(head.len(), sheet.schools.len() - 1, "{}", h.screen());
    assert!(!head.contains(&gone.0), "{}", h.screen());
}
