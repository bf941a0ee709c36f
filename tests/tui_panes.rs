//! The five panes driven by keys on ratatui's `TestBackend`: what each shows
//! from the demo data, moving the selection, the accent-free filter, the
//! palette jump, help generated from the keymap, the language switch, the
//! too-small screen, and the practice score sheet's totals and ranks.

mod common;

use common::tui::Harness;
use common::{cluster_id, practice_sheet, school_id};
use crossterm::event::KeyCode;
use std::collections::HashMap;
use std::sync::Arc;
use thidua::app::{App, Context, Focus, Keymap, Pane};
use thidua::domain::*;
use thidua::i18n::{Lang, tr};
use thidua::store::Kind;

// ---------------------------------------------------------------- helpers

/// Line `n` of the screen.
fn line(screen: &str, n: usize) -> String {
    screen.lines().nth(n).unwrap_or_default().to_string()
}

/// The title of the right-hand (detail) box on the first body line.
fn detail_title(screen: &str) -> String {
    let l = line(screen, 1);
    let right = l.split("┐┌").nth(1).unwrap_or_default();
    right.trim_end_matches(['─', '┐']).to_string()
}

/// The title of the left-hand (list) box.
fn list_title(screen: &str) -> String {
    let l = line(screen, 1);
    let left = l.split("┐┌").next().unwrap_or_default();
    left.trim_start_matches('┌')
        .trim_end_matches(['─', '┐'])
        .to_string()
}

/// The list box's bottom border: its row on screen and its text.
fn list_bottom(screen: &str) -> (usize, String) {
    screen
        .lines()
        .enumerate()
        .skip(2)
        .find(|(_, l)| l.starts_with('└'))
        .map(|(y, l)| (y, l.to_string()))
        .unwrap_or_else(|| panic!("no list box: {screen}"))
}

/// The filter shown on the list's bottom border (`└/text───┘`), if any.
fn list_filter(screen: &str) -> Option<String> {
    let (_, l) = list_bottom(screen);
    let rest = l.strip_prefix('└')?.strip_prefix('/')?;
    Some(
        rest.chars()
            .take_while(|c| !matches!(c, '─' | '┘'))
            .collect(),
    )
}

/// Where the caret should be while typing `typed` into the filter: just
/// after it on the list's bottom border, behind `└/`.
fn filter_caret(screen: &str, typed: &str) -> (u16, u16) {
    let (y, _) = list_bottom(screen);
    let x = "└/".chars().count() + typed.chars().count();
    (x as u16, y as u16)
}

/// The text of the list column (inside its border), rows under the header.
fn list_rows_on_screen(screen: &str, list_width: usize) -> Vec<String> {
    screen
        .lines()
        .skip(2)
        .take_while(|l| !l.starts_with('└'))
        .map(|l| {
            l.chars()
                .skip(1)
                .take(list_width - 2)
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .filter(|l| !l.is_empty())
        .collect()
}

/// Text with every run of whitespace (including line breaks made by
/// wrapping) as one space.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of the detail column at 80 columns (inside its border).
fn detail_text(screen: &str) -> String {
    screen
        .lines()
        .skip(2)
        .take_while(|l| !l.starts_with('└'))
        .map(|l| {
            l.chars()
                .skip(33)
                .collect::<String>()
                .trim_end_matches('│')
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn meeting_id(h: &Harness, title_start: &str) -> u64 {
    h.store
        .all::<Meeting>()
        .unwrap()
        .into_iter()
        .find(|(_, m)| m.title.starts_with(title_start))
        .unwrap_or_else(|| panic!("no meeting {title_start}"))
        .0
        .0
}

fn person_id(h: &Harness, name: &str) -> u64 {
    h.store
        .all::<Person>()
        .unwrap()
        .into_iter()
        .find(|(_, p)| p.name == name)
        .unwrap_or_else(|| panic!("no person {name}"))
        .0
        .0
}

/// Filters the current list and returns the first cells of the visible rows.
fn filter(h: &mut Harness, q: &str) -> Vec<String> {
    h.key(KeyCode::Char('/')).type_text(q);
    visible_first_cells(h)
}

fn visible_first_cells(h: &Harness) -> Vec<String> {
    let l = h.app.list();
    l.visible
        .iter()
        .map(|i| l.rows[*i].cells[0].clone())
        .collect()
}

fn visible_ids(h: &Harness) -> Vec<u64> {
    let l = h.app.list();
    l.visible.iter().map(|i| l.rows[*i].id).collect()
}

// ---------------------------------------------------------------- Trường

#[test]
fn schools_pane_shows_the_demo_and_the_selection_drives_the_detail() {
    let mut h = Harness::demo(80, 24);
    let n = h.store.all::<School>().unwrap().len();
    assert_eq!(n, 27, "the demo has 21 real and 6 practice schools");
    let s = h.screen();
    assert!(s.contains(" 1 Trường "), "{s}");
    assert_eq!(list_title(&s), format!("Trường ({n})"), "{s}");
    let rows = list_rows_on_screen(&s, 32);
    // One column: the short name, and where a merged school went.
    assert_eq!(rows[0], "Trường", "header: {s}");
    assert_eq!(rows[1], "Bà Rịa – Vũng Tàu", "{s}");
    assert_eq!(rows[2], "Bắc Giang → Bắc Ninh", "{s}");
    assert!(rows.contains(&"Hà Nam → Ninh Bình".to_string()), "{s}");
    assert!(rows.contains(&"Ninh Bình".to_string()), "{s}");
    assert!(
        rows.contains(&"Hoàng Văn Thụ Lạng Sơn".to_string()),
        "an honorific name is its short name: {s}"
    );
    assert_eq!(rows.len(), 19, "header plus 18 rows fit at 80×24: {s}");
    assert_eq!(
        detail_title(&s),
        "Trường Chính trị tỉnh Bà Rịa – Vũng Tàu",
        "{s}"
    );
    let d = detail_text(&s);
    assert!(d.contains("Tỉnh/thành phố: Bà Rịa – Vũng Tàu"), "{d}");
    assert!(d.contains("2019 · Cụm trưởng Cụm 8"), "{d}");
    assert!(
        d.contains("2019 · Cờ thi đua của Học viện (đề nghị)"),
        "{d}"
    );

    // Down and `j` move; the detail follows.
    h.key(KeyCode::Down);
    let s = h.screen();
    assert_eq!(detail_title(&s), "Trường Chính trị tỉnh Bắc Giang", "{s}");
    let d = flat(&detail_text(&s));
    assert!(
        d.contains("Tình trạng: sáp nhập vào Trường Chính trị tỉnh Bắc Ninh từ 01/07/2025"),
        "{d}"
    );
    h.key(KeyCode::Char('j'));
    assert_eq!(
        detail_title(&h.screen()),
        "Trường Chính trị tỉnh Bình Dương"
    );
    h.key(KeyCode::Char('k')).key(KeyCode::Up);
    assert_eq!(
        detail_title(&h.screen()),
        "Trường Chính trị tỉnh Bà Rịa – Vũng Tàu"
    );
    // End: the last row is practice data, marked as such.
    h.key(KeyCode::End);
    let s = h.screen();
    assert_eq!(
        detail_title(&s),
        "Trường Chính trị Minh họa F (ví dụ minh họa)",
        "{s}"
    );
    assert!(detail_text(&s).starts_with("(ví dụ minh họa)"), "{s}");
    assert!(
        list_rows_on_screen(&s, 32)
            .last()
            .unwrap()
            .starts_with("Minh họa F"),
        "the list scrolled to the end: {s}"
    );
    h.key(KeyCode::PageUp).key(KeyCode::Home);
    assert_eq!(h.app.list().selected, 0);
    assert_eq!(
        detail_title(&h.screen()),
        "Trường Chính trị tỉnh Bà Rịa – Vũng Tàu"
    );
    h.key(KeyCode::PageDown);
    assert_eq!(h.app.list().selected, 18, "a page is the 18 rows shown");

    // Enter focuses the detail; Esc gives the keyboard back to the list.
    h.key(KeyCode::Home).key(KeyCode::Enter);
    assert_eq!(h.app.focus, Focus::Detail);
    assert!(h.keybar().starts_with(" Esc Quay lại"), "{}", h.keybar());
    h.key(KeyCode::Esc);
    assert_eq!(h.app.focus, Focus::List);
    assert!(h.keybar().starts_with(" / Lọc"), "{}", h.keybar());
}

#[test]
fn schools_filter_is_accent_free_and_esc_restores() {
    let mut h = Harness::demo(80, 24);
    let all = visible_ids(&h);
    assert_eq!(all.len(), 27);

    assert_eq!(filter(&mut h, "ha nam"), vec!["Hà Nam → Ninh Bình"]);
    let s = h.screen();
    assert_eq!(list_title(&s), "Trường (1)", "{s}");
    assert_eq!(list_filter(&s).as_deref(), Some("ha nam"), "{s}");
    assert_eq!(
        list_rows_on_screen(&s, 32),
        vec!["Trường", "Hà Nam → Ninh Bình"],
        "header + Hà Nam: {s}"
    );
    assert_eq!(detail_title(&s), "Trường Chính trị tỉnh Hà Nam", "{s}");
    // The caret sits after the filter text on the bottom border.
    assert_eq!(h.cursor(), Some(filter_caret(&s, "ha nam")), "{s}");
    h.key(KeyCode::Esc);
    assert_eq!(visible_ids(&h), all, "Esc while typing clears the filter");
    let s = h.screen();
    assert_eq!(list_title(&s), "Trường (27)", "{s}");
    assert_eq!(list_filter(&s), None, "the filter left the border: {s}");
    assert_eq!(h.cursor(), None, "no caret once the filter is gone");

    // Honorific names count, without accents.
    assert_eq!(filter(&mut h, "to hieu"), vec!["Tô Hiệu Hải Phòng"]);
    h.key(KeyCode::Esc);
    // Enter keeps the filter; Esc in the list clears it.
    assert_eq!(filter(&mut h, "dong nai"), vec!["Đồng Nai"]);
    h.key(KeyCode::Enter);
    assert!(!h.app.list().filtering);
    let s = h.screen();
    assert_eq!(list_title(&s), "Trường (1)", "{s}");
    assert_eq!(
        list_filter(&s).as_deref(),
        Some("dong nai"),
        "a kept filter stays shown: {s}"
    );
    assert_eq!(h.cursor(), None, "no caret once the typing is done");
    assert_eq!(detail_title(&s), "Trường Chính trị tỉnh Đồng Nai", "{s}");
    // With the filter kept, Enter opens the detail.
    h.key(KeyCode::Enter);
    assert_eq!(h.app.focus, Focus::Detail);
    h.key(KeyCode::Esc).key(KeyCode::Esc);
    assert_eq!(visible_ids(&h), all);
    let s = h.screen();
    assert_eq!(list_title(&s), "Trường (27)", "{s}");
    assert_eq!(list_filter(&s), None, "{s}");

    // A query that matches nothing leaves an empty list and no detail; the
    // bottom border has room for the whole query.
    assert!(filter(&mut h, "khong co truong").is_empty());
    let s = h.screen();
    assert_eq!(list_title(&s), "Trường (0)", "{s}");
    assert_eq!(list_filter(&s).as_deref(), Some("khong co truong"), "{s}");
    assert!(detail_text(&s).contains("Chưa có"), "{s}");
    h.key(KeyCode::Esc);
    assert_eq!(visible_ids(&h), all);
}

#[test]
fn clearing_the_filter_keeps_the_selected_record() {
    let mut h = Harness::demo(80, 24);
    let hanam = school_id(&h.store, "Trường Chính trị tỉnh Hà Nam").0;
    filter(&mut h, "ha nam");
    h.key(KeyCode::Enter); // keep the filter
    assert_eq!(h.app.selected_id(), Some(hanam));
    h.key(KeyCode::Esc); // clear it
    assert_eq!(h.app.list().visible.len(), 27);
    assert_eq!(
        h.app.selected_id(),
        Some(hanam),
        "the school found with the filter should stay selected: {}",
        h.screen()
    );
}

#[test]
fn the_filter_being_typed_stays_readable_at_80_columns() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('2'));
    filter(&mut h, "dong nam bo");
    let s = h.screen();
    assert!(
        s.contains("dong nam bo"),
        "the typed filter is not on screen: {s}"
    );
    let (x, _) = h.cursor().unwrap();
    assert!(x < 31, "the caret stays inside the list box");
}

// ---------------------------------------------------------------- Cụm

#[test]
fn clusters_pane_shows_the_demo_moves_and_filters() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('2'));
    assert_eq!(h.app.pane, Pane::Clusters);
    let n = h.store.all::<Cluster>().unwrap().len();
    assert_eq!(n, 4);
    let s = h.screen();
    assert_eq!(list_title(&s), format!("Cụm & lịch sử ({n})"), "{s}");
    let rows = list_rows_on_screen(&s, 32);
    // One column: the label people use; the region is in the detail.
    assert_eq!(rows[1].trim_end(), "Cụm 4", "{s}");
    assert_eq!(rows[2].trim_end(), "Cụm 8", "{s}");
    assert_eq!(rows[3].trim_end(), "Cụm miền núi biên giới phía B…", "{s}");
    assert!(rows[4].starts_with("Cụm luyện tập"), "practice last: {s}");
    assert!(
        detail_title(&s).starts_with("Cụm 4 · Cụm thi đua các Trường Chính trị"),
        "{s}"
    );
    let d = detail_text(&s);
    assert!(d.contains("Khu vực: Đồng bằng sông Hồng"), "{d}");
    assert!(d.contains("Theo năm"), "{d}");
    assert!(d.contains("2021\n  Cụm trưởng: Hà Nam"), "{d}");
    assert!(d.contains("Giữ cờ luân lưu: Ninh Bình"), "{d}");

    h.key(KeyCode::Down);
    let s = h.screen();
    assert!(
        detail_title(&s).starts_with("Cụm 8 · Cụm thi đua số 8"),
        "{s}"
    );
    let d = detail_text(&s);
    assert!(d.contains("Khu vực: Đông Nam Bộ"), "{d}");
    assert!(d.contains("2019\n  Cụm trưởng: Bà Rịa – Vũng Tàu"), "{d}");
    assert!(d.contains("Cụm phó: Bình Thuận, Bình Dương"), "{d}");

    // Filtering by region, without accents.
    h.key(KeyCode::Home);
    assert_eq!(filter(&mut h, "dong nam bo"), vec!["Cụm 8"]);
    let s = h.screen();
    assert_eq!(list_title(&s), "Cụm & lịch sử (1)", "{s}");
    assert_eq!(list_filter(&s).as_deref(), Some("dong nam bo"), "{s}");
    assert_eq!(h.cursor(), Some(filter_caret(&s, "dong nam bo")), "{s}");
    h.key(KeyCode::Esc);
    assert_eq!(h.app.list().visible.len(), 4);
    // A long unnumbered name is labelled by its region.
    assert_eq!(
        filter(&mut h, "mien nui"),
        vec!["Cụm miền núi biên giới phía Bắc"]
    );
    h.key(KeyCode::Esc);
    let s = h.screen();
    assert_eq!(list_title(&s), "Cụm & lịch sử (4)", "{s}");
    assert_eq!(list_filter(&s), None, "{s}");
}

#[test]
fn cluster_detail_takes_the_keyboard_and_moves_through_the_years() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('2')).key(KeyCode::Enter);
    assert_eq!(h.app.focus, Focus::Detail);
    // Cụm 4 has terms 2021, 2022, 2023.
    let c4 = cluster_id(&h.store, 4).0;
    assert_eq!(h.app.selected_id(), Some(c4));
    let items = h.app.detail_items();
    assert_eq!(items.len(), 3);
    assert!(items.iter().all(|(k, _)| *k == Kind::Term));
    h.key(KeyCode::Down).key(KeyCode::Down);
    assert_eq!(h.app.detail().selected, 2);
    let s = h.screen();
    // The selected year scrolls into view with its head and deputies.
    let d = detail_text(&s);
    assert!(
        d.contains("2023\n  Cụm trưởng: Nguyễn Văn Linh Hưng Yên"),
        "{d}"
    );
    h.key(KeyCode::Down);
    assert_eq!(h.app.detail().selected, 2, "stops at the last year");
    h.key(KeyCode::Up);
    assert_eq!(h.app.detail().selected, 1);
    h.key(KeyCode::Esc);
    assert_eq!(h.app.focus, Focus::List);
}

#[test]
fn everything_in_the_cluster_detail_can_be_reached_by_keys() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('2')).key(KeyCode::Enter);
    let mut seen = h.screen().contains("Thành viên theo năm");
    for k in [KeyCode::End, KeyCode::PageDown, KeyCode::Down] {
        for _ in 0..10 {
            h.key(k);
            seen |= h.screen().contains("Thành viên theo năm");
        }
    }
    assert!(
        seen,
        "the members by year never came into view: {}",
        h.screen()
    );
}

// ---------------------------------------------------------------- Hội nghị

#[test]
fn meetings_pane_shows_the_demo_moves_and_filters() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('3'));
    let n = h.store.all::<Meeting>().unwrap().len();
    assert_eq!(n, 8, "seven from the articles and the practice conference");
    let s = h.screen();
    assert_eq!(list_title(&s), format!("Hội nghị ({n})"), "{s}");
    let rows = list_rows_on_screen(&s, 32);
    assert_eq!(rows[0], "Ngày       Loại · cụm", "header: {s}");
    let dates: Vec<String> = rows
        .iter()
        .skip(1)
        .map(|r| r.chars().take(10).collect())
        .collect();
    assert_eq!(
        dates,
        vec![
            "06/12/2024",
            "23/11/2023",
            "10/02/2023",
            "11/11/2022",
            "11/11/2022",
            "23/11/2020",
            "22/11/2019",
            "—         "
        ],
        "newest first, undated last: {s}"
    );
    // Rows say what kind, then which cluster (cut first, so the kind
    // survives); the title is in the detail.
    assert_eq!(rows[4], "11/11/2022 Tổng kết · Cụm 4", "{s}");
    assert_eq!(rows[5], "11/11/2022 Tọa đàm · Cụm 4", "{s}");
    assert_eq!(rows[7], "22/11/2019 Tổng kết · Cụm 8", "{s}");
    assert!(rows[1].starts_with("06/12/2024 Tổng kết · Cụm luy"), "{s}");
    assert!(rows[2].starts_with("23/11/2023 Tổng kết · Cụm"), "{s}");
    assert!(rows[3].starts_with("10/02/2023 Phối hợp · "), "{s}");
    assert!(
        !s.contains("│23/11/2023 Hội nghị"),
        "no title in the list: {s}"
    );
    // The practice conference first, with its papers' facts.
    assert!(
        detail_title(&s).starts_with("Hội nghị tổng kết phong trào thi đua năm 2024"),
        "{s}"
    );
    assert!(detail_text(&s).contains("Ngày: 06/12/2024"), "{s}");
    h.key(KeyCode::Down);
    let s = h.screen();
    assert!(
        detail_title(&s).starts_with("Hội nghị tổng kết cụm thi đua"),
        "{s}"
    );
    let d = detail_text(&s);
    assert!(d.contains("Ngày: 23/11/2023"), "{d}");
    assert!(d.contains("Địa điểm: Điện Biên"), "{d}");
    assert!(d.contains("Học viên: hơn 22 nghìn"), "{d}");

    h.key(KeyCode::Down);
    let s = h.screen();
    assert!(
        detail_title(&s).starts_with("Hội nghị công tác phối hợp"),
        "{s}"
    );
    let d = detail_text(&s);
    assert!(d.contains("Loại: Hội nghị phối hợp"), "{d}");
    assert!(d.contains("Địa điểm: Thành phố Lạng Sơn"), "{d}");
    assert!(d.contains("Trường Chính trị tỉnh Lạng Sơn"), "{d}");

    let reviews = filter(&mut h, "tong ket");
    assert_eq!(
        reviews,
        vec![
            "06/12/2024",
            "23/11/2023",
            "11/11/2022",
            "23/11/2020",
            "22/11/2019"
        ]
    );
    let s = h.screen();
    assert_eq!(list_title(&s), "Hội nghị (5)", "{s}");
    assert_eq!(list_filter(&s).as_deref(), Some("tong ket"), "{s}");
    assert!(
        !s.contains("10/02/2023"),
        "the coordination meeting is gone: {s}"
    );
    h.key(KeyCode::Esc);
    assert_eq!(h.app.list().visible.len(), 8);
    assert!(h.screen().contains("10/02/2023"));
}

// ---------------------------------------------------------------- Bảng điểm

/// Hundredths shown the Vietnamese way: `89`, `89,5`, `89,25`.
fn vn_points(v: i64) -> String {
    let (w, f) = (v / 100, v % 100);
    match f {
        0 => format!("{w}"),
        f if f % 10 == 0 => format!("{w},{}", f / 10),
        f => format!("{w},{f:02}"),
    }
}

struct MyTotals {
    total: i64,
    groups: HashMap<String, i64>,
    crit: HashMap<String, i64>,
    bonus: i64,
    penalties: i64,
    self_total: i64,
}

/// Totals computed here from the stored cells, independently of the app.
fn my_totals(sheet: &ScoreSheet, table: &CriteriaTable, school: SchoolId) -> MyTotals {
    let get = |code: &str, own: bool| -> i64 {
        sheet
            .cells
            .iter()
            .find(|c| c.school == school && c.item == code)
            .and_then(|c| if own { c.self_score } else { c.cluster_score })
            .map_or(0, |p| p.0)
    };
    let sum_of = |own: bool| {
        let crit: i64 = table
            .groups
            .iter()
            .flat_map(|g| &g.criteria)
            .map(|c| get(&c.code, own))
            .sum();
        let bonus: i64 = table.bonus.iter().map(|c| get(&c.code, own)).sum();
        let pen: i64 = table.penalties.iter().map(|c| get(&c.code, own)).sum();
        let bonus = bonus.min(table.bonus_cap.0);
        (crit + bonus - pen, bonus, pen)
    };
    let (total, bonus, penalties) = sum_of(false);
    let (self_total, _, _) = sum_of(true);
    MyTotals {
        total,
        groups: table
            .groups
            .iter()
            .map(|g| {
                (
                    g.code.clone(),
                    g.criteria.iter().map(|c| get(&c.code, false)).sum(),
                )
            })
            .collect(),
        crit: table
            .groups
            .iter()
            .flat_map(|g| &g.criteria)
            .map(|c| (c.code.clone(), get(&c.code, false)))
            .collect(),
        bonus,
        penalties,
        self_total,
    }
}

/// The ordering key: higher is better, so sort descending.
fn my_key(t: &MyTotals, table: &CriteriaTable) -> Vec<i64> {
    let mut k = vec![t.total];
    for tb in &table.tie_break {
        k.push(match tb {
            TieBreak::GroupScore(g) => t.groups.get(g).copied().unwrap_or(0),
            TieBreak::CriterionScore(c) => t.crit.get(c).copied().unwrap_or(0),
            TieBreak::MoreBonus => t.bonus,
            TieBreak::FewerPenalties => -t.penalties,
            TieBreak::SelfTotal => t.self_total,
        });
    }
    k
}

#[test]
fn sheets_pane_shows_totals_and_ranks_that_match_the_stored_cells() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('4'));
    let s = h.screen();
    assert_eq!(list_title(&s), "Bảng điểm (1)", "{s}");
    assert_eq!(
        list_rows_on_screen(&s, 32)[1],
        "2024   Cụm luyện tập (ví dụ m…",
        "a cut cell ends in …: {s}"
    );
    // The year and cluster first, so the narrow title still says which.
    assert!(
        detail_title(&s).starts_with("2024 · Cụm luyện tập (ví dụ minh họa) · "),
        "{s}"
    );
    // Below the sheet list, the ballots.
    assert!(s.contains("┌Kết quả bỏ phiếu"), "{s}");

    let sheets = h.store.all::<ScoreSheet>().unwrap();
    assert_eq!(sheets.len(), 1);
    let sheet = sheets[0].1.clone();
    let table = h
        .store
        .all::<CriteriaTable>()
        .unwrap()
        .into_iter()
        .find(|(id, _)| *id == sheet.table)
        .unwrap()
        .1;
    assert!(sheet.illustrative && table.illustrative);

    // Independent totals and standard competition ranks (1, 2, 2, 4).
    let mine: Vec<MyTotals> = sheet
        .schools
        .iter()
        .map(|s| my_totals(&sheet, &table, *s))
        .collect();
    let keys: Vec<Vec<i64>> = mine.iter().map(|t| my_key(t, &table)).collect();
    let ranks: Vec<String> = keys
        .iter()
        .map(|k| {
            let better = keys.iter().filter(|o| *o > k).count();
            let tied = keys.iter().filter(|o| *o == k).count() > 1;
            if tied {
                format!("={}", better + 1)
            } else {
                (better + 1).to_string()
            }
        })
        .collect();
    let totals: Vec<String> = mine.iter().map(|t| vn_points(t.total)).collect();

    // Focus the grid: it takes the whole width. At 80 columns the first
    // schools show; the totals shown are the first ones computed.
    h.key(KeyCode::Enter);
    assert_eq!(h.app.focus, Focus::Detail);
    let s = h.screen();
    assert!(
        line(&s, 1).starts_with("┌2024 · Cụm luyện tập (ví dụ minh họa) · cụm chấm · 1–5/6─"),
        "the whole title once the grid has the width: {s}"
    );
    let (shown_totals, s) = footer_row(&mut h, "Tổng");
    assert!(shown_totals.len() >= 2, "{s}");
    assert_eq!(
        shown_totals[..],
        totals[..shown_totals.len()],
        "totals: {s}"
    );
    let (shown_ranks, s) = footer_row(&mut h, "Hạng");
    assert_eq!(shown_ranks[..], ranks[..shown_ranks.len()], "ranks: {s}");

    // Wide enough for every school.
    h.resize(160, 30);
    assert_eq!(sheet.schools.len(), 6);
    let (shown_totals, s) = footer_row(&mut h, "Tổng");
    assert_eq!(shown_totals, totals, "totals: {s}");
    let (shown_ranks, s) = footer_row(&mut h, "Hạng");
    assert_eq!(shown_ranks, ranks, "ranks: {s}");
    // Every item's row shows the cluster's scores, in column order.
    for (_, it) in table.items() {
        let expected: Vec<String> = sheet
            .schools
            .iter()
            .map(|sc| {
                sheet
                    .cells
                    .iter()
                    .find(|c| c.school == *sc && c.item == it.code)
                    .and_then(|c| c.cluster_score)
                    .map_or("·".to_string(), |p| vn_points(p.0))
            })
            .collect();
        let line = s
            .lines()
            .find(|l| {
                l.trim_start_matches('│')
                    .trim_start_matches(['+', '−'])
                    .starts_with(&format!("{} ", it.code))
            })
            .unwrap_or_else(|| panic!("no row {}: {s}", it.code));
        let tokens: Vec<String> = line
            .trim_matches('│')
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let values = tokens[tokens.len() - expected.len()..].to_vec();
        assert_eq!(values, expected, "row {}: {s}", it.code);
    }
}

/// The values of a footer row of the grid (`Tổng`, `Hạng`), and the screen.
fn footer_row(h: &mut Harness, label: &str) -> (Vec<String>, String) {
    let s = h.screen();
    let l = s
        .lines()
        .find(|l| l.starts_with(&format!("│{label} ")))
        .unwrap_or_else(|| panic!("no row {label}: {s}"))
        .to_string();
    let values = l
        .trim_matches('│')
        .split_whitespace()
        .skip(1)
        .map(str::to_string)
        .collect();
    (values, s)
}

#[test]
fn sheets_grid_cursor_moves_and_is_highlighted() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('4')).key(KeyCode::Enter);
    assert_eq!(h.app.focus, Focus::Detail);
    h.key(KeyCode::Right).key(KeyCode::Right).key(KeyCode::Down);
    assert_eq!(h.app.sheet_ui.cursor, (1, 2));
    // Clamped to the grid: 16 items by 6 schools.
    for _ in 0..30 {
        h.key(KeyCode::Down).key(KeyCode::Right);
    }
    assert_eq!(h.app.sheet_ui.cursor, (15, 5));
    h.key(KeyCode::Home);
    assert_eq!(h.app.sheet_ui.cursor, (0, 0));
    h.key(KeyCode::Char('l')).key(KeyCode::Char('j'));
    assert_eq!(h.app.sheet_ui.cursor, (1, 1));
    let _ = h.screen();

    // Exactly one cell is drawn selected: row I.2, the second school, and
    // it shows that school's stored score.
    let sheet = practice_sheet(&h.store).1;
    let expected = sheet
        .cells
        .iter()
        .find(|c| c.school == sheet.schools[1] && c.item == "I.2")
        .and_then(|c| c.cluster_score)
        .map(|p| vn_points(p.0))
        .unwrap();
    let theme = thidua::ui::theme::Theme::of(h.app.settings.theme);
    let buf = h.terminal.backend().buffer().clone();
    let selected = |x: u16, y: u16| {
        let c = &buf[(x, y)];
        !theme.selected.add_modifier.is_empty() && c.modifier.contains(theme.selected.add_modifier)
            || theme.selected.bg.is_some_and(|bg| c.bg == bg)
    };
    let mut rows_hit = Vec::new();
    let mut text = String::new();
    for y in 1..buf.area.height - 2 {
        for x in 0..buf.area.width {
            if selected(x, y) {
                if !rows_hit.contains(&y) {
                    rows_hit.push(y);
                }
                text.push_str(buf[(x, y)].symbol());
            }
        }
    }
    assert_eq!(rows_hit.len(), 1, "one selected row: {rows_hit:?}");
    let row: String = (0..buf.area.width)
        .map(|x| buf[(x, rows_hit[0])].symbol().to_string())
        .collect();
    assert!(row.starts_with("│I.2 "), "{row}");
    assert_eq!(text.trim(), expected, "the selected cell: {row}");
    h.key(KeyCode::Esc);
    assert_eq!(h.app.focus, Focus::List);
}

#[test]
fn sheets_filter_narrows_and_esc_restores() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('4'));
    assert_eq!(filter(&mut h, "luyen tap"), vec!["2024"]);
    h.key(KeyCode::Esc);
    assert!(filter(&mut h, "cum 4").is_empty());
    let s = h.screen();
    assert_eq!(list_title(&s), "Bảng điểm (0)", "{s}");
    assert_eq!(list_filter(&s).as_deref(), Some("cum 4"), "{s}");
    assert_eq!(h.cursor(), Some(filter_caret(&s, "cum 4")), "{s}");
    h.key(KeyCode::Esc);
    assert_eq!(h.app.list().visible.len(), 1);
    let s = h.screen();
    assert_eq!(list_title(&s), "Bảng điểm (1)", "{s}");
    assert_eq!(list_filter(&s), None, "{s}");
}

// ---------------------------------------------------------------- Người

#[test]
fn people_pane_shows_the_demo_moves_and_filters() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('5'));
    let people = h.store.all::<Person>().unwrap();
    assert_eq!(people.len(), 13, "seven from the articles, six practice");
    let s = h.screen();
    assert_eq!(list_title(&s), "Người (13)", "{s}");
    let rows = list_rows_on_screen(&s, 32);
    assert_eq!(rows.len(), 14, "{s}");
    assert!(rows[0].starts_with("Tên "), "header: {s}");
    // The name column is 16 wide; a longer name is cut and ends in `…`.
    let (name_head, _) = rows[0].split_once("Cơ quan").expect("header");
    let name_width = name_head.chars().count() - 1;
    assert_eq!(name_width, 16, "{s}");
    for (_, p) in &people {
        let shown: String = if p.name.chars().count() <= name_width {
            format!("{:name_width$} ", p.name)
        } else {
            let cut: String = p.name.chars().take(name_width - 1).collect();
            format!("{cut}… ")
        };
        assert!(
            rows.iter().any(|r| r.starts_with(&shown)),
            "{} missing as {shown:?}: {s}",
            p.name
        );
    }
    // The organisation column shows a school by its short name.
    assert!(
        rows.contains(&"Lưu Văn Hiền     Ninh Bình".to_string()),
        "{s}"
    );
    assert_eq!(detail_title(&s), "Đỗ Minh Trí", "{s}");
    assert!(
        detail_text(&s).contains("Trường: Trường Chính trị tỉnh Hưng Yên"),
        "{s}"
    );
    // Đỗ Thị Giang (practice), then Hoàng Thị Dung and Lê Thị Bình, come
    // between them in Vietnamese order.
    h.key(KeyCode::Down);
    assert!(detail_title(&h.screen()).starts_with("Đỗ Thị Giang"));
    for _ in 0..3 {
        h.key(KeyCode::Down);
    }
    let s = h.screen();
    assert_eq!(detail_title(&s), "Lưu Văn Hiền", "{s}");
    let d = detail_text(&s);
    assert!(d.contains("Trường: Trường Chính trị tỉnh Ninh Bình"), "{d}");
    assert!(
        d.contains("11/11/2022 · chủ trì Tọa đàm khoa học cấp"),
        "{d}"
    );

    assert!(h.screen().contains("Nguyễn Thị Thu"));
    assert_eq!(filter(&mut h, "nguyen van vien"), vec!["Nguyễn Văn Viên"]);
    let s = h.screen();
    assert_eq!(list_title(&s), "Người (1)", "{s}");
    assert_eq!(list_filter(&s).as_deref(), Some("nguyen van vien"), "{s}");
    assert!(!s.contains("Nguyễn Thị Thu"), "{s}");
    h.key(KeyCode::Esc);
    assert_eq!(h.app.list().visible.len(), 13);
    // The organisation column is searched as shown: Đỗ Minh Trí's school is
    // Nguyễn Văn Linh Hưng Yên.
    assert_eq!(
        filter(&mut h, "nguyen van"),
        vec![
            "Đỗ Minh Trí",
            "Nguyễn Văn An (ví dụ minh họa)",
            "Nguyễn Văn Viên"
        ]
    );
    h.key(KeyCode::Esc);
    assert_eq!(h.app.list().visible.len(), 13);
}

// ---------------------------------------------------------------- panes

#[test]
fn tab_shift_tab_and_digits_switch_panes() {
    let mut h = Harness::demo(80, 24);
    let order = [
        Pane::Schools,
        Pane::Clusters,
        Pane::Meetings,
        Pane::Sheets,
        Pane::People,
    ];
    for p in order.iter().skip(1).chain([&Pane::Schools]) {
        h.key(KeyCode::Tab);
        assert_eq!(h.app.pane, *p);
    }
    h.key(KeyCode::BackTab);
    assert_eq!(h.app.pane, Pane::People);
    for (i, p) in order.iter().enumerate() {
        h.key(KeyCode::Char(char::from(b'1' + i as u8)));
        assert_eq!(h.app.pane, *p);
        let s = h.screen();
        let title = tr(Lang::Vi, p.title());
        assert!(list_title(&s).starts_with(title), "{s}");
    }
}

// ---------------------------------------------------------------- palette

#[test]
fn palette_jumps_to_a_school_by_its_honorific_name() {
    let mut h = Harness::demo(80, 24);
    let langson = school_id(&h.store, "Trường Chính trị tỉnh Lạng Sơn").0;
    // Start elsewhere, with a filter that hides the target.
    h.key(KeyCode::Char('/'))
        .type_text("dong nai")
        .key(KeyCode::Enter);
    h.key(KeyCode::Char('3'));
    h.key(KeyCode::Char(':')).type_text("hoang van thu");
    let s = h.screen();
    assert!(s.contains("Tìm (không cần dấu)"), "{s}");
    assert!(s.contains("> hoang van thu"), "{s}");
    assert!(
        s.contains("Trường   Trường Chính trị Hoàng Văn Thụ (Lạng Sơn)"),
        "{s}"
    );
    h.key(KeyCode::Enter);
    assert!(h.app.palette().is_none());
    assert_eq!(h.app.pane, Pane::Schools);
    assert_eq!(h.app.selected_id(), Some(langson));
    let s = h.screen();
    assert_eq!(detail_title(&s), "Trường Chính trị tỉnh Lạng Sơn", "{s}");
    assert_eq!(
        list_title(&s),
        "Trường (27)",
        "the hiding filter was cleared: {s}"
    );
    assert!(detail_text(&s).contains("Tên gọi: Trường Chính trị Hoàng Văn Thụ"));
}

#[test]
fn palette_jumps_to_a_meeting_a_person_and_a_cluster() {
    let mut h = Harness::demo(80, 24);
    let toa_dam = meeting_id(&h, "Tọa đàm khoa học cấp Cụm năm 2022");
    let hien = person_id(&h, "Lưu Văn Hiền");
    let c4 = cluster_id(&h.store, 4).0;

    // Ctrl-K opens it too.
    h.ctrl('k').type_text("toa dam").key(KeyCode::Enter);
    assert_eq!(h.app.pane, Pane::Meetings);
    assert_eq!(h.app.selected_id(), Some(toa_dam));
    assert_eq!(
        detail_title(&h.screen()),
        "Tọa đàm khoa học cấp Cụm năm 2022"
    );

    h.key(KeyCode::Char(':')).type_text("luu van hien");
    let hits = &h.app.palette().unwrap().hits;
    assert_eq!((hits[0].kind, hits[0].id), (Kind::Person, hien));
    h.key(KeyCode::Enter);
    assert_eq!(h.app.pane, Pane::People);
    assert_eq!(h.app.selected_id(), Some(hien));
    assert_eq!(detail_title(&h.screen()), "Lưu Văn Hiền");

    h.key(KeyCode::Char(':')).type_text("dong bang song hong");
    let s = h.screen();
    assert!(s.contains("Cụm      Cụm 4 · Cụm thi đua"), "{s}");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.pane, Pane::Clusters);
    assert_eq!(h.app.selected_id(), Some(c4));
    assert!(detail_title(&h.screen()).starts_with("Cụm 4 · "));

    // ↓ picks the second result.
    h.key(KeyCode::Char(':')).type_text("ngo thi");
    let second = h.app.palette().unwrap().hits[1].clone();
    assert_eq!(second.kind, Kind::Person);
    h.key(KeyCode::Down).key(KeyCode::Enter);
    assert_eq!(h.app.pane, Pane::People);
    assert_eq!(h.app.selected_id(), Some(second.id));
    assert_eq!(detail_title(&h.screen()), second.title);

    // Esc closes without moving; nothing found says so.
    h.key(KeyCode::Char(':')).type_text("xyzxyz");
    assert!(h.screen().contains("Không tìm thấy kết quả"));
    h.key(KeyCode::Esc);
    assert!(h.app.palette().is_none());
    assert_eq!(h.app.selected_id(), Some(second.id));
}

// ---------------------------------------------------------------- help

/// The help overlay, parsed into (heading, [(keys, label)]) sections. The
/// overlay fills the body: the whole width, inside its border.
fn parse_help(screen: &str, width: usize) -> Vec<(String, Vec<(String, String)>)> {
    let left = 1;
    let mut out: Vec<(String, Vec<(String, String)>)> = Vec::new();
    let lines: Vec<&str> = screen.lines().collect();
    // Inside the overlay: below the top border, above the bottom border,
    // the status line and the key bar.
    for l in &lines[2..lines.len() - 3] {
        assert!(
            l.starts_with('│') && l.chars().count() == width && l.ends_with('│'),
            "the overlay fills the width: {l:?}"
        );
        let inner: String = l.chars().skip(left).take(width - 2).collect();
        if inner.starts_with('─') || inner.trim().is_empty() {
            continue;
        }
        if let Some(item) = inner.strip_prefix("  ") {
            let keys: String = item.chars().take(22).collect();
            let label: String = item.chars().skip(22).collect();
            out.last_mut()
                .expect("an item before any heading")
                .1
                .push((keys.trim().to_string(), label.trim().to_string()));
        } else {
            out.push((inner.trim().to_string(), Vec::new()));
        }
    }
    out
}

/// What the help should list, computed from the keymap table.
fn expected_help(km: &Keymap, lang: Lang) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    for ctx in Context::ALL {
        let mut items: Vec<(String, String)> = Vec::new();
        for b in km.bindings().iter().filter(|b| b.context == ctx) {
            let label = tr(lang, thidua::ui::labels::action(&b.action)).to_string();
            match items.iter_mut().find(|(_, l)| *l == label) {
                Some((keys, _)) => keys.push_str(&format!(", {}", b.key)),
                None => items.push((b.key.to_string(), label)),
            }
        }
        if !items.is_empty() {
            out.push((
                tr(lang, thidua::ui::labels::context(ctx)).to_string(),
                items,
            ));
        }
    }
    out
}

#[test]
fn help_lists_every_binding_of_the_keymap() {
    // Tall enough that the whole help fits without scrolling.
    let mut h = Harness::demo(100, 160);
    h.key(KeyCode::Char('?'));
    assert!(h.app.help().is_some());
    let s = h.screen();
    assert!(s.contains("┌Trợ giúp: phím tắt"), "{s}");
    let parsed = parse_help(&s, 100);
    let expected = expected_help(&h.app.keymap, Lang::Vi);
    assert_eq!(parsed, expected, "{s}");
    // Spot checks, so a wrong table cannot agree with itself.
    let global = &parsed[0];
    assert_eq!(global.0, "Mọi nơi");
    assert!(global.1.contains(&("q, Ctrl-C".into(), "Thoát".into())));
    assert!(global.1.contains(&(":, Ctrl-K".into(), "Tìm".into())));
    assert!(
        global
            .1
            .contains(&("F2".into(), "Tiếng Việt / English".into()))
    );
    let form = parsed.iter().find(|(h, _)| h == "Biểu mẫu").unwrap();
    assert!(form.1.contains(&("Ctrl-S".into(), "Lưu".into())));
    let confirm = parsed
        .iter()
        .find(|(h, _)| h == "Câu hỏi xác nhận")
        .unwrap();
    assert!(confirm.1.contains(&("y, c, Enter".into(), "Có".into())));
    assert!(confirm.1.contains(&("n, k, Esc".into(), "Không".into())));
    // The newer contexts are there with their bindings.
    let grid = parsed.iter().find(|(h, _)| h == "Bảng điểm").unwrap();
    for item in [
        ("v", "Xem"),
        ("L", "Khóa"),
        ("a", "Sửa đổi"),
        ("o", "Kết quả"),
        ("H", "Lịch sử"),
        ("x", "Xuất"),
    ] {
        assert!(
            grid.1.contains(&(item.0.into(), item.1.into())),
            "{item:?}: {grid:?}"
        );
    }
    for heading in ["Nhập điểm", "Câu hỏi", "Lịch sử thay đổi"] {
        assert!(
            parsed
                .iter()
                .any(|(h, items)| h == heading && !items.is_empty()),
            "{heading}: {s}"
        );
    }
    let list = parsed.iter().find(|(h, _)| h == "Danh sách").unwrap();
    assert!(
        list.1.contains(&("Enter".into(), "Mở / chọn".into())),
        "{list:?}"
    );
}

#[test]
fn help_overlay_scrolls_and_closes() {
    let mut h = Harness::demo(80, 24);
    let before = h.screen();
    h.key(KeyCode::Char('?'));
    let s = h.screen();
    assert!(s.contains("Trợ giúp: phím tắt"), "{s}");
    assert!(s.contains("q, Ctrl-C             Thoát"), "{s}");
    assert!(
        !s.contains("Ctrl-S"),
        "the form section is further down: {s}"
    );
    assert_eq!(h.keybar(), " Esc Quay lại");
    // Keys that mean something elsewhere do nothing under help.
    h.key(KeyCode::Char('2')).key(KeyCode::Char('n'));
    assert_eq!(h.app.pane, Pane::Schools);
    assert!(h.app.form().is_none());
    h.key(KeyCode::PageDown);
    let s = h.screen();
    assert!(!s.contains("q, Ctrl-C"), "a page down scrolls: {s}");
    let mut seen = false;
    for _ in 0..200 {
        h.key(KeyCode::Down);
        if h.screen().contains("Ctrl-S") {
            seen = true;
            break;
        }
    }
    assert!(seen, "scrolling reaches the form keys");
    h.key(KeyCode::PageUp).key(KeyCode::PageUp);
    h.key(KeyCode::PageUp).key(KeyCode::PageUp);
    for _ in 0..200 {
        h.key(KeyCode::Up);
    }
    assert!(h.screen().contains("q, Ctrl-C"), "back at the top");
    h.key(KeyCode::Esc);
    assert!(h.app.help().is_none());
    assert_eq!(h.screen(), before);
    // `?` toggles it.
    h.key(KeyCode::Char('?')).key(KeyCode::Char('?'));
    assert!(h.app.help().is_none());
}

/// An app over the harness's store with a keymap file applied.
fn with_keymap(h: &mut Harness, file: &str) {
    let mut km = Keymap::default();
    km.apply_file("keymap.txt", file).expect("keymap file");
    h.app = App::new(
        h.store.clone(),
        Arc::new(km),
        h.app.settings.clone(),
        (
            h.terminal.backend().buffer().area.width,
            h.terminal.backend().buffer().area.height,
        ),
    );
}

#[test]
fn a_binding_from_a_keymap_file_shows_in_help_and_key_bar_and_works() {
    let mut h = Harness::demo(100, 160);
    with_keymap(
        &mut h,
        "# x deletes\nlist x delete\nlist d none\nglobal ctrl-q quit\n",
    );
    let bar = h.keybar();
    assert!(bar.contains(" x Xóa "), "{bar}");
    assert!(!bar.contains(" d Xóa "), "{bar}");
    h.key(KeyCode::Char('?'));
    let parsed = parse_help(&h.screen(), 100);
    assert_eq!(parsed, expected_help(&h.app.keymap, Lang::Vi));
    let list = parsed.iter().find(|(h, _)| h == "Danh sách").unwrap();
    assert!(list.1.contains(&("x".into(), "Xóa".into())), "{list:?}");
    let global = parsed.iter().find(|(h, _)| h == "Mọi nơi").unwrap();
    assert!(
        global
            .1
            .contains(&("q, Ctrl-C, Ctrl-Q".into(), "Thoát".into())),
        "{global:?}"
    );
    h.key(KeyCode::Esc);
    // `d` no longer deletes from the list; `x` asks.
    h.key(KeyCode::Char('d'));
    assert!(h.app.confirm().is_none());
    h.key(KeyCode::Char('x'));
    let q = h.app.confirm().expect("x asks to delete");
    assert!(
        q.question.starts_with("Xóa Trường Chính trị tỉnh Bà Rịa"),
        "{}",
        q.question
    );
    h.key(KeyCode::Char('n'));
    assert!(h.app.confirm().is_none());
    h.ctrl('q');
    assert!(h.effects.quit);
}

#[test]
fn rebinding_in_the_natural_order_keeps_the_action_in_the_key_bar() {
    let mut h = Harness::demo(80, 24);
    with_keymap(&mut h, "list d none\nlist x delete\n");
    let bar = h.keybar();
    assert!(bar.contains(" x Xóa "), "{bar}");
}

#[test]
fn the_confirmation_box_shows_the_keys_of_the_keymap() {
    let mut h = Harness::demo(80, 24);
    with_keymap(&mut h, "confirm c none\nconfirm k none\n");
    h.key(KeyCode::Char('d'));
    let s = h.screen();
    assert!(h.app.confirm().is_some());
    h.key(KeyCode::Char('c'));
    assert!(h.app.confirm().is_some(), "c no longer answers");
    assert!(
        !s.contains("y/c/Enter"),
        "the box offers a key that does nothing: {s}"
    );
}

#[test]
fn q_and_ctrl_c_quit_from_the_list() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('q'));
    assert!(h.effects.quit);
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('3')).key(KeyCode::Enter).ctrl('c');
    assert!(h.effects.quit);
    // In the filter, q is typed, not quit.
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('/')).type_text("q");
    assert!(!h.effects.quit);
    assert_eq!(h.app.list().filter.text(), "q");
}

// ---------------------------------------------------------------- language

#[test]
fn f2_switches_labels_to_english_and_back() {
    let mut h = Harness::demo(80, 24);
    let vi = h.screen();
    h.key(KeyCode::F(2));
    let s = h.screen();
    assert_eq!(
        line(&s, 0),
        " 1 Schools   2 Clusters & history   3 Meetings   4 Score sheets   5 People"
    );
    assert_eq!(list_title(&s), "Schools (27)", "{s}");
    assert_eq!(list_rows_on_screen(&s, 32)[0], "School", "{s}");
    let d = detail_text(&s);
    assert!(d.contains("Province: Bà Rịa – Vũng Tàu"), "{d}");
    assert!(d.contains("Status: active"), "{d}");
    assert!(
        d.contains("2019 · Academy emulation flag (proposed)"),
        "{d}"
    );
    assert_eq!(h.status(), " test.db │ No changes yet");
    assert!(
        h.keybar()
            .starts_with(" / Filter  Enter Open / pick  n New"),
        "{}",
        h.keybar()
    );
    // Other panes and overlays follow.
    h.key(KeyCode::Char('2'));
    assert!(detail_text(&h.screen()).contains("Year by year"));
    h.key(KeyCode::Char('4'));
    let s = h.screen();
    assert!(detail_title(&s).starts_with("2024 · Cụm luyện tập"), "{s}");
    assert!(s.contains("│Total"), "{s}");
    assert!(s.contains("│Criterion"), "{s}");
    h.key(KeyCode::Char('?'));
    assert!(h.screen().contains("Help: keys"));
    h.key(KeyCode::Esc)
        .key(KeyCode::Char('1'))
        .key(KeyCode::Char('n'));
    let s = h.screen();
    assert!(s.contains("New school"), "{s}");
    assert!(s.contains("Name*"), "{s}");
    h.key(KeyCode::Esc);
    h.key(KeyCode::F(2));
    assert_eq!(h.screen(), vi, "F2 again is Vietnamese again");
}

// ---------------------------------------------------------------- size

#[test]
fn too_small_screens_ask_to_enlarge_and_resize_back_restores() {
    let mut h = Harness::demo(80, 24);
    let normal = h.screen();
    for (w, ht) in [(79, 23), (79, 24), (80, 23), (60, 10)] {
        h.resize(w, ht);
        let s = h.screen();
        assert!(
            s.contains("Vui lòng phóng to cửa sổ dòng lệnh"),
            "{w}×{ht}: {s}"
        );
        assert!(s.contains(&format!("{w}×{ht} → tối thiểu 80×24")), "{s}");
        assert!(!s.contains("Trường ("), "nothing else is drawn: {s}");
        // Keys still work and nothing panics.
        h.key(KeyCode::Down)
            .key(KeyCode::Char('?'))
            .key(KeyCode::Esc);
        h.key(KeyCode::Up);
        let _ = h.screen();
    }
    // Tiny terminals do not panic either.
    for (w, ht) in [(20, 3), (1, 1)] {
        h.resize(w, ht);
        let _ = h.screen();
    }
    h.key(KeyCode::F(2));
    h.resize(79, 23);
    assert!(h.screen().contains("Please enlarge the terminal"));
    h.key(KeyCode::F(2));
    h.resize(80, 24);
    assert_eq!(h.screen(), normal);
}

#[test]
fn an_open_form_survives_a_too_small_terminal() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('n')).type_text("Trường thử");
    h.resize(60, 10);
    let s = h.screen();
    assert!(s.contains("Vui lòng phóng to"), "{s}");
    h.resize(80, 24);
    let s = h.screen();
    assert!(s.contains("Thêm trường"), "{s}");
    assert!(s.contains("Trường thử"), "{s}");
}

#[test]
fn resize_keeps_the_selection_in_view() {
    let mut h = Harness::demo(80, 40);
    h.key(KeyCode::End);
    let last = h.app.selected_id();
    h.resize(80, 24);
    let s = h.screen();
    assert_eq!(h.app.selected_id(), last);
    assert!(
        list_rows_on_screen(&s, 32)
            .last()
            .unwrap()
            .starts_with("Minh họa F"),
        "{s}"
    );
}

#[test]
fn scrolling_back_from_the_end_of_a_detail_moves_at_once() {
    // A meeting's detail has no items, so ↓ scrolls it; 30 presses read it
    // to the end at 80×24.
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('3')).key(KeyCode::Enter);
    assert!(h.app.detail_items().is_empty());
    for _ in 0..30 {
        h.key(KeyCode::Down);
    }
    let at_end = h.screen();
    h.key(KeyCode::Down);
    assert_eq!(h.screen(), at_end, "the view stops at the end");
    h.key(KeyCode::Up);
    assert_ne!(
        h.screen(),
        at_end,
        "↑ after reading to the end scrolls back at once"
    );

    // Cụm 4: PgDn past the end, then PgUp.
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('2')).key(KeyCode::Enter);
    for _ in 0..5 {
        h.key(KeyCode::PageDown);
    }
    let at_end = h.screen();
    h.key(KeyCode::PageUp);
    assert_ne!(
        h.screen(),
        at_end,
        "PgUp after paging to the end scrolls back at once"
    );
}
