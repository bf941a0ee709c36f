//! Screen snapshots (insta) of the real App on ratatui's `TestBackend`: every
//! pane at 80×24, the Vietnamese-heavy details, a form with a validation
//! error, the palette, help, the too-small screen and English at 100×30.
//!
//! The demo's database label is fixed to `test.db` by the harness, and no
//! screen here shows a time or a path, so the text is the same on every
//! machine. Create or update with `INSTA_UPDATE=always cargo test --test
//! tui_snapshots`, then read every changed `.snap` file.

mod common;

use common::tui::Harness;
use crossterm::event::KeyCode;
use insta::assert_snapshot;

/// The screen, checked for anything that would differ between machines.
fn screen(h: &mut Harness) -> String {
    let s = h.screen();
    let dir = h.dir.path().to_string_lossy().to_string();
    assert!(!s.contains(&dir), "a temp path leaked into the screen: {s}");
    assert!(!s.contains("/tmp"), "{s}");
    s
}

#[test]
fn pane_schools_80x24() {
    let mut h = Harness::demo(80, 24);
    assert_snapshot!("pane_schools_80x24", screen(&mut h));
}

#[test]
fn pane_clusters_80x24() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('2'));
    assert_snapshot!("pane_clusters_80x24", screen(&mut h));
}

#[test]
fn pane_meetings_80x24() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('3'));
    assert_snapshot!("pane_meetings_80x24", screen(&mut h));
}

#[test]
fn pane_sheets_80x24() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('4'));
    assert_snapshot!("pane_sheets_80x24", screen(&mut h));
}

#[test]
fn sheet_grid_focused_80x24() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('4')).key(KeyCode::Enter);
    assert_snapshot!("sheet_grid_focused_80x24", screen(&mut h));
}

#[test]
fn pane_people_80x24() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('5'));
    assert_snapshot!("pane_people_80x24", screen(&mut h));
}

#[test]
fn school_detail_ha_nam_80x24() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char(':'))
        .type_text("ha nam")
        .key(KeyCode::Enter)
        .key(KeyCode::Enter);
    assert_snapshot!("school_detail_ha_nam_80x24", screen(&mut h));
}

#[test]
fn school_detail_ninh_binh_with_predecessors_80x24() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char(':'))
        .type_text("truong chinh tri tinh ninh binh")
        .key(KeyCode::Enter);
    assert_snapshot!(
        "school_detail_ninh_binh_with_predecessors_80x24",
        screen(&mut h)
    );
}

#[test]
fn cluster4_timeline_80x24() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('2')).key(KeyCode::Enter);
    assert_snapshot!("cluster4_timeline_80x24", screen(&mut h));
}

#[test]
fn cluster4_timeline_2023_selected_80x24() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('2'))
        .key(KeyCode::Enter)
        .key(KeyCode::Down)
        .key(KeyCode::Down);
    assert_snapshot!("cluster4_timeline_2023_selected_80x24", screen(&mut h));
}

#[test]
fn meeting_detail_toa_dam_80x24() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char(':'))
        .type_text("toa dam")
        .key(KeyCode::Enter)
        .key(KeyCode::Enter);
    assert_snapshot!("meeting_detail_toa_dam_80x24", screen(&mut h));
}

#[test]
fn form_with_validation_error_80x24() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('n'))
        .type_text("Trường Chính trị tỉnh Thử");
    for _ in 0..4 {
        h.key(KeyCode::Tab);
    }
    h.type_text("ninh b").key(KeyCode::Enter);
    h.key(KeyCode::Tab).type_text("31/02/2024");
    h.ctrl('s');
    assert!(h.app.form().is_some());
    assert_snapshot!("form_with_validation_error_80x24", screen(&mut h));
}

#[test]
fn form_picker_candidates_80x24() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('3')).key(KeyCode::Char('n'));
    for _ in 0..10 {
        h.key(KeyCode::Tab);
    }
    h.type_text("ngo thi");
    assert_snapshot!("form_picker_candidates_80x24", screen(&mut h));
}

#[test]
fn confirm_delete_80x24() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('5')).key(KeyCode::Char('d'));
    assert_snapshot!("confirm_delete_80x24", screen(&mut h));
}

#[test]
fn palette_with_results_80x24() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char(':')).type_text("ninh");
    assert!(h.app.palette().unwrap().hits.len() > 3);
    assert_snapshot!("palette_with_results_80x24", screen(&mut h));
}

#[test]
fn help_overlay_80x24() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('?'));
    assert_snapshot!("help_overlay_80x24", screen(&mut h));
}

#[test]
fn too_small_79x23() {
    let mut h = Harness::demo(80, 24);
    h.resize(79, 23);
    assert_snapshot!("too_small_79x23", screen(&mut h));
}

#[test]
fn english_cluster4_timeline_100x30() {
    let mut h = Harness::demo(100, 30);
    h.key(KeyCode::F(2))
        .key(KeyCode::Char('2'))
        .key(KeyCode::Enter);
    assert_snapshot!("english_cluster4_timeline_100x30", screen(&mut h));
}

#[test]
fn english_schools_100x30() {
    let mut h = Harness::demo(100, 30);
    h.key(KeyCode::F(2));
    assert_snapshot!("english_schools_100x30", screen(&mut h));
}

#[test]
fn academy_year_2022_80x24() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('Y'))
        .key(KeyCode::Down)
        .key(KeyCode::Char(' '));
    assert_snapshot!("academy_year_2022_80x24", screen(&mut h));
}

#[test]
fn academy_year_deciding_80x24() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('Y'))
        .key(KeyCode::Down)
        .key(KeyCode::Char(' '))
        .key(KeyCode::Char(' '))
        .key(KeyCode::Char('D'))
        .type_text("45-QĐ/HVCTQG")
        .key(KeyCode::Tab)
        .type_text("20/01/2023");
    assert_snapshot!("academy_year_deciding_80x24", screen(&mut h));
}

#[test]
fn school_detail_chart_80x24() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char(':'))
        .type_text("minh hoa a")
        .key(KeyCode::Enter);
    assert_snapshot!("school_detail_chart_80x24", screen(&mut h));
}

#[test]
fn cluster4_glance_80x24() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('2'))
        .key(KeyCode::Enter)
        .key(KeyCode::PageDown);
    assert_snapshot!("cluster4_glance_80x24", screen(&mut h));
}
